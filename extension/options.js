// Options page: eMoney domains, SmartOffice addresses, the remembered login,
// what to send, and the export history. Everything lives in chrome.storage.local
// (keys `settings`, `rememberedLogin`, `history`, shared with the service
// worker); the page shows what is stored and listens for changes made elsewhere.
//
// Text comes from _locales through chrome.i18n and is always set as text,
// never parsed as markup: stored values (a client's name, a domain's label)
// may hold anything.
'use strict';

const text = (key, substitutions) => chrome.i18n.getMessage(key, substitutions);
const byId = (id) => document.getElementById(id);

/** Settings when `defaults.json` cannot be read (a build always writes it). */
const FALLBACK_BUILD = {
  development: false,
  loopbackHosts: [],
  domains: [],
  offices: [],
  sendInvestments: true,
  sendPolicies: true,
};

/** The content scripts of added SmartOffice addresses load what the manifest's do. */
const OFFICE_SCRIPT = { js: ['loader.js'], allFrames: true, runAt: 'document_idle', persistAcrossSessions: true };

// ---------------------------------------------------------------------------
// Static text

for (const element of document.querySelectorAll('[data-i18n]')) {
  const message = text(element.dataset.i18n);
  if (message) element.textContent = message;
}
document.title = text('optionsTitle');

const manifest = chrome.runtime.getManifest();
byId('version').textContent = text('optionsVersion', [manifest.version]);

/** SmartOffice's hosts, as the manifest's content scripts name them. */
const builtInOffices = [...new Set(manifest.content_scripts.flatMap((script) => script.matches))];
for (const pattern of builtInOffices) {
  const item = document.createElement('li');
  const code = document.createElement('code');
  code.textContent = pattern;
  item.append(code);
  byId('offices').append(item);
}

// ---------------------------------------------------------------------------
// Storage

/** What this build is and starts with: `defaults.json`, written by `cargo xtask dist`. */
const build = fetch(chrome.runtime.getURL('defaults.json'))
  .then((response) => response.json())
  .then((defaults) => ({ ...FALLBACK_BUILD, ...defaults }))
  .catch(() => FALLBACK_BUILD);

/** The stored settings, each key checked, with the build's defaults for what is missing. */
function settingsFrom(stored, defaults) {
  const from = stored && typeof stored === 'object' ? stored : {};
  const isDomain = (d) =>
    d && typeof d.label === 'string' && typeof d.apiBase === 'string' && typeof d.webBase === 'string';
  const flag = (value, fallback) => (typeof value === 'boolean' ? value : fallback);
  return {
    domains: (Array.isArray(from.domains) ? from.domains : defaults.domains)
      .filter(isDomain)
      .map(({ label, apiBase, webBase }) => ({ label, apiBase, webBase })),
    offices: (Array.isArray(from.offices) ? from.offices : defaults.offices).filter((o) => typeof o === 'string'),
    sendInvestments: flag(from.sendInvestments, defaults.sendInvestments),
    sendPolicies: flag(from.sendPolicies, defaults.sendPolicies),
  };
}

async function readSettings() {
  const [{ settings }, defaults] = await Promise.all([chrome.storage.local.get('settings'), build]);
  return settingsFrom(settings, defaults);
}

/**
 * Reads the settings as stored now (another tab may have changed them), lets
 * `change` edit them, and stores the result. `change` returns false to store
 * nothing. Returns the stored settings, or null.
 */
async function updateSettings(change) {
  const settings = await readSettings();
  if (change(settings) === false) return null;
  await chrome.storage.local.set({ settings });
  renderSettings(settings);
  return settings;
}

function say(message) {
  byId('status').textContent = message;
}

function sayFailure(error) {
  say(text('storageFailed', [error?.message ?? String(error)]));
}

// ---------------------------------------------------------------------------
// Rendering the stored state

let shownSettings = null;

function renderSettings(settings) {
  shownSettings = settings;
  renderDomains(settings.domains);
  renderOffices(settings.offices);
  byId('send-investments').checked = settings.sendInvestments;
  byId('send-policies').checked = settings.sendPolicies;
}

