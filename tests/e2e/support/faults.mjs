// The fault matrix of issue 9, item 10, shared by the faults-*.test.mjs
// files (two files a step, so that each stays well inside the suite's 120 s):
// at a step of the export, eMoney answers 429 with Retry-After, 503, nothing
// in time, a closed connection or 401, as often as it takes the worker to
// give up. The advisor reads one of the extension's sentences and tries
// again; afterwards eMoney holds exactly one client with the record's data,
// and nothing was written twice.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from './browser.mjs';
import { chooseEmoney, dialogWindow, words } from './extension.mjs';
import { READONLY, browserWith, emoneyWindow, openRecord, signIn, suite } from './attack.mjs';
import { isSentence } from './words.mjs';

// READONLY holds one asset and one policy, so that every step is met.
export const RECORD = READONLY;
const FIRST_NAME = 'Margaret';
const RECORD_ID_END = ':1001';

/** The worker's eMoney request time in the timeout cases (the development
 * build reads it from `devRequestTimeoutMs`), and the sandbox's delay. */
export const REQUEST_TIMEOUT_MS = 1500;
const DELAY_MS = 4000;

/** Each step's first requests, and how many tries the worker makes of one
 * (the password grant is never repeated; the rest three times). */
export const STEPS = {
  'sign-in': { match: { method: 'POST', pathPrefix: '/connect/token' }, tries: 1 },
  search: { match: { method: 'GET', pathPrefix: '/public/v1/clients' }, tries: 3 },
  create: { match: { method: 'POST', pathPrefix: '/public/v1/clients' }, tries: 3 },
  update: { match: { method: 'PUT', pathPrefix: '/public/v1/clients/' }, tries: 3, existing: true },
  assets: { match: { method: 'PUT', pathPrefix: '/public/v1/clients/', pathContains: '/assets/' }, tries: 3 },
  policies: { match: { method: 'PUT', pathPrefix: '/public/v1/clients/', pathContains: '/policies/' }, tries: 3 },
  launch: { match: { method: 'POST', pathPrefix: '/public/v1/clients/', pathContains: '/launch' }, tries: 3 },
};

/** The fault kinds, for a step tried `tries` times. A lost answer (timeout,
 * closed connection) comes after eMoney did the work: the hard case. */
export const KINDS = {
  '429 with Retry-After': (tries) => ({ status: 429, retryAfter: 1, times: tries }),
  503: (tries) => ({ status: 503, retryAfter: 1, times: tries }),
  'a timeout': (tries) => ({ delayMs: DELAY_MS, when: 'after', times: tries }),
  'a closed connection': (tries) => ({ status: 0, when: 'after', times: tries }),
  // A 401 is met by a refresh and one more try; the password grant's own
  // is the sign-in refused.
  401: (tries) => ({ status: 401, times: Math.min(tries, 2) }),
};

/** What the writes of the export are, each once; and which one a lost
 * answer at `step` may repeat (an upsert sent again: the same data). */
function expectedWrites(step) {
  const writes = { [STEPS[step].existing ? 'client updated' : 'client created']: 1, 'asset added': 1, 'policy added': 1 };
  const replayed = { update: 'client updated', assets: 'asset replaced', policies: 'policy replaced' }[step];
  return { writes, replayed };
}

/** The client the record was exported to before, seeded with an older phone. */
async function seedExisting(sandbox) {
  const [client] = (
    await sandbox.hook('POST', '/__sandbox/seed', {
      clients: [
        {
          externalIds: [],
          maritalStatus: 'Widowed',
          homePhone: '(217) 555-0000',
          client: { firstName: FIRST_NAME, lastName: 'Whitfield', dateOfBirth: '1958-04-07' },
        },
      ],
    })
  ).clients;
  return client;
}

/**
 * Goes on with the export in its dialog until eMoney opens, as the advisor
 * would: Yes to the update prompt, Login on the sign-in screen, Try again
 * under a sentence (a sign-in screen without one only when `quietSignIn`:
 * a worker woken again asks for the password it lost). Returns each sentence read, and how often the prompt and
 * the sign-in were met. Only enabled buttons are pressed (a pressed one
 * stays disabled until the worker answers).
 */
