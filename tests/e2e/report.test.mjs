// "What the extension sees on this page", end to end in the development
// build: the options page's report of an open SmartOffice tab (values only
// by their shape, nothing sent anywhere), the sentence the page shows once
// where the extension can do nothing (a record without a Menu, a Menu
// without a record), and the firm's profile additions (`profileOverrides`,
// written the way chrome.storage.managed gives them to the worker).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, launch } from './support/browser.mjs';
import { startFixtureServer } from './support/server.mjs';
import { loaderState, menuButton, openMenu, openRecord as open, shadowShows, shadowTexts } from './support/extension.mjs';
import { sentence } from './support/words.mjs';

let server;
let browser;

before(async () => {
  server = await startFixtureServer();
  browser = await launch();
});

after(async () => {
  await browser?.context.close();
  await server?.close();
});

const openRecord = (record) => open(browser.context, server.url(`pages/top.html?record=${record}`), 'frame_cache_0');

/** The options page, once it shows what the worker says. */
async function openOptions() {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.waitForSelector('html[data-ready]');
  return page;
}

/** The report of the tab showing `record`, as the options page shows it. */
async function reportOf(record) {
  const options = await openOptions();
  const tab = await eventually(
    () => browser.worker.evaluate((part) => chrome.tabs.query({}).then((tabs) => tabs.find((t) => t.url?.includes(part))?.id), `record=${record}`),
    `the tab of ${record}`,
  );
  await eventually(async () => (await options.locator(`#report-tab option[value="${tab}"]`).count()) === 1, 'the tab in the choice');
  await options.locator('#report-tab').selectOption(String(tab));
  await options.getByRole('button', { name: sentence('reportShow') }).click();
  await eventually(async () => (await options.getByRole('status').textContent()) === sentence('reportShown'), 'the report');
  return { options, text: await options.locator('#report').textContent() };
}

