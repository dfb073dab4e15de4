// Options page: eMoney domains, SmartOffice addresses, the remembered login,
// what to send, and the export history. It shows what the service worker
// says and asks it for every change: the worker owns the settings, their
// defaults, the firm's pushed values and every rule (one domain rule, one
// office rule), so nothing here decides what is valid.
import { ask, el, loadWords, pressed, t, translate } from './ui.js';

const byId = (id) => document.getElementById(id);

function say(message) {
  byId('status').textContent = message;
}

// ---------------------------------------------------------------------------
// Rendering what the worker says

function renderAll(view) {
  const { settings, pushed } = view.effective;
  byId('locked').hidden = !pushed.locked;
  byId('domains-pushed').hidden = !pushed.domains;
  byId('offices-pushed').hidden = !pushed.offices;
  byId('send-pushed').hidden = !pushed.send;
  byId('remember-pushed').hidden = !pushed.rememberMe;
  const domainsLocked = pushed.locked || pushed.domains;
  const officesLocked = pushed.locked || pushed.offices;
  byId('domain-form').hidden = domainsLocked;
  byId('office-form').hidden = officesLocked;
  renderDomains(settings.domains, domainsLocked);
  byId('offices').replaceChildren(...view.builtInOffices.map((words) => el('li', { text: words })));
  renderOffices(settings.offices, officesLocked, view.officesWaiting ?? []);
  for (const [id, key] of [['send-investments', 'sendInvestments'], ['send-policies', 'sendPolicies']]) {
    byId(id).checked = settings[key];
    byId(id).disabled = pushed.locked || pushed.send;
  }
  renderLogin(view.remembered);
  renderHistory(view.history);
  renderProfile(view.profile);
}

function renderProfile(profile) {
  byId('profile-added').textContent = profile.added > 0 ? t('optionsProfileAdded', [String(profile.added)]) : t('optionsProfileNone');
  byId('profile-problems').replaceChildren(...profile.problems.map((said) => el('li', { class: 'error', text: said })));
}

/** Renders the worker's view of the settings; says why not (false) when it cannot. */
async function refresh() {
  const reply = await ask({ type: 'options' });
  if (reply.type !== 'options') {
    say(reply.said);
    return false;
  }
  renderAll(reply);
  return true;
}

function button(label, accessibleName, onClick) {
  const element = el('button', { type: 'button', text: label, 'aria-label': accessibleName });
  element.addEventListener('click', () => pressed(element, onClick));
  return element;
}

function renderDomains(domains, locked) {
  byId('domains').replaceChildren(...domains.map((domain) => el('li', {}, [
    el('div', { class: 'details' }, [
      el('strong', { text: domain.label }),
      el('span', { text: t('domainApiBase', [domain.apiBase]) }),
      el('span', { text: t('domainWebBase', [domain.webBase]) }),
    ]),
    locked ? null : el('div', { class: 'actions' }, [
      button(t('domainEdit'), t('domainEditNamed', [domain.label]), () => startEditing(domain)),
      button(t('domainRemove'), t('domainRemoveNamed', [domain.label]), () => removeDomain(domain.label)),
    ]),
  ])));
  byId('domains-none').hidden = domains.length > 0;
}

function renderOffices(offices, locked, waiting) {
  byId('added-offices').replaceChildren(...offices.map((pattern) => el('li', {}, [
    el('code', { text: pattern }),
    // An address in force the browser does not allow yet (the firm's, say):
    // asked for in the click itself, as when an address is added.
    waiting.includes(pattern) ? el('span', { class: 'waiting', text: t('officeWaiting') }) : null,
    waiting.includes(pattern) ? allowButton(pattern) : null,
    locked ? null : button(t('officeRemove'), t('officeRemoveNamed', [pattern]), () => removeOffice(pattern)),
  ])));
  byId('added-offices-none').hidden = offices.length > 0;
}

function allowButton(pattern) {
  const element = el('button', { type: 'button', text: t('officeAllow'), 'aria-label': t('officeAllowNamed', [pattern]) });
  element.addEventListener('click', () => {
    chrome.permissions.request({ origins: [pattern] }).then(
      async (granted) => {
        say(granted ? t('officeAllowed', [pattern]) : t('officeAllowRefused', [pattern]));
        // The worker registers the loader when the browser allows it.
        if (granted) await refresh();
      },
      () => say(t('officeAllowRefused', [pattern])),
    );
  });
  return element;
}

