// Real headless Firefox ESR (Debian's) with a built extension installed as a
// temporary add-on, driven over WebDriver by geckodriver.
//
// The client is npm's selenium-webdriver, from the lockfile. It never runs
// Selenium Manager (which would try to download a driver and a browser): we
// start geckodriver ourselves and hand selenium an executor bound to it, so
// the code path that asks Selenium Manager is never taken, and
// SE_MANAGER_PATH points nowhere so that a future version taking it anyway
// fails at once instead of reaching out.
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import firefox from 'selenium-webdriver/firefox.js';
import http from 'selenium-webdriver/http/index.js';

process.env.SE_MANAGER_PATH = '/nonexistent/selenium-manager';

const ROOT = resolve(import.meta.dirname, '../../..');
/** The development build (also runs on loopback) and the store build (SmartOffice's hosts only). */
export const EXTENSION_DIR = process.env.FIREFOX_EXTENSION_DIR || join(ROOT, 'dist/firefox-dev');
export const STORE_EXTENSION_DIR = process.env.FIREFOX_STORE_EXTENSION_DIR || join(ROOT, 'dist/firefox');
export const GECKODRIVER = process.env.GECKODRIVER || join(ROOT, '.tools/bin/geckodriver');
export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';

/**
 * Preferences of every test profile. WebDriver's own "recommended" set comes
 * on top (it covers much the same, but only after start-up and only for
 * preferences not set here).
 */
const PREFS = {
  // console.* of pages, content scripts and extension pages reach the log too.
  'devtools.console.stdout.content': true,
  // Tests decide about permissions and pop-ups, not a prompt nobody answers.
  'extensions.webextOptionalPermissionPrompts': false,
  // The pop-up blocker stays on, as advisors have it (WebDriver turns it off
  // unless the profile sets it).
  'dom.disable_open_during_load': true,
  // No first-run, welcome or what's-new pages; a blank start.
  'browser.startup.page': 0,
  'browser.startup.homepage': 'about:blank',
  'browser.startup.homepage_override.mstone': 'ignore',
  'startup.homepage_welcome_url': 'about:blank',
  'startup.homepage_welcome_url.additional': '',
  'browser.aboutwelcome.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'browser.newtabpage.enabled': false,
  'datareporting.policy.firstRunURL': '',
  // No telemetry, studies or experiments.
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.archive.enabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  // No updates of Firefox, add-ons, plug-ins or lists.
  'app.update.auto': false,
  'app.update.disabledForTesting': true,
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.blocklist.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'media.gmp-manager.updateEnabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.search.update': false,
  'browser.region.update.enabled': false,
  // Remote Settings reads a dummy server (honoured with
  // MOZ_DISABLE_NONLOCAL_CONNECTIONS, see startGeckodriver).
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  // No background connections: captive portal, connectivity, push, DNS over
  // HTTPS, prefetching and speculative connections, certificate status.
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'dom.push.connection.enabled': false,
  'network.trr.mode': 5,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.http.speculative-parallel-limit': 0,
  'browser.urlbar.speculativeConnect.enabled': false,
  'browser.places.speculativeConnect.enabled': false,
  'security.OCSP.enabled': 0,
  'identity.fxaccounts.enabled': false,
};

/**
 * Launches Firefox with the given extension builds installed as temporary
 * add-ons. `hosts` are host names that resolve to 127.0.0.1 in this browser
 * only (for https pages on a fake SmartOffice host; their certificates are
 * made up, so the session accepts them). `prefs` add to or override PREFS.
 *
 * Everything else leaving the machine goes to a proxy on loopback that
 * refuses it and keeps its address: `outsideAttempts()`.
 *
 * `policies`: a firm's `policies.json` (its `{ "policies": … }` object),
 * which this Firefox reads as it would from /etc/firefox/policies/ (see
 * `policyDriver`).
 */
