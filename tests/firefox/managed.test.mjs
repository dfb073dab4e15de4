// Settings a firm pushes, in real headless Firefox ESR (as
// tests/e2e/managed.test.mjs does in Chromium): a real `policies.json`
// ("3rdparty" > "Extensions" > the add-on's id, docs/deployment.md), which
// Firefox reads from /etc/firefox/policies/ (the harness shows it there to
// this Firefox only) and hands the add-on as `storage.managed`. The firm
// pushes its eMoney domain, no Remember Me, no policies sent, and a lock.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXTENSION_DIR, NO_NAMESPACE, eventually, launch, namespaceFlags } from './support/firefox.mjs';
import { chooseEmoney, openMenu, openRecord } from './support/menu.mjs';
import { startFixtureServer } from '../e2e/support/server.mjs';
import { startSandbox } from '../e2e/support/sandbox.mjs';

const FIRM = 'Firm eMoney';
const USER = 'advisor';
const PASSWORD = `pw-${randomBytes(6).toString('hex')}`;
const RECORD = 'pages/top.html?record=../records/contact-single.html';

let server;
let sandbox;
let browser;
let words;
let pushed;

// Where no mount namespace can be made, the firm's policies.json cannot be
// shown to Firefox without writing the machine's /etc: said, and skipped.
const unavailable = namespaceFlags() ? false : NO_NAMESPACE;
const maybe = (name, check) => test(name, { skip: unavailable }, check);

