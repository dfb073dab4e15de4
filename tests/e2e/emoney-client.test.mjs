// The eMoney client in the real service worker (wasm, fetch, chrome.storage)
// against the real sandbox server, driven from the extension's options page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './support/browser.mjs';
import { startSandbox } from './support/sandbox.mjs';

const RECORD = 'smartoffice:pmgcloud.ez-data.com:1001';
const PASSWORD = 'sandbox';

let sandbox;
let browser;
let page;

function payload(externalId = RECORD, firstName = 'Ann') {
  return {
    type: 'exportPayload',
    domain: sandbox.base,
    externalId,
    client: {
      externalIds: [externalId],
      maritalStatus: 'Married',
      homePhone: '(555) 201-3344 x12',
      address: { street1: '12 Elm Street', city: 'Springfield', state: 'IL', postalCode: '62701' },
      client: { firstName, lastName: 'Lee', dateOfBirth: '1970-02-03', email: 'ann.lee@example.com' },
      spouse: { firstName: 'Bo', lastName: 'Lee' },
    },
    assets: [
      { externalId: 'inv-1', name: 'Brokerage', holdingsValue: '1234.56', typeOfFunds: ['Qualified'], owner: 'Joint' },
      { externalId: 'inv-2', name: 'IRA', holdingsValue: '50000.00', cashBalance: '-80.00', owner: 'Client' },
    ],
    policies: [
      { externalId: 'pol-1', policyName: 'Acme Life Term 20', policyNumber: '***1234', owner: 'Client', currentDeathBenefit: '500000.00' },
    ],
    update: false,
  };
}

const send = (message) => page.evaluate((m) => chrome.runtime.sendMessage(m), message);

const recordClients = async (externalId) =>
  (await sandbox.clients()).filter((client) => (client.externalIds ?? []).includes(externalId));

before(async () => {
  sandbox = await startSandbox();
  browser = await launch();
  page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
});

after(async () => {
  await browser?.context.close();
  sandbox?.stop();
});

test('a wrong password gets the sentence and is sent once', async () => {
  const reply = await send({ type: 'signIn', domain: sandbox.base, userName: 'advisor', password: 'wrong-password', rememberMe: true });
  assert.deepEqual(reply, { type: 'failed', message: 'The user name or password is incorrect.', signIn: true });
  assert.equal(await sandbox.calls('POST /connect/token grant_type=password'), 1);
});

test('signing in and exporting a new record creates one client and opens it', async () => {
  const signedIn = await send({ type: 'signIn', domain: sandbox.base, userName: 'advisor', password: PASSWORD, rememberMe: true });
  assert.deepEqual(signedIn, { type: 'signedIn' });
  const reply = await send(payload());
  assert.equal(reply.type, 'exportResult', JSON.stringify(reply));
  assert.equal(reply.outcome, 'exported', JSON.stringify(reply));
  assert.equal(reply.created, true);
  assert.deepEqual(reply.items.assets, { added: 2, changed: 0, skipped: 0 });
  assert.ok(reply.launchUrl.startsWith(`${sandbox.base}/launch/`), reply.launchUrl);
  const clients = await sandbox.clients();
  assert.equal(clients.length, 1);
  assert.equal(clients[0].id, reply.clientId);
  assert.equal(clients[0].client.dateOfBirth, '1970-02-03');
  assert.equal(clients[0].policies[0].policyNumber, '***1234');
  assert.equal(clients[0].assets.length, 2);
});

test('exporting again makes no duplicate and skips unchanged items', async () => {
  const reply = await send(payload());
  assert.equal(reply.outcome, 'exported', JSON.stringify(reply));
  assert.equal(reply.created, false);
  assert.deepEqual(reply.items, {
    assets: { added: 0, changed: 0, skipped: 2 },
    policies: { added: 0, changed: 0, skipped: 1 },
  });
  assert.equal((await sandbox.clients()).length, 1);
});

test('a create whose answer is lost is retried into the same client', async () => {
  const record = 'smartoffice:pmgcloud.ez-data.com:2002';
  await sandbox.hook('POST', '/__sandbox/faults', { method: 'POST', pathPrefix: '/public/v1/clients', status: 0, when: 'after', times: 1 });
  const reply = await send(payload(record, 'Cy'));
  assert.equal(reply.outcome, 'exported', JSON.stringify(reply));
  assert.equal((await recordClients(record)).length, 1);
});

test('a create lost on every try fails with a sentence, and the next export finds it', async () => {
  const record = 'smartoffice:pmgcloud.ez-data.com:3003';
  await sandbox.hook('POST', '/__sandbox/faults', { method: 'POST', pathPrefix: '/public/v1/clients', status: 0, when: 'after', times: 10 });
  const failed = await send(payload(record, 'Di'));
  assert.equal(failed.type, 'failed', JSON.stringify(failed));
  assert.equal(failed.message, 'eMoney did not answer in time. Nothing was lost; try again in a minute.');
  await sandbox.hook('DELETE', '/__sandbox/faults');
  const pending = await page.evaluate(() => chrome.storage.local.get(null));
  assert.ok(Object.keys(pending).some((key) => key.startsWith('emoney.pendingCreate|')), 'the key is kept');

  const reply = await send(payload(record, 'Di'));
  assert.equal(reply.outcome, 'exported', JSON.stringify(reply));
  assert.equal((await recordClients(record)).length, 1);
  const confirmed = await page.evaluate(() => chrome.storage.local.get(null));
  assert.ok(!Object.keys(confirmed).some((key) => key.startsWith('emoney.pendingCreate|')), 'the key is dropped');
});

test('no password is stored, and the access token stays in session storage', async () => {
  const local = JSON.stringify(await page.evaluate(() => chrome.storage.local.get(null)));
  const session = JSON.stringify(await page.evaluate(() => chrome.storage.session.get(null)));
  for (const stored of [local, session]) {
    assert.ok(!stored.includes(PASSWORD), 'no password');
    assert.ok(!stored.includes('wrong-password'), 'no wrong password');
  }
  assert.ok(local.includes('emoney.refreshToken|'), 'remembered');
  assert.ok(!local.includes('emoney.accessToken|'), 'no access token on disk');
  assert.ok(session.includes('emoney.accessToken|'));
});

test('a domain that is not a web address is refused with a sentence', async () => {
  const reply = await send({ ...payload(), domain: 'javascript:alert(1)' });
  assert.equal(reply.type, 'failed');
  assert.match(reply.message, /is not an eMoney address/);
});
