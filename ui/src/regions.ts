// Names of regions (provinces and kabupaten/kota) from the backend's `regions` command, so that
// a district code such as 53.03 can be shown with its name.
//
// The list is loaded once per unlock by the shell, and again after a code list was imported or
// a card was trusted. A code that the list does not know is shown as it is.

import type { Region } from './types';

let names = new Map<string, string>();

/** Sets the known regions (after `regions` answered). */
export function setRegions(list: Region[]): void {
  names = new Map(list.map((r) => [r.code, r.name]));
}

/** The name of a region, or null if Lintas does not know it. */
export function regionName(code: string | null | undefined): string | null {
  if (!code) return null;
  return names.get(code) ?? null;
}

/**
 * A region code with its name: "53.03 Kabupaten Timor Tengah Utara". A name given by the caller
 * (for example the one on a trusted identity card) is used before the list; a code without any
 * known name is shown alone, and nothing at all becomes an empty string.
 */
export function regionLabel(code: string | null | undefined, name?: string | null): string {
  if (!code) return '';
  const known = name?.trim() || regionName(code);
  return known ? `${code} ${known}` : code;
}

/** A province code ("53"). */
export function isProvinceCode(code: string): boolean {
  return /^\d{2}$/.test(code);
}

/** A kabupaten/kota code ("53.03"). */
export function isRegencyCode(code: string): boolean {
  return /^\d{2}\.\d{2}$/.test(code);
}

/** How many provinces and kabupaten/kota a list of regions names. */
export function countRegions(list: Region[]): { provinces: number; regencies: number } {
  let provinces = 0;
  let regencies = 0;
  for (const r of list) {
    if (isProvinceCode(r.code)) provinces += 1;
    else if (isRegencyCode(r.code)) regencies += 1;
  }
  return { provinces, regencies };
}

/** The kabupaten/kota of a list of regions (provinces left out), by code. */
export function regenciesOf(list: Region[]): Region[] {
  return list.filter((r) => isRegencyCode(r.code)).sort((a, b) => a.code.localeCompare(b.code));
}

/** Text for matching: lower case, without accents, dots or repeated spaces. */
function folded(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The kabupaten/kota that match what was typed, best first: a code typed with or without its dot
 * ("53.03", "5303", "53.0"), or words of the name in any order ("timor utara", "kota kupang").
 * Codes that start with the text come first, then names whose words start with the typed words,
 * then names that only contain them. At most `limit` are returned.
 */
export function matchRegions(list: Region[], query: string, limit = 10): Region[] {
  const q = folded(query);
  if (!q) return [];
  const digits = q.replace(/[.\s]/g, '');
  const byCode = /^\d+$/.test(digits);
  const words = q.split(' ');
  const scored: [number, Region][] = [];
  for (const r of list) {
    const name = folded(r.name);
    let score = -1;
    if (byCode) {
      if (r.code.startsWith(q) || r.code.replace('.', '').startsWith(digits)) score = 0;
    } else if (words.every((w) => name.includes(w))) {
      const starts = words.every((w) => name.split(' ').some((part) => part.startsWith(w)));
      score = starts ? 1 : 2;
    }
    if (score >= 0) scored.push([score, r]);
  }
  scored.sort(([a, x], [b, y]) => a - b || x.code.localeCompare(y.code));
  return scored.slice(0, limit).map(([, r]) => r);
}

/**
 * What a typed text stands for: the code of the kabupaten/kota it names exactly (its code, its
 * name, or the name with the code as the picker shows it: "Kabupaten Belu (53.04)"), else the
 * text itself, trimmed, for the checks of the form and the core to judge.
 */
export function resolveRegion(list: Region[], text: string): string {
  const s = text.trim();
  if (isRegencyCode(s)) return s;
  const shown = /^(.*)\((\d{2}\.\d{2})\)$/.exec(s);
  if (shown && isRegencyCode(shown[2])) return shown[2];
  const q = folded(s);
  const named = q ? list.filter((r) => isRegencyCode(r.code) && folded(r.name) === q) : [];
  return named.length === 1 ? named[0].code : s;
}
