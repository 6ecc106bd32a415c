// Form controls with a visible label, an optional hint, and the backend's error for their path
// shown right below them.
//
// Every control takes the path of the record field it edits (`victim.identity_number`) and the
// map of field errors of the last save; when the map has a message for that path, the control
// is marked invalid and the message appears in a `.field-error[data-field=path]` element that the
// control points to with aria-describedby.

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { codes, FREQUENT_COUNTRIES } from '../codes';
import { pickBackup, pickBundle, pickCard, pickCsv, pickFile, pickFolder, pickSpreadsheet } from '../dialogs';
import { formatDate, parseDateInput, todayIso } from '../format';
import { getLang, type Key, t } from '../i18n';
import { passphraseStrength } from '../passphrase';
import { errorId, type FieldErrors } from '../validation';

export interface Common {
  id: string;
  label: string;
  hint?: string;
  path?: string;
  errors?: FieldErrors;
  required?: boolean;
  disabled?: boolean;
}

/** The error message for a path, as the element end-to-end tests and screen readers look for. */
export function FieldError({ path, errors }: { path?: string; errors?: FieldErrors }) {
  if (!path || !errors || !errors[path]) return null;
  return (
    <p class="field-error" data-field={path} id={errorId(path)}>
      {errors[path]}
    </p>
  );
}

export function describedBy(id: string, hint: string | undefined, path: string | undefined, errors: FieldErrors | undefined) {
  const ids: string[] = [];
  if (path && errors?.[path]) ids.push(errorId(path));
  if (hint) ids.push(`${id}-hint`);
  return ids.length ? ids.join(' ') : undefined;
}

export function Label({ id, label, required }: { id: string; label: string; required?: boolean }) {
  return (
    <label for={id}>
      {label}
      {required && <span class="required"> ({t('common.required')})</span>}
    </label>
  );
}

