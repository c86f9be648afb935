import type { AtRiskOrder, OrdersResponse } from '../api/types';
import { useI18n } from '../app-context';
import type { RankedAtRisk } from '../data/orders';
import { formatDateTime, formatNumber, formatRelativeTime } from '../format/format';
import { marketplaceLabel } from '../format/marketplaces';
import { sellerCentralOrderUrl } from '../format/seller-central';

/**
 * The orders view's shipments at risk: late first, then due within 24 h. Each order id opens the order in Seller
 * Central of its marketplace (a new tab; no referrer, no opener), and each row says what to pick: SKU × quantity.
 */
export function AtRiskTable(props: {
  orders: readonly RankedAtRisk[];
  data: Pick<OrdersResponse, 'marketplaceId' | 'timeZone'>;
  now: number;
}) {
  const { t, tv, locale } = useI18n();
  const { data, now } = props;
  return (
    <div class="table-scroll table-scroll-short" tabIndex={0} role="region" aria-labelledby="orders-at-risk">
      <table class="simple-table at-risk-table">
        <caption class="visually-hidden">{t('orders.atRisk.tableLabel')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('orders.atRisk.col.order')}</th>
            <th scope="col">{t('orders.atRisk.col.risk')}</th>
            <th scope="col">{t('orders.atRisk.col.items')}</th>
            <th scope="col">{t('orders.atRisk.col.status')}</th>
            <th scope="col">{t('orders.atRisk.col.shipBy')}</th>
          </tr>
        </thead>
        <tbody>
          {props.orders.map((order) => (
            <tr key={order.orderId} class={order.bucket === 'late' ? 'row-alert' : undefined}>
              <th scope="row" class="mono">
                <OrderLink order={order} fallbackMarketplace={data.marketplaceId} />
              </th>
              <td>
                <span
                  class={`badge ${order.bucket === 'late' ? 'badge-danger' : order.bucket === 'due-soon' ? 'badge-warning' : 'badge-muted'}`}
                >
                  {t(`orders.risk.${order.bucket}`)}
                </span>
              </td>
              <td data-testid="at-risk-items">
                <OrderItems items={order.items} />
              </td>
              <td>{tv('status', order.status)}</td>
              <td>
                <time dateTime={order.latestShipDate}>
                  {formatDateTime(locale, order.latestShipDate, data.timeZone)}
                </time>{' '}
                <span class="muted">({formatRelativeTime(locale, order.latestShipDate, now)})</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OrderLink({ order, fallbackMarketplace }: { order: AtRiskOrder; fallbackMarketplace: string }) {
  const { t, locale } = useI18n();
  const marketplaceId = order.marketplaceId || fallbackMarketplace;
  const href = sellerCentralOrderUrl(marketplaceId, order.orderId);
  if (href === undefined) return <>{order.orderId}</>;
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      title={t('orders.atRisk.orderLink', {
        orderId: order.orderId,
        marketplace: marketplaceLabel(locale, marketplaceId),
      })}
    >
      {order.orderId}
    </a>
  );
}

/** SKU × quantity per line; when the source lists no lines (Orders v0), a dash that says why, never a blank. */
function OrderItems({ items }: { items: AtRiskOrder['items'] }) {
  const { t, locale } = useI18n();
  if (items === null || items === undefined || items.length === 0) {
    const why = t('orders.atRisk.itemsUnknown');
    return (
      <span class="muted" title={why} data-testid="at-risk-items-unknown">
        <span aria-hidden="true">{t('common.noValue')}</span>
        <span class="visually-hidden">{why}</span>
      </span>
    );
  }
  return (
    <ul class="at-risk-items">
      {items.map((item, index) => (
        <li key={`${item.sellerSku}-${index}`}>
          <span class="mono">{item.sellerSku}</span> × {formatNumber(locale, item.quantity)}
        </li>
      ))}
    </ul>
  );
}
