// Headings, messages and dialogs shared by the screens.

import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { pathLabel } from '../fieldLabels';
import { t, tMaybe } from '../i18n';
import type { ShownError } from '../types';
import { fieldErrorMap, type FieldErrors, unmatchedErrors } from '../validation';

/**
 * The main heading of a screen. It takes the keyboard focus when the screen opens, so that a
 * keyboard or screen-reader user starts reading at the top of the new screen.
 */
export function ScreenTitle({ children, focus = true }: { children: ComponentChildren; focus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <h1 id="screen-title" tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}

/**
 * A clearly visible error: a title (the given one, else the catalogue's `error.<code>` title
 * when it has one), the backend's message verbatim, and the field problems that no input on
 * the form shows (when `shownPaths` is given), each under the field's label, never its path.
 * `itemNumber` is the number of the list item a case section edits (its path says item 0).
 */
export function ErrorPanel(props: {
  id?: string;
  error: ShownError | null;
  title?: string;
  shownPaths?: Iterable<string>;
  itemNumber?: number;
  children?: ComponentChildren;
}) {
  const { error } = props;
  if (!error) return null;
  const others = props.shownPaths ? unmatchedErrors(fieldErrorMap(error), props.shownPaths) : [];
  return (
    <div id={props.id} class="panel panel-error" role="alert">
      <p class="panel-title">{props.title ?? tMaybe(`error.${error.code}`) ?? t('common.errorTitle')}</p>
      <p class="panel-message">{error.message}</p>
      {others.length > 0 && (
        <>
          <p>{t('common.otherErrors')}</p>
          <ul>
            {others.map(([path, message]) => (
              <li key={path} data-field={path}>
                <strong>{pathLabel(path, props.itemNumber)}</strong>: {message}
              </li>
            ))}
          </ul>
        </>
      )}
      {props.children}
    </div>
  );
}

/** A success or information message, announced politely to screen readers. */
export function Notice(props: { id?: string; kind?: 'ok' | 'info' | 'warn'; children: ComponentChildren }) {
  return (
    <div id={props.id} class={`panel panel-${props.kind ?? 'ok'}`} role="status">
      {props.children}
    </div>
  );
}

/**
 * A progress bar with a sentence saying what is happening: indeterminate, or, given `percent`
 * (0–100), a bar that fills and says how far the work is.
 */
export function Progress({ label, percent }: { label: string; percent?: number | null }) {
  if (percent === undefined || percent === null) {
    return (
      <div class="progress" role="status">
        <div class="progress-bar" aria-hidden="true">
          <div class="progress-fill" />
        </div>
        <p>{label}</p>
      </div>
    );
  }
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div class="progress" role="status">
      <div
        class="progress-bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={label}
      >
        <div class="progress-fill progress-fill-known" style={{ width: `${value}%` }} />
      </div>
      <p>{label}</p>
    </div>
  );
}

/**
 * The submit button of a form (or, with `onClick`, a plain button that starts the work),
 * followed by any other buttons, or a progress bar in their place while the work runs.
 */
export function SubmitOrProgress(props: {
  id: string;
  label: string;
  running: boolean;
  progress: string;
  /** How far the work is, in percent, when the command reports it. */
  percent?: number | null;
  onClick?: () => void;
  children?: ComponentChildren;
}) {
  return props.running ? (
    <Progress label={props.progress} percent={props.percent} />
  ) : (
    <div class="actions">
      <button id={props.id} type={props.onClick ? 'button' : 'submit'} onClick={props.onClick}>
        {props.label}
      </button>
      {props.children}
    </div>
  );
}

/**
 * A modal dialog. Focus moves into it when it opens, Tab stays inside it, Escape calls
 * `onCancel`, and focus returns to where it was when it closes.
 */
export function Modal(props: {
  id: string;
  title: string;
  onCancel: () => void;
  children: ComponentChildren;
  /** The id of the element that gets the focus first (the safe choice). */
  initialFocus?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = props.initialFocus ? document.getElementById(props.initialFocus) : null;
    (first ?? box.current)?.focus();
    return () => before?.focus?.();
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      props.onCancel();
      return;
    }
    if (e.key !== 'Tab' || !box.current) return;
    const focusable = box.current.querySelectorAll<HTMLElement>(
      'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex="0"]',
    );
    if (focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  return (
    <div class="modal-backdrop">
      <div
        id={props.id}
        class="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${props.id}-title`}
        tabIndex={-1}
        ref={box}
        onKeyDown={onKeyDown}
      >
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}

/** The dialog that asks before unsaved edits are left behind. */
export function UnsavedDialog({ onStay, onLeave }: { onStay: () => void; onLeave: () => void }) {
  return (
    <Modal id="unsaved-dialog" title={t('unsaved.title')} onCancel={onStay} initialFocus="unsaved-stay">
      <p>{t('unsaved.body')}</p>
      <div class="actions">
        <button id="unsaved-stay" type="button" onClick={onStay}>
          {t('unsaved.stay')}
        </button>
        <button id="unsaved-leave" type="button" class="danger" onClick={onLeave}>
          {t('unsaved.leave')}
        </button>
      </div>
    </Modal>
  );
}

/**
 * Focuses a control of a form that has just opened, after it was rendered — unless the person
 * has already started typing in another control: a fast typist (or a slow laptop) must not have
 * the rest of their keystrokes land in the first field.
 */
export function focusWhenOpened(target: () => HTMLElement | null | undefined): void {
  requestAnimationFrame(() => {
    const active = document.activeElement;
    if (active instanceof HTMLElement && active.matches('input, select, textarea, [contenteditable="true"]')) return;
    target()?.focus();
  });
}

/** Focuses the first invalid control of a form, after its errors were rendered. */
export function focusFirstInvalid(root: HTMLElement | null): void {
  if (!root) return;
  requestAnimationFrame(() => {
    const el = root.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (el) {
      if (el.tagName === 'FIELDSET') el.querySelector<HTMLElement>('input')?.focus();
      else el.focus();
      el.scrollIntoView?.({ block: 'center' });
    }
  });
}

/**
 * Moves the focus to the input of the first failed check of a form. `inputs` gives the id of the
 * input of each checked path, in the order of the form. Returns whether any check failed.
 */
export function focusFirstError(errors: FieldErrors, inputs: Record<string, string>): boolean {
  const first = Object.keys(inputs).find((path) => errors[path]);
  if (first) document.getElementById(inputs[first])?.focus();
  return first !== undefined;
}

/**
 * Enter in a one-line input does not submit a case form: in a long form that is far more often
 * an accident than a wish. Saving takes the save button (Enter on the button still works).
 */
export function preventEnterSubmit(e: KeyboardEvent): void {
  const target = e.target as HTMLElement;
  if (e.key === 'Enter' && target.tagName === 'INPUT' && (target as HTMLInputElement).type !== 'submit') {
    e.preventDefault();
  }
}

/** Whether a key press is Ctrl+S (Cmd+S on a Mac). */
export function isSaveShortcut(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's';
}

/**
 * The keys of a case form: Ctrl+S (Cmd+S) saves the form the focus is in, as its save button
 * would, instead of the browser's "save page"; Enter in a one-line input does not
 * (`preventEnterSubmit`).
 */
export function caseFormKeys(e: KeyboardEvent): void {
  if (isSaveShortcut(e)) {
    e.preventDefault();
    (e.currentTarget as HTMLFormElement).requestSubmit();
    return;
  }
  preventEnterSubmit(e);
}