function button(label, accessibleName, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.setAttribute('aria-label', accessibleName);
  element.addEventListener('click', onClick);
  return element;
}

function renderDomains(domains) {
  const list = byId('domains');
  list.replaceChildren();
  for (const domain of domains) {
    const item = document.createElement('li');
    const name = document.createElement('strong');
    name.textContent = domain.label;
    const api = document.createElement('span');
    api.textContent = text('domainApiBase', [domain.apiBase]);
    const web = document.createElement('span');
    web.textContent = text('domainWebBase', [domain.webBase]);
    const details = document.createElement('div');
    details.className = 'details';
    details.append(name, api, web);
    const actions = document.createElement('div');
    actions.className = 'actions';
    actions.append(
      button(text('domainEdit'), text('domainEditNamed', [domain.label]), () => startEditing(domain)),
      button(text('domainRemove'), text('domainRemoveNamed', [domain.label]), () => removeDomain(domain.label)),
    );
    item.append(details, actions);
    list.append(item);
  }
  byId('domains-none').hidden = domains.length > 0;
}

function renderOffices(offices) {
  const list = byId('added-offices');
  list.replaceChildren();
  for (const pattern of offices) {
    const item = document.createElement('li');
    const code = document.createElement('code');
    code.textContent = pattern;
    item.append(code, button(text('officeRemove'), text('officeRemoveNamed', [pattern]), () => removeOffice(pattern)));
    list.append(item);
  }
  byId('added-offices-none').hidden = offices.length > 0;
}

function renderLogin(login) {
  const known = login && typeof login.userName === 'string' && typeof login.apiBase === 'string';
  byId('login-text').textContent = known
    ? text('loginRemembered', [login.userName, String(login.domainLabel || login.apiBase)])
    : text('loginNone');
  byId('login-forget').hidden = !known;
}

const OUTCOMES = { created: 'historyCreated', updated: 'historyUpdated', opened: 'historyOpened' };
const HISTORY_LIMIT = 50;

function cell(row, value, className) {
  const td = document.createElement('td');
  if (value instanceof Node) td.append(value);
  else td.textContent = value;
  if (className) td.className = className;
  row.append(td);
}

/** A count as the history stores it, or a dash. */
function count(value) {
  return Number.isInteger(value) && value >= 0 ? String(value) : text('historyUnknown');
}

function when(at) {
  const date = new Date(at);
  if (typeof at !== 'string' || Number.isNaN(date.getTime())) return text('historyUnknown');
  const time = document.createElement('time');
  time.dateTime = date.toISOString();
  // The browser's locale and time zone.
  time.textContent = date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return time;
}

function outcome(entry) {
  const done = OUTCOMES[entry.outcome] ? text(OUTCOMES[entry.outcome]) : text('historyUnknown');
  const warnings = entry.warnings;
  if (!Number.isInteger(warnings) || warnings <= 0) return done;
  return warnings === 1 ? text('historyWarningOne', [done]) : text('historyWarningsMany', [done, String(warnings)]);
}

/** Only the fields below are ever shown: an entry may carry nothing else worth showing. */
function renderHistory(history) {
  const entries = (Array.isArray(history) ? history : [])
    .filter((entry) => entry && typeof entry === 'object')
    .slice(0, HISTORY_LIMIT);
  const body = byId('history').tBodies[0];
  body.replaceChildren();
  for (const entry of entries) {
    const row = document.createElement('tr');
    cell(row, when(entry.at));
    cell(row, typeof entry.client === 'string' ? entry.client : text('historyUnknown'));
    cell(row, typeof entry.domainLabel === 'string' ? entry.domainLabel : text('historyUnknown'));
    cell(row, outcome(entry));
    cell(row, count(entry.assets), 'number');
    cell(row, count(entry.policies), 'number');
    body.append(row);
  }
  byId('history').hidden = entries.length === 0;
  byId('history-clear').hidden = entries.length === 0;
  byId('history-none').hidden = entries.length > 0;
}

