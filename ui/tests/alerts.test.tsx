// Alerts: the words for every rule in both languages, the alerts screen for each role (erasure
// requests first, then what is open, then what was dealt with), confirming and declining an
// erasure request, the number beside the navigation entry, and what the exchange screen says
// when an import refused something.

import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ALERT_RULES, alertWords } from '../src/alerts';
import { type Backend, setBackend } from '../src/api';
import { Ctx, type AppContext } from '../src/context';
import { setLang, t } from '../src/i18n';
import type { Route } from '../src/routes';
import { AlertsScreen } from '../src/screens/Alerts';
import { ExchangeScreen } from '../src/screens/Exchange';
import { Shell } from '../src/shell';
import type { Alert, CaseDoc, ErasureRequest, ImportSummary, Role } from '../src/types';
import { appContext, boundTo, eachScreen, statusAs } from './app';
import { type Call, clickIn, emptyShellHandlers, fakeBackend, type Handlers } from './dom';

const NAMES: Record<string, string> = {
  '65.03': 'Kabupaten Nunukan',
  '53.03': 'Kabupaten Timor Tengah Utara',
  '53.04': 'Kabupaten Belu',
};

function alert(id: number, rule: string, more: Partial<Alert> = {}): Alert {
  return {
    id,
    at: '2025-12-19T07:42:00Z',
    kind: rule === 'impersonation' ? 'bundle' : rule === 'erasure_request' ? 'request' : 'refused',
    rule,
    district: '53.03',
    device: '7e71ba1c-f1f2-49a5-b69c-7fa4bf79e2ed',
    seq: 12,
    sender: '53.03',
    case_number: null,
    dismissed_at: null,
    ...more,
  };
}

let root: HTMLElement;
let calls: Call[];
let refreshed: number;

function fake(handlers: Handlers): Backend {
  return fakeBackend(calls, handlers);
}

const { mount, mountIn, type, choose, click, text } = boundTo(() => root);

/** The context of the alerts screen for `role`, knowing the districts of NAMES, counting asks for the alerts. */
const context = (role: Role, overrides: Partial<AppContext> = {}): AppContext =>
  appContext(role, { route: { name: 'alerts' }, districtName: (code) => NAMES[code] ?? null, refreshAlerts: () => void (refreshed += 1), ...overrides });

async function show(role: Role, overrides: Partial<AppContext> = {}) {
  await mountIn(context(role, overrides), <AlertsScreen />);
}

eachScreen({}, (el) => {
  root = el;
  calls = [];
  refreshed = 0;
});

afterEach(() => {
  setLang('id');
});

describe('alertWords', () => {
  const place = (code: string | null) => (code ? `${NAMES[code] ?? code} (${code})` : 'daerah yang tidak diketahui');

  it('says what happened and what to do for every rule, in both languages, in plain words', () => {
    for (const lang of ['id', 'en'] as const) {
      setLang(lang);
      for (const rule of ALERT_RULES) {
        const w = alertWords(alert(1, rule, { district: '53.04', sender: '53.03' }), place);
        for (const words of [w.what, w.todo]) {
          expect(words, `${lang} ${rule}`).not.toMatch(/[{}]/);
          // No rule codes, field names, commands or flags: only words a person reads.
          expect(words, `${lang} ${rule}`).not.toMatch(/\w_\w|--|lintas |device_id|7e71ba1c/);
          expect(words.length, `${lang} ${rule}`).toBeGreaterThan(30);
        }
        // Each names a district by its name.
        expect(`${w.what} ${w.todo}`, `${lang} ${rule}`).toMatch(/Kabupaten (Belu|Timor Tengah Utara)/);
      }
    }
  });

  it('covers every rule the core has (the compiler checks the tables against the generated codes)', () => {
    expect(new Set(ALERT_RULES).size).toBe(ALERT_RULES.length);
    for (const rule of ['impersonation', 'foreign_id', 'not_owner', 'erasure_request', 'orphan_blob']) {
      expect(ALERT_RULES).toContain(rule);
    }
  });

  it('names the signing and the claimed district of an impersonation, and advises the call and the revocation', () => {
    const w = alertWords(alert(1, 'impersonation', { district: '53.04', sender: '53.03' }), place);
    expect(w.what).toBe(
      'Sebuah bundel yang mengaku dikirim Kabupaten Timor Tengah Utara (53.03) ternyata ditandatangani laptop Kabupaten Belu (53.04). Seluruh bundel ditolak; tidak ada yang diimpor.',
    );
    expect(w.todo).toContain('Telepon penanggung jawab Kabupaten Belu (53.04) di nomor yang sudah Anda kenal');
    expect(w.todo).toContain('cabut kepercayaan pada laptop itu');
    expect(w.trust).toBe(true);
  });

  it("tells another district's overreach, a wrong clock, and an older alert apart", () => {
    expect(alertWords(alert(1, 'not_owner'), place).todo).toContain('Tidak ada data yang diubah di sini.');
    expect(alertWords(alert(1, 'not_owner'), place).trust).toBe(false);
    expect(alertWords(alert(1, 'future_clock'), place).todo).toContain('perubahan itu akan datang lagi');
    const legacy = alertWords(alert(1, 'legacy', { district: null, sender: null }), place);
    expect(legacy.what).toBe('Sebuah perubahan dari daerah yang tidak diketahui ditolak ketika diimpor.');
  });
});

