// The spreadsheet screen, rendered in jsdom against a fake backend: a check that shows the counts,
// each problem by row and column in the app's words (never a value) and the possible
// duplicates; how far a check or an import is, in percent; the problems, possible duplicates
// and new cases beyond those the core lists, counted; importing the rows without problems, with
// links to the new cases; leaving it; an unreadable file; the export in the HTCDS layout; and
// who is offered the screen. The browser mock's spreadsheet commands are checked at the end.

import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { type Backend, setBackend } from '../src/api';
import { appContext, boundTo, eachScreen, statusAs } from './app';
import { type Call, emptyShellHandlers, fakeBackend, flush, type Handlers } from './dom';
import { mockBackend } from '../mock/backend';
import type { AppContext } from '../src/context';
import { setLang, t } from '../src/i18n';
import { errorText, problemText } from '../src/i18n/errors';
import type { Route } from '../src/routes';
import { SpreadsheetScreen } from '../src/screens/Spreadsheet';
import { Shell } from '../src/shell';
import type { Role, SpreadsheetReport } from '../src/types';

let root: HTMLElement;
let calls: Call[];
let routes: Route[];

/** The context of the import screen for `role`, recording where it went. */
const context = (role: Role = 'Coordinator', overrides: Partial<AppContext> = {}): AppContext =>
  appContext(role, { route: { name: 'import' }, navigate: (r) => void routes.push(r), ...overrides });

const report = (more: Partial<SpreadsheetReport> = {}): SpreadsheetReport => ({
  rows: 3,
  valid: 2,
  with_problems: 1,
  already_imported: 0,
  problems: [
    { row: 4, column: 'Birthdate', problem: { code: 'bad_date' } },
    { row: 4, column: 'Sex', problem: { code: 'unknown_code', list: 'gender', examples: ['Feminine', 'Masculine'] } },
  ],
  problems_not_listed: 0,
  duplicates: [
    { row: 2, case_number: '6503-2019-0001', other_row: null },
    { row: 3, case_number: null, other_row: 2 },
  ],
  duplicates_not_listed: 0,
  columns_read: ['First name', 'Birthdate', 'Sex'],
  columns_ignored: ['Catatan petugas'],
  imported: 0,
  imported_cases: [],
  ...more,
});

const { mount, mountIn, type, click, text } = boundTo(() => root);
const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd);
/** The paths a command was sent, each with a progress channel (outside the shell: an object the backend calls). */
const paths = (cmd: string) =>
  sent(cmd).map((c) => {
    expect(typeof (c.args?.onProgress as { onmessage?: unknown } | undefined)?.onmessage).toBe('function');
    return c.args?.path;
  });
/** What a command's progress channel sends to the screen. */
const progressOf = (args: Record<string, unknown>) => (args.onProgress as { onmessage: (percent: number) => void }).onmessage;

async function screen(handlers: Handlers, role: Role = 'Coordinator', overrides: Partial<AppContext> = {}) {
  setBackend(fakeBackend(calls, handlers));
  await mountIn(context(role, overrides), <SpreadsheetScreen />);
}

/** A backend whose file reads as `report()`, and whose import writes two cases. */
const sheetHandlers = (): Handlers => ({
  spreadsheet_check: () => report(),
  spreadsheet_import: () => report({ imported: 2, imported_cases: ['6503-2025-0002', '6503-2025-0003'] }),
  spreadsheet_export: ({ folder }) => ({ path: `${String(folder)}/lintas-htcds.xlsx`, cases: 12 }),
});

eachScreen({}, (el) => {
  root = el;
  calls = [];
  routes = [];
});

afterEach(() => {
  setLang('id');
});

