// Screens rendered in jsdom against a fake backend: field errors next to inputs, the
// unsaved-edits question, and the unlock error.

import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Backend, setBackend } from '../src/api';
import { setCodeLists } from '../src/codes';
import { Ctx, type AppContext } from '../src/context';
import { setLang } from '../src/i18n';
import { NewCaseForm } from '../src/screens/NewCaseForm';
import { UnlockScreen } from '../src/screens/Unlock';
import { Shell } from '../src/shell';
import type { AppStatus } from '../src/types';

const status: AppStatus = {
  initialised: true,
  unlocked: true,
  district: '65.03',
  district_name: 'Kabupaten Nunukan',
  operator: 'Petugas',
  lang: 'id',
};

const lists = {
  gender: [
    { code: 'Feminine', id: 'Perempuan', en: 'Feminine' },
    { code: 'Masculine', id: 'Laki-laki', en: 'Masculine' },
  ],
  case_status: [{ code: 'Active', id: 'Aktif', en: 'Active' }],
  type_of_exploitation: [{ code: 'ForcedLabour', id: 'Kerja paksa', en: 'Forced labour' }],
};

let root: HTMLElement;
let calls: { cmd: string; args?: Record<string, unknown> }[];

function fake(handlers: Record<string, (args: Record<string, unknown>) => unknown>): Backend {
  return async (cmd, args) => {
    calls.push({ cmd, args });
    const h = handlers[cmd];
    if (!h) throw { code: 'unknown', message: `no ${cmd}`, fields: [] };
    return h(args ?? {});
  };
}

async function flush() {
  for (let i = 0; i < 5; i += 1) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
}

function type(id: string, value: string) {
  const el = root.querySelector<HTMLInputElement>(`#${id}`);
  if (!el) throw new Error(`no #${id}`);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

async function click(selector: string) {
  const el = root.querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`no ${selector}`);
  await act(async () => {
    el.click();
  });
  await flush();
}

beforeEach(() => {
  setLang('id');
  setCodeLists(lists);
  calls = [];
  root = document.createElement('div');
  document.body.appendChild(root);
  // requestAnimationFrame is used for focus moves; run it soon in jsdom.
  window.requestAnimationFrame = (cb: FrameRequestCallback) => window.setTimeout(() => cb(0), 0);
});

afterEach(() => {
  render(null, root);
  root.remove();
});

function context(overrides: Partial<AppContext> = {}): AppContext {
  return {
    status,
    lang: 'id',
    route: { name: 'new-case' },
    navigate: () => undefined,
    setLanguage: async () => undefined,
    lock: () => undefined,
    districtName: () => null,
    refreshDistricts: () => undefined,
    ...overrides,
  };
}

describe('NewCaseForm', () => {
  it('shows the backend field errors next to their inputs', async () => {
    setBackend(
      fake({
        case_create: () => {
          throw {
            code: 'invalid_record',
            message: 'Data tidak disimpan karena ada isian yang salah. Perbaiki lalu simpan lagi:',
            fields: [
              { field: 'victim.identity_number', message: 'NIK harus 16 angka (terisi 15)' },
              { field: 'witnesses[0].gender', message: 'bukan kode yang dikenal' },
              { field: 'victim.aliases', message: 'terlalu panjang' },
            ],
          };
        },
      }),
    );
    await act(async () => {
      render(
        <Ctx.Provider value={context()}>
          <NewCaseForm />
        </Ctx.Provider>,
        root,
      );
    });
    await act(async () => {
      type('case-victim-first-name', 'Maria');
      type('case-victim-nik', '530301510204000');
      type('case-intake-date', '20/09/2019');
    });
    await click('#case-add-witness');
    await act(async () => type('witness-0-first-name', 'Yohanes'));
    await click('#case-save');

    const sent = calls.find((c) => c.cmd === 'case_create')?.args?.doc as Record<string, any>;
    expect(sent.victim).toEqual({ first_name: 'Maria', identity_number: '530301510204000' });
    expect(sent.intake).toEqual({ date: '2019-09-20' });
    expect(sent.witnesses).toEqual([{ first_name: 'Yohanes' }]);

    const nik = root.querySelector('.field-error[data-field="victim.identity_number"]');
    expect(nik?.textContent).toBe('NIK harus 16 angka (terisi 15)');
    expect(root.querySelector('#case-victim-nik')?.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector('#case-victim-nik')?.getAttribute('aria-describedby')).toContain(nik?.id);
    expect(root.querySelector('.field-error[data-field="witnesses[0].gender"]')?.textContent).toBe('bukan kode yang dikenal');

    const general = root.querySelector('#form-error');
    expect(general?.textContent).toContain('Data tidak disimpan karena ada isian yang salah.');
    // A field the form does not show is listed in the general error, not lost.
    expect(general?.textContent).toContain('victim.aliases');
    expect(general?.textContent).not.toContain('victim.identity_number');
  });
});

