// Plans, assessments and services on the case screen, rendered in jsdom against a fake backend:
// the plans with their goals and organisation, adding one (goals one per line, the organisation
// from the directory) and recording its outcome; a service's stage and organisation; assessments,
// the best-interest one waiting for a coordinator, and the approval.

import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import CODE_LISTS from '../mock/code-lists.json';
import { setBackend } from '../src/api';
import type { AppContext } from '../src/context';
import type { Route } from '../src/routes';
import { CaseDetail } from '../src/screens/case/CaseDetail';
import type { CaseDoc, Organisation, Role } from '../src/types';
import { appContext, boundTo, eachScreen } from './app';
import { type Call, fakeBackend, flush, type Handlers } from './dom';

const organisations: Organisation[] = [
  { id: 'org-lbh', name: 'LBH APIK Kalimantan Utara', type: 'LegalService', province: '65', regency: null, address: null, phone: null, services: ['Legal'], notes: null, ours: true, cases: 0, licence_number: null },
  { id: 'org-rptc', name: 'RPTC Nunukan', type: 'Rptc', province: '65', regency: '65.03', address: null, phone: null, services: ['Shelter'], notes: null, ours: true, cases: 1, licence_number: null },
  { id: 'org-uptd', name: 'UPTD PPA Timor Tengah Utara', type: 'UptdPpa', province: '53', regency: '53.03', address: null, phone: null, services: [], notes: null, ours: false, cases: 1, licence_number: null },
];

const caseDoc = (): CaseDoc => ({
  id: 'c1',
  case_number: '6503-2019-0001',
  district: '65.03',
  status: 'Active',
  intake: { date: '2019-09-20' },
  victim: { id: 'p-v', first_name: 'Maria' },
  services: [{ id: 's1', type: 'Shelter', status: 'InProgress', stage: 'SocialRehabilitation', organisation_id: 'org-rptc' }],
  plans: [
    {
      id: 'pl1',
      kind: 'Reintegration',
      type: 'SkillsTraining',
      stage: 'SocialReintegration',
      goals: ['Menyelesaikan pelatihan menjahit', 'Membuka usaha jahit'],
      organisation_id: 'org-uptd',
      start_date: '2019-10-01',
      planned_end_date: '2020-03-01',
      progress: 'OnTrack',
    },
    { id: 'pl2', kind: 'Support', progress: 'Finished', outcome: 'Achieved', outcome_note: 'Sudah bekerja.', actual_end_date: '2020-01-15' },
  ],
  assessments: [
    { id: 'as1', kind: 'Individual', date: '2019-09-21', risk_level: 'High', findings: 'Trauma berat.', next_due: '2019-12-21' },
    { id: 'as2', kind: 'BestInterest', date: '2019-09-22', risk_level: 'Medium' },
    { id: 'as3', kind: 'BestInterest', date: '2019-08-01', approved_by: 'op-1', approved_on: '2019-09-25T05:00:00Z' },
  ],
});

let root: HTMLElement;
let calls: Call[];
let went: Route[];
let tasksRefreshed: number;

const { mountIn, type, choose, click, text } = boundTo(() => root);
const updates = () => calls.filter((c) => c.cmd === 'case_update').map((c) => c.args?.doc);

/** The context of the case screen of `caseDoc` for `role`, recording where it went and each ask for the worklist. */
const context = (role: Role): AppContext =>
  appContext(role, { route: { name: 'case', id: 'c1' }, navigate: (r) => void went.push(r), refreshTasks: () => void (tasksRefreshed += 1) });

/** The case screen of `caseDoc` for a role, with a backend that saves every update. */
async function showCase(role: Role = 'Coordinator', more: Handlers = {}) {
  setBackend(
    fakeBackend(calls, {
      case_get: caseDoc,
      referral_list: () => [],
      organisation_list: () => organisations,
      operator_list: () => [{ id: 'op-1', name: 'Petugas Shelter', role: 'Coordinator', active: true, can_unlock: true, current: true }],
      case_update: () => ({ id: 'c1', case_number: '6503-2019-0001', changes: 1 }),
      ...more,
    }),
  );
  await mountIn(context(role), <CaseDetail id="c1" />);
}

eachScreen(CODE_LISTS, (el) => {
  root = el;
  calls = [];
  went = [];
  tasksRefreshed = 0;
});

