// The statistics screen's figures in plain words: every chart the report needs, labels from the
// code lists, shares of all victims, the period form's checks and the period in words.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setCodeLists } from '../src/codes';
import { setLang } from '../src/i18n';
import {
  checkPeriod,
  medianDays,
  periodText,
  presetDates,
  shareOf,
  statsCharts,
  toPeriod,
  unknownAge,
} from '../src/statistics';
import type { Stats } from '../src/types';

const stats: Stats = {
  victims: 40,
  children: 12,
  adults: 25,
  by_sex: [
    ['Feminine', 31],
    ['Masculine', 7],
    ['unknown', 2],
  ],
  by_age_group: [
    ['0-11', 2],
    ['12-17', 10],
    ['18-25', 15],
    ['46+', 10],
    ['unknown', 3],
  ],
  by_exploitation: [
    ['ForcedLabour', 30],
    ['SexualExploitation', 14],
  ],
  by_country: [
    ['MY', 33],
    ['SA', 5],
    ['ZZ', 2],
  ],
  by_recruitment: [['ThroughFriendsOrSocialEvents', 9]],
  services: [
    ['Health', 8],
    ['Shelter', 38],
  ],
  referrals: { sent: 10, received: 9, accepted: 7, declined: 1, completed: 3, median_days_to_acceptance: 3.25 },
  followups: { due: 4, overdue: 2, done: 20 },
};

beforeEach(() => {
  setLang('id');
  setCodeLists({
    gender: [
      { code: 'Feminine', id: 'Perempuan', en: 'Feminine' },
      { code: 'Masculine', id: 'Laki-laki', en: 'Masculine' },
    ],
    type_of_exploitation: [
      { code: 'ForcedLabour', id: 'Kerja paksa', en: 'Forced labour' },
      { code: 'SexualExploitation', id: 'Eksploitasi seksual', en: 'Sexual exploitation' },
    ],
    country: [
      { code: 'MY', id: 'Malaysia', en: 'Malaysia' },
      { code: 'SA', id: 'Arab Saudi', en: 'Saudi Arabia' },
    ],
    method_of_recruitment: [
      { code: 'ThroughFriendsOrSocialEvents', id: 'Melalui teman atau acara sosial', en: 'Through friends or social events' },
    ],
    service_type: [
      { code: 'Shelter', id: 'Rumah aman / penampungan', en: 'Shelter' },
      { code: 'Health', id: 'Layanan kesehatan', en: 'Health' },
    ],
  });
});

afterEach(() => setLang('id'));

describe('statsCharts', () => {
  it('has a chart for every figure of the report, in its order', () => {
    expect(statsCharts(stats).map((c) => c.id)).toEqual([
      'children',
      'sex',
      'age',
      'exploitation',
      'country',
      'recruitment',
      'services',
      'referrals',
      'followups',
    ]);
  });

  it('labels codes from the code lists, most frequent first, and keeps unknown codes visible', () => {
    const by = Object.fromEntries(statsCharts(stats).map((c) => [c.id, c]));
    expect(by.sex.bars.map((b) => [b.label, b.value])).toEqual([
      ['Perempuan', 31],
      ['Laki-laki', 7],
      ['Tidak diketahui', 2],
    ]);
    expect(by.country.bars.map((b) => b.label)).toEqual(['Malaysia', 'Arab Saudi', 'ZZ']);
    expect(by.services.bars.map((b) => b.label)).toEqual(['Rumah aman / penampungan', 'Layanan kesehatan']);
    expect(by.recruitment.bars[0].label).toBe('Melalui teman atau acara sosial');
    expect(by.exploitation.note).toBe('stats.severalNote');
  });

  it('keeps age groups in their natural order and splits victims into children, adults and unknown', () => {
    const by = Object.fromEntries(statsCharts(stats).map((c) => [c.id, c]));
    expect(by.age.bars.map((b) => b.label)).toEqual(['0–11 tahun', '12–17 tahun', '18–25 tahun', '46 tahun ke atas', 'Tidak diketahui']);
    expect(by.children.bars.map((b) => [b.label, b.value])).toEqual([
      ['Anak', 12],
      ['Dewasa', 25],
      ['Umur tidak diketahui', 3],
    ]);
    expect(unknownAge(stats)).toBe(3);
    expect(unknownAge({ ...stats, adults: 40 })).toBe(0);
  });

  it('shows shares of victims only where the count is of victims', () => {
    const perVictim = Object.fromEntries(statsCharts(stats).map((c) => [c.id, c.perVictim]));
    expect(perVictim).toEqual({
      children: true,
      sex: true,
      age: true,
      exploitation: true,
      country: true,
      recruitment: true,
      services: false,
      referrals: false,
      followups: false,
    });
  });

  it('names referrals and follow-ups in both languages', () => {
    const ids = () => Object.fromEntries(statsCharts(stats).map((c) => [c.id, c.bars.map((b) => `${b.label}=${b.value}`)]));
    expect(ids().referrals).toEqual(['Dikirim=10', 'Diterima di daerah tujuan=9', 'Disetujui=7', 'Ditolak=1', 'Selesai=3']);
    expect(ids().followups).toEqual(['Jatuh tempo (tanggal belum lewat)=4', 'Terlambat (tanggal sudah lewat)=2', 'Terlaksana=20']);
    setLang('en');
    expect(ids().referrals[0]).toBe('Sent=10');
    expect(ids().sex[0]).toBe('Feminine=31');
    expect(ids().age[0]).toBe('0–11 years=2');
  });
});

