// Turning form input into the documents the backend accepts.

import { describe, expect, it } from 'vitest';
import {
  buildNewCaseDoc,
  consentDiff,
  consentFromDoc,
  coreDiff,
  coreFromDoc,
  dateOut,
  emptyNewCase,
  emptyWitness,
  isNewCaseTouched,
  personDiff,
  personFromDoc,
  splitList,
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
