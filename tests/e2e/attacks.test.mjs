// A hostile SmartOffice page, tried as an attacker would (issue 9): any
// script on the office's pages runs beside the content script. Each test is
// one attack against the built extension in real Chromium with the real
// eMoney sandbox, and what must hold. (Untrusted click()/Enter on the entry:
// menu.test.mjs; a spy reading the DOM and keys: flow.test.mjs; the page
// learning an export id: messaging.test.mjs; sizes, the remembered login and
// the launch address: attacks-limits.test.mjs.)
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from './support/browser.mjs';
import { startHostileServer } from './support/hostile-server.mjs';
import { contentWorld } from './support/content-world.mjs';
import {
  chooseEmoney,
  clickInShadow,
  dialogOpen,
  dialogWindow,
  entries,
  integrationsItems,
  menuButton,
  menuList,
  openMenu,
  shadowShows,
  shadowTexts,
  words,
} from './support/extension.mjs';
import { sentence as filled } from './support/words.mjs';
import {
  MARRIED,
  PASSWORD,
  READONLY,
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
} from './support/attack.mjs';

const POLICY_NUMBER = 'ZX55501234';

const env = suite(async (env) => {
  env.hostile = await startHostileServer();
});

describe('only the advisor, on the extension\'s own element, starts an export', () => {
  test('a look-alike of the entry (a clone with its classes and attributes, or an overlay on it), clicked for real, starts nothing', async () => {
    const browser = await browserWith(env);
    const { page, frame } = await openRecord(browser, env.server, MARRIED);
    await openMenu(frame);
    await integrationsItems(frame).hover();
    await eventually(() => entries(frame).isVisible(), 'the entry to show');
    const shownBefore = await shadowTexts(page);
    // The page copies the entry, every attribute and class, and puts the
    // copy right below it; and lays a transparent copy over the entry itself.
    const made = await frame.evaluate(() => {
      const entry = [...document.querySelectorAll('[role="menuitem"]')].find((item) => item.textContent.trim() === 'eMoney');
      const item = entry.closest('li') || entry;
      const clone = item.cloneNode(true);
      clone.setAttribute('data-lookalike', 'clone');
      item.after(clone);
      const box = item.getBoundingClientRect();
      const overlay = item.cloneNode(true);
      overlay.setAttribute('data-lookalike', 'overlay');
      overlay.style.cssText = `position:fixed;left:${box.left}px;top:${box.top}px;width:${box.width}px;height:${box.height}px;margin:0;opacity:0.01;z-index:2147483647`;
      document.body.append(overlay);
      window.lookalikeClicks = [];
      for (const copy of [clone, overlay]) {
        copy.addEventListener('click', (event) => window.lookalikeClicks.push(`${copy.dataset.lookalike}:${event.isTrusted}`), true);
      }
      return { attributes: [...item.attributes].map((a) => a.name), same: clone.outerHTML.replace(' data-lookalike="clone"', '') === item.outerHTML };
    });
    assert.ok(made.same, 'the clone is the entry to the letter');
    await frame.locator('[data-lookalike="clone"]').click();
    // Where the entry is, the overlay takes the click.
    await frame.locator('[data-lookalike="overlay"]').click();
    assert.deepEqual(await frame.evaluate(() => window.lookalikeClicks), ['clone:true', 'overlay:true'], 'real clicks landed on the copies');
    // Started, an export would have put its status line in the page at once.
    assert.deepEqual(await shadowTexts(page), shownBefore);
    await never(async () => dialogOpen(browser.context) || (await keptFlows(browser)).length > 0, 'an export started');
    assert.equal(await env.sandbox.calls('POST /public/v1/clients'), 0);
    // The advisor's own click on the entry does start it (the checks above could fail).
    await frame.evaluate(() => document.querySelectorAll('[data-lookalike]').forEach((copy) => copy.remove()));
    if (!(await menuList(frame).isVisible())) await menuButton(frame).click();
    await integrationsItems(frame).hover();
    await entries(frame).click();
    await dialogWindow(browser.context);
    assert.equal((await keptFlows(browser)).length, 1);
    await browser.context.close();
  });
});

