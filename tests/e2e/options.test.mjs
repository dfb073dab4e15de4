// The options page, end to end in the development build. It keeps no rule
// of its own: every list it shows and every change goes through the service
// worker (eMoney domains, SmartOffice addresses, what to send, the
// remembered login, the export history), which keeps them in
// chrome.storage.local (`settings`, `rememberedLogin`, `history`).
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR, eventually, launch } from './support/browser.mjs';
import { chooseEmoney, dialogOpen, dialogWindow, entries, loaderState, openRecord, watchWindows } from './support/extension.mjs';
import { startSandbox } from './support/sandbox.mjs';
import { startFixtureServer } from './support/server.mjs';
import { counted, sentence } from './support/words.mjs';

// An added SmartOffice address needs https and a host name of its own: this
// one resolves to loopback inside the test browser only.
const OFFICE_HOST = 'office.example-firm.test';
const SANDBOX = { label: 'eMoney Sandbox', apiBase: 'http://127.0.0.1:8787', webBase: 'http://127.0.0.1:8787' };

let context;
let worker;
let extensionId;
let office; // the fixture pages on https://OFFICE_HOST, or null without openssl
let sandbox; // the eMoney sandbox the office's export goes to

before(async () => {
  sandbox = await startSandbox();
  office = await startOffice().catch((error) => {
    console.warn(`no https office for the test: ${error.message}`);
    return null;
  });
  ({ context, worker, extensionId } = await launch({ officeHost: OFFICE_HOST }));
});

after(async () => {
  await context?.close();
  await office?.close();
  sandbox?.stop();
});

beforeEach(async () => {
  await worker.evaluate(() => chrome.storage.local.clear());
});

/** A fresh options page, once it has shown what the worker says. */
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
const statusSays = (page, said, what) => eventually(async () => (await status(page)) === said, what ?? `the status "${said}"`);

async function fillDomain(page, { label, apiBase, webBase }) {
  await page.getByLabel(sentence('domainLabelField'), { exact: true }).fill(label);
  await page.getByLabel(sentence('domainApiField'), { exact: true }).fill(apiBase);
  await page.getByLabel(sentence('domainWebField'), { exact: true }).fill(webBase);
}

const addDomain = (page) => page.getByRole('button', { name: sentence('domainAddButton') }).click();

test('the development build starts with the eMoney Sandbox domain, the built-in offices, and sends everything', async () => {
  const page = await openOptions();
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), sentence('optionsTitle'));
  const domains = await page.locator('#domains li').allInnerTexts();
  assert.equal(domains.length, 1);
  assert.match(domains[0], /eMoney Sandbox/);
  assert.ok(domains[0].includes(sentence('domainApiBase', SANDBOX.apiBase)), domains[0]);
  assert.equal(await page.getByLabel(sentence('sendInvestments')).isChecked(), true);
  assert.equal(await page.getByLabel(sentence('sendPolicies')).isChecked(), true);
  assert.equal(await page.locator('#login-text').textContent(), sentence('loginNone'));
  assert.equal(await page.getByRole('button', { name: sentence('loginForget') }).isVisible(), false);
  assert.equal(await page.getByText(sentence('historyNone')).isVisible(), true);
  // The offices of the build's manifest, in words.
  const builtIn = await page.locator('#offices li').allTextContents();
  for (const domain of ['ez-data.com', 'ebixcrm.com']) {
    assert.ok(builtIn.includes(sentence('officeAnyAt', domain)), builtIn.join(' | '));
  }
  // This computer's pages, over http as the development build reaches them.
  for (const host of ['http://127.0.0.1', 'http://localhost']) {
    assert.ok(builtIn.includes(sentence('officeAt', host)), builtIn.join(' | '));
  }
  assert.ok(!builtIn.some((line) => /https:\/\/(127\.0\.0\.1|localhost)/.test(line)), builtIn.join(' | '));
  assert.equal(builtIn.length, 4);
  assert.equal(await page.getByText(sentence('officesNone')).isVisible(), true);
  // Defaults come from the build's defaults.json; nothing is stored until a change.
  assert.equal(await stored('settings'), undefined);
  const defaults = JSON.parse(await readFile(join(EXTENSION_DIR, 'defaults.json'), 'utf8'));
  assert.deepEqual(defaults.domains, [SANDBOX]);
  await page.close();
});

