// Several eMoney clients who may be the record's (the same name and birth
// date, or a birth date unknown on one side): the chooser, worded by how
// many there are, each candidate with what tells them apart, nothing
// preselected; the choice linked and remembered. Real Chromium, the built
// extension, the real eMoney sandbox.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from './support/browser.mjs';
import { startFixtureServer } from './support/server.mjs';
import { startSandbox } from './support/sandbox.mjs';
import { chooseEmoney, dialogOpen } from './support/extension.mjs';
import { exports, linked, RAFAEL } from './support/existing.mjs';
import { counted, sentence } from './support/words.mjs';

let server;
let sandbox;
const browsers = [];
let exporting, startExport, seed, emoneyWindow, byId;

before(async () => {
  server = await startFixtureServer();
  sandbox = await startSandbox();
  ({ exporting, startExport, seed, emoneyWindow, byId } = exports({ server, sandbox, browsers }));
});

after(async () => {
  await Promise.all(browsers.map((browser) => browser.context.close().catch(() => {})));
  sandbox?.stop();
  await server?.close();
});

describe('the chooser', () => {
  test('two with the same name and birth date: the chooser, nothing preselected, the choice linked and remembered', async () => {
    await sandbox.reset();
    const [first, second] = (await seed(
      { client: { ...RAFAEL, email: 'rafael@first.example' }, address: { city: 'Taos', state: 'NM' } },
      { client: { ...RAFAEL, cellPhone: '(505) 555-0111' }, address: { city: 'Santa Fe', state: 'NM' } },
    )).clients;
    const { browser, frame } = await exporting();
    const flow = await startExport(browser, frame);
    const chooser = flow.getByRole('group', { name: sentence('flowChooseLegend') });
    await chooser.waitFor();
    assert.equal(await flow.locator('#lead').textContent(), counted('chooseLead', 2, 'Delgado, Rafael'));
    const radios = chooser.getByRole('radio');
    assert.equal(await radios.count(), 3, 'two clients and a new one');
    assert.equal(await chooser.locator('input:checked').count(), 0, 'nothing preselected');
    const go = flow.getByRole('button', { name: sentence('flowContinue') });
    assert.equal(await go.isDisabled(), true);
    // What tells them apart.
    const texts = await chooser.locator('label.candidate').allTextContents();
    assert.equal(texts.length, 2);
    assert.ok(texts.every((text) => text.includes(sentence('detailBorn', '03/09/1971'))), texts.join(' | '));
    assert.ok(texts.some((text) => text.includes(sentence('detailEmail', 'rafael@first.example')) && text.includes(sentence('detailCity', 'Taos'))), texts.join(' | '));
    assert.ok(texts.some((text) => text.includes(sentence('detailPhone', '(505) 555-0111'))), texts.join(' | '));
    assert.ok(!texts.join(' ').includes(second.id), 'no eMoney id shown');
    await chooser.locator('label.candidate').filter({ hasText: '(505) 555-0111' }).getByRole('radio').check();
    await go.click();
    await flow.getByText(sentence('flowUpdateQuestion'), { exact: true }).waitFor();
    await flow.getByRole('button', { name: sentence('flowYes'), exact: true }).click();
    const emoney = await emoneyWindow(browser);
    assert.equal(new URL(emoney.url()).pathname, `/clients/${second.id}`);
    await eventually(() => !dialogOpen(browser.context), 'the dialog to close');
    assert.ok(linked(await byId(second.id)), 'the chosen client is linked');
    assert.equal(linked(await byId(first.id)), false, 'the other is not');
    await emoney.close();
    // Remembered: no chooser the next time, nothing to ask.
    await chooseEmoney(frame);
    const again = await emoneyWindow(browser);
    assert.equal(new URL(again.url()).pathname, `/clients/${second.id}`);
    assert.equal(dialogOpen(browser.context), false);
    assert.equal((await sandbox.clients()).length, 2);
    await browser.context.close();
  });

  test('one with the same name but no birth date in eMoney: the chooser for one, nothing preselected', async () => {
    await sandbox.reset();
    await seed({ client: { firstName: 'Rafael', lastName: 'Delgado', email: 'rafael@nodate.example' } });
    const { browser, frame } = await exporting();
    const flow = await startExport(browser, frame);
    const chooser = flow.getByRole('group', { name: sentence('flowChooseLegend') });
    await chooser.waitFor();
    assert.equal(await flow.locator('#lead').textContent(), counted('chooseLead', 1, 'Delgado, Rafael'));
    assert.equal(await chooser.locator('input:checked').count(), 0, 'nothing preselected');
    assert.match(await chooser.locator('label.candidate').textContent(), new RegExp(sentence('detailBornUnknown')));
    // A new client instead.
    await chooser.getByRole('radio', { name: sentence('flowCreateNew') }).check();
    await flow.getByRole('button', { name: sentence('flowContinue') }).click();
    await emoneyWindow(browser);
    await eventually(async () => (await sandbox.clients()).length === 2, 'a new client');
    assert.equal((await sandbox.clients()).filter(linked).length, 1);
    await browser.context.close();
  });
});