describe('Shell', () => {
  const backend = () =>
    fake({
      code_lists: () => lists,
      trust_list: () => [],
      dashboard: () => ({
        by_month: [],
        by_exploitation: [],
        by_country: [],
        by_referral_status: [],
        followups_due: 0,
        followups_overdue: 0,
        total_cases: 0,
        children: 0,
      }),
      case_list: () => ({ count: 0, cases: [] }),
    });

  it('asks before leaving a form with unsaved edits', async () => {
    setBackend(backend());
    await act(async () => {
      render(<Shell status={status} lang="id" onLanguage={async () => undefined} onLock={() => undefined} />, root);
    });
    await flush();
    await click('#nav-new-case');
    expect(root.querySelector('#screen-title')?.textContent).toBe('Kasus baru');
    await act(async () => type('case-victim-first-name', 'Maria'));
    await flush();

    await click('#nav-cases');
    expect(root.querySelector('#unsaved-dialog')?.textContent).toContain('Ada perubahan yang belum disimpan. Tinggalkan halaman ini?');
    await click('#unsaved-stay');
    expect(root.querySelector('#unsaved-dialog')).toBeNull();
    expect(root.querySelector('#screen-title')?.textContent).toBe('Kasus baru');
    expect(root.querySelector<HTMLInputElement>('#case-victim-first-name')?.value).toBe('Maria');

    await click('#nav-cases');
    await click('#unsaved-leave');
    expect(root.querySelector('#unsaved-dialog')).toBeNull();
    expect(root.querySelector('#screen-title')?.textContent).toBe('Daftar kasus');

    // The form starts empty again after leaving.
    await click('#nav-new-case');
    expect(root.querySelector<HTMLInputElement>('#case-victim-first-name')?.value).toBe('');
  });

  it('locks with Ctrl+L', async () => {
    setBackend(backend());
    let locked = false;
    await act(async () => {
      render(<Shell status={status} lang="id" onLanguage={async () => undefined} onLock={() => { locked = true; }} />, root);
    });
    await flush();
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'l', ctrlKey: true }));
    });
    expect(locked).toBe(true);
  });
});

describe('UnlockScreen', () => {
  it('shows the backend message when the passphrase is wrong', async () => {
    setBackend(
      fake({
        unlock: () => {
          throw { code: 'wrong_passphrase', message: 'Kata sandi salah. Periksa Caps Lock lalu coba lagi.', fields: [] };
        },
      }),
    );
    let unlocked = false;
    await act(async () => {
      render(
        <UnlockScreen lang="id" status={{ ...status, unlocked: false }} onLanguage={() => undefined} onUnlocked={() => { unlocked = true; }} />,
        root,
      );
    });
    expect(root.querySelector('#unlock-error')).toBeNull();
    await act(async () => type('unlock-passphrase', 'salah sekali'));
    await click('#unlock-submit');
    expect(root.querySelector('#unlock-error')?.textContent).toBe('Kata sandi salah. Periksa Caps Lock lalu coba lagi.');
    expect(unlocked).toBe(false);
    expect(calls).toEqual([{ cmd: 'unlock', args: { passphrase: 'salah sekali' } }]);
  });
});
