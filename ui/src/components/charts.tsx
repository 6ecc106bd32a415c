// Hand-written bar charts. No chart library: these shapes are all the screens need, and they
// keep the bundle small and offline. The dashboard's SVG charts carry their numbers as a table
// for screen readers; the statistics screen's bar tables are tables, with the numbers as text.

import { useRef, useState } from 'preact/hooks';
import { formatNumber } from '../format';
import { getLang, t } from '../i18n';

export interface Bar {
  label: string;
  value: number;
  /** The code or key behind the label, when there is one (for tests and styling). */
  code?: string;
}

/** Widths of the charts' coordinate systems, close to their size on a 1366-pixel screen, so that
 * 12-unit text shows at about 12 pixels. */
const HBAR_WIDTH = 520;
const COLUMN_WIDTH = 1000;

/** One key figure in a tile: a big number (or a short text such as "3,5 hari") and its label. */
export function Stat(props: { label: string; value: number | string; tone?: 'warn' | 'alert'; id?: string }) {
  const value = typeof props.value === 'number' ? formatNumber(props.value, getLang()) : props.value;
  return (
    <div id={props.id} class={`stat${props.tone ? ` stat-${props.tone}` : ''}`}>
      <span class="stat-value">{value}</span>
      <span class="stat-label">{props.label}</span>
    </div>
  );
}

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

/**
 * Horizontal bars as a table: one row per category with its label, a bar, the count as text
 * and, with `shareOf`, the share of that total. The table is one Tab stop; the arrow keys, Home
 * and End move between its rows, so a keyboard user can read every bar.
 */
export function BarTable(props: {
  id: string;
  caption: string;
  bars: Bar[];
  /** The total each count is a share of (all victims), if the share is shown. */
  shareOf?: number;
  /** Formats a share for display. */
  share?: (value: number, of: number) => string;
}) {
  const { id, caption, bars, shareOf } = props;
  const lang = getLang();
  const [active, setActive] = useState(0);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  if (bars.length === 0) return <p class="muted">{t('dashboard.noData')}</p>;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const current = Math.min(active, bars.length - 1);
  const focusRow = (i: number) => {
    const next = Math.max(0, Math.min(bars.length - 1, i));
    setActive(next);
    rows.current[next]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent, i: number) => {
    const moves: Record<string, number> = {
      ArrowDown: i + 1,
      ArrowRight: i + 1,
      ArrowUp: i - 1,
      ArrowLeft: i - 1,
      Home: 0,
      End: bars.length - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      focusRow(moves[e.key]);
    }
  };
  const withShare = shareOf !== undefined && props.share !== undefined;
  return (
    <table id={id} class="bar-table">
      <caption class="visually-hidden">{caption}</caption>
      <thead class="visually-hidden">
        <tr>
          <th scope="col">{t('dashboard.item')}</th>
          <th scope="col">{t('dashboard.value')}</th>
          {withShare && <th scope="col">{t('stats.share')}</th>}
        </tr>
      </thead>
      <tbody>
        {bars.map((b, i) => (
          <tr
            key={b.code ?? b.label}
            ref={(el) => {
              rows.current[i] = el;
            }}
            class="bar-row"
            data-code={b.code}
            tabIndex={i === current ? 0 : -1}
            onFocus={() => setActive(i)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            <th scope="row" class="bar-label">
              {b.label}
            </th>
            <td class="bar-cell">
              <div class="bar-line">
                <span class="bar-track" aria-hidden="true">
                  <span class="bar-fill" style={{ width: `${(b.value / max) * 100}%` }} />
                </span>
                <span class="bar-value">{formatNumber(b.value, lang)}</span>
              </div>
            </td>
            {withShare && <td class="bar-share">{props.share?.(b.value, shareOf)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
