// The string catalogue and the current language.
//
// Bahasa Indonesia (id.ts) is the source of truth: every key is defined there first, and en.ts
// must have exactly the same keys (the compiler checks that, and a test checks the placeholders).
// Placeholders are written {name} and filled by t(key, { name: ... }).

import type { Lang } from '../types';
import { formatNumber } from '../format';
import { id } from './id';
import { en } from './en';

export type Key = keyof typeof id;
export type Params = Record<string, string | number>;

export const catalogues: Record<Lang, Record<Key, string>> = { id, en };

const STORAGE_KEY = 'lintas.lang';

let current: Lang = 'id';

/** The language the UI currently shows. */
export function getLang(): Lang {
  return current;
}

/** Switches the catalogue; the caller re-renders. The choice is kept for the next start. */
export function setLang(lang: Lang): void {
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Storage can be unavailable (private mode, tests); the language then lasts this session.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

/** The language chosen earlier on this laptop, if any. */
export function storedLang(): Lang | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'id' || v === 'en' ? v : null;
  } catch {
    return null;
  }
}

/**
 * Fills {placeholders}; numbers are formatted for the current language. Unknown ones stay.
 * `{count:case|cases}` is a number with its noun in the right form for the language's plural
 * rules ("1 case", "2 cases"); Indonesian texts do not need it.
 */
export function interpolate(text: string, params?: Params, lang: Lang = current): string {
  if (!params) return text;
  return text.replace(/\{(\w+)(?::([^|}]*)\|([^}]*))?\}/g, (whole, name: string, one?: string, other?: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    const shown = typeof v === 'number' ? formatNumber(v, lang) : v;
    if (one === undefined || other === undefined) return shown;
    const singular = typeof v === 'number' && new Intl.PluralRules(lang === 'id' ? 'id-ID' : 'en-GB').select(v) === 'one';
    return `${shown} ${singular ? one : other}`;
  });
}

/** The names of the placeholders in a text, sorted, without repeats. */
export function placeholders(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\{(\w+)(?::[^}]*)?\}/g)) names.add(m[1]);
  return [...names].sort();
}

/** The text of a key in the current language. */
export function t(key: Key, params?: Params): string {
  const text = catalogues[current][key] ?? catalogues.id[key] ?? key;
  return interpolate(text, params);
}

/** Like t, for keys built at run time (e.g. a reason code); returns null if there is no such key. */
export function tMaybe(key: string, params?: Params): string | null {
  if (!(key in catalogues.id)) return null;
  return t(key as Key, params);
}
