// The store build in real headless Firefox ESR, on a SmartOffice host name
// (https, a certificate made for the test, the name resolved to loopback in
// this browser only): its own host permissions and content scripts apply.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, launch, STORE_EXTENSION_DIR } from './support/firefox.mjs';
import { openMenu, openRecord } from './support/menu.mjs';
import { startOffice } from './support/office.mjs';
import { startFixtureServer } from '../e2e/support/server.mjs';

let office;
let loopback;
let browser;

before(async () => {
  office = await startOffice();
  loopback = await startFixtureServer();
  browser = await launch({ extensions: [STORE_EXTENSION_DIR], hosts: [office.host] });
});

after(async () => {
  await browser?.close();
  await office?.close();
  await loopback?.close();
});

const RECORD = 'pages/top.html?record=../records/contact-single.html';

test('the store build installs without a manifest warning and names no loopback host', async () => {
  assert.deepEqual(await browser.addonState(), { warnings: [], errors: [], background: 'running' });
  const manifest = await browser.inExtension(() => chrome.runtime.getManifest());
  assert.doesNotMatch(JSON.stringify(manifest), /127\.0\.0\.1|localhost/);
});

test('Menu > Integrations > eMoney appears exactly once on a SmartOffice host over https', async () => {
  const back = await browser.driver.getWindowHandle();
  assert.equal(await openRecord(browser, office.url(RECORD)), 'wasm');
  assert.deepEqual(await openMenu(browser), { entries: 1, integrations: 1 });
  await browser.closeWindow(back);
});

test('nothing runs on a loopback page', async () => {
  const back = await browser.driver.getWindowHandle();
  await browser.open(loopback.url(RECORD));
  await browser.frame('frame_cache_0');
  await eventually(() => browser.evaluate(() => document.readyState === 'complete' && !!document.getElementById('_window_id1-button')), 'the record');
  // A content script would have run by now.
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(await browser.evaluate(() => document.documentElement.getAttribute('data-so-emoney')), null);
  await browser.closeWindow(back);
});

test('no script of the extension reported an error, and nothing tried to leave the machine', () => {
  assert.deepEqual(browser.scriptErrors(), []);
  assert.deepEqual(browser.outsideAttempts(), []);
});
