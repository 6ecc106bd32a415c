// Building blocks of the case screen: a section with its heading, and the edit-form logic that
// every editable section shares (draft, unsaved-edit guard, save with field errors).

import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { focusFirstInvalid } from '../../components/panels';
import { t } from '../../i18n';
import { hasDraft, useDirty, useDraft } from '../../state';
import type { CaseDoc, IpcError, Updated } from '../../types';
import { fieldErrorMap, type FieldErrors, foldListErrors } from '../../validation';
import { LIST_PATHS } from './CaseFields';

/** One section of the case screen, with a heading that the section index can jump to. */
export function CaseSection(props: { id: string; title: string; actions?: ComponentChildren; children: ComponentChildren }) {
  return (
    <section id={props.id} class="case-section" aria-labelledby={`${props.id}-title`}>
      <div class="section-head">
        <h2 id={`${props.id}-title`} tabIndex={-1}>
          {props.title}
        </h2>
        {props.actions && <div class="section-actions">{props.actions}</div>}
      </div>
      {props.children}
    </section>
  );
}

/** The message after a save: how many changes were written. */
export function savedMessage(u: Updated): string {
  return u.changes > 0 ? t('case.saved', { changes: u.changes }) : t('case.savedNone');
}

/**
 * Saving a partial case document, with the errors of the last attempt. `save` resolves to the
 * result, or to null when the backend refused (the errors are then set).
 */
export function useCaseSave(caseId: string) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const root = useRef<HTMLFormElement>(null);
  const errors: FieldErrors = foldListErrors(fieldErrorMap(error), LIST_PATHS);

  const save = async (doc: CaseDoc): Promise<Updated | null> => {
    setSaving(true);
    setError(null);
    try {
      return await api.caseUpdate(caseId, doc);
    } catch (e) {
      const ipc = e as IpcError;
      setError(ipc);
      if (ipc.fields.length > 0) focusFirstInvalid(root.current);
      return null;
    } finally {
      setSaving(false);
    }
  };

  return { saving, error, errors, save, root, clearError: () => setError(null) };
}

/**
 * An edit form of one section: opened with the current values, kept as a draft while Lintas is
 * locked, guarded against leaving with unsaved edits, closed after a save.
 *
 * `diff` turns the form into the partial document to send, or null when nothing changed.
 */
export function useSectionEdit<F>(opts: {
  caseId: string;
  name: string;
  init: () => F;
  diff: (form: F) => CaseDoc | null;
  onSaved: (u: Updated | null) => void;
}) {
  const draftKey = `case:${opts.caseId}:${opts.name}`;
  // A draft left by a lock reopens the form as it was.
  const [editing, setEditing] = useState(() => hasDraft(draftKey));
  const [form, setForm, discard] = useDraft<F>(draftKey, opts.init);
  const saver = useCaseSave(opts.caseId);
  const changed = editing && opts.diff(form) !== null;
  const markClean = useDirty(changed);

  /** Opens the form with the current values, or with `initial` when given. */
  const open = (initial?: F) => {
    discard();
    if (initial) setForm(initial);
    saver.clearError();
    setEditing(true);
    requestAnimationFrame(() => saver.root.current?.querySelector<HTMLElement>('input, select, textarea')?.focus());
  };
  const close = () => {
    discard();
    saver.clearError();
    markClean();
    setEditing(false);
  };
  const set = (patch: Partial<F>) => setForm((f) => ({ ...f, ...patch }));
  const submit = async (e: Event) => {
    e.preventDefault();
    const doc = opts.diff(form);
    if (doc === null) {
      close();
      opts.onSaved(null);
      return;
    }
    const res = await saver.save(doc);
    if (res) {
      close();
      opts.onSaved(res);
    }
  };

  return { editing, form, set, open, close, submit, ...saver };
}

/** Returns the document, or null if it holds no keys (nothing changed). */
export function nonEmpty(doc: CaseDoc): CaseDoc | null {
  return Object.keys(doc).length > 0 ? doc : null;
}
