// Options page. Text comes from _locales through chrome.i18n and is always
// set as text.
for (const element of document.querySelectorAll('[data-i18n]')) {
  const text = chrome.i18n.getMessage(element.dataset.i18n);
  if (text) element.textContent = text;
}

const manifest = chrome.runtime.getManifest();
document.getElementById('version').textContent = chrome.i18n.getMessage('optionsVersion', [manifest.version]);

const offices = document.getElementById('offices');
const patterns = new Set(manifest.content_scripts.flatMap((script) => script.matches));
for (const pattern of patterns) {
  const item = document.createElement('li');
  const code = document.createElement('code');
  code.textContent = pattern;
  item.append(code);
  offices.append(item);
}
