// Formatting of dates, numbers, sizes, case numbers and fingerprints.

import { describe, expect, it } from 'vitest';
import {
  caseNumberParts,
  formatBytes,
  formatCaseNumber,
  formatDate,
  formatDateTime,
  formatDistrict,
  formatFingerprint,
  formatMonth,
  formatNumber,
  parseDateInput,
  parseIsoDate,
  todayIso,
} from '../src/format';

describe('dates', () => {
  it('formats wire dates in Indonesian', () => {
    expect(formatDate('2019-09-20', 'id')).toBe('20 September 2019');
    expect(formatDate('2004-02-11', 'id')).toBe('11 Februari 2004');
    expect(formatDate('2020-08-01', 'id')).toBe('1 Agustus 2020');
    expect(formatDate('2021-05-09', 'id')).toBe('9 Mei 2021');
  });

  it('formats wire dates in English', () => {
    expect(formatDate('2019-09-20', 'en')).toBe('20 September 2019');
    expect(formatDate('2020-08-01', 'en')).toBe('1 August 2020');
  });

  it('has a compact form for tables', () => {
    expect(formatDate('2019-09-20', 'id', 'short')).toBe('20/09/2019');
    expect(formatDate('2004-02-01', 'en', 'short')).toBe('01/02/2004');
  });

  it('shows the date part of a timestamp', () => {
    expect(formatDate('2019-09-20T03:15:00Z', 'id')).toBe('20 September 2019');
  });

  it('shows anything that is not a date unchanged, and nothing for empty', () => {
    expect(formatDate('2019-02-30', 'id')).toBe('2019-02-30');
    expect(formatDate('kemarin', 'id')).toBe('kemarin');
    expect(formatDate(null, 'id')).toBe('');
    expect(formatDate(undefined, 'en')).toBe('');
  });

  it('knows real calendar dates', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ y: 2024, m: 2, d: 29 });
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('2023-13-01')).toBeNull();
  });

  it('reads dates as people type them', () => {
    expect(parseDateInput('2019-09-20')).toBe('2019-09-20');
    expect(parseDateInput(' 20/09/2019 ')).toBe('2019-09-20');
    expect(parseDateInput('1-2-2004')).toBe('2004-02-01');
    expect(parseDateInput('20.09.2019')).toBe('2019-09-20');
    expect(parseDateInput('31/02/2019')).toBeNull();
    expect(parseDateInput('09/20/2019')).toBeNull();
    expect(parseDateInput('20 Sept')).toBeNull();
  });

  it('gives today in the local calendar', () => {
    expect(todayIso(new Date(2019, 8, 5, 23, 59))).toBe('2019-09-05');
  });

  it('labels months', () => {
    expect(formatMonth('2019-08', 'id')).toBe('Agu 2019');
    expect(formatMonth('2019-08', 'en')).toBe('Aug 2019');
    expect(formatMonth('2019', 'en')).toBe('2019');
  });
});

describe('date and time', () => {
  // Built from local parts, so that the test holds in any time zone.
  const at = new Date(2025, 11, 20, 9, 5).toISOString();

  it('shows local date and time, compact for tables', () => {
    expect(formatDateTime(at, 'id', 'short')).toBe('20/12/2025 09.05');
    expect(formatDateTime(at, 'en', 'short')).toBe('20/12/2025 09:05');
  });

  it('has a long form', () => {
    expect(formatDateTime(at, 'id')).toBe('20 Desember 2025, pukul 09.05');
    expect(formatDateTime(at, 'en')).toBe('20 December 2025, 09:05');
  });

  it('shows nothing for nothing, and unreadable text unchanged', () => {
    expect(formatDateTime(null, 'id', 'short')).toBe('');
    expect(formatDateTime('kemarin', 'id', 'short')).toBe('kemarin');
  });
});

describe('numbers', () => {
  it('groups thousands with a dot in Indonesian and a comma in English', () => {
    expect(formatNumber(0, 'id')).toBe('0');
    expect(formatNumber(999, 'id')).toBe('999');
    expect(formatNumber(1000, 'id')).toBe('1.000');
    expect(formatNumber(100000, 'id')).toBe('100.000');
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(-5000, 'en')).toBe('-5,000');
  });

  it('uses a decimal comma in Indonesian', () => {
    expect(formatNumber(5.8, 'id')).toBe('5,8');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
  });

  it('formats file sizes', () => {
    expect(formatBytes(812, 'id')).toBe('812 byte');
    expect(formatBytes(5774, 'id')).toBe('5,6 KB');
    expect(formatBytes(5774, 'en')).toBe('5.6 KB');
    expect(formatBytes(183442, 'en')).toBe('179 KB');
    expect(formatBytes(50 * 1024 * 1024, 'id')).toBe('50 MB');
  });
});

describe('case numbers and districts', () => {
  it('shows case numbers as issued', () => {
    expect(formatCaseNumber('6503-2019-0001')).toBe('6503-2019-0001');
    expect(formatCaseNumber(' 6503-2019-0001 ')).toBe('6503-2019-0001');
    expect(formatCaseNumber('abc')).toBe('ABC');
    expect(formatCaseNumber(null)).toBe('');
  });

  it('splits a case number into district, year and number', () => {
    expect(caseNumberParts('6503-2019-0001')).toEqual({ district: '65.03', year: 2019, seq: 1 });
    expect(caseNumberParts('5303-2020-12345')).toEqual({ district: '53.03', year: 2020, seq: 12345 });
    expect(caseNumberParts('65.03-2019-1')).toBeNull();
  });

  it('names a district when the name is known', () => {
    expect(formatDistrict('65.03', 'Kabupaten Nunukan')).toBe('Kabupaten Nunukan (65.03)');
    expect(formatDistrict('53.03', null)).toBe('53.03');
  });

  it('groups fingerprints in fives', () => {
    const fp = '111136332393390478236273415889973128597575989271630671376053';
    expect(formatFingerprint(fp)).toBe('11113 63323 93390 47823 62734 15889 97312 85975 75989 27163 06713 76053');
    expect(formatFingerprint('11113 63323\n93390')).toBe('11113 63323 93390');
  });
});
