// The audit check: are the hash chains whole, and do the tables match the op log? Below it, two
// logs in tabs, newest first and without personal data: the change log (who changed which kind
// of record, when and where) and the access log (who opened a case or took data out, and when).

import { useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { ACCESS_PAGE_SIZE, accessActionLabel, accessTarget } from '../accessLog';
import { AUDIT_PAGE_SIZE, changeDescription } from '../auditLog';
import { ErrorPanel, Notice, ScreenTitle, SubmitOrProgress } from '../components/panels';
import { useApp } from '../context';
import { formatCaseNumber, formatDateTime } from '../format';
import { type Key, t } from '../i18n';
import { type Pages, usePages } from '../paging';
import { regionLabel } from '../regions';
import { whileBusy } from '../state';
import { useTask } from '../task';
import type { AuditResult } from '../types';

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
      <LogTabs />
    </section>
  );
}

type LogTab = 'changes' | 'access';

const TABS: { tab: LogTab; key: Key }[] = [
  { tab: 'changes', key: 'audit.logHeading' },
  { tab: 'access', key: 'access.heading' },
];

/**
 * The two logs as tabs. Only the open tab's log is loaded. The arrow keys, Home and End move
 * between the tabs, as in any tab list.
 */
function LogTabs() {
  const [tab, setTab] = useState<LogTab>('changes');
  const buttons = useRef<Record<string, HTMLButtonElement | null>>({});
  const choose = (next: LogTab) => {
    setTab(next);
    buttons.current[next]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const i = TABS.findIndex((x) => x.tab === tab);
    const to: Record<string, number> = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 };
    if (!(e.key in to)) return;
    e.preventDefault();
    choose(TABS[(to[e.key] + TABS.length) % TABS.length].tab);
  };
  return (
    <>
      <div class="tabs" role="tablist" aria-label={t('audit.tabs')} onKeyDown={onKeyDown}>
        {TABS.map((x) => (
          <button
            key={x.tab}
            id={`audit-tab-${x.tab}`}
            ref={(el) => {
              buttons.current[x.tab] = el;
            }}
            type="button"
            role="tab"
            class="tab"
            aria-selected={tab === x.tab}
            aria-controls={`audit-panel-${x.tab}`}
            tabIndex={tab === x.tab ? 0 : -1}
            onClick={() => setTab(x.tab)}
          >
            {t(x.key)}
          </button>
        ))}
      </div>
      <div id={`audit-panel-${tab}`} role="tabpanel" aria-labelledby={`audit-tab-${tab}`}>
        {tab === 'changes' ? <AuditLog /> : <AccessLog />}
      </div>
    </>
  );
}

/** The buttons to the newer and the older page of a log. */
function PageButtons(props: { idPrefix: string; label: string; pages: Pages<unknown> }) {
  const { pages } = props;
  return (
    <nav class="actions" aria-label={props.label}>
      <button
        id={`${props.idPrefix}-newer`}
        type="button"
        class="secondary"
        disabled={pages.offset === 0 || !pages.entries}
        onClick={pages.newer}
      >
        {t('audit.newer')}
      </button>
      <button
        id={`${props.idPrefix}-older`}
        type="button"
        class="secondary"
        disabled={!pages.more || !pages.entries}
        onClick={pages.older}
      >
        {t('audit.older')}
      </button>
    </nav>
  );
}

/** The change log, one page of AUDIT_PAGE_SIZE changes at a time, newest first. */
function AuditLog() {
  const { lang, districtName } = useApp();
  const pages = usePages(api.auditLog, AUDIT_PAGE_SIZE);
  const { offset, entries, error } = pages;
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
      {(shown.length > 0 || offset > 0) && <PageButtons idPrefix="audit" label={t('audit.pages')} pages={pages} />}
    </section>
  );
}

/** The access log, one page of ACCESS_PAGE_SIZE entries at a time, newest first. */
function AccessLog() {
  const { lang, districtName } = useApp();
  const pages = usePages(api.accessLog, ACCESS_PAGE_SIZE);
  const { offset, entries, error } = pages;
  const shown = entries ?? [];
  return (
    <section class="card access-log" aria-labelledby="access-log-heading">
      <h2 id="access-log-heading">{t('access.heading')}</h2>
      <p class="hint">{t('access.intro')}</p>
      <ErrorPanel id="access-log-error" error={error} title={t('access.failed')} />
      {!entries && !error && <p class="muted">{t('access.loading')}</p>}
      {entries && shown.length === 0 && offset === 0 && <p class="empty">{t('access.empty')}</p>}
      {shown.length > 0 && (
        <>
          <p class="muted small" id="access-log-range">
            {t('access.range', { from: offset + 1, to: offset + shown.length })}
          </p>
          <table class="table access-log-table" aria-describedby="access-log-range">
            <thead>
              <tr>
                <th scope="col">{t('audit.colTime')}</th>
                <th scope="col">{t('audit.colAuthor')}</th>
                <th scope="col">{t('access.colAction')}</th>
                <th scope="col">{t('access.colTarget')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr key={e.seq} class="access-row" data-seq={e.seq} data-action={e.action}>
                  <td class="nowrap">
                    <time dateTime={e.at} title={formatDateTime(e.at, lang)}>
                      {formatDateTime(e.at, lang, 'short')}
                    </time>
                  </td>
                  <td>{e.operator ?? <span class="muted">{t('audit.unknownAuthor')}</span>}</td>
                  <td>{accessActionLabel(e.action)}</td>
                  <td class={e.case_number ? 'mono' : undefined}>{accessTarget(e, districtName)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {(shown.length > 0 || offset > 0) && <PageButtons idPrefix="access" label={t('access.pages')} pages={pages} />}
    </section>
  );
}
