// The page module's start, at the end of the bundle `cargo xtask dist`
// makes of it (pkg/page.js): its WebAssembly comes from the service worker,
// since no file of the extension is web-accessible.
const root = document.documentElement;
chrome.runtime
  .sendMessage({ type: 'pageWasm' })
  .then(async (answer) => {
    if (answer?.type !== 'wasm') throw new Error(answer?.said || 'no page module');
    const bytes = Uint8Array.from(atob(answer.base64), (c) => c.charCodeAt(0));
    await __wbg_init({ module_or_path: bytes });
    root.setAttribute('data-so-emoney', 'wasm');
    globalThis.soEmoneyPage = start();
  })
  .catch((error) => {
    // A page whose Content-Security-Policy forbids WebAssembly: the same
    // module as plain JavaScript takes its place.
    if (error?.name === 'CompileError') {
      // Nothing of this module started: the plain one's run-once guard
      // (the same as this one's) must let it in.
      globalThis.soEmoneyPageLoaded = false;
      chrome.runtime.sendMessage({ type: 'loadPage', plainJs: true });
      return;
    }
    root.setAttribute('data-so-emoney', 'failed');
    console.warn('SmartOffice → eMoney could not load:', error);
  });