function renderLogin(login) {
  byId('login-text').textContent = login
    ? t('loginRemembered', [login.userName, login.domainLabel])
    : t('loginNone');
  byId('login-forget').hidden = !login;
}

function when(at) {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return document.createTextNode(t('historyUnknown'));
  // The browser's locale and time zone.
  return el('time', { dateTime: date.toISOString(), text: date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) });
}

function renderHistory(rows) {
  const body = byId('history').tBodies[0];
  body.replaceChildren(...rows.map(({ entry, outcome, sent }) => el('tr', {}, [
    el('td', {}, [when(entry.at)]),
    el('td', { text: entry.client }),
    el('td', { text: entry.domainLabel }),
    el('td', { text: outcome }),
    el('td', { text: sent }),
    el('td', {}, [button(t('historyOpen'), t('historyOpenNamed', [entry.client]), () => openAgain(entry))]),
  ])));
  byId('history').hidden = rows.length === 0;
  byId('history-clear').hidden = rows.length === 0;
  byId('history-none').hidden = rows.length > 0;
}

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

/** Says what the worker answered; true when it was done. */
async function reported(request) {
  const reply = await ask(request);
  // The page shows the change before it says so: whoever reads or hears
  // the sentence finds the page already matching it.
  if (reply.type === 'done' && !(await refresh())) return reply;
  say(reply.said ?? '');
  return reply;
}

// ---------------------------------------------------------------------------
// eMoney domains

/** The label of the domain being edited, or null when the form adds one. */
let editing = null;

const domainForm = byId('domain-form');
const domainFields = { label: byId('domain-label'), apiBase: byId('domain-api'), webBase: byId('domain-web') };

function resetDomainForm() {
  editing = null;
  domainForm.reset();
  for (const input of Object.values(domainFields)) showError(input, '');
  byId('domain-form-heading').textContent = t('domainFormAdd');
  byId('domain-save').textContent = t('domainAddButton');
  byId('domain-cancel').hidden = true;
}

function startEditing(domain) {
  resetDomainForm();
  editing = domain.label;
  domainFields.label.value = domain.label;
  domainFields.apiBase.value = domain.apiBase;
  domainFields.webBase.value = domain.webBase;
  byId('domain-form-heading').textContent = t('domainFormEdit', [domain.label]);
  byId('domain-save').textContent = t('domainSaveButton');
  byId('domain-cancel').hidden = false;
  domainFields.label.focus();
}

byId('domain-cancel').addEventListener('click', () => {
  resetDomainForm();
  domainFields.label.focus();
});

domainForm.addEventListener('submit', (event) => {
  event.preventDefault();
  pressed(byId('domain-save'), async () => {
    const input = {
      label: domainFields.label.value,
      apiBase: domainFields.apiBase.value,
      webBase: domainFields.webBase.value,
    };
    const reply = await ask({ type: 'domainSave', input, editing });
    if (reply.type === 'domainProblems') {
      const { problems } = reply;
      showError(domainFields.label, problems.label ?? '');
      showError(domainFields.apiBase, problems.apiBase ?? '');
      showError(domainFields.webBase, problems.webBase ?? '');
      say(t('domainFixErrors'));
      domainForm.querySelector('[aria-invalid="true"]')?.focus();
      return;
    }
    say(reply.said ?? '');
    if (reply.type === 'done') {
      resetDomainForm();
      await refresh();
      domainFields.label.focus();
    }
  });
});

async function removeDomain(label) {
  await reported({ type: 'domainRemove', label });
  if (editing === label) resetDomainForm();
  domainFields.label.focus();
}

// ---------------------------------------------------------------------------
// SmartOffice addresses
//
// The browser must allow the extension on the address (an optional host
// permission, asked for in the click itself: after an `await` Firefox
// refuses). So the worker checks the address as it is typed, and the pattern
// it answers is ready when the advisor clicks Add.

