import { useMemo, useState } from 'preact/hooks';
import type { InventoryItem, InventoryResponse, Store } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { DataTable, type Column } from '../components/data-table';
import { ErrorNotice } from '../components/error-notice';
import { FreshnessNote } from '../components/freshness-note';
import { KpiList } from '../components/kpi-list';
import { Loading, Notice } from '../components/notice';
import { csvFileName, downloadCsv, toCsv } from '../data/csv';
import {
  DEFAULT_INVENTORY_SORT,
  INVENTORY_CSV_FIELDS,
  filterInventory,
  flagsInUse,
  inventoryCsvRow,
  nextSort,
  searchIndex,
  sortInventory,
  type InventorySortKey,
  type SortState,
} from '../data/inventory';
import { formatNumber } from '../format/format';
import { useResource } from '../hooks/use-resource';
import { routeHref, type Route } from '../router/routes';
import { MarketplacePicker, Toolbar, chosenMarketplace, go } from './store-page';

type InventoryRoute = Extract<Route, { name: 'inventory' }>;

export function InventoryView({ store, route }: { store: Store; route: InventoryRoute }) {
  const { t } = useI18n();
  const { api } = useServices();
  const marketplaceId = chosenMarketplace(store, route.marketplaceId);
  const { state, reload } = useResource(
    (signal) =>
      marketplaceId === undefined
        ? Promise.reject(new Error('no marketplace'))
        : api.getInventory(store.storeId, marketplaceId, 'inventory-replenishment', { signal }),
    [store.storeId, marketplaceId],
  );

  return (
    <>
      <Toolbar>
        {marketplaceId === undefined ? null : (
          <MarketplacePicker
            store={store}
            value={marketplaceId}
            onChange={(id) => go(routeHref({ name: 'inventory', storeId: store.storeId, marketplaceId: id }))}
          />
        )}
        {state.status === 'ready' ? <FreshnessNote data={state.data} /> : null}
      </Toolbar>
      {state.status === 'loading' ? <Loading label={t('inventory.loading')} /> : null}
      {state.status === 'error' ? <ErrorNotice error={state.error} onRetry={reload} /> : null}
      {state.status === 'ready' ? <InventoryReport data={state.data} store={store} /> : null}
    </>
  );
}

