// Finishing a case in the app, rendered in jsdom against a fake backend: adding and editing
// witnesses, family contacts, perpetrators, events and services on the case screen (each sends
// the partial document the backend expects), other names and the passport number of the victim,
// the law-enforcement stage, attachments, Ctrl+S, the field errors under their labels, the
// new-case form with every list, and the setup screen asking for the language first.

import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/plugin-dialog', () => ({ open: vi.fn() }));

import { open as dialogOpen } from '@tauri-apps/plugin-dialog';
import { type Backend, setBackend } from '../src/api';
import type { AppContext } from '../src/context';
import { t } from '../src/i18n';
import { CaseDetail } from '../src/screens/case/CaseDetail';
import { NewCaseForm } from '../src/screens/NewCaseForm';
import { SetupScreen } from '../src/screens/Setup';
import type { CaseDoc, Role } from '../src/types';
import { appContext, boundTo, eachScreen } from './app';
import { type Call, fakeBackend, flush, type Handlers } from './dom';

const lists = {
  gender: [
    { code: 'Feminine', id: 'Perempuan', en: 'Feminine' },
    { code: 'Masculine', id: 'Laki-laki', en: 'Masculine' },
  ],
  case_status: [{ code: 'Active', id: 'Aktif', en: 'Active' }],
  country: [
    { code: 'ID', id: 'Indonesia', en: 'Indonesia' },
    { code: 'MY', id: 'Malaysia', en: 'Malaysia' },
  ],
  event_type: [
    { code: 'Recruitment', id: 'Perekrutan', en: 'Recruitment' },
    { code: 'Exploitation', id: 'Eksploitasi', en: 'Exploitation' },
  ],
  service_type: [
    { code: 'Shelter', id: 'Rumah aman / penampungan', en: 'Shelter' },
    { code: 'Legal', id: 'Bantuan hukum', en: 'Legal' },
  ],
  service_status: [
    { code: 'Planned', id: 'Direncanakan', en: 'Planned' },
    { code: 'InProgress', id: 'Sedang berjalan', en: 'In progress' },
    { code: 'Completed', id: 'Selesai', en: 'Completed' },
  ],
  role_in_process: [
    { code: 'RecruiterOrIntermediary', id: 'Perekrut atau perantara (sponsor/calo)', en: 'Recruiter Or Intermediary' },
    { code: 'Transporter', id: 'Pengangkut', en: 'Transporter' },
  ],
  law_enforcement_stage: [
    { code: 'NotReported', id: 'Belum dilaporkan', en: 'Not reported' },
    { code: 'Reported', id: 'Sudah dilaporkan ke polisi', en: 'Reported to police' },
  ],
};

/** A case as the backend returns it, with one item in every list. */
const caseDoc = (): CaseDoc => ({
  id: 'c1',
  case_number: '6503-2019-0001',
  district: '65.03',
  status: 'Active',
  intake: { date: '2019-09-20' },
  victim: { id: 'p-v', first_name: 'Maria', second_name: 'Taek', gender: 'Feminine' },
  witnesses: [
    { id: 'pt-w1', person_id: 'p-w1', first_name: 'Yohanes', second_name: 'Bria', gender: 'Masculine', statement: 'Melihat calo.' },
    { id: 'pt-w2', person_id: 'p-w2', first_name: 'Agus' },
  ],
  family_contacts: [{ id: 'pt-f1', person_id: 'p-f1', first_name: 'Yustina', relationship: 'Ibu', phone: '081338765432' }],
  perpetrators: [{ id: 'pt-x1', person_id: 'p-x1', first_name: 'Anton', role_in_process: ['Transporter'] }],
  events: [{ id: 'e1', type: 'Recruitment', date: '2019-03-01', place: 'Kefamenanu', country: 'ID' }],
  services: [{ id: 's1', type: 'Shelter', status: 'InProgress', provider: 'RPTC Nunukan' }],
  attachments: [{ id: 'a1', name: 'surat-deportasi.pdf', mime: 'application/pdf', size: 183_442 }],
});

let root: HTMLElement;
let calls: Call[];

function fake(handlers: Handlers): Backend {
  return fakeBackend(calls, handlers);
}

const { mount, mountIn, type, choose, click, text } = boundTo(() => root);

