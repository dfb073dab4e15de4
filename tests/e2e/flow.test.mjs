// The advisor's flow, end to end: Menu > Integrations > eMoney on a
// SmartOffice-like record, the export's dialog (a window of the extension's
// own, flow.html: sign-in, the update prompt), the eMoney window; real
// Chromium, the built extension, the real eMoney sandbox.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, launch } from './support/browser.mjs';
import { startFixtureServer } from './support/server.mjs';
import { startSandbox } from './support/sandbox.mjs';
import { chooseEmoney, clickInShadow, dialogOpen, dialogWindow, openRecord as open, shadowShows, shadowTexts, watchWindows, words } from './support/extension.mjs';

const PASSWORD = 'sandbox';
const MARRIED = 'records/contact-married-spouse-section.html?contactId=1005';
// No finding at all (so no dialog once a login is remembered), and a policy.
const READONLY = 'records/contact-readonly.html?contactId=1001';
const READONLY_POLICY_NUMBER = 'LN40018822';

let server;
let sandbox;
const timings = [];
// Every browser a test opens, closed at the end even when the test fails.
const browsers = [];

before(async () => {
  server = await startFixtureServer();
  sandbox = await startSandbox();
});

after(async () => {
  if (timings.length) {
    const sorted = [...timings].sort((a, b) => a - b);
    console.log(`click to eMoney window: median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms over ${sorted.length} (${sorted.map((t) => t.toFixed(0)).join(', ')})`);
  }
  await Promise.all(browsers.map((browser) => browser.context.close().catch(() => {})));
  sandbox?.stop();
  await server?.close();
});

/** A browser whose extension knows the sandbox as its eMoney domain. */
async function browserWithSandbox() {
  const browser = await launch();
  browsers.push(browser);
  await browser.worker.evaluate(
    (base) => chrome.storage.local.set({ settings: { domains: [{ label: 'eMoney Sandbox', apiBase: base, webBase: base }], offices: [], sendInvestments: true, sendPolicies: true } }),
    sandbox.base,
  );
  browser.windows = watchWindows(browser.context);
  return browser;
}

async function openRecord(browser, record, top = 'pages/top.html') {
  return open(browser.context, server.url(`${top}?record=${encodeURIComponent(`../${record}`)}`), 'frame_cache_0');
}

const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A product sentence as a pattern, its placeholders matching anything. */
const sentence = (key) => new RegExp(escaped(words(key)).replace(/\\\$[A-Z_]+\\\$/g, '.*'));

/** The dialog's sign-in screen ("eMoney User Authentication"), in its window. */
async function signInScreen(browser) {
  const flow = await dialogWindow(browser.context);
  const dialog = flow.getByRole('dialog', { name: words('flowSignInTitle') });
  await dialog.waitFor();
  return { flow, dialog };
}

async function signIn(browser, { password = PASSWORD, remember = false } = {}) {
  const { flow, dialog } = await signInScreen(browser);
  await dialog.getByLabel('User Name').fill('advisor');
  await dialog.getByLabel('Password').fill(password);
  await dialog.getByLabel('eMoney Domain').selectOption({ label: 'eMoney Sandbox' });
  if (remember) await dialog.getByLabel('Remember Me').check();
  await flow.getByRole('button', { name: 'Login' }).click();
  return flow;
}

/** The next window that shows eMoney (a new window starts blank: its
 * address is checked once it has navigated). */
const emoneyWindow = (browser) => browser.windows.next((url) => url.startsWith(sandbox.base), 'the eMoney window');

async function closeWindow(browser, window) {
  await window.close();
  await eventually(() => !browser.context.pages().includes(window), 'the window to close');
}

async function ofRecord(externalIdEnd) {
  return (await sandbox.clients()).filter((client) => client.externalIds.some((id) => id.endsWith(externalIdEnd)));
}

/** The record's export with a remembered login: signed in with Remember
 * Me in the dialog, eMoney opened by the extension, its window closed. */
async function exportRemembering(browser, frame) {
  await chooseEmoney(frame);
  await signIn(browser, { remember: true });
  const emoney = await emoneyWindow(browser);
  await eventually(() => !dialogOpen(browser.context), 'the dialog to close');
  await closeWindow(browser, emoney);
}