describe('numbers', () => {
  it('gives shares with one decimal, and a dash without victims', () => {
    expect(shareOf(31, 40, 'id')).toBe('77,5%');
    expect(shareOf(1, 3, 'en')).toBe('33.3%');
    expect(shareOf(3, 3, 'id')).toBe('100,0%');
    expect(shareOf(1, 33, 'id')).toBe('3,0%');
    expect(shareOf(12345, 12345, 'en')).toBe('100.0%');
    expect(shareOf(0, 0, 'id')).toBe('—');
  });

  it('gives the median in days, or a dash', () => {
    expect(medianDays(3.25, 'id')).toBe('3,3 hari');
    expect(medianDays(6, 'id')).toBe('6 hari');
    expect(medianDays(null, 'id')).toBe('—');
  });
});

describe('the period', () => {
  it('offers this year, last year and all dates', () => {
    expect(presetDates('thisYear', '2025-06-15')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(presetDates('lastYear', '2025-06-15')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(presetDates('all', '2025-06-15')).toEqual({ from: '', to: '' });
  });

  it('checks typed dates and their order', () => {
    expect(checkPeriod('', '')).toEqual({});
    expect(checkPeriod('1/1/2025', '31/12/2025')).toEqual({});
    expect(Object.keys(checkPeriod('kemarin', ''))).toEqual(['from']);
    expect(Object.keys(checkPeriod('', '31/02/2025'))).toEqual(['to']);
    expect(checkPeriod('2025-12-31', '2025-01-01').to).toBe('Tanggal akhir tidak boleh sebelum tanggal awal.');
  });

  it('sends dates as YYYY-MM-DD and empty fields as no bound', () => {
    expect(toPeriod(' 1/1/2025 ', '2025-12-31', '65.03')).toEqual({ from: '2025-01-01', to: '2025-12-31', district: '65.03' });
    expect(toPeriod('', ' ', '')).toEqual({ from: null, to: null, district: null });
  });

  it('says the period in words', () => {
    expect(periodText({ from: '2025-01-01', to: '2025-12-31', district: null }, 'id')).toBe('1 Januari 2025 – 31 Desember 2025');
    expect(periodText({ from: '2025-01-01', to: null, district: null }, 'id')).toBe('sejak 1 Januari 2025');
    expect(periodText({ from: null, to: '2025-12-31', district: null }, 'id')).toBe('sampai 31 Desember 2025');
    expect(periodText({ from: null, to: null, district: null }, 'id')).toBe('semua tanggal');
    setLang('en');
    expect(periodText({ from: '2025-01-01', to: null, district: null }, 'en')).toBe('since 1 January 2025');
  });
});
