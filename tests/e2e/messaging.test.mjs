// Who may talk to the service worker: this extension's content script and
// its own pages, each only what is theirs; and what the page is told of an
// export (never which export it is).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, extensionWorker, launch } from './support/browser.mjs';
import { chooseEmoney, dialogWindow, openRecord, shadowTexts, watchWindows } from './support/extension.mjs';
import { startFixtureServer } from './support/server.mjs';
import { startSandbox } from './support/sandbox.mjs';
import { contentWorld } from './support/content-world.mjs';
import { sentence } from './support/words.mjs';

const RECORD = 'records/contact-married-spouse-section.html?contactId=1005';

let server;
let sandbox;
let browser;

before(async () => {
  server = await startFixtureServer();
  sandbox = await startSandbox();
  browser = await launch({ foreign: true });
  // The sandbox as the one eMoney domain, set as the options page sets it.
  const options = await optionsPage();
  assert.equal((await ask(options, { type: 'domainRemove', label: 'eMoney Sandbox' })).type, 'done');
  const saved = await ask(options, { type: 'domainSave', input: { label: 'eMoney Sandbox', apiBase: sandbox.base, webBase: sandbox.base }, editing: null });
  assert.equal(saved.type, 'done', JSON.stringify(saved));
  await options.close();
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
const storedSettings = () => browser.worker.evaluate(() => chrome.storage.local.get('settings').then((all) => all.settings));

/** Connects a port from `target` (a page or a worker) and says whether the worker dropped it. */
const portDropped = (target, name, id) =>
  target.evaluate(
    ([name, id]) =>
      new Promise((resolve) => {
        const port = id ? chrome.runtime.connect(id, { name }) : chrome.runtime.connect({ name });
        port.onDisconnect.addListener(() => resolve(true));
        port.onMessage.addListener(() => resolve(false));
        // A port the worker keeps stays open: then ask it something.
        port.postMessage({ id: 1, request: { type: 'dialogOpen' } });
      }),
    [name, id],
  );

test('another extension is refused with a sentence, and changes nothing', async () => {
  const foreign = await extensionWorker(browser.context, 'Foreign');
  const before = await storedSettings();
  for (const message of [
    { type: 'options' },
    { type: 'domainRemove', label: 'eMoney Sandbox' },
    { type: 'loadPage', plainJs: false },
    { type: 'historyClear' },
  ]) {
    const reply = await foreign.evaluate(([id, m]) => chrome.runtime.sendMessage(id, m), [browser.extensionId, message]);
    assert.deepEqual(reply, { type: 'failed', said: sentence('refusedForeign') }, message.type);
  }
  assert.deepEqual(await storedSettings(), before);
  assert.equal(await portDropped(foreign, 'dialog', browser.extensionId), true, 'its port is dropped');
});

test('a web page has no way to send the service worker anything, SmartOffice or not', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.url('pages/not-smartoffice.html'));
  assert.equal(await page.evaluate(() => window.extensionReachable), false);
  const { frame } = await openRecord(browser.context, server.url(`pages/top.html?record=${encodeURIComponent(`../${RECORD}`)}`), 'frame_cache_0');
  for (const target of [page.mainFrame(), frame]) {
    const attempt = await target.evaluate(async (id) => {
      try {
        await chrome.runtime.sendMessage(id, { type: 'options' });
        return 'sent';
      } catch (error) {
        return `refused: ${error.message}`;
      }
    }, browser.extensionId);
    assert.match(attempt, /^refused: /, target.url());
  }
  await page.close();
  await frame.page().close();
});

