// Menu > Integrations > eMoney on SmartOffice-like pages, in real Chromium
// with the built extension.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, launch } from './support/browser.mjs';
import { startFixtureServer } from './support/server.mjs';

let server;
let browser;

before(async () => {
  server = await startFixtureServer();
  browser = await launch();
});

after(async () => {
  await browser?.context.close();
  await server?.close();
});

/** Opens a fixture and returns the frame (by name) that holds the record. */
async function openRecord(path, frameName) {
  const page = await browser.context.newPage();
  await page.goto(server.url(path));
  const frame = frameName ? await eventually(() => page.frame({ name: frameName }), `frame ${frameName}`) : page.mainFrame();
  await eventually(
    () => frame.evaluate(() => ['wasm', 'js', 'failed'].includes(document.documentElement.dataset.soEmoney)),
    'the extension to load',
  );
  return { page, frame };
}

const entries = (frame) => frame.locator('[role="menuitem"]', { hasText: /^eMoney$/ });
const integrationsItems = (frame) =>
  frame.locator('#_window_id1-menu > li').filter({ has: frame.locator(':scope > a, :scope > span').getByText('Integrations', { exact: true }) });

/** The export dialog (an extension frame over the record), once it is there. */
const exportDialogOpens = (page) =>
  eventually(() => page.frames().find((frame) => frame.url().includes('/flow.html')), 'the export dialog');

async function openMenu(frame) {
  await frame.locator('#_window_id1-button').click();
  await eventually(async () => (await entries(frame).count()) > 0, 'the eMoney entry');
}

