// Service worker bootstrap: the worker's logic is the Rust core (pkg/worker).
//
// Listeners are registered synchronously at the top level, so a worker woken
// by an event hears that event; each one waits for the module to be ready.
import init, { dialogConnected, handleMessage, started, windowRemoved } from './pkg/worker.js';

// "What the extension sees on this page": the worker runs this in a frame
// (scripting.executeScript) with the page profile's selectors. It answers
// what it found of the record windows and their Menus, and no page text but
// the office's own Menu labels. It must stand alone: the browser copies its
// source into the frame.
globalThis.soEmoneyProbe = (p, entryLabel) => {
  const fill = (template, id) => template.split('{window}').join(CSS.escape(id));
  const all = (selector, root = document) => {
    try {
      return [...root.querySelectorAll(selector)];
    } catch {
      return [];
    }
  };
  const one = (selector, root = document) => all(selector, root)[0] ?? null;
  const label = (item) => {
    const own = one(p.menuItemLabel, item);
    const text = own ? own.textContent : [...item.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('');
    return text.replace(/\s+/g, ' ').trim();
  };
  let framed = false;
  try {
    framed = Boolean(window.frameElement?.matches(p.recordFrames));
  } catch {
    // A parent of another origin.
  }
  const found = all(p.recordWindow);
  const windows = found.slice(0, 20).flatMap((w) => {
    const button = one(fill(p.menuButton, w.id));
    if (!button) return [];
    let list = null;
    let menuList = null;
    for (const template of p.menuLists) {
      list = one(fill(template, w.id));
      if (list) {
        menuList = fill(template, w.id);
        break;
      }
    }
    if (!list && button.nextElementSibling?.matches(p.submenuList)) {
      list = button.nextElementSibling;
      menuList = `${fill(p.menuButton, w.id)} + ${p.submenuList}`;
    }
    const items = list ? all(p.menuItem, list) : [];
    const integrations = items
      .filter((item) => item.parentElement === list)
      .map(label)
      .find((text) => p.integrationsLabels.some((known) => known.toLowerCase() === text.toLowerCase())) ?? null;
    return [{ id: w.id, menuButton: true, menuList, integrations, entry: items.some((item) => label(item) === entryLabel) }];
  });
  return { framed, recordWindows: found.length, menuButtons: all(p.menuButtons).length, windows };
};

const ready = init({ module_or_path: new URL('./pkg/worker_bg.wasm', import.meta.url) });

function answer(message, sender, sendResponse) {
  ready
    .then(() => handleMessage(message, sender))
    .then(sendResponse, () => sendResponse({ type: 'failed', said: chrome.i18n.getMessage('flowLostWorker') }));
  return true;
}

chrome.runtime.onMessage.addListener(answer);
// Other extensions can address us; the core refuses them, and says so.
chrome.runtime.onMessageExternal.addListener(answer);

// A dialog that wakes a stopped worker asks at once, before the module is
// ready: its first messages are held and handed to the module's listener.
function held(port) {
  const early = [];
  const hold = (message) => early.push(message);
  port.onMessage.addListener(hold);
  return () => {
    port.onMessage.removeListener(hold);
    return {
      name: port.name,
      sender: port.sender,
      postMessage: (message) => port.postMessage(message),
      disconnect: () => port.disconnect(),
      onDisconnect: port.onDisconnect,
      onMessage: {
        addListener(listener) {
          port.onMessage.addListener(listener);
          for (const message of early.splice(0)) listener(message, port);
        },
        removeListener: (listener) => port.onMessage.removeListener(listener),
      },
    };
  };
}

chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== 'dialog') {
    port.disconnect();
    return;
  }
  const whenReady = held(port);
  ready.then(() => dialogConnected(whenReady()), () => port.disconnect());
});
chrome.runtime.onConnectExternal.addListener((port) => port.disconnect());

chrome.windows.onRemoved.addListener((window) => {
  ready.then(() => windowRemoved(window));
});

const start = () => ready.then(() => started());
chrome.runtime.onInstalled.addListener(start);
chrome.runtime.onStartup.addListener(start);
// An address the browser allows later (site access), or the firm's pushed
// addresses changing, gets its loader at once.
chrome.permissions.onAdded.addListener(start);
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'managed') start();
});
