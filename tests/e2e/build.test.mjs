// What the builds in dist/ contain: store builds run on and ask for
// SmartOffice's hosts only; the development builds add loopback (test pages,
// the eMoney sandbox) in their manifest and defaults.json, and nowhere else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { access, readdir, readFile, stat } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
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

// ---------------------------------------------------------------------------
// The packages for the stores: zips, the source package, icons, the data
// Firefox is told about, a reason for every permission.

const ROOT = resolve(import.meta.dirname, '../..');
const VERSION = (await readFile(join(ROOT, 'Cargo.toml'), 'utf8')).match(/^version = "([^"]+)"/m)[1];
const zipOf = (build) => join(DIST, `smartoffice-emoney-${build}-${VERSION}.zip`);
const SOURCE_ZIP = join(DIST, `smartoffice-emoney-source-${VERSION}.zip`);

/** The entries of a zip: name -> { bytes, mode, time } (stored or deflated). */
async function unzip(path) {
  const zip = await readFile(path);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, `${path} is a zip`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map();
  for (let i = 0; i < count; i += 1) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'a central directory entry');
    const method = zip.readUInt16LE(at + 10);
    const time = [zip.readUInt16LE(at + 12), zip.readUInt16LE(at + 14)];
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const mode = zip.readUInt32LE(at + 38) >>> 16;
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressed);
    const bytes = method === 0 ? data : inflateRawSync(data);
    assert.equal(bytes.length, size, `${name} inflates to its size`);
    entries.set(name, { bytes, mode, time });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

for (const build of ['chrome', 'chrome-dev', 'firefox', 'firefox-dev']) {
  test(`the ${build} zip holds exactly the ${build} build, with no time or owner in it`, async () => {
    const entries = await unzip(zipOf(build));
    const names = (await files(join(DIST, build))).map((path) => relative(join(DIST, build), path));
    assert.deepEqual([...entries.keys()], names, 'the same files, in sorted order');
    let raw = 0;
    for (const name of names) {
      const bytes = await readFile(join(DIST, build, name));
      assert.ok(entries.get(name).bytes.equals(bytes), `${name} is the build's`);
      raw += bytes.length;
      // 1980-01-01 00:00 in DOS time: the same build zips the same way.
      assert.deepEqual(entries.get(name).time, [0, 33], `${name} has no time stamp`);
    }
    const zipped = (await stat(zipOf(build))).size;
    console.log(`${build}: ${names.length} files, ${kb(raw)} raw, ${kb(zipped)} zipped (${relative(ROOT, zipOf(build))})`);
    // Far below every store's limit; a jump means something was shipped by mistake.
    assert.ok(zipped < 1024 * 1024, `${build} zip is ${zipped} bytes`);
    assert.ok(!names.some((name) => /(^|\/)(\.|node_modules|target)|\.map$|\.rs$/.test(name)), names.join(' '));
  });
}

test('the store zips name no loopback host in any file but the worker’s shared rule', async () => {
  for (const build of ['chrome', 'firefox']) {
    for (const [name, { bytes }] of await unzip(zipOf(build))) {
      if (name === SHARED_RULE) continue;
      assert.ok(!NAMES_LOOPBACK.test(bytes.toString('latin1')), `${build} zip: ${name} names a loopback host`);
    }
  }
});

test('the source package holds what git tracks and BUILD.md, and nothing the build writes', async () => {
  const entries = await unzip(SOURCE_ZIP);
  const names = [...entries.keys()];
  for (const needed of ['BUILD.md', 'PRIVACY.md', 'Cargo.toml', 'Cargo.lock', 'package.json', 'package-lock.json', 'manifest.json', '.cargo/config.toml', 'xtask/src/dist.rs', 'crates/page/src/lib.rs', 'crates/worker/src/lib.rs', 'extension/loader.js', 'extension/icons/icon-128.png']) {
    assert.ok(entries.has(needed), `the source package has ${needed}`);
  }
  for (const name of names) {
    assert.ok(!/^(target|dist|build|node_modules|\.tools|\.tmp|\.git|data)\//.test(name), `the source package has ${name}`);
  }
  // Every file git tracks (when this is a git checkout), as it is on disk.
  let tracked = [];
  try {
    tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT }).toString().split('\0').filter(Boolean);
  } catch {
    // An unpacked source package: no git to ask.
  }
  for (const name of tracked) {
    if (!existsSync(join(ROOT, name))) continue; // deleted in the work tree
    assert.ok(entries.has(name), `git tracks ${name}, the source package lacks it`);
    assert.ok(entries.get(name).bytes.equals(await readFile(join(ROOT, name))), `${name} is as on disk`);
  }
  assert.equal(entries.get('.ci/run').mode & 0o111, 0o111, 'executables stay executable');
  // BUILD.md names the toolchain the build pins.
  const build = entries.get('BUILD.md').bytes.toString('utf8');
  const bindgen = (await readFile(join(ROOT, 'Cargo.lock'), 'utf8')).match(/name = "wasm-bindgen"\nversion = "([^"]+)"/)[1];
  const npm = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  for (const pinned of [bindgen, npm.devDependencies?.binaryen ?? npm.dependencies?.binaryen, npm.devDependencies?.terser ?? npm.dependencies?.terser]) {
    assert.ok(pinned && build.includes(pinned), `BUILD.md names ${pinned}`);
  }
  assert.match(build, /cargo xtask dist/);
  const zipped = (await stat(SOURCE_ZIP)).size;
  console.log(`source: ${names.length} files, ${kb(zipped)} zipped (${relative(ROOT, SOURCE_ZIP)})`);
});

