// What the end-to-end tests do with the extension on a SmartOffice-like
// page: open a record, open its Menu (which loads the page module), find the
// eMoney entry, the dialog window, new windows, and the extension's elements
// in the page (a status line and panels in closed shadow roots, which only
// the DevTools protocol sees).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR, eventually } from './browser.mjs';

const MESSAGES = JSON.parse(readFileSync(join(EXTENSION_DIR, '_locales/en/messages.json'), 'utf8'));

/** A product sentence from the English messages, placeholders left out. */
export function words(key) {
  const entry = MESSAGES[key];
  if (!entry) throw new Error(`no message ${key}`);
  return entry.message;
}

/** The loader's decision in a frame: undefined (not a record frame),
 * 'waiting' (a record frame, module not loaded), 'loading', 'wasm', 'js', 'failed'. */
export const loaderState = (frame) => frame.evaluate(() => document.documentElement.dataset.soEmoney).catch(() => undefined);

/** Opens `url` in a new tab; returns the page and the frame named
 * `frameName` (the main frame without one), once the loader has run there. */
export async function openRecord(context, url, frameName) {
  const page = await context.newPage();
  await page.goto(url);
  const frame = frameName ? await eventually(() => page.frame({ name: frameName }), `frame ${frameName}`) : page.mainFrame();
  await eventually(async () => (await loaderState(frame)) !== undefined, 'the loader in the record frame');
  return { page, frame };
}

export const menuButton = (frame) => frame.locator('[id^="_window_id"][id$="-button"]').first();
export const menuList = (frame) => frame.locator('#_window_id1-menu');
/** The eMoney entry (its menu item), wherever it was added. */
export const entries = (frame) => frame.getByRole('menuitem', { name: 'eMoney', exact: true, includeHidden: true });
/** The Menu's own Integrations items (the office's, or the one we created). */
export const integrationsItems = (frame) =>
  menuList(frame).locator(':scope > li').filter({ has: frame.locator(':scope > a, :scope > span').getByText('Integrations', { exact: true }) });

/** Clicks the Menu button and waits for the eMoney entry (the first click
 * also loads the page module). */
export async function openMenu(frame) {
  await menuButton(frame).click();
  await eventually(async () => (await entries(frame).count()) > 0, 'the eMoney entry');
}

/** Menu > Integrations > eMoney with the mouse; returns when eMoney was clicked. */
export async function chooseEmoney(frame) {
  await openMenu(frame);
  await integrationsItems(frame).first().hover();
  const entry = entries(frame);
  await entry.waitFor();
  const clicked = performance.now();
  await entry.click();
  return clicked;
}

/** The pages of the context whose address `matches`, not in `known`. */
function newPages(context, known, matches) {
  return context.pages().filter((page) => !known.has(page) && matches(page.url()));
}

/**
 * Watches the context for windows: `next(matches)` waits for a window,
 * opened after the watch began (or after the last one taken), whose address
 * `matches`; `openedAt(page)` says when the browser announced it.
 */
export function watchWindows(context) {
  const known = new Set(context.pages());
  const times = new Map();
  context.on('page', (page) => times.set(page, performance.now()));
  return {
    async next(matches, what = 'a new window', timeout = 20000) {
      const page = await eventually(() => newPages(context, known, matches)[0], what, timeout);
      known.add(page);
      return page;
    },
    openedAt: (page) => times.get(page),
    /** Forgets what is open now: only later windows count. */
    reset() {
      for (const page of context.pages()) known.add(page);
    },
  };
}

/** The export dialog window (the extension's flow.html), once it is open. */
export const dialogWindow = (context, timeout = 20000) =>
  eventually(() => context.pages().find((page) => page.url().endsWith('/flow.html')), 'the eMoney dialog window', timeout);

export const dialogOpen = (context) => context.pages().some((page) => page.url().endsWith('/flow.html'));

/**
 * The text of every shadow root in the page (the extension's status line and
 * panels are in closed ones), through the DevTools protocol.
 */
export async function shadowTexts(page) {
  const session = await page.context().newCDPSession(page);
  try {
    const { root } = await session.send('DOM.getDocument', { depth: -1, pierce: true });
    const shadows = [];
    const walk = (node) => {
      for (const shadow of node.shadowRoots || []) {
        if (shadow.shadowRootType !== 'user-agent') shadows.push(shadow);
        walk(shadow);
      }
      for (const child of node.children || []) walk(child);
      if (node.contentDocument) walk(node.contentDocument);
    };
    walk(root);
    const texts = [];
    for (const shadow of shadows) {
      // The live text (the tree above is a snapshot of the nodes only).
      const { object } = await session.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
      const { result } = await session.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        functionDeclaration: 'function () { return this.textContent; }',
        returnByValue: true,
      });
      texts.push({ type: shadow.shadowRootType, text: String(result.value ?? '').replace(/\s+/g, ' ').trim() });
    }
    return texts;
  } finally {
    await session.detach().catch(() => {});
  }
}

/** Waits until a shadow root of the page shows text matching `pattern`. */
export const shadowShows = (page, pattern, what, timeout = 20000) =>
  eventually(async () => (await shadowTexts(page)).find(({ text }) => pattern.test(text))?.text, what, timeout);

/**
 * Clicks (a real, trusted mouse click) the button labelled `label` inside
 * the page's shadow roots, found through the DevTools protocol.
 */
export async function clickInShadow(page, label) {
  const session = await page.context().newCDPSession(page);
  try {
    const { root } = await session.send('DOM.getDocument', { depth: -1, pierce: true });
    let button;
    const label_of = (node) => (node.children || []).map((child) => (child.nodeType === 3 ? child.nodeValue : label_of(child))).join('');
    const walk = (node, inShadow) => {
      if (button) return;
      if (inShadow && node.nodeName === 'BUTTON' && label_of(node).trim() === label) button = node;
      for (const shadow of node.shadowRoots || []) walk(shadow, true);
      for (const child of node.children || []) walk(child, inShadow);
      if (node.contentDocument) walk(node.contentDocument, inShadow);
    };
    walk(root, false);
    if (!button) throw new Error(`no button "${label}" in a shadow root`);
    const { quads } = await session.send('DOM.getContentQuads', { backendNodeId: button.backendNodeId });
    const [x1, y1, , , x3, y3] = quads[0];
    await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  } finally {
    await session.detach().catch(() => {});
  }
}
