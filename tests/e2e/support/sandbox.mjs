// The project's eMoney sandbox, started for a test file: a free port, an
// in-memory database, no rate limit (the extension keeps its own).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';

const ROOT = resolve(import.meta.dirname, '../../..');

export async function startSandbox(extra = []) {
  const args = ['--port', '0', '--db', ':memory:', '--rate-limit', '0', ...extra];
  const binary = join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'debug/emoney-sandbox');
  const child = existsSync(binary)
    ? spawn(binary, args, { stdio: ['ignore', 'pipe', 'ignore'] })
    : spawn('cargo', ['run', '-q', '-p', 'emoney-sandbox', '--', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
  const lines = createInterface({ input: child.stdout });
  let timer;
  const [line] = await Promise.race([
    new Promise((ok) => lines.once('line', (first) => ok([first]))),
    new Promise((_, fail) => {
      timer = setTimeout(() => fail(new Error('the sandbox did not start')), 120000);
    }),
  ]).finally(() => clearTimeout(timer));
  const base = line.replace('emoney-sandbox listening on ', '').trim();
  const hook = async (method, path, body) => {
    const answer = await fetch(base + path, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    assert.ok(answer.ok, `${method} ${path}: ${answer.status}`);
    return answer.json();
  };
  return {
    base,
    hook,
    reset: () => hook('POST', '/__sandbox/reset'),
    clients: async () => (await hook('GET', '/__sandbox/clients')).clients,
    calls: async (pattern) => (await hook('GET', '/__sandbox/calls')).calls[pattern] ?? 0,
    stop: () => child.kill(),
  };
}
