// The export's windows and panels as a keyboard user lives them: the dialog
// and the page's panels hold the keyboard, Escape closes each, and the
// keyboard goes back to the record's Menu after any close. Then what the
// export says while it runs and when it is done: an "under way" bar until a
// count is known, the last try's error gone while the next runs, a summary
// with a close button that fades. Real Chromium, the built extension, the
// real eMoney sandbox.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, launch } from './support/browser.mjs';
import { startFixtureServer } from './support/server.mjs';
import { startSandbox } from './support/sandbox.mjs';
import { chooseEmoney, clickInShadow, dialogOpen, dialogWindow, openRecord, shadowShows, shadowTexts, watchWindows } from './support/extension.mjs';
import { sentence } from './support/words.mjs';

const MARRIED = 'records/contact-married-spouse-section.html?contactId=1005';
// No last name: nothing can be sent, the page shows what blocks it.
const BLOCKED = 'records/contact-sections-missing.html';

let server;
let sandbox;
let browser;

before(async () => {
  server = await startFixtureServer();
  sandbox = await startSandbox();
  browser = await launch();
  await browser.worker.evaluate(
    (base) => chrome.storage.local.set({ settings: { domains: [{ label: 'eMoney Sandbox', apiBase: base, webBase: base }], offices: [], sendInvestments: true, sendPolicies: true } }),
    sandbox.base,
  );
  browser.windows = watchWindows(browser.context);
});

after(async () => {
  await browser?.context.close();
  sandbox?.stop();
  await server?.close();
});

const open = (record) => openRecord(browser.context, server.url(`pages/top.html?record=${encodeURIComponent(`../${record}`)}`), 'frame_cache_0');
const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const says = (key, ...values) => new RegExp(escaped(sentence(key, ...values)));
/** Whether the record frame's keyboard is on its Menu button. */
const onMenu = (frame) => frame.evaluate(() => document.activeElement?.id === '_window_id1-button');
const backOnMenu = (frame) => eventually(() => onMenu(frame), 'the keyboard back on the Menu');
/** What has the keyboard in the dialog: an id, else a button's label. */
const focused = (flow) => flow.evaluate(() => {
  const at = document.activeElement;
  return { id: at?.id || at?.textContent?.trim() || at?.tagName, inside: document.getElementById('card').contains(at) };
});
/** Escape in the dialog, which closes its window while the key is handled. */
const escape = (flow) => flow.keyboard.press('Escape').catch((error) => {
  if (!flow.isClosed()) throw error;
});

describe('the keyboard', () => {
  test('stays in the dialog window; Escape closes it and the keyboard goes back to the Menu', async () => {
    await sandbox.reset();
    const { page, frame } = await open(MARRIED);
    await chooseEmoney(frame);
    const flow = await dialogWindow(browser.context);
    await flow.getByRole('dialog', { name: sentence('flowSignInTitle') }).waitFor();
    assert.deepEqual(await focused(flow), { id: 'user-name', inside: true });
    // Shift+Tab from User Name goes round to Login, not out of the dialog.
    await flow.keyboard.press('Shift+Tab');
    assert.deepEqual(await focused(flow), { id: sentence('flowLogin'), inside: true });
    await flow.keyboard.press('Tab');
    assert.deepEqual(await focused(flow), { id: 'user-name', inside: true });
    const seen = new Set();
    for (let press = 0; press < 8; press += 1) {
      await flow.keyboard.press('Tab');
      const at = await focused(flow);
      assert.equal(at.inside, true, `Tab ${press + 1} left the dialog for ${at.id}`);
      seen.add(at.id);
    }
    assert.ok(seen.has('password') && seen.has(sentence('flowCancel')), [...seen].join(', '));
    await escape(flow);
    await eventually(() => !dialogOpen(browser.context), 'the dialog to close');
    await shadowShows(page, says('pageCancelled'), 'the page to say the export stopped');
    await backOnMenu(frame);
    await page.close();
  });

  test('stays in the page\'s panel; Escape closes it and the keyboard goes back to the Menu', async () => {
    const { page, frame } = await open(BLOCKED);
    await chooseEmoney(frame);
    await shadowShows(page, says('pageBlockedTitle'), 'the panel');
    // The panel is in a closed shadow root: from the page, its host has the keyboard.
    const inPanel = () => frame.evaluate(() => {
      const at = document.activeElement;
      return at?.parentElement === document.body && at === document.body.lastElementChild && at.childElementCount === 0 && getComputedStyle(at).position === 'fixed';
    });
    await eventually(inPanel, 'the panel to have the keyboard');
    assert.equal(await frame.evaluate(() => document.getElementById('_window_id1').closest('[inert]') !== null), true, 'the record behind is inert');
    for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      assert.equal(await inPanel(), true, `${key} left the panel`);
    }
    await page.keyboard.press('Escape');
    await eventually(async () => !(await shadowTexts(page)).some(({ text }) => says('pageBlockedTitle').test(text)), 'the panel to go');
    await backOnMenu(frame);
    assert.equal(await frame.evaluate(() => document.querySelector('[inert]')), null, 'the record is back');
    // Its Close button does the same.
    await chooseEmoney(frame);
    await shadowShows(page, says('pageBlockedTitle'), 'the panel again');
    await clickInShadow(page, sentence('pageClose'));
    await eventually(async () => !(await shadowTexts(page)).some(({ text }) => says('pageBlockedTitle').test(text)), 'the panel to go');
    await backOnMenu(frame);
    await page.close();
  });
});

