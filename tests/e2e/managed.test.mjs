// Settings a firm pushes, end to end in the development build: the policy
// is a real Chromium policy file ("3rdparty" extension policy, see
// docs/deployment.md), which Chromium reads and hands the extension as
// chrome.storage.managed; nothing in the test writes managed storage.
// The firm pushes its eMoney domain, leaves advisors no Remember Me, sends
// no policies and locks the settings.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR, eventually, launch } from './support/browser.mjs';
import { chooseEmoney, dialogOpen, dialogWindow, entries, loaderState, openMenu, openRecord, watchWindows } from './support/extension.mjs';
import { chromiumWithPolicy, unpackedExtensionId } from './support/policy.mjs';
import { startSandbox } from './support/sandbox.mjs';
import { startFixtureServer } from './support/server.mjs';
import { sentence } from './support/words.mjs';

const FIRM = 'Firm eMoney';
// The firm's SmartOffice, on an address of its own (in no part of the
// manifest), resolved to loopback in the test browser only.
const OFFICE_HOST = 'office.example-firm.test';
const OFFICE = `https://${OFFICE_HOST}/*`;
// What the advisor had saved before the firm locked everything.
const OWN = {
  domains: [{ label: 'My own eMoney', apiBase: 'https://api.advisor-own.example', webBase: 'https://app.advisor-own.example' }],
  offices: [],
  sendInvestments: false,
  sendPolicies: true,
};

let context;
let worker;
let extensionId;
let server;
let sandbox;
let unavailable; // why this machine cannot run Chromium with a policy
let office; // tests/fixtures on https://OFFICE_HOST

before(async () => {
  server = await startFixtureServer();
  sandbox = await startSandbox();
  office = await startOffice();
  const policy = {
    '3rdparty': {
      extensions: {
        [unpackedExtensionId(EXTENSION_DIR)]: {
          emoneyDomains: [{ label: FIRM, apiBase: sandbox.base, webBase: sandbox.base }],
          allowRememberMe: false,
          sendPolicies: false,
          smartofficeAddresses: [OFFICE],
          lockSettings: true,
        },
      },
    },
  };
  let executablePath;
  try {
    ({ executablePath } = await chromiumWithPolicy(policy));
  } catch (error) {
    unavailable = error.message;
    return;
  }
  ({ context, worker, extensionId } = await launch({ officeHost: OFFICE_HOST, executablePath }));
  assert.equal(extensionId, unpackedExtensionId(EXTENSION_DIR), 'the policy names the extension Chromium loaded');
  // Chromium reads the policy at start; the extension gets it as managed storage.
  await eventually(async () => (await worker.evaluate(() => chrome.storage.managed.get())).lockSettings === true, 'the managed values');
  await worker.evaluate((own) => chrome.storage.local.set({ settings: own }), OWN);
});

after(async () => {
  await context?.close();
  sandbox?.stop();
  await server?.close();
  await office?.close();
});

const stored = (key) => worker.evaluate((key) => chrome.storage.local.get(key).then((all) => all[key]), key);

async function openOptions() {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.waitForSelector('html[data-ready]');
  return page;
}

test('the browser hands the extension exactly what the policy file says', async (t) => {
  if (unavailable) return t.skip(unavailable);
  assert.deepEqual(await worker.evaluate(() => chrome.storage.managed.get()), {
    emoneyDomains: [{ label: FIRM, apiBase: sandbox.base, webBase: sandbox.base }],
    allowRememberMe: false,
    sendPolicies: false,
    smartofficeAddresses: [OFFICE],
    lockSettings: true,
  });
});

