// The Kegiatan screen (issue 16), rendered in jsdom against a fake backend: adding a prevention
// activity sends its counts as numbers; a training carries its participants by agency, row by
// row; only records this district wrote can be changed, others say where they come from;
// programmes say how many people plans enrol; roles see only what they may use. And the plan
// editor's programme, the case's verdict and placement agency, the organisation's licence.

import { describe, expect, it } from 'vitest';
import CODE_LISTS from '../mock/code-lists.json';
import { setBackend } from '../src/api';
import type { AppContext } from '../src/context';
import { organisationDoc, organisationFromDoc } from '../src/organisations';
import { activityDoc, activityFromDoc, countOut, trainingDoc, trainingFromDoc } from '../src/registers';
import { mayOpen } from '../src/routes';
import { ActivitiesScreen } from '../src/screens/Activities';
import { CaseDetail } from '../src/screens/case/CaseDetail';
import type { CaseDoc, Organisation, RegisterEntry, Role } from '../src/types';
import { appContext, boundTo, eachScreen } from './app';
import { type Call, capabilitiesOf, fakeBackend, type Handlers } from './dom';

const organisations: Organisation[] = [
  { id: 'org-rptc', name: 'RPTC Nunukan', type: 'Rptc', province: '65', regency: '65.03', address: null, phone: null, services: ['Shelter'], notes: null, ours: true, cases: 1, licence_number: null },
  { id: 'org-p3mi', name: 'PT Sinar Jaya Abadi', type: 'PlacementAgency', province: '31', regency: null, address: null, phone: null, services: [], notes: null, ours: true, cases: 0, licence_number: 'B.123/2019' },
];

const entries = (): RegisterEntry[] => [
  {
    id: 'act-1', register: 'activity', ours: true, enrolled: 0,
    doc: { kind: 'Socialisation', title: 'Migrasi aman', date: '2025-08-14', regency: '65.03', village: 'Mansapa', female_adults: 34, male_adults: 21 },
  },
  {
    id: 'act-2', register: 'activity', ours: false, enrolled: 0,
    doc: { kind: 'Campaign', title: 'Kampanye di Atapupu', date: '2025-03-20', regency: '53.03', female_adults: 120 },
  },
  {
    id: 'tr-1', register: 'training', ours: true, enrolled: 0,
    doc: { title: 'Identifikasi korban', start_date: '2025-09-09', participants: [{ id: 'tg-1', agency: 'Police', female: 3, male: 11 }] },
  },
  { id: 'pg-1', register: 'programme', ours: true, enrolled: 3, doc: { name: 'Pelatihan menjahit', kind: 'Government' } },
];

let root: HTMLElement;
let calls: Call[];

const { mountIn, type, choose, click, text } = boundTo(() => root);
const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

const context = (role: Role): AppContext => appContext(role, { route: { name: 'activities' } });

async function showScreen(role: Role = 'Coordinator', more: Handlers = {}) {
  setBackend(
    fakeBackend(calls, {
      register_list: (a) => entries().filter((e) => e.register === a.register),
      organisation_list: () => organisations,
      register_create: () => 'new-id',
      register_update: () => 1,
      ...more,
    }),
  );
  await mountIn(context(role), <ActivitiesScreen />);
}

eachScreen(CODE_LISTS, (el) => {
  root = el;
  calls = [];
});

describe('register forms', () => {
  it('sends counts as numbers, and the text as typed when it is not one', () => {
    expect(countOut(' 12 ')).toBe(12);
    expect(countOut('')).toBeNull();
    expect(countOut('dua')).toBe('dua');
    const f = activityFromDoc(undefined);
    expect(activityDoc(f)).toBeNull();
    f.kind = 'Campaign';
    f.regulation_status = 'Passed';
    f.date = '20/09/2025';
    f.female_children = '0';
    expect(activityDoc(f)).toEqual({ kind: 'Campaign', date: '2025-09-20', female_children: 0 });
  });

  it('sends a stored participant group with its id and only what changed', () => {
    const doc = entries()[2].doc;
    const f = trainingFromDoc(doc);
    expect(trainingDoc(f, doc)).toBeNull();
    f.participants[0].male = '12';
    f.participants.push({ id: null, agency: '', female: '', male: '' });
    expect(trainingDoc(f, doc)).toEqual({ participants: [{ id: 'tg-1', male: 12 }] });
  });
});

