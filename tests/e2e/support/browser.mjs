// Real headless Chromium (Debian's) with the built extension loaded.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../../..');
export const EXTENSION_DIR = join(ROOT, 'dist/chrome-dev');
export const FOREIGN_EXTENSION_DIR = join(ROOT, 'tests/fixtures/foreign-extension');

/**
 * Launches Chromium with our development build (and, if asked, a foreign
 * extension). `officeHost`: a made-up https office name that resolves to
 * loopback in this browser only, its made-up certificate accepted.
 * `executablePath`: another Chromium (one that reads a policy).
 * `extensionDir`: another build of ours (the bench's copy with an empty
 * content script).
 */
export async function launch({ foreign = false, popups = false, officeHost = null, executablePath = process.env.CHROMIUM || '/usr/bin/chromium', extensionDir = EXTENSION_DIR } = {}) {
  const extensions = foreign ? [extensionDir, FOREIGN_EXTENSION_DIR] : [extensionDir];
  const profile = await mkdtemp(join(tmpdir(), 'so-emoney-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    ignoreHTTPSErrors: officeHost !== null,
    ignoreDefaultArgs: ['--disable-extensions', ...(popups ? ['--disable-popup-blocking'] : [])],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(officeHost ? [`--host-resolver-rules=MAP ${officeHost} 127.0.0.1`] : []),
      `--disable-extensions-except=${extensions.join(',')}`,
      `--load-extension=${extensions.join(',')}`,
    ],
  });
  const worker = await extensionWorker(context, 'SmartOffice');
  const extensionId = new URL(worker.url()).host;
  return { context, worker, extensionId };
}

/** The service worker of the loaded extension whose name starts with `name`. */
export async function extensionWorker(context, name) {
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    for (const worker of context.serviceWorkers()) {
      const manifestName = await worker
        .evaluate(() => chrome.runtime.getManifest().name)
        .catch(() => '');
      if (manifestName.startsWith(name)) return worker;
    }
    await context.waitForEvent('serviceworker', { timeout: 1000 }).catch(() => {});
  }
  throw new Error(`no service worker for the extension "${name}"`);
}

/** Waits until `check` returns a truthy value, or fails with `what`. */
export async function eventually(check, what, timeout = 10000) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}
