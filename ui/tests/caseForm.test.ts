// Turning form input into the documents the backend accepts.

import { describe, expect, it } from 'vitest';
import {
  assessmentDoc,
  assessmentFromDoc,
  buildNewCaseDoc,
  consentDiff,
  consentFromDoc,
  coreDiff,
  coreFromDoc,
  dateOut,
  emptyNewCase,
  emptyRow,
  emptyWitness,
  eventDoc,
  eventFromDoc,
  isNewCaseTouched,
  partyDoc,
  partyFromDoc,
  personDiff,
  personFromDoc,
  planDoc,
  planFromDoc,
  rowPath,
  sentRows,
  serviceDoc,
  serviceFromDoc,
  splitLines,
  splitList,
  splitNames,
  type EventForm,
  type Party,
  type PartyForm,
  type Row,
  type ServiceForm,
} from '../src/caseForm';
import type { CaseDoc } from '../src/types';

describe('new case', () => {
  it('sends only what was filled in, with dates in wire form', () => {
    const f = emptyNewCase();
    f.victim.first_name = ' Maria ';
    f.victim.second_name = 'Taek';
    f.victim.gender = 'Feminine';
    f.victim.birthdate = '11/02/2004';
    f.victim.identity_number = '5303015102040001';
    f.victim.citizenship = 'ID';
    f.victim.province = '53';
    f.victim.regency = '53.03';
    f.victim.village = 'Maubesi';
    f.core.intake_date = '2019-09-20';
    f.core.intake_place = 'Pelabuhan Tunon Taka, Nunukan';
    f.core.trafficking_status = 'PossibleVictimOfTrafficking';
    f.core.type_of_exploitation = ['SexualExploitation', 'ForcedLabour'];
    f.core.country_of_exploitation = 'MY';
    f.witnesses = [{ ...emptyWitness(1), first_name: 'Yohanes', second_name: 'Bria', gender: 'Masculine', statement: 'Saw it.' }];
    f.consent.flags.interview = true;
    f.consent.flags.informed_purpose = true;
    f.consent.share = '53.03';

    expect(buildNewCaseDoc(f, '2019-09-21')).toEqual({
      victim: {
        first_name: 'Maria',
        second_name: 'Taek',
        gender: 'Feminine',
        birthdate: '2004-02-11',
        citizenship: ['ID'],
        identity_number: '5303015102040001',
        address: { province: '53', regency: '53.03', village: 'Maubesi' },
      },
      trafficking_status: 'PossibleVictimOfTrafficking',
      type_of_exploitation: ['SexualExploitation', 'ForcedLabour'],
      country_of_exploitation: 'MY',
      intake: { date: '2019-09-20', place: 'Pelabuhan Tunon Taka, Nunukan' },
      witnesses: [{ first_name: 'Yohanes', second_name: 'Bria', gender: 'Masculine', statement: 'Saw it.' }],
      consent: { interview: true, informed_purpose: true, share_districts: ['53.03'], recorded_on: '2019-09-21' },
    });
  });

  it('leaves out consent when none was recorded', () => {
    const f = emptyNewCase();
    f.victim.first_name = 'Maria';
    expect(buildNewCaseDoc(f)).toEqual({ victim: { first_name: 'Maria' } });
  });

  it('sends an unreadable date as typed, so the backend can explain', () => {
    expect(dateOut('20 Sept 2019')).toBe('20 Sept 2019');
    expect(dateOut('  ')).toBeNull();
  });

  it('knows when the form was touched', () => {
    const f = emptyNewCase();
    expect(isNewCaseTouched(f)).toBe(false);
    f.victim.first_name = 'M';
    expect(isNewCaseTouched(f)).toBe(true);
    const g = emptyNewCase();
    g.witnesses = [emptyWitness(9)];
    expect(isNewCaseTouched(g)).toBe(true);
  });

  it('splits district lists', () => {
    expect(splitList('53.03, 53.04;53.05  53.03')).toEqual(['53.03', '53.04', '53.05']);
    expect(splitList('')).toEqual([]);
  });
});

