// What the attack suites (attacks*.test.mjs) share: a fixture server, the
// eMoney sandbox, browsers closed at the end, and the advisor's steps.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, launch } from './browser.mjs';
import { startFixtureServer } from './server.mjs';
import { startSandbox } from './sandbox.mjs';
import { chooseEmoney, dialogOpen, dialogWindow, openRecord as open, watchWindows, words } from './extension.mjs';

export const PASSWORD = 'sandbox';
export const MARRIED = 'records/contact-married-spouse-section.html?contactId=1005';
export const READONLY = 'records/contact-readonly.html?contactId=1001';

/** Registers the suite's before/after; `env.server`, `env.sandbox` are set in `before`. */
export function suite(extra = async () => {}) {
  const env = { browsers: [] };
  before(async () => {
    env.server = await startFixtureServer();
    env.sandbox = await startSandbox();
    await extra(env);
  });
  after(async () => {
    await Promise.all(env.browsers.map((browser) => browser.context.close().catch(() => {})));
    env.sandbox?.stop();
    await env.hostile?.close();
    await env.server?.close();
  });
  return env;
}

/** A browser whose extension knows `emoney` (a sandbox) as its eMoney domain. */
export async function browserWith(env, emoney = env.sandbox, webBase = emoney.base) {
  const browser = await launch();
  env.browsers.push(browser);
  await browser.worker.evaluate(
    ([apiBase, webBase]) => chrome.storage.local.set({ settings: { domains: [{ label: 'eMoney Sandbox', apiBase, webBase }], offices: [], sendInvestments: true, sendPolicies: true } }),
    [emoney.base, webBase],
  );
  browser.windows = watchWindows(browser.context);
  return browser;
}

/** `record` in the record frame of `top`, served by `on`. */
export const openRecord = (browser, on, record, top = 'pages/top.html') =>
  open(browser.context, on.url(`${top}?record=${encodeURIComponent(`../${record}`)}`), 'frame_cache_0');

const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A product sentence as a pattern, its placeholders matching anything. */
export const sentence = (key) => new RegExp(escaped(words(key)).replace(/\\\$[A-Z_]+\\\$/g, '.*'));

export async function signInScreen(browser) {
  const flow = await dialogWindow(browser.context);
  const dialog = flow.getByRole('dialog', { name: words('flowSignInTitle') });
  await dialog.waitFor();
  return { flow, dialog };
}

export async function signIn(browser, { remember = false } = {}) {
  const { flow, dialog } = await signInScreen(browser);
  await dialog.getByLabel('User Name').fill('advisor');
  await dialog.getByLabel('Password').fill(PASSWORD);
  if (remember) await dialog.getByLabel('Remember Me').check();
  await flow.getByRole('button', { name: 'Login' }).click();
  return flow;
}

export const emoneyWindow = (browser, base) => browser.windows.next((url) => url.startsWith(base), 'the eMoney window');

export async function closeWindow(browser, window) {
  await window.close();
  await eventually(() => !browser.context.pages().includes(window), 'the window to close');
}

/** The flows the worker keeps in session storage. */
export const keptFlows = (browser) => browser.worker.evaluate(() => chrome.storage.session.get('flows').then(({ flows }) => (flows ? JSON.parse(flows) : [])));

/** Everything in the extension's storage areas, as text. */
export const storedText = (browser) =>
  browser.worker.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]));

/** The extension origin's IndexedDB vault: its keys and values. */
export const vault = (browser) =>
  browser.worker.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('smartoffice-emoney');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const database = request.result;
          if (!database.objectStoreNames.contains('secrets')) {
            database.close();
            resolve({ keys: [], values: [] });
            return;
          }
          const transaction = database.transaction('secrets');
          const store = transaction.objectStore('secrets');
          const keys = store.getAllKeys();
          const values = store.getAll();
          transaction.oncomplete = () => {
            database.close();
            resolve({ keys: keys.result.map(String), values: values.result.map(String) });
          };
        };
      }),
  );

/** Checks that `check` stays false for `ms`: for what must not happen. */
export async function never(check, what, ms = 750) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    assert.equal(Boolean(await check()), false, typeof what === 'function' ? what() : what);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The record's export with Remember Me ticked, its eMoney window closed. */
export async function exportRemembering(browser, frame, base) {
  await chooseEmoney(frame);
  await signIn(browser, { remember: true });
  const emoney = await emoneyWindow(browser, base);
  await eventually(() => !dialogOpen(browser.context), 'the dialog to close');
  await closeWindow(browser, emoney);
}