before(async () => {
  if (unavailable) return;
  const manifest = JSON.parse(await readFile(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  words = JSON.parse(await readFile(join(EXTENSION_DIR, '_locales/en/messages.json'), 'utf8'));
  await Promise.all([
    startFixtureServer().then((started) => (server = started)),
    startSandbox(['--user', `${USER}:${PASSWORD}`]).then((started) => (sandbox = started)),
  ]);
  pushed = {
    emoneyDomains: [{ label: FIRM, apiBase: sandbox.base, webBase: sandbox.base }],
    allowRememberMe: false,
    sendPolicies: false,
    lockSettings: true,
  };
  const policies = { policies: { '3rdparty': { Extensions: { [manifest.browser_specific_settings.gecko.id]: pushed } } } };
  browser = await launch({ policies });
  // What the advisor had saved before the firm locked everything.
  await browser.inExtension(
    () => chrome.storage.local.set({ settings: { domains: [{ label: 'My own eMoney', apiBase: 'https://api.advisor-own.example', webBase: 'https://app.advisor-own.example' }], offices: [], sendInvestments: false, sendPolicies: true } }),
  );
});

process.on('exit', () => sandbox?.stop());

after(async () => {
  await browser?.close();
  sandbox?.stop();
  await server?.close();
});

const word = (key) => words[key].message;
const shown = (css) => browser.driver.findElement({ css }).isDisplayed();

maybe('Firefox hands the add-on exactly what policies.json says', async () => {
  assert.deepEqual(await browser.inExtension(() => chrome.storage.managed.get()), pushed);
});

maybe('the options page shows the pushed settings as the firm’s, locked, with nothing to change', async () => {
  const back = await browser.driver.getWindowHandle();
  await browser.open(browser.extensionUrl('options.html'));
  await eventually(() => browser.evaluate(() => document.documentElement.hasAttribute('data-ready')), 'the options page');
  for (const [css, key] of [['#locked', 'optionsLocked'], ['#domains-pushed', 'optionsPushedDomains'], ['#remember-pushed', 'optionsPushedRemember'], ['#send-pushed', 'optionsPushedSend']]) {
    assert.equal(await shown(css), true, css);
    assert.equal(await browser.driver.findElement({ css }).getText(), word(key));
  }
  const state = await browser.evaluate(() => ({
    domains: [...document.querySelectorAll('#domains li strong')].map((strong) => strong.textContent),
    buttons: document.querySelectorAll('#domains button, #added-offices button').length,
    investments: [document.querySelector('#send-investments').checked, document.querySelector('#send-investments').disabled],
    policies: [document.querySelector('#send-policies').checked, document.querySelector('#send-policies').disabled],
  }));
  assert.deepEqual(state, { domains: [FIRM], buttons: 0, investments: [true, true], policies: [false, true] });
  assert.equal(await shown('#domain-form'), false);
  assert.equal(await shown('#office-form'), false);
  await browser.closeWindow(back);
});

maybe('the worker refuses every change while the firm locks the settings', async () => {
  const { replies, before, after } = await browser.inExtension(async () => {
    const before = (await chrome.storage.local.get('settings')).settings;
    const replies = [];
    for (const request of [
      { type: 'domainSave', input: { label: 'Sneaky', apiBase: 'https://api.sneaky.example', webBase: 'https://app.sneaky.example' }, editing: null },
      { type: 'domainRemove', label: 'Firm eMoney' },
      { type: 'sendSave', policies: true },
      { type: 'officeAdd', pattern: 'https://crm.sneaky.example/*' },
    ]) {
      replies.push(await chrome.runtime.sendMessage(request));
    }
    return { replies, before, after: (await chrome.storage.local.get('settings')).settings };
  });
  for (const reply of replies) assert.deepEqual(reply, { type: 'failed', said: word('optionsPushed') });
  assert.deepEqual(after, before, 'nothing was stored');
});

maybe('the sign-in dialog offers the firm’s domain and no Remember Me, and the export reaches eMoney', async () => {
  const back = await browser.driver.getWindowHandle();
  assert.equal(await openRecord(browser, server.url(RECORD)), 'waiting');
  assert.equal((await openMenu(browser)).loaded, 'wasm');
  const known = await browser.driver.getAllWindowHandles();
  await chooseEmoney(browser);
  const dialog = await browser.waitForWindow(/\/flow\.html$/, known);
  await eventually(async () => (await browser.driver.findElement({ css: '#title' }).getText()) === word('flowSignInTitle'), 'the sign-in screen');
  const form = await browser.evaluate(() => ({
    labels: [...document.querySelectorAll('#sign-in label')].map((label) => label.textContent.trim()),
    domains: [...document.querySelectorAll('#domain option')].map((option) => option.textContent),
    remember: document.querySelectorAll('#remember-me').length,
  }));
  assert.deepEqual(form, { labels: [word('flowUserName'), word('flowPassword'), word('flowDomain')], domains: [FIRM], remember: 0 });
  await browser.driver.findElement({ css: '#user-name' }).sendKeys(USER);
  await browser.driver.findElement({ css: '#password' }).sendKeys(PASSWORD);
  const beforeLogin = await browser.driver.getAllWindowHandles();
  await browser.driver.findElement({ xpath: `//footer//button[normalize-space(.)='${word('flowLogin')}']` }).click();
  await browser.waitForWindow(new RegExp(`^${sandbox.base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/clients/`), beforeLogin, 30000);
  const clients = await sandbox.clients();
  assert.equal(clients.length, 1, JSON.stringify(clients));
  assert.equal(await browser.driver.getCurrentUrl(), `${sandbox.base}/clients/${clients[0].id}`);
  await browser.driver.close();
  await eventually(async () => !(await browser.driver.getAllWindowHandles()).includes(dialog), 'the dialog window to close');
  await browser.switchTo(back);
  assert.equal(await browser.inExtension(() => chrome.storage.local.get('rememberedLogin').then((all) => all.rememberedLogin ?? null)), null, 'nothing remembered');
});

maybe('no script of the extension reported an error, and nothing tried to leave the machine', () => {
  assert.deepEqual(browser.scriptErrors(), []);
  assert.deepEqual(browser.outsideAttempts(), []);
  assert.deepEqual(browser.log().filter((line) => line.includes(PASSWORD)), []);
});
