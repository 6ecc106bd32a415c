// Building blocks of the case screen: a section with its heading, the edit form that every
// editable section shares (draft, unsaved-edit guard, save with field errors, save and cancel,
// Ctrl+S), and the adding and editing of one item of a list (a witness, an event, a service, a
// plan, an assessment).

import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { coreDiff, coreFromDoc, type CoreForm, type ItemList } from '../../caseForm';
import { caseFormKeys, ErrorPanel, focusFirstInvalid, focusWhenOpened, Notice } from '../../components/panels';
import { useApp } from '../../context';
import { t } from '../../i18n';
import { canWrite } from '../../roles';
import { hasDraft, useDirty, useDraft } from '../../state';
import type { CaseDoc, EntityKind, ShownError, Updated } from '../../types';
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
  const [error, setError] = useState<ShownError | null>(null);
  const root = useRef<HTMLFormElement>(null);
  const errors: FieldErrors = foldListErrors(fieldErrorMap(error), LIST_PATHS);

  const save = async (doc: CaseDoc): Promise<Updated | null> => {
    setSaving(true);
    setError(null);
    try {
      return await api.caseUpdate(caseId, doc);
    } catch (e) {
      const ipc = e as ShownError;
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
 * `diff` turns the form into the partial document to send, or null when nothing changed. After
 * a save (or a save with nothing to send), `message` says what happened and `onChanged` reloads
 * the case; `savedText` words the message of a save that sent something.
 */
export function useSectionEdit<F>(opts: {
  caseId: string;
  name: string;
  init: () => F;
  diff: (form: F) => CaseDoc | null;
  onChanged: () => void;
  savedText?: (u: Updated) => string;
}) {
  const draftKey = `case:${opts.caseId}:${opts.name}`;
  // A draft left by a lock reopens the form as it was.
  const [editing, setEditing] = useState(() => hasDraft(draftKey));
  const [form, setForm, discard] = useDraft<F>(draftKey, opts.init);
  const [message, setMessage] = useState<string | null>(null);
  const saver = useCaseSave(opts.caseId);
  const { refreshTasks } = useApp();
  const changed = editing && opts.diff(form) !== null;
  const markClean = useDirty(changed);

  /** Opens the form with the current values, or with `initial` when given. */
  const open = (initial?: F) => {
    setMessage(null);
    discard();
    if (initial) setForm(initial);
    saver.clearError();
    setEditing(true);
    focusWhenOpened(() => saver.root.current?.querySelector<HTMLElement>('input, select, textarea'));
  };
  const close = () => {
    discard();
    saver.clearError();
    markClean();
    setEditing(false);
  };
  const saved = (u: Updated | null) => {
    setMessage(u ? (opts.savedText ?? savedMessage)(u) : t('case.savedNone'));
    opts.onChanged();
    // A visit done, a plan finished or an assessment added changes what waits in the worklist.
    if (u) refreshTasks();
  };
  const set = (patch: Partial<F>) => setForm((f) => ({ ...f, ...patch }));
  const submit = async (e: Event) => {
    e.preventDefault();
    // Ctrl+S submits without the (disabled) button: one save at a time.
    if (saver.saving) return;
    const doc = opts.diff(form);
    if (doc === null) {
      close();
      saved(null);
      return;
    }
    const res = await saver.save(doc);
    if (res) {
      close();
      saved(res);
    }
  };

  return { editing, form, set, open, close, submit, message, ...saver };
}

export type SectionEdit<F> = ReturnType<typeof useSectionEdit<F>>;

/**
 * The edit form of a section: its inputs, the errors that no input shows, and the save and
 * cancel buttons.
 */
export function SectionForm<F>(props: {
  edit: SectionEdit<F>;
  shownPaths: string[];
  class?: string;
  saveId?: string;
  saveLabel?: string;
  /** The number of the list item the form edits, for the labels of its errors. */
  itemNumber?: number;
  children: ComponentChildren;
}) {
  const { edit } = props;
  return (
    <form class={props.class} ref={edit.root} onSubmit={edit.submit} onKeyDown={caseFormKeys} noValidate>
      {props.children}
      <ErrorPanel error={edit.error} shownPaths={props.shownPaths} itemNumber={props.itemNumber} />
      <div class="actions">
        <button id={props.saveId} type="submit" disabled={edit.saving} title={t('case.saveKeys')} aria-keyshortcuts="Control+S Meta+S">
          {edit.saving ? t('common.saving') : (props.saveLabel ?? t('common.save'))}
        </button>
        <button type="button" class="secondary" disabled={edit.saving} onClick={edit.close}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Whether the operator working now may create and change records of this kind. */
export function useCanWrite(kind: EntityKind): boolean {
  return canWrite(useApp().status.capabilities, kind);
}

/**
 * A section whose values are edited in place: an edit button in its heading (for a role that
 * may write records of `kind`), the message of the last save, and either the values (`view`) or
 * the edit form with the inputs (`fields`). Any children follow below both.
 */
export function EditableSection<F>(props: {
  id: string;
  title: string;
  kind: EntityKind;
  /** More buttons for the heading, after the edit button. */
  actions?: ComponentChildren;
  editId: string;
  editLabel: string;
  edit: SectionEdit<F>;
  shownPaths: string[];
  fields: ComponentChildren;
  view: ComponentChildren;
  children?: ComponentChildren;
}) {
  const { edit } = props;
  const writes = useCanWrite(props.kind);
  return (
    <CaseSection
      id={props.id}
      title={props.title}
      actions={
        !edit.editing &&
        (writes || props.actions) && (
          <>
            {writes && (
              <button id={props.editId} type="button" class="secondary small" onClick={() => edit.open()}>
                {props.editLabel}
              </button>
            )}
            {props.actions}
          </>
        )
      }
    >
      {edit.message && <Notice>{edit.message}</Notice>}
      {edit.editing ? (
        <SectionForm edit={edit} shownPaths={props.shownPaths}>
          {props.fields}
        </SectionForm>
      ) : (
        props.view
      )}
      {props.children}
    </CaseSection>
  );
}

/** Returns the document, or null if it holds no keys (nothing changed). */
export function nonEmpty(doc: CaseDoc): CaseDoc | null {
  return Object.keys(doc).length > 0 ? doc : null;
}

/**
 * An edit form of the core fields of a case (status, intake, exploitation). The sections that
 * edit them each show a part of the fields, under their own draft `name`.
 */
export function useCoreEdit(doc: CaseDoc, name: string, onChanged: () => void) {
  return useSectionEdit<CoreForm>({
    caseId: doc.id ?? '',
    name,
    init: () => coreFromDoc(doc),
    diff: (f) => nonEmpty(coreDiff(doc, f)),
    onChanged,
  });
}

/**
 * Adding or editing one item of a list of the case (a witness, an event, a service). The form
 * holds the item's `list` and `id` (null for a new item); `toDoc` turns it into the item to send
 * (for an existing one, its changes and its id). Opening the form and typing nothing is not an
 * edit. The item is sent as the only one of its list, so the errors of its fields come back
 * under `<list>[0]`: `prefix` gives that path, `itemNumber` the item's number on screen.
 */
export function useItemEdit<L extends ItemList, T extends { id?: string }, F extends { list: L; id: string | null }>(opts: {
  doc: CaseDoc;
  name: string;
  /** The list a form starts on before any button chose one. */
  defaultList: L;
  items: (list: L) => T[];
  blank: (list: L) => F;
  fromItem: (list: L, item: T) => F;
  toDoc: (form: F, orig: T | undefined) => T | null;
  onChanged: () => void;
}) {
  const original = (f: F) => (f.id ? opts.items(f.list).find((i) => i.id === f.id) : undefined);
  const edit = useSectionEdit<F>({
    caseId: opts.doc.id ?? '',
    name: opts.name,
    init: () => opts.blank(opts.defaultList),
    diff: (f) => {
      const orig = original(f);
      const base = orig ? opts.fromItem(f.list, orig) : opts.blank(f.list);
      if (JSON.stringify(f) === JSON.stringify(base)) return null;
      const item = opts.toDoc(f, orig);
      return item ? ({ [f.list]: [item] } as CaseDoc) : null;
    },
    onChanged: opts.onChanged,
  });
  const items = opts.items(edit.form.list);
  const at = edit.form.id ? items.findIndex((i) => i.id === edit.form.id) : -1;
  return {
    ...edit,
    /** Opens the form for a new item of `list`. */
    openNew: (list: L) => edit.open(opts.blank(list)),
    /** Opens the form on an item of `list`. */
    openItem: (list: L, item: T) => edit.open(opts.fromItem(list, item)),
    /** The path of the item sent, which the backend's errors name. */
    prefix: `${edit.form.list}[0]`,
    /** The item's number in its list as shown (a new item comes last). */
    itemNumber: at >= 0 ? at + 1 : items.length + 1,
  };
}

/**
 * The button of a list item that opens its edit form, named for screen readers by the item
 * ("Ubah data Saksi 2").
 */
export function EditItemButton(props: { item: string; onClick: () => void }) {
  return (
    <button type="button" class="secondary small edit-item" aria-label={t('case.editItemLabel', { item: props.item })} onClick={props.onClick}>
      {t('common.edit')}
    </button>
  );
}