describe('AlertsScreen', () => {
  const request: ErasureRequest = {
    alert: 9,
    at: '2025-12-20T01:00:00Z',
    from: '53.03',
    case_number: '6503-2019-0001',
    person: 'p-w',
    victim: false,
  };
  const listed = (): Alert[] => [
    alert(9, 'erasure_request', { at: '2025-12-20T01:00:00Z', case_number: '6503-2019-0001' }),
    alert(8, 'impersonation', { district: '53.04', sender: '53.03', seq: 0 }),
    alert(7, 'not_owner'),
    alert(2, 'future_clock', { dismissed_at: '2025-12-19T09:00:00Z' }),
  ];
  const doc: CaseDoc = {
    id: 'c1',
    case_number: '6503-2019-0001',
    victim: { id: 'p-v', first_name: 'Maria', second_name: 'Taek' },
    witnesses: [{ id: 'pt-w', person_id: 'p-w', first_name: 'Yohanes', second_name: 'Bria' }],
  };

  it('shows a coordinator the request first, then the open alerts in words, then those dealt with', async () => {
    let opened: Route | null = null;
    setBackend(fake({ alerts_list: listed, erasure_requests: () => [request] }));
    await show('Coordinator', { navigate: (r) => void (opened = r) });

    const requests = [...root.querySelectorAll('.request-item')];
    expect(requests.map((r) => r.getAttribute('data-alert'))).toEqual(['9']);
    expect(text('#requests-heading')).toBe('Permintaan penghapusan (1)');
    expect(requests[0].textContent).toContain(
      'Kabupaten Timor Tengah Utara (53.03) menghapus data seseorang (saksi, kontak keluarga atau pelaku) dalam kasus 6503-2019-0001',
    );

    // The request is not listed a second time among the open alerts.
    const open = [...root.querySelectorAll('section[aria-labelledby="alerts-open-heading"] .alert-item')];
    expect(open.map((a) => a.getAttribute('data-rule'))).toEqual(['impersonation', 'not_owner']);
    expect(text('#alerts-open-heading')).toBe('Belum ditangani (2)');
    const impersonation = open[0];
    expect(impersonation.querySelector('.badge')?.textContent).toBe('Bundel ditolak');
    expect(impersonation.querySelector('.alert-what')?.textContent).toContain('ditandatangani laptop Kabupaten Belu (53.04)');
    expect(impersonation.querySelector('.alert-district')?.textContent).toBe('Kabupaten Belu (53.04)');
    expect(impersonation.querySelector('.alert-sender')?.textContent).toBe('Kabupaten Timor Tengah Utara (53.03)');
    expect(impersonation.textContent).toContain('Kabupaten Belu (53.04), perangkat 7e71ba1c-f1f2-49a5-b69c-7fa4bf79e2ed');
    expect(impersonation.querySelector('.alert-todo')?.textContent).toContain('Yang perlu dilakukan:');
    expect(open[1].querySelector('.alert-todo')?.textContent).toContain('Tidak ada data yang diubah di sini.');
    // Another district's overreach says nothing of laptops.
    expect(open[1].textContent).not.toContain('7e71ba1c');

    const done = [...root.querySelectorAll('.alert-done')];
    expect(done.map((d) => d.getAttribute('data-rule'))).toEqual(['future_clock']);
    expect(text('#alerts-done-heading')).toBe('Sudah ditangani (1)');
    expect(done[0].textContent).toContain('ditandai selesai');

    // The impersonation leads to the trusted districts, where the laptop can be revoked.
    await clickIn(impersonation as HTMLElement, 'button.secondary');
    expect(opened).toEqual({ name: 'trust' });
  });

  it('marks an alert as dealt with, reloads, and refreshes the number in the navigation', async () => {
    let list = listed();
    setBackend(
      fake({
        alerts_list: () => list,
        erasure_requests: () => [request],
        alert_dismiss: ({ id }) => {
          list = list.map((a) => (a.id === id ? { ...a, dismissed_at: '2025-12-20T02:00:00Z' } : a));
          return null;
        },
      }),
    );
    await show('Coordinator');
    const button = root.querySelector('.alert-item[data-rule="not_owner"] .alert-dismiss');
    expect(button?.textContent).toBe('Tandai selesai');
    expect(button?.getAttribute('aria-label')).toMatch(/^Tandai selesai: peringatan 19 Desember 2025, pukul \d\d\.42$/);
    await click('.alert-item[data-rule="not_owner"] .alert-dismiss');
    expect(calls.find((c) => c.cmd === 'alert_dismiss')?.args).toEqual({ id: 7 });
    expect(text('#alerts-done')).toBe(t('alerts.dismissed'));
    expect(refreshed).toBe(1);
    expect([...root.querySelectorAll('.alert-done')].map((d) => d.getAttribute('data-rule'))).toEqual(['not_owner', 'future_clock']);
    expect(root.querySelector('.alert-item[data-rule="not_owner"]')).toBeNull();
  });

  it('confirms an erasure request with a reason and the typed case number, naming the person', async () => {
    let requests = [request];
    setBackend(
      fake({
        alerts_list: listed,
        erasure_requests: () => requests,
        case_get: () => doc,
        erasure_confirm: () => {
          requests = [];
          return { op: 'dev:9', entities: 2, ops_emptied: 7, cleanup_pending: false };
        },
      }),
    );
    await show('Coordinator');
    expect(root.querySelector('.request-confirm')?.getAttribute('aria-label')).toBe('Konfirmasi penghapusan dalam kasus 6503-2019-0001');
    await click('.request-confirm');
    expect(calls.find((c) => c.cmd === 'case_get')?.args).toEqual({ id: '6503-2019-0001' });
    expect(text('#erase-dialog-title')).toBe('Hapus data Yohanes Bria');
    expect(text('#erase-dialog')).toContain('Permintaan dari Kabupaten Timor Tengah Utara (53.03).');
    expect(text('#erase-dialog')).toContain('Data Yohanes Bria dan keterangannya dihapus dari kasus 6503-2019-0001.');

    await choose('#erase-reason', 'LegalRequest');
    await type('erase-confirm', '6503-2019-0002');
    await click('#erase-submit');
    expect(text('.field-error[data-field="erase_confirm"]')).toBe('Nomor kasus tidak sama. Ketik 6503-2019-0001 persis seperti tertulis.');
    expect(calls.some((c) => c.cmd === 'erasure_confirm')).toBe(false);

    await type('erase-confirm', '6503-2019-0001');
    await click('#erase-submit');
    expect(calls.find((c) => c.cmd === 'erasure_confirm')?.args).toEqual({ alert: 9, reason: 'LegalRequest' });
    expect(calls.some((c) => c.cmd === 'person_erase')).toBe(false);
    expect(root.querySelector('#erase-dialog')).toBeNull();
    expect(text('#alerts-done')).toBe(
      'Dihapus sesuai permintaan: 2 data dihapus, isi 7 perubahan dalam riwayat dikosongkan. Penghapusan ikut terkirim pada bundel berikutnya.',
    );
    expect(root.querySelector('.request-item')).toBeNull();
    expect(refreshed).toBe(1);
  });

  it('declines an erasure request by marking it as dealt with; the data stays', async () => {
    let requests = [request];
    setBackend(
      fake({
        alerts_list: listed,
        erasure_requests: () => requests,
        alert_dismiss: () => {
          requests = [];
          return null;
        },
      }),
    );
    await show('Coordinator');
    await click('.request-decline');
    expect(calls.find((c) => c.cmd === 'alert_dismiss')?.args).toEqual({ id: 9 });
    expect(text('#alerts-done')).toBe('Permintaan ditolak. Data tetap ada di sini.');
    expect(root.querySelector('.request-item')).toBeNull();
  });

  it('lets a case worker and a read-only operator read the alerts, without acting on them', async () => {
    for (const role of ['CaseWorker', 'ReadOnly'] as const) {
      calls = [];
      setBackend(fake({ alerts_list: listed }));
      await show(role);
      expect(calls.map((c) => c.cmd)).toEqual(['alerts_list']);
      expect(root.querySelectorAll('.alert-dismiss, .request-confirm, .request-decline')).toHaveLength(0);
      // The request is listed among the alerts, with who decides.
      const asked = root.querySelector('.alert-item[data-rule="erasure_request"]');
      expect(asked?.querySelector('.badge')?.textContent).toBe('Permintaan penghapusan');
      expect(asked?.querySelector('.alert-todo')?.textContent).toContain('Koordinator daerah Anda memutuskan');
      expect(asked?.textContent).toContain('6503-2019-0001');
      // Revoking a laptop is a coordinator's; the way there is not offered.
      expect(root.querySelector('.alert-item[data-rule="impersonation"] button')).toBeNull();
      render(null, root);
    }
  });

  it('says when there is nothing, and speaks English', async () => {
    setBackend(fake({ alerts_list: () => [], erasure_requests: () => [] }));
    await show('Coordinator');
    expect(text('.empty')).toBe('Tidak ada peringatan. Semua yang diimpor dari daerah lain diterima.');
    render(null, root);

    setLang('en');
    setBackend(fake({ alerts_list: listed, erasure_requests: () => [] }));
    await show('Coordinator', { lang: 'en' });
    expect(text('#screen-title')).toBe('Alerts');
    expect(text('.alert-item[data-rule="impersonation"] .alert-what')).toBe(
      'A bundle claiming to come from Kabupaten Timor Tengah Utara (53.03) was signed by a laptop of Kabupaten Belu (53.04). The whole bundle was refused; nothing was imported.',
    );
    expect(text('.alert-item[data-rule="not_owner"] .alert-dismiss')).toBe('Mark as dealt with');
  });

  it('shows why the alerts could not be loaded', async () => {
    setBackend(
      fake({
        alerts_list: () => {
          throw { code: 'forbidden', message: 'Peran Anda tidak mengizinkan tindakan ini.', fields: [] };
        },
        erasure_requests: () => [],
      }),
    );
    await show('Coordinator');
    expect(text('.panel-error')).toContain('Peringatan tidak dapat dimuat');
    expect(text('.panel-error')).toContain('Peran Anda tidak mengizinkan tindakan ini.');
  });
});

