// Field paths in words: the labels an error panel shows for the errors no input shows.

import { afterEach, describe, expect, it } from 'vitest';
import { PARTY_KINDS } from '../src/caseForm';
import { pathLabel } from '../src/fieldLabels';
import { setLang, t } from '../src/i18n';
import {
  ASSESSMENT_FIELDS,
  CONSENT_PATHS,
  EVENT_FIELDS,
  EXPLOITATION_PATHS,
  INTAKE_PATHS,
  partyPaths,
  personPaths,
  PLAN_FIELDS,
  SERVICE_FIELDS,
  STATUS_PATHS,
} from '../src/screens/case/CaseFields';

afterEach(() => setLang('id'));

describe('pathLabel', () => {
  it('names the part of the case and the field, in Bahasa Indonesia and English', () => {
    setLang('id');
    expect(pathLabel('victim.first_name')).toBe('Korban — Nama depan');
    expect(pathLabel('witnesses[1].gender')).toBe('Saksi 2 — Jenis kelamin');
    expect(pathLabel('witnesses.1.gender')).toBe('Saksi 2 — Jenis kelamin');
    expect(pathLabel('family_contacts[0].relationship')).toBe('Keluarga 1 — Hubungan dengan korban');
    expect(pathLabel('perpetrators[2].address.regency')).toBe('Pelaku 3 — Kabupaten/kota asal');
    expect(pathLabel('events[0].type')).toBe('Peristiwa 1 — Tahap');
    expect(pathLabel('events[0].regency')).toBe('Peristiwa 1 — Kabupaten/kota');
    expect(pathLabel('services[0].status')).toBe('Layanan 1 — Status layanan');
    expect(pathLabel('followups[0].status')).toBe('Kunjungan 1 — Hasil kunjungan');
    expect(pathLabel('notes[0].body')).toBe('Catatan 1 — Catatan baru');
    expect(pathLabel('intake.deportee_status')).toBe('Cara kembali ke Indonesia');
    expect(pathLabel('law_enforcement.stage')).toBe('Tahap proses hukum');
    expect(pathLabel('consent.share_districts[1]')).toBe('Boleh dikirim ke kabupaten/kota');
    expect(pathLabel('type_of_exploitation[0]')).toBe('Jenis eksploitasi');
    expect(pathLabel('witnesses[0].id')).toBe('Saksi 1');
    setLang('en');
    expect(pathLabel('witnesses[1].gender')).toBe('Witness 2 — Gender');
    expect(pathLabel('victim.passport_number')).toBe('Victim — Passport number');
    expect(pathLabel('family_contacts[0].phone')).toBe('Family contact 1 — Phone number');
  });

  it('uses the number of the item a section edits, which the backend calls item 0', () => {
    expect(pathLabel('witnesses[0].statement', 3)).toBe('Saksi 3 — Keterangan saksi');
    expect(pathLabel('plans[0].kind', 2)).toBe('Rencana 2 — Jenis rencana');
    expect(pathLabel('plans[0].goals[1]')).toBe('Rencana 1 — Sasaran');
    expect(pathLabel('assessments[0].date', 4)).toBe('Penilaian 4 — Tanggal penilaian');
    expect(pathLabel('services[0].organisation_id')).toBe('Layanan 1 — Organisasi pemberi layanan');
  });

  it('never shows a raw path, even for a field it does not know', () => {
    expect(pathLabel('victim.shoe_size')).toBe(`Korban — ${t('field.unknown')}`);
    expect(pathLabel('something[3].odd.path')).toBe(t('field.unknown'));
    expect(pathLabel('!!')).toBe(t('field.unknown'));
  });

  it('has a label of its own for every field a case form shows, in both languages', () => {
    const paths = [
      ...personPaths('victim'),
      ...PARTY_KINDS.flatMap((k) => partyPaths(k, `${k}[0]`)),
      ...EVENT_FIELDS.map((k) => `events[0].${k}`),
      ...SERVICE_FIELDS.map((k) => `services[0].${k}`),
      ...PLAN_FIELDS.map((k) => `plans[0].${k}`),
      ...ASSESSMENT_FIELDS.map((k) => `assessments[0].${k}`),
      ...INTAKE_PATHS,
      ...EXPLOITATION_PATHS,
      ...STATUS_PATHS,
      ...CONSENT_PATHS,
    ];
    for (const lang of ['id', 'en'] as const) {
      setLang(lang);
      for (const p of paths) {
        const shown = pathLabel(p);
        expect(shown, p).not.toContain(t('field.unknown'));
        expect(shown, p).not.toMatch(/[._[\]]/);
      }
    }
  });
});