function InventoryReport({ data, store }: { data: InventoryResponse; store: Store }) {
  const { t, tv, locale } = useI18n();
  const [query, setQuery] = useState('');
  const [flags, setFlags] = useState<readonly string[]>([]);
  const [sort, setSort] = useState<SortState<InventorySortKey>>(DEFAULT_INVENTORY_SORT);

  // Sorted once per sort change; search and flag filters then run over the sorted list (cheap per keystroke).
  const haystackOf = useMemo(() => searchIndex(data.items), [data.items]);
  const sorted = useMemo(() => sortInventory(data.items, sort), [data.items, sort]);
  const rows = useMemo(
    () => filterInventory(sorted, { query, flags }, haystackOf),
    [sorted, query, flags, haystackOf],
  );
  const availableFlags = useMemo(() => flagsInUse(data.items), [data.items]);
  const n = (value: number, digits = 0) => formatNumber(locale, value, digits);

  const columns: Column<InventoryItem, InventorySortKey>[] = [
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
    },
    {
      id: 'reserved',
      header: t('inventory.col.reserved'),
      sortKey: 'reserved',
      align: 'end',
      width: 's',
      cell: (r) => n(r.reserved),
    },
    {
      id: 'sold',
      header: t('inventory.col.sold'),
      sortKey: 'unitsSoldPerDay',
      align: 'end',
      width: 's',
      cell: (r) => n(r.unitsSoldPerDay, 1),
    },
    {
      id: 'cover',
      header: t('inventory.col.cover'),
      sortKey: 'daysOfCover',
      align: 'end',
      width: 's',
      cell: (r) =>
        r.daysOfCover === null || r.daysOfCover === undefined ? t('inventory.noSales') : n(r.daysOfCover, 0),
    },
    {
      id: 'restock',
      header: t('inventory.col.restock'),
      sortKey: 'restockQuantity',
      align: 'end',
      width: 's',
      cell: (r) => (r.restockQuantity > 0 ? <strong>{n(r.restockQuantity)}</strong> : n(r.restockQuantity)),
    },
    {
      id: 'flags',
      header: t('inventory.col.flags'),
      width: 'l',
      cell: (r) => (
        <span class="flags">
          {r.flags.map((flag) => (
            <span key={flag} class={`flag flag-${flag}`}>
              {tv('flag', flag)}
            </span>
          ))}
        </span>
      ),
      title: (r) => r.flags.map((flag) => tv('flag', flag)).join(', '),
    },
  ];

  const exportCsv = () => {
    const csv = toCsv(INVENTORY_CSV_FIELDS, rows.map(inventoryCsvRow));
    downloadCsv(csvFileName(['inventory', store.storeId, data.marketplaceId], new Date()), csv);
  };

  const toggleFlag = (flag: string, on: boolean) =>
    setFlags((current) => (on ? [...current, flag] : current.filter((f) => f !== flag)));

  return (
    <>
      <KpiList
        label={t('inventory.kpis')}
        items={[
          { id: 'skus', label: t('inventory.kpi.skus'), value: n(data.totals.skus) },
          { id: 'fulfillable', label: t('inventory.kpi.fulfillable'), value: n(data.totals.fulfillable) },
          { id: 'inbound', label: t('inventory.kpi.inbound'), value: n(data.totals.inbound) },
          {
            id: 'out',
            label: t('inventory.kpi.outOfStock'),
            value: n(data.totals.outOfStock),
            ...(data.totals.outOfStock > 0 ? { tone: 'danger' as const } : {}),
          },
          {
            id: 'low',
            label: t('inventory.kpi.lowStock'),
            value: n(data.totals.lowStock),
            ...(data.totals.lowStock > 0 ? { tone: 'warning' as const } : {}),
          },
        ]}
      />
      {data.settings === undefined ? null : (
        <p class="hint">
          {t('inventory.settings', {
            leadTime: n(data.settings.leadTimeDays),
            safety: n(data.settings.safetyDays),
          })}
        </p>
      )}
      {data.items.length === 0 ? (
        <Notice tone="info">
          <p>{t('inventory.empty')}</p>
        </Notice>
      ) : (
        <>
          <div class="filters">
            <label class="field field-grow">
              <span class="field-label">{t('inventory.search')}</span>
              <input type="search" value={query} onInput={(event) => setQuery(event.currentTarget.value)} />
            </label>
            {availableFlags.length === 0 ? null : (
              <fieldset class="flag-filter">
                <legend>{t('inventory.flagsLegend')}</legend>
                {availableFlags.map((flag) => (
                  <label key={flag} class="check">
                    <input
                      type="checkbox"
                      checked={flags.includes(flag)}
                      onChange={(event) => toggleFlag(flag, event.currentTarget.checked)}
                    />
                    {tv('flag', flag)}
                  </label>
                ))}
              </fieldset>
            )}
            {query !== '' || flags.length > 0 ? (
              <button
                type="button"
                class="button button-quiet"
                onClick={() => {
                  setQuery('');
                  setFlags([]);
                }}
              >
                {t('common.clearFilters')}
              </button>
            ) : null}
          </div>
          <div class="table-meta">
            <p role="status" aria-live="polite">
              {t('inventory.showing', { shown: n(rows.length), total: n(data.items.length) })}
            </p>
            <button type="button" class="button" onClick={exportCsv} disabled={rows.length === 0}>
              {t('common.exportCsv', { count: n(rows.length) })}
            </button>
          </div>
          <DataTable
            label={t('inventory.tableLabel')}
            columns={columns}
            rows={rows}
            rowKey={(row) => row.sellerSku}
            sort={sort}
            onSort={(key) => setSort((current) => nextSort(current, key))}
            emptyText={t('inventory.noMatch')}
            virtual
            rowClass={(row) => (row.flags.includes('out-of-stock') ? 'row-alert' : undefined)}
          />
        </>
      )}
    </>
  );
}
