// The development build in real headless Firefox ESR: it installs and runs,
// Menu > Integrations > eMoney appears once on a record, and the options page
// keeps what it saves.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, launch } from './support/firefox.mjs';
import { openMenu, openRecord } from './support/menu.mjs';
import { startFixtureServer } from '../e2e/support/server.mjs';

let server;
let browser;

before(async () => {
  server = await startFixtureServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the development build installs without a manifest warning and its background runs', async () => {
  const state = await browser.addonState();
  assert.deepEqual(state, { warnings: [], errors: [], background: 'running' });
  const { base, manifest, reply } = await browser.inExtension(async () => ({
    base: chrome.runtime.getURL(''),
    manifest: chrome.runtime.getManifest(),
    // An unknown flow: the worker's own answer, so its wasm module is running.
    reply: await chrome.runtime.sendMessage({ type: 'flowState', flowId: 'none' }),
  }));
  // The moz-extension:// host the harness chose before the install.
  assert.equal(base, browser.extension.base);
  assert.equal(manifest.name, 'SmartOffice → eMoney (development)');
  assert.ok(manifest.content_scripts[0].matches.includes('http://127.0.0.1/*'));
  assert.equal(reply.type, 'failed', JSON.stringify(reply));
});

test('Menu > Integrations > eMoney appears exactly once on a record', async () => {
  const back = await browser.driver.getWindowHandle();
  assert.equal(await openRecord(browser, server.url('pages/top.html?record=../records/contact-single.html')), 'wasm');
  assert.deepEqual(await openMenu(browser), { entries: 1, integrations: 1 });
  await browser.closeWindow(back);
});

test('the options page opens as a tab, and a setting saved there is still there after a reload', async () => {
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
});
