/**
 * The CLI's one message catalog: every text `djchain` prints (its commands, the node commands, the
 * demo) and the text of every coded error it can print, zh-CN by default and English with
 * `--lang en`. Keys are message names (camelCase) or error codes (UPPER_SNAKE); placeholders are
 * {name}. Codes of other packages come from their registries: the modules' and the sealed-data
 * service's carry both languages, the API's carry English (Chinese in i18n/codes.ts), and the
 * runtime's, the client's and the node's own are in i18n/codes.ts. A test enumerates every registry
 * and fails on a code without both texts.
 */
import { DjError } from '@djchain/crypto';
import { ERROR_REGISTRIES } from '@djchain/modules/errors';
import { API_ERRORS, type ApiErrorCode } from '@djchain/node/light';
import { API_ZH, CLIENT_TEXTS, NODE_TEXTS, RUNTIME_TEXTS } from './i18n/codes.ts';
import { COMMAND_MESSAGES } from './i18n/command-messages.ts';
import { DEMO_MESSAGES } from './i18n/demo-messages.ts';
import { DUES_MESSAGES } from './i18n/dues-messages.ts';
import { NODE_MESSAGES } from './i18n/node-messages.ts';
import { ORGLIFE_MESSAGES } from './i18n/orglife-messages.ts';
import { SEALED_ERRORS } from './sealed/errors.ts';

export type Lang = 'zh-CN' | 'en';
type Texts = { readonly 'zh-CN': string; readonly en: string };
type Params = Readonly<Record<string, string | number>>;

const MESSAGES = {
  ...NODE_MESSAGES,
  ...COMMAND_MESSAGES,
  ...DEMO_MESSAGES,
  ...ORGLIFE_MESSAGES,
  ...DUES_MESSAGES,
  ...RUNTIME_TEXTS,
  ...CLIENT_TEXTS,
  ...NODE_TEXTS,
} as const satisfies { readonly [key: string]: Texts };

export type MessageKey = keyof typeof MESSAGES;
/** The CLI's own error codes: the catalog's keys that start with CLI_. */
export type CliErrorCode = Extract<MessageKey, `CLI_${string}`>;

/** Texts of codes from registries that carry them: the modules', the sealed-data service's, the API's. */
const CODED = new Map<string, Texts>();
for (const registry of ERROR_REGISTRIES) {
  for (const spec of Object.values(registry)) CODED.set(spec.code, { 'zh-CN': spec.zh, en: spec.en });
}
for (const [code, s] of Object.entries(SEALED_ERRORS)) CODED.set(code, { 'zh-CN': s.zh, en: s.en });
for (const [code, zh] of Object.entries(API_ZH)) {
  CODED.set(code, { 'zh-CN': zh, en: API_ERRORS[code as ApiErrorCode].message });
}
for (const [key, texts] of Object.entries(MESSAGES)) CODED.set(key, texts);

function fill(text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** The text of `key` in `lang`, with its placeholders filled from `params`. */
export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  return fill(MESSAGES[key][lang], params);
}

/** Both texts of a message key or an error code of any registry; undefined when the catalog has none. */
export function textsOf(code: string): Texts | undefined {
  return CODED.get(code);
}

/**
 * The reason to print for a coded error. zh-CN: the catalog's text for the code, its placeholders
 * filled from `details` and {reason} from the error's own message, which follows in brackets when
 * the text is a fixed one and the message says more; English: the error's own message (the most precise), else the
 * catalog's text. Unknown codes fall back to the message.
 */
export function reason(lang: Lang, code: string, message: string, details: object = {}): string {
  const texts = CODED.get(code);
  if (lang === 'en' && message.length > 0) return message;
  if (texts === undefined) return message;
  const params: Record<string, string | number> = { reason: message };
  for (const [k, v] of Object.entries(details)) {
    if (typeof v === 'string' || typeof v === 'number') params[k] = v;
  }
  const text = fill(texts[lang], params);
  // A text with placeholders says the specifics itself; a fixed one is followed by the message.
  const more = lang === 'zh-CN' && message.length > 0 && message !== texts.en && !texts[lang].includes('{');
  return more ? `${text}（${message}）` : text;
}

export function langOf(value: string | undefined): Lang {
  return value === 'en' ? 'en' : 'zh-CN';
}

/** An error for a person: a CLI_ code whose catalog text, filled from `params`, is what is printed. */
export class CliError extends DjError<CliErrorCode, Params> {
  constructor(code: CliErrorCode, params: Params = {}) {
    super(code, fill(MESSAGES[code].en, params), params);
    this.name = 'CliError';
  }
}

/** Every message key with both languages (a test checks the table). */
export const messageTable: { readonly [key: string]: Texts } = MESSAGES;
