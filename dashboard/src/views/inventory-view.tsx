import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { InventoryItem, InventoryResponse, Store } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { DataTable, type Column } from '../components/data-table';
import { ErrorNotice } from '../components/error-notice';
import { FreshnessNote, IncompleteNotice } from '../components/freshness-note';
import { KpiList } from '../components/kpi-list';
import { Loading, Notice } from '../components/notice';
import { Link } from '../components/link';
import { csvFileName, downloadCsv, toCsv } from '../data/csv';
import {
  DEFAULT_INVENTORY_SORT,
  INVENTORY_CSV_COLUMNS,
  csvHeaderKey,
  filterInventory,
  flagsInUse,
  inventoryCsvRow,
  nextSort,
  searchIndex,
  sortInventory,
  STATUS_ORDER,
  statusesInUse,
  type InventorySortKey,
  type SortState,
} from '../data/inventory';
import { inventoryStatusesFromSearch, withInventoryStatuses } from '../data/overview';
import { modeLeadTime } from '../data/restock-settings';
import { formatNumber } from '../format/format';
import { useResource } from '../hooks/use-resource';
import type { MessageKey } from '../i18n/en';
import { routeHref, type Route } from '../router/routes';
import { RestockPlanDialog } from './restock-plan-dialog';
import { MarketplacePicker, Toolbar, chosenMarketplace, go } from './store-page';

type InventoryRoute = Extract<Route, { name: 'inventory' }>;

export function InventoryView({ store, route }: { store: Store; route: InventoryRoute }) {
  const { t } = useI18n();
  const { api } = useServices();
  const marketplaceId = chosenMarketplace(store, route.marketplaceId);
  const { state, reload, update } = useResource(
    (signal) =>
      marketplaceId === undefined
        ? Promise.reject(new Error('no marketplace'))
        : api.getInventory(store.storeId, marketplaceId, 'inventory-replenishment', { signal }),
    [store.storeId, marketplaceId],
  );
  // While sales are still being read, the view asks again when the answer says (each view reads more). The new
  // answer replaces the shown one in place, so the search, filters and sort the reader set stay as they are.
  const shown = useRef({ storeId: store.storeId, marketplaceId });
  shown.current = { storeId: store.storeId, marketplaceId };
  const refresh = useCallback(() => {
    if (marketplaceId === undefined) return;
    const asked = { storeId: store.storeId, marketplaceId };
    api.getInventory(asked.storeId, asked.marketplaceId, 'inventory-replenishment').then(
      (data) => {
        const current = shown.current;
        if (current.storeId === asked.storeId && current.marketplaceId === asked.marketplaceId)
          update(() => data);
      },
      () => reload(),
    );
  }, [api, store.storeId, marketplaceId, update, reload]);

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
      {state.status === 'ready' ? <IncompleteNotice data={state.data} onRefresh={refresh} /> : null}
      {state.status === 'ready' ? <InventoryReport data={state.data} store={store} /> : null}
    </>
  );
}