export async function launch({ extensions = [EXTENSION_DIR], hosts = [], prefs = {}, policies } = {}) {
  const undo = [];
  try {
    // One folder per browser: the profile, and Firefox's temporary files.
    const run = await mkdtemp(join(tmpdir(), 'so-emoney-firefox-'));
    undo.push(atExit(() => rmSync(run, { recursive: true, force: true })));
    const profile = join(run, 'profile');
    await mkdir(join(run, 'tmp'), { recursive: true });
    await mkdir(profile);
    const outside = await startOutsideTrap();
    undo.push(outside.close);
    const addons = await Promise.all(extensions.map(readAddon));
    const geckodriver = await startGeckodriver(join(run, 'tmp'), policies ? policyDriver(run, policies) : GECKODRIVER);
    undo.push(geckodriver.kill);

    const options = new firefox.Options().setBinary(FIREFOX).addArguments('-headless', '-profile', profile);
    const all = {
      ...PREFS,
      // The add-ons' moz-extension:// hosts, known before they are installed.
      'extensions.webextensions.uuids': JSON.stringify(Object.fromEntries(addons.map((addon) => [addon.id, addon.uuid]))),
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': outside.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': outside.port,
      // Loopback never goes through a proxy; the fake hosts must not either.
      'network.proxy.no_proxies_on': hosts.join(','),
      ...(hosts.length ? { 'network.dns.localDomains': hosts.join(',') } : {}),
      ...prefs,
    };
    for (const [name, value] of Object.entries(all)) options.setPreference(name, value);
    if (hosts.length) options.setAcceptInsecureCerts(true);

    const driver = firefox.Driver.createSession(options, new http.Executor(new http.HttpClient(geckodriver.url)));
    const session = await driver.getSession();
    undo.push(() => withTimeout(driver.quit(), 10000).catch(() => {}));
    await driver.manage().setTimeouts({ script: 15000, pageLoad: 30000 });

    for (const addon of addons) {
      const installed = await geckodriver.post(`/session/${session.getId()}/moz/addon/install`, { path: addon.dir, temporary: true });
      if (installed !== addon.id) throw new Error(`installed ${installed}, expected ${addon.id}`);
    }
    const close = () => undoAll(undo);
    return new Browser({ driver, addons, geckodriver, outside, close });
  } catch (error) {
    await undoAll(undo);
    throw error;
  }
}

class Browser {
  #extensionTabs = new Map();

  constructor({ driver, addons, geckodriver, outside, close }) {
    this.driver = driver;
    /** The installed add-ons: { dir, id, uuid, name, base } (base: `moz-extension://<uuid>/`). */
    this.addons = addons;
    /** The first add-on: the extension under test. */
    this.extension = addons[0];
    this.geckodriver = geckodriver;
    this.close = close;
    this.outsideAttempts = () => [...outside.attempts];
  }

  /** `path` inside the extension under test. */
  extensionUrl(path, addon = this.extension) {
    return addon.base + path;
  }

  /** Opens `url` in a new tab and makes it the current window; returns its handle. */
  async open(url) {
    await this.driver.switchTo().newWindow('tab');
    await this.driver.get(url);
    return this.driver.getWindowHandle();
  }

  /** Switches to a window by handle. */
  async switchTo(handle) {
    await this.driver.switchTo().window(handle);
  }

  /** Closes the current window and goes back to `then` (a handle). */
  async closeWindow(then) {
    await this.driver.close();
    await this.driver.switchTo().window(then);
  }

  /**
   * Waits for a window (tab or pop-up) not in `known` whose address matches
   * `pattern`, and switches to it. Windows the extension opens with
   * chrome.windows.create show up this way.
   */
  async waitForWindow(pattern, known = [], timeout = 10000) {
    const seen = new Set(known);
    return eventually(async () => {
      for (const handle of await this.driver.getAllWindowHandles()) {
        if (seen.has(handle)) continue;
        await this.driver.switchTo().window(handle);
        const url = await this.driver.getCurrentUrl();
        if (pattern.test(url)) return handle;
      }
      return null;
    }, `a window at ${pattern}`, timeout);
  }

