// `cargo xtask demo --headless`: the demo's whole story, told by itself in
// headless Chromium with the development build: the Menu, sign-in with
// Remember Me, a new client, an existing client with the update prompt and
// its preview, a record with gaps, a blocked pop-up and its recovery, the
// options page. Each step saves a screenshot under target/demo/ (and, with
// --update-docs, copies them to docs/screenshots/) and checks what the
// sandbox holds, not only that pages opened. Exit code 0 only if every step
// worked.
//
//   node demo/story.mjs [--update-docs]
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { eventually, launch } from '../tests/e2e/support/browser.mjs';
import { chooseEmoney, clickInShadow, dialogOpen, dialogWindow, entries, integrationsItems, loaderState, openMenu, shadowShows, watchWindows, words } from '../tests/e2e/support/extension.mjs';
import { DOMAIN_LABEL, LOGIN, ROOT, startDemoSandbox, startOffice, useSandbox } from './office.mjs';

const SHOTS = join(ROOT, 'target/demo');
const DOCS = join(ROOT, 'docs/screenshots');
const updateDocs = process.argv.includes('--update-docs');
const OFFICE_HOST = '127.0.0.1';
const VIEWPORT = { width: 1280, height: 800 };
/** The dialog window's size (the worker opens it at 560x680). */
const DIALOG = { width: 560, height: 680 };

const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A product sentence as a pattern, its placeholders matching anything. */
const sentence = (key) => new RegExp(escaped(words(key)).replace(/\\\$[A-Z_]+\\\$/g, '.*'));

let office;
let sandbox;
let browser;
let windows;
let officePage;
const shots = [];

/** The clients eMoney holds for a demo record (by its contact id). */
const ofRecord = async (id) => (await sandbox.clients()).filter((client) => (client.externalIds || []).includes(`smartoffice:${OFFICE_HOST}:${id}`));

async function shoot(page, name, fullPage = false) {
  if (page.url().endsWith('/flow.html')) await page.setViewportSize(DIALOG).catch(() => {});
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  shots.push(name);
}

/** Opens a record from the office's list; returns its frame once the extension's loader ran there. */
async function openFromList(linkText, file) {
  await officePage.getByRole('navigation').getByRole('link', { name: linkText, exact: true }).first().click();
  const frame = await eventually(() => {
    const found = officePage.frame({ name: 'frame_cache_0' });
    return found && found.url().includes(file) ? found : undefined;
  }, `the record ${file} in the record frame`);
  await frame.waitForLoadState();
  await eventually(async () => (await loaderState(frame)) !== undefined, 'the extension in the record frame');
  return frame;
}

