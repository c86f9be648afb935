import { useCallback, useMemo, useRef, useState } from 'preact/hooks';
import type { InventoryItem, InventoryResponse, Store } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { DataTable } from '../components/data-table';
import { ErrorNotice } from '../components/error-notice';
import { FreshnessNote, IncompleteNotice } from '../components/freshness-note';
import { Loading, Notice } from '../components/notice';
import { Link } from '../components/link';
import { csvFileName, downloadCsv } from '../data/csv';
import { filterInventory, nextSort, searchIndex, sortInventory } from '../data/inventory';
import { inventoryCsv } from '../data/inventory-csv';
import {
  INVENTORY_CLEAR_FILTERS,
  inventoryFlagsChange,
  inventoryQueryChange,
  inventorySortChange,
  inventoryStatusesChange,
  inventoryViewFromParams,
} from '../data/inventory-url-state';
import { modeLeadTime } from '../data/restock-settings';
import { storeName } from '../data/store-status';
import { formatNumber } from '../format/format';
import { useResource } from '../hooks/use-resource';
import { routeHref } from '../router/routes';
import { useUrlState } from '../router/url-state';
import { useInventoryColumns, useModeLabel } from './inventory-columns';
import { InventoryFilters } from './inventory-filters';
import { InventoryKpis } from './inventory-kpis';
import { RestockPlanDialog } from './restock-plan-dialog';
import { useStoreChoices, UrlCorrectionNotice } from './store-choices';
import { MarketplacePicker, Toolbar } from './store-page';

/**
 * A store's inventory (what to restock): the marketplace's SKUs with stock, sales rate, days of cover and a restock
 * plan each, searchable, filterable and sortable, with the state in the URL. The table's columns, filters and
 * headline figures are in their own files (inventory-columns, inventory-filters, inventory-kpis).
 */
export function InventoryView({ store }: { store: Store }) {
  const { t } = useI18n();
  const { api } = useServices();
  const choices = useStoreChoices(store);
  const { marketplaceId } = choices;
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
      <UrlCorrectionNotice choices={choices} />
      <Toolbar>
        {marketplaceId === undefined ? null : (
          <MarketplacePicker
            store={store}
            value={marketplaceId}
            onChange={(id) => choices.choose({ marketplaceId: id })}
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
  const { t, locale } = useI18n();
  // Search, filters and sort live in the URL (the overview links here with `?status=out-of-stock`): a reload or a
  // shared link shows the same rows, and Back undoes a filter or a sort.
  const { params, set } = useUrlState();
  const view = useMemo(() => inventoryViewFromParams(params), [params]);
  const { query, flags, statuses, sort } = view;
  const [planFor, setPlanFor] = useState<InventoryItem | undefined>(undefined);

  // Sorted once per sort change; search and filters then run over the sorted list (cheap per keystroke).
  const haystackOf = useMemo(() => searchIndex(data.items), [data.items]);
  const sorted = useMemo(() => sortInventory(data.items, sort), [data.items, sort]);
  const rows = useMemo(
    () => filterInventory(sorted, { query, flags, statuses }, haystackOf),
    [sorted, query, flags, statuses, haystackOf],
  );
  const n = (value: number, digits = 0) => formatNumber(locale, value, digits);
  const mode = useModeLabel();
  const loadingSales = data.velocity !== undefined && !data.velocity.complete;

  const columns = useInventoryColumns(setPlanFor);

  const exportCsv = () =>
    downloadCsv(
      csvFileName(['inventory', store.storeId, data.marketplaceId], new Date()),
      inventoryCsv(rows, locale),
    );

  const settings = data.settings;

  return (
    <>
      <InventoryKpis data={data} />
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
          <InventoryFilters
            items={data.items}
            filter={view}
            onQuery={(query) => set(inventoryQueryChange(query), 'replace')}
            onStatuses={(statuses) => set(inventoryStatusesChange(statuses), 'push')}
            onFlags={(flags) => set(inventoryFlagsChange(flags), 'push')}
            onClear={() => set(INVENTORY_CLEAR_FILTERS, 'push')}
          />
          <div class="table-meta">
            <p role="status" aria-live="polite">
              {t('inventory.showing', { shown: n(rows.length), total: n(data.items.length) })}
            </p>
            <button
              type="button"
              class="button"
              onClick={exportCsv}
              disabled={rows.length === 0}
              aria-label={t('store.exportCsvLabel', { count: n(rows.length), store: storeName(store) })}
            >
              {t('common.exportCsv', { count: n(rows.length) })}
            </button>
          </div>
          <DataTable
            label={t('inventory.tableLabel')}
            columns={columns}
            rows={rows}
            rowKey={(row) => row.sellerSku}
            sort={sort}
            onSort={(key) => set(inventorySortChange(nextSort(sort, key)), 'push')}
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
