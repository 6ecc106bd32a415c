// Formatting of dates, numbers, sizes, case numbers and fingerprints for display.
//
// These are written by hand instead of with Intl, so that the output is the same on every
// webview (WebKitGTK, WebView2) and in the tests, whatever locale data the system has.

import type { Lang } from './types';

const MONTHS: Record<Lang, string[]> = {
  id: [
    'Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni',
    'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember',
  ],
  en: [
    'January', 'February', 'March', 'April', 'May', 'June',
    'July', 'August', 'September', 'October', 'November', 'December',
  ],
};

const MONTHS_SHORT: Record<Lang, string[]> = {
  id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** The parts of a "YYYY-MM-DD" date, or null if it is not a real calendar date. */
export function parseIsoDate(iso: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * A wire date ("2019-09-20") for display: "20 September 2019" in both languages (the long
 * style), or "20/09/2019" in compact tables (the short style). Anything that is not a valid date
 * is shown as it is, so nothing typed is ever hidden; null and empty become an empty string.
 */
export function formatDate(iso: string | null | undefined, lang: Lang, style: 'long' | 'short' = 'long'): string {
  if (!iso) return '';
  // Timestamps ("2019-09-20T10:00:00Z") are shown by their date part.
  const p = parseIsoDate(iso.slice(0, 10));
  if (!p) return iso;
  if (style === 'short') return `${pad2(p.d)}/${pad2(p.m)}/${p.y}`;
  return `${p.d} ${MONTHS[lang][p.m - 1]} ${p.y}`;
}

/** A month key ("2019-09") as a short label: "Sep 2019" ("Agu 2019" in Indonesian). */
export function formatMonth(key: string, lang: Lang): string {
  const match = /^(\d{4})-(\d{2})$/.exec(key);
  if (!match) return key;
  const m = Number(match[2]);
  if (m < 1 || m > 12) return key;
  return `${MONTHS_SHORT[lang][m - 1]} ${match[1]}`;
}

/**
 * A point in time (milliseconds since 1970, or an RFC 3339 string) as local date and time:
 * "20 September 2019, pukul 10.05", or "20/09/2019 10.05" in compact tables (the short style;
 * "20/09/2019 10:05" in English).
 */
export function formatDateTime(
  at: number | bigint | string | null | undefined,
  lang: Lang,
  style: 'long' | 'short' = 'long',
): string {
  if (at === null || at === undefined || at === '') return '';
  const date = new Date(typeof at === 'bigint' ? Number(at) : at);
  if (Number.isNaN(date.getTime())) return String(at);
  if (style === 'short') {
    const sep = lang === 'id' ? '.' : ':';
    return `${pad2(date.getDate())}/${pad2(date.getMonth() + 1)}/${date.getFullYear()} ${pad2(date.getHours())}${sep}${pad2(date.getMinutes())}`;
  }
  const day = `${date.getDate()} ${MONTHS[lang][date.getMonth()]} ${date.getFullYear()}`;
  const time = `${pad2(date.getHours())}.${pad2(date.getMinutes())}`;
  return lang === 'id' ? `${day}, pukul ${time}` : `${day}, ${time.replace('.', ':')}`;
}

/**
 * Reads a date as people type it and returns the wire form "YYYY-MM-DD".
 *
 * Accepted: "2019-09-20", and the Indonesian day-first forms "20/09/2019", "20-09-2019" and
 * "20.09.2019" (with one- or two-digit day and month). Returns null when the text is not a real
 * date in one of these forms; the caller then sends the text unchanged and lets the backend's
 * validation explain what is wrong.
 */
export function parseDateInput(text: string): string | null {
  const s = text.trim();
  if (parseIsoDate(s)) return s;
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (!match) return null;
  const iso = `${match[3]}-${pad2(Number(match[2]))}-${pad2(Number(match[1]))}`;
  return parseIsoDate(iso) ? iso : null;
}

/** Today's date in the laptop's time zone, as "YYYY-MM-DD". */
export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}`;
}

/** A whole number with thousands separators: "100.000" in Indonesian, "100,000" in English. */
export function formatNumber(n: number, lang: Lang): string {
  if (!Number.isFinite(n)) return String(n);
  const sep = lang === 'id' ? '.' : ',';
  const negative = n < 0;
  const [whole, fraction] = Math.abs(n).toString().split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const decimal = fraction ? (lang === 'id' ? ',' : '.') + fraction : '';
  return (negative ? '-' : '') + grouped + decimal;
}

/** A file size: "812 byte", "5,8 KB", "12,4 MB" (with a decimal point in English). */
export function formatBytes(bytes: number, lang: Lang): string {
  if (bytes < 1024) return `${formatNumber(bytes, lang)} ${lang === 'id' ? 'byte' : 'bytes'}`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = value >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${formatNumber(rounded, lang)} ${units[unit]}`;
}

/** The parts of a case number such as "6503-2019-0001": district 65.03, year 2019, number 1. */
export function caseNumberParts(caseNumber: string): { district: string; year: number; seq: number } | null {
  const match = /^(\d{2})(\d{2})-(\d{4})-(\d{4,})$/.exec(caseNumber.trim());
  if (!match) return null;
  return { district: `${match[1]}.${match[2]}`, year: Number(match[3]), seq: Number(match[4]) };
}

/**
 * A case number for display. Case numbers are shown exactly as Lintas issued them (people read
 * them over the phone and type them into search), only trimmed and upper-cased; an unknown form
 * is shown unchanged.
 */
export function formatCaseNumber(caseNumber: string | null | undefined): string {
  if (!caseNumber) return '';
  return caseNumber.trim().toUpperCase();
}

/**
 * A fingerprint as groups of five digits separated by spaces, the way it is read aloud. Only
 * digits count, so any spacing the backend used is normalised; text without digits is shown
 * unchanged.
 */
export function formatFingerprint(fp: string): string {
  const digits = fp.replace(/\D/g, '');
  if (!digits) return fp;
  return digits.replace(/(\d{5})(?=\d)/g, '$1 ');
}

/** A district code with its name when it is known: "Kabupaten Nunukan (65.03)". */
export function formatDistrict(code: string, name?: string | null): string {
  return name ? `${name} (${code})` : code;
}