/** The next window that shows eMoney, once it shows a client's page. */
async function emoneyWindow() {
  const page = await windows.next((url) => url.startsWith(sandbox.base), 'the eMoney window');
  await eventually(() => /\/clients\//.test(page.url()), 'eMoney on a client', 20000);
  await page.waitForLoadState();
  await page.setViewportSize(VIEWPORT).catch(() => {});
  return page;
}

async function closeWindow(page) {
  await page.close();
  await eventually(() => !browser.context.pages().includes(page), 'the window to close');
}

const steps = [
  ['the demo office', '01-office', async () => {
    officePage = await browser.context.newPage();
    await officePage.setViewportSize(VIEWPORT);
    await officePage.goto(office.url('index.html'));
    await eventually(() => officePage.frame({ name: 'frame_cache_0' })?.url().endsWith('welcome.html'), 'the welcome page');
    assert.equal(await officePage.title(), 'SmartOffice');
    assert.equal((await sandbox.clients()).length, 3, 'the seeded clients are in eMoney');
    await shoot(officePage, '01-office');
  }],

  ['Menu > Integrations > eMoney on a married couple (read-only record)', '02-menu', async () => {
    const frame = await openFromList('Delgado, Rafael', 'delgado-rafael.html');
    await openMenu(frame);
    await integrationsItems(frame).first().hover();
    await entries(frame).first().waitFor();
    assert.equal(await entries(frame).count(), 1, 'one eMoney entry');
    await shoot(officePage, '02-menu');
    await entries(frame).first().click();
  }],

  ['eMoney User Authentication, with Remember Me', '03-sign-in', async () => {
    const flow = await dialogWindow(browser.context);
    const dialog = flow.getByRole('dialog', { name: words('flowSignInTitle') });
    await dialog.waitFor();
    await dialog.getByLabel(words('flowUserName')).fill(LOGIN.userName);
    await dialog.getByLabel(words('flowPassword')).fill(LOGIN.password);
    await dialog.getByLabel(words('flowDomain')).selectOption({ label: DOMAIN_LABEL });
    await dialog.getByLabel(words('flowRememberMe')).check();
    await shoot(flow, '03-sign-in');
    await flow.getByRole('button', { name: words('flowLogin') }).click();
  }],

  ['a new client: eMoney opens on Rafael and Lucia Delgado', '04-emoney-new-client', async () => {
    const emoney = await emoneyWindow();
    const [client, more] = await ofRecord(2001);
    assert.ok(client && !more, 'one client for the record in eMoney');
    assert.equal(new URL(emoney.url()).pathname, `/clients/${client.id}`);
    assert.equal(await emoney.title(), 'eMoney — Delgado, Rafael');
    assert.equal(client.maritalStatus, 'Married');
    assert.equal(client.spouse?.firstName, 'Lucia', 'the spouse');
    assert.equal(client.client.job?.companyName, 'Sandia Solar Co-op');
    assert.equal(client.assets.length, 2, 'the two investments');
    await eventually(() => !dialogOpen(browser.context), 'the dialog to close');
    await shoot(emoney, '04-emoney-new-client', true);
    await closeWindow(emoney);
  }],

  ['the page says what was done', '05-status', async () => {
    await shadowShows(officePage, sentence('summaryCreated'), 'the summary in the page');
    await shoot(officePage, '05-status');
  }],

  ['an existing client (edit mode): "Do you want to update client\'s information?" and its preview', '06-update-prompt', async () => {
    const [before] = await ofRecord(2004);
    assert.ok(before, 'Daniel Okafor is seeded in eMoney');
    const frame = await openFromList('Okafor, Daniel', 'okafor-daniel.html');
    await chooseEmoney(frame);
    const flow = await dialogWindow(browser.context);
    await flow.getByText(words('flowUpdateQuestion'), { exact: true }).waitFor();
    const rows = await flow.locator('#changes tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((cell) => cell.textContent.trim())));
    const cell = rows.find((row) => row.includes('(312) 555-0101'));
    assert.ok(cell && cell.includes('(312) 555-0111'), `the cell phone change in the preview: ${JSON.stringify(rows)}`);
    assert.ok(rows.some((row) => row.some((text) => text.includes('2210 N Clark St')) && row.some((text) => text.includes('455 W Fullerton Pkwy'))), `the address change in the preview: ${JSON.stringify(rows)}`);
    assert.equal(await sandbox.calls('POST /connect/token grant_type=password'), 1, 'Remember Me: no second sign-in');
    await shoot(flow, '06-update-prompt', true);
    await flow.getByRole('button', { name: words('flowYes'), exact: true }).click();
  }],

  ['Yes: eMoney opens on the updated client', '07-emoney-updated', async () => {
    const emoney = await emoneyWindow();
    const [after, more] = await ofRecord(2004);
    assert.ok(after && !more, 'still one client for the record');
    assert.equal(new URL(emoney.url()).pathname, `/clients/${after.id}`);
    assert.equal(after.client.cellPhone, '(312) 555-0111');
    assert.equal(after.address?.street1, '455 W Fullerton Pkwy');
    assert.equal(after.client.job?.jobTitle, 'Dispatch Supervisor');
    assert.equal(after.fax, '(312) 555-0129', 'a value SmartOffice does not have is kept');
    assert.equal((await sandbox.clients()).filter((client) => client.client.lastName === 'Okafor').length, 1, 'no duplicate');
    await eventually(() => !dialogOpen(browser.context), 'the dialog to close');
    await shadowShows(officePage, sentence('summaryUpdated'), 'the summary in the page');
    await shoot(emoney, '07-emoney-updated', true);
    await closeWindow(emoney);
  }],

  ['a record with data gaps: the warnings first', '08-warnings', async () => {
    const frame = await openFromList('Haddad, Omar', 'haddad-omar.html');
    await chooseEmoney(frame);
    const flow = await dialogWindow(browser.context);
    await flow.getByRole('dialog', { name: words('flowWarningsTitle') }).waitFor();
    const said = await flow.locator('#body').textContent();
    assert.match(said, /02\/30\/1970/, 'the impossible birth date is named');
    await shoot(flow, '08-warnings', true);
    await flow.getByRole('button', { name: words('flowContinue') }).click();
    const emoney = await emoneyWindow();
    const [client] = await ofRecord(2006);
    assert.ok(client, 'Omar Haddad is in eMoney');
    assert.equal(client.client.dateOfBirth, null, 'no made-up birth date');
    await closeWindow(emoney);
  }],

  ['a blocked pop-up: the page says so and offers Open eMoney', '09-popup-blocked', async () => {
    await officePage.getByRole('navigation').getByRole('link', { name: 'Whitfield, Margaret' }).last().click();
    await officePage.waitForURL(/blocked\.html/);
    const frame = await eventually(() => {
      const found = officePage.frame({ name: 'frame_cache_0' });
      return found && found.url().includes('whitfield-margaret.html') ? found : undefined;
    }, 'the record in the sandboxed frame');
    await eventually(async () => (await loaderState(frame)) !== undefined, 'the extension in the record frame');
    await chooseEmoney(frame);
    await shadowShows(officePage, sentence('pagePopupBlockedTitle'), 'the blocked pop-up alert');
    assert.equal(dialogOpen(browser.context), false, 'nothing to ask: no dialog');
    const [client] = await ofRecord(2005);
    assert.ok(client, 'the client was written before the window');
    await shoot(officePage, '09-popup-blocked');
  }],

  ['Open eMoney: the extension opens the window itself', '10-popup-recovered', async () => {
    await clickInShadow(officePage, words('pageOpenEmoney'));
    const emoney = await emoneyWindow();
    const mine = await ofRecord(2005);
    assert.equal(mine.length, 1, 'written once');
    assert.equal(new URL(emoney.url()).pathname, `/clients/${mine[0].id}`);
    assert.equal(mine[0].policies[0]?.policyNumber, '***8822', 'only the masked policy number');
    assert.ok(!JSON.stringify(await sandbox.clients()).includes('LN40018822'), 'the full policy number stayed in SmartOffice');
    await shoot(emoney, '10-popup-recovered', true);
    await closeWindow(emoney);
  }],

  ['the options page: domains, the remembered login, the history', '11-options', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(VIEWPORT);
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await page.waitForSelector('html[data-ready]');
    await eventually(async () => (await page.locator('#history tbody tr').count()) === 4, 'four exports in the history');
    const history = await page.locator('#history').textContent();
    for (const name of ['Delgado, Rafael', 'Okafor, Daniel', 'Haddad, Omar', 'Whitfield, Margaret']) assert.ok(history.includes(name), `${name} in the history`);
    assert.match(await page.locator('#login-text').textContent(), new RegExp(LOGIN.userName), 'the remembered user name');
    assert.match(await page.locator('#domains').textContent(), new RegExp(DOMAIN_LABEL));
    const stored = await browser.worker.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]));
    assert.ok(!stored.includes(LOGIN.password), 'the password is stored nowhere');
    await shoot(page, '11-options', true);
    await page.close();
  }],

  ['what eMoney holds at the end', null, async () => {
    assert.equal((await sandbox.clients()).length, 6, '3 seeded + Delgado, Haddad, Whitfield');
    assert.equal(await sandbox.calls('POST /connect/token grant_type=password'), 1, 'one sign-in for the whole story');
    assert.equal(await sandbox.calls('POST /public/v1/clients'), 3, 'one create per new client');
  }],
];