describe('Case screen: plans', () => {
  it('lists the plans after the services, with their goals as a list and the organisation by name', async () => {
    await showCase();
    const index = [...root.querySelectorAll('.section-index button')].map((b) => b.textContent);
    expect(index.slice(index.indexOf('Layanan'), index.indexOf('Layanan') + 3)).toEqual(['Layanan', 'Rencana dukungan & reintegrasi', 'Penilaian']);
    const sections = [...root.querySelectorAll('section.case-section')].map((s) => s.id);
    expect(sections.indexOf('sec-plans')).toBe(sections.indexOf('sec-services') + 1);

    const [first, second] = root.querySelectorAll('#sec-plans .plan-item');
    expect(first.querySelector('h3')?.textContent).toContain('Rencana reintegrasi');
    expect(first.querySelector('h3')?.textContent).toContain('Berjalan sesuai rencana');
    // Past its planned end with no outcome: marked, as the worklist counts it.
    expect(first.querySelector('h3')?.textContent).toContain('Lewat rencana selesai');
    expect([...first.querySelectorAll('.goals li')].map((l) => l.textContent)).toEqual(['Menyelesaikan pelatihan menjahit', 'Membuka usaha jahit']);
    const rows = [...first.querySelectorAll('.defrow')].map((r) => r.textContent);
    expect(rows).toContain('Jenis layananPelatihan keterampilan / vokasi');
    expect(rows).toContain('Tahap penangananReintegrasi sosial');
    expect(rows).toContain('Organisasi pelaksanaUPTD PPA Timor Tengah Utara');
    expect(rows).toContain('Mulai1 Oktober 2019');
    expect(rows).toContain('Rencana selesai1 Maret 2020');
    expect(second.querySelector('h3')?.textContent).toContain('Tujuan tercapai');
    expect(second.querySelector('h3')?.textContent).not.toContain('Lewat rencana selesai');
    // A plan with an outcome has none to record.
    expect(first.querySelector('.plan-outcome')?.getAttribute('aria-label')).toBe('Catat hasil Rencana 1');
    expect(second.querySelector('.plan-outcome')).toBeNull();
  });

  it('adds a plan: goals one per line, the organisation from the directory, and the way to the directory', async () => {
    await showCase();
    await click('#case-add-plan');
    expect(text('#sec-plans form h3')).toBe('Rencana baru');
    expect(document.activeElement?.id).toBe('edit-plan-kind');
    const names = [...root.querySelectorAll('#edit-plan-organisation option')].map((o) => o.textContent);
    expect(names).toEqual(['— tidak ada —', 'LBH APIK Kalimantan Utara', 'RPTC Nunukan', 'UPTD PPA Timor Tengah Utara']);

    await choose('#edit-plan-kind', 'Support');
    await choose('#edit-plan-type', 'Psychosocial');
    await choose('#edit-plan-stage', 'HealthRehabilitation');
    await choose('#edit-plan-organisation', 'org-rptc');
    await type('edit-plan-goals', ' Tidur tanpa mimpi buruk \n\n Kembali sekolah\n');
    await type('edit-plan-start', '01/12/2019');
    await type('edit-plan-planned-end', '2020-06-30');
    await click('#plan-save');

    expect(updates()).toEqual([
      {
        plans: [
          {
            kind: 'Support',
            type: 'Psychosocial',
            stage: 'HealthRehabilitation',
            organisation_id: 'org-rptc',
            goals: ['Tidur tanpa mimpi buruk', 'Kembali sekolah'],
            start_date: '2019-12-01',
            planned_end_date: '2020-06-30',
            progress: 'NotStarted',
          },
        ],
      },
    ]);
    expect(root.querySelector('#sec-plans form')).toBeNull();
    // The worklist is asked again after a save.
    expect(tasksRefreshed).toBe(1);

    await click('#case-add-plan');
    await click('#edit-plan-organisation-directory');
    expect(went).toEqual([{ name: 'organisations' }]);
  });

  it('records the outcome of a plan as an edit of it, and edits a plan sending only what changed', async () => {
    await showCase();
    await click('#sec-plans .plan-outcome');
    expect(text('#sec-plans form h3')).toBe('Hasil Rencana 1');
    expect(root.querySelector('#edit-plan-kind')).toBeNull();
    await choose('#edit-plan-outcome', 'PartlyAchieved');
    await type('edit-plan-outcome-note', 'Usaha jahit belum berjalan.');
    await type('edit-plan-actual-end', '28/02/2020');
    // A plan with an outcome has ended: its progress is already set so.
    expect(root.querySelector<HTMLSelectElement>('#edit-plan-progress')?.value).toBe('Finished');
    await click('#plan-save');

    await click('#sec-plans .edit-item');
    expect(text('#sec-plans form h3')).toBe('Ubah data Rencana 1');
    expect(root.querySelector<HTMLTextAreaElement>('#edit-plan-goals')?.value).toBe('Menyelesaikan pelatihan menjahit\nMembuka usaha jahit');
    await type('edit-plan-goals', 'Menyelesaikan pelatihan menjahit');
    await choose('#edit-plan-organisation', '');
    await click('#plan-save');

    expect(updates()).toEqual([
      { plans: [{ id: 'pl1', progress: 'Finished', outcome: 'PartlyAchieved', outcome_note: 'Usaha jahit belum berjalan.', actual_end_date: '2020-02-28' }] },
      { plans: [{ id: 'pl1', goals: ['Menyelesaikan pelatihan menjahit'], organisation_id: null }] },
    ]);
  });

  it('names a plan\'s field errors by its number, never by a path', async () => {
    await showCase('Coordinator', {
      case_update: () => {
        throw {
          code: 'invalid_record',
          message: 'Data tidak disimpan karena ada isian yang salah.',
          fields: [
            { field: 'plans[0].kind', message: 'plans[0].kind: wajib diisi' },
            { field: 'plans[0].goals[1]', message: 'terlalu panjang' },
            { field: 'plans[0].organisation_id', message: 'tidak ada dalam daftar organisasi' },
          ],
        };
      },
    });
    await click('#case-add-plan');
    await type('edit-plan-goals', 'a\nb');
    await click('#plan-save');
    expect(text('.field-error[data-field="plans[0].kind"]')).toBe('wajib diisi');
    expect(text('.field-error[data-field="plans[0].goals"]')).toBe('terlalu panjang');
    expect(text('.field-error[data-field="plans[0].organisation_id"]')).toBe('tidak ada dalam daftar organisasi');
    expect(document.activeElement?.id).toBe('edit-plan-kind');
    expect(text('#sec-plans .panel-error')).not.toMatch(/plans|\[0\]|goals|organisation_id/);
  });
});