/** A PNG's width and height (its IHDR). */
async function pngSize(path) {
  const bytes = await readFile(path);
  assert.equal(bytes.toString('latin1', 1, 4), 'PNG', `${path} is a PNG`);
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

test('every icon size the stores ask for is there, at its size', async () => {
  for (const build of ['chrome', 'firefox']) {
    const { icons } = await manifest(build);
    // Chrome and Edge: 16, 32, 48, 128; Firefox: 48 and 96.
    for (const size of ['16', '32', '48', '96', '128']) assert.ok(icons[size], `${build} names a ${size} icon`);
    for (const [size, name] of Object.entries(icons)) {
      assert.deepEqual(await pngSize(join(DIST, build, name)), [Number(size), Number(size)], `${build}/${name}`);
    }
  }
  // For the store listings (docs/store-listing.md).
  assert.deepEqual(await pngSize(join(ROOT, 'docs/store/edge-logo-300.png')), [300, 300]);
  assert.deepEqual(await pngSize(join(ROOT, 'docs/store/store-icon-128.png')), [128, 128]);
});

test('the Firefox manifests tell what is collected, in Firefox’s own words', async () => {
  // The data types of Firefox's manifest schema (toolkit/components/extensions/
  // schemas/manifest.json, CommonDataCollectionPermission, in Firefox ESR 153).
  const known = ['authenticationInfo', 'bookmarksInfo', 'browsingActivity', 'financialAndPaymentInfo', 'healthInfo', 'locationInfo', 'personalCommunications', 'personallyIdentifyingInfo', 'searchTerms', 'websiteActivity', 'websiteContent'];
  for (const build of ['firefox', 'firefox-dev']) {
    const collected = (await manifest(build)).browser_specific_settings.gecko.data_collection_permissions;
    assert.ok(!collected.required.includes('none'), 'client data is sent: not "none"');
    for (const kind of collected.required) assert.ok(known.includes(kind), `${kind} is a Firefox data type`);
    // Names, birth dates and contacts; investments and policies; the eMoney
    // sign-in; the SmartOffice record read from the page.
    assert.deepEqual([...collected.required].sort(), ['authenticationInfo', 'financialAndPaymentInfo', 'personallyIdentifyingInfo', 'websiteContent']);
    assert.equal(collected.optional, undefined);
  }
});

test('docs/store-listing.md gives a reason for every permission the store builds ask for', async () => {
  const listing = await readFile(join(ROOT, 'docs/store-listing.md'), 'utf8');
  const rows = listing.split('\n').filter((line) => line.startsWith('| '));
  for (const build of ['chrome', 'firefox']) {
    const m = await manifest(build);
    for (const permission of [...m.permissions, ...m.host_permissions, ...(m.optional_host_permissions ?? [])]) {
      const row = rows.find((line) => line.includes(`\`${permission}\``));
      assert.ok(row, `${build} asks for ${permission}: docs/store-listing.md has no row for it`);
      assert.ok(row.split('|')[2].trim().length > 40, `the reason for ${permission} is a sentence`);
    }
  }
  for (const screenshot of listing.matchAll(/`(\d\d-[a-z-]+\.png)`/g)) await access(join(ROOT, 'docs/screenshots', screenshot[1]));
  await access(join(ROOT, 'PRIVACY.md'));
});
