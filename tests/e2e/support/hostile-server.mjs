// A server of tests/fixtures/ that also does what a hostile or misconfigured
// site does: it lets every origin read its pages (CORS `*`), and it sends
// `/__redirect/<path>` on to `<path>` on another origin.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** `host` names the server in its addresses (127.0.0.1 or localhost: two origins). */
export async function startHostileServer({ host = '127.0.0.1' } = {}) {
  let redirectBase = null;
  const requests = [];
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://x');
    requests.push(url.pathname + url.search);
    const cors = { 'Access-Control-Allow-Origin': '*' };
    if (url.pathname.startsWith('/__redirect/') && redirectBase) {
      response.writeHead(302, { ...cors, Location: `${redirectBase}/${url.pathname.slice('/__redirect/'.length)}${url.search}` }).end();
      return;
    }
    const path = normalize(decodeURIComponent(url.pathname));
    if (path.includes('..')) {
      response.writeHead(400).end();
      return;
    }
    try {
      const body = await readFile(join(FIXTURES, path));
      response.writeHead(200, { ...cors, 'Content-Type': TYPES[extname(path)] || 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404, { ...cors, 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const base = `http://${host}:${port}`;
  return {
    base,
    url: (path) => `${base}/${path}`,
    /** Where `/__redirect/...` sends the browser from now on. */
    redirectTo: (target) => {
      redirectBase = target.replace(/\/$/, '');
    },
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