test('a domain added is stored normalized and is still there after a reload', async () => {
  const page = await openOptions();
  await fillDomain(page, {
    label: '  Firm eMoney ',
    apiBase: ' https://API.example-firm.com/ ',
    webBase: 'https://emoney.example-firm.com:8443/relay/',
  });
  await addDomain(page);
  await statusSays(page, sentence('domainAdded', 'Firm eMoney'));
  assert.deepEqual((await stored('settings')).domains, [
    SANDBOX,
    { label: 'Firm eMoney', apiBase: 'https://api.example-firm.com', webBase: 'https://emoney.example-firm.com:8443/relay' },
  ]);
  assert.equal(await page.getByLabel(sentence('domainLabelField'), { exact: true }).inputValue(), '', 'the form is cleared');
  await page.reload();
  await page.waitForSelector('html[data-ready]');
  const listed = (await page.locator('#domains li').allInnerTexts()).join('\n');
  assert.ok(listed.includes(`Firm eMoney\n${sentence('domainApiBase', 'https://api.example-firm.com')}`), listed);
  await page.close();
});

test('invalid addresses and names get the sentence next to the field, and nothing is saved', async () => {
  const page = await openOptions();
  const cases = [
    ['http://emoney.example-firm.com', 'addressHttpsDevelopment'],
    ['ftp://emoney.example-firm.com', 'addressHttpsDevelopment'],
    ['emoney.example-firm.com', 'addressNotWeb'],
    ['https://advisor:secret@emoney.example-firm.com', 'addressCredentials'],
    ['https://emoney.example-firm.com/?tenant=1', 'addressQuery'],
    ['https://emoney.example-firm.com#top', 'addressQuery'],
    ['', 'addressMissing'],
  ];
  const api = page.getByLabel(sentence('domainApiField'), { exact: true });
  const error = page.locator('#domain-api-error');
  for (const [address, key] of cases) {
    await fillDomain(page, { label: 'Firm eMoney', apiBase: address, webBase: 'https://emoney.example-firm.com' });
    await addDomain(page);
    await eventually(async () => (await error.textContent()) === sentence(key), `${address} to be refused`);
    assert.equal(await api.getAttribute('aria-invalid'), 'true');
    assert.equal(await error.isVisible(), true);
    assert.match(await api.getAttribute('aria-describedby'), /\bdomain-api-error\b/);
    assert.equal(await status(page), sentence('domainFixErrors'));
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'domain-api', 'the marked field has the focus');
  }
  // Names: required, and unique (whatever the case).
  const label = page.getByLabel(sentence('domainLabelField'), { exact: true });
  for (const [name, key] of [['  ', 'domainLabelMissing'], ['emoney SANDBOX', 'domainLabelTaken']]) {
    await fillDomain(page, { label: name, apiBase: 'https://api.example-firm.com', webBase: 'https://emoney.example-firm.com' });
    await addDomain(page);
    await eventually(async () => (await page.locator('#domain-label-error').textContent()) === sentence(key), `"${name}" to be refused`);
    assert.equal(await label.getAttribute('aria-invalid'), 'true');
    assert.equal(await api.getAttribute('aria-invalid'), null, 'a good address is no longer marked');
  }
  assert.equal(await stored('settings'), undefined);
  // The development build takes this computer's addresses over http.
  await fillDomain(page, { label: 'Local relay', apiBase: 'http://localhost:9000/', webBase: 'http://127.0.0.1:9001' });
  await addDomain(page);
  await statusSays(page, sentence('domainAdded', 'Local relay'));
  assert.deepEqual((await stored('settings')).domains[1], { label: 'Local relay', apiBase: 'http://localhost:9000', webBase: 'http://127.0.0.1:9001' });
  await page.close();
});

