// Service worker bootstrap: the worker's logic is the Rust core (pkg/worker).
//
// Listeners are registered synchronously at the top level, so a worker woken
// by an event hears that event; each one waits for the module to be ready.
import init, { dialogConnected, handleMessage, started, windowRemoved } from './pkg/worker.js';

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

chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== 'dialog') {
    port.disconnect();
    return;
  }
  ready.then(() => dialogConnected(port), () => port.disconnect());
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
