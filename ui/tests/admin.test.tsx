// Screens of administration and roles, rendered in jsdom against a fake backend: what each role
// is offered, the operators in Settings, erasing a person from the case screen, restoring a
// backup on the first-run screen, and drafts that stay with the operator who typed them.

import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { type Backend, setBackend } from '../src/api';
import { appContext, boundTo, eachScreen, statusAs } from './app';
import { type Call, emptyShellHandlers, fakeBackend, type Handlers } from './dom';
import { App } from '../src/app';
import type { AppContext } from '../src/context';
import { setLang, t } from '../src/i18n';
import type { Route } from '../src/routes';
import { CaseDetail } from '../src/screens/case/CaseDetail';
import { CaseList } from '../src/screens/CaseList';
import { ReferralsScreen } from '../src/screens/Referrals';
import { RestoredScreen } from '../src/screens/Restore';
import { SettingsScreen } from '../src/screens/Settings';
import { SetupScreen } from '../src/screens/Setup';
import { Shell } from '../src/shell';
import type { AppStatus, CaseDoc, Operator, Referral, RestoreSummary, Role, ShownError } from '../src/types';

const lists = {
  gender: [{ code: 'Feminine', id: 'Perempuan', en: 'Feminine' }],
  case_status: [{ code: 'Active', id: 'Aktif', en: 'Active' }],
};

let root: HTMLElement;
let calls: Call[];

function fake(handlers: Handlers): Backend {
  return fakeBackend(calls, handlers);
}

const { mount, mountIn, type, choose, click, text } = boundTo(() => root);

/** The paths of the field errors on screen, in order. */
function errorPaths(): string[] {
  return [...root.querySelectorAll('.field-error')].map((e) => e.getAttribute('data-field') ?? '');
}

/** The context of the settings screen for `role`. */
const context = (role: Role, overrides: Partial<AppContext> = {}): AppContext => appContext(role, { route: { name: 'settings' }, ...overrides });

eachScreen(lists, (el) => {
  root = el;
  calls = [];
});

/** What the unlocked shell asks for when it opens, with nothing in the store. */
const shellBackend = (more: Record<string, (args: Record<string, unknown>) => unknown> = {}) =>
  fake({
    ...emptyShellHandlers(lists),
    audit_log: () => [],
    alerts_open_count: () => 0,
    ...more,
  });

const navIds = () => [...root.querySelectorAll('.sidenav button')].map((b) => b.id);

describe('Shell by role', () => {
  it('shows who works in which role, and offers only the screens the role can use', async () => {
    setBackend(shellBackend());
    await mount(<Shell status={statusAs('Coordinator', 'Rina')} lang="id" onLanguage={async () => undefined} onLock={() => undefined} />);
    expect(text('#top-operator')).toBe('Petugas: Rina');
    expect(text('#top-role')).toBe('Peran: Koordinator');
    expect(navIds()).toHaveLength(17);
    expect(navIds().slice(0, 2)).toEqual(['nav-dashboard', 'nav-tasks']);

    // The audit screen stays open across a lock, but shelter staff do not get it back.
    await click('#nav-audit');
    expect(text('#screen-title')).toBe(t('audit.title'));
    const asked = () => calls.filter((c) => c.cmd === 'alerts_open_count').length;
    const countsAsked = asked();
    expect(countsAsked).toBeGreaterThan(0);
    render(null, root);
    await mount(<Shell status={statusAs('ShelterStaff', 'Dewi')} lang="id" onLanguage={async () => undefined} onLock={() => undefined} />);
    expect(text('#top-role')).toBe('Peran: Petugas rumah aman');
    expect(navIds()).toEqual(['nav-dashboard', 'nav-tasks', 'nav-cases', 'nav-referrals', 'nav-organisations', 'nav-trust', 'nav-settings']);
    expect(text('#screen-title')).toBe(t('dashboard.title'));
    expect(calls.filter((c) => c.cmd === 'audit_log').length).toBe(1);
    // Shelter staff do not read alerts, so their number is not even asked for.
    expect(asked()).toBe(countsAsked);

    render(null, root);
    await mount(<Shell status={statusAs('ReadOnly')} lang="id" onLanguage={async () => undefined} onLock={() => undefined} />);
    expect(navIds()).toEqual([
      'nav-dashboard', 'nav-tasks', 'nav-statistics', 'nav-annual', 'nav-activities', 'nav-cases', 'nav-referrals', 'nav-organisations', 'nav-trust', 'nav-alerts',
      'nav-audit', 'nav-settings',
    ]);
    expect(asked()).toBeGreaterThan(countsAsked);
  });
});

