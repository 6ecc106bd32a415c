// Arithmetic of the virtualised case list: which rows are on screen, and which pages of rows
// the backend must be asked for. Kept free of the DOM so that it can be tested.

/** Rows from `start` (inclusive) to `end` (exclusive) that are visible, plus `overscan` rows. */
export function visibleRange(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  count: number,
  overscan = 8,
): { start: number; end: number } {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewport) / rowHeight) + 1;
  const start = Math.max(0, Math.min(count - 1, first - overscan));
  const end = Math.min(count, first + visible + overscan);
  return { start, end: Math.max(start, end) };
}

/**
 * The position in the backend's order (newest intake first) of the row shown at `index`.
 * Showing the oldest first needs no extra query: row 0 is simply the backend's last row.
 */
export function backendIndex(index: number, count: number, reversed: boolean): number {
  return reversed ? count - 1 - index : index;
}

/** The pages (of `pageSize` backend rows) needed to show rows start..end. */
export function pagesFor(start: number, end: number, count: number, reversed: boolean, pageSize: number): number[] {
  const pages = new Set<number>();
  for (let i = start; i < end; i += 1) pages.add(Math.floor(backendIndex(i, count, reversed) / pageSize));
  return [...pages].sort((a, b) => a - b);
}

/** The scroll position that brings row `index` into view, or null if it is visible already. */
export function scrollToShow(index: number, scrollTop: number, viewport: number, rowHeight: number): number | null {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewport) return bottom - viewport;
  return null;
}
