// The annual (or semester) report of the task force, shown in the app, printed, or saved as
// HTML, CSV or XLSX; the figures sent to the province as a signed file; and, for a province,
// the report that adds up the files of its kabupaten/kota. Small counts come already hidden
// from the core.

import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { ReportViewer } from '../components/reportView';
import { CodeSelect, PathField, TextField } from '../components/fields';
import { ErrorPanel, Notice, Progress, ScreenTitle, SubmitOrProgress } from '../components/panels';
import { useApp } from '../context';
import { type Key, t } from '../i18n';
import { can } from '../roles';
import { whileBusy } from '../state';
import { useTask } from '../task';
import type { AggregateWritten, PackFormat, PackWritten, ReportingPeriod, ReportView } from '../types';
import type { FieldErrors } from '../validation';

const FORMATS: PackFormat[] = ['html', 'csv', 'xlsx'];

/** The years offered: this one and the ten before, newest first. */
export function reportYears(now: Date = new Date()): number[] {
  const y = now.getFullYear();
  return Array.from({ length: 11 }, (_, i) => y - i);
}

/**
 * A typed population to a number: dots, commas and spaces between digits are dropped
 * ("150.000" is 150000); empty is null; anything else is NaN (the form says so).
 */
export function parsePopulation(text: string): number | null {
  const s = text.replace(/[\s.,]/g, '');
  if (s === '') return null;
  return /^\d+$/.test(s) && Number(s) > 0 ? Number(s) : Number.NaN;
}

/** While a screen with a report is open, printing prints only the report (app.css). */
function usePrintReport() {
  useEffect(() => {
    document.body.classList.add('print-report');
    return () => document.body.classList.remove('print-report');
  }, []);
}

type Part = 'district' | 'province';

const PARTS: { part: Part; key: Key }[] = [
  { part: 'district', key: 'annual.tab.district' },
  { part: 'province', key: 'annual.tab.province' },
];

export function AnnualReportScreen() {
  usePrintReport();
  const [part, setPart] = useState<Part>('district');
  const buttons = useRef<Record<string, HTMLButtonElement | null>>({});
  const onKeyDown = (e: KeyboardEvent) => {
    const i = PARTS.findIndex((x) => x.part === part);
    const to: Record<string, number> = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: PARTS.length - 1 };
    if (!(e.key in to)) return;
    e.preventDefault();
    const next = PARTS[(to[e.key] + PARTS.length) % PARTS.length].part;
    setPart(next);
    buttons.current[next]?.focus();
  };
  return (
    <section class="screen annual">
      <div class="no-print">
        <ScreenTitle>{t('annual.title')}</ScreenTitle>
        <p class="lead">{t('annual.intro')}</p>
        <div class="tabs" role="tablist" aria-label={t('annual.tabs')} onKeyDown={onKeyDown}>
          {PARTS.map((x) => (
            <button
              key={x.part}
              id={`annual-tab-${x.part}`}
              ref={(el) => {
                buttons.current[x.part] = el;
              }}
              type="button"
              role="tab"
              class="tab"
              aria-selected={part === x.part}
              aria-controls={`annual-panel-${x.part}`}
              tabIndex={part === x.part ? 0 : -1}
              onClick={() => setPart(x.part)}
            >
              {t(x.key)}
            </button>
          ))}
        </div>
      </div>
      {/* Both parts stay mounted, so that a report shown in one is still there after a look at the other. */}
      <div id="annual-panel-district" role="tabpanel" aria-labelledby="annual-tab-district" hidden={part !== 'district'}>
        <DistrictReport />
      </div>
      <div id="annual-panel-province" role="tabpanel" aria-labelledby="annual-tab-province" hidden={part !== 'province'}>
        <ProvinceReport />
      </div>
    </section>
  );
}

/** What a shown report was made from: the same goes into the saved file. */
interface Shown {
  period: ReportingPeriod;
  population: number | null;
}