describe('A wrong clock', () => {
  it('is named on every screen before anything is written, and a right one is not', async () => {
    setBackend(shellBackend());
    const behind = { ...statusAs('CaseWorker'), clock_warning: { direction: 'behind' as const, days: 1068, newest_seen: '2026-12-04' } };
    await mount(<Shell status={behind} lang="id" onLanguage={async () => undefined} onLock={() => undefined} />);
    expect(root.querySelector('#clock-warning')?.getAttribute('role')).toBe('alert');
    expect(text('#clock-warning')).toContain('1.068 hari lebih awal');
    expect(text('#clock-warning')).toContain('4 Desember 2026');
    await click('#nav-cases');
    expect(text('#clock-warning')).toContain('hari lebih awal');

    render(null, root);
    setLang('en');
    const ahead = { ...statusAs('CaseWorker'), clock_warning: { direction: 'ahead' as const, days: 2000, newest_seen: '2026-12-04' } };
    await mount(<Shell status={ahead} lang="en" onLanguage={async () => undefined} onLock={() => undefined} />);
    expect(text('#clock-warning')).toContain('2,000 days after the newest record');
    setLang('id');

    render(null, root);
    await mount(<Shell status={statusAs('CaseWorker')} lang="id" onLanguage={async () => undefined} onLock={() => undefined} />);
    expect(root.querySelector('#clock-warning')).toBeNull();
  });
});

describe('App', () => {
  it('drops the drafts of the last operator when another one unlocks', async () => {
    let who: AppStatus = statusAs('CaseWorker', 'Rina');
    let unlocked = true;
    setBackend(
      shellBackend({
        app_status: () => ({ ...who, unlocked, operator: unlocked ? who.operator : null, role: unlocked ? who.role : null, capabilities: unlocked ? who.capabilities : null }),
        set_language: () => null,
        lock: () => {
          unlocked = false;
          return null;
        },
        unlock: ({ passphrase }) => {
          who = passphrase === 'kata sandi dewi' ? statusAs('ShelterStaff', 'Dewi') : statusAs('CaseWorker', 'Rina');
          unlocked = true;
          return null;
        },
      }),
    );
    await mount(<App />);
    await click('#nav-new-case');
    await type('case-victim-first-name', 'Maria');
    await click('#lock-button');
    await type('unlock-passphrase', 'kata sandi rina');
    await click('#unlock-submit');
    // The same operator finds the form as it was.
    expect(text('#screen-title')).toBe(t('newCase.title'));
    expect(root.querySelector<HTMLInputElement>('#case-victim-first-name')?.value).toBe('Maria');

    await click('#lock-button');
    await type('unlock-passphrase', 'kata sandi dewi');
    await click('#unlock-submit');
    expect(text('#top-operator')).toBe('Petugas: Dewi');
    expect(text('#screen-title')).toBe(t('dashboard.title'));
    expect(root.querySelector('#nav-new-case')).toBeNull();

    await click('#lock-button');
    await type('unlock-passphrase', 'kata sandi rina');
    await click('#unlock-submit');
    await click('#nav-new-case');
    expect(root.querySelector<HTMLInputElement>('#case-victim-first-name')?.value).toBe('');
  });
});

describe('ReferralsScreen by role', () => {
  const incoming: Referral = {
    id: 'r1',
    case_id: 'c1',
    case_number: '5303-2020-0007',
    from_district: '53.03',
    to_district: '65.03',
    status: 'Received',
    reason: null,
    details: 'Mohon penjemputan',
    services_requested: [],
    response_note: null,
  };

  it('offers accept and decline only to roles that write referrals', async () => {
    setBackend(fake({ referral_list: () => [incoming] }));
    await mountIn(context('CaseWorker'), <ReferralsScreen />);
    expect(root.querySelector('.referral-accept')).not.toBeNull();
    expect(root.querySelector('#referral-note')).not.toBeNull();
    for (const role of ['ShelterStaff', 'ReadOnly'] as const) {
      render(null, root);
      await mountIn(context(role), <ReferralsScreen />);
      expect(root.querySelector('.referral-row')).not.toBeNull();
      expect(root.querySelector('.referral-accept, .referral-decline, .referral-complete, #referral-note')).toBeNull();
    }
  });
});

