// Hand-written SVG bar charts for the dashboard. No chart library: these two shapes are all the
// dashboard needs, and they keep the bundle small. Each chart also carries its numbers as a
// table for screen readers.

import { formatNumber } from '../format';
import { getLang, t } from '../i18n';

export interface Bar {
  label: string;
  value: number;
}

/** Widths of the charts' coordinate systems, close to their size on a 1366-pixel screen, so that
 * 12-unit text shows at about 12 pixels. */
const HBAR_WIDTH = 520;
const COLUMN_WIDTH = 1000;

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function DataTable({ bars, caption }: { bars: Bar[]; caption: string }) {
  return (
    <table class="visually-hidden">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dashboard.item')}</th>
          <th scope="col">{t('dashboard.value')}</th>
        </tr>
      </thead>
      <tbody>
        {bars.map((b) => (
          <tr key={b.label}>
            <td>{b.label}</td>
            <td>{b.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Horizontal bars, one row per category, longest first as given. */
export function HBarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const lang = getLang();
  if (bars.length === 0) return <p class="muted">{t('dashboard.noData')}</p>;
  const row = 26;
  const labelW = 190;
  const valueW = 60;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * row + 4;
  const span = HBAR_WIDTH - labelW - valueW;
  return (
    <>
      <svg class="chart" viewBox={`0 0 ${HBAR_WIDTH} ${height}`} role="img" aria-label={title} preserveAspectRatio="xMinYMin meet">
        {bars.map((b, i) => {
          const y = i * row + 2;
          const w = Math.max(b.value > 0 ? 2 : 0, (b.value / max) * span);
          return (
            <g key={b.label}>
              <title>{`${b.label}: ${formatNumber(b.value, lang)}`}</title>
              <text class="chart-label" x={labelW - 8} y={y + row / 2 + 4} text-anchor="end">
                {shorten(b.label, 28)}
              </text>
              <rect class="chart-bar" x={labelW} y={y + 3} width={w} height={row - 8} rx="2" />
              <text class="chart-value" x={labelW + w + 6} y={y + row / 2 + 4}>
                {formatNumber(b.value, lang)}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable bars={bars} caption={title} />
    </>
  );
}

/** Vertical columns in time order (cases per month). */
export function ColumnChart({ title, bars }: { title: string; bars: Bar[] }) {
  const lang = getLang();
  if (bars.length === 0) return <p class="muted">{t('dashboard.noData')}</p>;
  const WIDTH = COLUMN_WIDTH;
  const height = 210;
  const top = 18;
  const bottom = 26;
  const left = 8;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = (WIDTH - left * 2) / bars.length;
  const barW = Math.max(2, Math.min(36, slot * 0.7));
  // Only every n-th month is labelled, so that labels never overlap.
  const every = Math.max(1, Math.ceil(64 / slot));
  return (
    <>
      <svg class="chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title}>
        <line class="chart-axis" x1={left} x2={WIDTH - left} y1={top + plotH} y2={top + plotH} />
        {bars.map((b, i) => {
          const h = (b.value / max) * plotH;
          const x = left + i * slot + (slot - barW) / 2;
          const y = top + plotH - h;
          return (
            <g key={b.label}>
              <title>{`${b.label}: ${formatNumber(b.value, lang)}`}</title>
              <rect class="chart-bar" x={x} y={y} width={barW} height={Math.max(h, b.value > 0 ? 1 : 0)} rx="2" />
              {bars.length <= 18 && (
                <text class="chart-value" x={x + barW / 2} y={y - 4} text-anchor="middle">
                  {formatNumber(b.value, lang)}
                </text>
              )}
              {i % every === 0 && (
                <text class="chart-label" x={x + barW / 2} y={height - 8} text-anchor="middle">
                  {b.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <DataTable bars={bars} caption={title} />
    </>
  );
}
