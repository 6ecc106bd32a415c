// USB exchange: write a bundle for another district, and import a bundle from one. Bundles that
// are altered, cut short or from an unknown sender are refused whole; the refusal is shown in a
// distinct panel with the backend's message, which says what to do.

import { useState } from 'preact/hooks';
import { api } from '../api';
import { PathField, TextField } from '../components/fields';
import { ErrorPanel, Notice, Progress, ScreenTitle } from '../components/panels';
import { useApp } from '../context';
import { pickBundle, pickFolder } from '../dialogs';
import { formatBytes, formatCaseNumber, formatDistrict, formatNumber } from '../format';
import { t } from '../i18n';
import { whileBusy } from '../state';
import type { BundleHeader, ExportSummary, ImportSummary, IpcError } from '../types';
import { type FieldErrors, isDistrictCode } from '../validation';

/** Errors that mean the bundle itself was refused (as opposed to, say, a full disk). */
export const BUNDLE_REFUSALS = [
  'bundle_tampered',
  'bundle_incomplete',
  'untrusted_sender',
  'revoked_sender',
  'wrong_recipient',
  'not_a_bundle',
  'bundle_version',
];

function ExportPanel() {
  const { lang, districtName } = useApp();
  const [to, setTo] = useState('');
  const [folder, setFolder] = useState('');
  const [all, setAll] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pickerError, setPickerError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ExportSummary | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const local: FieldErrors = {};
    if (!isDistrictCode(to)) local.to = t('export.errTo');
    if (!folder.trim()) local.folder = t('export.errFolder');
    setErrors(local);
    if (Object.keys(local).length > 0) {
      document.getElementById(local.to ? 'export-to' : 'export-folder')?.focus();
      return;
    }
    setRunning(true);
    setResult(null);
    setError(null);
    try {
      setResult(await whileBusy(api.bundleExport(to.trim(), folder.trim(), all)));
    } catch (err) {
      setError(err as IpcError);
    } finally {
      setRunning(false);
    }
  };

  return (
    <section class="card" aria-labelledby="export-heading">
      <h2 id="export-heading">{t('export.heading')}</h2>
      <form onSubmit={submit} noValidate>
        <TextField id="export-to" label={t('export.to')} hint={t('export.toHint')} value={to} onInput={setTo} path="to" errors={errors} placeholder="53.03" inputMode="decimal" disabled={running} required />
        <PathField
          id="export-folder"
          label={t('export.folder')}
          value={folder}
          onInput={setFolder}
          browseLabel={t('export.folderBrowse')}
          onBrowse={pickFolder}
          pickerError={pickerError}
          onPickerError={setPickerError}
          path="folder"
          errors={errors}
          disabled={running}
          required
        />
        <label class="check" for="export-all">
          <input id="export-all" type="checkbox" checked={all} disabled={running} onChange={(e) => setAll((e.currentTarget as HTMLInputElement).checked)} />
          <span>{t('export.all')}</span>
        </label>
        {running ? (
          <Progress label={t('export.running')} />
        ) : (
          <div class="actions">
            <button id="export-submit" type="submit">
              {t('export.submit')}
            </button>
          </div>
        )}
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
      <ErrorPanel id="export-error" error={error} title={t('export.failed')} />
    </section>
  );
}

function CaseNumbers({ id, numbers }: { id: string; numbers: string[] }) {
  return (
    <dd id={id} class="mono">
      {numbers.length ? numbers.map(formatCaseNumber).join(', ') : t('common.empty')}
    </dd>
  );
}