describe('Kegiatan screen', () => {
  it('is offered to the roles that read statistics or write records, not to shelter staff', () => {
    expect(mayOpen('activities', capabilitiesOf('Coordinator'))).toBe(true);
    expect(mayOpen('activities', capabilitiesOf('CaseWorker'))).toBe(true);
    expect(mayOpen('activities', capabilitiesOf('ReadOnly'))).toBe(true);
    expect(mayOpen('activities', capabilitiesOf('ShelterStaff'))).toBe(false);
    expect(mayOpen('annual', capabilitiesOf('ShelterStaff'))).toBe(false);
    expect(mayOpen('annual', capabilitiesOf('ReadOnly'))).toBe(true);
  });

  it('adds a prevention activity: the counts go as numbers', async () => {
    await showScreen();
    expect(sent('register_list')).toEqual([{ register: 'activity', from: null, to: null }]);
    const rows = [...root.querySelectorAll('#activity-list .register-row')].map((r) => r.getAttribute('data-id'));
    expect(rows).toEqual(['act-1', 'act-2']);
    await click('#activity-add');
    expect(root.querySelector('#activity-form')).not.toBeNull();
    // The form checks what the core needs before sending.
    await click('#activity-save');
    expect(sent('register_create')).toEqual([]);
    expect(text('.field-error[data-field="kind"]')).toBe('Pilih jenis kegiatan.');
    await choose('#activity-kind', 'Socialisation');
    await type('activity-title', 'Migrasi aman di Sebatik');
    await type('activity-date', '2025-10-02');
    await type('activity-regency', '65.03');
    await type('activity-female-adults', '25');
    await type('activity-male-adults', '17');
    await type('activity-female-children', '0');
    await click('#activity-audience-Villagers');
    // A partner from the directory.
    await click('#activity-partner-org-rptc');
    await click('#activity-save');
    expect(sent('register_create')).toEqual([
      {
        register: 'activity',
        doc: {
          kind: 'Socialisation', title: 'Migrasi aman di Sebatik', date: '2025-10-02', regency: '65.03', audience: ['Villagers'],
          partner_ids: ['org-rptc'], female_children: 0, female_adults: 25, male_adults: 17,
        },
      },
    ]);
    expect(text('#activity-message')).toBe('Kegiatan pencegahan tersimpan.');
    expect(root.querySelector('#activity-form')).toBeNull();
  });

  it('refuses a count that is not a whole number before sending', async () => {
    await showScreen();
    await click('#activity-add');
    await choose('#activity-kind', 'Campaign');
    await type('activity-date', '2025-10-02');
    await type('activity-regency', '65.03');
    await type('activity-male-adults', '12,5');
    await click('#activity-save');
    expect(sent('register_create')).toEqual([]);
    expect(root.querySelector('#activity-male-adults')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('offers the edit form only for records of this district; the others say where they come from', async () => {
    await showScreen();
    const ours = root.querySelector('.register-row[data-id="act-1"]');
    const other = root.querySelector('.register-row[data-id="act-2"]');
    expect(ours?.querySelector('.register-edit')).not.toBeNull();
    expect(other?.querySelector('.register-edit')).toBeNull();
    expect(other?.querySelector('.register-other')?.textContent).toBe('Dari daerah lain, hanya dibaca');
    expect(ours?.textContent).toContain('55');

    await click('.register-row[data-id="act-1"] .register-edit');
    expect((root.querySelector('#activity-female-adults') as HTMLInputElement).value).toBe('34');
    await type('activity-male-adults', '30');
    await click('#activity-save');
    expect(sent('register_update')).toEqual([{ register: 'activity', id: 'act-1', doc: { male_adults: 30 } }]);
    expect(text('#activity-message')).toBe('Tersimpan (1 perubahan).');
  });

  it('shows the records read-only to a role that does not write them', async () => {
    await showScreen('ReadOnly');
    expect(root.querySelector('#activity-add')).toBeNull();
    expect(root.querySelectorAll('#activity-list .register-row')).toHaveLength(2);
    expect(root.querySelector('.register-edit')).toBeNull();
  });

  it('adds a training with a row of participants per agency', async () => {
    await showScreen();
    await click('#activities-tab-training');
    expect(sent('register_list').slice(-1)[0]).toEqual({ register: 'training', from: null, to: null });
    expect(text('#training-list .register-row')).toContain('3 perempuan, 11 laki-laki');
    await click('#training-add');
    await type('training-title', 'Penanganan korban anak');
    await type('training-start', '2025-11-03');
    await choose('#training-participant-agency-0', 'Police');
    await type('training-participant-female-0', '4');
    await type('training-participant-male-0', '9');
    await click('#training-participant-add');
    await choose('#training-participant-agency-1', 'Health');
    await type('training-participant-female-1', '6');
    await click('#training-save');
    expect(sent('register_create')).toEqual([
      {
        register: 'training',
        doc: {
          title: 'Penanganan korban anak',
          start_date: '2025-11-03',
          participants: [
            { agency: 'Police', female: 4, male: 9 },
            { agency: 'Health', female: 6 },
          ],
        },
      },
    ]);
  });

  it('asks for the agency of a participant row that has counts', async () => {
    await showScreen();
    await click('#activities-tab-training');
    await click('#training-add');
    await type('training-title', 'Pelatihan');
    await type('training-start', '2025-11-03');
    await type('training-participant-female-0', '4');
    await click('#training-save');
    expect(sent('register_create')).toEqual([]);
    expect(text('.field-error[data-field="participants[0].agency"]')).toBe('Pilih instansinya.');
  });

  it('shows how many people plans enrol in each programme', async () => {
    await showScreen();
    await click('#activities-tab-programme');
    expect(text('#programme-list .register-row[data-id="pg-1"]')).toContain('3 orang diikutsertakan');
  });

  it('shows the core refusal beside the input', async () => {
    await showScreen('Coordinator', {
      register_create: () => {
        throw { code: 'invalid_record', detail: null, fields: [{ field: 'regency', problem: { code: 'bad_regency' } }] };
      },
    });
    await click('#activity-add');
    await choose('#activity-kind', 'Campaign');
    await type('activity-date', '2025-10-02');
    await type('activity-regency', '99.99');
    await click('#activity-save');
    expect(root.querySelector('.field-error[data-field="regency"]')).not.toBeNull();
  });
});

describe('organisation licence', () => {
  it('sends the licence number of a placement agency, and only when it changed', () => {
    const f = organisationFromDoc(undefined);
    f.name = 'PT Maju';
    f.type = 'PlacementAgency';
    f.licence_number = ' B.55/2020 ';
    expect(organisationDoc(f)).toEqual({ name: 'PT Maju', type: 'PlacementAgency', licence_number: 'B.55/2020' });
    const g = organisationFromDoc(organisations[1]);
    expect(g.licence_number).toBe('B.123/2019');
    expect(organisationDoc(g, organisations[1])).toBeNull();
  });
});

const caseDoc = (): CaseDoc => ({
  id: 'c1',
  case_number: '6503-2019-0001',
  district: '65.03',
  status: 'Active',
  intake: { date: '2019-09-20' },
  victim: { id: 'p-v', first_name: 'Maria' },
  placement_agency_id: 'org-p3mi',
  law_enforcement: { stage: 'Trial', verdict: 'Convicted' },
  plans: [{ id: 'pl1', kind: 'Reintegration', progress: 'OnTrack', programme_id: 'pg-1' }],
});

async function showCase(role: Role = 'Coordinator') {
  setBackend(
    fakeBackend(calls, {
      case_get: caseDoc,
      referral_list: () => [],
      organisation_list: () => organisations,
      register_list: (a) => entries().filter((e) => e.register === a.register),
      operator_list: () => [],
      case_update: () => ({ id: 'c1', case_number: '6503-2019-0001', changes: 1 }),
    }),
  );
  await mountIn(appContext(role, { route: { name: 'case', id: 'c1' } }), <CaseDetail id="c1" />);
}

describe('Case screen: programme, verdict and placement agency', () => {
  const updates = () => sent('case_update').map((a) => a?.doc);

  it('shows them by name and label', async () => {
    await showCase();
    const rows = [...root.querySelectorAll('.defrow')].map((r) => r.textContent);
    expect(rows).toContain('Putusan pengadilanTerdakwa dihukum');
    expect(rows).toContain('Perusahaan penempatan (P3MI)PT Sinar Jaya Abadi');
    expect(rows).toContain('Program pemberdayaanPelatihan menjahit');
  });

  it('chooses the plan programme from the register', async () => {
    await showCase();
    await click('#sec-plans .plan-item .edit-item');
    const options = [...root.querySelectorAll('#edit-plan-programme option')].map((o) => o.textContent);
    expect(options).toEqual(['— tidak ada —', 'Pelatihan menjahit']);
    await choose('#edit-plan-programme', '');
    await click('#plan-save');
    expect(updates()).toEqual([{ plans: [{ id: 'pl1', programme_id: null }] }]);
  });

  it('lists only placement agencies for the placement agency', async () => {
    await showCase();
    await click('#case-edit-exploitation');
    const options = [...root.querySelectorAll('#edit-exploitation-agency-id option')].map((o) => o.getAttribute('value'));
    expect(options).toEqual(['', 'org-p3mi']);
  });

  it('records the verdict with the law-enforcement stage', async () => {
    await showCase();
    await click('#case-edit-core');
    await choose('#edit-core-le-verdict', 'Acquitted');
    await click('#sec-summary button[type="submit"]');
    expect(updates()).toEqual([{ law_enforcement: { stage: 'Trial', report_number: null, report_date: null, verdict: 'Acquitted' } }]);
  });
});
