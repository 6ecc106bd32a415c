// Screens rendered in jsdom against a fake backend: field errors next to inputs, the
// unsaved-edits question, the unlock error, the checks forms make before sending, path fields
// whose picker cannot open, editing a case section in place, the statistics with their printable
// report, and the access log.

import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { type Backend, setBackend } from '../src/api';
import { appContext, boundTo, eachScreen, statusAs } from './app';
import { type Call, emptyShellHandlers, fakeBackend, flush, type Handlers } from './dom';
import { Ctx, type AppContext } from '../src/context';
import { t } from '../src/i18n';
import { setRegions } from '../src/regions';
import { AuditScreen } from '../src/screens/Audit';
import { VictimSection } from '../src/screens/case/VictimSection';
import { ExchangeScreen } from '../src/screens/Exchange';
import { NewCaseForm } from '../src/screens/NewCaseForm';
import { SettingsScreen } from '../src/screens/Settings';
import { SetupScreen } from '../src/screens/Setup';
import { StatisticsScreen } from '../src/screens/Statistics';
import { UnlockScreen } from '../src/screens/Unlock';
import { Shell } from '../src/shell';
import type { AccessEntry, AppStatus, AuditEntry, Stats } from '../src/types';

const status: AppStatus = statusAs('Coordinator');

const lists = {
  gender: [
    { code: 'Feminine', id: 'Perempuan', en: 'Feminine' },
    { code: 'Masculine', id: 'Laki-laki', en: 'Masculine' },
  ],
  case_status: [{ code: 'Active', id: 'Aktif', en: 'Active' }],
  type_of_exploitation: [{ code: 'ForcedLabour', id: 'Kerja paksa', en: 'Forced labour' }],
};

let root: HTMLElement;
let calls: Call[];

function fake(handlers: Handlers): Backend {
  return fakeBackend(calls, handlers);
}

function type(id: string, value: string) {
  const el = root.querySelector<HTMLInputElement>(`#${id}`);
  if (!el) throw new Error(`no #${id}`);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

const { click } = boundTo(() => root);

eachScreen(lists, (el) => {
  root = el;
  calls = [];
});

/** A coordinator's context on the new-case form. */
const context = (overrides: Partial<AppContext> = {}): AppContext => appContext('Coordinator', { route: { name: 'new-case' }, ...overrides });

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
              { field: 'victim.marital_status', message: 'victim.marital_status: kode tidak dikenal' },
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
    // A field the form does not show is listed in the general error under its label, not lost;
    // no path is shown, neither before the field nor in its message.
    expect(general?.querySelector('li')?.textContent).toBe('Korban — Status perkawinan: kode tidak dikenal');
    expect(general?.textContent).not.toContain('victim.');
    expect(general?.textContent).not.toContain('identity_number');
  });
});

