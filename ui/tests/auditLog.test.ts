// The change log in plain words: entity, action and field become an Indonesian (or English)
// sentence, and no value is ever part of it.

import { afterEach, describe, expect, it } from 'vitest';
import { changeDescription, changedFieldLabel, entityLabel } from '../src/auditLog';
import { setLang } from '../src/i18n';

afterEach(() => setLang('id'));

describe('entityLabel', () => {
  it('names every kind of record in Indonesian', () => {
    setLang('id');
    const expected: Record<string, string> = {
      case: 'Kasus',
      person: 'Orang',
      note: 'Catatan',
      followup: 'Pemantauan',
      referral: 'Rujukan',
      consent: 'Persetujuan',
      party: 'Saksi/kontak/pelaku',
      event: 'Peristiwa',
      service: 'Layanan',
      attachment: 'Lampiran',
      share: 'Berbagi',
      person_link: 'Tautan data ganda',
      operator: 'Petugas',
    };
    for (const [entity, label] of Object.entries(expected)) expect(entityLabel(entity), entity).toBe(label);
  });

  it('shows an unknown kind as it is', () => {
    expect(entityLabel('spaceship')).toBe('spaceship');
  });
});

describe('changeDescription', () => {
  it('says what was created', () => {
    setLang('id');
    expect(changeDescription('case', 'create', null)).toBe('Kasus dibuat');
    expect(changeDescription('followup', 'create', null)).toBe('Pemantauan dibuat');
    expect(changeDescription('person_link', 'create', null)).toBe('Tautan data ganda dibuat');
  });

  it('names the changed field with the label people know from the forms', () => {
    setLang('id');
    expect(changeDescription('person', 'set', 'first_name')).toBe('Orang diubah: Nama depan');
    expect(changeDescription('person', 'set', 'address_regency')).toBe('Orang diubah: Kabupaten/kota asal');
    expect(changeDescription('case', 'set', 'status')).toBe('Kasus diubah: Status kasus');
    expect(changeDescription('case', 'set', 'law_enforcement_stage')).toBe('Kasus diubah: Tahap proses hukum');
  });

  it('uses the label of the field for that kind of record first', () => {
    setLang('id');
    expect(changeDescription('followup', 'set', 'status')).toBe('Pemantauan diubah: Hasil kunjungan');
    expect(changeDescription('referral', 'set', 'status')).toBe('Rujukan diubah: Status rujukan');
    expect(changeDescription('consent', 'set', 'interview')).toBe('Persetujuan diubah: Korban setuju diwawancarai');
    expect(changeDescription('event', 'set', 'type')).toBe('Peristiwa diubah: Tahap');
  });

  it('shows a field without a label by its name, and copes with a missing field or new action', () => {
    setLang('id');
    expect(changedFieldLabel('party', 'some_new_field')).toBe('some_new_field');
    expect(changeDescription('party', 'set', 'some_new_field')).toBe('Saksi/kontak/pelaku diubah: some_new_field');
    expect(changeDescription('note', 'set', null)).toBe('Catatan diubah');
    expect(changeDescription('note', 'delete', null)).toBe('Catatan: delete');
  });

  it('speaks English too', () => {
    setLang('en');
    expect(changeDescription('case', 'create', null)).toBe('Case created');
    expect(changeDescription('person', 'set', 'first_name')).toBe('Person changed: First name');
  });
});