describe('the password never reaches the page', () => {
  test('a page that takes the keyboard into an invisible input whenever focus moves learns no character of it', async () => {
    await env.sandbox.reset();
    const browser = await browserWith(env);
    const { page, frame } = await openRecord(browser, env.server, MARRIED, 'pages/top-focus-thief.html');
    await eventually(() => frame.evaluate(() => window.thiefRan === true), 'the thief in the record frame');
    await chooseEmoney(frame);
    const { flow, dialog } = await signInScreen(browser);
    await dialog.getByLabel('User Name').click();
    await flow.keyboard.type('advisor');
    await dialog.getByLabel('Password').click();
    await flow.keyboard.type(PASSWORD);
    // Every key went to the dialog.
    assert.equal(await dialog.getByLabel('Password').inputValue(), PASSWORD);
    await flow.keyboard.press('Enter');
    const emoney = await emoneyWindow(browser, env.sandbox.base);
    await emoney.waitForURL((url) => url.pathname.startsWith('/clients/'));
    for (const thief of [page.mainFrame(), frame]) {
      const { ran, thefts, stolen, trap } = await thief.evaluate(() => ({
        ran: window.thiefRan,
        thefts: window.thefts,
        stolen: window.stolen,
        trap: [...document.querySelectorAll('input[aria-hidden]')].map((input) => input.value).join(''),
      }));
      assert.ok(ran, `the thief ran (${thief.url()})`);
      // (The record frame steals; the top page listens.)
      if (thief === frame) assert.ok(thefts > 0, 'the thief took the focus');
      assert.deepEqual(stolen, [], `the page heard keys: ${JSON.stringify(stolen).slice(0, 200)}`);
      assert.equal(trap, '');
    }
    assert.equal((await env.sandbox.clients()).length, 1);
    await browser.context.close();
  });
});