describe('Shell', () => {
  const backend = () =>
    fake(emptyShellHandlers(lists));

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

  it('keeps Ctrl+S from the webview outside a form, and sends nothing', async () => {
    setBackend(backend());
    await act(async () => {
      render(<Shell status={status} lang="id" onLanguage={async () => undefined} onLock={() => undefined} />, root);
    });
    await flush();
    const before = calls.length;
    const e = new KeyboardEvent('keydown', { key: 's', ctrlKey: true, cancelable: true });
    await act(async () => {
      window.dispatchEvent(e);
    });
    expect(e.defaultPrevented).toBe(true);
    expect(calls.length).toBe(before);
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

describe('UnlockScreen recovery', () => {
  it('checks the form, shows the backend error, and returns to unlocking after success', async () => {
    setBackend(
      fake({
        recover: ({ recoveryKey }) => {
          if (recoveryKey !== 'W6YXT-NKZ4K') {
            throw { code: 'wrong_recovery_key', message: 'Ini bukan kunci pemulihan laptop ini.', fields: [] };
          }
          return null;
        },
      }),
    );
    await act(async () => {
      render(<UnlockScreen lang="id" status={{ ...status, unlocked: false }} onLanguage={() => undefined} onUnlocked={() => undefined} />, root);
    });
    await click('#recover-open');
    expect(root.querySelector('#unlock-passphrase')).toBeNull();
    expect(root.querySelector<HTMLInputElement>('#recover-key')?.placeholder).toBe('XXXXX-XXXXX-…');
    expect(root.querySelector<HTMLInputElement>('#recover-new')?.type).toBe('password');
    expect(root.querySelector<HTMLInputElement>('#recover-new')?.autocomplete).toBe('new-password');

    // Client-side checks: nothing is sent.
    await act(async () => type('recover-key', 'W6YXT-NKZ4K'));
    await act(async () => type('recover-new', 'pendek'));
    await act(async () => type('recover-repeat', 'pendek'));
    await click('#recover-submit');
    expect(errorPaths()).toEqual(['passphrase']);
    await act(async () => type('recover-new', 'kata sandi baru'));
    await act(async () => type('recover-repeat', 'kata sandi lain'));
    await click('#recover-submit');
    expect(errorPaths()).toEqual(['passphrase_repeat']);
    expect(calls).toEqual([]);

    await act(async () => type('recover-key', ' ZZZZZ-ZZZZZ '));
    await act(async () => type('recover-repeat', 'kata sandi baru'));
    await click('#recover-submit');
    expect(calls).toEqual([{ cmd: 'recover', args: { recoveryKey: 'ZZZZZ-ZZZZZ', newPassphrase: 'kata sandi baru' } }]);
    expect(root.querySelector('#recover-error')?.textContent).toContain('Ini bukan kunci pemulihan laptop ini.');
    expect(root.querySelector('#recover-done')).toBeNull();

    await act(async () => type('recover-key', 'W6YXT-NKZ4K'));
    await click('#recover-submit');
    expect(root.querySelector('#recover-key')).toBeNull();
    expect(root.querySelector('#recover-done')?.textContent).toBe('Kata sandi baru dipasang. Buka dengan kata sandi baru.');
    expect(root.querySelector('#unlock-passphrase')).not.toBeNull();

    // Cancel returns to the unlock form without sending anything.
    await click('#recover-open');
    expect(root.querySelector('#recover-done')).toBeNull();
    await click('#recover-cancel');
    expect(root.querySelector('#recover-key')).toBeNull();
    expect(root.querySelector('#unlock-passphrase')).not.toBeNull();
    expect(calls.length).toBe(2);
  });
});

describe('SettingsScreen passphrase', () => {
  it('checks the form, shows the backend error, and clears the fields after success', async () => {
    setBackend(
      fake({
        regions: () => [],
        change_passphrase: (args) => {
          if (args.old !== 'kata sandi panjang') {
            throw { code: 'wrong_passphrase', message: 'Kata sandi salah. Periksa Caps Lock lalu coba lagi.', fields: [] };
          }
          return null;
        },
      }),
    );
    await act(async () => {
      render(
        <Ctx.Provider value={context()}>
          <SettingsScreen />
        </Ctx.Provider>,
        root,
      );
    });
    await flush();
    const value = (id: string) => root.querySelector<HTMLInputElement>(`#${id}`)?.value;
    expect(root.querySelector<HTMLInputElement>('#pass-old')?.type).toBe('password');

    await click('#pass-submit');
    expect(errorPaths()).toEqual(['old', 'passphrase']);
    await act(async () => type('pass-old', 'kata sandi salah'));
    await act(async () => type('pass-new', 'kata sandi baru'));
    await act(async () => type('pass-repeat', 'kata sandi beda'));
    await click('#pass-submit');
    expect(errorPaths()).toEqual(['passphrase_repeat']);
    expect(calls.some((c) => c.cmd === 'change_passphrase')).toBe(false);

    await act(async () => type('pass-repeat', 'kata sandi baru'));
    await click('#pass-submit');
    expect(calls[calls.length - 1]).toEqual({ cmd: 'change_passphrase', args: { old: 'kata sandi salah', new: 'kata sandi baru' } });
    expect(root.querySelector('#pass-error')?.textContent).toContain('Kata sandi salah. Periksa Caps Lock lalu coba lagi.');
    expect(root.querySelector('#pass-done')).toBeNull();

    await act(async () => type('pass-old', 'kata sandi panjang'));
    await click('#pass-submit');
    expect(root.querySelector('#pass-error')).toBeNull();
    expect(root.querySelector('#pass-done')?.textContent).toBe('Kata sandi diganti. Kunci pemulihan tetap berlaku.');
    expect([value('pass-old'), value('pass-new'), value('pass-repeat')]).toEqual(['', '', '']);
  });
});

describe('AuditScreen', () => {
  const entries: AuditEntry[] = Array.from({ length: 120 }, (_, i) => ({
    op: `dev-1:${120 - i}`,
    at: new Date(2025, 11, 20, 9, 5 - i).toISOString(),
    author: i === 0 ? null : 'Petugas',
    district: i % 2 ? '53.03' : '65.03',
    entity: i === 0 ? 'followup' : 'person',
    entity_id: `e-${i}`,
    action: i === 0 ? 'create' : 'set',
    field: i === 0 ? null : 'first_name',
    case_number: i === 0 ? '6503-2019-0001' : null,
  }));

  it('lists the changes newest first, in pages of 50, without values', async () => {
    setRegions([{ code: '53.03', name: 'Kabupaten Timor Tengah Utara' }]);
    setBackend(
      fake({
        audit_log: ({ offset, limit }) => entries.slice(Number(offset), Number(offset) + Number(limit)),
      }),
    );
    await act(async () => {
      render(
        <Ctx.Provider value={context({ districtName: (c) => (c === '65.03' ? 'Kabupaten Nunukan' : null) })}>
          <AuditScreen />
        </Ctx.Provider>,
        root,
      );
    });
    await flush();
    expect(calls[0]).toEqual({ cmd: 'audit_log', args: { offset: 0, limit: 51 } });
    let rows = root.querySelectorAll('.audit-row');
    expect(rows.length).toBe(50);
    const first = rows[0].textContent ?? '';
    expect(first).toContain('20/12/2025 09.05');
    expect(first).toContain('tidak diketahui');
    expect(first).toContain('65.03 Kabupaten Nunukan');
    expect(first).toContain('6503-2019-0001');
    expect(first).toContain('Pemantauan dibuat');
    expect(rows[1].textContent).toContain('53.03 Kabupaten Timor Tengah Utara');
    expect(rows[1].textContent).toContain('Orang diubah: Nama depan');
    expect(root.querySelector<HTMLButtonElement>('#audit-newer')?.disabled).toBe(true);

    await click('#audit-older');
    expect(calls[calls.length - 1]).toEqual({ cmd: 'audit_log', args: { offset: 50, limit: 51 } });
    expect(root.querySelectorAll('.audit-row')[0].getAttribute('data-op')).toBe('dev-1:70');
    await click('#audit-older');
    rows = root.querySelectorAll('.audit-row');
    expect(rows.length).toBe(20);
    expect(root.querySelector<HTMLButtonElement>('#audit-older')?.disabled).toBe(true);
    await click('#audit-newer');
    expect(calls[calls.length - 1]).toEqual({ cmd: 'audit_log', args: { offset: 50, limit: 51 } });
    expect(root.querySelectorAll('.audit-row').length).toBe(50);
    setRegions([]);
  });
});

describe('AuditScreen access log', () => {
  const entries: AccessEntry[] = Array.from({ length: 60 }, (_, i) => ({
    seq: 60 - i,
    at: new Date(2025, 11, 20, 10, 30 - i).toISOString(),
    operator: i === 1 ? null : 'Petugas Satu',
    action: ['view_case', 'export_bundle', 'export_report'][i % 3],
    target: ['case-uuid', '53.03', '2025-01-01..2025-12-31 65.03'][i % 3],
    case_number: i % 3 === 0 ? '6503-2019-0007' : null,
  }));

  it('opens from its tab, says who did what to which case, and pages', async () => {
    setBackend(
      fake({
        audit_log: () => [],
        access_log: ({ offset, limit }) => entries.slice(Number(offset), Number(offset) + Number(limit)),
      }),
    );
    await act(async () => {
      render(
        <Ctx.Provider value={context({ districtName: (c) => (c === '53.03' ? 'Kabupaten Timor Tengah Utara' : null) })}>
          <AuditScreen />
        </Ctx.Provider>,
        root,
      );
    });
    await flush();
    // The change log is the first tab; the access log is loaded only when its tab opens.
    expect(root.querySelector('#audit-tab-changes')?.getAttribute('aria-selected')).toBe('true');
    expect(calls.some((c) => c.cmd === 'access_log')).toBe(false);

    await click('#audit-tab-access');
    expect(root.querySelector('#audit-tab-access')?.getAttribute('aria-selected')).toBe('true');
    expect(root.querySelector('#audit-panel-access')?.getAttribute('aria-labelledby')).toBe('audit-tab-access');
    expect(calls[calls.length - 1]).toEqual({ cmd: 'access_log', args: { offset: 0, limit: 51 } });
    let rows = root.querySelectorAll('.access-row');
    expect(rows.length).toBe(50);
    expect(rows[0].textContent).toContain('20/12/2025 10.30');
    expect(rows[0].textContent).toContain('Petugas Satu');
    expect(rows[0].textContent).toContain('Membuka kasus');
    expect(rows[0].textContent).toContain('6503-2019-0007');
    expect(rows[0].textContent).not.toContain('case-uuid');
    expect(rows[1].textContent).toContain('tidak diketahui');
    expect(rows[1].textContent).toContain('Mengekspor bundel');
    expect(rows[1].textContent).toContain('untuk 53.03 Kabupaten Timor Tengah Utara');
    expect(rows[2].textContent).toContain('Mencetak laporan statistik');
    expect(rows[2].textContent).toContain('1 Januari 2025 – 31 Desember 2025; 65.03');

    await click('#access-older');
    expect(calls[calls.length - 1]).toEqual({ cmd: 'access_log', args: { offset: 50, limit: 51 } });
    rows = root.querySelectorAll('.access-row');
    expect(rows.length).toBe(10);
    expect(rows[0].getAttribute('data-seq')).toBe('10');
    expect(root.querySelector<HTMLButtonElement>('#access-older')?.disabled).toBe(true);

    // The arrow keys move between the tabs.
    const tab = root.querySelector<HTMLElement>('#audit-tab-access');
    await act(async () => {
      tab?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    });
    await flush();
    expect(root.querySelector('#audit-tab-changes')?.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement?.id).toBe('audit-tab-changes');
    expect(root.querySelector('.access-row')).toBeNull();
  });
});

describe('StatisticsScreen', () => {
  const stats: Stats = {
    victims: 40,
    children: 12,
    adults: 25,
    by_sex: [
      ['Feminine', 31],
      ['Masculine', 9],
    ],
    by_age_group: [
      ['12-17', 12],
      ['18-25', 25],
      ['unknown', 3],
    ],
    by_exploitation: [['ForcedLabour', 40]],
    by_country: [],
    by_recruitment: [],
    services: [['Shelter', 38]],
    referrals: { sent: 10, received: 9, accepted: 7, declined: 1, completed: 3, median_days_to_acceptance: 3.5 },
    followups: { due: 4, overdue: 2, done: 20 },
  };

  it('shows the figures of a period as bars with numbers, checks the dates, and prints what is shown', async () => {
    setBackend(
      fake({
        trust_list: () => [
          { device_id: 'd1', district: '53.03', district_name: 'Kabupaten Timor Tengah Utara', added_at: '', added_via: 'card', revoked_at: null },
        ],
        report_stats: () => stats,
        report_print: ({ folder }) => ({ path: `${String(folder)}/laporan-statistik-6503.html`, bytes: 9000, victims: 40 }),
      }),
    );
    await act(async () => {
      render(
        <Ctx.Provider value={context({ districtName: (c) => (c === '65.03' ? 'Kabupaten Nunukan' : c === '53.03' ? 'Kabupaten TTU' : null) })}>
          <StatisticsScreen />
        </Ctx.Provider>,
        root,
      );
    });
    await flush();
    expect(calls.find((c) => c.cmd === 'report_stats')?.args).toEqual({ period: { from: null, to: null, district: null } });
    expect(root.querySelector('#stats-showing')?.textContent).toBe('Angka untuk semua tanggal; kasus dari semua kabupaten/kota.');
    expect(root.querySelector('#stats-victims')?.textContent).toBe('40Korban');
    expect(root.querySelector('#stats-median')?.textContent).toContain('3,5 hari');
    const options = [...root.querySelectorAll('#stats-district option')].map((o) => o.textContent);
    expect(options).toEqual(['Semua', 'Kabupaten TTU (53.03)', 'Kabupaten Nunukan (65.03)']);

    // Every figure is text as well as a bar, with its share of all victims where it applies.
    const sex = [...root.querySelectorAll('#stats-table-sex .bar-row')].map((r) => r.textContent);
    expect(sex).toEqual(['Perempuan3177,5%', 'Laki-laki922,5%']);
    expect(root.querySelector('#stats-table-services .bar-row')?.textContent).toBe('Shelter38');
    expect(root.querySelector('#stats-chart-country')?.textContent).toContain('Belum ada data.');
    expect(root.querySelector('#stats-table-referrals')?.textContent).toContain('Disetujui7');
    expect(root.querySelector('#stats-table-followups')?.textContent).toContain('Terlambat (tanggal sudah lewat)2');
    expect(root.querySelector('#stats-table-age')?.textContent).toContain('12–17 tahun12');

    // One Tab stop per chart; the arrow keys read its rows.
    const ageRows = [...root.querySelectorAll<HTMLElement>('#stats-table-age .bar-row')];
    expect(ageRows.map((r) => r.tabIndex)).toEqual([0, -1, -1]);
    ageRows[0].focus();
    await act(async () => {
      ageRows[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
    expect(document.activeElement).toBe(ageRows[1]);
    await act(async () => {
      ageRows[1].dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    });
    expect(document.activeElement).toBe(ageRows[2]);
    expect(ageRows.map((r) => r.tabIndex)).toEqual([-1, -1, 0]);

    // A date that cannot be read is caught before asking.
    const asked = calls.filter((c) => c.cmd === 'report_stats').length;
    await act(async () => type('stats-from', '31/13/2025'));
    await click('#stats-apply');
    expect(errorPaths()).toEqual(['from']);
    expect(document.activeElement?.id).toBe('stats-from');
    expect(calls.filter((c) => c.cmd === 'report_stats').length).toBe(asked);

    await act(async () => {
      type('stats-from', '1/1/2025');
      type('stats-to', '31/12/2025');
      const select = root.querySelector<HTMLSelectElement>('#stats-district');
      if (select) {
        select.value = '65.03';
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }
    });
    await click('#stats-apply');
    expect(errorPaths()).toEqual([]);
    expect(calls[calls.length - 1]).toEqual({ cmd: 'report_stats', args: { period: { from: '2025-01-01', to: '2025-12-31', district: '65.03' } } });
    expect(root.querySelector('#stats-showing')?.textContent).toBe(
      'Angka untuk 1 Januari 2025 – 31 Desember 2025; kasus dari Kabupaten Nunukan (65.03).',
    );

    // The report needs a folder, and holds the period on screen even if the form changed since.
    await act(async () => type('stats-to', '30/06/2025'));
    await click('#stats-print-submit');
    expect(errorPaths()).toEqual(['folder']);
    expect(calls.some((c) => c.cmd === 'report_print')).toBe(false);
    await act(async () => type('stats-print-folder', ' /media/usb '));
    await click('#stats-print-submit');
    expect(calls[calls.length - 1]).toEqual({
      cmd: 'report_print',
      args: { folder: '/media/usb', period: { from: '2025-01-01', to: '2025-12-31', district: '65.03' } },
    });
    const result = root.querySelector('#stats-print-result')?.textContent ?? '';
    expect(result).toContain('Laporan disimpan (40 korban).');
    expect(result).toContain('/media/usb/laporan-statistik-6503.html');
    expect(result).toContain('Ctrl+P');

    // A quick choice asks at once.
    await click('#stats-preset-all');
    expect(calls[calls.length - 1]).toEqual({ cmd: 'report_stats', args: { period: { from: null, to: null, district: '65.03' } } });
    expect(root.querySelector<HTMLInputElement>('#stats-from')?.value).toBe('');
  });

  it('shows why the figures could not be computed', async () => {
    setBackend(
      fake({
        trust_list: () => [],
        report_stats: () => {
          throw { code: 'store_busy', message: 'Penyimpanan sedang dipakai.', fields: [] };
        },
      }),
    );
    await act(async () => {
      render(
        <Ctx.Provider value={context()}>
          <StatisticsScreen />
        </Ctx.Provider>,
        root,
      );
    });
    await flush();
    expect(root.querySelector('#stats-error')?.textContent).toContain('Statistik tidak dapat dihitung');
    expect(root.querySelector('#stats-error')?.textContent).toContain('Penyimpanan sedang dipakai.');
    expect(root.querySelector('.bar-table')).toBeNull();
    expect(root.querySelector('#stats-print-result')).toBeNull();
  });
});

describe('SettingsScreen', () => {
  it('imports a region code list and shows the counts', async () => {
    let imported = false;
    let refreshed = 0;
    setBackend(
      fake({
        regions: () => [
          { code: '53', name: 'Nusa Tenggara Timur' },
          ...(imported ? [{ code: '53.03', name: 'Kabupaten Timor Tengah Utara' }] : []),
          { code: '65.03', name: 'Kabupaten Nunukan' },
        ],
        reference_import: ({ path }) => {
          if (String(path).includes('rusak')) {
            throw { code: 'invalid_input', message: 'Data tidak valid: baris CSV ke-3.', fields: [] };
          }
          imported = true;
          return { provinces: 1, regencies: 2, skipped: 1 };
        },
      }),
    );
    await act(async () => {
      render(
        <Ctx.Provider value={context({ refreshDistricts: () => void (refreshed += 1) })}>
          <SettingsScreen />
        </Ctx.Provider>,
        root,
      );
    });
    await flush();
    expect(root.querySelector('#reference-known')?.textContent).toBe(
      'Nama yang dikenal sekarang: 1 provinsi dan 1 kabupaten/kota.',
    );

    // Nothing typed: the field says so, and nothing is sent.
    await click('#reference-import');
    expect(root.querySelector('.field-error[data-field="path"]')?.textContent).toBe('Pilih atau ketik lokasi berkas CSV.');
    expect(calls.some((c) => c.cmd === 'reference_import')).toBe(false);

    await act(async () => type('reference-file', '/media/usb/kode-rusak.csv'));
    await click('#reference-import');
    expect(root.querySelector('#reference-error')?.textContent).toContain('Data tidak valid: baris CSV ke-3.');
    expect(root.querySelector('#reference-error')?.textContent).toContain('Daftar kode tidak diimpor');
    expect(root.querySelector('#reference-result')).toBeNull();

    await act(async () => type('reference-file', '/media/usb/kode.csv'));
    await click('#reference-import');
    expect(calls.find((c) => c.cmd === 'reference_import' && c.args?.path === '/media/usb/kode.csv')).toBeTruthy();
    expect(root.querySelector('#reference-error')).toBeNull();
    expect(root.querySelector('#reference-result')?.textContent).toBe(
      'Daftar kode diimpor: 2 kabupaten/kota disimpan, 1 provinsi dicocokkan, 1 baris lain dilewati (misalnya kecamatan).',
    );
    expect(root.querySelector('#reference-known')?.textContent).toBe(
      'Nama yang dikenal sekarang: 1 provinsi dan 2 kabupaten/kota.',
    );
    expect(refreshed).toBe(1);
    setRegions([]);
  });
});

describe('SettingsScreen backup', () => {
  it('asks for a folder, writes the backup there and says where', async () => {
    setBackend(
      fake({
        regions: () => [],
        backup_write: ({ folder }) => ({ path: `${String(folder)}/lintas-cadangan-6503.lintas-backup`, bytes: 4096, sha256: 'ab'.repeat(32), cases: 2 }),
      }),
    );
    await act(async () => {
      render(
        <Ctx.Provider value={context()}>
          <SettingsScreen />
        </Ctx.Provider>,
        root,
      );
    });
    await flush();
    await click('#backup-write');
    expect(root.querySelector('.field-error[data-field="folder"]')?.textContent).toBe('Pilih atau ketik folder tujuan.');
    expect(calls.some((c) => c.cmd === 'backup_write')).toBe(false);

    await act(async () => type('backup-folder', '/media/usb'));
    await click('#backup-write');
    expect(calls.find((c) => c.cmd === 'backup_write' && c.args?.folder === '/media/usb')).toBeTruthy();
    expect(root.querySelector('#backup-result')?.textContent).toBe(
      'Cadangan ditulis: /media/usb/lintas-cadangan-6503.lintas-backup (2 kasus). Simpan di tempat aman.',
    );
  });
});

/** The paths of the field errors on screen, in order. */
function errorPaths(): string[] {
  return [...root.querySelectorAll('.field-error')].map((e) => e.getAttribute('data-field') ?? '');
}

describe('SetupScreen', () => {
  it('checks the form before sending and focuses the first problem', async () => {
    setBackend(fake({ setup: () => ({ recovery_key: 'KUNCI-PEMULIHAN' }), regions: () => [] }));
    let done: [string, string] | null = null;
    await act(async () => {
      render(<SetupScreen lang="id" onLanguage={() => undefined} onDone={(key, name) => { done = [key, name]; }} onRestored={() => undefined} />, root);
    });
    await click('#setup-submit');
    expect(errorPaths()).toEqual(['district', 'district_name', 'operator', 'passphrase']);
    expect(document.activeElement?.id).toBe('setup-district');
    // The region names, asked for when the screen opens, are all it sent so far.
    expect(calls.map((c) => c.cmd)).toEqual(['regions']);
    calls.splice(0);

    await act(async () => {
      type('setup-district', '65.03');
      type('setup-district-name', ' Kabupaten Nunukan ');
      type('setup-operator', 'Petugas');
      type('setup-passphrase', 'kata sandi panjang');
      type('setup-passphrase-repeat', 'kata sandi lain');
    });
    await click('#setup-submit');
    expect(errorPaths()).toEqual(['passphrase_repeat']);
    expect(document.activeElement?.id).toBe('setup-passphrase-repeat');
    expect(calls).toEqual([]);

    await act(async () => type('setup-passphrase-repeat', 'kata sandi panjang'));
    await click('#setup-submit');
    expect(calls).toEqual([
      { cmd: 'setup', args: { district: '65.03', districtName: 'Kabupaten Nunukan', operator: 'Petugas', passphrase: 'kata sandi panjang' } },
    ]);
    expect(done).toEqual(['KUNCI-PEMULIHAN', 'Kabupaten Nunukan']);
  });
});

describe('ExchangeScreen', () => {
  it('checks the export form, lets the folder be typed when the picker cannot open, and shows the result', async () => {
    setBackend(
      fake({
        bundle_export: () => ({ district: '53.03', cases: 2, ops: 5, attachments: 0, bytes: 2048, path: '/media/usb/65.03-53.03.lintas' }),
      }),
    );
    await act(async () => {
      render(
        <Ctx.Provider value={context()}>
          <ExchangeScreen />
        </Ctx.Provider>,
        root,
      );
    });
    await click('#export-submit');
    expect(errorPaths()).toEqual(['to', 'folder']);
    expect(document.activeElement?.id).toBe('export-to');
    await act(async () => type('export-to', '53.03'));
    await click('#export-submit');
    expect(errorPaths()).toEqual(['folder']);
    expect(document.activeElement?.id).toBe('export-folder');

    // Outside the desktop app the native picker cannot open: the field says so, under its input.
    await click('#export-folder + button');
    const field = root.querySelector('#export-folder')?.closest('.field');
    expect(field?.querySelector('.hint.warn')?.textContent).toBe(t('common.dialogUnavailable'));
    expect(root.querySelector('#import-file')?.closest('.field')?.querySelector('.hint.warn')).toBeNull();

    await act(async () => type('export-folder', ' /media/usb '));
    await click('#export-submit');
    expect(calls).toEqual([{ cmd: 'bundle_export', args: { to: '53.03', folder: '/media/usb', all: false } }]);
    expect(errorPaths()).toEqual([]);
    expect(root.querySelector('#export-result')?.textContent).toContain('/media/usb/65.03-53.03.lintas');
    expect(root.querySelector<HTMLButtonElement>('#export-submit')).not.toBeNull();
  });

  it('shows a refused bundle apart from other failures, with the way to the trusted districts', async () => {
    let opened = '';
    setBackend(
      fake({
        bundle_import: () => {
          throw { code: 'untrusted_sender', message: 'Pengirim belum tepercaya.', fields: [] };
        },
      }),
    );
    await act(async () => {
      render(
        <Ctx.Provider value={context({ navigate: (r) => void (opened = r.name) })}>
          <ExchangeScreen />
        </Ctx.Provider>,
        root,
      );
    });
    await click('#import-submit');
    expect(errorPaths()).toEqual(['path']);
    expect(document.activeElement?.id).toBe('import-file');
    await act(async () => type('import-file', '/media/usb/asing.lintas'));
    await click('#import-submit');
    const panel = root.querySelector('#import-error');
    expect(panel?.textContent).toContain(t('import.rejected'));
    expect(panel?.textContent).toContain('Pengirim belum tepercaya.');
    expect(root.querySelector('#import-summary')).toBeNull();
    await click('#import-error button');
    expect(opened).toBe('trust');
  });
});

describe('VictimSection', () => {
  it('edits in place: field errors stay in the form, cancel closes it, a save reloads the case', async () => {
    let refuse = true;
    let changed = 0;
    setBackend(
      fake({
        case_update: () => {
          if (refuse) throw { code: 'invalid_record', message: 'Data tidak disimpan.', fields: [{ field: 'victim.first_name', message: 'wajib diisi' }] };
          return { changes: 1 };
        },
      }),
    );
    await act(async () => {
      render(
        <Ctx.Provider value={context()}>
          <VictimSection doc={{ id: 'c1', victim: { first_name: 'Maria' } }} onChanged={() => void (changed += 1)} />
        </Ctx.Provider>,
        root,
      );
    });
    const form = () => root.querySelector('#sec-victim form');

    await click('#case-edit-victim');
    expect(form()).not.toBeNull();
    expect(document.activeElement?.id).toBe('edit-victim-first-name');
    await act(async () => type('edit-victim-first-name', ''));
    await click('#sec-victim button[type="submit"]');
    expect(calls.map((c) => c.cmd)).toEqual(['case_update']);
    expect(root.querySelector('.field-error[data-field="victim.first_name"]')?.textContent).toBe('wajib diisi');
    expect(form()).not.toBeNull();
    expect(changed).toBe(0);

    await click('#sec-victim .actions button.secondary');
    expect(form()).toBeNull();
    expect(calls.length).toBe(1);

    refuse = false;
    await click('#case-edit-victim');
    expect(root.querySelector('.field-error')).toBeNull();
    await act(async () => type('edit-victim-first-name', 'Mariana'));
    await click('#sec-victim button[type="submit"]');
    expect(form()).toBeNull();
    expect(root.querySelector('#sec-victim [role="status"]')?.textContent).toBe(t('case.saved', { changes: 1 }));
    expect(changed).toBe(1);

    // Opening the form again puts the message of the last save away.
    await click('#case-edit-victim');
    expect(root.querySelector('#sec-victim [role="status"]')).toBeNull();
  });
});
