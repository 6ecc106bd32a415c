// Choosing a kabupaten/kota by name: the matching of typed text against the region names, the
// combobox (arrow keys, Enter, Escape, a typed code, the name shown with the code), the picker of
// several districts of the consent, and the set-up screen filling the district's name.

import { act } from 'preact/test-utils';
import { useState } from 'preact/hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setBackend } from '../src/api';
import { DistrictField, DistrictsField } from '../src/components/districtPicker';
import { setLang } from '../src/i18n';
import { matchRegions, resolveRegion, setRegions } from '../src/regions';
import { SetupScreen } from '../src/screens/Setup';
import type { Region } from '../src/types';
import { boundTo, closeRoot, openRoot } from './app';
import { type Call, clickIn, fakeBackend, flush, typeIn } from './dom';

const REGIONS: Region[] = [
  { code: '53', name: 'Nusa Tenggara Timur' },
  { code: '53.03', name: 'Kabupaten Timor Tengah Utara' },
  { code: '53.02', name: 'Kabupaten Timor Tengah Selatan' },
  { code: '53.04', name: 'Kabupaten Belu' },
  { code: '53.71', name: 'Kota Kupang' },
  { code: '53.01', name: 'Kabupaten Kupang' },
  { code: '65.03', name: 'Kabupaten Nunukan' },
];

let root: HTMLElement;
let calls: Call[];

beforeEach(() => {
  setLang('id');
  calls = [];
  root = openRoot();
});

afterEach(() => {
  closeRoot(root);
  setRegions([]);
});

const { mount } = boundTo(() => root);

/** Presses a key in the input `#id`; returns whether the default was prevented. */
async function press(id: string, key: string): Promise<boolean> {
  const el = root.querySelector<HTMLInputElement>(`#${id}`);
  if (!el) throw new Error(`no #${id}`);
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  await act(async () => {
    el.dispatchEvent(e);
  });
  await flush();
  return e.defaultPrevented;
}

/** Leaves the input `#id` (focused first: jsdom blurs only what has the focus). */
async function blur(id: string) {
  const el = root.querySelector<HTMLInputElement>(`#${id}`);
  await act(async () => {
    el?.focus();
    el?.blur();
  });
  await flush();
}

const options = () => [...root.querySelectorAll('[role="option"]')].map((o) => o.textContent);
const value = (id: string) => root.querySelector<HTMLInputElement>(`#${id}`)?.value;

/** One picker inside a form, holding its value the way a form does. */
function One(props: { onValue: (v: string) => void; initial?: string }) {
  const [v, setV] = useState(props.initial ?? '');
  return (
    <form onSubmit={(e) => e.preventDefault()}>
      <DistrictField
        id="pick"
        label="Kabupaten/kota"
        value={v}
        onChange={(x) => {
          setV(x);
          props.onValue(x);
        }}
        regions={REGIONS}
      />
    </form>
  );
}

describe('matchRegions and resolveRegion', () => {
  it('finds kabupaten/kota by words of the name in any order, or by code with or without the dot', () => {
    expect(matchRegions(REGIONS, 'timor').map((r) => r.code)).toEqual(['53.02', '53.03']);
    expect(matchRegions(REGIONS, 'utara timor').map((r) => r.code)).toEqual(['53.03']);
    expect(matchRegions(REGIONS, 'kupang').map((r) => r.code)).toEqual(['53.01', '53.71']);
    expect(matchRegions(REGIONS, '5303').map((r) => r.code)).toEqual(['53.03']);
    expect(matchRegions(REGIONS, '53.0').map((r) => r.code)).toEqual(['53.01', '53.02', '53.03', '53.04']);
    expect(matchRegions(REGIONS, 'belu', 1)).toHaveLength(1);
    expect(matchRegions(REGIONS, '  ')).toEqual([]);
  });

  it('reads a code, a whole name, or the name with its code as the picker shows it', () => {
    expect(resolveRegion(REGIONS, ' 53.04 ')).toBe('53.04');
    expect(resolveRegion(REGIONS, 'kabupaten belu')).toBe('53.04');
    expect(resolveRegion(REGIONS, 'Kabupaten Belu (53.04)')).toBe('53.04');
    // Not one district: kept as typed, for the checks to judge.
    expect(resolveRegion(REGIONS, 'Timor')).toBe('Timor');
    expect(resolveRegion(REGIONS, '99.99')).toBe('99.99');
  });
});

