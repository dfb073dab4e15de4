// The export's dialog, shown over the SmartOffice record in an extension frame:
// sign-in ("eMoney User Authentication"), findings, the update prompt with its
// preview, progress and the summary. It only renders and asks the service
// worker, which does the work; the page learns nothing but "launch" or "close".
'use strict';

const flowId = new URLSearchParams(location.search).get('flow') || '';
// Words come from _locales through chrome.i18n. In a frame that a web page
// embeds, Chromium sometimes answers "" before the extension's messages have
// reached the frame's process: then the same file is read directly.
let fallback = null;
const t = (key, substitutions = []) =>
  chrome.i18n.getMessage(key, substitutions) || (fallback && fill(fallback[key], substitutions)) || key;

function fill(entry, substitutions) {
  if (!entry) return '';
  const list = [].concat(substitutions);
  return entry.message.replace(/\$(\w+)\$/g, (whole, name) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? whole;
    return content.replace(/\$(\d)/g, (_, index) => list[Number(index) - 1] ?? '');
  });
}

async function loadWords() {
  if (chrome.i18n.getMessage('flowSignInTitle')) return;
  try {
    const language = chrome.runtime.getManifest().default_locale || 'en';
    fallback = await (await fetch(chrome.runtime.getURL(`_locales/${language}/messages.json`))).json();
  } catch {
    // Without words the dialog still shows their keys, and still works.
  }
}

const title = document.getElementById('title');
const lead = document.getElementById('lead');
const body = document.getElementById('body');
let state = null; // the service worker's flowState reply
let busy = false; // writing: Escape does not close

/** Builds an element; text is always set as text, never parsed as markup. */
function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') node.textContent = value;
    else if (key === 'on') for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    else if (key in node && key !== 'list') node[key] = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

function show(titleText, leadText, ...content) {
  title.textContent = titleText;
  lead.textContent = leadText || '';
  body.replaceChildren(...content);
}

async function ask(message) {
  try {
    const reply = await chrome.runtime.sendMessage({ ...message });
    if (reply && typeof reply.type === 'string') return reply;
  } catch {
    // The extension was reloaded under us: said below, like any lost answer.
  }
  return { type: 'failed', message: t('flowLostWorker'), signIn: false };
}

/** Tells the SmartOffice page (our content script there) what to do next. */
function toPage(what) {
  parent.postMessage({ soEmoney: what, flowId }, '*');
}

function close() {
  if (!busy) toPage('close');
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') {
    event.preventDefault();
    close();
  }
});

function buttons(...list) {
  return el('div', { class: 'buttons' }, list);
}

function findingList(findings, kind) {
  return el('ul', { class: `findings ${kind}` }, findings.map((text) => el('li', { text })));
}

async function start() {
  await loadWords();
  show(t('flowPreparingTitle'), t('flowPreparing'));
  const reply = await ask({ type: 'flowState', flowId });
  if (reply.type !== 'flowState') return failed(reply.message, false);
  state = reply;
  if (state.warnings.length) return warnings();
  proceed();
}

function warnings() {
  const go = el('button', { class: 'primary', text: t('flowContinue'), on: { click: proceed } });
  show(
    t('flowWarningsTitle'),
    t('flowWarningsLead', [state.client]),
    findingList(state.warnings, 'warn'),
    buttons(el('button', { text: t('flowCancel'), on: { click: close } }), go),
  );
  go.focus();
}

function proceed() {
  if (state.signedIn) exportClient(false);
  else signIn();
}

/** The seed's dialog: User Name, Password, eMoney Domain, Remember Me, Login. */
function signIn(message) {
  const userName = el('input', { type: 'text', id: 'user-name', autocomplete: 'username', required: true, value: state.userName || '' });
  const password = el('input', { type: 'password', id: 'password', autocomplete: 'current-password', required: true });
  const domain = el(
    'select',
    { id: 'domain' },
    state.domains.map((d) => el('option', { value: d.apiBase, text: d.label, selected: d.apiBase === state.domain })),
  );
  const remember = el('input', { type: 'checkbox', id: 'remember-me', checked: state.rememberMe });
  const error = el('p', { class: 'error', id: 'sign-in-error', role: 'alert', text: message || '' });
  const login = el('button', { type: 'submit', class: 'primary', text: t('flowLogin') });
  const form = el('form', { novalidate: true, 'aria-describedby': 'sign-in-error' }, [
    el('label', { htmlFor: 'user-name', text: t('flowUserName') }), userName,
    el('label', { htmlFor: 'password', text: t('flowPassword') }), password,
    el('label', { htmlFor: 'domain', text: t('flowDomain') }), domain,
    el('label', { class: 'check' }, [remember, document.createTextNode(t('flowRememberMe'))]),
    error,
    buttons(el('button', { type: 'button', text: t('flowCancel'), on: { click: close } }), login),
  ]);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!state.domains.length) return (error.textContent = t('flowNoDomain'));
    if (!userName.value.trim() || !password.value) {
      error.textContent = t('flowSignInMissing');
      (userName.value.trim() ? password : userName).focus();
      return;
    }
    login.disabled = true;
    if (!(await mayReach(domain.value))) {
      login.disabled = false;
      error.textContent = t('flowDomainNotAllowed');
      return;
    }
    const reply = await ask({
      type: 'signIn',
      domain: domain.value,
      userName: userName.value.trim(),
      password: password.value,
      rememberMe: remember.checked,
    });
    // The password leaves this page's memory as soon as it has been used.
    password.value = '';
    login.disabled = false;
    if (reply.type === 'signedIn') {
      state = { ...state, signedIn: true, domain: domain.value, userName: userName.value.trim() };
      return exportClient(false);
    }
    error.textContent = reply.message;
    password.focus();
  });
  show(t('flowSignInTitle'), t('flowSignInLead', [state.client]), form);
  if (!domain.options.length) error.textContent = t('flowNoDomain');
  (userName.value ? password : userName).focus();
}