describe('exports are single-use and only the extension\'s own dialog drives one', () => {
  test('flow.html opened in a tab, or by the page, shows a sentence and does nothing; the real dialog goes on', async () => {
    await env.sandbox.reset();
    const browser = await browserWith(env);
    const { page, frame } = await openRecord(browser, env.server, MARRIED);
    await chooseEmoney(frame);
    await signInScreen(browser);
    const [kept] = await keptFlows(browser);
    const address = `chrome-extension://${browser.extensionId}/flow.html`;

    // The page tries: a frame of its own and a window of its own on flow.html.
    await frame.evaluate((address) => {
      const inner = document.createElement('iframe');
      inner.src = address;
      document.body.append(inner);
      window.open(address, '_blank');
    }, address);
    await never(
      () => page.frames().some((other) => other.url() === address) || browser.context.pages().filter((other) => other.url() === address).length > 1,
      'the page loaded flow.html',
    );

    // The advisor (or anyone) opens it in a tab by hand.
    const tab = await browser.context.newPage();
    await tab.goto(address);
    await tab.getByText(words('flowGoneTitle'), { exact: true }).waitFor();
    assert.equal(await tab.getByRole('alert').textContent(), words('flowGone'));
    assert.deepEqual(await tab.locator('input').count(), 0, 'no sign-in there');
    await tab.close();
    const [still] = await keptFlows(browser);
    assert.equal(still.id, kept.id);
    assert.deepEqual(still.stage, kept.stage, 'the export is as it was');

    // The dialog the worker opened still drives the export.
    const flow = await dialogWindow(browser.context);
    assert.ok(await flow.getByRole('dialog', { name: words('flowSignInTitle') }).isVisible());
    await signIn(browser);
    await emoneyWindow(browser, env.sandbox.base);
    assert.equal((await env.sandbox.clients()).length, 1);
    await browser.context.close();
  });

  test('a cancelled export is gone: nothing can resume it, not even the content script', async () => {
    await env.sandbox.reset();
    const browser = await browserWith(env);
    const { page, frame } = await openRecord(browser, env.server, MARRIED);
    const world = await contentWorld(page, frame, browser.extensionId);
    await chooseEmoney(frame);
    const { flow } = await signInScreen(browser);
    assert.equal((await keptFlows(browser)).length, 1);
    await flow.getByRole('button', { name: words('flowCancel'), exact: true }).click().catch((error) => {
      if (!flow.isClosed()) throw error;
    });
    await eventually(() => !dialogOpen(browser.context), 'the dialog to close');
    await shadowShows(page, sentence('pageCancelled'), 'the page to say the export stopped');
    assert.deepEqual(await keptFlows(browser), [], 'the flow is deleted');
    // What a page that broke into the content script could ask.
    browser.windows.reset();
    for (const request of [{ type: 'openEmoney' }, { type: 'emoneyOpened' }, { type: 'openEmoney' }]) {
      const reply = await world.send(request);
      if (request.type === 'openEmoney') assert.deepEqual(reply, { type: 'failed', said: filled('flowGone') });
    }
    const tab = await browser.context.newPage();
    await tab.goto(`chrome-extension://${browser.extensionId}/flow.html`);
    await tab.getByText(words('flowGoneTitle'), { exact: true }).waitFor();
    await tab.close();
    await never(() => dialogOpen(browser.context) || browser.context.pages().some((other) => other.url().startsWith(env.sandbox.base)), 'a window opened');
    assert.equal((await env.sandbox.clients()).length, 0);
    assert.equal(await env.sandbox.calls('POST /connect/token grant_type=password'), 0, 'nothing was sent');
    await world.close();
    await browser.context.close();
  });

  test('the recovery Open eMoney opens eMoney once per export', async () => {
    await env.sandbox.reset();
    const browser = await browserWith(env);
    const { frame: first } = await openRecord(browser, env.server, MARRIED);
    await exportRemembering(browser, first, env.sandbox.base);
    const { page, frame } = await openRecord(browser, env.server, READONLY, 'pages/top-sandboxed.html');
    const world = await contentWorld(page, frame, browser.extensionId);
    await chooseEmoney(frame);
    await shadowShows(page, sentence('pagePopupBlockedTitle'), 'the blocked pop-up alert');
    const launches = await env.sandbox.calls('POST /public/v1/clients/{id}/launch');
    await clickInShadow(page, words('pageOpenEmoney'));
    const emoney = await emoneyWindow(browser, env.sandbox.base);
    await closeWindow(browser, emoney);
    assert.equal(await env.sandbox.calls('POST /public/v1/clients/{id}/launch'), launches + 1);
    // Asked again (as a page that got into the content script would ask): refused.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      assert.deepEqual(await world.send({ type: 'openEmoney' }), { type: 'failed', said: filled('flowGone') }, `attempt ${attempt + 1}`);
    }
    await never(() => browser.context.pages().some((other) => other.url().startsWith(env.sandbox.base)), 'another eMoney window');
    assert.equal(await env.sandbox.calls('POST /public/v1/clients/{id}/launch'), launches + 1, 'no other launch address');
    await world.close();
    await browser.context.close();
  });
});