describe('the eMoney entry', () => {
  test('is added once, in an Integrations submenu it creates, where the office has none', async () => {
    const { page, frame } = await openRecord('pages/top.html', 'frame_cache_0');
    assert.equal(await frame.evaluate(() => document.documentElement.dataset.soEmoney), 'wasm');
    await openMenu(frame);
    assert.equal(await entries(frame).count(), 1);
    assert.equal(await integrationsItems(frame).count(), 1);
    const integrations = frame.locator('[data-so-emoney-integrations]');
    assert.equal(await integrations.getAttribute('role'), 'menuitem');
    assert.equal(await integrations.getAttribute('aria-haspopup'), 'menu');
    // Hidden until the advisor points at Integrations, as submenus are.
    assert.equal(await entries(frame).isVisible(), false);
    await integrations.hover();
    assert.equal(await entries(frame).isVisible(), true);
    assert.equal(await integrations.getAttribute('aria-expanded'), 'true');
    await page.close();
  });

  test('joins the office\'s own Integrations submenu, once, in a legacy MainFrame', async () => {
    const { page, frame } = await openRecord('pages/top-legacy.html', 'MainFrame');
    await openMenu(frame);
    assert.equal(await entries(frame).count(), 1);
    assert.equal(await integrationsItems(frame).count(), 1);
    const submenu = frame.locator('#_window_id1-menu .so-submenu > li');
    assert.deepEqual(await submenu.allTextContents(), ['Redtail CRM', 'MoneyGuidePro', 'eMoney']);
    // It looks like its neighbours: same classes, same label element.
    const entry = frame.locator('[data-so-emoney-entry]');
    assert.equal(await entry.getAttribute('class'), 'so-menu-item');
    assert.equal(await entry.locator(':scope > a.so-menu-link').count(), 1);
    await page.close();
  });

  for (const record of ['record-rebuilt-menu.html', 'record-rebuilt-with-integrations.html']) {
    test(`stays exactly once when SmartOffice rebuilds the menu at every opening (${record})`, async () => {
      const { page, frame } = await openRecord(`pages/top.html?record=${record}`, 'frame_cache_0');
      for (let opening = 0; opening < 4; opening += 1) {
        await openMenu(frame);
        assert.equal(await entries(frame).count(), 1, `opening ${opening + 1}`);
        assert.equal(await integrationsItems(frame).count(), 1, `opening ${opening + 1}`);
        await frame.locator('#_window_id1-button').click();
        await eventually(async () => (await frame.locator('#_window_id1-menu').count()) === 0, 'the menu to close');
      }
      await page.close();
    });
  }

  test('comes back, once, after the record frame navigates to another record', async () => {
    const { page, frame } = await openRecord('pages/top.html', 'frame_cache_0');
    await openMenu(frame);
    await page.evaluate(() => {
      document.getElementById('frame_cache_0').src = 'record-with-integrations.html';
    });
    await eventually(
      () => frame.evaluate(() => location.pathname.endsWith('record-with-integrations.html') && document.documentElement.dataset.soEmoney === 'wasm').catch(() => false),
      'the frame to show the other record',
    );
    await openMenu(frame);
    assert.equal(await entries(frame).count(), 1);
    assert.equal(await integrationsItems(frame).count(), 1);
    await page.close();
  });

  test('works under a Content-Security-Policy that forbids WebAssembly (wasm2js)', async () => {
    const { page, frame } = await openRecord('pages/top.html?record=record-strict-csp.html', 'frame_cache_0');
    assert.equal(await frame.evaluate(() => document.documentElement.dataset.soEmoney), 'js');
    await openMenu(frame);
    assert.equal(await entries(frame).count(), 1);
    await frame.locator('.so-has-submenu').hover();
    await entries(frame).click();
    await exportDialogOpens(page);
    await page.close();
  });

  test('starts the export when chosen with the mouse', async () => {
    const { page, frame } = await openRecord('pages/top.html', 'frame_cache_0');
    await openMenu(frame);
    await frame.locator('[data-so-emoney-integrations]').hover();
    await entries(frame).click();
    const dialog = await exportDialogOpens(page);
    // The service worker read the record the page sent: the dialog names the client.
    await dialog.getByText(/Okafor, Margaret/).first().waitFor();
    await page.close();
  });

  test('works with the keyboard', async () => {
    const { page, frame } = await openRecord('pages/top.html', 'frame_cache_0');
    await openMenu(frame);
    const integrations = frame.locator('[data-so-emoney-integrations]');
    await integrations.focus();
    await page.keyboard.press('ArrowRight');
    await eventually(() => frame.evaluate(() => document.activeElement?.hasAttribute('data-so-emoney-entry')), 'focus on eMoney');
    await page.keyboard.press('Escape');
    await eventually(() => frame.evaluate(() => document.activeElement?.hasAttribute('data-so-emoney-integrations')), 'focus back on Integrations');
    assert.equal(await integrations.getAttribute('aria-expanded'), 'false');
    await page.keyboard.press('Enter');
    await eventually(() => frame.evaluate(() => document.activeElement?.hasAttribute('data-so-emoney-entry')), 'focus on eMoney again');
    await page.keyboard.press('Enter');
    await exportDialogOpens(page);
    await page.close();
  });
});

describe('pages that are not SmartOffice records', () => {
  test('get nothing injected', async () => {
    const { page, frame } = await openRecord('pages/not-smartoffice.html');
    await frame.locator('#site-button').click();
    // The extension is loaded here (development build) and has decided.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await page.locator('[data-so-emoney-entry], [data-so-emoney-integrations], [data-so-emoney-status]').count(), 0);
    assert.deepEqual(await page.locator('#site-menu > li').allTextContents(), ['News', 'IntegrationsPartners']);
    await page.close();
  });

  test('a modal dialog frame inside SmartOffice is not a record', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('pages/top-with-modal.html'));
    const record = await eventually(() => page.frame({ name: 'frame_cache_0' }), 'the record frame');
    const modal = await eventually(() => page.frames().find((frame) => frame.url().endsWith('record-rebuilt-menu.html')), 'the modal frame');
    await eventually(() => modal.evaluate(() => document.documentElement.dataset.soEmoney === 'wasm'), 'the extension in the modal');
    await eventually(() => record.evaluate(() => document.documentElement.dataset.soEmoney === 'wasm'), 'the extension in the record');
    await openMenu(record);
    await modal.locator('#_window_id1-button').click();
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await modal.locator('#_window_id1-menu').count(), 1);
    assert.equal(await entries(modal).count(), 0);
    await page.close();
  });
});