describe('exporting a record', () => {
  test('a new client: sign in with Remember Me, no prompt, eMoney opens on the client', async () => {
    await sandbox.reset();
    const browser = await browserWithSandbox();
    const { page, frame } = await openRecord(browser, MARRIED);
    await chooseEmoney(frame);
    await signIn(browser, { remember: true });
    const emoney = await emoneyWindow(browser);
    await emoney.waitForLoadState();
    const [client] = await ofRecord(':1005');
    assert.ok(client, 'the client is in eMoney');
    assert.equal(new URL(emoney.url()).pathname, `/clients/${client.id}`);
    assert.equal(await emoney.title(), 'eMoney — Delgado, Rafael');
    assert.equal(client.client.firstName, 'Rafael');
    assert.equal(client.spouse.firstName, 'Lucia');
    assert.equal(client.maritalStatus, 'Married');
    assert.equal(client.assets.length, 2);
    assert.equal((await sandbox.clients()).length, 1);
    // The dialog closed itself; the page says what was done.
    await eventually(() => !dialogOpen(browser.context), 'the dialog to close');
    await shadowShows(page, sentence('summaryCreated'), 'the summary in the page');

    // The next exports need no dialog: the remembered login is used and the
    // page opens eMoney itself. (Timed from the click on eMoney to the
    // eMoney window, for the closing note.)
    await closeWindow(browser, emoney);
    let again;
    for (let run = 0; run < 5; run += 1) {
      const clicked = await chooseEmoney(frame);
      again = await emoneyWindow(browser);
      timings.push(browser.windows.openedAt(again) - clicked);
      assert.equal(new URL(again.url()).pathname, `/clients/${client.id}`);
      // The page kept the window (it was not closed at once by a blocker).
      await shadowShows(page, sentence('summaryOpened'), `the summary of run ${run + 1}`);
      assert.equal(dialogOpen(browser.context), false, 'no dialog');
      await closeWindow(browser, again);
    }
    assert.equal(await sandbox.calls('POST /connect/token grant_type=password'), 1);
    assert.equal((await sandbox.clients()).length, 1, 'no second client');
    assert.equal(await sandbox.calls('POST /public/v1/clients'), 1, 'one create only');

    // The password is stored nowhere; the remembered user name is.
    const stored = await browser.worker.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]));
    assert.ok(!stored.includes(PASSWORD), 'the password is stored');
    assert.ok(stored.includes('"userName":"advisor"'), 'the remembered user name is stored');

    // Every export is in the history, without secrets.
    const history = await browser.worker.evaluate(async () => (await chrome.storage.local.get('history')).history);
    assert.equal(history.length, 6);
    assert.deepEqual(
      [history[0], history[5]].map((entry) => [entry.client, entry.outcome, entry.investments.added, entry.clientId, entry.domainLabel]),
      [
        ['Delgado, Rafael', 'opened', 0, client.id, 'eMoney Sandbox'],
        ['Delgado, Rafael', 'created', 2, client.id, 'eMoney Sandbox'],
      ],
    );
    await browser.context.close();
  });

  test('when the remembered login has expired, the dialog comes back with the user name filled in', async () => {
    await sandbox.reset();
    const browser = await browserWithSandbox();
    const { frame } = await openRecord(browser, MARRIED);
    await exportRemembering(browser, frame);
    // eMoney forgets every token (as when a refresh token expires).
    await sandbox.reset();
    await chooseEmoney(frame);
    const { dialog } = await signInScreen(browser);
    assert.equal(await dialog.getByLabel('User Name').inputValue(), 'advisor');
    assert.equal(await dialog.getByLabel('Password').inputValue(), '');
    assert.equal(await dialog.getByLabel('Password').evaluate((input) => input === document.activeElement), true, 'the password has the keyboard');
    assert.equal(await dialog.getByRole('alert').textContent(), words('emoneySignInRequired'));
    assert.equal((await sandbox.clients()).length, 0, 'nothing written without a login');
    await browser.context.close();
  });

  test('a wrong password says so in the dialog and is never retried', async () => {
    await sandbox.reset();
    const browser = await browserWithSandbox();
    const { page, frame } = await openRecord(browser, MARRIED);
    await chooseEmoney(frame);
    const flow = await signIn(browser, { password: 'not-the-password' });
    const alert = flow.getByRole('alert');
    await eventually(async () => (await alert.textContent()) === words('emoneyWrongPassword'), 'the sentence');
    // The dialog shows the answer to the one try it made.
    assert.equal(await sandbox.calls('POST /connect/token grant_type=password'), 1);
    assert.equal((await sandbox.clients()).length, 0);
    assert.equal(await flow.getByLabel('Password').inputValue(), '', 'the password is not kept');
    // Escape closes the dialog, and the page says the export stopped.
    await flow.getByLabel('Password').focus();
    // (The window goes away while the key is handled.)
    await flow.keyboard.press('Escape').catch((error) => {
      if (!flow.isClosed()) throw error;
    });
    await eventually(() => !dialogOpen(browser.context), 'the dialog to close');
    await shadowShows(page, sentence('pageCancelled'), 'the page to say the export stopped');
    assert.equal(await sandbox.calls('POST /connect/token grant_type=password'), 1);
    await browser.context.close();
  });

  for (const answer of ['Yes', 'No']) {
    test(`an existing client: the prompt, its preview, and ${answer}`, async () => {
      await sandbox.reset();
      const browser = await browserWithSandbox();
      const { page, frame } = await openRecord(browser, MARRIED);
      await exportRemembering(browser, frame);
      // eMoney's copy drifts from SmartOffice's.
      const [client] = await ofRecord(':1005');
      await changeInEmoney(client.id, { homePhone: '(505) 555-9999' });

      await chooseEmoney(frame);
      const flow = await dialogWindow(browser.context);
      const prompt = flow.getByText(words('flowUpdateQuestion'), { exact: true });
      await prompt.waitFor();
      const changes = flow.locator('#changes tbody tr');
      assert.deepEqual(await changes.first().locator('th, td').allTextContents(), ['Home Phone', '(505) 555-9999', '(505) 555-0171']);
      const puts = await sandbox.calls('PUT /public/v1/clients/{id}');
      await flow.getByRole('button', { name: answer, exact: true }).click();
      const emoney = await emoneyWindow(browser);
      assert.equal(new URL(emoney.url()).pathname, `/clients/${client.id}`);
      await eventually(() => !dialogOpen(browser.context), 'the dialog to close');
      const [after] = await ofRecord(':1005');
      if (answer === 'Yes') {
        assert.equal(after.homePhone, '(505) 555-0171');
        assert.equal(await sandbox.calls('PUT /public/v1/clients/{id}'), puts + 1);
        await shadowShows(page, sentence('summaryUpdated'), 'the summary in the page');
      } else {
        assert.equal(after.homePhone, '(505) 555-9999', 'nothing written');
        assert.equal(await sandbox.calls('PUT /public/v1/clients/{id}'), puts);
        await shadowShows(page, sentence('summaryOpened'), 'the summary in the page');
      }
      const [latest] = await browser.worker.evaluate(async () => (await chrome.storage.local.get('history')).history);
      assert.equal(latest.outcome, answer === 'Yes' ? 'updated' : 'opened');
      assert.equal((await sandbox.clients()).length, 1);
      await browser.context.close();
    });
  }

  test('a blocked pop-up: the alert, its button, the eMoney window on the client', async () => {
    await sandbox.reset();
    const browser = await browserWithSandbox();
    // A login remembered on another record first.
    const { frame: first } = await openRecord(browser, MARRIED);
    await exportRemembering(browser, first);
    // A record with nothing to ask, in a frame that may open no window:
    // the page's own window.open is blocked.
    const { page, frame } = await openRecord(browser, READONLY, 'pages/top-sandboxed.html');
    await chooseEmoney(frame);
    const alert = await shadowShows(page, sentence('pagePopupBlockedTitle'), 'the blocked pop-up alert');
    assert.match(alert, sentence('pagePopupHowToAllow'));
    assert.match(alert, new RegExp(escaped(words('pageOpenEmoney'))));
    assert.equal(dialogOpen(browser.context), false, 'no dialog was needed');
    const [client] = await ofRecord(':1001');
    assert.ok(client, 'the client was written before the window');
    // The advisor clicks Open eMoney: the extension opens the window itself.
    await clickInShadow(page, words('pageOpenEmoney'));
    const emoney = await emoneyWindow(browser);
    assert.equal(new URL(emoney.url()).pathname, `/clients/${client.id}`);
    // The alert went with the click.
    await eventually(async () => !(await shadowTexts(page)).some(({ text }) => sentence('pagePopupBlockedTitle').test(text)), 'the alert to go');
    assert.equal((await ofRecord(':1001')).length, 1, 'nothing written twice');
    assert.equal(await sandbox.calls('POST /public/v1/clients'), 2, 'one create per record');
    const text = JSON.stringify(await sandbox.clients());
    assert.ok(!text.includes(READONLY_POLICY_NUMBER), 'eMoney received the full policy number');
    await browser.context.close();
  });

  test('a page script watching the DOM and the keys learns nothing of the password', async () => {
    await sandbox.reset();
    const browser = await browserWithSandbox();
    const { page, frame } = await openRecord(browser, MARRIED, 'pages/top-spying.html');
    await chooseEmoney(frame);
    await signIn(browser);
    await emoneyWindow(browser);
    for (const spy of [page.mainFrame(), frame]) {
      const seen = await spy.evaluate(() => JSON.stringify(window.spied || []));
      assert.ok(!seen.includes(PASSWORD) && !seen.includes('sandbo'), `the page saw: ${seen.slice(0, 200)}`);
      assert.ok(await spy.evaluate(() => window.spyRan === true), 'the spy ran');
    }
    await browser.context.close();
  });
});

/** Changes the client in eMoney as another eMoney user would. */
async function changeInEmoney(id, changes) {
  const token = await fetch(`${sandbox.base}/connect/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `grant_type=password&username=advisor&password=${PASSWORD}&client_id=smartoffice-emoney`,
  }).then((r) => r.json());
  const answer = await fetch(`${sandbox.base}/public/v1/clients/${id}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token.access_token}` },
    body: JSON.stringify(changes),
  });
  assert.equal(answer.status, 200);
}