test('a domain is edited and removed, and a removed default stays removed', async () => {
  const page = await openOptions();
  await page.getByRole('button', { name: sentence('domainEditNamed', 'eMoney Sandbox') }).click();
  assert.equal(await page.locator('#domain-form-heading').textContent(), sentence('domainFormEdit', 'eMoney Sandbox'));
  await fillDomain(page, { label: 'Sandbox (this computer)', apiBase: 'http://127.0.0.1:8787', webBase: 'http://127.0.0.1:8788/' });
  await page.getByRole('button', { name: sentence('domainSaveButton') }).click();
  await statusSays(page, sentence('domainSaved', 'Sandbox (this computer)'));
  assert.deepEqual((await stored('settings')).domains, [
    { label: 'Sandbox (this computer)', apiBase: 'http://127.0.0.1:8787', webBase: 'http://127.0.0.1:8788' },
  ]);
  assert.equal(await page.locator('#domain-form-heading').textContent(), sentence('domainFormAdd'));
  await page.getByRole('button', { name: sentence('domainRemoveNamed', 'Sandbox (this computer)') }).click();
  await statusSays(page, sentence('domainRemoved', 'Sandbox (this computer)'));
  assert.deepEqual((await stored('settings')).domains, []);
  assert.equal(await page.locator('#domains li').count(), 0);
  assert.equal(await page.getByText(sentence('domainsNone')).isVisible(), true);
  await page.reload();
  await page.waitForSelector('html[data-ready]');
  assert.equal(await page.locator('#domains li').count(), 0);
  await page.close();
});

test('what to send is saved as soon as a box changes, and changes made elsewhere show up', async () => {
  const page = await openOptions();
  await page.getByLabel(sentence('sendInvestments')).uncheck();
  await eventually(async () => (await stored('settings'))?.sendInvestments === false, 'investments off to be stored');
  assert.equal((await stored('settings')).sendPolicies, true);
  await statusSays(page, sentence('sendSaved'));
  await page.getByLabel(sentence('sendPolicies')).press('Space'); // by keyboard
  await eventually(async () => (await stored('settings'))?.sendPolicies === false, 'policies off to be stored');
  await page.getByLabel(sentence('sendInvestments')).check();
  await eventually(async () => (await stored('settings'))?.sendInvestments === true, 'investments on to be stored');
  // Another options tab changes the settings: this one follows.
  const other = await openOptions();
  await other.getByLabel(sentence('sendInvestments')).uncheck();
  await other.getByRole('button', { name: sentence('domainRemoveNamed', 'eMoney Sandbox') }).click();
  await eventually(async () => !(await page.getByLabel(sentence('sendInvestments')).isChecked()), 'the box to follow');
  await eventually(async () => (await page.locator('#domains li').count()) === 0, 'the list to follow');
  await other.close();
  await page.close();
});

test('changes asked at the same moment are all kept (one at a time, none written over)', async () => {
  const page = await openOptions();
  const ask = (message) => page.evaluate((m) => chrome.runtime.sendMessage(m), message);
  const labels = ['eMoney Sandbox'];
  for (let round = 1; round <= 3; round += 1) {
    const on = round % 2 === 0;
    const label = `Firm eMoney ${round}`;
    const replies = await Promise.all([
      ask({ type: 'sendSave', investments: on }),
      ask({ type: 'domainSave', input: { label, apiBase: `https://api${round}.example-firm.com`, webBase: `https://emoney${round}.example-firm.com` }, editing: null }),
      ask({ type: 'sendSave', policies: on }),
      round === 1 ? ask({ type: 'domainRemove', label: 'eMoney Sandbox' }) : ask({ type: 'options' }),
    ]);
    assert.ok(replies.slice(0, 3).every((reply) => reply.type === 'done'), JSON.stringify(replies));
    if (round === 1) labels.shift();
    labels.push(label);
    const settings = await stored('settings');
    assert.deepEqual([settings.sendInvestments, settings.sendPolicies, settings.domains.map((domain) => domain.label)], [on, on, labels], `round ${round}`);
  }
  await page.close();
});