describe('updates', () => {
  const doc: CaseDoc = {
    id: 'c1',
    status: 'Active',
    type_of_exploitation: ['ForcedLabour'],
    intake: { date: '2019-09-20', place: 'Nunukan' },
    victim: {
      first_name: 'Maria',
      second_name: 'Taek',
      phone: '0812',
      citizenship: ['ID', 'MY'],
      address: { province: '53', village: 'Maubesi' },
    },
    consent: { interview: true, share_districts: ['53.03'], recorded_on: '2019-09-20' },
  };

  it('sends nothing when nothing changed', () => {
    expect(personDiff(doc.victim, personFromDoc(doc.victim))).toEqual({});
    expect(coreDiff(doc, coreFromDoc(doc))).toEqual({});
    expect(consentDiff(doc.consent, consentFromDoc(doc.consent))).toBeUndefined();
  });

  it('sends changed person fields, null for a cleared one, and the whole address', () => {
    const f = personFromDoc(doc.victim);
    f.phone = '';
    f.second_name = 'Taeq';
    f.village = 'Maubesi Dua';
    expect(personDiff(doc.victim, f)).toEqual({
      second_name: 'Taeq',
      phone: null,
      address: { province: '53', regency: null, subdistrict: null, village: 'Maubesi Dua', street: null },
    });
  });

  it('keeps further citizenships when the first changes', () => {
    const f = personFromDoc(doc.victim);
    f.citizenship = 'TL';
    expect(personDiff(doc.victim, f)).toEqual({ citizenship: ['TL', 'MY'] });
  });

  it('sends the intake group whole when one of its fields changed', () => {
    const f = coreFromDoc(doc);
    f.intake_place = 'Pelabuhan Tunon Taka';
    f.type_of_exploitation = ['ForcedLabour', 'SexualExploitation'];
    expect(coreDiff(doc, f)).toEqual({
      type_of_exploitation: ['ForcedLabour', 'SexualExploitation'],
      intake: { date: '2019-09-20', place: 'Pelabuhan Tunon Taka', deportee_status: null, deported_from: null },
    });
  });

  it('sends consent changes', () => {
    const f = consentFromDoc(doc.consent);
    f.share = '53.03, 53.04';
    f.flags.informed_use = true;
    expect(consentDiff(doc.consent, f, '2020-01-01')).toEqual({ informed_use: true, share_districts: ['53.03', '53.04'] });
  });

  it('dates a consent recorded for the first time', () => {
    const f = consentFromDoc(undefined);
    f.share = '53.03';
    expect(consentDiff(undefined, f, '2020-01-01')).toEqual({ share_districts: ['53.03'], recorded_on: '2020-01-01' });
  });
});

describe('other names and the passport', () => {
  it('splits other names at commas, semicolons and line breaks, keeping spaces inside a name', () => {
    expect(splitNames(' Ina, Maria T.;Nona\nIna ')).toEqual(['Ina', 'Maria T.', 'Nona']);
    expect(splitNames(' , ')).toEqual([]);
  });

  it('sends them for a new victim, and only when changed', () => {
    const f = emptyNewCase();
    f.victim.first_name = 'Maria';
    f.victim.aliases = 'Ina, Nona';
    f.victim.passport_number = ' C1234567 ';
    expect(buildNewCaseDoc(f).victim).toEqual({ first_name: 'Maria', aliases: ['Ina', 'Nona'], passport_number: 'C1234567' });

    const victim = { first_name: 'Maria', aliases: ['Ina', 'Nona'], passport_number: 'C1234567' };
    const same = personFromDoc(victim);
    same.aliases = 'Ina,Nona';
    expect(personDiff(victim, same)).toEqual({});
    const changed = personFromDoc(victim);
    changed.aliases = '';
    changed.passport_number = '';
    expect(personDiff(victim, changed)).toEqual({ aliases: [], passport_number: null });
  });
});

describe('list items', () => {
  const witness: Party = { id: 'pt-w1', person_id: 'p-w1', first_name: 'Yohanes', gender: 'Masculine', statement: 'Melihat.', role_in_process: [] };

  it('sends a new party with what was filled in: the person and their part', () => {
    const f: PartyForm = { ...partyFromDoc(undefined), first_name: 'Anton', role_in_process: ['Transporter'], relationship: 'Tetangga', village: 'Maubesi' };
    expect(partyDoc(f)).toEqual({ first_name: 'Anton', address: { village: 'Maubesi' }, relationship: 'Tetangga', role_in_process: ['Transporter'] });
    expect(partyDoc(partyFromDoc(undefined))).toBeNull();
  });

  it('sends only the changed keys of a party, with its id', () => {
    expect(partyDoc(partyFromDoc(witness), witness)).toBeNull();
    const f = partyFromDoc(witness);
    f.statement = '';
    f.relationship = 'Paman';
    f.identity_number = '5303015102040001';
    expect(partyDoc(f, witness)).toEqual({ id: 'pt-w1', identity_number: '5303015102040001', statement: null, relationship: 'Paman' });
  });

  it('sends events and services new or changed', () => {
    const e: EventForm = { ...eventFromDoc(undefined), type: 'Transit', date: '02/03/2019', country: 'MY' };
    expect(eventDoc(e)).toEqual({ type: 'Transit', date: '2019-03-02', country: 'MY' });
    const event = { id: 'e1', type: 'Transit', date: '2019-03-02', place: 'Entikong' };
    expect(eventDoc(eventFromDoc(event), event)).toBeNull();
    expect(eventDoc({ ...eventFromDoc(event), place: '' }, event)).toEqual({ id: 'e1', place: null });

    const service = { id: 's1', type: 'Shelter', status: 'InProgress' };
    const s: ServiceForm = { ...serviceFromDoc(service), status: 'Completed', actual_end_date: '2019-12-01' };
    expect(serviceDoc(s, service)).toEqual({ id: 's1', status: 'Completed', actual_end_date: '2019-12-01' });
    expect(serviceDoc({ ...serviceFromDoc(undefined), provider: 'LBH' })).toEqual({ provider: 'LBH' });
  });
});