const officeInput = byId('office-address');
let officePattern = null;

async function checkOffice() {
  const typed = officeInput.value;
  const reply = await ask({ type: 'officeCheck', address: typed });
  if (officeInput.value !== typed) return;
  officePattern = reply.type === 'officePattern' ? reply.pattern : null;
  return reply;
}

officeInput.addEventListener('input', () => {
  officePattern = null;
  showError(officeInput, '');
  checkOffice();
});

byId('office-form').addEventListener('submit', (event) => {
  event.preventDefault();
  if (!officePattern) {
    checkOffice().then((reply) => {
      if (reply) showError(officeInput, reply.type === 'officePattern' ? '' : reply.said);
      if (reply?.type === 'officePattern') say(t('officeReady'));
      officeInput.focus();
    });
    return;
  }
  const pattern = officePattern;
  chrome.permissions.request({ origins: [pattern] }).then(
    async (granted) => {
      if (!granted) {
        say(t('officeDenied', [pattern]));
        return;
      }
      const reply = await reported({ type: 'officeAdd', pattern });
      if (reply.type === 'done') officeInput.value = '';
    },
    () => say(t('officeDenied', [pattern])),
  );
});

async function removeOffice(pattern) {
  await reported({ type: 'officeRemove', pattern });
  officeInput.focus();
}

// ---------------------------------------------------------------------------
// Remembered login, what to send, history

byId('login-forget').addEventListener('click', (event) => pressed(event.currentTarget, async () => {
  await reported({ type: 'loginForget' });
}));

for (const [id, key] of [['send-investments', 'investments'], ['send-policies', 'policies']]) {
  byId(id).addEventListener('change', async (event) => {
    await reported({ type: 'sendSave', [key]: event.target.checked });
  });
}

async function openAgain(entry) {
  const reply = await ask({ type: 'historyOpen', clientId: entry.clientId, apiBase: entry.apiBase });
  say(reply.said ?? '');
}

byId('history-clear').addEventListener('click', (event) => pressed(event.currentTarget, async () => {
  await reported({ type: 'historyClear' });
  // The button is gone: keep the keyboard in this section.
  byId('history-heading').focus();
}));

// ---------------------------------------------------------------------------
// What the extension sees on a page: the worker reads the chosen tab and
// answers the report's lines (values only by their shape); copied as shown.

const reportTab = byId('report-tab');

async function listTabs() {
  const reply = await ask({ type: 'pageTabs' });
  const tabs = reply.type === 'tabs' ? reply.tabs : [];
  const chosen = reportTab.value;
  reportTab.replaceChildren(...tabs.map((tab) => el('option', { value: String(tab.id), text: tab.title })));
  if (tabs.some((tab) => String(tab.id) === chosen)) reportTab.value = chosen;
  byId('report-tabs-none').hidden = tabs.length > 0;
  byId('report-show').disabled = tabs.length === 0;
}

reportTab.addEventListener('focus', listTabs);
window.addEventListener('focus', listTabs);

byId('report-form').addEventListener('submit', (event) => {
  event.preventDefault();
  if (!reportTab.value) return;
  pressed(byId('report-show'), async () => {
    const reply = await ask({ type: 'pageReport', tab: Number(reportTab.value) });
    const report = byId('report');
    if (reply.type === 'report') {
      report.textContent = reply.lines.join('\n');
      report.hidden = false;
      byId('report-copy').hidden = false;
      say(t('reportShown'));
    } else {
      say(reply.said ?? '');
    }
  });
});

byId('report-copy').addEventListener('click', () => {
  navigator.clipboard.writeText(byId('report').textContent).then(
    () => say(t('reportCopied')),
    () => say(t('reportCopyFailed')),
  );
});

// Changes made elsewhere (another options tab, an export) show up here.
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'managed' || (area === 'local' && ['settings', 'rememberedLogin', 'history'].some((key) => key in changes))) {
    refresh();
  }
});

await loadWords();
translate();
document.title = t('optionsTitle');
byId('version').textContent = t('optionsVersion', [chrome.runtime.getManifest().version]);
resetDomainForm();
await refresh();
await listTabs();
document.documentElement.setAttribute('data-ready', '');
