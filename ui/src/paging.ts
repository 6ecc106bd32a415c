// Pages of a log that the backend lists newest first (the change log, the access log): one page
// at a time, with whether an older page exists.

import { useEffect, useState } from 'preact/hooks';
import type { ShownError } from './types';

export interface Pages<T> {
  offset: number;
  /** The entries of the current page; null while it loads. */
  entries: T[] | null;
  /** Whether an older page exists. */
  more: boolean;
  error: ShownError | null;
  older: () => void;
  newer: () => void;
}

/** Loads `size` entries at a time with `load(offset, limit)`. */
export function usePages<T>(load: (offset: number, limit: number) => Promise<T[]>, size: number): Pages<T> {
  const [offset, setOffset] = useState(0);
  const [entries, setEntries] = useState<T[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  useEffect(() => {
    let current = true;
    setEntries(null);
    setError(null);
    // One more than a page is asked for, to know whether an older page exists.
    load(offset, size + 1).then(
      (page) => {
        if (!current) return;
        setMore(page.length > size);
        setEntries(page.slice(0, size));
      },
      (e: ShownError) => {
        if (current) setError(e);
      },
    );
    return () => {
      current = false;
    };
  }, [offset]);

  return {
    offset,
    entries,
    more,
    error,
    older: () => setOffset(offset + size),
    newer: () => setOffset(Math.max(0, offset - size)),
  };
}
