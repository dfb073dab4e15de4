// Menu > Integrations > eMoney on SmartOffice-like pages, in real Chromium
// with the built extension. The loader (the only content script) waits in a
// record frame until the advisor touches a record window's Menu; then the
// page module adds the entry. Choosing it opens the export's dialog, a
// window of the extension's own (flow.html).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, launch } from './support/browser.mjs';
import { startFixtureServer } from './support/server.mjs';
import {
  dialogOpen,
  dialogWindow,
  entries,
  integrationsItems,
  loaderState,
  menuButton,
  menuList,
  openMenu,
  openRecord as open,
  shadowShows,
  shadowTexts,
  words,
} from './support/extension.mjs';

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

const openRecord = (path, frameName) => open(browser.context, server.url(path), frameName);

/** Closes the export dialogs left open (each test starts with none). */
async function closeDialogs() {
  for (const page of browser.context.pages()) {
    if (page.url().endsWith('/flow.html')) await page.close();
  }
  await eventually(() => !dialogOpen(browser.context), 'the dialogs to close');
}

/** Has the focus in `frame` on the element labelled `label`? */
const focusedOn = (frame, label) => frame.evaluate((label) => document.activeElement?.textContent.trim() === label, label);

describe('the eMoney entry', () => {
  test('is added once, in an Integrations submenu it creates, where the office has none', async () => {
    const { page, frame } = await openRecord('pages/top.html', 'frame_cache_0');
    // Nothing of the extension runs in the page before the advisor opens a Menu.
    assert.equal(await loaderState(frame), 'waiting');
    await openMenu(frame);
    assert.equal(await loaderState(frame), 'wasm');
    assert.equal(await entries(frame).count(), 1);
    assert.equal(await integrationsItems(frame).count(), 1);
    const integrations = integrationsItems(frame);
    // Created before Delete, as SmartOffice keeps it, shaped like a submenu.
    assert.deepEqual(await menuList(frame).locator(':scope > li > a').allTextContents(), ['Save', 'Print', 'Add Activity', 'Integrations', 'Delete']);
    assert.equal(await integrations.getAttribute('aria-haspopup'), 'menu');
    assert.equal(await integrations.locator(':scope > a').getAttribute('role'), 'menuitem');
    assert.equal(await integrations.locator(':scope > ul').getAttribute('role'), 'menu');
    // Hidden until the advisor points at Integrations, as submenus are.
    assert.equal(await entries(frame).isVisible(), false);
    assert.equal(await integrations.getAttribute('aria-expanded'), 'false');
    await integrations.hover();
    await eventually(() => entries(frame).isVisible(), 'the entry to show');
    assert.equal(await integrations.getAttribute('aria-expanded'), 'true');
    // Each is made as the office makes its own entries: the same element,
    // classes and label element (a link), so it looks, hovers and reads alike.
    const shape = (item) => item.evaluate((li) => {
      const label = li.firstElementChild;
      return { tag: li.localName, class: li.className.replace(/\s*so-has-submenu/, ''), label: label.localName, labelClass: label.className, href: label.getAttribute('href') };
    });
    const sibling = await shape(menuList(frame).locator(':scope > li').first());
    assert.deepEqual(sibling, { tag: 'li', class: 'so-menu-item', label: 'a', labelClass: 'so-menu-link', href: '#' });
    assert.deepEqual(await shape(integrations), sibling);
    assert.deepEqual(await shape(integrations.locator(':scope > ul > li')), sibling);
    // The created submenu carries the profile's submenu classes, as the office's do.
    assert.match(await integrations.getAttribute('class'), /\bso-has-submenu\b/);
    assert.equal(await integrations.locator(':scope > ul').getAttribute('class'), 'so-submenu');
    // Screen readers hear a menu item named eMoney, like its neighbours.
    assert.equal(await entries(frame).evaluate((element) => element.localName), 'a');
    await page.close();
  });

  test('joins the office\'s own Integrations submenu, once, in a legacy MainFrame', async () => {
    const { page, frame } = await openRecord('pages/top-legacy.html', 'MainFrame');
    await openMenu(frame);
    assert.equal(await entries(frame).count(), 1);
    assert.equal(await integrationsItems(frame).count(), 1);
    const submenu = frame.locator('#_window_id1-menu .so-submenu > li');
    assert.deepEqual(await submenu.allTextContents(), ['Redtail CRM', 'MoneyGuidePro', 'eMoney']);
    // It looks like its neighbours: same element, same classes, same label element.
    const entry = submenu.last();
    assert.equal(await entry.getAttribute('class'), 'so-menu-item');
    assert.equal(await entry.locator(':scope > a.so-menu-link').count(), 1);
    assert.equal(await entry.locator(':scope > a').getAttribute('href'), await submenu.first().locator(':scope > a').getAttribute('href'));
    // The header frame is no record: nothing loaded there.
    const header = page.frame({ name: 'Header' });
    assert.equal(await loaderState(header), undefined);
    await page.close();
  });

  for (const record of ['record-rebuilt-menu.html', 'record-rebuilt-with-integrations.html']) {
    test(`stays exactly once when SmartOffice rebuilds the menu at every opening (${record})`, async () => {
      const { page, frame } = await openRecord(`pages/top.html?record=${record}`, 'frame_cache_0');
      for (let opening = 0; opening < 4; opening += 1) {
        await openMenu(frame);
        assert.equal(await entries(frame).count(), 1, `opening ${opening + 1}`);
        assert.equal(await integrationsItems(frame).count(), 1, `opening ${opening + 1}`);
        await menuButton(frame).click();
        await eventually(async () => (await menuList(frame).count()) === 0, 'the menu to close');
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
      async () => (await frame.evaluate(() => location.pathname.endsWith('record-with-integrations.html')).catch(() => false)) && (await loaderState(frame)) === 'waiting',
      'the frame to show the other record',
    );
    await openMenu(frame);
    assert.equal(await entries(frame).count(), 1);
    assert.equal(await integrationsItems(frame).count(), 1);
    await page.close();
  });

  test('works under a Content-Security-Policy that forbids WebAssembly (wasm2js)', async () => {
    const { page, frame } = await openRecord('pages/top.html?record=record-strict-csp.html', 'frame_cache_0');
    await openMenu(frame);
    assert.equal(await loaderState(frame), 'js');
    assert.equal(await entries(frame).count(), 1);
    await integrationsItems(frame).hover();
    await entries(frame).click();
    const dialog = await dialogWindow(browser.context);
    await dialog.getByText(/Okafor, Margaret/).first().waitFor();
    await closeDialogs();
    await page.close();
  });

  test('starts the export when chosen with the mouse: the dialog window names the client', async () => {
    const { page, frame } = await openRecord('pages/top.html', 'frame_cache_0');
    await openMenu(frame);
    await integrationsItems(frame).hover();
    await entries(frame).click();
    const dialog = await dialogWindow(browser.context);
    // The service worker read the record the page sent: the dialog names the client.
    await dialog.getByText(/Okafor, Margaret/).first().waitFor();
    // The page says where the export went on.
    await shadowShows(page, new RegExp(words('pageDialogOpen').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the status line');
    await closeDialogs();
    await page.close();
  });

  test('a page script\'s click() on the entry starts nothing', async () => {
    const { page, frame } = await openRecord('pages/top.html', 'frame_cache_0');
    await openMenu(frame);
    await integrationsItems(frame).hover();
    await eventually(() => entries(frame).isVisible(), 'the entry to show');
    const shownBefore = await shadowTexts(page);
    // The page's own script clicks (untrusted), also with a look-alike event,
    // and yields so that anything started would have shown by now.
    await frame.evaluate(async () => {
      const entry = [...document.querySelectorAll('[role="menuitem"]')].find((item) => item.textContent.trim() === 'eMoney');
      entry.click();
      entry.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
      entry.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    // Started, an export would have put its status line in the page at once.
    assert.deepEqual(await shadowTexts(page), shownBefore);
    assert.equal(dialogOpen(browser.context), false);
    // The advisor's own click does start it (the check above could fail).
    // (SmartOffice's menu closed on the page's click.)
    if (!(await menuList(frame).isVisible())) await menuButton(frame).click();
    await integrationsItems(frame).hover();
    await entries(frame).click();
    await shadowShows(page, /Reading the SmartOffice record|dialog is open/, 'the status line');
    await dialogWindow(browser.context);
    await closeDialogs();
    await page.close();
  });

  test('works with the keyboard', async () => {
    const { page, frame } = await openRecord('pages/top.html', 'frame_cache_0');
    // The Menu opened from the keyboard loads the extension too.
    await menuButton(frame).focus();
    await page.keyboard.press('Enter');
    await eventually(async () => (await entries(frame).count()) === 1, 'the eMoney entry');
    const integrations = integrationsItems(frame);
    await integrations.locator(':scope > a').focus();
    await page.keyboard.press('ArrowRight');
    await eventually(() => focusedOn(frame, 'eMoney'), 'focus on eMoney');
    assert.equal(await integrations.getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('Escape');
    await eventually(async () => (await integrations.getAttribute('aria-expanded')) === 'false', 'the submenu to close');
    await integrations.locator(':scope > a').focus();
    await page.keyboard.press('Enter');
    await eventually(() => focusedOn(frame, 'eMoney'), 'focus on eMoney again');
    await page.keyboard.press('Enter');
    await dialogWindow(browser.context);
    await closeDialogs();
    await page.close();
  });
});

describe('pages that are not SmartOffice records', () => {
  test('get nothing injected', async () => {
    const { page, frame } = await openRecord('pages/not-smartoffice.html');
    assert.equal(await loaderState(frame), 'waiting');
    await frame.locator('#site-button').click();
    // The loader reacts within the event itself: a Menu it knew would have
    // set 'loading' by now.
    assert.equal(await loaderState(frame), 'waiting');
    assert.deepEqual(await page.locator('#site-menu > li').allTextContents(), ['News', 'IntegrationsPartners']);
    assert.deepEqual(await shadowTexts(page), []);
    await page.close();
  });

  test('a modal dialog frame inside SmartOffice is not a record', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('pages/top-with-modal.html'));
    const record = await eventually(() => page.frame({ name: 'frame_cache_0' }), 'the record frame');
    const modal = await eventually(() => page.frames().find((frame) => frame.url().endsWith('record-rebuilt-menu.html')), 'the modal frame');
    await eventually(async () => (await loaderState(record)) === 'waiting', 'the loader in the record');
    await eventually(() => modal.evaluate(() => document.readyState === 'complete'), 'the modal to load');
    // The modal's Menu first, then the record's: the record gets its entry,
    // the modal (whose loader left at once) never does.
    await modal.locator('#_window_id1-button').click();
    await openMenu(record);
    assert.equal(await modal.locator('#_window_id1-menu').count(), 1);
    assert.equal(await entries(modal).count(), 0);
    assert.equal(await loaderState(modal), undefined);
    await page.close();
  });
});
