// Possible duplicates: two victim records that may be the same person. Nothing is merged; a
// person links the pair (reversibly) when they are sure, or records that they are not the same
// person, and the pair leaves the list. Either decision needs a reason.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorPanel, Notice, ScreenTitle } from '../components/panels';
import { useApp } from '../context';
import { formatCaseNumber, formatDistrict, formatNumber } from '../format';
import { t, tMaybe } from '../i18n';
import type { Candidate, DuplicateRecord, ShownError } from '../types';

/** The label of a reason code such as `same_nik`; unknown codes are shown as they are. */
export function reasonLabel(code: string): string {
  return tMaybe(`duplicates.reason.${code}`) ?? code;
}

function pairKey(c: Candidate): string {
  return `${c.a.person_id}~${c.b.person_id}`;
}

function RecordView({ r }: { r: DuplicateRecord }) {
  const { navigate, districtName } = useApp();
  return (
    <div class="dup-record">
      <p class="big">{r.name}</p>
      <p>
        <button type="button" class="link mono" onClick={() => navigate({ name: 'case', id: r.case_id })}>
          {formatCaseNumber(r.case_number)}
        </button>{' '}
        <span class="muted">{formatDistrict(r.district, districtName(r.district))}</span>
      </p>
    </div>
  );
}

export function DuplicatesScreen() {
  const { lang, refreshTasks } = useApp();
  const [items, setItems] = useState<Candidate[] | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<string | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () => api.duplicatesList().then(setItems, setError);
  useEffect(() => void load(), []);

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      await work();
      setMessage(done);
      refreshTasks();
      await load();
    } catch (e) {
      setError(e as ShownError);
    } finally {
      setBusy(false);
    }
  };

  /** The reason typed for a pair, or null (with the input marked and focused) when there is none. */
  const reasonFor = (c: Candidate): string | null => {
    const key = pairKey(c);
    const reason = (reasons[key] ?? '').trim();
    if (!reason) {
      setMissing(key);
      document.getElementById(`dup-reason-${key}`)?.focus();
      return null;
    }
    setMissing(null);
    return reason;
  };

  const link = (c: Candidate) => {
    const reason = reasonFor(c);
    if (reason) void run(() => api.duplicateLink(c.a.case_id, c.b.case_id, reason), t('duplicates.linked'));
  };

  const notSame = (c: Candidate) => {
    const reason = reasonFor(c);
    if (reason) void run(() => api.duplicateNotSame(c.a.case_id, c.b.case_id, reason), t('duplicates.notSameDone'));
  };

  return (
    <section class="screen">
      <ScreenTitle>{t('duplicates.title')}</ScreenTitle>
      <p class="lead">{t('duplicates.intro')}</p>
      {message && <Notice>{message}</Notice>}
      <ErrorPanel error={error} />
      {items && items.length === 0 && <p class="empty">{t('duplicates.empty')}</p>}
      {(items ?? []).map((c) => {
        const key = pairKey(c);
        const inputId = `dup-reason-${key}`;
        return (
          <article key={key} class="card duplicate-item" data-case-a={c.a.case_number} data-case-b={c.b.case_number}>
            <div class="dup-pair">
              <RecordView r={c.a} />
              <span class="dup-sep" aria-hidden="true">~</span>
              <RecordView r={c.b} />
            </div>
            <p>
              <strong>{t('duplicates.score', { score: formatNumber(c.score, lang) })}</strong> · {t('duplicates.reasons')}:{' '}
              {c.reasons.map(reasonLabel).join(', ')}
            </p>
            {c.link ? (
              <p>
                <span class="badge badge-ok">{t('duplicates.isLinked')}</span>{' '}
                <button type="button" class="duplicate-unlink secondary small" disabled={busy} onClick={() => void run(() => api.duplicateUnlink(c.link![0]), t('duplicates.unlinked'))}>
                  {t('duplicates.unlink')}
                </button>
              </p>
            ) : (
              <div class="inline-form">
                <div class="field field-grow">
                  <label for={inputId}>{t('duplicates.linkReason')}</label>
                  <input
                    id={inputId}
                    type="text"
                    autoComplete="off"
                    placeholder={t('duplicates.linkReasonPlaceholder')}
                    value={reasons[key] ?? ''}
                    aria-invalid={missing === key ? 'true' : undefined}
                    onInput={(e) => setReasons({ ...reasons, [key]: (e.currentTarget as HTMLInputElement).value })}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') {
                        e.preventDefault();
                        link(c);
                      }
                    }}
                  />
                  {missing === key && <p class="field-error">{t('duplicates.errReason')}</p>}
                </div>
                <button type="button" class="duplicate-link small" disabled={busy} onClick={() => link(c)}>
                  {t('duplicates.link')}
                </button>
                <button type="button" class="duplicate-not-same secondary small" disabled={busy} onClick={() => notSame(c)}>
                  {t('duplicates.notSame')}
                </button>
              </div>
            )}
          </article>
        );
      })}
    </section>
  );
}