test('a remembered login shows, and Forget removes it', async () => {
  const page = await openOptions();
  // As an export with Remember Me leaves it (the token is in the worker's own vault).
  await worker.evaluate(() =>
    chrome.storage.local.set({ rememberedLogin: { apiBase: 'http://127.0.0.1:8787', domainLabel: 'eMoney Sandbox', userName: 'advisor' } }),
  );
  const said = sentence('loginRemembered', 'advisor', 'eMoney Sandbox');
  await eventually(async () => (await page.locator('#login-text').textContent()) === said, 'the login to show');
  await page.getByRole('button', { name: sentence('loginForget') }).click();
  await statusSays(page, sentence('loginForgotten', 'advisor', 'eMoney Sandbox'));
  assert.equal(await page.locator('#login-text').textContent(), sentence('loginNone'));
  assert.equal(await stored('rememberedLogin'), undefined);
  assert.equal(await page.getByRole('button', { name: sentence('loginForget') }).isVisible(), false);
  await page.close();
});

/** History entries as exports leave them. */
function exported(overrides) {
  return {
    at: '2026-11-25T18:04:05Z',
    client: 'Okafor, Margaret',
    domainLabel: 'eMoney Sandbox',
    apiBase: SANDBOX.apiBase,
    clientId: 'C-SECRET-ID',
    outcome: 'created',
    fields: 0,
    investments: { added: 0, changed: 0, skipped: 0 },
    policies: { added: 0, changed: 0, skipped: 0 },
    warnings: 0,
    ...overrides,
  };
}

test('the export history shows what each export did, as text only, and Clear history empties it', async () => {
  const hostile = '<img src=x onerror=alert(1)>';
  const page = await openOptions();
  await worker.evaluate((history) => chrome.storage.local.set({ history }), [
    exported({ client: hostile, fields: 3, investments: { added: 2, changed: 1, skipped: 0 }, policies: { added: 1, changed: 0, skipped: 4 }, warnings: 1 }),
    exported({ at: '2026-11-24T09:00:00Z', domainLabel: 'Firm eMoney', outcome: 'updated', policies: { added: 0, changed: 2, skipped: 0 } }),
    exported({ at: '2026-11-23T09:00:00Z', outcome: 'opened', warnings: 2 }),
  ]);
  await eventually(async () => (await page.locator('#history tbody tr').count()) === 3, 'three rows');
  const table = page.getByRole('table', { name: sentence('historyCaption') });
  const headers = await table.locator('thead th').allTextContents();
  assert.deepEqual(headers, ['historyWhen', 'historyClient', 'historyDomain', 'historyOutcome', 'historyWhat', 'historyOpenHeading'].map((key) => sentence(key)));
  const rows = await table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent)));
  const expectedWhen = await page.evaluate(() =>
    new Date('2026-11-25T18:04:05Z').toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
  );
  const investments = sentence('historyAddedAndChanged', counted('historyInvestmentsAdded', 2), counted('historyInvestmentsChanged', 1));
  const sent = sentence('listAnd', sentence('listComma', counted('historyFields', 3), investments), counted('historyPoliciesAdded', 1));
  assert.deepEqual(rows[0], [expectedWhen, hostile, 'eMoney Sandbox', counted('historyWithWarnings', 1, sentence('historyCreated')), sent, sentence('historyOpen')]);
  assert.deepEqual(rows[1].slice(1, 5), ['Okafor, Margaret', 'Firm eMoney', sentence('historyUpdated'), counted('historyPoliciesChanged', 2)]);
  assert.deepEqual(rows[2].slice(3, 5), [counted('historyWithWarnings', 2, sentence('historyOpened')), sentence('historyNothingSent')]);
  assert.equal(await page.locator('#history img').count(), 0, 'the client name stays text');
  assert.equal(await table.getByRole('button', { name: sentence('historyOpenNamed', 'Okafor, Margaret') }).count(), 2);
  assert.ok(!(await page.locator('main').innerText()).includes('SECRET'), 'no eMoney ids are shown');
  await page.getByRole('button', { name: sentence('historyClear') }).click();
  await statusSays(page, sentence('historyCleared'));
  assert.equal(await stored('history'), undefined);
  assert.equal(await page.getByText(sentence('historyNone')).isVisible(), true);
  assert.equal(await table.isVisible(), false);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'history-heading', 'the focus stays in the section');
  await page.close();
});

