// The arithmetic of the virtualised case list.

import { describe, expect, it } from 'vitest';
import { backendIndex, pagesFor, scrollToShow, visibleRange } from '../src/virtual';
import { sortCases } from '../src/screens/CaseList';
import type { CaseSummary } from '../src/types';

describe('visibleRange', () => {
  it('renders only the rows on screen plus a margin', () => {
    expect(visibleRange(0, 360, 36, 100000, 5)).toEqual({ start: 0, end: 16 });
    const r = visibleRange(36 * 50000, 360, 36, 100000, 5);
    expect(r).toEqual({ start: 49995, end: 50016 });
    expect(r.end - r.start).toBeLessThan(40);
  });

  it('stops at the end of the list', () => {
    expect(visibleRange(36 * 99995, 360, 36, 100000, 5)).toEqual({ start: 99990, end: 100000 });
    expect(visibleRange(0, 360, 36, 0)).toEqual({ start: 0, end: 0 });
  });
});

describe('pages', () => {
  it('asks for the pages that hold the visible rows', () => {
    expect(pagesFor(95, 110, 100000, false, 100)).toEqual([0, 1]);
    expect(pagesFor(0, 20, 100000, false, 100)).toEqual([0]);
  });

  it('reads from the end of the backend order for oldest first', () => {
    expect(backendIndex(0, 1000, true)).toBe(999);
    expect(pagesFor(0, 20, 1000, true, 100)).toEqual([9]);
    expect(pagesFor(0, 20, 1010, true, 100)).toEqual([9, 10]);
  });

  it('scrolls only when the row is out of view', () => {
    expect(scrollToShow(5, 0, 360, 36)).toBeNull();
    expect(scrollToShow(20, 0, 360, 36)).toBe(20 * 36 + 36 - 360);
    expect(scrollToShow(2, 360, 360, 36)).toBe(72);
  });
});

describe('sortCases', () => {
  const row = (case_number: string, intake_date: string | null): CaseSummary => ({
    id: case_number,
    case_number,
    district: '65.03',
    status: 'Active',
    intake_date,
    victim_name: 'x',
    gender: null,
    is_child: false,
    trafficking_status: null,
    type_of_exploitation: [],
    country_of_exploitation: null,
  });
  const rows = [row('6503-2019-0002', '2019-10-01'), row('6503-2019-0001', '2019-09-20'), row('6503-2020-0001', '2020-01-05')];

  it('sorts by intake date and case number', () => {
    expect(sortCases(rows, 'newest').map((r) => r.case_number)).toEqual(['6503-2020-0001', '6503-2019-0002', '6503-2019-0001']);
    expect(sortCases(rows, 'oldest').map((r) => r.case_number)).toEqual(['6503-2019-0001', '6503-2019-0002', '6503-2020-0001']);
    expect(sortCases(rows, 'number').map((r) => r.case_number)).toEqual(['6503-2019-0001', '6503-2019-0002', '6503-2020-0001']);
  });
});
