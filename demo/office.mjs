// What both demos start: the demo SmartOffice office (demo/office/ on
// loopback, its Menu script and frames borrowed from tests/fixtures/pages/
// under /pages/), the eMoney sandbox with the demo advisor and the clients
// of demo/seed.json, and the settings that point the extension at it.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../tests/e2e/support/sandbox.mjs';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OFFICE = join(ROOT, 'demo/office');
const FIXTURE_PAGES = join(ROOT, 'tests/fixtures/pages');
export const SEED = join(ROOT, 'demo/seed.json');
/** The demo advisor (the sandbox's own). */
export const LOGIN = { userName: 'advisor', password: 'sandbox' };
export const DOMAIN_LABEL = 'eMoney Sandbox';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
};

/** Serves the demo office on 127.0.0.1 (`port` 0: any free one). */
export async function startOffice(port = 0) {
  const server = createServer(async (request, response) => {
    let path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    if (path.includes('..')) return void response.writeHead(400).end();
    if (path === '/') path = '/index.html';
    const file = path.startsWith('/pages/') ? join(FIXTURE_PAGES, path.slice('/pages/'.length)) : join(OFFICE, path);
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' }).end(body);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const base = `http://127.0.0.1:${server.address().port}`;
  return { base, url: (path = '') => `${base}/${path}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Whether nothing listens on 127.0.0.1:`port`. */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** The sandbox with the demo's clients in it (in memory: every demo starts afresh). */
export async function startDemoSandbox(port = 0) {
  return startSandbox(['--port', String(port), '--seed', SEED]);
}

/** Points the extension (its service worker) at the demo's sandbox. */
export async function useSandbox(worker, base) {
  await worker.evaluate(
    ({ base, label }) =>
      chrome.storage.local.set({ settings: { domains: [{ label, apiBase: base, webBase: base }], offices: [], sendInvestments: true, sendPolicies: true } }),
    { base, label: DOMAIN_LABEL },
  );
}
