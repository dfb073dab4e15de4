// Service worker bootstrap: the worker's logic is the Rust core (pkg/worker).
//
// Listeners are registered synchronously at the top level, so a worker woken
// by a message hears that message; each one waits for the module to be ready.
import init, { handleMessage } from './pkg/worker.js';

const ready = init({ module_or_path: new URL('./pkg/worker_bg.wasm', import.meta.url) });

function answer(message, sender, sendResponse) {
  ready
    .then(() => handleMessage(message, sender))
    .then(sendResponse, (error) =>
      sendResponse({
        type: 'refused',
        message: `The extension could not handle this request (${error}). Reload the SmartOffice page and try again.`,
      }),
    );
  return true;
}

chrome.runtime.onMessage.addListener(answer);
// Other extensions can address us; the core refuses them, and says so.
chrome.runtime.onMessageExternal.addListener(answer);
