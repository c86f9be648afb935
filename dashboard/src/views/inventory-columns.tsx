import type { InventoryItem } from '../api/types';
import { useI18n } from '../app-context';
import type { Column } from '../components/data-table';
import type { InventorySortKey } from '../data/inventory';
import { formatNumber } from '../format/format';
import type { MessageKey } from '../i18n/en';

/** How a recommended restock mode reads: its translation, or "—" when there is none. */
export function useModeLabel(): (value: string | null | undefined) => string {
  const { t } = useI18n();
  return (value) =>
    value === null || value === undefined ? t('common.noValue') : t(`mode.${value}` as MessageKey);
}

/**
 * The inventory table's columns: stock, sales rate, days of cover, restock status and plan per SKU. A rate not known
 * yet reads "Sales history loading", never a 0 that would read as "nothing to order"; `onPlan` opens a SKU's plan.
 */
export function useInventoryColumns(
  onPlan: (item: InventoryItem) => void,
): Column<InventoryItem, InventorySortKey>[] {
  const { t, tv, locale } = useI18n();
  const mode = useModeLabel();
  const n = (value: number, digits = 0) => formatNumber(locale, value, digits);
  const velocityTitle = (r: InventoryItem) =>
    r.velocitySource === 'order-history'
      ? t('inventory.velocity.fromHistory', { days: n(r.velocityDays) })
      : r.velocitySource === 'sales-api'
        ? t('inventory.velocity.fromSalesApi', { days: n(r.velocityDays) })
        : t('inventory.velocity.unknown');

  return [
    {
      id: 'sku',
      header: t('inventory.col.sku'),
      sortKey: 'sellerSku',
      width: 'l',
      cell: (r) => r.sellerSku,
      title: (r) => r.sellerSku,
    },
    {
      id: 'product',
      header: t('inventory.col.product'),
      sortKey: 'productName',
      cell: (r) => r.productName,
      title: (r) => r.productName,
    },
    { id: 'asin', header: t('inventory.col.asin'), sortKey: 'asin', width: 'm', cell: (r) => r.asin },
    {
      id: 'fulfillable',
      header: t('inventory.col.fulfillable'),
      sortKey: 'fulfillable',
      align: 'end',
      width: 's',
      cell: (r) => n(r.fulfillable),
    },
    {
      id: 'inbound',
      header: t('inventory.col.inbound'),
      sortKey: 'inbound',
      align: 'end',
      width: 's',
      cell: (r) => n(r.inbound),
      title: (r) =>
        r.inboundWorking === undefined
          ? undefined
          : `${t('inventory.csv.inboundWorking')} ${n(r.inboundWorking)} · ${t('inventory.csv.inboundShipped')} ${n(
              r.inboundShipped ?? 0,
            )} · ${t('inventory.csv.inboundReceiving')} ${n(r.inboundReceiving ?? 0)}`,
    },
    {
      id: 'sold',
      header: t('inventory.col.sold'),
      sortKey: 'unitsSoldPerDay',
      align: 'end',
      width: 's',
      cell: (r) =>
        r.unitsSoldPerDay === null ? (
          t('inventory.unknownSales')
        ) : r.velocitySource === 'sales-api' ? (
          <>
            {n(r.unitsSoldPerDay, 1)}{' '}
            <span class="muted velocity-source" data-velocity-source="sales-api">
              {t('inventory.velocity.salesApiTag')}
            </span>
          </>
        ) : (
          n(r.unitsSoldPerDay, 1)
        ),
      title: (r) => velocityTitle(r),
    },
    {
      id: 'cover',
      header: t('inventory.col.cover'),
      sortKey: 'daysOfCover',
      align: 'end',
      width: 's',
      cell: (r) =>
        r.daysOfCover === null || r.daysOfCover === undefined
          ? r.unitsSoldPerDay === null
            ? t('inventory.unknownSales')
            : t('inventory.noSales')
          : n(r.daysOfCover, 0),
      title: (r) =>
        r.daysOfCoverWithInbound === null || r.daysOfCoverWithInbound === undefined
          ? undefined
          : `${t('inventory.csv.daysOfCoverWithInbound')}: ${n(r.daysOfCoverWithInbound, 0)}`,
    },
    {
      id: 'status',
      header: t('inventory.col.status'),
      sortKey: 'status',
      width: 'm',
      cell: (r) =>
        r.status === undefined ? (
          t('common.noValue')
        ) : (
          <span class={`badge status-${r.status}`}>
            {tv('restock.status', r.status)}
            {r.plan?.provisional && r.status !== 'sales-history-loading'
              ? ` · ${t('inventory.provisional')}`
              : ''}
          </span>
        ),
    },
    {
      id: 'restock',
      header: t('inventory.col.restock'),
      sortKey: 'restockQuantity',
      align: 'end',
      width: 's',
      // Without a known rate there is no quantity to show: "Loading", never a 0 that reads as "nothing to order".
      cell: (r) =>
        r.restockQuantity > 0 ? (
          <strong>{n(r.restockQuantity)}</strong>
        ) : r.unitsSoldPerDay === null ? (
          t('inventory.unknownSales')
        ) : (
          n(r.restockQuantity)
        ),
      title: (r) => (r.unitsSoldPerDay === null ? t('inventory.velocity.unknown') : undefined),
    },
    { id: 'mode', header: t('inventory.col.mode'), width: 's', cell: (r) => mode(r.plan?.recommendedMode) },
    {
      id: 'orderBy',
      header: t('inventory.col.orderBy'),
      sortKey: 'orderBy',
      width: 'm',
      cell: (r) => r.plan?.orderBy ?? t('common.noValue'),
    },
    {
      id: 'shipBy',
      header: t('inventory.col.shipBy'),
      width: 'm',
      cell: (r) => r.plan?.shipBy ?? t('common.noValue'),
    },
    {
      id: 'plan',
      header: t('inventory.col.plan'),
      width: 's',
      cell: (r) =>
        r.plan === undefined ? null : (
          <button
            type="button"
            class="button button-small"
            aria-label={t('inventory.planButtonLabel', { sku: r.sellerSku })}
            onClick={() => onPlan(r)}
          >
            {t('inventory.planButton')}
          </button>
        ),
    },
  ];
}
