// An office on an address of its own, in real headless Firefox ESR (as
// tests/e2e/options.test.mjs does in Chromium): `https://office.example-firm.test`
// is in no host permission or content script of the manifest. The advisor
// adds it on the options page; the page asks Firefox for the optional host
// permission in the Add click itself (`permissions.request`, answered yes
// without a prompt by the harness's `extensions.webextOptionalPermissionPrompts=false`,
// as a user's Allow would); the worker registers the loader there
// (`scripting.registerContentScripts`), and a record on that office gets
// Menu > Integrations > eMoney and exports to the eMoney sandbox, the worker
// injecting the page module (nothing is web-accessible). Removed, the
// address loses its loader and its permission.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXTENSION_DIR, eventually, launch } from './support/firefox.mjs';
import { chooseEmoney, openMenu, openRecord } from './support/menu.mjs';
import { startOffice } from './support/office.mjs';
import { startSandbox } from '../e2e/support/sandbox.mjs';

const OFFICE_HOST = 'office.example-firm.test';
const PATTERN = `https://${OFFICE_HOST}/*`;
const USER = 'advisor';
const PASSWORD = `pw-${randomBytes(6).toString('hex')}`;
const RECORD = `pages/top.html?record=${encodeURIComponent('../records/contact-married-spouse-section.html?contactId=1005')}`;

let office;
let sandbox;
let browser;
let words;
let options; // the options page's window

before(async () => {
  words = JSON.parse(await readFile(join(EXTENSION_DIR, '_locales/en/messages.json'), 'utf8'));
  await Promise.all([
    startOffice(OFFICE_HOST).then((started) => (office = started)),
    startSandbox(['--user', `${USER}:${PASSWORD}`]).then((started) => (sandbox = started)),
    launch({ hosts: [OFFICE_HOST] }).then((started) => (browser = started)),
  ]);
  await browser.inExtension(
    (base) => chrome.storage.local.set({ settings: { domains: [{ label: 'eMoney Sandbox', apiBase: base, webBase: base }], offices: [], sendInvestments: true, sendPolicies: true } }),
    [sandbox.base],
  );
});

process.on('exit', () => sandbox?.stop());

after(async () => {
  await browser?.close();
  sandbox?.stop();
  await office?.close();
});

/** A message with its placeholders filled, as chrome.i18n does. */
function word(key, ...values) {
  const entry = words[key];
  return entry.message.replace(/\$(\w+)\$/g, (whole, name) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? whole;
    return content.replace(/\$(\d)/g, (_, index) => String(values[Number(index) - 1] ?? ''));
  });
}

const inExtension = (fn, args) => browser.inExtension(fn, args);
const status = () => browser.driver.findElement({ css: '#status' }).getText();

test('the office’s address is in no part of the manifest, and Firefox grants it nothing yet', async () => {
  const { manifest, granted } = await inExtension(async (pattern) => ({
    manifest: chrome.runtime.getManifest(),
    granted: await chrome.permissions.contains({ origins: [pattern] }),
  }), [PATTERN]);
  assert.ok(!JSON.stringify([manifest.host_permissions, manifest.content_scripts]).includes('example-firm.test'));
  assert.deepEqual(manifest.optional_host_permissions, ['https://*/*']);
  assert.equal(granted, false);
  // Before it is added, the office's record gets nothing of the extension.
  const back = await browser.driver.getWindowHandle();
  await browser.open(office.url(RECORD));
  await browser.frame('frame_cache_0');
  await eventually(() => browser.evaluate(() => document.readyState === 'complete'), 'the record');
  assert.equal(await browser.evaluate(() => document.documentElement.dataset.soEmoney ?? null), null);
  await browser.closeWindow(back);
});

