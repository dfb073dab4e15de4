// Who may talk to the service worker: this extension's scripts and pages only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { extensionWorker, launch } from './support/browser.mjs';
import { startFixtureServer } from './support/server.mjs';

let server;
let browser;

before(async () => {
  server = await startFixtureServer();
  browser = await launch({ foreign: true });
});

after(async () => {
  await browser?.context.close();
  await server?.close();
});

test('another extension is refused, with a sentence', async () => {
  const foreign = await extensionWorker(browser.context, 'Foreign');
  const reply = await foreign.evaluate(
    (id) => chrome.runtime.sendMessage(id, { type: 'flowLaunch', flowId: 'any' }),
    browser.extensionId,
  );
  assert.equal(reply.type, 'refused');
  assert.match(reply.message, /did not come from the SmartOffice → eMoney extension/);
});

test('a web page has no way to send the service worker anything', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.url('pages/not-smartoffice.html'));
  assert.equal(await page.evaluate(() => window.extensionReachable), false);
  const attempt = await page.evaluate(async (id) => {
    try {
      await chrome.runtime.sendMessage(id, { type: 'flowLaunch', flowId: 'any' });
      return 'sent';
    } catch (error) {
      return `refused: ${error.message}`;
    }
  }, browser.extensionId);
  assert.match(attempt, /^refused: /);
  await page.close();
});

test('the extension\'s own pages are answered, and unknown requests refused', async () => {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const known = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'flowLaunch', flowId: 'no-such-export' }));
  assert.equal(known.type, 'failed');
  assert.match(known.message, /no longer open/);
  const unknown = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'readPassword' }));
  assert.equal(unknown.type, 'refused');
  assert.match(unknown.message, /does not know/);
  await page.close();
});

test('the options page loads and lists the SmartOffice addresses', async () => {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'SmartOffice → eMoney options');
  const offices = await page.locator('#offices li').allTextContents();
  assert.ok(offices.includes('https://*.ez-data.com/*'), offices.join(', '));
  assert.ok(offices.includes('https://*.ebixcrm.com/*'), offices.join(', '));
  await page.close();
});