async function renderAll() {
  const [stored, settings] = await Promise.all([chrome.storage.local.get(['rememberedLogin', 'history']), readSettings()]);
  renderSettings(settings);
  renderLogin(stored.rememberedLogin);
  renderHistory(stored.history);
  resetDomainForm();
}

// Changes made elsewhere (another options tab, the service worker) show up here.
chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  if ('settings' in changes) {
    build.then((defaults) => renderSettings(settingsFrom(changes.settings.newValue, defaults)));
  }
  if ('rememberedLogin' in changes) renderLogin(changes.rememberedLogin.newValue);
  if ('history' in changes) renderHistory(changes.history.newValue);
});

// ---------------------------------------------------------------------------
// Form errors: shown next to the field, tied to it for screen readers

function showError(input, message) {
  const error = byId(`${input.id}-error`);
  const describedBy = (input.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && id !== error.id);
  if (message) {
    error.textContent = message;
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    describedBy.push(error.id);
  } else {
    error.textContent = '';
    error.hidden = true;
    input.removeAttribute('aria-invalid');
  }
  if (describedBy.length) input.setAttribute('aria-describedby', describedBy.join(' '));
  else input.removeAttribute('aria-describedby');
}

// ---------------------------------------------------------------------------
// eMoney domains

/**
 * An eMoney domain's address, checked: `{ value }` (normalized: the origin,
 * no trailing slash) or `{ error }` (a sentence). https only; http for this
 * computer in the development build alone (its defaults name those hosts, so
 * that this file, shipped in every build, names none).
 */
function checkDomainAddress(raw, defaults) {
  const input = raw.trim();
  if (!input) return { error: text('domainAddressMissing') };
  let url;
  try {
    url = new URL(input);
  } catch {
    return { error: text('domainAddressInvalid') };
  }
  const loopbackAllowed =
    defaults.development && url.protocol === 'http:' && defaults.loopbackHosts.includes(url.hostname);
  if (url.protocol !== 'https:' && !loopbackAllowed) {
    return { error: text(defaults.development ? 'domainAddressHttpsDevelopment' : 'domainAddressHttps') };
  }
  if (!url.hostname) return { error: text('domainAddressInvalid') };
  if (url.username || url.password) return { error: text('domainAddressCredentials') };
  // URL drops an empty "?" or "#", so look at what was typed too.
  if (url.search || url.hash || /[?#]/.test(input)) return { error: text('domainAddressQuery') };
  if (url.pathname !== '/') return { error: text('domainAddressPath') };
  return { value: url.origin };
}

/** The label of the domain being edited, or null when the form adds one. */
let editing = null;

const domainForm = byId('domain-form');
const domainFields = { label: byId('domain-label'), apiBase: byId('domain-api'), webBase: byId('domain-web') };

function resetDomainForm() {
  editing = null;
  domainForm.reset();
  for (const input of Object.values(domainFields)) showError(input, '');
  byId('domain-form-heading').textContent = text('domainFormAdd');
  byId('domain-save').textContent = text('domainAddButton');
  byId('domain-cancel').hidden = true;
}

function startEditing(domain) {
  resetDomainForm();
  editing = domain.label;
  domainFields.label.value = domain.label;
  domainFields.apiBase.value = domain.apiBase;
  domainFields.webBase.value = domain.webBase;
  byId('domain-form-heading').textContent = text('domainFormEdit', [domain.label]);
  byId('domain-save').textContent = text('domainSaveButton');
  byId('domain-cancel').hidden = false;
  domainFields.label.focus();
}

byId('domain-cancel').addEventListener('click', () => {
  resetDomainForm();
  domainFields.label.focus();
});

const sameLabel = (a, b) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

domainForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const defaults = await build;
  const label = domainFields.label.value.trim();
  const apiBase = checkDomainAddress(domainFields.apiBase.value, defaults);
  const webBase = checkDomainAddress(domainFields.webBase.value, defaults);
  showError(domainFields.label, label ? '' : text('domainLabelMissing'));
  showError(domainFields.apiBase, apiBase.error ?? '');
  showError(domainFields.webBase, webBase.error ?? '');
  const original = editing;
  let status = '';
  try {
    const saved =
      label &&
      !apiBase.error &&
      !webBase.error &&
      (await updateSettings((settings) => {
        // Uniqueness is checked against what is stored now, not what was shown.
        if (settings.domains.some((d) => sameLabel(d.label, label) && !(original && sameLabel(d.label, original)))) {
          showError(domainFields.label, text('domainLabelTaken'));
          return false;
        }
        const domain = { label, apiBase: apiBase.value, webBase: webBase.value };
        if (original === null) {
          settings.domains.push(domain);
          status = text('domainAdded', [label]);
          return true;
        }
        const index = settings.domains.findIndex((d) => d.label === original);
        if (index < 0) {
          status = text('domainGone');
          return false;
        }
        settings.domains[index] = domain;
        status = text('domainSaved', [label]);
        return true;
      }));
    if (saved) {
      resetDomainForm();
      say(status);
      domainFields.label.focus();
    } else {
      say(status || text('domainFixErrors'));
      domainForm.querySelector('[aria-invalid="true"]')?.focus();
    }
  } catch (error) {
    sayFailure(error);
  }
});