export async function goOn(browser, base, { quietSignIn = false } = {}) {
  const said = [];
  let prompts = 0;
  let signIns = 0;
  for (let round = 0; round < 8; round += 1) {
    const flow = await dialogWindow(browser.context).catch(() => null);
    const next = await eventually(
      async () => {
        if (browser.context.pages().some((page) => page.url().startsWith(base))) return 'opened';
        if (!flow || flow.isClosed()) return null;
        // (The dialog closes by itself when eMoney opens; a screen may go
        // between two queries: each waits briefly, then looks again.)
        try {
          const enabled = async (name) => {
            const button = flow.getByRole('button', { name, exact: true });
            return (await button.count()) > 0 && (await button.first().isEnabled({ timeout: 500 }));
          };
          if ((await flow.getByText(words('flowUpdateQuestion'), { exact: true }).isVisible()) && (await enabled(words('flowYes')))) {
            return { press: words('flowYes'), prompt: true };
          }
          const alert = flow.getByRole('alert').first();
          // (The sign-in first: its sentence comes with it.)
          const signInShown = (await flow.getByRole('dialog', { name: words('flowSignInTitle') }).isVisible()) && (await enabled('Login'));
          const text = (await alert.count()) ? (await alert.textContent({ timeout: 500 })).trim() : '';
          // The sign-in without a sentence is the one just answered, unless
          // a woken worker asks again (`quietSignIn`).
          if (signInShown && (text || quietSignIn)) return { signIn: true, text };
          if (text && (await enabled(words('flowRetry')))) return { press: words('flowRetry'), text };
        } catch (error) {
          if (!flow.isClosed() && error.name !== 'TimeoutError') throw error;
        }
        return null;
      },
      'eMoney, the update prompt, the sign-in or a sentence',
      45000,
    );
    if (next === 'opened') return { said, prompts, signIns };
    if (next.text) said.push(next.text);
    if (next.prompt) prompts += 1;
    if (next.signIn) signIns += 1;
    const before = await screenText(flow);
    try {
      if (next.signIn) await signIn(browser);
      else await flow.getByRole('button', { name: next.press, exact: true }).click({ timeout: 5000 });
    } catch (error) {
      // The screen moved on meanwhile (or the dialog closed, eMoney opening):
      // look again.
      if (!flow.isClosed() && error.name !== 'TimeoutError') throw error;
    }
    // The screen answered is not answered twice: wait for it to change
    // (the same screen may come back later, so not for long).
    await eventually(async () => flow.isClosed() || (await screenText(flow)) !== before, 'the screen to change', 5000).catch(() => {});
  }
  throw new Error(`eMoney never opened: ${said.join(' | ')}`);
}

/** Signs in, then goes on until eMoney opens. */
export async function exportThrough(browser, base) {
  await signIn(browser);
  return goOn(browser, base);
}

/** What the dialog shows now ('' once it is closed). */
const screenText = (flow) => (flow.isClosed() ? '' : flow.locator('body').innerText({ timeout: 1000 }).catch(() => ''));

/** The kinds where eMoney answers no (it did nothing), and where the answer
 * is lost (it did the work): a file each per step, to keep files short. */
export const REFUSED = ['429 with Retry-After', '503', '401'];
export const LOST = ['a timeout', 'a closed connection'];

/** The suite of one step: a test per fault kind of `kinds`. */
export function faultSuite(step, kinds) {
  const env = suite();
  const { match, tries, existing } = STEPS[step];
  describe(`eMoney failing at ${step}`, () => {
    for (const kind of kinds) {
      const make = KINDS[kind];
      test(`${step}: ${kind}`, async () => {
        const fault = { ...match, ...make(tries) };
        await env.sandbox.reset();
        const seeded = existing ? await seedExisting(env.sandbox) : null;
        const browser = await browserWith(env);
        if (kind === 'a timeout') {
          await browser.worker.evaluate((ms) => chrome.storage.local.set({ devRequestTimeoutMs: ms }), REQUEST_TIMEOUT_MS);
        }
        const { frame } = await openRecord(browser, env.server, RECORD);
        await chooseEmoney(frame);
        await dialogWindow(browser.context);
        await env.sandbox.hook('POST', '/__sandbox/faults', fault);
        const { said, prompts } = await exportThrough(browser, env.sandbox.base);
        await emoneyWindow(browser, env.sandbox.base);
        const clients = await env.sandbox.clients();
        const { writes } = await env.sandbox.hook('GET', '/__sandbox/writes');
        const left = (await env.sandbox.hook('GET', '/__sandbox/faults')).faults;
        console.log(`# ${step} × ${kind}: read ${JSON.stringify(said)}; ${clients.length} client(s); writes ${JSON.stringify(writes)}; prompts ${prompts}`);

        assert.deepEqual(left, [], 'every injected fault was met');
        assert.ok(said.length >= 1, 'the advisor read a sentence');
        for (const text of said) {
          assert.ok(isSentence(text), `not one of the extension's sentences: ${text}`);
          assert.doesNotMatch(text, /\b[1-5]\d\d\b|status|HTTP/i, 'no status code');
        }
        assert.equal(clients.length, 1, 'exactly one client');
        const [client] = clients;
        if (seeded) assert.equal(client.id, seeded.id, 'the existing client');
        assert.equal(client.client.firstName, FIRST_NAME);
        assert.ok(client.externalIds.some((id) => id.endsWith(RECORD_ID_END)), 'the record is named');
        assert.equal(client.homePhone, '(217) 555-0143', 'the record\'s data');
        assert.equal(client.assets.length, 1, 'the asset once');
        assert.equal(client.policies.length, 1, 'the policy once');
        assert.ok(!JSON.stringify(client).includes('LN40018822'), 'no full policy number');
        const { writes: once, replayed } = expectedWrites(step);
        const lost = fault.when === 'after';
        const repeated = { ...writes };
        if (lost && replayed) {
          // The upsert whose answer was lost is sent again (each try and
          // the advisor's): the same data, kept once.
          assert.ok((repeated[replayed] ?? 0) <= tries + 1 + (once[replayed] ?? 0), `${replayed}: ${repeated[replayed]}`);
          if (once[replayed]) repeated[replayed] = once[replayed];
          else delete repeated[replayed];
        }
        assert.deepEqual(repeated, once, 'every write once');
        await browser.context.close();
      });
    }
  });
  return env;
}
