// Mapping the backend's field errors to the inputs of a form.

import { describe, expect, it } from 'vitest';
import type { ShownError } from '../src/types';
import {
  errorId,
  errorsUnder,
  fieldErrorMap,
  foldListErrors,
  isDistrictCode,
  normalisePath,
  unmatchedErrors,
  withoutPath,
} from '../src/validation';

const invalid: ShownError = {
  code: 'invalid_record',
  message: 'Data tidak disimpan karena ada isian yang salah. Perbaiki lalu simpan lagi:',
  fields: [
    { field: 'victim.gender', message: 'bukan kode yang dikenal dalam daftar gender' },
    { field: 'victim.identity_number', message: 'NIK harus 16 angka (terisi 15)' },
    { field: 'witnesses[0].gender', message: 'bukan kode yang dikenal' },
    { field: 'witnesses[1].statement', message: 'terlalu panjang' },
    { field: 'intake.date', message: 'tanggal di masa depan' },
  ],
};

/** The field error map of a refused save with the given problems, as (path, message) pairs. */
function mapOf(...fields: [string, string][]) {
  return fieldErrorMap({ code: 'invalid_record', message: 'x', fields: fields.map(([field, message]) => ({ field, message })) });
}

describe('fieldErrorMap', () => {
  it('maps each path to its message, including nested and indexed paths', () => {
    expect(fieldErrorMap(invalid)).toEqual({
      'victim.gender': 'bukan kode yang dikenal dalam daftar gender',
      'victim.identity_number': 'NIK harus 16 angka (terisi 15)',
      'witnesses[0].gender': 'bukan kode yang dikenal',
      'witnesses[1].statement': 'terlalu panjang',
      'intake.date': 'tanggal di masa depan',
    });
  });

  it('joins several messages for one field', () => {
    const map = mapOf(
      ['victim.identity_number', 'NIK harus 16 angka.'],
      ['victim.identity_number', 'Tanggal lahir dalam NIK tidak cocok.'],
    );
    expect(map['victim.identity_number']).toBe('NIK harus 16 angka. Tanggal lahir dalam NIK tidak cocok.');
  });

  it('accepts dotted indexes as the same path', () => {
    expect(mapOf(['witnesses.0.gender', 'm'])).toEqual({ 'witnesses[0].gender': 'm' });
  });

  it('takes the path off the start of a message, as the backend writes it', () => {
    expect(mapOf(['victim.first_name', 'victim.first_name: wajib diisi'])).toEqual({ 'victim.first_name': 'wajib diisi' });
    expect(mapOf(['witnesses.0.gender', 'witnesses[0].gender: kode tidak dikenal'])).toEqual({ 'witnesses[0].gender': 'kode tidak dikenal' });
    // Another field's name, or a colon inside the message, stays.
    expect(withoutPath('intake.date: bukan tanggal', 'victim.birthdate')).toBe('intake.date: bukan tanggal');
    expect(withoutPath('Catatan: terlalu panjang', 'notes[0].body')).toBe('Catatan: terlalu panjang');
  });

  it('gives an empty map for errors without fields', () => {
    expect(fieldErrorMap({ code: 'wrong_passphrase', message: 'Kata sandi salah.', fields: [] })).toEqual({});
    expect(fieldErrorMap(null)).toEqual({});
  });
});

describe('paths', () => {
  it('normalises list indexes', () => {
    expect(normalisePath('witnesses.0.gender')).toBe('witnesses[0].gender');
    expect(normalisePath('consent.share_districts.1')).toBe('consent.share_districts[1]');
    expect(normalisePath('witnesses[0].gender')).toBe('witnesses[0].gender');
    expect(normalisePath(' victim.address.village ')).toBe('victim.address.village');
  });

  it('finds the errors that no input shows', () => {
    const map = fieldErrorMap(invalid);
    expect(unmatchedErrors(map, ['victim.gender', 'victim.identity_number', 'intake.date', 'witnesses[0].gender'])).toEqual([
      ['witnesses[1].statement', 'terlalu panjang'],
    ]);
  });

  it('takes the errors of one list item', () => {
    const map = mapOf(
      ['followups[0].due_date', 'bukan tanggal'],
      ['followups[0].status', 'kode tidak dikenal'],
      ['notes[0].body', 'wajib'],
    );
    expect(errorsUnder(map, 'followups[0]')).toEqual({ due_date: 'bukan tanggal', status: 'kode tidak dikenal' });
  });

  it('folds the errors of list items into the list', () => {
    const map = mapOf(
      ['consent.share_districts[1]', 'bukan kode kabupaten/kota'],
      ['type_of_exploitation[0]', 'kode tidak dikenal'],
      ['witnesses[0].gender', 'kode tidak dikenal'],
    );
    expect(foldListErrors(map, ['consent.share_districts', 'type_of_exploitation'])).toEqual({
      'consent.share_districts': 'bukan kode kabupaten/kota',
      type_of_exploitation: 'kode tidak dikenal',
      'witnesses[0].gender': 'kode tidak dikenal',
    });
  });

  it('folds list items by the end of their path, for the victim and every party', () => {
    const map = mapOf(
      ['victim.citizenship[0]', 'kode tidak dikenal'],
      ['witnesses[2].aliases[1]', 'terlalu panjang'],
      ['perpetrators[0].role_in_process[0]', 'kode tidak dikenal'],
      ['witnesses[1]', 'bukan objek'],
    );
    expect(foldListErrors(map, ['citizenship', 'aliases', 'role_in_process'])).toEqual({
      'victim.citizenship': 'kode tidak dikenal',
      'witnesses[2].aliases': 'terlalu panjang',
      'perpetrators[0].role_in_process': 'kode tidak dikenal',
      'witnesses[1]': 'bukan objek',
    });
  });

  it('counts an item of a list as shown by the input of the list', () => {
    const map = mapOf(['consent.share_districts[1]', 'bukan kode'], ['victim.aliases', 'x']);
    expect(unmatchedErrors(map, ['consent.share_districts'])).toEqual([['victim.aliases', 'x']]);
  });

  it('makes DOM ids from paths', () => {
    expect(errorId('witnesses[0].gender')).toBe('err-witnesses-0--gender');
  });

  it('knows a district code', () => {
    expect(isDistrictCode('65.03')).toBe(true);
    expect(isDistrictCode(' 53.03 ')).toBe(true);
    expect(isDistrictCode('6503')).toBe(false);
    expect(isDistrictCode('53')).toBe(false);
  });
});
