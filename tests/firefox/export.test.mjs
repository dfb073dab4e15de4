// The whole export in real headless Firefox ESR, as in Chromium
// (tests/e2e/flow.test.mjs): a sign-in whose eMoney domain Firefox refuses
// sends nothing; Remember Me makes the next export of the record need no
// dialog (the page opens eMoney from the advisor's click, Firefox's pop-up
// blocker on); progress reaches the dialog and the page, the summary the
// page; an existing client gets "Do you want to update client's
// information?" and Yes writes while No does not; a blocked eMoney window is
// opened by the worker from the page's Open eMoney.
//
// The extension's status line and panels are in closed shadow roots:
// WebDriver's Get Element Shadow Root reaches them in Firefox (Marionette
// reads `openOrClosedShadowRoot`), and its clicks there are real input. The
// eMoney domains go through fronts (support/office.mjs) that see every
// request and can hold one, so that the dialog is read while eMoney is
// being written (no sleeps, no race with a fast sandbox).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXTENSION_DIR, eventually, launch } from './support/firefox.mjs';
import { loaderState } from './support/menu.mjs';
import { startFront } from './support/office.mjs';
import { startFixtureServer } from '../e2e/support/server.mjs';
import { startSandbox } from '../e2e/support/sandbox.mjs';

const USER = 'advisor';
const PASSWORD = `pw-${randomBytes(6).toString('hex')}`;
// Married, a spouse and two investments: a new client in eMoney.
const MARRIED = 'records/contact-married-spouse-section.html?contactId=1005';
// No finding at all: with a remembered login, nothing to ask.
const READONLY = 'records/contact-readonly.html?contactId=1001';
// An eMoney domain over https on a host the add-on holds no permission for
// (the sandbox behind it): Firefox must be asked before anything goes there.
const SECURE_HOST = 'secure.emoney-test.example';
const TOKEN = 'POST /connect/token grant_type=password';

let server;
let sandbox;
let secure;
// The sandbox's own domain goes through a front on loopback too, which can
// hold a request: the dialog is read while eMoney is being written.
let front;
let browser;
let words;

before(async () => {
  words = JSON.parse(await readFile(join(EXTENSION_DIR, '_locales/en/messages.json'), 'utf8'));
  await Promise.all([
    startFixtureServer().then((started) => (server = started)),
    startSandbox(['--user', `${USER}:${PASSWORD}`]).then(async (started) => {
      sandbox = started;
      [secure, front] = await Promise.all([startFront(SECURE_HOST, sandbox.base), startFront('127.0.0.1', sandbox.base)]);
    }),
    launch({ hosts: [SECURE_HOST] }).then((started) => (browser = started)),
  ]);
  await browser.inExtension(
    (apiBase, webBase, secureBase) =>
      chrome.storage.local.set({
        settings: {
          domains: [
            { label: 'eMoney Sandbox', apiBase, webBase },
            { label: 'eMoney Secure', apiBase: secureBase, webBase: secureBase },
          ],
          offices: [],
          sendInvestments: true,
          sendPolicies: true,
        },
      }),
    [front.base, sandbox.base, secure.base],
  );
});

process.on('exit', () => sandbox?.stop());

after(async () => {
  await browser?.close();
  await secure?.close();
  await front?.close();
  sandbox?.stop();
  await server?.close();
});

const word = (key) => words[key].message;
const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A product sentence as a pattern, its placeholders matching anything. */
const sentence = (key) => new RegExp(escaped(word(key)).replace(/\\\$[A-Z_]+\\\$/g, '.*'));
const inSandbox = () => new RegExp(`^${escaped(sandbox.base)}/`);

/** Opens the record in a new tab (the top page around it) and goes into its frame. */
async function openRecord(record, top = 'pages/top.html') {
  const handle = await browser.open(server.url(`${top}?record=${encodeURIComponent(`../${record}`)}`));
  await browser.frame('frame_cache_0');
  await eventually(() => loaderState(browser), 'the loader in the record frame');
  return handle;
}