export function Hint({ id, hint }: { id: string; hint?: string }) {
  return hint ? (
    <p class="hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
}

export type TextFieldProps = Common & {
  value: string;
  onInput: (v: string) => void;
  type?: 'text' | 'password' | 'tel' | 'number';
  placeholder?: string;
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'tel' | 'decimal';
  multiline?: boolean;
  rows?: number;
  maxLength?: number;
  wide?: boolean;
};

export function TextField(props: TextFieldProps) {
  const { id, label, hint, path, errors, value, onInput } = props;
  const invalid = !!(path && errors?.[path]);
  const shared = {
    id,
    value,
    disabled: props.disabled,
    required: props.required,
    placeholder: props.placeholder,
    maxLength: props.maxLength,
    'aria-invalid': invalid ? ('true' as const) : undefined,
    'aria-describedby': describedBy(id, hint, path, errors),
    onInput: (e: Event) => onInput((e.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class={`field${props.wide || props.multiline ? ' field-wide' : ''}`}>
      <Label id={id} label={label} required={props.required} />
      {props.multiline ? (
        <textarea {...shared} rows={props.rows ?? 3} />
      ) : (
        <input
          {...shared}
          type={props.type ?? 'text'}
          autoComplete={props.autoComplete ?? 'off'}
          inputMode={props.inputMode}
          spellcheck={false}
        />
      )}
      <Hint id={id} hint={hint} />
      <FieldError path={path} errors={errors} />
    </div>
  );
}

/**
 * A date typed as text (YYYY-MM-DD, or the day-first form people write by hand). A native date
 * picker is avoided on purpose: its behaviour differs between webviews and it is hard to type
 * into. Below the input, the date as read is repeated in words, so a swapped day and month is
 * noticed before saving.
 */
export function DateField(props: Common & { value: string; onInput: (v: string) => void; today?: boolean }) {
  const { id, value, onInput } = props;
  const parsed = value.trim() ? parseDateInput(value) : null;
  const hint = props.hint ?? t('common.dateHint');
  return (
    <div class="field field-date">
      <Label id={id} label={props.label} required={props.required} />
      <div class="inline">
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('common.datePlaceholder')}
          value={value}
          maxLength={10}
          disabled={props.disabled}
          required={props.required}
          aria-invalid={props.path && props.errors?.[props.path] ? 'true' : undefined}
          aria-describedby={describedBy(id, hint, props.path, props.errors)}
          onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
        />
        {props.today && (
          <button type="button" class="secondary small" onClick={() => onInput(todayIso())}>
            {t('common.today')}
          </button>
        )}
      </div>
      <p class="hint" id={`${id}-hint`}>
        {value.trim()
          ? parsed
            ? t('common.dateReads', { date: formatDate(parsed, getLang()) })
            : t('common.dateUnreadable')
          : hint}
      </p>
      <FieldError path={props.path} errors={props.errors} />
    </div>
  );
}

/** A select of the codes of one list, showing their labels. */
export function CodeSelect(
  props: Common & { list: string; value: string; onChange: (v: string) => void; emptyLabel?: string },
) {
  const { id, list, value, onChange } = props;
  const entries = codes(list);
  const lang = getLang();
  const text = (c: { id: string; en: string }) => (lang === 'en' ? c.en : c.id);
  // Countries are many: the usual destinations come first, the rest sorted by label.
  const frequent = list === 'country' ? entries.filter((c) => FREQUENT_COUNTRIES.includes(c.code)) : [];
  const rest =
    list === 'country' ? [...entries].sort((a, b) => text(a).localeCompare(text(b))) : entries;
  const known = entries.some((c) => c.code === value);
  return (
    <div class="field">
      <Label id={id} label={props.label} required={props.required} />
      <select
        id={id}
        value={value}
        disabled={props.disabled}
        aria-invalid={props.path && props.errors?.[props.path] ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, props.path, props.errors)}
        onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        <option value="">{props.emptyLabel ?? t('common.choose')}</option>
        {value && !known && <option value={value}>{value}</option>}
        {frequent.length > 0 && (
          <optgroup label={t('common.frequent')}>
            {frequent.map((c) => (
              <option key={`f-${c.code}`} value={c.code}>
                {text(c)}
              </option>
            ))}
          </optgroup>
        )}
        {frequent.length > 0 ? (
          <optgroup label={t('common.alphabetical')}>
            {rest.map((c) => (
              <option key={c.code} value={c.code}>
                {text(c)}
              </option>
            ))}
          </optgroup>
        ) : (
          rest.map((c) => (
            <option key={c.code} value={c.code}>
              {text(c)}
            </option>
          ))
        )}
      </select>
      <Hint id={id} hint={props.hint} />
      <FieldError path={props.path} errors={props.errors} />
    </div>
  );
}

/** A group of checkboxes for a list field (several codes may apply). */
export function CodeChecks(
  props: Omit<Common, 'id'> & { idPrefix: string; list: string; values: string[]; onChange: (v: string[]) => void },
) {
  const { idPrefix, list, values, onChange, path, errors } = props;
  const lang = getLang();
  const toggle = (code: string, on: boolean) =>
    onChange(on ? [...values.filter((v) => v !== code), code] : values.filter((v) => v !== code));
  return (
    <fieldset
      class="field field-wide checks"
      aria-invalid={path && errors?.[path] ? 'true' : undefined}
      aria-describedby={path && errors?.[path] ? errorId(path) : undefined}
    >
      <legend>{props.label}</legend>
      <div class="check-grid">
        {codes(list).map((c) => {
          const id = `${idPrefix}-${c.code}`;
          return (
            <label key={c.code} class="check" for={id}>
              <input
                id={id}
                type="checkbox"
                checked={values.includes(c.code)}
                disabled={props.disabled}
                onChange={(e) => toggle(c.code, (e.currentTarget as HTMLInputElement).checked)}
              />
              <span>{lang === 'en' ? c.en : c.id}</span>
            </label>
          );
        })}
      </div>
      {props.hint && <p class="hint">{props.hint}</p>}
      <FieldError path={path} errors={errors} />
    </fieldset>
  );
}

/** One checkbox with its label to the right. */
export function CheckField(props: Common & { checked: boolean; onChange: (v: boolean) => void }) {
  const { id, path, errors } = props;
  return (
    <div class="field field-wide">
      <label class="check" for={id}>
        <input
          id={id}
          type="checkbox"
          checked={props.checked}
          disabled={props.disabled}
          aria-invalid={path && errors?.[path] ? 'true' : undefined}
          aria-describedby={describedBy(id, props.hint, path, errors)}
          onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)}
        />
        <span>{props.label}</span>
      </label>
      <Hint id={id} hint={props.hint} />
      <FieldError path={path} errors={errors} />
    </div>
  );
}

