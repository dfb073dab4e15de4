// Exports of one record (Delgado, Rafael) to an eMoney sandbox holding
// clients typed in by hand: for the suites on finding a client already in
// eMoney (existing-client, chooser).
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { chooseEmoney, dialogWindow, openRecord, watchWindows } from './extension.mjs';
import { sentence } from './words.mjs';

export const PASSWORD = 'sandbox';
// Delgado, Rafael, born 03/09/1971 (Lucia his spouse; two investments, no
// policy, no fax, no e-mail for Lucia).
export const MARRIED = 'records/contact-married-spouse-section.html?contactId=1005';
export const RAFAEL = { firstName: 'Rafael', lastName: 'Delgado', dateOfBirth: '1971-03-09' };

export const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Whether an eMoney client carries the record's SmartOffice id. */
export const linked = (client) => (client.externalIds ?? []).some((id) => /^smartoffice:.*:1005$/.test(id));
/** A table's body rows, as the texts of their cells. */
export const rows = (table) => table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((cell) => cell.textContent)));

/** What the tests do with `server` (the fixture pages) and `sandbox`; every
 * browser opened is kept in `browsers`, to be closed at the end. */
export function exports({ server, sandbox, browsers }) {
  /** A fresh browser whose extension knows the sandbox, on the record. */
  async function exporting() {
    const browser = await launch();
    browsers.push(browser);
    await browser.worker.evaluate(
      (base) => chrome.storage.local.set({ settings: { domains: [{ label: 'eMoney Sandbox', apiBase: base, webBase: base }], offices: [], sendInvestments: true, sendPolicies: true } }),
      sandbox.base,
    );
    browser.windows = watchWindows(browser.context);
    const { page, frame } = await openRecord(browser.context, server.url(`pages/top.html?record=${encodeURIComponent(`../${MARRIED}`)}`), 'frame_cache_0');
    return { browser, page, frame };
  }

  /** Menu > Integrations > eMoney, signed in with Remember Me: the dialog after Login. */
  async function startExport(browser, frame) {
    await chooseEmoney(frame);
    const flow = await dialogWindow(browser.context);
    const auth = flow.getByRole('dialog', { name: sentence('flowSignInTitle') });
    await auth.waitFor();
    await auth.getByLabel('User Name').fill('advisor');
    await auth.getByLabel('Password').fill(PASSWORD);
    await auth.getByLabel('Remember Me').check();
    await flow.getByRole('button', { name: 'Login' }).click();
    return flow;
  }

  /** Every write eMoney received (creates, updates, items). */
  async function writes() {
    const { calls } = await sandbox.hook('GET', '/__sandbox/calls');
    return Object.entries(calls)
      .filter(([pattern]) => /^(POST|PUT|PATCH|DELETE) \/public/.test(pattern) && !pattern.endsWith('/launch'))
      .reduce((sum, [, count]) => sum + count, 0);
  }

  /** A change made in eMoney by another eMoney user. */
  async function asEmoneyUser(method, path, body) {
    const token = await fetch(`${sandbox.base}/connect/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `grant_type=password&username=advisor&password=${PASSWORD}&client_id=smartoffice-emoney`,
    }).then((answer) => answer.json());
    const answer = await fetch(sandbox.base + path, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token.access_token}` },
      body: JSON.stringify(body),
    });
    assert.equal(answer.status, 200, `${method} ${path}: ${await answer.text()}`);
  }

  return {
    exporting,
    startExport,
    writes,
    asEmoneyUser,
    /** eMoney clients as an advisor typed them in (no SmartOffice id). */
    seed: (...clients) => sandbox.hook('POST', '/__sandbox/seed', { clients }),
    emoneyWindow: (browser) => browser.windows.next((url) => url.startsWith(sandbox.base), 'the eMoney window'),
    byId: async (id) => (await sandbox.clients()).find((client) => client.id === id),
  };
}