describe('SettingsScreen operators', () => {
  const founder: Operator = { id: 'op-1', name: 'Petugas', role: 'Coordinator', active: true, can_unlock: true, current: true };

  it('is offered to coordinators only, with the backup', async () => {
    setBackend(fake({ regions: () => [] }));
    await mountIn(context('CaseWorker'), <SettingsScreen />);
    expect(root.querySelector('#operators-heading')).toBeNull();
    expect(root.querySelector('#backup-heading')).toBeNull();
    expect(root.querySelector('#pass-heading')).not.toBeNull();
    expect(calls.some((c) => c.cmd === 'operator_list')).toBe(false);
  });

  it('lists, adds, changes the role of and removes operators, with the core messages', async () => {
    let operators: Operator[] = [
      founder,
      { id: 'op-2', name: 'Rina', role: 'CaseWorker', active: true, can_unlock: true, current: false },
      { id: 'op-3', name: 'Maria Kolo', role: 'CaseWorker', active: true, can_unlock: false, current: false },
      { id: 'op-4', name: 'Agus', role: 'ReadOnly', active: false, can_unlock: false, current: false },
    ];
    setBackend(
      fake({
        regions: () => [],
        operator_list: () => operators,
        operator_add: ({ name, role, passphrase }) => {
          if (passphrase === 'kata sandi panjang') {
            throw { code: 'passphrase_in_use', message: 'Kata sandi ini sudah dipakai petugas lain. Pilih kata sandi yang berbeda.', fields: [] };
          }
          operators = [...operators, { id: 'op-5', name: String(name), role: role as Role, active: true, can_unlock: true, current: false }];
          return 'op-5';
        },
        operator_set_role: ({ id, role }) => {
          if (id === 'op-1') {
            throw { code: 'last_coordinator', message: 'Harus tetap ada paling sedikit satu koordinator aktif.', fields: [] };
          }
          operators = operators.map((o) => (o.id === id ? { ...o, role: role as Role } : o));
          return null;
        },
        // A key file older than key changes: the recovery key is asked for once.
        operator_remove: ({ id, recoveryKey, onProgress }) => {
          if (recoveryKey === null) {
            throw { code: 'recovery_key_needed', message: 'Masukkan kunci pemulihan sekali.', fields: [] };
          }
          (onProgress as { onmessage: (p: number) => void }).onmessage(50);
          operators = operators.map((o) => (o.id === id ? { ...o, active: false, can_unlock: false } : o));
          return { pages: 10, need_new_passphrase: ['op-4'] };
        },
        keys_rotate: ({ onProgress }) => {
          (onProgress as { onmessage: (p: number) => void }).onmessage(100);
          return { pages: 10, need_new_passphrase: [] };
        },
      }),
    );
    await mountIn(context('Coordinator'), <SettingsScreen />);
    const rows = () => [...root.querySelectorAll('.operator-row')];
    expect(rows().map((r) => r.querySelector('td')?.textContent)).toEqual(['PetugasAnda', 'Rina', 'Maria Kolo', 'Agus']);
    expect(rows().map((r) => r.querySelectorAll('td')[2].textContent)).toEqual([
      'Aktif',
      'Aktif',
      'Tanpa kata sandi di laptop ini',
      'Dihapus',
    ]);
    // No one removes themselves, and a removed operator has nothing left to change.
    expect(rows()[0].querySelector('.operator-remove')).toBeNull();
    expect(rows()[3].querySelector('select, button')).toBeNull();
    expect(rows()[3].textContent).toContain('Hanya membaca');

    // Adding: the form's own checks first, with the strength of the passphrase as it is typed.
    await click('#operator-add');
    expect(errorPaths()).toEqual(['name', 'passphrase']);
    expect(document.activeElement?.id).toBe('operator-name');
    await type('operator-name', ' Dewi ');
    await choose('#operator-role', 'ShelterStaff');
    expect(text('#operator-role-hint')).toBe(t('roleHint.ShelterStaff'));
    await type('operator-passphrase', 'kata sandi panjang');
    expect(text('.card.operators .strength')).toContain('Kekuatan kata sandi');
    await type('operator-passphrase-repeat', 'kata sandi lain');
    await click('#operator-add');
    expect(errorPaths()).toEqual(['passphrase_repeat']);
    expect(calls.some((c) => c.cmd === 'operator_add')).toBe(false);

    await type('operator-passphrase-repeat', 'kata sandi panjang');
    await click('#operator-add');
    expect(calls[calls.length - 1]).toEqual({ cmd: 'operator_add', args: { name: 'Dewi', role: 'ShelterStaff', passphrase: 'kata sandi panjang' } });
    expect(text('#operator-add-error')).toContain('Kata sandi ini sudah dipakai petugas lain.');

    await type('operator-passphrase', 'kata sandi dewi sendiri');
    await type('operator-passphrase-repeat', 'kata sandi dewi sendiri');
    await click('#operator-add');
    expect(text('#operator-add-error')).toBeNull();
    expect(text('#operators-done')).toBe('Petugas Dewi ditambahkan sebagai Petugas rumah aman. Ia membuka Lintas dengan kata sandinya sendiri.');
    expect(rows().map((r) => r.querySelector('.operator-name')?.textContent)).toContain('Dewi');
    expect(root.querySelector<HTMLInputElement>('#operator-name')?.value).toBe('');

    // Changing a role: the button waits for another role to be chosen.
    const rina = () => root.querySelector('.operator-row[data-id="op-2"]');
    expect(rina()?.querySelector<HTMLButtonElement>('.operator-set-role')?.disabled).toBe(true);
    await choose('.operator-row[data-id="op-2"] .operator-role-select', 'Coordinator');
    await click('.operator-row[data-id="op-2"] .operator-set-role');
    expect(calls[calls.length - 2]).toEqual({ cmd: 'operator_set_role', args: { id: 'op-2', role: 'Coordinator' } });
    expect(text('#operators-done')).toBe('Peran Rina sekarang: Koordinator.');
    expect(rina()?.getAttribute('data-role')).toBe('Coordinator');

    // The core refuses to leave the laptop without a coordinator; its message is shown.
    await choose('.operator-row[data-id="op-1"] .operator-role-select', 'ReadOnly');
    await click('.operator-row[data-id="op-1"] .operator-set-role');
    expect(text('#operators-error')).toContain('Harus tetap ada paling sedikit satu koordinator aktif.');
    expect(root.querySelector('#operators-done')).toBeNull();

    // Removing asks first; cancelling sends nothing.
    await click('.operator-row[data-id="op-2"] .operator-remove');
    expect(text('#operator-remove-dialog')).toContain('Kata sandi Rina tidak dapat lagi membuka Lintas di laptop ini.');
    expect(document.activeElement?.id).toBe('operator-remove-cancel');
    await click('#operator-remove-cancel');
    expect(calls.some((c) => c.cmd === 'operator_remove')).toBe(false);
    await click('.operator-row[data-id="op-2"] .operator-remove');
    expect(text('#operator-remove-dialog')).toContain('Kunci penyimpanan juga diganti');
    await click('#operator-remove-confirm');
    // The store asks for the recovery key once: the dialog stays, with a field for it.
    expect(calls.find((c) => c.cmd === 'operator_remove')?.args?.recoveryKey).toBeNull();
    expect(text('#operator-remove-dialog')).toContain('perlu kunci pemulihan sekali');
    expect(root.querySelector('#operators-error')).toBeNull();
    await type('operator-remove-recovery', 'W6YXT-NKZ4K');
    await click('#operator-remove-confirm');
    const removed = calls.filter((c) => c.cmd === 'operator_remove');
    expect(removed[removed.length - 1].args?.id).toBe('op-2');
    expect(removed[removed.length - 1].args?.recoveryKey).toBe('W6YXT-NKZ4K');
    expect(root.querySelector('#operator-remove-dialog')).toBeNull();
    expect(text('#operators-done')).toBe(
      'Petugas Rina dihapus. Kata sandinya tidak berlaku lagi. Petugas ini perlu kata sandi baru dari koordinator: Agus.',
    );
    expect(rina()?.querySelectorAll('td')[2].textContent).toBe('Dihapus');

    // Changing the store's key after a suspected leak.
    await click('#rotate-keys');
    expect(calls[calls.length - 1].cmd).toBe('keys_rotate');
    expect(text('#rotate-done')).toBe('Kunci penyimpanan diganti. Salinan lama berkas kunci tidak dapat membukanya lagi.');
  });
});