function InventoryReport({ data, store }: { data: InventoryResponse; store: Store }) {
  const { t, tv, locale } = useI18n();
  const [query, setQuery] = useState('');
  const [flags, setFlags] = useState<readonly string[]>([]);
  // The overview links here filtered by restock status (`?status=out-of-stock`): start with that filter on.
  const [statuses, setStatuses] = useState<readonly string[]>(() =>
    inventoryStatusesFromSearch(window.location.search, STATUS_ORDER),
  );
  // …and keep it there as the reader changes it, so a reload or a shared link shows the same rows.
  useEffect(() => {
    const search = withInventoryStatuses(window.location.search, statuses);
    if (search !== window.location.search)
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}`);
  }, [statuses, data.marketplaceId]);
  const [sort, setSort] = useState<SortState<InventorySortKey>>(DEFAULT_INVENTORY_SORT);
  const [planFor, setPlanFor] = useState<InventoryItem | undefined>(undefined);

  // Sorted once per sort change; search and filters then run over the sorted list (cheap per keystroke).
  const haystackOf = useMemo(() => searchIndex(data.items), [data.items]);
  const sorted = useMemo(() => sortInventory(data.items, sort), [data.items, sort]);
  const rows = useMemo(
    () => filterInventory(sorted, { query, flags, statuses }, haystackOf),
    [sorted, query, flags, statuses, haystackOf],
  );
  const availableFlags = useMemo(() => flagsInUse(data.items), [data.items]);
  const availableStatuses = useMemo(() => statusesInUse(data.items), [data.items]);
  const n = (value: number, digits = 0) => formatNumber(locale, value, digits);
  const mode = (value: string | null | undefined) =>
    value === null || value === undefined ? t('common.noValue') : t(`mode.${value}` as MessageKey);
  const byStatus = data.totals.byStatus ?? {};
  const count = (status: keyof typeof byStatus) => byStatus[status] ?? 0;
  const loadingSales = data.velocity !== undefined && !data.velocity.complete;
  const velocityTitle = (r: InventoryItem) =>
    r.velocitySource === 'order-history'
      ? t('inventory.velocity.fromHistory', { days: n(r.velocityDays) })
      : r.velocitySource === 'sales-api'
        ? t('inventory.velocity.fromSalesApi', { days: n(r.velocityDays) })
        : t('inventory.velocity.unknown');

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
            onClick={() => setPlanFor(r)}
          >
            {t('inventory.planButton')}
          </button>
        ),
    },
  ];

  const exportCsv = () => {
    const header = INVENTORY_CSV_COLUMNS.map((column) => t(csvHeaderKey(column)));
    const csv = toCsv(
      header,
      rows.map((row) => inventoryCsvRow(row, (prefix, value) => tv(prefix, value))),
    );
    downloadCsv(csvFileName(['inventory', store.storeId, data.marketplaceId], new Date()), csv);
  };

  const toggle =
    (set: (change: (current: readonly string[]) => readonly string[]) => void) =>
    (value: string, on: boolean) =>
      set((current) => (on ? [...current, value] : current.filter((v) => v !== value)));
  const toggleFlag = toggle(setFlags);
  const toggleStatus = toggle(setStatuses);
  const settings = data.settings;

  return (
    <>
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
      {loadingSales ? (
        <Notice tone="info">
          <p data-testid="velocity-loading">
            {data.velocityLoadingSkus > 0
              ? t('inventory.velocityLoading', {
                  loading: n(data.velocityLoadingSkus),
                  total: n(data.items.length),
                })
              : t('inventory.salesLoading', { days: n(data.velocity.coveredDays) })}
          </p>
        </Notice>
      ) : data.velocity.source === 'sales-api' ? (
        <p class="hint">{t('inventory.velocityFromSalesApi')}</p>
      ) : null}
      {settings === undefined || settings.modes === undefined ? null : (
        <p class="hint">
          {t('inventory.planBasis', {
            mode: mode(settings.defaultMode),
            lead: n(modeLeadTime(settings, settings.defaultMode)),
            safety: n(settings.safetyDays),
            cover: n(settings.coverDays),
            overrides: n(settings.overrides ?? 0),
            timeZone: data.timeZone ?? 'UTC',
          })}{' '}
          <Link href={routeHref({ name: 'restock-settings', storeId: store.storeId })}>
            {t('inventory.editSettings')}
          </Link>
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
            {availableStatuses.length === 0 ? null : (
              <fieldset class="flag-filter">
                <legend>{t('inventory.statusLegend')}</legend>
                {availableStatuses.map((status) => (
                  <label key={status} class="check">
                    <input
                      type="checkbox"
                      checked={statuses.includes(status)}
                      onChange={(event) => toggleStatus(status, event.currentTarget.checked)}
                    />
                    {tv('restock.status', status)}
                  </label>
                ))}
              </fieldset>
            )}
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
            {query !== '' || flags.length > 0 || statuses.length > 0 ? (
              <button
                type="button"
                class="button button-quiet"
                onClick={() => {
                  setQuery('');
                  setFlags([]);
                  setStatuses([]);
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
            rowClass={(row) =>
              row.status === 'out-of-stock' || row.status === 'order-now' ? 'row-alert' : undefined
            }
          />
          <RestockPlanDialog store={store} data={data} item={planFor} onClose={() => setPlanFor(undefined)} />
        </>
      )}
    </>
  );
}