describe('Spreadsheet import', () => {
  it('checks first: counts, each problem by row and column in words, possible duplicates, nothing written', async () => {
    await screen(sheetHandlers());
    expect(text('#screen-title')).toBe(t('sheet.title'));
    expect(root.querySelector('#import-sheet-report')).toBeNull();
    await type('import-sheet-file', '/media/usb/kasus.xlsx');
    await click('#import-sheet-check');

    expect(paths('spreadsheet_check')).toEqual(['/media/usb/kasus.xlsx']);
    expect(sent('spreadsheet_import')).toHaveLength(0);
    expect(text('#import-sheet-rows')).toBe('3');
    expect(text('#import-sheet-valid')).toBe('2');
    expect(text('#import-sheet-with-problems')).toBe('1');
    expect(text('#import-sheet-already')).toBe('0');

    const rows = [...root.querySelectorAll('#import-sheet-problems tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent),
    );
    expect(rows).toEqual([
      ['4', 'Birthdate', problemText({ code: 'bad_date' }, 'id')],
      ['4', 'Sex', problemText({ code: 'unknown_code', list: 'gender', examples: ['Feminine', 'Masculine'] }, 'id')],
    ]);
    // Worded by the app: no problem code shows.
    expect(text('#import-sheet-problems')).not.toContain('bad_date');

    const dups = [...root.querySelectorAll('#import-sheet-duplicates li')].map((li) => li.textContent);
    expect(dups).toEqual([
      t('sheet.duplicateCase', { row: 2, case: '6503-2019-0001' }),
      t('sheet.duplicateRow', { row: 3, other: 2 }),
    ]);
    expect(text('#import-sheet-ignored')).toContain('Catatan petugas');
    expect(text('#import-sheet-commit')).toBe('Impor 2 baris yang benar');
    expect(root.querySelector<HTMLButtonElement>('#import-sheet-commit')?.disabled).toBe(false);
    // Everything found is listed: no "and N more" lines.
    expect(root.querySelector('#import-sheet-problems-more')).toBeNull();
    expect(root.querySelector('#import-sheet-duplicates-more')).toBeNull();
  });

  it('shows how far the check is, in percent, while it runs', async () => {
    let finish: (r: SpreadsheetReport) => void = () => undefined;
    await screen({
      spreadsheet_check: (args) => {
        progressOf(args)(40);
        return new Promise<SpreadsheetReport>((resolve) => (finish = resolve));
      },
    });
    await type('import-sheet-file', '/media/usb/kasus.xlsx');
    await click('#import-sheet-check');

    expect(root.querySelector('#import-sheet-check')).toBeNull();
    const bar = root.querySelector('[role="progressbar"]');
    expect(bar?.getAttribute('aria-valuenow')).toBe('40');
    expect(bar?.getAttribute('aria-valuemin')).toBe('0');
    expect(bar?.getAttribute('aria-valuemax')).toBe('100');
    expect(root.querySelector('.progress p')?.textContent).toBe(t('sheet.checking', { percent: 40 }));
    expect(t('sheet.checking', { percent: 40 })).toBe('Memeriksa setiap baris… 40%');
    expect(root.querySelector('#import-sheet-report')).toBeNull();

    await act(async () => finish(report()));
    await flush();
    expect(root.querySelector('[role="progressbar"]')).toBeNull();
    expect(text('#import-sheet-valid')).toBe('2');
  });

  it('shows how far the import is, in percent, starting again from nought', async () => {
    let finish: (r: SpreadsheetReport) => void = () => undefined;
    await screen({
      spreadsheet_check: (args) => {
        progressOf(args)(100);
        return report();
      },
      spreadsheet_import: (args) => {
        progressOf(args)(75);
        return new Promise<SpreadsheetReport>((resolve) => (finish = resolve));
      },
    });
    await type('import-sheet-file', '/media/usb/kasus.xlsx');
    await click('#import-sheet-check');
    await click('#import-sheet-commit');

    expect(root.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('75');
    expect(root.querySelector('.progress p')?.textContent).toBe('Mengimpor baris yang benar… 75%');

    await act(async () => finish(report({ imported: 2, imported_cases: ['6503-2025-0002', '6503-2025-0003'] })));
    await flush();
    expect(root.querySelector('[role="progressbar"]')).toBeNull();
    expect(text('#import-sheet-done')).toContain(t('sheet.doneTitle', { count: 2 }));
  });

  it('counts the problems and possible duplicates beyond those listed', async () => {
    await screen({
      spreadsheet_check: () => report({ with_problems: 1200, problems_not_listed: 1498, duplicates_not_listed: 3 }),
    });
    await type('import-sheet-file', '/media/usb/kasus.xlsx');
    await click('#import-sheet-check');
    expect(text('#import-sheet-problems-more')).toBe('…dan 1.498 masalah lainnya. Perbaiki yang tercantum dulu, lalu periksa lagi.');
    expect(text('#import-sheet-problems-more')).toBe(t('sheet.problemsMore', { count: 1498 }));
    expect(text('#import-sheet-duplicates-more')).toBe(t('sheet.duplicatesMore', { count: 3 }));
    // The listed ones are still shown.
    expect(root.querySelectorAll('#import-sheet-problems tbody tr')).toHaveLength(2);
    expect(root.querySelectorAll('#import-sheet-duplicates li')).toHaveLength(2);
  });

  it('counts the problems beyond those listed in English too', async () => {
    setLang('en');
    await screen({ spreadsheet_check: () => report({ problems_not_listed: 1, duplicates_not_listed: 2500 }) }, 'Coordinator', {
      lang: 'en',
    });
    await type('import-sheet-file', '/media/usb/kasus.xlsx');
    await click('#import-sheet-check');
    expect(text('#import-sheet-problems-more')).toBe('…and 1 more problem. Fix the ones listed first, then check again.');
    expect(text('#import-sheet-duplicates-more')).toBe('…and 2,500 more rows that may be someone known already.');
  });

  it('imports the rows without problems and links the new cases', async () => {
    await screen(sheetHandlers());
    await type('import-sheet-file', '/media/usb/kasus.xlsx');
    await click('#import-sheet-check');
    await click('#import-sheet-commit');

    expect(paths('spreadsheet_import')).toEqual(['/media/usb/kasus.xlsx']);
    expect(root.querySelector('#import-sheet-report')).toBeNull();
    const done = text('#import-sheet-done') ?? '';
    expect(done).toContain(t('sheet.doneTitle', { count: 2 }));
    expect(done).toContain(t('sheet.doneLeftOut', { count: 1 }));
    const links = [...root.querySelectorAll<HTMLButtonElement>('#import-sheet-done button')];
    expect(links.map((b) => b.textContent)).toEqual(['6503-2025-0002', '6503-2025-0003']);
    await act(async () => {
      links[1].click();
    });
    expect(routes).toEqual([{ name: 'case', id: '6503-2025-0003' }]);
    expect(root.querySelector('#import-sheet-cases-more')).toBeNull();
  });

  it('counts the new cases beyond those listed', async () => {
    const listed = Array.from({ length: 500 }, (_, i) => `6503-2025-${String(i + 1).padStart(4, '0')}`);
    await screen({
      spreadsheet_check: () => report({ rows: 1234, valid: 1234, with_problems: 0, problems: [] }),
      spreadsheet_import: () => report({ rows: 1234, valid: 1234, with_problems: 0, problems: [], imported: 1234, imported_cases: listed }),
    });
    await type('import-sheet-file', '/media/usb/kasus.xlsx');
    await click('#import-sheet-check');
    await click('#import-sheet-commit');
    expect(text('#import-sheet-done .panel-title')).toBe('1.234 kasus diimpor:');
    expect(root.querySelectorAll('#import-sheet-cases li')).toHaveLength(500);
    expect(text('#import-sheet-cases-more')).toBe(t('sheet.doneMoreCases', { count: 734 }));
    expect(text('#import-sheet-cases-more')).toContain('…dan 734 kasus lainnya');
  });

  it('leaves it on "Jangan impor": the report goes, nothing is imported', async () => {
    await screen(sheetHandlers());
    await type('import-sheet-file', '/media/usb/kasus.xlsx');
    await click('#import-sheet-check');
    expect(root.querySelector('#import-sheet-report')).not.toBeNull();
    await click('#import-sheet-cancel');
    expect(root.querySelector('#import-sheet-report')).toBeNull();
    expect(root.querySelector('#import-sheet-done')).toBeNull();
    expect(sent('spreadsheet_import')).toHaveLength(0);
  });

  it('offers no import when no row can be imported, and names the rows imported before', async () => {
    await screen({ spreadsheet_check: () => report({ valid: 0, already_imported: 2 }) });
    await type('import-sheet-file', '/media/usb/kasus.csv');
    await click('#import-sheet-check');
    expect(text('#import-sheet-already')).toBe('2');
    expect(root.querySelector<HTMLButtonElement>('#import-sheet-commit')?.disabled).toBe(true);
  });

  it('asks for a file before checking', async () => {
    await screen(sheetHandlers());
    await click('#import-sheet-check');
    expect(sent('spreadsheet_check')).toHaveLength(0);
    expect(root.textContent).toContain(t('sheet.errFile'));
  });

  it('shows why an unreadable file was refused', async () => {
    await screen({
      spreadsheet_check: () => {
        throw { code: 'spreadsheet_unreadable', detail: null, fields: [] };
      },
    });
    await type('import-sheet-file', '/media/usb/rusak.xlsx');
    await click('#import-sheet-check');
    const shown = text('#import-sheet-error') ?? '';
    expect(shown).toContain(t('sheet.failed'));
    expect(shown).toContain(errorText('spreadsheet_unreadable', 'id') ?? '-');
    expect(root.querySelector('#import-sheet-report')).toBeNull();
  });

  it('words the report in English too', async () => {
    setLang('en');
    await screen(sheetHandlers(), 'Coordinator', { lang: 'en' });
    await type('import-sheet-file', '/media/usb/kasus.xlsx');
    await click('#import-sheet-check');
    expect(text('#import-sheet-commit')).toBe('Import 2 rows without problems');
    expect(text('#import-sheet-problems tbody td:nth-child(3)')).toBe(problemText({ code: 'bad_date' }, 'en'));
  });
});

describe('Spreadsheet export', () => {
  it('writes the workbook into a folder and says where, with the number of cases', async () => {
    await screen(sheetHandlers());
    await click('#export-sheet-submit');
    expect(sent('spreadsheet_export')).toHaveLength(0);
    await type('export-sheet-folder', '/media/usb');
    await click('#export-sheet-submit');
    expect(sent('spreadsheet_export').map((c) => c.args)).toEqual([{ folder: '/media/usb' }]);
    const result = text('#export-sheet-result') ?? '';
    expect(result).toContain('/media/usb/lintas-htcds.xlsx');
    expect(result).toContain(t('sheet.exported', { count: 12 }));
  });
});

describe('Spreadsheet screen by role', () => {
  const shell = async (role: Role) => {
    setBackend(fakeBackend(calls, { ...emptyShellHandlers(), alerts_open_count: () => 0 }));
    await mount(<Shell status={statusAs(role)} lang="id" onLanguage={async () => undefined} onLock={() => undefined} />);
    return [...root.querySelectorAll('.sidenav button')].map((b) => b.id);
  };

  it('is in the navigation beside the USB exchange for case workers, not for read-only or shelter staff', async () => {
    const coordinator = await shell('Coordinator');
    expect(coordinator.indexOf('nav-import')).toBe(coordinator.indexOf('nav-exchange') + 1);
    await click('#nav-import');
    expect(text('#screen-title')).toBe(t('sheet.title'));
    render(null, root);
    expect(await shell('CaseWorker')).toContain('nav-import');
    render(null, root);
    expect(await shell('ReadOnly')).not.toContain('nav-import');
    render(null, root);
    expect(await shell('ShelterStaff')).not.toContain('nav-import');
  });

  it('shows each part only to the roles that may use it', async () => {
    await screen(sheetHandlers(), 'CaseWorker');
    expect(root.querySelector('#import-sheet-file')).not.toBeNull();
    expect(root.querySelector('#export-sheet-folder')).not.toBeNull();
    render(null, root);
    await screen(sheetHandlers(), 'ShelterStaff');
    expect(root.querySelector('#import-sheet-file')).toBeNull();
    expect(root.querySelector('#export-sheet-folder')).toBeNull();
  });
});

describe('the mock spreadsheet commands', () => {
  const mock = (): Backend => mockBackend(new URLSearchParams('mock=unlocked&cases=0'));

  it('reports a file, imports its valid rows once, and refuses a damaged one', async () => {
    const call = mock();
    const percents: number[] = [];
    const onProgress = { onmessage: (p: number) => percents.push(p) };
    const checked = (await call('spreadsheet_check', { path: '/media/usb/kasus.xlsx', onProgress })) as SpreadsheetReport;
    expect([checked.rows, checked.valid, checked.with_problems, checked.imported, checked.imported_cases]).toEqual([3, 2, 1, 0, []]);
    expect(checked.problems).toEqual([{ row: 4, column: 'Birthdate', problem: { code: 'bad_date' } }]);
    expect([checked.problems_not_listed, checked.duplicates_not_listed]).toEqual([0, 0]);
    expect(checked.duplicates[0].case_number).toBe('6503-2019-0001');
    expect(percents.length).toBeGreaterThan(1);
    expect(percents[percents.length - 1]).toBe(100);

    percents.length = 0;
    const first = (await call('spreadsheet_import', { path: '/media/usb/kasus.xlsx', onProgress })) as SpreadsheetReport;
    expect(first.imported).toBe(2);
    expect(first.imported_cases).toHaveLength(2);
    expect(percents[percents.length - 1]).toBe(100);
    const page = (await call('case_list', { filter: { offset: 0, limit: 50 } })) as { cases: { case_number: string }[] };
    for (const n of first.imported_cases) expect(page.cases.map((c) => c.case_number)).toContain(n);
    const again = (await call('spreadsheet_import', { path: '/media/usb/kasus.xlsx', onProgress })) as SpreadsheetReport;
    expect([again.valid, again.already_imported, again.imported, again.imported_cases]).toEqual([0, 2, 0, []]);

    await expect(call('spreadsheet_check', { path: '/media/usb/rusak.xlsx', onProgress })).rejects.toEqual({
      code: 'spreadsheet_unreadable',
      detail: null,
      fields: [],
    });
    const written = (await call('spreadsheet_export', { folder: '/media/usb' })) as { path: string; cases: number };
    expect(written.path).toBe('/media/usb/lintas-htcds.xlsx');
    expect(written.cases).toBe(3);
  });
});