  /**
   * Runs `fn(...args)` (an async function, sent as source) in the current
   * window's page and returns what it resolves to (JSON-like values only).
   */
  async evaluate(fn, ...args) {
    const outcome = await this.driver.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       Promise.resolve()
         .then(() => (${fn})(...arguments[0]))
         .then((value) => done({ value }), (error) => done({ error: String(error?.stack || error) }));`,
      args,
    );
    if (outcome && 'error' in outcome) throw new Error(`in the page: ${outcome.error}`);
    return outcome?.value;
  }

  /**
   * Runs `fn(...args)` in an extension page of `addon` (a tab of its own at
   * `page`, opened once), where the chrome.* and browser.* APIs are; the
   * current window stays current.
   */
  async inExtension(fn, args = [], { page = 'options.html', addon = this.extension } = {}) {
    const back = await this.driver.getWindowHandle().catch(() => null);
    const key = addon.id + page;
    let handle = this.#extensionTabs.get(key);
    if (!handle || !(await this.driver.getAllWindowHandles()).includes(handle)) {
      handle = await this.open(this.extensionUrl(page, addon));
      this.#extensionTabs.set(key, handle);
    } else {
      await this.switchTo(handle);
    }
    try {
      return await this.evaluate(fn, ...args);
    } finally {
      if (back) await this.switchTo(back);
    }
  }

  /** Switches into the frame named `name` of the current page (waiting for it). */
  async frame(name) {
    await this.driver.switchTo().defaultContent();
    const element = await eventually(
      () => this.driver.findElements({ css: `iframe[name="${name}"], frame[name="${name}"]` }).then((found) => found[0]),
      `frame ${name}`,
    );
    await this.driver.switchTo().frame(element);
  }

  /**
   * What Firefox itself says of an installed add-on, read in the browser's
   * parent process: manifest warnings and errors (which reach no log), and
   * the background's state ("running" once its scripts ran).
   */
  async addonState(addon = this.extension) {
    await this.driver.setContext('chrome');
    try {
      return await this.driver.executeScript(
        `const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
         const extension = ExtensionParent.GlobalManager.getExtension(arguments[0]);
         return extension && { warnings: [...extension.warnings], errors: [...extension.errors], background: String(extension.backgroundState) };`,
        addon.id,
      );
    } finally {
      await this.driver.setContext('content');
    }
  }

  /** Errors Firefox reported from the add-on's own files (uncaught errors and rejections). */
  scriptErrors(addon = this.extension) {
    return this.log().filter((line) => line.startsWith('JavaScript error: ' + addon.base));
  }

  /** The lines Firefox and geckodriver printed (the browser console goes there too). */
  log() {
    return [...this.geckodriver.lines];
  }
}

/** An add-on build: its directory, gecko id, the UUID it gets and its base URL. */
async function readAddon(dir) {
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${dir}: the manifest names no gecko id, so its moz-extension:// host cannot be known`);
  const uuid = randomUUID();
  return { dir: resolve(dir), id, uuid, name: manifest.name, base: `moz-extension://${uuid}/` };
}

/** Why a firm's policies cannot be tried on this machine, or null. */
export const NO_NAMESPACE = 'policies need a mount namespace (unshare --mount) on this machine';

