// Cases from a spreadsheet, and every case out to one. A file (the HTCDS Excel toolkit, or a CSV
// with HTCDS column names or labels) is checked first: the check writes nothing and reports the
// rows that can be imported, each problem by row and column (never a value: the core sends
// none), the victims that may be known already and the columns not read. Only then does the
// person import the rows without problems, or leave it. The export writes a workbook in the
// HTCDS layout into a folder.

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api';
import { PathField } from '../components/fields';
import { ErrorPanel, focusFirstError, Notice, ScreenTitle, SubmitOrProgress } from '../components/panels';
import { useApp } from '../context';
import { formatCaseNumber, formatNumber } from '../format';
import { t } from '../i18n';
import { problemText } from '../i18n/errors';
import { can } from '../roles';
import { mayImportSheets } from '../routes';
import { whileBusy } from '../state';
import { useTask } from '../task';
import type { ShownError, SpreadsheetReport, SpreadsheetWritten } from '../types';
import type { FieldErrors } from '../validation';

/** One line of the summary, with the id end-to-end tests find its number by. */
function Count(props: { label: string; id: string; children: ComponentChildren }) {
  return (
    <div class="defrow">
      <dt>{props.label}</dt>
      <dd id={props.id}>{props.children}</dd>
    </div>
  );
}

