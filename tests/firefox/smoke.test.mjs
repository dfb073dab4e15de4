// The development build in real headless Firefox ESR: it installs and runs,
// Menu > Integrations > eMoney appears once on a record (the page module
// coming in only when the advisor opens the Menu), choosing it opens the
// dialog window, signing in there sends the record to the eMoney sandbox and
// opens eMoney, and the options page keeps what it saves.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXTENSION_DIR, eventually, launch } from './support/firefox.mjs';
import { chooseEmoney, loaderState, openMenu, openRecord } from './support/menu.mjs';
import { startFixtureServer } from '../e2e/support/server.mjs';
import { startSandbox } from '../e2e/support/sandbox.mjs';

// A password of this run's own, so that finding it anywhere means it leaked.
const USER = 'advisor';
const PASSWORD = `pw-${randomBytes(6).toString('hex')}`;
const RECORD = 'pages/top.html?record=../records/contact-single.html';

let server;
let sandbox;
let browser;
let words;

before(async () => {
  words = JSON.parse(await readFile(join(EXTENSION_DIR, '_locales/en/messages.json'), 'utf8'));
  // Started side by side; each kept as soon as it is up, so that `after`
  // stops whatever started even when another one failed.
  await Promise.all([
    startFixtureServer().then((started) => (server = started)),
    startSandbox(['--user', `${USER}:${PASSWORD}`]).then((started) => (sandbox = started)),
    launch().then((started) => (browser = started)),
  ]);
});

// The sandbox goes with this file even when it dies (the harness turns the
// runner's SIGTERM into an exit).
process.on('exit', () => sandbox?.stop());

after(async () => {
  await browser?.close();
  sandbox?.stop();
  await server?.close();
});

const word = (key) => words[key].message;

test('the development build installs without a manifest warning and its background runs', async () => {
  const state = await browser.addonState();
  assert.deepEqual(state, { warnings: [], errors: [], background: 'running' });
  const { base, manifest, options, unknown } = await browser.inExtension(async () => ({
    base: chrome.runtime.getURL(''),
    manifest: chrome.runtime.getManifest(),
    // The worker's own answers, so its wasm module is running.
    options: await chrome.runtime.sendMessage({ type: 'options' }),
    unknown: await chrome.runtime.sendMessage({ type: 'flowState', flowId: 'none' }),
  }));
  // The moz-extension:// host the harness chose before the install.
  assert.equal(base, browser.extension.base);
  assert.equal(manifest.name, 'SmartOffice → eMoney (development)');
  // The loader is the only content script (Firefox names it by its full address).
  assert.deepEqual(manifest.content_scripts.map((script) => script.js.map((file) => file.replace(base, ''))), [['loader.js']]);
  assert.ok(manifest.content_scripts[0].matches.includes('http://127.0.0.1/*'));
  // Nothing of the extension can be fetched by a web page.
  assert.equal(manifest.web_accessible_resources ?? null, null);
  assert.equal(options.type, 'options', JSON.stringify(options));
  assert.equal(options.effective.development, true);
  assert.equal(unknown.type, 'failed', JSON.stringify(unknown));
});

test('Menu > Integrations > eMoney appears exactly once on a record, once the Menu is opened', async () => {
  const back = await browser.driver.getWindowHandle();
  // Only the loader runs until the advisor touches a Menu.
  assert.equal(await openRecord(browser, server.url(RECORD)), 'waiting');
  assert.equal(await browser.evaluate(() => document.querySelectorAll('[role="menuitem"]').length), 0);
  assert.deepEqual(await openMenu(browser), { loaded: 'wasm', entries: 1, integrations: 1 });
  await browser.closeWindow(back);
});