async function removeDomain(label) {
  try {
    await updateSettings((settings) => {
      settings.domains = settings.domains.filter((d) => d.label !== label);
    });
    if (editing === label) resetDomainForm();
    say(text('domainRemoved', [label]));
    domainFields.label.focus();
  } catch (error) {
    sayFailure(error);
  }
}

// ---------------------------------------------------------------------------
// SmartOffice addresses the advisor adds
//
// The browser must allow the extension on the address (an optional host
// permission, asked for from the click itself: a request after an `await`
// loses the user gesture and is refused), then the same loader the manifest
// runs on SmartOffice's hosts is registered for it.
//
// The loader imports the page module (pkg/page.js and its wasm) from the
// extension. Web-accessible resources are fixed in the manifest and list
// SmartOffice's hosts only; widening them to every https site would let any
// site probe for the extension. Measured (tests/e2e/options.test.mjs): on an
// added address the loader runs but its import of pkg/page.js is refused, so
// the menu entry does not load there yet; the page says so (#offices-limitation).

/** A SmartOffice address, checked: `{ host, pattern }` or `{ error }`. */
function checkOffice(raw, offices) {
  const input = raw.trim().toLowerCase();
  if (!input) return { error: text('officeMissing') };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//.exec(input);
  if (scheme && scheme[1] !== 'https') return { error: text('officeHttps') };
  // https://host, https://host/ or https://host/* (as a pattern is written), optionally *.host.
  const match = /^https:\/\/(\*\.)?([^/?#@:*\s]+)(?:\/\*?)?$/.exec(input);
  if (!match) return { error: text(scheme ? 'officeInvalid' : 'officeHttps') };
  const wildcard = match[1] ?? '';
  let name;
  try {
    // The host as the browser writes it (international names in punycode).
    name = new URL(`https://${match[2]}`).hostname;
  } catch {
    return { error: text('officeInvalid') };
  }
  if (!name || name.startsWith('.') || name.endsWith('.') || name.includes('..')) {
    return { error: text('officeInvalid') };
  }
  // *.com would run the extension on a whole top-level domain.
  if (wildcard && !name.includes('.')) return { error: text('officeTooWide') };
  const host = wildcard + name;
  const pattern = `https://${host}/*`;
  if (coveredByBuiltIn(name)) return { error: text('officeBuiltIn') };
  if (offices.includes(pattern)) return { error: text('officeListed') };
  return { host, pattern };
}

/** True when a built-in pattern (`https://*.ez-data.com/*`) already covers the host. */
function coveredByBuiltIn(name) {
  return builtInOffices.some((pattern) => {
    const match = /^https:\/\/(\*\.)?([^/]+)\/\*$/.exec(pattern);
    if (!match) return false;
    const [, wildcard, host] = match;
    return name === host || (wildcard && name.endsWith(`.${host}`));
  });
}

const officeScriptId = (host) => `office-${host}`;
const officeHost = (pattern) => pattern.slice('https://'.length, -'/*'.length);

byId('office-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = byId('office-address');
  // Checked against the list as shown, synchronously: the permission request
  // must come before any await.
  const office = checkOffice(input.value, shownSettings?.offices ?? []);
  showError(input, office.error ?? '');
  if (office.error) {
    input.focus();
    return;
  }
  chrome.permissions.request({ origins: [office.pattern] }).then(
    (granted) => (granted ? addOffice(office) : say(text('officeDenied', [office.pattern]))),
    (error) => say(text('officeFailed', [error?.message ?? String(error)])),
  );
});

async function addOffice({ host, pattern }) {
  const id = officeScriptId(host);
  try {
    // A registration left over from an earlier add is replaced.
    const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [id] });
    if (existing.length) await chrome.scripting.unregisterContentScripts({ ids: [id] });
    await chrome.scripting.registerContentScripts([{ id, matches: [pattern], ...OFFICE_SCRIPT }]);
    await updateSettings((settings) => {
      if (!settings.offices.includes(pattern)) settings.offices.push(pattern);
    });
    byId('office-address').value = '';
    say(text('officeAdded', [pattern]));
  } catch (error) {
    say(text('officeFailed', [error?.message ?? String(error)]));
  }
}