/** The context of the case screen of `caseDoc`, for `role`. */
const context = (role: Role = 'Coordinator', overrides: Partial<AppContext> = {}): AppContext =>
  appContext(role, { route: { name: 'case', id: 'c1' }, ...overrides });

/** The case screen of `caseDoc`, with a backend that saves every update (or `update` answers). */
async function showCase(update: (args: Record<string, unknown>) => unknown = () => ({ id: 'c1', case_number: '6503-2019-0001', changes: 1 }), more: Handlers = {}, role: Role = 'Coordinator') {
  setBackend(fake({ case_get: caseDoc, referral_list: () => [], case_update: update, ...more }));
  await mountIn(context(role), <CaseDetail id="c1" />);
}

/** The documents sent with case_update, in order. */
const updates = () => calls.filter((c) => c.cmd === 'case_update').map((c) => c.args?.doc);

/** Presses a key with Ctrl (or Cmd) in the element `selector` finds; returns whether the default was prevented. */
async function pressSave(selector: string, mod: 'ctrlKey' | 'metaKey' = 'ctrlKey'): Promise<boolean> {
  const el = root.querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`no ${selector}`);
  const e = new KeyboardEvent('keydown', { key: 's', [mod]: true, bubbles: true, cancelable: true });
  await act(async () => {
    el.dispatchEvent(e);
  });
  await flush();
  return e.defaultPrevented;
}

eachScreen(lists, (el) => {
  root = el;
  calls = [];
});

