// The page module's start, at the end of the bundle `cargo xtask dist`
// makes of it (pkg/page.js): its WebAssembly comes from the service worker,
// since no file of the extension is web-accessible.
const root = document.documentElement;
chrome.runtime
  .sendMessage({ type: 'pageWasm' })
  .then(async (answer) => {
    if (answer?.type !== 'wasm') throw new Error(answer?.said || 'no page module');
    // A plain loop: Uint8Array.from with a mapping function called once a
    // byte took 47 ms of the page's main thread at the Menu's first opening
    // (headless Chromium, the 127 KB module), this loop 10 ms.
    const text = atob(answer.base64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
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