/** Menu > Integrations > eMoney with trusted clicks (the current frame is the record's). */
async function chooseEmoney() {
  // The Menu button toggles its list: closed first if an earlier export left it open.
  const button = await browser.driver.findElement({ css: '#_window_id1-button' });
  const open = async () => {
    const [list] = await browser.driver.findElements({ css: '#_window_id1-menu' });
    return !!list && list.isDisplayed();
  };
  if (await open()) {
    await button.click();
    await eventually(async () => !(await open()), 'the Menu to close');
  }
  await button.click();
  const entry = await eventually(
    () => browser.driver.findElements({ xpath: "//*[@role='menuitem'][normalize-space(.)='eMoney']" }).then((found) => found[0]),
    'the eMoney entry',
  );
  const integrations = await browser.driver.findElement({ xpath: "//ul[@id='_window_id1-menu']/li[normalize-space(./*[self::a or self::span][1])='Integrations']" });
  // From the Menu's first item onto Integrations: the pointer enters it
  // (mouseover) even when it was left there by the export before.
  const first = await browser.driver.findElement({ css: '#_window_id1-menu > li' });
  await browser.driver.actions().move({ origin: first }).move({ origin: integrations }).perform();
  await eventually(() => entry.isDisplayed(), 'the eMoney entry to show');
  await entry.click();
}

// selenium-webdriver 4.46 sends a ShadowRoot argument as its bare id; the
// wire form is an object keyed by the spec's identifier.
const wire = async (root) => ({ 'shadow-6066-11e4-a52e-4f735466cecf': await root.getId() });

/** The extension's elements in the record frame: each closed shadow root's role and text. */
async function shadowTexts() {
  const found = [];
  for (const host of await browser.driver.findElements({ css: 'body > div' })) {
    const root = await host.getShadowRoot().catch(() => null);
    if (!root) continue;
    // An element the page module replaces meanwhile (the status line gives
    // way to a panel) is gone, not an error: the next look sees its successor.
    const seen = await browser.driver
      .executeScript(
        `const root = arguments[0];
         return { role: root.firstElementChild?.getAttribute('role') ?? null, text: root.textContent.replace(/\\s+/g, ' ').trim() };`,
        await wire(root),
      )
      .catch((error) => {
        if (/detached|stale/i.test(`${error.name} ${error.message}`)) return null;
        throw error;
      });
    if (seen) found.push(seen);
  }
  return found;
}

async function shadowShows(pattern, what, timeout = 20000) {
  let texts = [];
  try {
    return await eventually(async () => (texts = await shadowTexts()).find(({ text }) => pattern.test(text)), what, timeout);
  } catch (error) {
    const url = await browser.evaluate(() => location.href + ' ' + [...document.body.children].map((c) => c.tagName).join(','));
    throw new Error(`${error.message}; the page (${url}) shows ${JSON.stringify(texts)}`);
  }
}

/**
 * Keeps every text the page's status line shows from now on (in the frame's
 * `window.__statusSeen`); the line must be on the page.
 */
async function recordStatus() {
  const hosts = await browser.driver.findElements({ css: 'body > div' });
  const roots = (await Promise.all(hosts.map((host) => host.getShadowRoot().catch(() => null)))).filter(Boolean);
  assert.ok(roots.length > 0, 'the status line is on the page');
  await browser.driver.executeScript(
    `window.__statusSeen = [];
     for (const root of arguments) {
       const keep = () => window.__statusSeen.push(root.textContent.replace(/\\s+/g, ' ').trim());
       keep();
       new MutationObserver(keep).observe(root, { subtree: true, childList: true, characterData: true });
     }`,
    ...(await Promise.all(roots.map(wire))),
  );
}
const statusSeen = () => browser.evaluate(() => window.__statusSeen);


/** A text in the dialog (null while its page loads). */
const textOf = async (css) => {
  const [found] = await browser.driver.findElements({ css });
  return found ? found.getText() : null;
};
const title = () => textOf('#title');
const dialogButton = (label) => browser.driver.findElement({ xpath: `//footer//button[normalize-space(.)='${label}']` });

/** The sign-in screen filled in (the dialog is the current window). */
async function fillSignIn({ domain, remember }) {
  await eventually(async () => (await title()) === word('flowSignInTitle'), 'the sign-in screen');
  await browser.driver.findElement({ css: '#user-name' }).sendKeys(USER);
  await browser.driver.findElement({ css: '#password' }).sendKeys(PASSWORD);
  await browser.driver.findElement({ css: `#domain option[value="${domain}"]` }).click();
  if (remember) await browser.driver.findElement({ css: '#remember-me' }).click();
}