describe('Case screen: services', () => {
  it('shows and changes a service\'s stage and organisation', async () => {
    await showCase();
    const rows = [...root.querySelectorAll('#sec-services .defrow')].map((r) => r.textContent);
    expect(rows).toContain('Tahap penangananRehabilitasi sosial');
    expect(rows).toContain('Organisasi pemberi layananRPTC Nunukan');

    await click('#sec-services .edit-item');
    expect(root.querySelector<HTMLSelectElement>('#edit-service-organisation')?.value).toBe('org-rptc');
    await choose('#edit-service-stage', 'LegalAid');
    await choose('#edit-service-organisation', 'org-lbh');
    await click('#service-save');
    await click('#case-add-service');
    await choose('#edit-service-type', 'Legal');
    await choose('#edit-service-stage', 'LegalAid');
    await click('#service-save');

    expect(updates()).toEqual([
      { services: [{ id: 's1', stage: 'LegalAid', organisation_id: 'org-lbh' }] },
      { services: [{ type: 'Legal', stage: 'LegalAid' }] },
    ]);
  });

  it('names an organisation the directory does not hold by its id, and the choice keeps it', async () => {
    await showCase('Coordinator', { organisation_list: () => organisations.slice(0, 1) });
    expect([...root.querySelectorAll('#sec-services .defrow')].map((r) => r.textContent)).toContain('Organisasi pemberi layananorg-rptc');
    await click('#sec-services .edit-item');
    const select = root.querySelector<HTMLSelectElement>('#edit-service-organisation');
    expect(select?.value).toBe('org-rptc');
    expect(select?.selectedOptions[0]?.textContent).toBe('Organisasi yang tidak ada di daftar');
  });
});