function ImportSummaryView({ s }: { s: ImportSummary }) {
  const { lang, navigate } = useApp();
  const n = (v: number) => formatNumber(v, lang);
  return (
    <div id="import-summary" class="panel panel-ok" role="status">
      <p class="panel-title">{t('import.summaryTitle', { name: formatDistrict(s.sender_district, s.sender_district_name) })}</p>
      <dl class="deflist">
        <div class="defrow">
          <dt>{t('import.new')}</dt>
          <CaseNumbers id="import-new" numbers={s.new_cases} />
        </div>
        <div class="defrow">
          <dt>{t('import.updated')}</dt>
          <CaseNumbers id="import-updated" numbers={s.updated_cases} />
        </div>
        <div class="defrow">
          <dt>{t('import.applied')}</dt>
          <dd>{n(s.ops_applied)}</dd>
        </div>
        <div class="defrow">
          <dt>{t('import.already')}</dt>
          <dd>{n(s.ops_already_present)}</dd>
        </div>
        <div class="defrow">
          <dt>{t('import.waiting')}</dt>
          <dd id="import-waiting">{n(s.ops_waiting)}</dd>
        </div>
        <div class="defrow">
          <dt>{t('import.conflicts')}</dt>
          <dd id="import-conflicts">{n(s.conflicts)}</dd>
        </div>
        <div class="defrow">
          <dt>{t('import.duplicates')}</dt>
          <dd id="import-duplicates">
            {s.duplicates.length ? s.duplicates.map(([a, b]) => `${formatCaseNumber(a)} ~ ${formatCaseNumber(b)}`).join(', ') : t('common.empty')}
          </dd>
        </div>
        <div class="defrow">
          <dt>{t('import.referrals')}</dt>
          <dd>{n(s.referrals_received)}</dd>
        </div>
        <div class="defrow">
          <dt>{t('import.alerts')}</dt>
          <dd>{n(s.alerts)}</dd>
        </div>
      </dl>
      <div class="actions">
        {s.conflicts > 0 && (
          <button type="button" class="secondary small" onClick={() => navigate({ name: 'conflicts' })}>
            {t('import.reviewConflicts')}
          </button>
        )}
        {s.duplicates.length > 0 && (
          <button type="button" class="secondary small" onClick={() => navigate({ name: 'duplicates' })}>
            {t('import.reviewDuplicates')}
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
  const { navigate } = useApp();
  const [file, setFile] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pickerError, setPickerError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [header, setHeader] = useState<BundleHeader | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  const run = async (what: 'inspect' | 'import') => {
    if (!file.trim()) {
      setErrors({ path: t('import.errFile') });
      document.getElementById('import-file')?.focus();
      return;
    }
    setErrors({});
    setRunning(true);
    setSummary(null);
    setHeader(null);
    setError(null);
    try {
      if (what === 'inspect') setHeader(await whileBusy(api.bundleInspect(file.trim())));
      else setSummary(await whileBusy(api.bundleImport(file.trim())));
    } catch (err) {
      setError(err as IpcError);
      requestAnimationFrame(() => document.getElementById('import-error')?.scrollIntoView({ block: 'center' }));
    } finally {
      setRunning(false);
    }
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
        <PathField
          id="import-file"
          label={t('import.file')}
          value={file}
          onInput={setFile}
          browseLabel={t('import.fileBrowse')}
          onBrowse={pickBundle}
          pickerError={pickerError}
          onPickerError={setPickerError}
          path="path"
          errors={errors}
          disabled={running}
          required
        />
        {running ? (
          <Progress label={t('import.running')} />
        ) : (
          <div class="actions">
            <button id="import-submit" type="submit">
              {t('import.submit')}
            </button>
            <button id="import-inspect" type="button" class="secondary" onClick={() => void run('inspect')}>
              {t('import.inspect')}
            </button>
          </div>
        )}
      </form>
      {header && <HeaderView header={header} />}
      {summary && <ImportSummaryView s={summary} />}
      <ErrorPanel id="import-error" error={error} title={refused ? t('import.rejected') : t('import.failed')}>
        {error && (error.code === 'untrusted_sender' || error.code === 'revoked_sender') && (
          <button type="button" class="secondary small" onClick={() => navigate({ name: 'trust' })}>
            {t('import.goTrust')}
          </button>
        )}
      </ErrorPanel>
    </section>
  );
}

export function ExchangeScreen() {
  return (
    <section class="screen">
      <ScreenTitle>{t('exchange.title')}</ScreenTitle>
      <p class="lead">{t('exchange.intro')}</p>
      <div class="two-col">
        <ExportPanel />
        <ImportPanel />
      </div>
    </section>
  );
}
