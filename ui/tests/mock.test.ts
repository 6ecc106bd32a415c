// The browser mock behaves like the shell for the case work the UI does: list items added and
// edited through case_update (plans and assessments too), attachments added and opened, the
// organisation directory, the approval of a best-interest assessment, the worklist of a fixed
// day, "not the same person", conflicts settled with a value, and the region names.

import { describe, expect, it } from 'vitest';
import { MOCK_TODAY, mockBackend } from '../mock/backend';
import type { CaseDoc, Organisation, Region, Worklist } from '../src/types';

const unlocked = () => mockBackend(new URLSearchParams('mock=unlocked&cases=0'));

describe('mock backend', () => {
  it('adds a party with a person of its own, and edits only the keys given', async () => {
    const call = unlocked();
    await call('case_update', { id: 'maria', doc: { witnesses: [{ first_name: 'Agus' }], perpetrators: [{ id: 'pt-x1', role_details: 'Calo' }] } });
    const doc = (await call('case_get', { id: 'maria' })) as CaseDoc;
    expect(doc.witnesses?.map((w) => w.first_name)).toEqual(['Yohanes', 'Agus']);
    expect(doc.witnesses?.[1].id).toBeTruthy();
    expect(doc.witnesses?.[1].person_id).toBeTruthy();
    expect(doc.perpetrators?.[0]).toMatchObject({ id: 'pt-x1', first_name: 'Anton', role_in_process: ['Recruiter'], role_details: 'Calo' });
  });

  it('refuses an item id the case does not have, changing nothing', async () => {
    const call = unlocked();
    await expect(call('case_update', { id: 'maria', doc: { status: 'Closed', events: [{ id: 'nope', place: 'X' }] } })).rejects.toMatchObject({
      code: 'invalid_record',
      fields: [{ field: 'events[0].id' }],
    });
    expect(((await call('case_get', { id: 'maria' })) as CaseDoc).status).toBe('Active');
  });

  it('gives the items of a new case ids, so that they can be edited later', async () => {
    const call = unlocked();
    const created = (await call('case_create', {
      doc: { victim: { first_name: 'Siti' }, intake: { date: '2024-01-02' }, services: [{ type: 'Shelter' }], family_contacts: [{ first_name: 'Ani' }] },
    })) as { id: string };
    const doc = (await call('case_get', { id: created.id })) as CaseDoc;
    expect(doc.services?.[0].id).toBeTruthy();
    expect(doc.family_contacts?.[0].person_id).toBeTruthy();
  });

  it('stores an added attachment on the case and opens it', async () => {
    const call = unlocked();
    const id = (await call('attachment_add', { caseId: 'maria', path: '/home/petugas/foto paspor.JPG', description: 'Paspor' })) as string;
    const doc = (await call('case_get', { id: 'maria' })) as CaseDoc;
    expect(doc.attachments?.find((a) => a.id === id)).toMatchObject({ name: 'foto paspor.JPG', mime: 'image/jpeg', description: 'Paspor' });
    await expect(call('attachment_open', { id })).resolves.toBeNull();
    await expect(call('attachment_open', { id: 'nope' })).rejects.toMatchObject({ code: 'attachment_not_found' });
    await expect(call('attachment_add', { caseId: 'maria', path: '/media/usb/hilang.pdf', description: null })).rejects.toMatchObject({ code: 'io' });
  });

  it('adds and edits plans and assessments, and refuses what the core refuses', async () => {
    const call = unlocked();
    await call('case_update', {
      id: 'maria',
      doc: {
        plans: [{ kind: 'Support', goals: ['Sekolah lagi'], organisation_id: 'org-lbh' }, { id: 'pl1', outcome: 'Achieved' }],
        assessments: [{ kind: 'Household', date: '2025-12-01', next_due: '2026-06-01' }],
      },
    });
    const doc = (await call('case_get', { id: 'maria' })) as CaseDoc;
    expect(doc.plans?.[1]).toMatchObject({ kind: 'Support', goals: ['Sekolah lagi'], progress: 'NotStarted' });
    expect(doc.plans?.[0]).toMatchObject({ id: 'pl1', kind: 'Reintegration', outcome: 'Achieved' });
    expect(doc.assessments?.map((a) => a.kind)).toEqual(['Individual', 'BestInterest', 'Household']);

    await expect(
      call('case_update', { id: 'maria', doc: { plans: [{ goals: ['x'], organisation_id: 'nope' }], assessments: [{ kind: 'BestInterest', approved_by: 'op-1' }] } }),
    ).rejects.toMatchObject({
      code: 'invalid_record',
      fields: [
        { field: 'plans[0].kind' },
        { field: 'plans[0].organisation_id' },
        { field: 'assessments[0].date' },
        { field: 'assessments[0].approved_by' },
      ],
    });
  });

  it('keeps an organisation directory: added by anyone who writes, changed only by its district', async () => {
    const call = unlocked();
    const list = async () => (await call('organisation_list', {})) as Organisation[];
    expect((await list()).map((o) => [o.name, o.ours, o.cases])).toEqual([
      ['LBH APIK Kalimantan Utara', true, 0],
      ['PT Sinar Jaya Abadi', true, 0],
      ['RPTC Nunukan', true, 1],
      ['UPTD PPA Kabupaten Timor Tengah Utara', false, 1],
    ]);
    await expect(call('organisation_create', { doc: { name: 'Yayasan X' } })).rejects.toMatchObject({ code: 'invalid_record', fields: [{ field: 'type' }] });
    const id = (await call('organisation_create', { doc: { name: 'Yayasan X', type: 'NGO', services: ['Legal'] } })) as string;
    expect(await call('organisation_update', { id, doc: { phone: '0556 1', services: ['Legal'] } })).toBe(1);
    expect((await list()).find((o) => o.id === id)).toMatchObject({ name: 'Yayasan X', phone: '0556 1', ours: true, cases: 0 });
    await expect(call('organisation_update', { id: 'org-uptd-ttu', doc: { phone: '1' } })).rejects.toMatchObject({ code: 'not_authorised' });
    await expect(call('organisation_update', { id: 'nope', doc: {} })).rejects.toMatchObject({ code: 'organisation_not_found' });
  });

  it('computes the worklist of its fixed day, which approvals, decisions and outcomes empty', async () => {
    expect(MOCK_TODAY).toBe('2025-12-20');
    const call = unlocked();
    const kinds = async () => ((await call('worklist', {})) as Worklist).tasks.map((t) => [t.kind, t.case_number, t.date]);
    await call('case_get', { id: 'maria' });
    expect(await kinds()).toEqual([
      ['visit_overdue', '6503-2019-0001', '2019-11-01'],
      ['referral_waiting', '5303-2020-0007', null],
      ['plan_overdue', '6503-2019-0001', '2020-03-01'],
      ['assessment_due', '6503-2019-0001', '2025-12-30'],
      ['approval_waiting', '6503-2019-0001', '2019-09-22'],
      ['conflict', '6503-2019-0001', null],
      ['conflict', '6503-2019-0001', null],
      ['duplicate', '6503-2019-0001', null],
    ]);
    expect(((await call('worklist', {})) as Worklist).counts[5]).toEqual(['conflict', 2]);

    await expect(call('assessment_approve', { id: 'as1' })).rejects.toMatchObject({ code: 'not_a_best_interest_assessment' });
    await call('assessment_approve', { id: 'as2' });
    const doc = (await call('case_get', { id: 'maria' })) as CaseDoc;
    expect(doc.assessments?.[1]).toMatchObject({ approved_by: 'op-1' });
    expect(doc.assessments?.[1].approved_on).toBeTruthy();
    await call('case_update', { id: 'maria', doc: { plans: [{ id: 'pl1', outcome: 'PartlyAchieved' }], followups: [{ id: 'f1', status: 'Done', visit_date: '2019-11-02' }] } });
    await expect(call('duplicate_not_same', { caseA: 'maria', caseB: 'syn-3', reason: '' })).rejects.toMatchObject({ code: 'invalid_input' });
    await call('duplicate_not_same', { caseA: 'maria', caseB: 'syn-3', reason: 'Tanggal lahir berbeda' });
    expect(await call('duplicates_list', {})).toEqual([]);
    await call('conflict_resolve', { id: 'p-maria/phone', keep: null, value: '0812' });
    expect(((await call('case_get', { id: 'maria' })) as CaseDoc).victim?.phone).toBe('0812');
    expect((await kinds()).map(([k]) => k)).toEqual(['referral_waiting', 'assessment_due', 'conflict']);
  });

  it('lets only a coordinator approve, and gives a case worker the tasks of a case worker', async () => {
    const call = mockBackend(new URLSearchParams('mock=unlocked&cases=0&role=CaseWorker'));
    await call('case_get', { id: 'maria' });
    await expect(call('assessment_approve', { id: 'as2' })).rejects.toMatchObject({ code: 'forbidden' });
    const kinds = ((await call('worklist', {})) as Worklist).tasks.map((t) => t.kind);
    expect(kinds).not.toContain('approval_waiting');
    expect(kinds).toContain('conflict');
  });

  it('names every province and the 514 kabupaten/kota', async () => {
    const regions = (await unlocked()('regions', {})) as Region[];
    expect(regions.filter((r) => /^\d{2}\.\d{2}$/.test(r.code))).toHaveLength(514);
    expect(regions.filter((r) => /^\d{2}$/.test(r.code))).toHaveLength(38);
    expect(regions.find((r) => r.code === '53.03')?.name).toBe('Kabupaten Timor Tengah Utara');
  });
});
