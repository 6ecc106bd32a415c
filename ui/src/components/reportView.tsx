// The annual (or semester) report as the core lays it out (ReportView): a heading, then each
// table with this period beside the one before, its note, and for tables that compare several
// rows a horizontal bar chart. Every figure is shown exactly as the core sends it: the core has
// already hidden small counts ("< 5"), and a hidden count gets no bar. The same component shows
// a district's report and a province's roll-up, on screen and on paper.

import { t } from '../i18n';
import type { ReportView, ViewRow, ViewTable } from '../types';

/** The largest count a table's chart draws (at least 1, so that zero draws nothing). */
function maxOf(rows: ViewRow[]): number {
  let max = 1;
  for (const r of rows) {
    if (r.current_n !== null && r.current_n > max) max = r.current_n;
    if (r.previous_n !== null && r.previous_n > max) max = r.previous_n;
  }
  return max;
}

/** One bar of a chart: a count as a share of the largest; none for a hidden count. */
function Bar(props: { n: number | null; max: number; which: 'current' | 'previous'; text: string }) {
  if (props.n === null) return null;
  const width = props.n > 0 ? Math.max(0.5, (props.n / props.max) * 100) : 0;
  return (
    <div class={`report-bar report-bar-${props.which}`} data-n={props.n}>
      <span class="report-bar-fill" style={{ width: `${width}%` }} />
      <span class="report-bar-value">{props.text}</span>
    </div>
  );
}

/** The bar chart of a table: per row, this period's bar above the last period's. */
function Chart({ table, view }: { table: ViewTable; view: ReportView }) {
  const max = maxOf(table.rows);
  return (
    <figure class="report-chart" aria-hidden="true">
      <figcaption class="report-legend">
        <span class="report-key report-key-current">{view.period}</span>
        <span class="report-key report-key-previous">{view.previous}</span>
      </figcaption>
      {table.rows.map((r, i) => (
        <div key={i} class="report-chart-row">
          <span class="report-chart-label">{r.label}</span>
          <div class="report-chart-bars">
            <Bar n={r.current_n} max={max} which="current" text={r.current} />
            <Bar n={r.previous_n} max={max} which="previous" text={r.previous} />
          </div>
        </div>
      ))}
    </figure>
  );
}

function Table({ table, view, id }: { table: ViewTable; view: ReportView; id: string }) {
  const heading = `${id}-${table.id}-title`;
  return (
    <section id={`${id}-${table.id}`} class="report-section" data-table={table.id} aria-labelledby={heading}>
      <h3 id={heading}>{table.title}</h3>
      {table.rows.length === 0 ? (
        <p class="muted report-none">{t('report.noRows')}</p>
      ) : (
        <table class="table report-table">
          <thead>
            <tr>
              <th scope="col">{t('report.category')}</th>
              <th scope="col" class="num">
                {view.period}
              </th>
              <th scope="col" class="num">
                {view.previous}
              </th>
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={i} class="report-row">
                <th scope="row">{r.label}</th>
                <td class="num report-current">{r.current}</td>
                <td class="num report-previous">{r.previous}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {table.note && <p class="hint report-note">{table.note}</p>}
      {table.chart && table.rows.length > 0 && <Chart table={table} view={view} />}
    </section>
  );
}

/** The whole report; `id` is the id of its root element (`annual-report`, `rollup-report`). */
export function ReportViewer({ view, id }: { view: ReportView; id: string }) {
  return (
    <article id={id} class="report" aria-labelledby={`${id}-title`}>
      <header class="report-head">
        <h2 id={`${id}-title`}>{view.title}</h2>
        <p class="report-area">{view.area}</p>
        <p class="report-period">{t('report.periods', { period: view.period, previous: view.previous })}</p>
        {view.parts.length > 0 && <p class="report-parts">{t('report.parts', { parts: view.parts.join(', ') })}</p>}
        <p class="hint">{t('report.generated', { date: view.generated })}</p>
      </header>
      {view.tables.map((table) => (
        <Table key={table.id} table={table} view={view} id={id} />
      ))}
      <p class="report-suppressed">{t('report.suppressed', { below: view.suppressed_below })}</p>
    </article>
  );
}