afterEach(() => {
  delete (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__;
});

describe('Case screen: people', () => {
  it('adds a witness, a family contact and a perpetrator, each with its own button', async () => {
    await showCase();
    expect(text('#sec-witnesses-title')).toBe('Saksi, keluarga & pelaku');

    await click('#case-add-witness');
    expect(text('#sec-witnesses form h3')).toBe('Saksi baru');
    expect(document.activeElement?.id).toBe('edit-witness-first-name');
    await type('edit-witness-first-name', ' Yohana ');
    await choose('#edit-witness-gender', 'Feminine');
    await type('edit-witness-statement', 'Melihat paspor diambil.');
    await click('#people-save');

    await click('#case-add-family');
    await type('edit-family-first-name', 'Yustinus');
    await type('edit-family-relationship', 'Ayah');
    await type('edit-family-phone', '081234');

    await click('#people-save');
    await click('#case-add-perpetrator');
    await type('edit-perpetrator-first-name', 'Bento');
    await type('edit-perpetrator-aliases', 'Om Ben, Calo Atambua');
    await click('#edit-perpetrator-role-RecruiterOrIntermediary');
    await type('edit-perpetrator-role-details', 'Calo di Kefamenanu');
    await click('#people-save');

    expect(updates()).toEqual([
      { witnesses: [{ first_name: 'Yohana', gender: 'Feminine', statement: 'Melihat paspor diambil.' }] },
      { family_contacts: [{ first_name: 'Yustinus', phone: '081234', relationship: 'Ayah' }] },
      {
        perpetrators: [
          { first_name: 'Bento', aliases: ['Om Ben', 'Calo Atambua'], role_in_process: ['RecruiterOrIntermediary'], role_details: 'Calo di Kefamenanu' },
        ],
      },
    ]);
    expect(calls.filter((c) => c.cmd === 'case_get').length).toBe(4);
    expect(root.querySelector('#sec-witnesses form')).toBeNull();
    expect(text('#sec-witnesses [role="status"]')).toBe(t('case.saved', { changes: 1 }));
  });

  it('edits a person: only the changed keys, with the item id', async () => {
    await showCase();
    const edits = [...root.querySelectorAll<HTMLButtonElement>('.witness-item .edit-item')];
    expect(edits.map((b) => b.getAttribute('aria-label'))).toEqual(['Ubah data Saksi 1', 'Ubah data Saksi 2']);
    await act(async () => edits[0].click());
    await flush();
    expect(text('#sec-witnesses form h3')).toBe('Ubah data Saksi 1');
    expect(root.querySelector<HTMLInputElement>('#edit-witness-first-name')?.value).toBe('Yohanes');

    // Opening and saving without a change sends nothing.
    await click('#people-save');
    expect(updates()).toEqual([]);
    expect(text('#sec-witnesses [role="status"]')).toBe('Tidak ada yang berubah.');

    await click('.witness-item .edit-item');
    await choose('#edit-witness-gender', 'Feminine');
    await type('edit-witness-statement', '');
    await type('edit-witness-passport', 'C1234567');
    await click('#people-save');
    await click('.perpetrator-item .edit-item');
    await click('#edit-perpetrator-role-RecruiterOrIntermediary');
    await click('#people-save');
    await click('.family-item .edit-item');
    await type('edit-family-relationship', 'Ibu kandung');
    await click('#people-save');

    expect(updates()).toEqual([
      { witnesses: [{ id: 'pt-w1', gender: 'Feminine', passport_number: 'C1234567', statement: null }] },
      { perpetrators: [{ id: 'pt-x1', role_in_process: ['Transporter', 'RecruiterOrIntermediary'] }] },
      { family_contacts: [{ id: 'pt-f1', relationship: 'Ibu kandung' }] },
    ]);
  });

  it('shows field errors next to the input, and the others under labels, without paths', async () => {
    await showCase(() => {
      throw {
        code: 'invalid_record',
        message: 'Data tidak disimpan karena ada isian yang salah. Perbaiki lalu simpan lagi:',
        fields: [
          { field: 'witnesses[0].identity_number', message: 'witnesses[0].identity_number: NIK harus 16 angka (terisi 3)' },
          { field: 'witnesses[0].marital_status', message: 'witnesses[0].marital_status: kode tidak dikenal' },
        ],
      };
    });
    const edits = root.querySelectorAll<HTMLButtonElement>('.witness-item .edit-item');
    await act(async () => edits[1].click());
    await flush();
    await type('edit-witness-nik', '123');
    await click('#people-save');

    expect(text('.field-error[data-field="witnesses[0].identity_number"]')).toBe('NIK harus 16 angka (terisi 3)');
    expect(root.querySelector('#edit-witness-nik')?.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement?.id).toBe('edit-witness-nik');
    const panel = root.querySelector('#sec-witnesses .panel-error');
    // The second witness is edited: its errors name it so, though the backend says item 0.
    expect(panel?.querySelector('li')?.textContent).toBe('Saksi 2 — Status perkawinan: kode tidak dikenal');
    expect(panel?.textContent).not.toMatch(/witnesses|\[0\]|marital_status|identity_number/);
    expect(root.querySelector('#sec-witnesses form')).not.toBeNull();
  });

  it('keeps the coordinator\'s erase button beside the edit button; a shelter worker adds nobody', async () => {
    await showCase();
    expect(root.querySelectorAll('.witness-item .erase-person').length).toBe(2);
    expect(root.querySelectorAll('.family-item .erase-person').length).toBe(1);
    render(null, root);
    calls = [];
    await showCase(undefined, {}, 'ShelterStaff');
    expect(root.querySelector('#case-add-witness, #case-add-family, #case-add-perpetrator, #sec-witnesses .edit-item, .erase-person')).toBeNull();
    // Perpetrators are hidden whole from shelter staff.
    expect(root.querySelector('.people-perpetrator')).toBeNull();
    // Shelter staff do write services.
    expect(root.querySelector('#case-add-service')).not.toBeNull();
  });
});

describe('Case screen: victim', () => {
  it('edits and shows other names and the passport number', async () => {
    await showCase();
    await click('#case-edit-victim');
    await type('edit-victim-aliases', 'Ina, Maria T.; Nona');
    await type('edit-victim-passport', 'C7654321');
    await click('#sec-victim button[type="submit"]');
    expect(updates()).toEqual([{ victim: { passport_number: 'C7654321', aliases: ['Ina', 'Maria T.', 'Nona'] } }]);
  });

  it('focuses the first field when opened, but never takes the focus from a field being typed in', async () => {
    // The form's first frame is held back, as on a slow laptop, until `frame` lets it run.
    const pending: FrameRequestCallback[] = [];
    const raf = vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => pending.push(cb));
    const frame = () => act(() => pending.splice(0).forEach((cb) => cb(0)));
    try {
      await showCase();
      await click('#case-edit-victim');
      await frame();
      expect(document.activeElement?.id).toBe('edit-victim-first-name');
      await click('#sec-victim button.secondary');

      // The worker (or WebDriver) is typing the phone number before the form's first frame: the
      // rest of the number must not land in her first name.
      await click('#case-edit-victim');
      root.querySelector<HTMLInputElement>('#edit-victim-phone')?.focus();
      await frame();
      expect(document.activeElement?.id).toBe('edit-victim-phone');
    } finally {
      raf.mockRestore();
    }
  });

  it('shows them in the section', async () => {
    setBackend(fake({ case_get: () => ({ ...caseDoc(), victim: { first_name: 'Maria', aliases: ['Ina', 'Nona'], passport_number: 'C7654321', identity_number: '5303015102040001' } }), referral_list: () => [] }));
    await mountIn(context(), <CaseDetail id="c1" />);
    const rows = [...root.querySelectorAll('#sec-victim .defrow')].map((r) => r.textContent);
    expect(rows).toContain('Nama lainIna, Nona');
    expect(rows).toContain('Nomor pasporC7654321');
    // A NIK is kept on one line.
    expect(root.querySelector('#sec-victim .nowrap')?.textContent).toBe('5303015102040001');
  });
});

