// A "SmartOffice" on a host name of SmartOffice's own (`*.ez-data.com`),
// served over https from loopback, so that a store build, whose host
// permissions and content scripts name only SmartOffice's hosts, runs there.
// Launch the browser with `hosts: [office.host]`: the name then resolves to
// 127.0.0.1 in that browser only, and its made-up certificate is accepted.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureServer } from '../../e2e/support/server.mjs';

export const OFFICE_HOST = 'test-office.ez-data.com';

/** Serves tests/fixtures/ at `https://<host>:<port>/` with a certificate made now (openssl). */
export async function startOffice(host = OFFICE_HOST) {
  const dir = await mkdtemp(join(tmpdir(), 'so-emoney-office-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
        '-subj', `/CN=${host}`, '-addext', `subjectAltName=DNS:${host}`, '-keyout', key, '-out', cert],
      { stdio: 'ignore' },
    );
    const server = await startFixtureServer({ tls: { key: await readFile(key), cert: await readFile(cert) }, host });
    return { host, ...server };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
