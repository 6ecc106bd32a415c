// The spreadsheet screen, rendered in jsdom against a fake backend: a check that shows the counts,
// each problem by row and column in the app's words (never a value) and the possible
// duplicates; importing the rows without problems, with links to the new cases; leaving it;
// an unreadable file; the export in the HTCDS layout; and who is offered the screen. The browser
// mock's spreadsheet commands are checked at the end.

import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { type Backend, setBackend } from '../src/api';
import { appContext, boundTo, eachScreen, statusAs } from './app';
import { type Call, emptyShellHandlers, fakeBackend, type Handlers } from './dom';
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
  duplicates: [
    { row: 2, case_number: '6503-2019-0001', other_row: null },
    { row: 3, case_number: null, other_row: 2 },
  ],
  columns_read: ['First name', 'Birthdate', 'Sex'],
  columns_ignored: ['Catatan petugas'],
  imported: [],
  ...more,
});

const { mount, mountIn, type, click, text } = boundTo(() => root);
const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd);

async function screen(handlers: Handlers, role: Role = 'Coordinator', overrides: Partial<AppContext> = {}) {
  setBackend(fakeBackend(calls, handlers));
  await mountIn(context(role, overrides), <SpreadsheetScreen />);
}

/** A backend whose file reads as `report()`, and whose import writes two cases. */
const sheetHandlers = (): Handlers => ({
  spreadsheet_check: () => report(),
  spreadsheet_import: () => report({ imported: ['6503-2025-0002', '6503-2025-0003'] }),
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

    expect(sent('spreadsheet_check').map((c) => c.args)).toEqual([{ path: '/media/usb/kasus.xlsx' }]);
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
  });

  it('imports the rows without problems and links the new cases', async () => {
    await screen(sheetHandlers());
    await type('import-sheet-file', '/media/usb/kasus.xlsx');
    await click('#import-sheet-check');
    await click('#import-sheet-commit');

    expect(sent('spreadsheet_import').map((c) => c.args)).toEqual([{ path: '/media/usb/kasus.xlsx' }]);
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
    const checked = (await call('spreadsheet_check', { path: '/media/usb/kasus.xlsx' })) as SpreadsheetReport;
    expect([checked.rows, checked.valid, checked.with_problems, checked.imported]).toEqual([3, 2, 1, []]);
    expect(checked.problems).toEqual([{ row: 4, column: 'Birthdate', problem: { code: 'bad_date' } }]);
    expect(checked.duplicates[0].case_number).toBe('6503-2019-0001');

    const first = (await call('spreadsheet_import', { path: '/media/usb/kasus.xlsx' })) as SpreadsheetReport;
    expect(first.imported).toHaveLength(2);
    const page = (await call('case_list', { filter: { offset: 0, limit: 50 } })) as { cases: { case_number: string }[] };
    for (const n of first.imported) expect(page.cases.map((c) => c.case_number)).toContain(n);
    const again = (await call('spreadsheet_import', { path: '/media/usb/kasus.xlsx' })) as SpreadsheetReport;
    expect([again.valid, again.already_imported, again.imported]).toEqual([0, 2, []]);

    await expect(call('spreadsheet_check', { path: '/media/usb/rusak.xlsx' })).rejects.toEqual({
      code: 'spreadsheet_unreadable',
      detail: null,
      fields: [],
    });
    const written = (await call('spreadsheet_export', { folder: '/media/usb' })) as { path: string; cases: number };
    expect(written.path).toBe('/media/usb/lintas-htcds.xlsx');
    expect(written.cases).toBe(3);
  });
});