describe('new case lists', () => {
  it('sends every list, leaves out empty rows, and maps the backend rows back to the form', () => {
    const f = emptyNewCase();
    f.victim.first_name = 'Maria';
    f.witnesses = [emptyWitness(1), { ...emptyWitness(2), first_name: 'Yohanes' }];
    f.family_contacts = [{ ...(emptyRow('family_contacts', 3) as Row<PartyForm>), first_name: 'Yustina', phone: '0813' }];
    f.perpetrators = [{ ...(emptyRow('perpetrators', 4) as Row<PartyForm>), role_in_process: ['Transporter'] }];
    f.events = [emptyRow('events', 5) as Row<EventForm>, { ...(emptyRow('events', 6) as Row<EventForm>), type: 'Recruitment' }];
    f.services = [{ ...(emptyRow('services', 7) as Row<ServiceForm>), type: 'Shelter' }];
    expect(buildNewCaseDoc(f)).toEqual({
      victim: { first_name: 'Maria' },
      events: [{ type: 'Recruitment' }],
      witnesses: [{ first_name: 'Yohanes' }],
      family_contacts: [{ first_name: 'Yustina', phone: '0813' }],
      perpetrators: [{ role_in_process: ['Transporter'] }],
      services: [{ type: 'Shelter' }],
    });
    const rows = sentRows(f);
    expect(rows).toEqual({ events: [1], witnesses: [1], family_contacts: [0], perpetrators: [0], services: [0] });
    expect(rowPath('witnesses[0].gender', rows)).toBe('witnesses[1].gender');
    expect(rowPath('events[0]', rows)).toBe('events[1]');
    expect(rowPath('victim.first_name', rows)).toBe('victim.first_name');
    expect(rowPath('notes[0].body', rows)).toBe('notes[0].body');
  });

  it('counts an added row, even an empty one, as touched', () => {
    const f = emptyNewCase();
    f.events = [emptyRow('events', 1) as Row<EventForm>];
    expect(isNewCaseTouched(f)).toBe(true);
  });
});

describe('plans and assessments', () => {
  it('reads goals one per line, and sends a new plan not started', () => {
    expect(splitLines('  Menjahit \n\n Membuka usaha, di rumah \n')).toEqual(['Menjahit', 'Membuka usaha, di rumah']);
    const f = planFromDoc(undefined);
    expect(planDoc(f)).toEqual({ progress: 'NotStarted' });
    f.kind = 'Reintegration';
    f.goals = 'Menjahit\nMembuka usaha';
    f.planned_end_date = '01/03/2026';
    expect(planDoc(f)).toEqual({ kind: 'Reintegration', goals: ['Menjahit', 'Membuka usaha'], planned_end_date: '2026-03-01', progress: 'NotStarted' });
  });

  it('sends the changes of a plan and of an assessment with their ids, and never who approved', () => {
    const plan = { id: 'pl1', kind: 'Support', goals: ['A', 'B'], progress: 'OnTrack', organisation_id: 'org-1' };
    const f = planFromDoc(plan);
    expect(f.goals).toBe('A\nB');
    expect(planDoc(f, plan)).toBeNull();
    f.goals = 'A';
    f.organisation_id = '';
    f.outcome = 'Achieved';
    expect(planDoc(f, plan)).toEqual({ id: 'pl1', goals: ['A'], organisation_id: null, outcome: 'Achieved' });

    const a = { id: 'as1', kind: 'BestInterest', date: '2025-06-02', approved_by: 'op-1', approved_on: '2025-06-03T01:00:00Z' };
    const g = assessmentFromDoc(a);
    expect(assessmentDoc(g, a)).toBeNull();
    g.risk_level = 'High';
    expect(assessmentDoc(g, a)).toEqual({ id: 'as1', risk_level: 'High' });
  });
});