/** Waits for the window at `pattern` opened after `known`, and says whether a page opened it. */
async function emoneyWindow(known) {
  const handle = await browser.waitForWindow(inSandbox(), known, 30000);
  const url = await browser.driver.getCurrentUrl();
  const fromPage = await browser.driver.executeScript('return window.opener !== null');
  return { handle, url, fromPage };
}

/** Closes the window and waits for the dialog window `dialog` (if any) to go too. */
async function closeAndWaitForDialog(dialog) {
  await browser.driver.close();
  if (dialog) await eventually(async () => !(await browser.driver.getAllWindowHandles()).includes(dialog), 'the dialog window to close');
}

async function ofRecord(end) {
  return (await sandbox.clients()).filter((client) => client.externalIds.some((id) => id.endsWith(end)));
}

/** Changes the client in eMoney as another eMoney user would. */
async function changeInEmoney(id, changes) {
  const token = await fetch(`${sandbox.base}/connect/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username: USER, password: PASSWORD, client_id: 'smartoffice-emoney' }),
  }).then((answer) => answer.json());
  const answer = await fetch(`${sandbox.base}/public/v1/clients/${id}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token.access_token}` },
    body: JSON.stringify(changes),
  });
  assert.equal(answer.status, 200);
}

/** Runs `script` in Firefox's parent process (chrome context). */
async function inParent(script, ...args) {
  await browser.driver.setContext('chrome');
  try {
    return await browser.driver.executeScript(script, ...args);
  } finally {
    await browser.driver.setContext('content');
  }
}

let married;
let home;

test('a sign-in to an eMoney domain Firefox refuses gets a sentence, and the password goes nowhere', async () => {
  home = await browser.driver.getWindowHandle();
  married = await openRecord(MARRIED);
  const known = await browser.driver.getAllWindowHandles();
  await chooseEmoney();
  const dialog = await browser.waitForWindow(/\/flow\.html$/, known);
  // Firefox asks the advisor (its default), in a doorhanger of the dialog's window.
  await inParent(`Services.prefs.setBoolPref('extensions.webextOptionalPermissionPrompts', true)`);
  try {
    await fillSignIn({ domain: secure.base, remember: true });
    await dialogButton(word('flowLogin')).click();
    // The advisor answers the browser's own prompt with its secondary
    // button ("Cancel"): a WebDriver click in Firefox's window.
    await browser.driver.setContext('chrome');
    try {
      const refuse = await eventually(
        () => browser.driver.findElements({ css: '#addon-webext-permissions-notification .popup-notification-secondary-button' }).then((found) => found[0]),
        "Firefox's permission prompt",
      );
      const prompt = await browser.driver.findElement({ css: '#addon-webext-permissions-notification' }).getText();
      assert.match(prompt, new RegExp(escaped(SECURE_HOST)), 'the prompt names the domain');
      // (Headless, the doorhanger's panel has no place on screen, so
      // WebDriver cannot click into it: the button is clicked in script.)
      await browser.driver.executeScript('arguments[0].click()', refuse);
    } finally {
      await browser.driver.setContext('content');
    }
  } finally {
    await inParent(`Services.prefs.clearUserPref('extensions.webextOptionalPermissionPrompts')`);
  }
  await eventually(
    async () => (await browser.driver.findElement({ css: '#sign-in-error' }).getText()) === word('flowDomainNotAllowed'),
    'the sentence in the dialog',
  );
  assert.equal(await browser.driver.findElement({ css: '#password' }).getAttribute('value'), '', 'the password is not kept');
  // Nothing reached the domain, nor the sandbox behind it, nor any other way.
  assert.deepEqual(secure.requests, []);
  assert.equal(await sandbox.calls(TOKEN), 0);
  assert.equal((await sandbox.clients()).length, 0);
  const granted = await browser.inExtension((origin) => chrome.permissions.contains({ origins: [origin] }), [`https://${SECURE_HOST}/*`]);
  assert.equal(granted, false);
  // Cancel: the dialog goes, and the page says the export stopped.
  await dialogButton(word('flowCancel')).click();
  await eventually(async () => !(await browser.driver.getAllWindowHandles()).includes(dialog), 'the dialog window to close');
  await browser.switchTo(married);
  await browser.frame('frame_cache_0');
  await shadowShows(sentence('pageCancelled'), 'the page to say the export stopped');
});

