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
