// The checks of a new passphrase made before sending it (setup, recovery, change).

import { beforeEach, describe, expect, it } from 'vitest';
import { setLang } from '../src/i18n';
import { checkNewPassphrase, MIN_PASSPHRASE } from '../src/passphrase';

describe('checkNewPassphrase', () => {
  beforeEach(() => setLang('id'));

  it('accepts a long enough passphrase typed twice the same', () => {
    expect(checkNewPassphrase('kata sandi panjang', 'kata sandi panjang')).toEqual({});
    expect(checkNewPassphrase('a'.repeat(MIN_PASSPHRASE), 'a'.repeat(MIN_PASSPHRASE))).toEqual({});
  });

  it('refuses a passphrase shorter than 10 characters, counting characters', () => {
    expect(checkNewPassphrase('pendek', 'pendek')).toEqual({
      passphrase: 'Kata sandi terlalu pendek: minimal 10 karakter (sekarang 6). Coba gabungkan beberapa kata.',
    });
    expect(checkNewPassphrase('', '').passphrase).toContain('(sekarang 0)');
    // Nine characters, more than nine bytes.
    expect(Object.keys(checkNewPassphrase('ééééééééé', 'ééééééééé'))).toEqual(['passphrase']);
  });

  it('refuses two passphrases that differ', () => {
    expect(checkNewPassphrase('kata sandi panjang', 'kata sandi panjan')).toEqual({
      passphrase_repeat: 'Kedua kata sandi tidak sama. Ketik ulang keduanya.',
    });
  });

  it('speaks the current language', () => {
    setLang('en');
    expect(checkNewPassphrase('long enough here', 'other').passphrase_repeat).toBe('The two passphrases differ. Type both again.');
  });
});
