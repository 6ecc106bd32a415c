// The checks a form makes on a new passphrase before sending it: long enough, typed twice the
// same, and how strong it looks. They only save a round trip; the backend checks the length again.

import { t } from './i18n';
import type { FieldErrors } from './validation';

/** The backend's minimum passphrase length (README: "Minimum length: 10 characters"). */
export const MIN_PASSPHRASE = 10;

export type Strength = 'tooShort' | 'fair' | 'good' | 'strong';

/**
 * How strong a passphrase looks, by length only. Length is what matters against guessing, and
 * it is easy to explain: a few ordinary words beat one short complicated word.
 */
export function passphraseStrength(p: string): Strength {
  const n = [...p].length;
  if (n < MIN_PASSPHRASE) return 'tooShort';
  if (n < 16) return 'fair';
  if (n < 24) return 'good';
  return 'strong';
}

/**
 * The problems of a new passphrase and its repetition, by path: `passphrase` when it is too
 * short (counted in characters, not bytes), otherwise `passphrase_repeat` when the two differ.
 * An empty map means both are fine.
 */
export function checkNewPassphrase(pass: string, repeat: string): FieldErrors {
  const count = [...pass].length;
  if (count < MIN_PASSPHRASE) return { passphrase: t('setup.errTooShort', { count }) };
  if (pass !== repeat) return { passphrase_repeat: t('setup.errMismatch') };
  return {};
}