/** The native pickers a path field can offer, each with the label of its button. */
const PICKERS = {
  folder: { pick: pickFolder, browse: 'export.folderBrowse' },
  bundle: { pick: pickBundle, browse: 'import.fileBrowse' },
  card: { pick: pickCard, browse: 'import.fileBrowse' },
  csv: { pick: pickCsv, browse: 'reference.fileBrowse' },
  backup: { pick: pickBackup, browse: 'reference.fileBrowse' },
  spreadsheet: { pick: pickSpreadsheet, browse: 'import.fileBrowse' },
  file: { pick: pickFile, browse: 'import.fileBrowse' },
} satisfies Record<string, { pick: () => Promise<string | null>; browse: Key }>;

/**
 * A path on disk: typed, or chosen with the native picker of the given kind (a folder, a bundle,
 * an identity card, a CSV file, a backup or any file). If the picker cannot open, its message
 * appears under the input and typing still works.
 */
export function PathField(
  props: Common & {
    value: string;
    onInput: (v: string) => void;
    picker: keyof typeof PICKERS;
  },
) {
  const [pickerError, setPickerError] = useState<string | null>(null);
  const { pick, browse: browseLabel } = PICKERS[props.picker];
  const browse = async () => {
    setPickerError(null);
    try {
      const chosen = await pick();
      if (chosen) props.onInput(chosen);
    } catch (e) {
      setPickerError((e as { message?: string }).message ?? String(e));
    }
  };
  return (
    <div class="field field-wide">
      <Label id={props.id} label={props.label} required={props.required} />
      <div class="inline">
        <input
          id={props.id}
          type="text"
          class="path"
          value={props.value}
          disabled={props.disabled}
          autoComplete="off"
          spellcheck={false}
          aria-invalid={props.path && props.errors?.[props.path] ? 'true' : undefined}
          aria-describedby={describedBy(props.id, props.hint, props.path, props.errors)}
          onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="button" class="secondary" disabled={props.disabled} onClick={browse}>
          {t(browseLabel)}
        </button>
      </div>
      <Hint id={props.id} hint={props.hint} />
      {pickerError && <p class="hint warn">{pickerError}</p>}
      <FieldError path={props.path} errors={props.errors} />
    </div>
  );
}

/** A short list of label/value pairs, for showing a record. Empty values show a dash. */
export function DefList({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="deflist">
      {rows.map(([k, v]) => (
        <div key={k} class="defrow">
          <dt>{k}</dt>
          <dd>{v === '' || v === null || v === undefined ? t('common.empty') : v}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * How strong a new passphrase looks, as a three-step meter and a sentence, announced politely
 * while it is typed. Nothing is shown before the first character.
 */
export function PassphraseStrength({ value }: { value: string }) {
  if (!value) return null;
  const strength = passphraseStrength(value);
  return (
    <div class={`strength strength-${strength}`} aria-live="polite">
      <span class="strength-meter" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      <span>
        {t('strength.label')}: {t(`strength.${strength}` as Key, { count: [...value].length })}
      </span>
    </div>
  );
}