/** The extension may call an eMoney domain only with the browser's leave:
 * asked for here, on the Login click, the first time a domain is used. */
async function mayReach(apiBase) {
  let origins;
  try {
    origins = [`${new URL(apiBase).origin}/*`];
  } catch {
    return false;
  }
  if (await chrome.permissions.contains({ origins })) return true;
  try {
    return await chrome.permissions.request({ origins });
  } catch {
    return false;
  }
}

async function exportClient(update) {
  busy = true;
  const progress = el('progress', { id: 'progress', max: 1, value: 0, 'aria-label': t('flowProgressLabel') });
  const step = el('p', { id: 'step', role: 'status', text: t('flowFinding') });
  show(t('flowWritingTitle'), t('flowWritingLead', [state.client]), step, progress);
  onProgress = (message) => {
    step.textContent = t(`flowStep_${message.step}`, [String(message.done), String(message.total)]);
    progress.max = Math.max(1, message.total);
    progress.value = message.done;
  };
  const reply = await ask({ type: 'flowExport', flowId, domain: state.domain, update });
  onProgress = null;
  busy = false;
  if (reply.type !== 'flowResult') return failed(reply.message, reply.signIn);
  if (reply.outcome === 'confirmUpdate') return confirmUpdate(reply);
  if (reply.outcome === 'choose') return choose(reply);
  done(reply);
}

let onProgress = null;
chrome.runtime.onMessage.addListener((message) => {
  if (message?.type === 'flowProgress' && message.flowId === flowId && onProgress) onProgress(message);
});

/** The seed's prompt, and below it what would change. */
function confirmUpdate(reply) {
  const rows = reply.changes.map((change) =>
    el('tr', {}, [el('th', { scope: 'row', text: change.field }), el('td', { text: change.current ?? t('flowEmpty') }), el('td', { text: change.proposed ?? t('flowEmpty') })]),
  );
  const fields = rows.length
    ? el('table', { id: 'changes' }, [
        el('caption', { text: t('flowChangesCaption') }),
        el('thead', {}, [el('tr', {}, [el('th', { scope: 'col', text: t('flowField') }), el('th', { scope: 'col', text: t('flowInEmoney') }), el('th', { scope: 'col', text: t('flowInSmartOffice') })])]),
        el('tbody', {}, rows),
      ])
    : el('p', { text: t('flowNoFieldChanges') });
  const items = reply.items.length
    ? el('ul', { id: 'item-changes', 'aria-label': t('flowItemsCaption') }, reply.items.map((item) => el('li', { text: item })))
    : el('p', { text: t('flowNoItemChanges') });
  const yes = el('button', { class: 'primary', text: t('flowYes'), on: { click: () => exportClient(true) } });
  const no = el('button', { text: t('flowNo'), on: { click: skipUpdate } });
  show(t('flowExistsTitle'), t('flowUpdateQuestion'), fields, items, buttons(no, yes));
  yes.focus();
}

async function skipUpdate() {
  busy = true;
  show(t('flowWritingTitle'), t('flowOpening'));
  const reply = await ask({ type: 'flowSkipUpdate', flowId, domain: state.domain });
  busy = false;
  if (reply.type !== 'flowResult') return failed(reply.message, reply.signIn);
  done(reply);
}

/** Several eMoney clients could be this person: the advisor says which. */
function choose(reply) {
  const options = reply.candidates.map((candidate, index) =>
    el('label', { class: 'check' }, [
      el('input', { type: 'radio', name: 'candidate', value: candidate.id, checked: index === 0 }),
      document.createTextNode(candidate.description),
    ]),
  );
  options.push(el('label', { class: 'check' }, [el('input', { type: 'radio', name: 'candidate', value: '' }), document.createTextNode(t('flowCreateNew'))]));
  const go = el('button', {
    class: 'primary',
    text: t('flowContinue'),
    on: {
      click: async () => {
        const picked = document.querySelector('input[name=candidate]:checked');
        const answer = await ask({ type: 'chooseClient', domain: state.domain, externalId: reply.externalId, clientId: picked?.value || null });
        if (answer.type !== 'choiceSaved') return failed(answer.message, answer.signIn);
        exportClient(false);
      },
    },
  });
  show(t('flowChooseTitle'), t('flowChooseLead'), el('fieldset', {}, [el('legend', { text: t('flowChooseLegend') }), ...options]), buttons(el('button', { text: t('flowCancel'), on: { click: close } }), go));
  go.focus();
}

function done(reply) {
  const lines = [el('p', { id: 'summary', role: 'status', text: reply.summary })];
  if (reply.warnings) lines.push(el('p', { text: t('flowWarningsCount', [String(reply.warnings)]) }));
  lines.push(el('p', { text: t('flowOpening') }));
  show(t('flowDoneTitle'), '', ...lines);
  toPage('launch');
}

function failed(message, needsSignIn) {
  if (needsSignIn && state) return signIn(message);
  const retry = el('button', { class: 'primary', text: t('flowRetry'), on: { click: start } });
  show(t('flowFailedTitle'), '', el('p', { class: 'error', role: 'alert', text: message || t('flowLostWorker') }), buttons(el('button', { text: t('flowClose'), on: { click: () => toPage('close') } }), retry));
  retry.focus();
}

start();
