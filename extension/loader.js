// Content script: the extension's only script in every SmartOffice frame.
// It costs the page nothing: in a record frame it waits for the advisor to
// open a record window's Menu, and only then asks the service worker to run
// the page module here (which adds Integrations > eMoney to that Menu).
(() => {
  const root = document.documentElement;
  // A second copy of this script (re-injection, a reloaded extension) stops here.
  if (!root || root.hasAttribute('data-so-emoney')) return;
  // Written from the page profile by `cargo xtask dist`.
  const PROFILE = /* profile */ { recordFrames: '', menuButtons: '' } /* end profile */;
  let frame = null;
  try {
    frame = window.frameElement;
  } catch {
    // A parent of another origin: not SmartOffice's own frame set.
  }
  // Modal dialogs and other frames of SmartOffice are never records.
  if (frame && !frame.matches(PROFILE.recordFrames)) return;
  root.setAttribute('data-so-emoney', 'waiting');
  // No Menu we know in a record frame: the worker says so once, if it is a record.
  const look = () => frame && !document.querySelector(PROFILE.menuButtons) && chrome.runtime.sendMessage({ type: 'noMenu' }).catch(() => {});
  if (document.readyState === 'complete') look();
  else addEventListener('load', look, { once: true });
  const kinds = ['pointerdown', 'keydown', 'focusin'];
  const menuTouched = (event) => {
    if (!(event.target instanceof Element) || !event.target.closest(PROFILE.menuButtons)) return;
    for (const kind of kinds) document.removeEventListener(kind, menuTouched, true);
    root.setAttribute('data-so-emoney', 'loading');
    chrome.runtime.sendMessage({ type: 'loadPage', plainJs: false }).then(
      (reply) => {
        if (reply?.type !== 'loaded') root.setAttribute('data-so-emoney', 'failed');
      },
      () => root.setAttribute('data-so-emoney', 'failed'),
    );
  };
  for (const kind of kinds) document.addEventListener(kind, menuTouched, true);
})();
