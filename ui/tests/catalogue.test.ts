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
      const stripped = v.replace(/\{\w+(?::[^|{}]*\|[^{}]*)?\}/g, '');
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

  it('puts nouns in the form the number needs, in English; Indonesian has one form', () => {
    setLang('en');
    expect(t('cases.count', { count: 1 })).toBe('1 case');
    expect(t('cases.count', { count: 0 })).toBe('0 cases');
    expect(t('case.saved', { changes: 1 })).toBe('Saved (1 change).');
    expect(t('cases.searchCount', { count: 1 })).toBe('1 case matches the search');
    expect(t('cases.searchCount', { count: 3 })).toBe('3 cases match the search');
    setLang('id');
    expect(t('cases.count', { count: 1 })).toBe('1 kasus');
    expect(t('case.saved', { changes: 1 })).toContain('1');
  });

  it('says no English count with a plural noun after the number one', () => {
    // Every English text that puts a number before a noun uses the {n:one|other} form.
    const bare = Object.entries(en).filter(([, text]) => /\{\w+\} (cases|changes|alerts|records|devices|attachments)\b/.test(text));
    expect(bare.map(([k]) => k)).toEqual([]);
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
