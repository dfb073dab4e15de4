// A "SmartOffice" on a host name of SmartOffice's own (`*.ez-data.com`),
// served over https from loopback, so that a store build, whose host
// permissions and content scripts name only SmartOffice's hosts, runs there.
// Launch the browser with `hosts: [office.host]`: the name then resolves to
// 127.0.0.1 in that browser only, and its made-up certificate is accepted.
//
// Also an https front for the eMoney sandbox on a host of its own (an eMoney
// domain the add-on holds no permission for), which keeps every request it
// forwards.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureServer } from '../../e2e/support/server.mjs';

export const OFFICE_HOST = 'test-office.ez-data.com';

/** A certificate for `host` made now with openssl (EC P-256, one day): { key, cert }. */
async function certificate(host) {
  const dir = await mkdtemp(join(tmpdir(), 'so-emoney-cert-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
        '-subj', `/CN=${host}`, '-addext', `subjectAltName=DNS:${host}`, '-keyout', key, '-out', cert],
      { stdio: 'ignore' },
    );
    return { key: await readFile(key), cert: await readFile(cert) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Serves tests/fixtures/ at `https://<host>:<port>/`. */
export async function startOffice(host = OFFICE_HOST) {
  const server = await startFixtureServer({ tls: await certificate(host), host });
  return { host, ...server };
}

/**
 * A front for `target` (an http base on loopback): `https://<host>:<port>`
 * with a certificate made now, or with `host` 127.0.0.1 plain http. Every
 * request is forwarded and kept as `METHOD /path` in `requests`;
 * `hold(pattern)` keeps the next request matching it waiting until the
 * returned `release()` (its `reached` resolves when it arrives).
 */
export async function startFront(host, target) {
  const requests = [];
  const holds = [];
  const forward = (incoming, outgoing) => {
    const line = `${incoming.method} ${incoming.url}`;
    requests.push(line);
    const go = () => {
      const forwarded = httpRequest(new URL(incoming.url, target), { method: incoming.method, headers: { ...incoming.headers, host: new URL(target).host } }, (answer) => {
        outgoing.writeHead(answer.statusCode, answer.headers);
        answer.pipe(outgoing);
      });
      forwarded.on('error', () => outgoing.writeHead(502).end());
      incoming.pipe(forwarded);
    };
    const at = holds.findIndex((hold) => hold.pattern.test(line));
    if (at < 0) return go();
    const [hold] = holds.splice(at, 1);
    incoming.pause();
    hold.arrived(line);
    hold.released.then(go);
  };
  const tls = host !== '127.0.0.1';
  const server = tls ? createServer(await certificate(host), forward) : createHttpServer(forward);
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    host,
    base: `${tls ? 'https' : 'http'}://${host}:${server.address().port}`,
    requests,
    hold(pattern) {
      let arrived;
      let release;
      const reached = new Promise((ok) => (arrived = ok));
      const released = new Promise((ok) => (release = ok));
      holds.push({ pattern, arrived, released });
      return { reached, release };
    },
    close: () => {
      for (const hold of holds.splice(0)) hold.arrived(null);
      server.closeAllConnections();
      return new Promise((ok) => server.close(ok));
    },
  };
}
