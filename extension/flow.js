// The export's dialog, in a window of the extension's own: the warnings, the
// seed's "eMoney User Authentication", the chooser, "Do you want to update
// client's information?" with what would change, progress and the summary.
// Each screen is an explicit state the service worker sends; this page only
// lays it out and sends back what the advisor chose. It learns no export id:
// the worker knows its export by the window it opened.
import { channel, el, loadWords, pressed, t, translate } from './ui.js';

const title = document.getElementById('title');
const lead = document.getElementById('lead');
const body = document.getElementById('body');
const footer = document.getElementById('buttons');

/** What Escape does on the screen shown (nothing while eMoney is written). */
let onEscape = null;
/** The progress of the step under way, when the working screen shows. */
let onProgress = null;
let worker = null;

function connect() {
  worker = channel('dialog', (push) => {
    // The worker writes while the advisor's answer (Login, Yes…) waits for
    // its reply: its first step brings the working screen.
    if (push.push === 'progress' && !onProgress) working({ step: push.said, lead: '' });
    onProgress?.(push);
  }, lost);
}

/** The worker was stopped (or the extension reloaded): nothing is lost. */
function lost() {
  // The answer the port still owed resolves as failed: this screen stays.
  worker = null;
  onProgress = null;
  const retry = el('button', { class: 'primary', text: t('flowRetry') });
  retry.addEventListener('click', () => pressed(retry, async () => {
    connect();
    await ask({ type: 'dialogOpen' });
  }));
  show(t('flowFailedTitle'), '', [el('p', { class: 'error', role: 'alert', text: t('flowLostWorker') })], [closeButton(), retry]);
  onEscape = cancel;
  retry.focus();
}

async function ask(request) {
  const reply = await worker.ask(request);
  // Lost on the way: lost() shows how to go on (a new port), not a retry on the old one.
  if (!worker) return undefined;
  if (reply.type === 'screen') return render(reply.screen);
  if (reply.type === 'closed') return window.close();
  return failed(reply.said);
}

function show(titleText, leadText, content, buttons) {
  title.textContent = titleText;
  lead.textContent = leadText || '';
  body.replaceChildren(...content.filter(Boolean));
  footer.replaceChildren(...buttons.filter(Boolean));
  body.scrollTop = 0;
  // On this page's own timeline (DevTools, cargo xtask bench): when each
  // screen was put up. Pages of other origins cannot read it.
  performance.mark('so-emoney screen', { detail: titleText });
}

function cancel() {
  return ask({ type: 'dialogCancel' });
}

function cancelButton() {
  const button = el('button', { type: 'button', text: t('flowCancel') });
  button.addEventListener('click', () => pressed(button, cancel));
  return button;
}

function closeButton() {
  const button = el('button', { type: 'button', text: t('flowClose') });
  button.addEventListener('click', () => pressed(button, cancel));
  return button;
}

/** A button that sends `action` and shows the screen the worker answers. */
function actionButton(label, action, primary = false) {
  const button = el('button', { type: 'button', class: primary ? 'primary' : undefined, text: label });
  button.addEventListener('click', () => pressed(button, () => act(action())));
  return button;
}

function act(action) {
  if (action === null) return undefined;
  return ask({ type: 'dialogAction', action });
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && onEscape) {
    event.preventDefault();
    onEscape();
  }
  if (event.key === 'Tab') keepTabInside(event);
});

/** Tab and Shift+Tab go round the dialog's own controls, never out of it. */
function keepTabInside(event) {
  const card = document.getElementById('card');
  const controls = [...card.querySelectorAll('button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])')]
    .filter((control) => !control.disabled && control.getClientRects().length > 0);
  if (!controls.length) {
    event.preventDefault();
    return;
  }
  const first = controls[0];
  const last = controls[controls.length - 1];
  const at = document.activeElement;
  const inside = controls.includes(at);
  if (event.shiftKey && (at === first || !inside)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (at === last || !card.contains(at))) {
    event.preventDefault();
    first.focus();
  }
}

function render(screen) {
  onProgress = null;
  onEscape = cancel;
  switch (screen.screen) {
    case 'warnings': return warnings(screen);
    case 'signIn': return signIn(screen);
    case 'working': return working(screen);
    case 'choose': return choose(screen);
    case 'confirm': return confirm(screen);
    case 'done': return done(screen);
    case 'failed': return failed(screen.text);
    case 'gone': return gone(screen);
    default: return failed(t('flowLostWorker'));
  }
}

function list(items, className) {
  return el('ul', { class: `findings ${className}` }, items.map((text) => el('li', { text })));
}

