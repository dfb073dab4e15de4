// A client already in eMoney, typed in by hand (no SmartOffice id), found as
// the seed finds it: one client with the same first name, last name and
// birth date gets "Do you want to update client's information?" naming it,
// with Yes, No and "Not this client". Nothing SmartOffice leaves blank is
// erased without the advisor's tick; an unchanged household exported from a
// fresh profile writes nothing. (Several such clients, or a birth date
// unknown: chooser.test.mjs.) Real Chromium, the built extension, the real
// eMoney sandbox.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from './support/browser.mjs';
import { startFixtureServer } from './support/server.mjs';
import { startSandbox } from './support/sandbox.mjs';
import { chooseEmoney, clickInShadow, dialogOpen, dialogWindow, shadowShows, shadowTexts } from './support/extension.mjs';
import { escaped, exports, linked, RAFAEL, rows } from './support/existing.mjs';
import { counted, sentence } from './support/words.mjs';

let server;
let sandbox;
const browsers = [];
let exporting, startExport, writes, asEmoneyUser, seed, emoneyWindow, byId;

before(async () => {
  server = await startFixtureServer();
  sandbox = await startSandbox();
  ({ exporting, startExport, writes, asEmoneyUser, seed, emoneyWindow, byId } = exports({ server, sandbox, browsers }));
});

after(async () => {
  await Promise.all(browsers.map((browser) => browser.context.close().catch(() => {})));
  sandbox?.stop();
  await server?.close();
});

/** Which element of the dialog has the keyboard. */
const focused = (flow) => flow.evaluate(() => document.activeElement?.id || document.activeElement?.textContent || document.activeElement?.tagName);

