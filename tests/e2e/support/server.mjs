// Serves tests/fixtures/ on loopback, as SmartOffice would serve its pages.
// Pages whose name says "strict-csp" come with the Content-Security-Policy
// `script-src 'self'`, which forbids WebAssembly.
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

/**
 * Plain http on 127.0.0.1 by default; with `tls` ({ key, cert }) https, its
 * addresses named by `host` (a name the browser resolves to loopback).
 * `extra(path)` may answer pages that are not files (an HTML string).
 */
export async function startFixtureServer({ tls, host = '127.0.0.1', extra = () => undefined } = {}) {
  const serve = async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    if (path.includes('..')) {
      response.writeHead(400).end();
      return;
    }
    const made = extra(path);
    if (made !== undefined) {
      response.writeHead(200, { 'Content-Type': TYPES['.html'] }).end(made);
      return;
    }
    try {
      const body = await readFile(join(FIXTURES, path));
      const headers = { 'Content-Type': TYPES[extname(path)] || 'application/octet-stream' };
      if (path.includes('strict-csp')) headers['Content-Security-Policy'] = "script-src 'self'";
      response.writeHead(200, headers).end(body);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  };
  const server = tls ? createHttpsServer(tls, serve) : createServer(serve);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: (path) => `${tls ? 'https' : 'http'}://${host}:${port}/${path}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