describe('CaseDetail erasure', () => {
  const doc = (): CaseDoc => ({
    id: 'c1',
    case_number: '6503-2019-0001',
    district: '65.03',
    status: 'Active',
    victim: { id: 'p-v', first_name: 'Maria', second_name: 'Taek' },
    witnesses: [{ id: 'party-1', person_id: 'p-w', first_name: 'Yohanes', second_name: 'Bria' }],
    family_contacts: [],
    perpetrators: [{ id: 'party-2', person_id: 'p-x', first_name: 'Anton' }],
  });

  it('is offered to coordinators only', async () => {
    setBackend(fake({ case_get: doc, referral_list: () => [] }));
    for (const role of ['CaseWorker', 'ShelterStaff', 'ReadOnly'] as const) {
      await mountIn(context(role), <CaseDetail id="c1" />);
      expect(text('#case-number')).toBe('6503-2019-0001');
      expect(root.querySelector('#erase-victim, .erase-person')).toBeNull();
      // Read-only and shelter staff are not offered edits either; shelter staff may add a note.
      const edits = root.querySelector('#case-edit-victim, #refer-open, #followup-open');
      expect(edits === null).toBe(role !== 'CaseWorker');
      expect(root.querySelector('#note-body') === null).toBe(role === 'ReadOnly');
      render(null, root);
    }
  });

  it('erases a witness after a reason and the case number, and reloads the case', async () => {
    let current = doc();
    setBackend(
      fake({
        case_get: () => current,
        referral_list: () => [],
        person_erase: () => {
          current = { ...current, witnesses: [] };
          return { op: 'dev:12', entities: 2, ops_emptied: 7, cleanup_pending: false };
        },
      }),
    );
    await mountIn(context('Coordinator'), <CaseDetail id="c1" />);
    expect([...root.querySelectorAll('.erase-person')].map((b) => b.getAttribute('aria-label'))).toEqual([
      'Hapus data Yohanes Bria',
      'Hapus data Anton',
    ]);
    await click('.witness-item .erase-person');
    const dialog = () => root.querySelector('#erase-dialog');
    expect(text('#erase-dialog-title')).toBe('Hapus data Yohanes Bria');
    expect(dialog()?.textContent).toContain('Data Yohanes Bria dan keterangannya dihapus dari kasus 6503-2019-0001.');
    expect(dialog()?.textContent).toContain('permanen');
    expect(dialog()?.textContent).toContain('bundel berikutnya');
    expect(document.activeElement?.id).toBe('erase-cancel');
    expect([...root.querySelectorAll('#erase-reason option')].map((o) => o.textContent)).toEqual([
      t('common.choose'),
      'Permintaan orang tersebut / dasar hukum',
      'Masa simpan berakhir',
    ]);

    await click('#erase-submit');
    expect(errorPaths()).toEqual(['erase_reason', 'erase_confirm']);
    expect(document.activeElement?.id).toBe('erase-reason');
    await choose('#erase-reason', 'LegalRequest');
    await type('erase-confirm', '6503-2019-0002');
    await click('#erase-submit');
    expect(errorPaths()).toEqual(['erase_confirm']);
    expect(text('.field-error[data-field="erase_confirm"]')).toBe('Nomor kasus tidak sama. Ketik 6503-2019-0001 persis seperti tertulis.');
    expect(calls.some((c) => c.cmd === 'person_erase')).toBe(false);

    await type('erase-confirm', ' 6503-2019-0001 ');
    await click('#erase-submit');
    expect(calls.find((c) => c.cmd === 'person_erase')?.args).toEqual({ case: 'c1', person: 'p-w', reason: 'LegalRequest' });
    expect(dialog()).toBeNull();
    expect(text('#erase-done')).toBe('Data Yohanes Bria dihapus: 2 data dihapus, isi 7 perubahan dalam riwayat dikosongkan.');
    expect(calls.filter((c) => c.cmd === 'case_get').length).toBe(2);
    expect(root.querySelector('.witness-item')).toBeNull();
  });

  it('erases the victim with the whole case and returns to the case list, or shows the refusal', async () => {
    let refuse = true;
    let went: Route | null = null;
    setBackend(
      fake({
        case_get: doc,
        referral_list: () => [],
        person_erase: () => {
          if (refuse) throw { code: 'forbidden', message: 'Peran Anda tidak mengizinkan tindakan ini; tidak ada yang diubah.', fields: [] };
          return { op: 'dev:13', entities: 9, ops_emptied: 31, cleanup_pending: false };
        },
      }),
    );
    await mountIn(context('Coordinator', { navigate: (r) => void (went = r) }), <CaseDetail id="c1" />);
    await click('#erase-victim');
    expect(root.querySelector('#erase-dialog')?.textContent).toContain('Ini korban dalam kasus 6503-2019-0001. Seluruh kasus ikut terhapus');
    await choose('#erase-reason', 'RetentionEnded');
    await type('erase-confirm', '6503-2019-0001');
    await click('#erase-submit');
    expect(text('#erase-error')).toContain('Peran Anda tidak mengizinkan tindakan ini');
    expect(went).toBeNull();

    refuse = false;
    await click('#erase-submit');
    expect(calls.filter((c) => c.cmd === 'person_erase').map((c) => c.args)).toEqual([
      { case: 'c1', person: null, reason: 'RetentionEnded' },
      { case: 'c1', person: null, reason: 'RetentionEnded' },
    ]);
    expect(went).toEqual({ name: 'cases', erased: { number: '6503-2019-0001', erased: { op: 'dev:13', entities: 9, ops_emptied: 31, cleanup_pending: false } } });
  });
});