test('Open on a history line asks the worker, which says why eMoney cannot open', async () => {
  const page = await openOptions();
  await worker.evaluate((history) => chrome.storage.local.set({ history }), [
    exported({ client: 'Okafor, Margaret' }),
    exported({ client: 'Lee, Ann', apiBase: 'https://gone.example-firm.com', domainLabel: 'Old eMoney' }),
  ]);
  await eventually(async () => (await page.locator('#history tbody tr').count()) === 2, 'two rows');
  // Not signed in to the sandbox: the worker asks for no window and says so.
  const pages = context.pages().length;
  await page.getByRole('button', { name: sentence('historyOpenNamed', 'Okafor, Margaret') }).click();
  await statusSays(page, sentence('emoneySignInRequired'));
  // A domain removed since: nothing is asked of it.
  await page.getByRole('button', { name: sentence('historyOpenNamed', 'Lee, Ann') }).click();
  await statusSays(page, sentence('historyGone'));
  assert.equal(context.pages().length, pages, 'no window was opened');
  await page.close();
});

test('a SmartOffice address is checked by the worker before the browser is asked', async () => {
  const page = await openOptions();
  const input = page.getByLabel(sentence('officeField'));
  const error = page.locator('#office-address-error');
  const cases = [
    ['', 'officeMissing'],
    ['http://crm.example-firm.com', 'officeHttps'],
    ['https://crm.example-firm.com/sites/one', 'officeInvalid'],
    ['https://crm.example-firm.com:8443', 'officeInvalid'],
    ['https://user@crm.example-firm.com', 'officeInvalid'],
    ['https://*.com', 'officeTooWide'],
    ['https://pmgcloud.ez-data.com', 'officeBuiltIn'],
    ['https://*.ebixcrm.com/*', 'officeBuiltIn'],
  ];
  for (const [address, key] of cases) {
    await input.fill(address);
    await page.getByRole('button', { name: sentence('officeAddButton') }).click();
    await eventually(async () => (await error.textContent()) === sentence(key), `${address} to be refused`);
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    assert.equal(await input.getAttribute('aria-describedby'), 'office-address-help office-address-error');
  }
  // A good address clears the mark as it is typed.
  await input.fill('crm.example-firm.com');
  await eventually(async () => (await input.getAttribute('aria-invalid')) === null, 'the mark to go');
  assert.equal(await error.isVisible(), false);
  assert.equal(await stored('settings'), undefined);
  await page.close();
});