describe('a client already in eMoney', () => {
  test('one with the same name and birth date: the prompt names it, Yes keeps what SmartOffice leaves blank and links it', async () => {
    await sandbox.reset();
    const [typed] = (await seed({
      maritalStatus: 'Married',
      fax: '(505) 555-0199',
      client: { ...RAFAEL, email: 'rafael@old.example' },
      spouse: { firstName: 'Lucia', lastName: 'Delgado', dateOfBirth: '1973-08-15', email: 'lucia@old.example', job: { businessPhone: '(505) 555-0133' } },
    })).clients;
    const { browser, page, frame } = await exporting();
    const flow = await startExport(browser, frame);
    await flow.getByText(sentence('flowUpdateQuestion'), { exact: true }).waitFor();
    // The eMoney client it matched, as the advisor reads a birth date.
    const born = await flow.evaluate(() => new Date(1971, 2, 9).toLocaleDateString(undefined, { year: 'numeric', month: '2-digit', day: '2-digit' }));
    assert.equal(await flow.locator('#matched').textContent(), sentence('flowMatched', sentence('personBorn', 'Delgado, Rafael', born)));
    assert.equal(born, '03/09/1971');
    // The question has the keyboard, not Yes.
    assert.equal(await focused(flow), 'lead');
    // SmartOffice's labels, from → to.
    const changes = await rows(flow.locator('#changes'));
    assert.ok(changes.some((row) => row.join('|') === 'Client: E-mail|rafael@old.example|rafael.delgado@mail.example'), JSON.stringify(changes));
    // What eMoney holds and SmartOffice does not: kept, each with a box, none ticked.
    const kept = flow.locator('#kept');
    assert.equal(await kept.isVisible(), true);
    const keptRows = await rows(kept);
    assert.ok(keptRows.some(([, value]) => value === '(505) 555-0199'), JSON.stringify(keptRows));
    assert.ok(keptRows.some((row) => row.slice(0, 2).join('|') === 'Spouse: Business Phone|(505) 555-0133'), JSON.stringify(keptRows));
    // eMoney's spouse e-mail is one SmartOffice never sends: not even listed.
    assert.ok(!keptRows.some(([, value]) => value === 'lucia@old.example'), JSON.stringify(keptRows));
    assert.equal(await kept.locator('input[type=checkbox]:checked').count(), 0);
    assert.equal(await kept.locator('input[type=checkbox]').count(), keptRows.length);
    // The question and the buttons stay in view while the preview scrolls.
    await flow.locator('#body').evaluate((body) => body.scrollTo(0, body.scrollHeight));
    for (const what of ['#title', '#lead', '#buttons']) {
      assert.equal(await flow.locator(what).evaluate((el) => { const box = el.getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight; }), true, `${what} in view`);
    }

    const before = await writes();
    await flow.getByRole('button', { name: sentence('flowYes'), exact: true }).click();
    const emoney = await emoneyWindow(browser);
    assert.equal(new URL(emoney.url()).pathname, `/clients/${typed.id}`);
    // The sandbox's eMoney page, as a demo shows it: dates and amounts as
    // the advisor reads them, no ids.
    await emoney.waitForLoadState();
    const shown = await emoney.locator('body').innerText();
    for (const expected of ['Delgado, Rafael', born, '$85,000.00', '(505) 555-0199']) assert.ok(shown.includes(expected), `${expected} on the eMoney page`);
    assert.ok(!shown.includes(typed.id) && !shown.includes('1971-03-09') && !shown.includes('smartoffice:'), 'no raw ids or dates');
    await eventually(() => !dialogOpen(browser.context), 'the dialog to close');
    const after = await byId(typed.id);
    assert.equal((await sandbox.clients()).length, 1, 'no second client');
    assert.ok(linked(after), `the record's id is written: ${JSON.stringify(after.externalIds)}`);
    assert.equal(after.client.email, 'rafael.delgado@mail.example');
    assert.equal(after.fax, '(505) 555-0199', 'the fax is kept');
    assert.equal(after.spouse.email, 'lucia@old.example', "Lucia's e-mail is kept");
    assert.equal(after.spouse.job.businessPhone, '(505) 555-0133', "Lucia's business phone is kept");
    assert.equal(after.spouse.job.jobTitle, 'Teacher');
    assert.equal(after.assets.length, 2);
    assert.ok((await writes()) > before);
    // The history says what was sent: each field the advisor said Yes to.
    const [entry] = await browser.worker.evaluate(async () => (await chrome.storage.local.get('history')).history);
    assert.deepEqual([entry.outcome, entry.fields, entry.investments.added], ['updated', changes.length, 2]);
    // The summary, in real plurals; then the keyboard is back on the Menu.
    await shadowShows(page, new RegExp(`${counted('countInvestments', 2)}.*${counted('countPolicies', 0)}`), 'the summary');
    await eventually(() => frame.evaluate(() => document.activeElement?.id === '_window_id1-button'), 'the focus back on the Menu');

    // Linked now: the next export finds it by id and, nothing changed, opens it.
    await emoney.close();
    const quiet = await writes();
    await chooseEmoney(frame);
    const again = await emoneyWindow(browser);
    assert.equal(new URL(again.url()).pathname, `/clients/${typed.id}`);
    assert.equal(dialogOpen(browser.context), false, 'nothing to ask');
    assert.equal(await writes(), quiet, 'nothing written');
    // (Its window is closed once the page has seen it open, and its summary
    // closed, so that it covers nothing of the small test frame.)
    await shadowShows(page, new RegExp(escaped(sentence('summaryOpened', 'Delgado, Rafael'))), 'the summary');
    await again.close();
    await clickInShadow(page, sentence('pageClose'));
    await eventually(async () => (await shadowTexts(page)).length === 0, 'the summary to close');

    // An investment changed in eMoney: the preview says from what to what,
    // in dollars as the advisor reads them.
    const asset = after.assets.find((item) => item.name === 'Joint Brokerage');
    await asEmoneyUser('PUT', `/public/v1/clients/${typed.id}/assets/${encodeURIComponent(asset.externalId)}`, { ...asset, totalValue: '80000.00' });
    await chooseEmoney(frame);
    const drifted = await dialogWindow(browser.context);
    await drifted.getByText(sentence('flowUpdateQuestion'), { exact: true }).waitFor();
    const item = drifted.locator('#item-changes > li').filter({ hasText: 'Joint Brokerage' });
    assert.match(await item.textContent(), new RegExp(`^${sentence('itemInvestmentChanged', 'Joint Brokerage')}`));
    const money = await drifted.evaluate(() => [80000, 85000].map((n) => n.toLocaleString(undefined, { style: 'currency', currency: 'USD' })));
    assert.deepEqual(money, ['$80,000.00', '$85,000.00']);
    assert.deepEqual((await rows(item.locator('table'))).map((row) => row.slice(1)), [money]);
    assert.equal(await drifted.locator('#kept').count(), 1, 'what only eMoney holds is still listed');
    await drifted.getByRole('button', { name: sentence('flowNo'), exact: true }).click();
    await emoneyWindow(browser);
    assert.equal((await byId(typed.id)).assets.find((item) => item.name === 'Joint Brokerage').totalValue, '80000.00', 'No wrote nothing');
    await browser.context.close();
  });

  test('No writes nothing and opens the client; Yes with a removal ticked removes only that', async () => {
    await sandbox.reset();
    const [typed] = (await seed({
      maritalStatus: 'Married',
      fax: '(505) 555-0199',
      client: { ...RAFAEL },
      spouse: { firstName: 'Lucia', lastName: 'Delgado', dateOfBirth: '1973-08-15', email: 'lucia@old.example', job: { businessPhone: '(505) 555-0133' } },
    })).clients;
    const { browser, frame } = await exporting();
    let flow = await startExport(browser, frame);
    await flow.getByText(sentence('flowUpdateQuestion'), { exact: true }).waitFor();
    const before = await writes();
    await flow.getByRole('button', { name: sentence('flowNo'), exact: true }).click();
    const emoney = await emoneyWindow(browser);
    assert.equal(new URL(emoney.url()).pathname, `/clients/${typed.id}`);
    await eventually(() => !dialogOpen(browser.context), 'the dialog to close');
    assert.equal(await writes(), before, 'nothing written');
    assert.equal(linked(await byId(typed.id)), false, 'not linked without a Yes');
    const [latest] = await browser.worker.evaluate(async () => (await chrome.storage.local.get('history')).history);
    assert.equal(latest.outcome, 'opened');
    await emoney.close();

    // Again, now Yes with the fax ticked for removal.
    await chooseEmoney(frame);
    flow = await dialogWindow(browser.context);
    await flow.getByText(sentence('flowUpdateQuestion'), { exact: true }).waitFor();
    const fax = flow.locator('#kept tbody tr').filter({ hasText: '(505) 555-0199' });
    await fax.getByRole('checkbox').check();
    await flow.getByRole('button', { name: sentence('flowYes'), exact: true }).click();
    await emoneyWindow(browser);
    await eventually(() => !dialogOpen(browser.context), 'the dialog to close');
    const after = await byId(typed.id);
    assert.ok(linked(after));
    assert.ok(!after.fax, `the fax is removed: ${after.fax}`);
    assert.equal(after.spouse.job.businessPhone, '(505) 555-0133', 'what was not ticked is kept');
    await browser.context.close();
  });

  test('"Not this client" creates a new client and leaves the other as it was', async () => {
    await sandbox.reset();
    const [other] = (await seed({ maritalStatus: 'Single', client: { ...RAFAEL, email: 'another.rafael@mail.example' } })).clients;
    const { browser, frame } = await exporting();
    const flow = await startExport(browser, frame);
    await flow.locator('#matched').waitFor();
    await flow.getByRole('button', { name: sentence('flowNotThisClient') }).click();
    const emoney = await emoneyWindow(browser);
    await eventually(() => !dialogOpen(browser.context), 'the dialog to close');
    const clients = await sandbox.clients();
    assert.equal(clients.length, 2);
    const created = clients.find((client) => client.id !== other.id);
    assert.ok(linked(created));
    assert.equal(new URL(emoney.url()).pathname, `/clients/${created.id}`);
    const untouched = await byId(other.id);
    assert.equal(untouched.externalIds?.length ?? 0, 0);
    assert.equal(untouched.client.email, 'another.rafael@mail.example');
    assert.equal(untouched.maritalStatus, 'Single');
    await browser.context.close();
  });

  test('an unchanged household exported from a fresh profile writes nothing and asks nothing', async () => {
    await sandbox.reset();
    const first = await exporting();
    await startExport(first.browser, first.frame);
    await emoneyWindow(first.browser);
    const [client] = await sandbox.clients();
    assert.equal(client.assets.length, 2);
    await first.browser.context.close();

    // Another browser (no fingerprints, no remembered choice): only sign-in.
    const before = await writes();
    const second = await exporting();
    const flow = await startExport(second.browser, second.frame);
    const emoney = await emoneyWindow(second.browser);
    assert.equal(new URL(emoney.url()).pathname, `/clients/${client.id}`);
    assert.equal(flow.isClosed() || !(await flow.getByText(sentence('flowUpdateQuestion'), { exact: true }).isVisible()), true, 'no prompt');
    assert.equal(await writes(), before, 'nothing written');
    await shadowShows(second.page, new RegExp(escaped(sentence('summaryOpened', 'Delgado, Rafael'))), 'the summary');
    await second.browser.context.close();
  });
});
