// USB exchange: write a bundle for another district, and import a bundle from one. Bundles that
// are altered, cut short or from an unknown sender are refused whole; the refusal is shown in a
// distinct panel with the backend's message, which says what to do.

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api';
import { DistrictField } from '../components/districtPicker';
import { PathField } from '../components/fields';
import { ErrorPanel, Notice, ScreenTitle, SubmitOrProgress } from '../components/panels';
import { useApp } from '../context';
import { formatBytes, formatCaseNumber, formatDistrict, formatNumber } from '../format';
import { t, tMaybe } from '../i18n';
import { can } from '../roles';
import { mayOpen } from '../routes';
import { whileBusy } from '../state';
import { useTask } from '../task';
import type { BundleHeader, ExportSummary, ImportSummary } from '../types';
import { type FieldErrors, isDistrictCode } from '../validation';

/** Errors that mean the bundle itself was refused (as opposed to, say, a full disk). */
export const BUNDLE_REFUSALS = [
  'bundle_tampered',
  'bundle_incomplete',
  'untrusted_sender',
  'revoked_sender',
  'wrong_recipient',
  'impersonation',
  'not_a_bundle',
  'bundle_version',
];

function ExportPanel() {
  const { lang, districtName } = useApp();
  const [to, setTo] = useState('');
  const [folder, setFolder] = useState('');
  const [all, setAll] = useState(false);
  const task = useTask<ExportSummary>();
  const { errors, running, result } = task;

  const submit = async (e: Event) => {
    e.preventDefault();
    const local: FieldErrors = {};
    if (!isDistrictCode(to)) local.to = t('export.errTo');
    if (!folder.trim()) local.folder = t('export.errFolder');
    if (!task.check(local, { to: 'export-to', folder: 'export-folder' })) return;
    await task.run(() => whileBusy(api.bundleExport(to.trim(), folder.trim(), all)));
  };

  return (
    <section class="card" aria-labelledby="export-heading">
      <h2 id="export-heading">{t('export.heading')}</h2>
      <form onSubmit={submit} noValidate>
        <DistrictField id="export-to" label={t('export.to')} hint={t('export.toHint')} value={to} onChange={setTo} path="to" errors={errors} disabled={running} required />
        <PathField id="export-folder" label={t('export.folder')} value={folder} onInput={setFolder} picker="folder" path="folder" errors={errors} disabled={running} required />
        <label class="check" for="export-all">
          <input id="export-all" type="checkbox" checked={all} disabled={running} onChange={(e) => setAll((e.currentTarget as HTMLInputElement).checked)} />
          <span>{t('export.all')}</span>
        </label>
        <SubmitOrProgress id="export-submit" label={t('export.submit')} running={running} progress={t('export.running')} />
      </form>
      {result && (
        <Notice id="export-result">
          <p>
            {t('export.result', {
              district: formatDistrict(result.district, districtName(result.district)),
              cases: result.cases,
              ops: result.ops,
              attachments: result.attachments,
              size: formatBytes(result.bytes, lang),
            })}
          </p>
          <p class="mono wrap">{t('export.path', { path: result.path })}</p>
        </Notice>
      )}
      <ErrorPanel id="export-error" error={task.error} title={t('export.failed')} />
    </section>
  );
}

/** Case numbers as one line, or a dash when there are none. */
function caseNumbers(numbers: string[]): string {
  return numbers.length ? numbers.map(formatCaseNumber).join(', ') : t('common.empty');
}

/** One line of a summary: a label, and a value that end-to-end tests may find by its id. */
function Row(props: { label: string; id?: string; mono?: boolean; children: ComponentChildren }) {
  return (
    <div class="defrow">
      <dt>{props.label}</dt>
      <dd id={props.id} class={props.mono ? 'mono' : undefined}>
        {props.children}
      </dd>
    </div>
  );
}