describe('CaseList after an erasure', () => {
  it('says which case went and how much', async () => {
    setBackend(fake({ case_list: () => ({ count: 0, cases: [] }) }));
    const route: Route = { name: 'cases', erased: { number: '6503-2019-0001', erased: { op: 'dev:13', entities: 9, ops_emptied: 31, cleanup_pending: false } } };
    await mountIn(context('Coordinator', { route }), <CaseList />);
    expect(text('#erase-done')).toBe('Kasus 6503-2019-0001 dihapus: 9 data dihapus, isi 31 perubahan dalam riwayat dikosongkan.');
  });

  it('says when a full disk left the wiping of what remains for later', async () => {
    setBackend(fake({ case_list: () => ({ count: 0, cases: [] }) }));
    const route: Route = { name: 'cases', erased: { number: '6503-2019-0001', erased: { op: 'dev:13', entities: 9, ops_emptied: 31, cleanup_pending: true } } };
    await mountIn(context('Coordinator', { route }), <CaseList />);
    expect(text('#erase-done')).toContain('dikosongkan. Disk penuh: sisa data yang dihapus belum dibersihkan dari disk.');
  });
});

describe('SetupScreen restore', () => {
  const summary: RestoreSummary = {
    device_id: 'new-device',
    previous_device_id: 'old-device',
    district: '65.03',
    district_name: 'Kabupaten Nunukan',
    cases: 1234,
    fingerprint: '1'.repeat(60),
  };

  it('restores with the passphrase, after checking the form, and shows refusals', async () => {
    setBackend(
      fake({
        restore: ({ path, passphrase }) => {
          if (String(path).includes('potong')) throw { code: 'backup_incomplete', message: 'Salinan cadangan tidak lengkap.', fields: [] };
          if (passphrase !== 'kata sandi panjang') throw { code: 'wrong_passphrase', message: 'Kata sandi salah.', fields: [] };
          return summary;
        },
      }),
    );
    let restored: unknown = null;
    await mount(<SetupScreen lang="id" onLanguage={() => undefined} onDone={() => undefined} onRestored={(r) => void (restored = r)} />);
    // The set-up form asks for the region names when it opens; the restore needs none.
    expect(calls.map((c) => c.cmd)).toEqual(['regions']);
    calls.splice(0);
    expect(text('.restore-offer')).toContain('Sudah punya cadangan Lintas dari laptop lain?');
    await click('#restore-open');
    expect(text('#screen-title')).toBe('Pulihkan dari cadangan');
    expect(root.querySelector('#setup-district')).toBeNull();

    await click('#restore-submit');
    expect(errorPaths()).toEqual(['path', 'passphrase']);
    expect(document.activeElement?.id).toBe('restore-file');
    expect(calls).toEqual([]);

    await type('restore-file', '/media/usb/potong.lintas-backup');
    await type('restore-passphrase', 'kata sandi panjang');
    await click('#restore-submit');
    expect(calls[0]).toEqual({ cmd: 'restore', args: { path: '/media/usb/potong.lintas-backup', passphrase: 'kata sandi panjang', recoveryKey: null } });
    expect(text('#restore-error')).toContain('Tidak ada yang dipulihkan');
    expect(text('#restore-error')).toContain('Salinan cadangan tidak lengkap.');
    expect(restored).toBeNull();

    await type('restore-file', ' /media/usb/nunukan.lintas-backup ');
    await click('#restore-submit');
    expect(calls[1].args?.path).toBe('/media/usb/nunukan.lintas-backup');
    expect(restored).toEqual({ summary });

    // Back to a new store: the set-up form is there again.
    await click('#restore-cancel');
    expect(root.querySelector('#setup-district')).not.toBeNull();
  });

  it('restores with the recovery key and sets the new passphrase', async () => {
    setBackend(fake({ restore: () => summary, recover: () => null }));
    let restored: unknown = null;
    await mount(<SetupScreen lang="id" onLanguage={() => undefined} onDone={() => undefined} onRestored={(r) => void (restored = r)} />);
    // The set-up form asks for the region names when it opens; the restore needs none.
    expect(calls.map((c) => c.cmd)).toEqual(['regions']);
    calls.splice(0);
    await click('#restore-open');
    await click('#restore-with-recovery');
    expect(root.querySelector('#restore-passphrase')).toBeNull();
    await type('restore-file', '/media/usb/nunukan.lintas-backup');
    await type('restore-new', 'pendek');
    await click('#restore-submit');
    expect(errorPaths()).toEqual(['recovery_key', 'passphrase']);
    expect(text('.strength')).toContain('Terlalu pendek');

    await type('restore-key', ' W6YXT-NKZ4K ');
    await type('restore-new', 'kata sandi baru saya');
    await type('restore-repeat', 'kata sandi baru saya');
    await click('#restore-submit');
    expect(calls).toEqual([
      { cmd: 'restore', args: { path: '/media/usb/nunukan.lintas-backup', passphrase: null, recoveryKey: 'W6YXT-NKZ4K' } },
      { cmd: 'recover', args: { recoveryKey: 'W6YXT-NKZ4K', newPassphrase: 'kata sandi baru saya' } },
    ]);
    expect(restored).toEqual({ summary, newPassphrase: 'set' });
  });

  it('says what the restore made and opens Lintas', async () => {
    let opened = false;
    const failed: ShownError = { code: 'passphrase_in_use', message: 'Kata sandi ini sudah dipakai petugas lain.', fields: [] };
    await mount(<RestoredScreen restored={{ summary, newPassphrase: failed }} onContinue={() => void (opened = true)} />);
    expect(text('#restored-district')).toBe('Kabupaten Nunukan (65.03)');
    expect(text('#restored-cases')).toBe('1.234');
    expect(text('#restored-summary')).toContain('old-device');
    expect(text('#restored-new-device')).toContain('Perangkat lama tempat cadangan dibuat sudah dicabut');
    expect(root.textContent).toContain('bundel berikutnya');
    expect(text('#restored-fingerprint')).toBe('11111 '.repeat(12).trim());
    expect(text('#restored-passphrase')).toContain('Kata sandi baru belum dipasang: Kata sandi ini sudah dipakai petugas lain.');
    await click('#restored-continue');
    expect(opened).toBe(true);
  });
});