test('the options page shows the pushed settings as the firm’s, locked, with nothing to change', async (t) => {
  if (unavailable) return t.skip(unavailable);
  const page = await openOptions();
  for (const [id, key] of [
    ['locked', 'optionsLocked'],
    ['domains-pushed', 'optionsPushedDomains'],
    ['remember-pushed', 'optionsPushedRemember'],
    ['send-pushed', 'optionsPushedSend'],
  ]) {
    const notice = page.locator(`#${id}`);
    assert.equal(await notice.isVisible(), true, `${id} is shown`);
    assert.equal(await notice.textContent(), sentence(key));
  }
  // The firm's domain only: the advisor's own is dropped under the lock.
  const domains = await page.locator('#domains li').allInnerTexts();
  assert.equal(domains.length, 1);
  assert.ok(domains[0].startsWith(FIRM), domains[0]);
  assert.ok(!domains.join().includes('My own eMoney'));
  // Nothing to edit, remove or add, and the boxes say the firm's choice.
  assert.equal(await page.locator('#domains button').count(), 0);
  assert.equal(await page.locator('#domain-form').isVisible(), false);
  assert.equal(await page.locator('#office-form').isVisible(), false);
  assert.equal(await page.locator('#added-offices').getByRole('button', { name: sentence('officeRemove') }).count(), 0, 'no Remove');
  const investments = page.getByLabel(sentence('sendInvestments'));
  const policies = page.getByLabel(sentence('sendPolicies'));
  assert.equal(await investments.isDisabled(), true);
  assert.equal(await policies.isDisabled(), true);
  assert.equal(await policies.isChecked(), false, 'the firm sends no policies');
  assert.equal(await investments.isChecked(), true, 'the build’s default, not the advisor’s own');
  await page.close();
});

test('the worker refuses every change while the firm locks the settings, whatever the page sends', async (t) => {
  if (unavailable) return t.skip(unavailable);
  const page = await openOptions();
  const before = await stored('settings');
  const requests = [
    { type: 'domainSave', input: { label: 'Sneaky', apiBase: 'https://api.sneaky.example', webBase: 'https://app.sneaky.example' }, editing: null },
    { type: 'domainSave', input: { label: FIRM, apiBase: 'https://api.sneaky.example', webBase: 'https://app.sneaky.example' }, editing: FIRM },
    { type: 'domainRemove', label: FIRM },
    { type: 'sendSave', policies: true },
    { type: 'sendSave', investments: false },
    { type: 'officeAdd', pattern: 'https://crm.sneaky.example/*' },
    { type: 'officeRemove', pattern: 'https://crm.sneaky.example/*' },
  ];
  for (const request of requests) {
    const reply = await page.evaluate((request) => chrome.runtime.sendMessage(request), request);
    assert.deepEqual(reply, { type: 'failed', said: sentence('optionsPushed') }, JSON.stringify(request));
  }
  assert.deepEqual(await stored('settings'), before, 'nothing was stored');
  assert.deepEqual(await worker.evaluate(() => chrome.scripting.getRegisteredContentScripts()), []);
  // What the options page shows is still the firm's.
  const reply = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'options' }));
  assert.deepEqual(reply.effective.settings.domains.map((domain) => domain.label), [FIRM]);
  assert.equal(reply.effective.settings.sendPolicies, false);
  assert.equal(reply.effective.pushed.locked, true);
  await page.close();
});

test('the sign-in dialog offers the firm’s domain and no Remember Me, and the export reaches eMoney', async (t) => {
  if (unavailable) return t.skip(unavailable);
  await sandbox.reset();
  const windows = watchWindows(context);
  const { page, frame } = await openRecord(context, server.url(`pages/top.html?record=${encodeURIComponent('../records/contact-married-spouse-section.html?contactId=1005')}`), 'frame_cache_0');
  await chooseEmoney(frame);
  const flow = await dialogWindow(context);
  const dialog = flow.getByRole('dialog', { name: sentence('flowSignInTitle') });
  await dialog.waitFor();
  const domain = dialog.getByLabel(sentence('flowDomain'));
  assert.deepEqual(await domain.locator('option').allTextContents(), [FIRM]);
  assert.equal(await dialog.getByLabel(sentence('flowRememberMe')).count(), 0, 'no Remember Me');
  assert.equal(await flow.locator('#remember-me').count(), 0);
  await dialog.getByLabel(sentence('flowUserName')).fill('advisor');
  await dialog.getByLabel(sentence('flowPassword')).fill('sandbox');
  await flow.getByRole('button', { name: sentence('flowLogin') }).click();
  const emoney = await windows.next((url) => url.startsWith(sandbox.base), 'the eMoney window', 20000);
  const [client] = await sandbox.clients();
  assert.ok(client, 'the client is in eMoney');
  assert.equal(new URL(emoney.url()).pathname, `/clients/${client.id}`);
  assert.equal(client.client.firstName, 'Rafael');
  await eventually(() => !dialogOpen(context), 'the dialog to close');
  // Nothing is remembered past the browser session: no login in storage,
  // no refresh token in the worker's vault (the session keeps its tokens,
  // so the advisor signs in once per browser session).
  assert.equal(await stored('rememberedLogin'), undefined);
  const vault = await worker.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('smartoffice-emoney', 1);
        request.onupgradeneeded = () => request.result.createObjectStore('secrets');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const keys = request.result.transaction('secrets').objectStore('secrets').getAllKeys();
          keys.onsuccess = () => resolve(keys.result);
          keys.onerror = () => reject(keys.error);
        };
      }),
  );
  assert.deepEqual(vault, []);
  const session = await worker.evaluate(() => chrome.storage.session.get(null));
  assert.ok(Object.keys(session).some((key) => key.startsWith('emoney.refreshToken|')), Object.keys(session).join(' '));
  await emoney.close();
  await page.close();
});

