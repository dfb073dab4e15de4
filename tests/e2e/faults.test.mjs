// eMoney failing at each step of an export (issue 9, item 10), with the
// sandbox's fault injection: the advisor reads a sentence, can try again,
// and afterwards eMoney holds exactly one client. A representative subset of
// the matrix (one fault kind per step, every kind used once or more), to
// keep the file fast.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from './support/browser.mjs';
import { chooseEmoney, dialogWindow, words } from './support/extension.mjs';
import { MARRIED, browserWith, emoneyWindow, openRecord, signIn, suite } from './support/attack.mjs';

const env = suite();

// [step, fault]: the fault applies once to the step's first request.
const CASES = [
  ['sign-in', { method: 'POST', pathPrefix: '/connect/token', status: 503, retryAfter: 1 }],
  ['search', { method: 'GET', pathPrefix: '/public/v1/clients', status: 429, retryAfter: 1 }],
  ['create', { method: 'POST', pathPrefix: '/public/v1/clients', status: 0, when: 'after' }],
  ['assets', { method: 'PUT', pathPrefix: '/public/v1/clients/', status: 401 }],
  ['launch', { method: 'POST', pathPrefix: '/public/v1/clients/', status: 503, retryAfter: 1, times: 3 }],
];

/** Signs in and goes on until eMoney opens: each sentence the advisor read, then Try again (or Login). */
async function exportThrough(browser) {
  const said = [];
  await signIn(browser);
  for (let round = 0; round < 4; round += 1) {
    const flow = await dialogWindow(browser.context).catch(() => null);
    const next = await eventually(async () => {
      if (browser.context.pages().some((page) => page.url().startsWith(env.sandbox.base))) return 'opened';
      if (!flow || flow.isClosed()) return null;
      // (The dialog closes by itself when eMoney opens.)
      try {
        const alert = flow.getByRole('alert').first();
        const text = (await alert.count()) ? (await alert.textContent()).trim() : '';
        if (!text) return null;
        if (await flow.getByRole('button', { name: words('flowRetry') }).count()) return { retry: text };
        if (await flow.getByRole('button', { name: 'Login' }).count()) return { signIn: text };
      } catch (error) {
        if (!flow.isClosed()) throw error;
      }
      return null;
    }, 'eMoney or a sentence', 30000);
    if (next === 'opened') return said;
    said.push(next.retry ?? next.signIn);
    if (next.retry) await flow.getByRole('button', { name: words('flowRetry') }).click();
    else await signIn(browser);
  }
  throw new Error(`eMoney never opened: ${said.join(' | ')}`);
}

describe('eMoney failing at each step', () => {
  for (const [step, fault] of CASES) {
    test(`${step}: ${fault.status === 0 ? 'a closed connection' : fault.status}${fault.when === 'after' ? ' after the work was done' : ''}`, async () => {
      await env.sandbox.reset();
      const browser = await browserWith(env);
      const { frame } = await openRecord(browser, env.server, MARRIED);
      await chooseEmoney(frame);
      await dialogWindow(browser.context);
      await env.sandbox.hook('POST', '/__sandbox/faults', fault);
      const said = await exportThrough(browser);
      await emoneyWindow(browser, env.sandbox.base).catch(() => {});
      const clients = await env.sandbox.clients();
      console.log(`# ${step} ${JSON.stringify(fault)}: ${clients.length} client(s); the advisor read: ${JSON.stringify(said)}`);
      assert.equal(clients.length, 1, 'exactly one client');
      assert.equal(clients[0].client.firstName, 'Rafael');
      assert.equal(clients[0].assets.length, 2, 'every asset once');
      const left = (await env.sandbox.hook('GET', '/__sandbox/faults')).faults;
      assert.deepEqual(left, [], 'the fault was met');
      await browser.context.close();
    });
  }
});