async function removeOffice(pattern) {
  try {
    // Each step is tried even if an earlier one finds nothing to undo.
    await chrome.scripting.unregisterContentScripts({ ids: [officeScriptId(officeHost(pattern))] }).catch(() => {});
    await chrome.permissions.remove({ origins: [pattern] }).catch(() => {});
    await updateSettings((settings) => {
      settings.offices = settings.offices.filter((o) => o !== pattern);
    });
    say(text('officeRemoved', [pattern]));
    byId('office-address').focus();
  } catch (error) {
    sayFailure(error);
  }
}

// ---------------------------------------------------------------------------
// Remembered login

byId('login-forget').addEventListener('click', async () => {
  const { rememberedLogin: login } = await chrome.storage.local.get('rememberedLogin');
  if (!login) {
    renderLogin(null);
    return;
  }
  // The key goes whatever the service worker answers: the advisor asked to be forgotten.
  const [removed, signedOut] = await Promise.allSettled([
    chrome.storage.local.remove('rememberedLogin'),
    chrome.runtime.sendMessage({ type: 'signOut', domain: login.apiBase }),
  ]);
  if (removed.status === 'rejected') {
    sayFailure(removed.reason);
    return;
  }
  renderLogin(null);
  const user = String(login.userName);
  const domain = String(login.domainLabel || login.apiBase);
  const reply = signedOut.status === 'fulfilled' ? signedOut.value : null;
  if (reply?.type === 'signedOut') {
    say(text('loginForgotten', [user, domain]));
  } else {
    const reason = reply?.message ?? signedOut.reason?.message ?? String(reply?.type ?? signedOut.reason);
    say(text('loginForgottenUnconfirmed', [user, domain, reason]));
  }
});

// ---------------------------------------------------------------------------
// What to send: saved as soon as a box changes

for (const [id, key] of [
  ['send-investments', 'sendInvestments'],
  ['send-policies', 'sendPolicies'],
]) {
  byId(id).addEventListener('change', async (event) => {
    const checked = event.target.checked;
    try {
      await updateSettings((settings) => {
        settings[key] = checked;
      });
      say(text('sendSaved'));
    } catch (error) {
      sayFailure(error);
    }
  });
}

// ---------------------------------------------------------------------------
// Export history

byId('history-clear').addEventListener('click', async () => {
  try {
    await chrome.storage.local.remove('history');
    renderHistory([]);
    say(text('historyCleared'));
    // The button is gone: keep the keyboard in this section.
    byId('history-heading').focus();
  } catch (error) {
    sayFailure(error);
  }
});

renderAll().then(
  () => document.documentElement.setAttribute('data-ready', ''),
  sayFailure,
);