test('added on the options page, the address gets the permission, asked in the click, and the loader', async () => {
  await browser.open(browser.extensionUrl('options.html'));
  options = await browser.driver.getWindowHandle();
  await eventually(() => browser.evaluate(() => document.documentElement.hasAttribute('data-ready')), 'the options page');
  await browser.driver.findElement({ css: '#office-address' }).sendKeys(`https://${OFFICE_HOST}`);
  const add = () => browser.driver.findElement({ css: '#office-add' }).click();
  const added = word('officeAdded', PATTERN);
  // The worker answers the address as it is typed; a click before that
  // answer only checks it (and says it is ready), the next one adds.
  await add();
  await eventually(async () => [added, word('officeReady')].includes(await status()), 'the click to be answered');
  if ((await status()) !== added) await add();
  await eventually(async () => (await status()) === added, 'the address to be added');
  const kept = await inExtension(async (pattern) => ({
    offices: (await chrome.storage.local.get('settings')).settings.offices,
    scripts: (await chrome.scripting.getRegisteredContentScripts()).map(({ id, matches, js, allFrames }) => ({ id, matches, js, allFrames })),
    granted: await chrome.permissions.contains({ origins: [pattern] }),
  }), [PATTERN]);
  assert.deepEqual(kept.offices, [PATTERN]);
  assert.deepEqual(kept.scripts, [{ id: `office:${PATTERN}`, matches: [PATTERN], js: ['loader.js'], allFrames: true }]);
  assert.equal(kept.granted, true);
  const listed = await browser.driver.findElements({ css: '#added-offices li code' });
  assert.deepEqual(await Promise.all(listed.map((code) => code.getText())), [PATTERN]);
});

test('a record on the office: the entry, the dialog, the client written, eMoney opened on it', async () => {
  const back = await browser.driver.getWindowHandle();
  assert.equal(await openRecord(browser, office.url(RECORD)), 'waiting');
  assert.deepEqual(await openMenu(browser), { loaded: 'wasm', entries: 1, integrations: 1 });
  const record = await browser.driver.getWindowHandle();
  const known = await browser.driver.getAllWindowHandles();
  await chooseEmoney(browser);
  const dialog = await browser.waitForWindow(/\/flow\.html$/, known);
  const title = () => browser.driver.findElement({ css: '#title' }).getText();
  await eventually(async () => (await title()) === word('flowSignInTitle'), 'the sign-in screen');
  await browser.driver.findElement({ css: '#user-name' }).sendKeys(USER);
  await browser.driver.findElement({ css: '#password' }).sendKeys(PASSWORD);
  assert.equal(await browser.driver.findElement({ css: '#domain option:checked' }).getText(), 'eMoney Sandbox');
  const beforeLogin = await browser.driver.getAllWindowHandles();
  await browser.driver.findElement({ xpath: `//footer//button[normalize-space(.)='${word('flowLogin')}']` }).click();
  await browser.waitForWindow(new RegExp(`^${sandbox.base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/clients/`), beforeLogin, 30000);
  const clients = await sandbox.clients();
  assert.equal(clients.length, 1, JSON.stringify(clients));
  assert.deepEqual([clients[0].client.firstName, clients[0].spouse?.firstName], ['Rafael', 'Lucia']);
  assert.equal(await browser.driver.getCurrentUrl(), `${sandbox.base}/clients/${clients[0].id}`);
  await browser.driver.close();
  await eventually(async () => !(await browser.driver.getAllWindowHandles()).includes(dialog), 'the dialog window to close');
  // The password never reached the office's page.
  await browser.switchTo(record);
  await browser.frame('frame_cache_0');
  assert.ok(!(await browser.driver.getPageSource()).includes(PASSWORD));
  await browser.closeWindow(back);
});

test('removed, the address loses its loader and its permission', async () => {
  await browser.switchTo(options);
  await browser.driver.findElement({ xpath: `//button[@aria-label='${word('officeRemoveNamed', PATTERN)}']` }).click();
  await eventually(async () => (await status()) === word('officeRemoved', PATTERN), 'the address to be removed');
  const kept = await inExtension(async (pattern) => ({
    offices: (await chrome.storage.local.get('settings')).settings.offices,
    scripts: await chrome.scripting.getRegisteredContentScripts(),
    granted: await chrome.permissions.contains({ origins: [pattern] }),
  }), [PATTERN]);
  assert.deepEqual(kept, { offices: [], scripts: [], granted: false });
});

test('no script of the extension reported an error, and nothing tried to leave the machine', () => {
  assert.deepEqual(browser.scriptErrors(), []);
  assert.deepEqual(browser.outsideAttempts(), []);
  assert.deepEqual(browser.log().filter((line) => line.includes(PASSWORD)), []);
});
