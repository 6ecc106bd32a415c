// Conflicts: the same sensitive field edited in two districts before they exchanged bundles.
// The versions are shown side by side, each with who wrote it, where and when, under whose field
// it is ("Korban — Nomor telepon"); a reviewer keeps one, or types the value that is right.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { dateOut, splitNames } from '../caseForm';
import { DistrictField } from '../components/districtPicker';
import { CodeSelect, DateField, TextField } from '../components/fields';
import { ErrorPanel, Notice, ScreenTitle } from '../components/panels';
import { useApp } from '../context';
import { recordFieldLabel } from '../fieldLabels';
import { formatCaseNumber, formatDateTime, formatDistrict } from '../format';
import { t, tMaybe } from '../i18n';
import type { Conflict, ConflictVersion, ShownError } from '../types';
import type { FieldErrors } from '../validation';

/** A stored value for reading: text as it is, lists joined, anything else as JSON. */
export function displayValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return t('conflicts.emptyValue');
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.length ? v.join(', ') : t('conflicts.emptyValue');
  return JSON.stringify(v);
}

/**
 * What a conflict is about, in words: whose field it is (the victim's, a witness's…, or the
 * kind of record) and the field's label, never its raw name: "Korban — Nomor telepon".
 */
export function conflictSubject(c: Conflict): string {
  const whose = (c.part && tMaybe(`conflicts.part.${c.part}`)) || tMaybe(`entity.${c.entity}`) || t('field.unknown');
  return `${whose} — ${recordFieldLabel(c.entity, c.field)}`;
}

/** Who wrote a version: the operator's name and the district's, or their codes when unknown. */
export function versionAuthor(v: ConflictVersion, districtName: (code: string) => string | null): string {
  const district = v.district
    ? formatDistrict(v.district, v.district_name ?? districtName(v.district))
    : t('conflicts.unknownDistrict');
  return t('conflicts.by', { author: v.author_name ?? v.author, district });
}

/** The code list of a person's field that holds codes, for choosing a corrected value. */
const CODE_FIELDS: Record<string, string> = { gender: 'gender', citizenship: 'country', address_province: 'province' };

/** A corrected value as typed, in the shape the field holds: a list, a date, or text. */
export function correctedValue(c: Conflict, text: string): unknown {
  const s = text.trim();
  if (c.field === 'citizenship') return s ? [s] : [];
  if (c.versions.some((v) => Array.isArray(v.value))) return splitNames(s);
  if (c.field.endsWith('date') || c.field === 'birthdate') return dateOut(s);
  return s;
}

/** The input of a corrected value, fitted to the field: a code list, a district, a date or text. */
function CorrectionInput(props: { id: string; c: Conflict; value: string; onChange: (v: string) => void; error?: string }) {
  const { id, c, value, onChange } = props;
  const label = t('conflicts.value', { field: recordFieldLabel(c.entity, c.field) });
  // The message of a missing value is shown under the input, as the forms show theirs.
  const errors: FieldErrors = props.error ? { [id]: props.error } : {};
  const list = CODE_FIELDS[c.field];
  if (list) return <CodeSelect id={id} label={label} list={list} value={value} onChange={onChange} path={id} errors={errors} />;
  if (c.field === 'address_regency') return <DistrictField id={id} label={label} value={value} onChange={onChange} path={id} errors={errors} />;
  if (c.field === 'birthdate' || c.field.endsWith('date')) return <DateField id={id} label={label} value={value} onInput={onChange} path={id} errors={errors} />;
  return <TextField id={id} label={label} value={value} onInput={onChange} path={id} errors={errors} />;
}

export function ConflictsScreen() {
  const { lang, navigate, districtName, refreshTasks } = useApp();
  const [items, setItems] = useState<Conflict[] | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Corrected values being typed, by conflict id, and the conflict whose value is missing.
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<string | null>(null);

  const load = () => api.conflictsList().then(setItems, setError);
  useEffect(() => void load(), []);

  const resolve = async (c: Conflict, keep: string | null, value: unknown) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      await api.conflictResolve(c.id, keep, value);
      setMessage(t('conflicts.resolved'));
      refreshTasks();
      await load();
    } catch (e) {
      setError(e as ShownError);
    } finally {
      setBusy(false);
    }
  };

  const saveTyped = (c: Conflict, inputId: string) => {
    const text = typed[c.id] ?? '';
    if (!text.trim()) {
      setMissing(c.id);
      document.getElementById(inputId)?.focus();
      return;
    }
    setMissing(null);
    void resolve(c, null, correctedValue(c, text));
  };

  return (
    <section class="screen">
      <ScreenTitle>{t('conflicts.title')}</ScreenTitle>
      <p class="lead">{t('conflicts.intro')}</p>
      {message && <Notice>{message}</Notice>}
      <ErrorPanel error={error} />
      {items && items.length === 0 && <p class="empty">{t('conflicts.empty')}</p>}
      {(items ?? []).map((c, n) => {
        const field = conflictSubject(c);
        const number = formatCaseNumber(c.case_number);
        const inputId = `conflict-${n}-value`;
        return (
          <article key={c.id} class="card conflict-item" data-id={c.id}>
            <header class="item-head">
              <button type="button" class="link mono" onClick={() => navigate({ name: 'case', id: c.case_id })}>
                {number}
              </button>{' '}
              <strong>{t('conflicts.field', { field })}</strong>
            </header>
            <div class="versions">
              {c.versions.map((v, i) => (
                <div key={v.op} class={`version${v.provisional ? ' provisional' : ''}`} data-op={v.op}>
                  <h3>
                    {t('conflicts.version', { n: i + 1 })}
                    {v.provisional && <span class="badge badge-warn">{t('conflicts.provisional')}</span>}
                  </h3>
                  <p class="version-value prewrap">{displayValue(v.value)}</p>
                  <p class="muted small version-author">{versionAuthor(v, districtName)}</p>
                  <p class="muted small">{t('conflicts.at', { time: formatDateTime(v.at_ms, lang) })}</p>
                  <button
                    type="button"
                    class="conflict-keep small"
                    disabled={busy}
                    aria-label={t('conflicts.keepLabel', { n: i + 1, field, number })}
                    onClick={() => void resolve(c, v.op, null)}
                  >
                    {t('conflicts.keep')}
                  </button>
                </div>
              ))}
            </div>
            <div class="inline-form conflict-correct">
              <div class="field-grow">
                <CorrectionInput
                  id={inputId}
                  c={c}
                  value={typed[c.id] ?? ''}
                  onChange={(v) => setTyped({ ...typed, [c.id]: v })}
                  error={missing === c.id ? t('conflicts.errValue') : undefined}
                />
              </div>
              <button
                id={`conflict-${n}-save`}
                type="button"
                class="conflict-custom secondary small"
                disabled={busy}
                aria-label={t('conflicts.useTypedLabel', { field, number })}
                onClick={() => saveTyped(c, inputId)}
              >
                {t('conflicts.useTyped')}
              </button>
            </div>
          </article>
        );
      })}
    </section>
  );
}