describe('nothing full leaves the page', () => {
  /**
   * `record` exported with a sign-in, its content world listening: what the
   * page and the worker said to each other by the closing note, the storage
   * while the dialog was open, and the clients in eMoney.
   */
  async function exportListening(browser, record, checkPage = async () => {}) {
    const { page, frame } = await openRecord(browser, env.server, record);
    const world = await contentWorld(page, frame, browser.extensionId);
    await world.listen();
    await checkPage(frame);
    await chooseEmoney(frame);
    await signInScreen(browser);
    const whileOpen = await storedText(browser);
    await signIn(browser);
    const emoney = await emoneyWindow(browser, env.sandbox.base);
    await emoney.waitForURL((url) => url.pathname.startsWith('/clients/'));
    const heard = await eventually(async () => {
      const all = await world.heard();
      return all.some((entry) => entry.event?.type === 'done') && all;
    }, 'the closing note');
    await world.close();
    return { heard, whileOpen, clients: await env.sandbox.clients() };
  }

  test('a policy number shown in a hidden input, a link, attributes and other columns reaches no message, storage or eMoney in full', async () => {
    await env.sandbox.reset();
    const browser = await browserWith(env);
    const { heard, whileOpen, clients } = await exportListening(browser, 'pages/record-policy-everywhere.html?contactId=1201', async (frame) => {
      // The page does show it everywhere.
      const shown = await frame.evaluate(() => document.documentElement.outerHTML.split('ZX55501234').length - 1);
      assert.ok(shown >= 10, `shown ${shown} times`);
    });
    assert.ok(heard.some((entry) => entry.sent?.type === 'exportStart'), 'the record was sent');
    assert.equal(clients.length, 1);
    assert.deepEqual(clients[0].policies.map((policy) => policy.policyNumber), ['***1234']);
    const history = await browser.worker.evaluate(async () => JSON.stringify(await chrome.storage.local.get('history')));
    for (const [where, text] of [
      ['the messages to and from the worker', JSON.stringify(heard)],
      ['the storage while the dialog was open', whileOpen],
      ['the storage afterwards', await storedText(browser)],
      ['the history', history],
      ['eMoney', JSON.stringify(clients)],
    ]) {
      assert.ok(!text.includes(POLICY_NUMBER) && !text.includes('55501234'), `${where} hold the full number`);
    }
    await browser.context.close();
  });

  test("a spouse's record that shows the record's policy number, and lists one the record names, has both masked everywhere", async () => {
    await env.sandbox.reset();
    const browser = await browserWith(env);
    const { heard, whileOpen, clients } = await exportListening(browser, 'pages/record-policy-linked.html?contactId=1203');
    const sent = JSON.stringify(heard);
    // The spouse's record was read and sent with the record.
    assert.ok(sent.includes('Siobhan') && sent.includes('***9876') && sent.includes('***1234'), 'both records, masked, were sent');
    for (const [where, text] of [
      ['the messages to and from the worker', sent],
      ['the storage while the dialog was open', whileOpen],
      ['the storage afterwards', await storedText(browser)],
      ['eMoney', JSON.stringify(clients)],
    ]) {
      for (const full of [POLICY_NUMBER, 'QY77709876', '55501234', '77709876']) {
        assert.ok(!text.includes(full), `${where} hold ${full}`);
      }
    }
    await browser.context.close();
  });
});

describe('linked reads stay in the office', () => {
  test("a spouse's link that redirects to another origin is refused with a finding, and nothing of it is written", async () => {
    await env.sandbox.reset();
    // The office's own address sends the read on to another origin, which
    // lets every origin read its answer.
    env.hostile.redirectTo(env.hostile.base.replace('127.0.0.1', 'localhost'));
    const browser = await browserWith(env);
    const { page, frame } = await openRecord(browser, env.hostile, 'pages/record-linked-redirect.html?contactId=1003');
    await chooseEmoney(frame);
    assert.ok(
      await eventually(() => env.hostile.requests.some((request) => request.startsWith('/__redirect/records/contact-spouse-linked.html')), 'the linked read'),
    );
    const refused = filled('findingLinkedRecordUnread', 'spouse', words('linkedRedirected'));
    const where = await eventually(async () => {
      const dialog = browser.context.pages().find((other) => other.url().endsWith('/flow.html'));
      if (dialog && (await dialog.content().catch(() => '')).includes(words('linkedRedirected'))) return 'dialog';
      if ((await shadowTexts(page)).some(({ text }) => text.includes(words('linkedRedirected')))) return 'page';
      return null;
    }, `the finding "${refused}"`);
    if (where === 'dialog') {
      const flow = await dialogWindow(browser.context);
      await flow.getByRole('button', { name: words('flowContinue') }).click();
      await signIn(browser);
      await emoneyWindow(browser, env.sandbox.base);
      const [client] = await eventually(() => env.sandbox.clients().then((all) => all.length && all), 'the client');
      assert.equal(client.client.firstName, 'Thomas');
      const text = JSON.stringify(client);
      // (The record's own page names her as an owner; her own record's facts must not be there.)
      assert.ok(!/siobhan\.brennan@|Mass General|Charge Nurse|617-555-0136|617-555-0200|1967-06-30/i.test(text), `the redirected record was written: ${text}`);
    } else {
      assert.equal((await env.sandbox.clients()).length, 0);
    }
    await browser.context.close();
  });
});
