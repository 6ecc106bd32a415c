// The code lists (gender, type of exploitation, countries, ...) from the backend, and their
// labels in the current language.
//
// Records store HTCDS value names such as `Feminine`; people see labels such as "Perempuan".
// The lists come from the `code_lists` command once per unlock, so the UI never hard-codes them.

import { getLang } from './i18n';
import type { CodeEntry, CodeLists } from './types';

let lists: CodeLists = {};

/** Sets the code lists (after `code_lists` answered). */
export function setCodeLists(next: CodeLists): void {
  lists = next;
}

/** The entries of a list in the backend's order; an unknown list is empty. */
export function codes(list: string): CodeEntry[] {
  return lists[list] ?? [];
}

/**
 * The label of a code in the current language. A code that the list does not know (for example
 * from a newer Lintas in another district) is shown as it is, so nothing is hidden.
 */
export function label(list: string, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '';
  const entry = codes(list).find((c) => c.code === code);
  if (!entry) return code;
  return getLang() === 'en' ? entry.en : entry.id;
}

/** The labels of several codes, joined with commas. */
export function labels(list: string, values: string[] | null | undefined): string {
  return (values ?? []).map((v) => label(list, v)).join(', ');
}

/**
 * Countries that Indonesian task forces pick most often (the main destinations of migrant
 * workers), offered first in country pickers. Codes missing from the backend list are skipped.
 */
export const FREQUENT_COUNTRIES = ['MY', 'SA', 'TW', 'HK', 'SG', 'AE', 'BN', 'KH', 'MM', 'KR', 'JP', 'QA'];