function warnings(screen) {
  const go = actionButton(t('flowContinue'), () => ({ action: 'continue' }), true);
  show(t('flowWarningsTitle'), screen.lead, [list(screen.warnings, 'warn')], [cancelButton(), go]);
  go.focus();
}

/** The user name last typed here: a wrong password does not cost the advisor it. */
let typedUserName = '';

/** The seed's dialog: User Name, Password, eMoney Domain, Remember Me, Login. */
function signIn(screen) {
  const userName = el('input', { type: 'text', id: 'user-name', autocomplete: 'username', required: true, value: typedUserName || screen.userName || '' });
  const password = el('input', { type: 'password', id: 'password', autocomplete: 'current-password', required: true });
  const domain = el('select', { id: 'domain' }, screen.domains.map((d) => el('option', { value: d.apiBase, text: d.label, selected: d.apiBase === screen.domain })));
  const remember = el('input', { type: 'checkbox', id: 'remember-me', checked: screen.rememberMe });
  const error = el('p', { class: 'error', id: 'sign-in-error', role: 'alert', text: screen.error || '' });
  const login = el('button', { type: 'submit', class: 'primary', form: 'sign-in', text: t('flowLogin') });
  const form = el('form', { id: 'sign-in', novalidate: true, 'aria-describedby': 'sign-in-error' }, [
    el('label', { htmlFor: 'user-name', text: t('flowUserName') }), userName,
    el('label', { htmlFor: 'password', text: t('flowPassword') }), password,
    el('label', { htmlFor: 'domain', text: t('flowDomain') }), domain,
    screen.rememberAllowed && el('label', { class: 'check' }, [remember, document.createTextNode(t('flowRememberMe'))]),
    error,
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (login.disabled) return;
    // A new try starts without the last one's error.
    error.textContent = '';
    if (!screen.domains.length) {
      error.textContent = screen.error || t('flowNoDomainHere');
      return;
    }
    if (!userName.value.trim() || !password.value) {
      error.textContent = t('flowSignInMissing');
      (userName.value.trim() ? password : userName).focus();
      return;
    }
    typedUserName = userName.value.trim();
    const chosen = screen.domains.find((d) => d.apiBase === domain.value);
    // Asked in the click itself (Firefox refuses it after an await); the
    // browser answers at once when the domain is granted already.
    const allowed = chrome.permissions.request({ origins: chosen?.origins ?? [] });
    const action = {
      action: 'signIn',
      domain: domain.value,
      userName: userName.value.trim(),
      password: password.value,
      rememberMe: screen.rememberAllowed && remember.checked,
    };
    // The password leaves this page's memory as soon as it is sent.
    password.value = '';
    pressed(login, async () => {
      let granted = false;
      try {
        granted = await allowed;
      } catch {
        granted = false;
      }
      if (!granted) {
        error.textContent = t('flowDomainNotAllowed');
        password.focus();
        return;
      }
      await act(action);
    });
  });
  show(t('flowSignInTitle'), screen.lead, [form], [cancelButton(), login]);
  (userName.value ? password : userName).focus();
}

function working(screen) {
  // A bar with no value is the browser's "under way" look, until a count is known.
  const bar = el('progress', { id: 'progress', 'aria-label': t('flowProgressLabel') });
  const step = el('p', { id: 'step', role: 'status', text: screen.step });
  onEscape = null;
  onProgress = (push) => {
    step.textContent = push.said;
    if (push.total > 0) {
      bar.max = push.total;
      bar.value = push.done;
    } else {
      bar.removeAttribute('value');
    }
  };
  show(t('flowWritingTitle'), screen.lead, [step, bar], []);
}

function choose(screen) {
  const name = 'candidate';
  const options = screen.candidates.map((candidate) =>
    el('label', { class: 'check candidate' }, [
      el('input', { type: 'radio', name, value: candidate.id }),
      el('span', {}, [
        document.createTextNode(candidate.name),
        el('span', { class: 'details', text: ` — ${candidate.details.join(' · ')}` }),
      ]),
    ]),
  );
  options.push(el('label', { class: 'check' }, [el('input', { type: 'radio', name, value: '' }), document.createTextNode(t('flowCreateNew'))]));
  const fieldset = el('fieldset', {}, [el('legend', { text: t('flowChooseLegend') }), ...options]);
  const go = actionButton(t('flowContinue'), () => {
    const picked = fieldset.querySelector(`input[name=${name}]:checked`);
    if (!picked) return null;
    return { action: 'choose', clientId: picked.value || null };
  }, true);
  go.disabled = true;
  fieldset.addEventListener('change', () => {
    go.disabled = !fieldset.querySelector(`input[name=${name}]:checked`);
  });
  show(t('flowChooseTitle'), screen.lead, [fieldset], [cancelButton(), go]);
  lead.focus();
}

