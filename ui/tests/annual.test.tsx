// The annual report screen (issue 16), in jsdom against a fake backend: the report as the core
// lays it out, every figure as given ("< 5" stays "< 5"), bars only for counts the core did not
// hide; printing; saving in a format into a folder; the figures file for the province; a
// province's roll-up and its refusals worded; the new words in both languages.

import { afterEach, describe, expect, it, vi } from 'vitest';
import CODE_LISTS from '../mock/code-lists.json';
import { api, setBackend } from '../src/api';
import { id } from '../src/i18n/id';
import { en } from '../src/i18n/en';
import { errorText } from '../src/i18n/errors';
import { AnnualReportScreen, parsePopulation } from '../src/screens/AnnualReport';
import type { ReportView } from '../src/types';
import { mockBackend } from '../mock/backend';
import { appContext, boundTo, eachScreen } from './app';
import { type Call, fakeBackend, type Handlers } from './dom';

const view = (): ReportView => ({
  title: 'Laporan Tahunan Gugus Tugas PP-TPPO',
  area: 'Kabupaten Nunukan (65.03)',
  period: 'Tahun 2025',
  previous: 'Tahun 2024',
  parts: [],
  tables: [
    { id: 'victims', title: '1. Korban teridentifikasi', note: null, chart: false, rows: [{ label: 'Semua korban', current: '42', previous: '37', current_n: 42, previous_n: 37 }] },
    {
      id: 'victims_sex',
      title: '2. Korban menurut jenis kelamin',
      note: 'Satu korban dapat tercatat pada lebih dari satu baris.',
      chart: true,
      rows: [
        { label: 'Perempuan', current: '38', previous: '30', current_n: 38, previous_n: 30 },
        { label: 'Laki-laki', current: '< 5', previous: '7', current_n: null, previous_n: 7 },
      ],
    },
    { id: 'sdg', title: '21. Indikator SDG 16.2.2', note: 'Jumlah penduduk tidak diisi.', chart: false, rows: [] },
  ],
  suppressed_below: 5,
  generated: '20 Desember 2025',
});

let root: HTMLElement;
let calls: Call[];

const { mountIn, type, choose, click, text } = boundTo(() => root);
const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

async function showScreen(more: Handlers = {}) {
  setBackend(
    fakeBackend(calls, {
      annual_view: view,
      annual_write: (a) => ({ path: `${a.folder}/laporan-tahunan-6503-2025.${a.format}`, victims: 42 }),
      aggregate_write: (a) => ({ path: `${a.folder}/agregat-6503-2025.json`, victims: 42 }),
      rollup_view: () => ({ ...view(), area: 'Kalimantan Utara (65)', parts: ['Kabupaten Nunukan (65.03)', '65.04'] }),
      ...more,
    }),
  );
  await mountIn(appContext('Coordinator', { route: { name: 'annual' } }), <AnnualReportScreen />);
}

eachScreen(CODE_LISTS, (el) => {
  root = el;
  calls = [];
});

afterEach(() => vi.restoreAllMocks());