/** The `unshare` flags that make a mount namespace here, or null when none does. */
export function namespaceFlags() {
  return (
    [['--mount'], ['--user', '--map-root-user', '--mount']].find((tried) => {
      try {
        execFileSync('unshare', [...tried, '--propagation', 'private', 'true'], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    }) ?? null
  );
}

/**
 * geckodriver (and so Firefox) in a mount namespace of its own in which
 * /etc/firefox/policies/policies.json is `policies`: Firefox on Linux reads a
 * firm's policies there (Debian's ESR 153 too: its system configuration
 * folder is /etc/firefox, measured with Services.dirsvc "SysConfD"). The
 * machine's /etc is untouched: an overlay of the run's own folder on it,
 * seen only inside the namespace (`unshare --mount`, or with a user
 * namespace when not root). Returns the executable to start instead of
 * geckodriver.
 */
function policyDriver(run, policies) {
  const flags = namespaceFlags();
  if (!flags) throw new Error(NO_NAMESPACE);
  const upper = join(run, 'etc-upper');
  const work = join(run, 'etc-work');
  execFileSync('mkdir', ['-p', join(upper, 'firefox', 'policies'), work]);
  writeFileSync(join(upper, 'firefox', 'policies', 'policies.json'), JSON.stringify(policies, null, 2));
  const wrapper = join(run, 'geckodriver-with-policies');
  writeFileSync(
    wrapper,
    [
      '#!/bin/sh',
      // exec all the way: the process group and pid stay geckodriver's.
      `exec unshare ${flags.join(' ')} --propagation private sh -c 'mount -t overlay overlay -o "lowerdir=/etc,upperdir=$0,workdir=$1" /etc && shift && exec "$@"' '${upper}' '${work}' '${GECKODRIVER}' "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(wrapper, 0o755);
  return wrapper;
}

/**
 * geckodriver on a port the system chooses (no race with other builds), in a
 * process group of its own so that Firefox and its helpers go with it.
 */
async function startGeckodriver(temporary, binary = GECKODRIVER) {
  // --allow-system-access lets WebDriver navigate to moz-extension:// pages
  // and read the add-on's state in the parent process.
  const child = spawn(binary, ['--port', '0', '--websocket-port', '0', '--allow-system-access'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: {
      ...process.env,
      // Firefox's own switch for test runs: no connection to anything but
      // this machine, and Remote Settings honours the dummy server above.
      MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1',
      // Crash reports and temporary files stay inside the run.
      TMPDIR: temporary,
    },
  });
  const kill = atExit(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  });
  const lines = [];
  // A missing or unrunnable binary: said at once, not as an uncaught error.
  let failure = null;
  child.on('error', (error) => {
    failure = error;
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => lines.push(line));
  }
  const url = await eventually(
    () => {
      if (failure) throw new Error(`geckodriver (${GECKODRIVER}) did not start: ${failure.message}`);
      if (child.exitCode !== null) throw new Error(`geckodriver exited: ${lines.join('\n')}`);
      const listening = lines.map((line) => /Listening on (\S+:\d+)/.exec(line)).find(Boolean);
      return listening && `http://${listening[1]}`;
    },
    'geckodriver to listen',
    10000,
  );
  return {
    url,
    lines,
    kill,
    /** A geckodriver extension command (selenium's installAddon only sends zips). */
    post: async (path, body) => {
      const answer = await fetch(url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const { value } = await answer.json();
      if (!answer.ok) throw new Error(`${path}: ${value?.message || answer.status}`);
      return value;
    },
  };
}

/** A proxy on loopback that refuses every request and CONNECT, keeping their targets. */
async function startOutsideTrap() {
  const attempts = [];
  const server = createServer((request, response) => {
    attempts.push(request.url);
    response.writeHead(502).end();
  });
  server.on('connect', (request, socket) => {
    attempts.push(`CONNECT ${request.url}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: server.address().port,
    attempts,
    close: () => {
      server.closeAllConnections();
      return new Promise((ok) => server.close(ok));
    },
  };
}

// A test file that dies (an uncaught error, a signal from the runner) still
// takes its geckodriver and Firefox along, and removes its profile.
const pending = new Set();
process.on('exit', () => {
  for (const task of pending) task();
});

/** Runs `task` (synchronous) at exit unless the returned function runs it first. */
function atExit(task) {
  pending.add(task);
  return () => {
    pending.delete(task);
    task();
  };
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => process.exit(128 + (signal === 'SIGINT' ? 2 : 15)));
}

async function undoAll(undo) {
  while (undo.length) await undo.pop()();
}

function withTimeout(promise, ms) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, fail) => {
      timer = setTimeout(() => fail(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Waits until `check` returns a truthy value, or fails with `what`. */
export async function eventually(check, what, timeout = 10000) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}