async function main() {
  const started = Date.now();
  await rm(SHOTS, { recursive: true, force: true });
  await mkdir(SHOTS, { recursive: true });
  let failed = null;
  try {
    office = await startOffice();
    sandbox = await startDemoSandbox();
    browser = await launch();
    await useSandbox(browser.worker, sandbox.base);
    windows = watchWindows(browser.context);
    for (const [index, [name, , run]] of steps.entries()) {
      const stepStarted = Date.now();
      try {
        await run();
        console.log(`ok   ${String(index + 1).padStart(2)} ${name} (${((Date.now() - stepStarted) / 1000).toFixed(1)} s)`);
      } catch (error) {
        failed = `${name}: ${error.message}`;
        console.log(`FAIL ${String(index + 1).padStart(2)} ${name}\n     ${error.stack || error.message}`);
        // What the browser showed when it failed, for whoever reads the log.
        for (const [i, page] of browser.context.pages().entries()) {
          await page.screenshot({ path: join(SHOTS, `failed-${index + 1}-${i}.png`) }).catch(() => {});
        }
        break;
      }
    }
  } catch (error) {
    failed = error.stack || error.message;
    console.log(`FAIL the demo did not start: ${failed}`);
  } finally {
    await browser?.context.close().catch(() => {});
    sandbox?.stop();
    await office?.close();
  }
  console.log(`\nscreenshots in ${SHOTS}: ${shots.map((name) => `${name}.png`).join(', ')}`);
  if (!failed && updateDocs) {
    await mkdir(DOCS, { recursive: true });
    for (const name of shots) await copyFile(join(SHOTS, `${name}.png`), join(DOCS, `${name}.png`));
    console.log(`copied to ${DOCS}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (failed) {
    console.log(`demo --headless: FAILED after ${seconds} s (${failed.split('\n')[0]})`);
    process.exit(1);
  }
  console.log(`demo --headless: every step worked (${steps.length} steps, ${seconds} s)`);
  process.exit(0);
}

await main();