// The browser's permission prompt cannot be answered in headless Chromium (the
// request stays pending). The test grants the host as a user would on
// chrome://extensions (Site access); the page's own permissions.request, from
// the click, then resolves at once and the rest of the flow is real.
test('an added SmartOffice address gets the loader, the eMoney entry and a whole export, and is removed again', async (t) => {
  if (!office) return t.skip('openssl is needed for the office certificate');
  const pattern = `https://${OFFICE_HOST}/*`;
  // The office exports to the running sandbox.
  const domain = { label: 'eMoney Sandbox', apiBase: sandbox.base, webBase: sandbox.base };
  await worker.evaluate((domain) => chrome.storage.local.set({ settings: { domains: [domain], offices: [], sendInvestments: true, sendPolicies: true } }), domain);
  await sandbox.reset();
  // Not one of the manifest's hosts: only the added address lets the extension in.
  const manifest = await worker.evaluate(() => chrome.runtime.getManifest());
  assert.ok(!JSON.stringify([manifest.host_permissions, manifest.content_scripts]).includes('example-firm.test'));
  assert.equal(await worker.evaluate((origins) => chrome.permissions.contains({ origins }), [pattern]), false);
  const grants = await context.newPage();
  await grants.goto('chrome://extensions');
  await grants.evaluate(([id, host]) => chrome.developerPrivate.addHostPermission(id, host), [extensionId, pattern]);
  await grants.close();

  const page = await openOptions();
  await page.getByLabel(sentence('officeField')).fill(`HTTPS://${OFFICE_HOST.toUpperCase()}/`);
  const add = page.getByRole('button', { name: sentence('officeAddButton') });
  await add.click();
  // The permission is asked in the click itself, for the pattern the worker
  // answered as the address was typed; a click before that answer only checks.
  const added = sentence('officeAdded', pattern);
  await eventually(async () => [added, sentence('officeReady')].includes(await status(page)), 'the click to be answered');
  if ((await status(page)) !== added) await add.click();
  await statusSays(page, added);
  assert.deepEqual((await stored('settings')).offices, [pattern]);
  assert.deepEqual(await page.locator('#added-offices li code').allTextContents(), [pattern]);
  assert.equal(await page.getByLabel(sentence('officeField')).inputValue(), '', 'the field is cleared');
  const scripts = await worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
  assert.deepEqual(
    scripts.map(({ id, matches, js, allFrames, runAt, persistAcrossSessions }) => ({ id, matches, js, allFrames, runAt, persistAcrossSessions })),
    [{ id: `office:${pattern}`, matches: [pattern], js: ['loader.js'], allFrames: true, runAt: 'document_idle', persistAcrossSessions: true }],
  );

  // There, a record's Menu gets the eMoney entry as on the built-in offices
  // (the worker injects the page module: nothing is web-accessible), and
  // the export runs to its end: the sign-in dialog, the client written, the
  // eMoney window on it.
  const windows = watchWindows(context);
  const { page: record, frame } = await openRecord(
    context,
    office.url(`pages/top.html?record=${encodeURIComponent('../records/contact-married-spouse-section.html?contactId=1005')}`),
    'frame_cache_0',
  );
  assert.equal(await loaderState(frame), 'waiting');
  await chooseEmoney(frame);
  assert.equal(await entries(frame).count(), 1);
  assert.equal(await loaderState(frame), 'wasm');
  const flow = await dialogWindow(context);
  const dialog = flow.getByRole('dialog', { name: sentence('flowSignInTitle') });
  await dialog.waitFor();
  await dialog.getByLabel(sentence('flowUserName')).fill('advisor');
  await dialog.getByLabel(sentence('flowPassword')).fill('sandbox');
  await dialog.getByLabel(sentence('flowDomain')).selectOption({ label: 'eMoney Sandbox' });
  await flow.getByRole('button', { name: sentence('flowLogin') }).click();
  const emoney = await windows.next((url) => url.startsWith(sandbox.base), 'the eMoney window', 20000);
  const [client] = await sandbox.clients();
  assert.ok(client, 'the client is in eMoney');
  assert.equal(new URL(emoney.url()).pathname, `/clients/${client.id}`);
  assert.equal(client.client.firstName, 'Rafael');
  assert.ok(client.externalIds.some((id) => id.endsWith(':1005')), JSON.stringify(client.externalIds));
  await eventually(() => !dialogOpen(context), 'the dialog to close');
  await emoney.close();
  await record.close();

  await page.getByRole('button', { name: sentence('officeRemoveNamed', pattern) }).click();
  await statusSays(page, sentence('officeRemoved', pattern));
  assert.deepEqual((await stored('settings')).offices, []);
  assert.deepEqual(await worker.evaluate(() => chrome.scripting.getRegisteredContentScripts()), []);
  assert.equal(await worker.evaluate((origins) => chrome.permissions.contains({ origins }), [pattern]), false);
  assert.equal(await page.getByText(sentence('officesNone')).isVisible(), true);
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
