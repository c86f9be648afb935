import type { InventoryResponse } from '../api/types';
import { useI18n } from '../app-context';
import { KpiList } from '../components/kpi-list';
import { formatNumber } from '../format/format';

/** The inventory view's headline figures: what to order now or soon, what is out, and the stock behind them. */
export function InventoryKpis({ data }: { data: InventoryResponse }) {
  const { t, locale } = useI18n();
  const n = (value: number) => formatNumber(locale, value);
  const byStatus = data.totals.byStatus ?? {};
  const count = (status: keyof typeof byStatus) => byStatus[status] ?? 0;
  return (
    <KpiList
      label={t('inventory.kpis')}
      items={[
        {
          id: 'order-now',
          label: t('inventory.kpi.orderNow'),
          value: n(count('order-now')),
          ...(count('order-now') > 0 ? { tone: 'danger' as const } : {}),
        },
        {
          id: 'order-soon',
          label: t('inventory.kpi.orderSoon'),
          value: n(count('order-soon')),
          ...(count('order-soon') > 0 ? { tone: 'warning' as const } : {}),
        },
        {
          id: 'out',
          label: t('inventory.kpi.outOfStock'),
          value: n(data.totals.outOfStock),
          ...(data.totals.outOfStock > 0 ? { tone: 'danger' as const } : {}),
        },
        { id: 'overstock', label: t('inventory.kpi.overstock'), value: n(data.totals.overstock ?? 0) },
        { id: 'units', label: t('inventory.kpi.restockUnits'), value: n(data.totals.restockUnits ?? 0) },
        { id: 'skus', label: t('inventory.kpi.skus'), value: n(data.totals.skus) },
        { id: 'fulfillable', label: t('inventory.kpi.fulfillable'), value: n(data.totals.fulfillable) },
        { id: 'inbound', label: t('inventory.kpi.inbound'), value: n(data.totals.inbound) },
      ]}
    />
  );
}
