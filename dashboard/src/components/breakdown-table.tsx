import { useId } from 'preact/hooks';
import { useI18n } from '../app-context';
import type { BreakdownRow } from '../data/orders';
import { formatNumber } from '../format/format';

interface BreakdownTableProps {
  readonly title: string;
  /** Header of the first column (what is counted: channel, marketplace). */
  readonly keyHeader: string;
  readonly rows: readonly BreakdownRow[];
  readonly label: (key: string) => string;
}

/** Counts with their share as a bar (SVG width attribute, no inline style). */
export function BreakdownTable({ title, keyHeader, rows, label }: BreakdownTableProps) {
  const { t, locale } = useI18n();
  const headingId = useId();
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <section class="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <table class="simple-table breakdown">
        <thead>
          <tr>
            <th scope="col">{keyHeader}</th>
            <th scope="col" class="num">
              {t('orders.breakdown.count')}
            </th>
            <th scope="col">{t('orders.breakdown.share')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{label(row.key)}</th>
              <td class="num">{formatNumber(locale, row.count)}</td>
              <td class="share-cell">
                <svg class="share-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
                  <rect class="share-track" x="0" y="0" width="100" height="8" />
                  <rect class="share-fill" x="0" y="0" width={Math.round(row.share * 100)} height="8" />
                </svg>
                <span class="share-text">{percent.format(row.share)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