test('a SmartOffice address the firm pushes gets the extension once the browser allows it, without a restart', async (t) => {
  if (unavailable) return t.skip(unavailable);
  const record = office.url(`pages/top.html?record=${encodeURIComponent('../records/contact-married-spouse-section.html?contactId=1005')}`);
  const page = await openOptions();
  const item = page.locator('#added-offices li');
  assert.deepEqual(await item.locator('code').allTextContents(), [OFFICE]);
  assert.equal(await page.getByRole('button', { name: sentence('officeRemoveNamed', OFFICE) }).count(), 0, 'the firm’s: no Remove');
  assert.equal(await item.locator('.waiting').textContent(), sentence('officeWaiting'));
  const allow = page.getByRole('button', { name: sentence('officeAllowNamed', OFFICE) });
  assert.equal(await allow.isVisible(), true);
  // Not allowed yet: the office's record gets nothing of the extension.
  const before = await context.newPage();
  await before.goto(record);
  const frame = await eventually(() => before.frame({ name: 'frame_cache_0' }), 'the record frame');
  await frame.waitForLoadState('load');
  assert.equal(await loaderState(frame), undefined);
  await before.close();

  // The advisor allows it (headless Chromium cannot answer its prompt: the
  // test grants the host as chrome://extensions' site access does, then the
  // page's own permissions.request in the Allow click resolves at once; the
  // permission is the extension's from that request on).
  const grants = await context.newPage();
  await grants.goto('chrome://extensions');
  await grants.evaluate(([id, host]) => chrome.developerPrivate.addHostPermission(id, host), [extensionId, OFFICE]);
  await grants.close();
  await allow.click();
  await eventually(async () => (await page.getByRole('status').textContent()) === sentence('officeAllowed', OFFICE), 'the Allow to be answered');
  // The worker hears the new permission and registers the loader there.
  await eventually(async () => (await worker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).some((script) => script.id === `office:${OFFICE}`), 'the loader on the firm’s office');
  await eventually(async () => (await allow.count()) === 0, 'the Allow button to go');
  assert.equal(await item.locator('.waiting').count(), 0);

  // The firm's address cannot be removed, and keeps its permission.
  const refused = await page.evaluate((pattern) => chrome.runtime.sendMessage({ type: 'officeRemove', pattern }), OFFICE);
  assert.deepEqual(refused, { type: 'failed', said: sentence('optionsPushed') });
  assert.equal(await worker.evaluate((origins) => chrome.permissions.contains({ origins }), [OFFICE]), true);

  // A record there: the loader, and Menu > Integrations > eMoney once.
  const opened = await openRecord(context, record, 'frame_cache_0');
  assert.equal(await loaderState(opened.frame), 'waiting');
  await openMenu(opened.frame);
  assert.equal(await entries(opened.frame).count(), 1);
  await opened.page.close();
  await page.close();
});

/** tests/fixtures on https://OFFICE_HOST, with a certificate made for the test. */
async function startOffice() {
  const dir = await mkdtemp(join(tmpdir(), 'so-emoney-office-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-subj', `/CN=${OFFICE_HOST}`, '-days', '1'], { stdio: 'ignore' });
  return startFixtureServer({ tls: { key: await readFile(key), cert: await readFile(cert) }, host: OFFICE_HOST });
}