/** What the check found: the counts, the problems, the possible duplicates, the columns not read. */
function ReportView(props: { report: SpreadsheetReport; onImport: () => void; onCancel: () => void }) {
  const { lang } = useApp();
  const r = props.report;
  const n = (v: number) => formatNumber(v, lang);
  return (
    <div id="import-sheet-report" class="panel panel-info" role="status">
      <p class="panel-title">{t('sheet.reportTitle')}</p>
      <dl class="deflist">
        <Count label={t('sheet.rows')} id="import-sheet-rows">
          {n(r.rows)}
        </Count>
        <Count label={t('sheet.valid')} id="import-sheet-valid">
          {n(r.valid)}
        </Count>
        <Count label={t('sheet.withProblems')} id="import-sheet-with-problems">
          {n(r.with_problems)}
        </Count>
        <Count label={t('sheet.already')} id="import-sheet-already">
          {n(r.already_imported)}
        </Count>
      </dl>

      {r.problems.length > 0 && (
        <>
          <h3 id="import-sheet-problems-heading">{t('sheet.problemsHeading')}</h3>
          <table id="import-sheet-problems" class="table" aria-labelledby="import-sheet-problems-heading">
            <thead>
              <tr>
                <th scope="col">{t('sheet.colRow')}</th>
                <th scope="col">{t('sheet.colColumn')}</th>
                <th scope="col">{t('sheet.colProblem')}</th>
              </tr>
            </thead>
            <tbody>
              {r.problems.map((p, i) => (
                <tr key={i}>
                  <td>{n(p.row)}</td>
                  <td>{p.column || t('sheet.wholeRow')}</td>
                  <td>{problemText(p.problem, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {r.problems_not_listed > 0 && (
        <p id="import-sheet-problems-more">{t('sheet.problemsMore', { count: r.problems_not_listed })}</p>
      )}

      {(r.duplicates.length > 0 || r.duplicates_not_listed > 0) && (
        <>
          <h3>{t('sheet.duplicatesHeading')}</h3>
          <ul id="import-sheet-duplicates">
            {r.duplicates.map((d, i) => (
              <li key={i}>
                {d.case_number
                  ? t('sheet.duplicateCase', { row: d.row, case: formatCaseNumber(d.case_number) })
                  : t('sheet.duplicateRow', { row: d.row, other: d.other_row ?? 0 })}
              </li>
            ))}
          </ul>
          {r.duplicates_not_listed > 0 && (
            <p id="import-sheet-duplicates-more">{t('sheet.duplicatesMore', { count: r.duplicates_not_listed })}</p>
          )}
          <p class="hint">{t('sheet.duplicatesHint')}</p>
        </>
      )}

      {r.columns_ignored.length > 0 && (
        <p id="import-sheet-ignored">{t('sheet.ignored', { columns: r.columns_ignored.join(', ') })}</p>
      )}

      <div class="actions">
        <button id="import-sheet-commit" type="button" disabled={r.valid === 0} onClick={props.onImport}>
          {t('sheet.commit', { count: r.valid })}
        </button>
        <button id="import-sheet-cancel" type="button" class="secondary" onClick={props.onCancel}>
          {t('sheet.cancel')}
        </button>
      </div>
    </div>
  );
}

/**
 * What the import wrote: the new cases, as links (the core lists the first of them, and counts
 * the rest), and what it left out.
 */
function DoneView({ report }: { report: SpreadsheetReport }) {
  const { navigate } = useApp();
  const notListed = report.imported - report.imported_cases.length;
  return (
    <Notice id="import-sheet-done">
      <p class="panel-title">{report.imported > 0 ? t('sheet.doneTitle', { count: report.imported }) : t('sheet.doneNone')}</p>
      {report.imported_cases.length > 0 && (
        <ul id="import-sheet-cases">
          {report.imported_cases.map((number) => (
            <li key={number}>
              <button type="button" class="link mono" onClick={() => navigate({ name: 'case', id: number })}>
                {formatCaseNumber(number)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {notListed > 0 && <p id="import-sheet-cases-more">{t('sheet.doneMoreCases', { count: notListed })}</p>}
      {report.with_problems > 0 && <p>{t('sheet.doneLeftOut', { count: report.with_problems })}</p>}
      {report.already_imported > 0 && <p>{t('sheet.doneAlready', { count: report.already_imported })}</p>}
    </Notice>
  );
}

function ImportPart() {
  const { refreshTasks } = useApp();
  const [file, setFile] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [running, setRunning] = useState<'check' | 'import' | null>(null);
  // How far the running check or import is, in whole percent, as the core reports it.
  const [percent, setPercent] = useState(0);
  // The report of the last check, and the path it was for: importing takes that path.
  const [checked, setChecked] = useState<{ path: string; report: SpreadsheetReport } | null>(null);
  const [done, setDone] = useState<SpreadsheetReport | null>(null);
  const [error, setError] = useState<ShownError | null>(null);

  const run = async (what: 'check' | 'import', path: string) => {
    setPercent(0);
    setRunning(what);
    setError(null);
    setDone(null);
    try {
      if (what === 'check') {
        setChecked(null);
        setChecked({ path, report: await whileBusy(api.spreadsheetCheck(path, setPercent)) });
      } else {
        const report = await whileBusy(api.spreadsheetImport(path, setPercent));
        setChecked(null);
        setDone(report);
        // New cases may bring follow-ups and visits to the worklist.
        refreshTasks();
      }
    } catch (e) {
      setError(e as ShownError);
      requestAnimationFrame(() => document.getElementById('import-sheet-error')?.scrollIntoView({ block: 'center' }));
    } finally {
      setRunning(null);
    }
  };

  const check = (e: Event) => {
    e.preventDefault();
    const local: FieldErrors = file.trim() ? {} : { path: t('sheet.errFile') };
    setErrors(local);
    if (focusFirstError(local, { path: 'import-sheet-file' })) return;
    void run('check', file.trim());
  };

  return (
    <section class="card" aria-labelledby="import-sheet-heading">
      <h2 id="import-sheet-heading">{t('sheet.importHeading')}</h2>
      <p>{t('sheet.importIntro')}</p>
      <form onSubmit={check} noValidate>
        <PathField
          id="import-sheet-file"
          label={t('sheet.file')}
          value={file}
          onInput={(v) => {
            setFile(v);
            // A report is for the file it checked; another file is checked again.
            setChecked(null);
          }}
          picker="spreadsheet"
          path="path"
          errors={errors}
          disabled={running !== null}
          required
        />
        <SubmitOrProgress
          id="import-sheet-check"
          label={t('sheet.check')}
          running={running !== null}
          progress={running === 'import' ? t('sheet.importing', { percent }) : t('sheet.checking', { percent })}
          percent={percent}
        />
      </form>
      {checked && running === null && (
        <ReportView
          report={checked.report}
          onImport={() => void run('import', checked.path)}
          onCancel={() => {
            setChecked(null);
            setError(null);
          }}
        />
      )}
      {done && <DoneView report={done} />}
      <ErrorPanel id="import-sheet-error" error={error} title={t('sheet.failed')} />
    </section>
  );
}

function ExportPart() {
  const [folder, setFolder] = useState('');
  const task = useTask<SpreadsheetWritten>();
  const { errors, running, result } = task;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!task.check(folder.trim() ? {} : { folder: t('sheet.errFolder') }, { folder: 'export-sheet-folder' })) return;
    await task.run(() => whileBusy(api.spreadsheetExport(folder.trim())));
  };

  return (
    <section class="card" aria-labelledby="export-sheet-heading">
      <h2 id="export-sheet-heading">{t('sheet.exportHeading')}</h2>
      <p>{t('sheet.exportIntro')}</p>
      <form onSubmit={submit} noValidate>
        <PathField
          id="export-sheet-folder"
          label={t('sheet.folder')}
          value={folder}
          onInput={setFolder}
          picker="folder"
          path="folder"
          errors={errors}
          disabled={running}
          required
        />
        <SubmitOrProgress id="export-sheet-submit" label={t('sheet.exportSubmit')} running={running} progress={t('sheet.exporting')} />
      </form>
      {result && (
        <Notice id="export-sheet-result">
          <p>{t('sheet.exported', { count: result.cases })}</p>
          <p class="mono wrap">{t('export.path', { path: result.path })}</p>
        </Notice>
      )}
      <ErrorPanel id="export-sheet-error" error={task.error} title={t('sheet.exportFailed')} />
    </section>
  );
}

export function SpreadsheetScreen() {
  const { status } = useApp();
  return (
    <section class="screen">
      <ScreenTitle>{t('sheet.title')}</ScreenTitle>
      <p class="lead">{t('sheet.intro')}</p>
      {mayImportSheets(status.capabilities) && <ImportPart />}
      {can(status.capabilities, 'export_records') && <ExportPart />}
    </section>
  );
}