function DistrictReport() {
  const { status } = useApp();
  const years = reportYears();
  const [year, setYear] = useState(String(years[1]));
  const [semester, setSemester] = useState('');
  const [population, setPopulation] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [shown, setShown] = useState<Shown | null>(null);
  const task = useTask<ReportView>();

  const submit = (e: Event) => {
    e.preventDefault();
    const pop = parsePopulation(population);
    if (Number.isNaN(pop)) {
      setErrors({ population: t('annual.errPopulation') });
      document.getElementById('annual-population')?.focus();
      return;
    }
    setErrors({});
    const next: Shown = { period: { year: Number(year), semester: semester ? Number(semester) : null }, population: pop };
    setShown(next);
    void task.run(() => whileBusy(api.annualView(next.period, next.population)));
  };

  return (
    <>
      <form id="annual-form" class="card no-print annual-form" onSubmit={submit} noValidate aria-labelledby="annual-form-heading">
        <h2 id="annual-form-heading">{t('annual.periodHeading')}</h2>
        <div class="annual-fields">
          <div class="field">
            <label for="annual-year">{t('annual.year')}</label>
            <select id="annual-year" value={year} onChange={(e) => setYear((e.currentTarget as HTMLSelectElement).value)}>
              {years.map((y) => (
                <option key={y} value={String(y)}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="annual-semester">{t('annual.semester')}</label>
            <select id="annual-semester" value={semester} onChange={(e) => setSemester((e.currentTarget as HTMLSelectElement).value)}>
              <option value="">{t('annual.wholeYear')}</option>
              <option value="1">{t('annual.semester1')}</option>
              <option value="2">{t('annual.semester2')}</option>
            </select>
          </div>
          <TextField id="annual-population" label={t('annual.population')} hint={t('annual.populationHint')} value={population} onInput={setPopulation} path="population" errors={errors} inputMode="numeric" />
          <div class="field annual-apply">
            <button id="annual-show" type="submit" disabled={task.running}>
              {t('annual.show')}
            </button>
          </div>
        </div>
      </form>
      <ErrorPanel id="annual-error" error={task.error} title={t('annual.failed')} />
      {task.running && <Progress label={t('annual.loading')} />}
      {task.result && shown && !task.running && (
        <>
          <div class="report-tools no-print">
            <div class="actions">
              <button id="annual-print" type="button" onClick={() => window.print()}>
                {t('annual.print')}
              </button>
            </div>
            <SavePanel
              idPrefix="annual"
              write={(format, folder) => api.annualWrite(shown.period, shown.population, format, folder)}
            />
            {can(status.capabilities, 'read_statistics') && <AggregatePanel period={shown.period} />}
          </div>
          <ReportViewer view={task.result} id="annual-report" />
        </>
      )}
    </>
  );
}

/** Saves the report on screen as HTML (to print later), CSV or XLSX into a folder. */
function SavePanel(props: { idPrefix: string; write: (format: PackFormat, folder: string) => Promise<PackWritten> }) {
  const { idPrefix: p } = props;
  const [format, setFormat] = useState<PackFormat>('html');
  const [folder, setFolder] = useState('');
  const task = useTask<PackWritten>();
  const submit = async (e: Event) => {
    e.preventDefault();
    const local: FieldErrors = {};
    if (!folder.trim()) local.folder = t('annual.errFolder');
    if (!task.check(local, { folder: `${p}-folder` })) return;
    await task.run(() => whileBusy(props.write(format, folder.trim())));
  };
  return (
    <form id={`${p}-save-form`} class="card report-save" onSubmit={submit} noValidate aria-labelledby={`${p}-save-heading`}>
      <h2 id={`${p}-save-heading`}>{t('annual.saveHeading')}</h2>
      <fieldset class="field inline-choices">
        <legend>{t('annual.format')}</legend>
        {FORMATS.map((f) => (
          <label key={f} class="check" for={`${p}-format-${f}`}>
            <input id={`${p}-format-${f}`} type="radio" name={`${p}-format`} value={f} checked={format === f} onChange={() => setFormat(f)} />
            <span>{t(`annual.format.${f}` as Key)}</span>
          </label>
        ))}
      </fieldset>
      <PathField id={`${p}-folder`} label={t('annual.folder')} value={folder} onInput={setFolder} picker="folder" path="folder" errors={task.errors} disabled={task.running} required />
      <SubmitOrProgress id={`${p}-save`} label={t('annual.save')} running={task.running} progress={t('annual.saving')} />
      {task.result && (
        <Notice id={`${p}-saved`}>
          <p>{t('annual.saved')}</p>
          <p class="mono wrap">{task.result.path}</p>
        </Notice>
      )}
      <ErrorPanel id={`${p}-save-error`} error={task.error} title={t('annual.saveFailed')} />
    </form>
  );
}

/** Writes this district's figures of the period into a signed file for the province. */
function AggregatePanel({ period }: { period: ReportingPeriod }) {
  const [folder, setFolder] = useState('');
  const task = useTask<AggregateWritten>();
  const submit = async (e: Event) => {
    e.preventDefault();
    const local: FieldErrors = {};
    if (!folder.trim()) local.folder = t('annual.errFolder');
    if (!task.check(local, { folder: 'aggregate-folder' })) return;
    await task.run(() => whileBusy(api.aggregateWrite(period, folder.trim())));
  };
  return (
    <form id="aggregate-form" class="card report-save" onSubmit={submit} noValidate aria-labelledby="aggregate-heading">
      <h2 id="aggregate-heading">{t('aggregate.heading')}</h2>
      <p class="hint">{t('aggregate.intro')}</p>
      <PathField id="aggregate-folder" label={t('annual.folder')} value={folder} onInput={setFolder} picker="folder" path="folder" errors={task.errors} disabled={task.running} required />
      <SubmitOrProgress id="aggregate-write" label={t('aggregate.write')} running={task.running} progress={t('aggregate.writing')} />
      {task.result && (
        <Notice id="aggregate-result">
          <p>{t('aggregate.done', { victims: task.result.victims })}</p>
          <p class="mono wrap">{task.result.path}</p>
          <p class="hint">{t('aggregate.doneHint')}</p>
        </Notice>
      )}
      <ErrorPanel id="aggregate-error" error={task.error} title={t('aggregate.failed')} />
    </form>
  );
}

/** A province's report from the figures files its kabupaten/kota sent. */
function ProvinceReport() {
  const { status } = useApp();
  const [province, setProvince] = useState((status.district ?? '').slice(0, 2));
  const [file, setFile] = useState('');
  const [files, setFiles] = useState<string[]>([]);
  const [population, setPopulation] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [shown, setShown] = useState<{ province: string; files: string[]; population: number | null } | null>(null);
  const task = useTask<ReportView>();

  const add = () => {
    const path = file.trim();
    if (!path) {
      setErrors({ files: t('rollup.errFile') });
      document.getElementById('rollup-file')?.focus();
      return;
    }
    setErrors({});
    if (!files.includes(path)) setFiles([...files, path]);
    setFile('');
    document.getElementById('rollup-file')?.focus();
  };
  // A path typed or chosen but not yet added counts as added, so that none is forgotten.
  const allFiles = () => {
    const path = file.trim();
    return path && !files.includes(path) ? [...files, path] : files;
  };

  const submit = (e: Event) => {
    e.preventDefault();
    const local: FieldErrors = {};
    if (!/^\d{2}$/.test(province)) local.province = t('rollup.errProvince');
    const list = allFiles();
    if (list.length === 0) local.files = t('rollup.errFiles');
    const pop = parsePopulation(population);
    if (Number.isNaN(pop)) local.population = t('annual.errPopulation');
    setErrors(local);
    const first = (['province', 'files', 'population'] as const).find((k) => local[k]);
    if (first) {
      document.getElementById(first === 'files' ? 'rollup-file' : `rollup-${first}`)?.focus();
      return;
    }
    setFiles(list);
    setFile('');
    const next = { province, files: list, population: pop };
    setShown(next);
    void task.run(() => whileBusy(api.rollupView(next.province, next.files, next.population)));
  };

  return (
    <>
      <form id="rollup-form" class="card no-print" onSubmit={submit} noValidate aria-labelledby="rollup-heading">
        <h2 id="rollup-heading">{t('rollup.heading')}</h2>
        <p class="hint">{t('rollup.intro')}</p>
        <div class="form-grid">
          <CodeSelect id="rollup-province" label={t('rollup.province')} list="province" value={province} onChange={setProvince} path="province" errors={errors} required />
          <TextField id="rollup-population" label={t('annual.population')} hint={t('annual.populationHint')} value={population} onInput={setPopulation} path="population" errors={errors} inputMode="numeric" />
          <PathField id="rollup-file" label={t('rollup.file')} hint={t('rollup.fileHint')} value={file} onInput={setFile} picker="file" path="files" errors={errors} required />
        </div>
        <div class="actions">
          <button id="rollup-file-add" type="button" class="secondary small" onClick={add}>
            {t('rollup.addFile')}
          </button>
        </div>
        {files.length > 0 && (
          <ul id="rollup-files" class="rollup-files" aria-label={t('rollup.files')}>
            {files.map((f, i) => (
              <li key={f} class="rollup-file">
                <span class="mono wrap">{f}</span>
                <button type="button" class="link small" aria-label={t('rollup.removeLabel', { n: i + 1 })} onClick={() => setFiles(files.filter((x) => x !== f))}>
                  {t('rollup.remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <div class="actions">
          <button id="rollup-show" type="submit" disabled={task.running}>
            {t('annual.show')}
          </button>
        </div>
      </form>
      <ErrorPanel id="rollup-error" error={task.error} title={t('rollup.failed')} />
      {task.running && <Progress label={t('rollup.loading')} />}
      {task.result && shown && !task.running && (
        <>
          <div class="report-tools no-print">
            <div class="actions">
              <button id="rollup-print" type="button" onClick={() => window.print()}>
                {t('annual.print')}
              </button>
            </div>
            <SavePanel idPrefix="rollup" write={(format, folder) => api.rollupWrite(shown.province, shown.files, shown.population, format, folder)} />
          </div>
          <ReportViewer view={task.result} id="rollup-report" />
        </>
      )}
    </>
  );
}
