// The access log in plain words: what was done and of what, by case number, district or report
// period, and never anything personal.

import { afterEach, describe, expect, it } from 'vitest';
import { accessActionLabel, accessTarget, reportPeriodOf } from '../src/accessLog';
import { setLang } from '../src/i18n';
import { setRegions } from '../src/regions';
import type { AccessEntry } from '../src/types';

afterEach(() => {
  setLang('id');
  setRegions([]);
});

const entry = (action: string, target: string, caseNumber: string | null = null): AccessEntry => ({
  seq: 1,
  at: '2025-12-20T02:05:00Z',
  operator: 'Petugas',
  action,
  target,
  case_number: caseNumber,
});

const names = (code: string) => (code === '53.03' ? 'Kabupaten Timor Tengah Utara' : null);

describe('accessActionLabel', () => {
  it('names every action in Indonesian and English, and a new one as it is', () => {
    setLang('id');
    expect(
      ['view_case', 'export_bundle', 'export_anonymised', 'export_attachment', 'export_report'].map(accessActionLabel),
    ).toEqual(['Membuka kasus', 'Mengekspor bundel', 'Ekspor anonim (CTDC)', 'Mengeluarkan lampiran', 'Mencetak laporan statistik']);
    expect(accessActionLabel('erase_case')).toBe('erase_case');
    setLang('en');
    expect(accessActionLabel('view_case')).toBe('Opened a case');
  });
});

describe('accessTarget', () => {
  it('shows the case number of a view or an attachment, never the id', () => {
    expect(accessTarget(entry('view_case', 'uuid-1', '6503-2019-0001'), names)).toBe('6503-2019-0001');
    expect(accessTarget(entry('export_attachment', 'uuid-2', '6503-2019-0002'), names)).toBe('6503-2019-0002');
    expect(accessTarget(entry('view_case', 'uuid-3'), names)).toBe('kasus tidak ada di laptop ini');
  });

  it('names the receiving district of a bundle and k of an anonymised export', () => {
    expect(accessTarget(entry('export_bundle', '53.03'), names)).toBe('untuk 53.03 Kabupaten Timor Tengah Utara');
    expect(accessTarget(entry('export_bundle', '52.01'), names)).toBe('untuk 52.01');
    expect(accessTarget(entry('export_anonymised', 'k=11'), names)).toBe('k = 11');
  });

  it('says the period and district of a printed report', () => {
    setRegions([{ code: '65.03', name: 'Kabupaten Nunukan' }]);
    expect(accessTarget(entry('export_report', '2025-01-01..2025-12-31 65.03'), names)).toBe(
      '1 Januari 2025 – 31 Desember 2025; 65.03 Kabupaten Nunukan',
    );
    expect(accessTarget(entry('export_report', '..'), names)).toBe('semua tanggal; semua kabupaten/kota');
    expect(accessTarget(entry('export_report', 'something else'), names)).toBe('something else');
  });

  it('reads the bounds the core logs', () => {
    expect(reportPeriodOf('2025-01-01..')).toEqual({ from: '2025-01-01', to: null, district: null });
    expect(reportPeriodOf('..2025-12-31 53.03')).toEqual({ from: null, to: '2025-12-31', district: '53.03' });
    expect(reportPeriodOf('k=11')).toBeNull();
  });
});
