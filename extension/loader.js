// Content script: loads the extension's Rust core into a SmartOffice frame.
//
// The core is a wasm module. A page whose Content-Security-Policy forbids
// WebAssembly makes every compile here fail with a CompileError; the same core
// built as plain JavaScript (wasm2js) then takes its place.
(() => {
  const root = document.documentElement;
  // A second copy of this script (re-injection, a reloaded extension) stops here.
  if (!root || root.hasAttribute('data-so-emoney')) return;
  root.setAttribute('data-so-emoney', 'loading');

  const url = (path) => chrome.runtime.getURL(path);

  async function load() {
    try {
      const core = await import(url('pkg/page.js'));
      await core.default({ module_or_path: url('pkg/page_bg.wasm') });
      return { core, kind: 'wasm' };
    } catch (error) {
      if (error?.name !== 'CompileError') throw error;
      return { core: await import(url('pkg/fallback/page.js')), kind: 'js' };
    }
  }

  load().then(
    ({ core, kind }) => {
      root.setAttribute('data-so-emoney', kind);
      core.start();
    },
    (error) => {
      root.setAttribute('data-so-emoney', 'failed');
      console.warn('SmartOffice → eMoney could not load:', error);
    },
  );
})();
