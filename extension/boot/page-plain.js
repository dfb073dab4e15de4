// The plain-JavaScript page module's start, at the end of pkg/page-plain.js:
// the module (wasm2js) is already here, as `retasmFunc`.
__wbg_finalize_init({ exports: retasmFunc }, undefined);
document.documentElement.setAttribute('data-so-emoney', 'js');
globalThis.soEmoneyPage = start();
