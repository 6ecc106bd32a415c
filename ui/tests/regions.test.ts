// Region names: a district code shown with its name, or alone when the name is not known.

import { afterEach, describe, expect, it } from 'vitest';
import { countRegions, regionLabel, regionName, setRegions } from '../src/regions';

const REGIONS = [
  { code: '53', name: 'Nusa Tenggara Timur' },
  { code: '53.03', name: 'Kabupaten Timor Tengah Utara' },
  { code: '65', name: 'Kalimantan Utara' },
  { code: '65.03', name: 'Kabupaten Nunukan' },
  { code: '65.04', name: 'Kabupaten Tana Tidung' },
];

afterEach(() => setRegions([]));

describe('regionLabel', () => {
  it('shows the code with its name', () => {
    setRegions(REGIONS);
    expect(regionLabel('53.03')).toBe('53.03 Kabupaten Timor Tengah Utara');
    expect(regionLabel('65')).toBe('65 Kalimantan Utara');
    expect(regionName('65.03')).toBe('Kabupaten Nunukan');
  });

  it('falls back to the code alone', () => {
    setRegions(REGIONS);
    expect(regionLabel('52.01')).toBe('52.01');
    expect(regionName('52.01')).toBeNull();
    setRegions([]);
    expect(regionLabel('53.03')).toBe('53.03');
  });

  it('prefers a name the caller knows, and shows nothing for no code', () => {
    setRegions(REGIONS);
    expect(regionLabel('52.01', 'Kabupaten Lombok Barat')).toBe('52.01 Kabupaten Lombok Barat');
    expect(regionLabel('53.03', 'Kab. TTU')).toBe('53.03 Kab. TTU');
    expect(regionLabel('53.03', null)).toBe('53.03 Kabupaten Timor Tengah Utara');
    expect(regionLabel('53.03', '  ')).toBe('53.03 Kabupaten Timor Tengah Utara');
    expect(regionLabel(null)).toBe('');
    expect(regionLabel('')).toBe('');
  });
});

describe('countRegions', () => {
  it('counts provinces and kabupaten/kota', () => {
    expect(countRegions(REGIONS)).toEqual({ provinces: 2, regencies: 3 });
    expect(countRegions([])).toEqual({ provinces: 0, regencies: 0 });
  });
});