test('Remember Me: progress reaches the dialog and the page, the summary the page, and the next export needs no dialog', async () => {
  await browser.switchTo(married);
  await browser.frame('frame_cache_0');
  let known = await browser.driver.getAllWindowHandles();
  await chooseEmoney();
  const dialog = await browser.waitForWindow(/\/flow\.html$/, known);
  await browser.switchTo(married);
  await browser.frame('frame_cache_0');
  await shadowShows(sentence('pageDialogOpen'), 'the page to point to the dialog');
  await recordStatus();
  await browser.switchTo(dialog);
  await fillSignIn({ domain: front.base, remember: true });
  known = await browser.driver.getAllWindowHandles();
  // eMoney keeps the client's creation waiting while the dialog is read.
  const creating = front.hold(/^POST \/public\/v1\/clients$/);
  await dialogButton(word('flowLogin')).click();
  await creating.reached;
  try {
    await eventually(
      async () => (await title()) === word('flowWritingTitle') && (await textOf('#step')) === word('stepCreating'),
      'the dialog to show the step under way',
    );
    assert.equal(await browser.driver.findElement({ css: '#progress' }).getAttribute('aria-label'), word('flowProgressLabel'));
  } finally {
    creating.release();
  }

  // The worker opens eMoney at the new client, and the dialog closes.
  const first = await emoneyWindow(known);
  const [client] = await ofRecord(':1005');
  assert.ok(client, 'the client is in eMoney');
  assert.equal(first.url, `${sandbox.base}/clients/${client.id}`);
  assert.equal(first.fromPage, false, 'the worker opened it');
  assert.deepEqual([client.client.firstName, client.spouse.firstName, client.assets.length], ['Rafael', 'Lucia', 2]);
  await closeAndWaitForDialog(dialog);

  // The page's status line showed each step too, then the summary, and
  // nothing after it (the dialog's closing is no "export stopped").
  await browser.switchTo(married);
  await browser.frame('frame_cache_0');
  await eventually(async () => (await statusSeen()).some((text) => sentence('summaryCreated').test(text)), 'the summary in the page');
  const lines = await statusSeen();
  for (const key of ['stepFinding', 'stepCreating', 'stepItems', 'stepOpening']) assert.ok(lines.some((text) => sentence(key).test(text)), `${key} in ${JSON.stringify(lines)}`);
  assert.ok(!lines.some((text) => sentence('pageDialogClosed').test(text)), JSON.stringify(lines));

  // The next export: the remembered login, nothing to ask, and the page
  // opens eMoney itself from the advisor's click, the pop-up blocker on.
  assert.equal(await inParent(`return Services.prefs.getBoolPref('dom.disable_open_during_load')`), true);
  known = await browser.driver.getAllWindowHandles();
  const clicked = Date.now();
  await chooseEmoney();
  const again = await emoneyWindow(known);
  console.log(`click to the eMoney window: ${Date.now() - clicked} ms`);
  assert.equal(again.url, `${sandbox.base}/clients/${client.id}`);
  assert.equal(again.fromPage, true, 'the page opened it');
  assert.deepEqual((await browser.driver.getAllWindowHandles()).filter((handle) => !known.includes(handle)), [again.handle], 'no dialog');
  // The window stays open until the page has seen it stay (a window closed
  // at once is what a blocker does, and the page would offer it again).
  await browser.switchTo(married);
  await browser.frame('frame_cache_0');
  await shadowShows(sentence('summaryOpened'), 'the summary in the page');
  await browser.switchTo(again.handle);
  await browser.driver.close();
  await browser.switchTo(married);
  assert.equal((await sandbox.clients()).length, 1, 'no second client');
  assert.equal(await sandbox.calls(TOKEN), 1, 'one sign-in');
  assert.equal(await sandbox.calls('POST /public/v1/clients'), 1, 'one create');
  // The password is stored nowhere; the user name is remembered.
  const stored = await browser.inExtension(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]));
  assert.ok(!stored.includes(PASSWORD), 'the password is stored');
  assert.ok(stored.includes(`"userName":"${USER}"`), 'the user name is remembered');
});

