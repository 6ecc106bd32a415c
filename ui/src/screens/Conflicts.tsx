// Conflicts: the same sensitive field edited in two districts before they exchanged bundles.
// The versions are shown side by side; a person keeps one.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorPanel, Notice, ScreenTitle } from '../components/panels';
import { useApp } from '../context';
import { formatCaseNumber, formatDateTime, formatDistrict } from '../format';
import { t, tMaybe } from '../i18n';
import type { Conflict, ShownError } from '../types';

/** A stored value for reading: text as it is, lists joined, anything else as JSON. */
export function displayValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return t('conflicts.emptyValue');
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.length ? v.join(', ') : t('conflicts.emptyValue');
  return JSON.stringify(v);
}

/** The name of a field for people: the form's label when there is one, else the raw name. */
export function fieldLabel(field: string): string {
  const key = field.replace(/^address_/, '');
  return tMaybe(`field.${key}`) ?? field;
}

export function ConflictsScreen() {
  const { lang, navigate, districtName } = useApp();
  const [items, setItems] = useState<Conflict[] | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () => api.conflictsList().then(setItems, setError);
  useEffect(() => void load(), []);

  const keep = async (c: Conflict, op: string) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      await api.conflictResolve(c.id, op, null);
      setMessage(t('conflicts.resolved'));
      await load();
    } catch (e) {
      setError(e as ShownError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="screen">
      <ScreenTitle>{t('conflicts.title')}</ScreenTitle>
      <p class="lead">{t('conflicts.intro')}</p>
      {message && <Notice>{message}</Notice>}
      <ErrorPanel error={error} />
      {items && items.length === 0 && <p class="empty">{t('conflicts.empty')}</p>}
      {(items ?? []).map((c) => {
        const field = `${tMaybe(`entity.${c.entity}`) ?? c.entity}: ${fieldLabel(c.field)}`;
        const number = formatCaseNumber(c.case_number);
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
                  <p class="muted small">
                    {t('conflicts.by', {
                      author: v.author,
                      district: v.district ? formatDistrict(v.district, districtName(v.district)) : t('conflicts.unknownDistrict'),
                    })}
                  </p>
                  <p class="muted small">{t('conflicts.at', { time: formatDateTime(v.at_ms, lang) })}</p>
                  <button
                    type="button"
                    class="conflict-keep small"
                    disabled={busy}
                    aria-label={t('conflicts.keepLabel', { n: i + 1, field, number })}
                    onClick={() => void keep(c, v.op)}
                  >
                    {t('conflicts.keep')}
                  </button>
                </div>
              ))}
            </div>
          </article>
        );
      })}
    </section>
  );
}
