// Nothing is cut at 1366×768. jsdom lays nothing out, so these tests do the arithmetic the
// browser would, from the numbers in app.css: the widths of the case list's search box, sort box
// and columns, and of the values beside their labels (a 16-digit NIK on one line), against the
// longest texts of both catalogues. Text widths are estimated for the system sans-serif at 15 px
// (DejaVu Sans, the widest the desktop uses: 0.6 em per character on average, 0.64 em a digit).

import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en';
import { id } from '../src/i18n/id';
import css from '../src/styles/app.css?raw';


/** The value of a property in the first rule whose selector list is exactly `selector`. */
function prop(selector: string, name: string): string {
  const at = css.search(new RegExp(`(^|\\n)${selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\{`));
  if (at < 0) throw new Error(`no rule ${selector}`);
  const body = css.slice(css.indexOf('{', at) + 1, css.indexOf('}', at));
  const m = new RegExp(`(^|[;\\s])${name}\\s*:\\s*([^;]+);`).exec(body);
  if (!m) throw new Error(`no ${name} in ${selector}`);
  return m[2].trim();
}

const REM = parseFloat(prop(':root', 'font-size'));
const CHAR = 0.6 * REM;
const DIGIT = 0.64 * REM;
/** Padding, border and the arrow of a select, as WebKitGTK draws it. */
const SELECT_CHROME = 48;

/** A CSS length in pixels (px and rem only). */
function px(v: string): number {
  const m = /^(-?[\d.]+)(px|rem)$/.exec(v.trim());
  if (!m) throw new Error(`not a length: ${v}`);
  return parseFloat(m[1]) * (m[2] === 'rem' ? REM : 1);
}

/** The width of the content area of a screen at 1366 px, with a vertical scroll bar. */
const CONTENT = 1366 - px(prop(':root', '--nav-w')) - 2 * 1.5 * REM - 15;

const both = <T>(f: (cat: Record<string, string>) => T): T[] => [f(id), f(en)];
const textWidth = (s: string) => [...s].length * CHAR;

describe('the case list at 1366 px', () => {
  it('shows the whole search placeholder in both languages', () => {
    const min = px(/min\(([^,]+),/.exec(prop('.field-search', 'min-width'))?.[1] ?? '0');
    for (const placeholder of both((c) => c['cases.searchPlaceholder'])) {
      expect(min, placeholder).toBeGreaterThanOrEqual(textWidth(placeholder) + 2 * 0.55 * REM + 2);
    }
    expect(min).toBeLessThan(CONTENT);
  });

  it('does not cap the selects below their longest option, so a chosen sort is not cut', () => {
    const max = prop('.toolbar select', 'max-width');
    const sorts = both((c) => [c['cases.sortNewest'], c['cases.sortOldest'], c['cases.sortNumber']]).flat();
    const needed = Math.max(...sorts.map(textWidth)) + SELECT_CHROME;
    expect(max === '100%' || px(max) >= needed, `max-width ${max}, needs ${needed}px`).toBe(true);
  });

  it('fits every column of the list', () => {
    const columns = prop('.case-row,\n.case-row-head,\n.case-row-placeholder', 'grid-template-columns')
      .split(/\s+(?![^(]*\))/)
      .map((c) => px(/^minmax\(([^,]+),/.exec(c)?.[1] ?? c));
    const gaps = (columns.length - 1) * px(prop('.case-row,\n.case-row-head,\n.case-row-placeholder', 'gap'));
    const padding = 2 * 0.75 * REM;
    expect(columns.reduce((a, b) => a + b, 0) + gaps + padding).toBeLessThanOrEqual(CONTENT);
  });
});

describe('values beside their labels at 1366 px', () => {
  const NIK = 16 * DIGIT;
  const dt = (selector: string) => px(prop(selector, 'grid-template-columns').split(/\s+/)[0]);
  const gap = 0.6 * REM;

  it('keeps a NIK on one line in a section of the case screen', () => {
    const min = px(/minmax\(([^,]+),/.exec(prop('.deflist', 'grid-template-columns'))?.[1] ?? '0');
    const colGap = 1.5 * REM;
    const inner = CONTENT - 2 * REM - 2;
    const columns = Math.floor((inner + colGap) / (min + colGap));
    const column = (inner - (columns - 1) * colGap) / columns;
    expect(columns).toBe(3);
    expect(column - dt('.defrow') - gap).toBeGreaterThanOrEqual(NIK);
  });

  it('keeps a NIK on one line in the card of a person', () => {
    const min = px(/minmax\(([^,]+),/.exec(prop('.people .cards', 'grid-template-columns'))?.[1] ?? '0');
    const card = min - 2 * 0.8 * REM - 2;
    expect(card - dt('.cards .defrow') - gap).toBeGreaterThanOrEqual(NIK);
    // And a card of a list that is not people's (services) still holds the label and a value.
    const plain = px(/minmax\(([^,]+),/.exec(prop('.cards', 'grid-template-columns'))?.[1] ?? '0') - 2 * 0.8 * REM - 2;
    expect(plain - dt('.cards .defrow') - gap).toBeGreaterThanOrEqual(NIK);
  });

  it('gives a NIK input room for 16 digits', () => {
    const min = px(/minmax\(([^,]+),/.exec(prop('.form-grid', 'grid-template-columns'))?.[1] ?? '0');
    expect(min - 2 * 0.55 * REM - 2).toBeGreaterThanOrEqual(NIK);
  });
});
