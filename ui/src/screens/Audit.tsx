// The audit check: are the hash chains whole, and do the tables match the op log? Below it, the
// change log: who changed which kind of record, when and where, newest first and without values.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { AUDIT_PAGE_SIZE, changeDescription } from '../auditLog';
import { ErrorPanel, Notice, ScreenTitle, SubmitOrProgress } from '../components/panels';
import { useApp } from '../context';
import { formatCaseNumber, formatDateTime } from '../format';
import { t } from '../i18n';
import { regionLabel } from '../regions';
import { whileBusy } from '../state';
import { useTask } from '../task';
import type { AuditEntry, AuditResult, IpcError } from '../types';

export function AuditScreen() {
  const task = useTask<AuditResult>();
  const { result, error } = task;
  const run = () => void task.run(() => whileBusy(api.auditVerify()));

  return (
    <section class="screen">
      <ScreenTitle>{t('audit.title')}</ScreenTitle>
      <p class="lead">{t('audit.intro')}</p>
      <SubmitOrProgress id="audit-run" label={t('audit.run')} running={task.running} progress={t('audit.running')} onClick={run} />
      {result && (
        <Notice id="audit-result">{t('audit.ok', { ops: result.ops, devices: result.devices })}</Notice>
      )}
      <ErrorPanel id="audit-error" error={error} title={t('audit.failed')}>
        {error?.code === 'audit_failed' && <p>{t('audit.failedHint')}</p>}
      </ErrorPanel>
      <AuditLog />
    </section>
  );
}

/** The change log, one page of AUDIT_PAGE_SIZE changes at a time, newest first. */
function AuditLog() {
  const { lang, districtName } = useApp();
  const [offset, setOffset] = useState(0);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    let current = true;
    setEntries(null);
    setError(null);
    // One more than a page is asked for, to know whether an older page exists.
    api.auditLog(offset, AUDIT_PAGE_SIZE + 1).then(
      (page) => {
        if (!current) return;
        setMore(page.length > AUDIT_PAGE_SIZE);
        setEntries(page.slice(0, AUDIT_PAGE_SIZE));
      },
      (e: IpcError) => {
        if (current) setError(e);
      },
    );
    return () => {
      current = false;
    };
  }, [offset]);

  const shown = entries ?? [];
  return (
    <section class="card audit-log" aria-labelledby="audit-log-heading">
      <h2 id="audit-log-heading">{t('audit.logHeading')}</h2>
      <p class="hint">{t('audit.logIntro')}</p>
      <ErrorPanel id="audit-log-error" error={error} title={t('audit.logFailed')} />
      {!entries && !error && <p class="muted">{t('audit.logLoading')}</p>}
      {entries && shown.length === 0 && offset === 0 && <p class="empty">{t('audit.logEmpty')}</p>}
      {shown.length > 0 && (
        <>
          <p class="muted small" id="audit-log-range">
            {t('audit.logRange', { from: offset + 1, to: offset + shown.length })}
          </p>
          <table class="table audit-log-table" aria-describedby="audit-log-range">
            <thead>
              <tr>
                <th scope="col">{t('audit.colTime')}</th>
                <th scope="col">{t('audit.colAuthor')}</th>
                <th scope="col">{t('audit.colDistrict')}</th>
                <th scope="col">{t('audit.colCase')}</th>
                <th scope="col">{t('audit.colChange')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr key={e.op} class="audit-row" data-op={e.op} data-entity={e.entity} data-action={e.action}>
                  <td class="nowrap">
                    <time dateTime={e.at} title={formatDateTime(e.at, lang)}>
                      {formatDateTime(e.at, lang, 'short')}
                    </time>
                  </td>
                  <td>{e.author ?? <span class="muted">{t('audit.unknownAuthor')}</span>}</td>
                  <td>{e.district ? regionLabel(e.district, districtName(e.district)) : t('common.empty')}</td>
                  <td class="mono">{e.case_number ? formatCaseNumber(e.case_number) : t('common.empty')}</td>
                  <td>{changeDescription(e.entity, e.action, e.field)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {(shown.length > 0 || offset > 0) && (
        <nav class="actions" aria-label={t('audit.pages')}>
          <button
            id="audit-newer"
            type="button"
            class="secondary"
            disabled={offset === 0 || !entries}
            onClick={() => setOffset(Math.max(0, offset - AUDIT_PAGE_SIZE))}
          >
            {t('audit.newer')}
          </button>
          <button
            id="audit-older"
            type="button"
            class="secondary"
            disabled={!more || !entries}
            onClick={() => setOffset(offset + AUDIT_PAGE_SIZE)}
          >
            {t('audit.older')}
          </button>
        </nav>
      )}
    </section>
  );
}
