// Reviewing what came from other districts, rendered in jsdom against a fake backend: a pair of
// possible duplicates recorded as not the same person, and conflicts shown with who wrote each
// version, whose field it is and the field's label, settled by a version or by a typed value.

import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import CODE_LISTS from '../mock/code-lists.json';
import { setBackend } from '../src/api';
import type { AppContext } from '../src/context';
import { recordFieldLabel } from '../src/fieldLabels';
import { getLang, setLang } from '../src/i18n';
import { ConflictsScreen, conflictSubject, correctedValue } from '../src/screens/Conflicts';
import { DuplicatesScreen } from '../src/screens/Duplicates';
import type { Candidate, Conflict } from '../src/types';
import { appContext, boundTo, eachScreen } from './app';
import { type Call, fakeBackend, type Handlers } from './dom';

let root: HTMLElement;
let calls: Call[];
let tasksRefreshed: number;

const { mountIn, type, choose, click, text } = boundTo(() => root);

/** A case worker's context on the conflicts screen, knowing two districts and a regency by name, counting asks for the worklist. */
const context = (): AppContext =>
  appContext('CaseWorker', {
    lang: getLang(),
    route: { name: 'conflicts' },
    districtName: (code) => ({ '65.03': 'Kabupaten Nunukan', '53.04': 'Kabupaten Belu' })[code] ?? null,
    regions: [{ code: '53.03', name: 'Kabupaten Timor Tengah Utara' }],
    refreshTasks: () => void (tasksRefreshed += 1),
  });

async function show(node: preact.ComponentChild, handlers: Handlers) {
  setBackend(fakeBackend(calls, handlers));
  await mountIn(context(), node);
}

eachScreen(CODE_LISTS, (el) => {
  root = el;
  calls = [];
  tasksRefreshed = 0;
});