describe('DistrictField', () => {
  it('offers the matches of what is typed, picks with the arrow keys and Enter, and shows the name with the code', async () => {
    const values: string[] = [];
    await mount(<One onValue={(v) => values.push(v)} />);
    const input = root.querySelector('#pick');
    expect(input?.getAttribute('role')).toBe('combobox');
    expect(input?.getAttribute('aria-expanded')).toBe('false');

    await typeIn(root, 'pick', 'timor');
    expect(options()).toEqual(['Kabupaten Timor Tengah Selatan (53.02)', 'Kabupaten Timor Tengah Utara (53.03)']);
    expect(input?.getAttribute('aria-expanded')).toBe('true');
    // What is typed stays in the input as typed until something is chosen.
    expect(value('pick')).toBe('timor');

    expect(await press('pick', 'ArrowDown')).toBe(true);
    expect(await press('pick', 'ArrowDown')).toBe(true);
    expect(input?.getAttribute('aria-activedescendant')).toBe('pick-option-1');
    expect(root.querySelector('#pick-option-1')?.getAttribute('aria-selected')).toBe('true');
    await press('pick', 'ArrowUp');
    await press('pick', 'ArrowDown');
    // Enter picks, and does not submit the form around the field.
    expect(await press('pick', 'Enter')).toBe(true);
    expect(values[values.length - 1]).toBe('53.03');
    expect(value('pick')).toBe('Kabupaten Timor Tengah Utara (53.03)');
    expect(options()).toEqual([]);
  });

  it('closes the list with Escape, picks with the mouse, and takes a typed code as it is', async () => {
    const values: string[] = [];
    await mount(<One onValue={(v) => values.push(v)} />);
    await typeIn(root, 'pick', 'kupang');
    expect(options()).toHaveLength(2);
    // Escape closes the list only (a dialog around it stays open).
    const escaped = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    let reachedParent = false;
    root.addEventListener('keydown', () => void (reachedParent = true), { once: true });
    await act(async () => {
      root.querySelector('#pick')?.dispatchEvent(escaped);
    });
    expect(escaped.defaultPrevented).toBe(true);
    expect(reachedParent).toBe(false);
    expect(options()).toEqual([]);

    await typeIn(root, 'pick', 'kota kup');
    await clickIn(root, '[role="option"][data-code="53.71"]');
    expect(values[values.length - 1]).toBe('53.71');
    expect(value('pick')).toBe('Kota Kupang (53.71)');

    // A whole code typed is the value at once, even one the list does not name.
    await typeIn(root, 'pick', '52.01');
    expect(values[values.length - 1]).toBe('52.01');
    expect(root.querySelector('.hint.warn')?.textContent).toContain('Tidak ada kabupaten/kota yang cocok');
    await blur('pick');
    expect(value('pick')).toBe('52.01');

    // A text that names no district stays as typed, for the form's check to catch.
    await typeIn(root, 'pick', 'Atambua');
    expect(values[values.length - 1]).toBe('Atambua');
  });

  it('names a stored code from the app\'s region names, and offers suggestions before anything is typed', async () => {
    await mount(
      <DistrictField id="pick" label="Tujuan" value="53.04" onChange={() => undefined} regions={REGIONS} suggest={['53.03', '53.04']} />,
    );
    expect(value('pick')).toBe('Kabupaten Belu (53.04)');
    await act(async () => {
      root.querySelector<HTMLInputElement>('#pick')?.focus();
    });
    await press('pick', 'ArrowDown');
    expect(options()).toEqual(['Kabupaten Timor Tengah Utara (53.03)', 'Kabupaten Belu (53.04)']);
  });
});

describe('DistrictsField', () => {
  function Several(props: { onValues: (v: string[]) => void }) {
    const [v, setV] = useState<string[]>(['53.03']);
    return (
      <DistrictsField
        id="share"
        label="Boleh dikirim ke"
        values={v}
        onChange={(x) => {
          setV(x);
          props.onValues(x);
        }}
        regions={REGIONS}
      />
    );
  }

  it('holds several districts as chips: picked, typed as a code, and removed', async () => {
    let last: string[] = [];
    await mount(<Several onValues={(v) => (last = v)} />);
    const chips = () => [...root.querySelectorAll('.chip')].map((c) => c.getAttribute('data-code'));
    expect(root.querySelector('.chip')?.textContent).toContain('Kabupaten Timor Tengah Utara (53.03)');

    await typeIn(root, 'share', 'belu');
    await press('share', 'Enter');
    expect(last).toEqual(['53.03', '53.04']);
    expect(chips()).toEqual(['53.03', '53.04']);
    expect(value('share')).toBe('');

    // A code typed counts at once (a save from the keyboard keeps it) and becomes a chip on leaving.
    await typeIn(root, 'share', '65.03');
    expect(last).toEqual(['53.03', '53.04', '65.03']);
    expect(value('share')).toBe('65.03');
    await blur('share');
    expect(chips()).toEqual(['53.03', '53.04', '65.03']);
    expect(value('share')).toBe('');

    await clickIn(root, '.chip[data-code="53.04"] .chip-remove');
    expect(last).toEqual(['53.03', '65.03']);
    expect(root.querySelector('.chip[data-code="65.03"] .chip-remove')?.getAttribute('aria-label')).toBe('Hapus Kabupaten Nunukan (65.03)');
  });
});

describe('SetupScreen district', () => {
  it('fills the district name from the district chosen by name, unless one was typed', async () => {
    setBackend(fakeBackend(calls, { regions: () => REGIONS }));
    await mount(<SetupScreen lang="id" onLanguage={() => undefined} onDone={() => undefined} onRestored={() => undefined} />);
    await typeIn(root, 'setup-district', 'nunukan');
    await press('setup-district', 'Enter');
    expect(value('setup-district')).toBe('Kabupaten Nunukan (65.03)');
    expect(value('setup-district-name')).toBe('Kabupaten Nunukan');

    await typeIn(root, 'setup-district-name', 'Kab. Nunukan');
    await typeIn(root, 'setup-district', 'belu');
    await press('setup-district', 'Enter');
    expect(value('setup-district-name')).toBe('Kab. Nunukan');
  });
});