function changesTable(id, caption, rows) {
  return el('table', { id }, [
    el('caption', { text: caption }),
    el('thead', {}, [el('tr', {}, [
      el('th', { scope: 'col', text: t('flowField') }),
      el('th', { scope: 'col', text: t('flowInEmoney') }),
      el('th', { scope: 'col', text: t('flowInSmartOffice') }),
    ])]),
    el('tbody', {}, rows.map((row) => el('tr', {}, [
      el('th', { scope: 'row', text: row.field }),
      el('td', { class: 'value', text: row.from ?? t('flowNothing') }),
      el('td', { class: 'value', text: row.to }),
    ]))),
  ]);
}

/** The seed's prompt; the question first, what would change below it. */
function confirm(screen) {
  const content = [];
  if (screen.changedMeanwhile) content.push(el('p', { class: 'warn', role: 'alert', text: t('flowChangedMeanwhile') }));
  let notThis = null;
  if (screen.matched) {
    content.push(el('p', { class: 'note', id: 'matched', text: t('flowMatched', [screen.matched]) }));
    notThis = actionButton(t('flowNotThisClient'), () => ({ action: 'notThisClient' }));
    notThis.classList.add('aside');
  }
  if (screen.links) content.push(el('p', { text: t('flowWillLink') }));
  content.push(screen.changes.length
    ? changesTable('changes', t('flowChangesCaption'), screen.changes)
    : el('p', { text: t('flowNoFieldChanges') }));
  if (screen.kept.length) {
    content.push(el('h2', { text: t('flowKeptHeading') }), el('p', { text: t('flowKeptLead') }));
    content.push(el('table', { id: 'kept' }, [
      el('thead', {}, [el('tr', {}, [
        el('th', { scope: 'col', text: t('flowField') }),
        el('th', { scope: 'col', text: t('flowInEmoney') }),
        el('th', { scope: 'col', text: t('flowRemove') }),
      ])]),
      el('tbody', {}, screen.kept.map((kept) => el('tr', {}, [
        el('th', { scope: 'row', text: kept.field }),
        el('td', { class: 'value', text: kept.value }),
        el('td', {}, [el('input', { type: 'checkbox', name: 'remove', value: kept.path, 'aria-label': t('flowRemoveNamed', [kept.field]) })]),
      ]))),
    ]));
  }
  if (screen.items.length) {
    content.push(el('h2', { text: t('flowItemsCaption') }));
    content.push(el('ul', { id: 'item-changes' }, screen.items.map((item) => el('li', {}, [
      document.createTextNode(item.title),
      item.changes.length ? changesTable('', t('flowItemChanges'), item.changes) : null,
    ]))));
  } else {
    content.push(el('p', { text: t('flowNoItemChanges') }));
  }
  const removals = () => [...body.querySelectorAll('input[name=remove]:checked')].map((box) => box.value);
  const yes = actionButton(t('flowYes'), () => ({ action: 'confirm', removals: removals() }), true);
  const no = actionButton(t('flowNo'), () => ({ action: 'decline' }));
  show(t('flowExistsTitle'), t('flowUpdateQuestion'), content, [notThis, cancelButton(), no, yes]);
  // The question gets the keyboard, not Yes: Enter never overwrites by chance.
  lead.focus();
}

function done(screen) {
  onEscape = () => window.close();
  show(t('flowDoneTitle'), '', [el('p', { id: 'summary', role: 'status', text: screen.summary }), el('p', { text: t('flowOpening') })], []);
  title.focus();
}

function failed(message) {
  const retry = actionButton(t('flowRetry'), () => ({ action: 'retry' }), true);
  show(t('flowFailedTitle'), '', [el('p', { class: 'error', role: 'alert', text: message || t('flowLostWorker') })], [closeButton(), retry]);
  retry.focus();
}

function gone(screen) {
  onEscape = () => window.close();
  const close = el('button', { type: 'button', text: t('flowClose'), on: { click: () => window.close() } });
  show(t('flowGoneTitle'), '', [el('p', { role: 'alert', text: screen.text })], [close]);
  close.focus();
}

await loadWords();
translate();
show(t('flowPreparingTitle'), t('flowPreparing'), [], []);
connect();
await ask({ type: 'dialogOpen' });