describe('Case screen: events', () => {
  it('has its own section in the index, adds an event and edits one', async () => {
    await showCase();
    expect([...root.querySelectorAll('.section-index button')].map((b) => b.textContent)).toContain('Peristiwa');
    expect(root.querySelector('#sec-events .event-item')?.textContent).toContain('Kefamenanu');
    expect(root.querySelector('#sec-exploitation .event-item')).toBeNull();

    await click('#case-add-event');
    await choose('#edit-event-type', 'Exploitation');
    await type('edit-event-date', '15/04/2019');
    await type('edit-event-place', 'Tawau');
    await choose('#edit-event-country', 'MY');
    await type('edit-event-description', 'Bekerja 16 jam sehari tanpa upah.');
    await click('#event-save');

    await click('#sec-events .edit-item');
    expect(text('#sec-events form h3')).toBe('Ubah data Peristiwa 1');
    await type('edit-event-place', 'Atambua');
    await click('#event-save');

    expect(updates()).toEqual([
      { events: [{ type: 'Exploitation', date: '2019-04-15', place: 'Tawau', country: 'MY', description: 'Bekerja 16 jam sehari tanpa upah.' }] },
      { events: [{ id: 'e1', place: 'Atambua' }] },
    ]);
  });
});

describe('Case screen: services', () => {
  it('adds a service and edits one', async () => {
    await showCase();
    await click('#case-add-service');
    await choose('#edit-service-type', 'Legal');
    await choose('#edit-service-status', 'Planned');
    await type('edit-service-provider', 'LBH Kupang');
    await type('edit-service-objectives', 'Pendampingan laporan polisi');
    await type('edit-service-action-plan', 'Bertemu penyidik');
    await type('edit-service-planned-end', '2019-12-31');
    await click('#service-save');

    await click('#sec-services .edit-item');
    await choose('#edit-service-status', 'Completed');
    await type('edit-service-actual-end', '01/12/2019');
    await click('#service-save');

    expect(updates()).toEqual([
      {
        services: [
          { type: 'Legal', status: 'Planned', provider: 'LBH Kupang', objectives: 'Pendampingan laporan polisi', action_plan: 'Bertemu penyidik', planned_end_date: '2019-12-31' },
        ],
      },
      { services: [{ id: 's1', status: 'Completed', actual_end_date: '2019-12-01' }] },
    ]);
  });
});

describe('Case screen: law enforcement', () => {
  it('is edited with the case summary', async () => {
    await showCase();
    await click('#case-edit-core');
    await choose('#edit-core-le-stage', 'Reported');
    await type('edit-core-le-number', 'LP/123/IX/2019');
    await type('edit-core-le-date', '01/10/2019');
    await click('#sec-summary button[type="submit"]');
    expect(updates()).toEqual([{ law_enforcement: { stage: 'Reported', report_number: 'LP/123/IX/2019', report_date: '2019-10-01', verdict: null } }]);
  });
});

