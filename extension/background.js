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