describe('DuplicatesScreen', () => {
  const pair = (): Candidate => ({
    a: { person_id: 'p-a', case_id: 'ca', case_number: '6503-2019-0001', district: '65.03', name: 'Maria Taek' },
    b: { person_id: 'p-b', case_id: 'cb', case_number: '5303-2020-0001', district: '53.03', name: 'Marija Taeq' },
    score: 75,
    reasons: ['same_regency', 'different_birthdate'],
    link: null,
  });

  it('records "not the same person" with a reason, and the pair leaves the list', async () => {
    let pairs = [pair()];
    await show(<DuplicatesScreen />, {
      duplicates_list: () => pairs,
      duplicate_not_same: () => {
        pairs = [];
        return 'link-9';
      },
    });
    const button = root.querySelector('.duplicate-item .duplicate-not-same');
    expect(button?.textContent).toBe('Bukan orang yang sama');
    // Beside the link button.
    expect(button?.previousElementSibling?.classList.contains('duplicate-link')).toBe(true);

    await click('.duplicate-not-same');
    expect(text('.duplicate-item .field-error')).toBe('Tulis alasan keputusan.');
    expect(document.activeElement?.id).toBe('dup-reason-p-a~p-b');
    expect(calls.some((c) => c.cmd === 'duplicate_not_same')).toBe(false);

    // The pair's id holds a "~", which a CSS selector would read as a combinator.
    const input = document.getElementById('dup-reason-p-a~p-b') as HTMLInputElement;
    await act(async () => {
      input.value = ' Tanggal lahir dan nama ibu berbeda ';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click('.duplicate-not-same');
    expect(calls.find((c) => c.cmd === 'duplicate_not_same')?.args).toEqual({ caseA: 'ca', caseB: 'cb', reason: 'Tanggal lahir dan nama ibu berbeda' });
    expect(text('[role="status"]')).toBe('Dicatat: bukan orang yang sama. Pasangan ini tidak ditampilkan lagi.');
    expect(root.querySelector('.duplicate-item')).toBeNull();
    expect(text('.empty')).toBe('Tidak ada pasangan yang perlu ditinjau.');
    expect(tasksRefreshed).toBe(1);
  });
});

const phone = (): Conflict => ({
  id: 'p-maria/phone',
  case_id: 'maria',
  case_number: '6503-2019-0001',
  entity: 'person',
  entity_id: 'p-maria',
  field: 'phone',
  part: 'Victim',
  versions: [
    { op: 'a:9', value: '081234567890', author: 'op-1', author_name: 'Petugas Shelter', district: '65.03', district_name: 'Kabupaten Nunukan', at_ms: Date.UTC(2019, 9, 2, 3), provisional: false },
    { op: 'b:6', value: '085298765432', author: 'op-7', author_name: null, district: '53.04', district_name: null, at_ms: Date.UTC(2019, 9, 2, 5), provisional: true },
  ],
});

const regency = (): Conflict => ({
  ...phone(),
  id: 'p-w1/address_regency',
  entity_id: 'p-w1',
  field: 'address_regency',
  part: 'Witness',
  versions: [
    { op: 'a:10', value: '53.03', author: 'op-1', author_name: 'Petugas Shelter', district: '65.03', district_name: 'Kabupaten Nunukan', at_ms: 0, provisional: false },
    { op: 'c:2', value: '53.04', author: 'op-9', author_name: null, district: '52.01', district_name: null, at_ms: 0, provisional: true },
  ],
});

describe('conflict words', () => {
  it('names whose field it is and the field by its label, never the raw name', () => {
    expect(conflictSubject(phone())).toBe('Korban — Nomor telepon');
    expect(conflictSubject(regency())).toBe('Saksi — Kabupaten/kota asal');
    expect(conflictSubject({ ...phone(), part: 'FamilyContact', field: 'birthdate' })).toBe('Keluarga — Tanggal lahir');
    expect(conflictSubject({ ...phone(), part: null, entity: 'service', field: 'type' })).toBe('Layanan — Jenis layanan');
    expect(conflictSubject({ ...phone(), part: null, entity: 'case', field: 'law_enforcement_stage' })).toBe('Kasus — Tahap proses hukum');
    expect(conflictSubject({ ...phone(), part: null, entity: 'plan', field: 'some_new_field' })).toBe('Rencana — Isian lain');
    expect(recordFieldLabel('person', 'address_village')).toBe('Desa/kelurahan');
    setLang('en');
    expect(conflictSubject({ ...phone(), part: 'Perpetrator' })).toBe('Perpetrator — Phone number');
  });

  it('reads a typed value in the shape of the field', () => {
    expect(correctedValue(phone(), ' 0812 ')).toBe('0812');
    expect(correctedValue({ ...phone(), field: 'birthdate' }, '02/05/1980')).toBe('1980-05-02');
    expect(correctedValue({ ...phone(), field: 'aliases', versions: [{ ...phone().versions[0], value: ['Ina'] }] }, 'Ina, Nona')).toEqual(['Ina', 'Nona']);
    expect(correctedValue({ ...phone(), field: 'citizenship' }, 'MY')).toEqual(['MY']);
  });
});

describe('ConflictsScreen', () => {
  it('says who wrote each version and where, falling back to the codes', async () => {
    await show(<ConflictsScreen />, { conflicts_list: () => [phone()] });
    expect(text('.conflict-item header strong')).toBe('Isian: Korban — Nomor telepon');
    const authors = [...root.querySelectorAll('.version-author')].map((p) => p.textContent);
    // The second operator is not known here; the district's name comes from this laptop's names.
    expect(authors).toEqual(['Oleh Petugas Shelter, Kabupaten Nunukan (65.03)', 'Oleh op-7, Kabupaten Belu (53.04)']);
    expect(root.textContent).not.toMatch(/\bphone\b|p-maria/);
  });

  it('keeps a version, or saves a corrected value typed or chosen for the field', async () => {
    let open = [phone(), regency()];
    await show(<ConflictsScreen />, {
      conflicts_list: () => open,
      conflict_resolve: ({ id }) => {
        open = open.filter((c) => c.id !== id);
        return null;
      },
    });
    const authors = [...root.querySelectorAll('.conflict-item[data-id="p-w1/address_regency"] .version-author')].map((p) => p.textContent);
    expect(authors[1]).toBe('Oleh op-9, 52.01');

    // Nothing typed: asked for first.
    await click('#conflict-0-save');
    expect(text('.field-error[data-field="conflict-0-value"]')).toBe('Tulis atau pilih nilai yang benar.');
    expect(document.activeElement?.id).toBe('conflict-0-value');
    expect(calls.some((c) => c.cmd === 'conflict_resolve')).toBe(false);

    await type('conflict-0-value', ' 081299998888 ');
    await click('#conflict-0-save');
    expect(calls.find((c) => c.cmd === 'conflict_resolve')?.args).toEqual({ id: 'p-maria/phone', keep: null, value: '081299998888' });
    expect(text('[role="status"]')).toBe('Konflik diselesaikan. Keputusan ini ikut terkirim ke daerah lain.');
    expect(tasksRefreshed).toBe(1);

    // A district is chosen by name for a regency; the code is sent.
    expect(root.querySelector('#conflict-0-value')?.getAttribute('role')).toBe('combobox');
    await type('conflict-0-value', 'timor');
    await act(async () => {
      root.querySelector('#conflict-0-value')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    });
    await click('#conflict-0-save');
    expect(calls.filter((c) => c.cmd === 'conflict_resolve').map((c) => c.args)[1]).toEqual({ id: 'p-w1/address_regency', keep: null, value: '53.03' });
    expect(text('.empty')).toBe('Tidak ada konflik yang perlu ditinjau.');
  });

  it('chooses a code for a coded field, and keeps a version with its button', async () => {
    const gender: Conflict = { ...phone(), id: 'p-maria/gender', field: 'gender', versions: phone().versions.map((v, i) => ({ ...v, value: i ? 'Masculine' : 'Feminine' })) };
    await show(<ConflictsScreen />, { conflicts_list: () => [gender], conflict_resolve: () => null });
    expect(root.querySelector('#conflict-0-value')?.tagName).toBe('SELECT');
    await choose('#conflict-0-value', 'Feminine');
    await click('#conflict-0-save');
    await click('.version[data-op="b:6"] .conflict-keep');
    expect(calls.filter((c) => c.cmd === 'conflict_resolve').map((c) => c.args)).toEqual([
      { id: 'p-maria/gender', keep: null, value: 'Feminine' },
      { id: 'p-maria/gender', keep: 'b:6', value: null },
    ]);
  });
});