describe('Case screen: attachments', () => {
  it('adds a file chosen with the file chooser, with a description', async () => {
    (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__ = {};
    vi.mocked(dialogOpen).mockResolvedValueOnce('/home/petugas/Dokumen/paspor.jpg');
    await showCase(undefined, { attachment_add: () => 'att-2' });
    await click('#attachment-add');
    // The form opens first; its button opens the chooser.
    expect(vi.mocked(dialogOpen)).not.toHaveBeenCalled();
    await click('#attachment-form .inline button');
    expect(vi.mocked(dialogOpen)).toHaveBeenCalledWith({ multiple: false });
    expect(root.querySelector<HTMLInputElement>('#attachment-path')?.value).toBe('/home/petugas/Dokumen/paspor.jpg');
    await type('attachment-description', 'Foto paspor');
    await click('#attachment-save');
    expect(calls.find((c) => c.cmd === 'attachment_add')?.args).toEqual({ caseId: 'c1', path: '/home/petugas/Dokumen/paspor.jpg', description: 'Foto paspor' });
    expect(text('#attachment-message')).toBe('Lampiran disimpan.');
    expect(root.querySelector('#attachment-form')).toBeNull();
    expect(calls.filter((c) => c.cmd === 'case_get').length).toBe(2);
  });

  it('lets the path be typed when the chooser cannot open, and checks it first', async () => {
    await showCase(undefined, { attachment_add: () => 'att-2' });
    await click('#attachment-add');
    await click('#attachment-form .inline button');
    expect(text('#sec-attachments .hint.warn')).toBe(t('common.dialogUnavailable'));
    await click('#attachment-save');
    expect(text('.field-error[data-field="path"]')).toBe('Pilih atau ketik lokasi berkas.');
    expect(calls.some((c) => c.cmd === 'attachment_add')).toBe(false);
    await type('attachment-path', ' /media/usb/surat.pdf ');
    // Ctrl+S saves this form too.
    expect(await pressSave('#attachment-path')).toBe(true);
    expect(calls.find((c) => c.cmd === 'attachment_add')?.args).toEqual({ caseId: 'c1', path: '/media/usb/surat.pdf', description: null });
  });

  it('opens an attachment through the shell and says how', async () => {
    await showCase(undefined, { attachment_open: () => null });
    expect(text('#sec-attachments')).toContain('salinan sementara yang didekripsi');
    expect(text('#sec-attachments')).toContain('dihapus lagi saat Lintas dikunci atau ditutup');
    const button = root.querySelector('.attachment-open');
    expect(button?.getAttribute('aria-label')).toBe('Buka surat-deportasi.pdf');
    await click('.attachment-open');
    expect(calls.find((c) => c.cmd === 'attachment_open')?.args).toEqual({ id: 'a1' });
    expect(text('#attachment-message')).toBe('surat-deportasi.pdf dibuka di penampil berkas komputer ini.');
  });
});

describe('Ctrl+S', () => {
  it('saves the section form the focus is in, and nothing else', async () => {
    await showCase();
    await click('#case-edit-victim');
    await type('edit-victim-first-name', 'Mariana');
    expect(await pressSave('#edit-victim-first-name')).toBe(true);
    expect(updates()).toEqual([{ victim: { first_name: 'Mariana' } }]);
    expect(root.querySelector('#sec-victim form')).toBeNull();

    // Cmd+S on a Mac does the same.
    await click('#case-add-event');
    await type('edit-event-place', 'Nunukan');
    expect(await pressSave('#edit-event-place', 'metaKey')).toBe(true);
    expect(updates()[1]).toEqual({ events: [{ place: 'Nunukan' }] });
  });

  it('saves the new-case form', async () => {
    setBackend(fake({ case_create: () => ({ id: 'c9', case_number: '6503-2019-0009', possible_duplicates: [] }) }));
    let went = '';
    await mountIn(context('Coordinator', { route: { name: 'new-case' }, navigate: (r) => void (went = r.name) }), <NewCaseForm />);
    await type('case-victim-first-name', 'Maria');
    await type('case-intake-date', '2019-09-20');
    expect(await pressSave('#case-intake-date')).toBe(true);
    // The placement agency select reads the directory; nothing else is sent before the save.
    expect(calls.map((c) => c.cmd).filter((c) => c !== 'organisation_list')).toEqual(['case_create']);
    expect(went).toBe('case');
  });
});

describe('NewCaseForm lists', () => {
  const mountForm = async (handlers: Handlers) => {
    setBackend(fake(handlers));
    await mountIn(context('Coordinator', { route: { name: 'new-case' } }), <NewCaseForm />);
  };

  it('sends family contacts, perpetrators, events and services, other names and the passport; empty rows are not sent', async () => {
    await mountForm({ case_create: () => ({ id: 'c9', case_number: '6503-2019-0009', possible_duplicates: ['6503-2019-0001'] }) });
    expect([...root.querySelectorAll('.steps button')].map((b) => b.textContent)).toEqual([
      '1. Korban', '2. Penerimaan', '3. Eksploitasi', '4. Peristiwa', '5. Saksi', '6. Keluarga', '7. Pelaku', '8. Layanan', '9. Persetujuan', '10. Simpan',
    ]);
    await type('case-victim-first-name', 'Maria');
    await type('case-victim-aliases', 'Ina');
    await type('case-victim-passport', 'C1234567');
    await type('case-intake-date', '20/09/2019');

    await click('#case-add-event');
    expect(document.activeElement?.id).toBe('event-0-type');
    await choose('#event-0-type', 'Recruitment');
    await type('event-0-place', 'Kefamenanu');
    await click('#case-add-witness');
    await click('#case-add-family');
    await type('family-0-first-name', 'Yustina');
    await type('family-0-relationship', 'Ibu');
    await type('family-0-phone', '081338765432');
    await click('#case-add-perpetrator');
    await type('perpetrator-0-first-name', 'Anton');
    await click('#perpetrator-0-role-RecruiterOrIntermediary');
    await click('#case-add-service');
    await choose('#service-0-type', 'Shelter');
    await type('service-0-provider', 'RPTC Nunukan');
    await click('#case-save');

    const sent = calls.find((c) => c.cmd === 'case_create')?.args?.doc as CaseDoc;
    expect(sent).toEqual({
      victim: { first_name: 'Maria', aliases: ['Ina'], passport_number: 'C1234567' },
      intake: { date: '2019-09-20' },
      events: [{ type: 'Recruitment', place: 'Kefamenanu' }],
      family_contacts: [{ first_name: 'Yustina', phone: '081338765432', relationship: 'Ibu' }],
      perpetrators: [{ first_name: 'Anton', role_in_process: ['RecruiterOrIntermediary'] }],
      services: [{ type: 'Shelter', provider: 'RPTC Nunukan' }],
    });
  });

  it('puts the errors of a row next to its inputs, when an empty row before it was not sent', async () => {
    await mountForm({
      case_create: () => {
        throw {
          code: 'invalid_record',
          message: 'Data tidak disimpan.',
          fields: [
            { field: 'witnesses[0].gender', message: 'kode tidak dikenal' },
            { field: 'family_contacts[0].marital_status', message: 'family_contacts[0].marital_status: kode tidak dikenal' },
          ],
        };
      },
    });
    await type('case-victim-first-name', 'Maria');
    await click('#case-add-witness');
    await click('#case-add-witness');
    await type('witness-1-first-name', 'Yohanes');
    await click('#case-add-family');
    await type('family-0-first-name', 'Yustina');
    await click('#case-save');

    expect((calls.find((c) => c.cmd === 'case_create')?.args?.doc as CaseDoc).witnesses).toEqual([{ first_name: 'Yohanes' }]);
    expect(root.querySelector('.field-error[data-field="witnesses[1].gender"]')?.textContent).toBe('kode tidak dikenal');
    expect(root.querySelector('#witness-1-gender')?.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector('#witness-0-gender')?.getAttribute('aria-invalid')).toBeNull();
    expect(text('#form-error li')).toBe('Keluarga 1 — Status perkawinan: kode tidak dikenal');

    // Removing a row takes its messages away.
    await click('#family-0 > button');
    expect(root.querySelector('#form-error li')).toBeNull();
    expect(root.querySelector('#family-0')).toBeNull();
  });
});

describe('SetupScreen language', () => {
  it('asks for the language first, before any other field', async () => {
    await mount(<SetupScreen lang="id" onLanguage={() => undefined} onDone={() => undefined} onRestored={() => undefined} />);
    const controls = [...root.querySelectorAll('input, select, button, textarea')].map((e) => e.id);
    expect(controls[0]).toBe('setup-language');
    expect(controls.indexOf('setup-language')).toBeLessThan(controls.indexOf('restore-open'));
    expect(controls.indexOf('setup-language')).toBeLessThan(controls.indexOf('setup-district'));
    // After the title (which has the focus when the screen opens), in the flow of the page.
    const title = root.querySelector('#screen-title');
    const language = root.querySelector('#setup-language');
    expect(title && language && title.compareDocumentPosition(language) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(language?.closest('.corner')).toBeNull();
  });
});
