// The store build in real headless Firefox ESR, on a SmartOffice host name
// (https, a certificate made for the test, the name resolved to loopback in
// this browser only): its own host permissions and content scripts apply,
// and opening a record's Menu brings in the page module and the entry.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, launch, STORE_EXTENSION_DIR } from './support/firefox.mjs';
import { loaderState, openMenu, openRecord } from './support/menu.mjs';
import { startOffice } from './support/office.mjs';
import { startFixtureServer } from '../e2e/support/server.mjs';

let office;
let loopback;
let browser;

before(async () => {
  await Promise.all([startOffice().then((started) => (office = started)), startFixtureServer().then((started) => (loopback = started))]);
  browser = await launch({ extensions: [STORE_EXTENSION_DIR], hosts: [office.host] });
});

after(async () => {
  await browser?.close();
  await office?.close();
  await loopback?.close();
});

const RECORD = 'pages/top.html?record=../records/contact-single.html';
const SMARTOFFICE_HOSTS = ['https://*.ebixcrm.com/*', 'https://*.ez-data.com/*'];

test('the store build installs without a manifest warning and holds only SmartOffice hosts', async () => {
  assert.deepEqual(await browser.addonState(), { warnings: [], errors: [], background: 'running' });
  const { manifest, granted, office: onOffice, loopback: onLoopback } = await browser.inExtension(
    async (officePattern, loopbackPattern) => ({
      manifest: chrome.runtime.getManifest(),
      granted: await chrome.permissions.getAll(),
      office: await chrome.permissions.contains({ origins: [officePattern] }),
      loopback: await chrome.permissions.contains({ origins: [loopbackPattern] }),
    }),
    [`https://${office.host}/*`, 'http://127.0.0.1/*'],
  );
  assert.doesNotMatch(JSON.stringify(manifest), /127\.0\.0\.1|localhost/);
  assert.equal(manifest.web_accessible_resources ?? null, null);
  assert.deepEqual([...manifest.host_permissions].sort(), SMARTOFFICE_HOSTS);
  assert.deepEqual([...manifest.content_scripts[0].matches].sort(), SMARTOFFICE_HOSTS);
  assert.deepEqual([...granted.origins].sort(), SMARTOFFICE_HOSTS);
  assert.equal(onOffice, true);
  assert.equal(onLoopback, false);
});

test('Menu > Integrations > eMoney appears exactly once on a SmartOffice host over https', async () => {
  const back = await browser.driver.getWindowHandle();
  assert.match(office.url(RECORD), /^https:\/\/test-office\.ez-data\.com:\d+\//);
  assert.equal(await openRecord(browser, office.url(RECORD)), 'waiting');
  assert.deepEqual(await openMenu(browser), { loaded: 'wasm', entries: 1, integrations: 1 });
  await browser.closeWindow(back);
});

test('nothing runs on a loopback page', async () => {
  const back = await browser.driver.getWindowHandle();
  const onLoopback = await browser.open(loopback.url(RECORD));
  await browser.frame('frame_cache_0');
  await eventually(() => browser.evaluate(() => document.readyState === 'complete' && !!document.getElementById('_window_id1-button')), 'the record');
  // A control: the loader runs on the office's record, opened after the
  // loopback one was complete (so its content scripts, had it any, ran first).
  assert.equal(await openRecord(browser, office.url(RECORD)), 'waiting');
  const onOffice = await browser.driver.getWindowHandle();
  await browser.switchTo(onLoopback);
  await browser.frame('frame_cache_0');
  assert.equal(await loaderState(browser), null);
  await browser.driver.close();
  await browser.switchTo(onOffice);
  await browser.closeWindow(back);
});

test('no script of the extension reported an error, and nothing tried to leave the machine', () => {
  assert.deepEqual(browser.scriptErrors(), []);
  assert.deepEqual(browser.outsideAttempts(), []);
});