test("the options page is answered, and refused what is not the options page's", async () => {
  const page = await optionsPage();
  const options = await ask(page, { type: 'options' });
  assert.equal(options.type, 'options');
  assert.deepEqual(options.effective.settings.domains.map((domain) => domain.apiBase), [sandbox.base]);
  const refusals = [
    [{ type: 'readPassword' }, 'refusedUnknown'],
    [{ type: 'options', extra: 1, password: 'x' }, null],
    // The dialog's requests go over the dialog window's port only.
    [{ type: 'dialogOpen' }, 'refusedNotExtensionPage'],
    [{ type: 'dialogAction', action: { action: 'signIn', domain: 'https://e.example', userName: 'a', password: 'p', rememberMe: false } }, 'refusedNotExtensionPage'],
    // The content script's requests come from a SmartOffice tab only.
    [{ type: 'loadPage', plainJs: false }, 'refusedUnknown'],
    [{ type: 'exportStart', page: {}, linked: [] }, 'refusedUnknown'],
    ['options', 'refusedUnknown'],
  ];
  for (const [message, key] of refusals) {
    const reply = await ask(page, message);
    if (key) assert.deepEqual(reply, { type: 'failed', said: sentence(key) }, JSON.stringify(message));
    else assert.equal(reply.type, 'options', 'unknown fields are ignored, not obeyed');
  }
  // Ports: only the dialog window's, named "dialog", is kept.
  assert.equal(await portDropped(page, 'dialog'), true, 'the options page cannot pose as the dialog');
  assert.equal(await portDropped(page, 'anything'), true);
  await page.close();
});

test('another page of the extension is not the options page', async () => {
  // The dialog's page, opened in a tab by hand rather than by the worker.
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/flow.html`);
  const reply = await ask(page, { type: 'options' });
  assert.deepEqual(reply, { type: 'failed', said: sentence('refusedNotExtensionPage') });
  await page.close();
});

/** Records, in the content script's own world of `frame`, what it sends and hears. */
async function listenInContentScript(page, frame) {
  const world = await contentWorld(page, frame, browser.extensionId);
  await world.listen();
  return world;
}

test('the page never learns which export it started: no export id in any message, answer or event', async () => {
  const windows = watchWindows(browser.context);
  const { page, frame } = await openRecord(browser.context, server.url(`pages/top.html?record=${encodeURIComponent(`../${RECORD}`)}`), 'frame_cache_0');
  const listening = await listenInContentScript(page, frame);
  await chooseEmoney(frame);
  const dialog = await dialogWindow(browser.context);
  // The export as the worker keeps it, while its dialog is open.
  const flows = await eventually(
    () => browser.worker.evaluate(() => chrome.storage.session.get('flows').then(({ flows }) => (flows ? JSON.parse(flows) : []))).then((all) => all.length && all),
    'the export to be kept',
  );
  const ids = flows.map((flow) => flow.id);
  assert.ok(ids.every((id) => typeof id === 'string' && id.length >= 8), JSON.stringify(ids));
  assert.ok(!ids.some((id) => dialog.url().includes(id)), 'the dialog is known by its window, not by an address');

  const auth = dialog.getByRole('dialog', { name: 'eMoney User Authentication' });
  await auth.waitFor();
  await auth.getByLabel('User Name').fill('advisor');
  await auth.getByLabel('Password').fill('sandbox');
  await auth.getByRole('button', { name: 'Login' }).click();
  const emoney = await windows.next((url) => url.startsWith(sandbox.base), 'the eMoney window');
  await emoney.waitForURL((url) => url.pathname.startsWith('/clients/'));

  const heard = await eventually(async () => {
    const all = await listening.heard();
    return all.some((entry) => entry.event?.type === 'done') && all;
  }, 'the closing note to reach the page');
  const kinds = heard.map((entry) => (entry.sent ? `sent ${entry.sent.type}` : entry.reply ? `reply ${entry.reply.type}` : `event ${entry.event.type}`));
  for (const kind of ['sent loadPage', 'sent exportStart', 'reply dialog', 'event done']) {
    assert.ok(kinds.includes(kind), `${kind} in ${kinds.join(', ')}`);
  }
  // What the page's own scripts could read: its DOM, and (closed to them,
  // read here through DevTools) the extension's status line and panels.
  const shown = await shadowTexts(page);
  assert.ok(shown.length > 0, 'the extension shows the page how the export went');
  const everything = JSON.stringify(heard) + (await frame.content()) + (await page.content()) + JSON.stringify(shown);
  for (const id of ids) assert.ok(!everything.includes(id), `the page learned export ${id}`);
  await listening.close();
  await emoney.close();
  await page.close();
});
