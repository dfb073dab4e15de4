// The eMoney client of the real service worker (its wasm, fetch,
// chrome.storage and its own IndexedDB vault) against the real sandbox,
// reached only through the messages the extension really sends: an export
// started from a record's Menu and signed in in its dialog window, then the
// options page's Open and Forget.
//
// What the client decides at each step is tested natively against the same
// sandbox (tests/emoney/*.rs): creating once and never twice, skipping what
// is unchanged, faults and retries at every step, lost creates and their
// kept keys, refresh and expiry, a wrong password sent once, a domain that
// is not a web address. Those are not repeated here.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, launch } from './support/browser.mjs';
import { chooseEmoney, dialogWindow, openRecord, watchWindows } from './support/extension.mjs';
import { startFixtureServer } from './support/server.mjs';
import { startSandbox } from './support/sandbox.mjs';
import { sentence } from './support/words.mjs';

const RECORD = 'records/contact-married-spouse-section.html?contactId=1005';
const PASSWORD = 'sandbox-password-7';
const LABEL = 'Test Sandbox';

let server;
let sandbox;
let browser;
let windows;
let record; // { page, frame }
let clientId;

before(async () => {
  server = await startFixtureServer();
  // A password of its own, so that "kept nowhere" means something.
  sandbox = await startSandbox(['--user', `advisor:${PASSWORD}`]);
  browser = await launch();
  windows = watchWindows(browser.context);
  // The sandbox as the only eMoney domain, set as the options page sets it.
  const options = await optionsPage();
  await ask(options, { type: 'domainRemove', label: 'eMoney Sandbox' });
  const saved = await ask(options, { type: 'domainSave', input: { label: LABEL, apiBase: sandbox.base, webBase: sandbox.base }, editing: null });
  assert.equal(saved.type, 'done', JSON.stringify(saved));
  await options.close();
  record = await openRecord(browser.context, server.url(`pages/top.html?record=${encodeURIComponent(`../${RECORD}`)}`), 'frame_cache_0');
});

after(async () => {
  await browser?.context.close();
  sandbox?.stop();
  await server?.close();
});

async function optionsPage() {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.waitForSelector('html[data-ready]');
  return page;
}

const ask = (page, message) => page.evaluate((m) => chrome.runtime.sendMessage(m), message);

/** Everything the extension keeps: chrome.storage (local, session) and its IndexedDB vault. */
const kept = () =>
  browser.worker.evaluate(async () => {
    const vault = await new Promise((resolve, reject) => {
      const opening = indexedDB.open('smartoffice-emoney', 1);
      opening.onupgradeneeded = () => opening.result.createObjectStore('secrets');
      opening.onerror = () => reject(opening.error);
      opening.onsuccess = () => {
        const store = opening.result.transaction('secrets').objectStore('secrets');
        const keys = store.getAllKeys();
        const values = store.getAll();
        values.onsuccess = () => {
          resolve(Object.fromEntries(keys.result.map((key, at) => [key, values.result[at]])));
          opening.result.close();
        };
      };
    });
    return { local: await chrome.storage.local.get(null), session: await chrome.storage.session.get(null), vault };
  });

const names = (area) => Object.keys(area).map((key) => key.split('|')[0]);

const emoneyWindow = async () => {
  const opened = await windows.next((url) => url.startsWith(sandbox.base), 'the eMoney window');
  await opened.waitForURL((url) => url.pathname.startsWith('/clients/'));
  return opened;
};

test('signing in with Remember Me: the client is created and opened, the token kept in the vault, the password nowhere', async () => {
  await chooseEmoney(record.frame);
  const dialog = await dialogWindow(browser.context);
  const auth = dialog.getByRole('dialog', { name: 'eMoney User Authentication' });
  await auth.waitFor();
  await auth.getByLabel('User Name').fill('advisor');
  await auth.getByLabel('Password').fill(PASSWORD);
  await auth.getByLabel('eMoney Domain').selectOption({ label: LABEL });
  await auth.getByLabel('Remember Me').check();
  await auth.getByRole('button', { name: 'Login' }).click();
  const emoney = await emoneyWindow();
  const clients = await sandbox.clients();
  assert.equal(clients.length, 1);
  clientId = clients[0].id;
  assert.equal(new URL(emoney.url()).pathname, `/clients/${clientId}`);
  assert.equal(await sandbox.calls('POST /connect/token grant_type=password'), 1);
  await emoney.close();

  const { local, session, vault } = await kept();
  assert.ok(!JSON.stringify({ local, session, vault }).includes(PASSWORD), 'the password is kept somewhere');
  // The refresh token lasts in the extension's own IndexedDB, which no
  // content script can read; the access token only for the browser session.
  assert.deepEqual(names(vault), ['emoney.refreshToken']);
  assert.ok(names(session).includes('emoney.accessToken'), JSON.stringify(names(session)));
  assert.ok(!names(session).includes('emoney.refreshToken'));
  assert.ok(!names(local).some((name) => name.endsWith('Token')), JSON.stringify(names(local)));
  assert.deepEqual(local.rememberedLogin, { apiBase: sandbox.base, domainLabel: LABEL, userName: 'advisor' });
  assert.deepEqual(local.history.map((entry) => [entry.clientId, entry.outcome, entry.apiBase]), [[clientId, 'created', sandbox.base]]);
});

test('Open on the history line asks eMoney for a new launch and opens the client', async () => {
  assert.ok(clientId, 'the first test exported the client');
  const launches = await sandbox.calls('POST /public/v1/clients/{id}/launch');
  const page = await optionsPage();
  await page.getByRole('button', { name: sentence('historyOpenNamed', 'Delgado, Rafael') }).click();
  const emoney = await emoneyWindow();
  assert.equal(new URL(emoney.url()).pathname, `/clients/${clientId}`);
  await eventually(async () => (await page.getByRole('status').textContent()) === sentence('historyOpened'), 'the status');
  assert.equal(await sandbox.calls('POST /public/v1/clients/{id}/launch'), launches + 1);
  assert.equal(await sandbox.calls('POST /connect/token grant_type=password'), 1, 'no second sign-in');
  await emoney.close();
  await page.close();
});

test('Forget drops the remembered login and every token: Open and the next export ask to sign in again', async () => {
  assert.ok(clientId, 'the first test exported the client');
  const page = await optionsPage();
  await page.getByRole('button', { name: sentence('loginForget') }).click();
  await eventually(async () => (await page.getByRole('status').textContent()) === sentence('loginForgotten', 'advisor', LABEL), 'the status');
  const { local, session, vault } = await kept();
  assert.equal(local.rememberedLogin, undefined);
  assert.deepEqual(names(vault), []);
  assert.ok(!names(session).some((name) => name.startsWith('emoney.') && name.endsWith('Token')), JSON.stringify(names(session)));

  await page.getByRole('button', { name: sentence('historyOpenNamed', 'Delgado, Rafael') }).click();
  await eventually(async () => (await page.getByRole('status').textContent()) === sentence('emoneySignInRequired'), 'the sentence');
  await page.close();

  await chooseEmoney(record.frame);
  const dialog = await dialogWindow(browser.context);
  const auth = dialog.getByRole('dialog', { name: 'eMoney User Authentication' });
  await auth.waitFor();
  assert.equal(await auth.getByLabel('Password').inputValue(), '');
  assert.equal(await auth.getByLabel('Remember Me').isChecked(), false);
  await dialog.close();
});
