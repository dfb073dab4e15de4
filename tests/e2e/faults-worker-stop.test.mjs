// The service worker stopped in the middle of an export (issue 9, item 10):
// MV3 stops idle workers, and a stopped one loses what it held in memory.
// eMoney holds a request of the export (the sandbox delays its answer), the
// worker is stopped through the DevTools protocol, and the advisor reads a
// sentence in the dialog, tries again and ends with exactly one client,
// written once.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from './support/browser.mjs';
import { chooseEmoney, dialogWindow, words } from './support/extension.mjs';
import { browserWith, emoneyWindow, openRecord, signIn, suite } from './support/attack.mjs';
import { RECORD, goOn } from './support/faults.mjs';
import { isSentence } from './support/words.mjs';

const env = suite();

// The request held while the worker is stopped: the create (eMoney did the
// work, its answer is late) and an asset (never done: its connection closes late).
const CASES = [
  ['the create', 'POST /public/v1/clients', { method: 'POST', pathPrefix: '/public/v1/clients', delayMs: 30000, when: 'after' }],
  ['an asset', 'PUT /public/v1/clients/{id}/assets/{externalId}', { method: 'PUT', pathPrefix: '/public/v1/clients/', pathContains: '/assets/', delayMs: 30000, status: 0 }],
];

/** Stops the extension's service worker, as the browser stops an idle one:
 * through the DevTools protocol's ServiceWorker domain, from the dialog's
 * session (an extension page of the same origin), until it reports stopped. */
async function stopWorker(browser, page) {
  const cdp = await browser.context.newCDPSession(page);
  const script = `chrome-extension://${browser.extensionId}/background.js`;
  const versions = new Map();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: updated }) => {
    for (const version of updated) {
      if (version.scriptURL === script) versions.set(version.versionId, version.runningStatus);
    }
  });
  await cdp.send('ServiceWorker.enable');
  await eventually(() => [...versions.values()].includes('running'), 'the running worker');
  for (const [versionId, status] of versions) {
    if (status === 'running') await cdp.send('ServiceWorker.stopWorker', { versionId });
  }
  await eventually(() => [...versions.values()].every((status) => status === 'stopped'), 'the worker to stop');
  await cdp.detach().catch(() => {});
}

describe('the service worker stopped in the middle of an export', () => {
  for (const [name, call, fault] of CASES) {
    test(`while eMoney holds ${name}`, async () => {
      await env.sandbox.reset();
      const browser = await browserWith(env);
      const { frame } = await openRecord(browser, env.server, RECORD);
      await chooseEmoney(frame);
      const flow = await dialogWindow(browser.context);
      await env.sandbox.hook('POST', '/__sandbox/faults', fault);
      await signIn(browser);
      await eventually(async () => (await env.sandbox.calls(call)) >= 1, `eMoney to receive ${call}`);
      await stopWorker(browser, flow);

      // The dialog says so, in the extension's words, and offers to try again.
      const alert = flow.getByRole('alert').first();
      await eventually(async () => (await alert.textContent()) === words('flowLostWorker'), 'the sentence', 20000);
      const said = [await alert.textContent()];
      await flow.getByRole('button', { name: words('flowRetry') }).click();

      // A woken worker goes on from what it kept: the advisor may be asked
      // to sign in again, or to answer the update prompt for the client the
      // held request made; then eMoney opens.
      const more = await goOn(browser, env.sandbox.base, { quietSignIn: true });
      said.push(...more.said);
      const { prompts, signIns } = more;
      await emoneyWindow(browser, env.sandbox.base);
      const clients = await env.sandbox.clients();
      const { writes } = await env.sandbox.hook('GET', '/__sandbox/writes');
      console.log(`# worker stopped while eMoney holds ${name}: read ${JSON.stringify(said)}; prompts ${prompts}; sign-ins ${signIns}; ${clients.length} client(s); writes ${JSON.stringify(writes)}`);
      for (const text of said) assert.ok(isSentence(text), text);
      assert.equal(clients.length, 1, 'exactly one client');
      assert.equal(clients[0].client.firstName, 'Margaret');
      assert.equal(clients[0].assets.length, 1);
      assert.equal(clients[0].policies.length, 1);
      assert.equal(writes['client created'], 1, 'one create');
      assert.equal(writes['policy added'], 1, 'the policy once');
      await browser.context.close();
    });
  }
});
