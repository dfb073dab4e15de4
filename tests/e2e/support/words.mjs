// The extension's sentences as chrome.i18n renders them in English, read
// from the build under test (its _locales/en/messages.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR } from './browser.mjs';

const MESSAGES = JSON.parse(readFileSync(join(EXTENSION_DIR, '_locales/en/messages.json'), 'utf8'));

/** The message `key` with `values` in its placeholders (`$1`…), as chrome.i18n.getMessage fills them. */
export function sentence(key, ...values) {
  const entry = MESSAGES[key];
  if (!entry) throw new Error(`no message ${key} in the build`);
  return entry.message.replace(/\$(\w+)\$/g, (whole, name) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? whole;
    return content.replace(/\$(\d)/g, (_, index) => String(values[Number(index) - 1] ?? ''));
  });
}

/** A plural message (`key_one`, `key_other`) for `count`, in English. */
export const counted = (key, count, ...values) => sentence(`${key}_${count === 1 ? 'one' : 'other'}`, count, ...values);

const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Every message of the build as a whole-text pattern, its placeholders matching anything. */
const PATTERNS = Object.values(MESSAGES).map((entry) => new RegExp(`^${escaped(entry.message).replace(/\\\$[A-Za-z_]+\\\$/g, '.*')}$`, 's'));

/** Whether `text` is one of the extension's sentences (placeholders filled). */
export const isSentence = (text) => PATTERNS.some((pattern) => pattern.test(text.trim()));
