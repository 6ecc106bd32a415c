// The string catalogue: both languages have the same keys, no empty strings, and the same
// placeholders in every text.

import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en';
import { id } from '../src/i18n/id';
import { interpolate, placeholders, setLang, t, tMaybe } from '../src/i18n';

describe('catalogue', () => {
  const idKeys = Object.keys(id).sort();
  const enKeys = Object.keys(en).sort();

  it('has every Indonesian key in English', () => {
    expect(idKeys.filter((k) => !(k in en))).toEqual([]);
  });

  it('has no English key that Indonesian lacks', () => {
    expect(enKeys.filter((k) => !(k in id))).toEqual([]);
  });

  it('has no empty strings', () => {
    const empty = [
      ...Object.entries(id).filter(([, v]) => v.trim() === '').map(([k]) => `id:${k}`),
      ...Object.entries(en).filter(([, v]) => v.trim() === '').map(([k]) => `en:${k}`),
    ];
    expect(empty).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    const differing = idKeys.filter(
      (k) => placeholders(id[k as keyof typeof id]).join() !== placeholders(en[k as keyof typeof en]).join(),
    );
    expect(differing).toEqual([]);
  });

  it('has no unbalanced braces', () => {
    for (const [k, v] of [...Object.entries(id), ...Object.entries(en)]) {
      const stripped = v.replace(/\{\w+\}/g, '');
      expect(stripped.includes('{') || stripped.includes('}'), k).toBe(false);
    }
  });
});

describe('t', () => {
  it('fills placeholders and formats numbers for the language', () => {
    setLang('id');
    expect(t('cases.count', { count: 100000 })).toBe('100.000 kasus');
    setLang('en');
    expect(t('cases.count', { count: 100000 })).toBe('100,000 cases');
    setLang('id');
  });

  it('leaves unknown placeholders as they are', () => {
    expect(interpolate('{a} dan {b}', { a: 'x' })).toBe('x dan {b}');
  });

  it('finds keys built at run time, or says there is none', () => {
    setLang('id');
    expect(tMaybe('duplicates.reason.same_nik')).toBe('NIK sama');
    expect(tMaybe('duplicates.reason.no_such_reason')).toBeNull();
  });
});