test('choosing eMoney opens the dialog window; signing in there creates the client and opens eMoney', async () => {
  await browser.inExtension(
    (base) => chrome.storage.local.set({ settings: { domains: [{ label: 'eMoney Sandbox', apiBase: base, webBase: base }], offices: [], sendInvestments: true, sendPolicies: true } }),
    [sandbox.base],
  );
  const back = await browser.driver.getWindowHandle();
  const record = await browser.open(server.url(RECORD));
  await browser.frame('frame_cache_0');
  await eventually(() => loaderState(browser).then((state) => state === 'waiting'), 'the loader');
  assert.equal((await openMenu(browser)).loaded, 'wasm');
  const known = await browser.driver.getAllWindowHandles();
  await chooseEmoney(browser);

  // The dialog: a window of the extension's own, not part of the page.
  const dialog = await browser.waitForWindow(/\/flow\.html$/, known);
  assert.ok((await browser.driver.getCurrentUrl()).startsWith(browser.extension.base));
  const title = () => browser.driver.findElement({ css: '#title' }).getText();
  await eventually(async () => (await title()) === word('flowSignInTitle'), 'the sign-in screen');
  assert.equal(await browser.driver.findElement({ css: '#card' }).getAttribute('role'), 'dialog');
  const labels = await browser.evaluate(() => [...document.querySelectorAll('#sign-in label')].map((label) => label.textContent.trim()));
  assert.deepEqual(labels, [word('flowUserName'), word('flowPassword'), word('flowDomain'), word('flowRememberMe')]);
  await browser.driver.findElement({ css: '#user-name' }).sendKeys(USER);
  await browser.driver.findElement({ css: '#password' }).sendKeys(PASSWORD);
  const domain = await browser.driver.findElement({ css: '#domain' });
  assert.equal(await domain.getAttribute('value'), sandbox.base);
  assert.equal(await domain.findElement({ css: 'option:checked' }).getText(), 'eMoney Sandbox');
  const beforeLogin = await browser.driver.getAllWindowHandles();
  // A trusted click: the submit handler asks for the domain's permission in it.
  await browser.driver.findElement({ xpath: `//footer//button[normalize-space(.)='${word('flowLogin')}']` }).click();

  // The worker opens eMoney in a window of its own, at the new client.
  await browser.waitForWindow(new RegExp(`^${sandbox.base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`), beforeLogin, 30000);
  const clients = await sandbox.clients();
  assert.equal(clients.length, 1, JSON.stringify(clients));
  assert.deepEqual(
    [clients[0].client.firstName, clients[0].client.lastName, clients[0].client.dateOfBirth],
    ['Hannah', 'Fischer', '1994-05-19'],
  );
  assert.equal(await browser.driver.getCurrentUrl(), `${sandbox.base}/clients/${clients[0].id}`);
  await browser.driver.close();
  // Its work done, the dialog window closed.
  await eventually(async () => !(await browser.driver.getAllWindowHandles()).includes(dialog), 'the dialog window to close');

  // The password never reached the page.
  await browser.switchTo(record);
  assert.ok(!(await browser.driver.getPageSource()).includes(PASSWORD));
  await browser.frame('frame_cache_0');
  assert.ok(!(await browser.driver.getPageSource()).includes(PASSWORD));
  await browser.closeWindow(back);
});

test('the options page opens as a tab, and a setting saved there is still there after a reload', async () => {
  await browser.inExtension(() => chrome.storage.local.remove('settings'));
  const back = await browser.driver.getWindowHandle();
  const url = browser.extensionUrl('options.html');
  await browser.open(url);
  const ready = () => eventually(() => browser.evaluate(() => document.documentElement.hasAttribute('data-ready')), 'the options page');
  await ready();
  assert.equal(await browser.driver.getCurrentUrl(), url);
  const investments = () => browser.driver.findElement({ css: '#send-investments' });
  assert.equal(await (await investments()).isSelected(), true);
  await (await investments()).click();
  await eventually(
    () => browser.evaluate(() => chrome.storage.local.get('settings').then(({ settings }) => settings?.sendInvestments === false)),
    'the setting to be stored',
  );
  await browser.driver.navigate().refresh();
  await ready();
  assert.equal(await (await investments()).isSelected(), false);
  assert.equal((await browser.evaluate(() => chrome.storage.local.get('settings'))).settings.sendPolicies, true);
  await browser.closeWindow(back);
});

test('no script of the extension reported an error, and nothing tried to leave the machine', () => {
  assert.deepEqual(browser.scriptErrors(), []);
  assert.deepEqual(browser.outsideAttempts(), []);
  // Nor did the password reach any log.
  assert.deepEqual(browser.log().filter((line) => line.includes(PASSWORD)), []);
});
