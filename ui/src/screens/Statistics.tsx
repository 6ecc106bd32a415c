// The statistics of a period, as a task force reports them: victims by sex, age, child or
// adult, exploitation, country and recruitment; services; referrals; follow-up visits. Beside
// the period form, the printable report of the same figures is written into a folder.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { BarTable, Stat } from '../components/charts';
import { DateField, PathField } from '../components/fields';
import { ErrorPanel, Notice, Progress, ScreenTitle, SubmitOrProgress } from '../components/panels';
import { useApp } from '../context';
import { formatDistrict } from '../format';
import { t } from '../i18n';
import { whileBusy } from '../state';
import {
  checkPeriod,
  medianDays,
  type PeriodPreset,
  periodText,
  presetDates,
  shareOf,
  statsCharts,
  toPeriod,
} from '../statistics';
import { useTask } from '../task';
import type { PrintedReport, ReportPeriod, Stats } from '../types';
import type { FieldErrors } from '../validation';

const PRESETS: PeriodPreset[] = ['thisYear', 'lastYear', 'all'];

/** The districts whose cases this laptop may hold: its own and the trusted ones. */
function useDistricts(own: string | null): string[] {
  const [codes, setCodes] = useState<string[]>(own ? [own] : []);
  useEffect(() => {
    api
      .trustList()
      .then((devices) => {
        const all = new Set(own ? [own] : []);
        for (const d of devices) all.add(d.district);
        setCodes([...all].sort());
      })
      .catch(() => undefined);
  }, []);
  return codes;
}

export function StatisticsScreen() {
  const { lang, status, districtName } = useApp();
  const districts = useDistricts(status.district);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [district, setDistrict] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  // The period of the figures on screen, which is also the period that gets printed.
  const [shown, setShown] = useState<ReportPeriod | null>(null);
  const task = useTask<Stats>();
  const stats = task.result;

  const show = (period: ReportPeriod) => {
    setShown(period);
    void task.run(() => api.reportStats(period));
  };

  useEffect(() => show(toPeriod('', '', '')), []);

  const submit = (e: Event) => {
    e.preventDefault();
    const problems = checkPeriod(from, to);
    setErrors(problems);
    const first = (['from', 'to'] as const).find((p) => problems[p]);
    if (first) {
      document.getElementById(`stats-${first}`)?.focus();
      return;
    }
    show(toPeriod(from, to, district));
  };

  const preset = (p: PeriodPreset) => {
    const dates = presetDates(p);
    setFrom(dates.from);
    setTo(dates.to);
    setErrors({});
    show(toPeriod(dates.from, dates.to, district));
  };

  const districtText = (code: string | null) =>
    code ? formatDistrict(code, districtName(code)) : t('stats.allDistrictsText');

  return (
    <section class="screen statistics">
      <ScreenTitle>{t('stats.title')}</ScreenTitle>
      <p class="lead">{t('stats.intro')}</p>
      <div class="stats-top">
        <form class="card stats-filter" onSubmit={submit} noValidate aria-labelledby="stats-filter-heading">
          <h2 id="stats-filter-heading">{t('stats.filterHeading')}</h2>
          <div class="inline presets" role="group" aria-label={t('stats.presets')}>
            {PRESETS.map((p) => (
              <button key={p} id={`stats-preset-${p}`} type="button" class="secondary small" onClick={() => preset(p)}>
                {t(`stats.preset.${p}`)}
              </button>
            ))}
          </div>
          <div class="stats-fields">
            <DateField id="stats-from" label={t('stats.from')} hint={t('stats.openHint')} value={from} onInput={setFrom} path="from" errors={errors} />
            <DateField id="stats-to" label={t('stats.to')} hint={t('stats.openHint')} value={to} onInput={setTo} path="to" errors={errors} />
            <div class="field">
              <label for="stats-district">{t('stats.district')}</label>
              <select id="stats-district" value={district} onChange={(e) => setDistrict((e.currentTarget as HTMLSelectElement).value)}>
                <option value="">{t('stats.allDistricts')}</option>
                {districts.map((code) => (
                  <option key={code} value={code}>
                    {formatDistrict(code, districtName(code))}
                  </option>
                ))}
              </select>
            </div>
            <div class="field stats-apply">
              <button id="stats-apply" type="submit" disabled={task.running}>
                {t('stats.apply')}
              </button>
            </div>
          </div>
        </form>
        <PrintPanel period={stats ? shown : null} />
      </div>
      <ErrorPanel id="stats-error" error={task.error} title={t('stats.failed')} />
      {task.running && <Progress label={t('stats.loading')} />}
      {stats && shown && !task.running && (
        <>
          <p id="stats-showing" class="stats-showing">
            {t('stats.showing', { period: periodText(shown, lang), district: districtText(shown.district) })}
          </p>
          {stats.victims === 0 && <p class="empty">{t('stats.noCases')}</p>}
          <div class="stats stats-five">
            <Stat id="stats-victims" label={t('stats.victims')} value={stats.victims} />
            <Stat id="stats-children" label={t('stats.childrenTile')} value={stats.children} />
            <Stat id="stats-sent" label={t('stats.referralsSent')} value={stats.referrals.sent} />
            <Stat id="stats-median" label={t('stats.medianDays')} value={medianDays(stats.referrals.median_days_to_acceptance, lang)} />
            <Stat
              id="stats-overdue"
              label={t('stats.overdueTile')}
              value={stats.followups.overdue}
              tone={stats.followups.overdue ? 'alert' : undefined}
            />
          </div>
          <div class="charts stats-charts">
            {statsCharts(stats).map((c) => (
              <figure key={c.id} id={`stats-chart-${c.id}`} class="card" aria-labelledby={`stats-chart-${c.id}-title`}>
                <figcaption id={`stats-chart-${c.id}-title`}>{t(c.title)}</figcaption>
                {c.note && <p class="hint">{t(c.note)}</p>}
                <BarTable
                  id={`stats-table-${c.id}`}
                  caption={t(c.title)}
                  bars={c.bars}
                  shareOf={c.perVictim ? stats.victims : undefined}
                  share={(n, of) => shareOf(n, of, lang)}
                />
                {c.id === 'referrals' && (
                  <p class="hint" id="stats-median-note">
                    {t('stats.medianNote', { days: medianDays(stats.referrals.median_days_to_acceptance, lang) })}
                  </p>
                )}
              </figure>
            ))}
          </div>
          <p class="hint">{t('stats.countsHint')}</p>
        </>
      )}
    </section>
  );
}

