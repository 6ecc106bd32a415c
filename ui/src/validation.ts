// Showing the backend's validation errors next to the inputs they belong to.
//
// The backend checks every record as a whole and reports each problem with the path of the
// field (`victim.identity_number`, `intake.date`, `witnesses[0].gender`). Forms turn that list
// into a map from path to message and look their inputs up in it.

import type { ShownError } from './types';

/** Messages by field path. */
export type FieldErrors = Record<string, string>;

/**
 * Writes a path in the one form the forms use: list indexes in brackets, no spaces.
 * `witnesses.0.gender` and `witnesses[0].gender` both become `witnesses[0].gender`.
 */
export function normalisePath(path: string): string {
  return path
    .trim()
    .replace(/\s+/g, '')
    .replace(/\.(\d+)(?=\.|$|\[)/g, '[$1]')
    .replace(/^\./, '');
}

/**
 * The field errors of a rejected command as a map from path to message.
 *
 * Several problems with the same field are joined into one message, in the order the backend
 * gave them. An error without field problems gives an empty map.
 */
export function fieldErrorMap(err: ShownError | null | undefined): FieldErrors {
  const map: FieldErrors = {};
  if (!err || !Array.isArray(err.fields)) return map;
  for (const f of err.fields) {
    if (!f || typeof f.field !== 'string') continue;
    const path = normalisePath(f.field);
    const message = withoutPath(f.message, path);
    map[path] = map[path] ? `${map[path]} ${message}` : message;
  }
  return map;
}

/**
 * A field's message without the path the backend puts before it ("victim.first_name: wajib
 * diisi" becomes "wajib diisi"): next to the input, or under a label, the path says nothing.
 */
export function withoutPath(message: string, path: string): string {
  const colon = message.indexOf(': ');
  if (colon < 0) return message;
  return normalisePath(message.slice(0, colon)) === path ? message.slice(colon + 2) : message;
}

/**
 * The errors whose paths no input on the form shows, so that the form can list them in its
 * general error area instead of losing them. An item of a list that one input edits
 * (`consent.share_districts[1]`) is shown by that input.
 */
export function unmatchedErrors(errors: FieldErrors, shown: Iterable<string>): [string, string][] {
  const known = new Set(shown);
  return Object.entries(errors).filter(([path]) => !known.has(path) && !known.has(path.replace(/\[\d+\]$/, '')));
}

/**
 * The errors under one prefix, with the prefix taken off: for `followups[0]`,
 * `followups[0].due_date` becomes `due_date`. Used when a form sends one item of a list in a
 * partial update and wants the errors of that item.
 */
export function errorsUnder(errors: FieldErrors, prefix: string): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    if (path.startsWith(`${prefix}.`)) out[path.slice(prefix.length + 1)] = message;
  }
  return out;
}

/** The DOM id of the error message for a path, so that inputs can point to it (aria-describedby). */
export function errorId(path: string): string {
  return `err-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/**
 * Folds the errors of list items into the error of the list: `consent.share_districts[1]`
 * becomes part of `consent.share_districts`, because the form edits the list in one input.
 * `lists` names the list fields by the end of their path, so that `citizenship` folds
 * `victim.citizenship[0]` and `witnesses[2].citizenship[1]` alike.
 */
export function foldListErrors(errors: FieldErrors, lists: string[]): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    const item = /^(.*)\[\d+\]$/.exec(path);
    const list = item && lists.some((l) => item[1] === l || item[1].endsWith(`.${l}`)) ? item[1] : null;
    const key = list ?? path;
    out[key] = out[key] ? `${out[key]} ${message}` : message;
  }
  return out;
}

/** Whether a text is a kabupaten/kota code as Kepmendagri writes it: "65.03". */
export function isDistrictCode(code: string): boolean {
  return /^\d{2}\.\d{2}$/.test(code.trim());
}
