// The dashboard: how many cases, how many children, which follow-up visits are due, and four
// simple charts.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { label } from '../codes';
import { ColumnChart, HBarChart, Stat } from '../components/charts';
import { ErrorPanel, ScreenTitle } from '../components/panels';
import { useApp } from '../context';
import { canRead } from '../roles';
import { formatMonth } from '../format';
import { t } from '../i18n';
import type { Dashboard, ShownError } from '../types';

export function DashboardScreen() {
  const { lang, navigate, status } = useApp();
  const caps = status.capabilities;
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<ShownError | null>(null);

  useEffect(() => {
    api.dashboard().then(setData, setError);
  }, []);

  return (
    <section class="screen">
      <ScreenTitle>{t('dashboard.title')}</ScreenTitle>
      <ErrorPanel error={error} />
      {data && (
        <>
          <div class="stats">
            <Stat label={t('dashboard.total')} value={data.total_cases} />
            <Stat label={t('dashboard.children')} value={data.children} />
            <Stat label={t('dashboard.due')} value={data.followups_due} tone={data.followups_due ? 'warn' : undefined} />
            <Stat
              label={t('dashboard.overdue')}
              value={data.followups_overdue}
              tone={data.followups_overdue ? 'alert' : undefined}
            />
          </div>
          <p>
            <button type="button" class="link" onClick={() => navigate({ name: 'cases' })}>
              {t('dashboard.showCases')}
            </button>
          </p>
          <div class="charts">
            <figure class="card chart-wide">
              <figcaption>{t('dashboard.byMonth')}</figcaption>
              <ColumnChart
                title={t('dashboard.byMonth')}
                bars={data.by_month.map(([m, n]) => ({ label: formatMonth(m, lang), value: n }))}
              />
            </figure>
            {(
              [
                ['dashboard.byExploitation', data.by_exploitation, 'type_of_exploitation', canRead(caps, 'case', 'type_of_exploitation')],
                ['dashboard.byCountry', data.by_country, 'country', canRead(caps, 'case', 'country_of_exploitation')],
                ['dashboard.byReferralStatus', data.by_referral_status, 'referral_status', canRead(caps, 'referral', 'status')],
              ] as const
            )
              // A breakdown by a field the role may not read comes empty from the core: not shown.
              .filter(([, , , shown]) => shown)
              .map(([title, counts, list]) => (
              <figure key={title} class="card">
                <figcaption>{t(title)}</figcaption>
                <HBarChart title={t(title)} bars={counts.map(([c, n]) => ({ label: label(list, c), value: n }))} />
              </figure>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
