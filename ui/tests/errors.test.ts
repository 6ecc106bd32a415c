// The app's words for the core's codes: every error code and every field problem has a text in
// both languages that names no CLI command, flag, variable or raw field path, and a coded error
// from the shell is worded in the language on screen.

import { afterEach, describe, expect, it } from 'vitest';
import { toIpcError } from '../src/api';
import { setLang } from '../src/i18n';
import { en } from '../src/i18n/en';
import { errorTexts, problemTexts } from '../src/i18n/errors';
import { id } from '../src/i18n/id';

/** What app text must never contain: CLI commands and flags, environment variables, field paths. */
const CLI_WORDS: [string, RegExp][] = [
  ['a lintas command', /\blintas [a-z]/],
  ['a flag', /(^|\s)--[a-z]/],
  ['an environment variable', /LINTAS_[A-Z]/],
  ['a field path', /\b[a-z]+(\[\d+\])?\.[a-z]+_[a-z_]+\b/],
  ['a snake_case name', /\b[a-z]+_[a-z]+(_[a-z]+)*\b/],
];

function clean(where: string, text: string) {
  expect(text.trim(), where).not.toBe('');
  for (const [what, re] of CLI_WORDS) expect(re.test(text), `${where} names ${what}: ${text}`).toBe(false);
}

afterEach(() => setLang('id'));

describe('error texts', () => {
  it('word every error code in both languages, differently, without command-line words', () => {
    const codes = Object.keys(errorTexts.id);
    expect(Object.keys(errorTexts.en).sort()).toEqual([...codes].sort());
    expect(codes.length).toBeGreaterThanOrEqual(58);
    for (const code of codes as (keyof typeof errorTexts.id)[]) {
      clean(`id ${code}`, errorTexts.id[code]);
      clean(`en ${code}`, errorTexts.en[code]);
      expect(errorTexts.id[code], code).not.toBe(errorTexts.en[code]);
    }
  });

  it('word every field problem in both languages', () => {
    const codes = Object.keys(problemTexts.id);
    expect(Object.keys(problemTexts.en).sort()).toEqual([...codes].sort());
    for (const code of codes as (keyof typeof problemTexts.id)[]) {
      clean(`id ${code}`, problemTexts.id[code]);
      clean(`en ${code}`, problemTexts.en[code]);
    }
  });

  it('no text of the app names a command, flag, variable or field path', () => {
    // A file's extension (".lintas") is no command: "lintas" must start a word after a space.
    const commandLine: [string, RegExp][] = [
      ['a lintas command', /(^|\s)lintas [a-z]/],
      ['a flag', /(^|\s)--[a-z]/],
      ['an environment variable', /LINTAS_[A-Z]/],
      ['a field path', /\b[a-z]+(\[\d+\])?\.[a-z]+_[a-z_]+\b/],
    ];
    for (const [lang, catalogue] of [['id', id], ['en', en]] as const) {
      for (const [key, text] of Object.entries(catalogue)) {
        for (const [what, re] of commandLine) expect(re.test(text), `${lang} ${key} names ${what}: ${text}`).toBe(false);
      }
    }
  });

  it('the checker finds command-line words', () => {
    expect(() => clean('probe', 'Jalankan lintas recover')).toThrow();
    expect(() => clean('probe', 'pakai --consent-override')).toThrow();
    expect(() => clean('probe', 'victim.first_name: wajib diisi')).toThrow();
    expect(() => clean('probe', 'Catat consent.share_districts')).toThrow();
  });
});

describe('a coded error from the shell', () => {
  const refused = {
    code: 'invalid_record',
    detail: null,
    fields: [
      { field: 'victim.identity_number', problem: { code: 'nik_length', got: 15 } },
      { field: 'witnesses[0].gender', problem: { code: 'unknown_code', list: 'gender', examples: ['Feminine', 'Masculine'] } },
    ],
  };

  it('is worded in Bahasa Indonesia, parameters filled, no path in the words', () => {
    const shown = toIpcError(refused);
    expect(shown.code).toBe('invalid_record');
    expect(shown.message).toBe(errorTexts.id.invalid_record);
    expect(shown.fields).toEqual([
      { field: 'victim.identity_number', message: 'NIK harus 16 angka (terisi 15)' },
      {
        field: 'witnesses[0].gender',
        message: 'bukan kode yang dikenal dalam daftar gender (contoh: Feminine, Masculine)',
      },
    ]);
  });

  it('is worded in English when English is on screen', () => {
    setLang('en');
    const shown = toIpcError({ code: 'consent_missing', detail: null, fields: [] });
    expect(shown.message).toBe(errorTexts.en.consent_missing);
    expect(shown.message).toContain('consent');
    expect(toIpcError(refused).fields[0].message).toBe('a NIK has 16 digits (got 15)');
  });

  it('keeps a detail apart from the words', () => {
    const shown = toIpcError({ code: 'io', detail: 'attachment file', fields: [] });
    expect(shown.message).toBe(errorTexts.id.io);
    expect(shown.detail).toBe('attachment file');
  });
});