describe('Case screen: assessments', () => {
  it('lists each assessment with its date, kind, risk, findings and next date', async () => {
    await showCase();
    const items = root.querySelectorAll('#sec-assessments .assessment-item');
    expect(items).toHaveLength(3);
    expect(items[0].querySelector('h3')?.textContent).toContain('Risiko dan kerentanan individu');
    expect(items[0].querySelector('.badge')?.textContent).toBe('Risiko Tinggi');
    const rows = [...items[0].querySelectorAll('.defrow')].map((r) => r.textContent);
    expect(rows).toEqual([
      'Tanggal penilaian21 September 2019',
      'Tingkat risikoTinggi',
      'TemuanTrauma berat.',
      'Rekomendasi—',
      'Dinilai lagi pada21 Desember 2019',
    ]);
    // Only the best-interest assessment is approved.
    expect(items[0].querySelector('.approval')).toBeNull();
  });

  it('shows a best-interest assessment waiting, lets a coordinator approve it, and says who approved when', async () => {
    await showCase('Coordinator', { assessment_approve: () => null });
    const waiting = root.querySelector('.assessment-item[data-id="as2"]');
    expect(waiting?.querySelector('.approval')?.textContent).toContain('Menunggu persetujuan koordinator');
    const button = waiting?.querySelector('.assessment-approve');
    expect(button?.textContent).toBe('Setujui');
    expect(button?.getAttribute('aria-label')).toBe('Setujui Penilaian 2');
    expect(text('.assessment-item[data-id="as3"] .approval')).toMatch(/^Disetujui Petugas Shelter pada 25 September 2019/);

    await click('.assessment-item[data-id="as2"] .assessment-approve');
    expect(calls.find((c) => c.cmd === 'assessment_approve')?.args).toEqual({ id: 'as2' });
    expect(text('#assessment-approved')).toBe('Penilaian 2 disetujui. Persetujuan dicatat atas nama Anda.');
    expect(calls.filter((c) => c.cmd === 'case_get')).toHaveLength(2);
    expect(tasksRefreshed).toBe(1);
  });

  it('shows a refused approval, and the time alone when the operators cannot be read', async () => {
    await showCase('Coordinator', {
      operator_list: () => {
        throw { code: 'forbidden', message: 'Tidak boleh.', fields: [] };
      },
      assessment_approve: () => {
        throw { code: 'not_a_best_interest_assessment', message: 'Hanya penilaian kepentingan terbaik anak yang disetujui.', fields: [] };
      },
    });
    expect(text('.assessment-item[data-id="as3"] .approval')).toMatch(/^Disetujui koordinator pada 25 September 2019/);
    await click('.assessment-item[data-id="as2"] .assessment-approve');
    expect(text('#assessment-approve-error')).toContain('Hanya penilaian kepentingan terbaik anak yang disetujui.');
  });

  it('adds an assessment and changes one; who approved is never sent', async () => {
    await showCase();
    await click('#case-add-assessment');
    expect(text('#sec-assessments form h3')).toBe('Penilaian baru');
    await choose('#edit-assessment-kind', 'Household');
    await type('edit-assessment-date', '02/01/2020');
    await choose('#edit-assessment-risk', 'Low');
    await type('edit-assessment-findings', 'Keluarga mendukung.');
    await type('edit-assessment-recommendations', 'Kunjungi lagi setelah panen.');
    await type('edit-assessment-next-due', '2020-07-01');
    await click('#assessment-save');
    const edits = root.querySelectorAll<HTMLButtonElement>('#sec-assessments .edit-item');
    await act(async () => edits[2].click());
    await flush();
    expect(text('#sec-assessments form h3')).toBe('Ubah data Penilaian 3');
    await type('edit-assessment-findings', 'Anak tinggal bersama ibu.');
    await click('#assessment-save');

    expect(updates()).toEqual([
      {
        assessments: [
          { kind: 'Household', date: '2020-01-02', risk_level: 'Low', findings: 'Keluarga mendukung.', recommendations: 'Kunjungi lagi setelah panen.', next_due: '2020-07-01' },
        ],
      },
      { assessments: [{ id: 'as3', findings: 'Anak tinggal bersama ibu.' }] },
    ]);
  });

  it('gives a case worker no approval, and shelter staff no assessments and no plan to add', async () => {
    await showCase('CaseWorker');
    expect(root.querySelector('.assessment-approve')).toBeNull();
    expect(text('.assessment-item[data-id="as2"] .approval')).toContain('Menunggu persetujuan koordinator');
    expect(root.querySelector('#case-add-assessment')).not.toBeNull();
    expect(root.querySelector('#case-add-plan')).not.toBeNull();

    render(null, root);
    await showCase('ShelterStaff');
    expect(root.querySelector('#sec-assessments')).toBeNull();
    expect([...root.querySelectorAll('.section-index button')].map((b) => b.textContent)).not.toContain('Penilaian');
    expect(root.querySelector('#sec-plans .plan-item')).not.toBeNull();
    expect(root.querySelector('#case-add-plan, #sec-plans .edit-item, .plan-outcome')).toBeNull();
    // Shelter staff write services, with their stage and organisation.
    await click('#case-add-service');
    expect(root.querySelector('#edit-service-organisation')).not.toBeNull();
  });
});
