// Small pieces of app-wide state that are not part of any one screen: which forms hold unsaved
// edits, drafts that survive a lock, and whether a long operation is running.

import { useEffect, useRef, useState } from 'preact/hooks';

// ---------------------------------------------------------------------------------------------
// Unsaved edits. Each form reports whether it differs from what is saved; navigation asks
// before leaving while any form does.
// ---------------------------------------------------------------------------------------------

const dirtyForms = new Set<symbol>();

/**
 * Marks the calling form as holding unsaved edits while `dirty` is true. Returns a function that
 * marks it clean at once, for a form that navigates away right after saving (before the next
 * render would have updated the mark).
 */
export function useDirty(dirty: boolean): () => void {
  const key = useRef(Symbol('form'));
  useEffect(() => {
    if (dirty) dirtyForms.add(key.current);
    else dirtyForms.delete(key.current);
  }, [dirty]);
  useEffect(() => () => void dirtyForms.delete(key.current), []);
  return () => void dirtyForms.delete(key.current);
}

/** Whether any form on screen holds unsaved edits. */
export function anyDirty(): boolean {
  return dirtyForms.size > 0;
}

/** Forgets every unsaved edit (after the person chose to leave). */
export function clearDirty(): void {
  dirtyForms.clear();
}

// ---------------------------------------------------------------------------------------------
// Drafts. A form keeps its input here, in memory only (never in localStorage, because it can
// hold names and NIKs). A draft is dropped when its form closes, except while Lintas locks:
// then the drafts wait for the unlock, so an automatic lock loses nothing.
// ---------------------------------------------------------------------------------------------

const drafts = new Map<string, unknown>();
let keepDrafts = false;

/** While true, forms that close keep their drafts (set around a lock). */
export function setKeepDrafts(keep: boolean): void {
  keepDrafts = keep;
}

/**
 * Forgets every draft and every unsaved-edit mark at once: when another operator unlocks, what
 * the last one was typing is not theirs to see.
 */
export function dropDrafts(): void {
  drafts.clear();
  dirtyForms.clear();
}

/** Whether a draft is waiting for the given key. */
export function hasDraft(key: string): boolean {
  return drafts.has(key);
}

/**
 * State that is also kept as a draft under `key`. Returns the value, a setter and a function
 * that throws the draft away and starts again from `initial`.
 */
export function useDraft<T>(key: string, initial: () => T): [T, (next: T | ((prev: T) => T)) => void, () => void] {
  const [value, setValue] = useState<T>(() => (drafts.has(key) ? (drafts.get(key) as T) : initial()));
  const set = (next: T | ((prev: T) => T)) => {
    setValue((prev) => {
      const v = typeof next === 'function' ? (next as (p: T) => T)(prev) : next;
      drafts.set(key, v);
      return v;
    });
  };
  const discard = () => {
    drafts.delete(key);
    setValue(initial());
  };
  useEffect(
    () => () => {
      if (!keepDrafts) drafts.delete(key);
    },
    [key],
  );
  return [value, set, discard];
}

// ---------------------------------------------------------------------------------------------
// Long operations. While one runs (an export to a slow USB stick, for example), the idle timer
// does not lock Lintas underneath it.
// ---------------------------------------------------------------------------------------------

let busyCount = 0;

/** Runs a long operation; Lintas does not lock itself automatically until it ends. */
export async function whileBusy<T>(work: Promise<T>): Promise<T> {
  busyCount += 1;
  try {
    return await work;
  } finally {
    busyCount -= 1;
  }
}

/** Whether a long operation is running. */
export function isBusy(): boolean {
  return busyCount > 0;
}

// ---------------------------------------------------------------------------------------------
// Settings kept on this laptop (not secret).
// ---------------------------------------------------------------------------------------------

const AUTOLOCK_KEY = 'lintas.autoLockMinutes';
export const AUTOLOCK_DEFAULT = 10;

/** Minutes of inactivity after which Lintas locks itself (1 to 120, default 10). */
export function autoLockMinutes(): number {
  try {
    const v = Number(localStorage.getItem(AUTOLOCK_KEY));
    return Number.isInteger(v) && v >= 1 && v <= 120 ? v : AUTOLOCK_DEFAULT;
  } catch {
    return AUTOLOCK_DEFAULT;
  }
}

export function setAutoLockMinutes(minutes: number): void {
  try {
    localStorage.setItem(AUTOLOCK_KEY, String(minutes));
  } catch {
    // Without storage the default applies at the next start.
  }
}