function ImportSummaryView({ s }: { s: ImportSummary }) {
  const { lang, navigate, status } = useApp();
  const n = (v: number) => formatNumber(v, lang);
  return (
    <div id="import-summary" class="panel panel-ok" role="status">
      <p class="panel-title">{t('import.summaryTitle', { name: formatDistrict(s.sender_district, s.sender_district_name) })}</p>
      <dl class="deflist">
        <Row label={t('import.new')} id="import-new" mono>
          {caseNumbers(s.new_cases)}
        </Row>
        <Row label={t('import.updated')} id="import-updated" mono>
          {caseNumbers(s.updated_cases)}
        </Row>
        <Row label={t('import.applied')}>{n(s.ops_applied)}</Row>
        <Row label={t('import.already')}>{n(s.ops_already_present)}</Row>
        <Row label={t('import.waiting')} id="import-waiting">
          {n(s.ops_waiting)}
        </Row>
        <Row label={t('import.conflicts')} id="import-conflicts">
          {n(s.conflicts)}
        </Row>
        <Row label={t('import.duplicates')} id="import-duplicates">
          {s.duplicates.length ? s.duplicates.map(([a, b]) => `${formatCaseNumber(a)} ~ ${formatCaseNumber(b)}`).join(', ') : t('common.empty')}
          {s.duplicates_unchecked > 0 && <div class="muted small" id="import-duplicates-unchecked">{t('import.duplicatesUnchecked', { n: s.duplicates_unchecked })}</div>}
        </Row>
        <Row label={t('import.referrals')}>{n(s.referrals_received)}</Row>
        <Row label={t('import.alerts')}>{n(s.alerts)}</Row>
        <Row label={t('import.refused')} id="import-refused">
          {n(s.ops_refused)}
        </Row>
        <Row label={t('import.erasureRequests')} id="import-erasure-requests">
          {n(s.erasure_requests)}
        </Row>
      </dl>
      <div class="actions">
        {s.conflicts > 0 && (
          <button type="button" class="secondary small" onClick={() => navigate({ name: 'conflicts' })}>
            {t('import.reviewConflicts')}
          </button>
        )}
        {(s.duplicates.length > 0 || s.duplicates_unchecked > 0) && (
          <button type="button" class="secondary small" onClick={() => navigate({ name: 'duplicates' })}>
            {t('import.reviewDuplicates')}
          </button>
        )}
        {(s.ops_refused > 0 || s.erasure_requests > 0) && mayOpen('alerts', status.capabilities) && (
          <button id="import-alerts" type="button" class="secondary small" onClick={() => navigate({ name: 'alerts' })}>
            {t('import.reviewAlerts')}
          </button>
        )}
      </div>
      <p class="hint">{t('import.afterHint')}</p>
    </div>
  );
}

/** The readable header of a bundle, as key and value lines (its shape is the backend's). */
function HeaderView({ header }: { header: BundleHeader }) {
  const rows = Object.entries(header).filter(([, v]) => v !== null && typeof v !== 'object');
  return (
    <div class="panel panel-info" role="status">
      <p class="panel-title">{t('import.inspectTitle')}</p>
      <dl class="deflist">
        {rows.map(([k, v]) => (
          <div class="defrow" key={k}>
            <dt class="mono">{k}</dt>
            <dd class="mono wrap">{String(v)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function ImportPanel() {
  const { navigate, refreshAlerts, refreshTasks, status } = useApp();
  const [file, setFile] = useState('');
  // An inspection gives the bundle's header, an import its summary.
  const task = useTask<{ header?: BundleHeader; summary?: ImportSummary }>();
  const { errors, running, result, error } = task;

  const run = async (what: 'inspect' | 'import') => {
    if (!task.check(file.trim() ? {} : { path: t('import.errFile') }, { path: 'import-file' })) return;
    const done = await task.run(async () =>
      what === 'inspect'
        ? { header: await whileBusy(api.bundleInspect(file.trim())) }
        : { summary: await whileBusy(api.bundleImport(file.trim())) },
    );
    // An import raises alerts (so does a bundle refused for impersonation), and may bring
    // referrals, conflicts and duplicates to the worklist.
    if (what === 'import') {
      refreshAlerts();
      refreshTasks();
    }
    if (!done) requestAnimationFrame(() => document.getElementById('import-error')?.scrollIntoView({ block: 'center' }));
  };

  const refused = !!error && BUNDLE_REFUSALS.includes(error.code);

  return (
    <section class="card" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('import.heading')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run('import');
        }}
        noValidate
      >
        <PathField id="import-file" label={t('import.file')} value={file} onInput={setFile} picker="bundle" path="path" errors={errors} disabled={running} required />
        <SubmitOrProgress id="import-submit" label={t('import.submit')} running={running} progress={t('import.running')}>
          <button id="import-inspect" type="button" class="secondary" onClick={() => void run('inspect')}>
            {t('import.inspect')}
          </button>
        </SubmitOrProgress>
      </form>
      {result?.header && <HeaderView header={result.header} />}
      {result?.summary && <ImportSummaryView s={result.summary} />}
      <ErrorPanel
        id="import-error"
        error={error}
        title={refused && error ? (tMaybe(`error.${error.code}`) ?? t('import.rejected')) : t('import.failed')}
      >
        {error && (error.code === 'untrusted_sender' || error.code === 'revoked_sender') && (
          <button type="button" class="secondary small" onClick={() => navigate({ name: 'trust' })}>
            {t('import.goTrust')}
          </button>
        )}
        {error?.code === 'impersonation' && mayOpen('alerts', status.capabilities) && (
          <button id="import-error-alerts" type="button" class="secondary small" onClick={() => navigate({ name: 'alerts' })}>
            {t('import.reviewAlerts')}
          </button>
        )}
      </ErrorPanel>
    </section>
  );
}

export function ExchangeScreen() {
  const { status } = useApp();
  return (
    <section class="screen">
      <ScreenTitle>{t('exchange.title')}</ScreenTitle>
      <p class="lead">{t('exchange.intro')}</p>
      <div class="two-col">
        {can(status.capabilities, 'export_records') && <ExportPanel />}
        {can(status.capabilities, 'import_bundles') && <ImportPanel />}
      </div>
    </section>
  );
}
