// SmartOffice records in Firefox: open one, open its Menu (which is what
// brings the extension's page module in), count what it added, choose it.
import { eventually } from './firefox.mjs';

/**
 * Opens `url` (a top page whose #frame_cache_0 shows the record) in a new
 * tab, switches into the record frame, and returns the loader's state there
 * once it ran: `waiting` (for the advisor to touch a Menu; nothing else of
 * the extension is in the page yet).
 */
export async function openRecord(browser, url) {
  await browser.open(url);
  await browser.frame('frame_cache_0');
  return eventually(
    () => browser.evaluate(() => document.readyState === 'complete' && document.documentElement.dataset.soEmoney),
    'the loader in the record frame',
  );
}

/** The extension's state in the current frame (`data-so-emoney`). */
export const loaderState = (browser) => browser.evaluate(() => document.documentElement.dataset.soEmoney ?? null);

/**
 * Opens the record's Menu with a trusted click, waits for the page module the
 * click brought in (`wasm`, `js` or `failed`) and for the eMoney entry, and
 * returns how the module loaded and the counts of eMoney entries and
 * Integrations items.
 */
export async function openMenu(browser) {
  await browser.driver.findElement({ css: '#_window_id1-button' }).click();
  const loaded = await eventually(
    () => loaderState(browser).then((state) => !['waiting', 'loading'].includes(state) && state),
    'the page module to load after the Menu click',
  );
  if (loaded === 'failed') return { loaded, ...(await menuCounts(browser)) };
  await eventually(async () => (await menuCounts(browser)).entries > 0, 'the eMoney entry');
  return { loaded, ...(await menuCounts(browser)) };
}

/** Menu > Integrations > eMoney with the pointer and a trusted click (the menu is open). */
export async function chooseEmoney(browser) {
  const integrations = await eventually(
    () => browser.driver.findElements({ xpath: "//ul[@id='_window_id1-menu']/li[normalize-space(./*[self::a or self::span][1])='Integrations']" }).then((found) => found[0]),
    'the Integrations item',
  );
  await browser.driver.actions().move({ origin: integrations }).perform();
  const entry = await browser.driver.findElement({ xpath: "//*[@role='menuitem'][normalize-space(.)='eMoney']" });
  await eventually(() => entry.isDisplayed(), 'the eMoney entry to show');
  await entry.click();
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
