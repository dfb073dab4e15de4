// A hostile SmartOffice page, tried as an attacker would (issue 9), part
// two: records padded past any real one, many exports left unanswered, the
// remembered login's refresh token, and a launch address off eMoney's site.
// (Part one: attacks.test.mjs.)
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from './support/browser.mjs';
import { startSandbox } from './support/sandbox.mjs';
import { contentWorld } from './support/content-world.mjs';
import { chooseEmoney, dialogOpen, shadowShows, shadowTexts, words } from './support/extension.mjs';
import { sentence as filled } from './support/words.mjs';
import {
  MARRIED,
  PASSWORD,
  browserWith,
  closeWindow,
  emoneyWindow,
  exportRemembering,
  keptFlows,
  never,
  openRecord,
  sentence,
  signIn,
  signInScreen,
  storedText,
  suite,
  vault,
} from './support/attack.mjs';

const env = suite();

describe('bounds', () => {
  for (const [pad, key] of [
    ['field', 'limitFieldNamed'],
    ['rows', 'limitRows'],
  ]) {
    test(`a record padded beyond any real one (${pad === 'field' ? 'a 100 KB company name' : 'a 6,000-row table'}) gets a finding, and nothing is sent`, async () => {
      await env.sandbox.reset();
      const browser = await browserWith(env);
      const { page, frame } = await openRecord(browser, env.server, `pages/record-oversized.html?contactId=1301&pad=${pad}`);
      const world = await contentWorld(page, frame, browser.extensionId);
      await world.listen();
      await chooseEmoney(frame);
      // The worker's answer (read cheaply: the page's DOM is huge), then what the page shows.
      const blocked = await eventually(
        async () => JSON.parse(await world.run("JSON.stringify((globalThis.__heard || []).find((entry) => entry.reply?.type === 'blocked')?.reply ?? null)")),
        "the worker's answer",
        60000,
      );
      // (The padding out of the page's DOM, so that DevTools reads it quickly.)
      await frame.evaluate(() => document.getElementById('investments').replaceChildren());
      assert.equal(blocked.blocking.length, 1, JSON.stringify(blocked.blocking));
      assert.match(blocked.blocking[0], sentence(key));
      const shown = (await shadowTexts(page)).map(({ text }) => text).join(' ');
      assert.match(shown, sentence('pageBlockedTitle'));
      assert.ok(shown.includes(blocked.blocking[0]), 'the page shows the finding');
      await world.close();
      assert.equal(dialogOpen(browser.context), false);
      assert.deepEqual(await keptFlows(browser), []);
      assert.equal((await env.sandbox.clients()).length, 0);
      assert.equal(await env.sandbox.calls('POST /connect/token grant_type=password'), 0);
      await browser.context.close();
    });
  }

  test('exports left unanswered in many tabs keep at most a few flows in session storage', async () => {
    const browser = await browserWith(env);
    // One more than the worker keeps (4).
    for (let tab = 0; tab < 5; tab += 1) {
      const { page, frame } = await openRecord(browser, env.server, MARRIED);
      await chooseEmoney(frame);
      // Said once the worker kept the export and opened its dialog.
      await shadowShows(page, sentence('pageDialogOpen'), `export ${tab + 1} waiting in its dialog`);
    }
    const flows = await keptFlows(browser);
    assert.ok(flows.length <= 4, `${flows.length} flows kept`);
    const bytes = await browser.worker.evaluate(() => chrome.storage.session.getBytesInUse(null));
    assert.ok(bytes < 256 * 1024, `${bytes} bytes in session storage`);
    await browser.context.close();
  });
});

describe('the remembered login', () => {
  test('its refresh token is in the extension origin\'s IndexedDB only, never in chrome.storage, and Forget drops it', async () => {
    await env.sandbox.reset();
    const browser = await browserWith(env);
    const { page, frame } = await openRecord(browser, env.server, MARRIED);
    await exportRemembering(browser, frame, env.sandbox.base);
    const kept = await vault(browser);
    assert.equal(kept.values.length, 1, `the vault holds ${JSON.stringify(kept.keys)}`);
    const [token] = kept.values;
    assert.ok(token.length >= 16);
    const stored = await storedText(browser);
    assert.ok(!stored.includes(token), 'the refresh token is in chrome.storage');
    assert.ok(!stored.includes(PASSWORD));
    // The content script's IndexedDB is the page's: no vault there.
    const world = await contentWorld(page, frame, browser.extensionId);
    const seen = await world.run(`(async () => JSON.stringify({
      databases: (await indexedDB.databases()).map((d) => d.name),
      local: await chrome.storage.local.get(null).then((all) => JSON.stringify(all), (e) => 'refused: ' + e.message),
    }))()`);
    assert.ok(!seen.includes(token), `the content script reads the token: ${seen.slice(0, 200)}`);
    assert.ok(!JSON.parse(seen).databases.includes('smartoffice-emoney'));
    await world.close();

    // The token works: the worker's access token gone (as after a restart), the next export refreshes.
    await browser.worker.evaluate(async () => {
      const all = await chrome.storage.session.get(null);
      await chrome.storage.session.remove(Object.keys(all).filter((key) => key !== 'flows'));
    });
    const refreshes = await env.sandbox.calls('POST /connect/token grant_type=refresh_token');
    await chooseEmoney(frame);
    const emoney = await emoneyWindow(browser, env.sandbox.base);
    // (Closed only once the page saw it open: closed at once, it would count as blocked.)
    await shadowShows(page, sentence('summaryOpened'), 'the summary in the page');
    await closeWindow(browser, emoney);
    assert.equal(await env.sandbox.calls('POST /connect/token grant_type=refresh_token'), refreshes + 1);
    assert.equal(dialogOpen(browser.context), false);
    const rotated = await vault(browser);
    assert.equal(rotated.values.length, 1);
    assert.notEqual(rotated.values[0], token, 'rotated');
    assert.ok(!(await storedText(browser)).includes(rotated.values[0]));

    // Forget, on the options page.
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.waitForSelector('html[data-ready]');
    await options.locator('#login-forget').click();
    await eventually(async () => (await vault(browser)).values.length === 0, 'the vault to be emptied');
    await options.close();
    const after = await storedText(browser);
    assert.ok(!after.includes(rotated.values[0]));
    // The next export asks for the password again.
    await chooseEmoney(frame);
    await signInScreen(browser);
    await browser.context.close();
  });
});

describe('the launch address', () => {
  test("one outside the domain's web address is refused with a sentence, and no window opens", async () => {
    // eMoney (a spoofed or broken relay) answers launch links on another site.
    const foreign = env.server.url('elsewhere');
    const spoofed = await startSandbox(['--web-base', foreign]);
    try {
      const browser = await browserWith(env, spoofed);
      const { frame } = await openRecord(browser, env.server, MARRIED);
      await chooseEmoney(frame);
      const flow = await signIn(browser);
      await flow.getByText(words('emoneyForeignLaunch').slice(0, 60)).waitFor({ timeout: 20000 });
      assert.equal(await flow.getByRole('alert').first().textContent(), filled('emoneyForeignLaunch'));
      assert.equal(await spoofed.calls('POST /public/v1/clients/{id}/launch'), 1, 'the launch address was asked for');
      await never(() => browser.context.pages().some((other) => other.url().startsWith(foreign) || other.url().startsWith(spoofed.base)), () => `a window opened: ${browser.context.pages().map((other) => other.url())}`);
      assert.equal((await spoofed.clients()).length, 1, 'the client is saved');
      await browser.context.close();
    } finally {
      spoofed.stop();
    }
  });
});
