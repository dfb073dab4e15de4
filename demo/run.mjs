// `cargo xtask demo`: the demo office and the eMoney sandbox on loopback, and
// a Chromium window (not headless) with the development build loaded on the
// office, until Ctrl-C (or until that window is closed). Then everything it
// started is stopped and its browser profile removed.
//
//   node demo/run.mjs
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { EXTENSION_DIR, extensionWorker } from '../tests/e2e/support/browser.mjs';
import { DOMAIN_LABEL, LOGIN, portIsFree, startDemoSandbox, startOffice, useSandbox } from './office.mjs';

/** The ports the development build and the README name; any free one otherwise. */
const OFFICE_PORT = 8790;
const SANDBOX_PORT = 8787;

let office;
let sandbox;
let context;
let profile;
let stopping = false;

async function stop(why, code = 0) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${why}: stopping the demo…`);
  await context?.close().catch(() => {});
  sandbox?.stop();
  await office?.close().catch(() => {});
  if (profile) await rm(profile, { recursive: true, force: true }).catch(() => {});
  console.log('demo stopped: nothing left running.');
  process.exit(code);
}

process.on('SIGINT', () => stop('Ctrl-C'));
process.on('SIGTERM', () => stop('SIGTERM'));

try {
  office = await startOffice((await portIsFree(OFFICE_PORT)) ? OFFICE_PORT : 0);
  sandbox = await startDemoSandbox((await portIsFree(SANDBOX_PORT)) ? SANDBOX_PORT : 0);
  const home = office.url('index.html');
  const display = process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
  if (display) {
    await mkdir(tmpdir(), { recursive: true });
    profile = await mkdtemp(join(tmpdir(), 'so-emoney-demo-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: false,
      viewport: null,
      // This script stops the browser itself, after the rest.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      // No "controlled by automated software" bar; extensions allowed.
      ignoreDefaultArgs: ['--disable-extensions', '--enable-automation'],
      args: [
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
      ],
    });
    const worker = await extensionWorker(context, 'SmartOffice');
    await useSandbox(worker, sandbox.base);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(home);
    context.on('close', () => stop('the Chromium window was closed'));
  }
  console.log(`
SmartOffice → eMoney demo
  SmartOffice (demo office):  ${home}
  eMoney (sandbox):           ${sandbox.base}   (3 clients already in it; its web side: ${sandbox.base}/signin)
  Demo login:                 User Name ${LOGIN.userName}, Password ${LOGIN.password}, eMoney Domain "${DOMAIN_LABEL}"
${display ? '  Chromium is open on the office with the development build (dist/chrome-dev) loaded.' : `  No display here, so no browser was opened: load dist/chrome-dev in Chrome or Edge
  (chrome://extensions > Developer mode > Load unpacked) and open the office address above.${sandbox.base.endsWith(`:${SANDBOX_PORT}`) ? '' : `
  Port ${SANDBOX_PORT} was taken, so add the domain ${sandbox.base} in the extension's options.`}`}

What to click:
  1. Delgado, Rafael (left) > Menu > Integrations > eMoney: the "eMoney User Authentication" dialog.
     Sign in with the login above and tick Remember Me: a new client (with spouse and investments) opens in eMoney.
  2. Okafor, Daniel > Menu > Integrations > eMoney: he is already in eMoney, with an old address:
     "Do you want to update client's information?" shows what would change. Yes writes it; No only opens eMoney.
  3. Haddad, Omar: a record with gaps; the dialog says what is missing before anything is sent.
  4. Patel Household: a head of household, a spouse and two children (only the couple goes to eMoney).
  5. Pop-ups blocked > Whitfield, Margaret: the page says the window was blocked and offers Open eMoney.
  6. The extension's Options (chrome://extensions > Details > Extension options): domains, the remembered login, the history.

Ctrl-C stops the demo (the office, the sandbox and Chromium) and leaves nothing running.`);
} catch (error) {
  console.error(`the demo could not start: ${error.stack || error.message}`);
  await stop('error', 1);
}