describe('Laporan tahunan', () => {
  it('reads a population typed with thousands separators', () => {
    expect(parsePopulation('')).toBeNull();
    expect(parsePopulation('199.090')).toBe(199090);
    expect(parsePopulation('dua ratus')).toBeNaN();
  });

  it('asks for last year by default and shows the report as the core lays it out', async () => {
    await showScreen();
    const lastYear = new Date().getFullYear() - 1;
    expect((root.querySelector('#annual-year') as HTMLSelectElement).value).toBe(String(lastYear));
    await click('#annual-show');
    expect(sent('annual_view')).toEqual([{ period: { year: lastYear, semester: null }, population: null }]);
    const report = root.querySelector('#annual-report');
    expect(report?.querySelector('h2')?.textContent).toBe('Laporan Tahunan Gugus Tugas PP-TPPO');
    expect(report?.textContent).toContain('Kabupaten Nunukan (65.03)');
    expect(text('#annual-report .report-period')).toBe('Tahun 2025, dibandingkan dengan Tahun 2024');
    const heads = [...root.querySelectorAll('#annual-report-victims_sex thead th')].map((th) => th.textContent);
    expect(heads).toEqual(['Kategori', 'Tahun 2025', 'Tahun 2024']);
    const rows = [...root.querySelectorAll('#annual-report-victims_sex tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    // The hidden count is shown as the core sent it; the screen hides nothing itself.
    expect(rows).toEqual([
      ['Perempuan', '38', '30'],
      ['Laki-laki', '< 5', '7'],
    ]);
    expect(text('#annual-report-victims_sex .report-note')).toBe('Satu korban dapat tercatat pada lebih dari satu baris.');
    // Bars only in tables with a chart, and only for counts that are not hidden.
    expect(root.querySelectorAll('#annual-report-victims .report-bar')).toHaveLength(0);
    const bars = [...root.querySelectorAll('#annual-report-victims_sex .report-bar')].map((b) => b.getAttribute('data-n'));
    expect(bars).toEqual(['38', '30', '7']);
    const widths = [...root.querySelectorAll<HTMLElement>('#annual-report-victims_sex .report-bar-fill')].map((b) => b.style.width);
    expect(widths[0]).toBe('100%');
    expect(text('#annual-report-sdg .report-none')).toBe('Tidak ada angka untuk periode ini.');
    expect(text('#annual-report .report-suppressed')).toContain('Angka di bawah 5 disembunyikan');
  });

  it('sends the semester and the population', async () => {
    await showScreen();
    await choose('#annual-year', String(new Date().getFullYear()));
    await choose('#annual-semester', '2');
    await type('annual-population', '199.090');
    await click('#annual-show');
    expect(sent('annual_view')).toEqual([{ period: { year: new Date().getFullYear(), semester: 2 }, population: 199090 }]);
  });

  it('refuses a population that is not a number', async () => {
    await showScreen();
    await type('annual-population', 'banyak');
    await click('#annual-show');
    expect(sent('annual_view')).toEqual([]);
    expect(root.querySelector('#annual-population')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('prints with the print button', async () => {
    await showScreen();
    expect(root.querySelector('#annual-print')).toBeNull();
    await click('#annual-show');
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    await click('#annual-print');
    expect(print).toHaveBeenCalledTimes(1);
    expect(document.body.classList.contains('print-report')).toBe(true);
  });

  it('saves the report in the chosen format and says where', async () => {
    await showScreen();
    await click('#annual-show');
    await click('#annual-save');
    expect(sent('annual_write')).toEqual([]);
    await click('#annual-format-xlsx');
    await type('annual-folder', '/media/usb');
    await click('#annual-save');
    const lastYear = new Date().getFullYear() - 1;
    expect(sent('annual_write')).toEqual([{ period: { year: lastYear, semester: null }, population: null, format: 'xlsx', folder: '/media/usb' }]);
    expect(text('#annual-saved')).toContain('/media/usb/laporan-tahunan-6503-2025.xlsx');
  });

  it('writes the figures file for the province', async () => {
    await showScreen();
    await click('#annual-show');
    await type('aggregate-folder', '/media/usb');
    await click('#aggregate-write');
    expect(sent('aggregate_write')).toEqual([{ period: { year: new Date().getFullYear() - 1, semester: null }, folder: '/media/usb' }]);
    expect(text('#aggregate-result')).toContain('/media/usb/agregat-6503-2025.json');
  });

  it('adds up the files of a province with the same report component', async () => {
    await showScreen();
    await click('#annual-tab-province');
    expect((root.querySelector('#rollup-province') as HTMLSelectElement).value).toBe('65');
    await type('rollup-file', '/media/usb/agregat-6503-2025.json');
    await click('#rollup-file-add');
    // A file chosen but not added yet is taken too.
    await type('rollup-file', '/media/usb/agregat-6504-2025.json');
    await click('#rollup-show');
    expect(sent('rollup_view')).toEqual([{ province: '65', files: ['/media/usb/agregat-6503-2025.json', '/media/usb/agregat-6504-2025.json'], population: null }]);
    expect(text('#rollup-report .report-parts')).toBe('Gabungan dari: Kabupaten Nunukan (65.03), 65.04');
    expect(root.querySelectorAll('#rollup-files li')).toHaveLength(2);
    await type('rollup-folder', '/media/usb');
    await click('#rollup-save');
    expect(sent('rollup_write')).toEqual([
      { province: '65', files: ['/media/usb/agregat-6503-2025.json', '/media/usb/agregat-6504-2025.json'], population: null, format: 'html', folder: '/media/usb' },
    ]);
  });

  it('words a refused roll-up file', async () => {
    await showScreen({
      rollup_view: () => {
        throw { code: 'aggregate_tampered', detail: null, fields: [] };
      },
    });
    await click('#annual-tab-province');
    await click('#rollup-show');
    expect(sent('rollup_view')).toEqual([]);
    await type('rollup-file', '/media/usb/agregat-6503-2025.json');
    await click('#rollup-show');
    expect(text('#rollup-error .panel-message')).toBe(errorText('aggregate_tampered', 'id'));
    expect(root.querySelector('#rollup-report')).toBeNull();
  });
});

describe('the words of issue 16', () => {
  it('are in both languages', () => {
    const keys = [
      'nav.annual', 'nav.activities', 'activities.title', 'activities.other', 'activity.femaleAdults', 'training.addRow', 'programme.enrolled',
      'annual.print', 'annual.population', 'aggregate.heading', 'rollup.heading', 'report.suppressed', 'field.le_verdict',
      'field.placement_agency_id', 'field.programme_id', 'organisation.licence',
    ];
    for (const k of keys) {
      expect(id, k).toHaveProperty([k]);
      expect(en, k).toHaveProperty([k]);
    }
    expect(id['nav.activities']).toBe('Kegiatan');
    expect(id['organisation.licence']).toBe('Nomor izin (SIP3MI)');
    expect(id['annual.population']).toBe('Jumlah penduduk, untuk indikator SDG 16.2.2');
  });

  it('word every refusal of a roll-up file', () => {
    for (const code of ['not_an_aggregate', 'aggregate_tampered', 'aggregate_untrusted', 'aggregate_other_province', 'aggregate_periods', 'aggregate_twice'] as const) {
      expect(errorText(code, 'id'), code).toBeTruthy();
      expect(errorText(code, 'en'), code).toBeTruthy();
    }
  });
});

describe('the mock backend', () => {
  const unlocked = () => {
    const backend = mockBackend(new URLSearchParams('mock=unlocked&cases=0'));
    setBackend(backend);
    return backend;
  };

  it('keeps the registers, newest first, and changes only this district’s records', async () => {
    unlocked();
    const list = await api.registerList('activity');
    expect(list.map((e) => e.doc.date)).toEqual([...list.map((e) => e.doc.date as string)].sort().reverse());
    const id = await api.registerCreate('training', { title: 'Baru', start_date: '2025-12-01', participants: [{ agency: 'Police', female: 2, male: 3 }] });
    const added = (await api.registerList('training')).find((e) => e.id === id);
    expect(added?.doc.participants).toMatchObject([{ agency: 'Police', female: 2, male: 3 }]);
    await expect(api.registerCreate('activity', { kind: 'Campaign' })).rejects.toMatchObject({ code: 'invalid_record' });
    const other = list.find((e) => !e.ours);
    await expect(api.registerUpdate('activity', other?.id ?? '', { title: 'x' })).rejects.toMatchObject({ code: 'not_authorised' });
    const programmes = await api.registerList('programme');
    expect(programmes.find((p) => p.id === 'pg-1')?.enrolled).toBe(1);
  });

  it('shows a report and refuses tampered roll-up files', async () => {
    unlocked();
    const v = await api.annualView({ year: 2025, semester: null }, 199090);
    expect(v.tables.length).toBeGreaterThan(3);
    expect(v.suppressed_below).toBe(5);
    await expect(api.rollupView('65', ['/usb/agregat-6503-rusak.json'], null)).rejects.toMatchObject({ code: 'aggregate_tampered' });
    const r = await api.rollupView('65', ['/usb/agregat-6503-2025.json', '/usb/agregat-6504-2025.json'], null);
    expect(r.parts).toHaveLength(2);
    expect((await api.aggregateWrite({ year: 2025, semester: 1 }, '/usb')).path).toBe('/usb/agregat-6503-2025-s1.json');
  });
});
