// What the builds in dist/ contain: store builds run on and ask for
// SmartOffice's hosts only; the development builds add loopback (test pages,
// the eMoney sandbox) in their manifest and defaults.json, and nowhere else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { access, readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';

const DIST = resolve(import.meta.dirname, '../../dist');
const SMARTOFFICE = ['https://*.ez-data.com/*', 'https://*.ebixcrm.com/*'];
const LOOPBACK = ['http://127.0.0.1/*', 'http://localhost/*'];
const NAMES_LOOPBACK = /127\.0\.0\.1|localhost|\[::1\]/;
// The one file shared by every build that names loopback: the worker's wasm,
// whose eMoney address rule takes http:// on this computer only when the
// build's defaults.json says `development` (checked below).
const SHARED_RULE = 'pkg/worker_bg.wasm';

async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else out.push(path);
  }
  return out.sort();
}

const json = async (build, name) => JSON.parse(await readFile(join(DIST, build, name), 'utf8'));
const manifest = (build) => json(build, 'manifest.json');

for (const [store, dev] of [['chrome', 'chrome-dev'], ['firefox', 'firefox-dev']]) {
  test(`the ${store} store build names no loopback host, in any file of its own`, async () => {
    const seen = [];
    for (const path of await files(join(DIST, store))) {
      const name = relative(join(DIST, store), path);
      seen.push(name);
      if (name === SHARED_RULE) continue;
      const text = (await readFile(path)).toString('latin1');
      assert.ok(!NAMES_LOOPBACK.test(text), `${store}/${name} names a loopback host`);
    }
    assert.ok(seen.includes(SHARED_RULE), `${store} has the worker's wasm`);
    const defaults = await json(store, 'defaults.json');
    assert.equal(defaults.development, false);
    assert.deepEqual(defaults.domains, [], 'no eMoney domain is built in');
  });

  test(`the ${dev} build differs from ${store} only in its manifest and defaults`, async () => {
    const storeFiles = (await files(join(DIST, store))).map((path) => relative(join(DIST, store), path));
    const devFiles = (await files(join(DIST, dev))).map((path) => relative(join(DIST, dev), path));
    assert.deepEqual(devFiles, storeFiles);
    const differ = [];
    for (const name of storeFiles) {
      const [a, b] = await Promise.all([readFile(join(DIST, store, name)), readFile(join(DIST, dev, name))]);
      if (!a.equals(b)) differ.push(name);
    }
    assert.deepEqual(differ, ['defaults.json', 'manifest.json']);
  });

  test(`the ${store} store build runs on and asks for SmartOffice's hosts only`, async () => {
    const m = await manifest(store);
    assert.deepEqual(m.host_permissions, SMARTOFFICE);
    assert.equal(m.content_scripts.length, 1);
    assert.deepEqual(m.content_scripts[0].matches, SMARTOFFICE);
    assert.deepEqual(m.content_scripts[0].js, ['loader.js']);
    assert.deepEqual(m.permissions, ['storage', 'scripting']);
    // Added offices and eMoney domains are asked for one by one, on https only.
    assert.deepEqual(m.optional_host_permissions, ['https://*/*']);
    // The page code is handed over by the worker, not served to web pages.
    assert.equal(m.web_accessible_resources, undefined);
    // No web page may message the worker.
    assert.equal(m.externally_connectable, undefined);
  });
}

for (const build of ['chrome-dev', 'firefox-dev']) {
  test(`the ${build} development build adds loopback for test pages and the eMoney sandbox`, async () => {
    const m = await manifest(build);
    assert.deepEqual(m.host_permissions, [...SMARTOFFICE, ...LOOPBACK]);
    assert.deepEqual(m.content_scripts[0].matches, [...SMARTOFFICE, ...LOOPBACK]);
    assert.equal(m.web_accessible_resources, undefined);
    assert.match(m.name, /\(development\)$/);
    const defaults = await json(build, 'defaults.json');
    assert.equal(defaults.development, true);
    assert.deepEqual(defaults.domains.map((domain) => domain.label), ['eMoney Sandbox']);
    assert.match(defaults.domains[0].apiBase, /^http:\/\/127\.0\.0\.1:\d+$/);
  });
}

for (const build of ['chrome', 'chrome-dev', 'firefox', 'firefox-dev']) {
  test(`every file the ${build} manifest names is in the build`, async () => {
    const m = await manifest(build);
    const named = [
      ...(m.background.service_worker ? [m.background.service_worker] : []),
      ...(m.background.scripts ?? []),
      ...m.content_scripts.flatMap((script) => script.js),
      m.options_ui.page,
      ...Object.values(m.icons),
      ...(m.storage?.managed_schema ? [m.storage.managed_schema] : []),
      `_locales/${m.default_locale}/messages.json`,
    ];
    for (const name of named) await access(join(DIST, build, name));
  });
}

test('the Chrome builds carry the schema of what a firm may push; Firefox reads policies instead', async () => {
  for (const build of ['chrome', 'chrome-dev']) {
    const m = await manifest(build);
    assert.deepEqual(m.storage, { managed_schema: 'managed_schema.json' });
    assert.equal(m.background.service_worker, 'background.js');
    assert.equal(m.background.type, 'module');
    assert.equal(m.browser_specific_settings, undefined);
    const schema = await json(build, 'managed_schema.json');
    assert.equal(schema.type, 'object');
    assert.ok(Object.keys(schema.properties).length > 0, 'the schema names what may be pushed');
  }
  for (const build of ['firefox', 'firefox-dev']) {
    const m = await manifest(build);
    assert.equal(m.storage, undefined);
    assert.equal(m.minimum_chrome_version, undefined);
  }
});

test('the Firefox builds carry their gecko settings and background scripts, each its own id', async () => {
  const store = await manifest('firefox');
  const dev = await manifest('firefox-dev');
  for (const m of [store, dev]) {
    assert.ok(m.browser_specific_settings.gecko.id);
    assert.deepEqual(m.background.scripts, ['background.js']);
    assert.equal(m.background.service_worker, undefined);
  }
  assert.notEqual(dev.browser_specific_settings.gecko.id, store.browser_specific_settings.gecko.id);
});
