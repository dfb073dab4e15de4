// The options page, end to end in the development build: what it shows, what
// it stores in chrome.storage.local (`settings`, `rememberedLogin`, `history`),
// and the SmartOffice address flow (permission, content script, storage).
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { EXTENSION_DIR, eventually, extensionWorker } from './support/browser.mjs';

// An added SmartOffice address needs https and a host name of its own: this
// one resolves to loopback inside the test browser only.
const OFFICE_HOST = 'office.example-firm.test';

let context;
let worker;
let extensionId;
let office; // { origin, close } or null when openssl is missing

before(async () => {
  office = await startOffice().catch((error) => {
    console.warn(`no https office for the test: ${error.message}`);
    return null;
  });
  const profile = await mkdtemp(join(tmpdir(), 'so-emoney-options-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // The office's certificate is made up for the test.
    ignoreHTTPSErrors: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=MAP ${OFFICE_HOST} 127.0.0.1`,
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
    ],
  });
  worker = await extensionWorker(context, 'SmartOffice');
  extensionId = new URL(worker.url()).host;
});

after(async () => {
  await context?.close();
  await office?.close();
});

beforeEach(async () => {
  await worker.evaluate(() => chrome.storage.local.clear());
});

/** A fresh options page, once it has shown what is stored. */
async function openOptions() {
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    throw new Error(`the page opened a dialog: ${dialog.message()}`);
  });
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.waitForSelector('html[data-ready]');
  return page;
}

const stored = (key) => worker.evaluate((key) => chrome.storage.local.get(key).then((all) => all[key]), key);
const status = (page) => page.getByRole('status').textContent();

async function fillDomain(page, { label, apiBase, webBase }) {
  await page.getByLabel('Name', { exact: true }).fill(label);
  await page.getByLabel('API address', { exact: true }).fill(apiBase);
  await page.getByLabel('eMoney web address', { exact: true }).fill(webBase);
}

test('the development build starts with the eMoney Sandbox domain and sends everything', async () => {
  const page = await openOptions();
  const domains = await page.locator('#domains li').allInnerTexts();
  assert.equal(domains.length, 1);
  assert.match(domains[0], /eMoney Sandbox/);
  assert.match(domains[0], /API address: http:\/\/127\.0\.0\.1:8787/);
  assert.equal(await page.getByLabel('Investments').isChecked(), true);
  assert.equal(await page.getByLabel('Policies').isChecked(), true);
  assert.equal(await page.locator('#login-text').textContent(), 'No login is remembered.');
  assert.equal(await page.getByText('No exports yet.').isVisible(), true);
  const builtIn = await page.locator('#offices li').allTextContents();
  assert.ok(builtIn.includes('https://*.ez-data.com/*') && builtIn.includes('https://*.ebixcrm.com/*'), builtIn.join());
  // Defaults come from the build's defaults.json; nothing is stored until a change.
  assert.equal(await stored('settings'), undefined);
  const defaults = JSON.parse(await readFile(join(EXTENSION_DIR, 'defaults.json'), 'utf8'));
  assert.equal(defaults.development, true);
  await page.close();
});

test('a domain added is stored normalized and is still there after a reload', async () => {
  const page = await openOptions();
  await fillDomain(page, {
    label: '  Firm eMoney ',
    apiBase: ' https://API.example-firm.com/ ',
    webBase: 'https://emoney.example-firm.com:8443',
  });
  await page.getByRole('button', { name: 'Add domain' }).click();
  await eventually(async () => (await stored('settings'))?.domains?.length === 2, 'the domain to be stored');
  assert.deepEqual((await stored('settings')).domains, [
    { label: 'eMoney Sandbox', apiBase: 'http://127.0.0.1:8787', webBase: 'http://127.0.0.1:8787' },
    { label: 'Firm eMoney', apiBase: 'https://api.example-firm.com', webBase: 'https://emoney.example-firm.com:8443' },
  ]);
  assert.equal(await status(page), 'Added the eMoney domain Firm eMoney.');
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), '', 'the form is cleared');
  await page.reload();
  await page.waitForSelector('html[data-ready]');
  assert.match((await page.locator('#domains li').allInnerTexts()).join('\n'), /Firm eMoney\nAPI address: https:\/\/api\.example-firm\.com/);
  await page.close();
});

test('invalid addresses and names get a sentence next to the field, and nothing is saved', async () => {
  const page = await openOptions();
  const cases = [
    ['http://emoney.example-firm.com', /must start with https:\/\//],
    ['ftp://emoney.example-firm.com', /must start with https:\/\//],
    ['emoney.example-firm.com', /not a web address/],
    ['https://advisor:secret@emoney.example-firm.com', /user name and password/],
    ['https://emoney.example-firm.com/relay', /no path/],
    ['https://emoney.example-firm.com/?tenant=1', /everything from the \? or #/],
    ['https://emoney.example-firm.com#top', /everything from the \? or #/],
    ['', /Enter the address/],
  ];
  const api = page.getByLabel('API address', { exact: true });
  for (const [address, sentence] of cases) {
    await fillDomain(page, { label: 'Firm eMoney', apiBase: address, webBase: 'https://emoney.example-firm.com' });
    await page.getByRole('button', { name: 'Add domain' }).click();
    await eventually(async () => (await api.getAttribute('aria-invalid')) === 'true', `${address} to be refused`);
    const error = page.locator('#domain-api-error');
    assert.match(await error.textContent(), sentence, address);
    assert.equal(await error.isVisible(), true);
    assert.match(await api.getAttribute('aria-describedby'), /\bdomain-api-error\b/);
    assert.equal(await status(page), 'Nothing was saved: correct the marked fields.');
  }
  // Names: required, and unique (whatever the case).
  const label = page.getByLabel('Name', { exact: true });
  for (const [name, sentence] of [['  ', /Enter a name/], ['emoney SANDBOX', /Another domain already has this name/]]) {
    await fillDomain(page, { label: name, apiBase: 'https://api.example-firm.com', webBase: 'https://emoney.example-firm.com' });
    await page.getByRole('button', { name: 'Add domain' }).click();
    await eventually(async () => sentence.test(await page.locator('#domain-label-error').textContent()), `"${name}" to be refused`);
    assert.equal(await label.getAttribute('aria-invalid'), 'true');
    assert.equal(await api.getAttribute('aria-invalid'), null, 'a good address is no longer marked');
  }
  assert.equal(await stored('settings'), undefined);
  // The development build takes this computer's addresses over http.
  await fillDomain(page, { label: 'Local relay', apiBase: 'http://localhost:9000/', webBase: 'http://127.0.0.1:9001' });
  await page.getByRole('button', { name: 'Add domain' }).click();
  await eventually(async () => (await stored('settings'))?.domains?.[1]?.apiBase === 'http://localhost:9000', 'loopback to be stored');
  await page.close();
});

test('a domain is edited and removed', async () => {
  const page = await openOptions();
  await page.getByRole('button', { name: 'Edit eMoney Sandbox' }).click();
  assert.equal(await page.locator('#domain-form-heading').textContent(), 'Edit eMoney Sandbox');
  await fillDomain(page, { label: 'Sandbox (this computer)', apiBase: 'http://127.0.0.1:8787', webBase: 'http://127.0.0.1:8788/' });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await eventually(async () => (await stored('settings'))?.domains?.[0]?.label === 'Sandbox (this computer)', 'the edit to be stored');
  assert.deepEqual((await stored('settings')).domains, [
    { label: 'Sandbox (this computer)', apiBase: 'http://127.0.0.1:8787', webBase: 'http://127.0.0.1:8788' },
  ]);
  assert.equal(await page.locator('#domain-form-heading').textContent(), 'Add a domain');
  await page.getByRole('button', { name: 'Remove Sandbox (this computer)' }).click();
  await eventually(async () => (await stored('settings'))?.domains?.length === 0, 'the removal to be stored');
  assert.equal(await page.locator('#domains li').count(), 0);
  assert.equal(await status(page), 'Removed the eMoney domain Sandbox (this computer).');
  // Removed means removed: the build's default does not come back on reload.
  await page.reload();
  await page.waitForSelector('html[data-ready]');
  assert.equal(await page.locator('#domains li').count(), 0);
  await page.close();
});

test('what to send is saved as soon as a box changes, and changes made elsewhere show up', async () => {
  const page = await openOptions();
  await page.getByLabel('Investments').uncheck();
  await eventually(async () => (await stored('settings'))?.sendInvestments === false, 'investments off to be stored');
  assert.equal((await stored('settings')).sendPolicies, true);
  await page.getByLabel('Policies').press('Space'); // by keyboard
  await eventually(async () => (await stored('settings'))?.sendPolicies === false, 'policies off to be stored');
  await page.getByLabel('Investments').check();
  await eventually(async () => (await stored('settings'))?.sendInvestments === true, 'investments on to be stored');
  // Another tab (here the service worker) changes the settings.
  await worker.evaluate(() =>
    chrome.storage.local.get('settings').then(({ settings }) =>
      chrome.storage.local.set({ settings: { ...settings, sendInvestments: false, domains: [] } }),
    ),
  );
  await eventually(async () => !(await page.getByLabel('Investments').isChecked()), 'the box to follow storage');
  assert.equal(await page.locator('#domains li').count(), 0);
  await page.close();
});

test('a remembered login shows, and Forget removes it', async () => {
  const page = await openOptions();
  await page.evaluate(() =>
    chrome.storage.local.set({
      rememberedLogin: { apiBase: 'http://127.0.0.1:8787', domainLabel: 'eMoney Sandbox', userName: 'advisor' },
    }),
  );
  await eventually(async () => (await page.locator('#login-text').textContent()) === 'Remembered: advisor on eMoney Sandbox', 'the login to show');
  await page.getByRole('button', { name: 'Forget' }).click();
  await eventually(async () => (await page.locator('#login-text').textContent()) === 'No login is remembered.', 'the login to go');
  assert.equal(await stored('rememberedLogin'), undefined);
  assert.equal(await page.getByRole('button', { name: 'Forget' }).isVisible(), false);
  // The worker either signed out, or could not (then the page says so).
  assert.match(await status(page), /^(Forgot the login of advisor on eMoney Sandbox\.|Removed the remembered login of advisor on eMoney Sandbox, but .+)$/);
  await page.close();
});

test('the export history shows stored rows as text only, and Clear history empties it', async () => {
  const hostile = '<img src=x onerror=alert(1)>';
  const page = await openOptions();
  await page.evaluate((hostile) =>
    chrome.storage.local.set({
      history: [
        { at: '2026-11-25T18:04:05Z', client: hostile, domainLabel: 'eMoney Sandbox', outcome: 'created', assets: 3, policies: 2, warnings: 1, clientId: 'C-SECRET-ID', token: 'tok-SECRET' },
        { at: '2026-11-24T09:00:00Z', client: 'Okafor, Margaret', domainLabel: 'Firm eMoney', outcome: 'updated', assets: 0, policies: 1, warnings: 0 },
        { at: '2026-11-23T09:00:00Z', client: 'Okafor, Margaret', domainLabel: 'Firm eMoney', outcome: 'opened', assets: 0, policies: 0, warnings: 2 },
      ],
    }), hostile);
  await eventually(async () => (await page.locator('#history tbody tr').count()) === 3, 'three rows');
  const table = page.getByRole('table', { name: 'The last 50 exports from this browser, newest first' });
  const headers = await table.locator('thead th').allTextContents();
  assert.deepEqual(headers, ['When', 'Client', 'eMoney domain', 'What happened', 'Assets', 'Policies']);
  const rows = await table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent)));
  const expectedWhen = await page.evaluate(() =>
    new Date('2026-11-25T18:04:05Z').toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
  );
  assert.deepEqual(rows[0], [expectedWhen, hostile, 'eMoney Sandbox', 'Created, 1 warning', '3', '2']);
  assert.deepEqual(rows[1].slice(1), ['Okafor, Margaret', 'Firm eMoney', 'Updated', '0', '1']);
  assert.deepEqual(rows[2].slice(3), ['Opened (nothing sent), 2 warnings', '0', '0']);
  assert.equal(await page.locator('#history img').count(), 0, 'the client name stays text');
  const text = await page.locator('main').innerText();
  assert.ok(!text.includes('SECRET'), 'no ids or tokens are shown');
  await page.getByRole('button', { name: 'Clear history' }).click();
  await eventually(async () => (await stored('history')) === undefined, 'the history to be cleared');
  assert.equal(await page.getByText('No exports yet.').isVisible(), true);
  assert.equal(await table.isVisible(), false);
  assert.equal(await status(page), 'History cleared.');
  await page.close();
});

test('a SmartOffice address is checked before the browser is asked', async () => {
  const page = await openOptions();
  const input = page.getByLabel("Your firm's SmartOffice address");
  const cases = [
    ['', /Enter the address of your SmartOffice/],
    ['http://crm.example-firm.com', /must start with https:\/\//],
    ['crm.example-firm.com', /must start with https:\/\//],
    ['https://crm.example-firm.com/sites/one', /Enter only https:\/\/ and a host name/],
    ['https://crm.example-firm.com:8443', /Enter only https:\/\/ and a host name/],
    ['https://user@crm.example-firm.com', /Enter only https:\/\/ and a host name/],
    ['https://*.com', /at least two parts/],
    ['https://pmgcloud.ez-data.com', /already built in/],
    ['https://*.ebixcrm.com/*', /already built in/],
  ];
  for (const [address, sentence] of cases) {
    await input.fill(address);
    await page.getByRole('button', { name: 'Add address' }).click();
    await eventually(async () => sentence.test(await page.locator('#office-address-error').textContent()), `${address} to be refused`);
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    assert.equal(await input.getAttribute('aria-describedby'), 'office-address-help office-address-error');
  }
  assert.equal(await stored('settings'), undefined);
  await page.close();
});

// The browser's permission prompt cannot be answered in headless Chromium (the
// request stays pending). The test grants the host as a user would on
// chrome://extensions (Site access); the page's own permissions.request, from
// the click, then resolves at once and the rest of the flow is real.
test('an added SmartOffice address gets the loader, is stored, and is removed again', async (t) => {
  if (!office) return t.skip('openssl is needed for the office certificate');
  const pattern = `https://${OFFICE_HOST}/*`;
  const grants = await context.newPage();
  await grants.goto('chrome://extensions');
  await grants.evaluate(([id, host]) => chrome.developerPrivate.addHostPermission(id, host), [extensionId, pattern]);
  await grants.close();

  const page = await openOptions();
  await page.getByLabel("Your firm's SmartOffice address").fill(`HTTPS://${OFFICE_HOST.toUpperCase()}/`);
  await page.getByRole('button', { name: 'Add address' }).click();
  await eventually(async () => (await stored('settings'))?.offices?.includes(pattern), 'the office to be stored');
  assert.deepEqual((await stored('settings')).offices, [pattern]);
  assert.match(await status(page), /^Added https:\/\/office\.example-firm\.test\/\*/);
  assert.deepEqual(await page.locator('#added-offices li code').allTextContents(), [pattern]);
  const scripts = await page.evaluate(() => chrome.scripting.getRegisteredContentScripts());
  assert.deepEqual(
    scripts.map(({ id, matches, js, allFrames, runAt, persistAcrossSessions }) => ({ id, matches, js, allFrames, runAt, persistAcrossSessions })),
    [{ id: `office-${OFFICE_HOST}`, matches: [pattern], js: ['loader.js'], allFrames: true, runAt: 'document_idle', persistAcrossSessions: true }],
  );

  // Measured: the loader runs there, but the page module it imports is a
  // web-accessible resource for SmartOffice's built-in hosts only, so the
  // import is denied. The page's help text says so; when this changes, change it.
  const officePage = await context.newPage();
  await officePage.goto(`${office.origin}/record.html`);
  const loaded = await eventually(
    () => officePage.evaluate(() => document.documentElement.getAttribute('data-so-emoney')).then((state) => state !== 'loading' && state),
    'the loader to finish',
  );
  assert.equal(loaded, 'failed', 'an added office cannot import pkg/page.js without web_accessible_resources');
  await officePage.close();

  await page.getByRole('button', { name: `Remove ${pattern}` }).click();
  await eventually(async () => (await stored('settings'))?.offices?.length === 0, 'the office to be removed');
  assert.deepEqual(await page.evaluate(() => chrome.scripting.getRegisteredContentScripts()), []);
  assert.equal(await page.evaluate((origins) => chrome.permissions.contains({ origins }), [pattern]), false);
  assert.equal(await status(page), `Removed ${pattern}.`);
  await page.close();
});

/** An https "SmartOffice" on a loopback port, with a certificate made for the test. */
async function startOffice() {
  const dir = await mkdtemp(join(tmpdir(), 'so-emoney-office-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-subj', `/CN=${OFFICE_HOST}`, '-days', '1'], { stdio: 'ignore' });
  const server = createServer({ key: await readFile(key), cert: await readFile(cert) }, (request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Contact</title><p>A SmartOffice record</p>');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `https://${OFFICE_HOST}:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