for (const answer of ['Yes', 'No']) {
  test(`an existing client: "Do you want to update client's information?", its preview, and ${answer}`, async () => {
    const [client] = await ofRecord(':1005');
    assert.ok(client, 'exported by the test before');
    await changeInEmoney(client.id, { homePhone: '(505) 555-9999' });
    const puts = await sandbox.calls('PUT /public/v1/clients/{id}');
    await browser.switchTo(married);
    await browser.frame('frame_cache_0');
    let known = await browser.driver.getAllWindowHandles();
    await chooseEmoney();
    const dialog = await browser.waitForWindow(/\/flow\.html$/, known);
    await eventually(async () => (await browser.driver.findElement({ css: '#lead' }).getText()) === word('flowUpdateQuestion'), 'the prompt');
    const rows = await browser.evaluate(() =>
      [...document.querySelectorAll('#changes tbody tr')].map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent.trim())),
    );
    assert.deepEqual(rows[0], ['Home Phone', '(505) 555-9999', '(505) 555-0171']);
    known = await browser.driver.getAllWindowHandles();
    await dialogButton(word(answer === 'Yes' ? 'flowYes' : 'flowNo')).click();
    const emoney = await emoneyWindow(known);
    assert.equal(emoney.url, `${sandbox.base}/clients/${client.id}`);
    await closeAndWaitForDialog(dialog);
    const [now] = await ofRecord(':1005');
    await browser.switchTo(married);
    await browser.frame('frame_cache_0');
    if (answer === 'Yes') {
      assert.equal(now.homePhone, '(505) 555-0171');
      assert.equal(await sandbox.calls('PUT /public/v1/clients/{id}'), puts + 1);
      await shadowShows(sentence('summaryUpdated'), 'the summary in the page');
    } else {
      assert.equal(now.homePhone, '(505) 555-9999', 'nothing written');
      assert.equal(await sandbox.calls('PUT /public/v1/clients/{id}'), puts);
      await shadowShows(sentence('summaryOpened'), 'the summary in the page');
    }
    assert.equal((await sandbox.clients()).length, 1);
  });
}

test('a blocked eMoney window: the panel, and its Open eMoney opens the window through the worker', async () => {
  // A record with nothing to ask, in a frame that may open no window:
  // the page's window.open answers null.
  const record = await openRecord(READONLY, 'pages/top-sandboxed.html');
  let known = await browser.driver.getAllWindowHandles();
  await chooseEmoney();
  const panel = await shadowShows(sentence('pagePopupBlockedTitle'), 'the blocked pop-up panel');
  assert.equal(panel.role, 'alertdialog');
  assert.match(panel.text, sentence('pagePopupHowToAllow'));
  assert.deepEqual(await browser.driver.getAllWindowHandles(), known, 'no window, no dialog');
  const [client] = await ofRecord(':1001');
  assert.ok(client, 'the client was written before the window');
  // A real click on the panel's Open eMoney, inside its closed shadow root.
  let button;
  for (const host of await browser.driver.findElements({ css: 'body > div' })) {
    const root = await host.getShadowRoot().catch(() => null);
    for (const candidate of root ? await root.findElements({ css: 'button' }) : []) {
      if ((await candidate.getText()).trim() === word('pageOpenEmoney')) button = candidate;
    }
  }
  assert.ok(button, 'the Open eMoney button');
  known = await browser.driver.getAllWindowHandles();
  await button.click();
  const emoney = await emoneyWindow(known);
  assert.equal(emoney.url, `${sandbox.base}/clients/${client.id}`);
  assert.equal(emoney.fromPage, false, 'the worker opened it');
  await browser.driver.close();
  await browser.switchTo(record);
  await browser.frame('frame_cache_0');
  await eventually(async () => !(await shadowTexts()).some(({ text }) => sentence('pagePopupBlockedTitle').test(text)), 'the panel to go');
  assert.equal((await ofRecord(':1001')).length, 1, 'nothing written twice');
  await browser.driver.close();
  await browser.switchTo(home);
});

test('no script of the extension reported an error, nothing left the machine, and the password is in no log', () => {
  assert.deepEqual(browser.scriptErrors(), []);
  assert.deepEqual(browser.outsideAttempts(), []);
  assert.deepEqual(browser.log().filter((line) => line.includes(PASSWORD)), []);
});
