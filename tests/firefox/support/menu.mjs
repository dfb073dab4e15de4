// SmartOffice records in Firefox: open one, wait for the extension, count
// what it added to the record's menu.
import { eventually } from './firefox.mjs';

/**
 * Opens `url` (a top page whose #frame_cache_0 shows the record) in a new
 * tab, switches into the record frame, and returns how the extension loaded
 * there (`wasm`, `js` or `failed`).
 */
export async function openRecord(browser, url) {
  await browser.open(url);
  await browser.frame('frame_cache_0');
  return eventually(
    () => browser.evaluate(() => document.documentElement.dataset.soEmoney).then((state) => state !== 'loading' && state),
    'the extension to load in the record frame',
  );
}

/** Opens the record's Menu and returns the counts of eMoney entries and Integrations items. */
export async function openMenu(browser) {
  await browser.driver.findElement({ css: '#_window_id1-button' }).click();
  await eventually(async () => (await menuCounts(browser)).entries > 0, 'the eMoney entry');
  return menuCounts(browser);
}

const menuCounts = (browser) =>
  browser.evaluate(() => {
    const text = (element) => element.textContent.trim();
    return {
      entries: [...document.querySelectorAll('[role="menuitem"]')].filter((item) => text(item) === 'eMoney').length,
      integrations: [...document.querySelectorAll('#_window_id1-menu > li')].filter((item) =>
        [...item.children].some((child) => child.matches('a, span') && text(child) === 'Integrations'),
      ).length,
    };
  });