describe('what the export says', () => {
  test('the error goes when the advisor tries again, the bar is "under way" until a count, the summary closes and fades', async () => {
    await sandbox.reset();
    const { page, frame } = await open(MARRIED);
    await chooseEmoney(frame);
    const flow = await dialogWindow(browser.context);
    const auth = flow.getByRole('dialog', { name: sentence('flowSignInTitle') });
    await auth.waitFor();
    await auth.getByLabel('User Name').fill('advisor');
    await auth.getByLabel('Password').fill('not-the-password');
    await flow.getByRole('button', { name: 'Login' }).click();
    const alert = flow.locator('#sign-in-error');
    await eventually(async () => (await alert.textContent()) === sentence('emoneyWrongPassword'), 'the wrong password said');
    // The user name typed stays; the password gets the keyboard.
    assert.equal(await auth.getByLabel('User Name').inputValue(), 'advisor');
    assert.deepEqual(await focused(flow), { id: 'password', inside: true });
    // The next try is slow to answer: the last one's error is gone meanwhile,
    // and while eMoney is searched no count is known.
    await sandbox.hook('POST', '/__sandbox/faults', { method: 'POST', pathPrefix: '/connect/token', delayMs: 1500, times: 1 });
    await sandbox.hook('POST', '/__sandbox/faults', { method: 'GET', pathPrefix: '/public/v1/clients', delayMs: 2500, times: 1 });
    await auth.getByLabel('Password').fill('sandbox');
    await flow.getByRole('button', { name: 'Login' }).click();
    await eventually(async () => (await alert.count()) === 0 || (await alert.textContent()) === '', 'the error to go');
    const bar = flow.getByRole('progressbar', { name: sentence('flowProgressLabel') });
    await bar.waitFor();
    assert.equal(await bar.evaluate((progress) => progress.hasAttribute('value') || progress.position !== -1), false, 'the bar shows no count');
    assert.equal(await flow.getByText(sentence('emoneyWrongPassword')).count(), 0);
    const emoney = await browser.windows.next((url) => url.startsWith(sandbox.base), 'the eMoney window');
    await eventually(() => !dialogOpen(browser.context), 'the dialog to close');
    // The summary: a close button, and the keyboard back on the Menu.
    await shadowShows(page, says('summaryCreated', 'Delgado, Rafael', '2 investments', '0 policies'), 'the summary');
    await backOnMenu(frame);
    await clickInShadow(page, sentence('pageClose'));
    await eventually(async () => !(await shadowTexts(page)).some(({ text }) => /Delgado/.test(text)), 'the summary to close');
    await emoney.close();
    // Left alone, a summary fades after a few seconds.
    await chooseEmoney(frame);
    const again = await browser.windows.next((url) => url.startsWith(sandbox.base), 'the eMoney window');
    await shadowShows(page, says('summaryOpened', 'Delgado, Rafael'), 'the next summary');
    await eventually(async () => !(await shadowTexts(page)).some(({ text }) => /Delgado/.test(text)), 'the summary to fade', 20000);
    await again.close();
    await page.close();
  });

  test('a record with warnings: the summary counts them, in words', async () => {
    await sandbox.reset();
    // (Kowalski, Peter: a business address that cannot be split, told of
    // before the export.)
    const { page, frame } = await open('records/contact-divorced.html?contactId=1010');
    await chooseEmoney(frame);
    const flow = await dialogWindow(browser.context);
    await flow.getByText(sentence('flowWarningsTitle'), { exact: true }).waitFor();
    const count = await flow.locator('ul.findings li').count();
    assert.equal(count, 1);
    await flow.getByRole('button', { name: sentence('flowContinue') }).click();
    const auth = flow.getByRole('dialog', { name: sentence('flowSignInTitle') });
    await auth.waitFor();
    await auth.getByLabel('User Name').fill('advisor');
    await auth.getByLabel('Password').fill('sandbox');
    await flow.getByRole('button', { name: 'Login' }).click();
    const emoney = await browser.windows.next((url) => url.startsWith(sandbox.base), 'the eMoney window');
    const created = new RegExp(escaped(sentence('summaryCreated', 'Kowalski, Peter', '\u0001', '\u0001')).replaceAll('\u0001', '.*'));
    const summary = await shadowShows(page, created, 'the summary');
    assert.ok(summary.includes(sentence('summaryWarnings_one', 1)), summary);
    await emoney.close();
    await page.close();
  });
});
