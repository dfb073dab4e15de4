// A firm's policy, as Chromium on Linux reads it: a JSON file in
// /etc/chromium/policies/managed/ (Google Chrome: /etc/opt/chrome/policies/
// managed/), whose "3rdparty" part gives each extension its
// chrome.storage.managed values (checked against its managed_schema.json).
//
// The test does not write /etc: Chromium runs in a mount namespace of its
// own (`unshare --mount`, or with a user namespace when not root) in which a
// folder of the test is mounted over /etc/chromium. Everything else of the
// machine is as it is; other browsers on it see no policy.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, realpathSync, writeFileSync, chmodSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/**
 * The id Chromium gives an unpacked extension: the SHA-256 of its folder's
 * absolute path, its first 32 hex digits written with the letters a–p.
 */
export function unpackedExtensionId(dir) {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

/** How this machine can give Chromium an /etc of its own, or why it cannot. */
function namespaceFlags() {
  const tries = [['--mount'], ['--user', '--map-root-user', '--mount']];
  const failures = [];
  for (const flags of tries) {
    try {
      execFileSync('unshare', [...flags, '--propagation', 'private', 'true'], { stdio: 'pipe' });
      return flags;
    } catch (error) {
      failures.push(`unshare ${flags.join(' ')}: ${String(error.stderr || error.message).trim()}`);
    }
  }
  throw new Error(`no mount namespace for the policy folder (${failures.join('; ')})`);
}

/**
 * An executable that runs Chromium with `policy` (the whole JSON file) in
 * /etc/chromium/policies/managed/firm.json, for playwright's executablePath.
 */
export async function chromiumWithPolicy(policy) {
  const flags = namespaceFlags();
  const dir = await mkdtemp(join(tmpdir(), 'so-emoney-policy-'));
  const etc = join(dir, 'etc-chromium');
  mkdirSync(join(etc, 'policies', 'managed'), { recursive: true });
  // What Debian's /etc/chromium holds besides policies stays.
  for (const name of ['master_preferences', 'initial_preferences']) {
    if (existsSync(join('/etc/chromium', name))) copyFileSync(join('/etc/chromium', name), join(etc, name));
  }
  writeFileSync(join(etc, 'policies', 'managed', 'firm.json'), JSON.stringify(policy, null, 2));
  const wrapper = join(dir, 'chromium');
  // exec all the way: playwright's pipes and process id are Chromium's.
  writeFileSync(
    wrapper,
    [
      '#!/bin/sh',
      `exec unshare ${flags.join(' ')} --propagation private sh -c 'mkdir -p /etc/chromium && mount --bind "$0" /etc/chromium && exec "$@"' '${etc}' '${CHROMIUM}' "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(wrapper, 0o755);
  return { executablePath: wrapper, policyFile: join(etc, 'policies', 'managed', 'firm.json') };
}
