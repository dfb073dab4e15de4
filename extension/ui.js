// What the extension's pages (the export dialog, the options page) share:
// elements built with text only (never markup), words from _locales, and
// their channels to the service worker, which owns every rule.

// Words come from _locales through chrome.i18n. In an extension page just
// opened, Chromium sometimes answers "" before the extension's messages have
// reached the page's process: then the same file is read directly.
let fallback = null;

function fill(entry, values) {
  if (!entry) return '';
  return entry.message.replace(/\$(\w+)\$/g, (whole, name) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? whole;
    return content.replace(/\$(\d)/g, (_, index) => values[Number(index) - 1] ?? '');
  });
}

/** The message `key` with its values, from chrome.i18n or else the file. */
function word(key, values = []) {
  return chrome.i18n.getMessage(key, values) || fill(fallback?.[key], values) || key;
}

/** The message `key` (always a literal, for the locale test) with its values. */
export const t = word;

/** Reads the words directly when chrome.i18n is not ready yet. */
export async function loadWords() {
  if (chrome.i18n.getMessage('extensionName')) return;
  try {
    const language = chrome.runtime.getManifest().default_locale || 'en';
    fallback = await (await fetch(chrome.runtime.getURL(`_locales/${language}/messages.json`))).json();
  } catch {
    // Without words the page still shows their keys, and still works.
  }
}

/** Fills every element marked `data-i18n` with its message. */
export function translate(root = document) {
  for (const element of root.querySelectorAll('[data-i18n]')) {
    // The key is the page's `data-i18n`, which the locale test reads there.
    element.textContent = word(element.dataset.i18n);
  }
}

/**
 * Builds an element. `text` is set as text; `on` adds listeners; other
 * properties are set as properties when the element has them, else as
 * attributes. Nothing is ever parsed as markup.
 */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'on') for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    else if (key in node && key !== 'list' && key !== 'form') node[key] = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children.filter(Boolean));
  return node;
}

/** A failure the worker did not put in words. */
export function lostWorker() {
  return { type: 'failed', said: t('flowLostWorker') };
}

/** The options page's one-shot requests. */
export async function ask(request) {
  try {
    const reply = await chrome.runtime.sendMessage(request);
    if (reply && typeof reply.type === 'string') return reply;
  } catch {
    // The extension was reloaded under us: said like any lost answer.
  }
  return lostWorker();
}

/**
 * The dialog's port to the worker (the one channel both browsers deliver to
 * every kind of extension page): requests answered by id, and pushes.
 */
export function channel(name, onPush, onLost) {
  const port = chrome.runtime.connect({ name });
  const waiting = new Map();
  let next = 1;
  port.onMessage.addListener((message) => {
    if (message?.push) return onPush(message);
    const done = waiting.get(message?.id);
    if (done) {
      waiting.delete(message.id);
      done(message.reply && typeof message.reply.type === 'string' ? message.reply : lostWorker());
    }
  });
  port.onDisconnect.addListener(() => {
    for (const done of waiting.values()) done(lostWorker());
    waiting.clear();
    onLost();
  });
  return {
    ask(request) {
      const id = next++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        try {
          port.postMessage({ id, request });
        } catch {
          waiting.delete(id);
          resolve(lostWorker());
        }
      });
    },
  };
}

/** Runs `work` with `button` disabled, so a double click asks once. */
export async function pressed(button, work) {
  if (button.disabled) return undefined;
  button.disabled = true;
  try {
    return await work();
  } finally {
    button.disabled = false;
  }
}