/** Writes the printable report of the figures on screen into a folder the person chooses. */
function PrintPanel({ period }: { period: ReportPeriod | null }) {
  const [folder, setFolder] = useState('');
  const task = useTask<PrintedReport>();
  const { errors, running, result } = task;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!period) return;
    const local: FieldErrors = {};
    if (!folder.trim()) local.folder = t('stats.printErrFolder');
    if (!task.check(local, { folder: 'stats-print-folder' })) return;
    await task.run(() => whileBusy(api.reportPrint(folder.trim(), period)));
  };

  return (
    <section class="card stats-print" aria-labelledby="stats-print-heading">
      <h2 id="stats-print-heading">{t('stats.printHeading')}</h2>
      <p class="hint">{t('stats.printIntro')}</p>
      <form onSubmit={submit} noValidate>
        <PathField id="stats-print-folder" label={t('stats.printFolder')} value={folder} onInput={setFolder} picker="folder" path="folder" errors={errors} disabled={running || !period} required />
        <SubmitOrProgress id="stats-print-submit" label={t('stats.printSubmit')} running={running} progress={t('stats.printRunning')} />
      </form>
      {!period && !running && <p class="hint">{t('stats.printNeedsFigures')}</p>}
      {result && (
        <Notice id="stats-print-result">
          <p>{t('stats.printDone', { victims: result.victims })}</p>
          <p class="mono wrap">{t('stats.printPath', { path: result.path })}</p>
          <p class="hint">{t('stats.printHint')}</p>
        </Notice>
      )}
      <ErrorPanel id="stats-print-error" error={task.error} title={t('stats.printFailed')} />
    </section>
  );
}
