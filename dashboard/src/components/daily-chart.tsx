import { useId } from 'preact/hooks';
import type { DailyOrders } from '../api/types';
import { useI18n } from '../app-context';
import { chartGeometry } from '../data/orders';
import { formatCompact, formatCurrency, formatDay, formatNumber } from '../format/format';

const SIZE = { width: 760, height: 260, left: 48, right: 64, top: 16, bottom: 36 };

/** Names of the two series when they are not orders and revenue (the ads view: spend as bars, sales as the line). */
export interface DailyChartSeries {
  readonly bars: string;
  readonly line: string;
  /** The bars are amounts in `currency` too (tooltips and the table format them as money). */
  readonly barsAreMoney?: boolean;
  /** The word that marks a provisional day in the table. */
  readonly provisional?: string;
}

interface DailyChartProps {
  readonly daily: readonly DailyOrders[];
  readonly currency: string | undefined;
  readonly summary: string;
  /** @default orders (bars) and revenue (line) */
  readonly series?: DailyChartSeries;
  /** Days whose figures may still change: drawn lighter and marked in the table. */
  readonly provisional?: ReadonlySet<string>;
}

/**
 * Orders per day as bars (left axis) and revenue as a line (right axis), or another pair (`series`: the ads view's
 * spend and attributed sales), with provisional days drawn lighter; inline SVG. Screen readers get
 * the summary as the image's name, and everyone can open the exact numbers as a table.
 */
export function DailyChart({ daily, currency, summary, series, provisional }: DailyChartProps) {
  const { t, locale } = useI18n();
  const titleId = useId();
  const geometry = chartGeometry(daily, currency, SIZE);
  const { plot } = geometry;
  const labelEvery = Math.max(1, Math.ceil(geometry.bars.length / 10));
  const money = (value: number) =>
    currency === undefined ? formatNumber(locale, value, 2) : formatCurrency(locale, value, currency);
  const barsLabel = series?.bars ?? t('orders.chart.orders');
  const lineLabel = series?.line ?? t('orders.chart.revenue', { currency: currency ?? '—' });
  const barValue = (value: number) => (series?.barsAreMoney ? money(value) : formatNumber(locale, value));
  const isProvisional = (date: string) => provisional?.has(date) ?? false;

  return (
    <figure class="chart">
      <figcaption class="chart-legend">
        <span class="legend-item">
          <span class="legend-swatch legend-orders" aria-hidden="true" />
          {barsLabel}
        </span>
        <span class="legend-item">
          <span class="legend-swatch legend-revenue" aria-hidden="true" />
          {lineLabel}
        </span>
        {series?.provisional !== undefined && provisional !== undefined && provisional.size > 0 ? (
          <span class="legend-item">
            <span class="legend-swatch legend-provisional" aria-hidden="true" />
            {series.provisional}
          </span>
        ) : null}
      </figcaption>
      <svg
        class="chart-svg"
        viewBox={`0 0 ${SIZE.width} ${SIZE.height}`}
        role="img"
        aria-labelledby={titleId}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={titleId}>{summary}</title>
        {geometry.ticks.map((tick) => {
          const y = plot.top + plot.height - tick * plot.height;
          return (
            <g key={tick} class="chart-grid">
              <line x1={plot.left} x2={plot.left + plot.width} y1={y} y2={y} />
              <text x={plot.left - 6} y={y} class="chart-axis chart-axis-left" dominant-baseline="middle">
                {formatCompact(locale, tick * geometry.ordersMax)}
              </text>
              <text
                x={plot.left + plot.width + 6}
                y={y}
                class="chart-axis chart-axis-right"
                dominant-baseline="middle"
              >
                {formatCompact(locale, tick * geometry.revenueMax)}
              </text>
            </g>
          );
        })}
        {geometry.bars.map((bar, index) => (
          <g key={bar.date}>
            <rect
              class={isProvisional(bar.date) ? 'chart-bar chart-bar-provisional' : 'chart-bar'}
              x={bar.x}
              y={bar.y}
              width={bar.width}
              height={bar.height}
            >
              <title>{`${formatDay(locale, bar.date)}: ${barValue(bar.orders)} · ${money(bar.revenue)}${
                isProvisional(bar.date) && series?.provisional !== undefined ? ` (${series.provisional})` : ''
              }`}</title>
            </rect>
            {index % labelEvery === 0 ? (
              <text
                x={bar.x + bar.width / 2}
                y={plot.top + plot.height + 18}
                class="chart-axis chart-axis-bottom"
              >
                {formatDay(locale, bar.date, 'short')}
              </text>
            ) : null}
          </g>
        ))}
        {geometry.revenuePoints.length > 1 ? (
          <polyline class="chart-line" points={geometry.revenueLine} />
        ) : null}
        {geometry.revenuePoints.map((point, index) => (
          <circle key={index} class="chart-point" cx={point.x} cy={point.y} r={2.5} />
        ))}
      </svg>
      <details class="chart-table">
        <summary>{t('orders.chart.asTable')}</summary>
        <table class="simple-table">
          <thead>
            <tr>
              <th scope="col">{t('orders.chart.date')}</th>
              <th scope="col" class="num">
                {barsLabel}
              </th>
              <th scope="col" class="num">
                {lineLabel}
              </th>
            </tr>
          </thead>
          <tbody>
            {geometry.bars.map((bar) => (
              <tr key={bar.date} data-provisional={isProvisional(bar.date) ? 'true' : undefined}>
                <th scope="row">
                  {formatDay(locale, bar.date)}
                  {isProvisional(bar.date) && series?.provisional !== undefined ? (
                    <>
                      {' '}
                      <span class="badge badge-muted">{series.provisional}</span>
                    </>
                  ) : null}
                </th>
                <td class="num">{barValue(bar.orders)}</td>
                <td class="num">{money(bar.revenue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
