// What the builds in dist/ contain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const DIST = resolve(import.meta.dirname, '../../dist');
const SMARTOFFICE = ['https://*.ez-data.com/*', 'https://*.ebixcrm.com/*'];

async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else out.push(path);
  }
  return out;
}

const manifest = async (build) => JSON.parse(await readFile(join(DIST, build, 'manifest.json'), 'utf8'));

for (const build of ['chrome', 'firefox']) {
  test(`the ${build} store build names no loopback host, in any file`, async () => {
    for (const path of await files(join(DIST, build))) {
      const text = (await readFile(path)).toString('latin1');
      assert.ok(!/127\.0\.0\.1|localhost/.test(text), `${path} names a loopback host`);
    }
  });

  test(`the ${build} store build runs and asks for SmartOffice's hosts only`, async () => {
    const m = await manifest(build);
    assert.deepEqual(m.host_permissions, SMARTOFFICE);
    for (const script of m.content_scripts) assert.deepEqual(script.matches, SMARTOFFICE);
    for (const resource of m.web_accessible_resources) assert.deepEqual(resource.matches, SMARTOFFICE);
    assert.equal(m.externally_connectable, undefined);
  });
}

for (const build of ['chrome-dev', 'firefox-dev']) {
  test(`the ${build} development build adds loopback for test pages and the eMoney sandbox`, async () => {
    const m = await manifest(build);
    assert.ok(m.host_permissions.includes('http://127.0.0.1/*'));
    assert.ok(m.content_scripts[0].matches.includes('http://127.0.0.1/*'));
    assert.ok(m.web_accessible_resources[0].matches.includes('http://127.0.0.1/*'));
    const defaults = JSON.parse(await readFile(join(DIST, build, 'defaults.json'), 'utf8'));
    assert.equal(defaults.development, true);
  });
}

test('the Firefox builds carry their gecko settings and background scripts, each its own id', async () => {
  const store = await manifest('firefox');
  const dev = await manifest('firefox-dev');
  for (const m of [store, dev]) {
    assert.ok(m.browser_specific_settings.gecko.id);
    assert.deepEqual(m.background.scripts, ['background.js']);
  }
  assert.notEqual(dev.browser_specific_settings.gecko.id, store.browser_specific_settings.gecko.id);
});
