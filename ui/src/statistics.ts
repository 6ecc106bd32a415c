// The statistics screen in plain words: which charts it shows for a `Stats` answer, with their
// labels in the current language (codes through the code lists the backend gave), and the
// period the figures cover. Only aggregate figures ever reach this module.

import { label } from './codes';
import type { Bar } from './components/charts';
import { formatDate, formatNumber, parseDateInput, todayIso } from './format';
import { getLang, type Key, t, tMaybe } from './i18n';
import type { Lang, ReportPeriod, Stats } from './types';
import type { FieldErrors } from './validation';

/** One chart of the statistics screen. */
export interface StatsChart {
  /** Stable, for element ids and tests. */
  id: string;
  title: Key;
  /** Said under the title, when the bars need explaining. */
  note?: Key;
  bars: Bar[];
  /** Whether each bar is also shown as a share of all victims. */
  perVictim: boolean;
}

/** Victims whose age is not known: neither counted as a child nor as an adult. */
export function unknownAge(s: Stats): number {
  return Math.max(0, s.victims - s.children - s.adults);
}

/** Coded counts with their labels, most frequent first (then by label). */
function coded(list: string, pairs: [string, number][]): Bar[] {
  return pairs
    .map(([code, value]) => ({ label: code === 'unknown' ? t('stats.unknown') : label(list, code), value, code }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
}

/** The age groups the core counts, in their natural order. */
export const AGE_GROUPS = ['0-11', '12-17', '18-25', '26-35', '36-45', '46+', 'unknown'];

function ageBars(pairs: [string, number][]): Bar[] {
  const rank = (g: string) => {
    const i = AGE_GROUPS.indexOf(g);
    return i < 0 ? AGE_GROUPS.length : i;
  };
  return [...pairs]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([group, value]) => ({ label: tMaybe(`stats.age.${group}`) ?? group, value, code: group }));
}

/** Every chart of the screen, in the order of the printed report. */
export function statsCharts(s: Stats): StatsChart[] {
  const r = s.referrals;
  const f = s.followups;
  return [
    {
      id: 'children',
      title: 'stats.children',
      perVictim: true,
      bars: [
        { label: t('stats.child'), value: s.children, code: 'child' },
        { label: t('stats.adult'), value: s.adults, code: 'adult' },
        { label: t('stats.unknownAge'), value: unknownAge(s), code: 'unknown' },
      ],
    },
    { id: 'sex', title: 'stats.bySex', perVictim: true, bars: coded('gender', s.by_sex) },
    { id: 'age', title: 'stats.byAge', perVictim: true, bars: ageBars(s.by_age_group) },
    {
      id: 'exploitation',
      title: 'stats.byExploitation',
      note: 'stats.severalNote',
      perVictim: true,
      bars: coded('type_of_exploitation', s.by_exploitation),
    },
    { id: 'country', title: 'stats.byCountry', perVictim: true, bars: coded('country', s.by_country) },
    {
      id: 'recruitment',
      title: 'stats.byRecruitment',
      note: 'stats.severalNote',
      perVictim: true,
      bars: coded('method_of_recruitment', s.by_recruitment),
    },
    { id: 'services', title: 'stats.services', note: 'stats.servicesNote', perVictim: false, bars: coded('service_type', s.services) },
    {
      id: 'referrals',
      title: 'stats.referrals',
      perVictim: false,
      bars: [
        { label: t('stats.ref.sent'), value: r.sent, code: 'sent' },
        { label: t('stats.ref.received'), value: r.received, code: 'received' },
        { label: t('stats.ref.accepted'), value: r.accepted, code: 'accepted' },
        { label: t('stats.ref.declined'), value: r.declined, code: 'declined' },
        { label: t('stats.ref.completed'), value: r.completed, code: 'completed' },
      ],
    },
    {
      id: 'followups',
      title: 'stats.followups',
      perVictim: false,
      bars: [
        { label: t('stats.fu.due'), value: f.due, code: 'due' },
        { label: t('stats.fu.overdue'), value: f.overdue, code: 'overdue' },
        { label: t('stats.fu.done'), value: f.done, code: 'done' },
      ],
    },
  ];
}

/** A share of all victims with one decimal ("40,5%", "3,0%"), or a dash when there are none. */
export function shareOf(count: number, of: number, lang: Lang = getLang()): string {
  if (of <= 0) return t('common.empty');
  const tenths = Math.round((count * 1000) / of);
  return `${formatNumber(Math.floor(tenths / 10), lang)}${lang === 'id' ? ',' : '.'}${tenths % 10}%`;
}

/** Median days to acceptance in words ("3,5 hari"), or a dash when no referral was accepted. */
export function medianDays(days: number | null, lang: Lang = getLang()): string {
  if (days === null) return t('common.empty');
  return t('stats.days', { days: formatNumber(Math.round(days * 10) / 10, lang) });
}

/** The quick choices of period above the form. */
export type PeriodPreset = 'thisYear' | 'lastYear' | 'all';

/** The dates of a quick choice, as the form shows them ("YYYY-MM-DD", or empty for open). */
export function presetDates(preset: PeriodPreset, today: string = todayIso()): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  switch (preset) {
    case 'thisYear':
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    case 'lastYear':
      return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
    case 'all':
      return { from: '', to: '' };
  }
}

/**
 * The checks the form makes before asking: each date, when typed, must be readable, and the
 * first may not come after the last. Keys are the form's paths, `from` and `to`.
 */
export function checkPeriod(from: string, to: string): FieldErrors {
  const errors: FieldErrors = {};
  const f = from.trim() ? parseDateInput(from) : null;
  const l = to.trim() ? parseDateInput(to) : null;
  if (from.trim() && !f) errors.from = t('stats.errDate');
  if (to.trim() && !l) errors.to = t('stats.errDate');
  if (f && l && f > l) errors.to = t('stats.errOrder');
  return errors;
}

/** The period as the backend reads it, from what the form holds (after `checkPeriod` passed). */
export function toPeriod(from: string, to: string, district: string): ReportPeriod {
  const date = (s: string) => (s.trim() ? parseDateInput(s) ?? s.trim() : null);
  return { from: date(from), to: date(to), district: district.trim() || null };
}

/** The period in words: "1 Januari 2025 – 31 Desember 2025", "sejak …", "sampai …", "semua tanggal". */
export function periodText(p: ReportPeriod, lang: Lang = getLang()): string {
  if (p.from && p.to) return t('stats.periodBetween', { from: formatDate(p.from, lang), to: formatDate(p.to, lang) });
  if (p.from) return t('stats.periodFrom', { from: formatDate(p.from, lang) });
  if (p.to) return t('stats.periodTo', { to: formatDate(p.to, lang) });
  return t('stats.periodAll');
}