/** Checks that `check` stays false for `ms` (for what must not happen). */
async function never(check, what, ms = 1500) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    assert.equal(Boolean(await check()), false, what);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const saidOnce = () => browser.worker.evaluate(() => chrome.storage.session.get('saidOnce').then(({ saidOnce }) => JSON.parse(saidOnce ?? '[]')));
const NO_MENU = new RegExp(sentence('pageNoMenu').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const NOT_RECORD = new RegExp(sentence('pageNotRecord').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

describe('the report of a page', () => {
  test('of a record: recognised by its rule, its Menu, fields and tables, no value of the record', async () => {
    const { page, frame } = await openRecord('record-with-integrations.html');
    // The office builds its Menu's list when the Menu first opens.
    await openMenu(frame);
    const { options, text } = await reportOf('record-with-integrations.html');
    for (const line of [
      sentence('reportTitle'),
      sentence('reportFramed'),
      sentence('reportContact', 'sections.personal "Personal"'),
      sentence('reportWindowMenu', '_window_id1'),
      sentence('reportMenuList', '#_window_id1-menu'),
      sentence('reportIntegrations', 'Integrations'),
      sentence('reportEntry'),
      sentence('reportFieldFound', 'labels.firstName', 'Personal', 'First Name:', 'text(8)'),
      sentence('reportFieldFound', 'labels.birthDate', 'Personal', 'Birth Date:', 'date'),
      sentence('reportFieldMissing', 'labels.cellPhone', 'Cell Phone, Cell, Mobile, Mobile Phone'),
    ]) {
      assert.ok(text.includes(line), `no "${line}" in:\n${text}`);
    }
    for (const value of ['Margaret', 'Okafor', '04/12/1961', '1961']) assert.ok(!text.includes(value), `"${value}" in:\n${text}`);
    // Copy puts the very text on the clipboard; nothing else happens.
    await options.getByRole('button', { name: sentence('reportCopy') }).click();
    await eventually(async () => (await options.getByRole('status').textContent()) === sentence('reportCopied'), 'copied');
    // What the clipboard holds, pasted (as the advisor would) into a field the test adds.
    await options.evaluate(() => document.body.append(Object.assign(document.createElement('textarea'), { id: 'pasted' })));
    await options.locator('#pasted').focus();
    await options.keyboard.press('Control+V');
    assert.equal(await options.locator('#pasted').inputValue(), text);
    await options.close();
    await page.close();
  });

  test('of a record that lacks the Menu: said in the page once, and in the report', async () => {
    const first = await openRecord('record-no-menu.html');
    await shadowShows(first.page, NO_MENU, 'the no-Menu sentence');
    const { options, text } = await reportOf('record-no-menu.html');
    assert.ok(text.includes(sentence('reportContact', 'sections.personal "Personal"')), text);
    assert.ok(text.includes(sentence('reportNoWindow', '0', '0')), text);
    assert.ok(text.trimEnd().endsWith(sentence('pageNoMenu')), text);
    await options.close();
    // The same office again in this browser session: not said again.
    const second = await openRecord('record-no-menu.html');
    await never(async () => (await shadowTexts(second.page)).some(({ text }) => NO_MENU.test(text)), 'the sentence said twice');
    assert.equal((await saidOnce()).filter((said) => said.endsWith(' noMenu')).length, 1);
    assert.equal(await loaderState(second.frame), 'waiting');
    await first.page.close();
    await second.page.close();
  });

  test('of a Menu that shows no record: said once the Menu is touched', async () => {
    const { page, frame } = await openRecord('menu-no-record.html');
    assert.deepEqual((await saidOnce()).filter((said) => said.endsWith(' notRecord')), []);
    await menuButton(frame).click();
    await shadowShows(page, NOT_RECORD, 'the no-record sentence');
    assert.equal((await saidOnce()).filter((said) => said.endsWith(' notRecord')).length, 1);
    const { options, text } = await reportOf('menu-no-record.html');
    assert.ok(text.includes(sentence('reportNoRecord')), text);
    assert.ok(text.includes(sentence('reportSectionUnknown', 'Search Results')), text);
    for (const value of ['Okafor', 'Springfield']) assert.ok(!text.includes(value), `"${value}" in:\n${text}`);
    await options.close();
    await page.close();
  });
});

describe('profile additions pushed by the firm', () => {
  const push = (managed) =>
    browser.worker.evaluate((managed) => {
      // What chrome.storage.managed gives the worker, as a policy would set it.
      chrome.storage.managed.get = () => Promise.resolve(managed);
    }, managed);

  after(() => browser.worker.evaluate(() => delete chrome.storage.managed.get));

  test('a "Mobile Number" label reads as the cell phone, and a wrong part is said on the options page', async () => {
    const { page } = await openRecord('record-no-menu.html');
    const before = await reportOf('record-no-menu.html');
    assert.ok(before.text.includes(sentence('reportFieldUnknown', 'Personal', 'Mobile Number:', 'phone')), before.text);
    assert.equal(await before.options.locator('#profile-added').textContent(), sentence('optionsProfileNone'));
    await before.options.close();

    await push({ profileOverrides: { labels: { cellPhone: ['Mobile Number'], cellphone: ['Portable'] }, columns: { policyNumber: ['Contract'] } } });
    const after = await reportOf('record-no-menu.html');
    assert.ok(after.text.includes(sentence('reportOverrides', '1')), after.text);
    assert.ok(after.text.includes(sentence('reportFieldFound', 'labels.cellPhone', 'Personal', 'Mobile Number:', 'phone')), after.text);
    assert.equal(await after.options.locator('#profile-added').textContent(), sentence('optionsProfileAdded', '1'));
    const problems = await after.options.locator('#profile-problems li').allTextContents();
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.equal(problems[0], sentence('overrideFixed', 'columns.policyNumber'));
    assert.match(problems[1], new RegExp(`^profileOverrides: "labels\\.cellphone" is not a part of the page profile`));
    await after.options.close();
    await page.close();
  });
});