describe('Shell and the exchange screen', () => {
  const summary = (more: Partial<ImportSummary> = {}): ImportSummary => ({
    id: 'b1',
    sender_district: '53.03',
    sender_district_name: 'Kabupaten Timor Tengah Utara',
    new_cases: [],
    updated_cases: ['6503-2019-0001'],
    ops_applied: 3,
    ops_already_present: 0,
    ops_waiting: 0,
    conflicts: 0,
    duplicates: [],
    duplicates_unchecked: 0,
    alerts: 0,
    referrals_received: 0,
    persons_erased: 0,
    ops_refused: 0,
    erasure_requests: 0,
    ...more,
  });

  it('shows the open alerts beside the navigation entry, and counts again after a refused import', async () => {
    let open = 2;
    setBackend(
      fake({
        ...emptyShellHandlers(),
        alerts_open_count: () => open,
        alerts_list: () => [alert(8, 'impersonation', { district: '53.04' })],
        erasure_requests: () => [],
        bundle_import: () => {
          open = 3;
          throw {
            code: 'impersonation',
            message: 'Bundel ini ditandatangani perangkat tepercaya dari daerah lain daripada yang tertulis sebagai pengirimnya. Tidak ada yang diimpor. (53.04)',
            fields: [],
          };
        },
      }),
    );
    await mount(<Shell status={statusAs('Coordinator')} lang="id" onLanguage={async () => undefined} onLock={() => undefined} />);
    expect(text('#nav-alerts')).toBe('Peringatan2, 2 peringatan belum ditangani');
    expect(text('#nav-alerts-count')).toBe('2');

    await click('#nav-exchange');
    await type('import-file', '/media/usb/palsu.lintas');
    await click('#import-submit');
    expect(text('#import-error .panel-title')).toBe(t('error.impersonation'));
    expect(text('#import-error')).toContain('(53.04)');
    expect(text('#nav-alerts-count')).toBe('3');

    await click('#import-error-alerts');
    expect(text('#screen-title')).toBe('Peringatan');
    expect(root.querySelector('#nav-alerts')?.getAttribute('aria-current')).toBe('page');
    expect(root.querySelector('.alert-item[data-rule="impersonation"]')).not.toBeNull();
  });

  it('shows no number when nothing is open', async () => {
    setBackend(
      fake({
        ...emptyShellHandlers(),
        alerts_open_count: () => 0,
      }),
    );
    await mount(<Shell status={statusAs('CaseWorker')} lang="id" onLanguage={async () => undefined} onLock={() => undefined} />);
    expect(text('#nav-alerts')).toBe('Peringatan');
    expect(root.querySelector('#nav-alerts-count')).toBeNull();
  });

  it('lists refused changes and erasure requests in the import summary, with the way to the alerts', async () => {
    let opened: Route | null = null;
    let result = summary({ ops_refused: 2, erasure_requests: 1, alerts: 3 });
    setBackend(fake({ bundle_import: () => result }));
    await act(async () => {
      render(
        <Ctx.Provider value={context('CaseWorker', { route: { name: 'exchange' }, navigate: (r) => void (opened = r) })}>
          <ExchangeScreen />
        </Ctx.Provider>,
        root,
      );
    });
    await type('import-file', '/media/usb/ttu.lintas');
    await click('#import-submit');
    expect(text('#import-refused')).toBe('2');
    expect(text('#import-erasure-requests')).toBe('1');
    expect(refreshed).toBe(1);
    await click('#import-alerts');
    expect(opened).toEqual({ name: 'alerts' });

    // Nothing refused: no way to the alerts is offered.
    result = summary();
    await click('#import-submit');
    expect(text('#import-refused')).toBe('0');
    expect(root.querySelector('#import-alerts')).toBeNull();
    expect(root.querySelector('#import-duplicates-unchecked')).toBeNull();

    // A first bundle of thousands of cases: the summary compared the first ones, and says where
    // the others are compared.
    result = summary({ duplicates: [['6503-2019-0001', '5303-2020-0007']], duplicates_unchecked: 1_800 });
    await click('#import-submit');
    expect(text('#import-duplicates')).toContain('6503-2019-0001 ~ 5303-2020-0007');
    expect(text('#import-duplicates-unchecked')).toBe('1.800 kasus lain dari bundel ini: dibandingkan di tinjauan duplikat, tidak di sini.');
  });
});

describe('ErrorPanel', () => {
  it("titles a refusal for lack of authority in the catalogue's words", async () => {
    setBackend(
      fake({
        alerts_list: () => [alert(7, 'not_owner')],
        erasure_requests: () => [],
        alert_dismiss: () => {
          throw { code: 'not_authorised', message: 'Daerah Anda tidak berwenang mengubah bagian ini.', fields: [] };
        },
      }),
    );
    await show('Coordinator');
    await click('.alert-dismiss');
    expect(text('#alerts-error .panel-title')).toBe('Daerah Anda tidak berwenang mengubah ini');
    expect(text('#alerts-error .panel-message')).toBe('Daerah Anda tidak berwenang mengubah bagian ini.');
    setLang('en');
    expect(t('error.not_authorised')).toBe('Your district may not change this');
  });
});
