import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AuditLogEntry } from '../../../shared/api/audit-contract';
import type { AuditResponse, Store } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { DataTable, type Column } from '../components/data-table';
import { ErrorNotice } from '../components/error-notice';
import { Loading } from '../components/notice';
import {
  ALL,
  actorView,
  appendAuditPage,
  auditQuery,
  auditRangeFrom,
  auditRecordFields,
  distinctValues,
  filterAudit,
  lastDays,
  type ActorView,
  type AuditPages,
  type DayRange,
} from '../data/audit';
import { accessLogCsv } from '../data/access-log-csv';
import { csvFileName, downloadCsv } from '../data/csv';
import { formatDateTime, formatNumber } from '../format/format';
import { marketplaceLabel } from '../format/marketplaces';
import { useResource } from '../hooks/use-resource';
import { routeHref, type Route } from '../router/routes';
import { RangeForm } from './audit-range-form';
import { Toolbar, go } from './store-page';

type AuditRoute = Extract<Route, { name: 'audit' }>;

export function AuditView({ store, route }: { store: Store; route: AuditRoute }) {
  const { t } = useI18n();
  const { api } = useServices();
  const range = auditRangeFrom(route.from, route.to, Date.now());
  const { state, reload } = useResource(
    (signal) => {
      const query = auditQuery(range);
      return api.getAudit(store.storeId, query.from, query.to, undefined, { signal });
    },
    [store.storeId, range.from, range.to],
  );
  const show = (next: DayRange) => go(routeHref({ name: 'audit', storeId: store.storeId, ...next }));

  return (
    <>
      <p class="lead">{t('audit.intro')}</p>
      <Toolbar>
        <RangeForm range={range} onSubmit={show} />
        <div class="presets" role="group" aria-label={t('audit.range')}>
          {[1, 7, 30].map((days) => (
            <button
              key={days}
              type="button"
              class="button button-small"
              onClick={() => show(lastDays(days, Date.now()))}
            >
              {t(`audit.preset.${days as 1 | 7 | 30}`)}
            </button>
          ))}
        </div>
      </Toolbar>
      {state.status === 'loading' ? <Loading label={t('audit.loading')} /> : null}
      {state.status === 'error' ? <ErrorNotice error={state.error} onRetry={reload} /> : null}
      {state.status === 'ready' ? <AuditLog first={state.data} store={store} range={range} /> : null}
    </>
  );
}

type OlderState =
  { readonly status: 'idle' | 'loading' } | { readonly status: 'error'; readonly error: unknown };

/**
 * The first page and the older ones loaded after it. Older pages are asked for with the range the API answered
 * (its `storeId`, `from` and `to`) and its `nextCursor`, so they continue exactly where the last page stopped.
 */
function AuditLog({ first, store, range }: { first: AuditResponse; store: Store; range: DayRange }) {
  const { t } = useI18n();
  const { api } = useServices();
  const [pages, setPages] = useState<AuditPages>(() => appendAuditPage(undefined, first));
  const [older, setOlder] = useState<OlderState>({ status: 'idle' });
  const inFlight = useRef<AbortController | undefined>(undefined);
  useEffect(() => {
    setPages(appendAuditPage(undefined, first));
    setOlder({ status: 'idle' });
    return () => inFlight.current?.abort();
  }, [first]);

  const loadOlder = async () => {
    const cursor = pages.nextCursor;
    if (cursor === undefined) return;
    const controller = new AbortController();
    inFlight.current = controller;
    setOlder({ status: 'loading' });
    try {
      const page = await api.getAudit(first.storeId, first.from, first.to, cursor, {
        signal: controller.signal,
      });
      if (controller.signal.aborted) return;
      setPages((current) => appendAuditPage(current, page));
      setOlder({ status: 'idle' });
    } catch (error) {
      if (!controller.signal.aborted) setOlder({ status: 'error', error });
    }
  };

  return (
    <>
      <AuditTable records={pages.records} store={store} range={range} />
      {pages.nextCursor === undefined ? null : (
        <div class="table-meta">
          <p>{t('audit.more')}</p>
          <button
            type="button"
            class="button"
            onClick={() => void loadOlder()}
            disabled={older.status === 'loading'}
            aria-busy={older.status === 'loading'}
          >
            {t(older.status === 'loading' ? 'audit.loadingOlder' : 'audit.loadOlder')}
          </button>
        </div>
      )}
      {older.status === 'error' ? <ErrorNotice error={older.error} onRetry={() => void loadOlder()} /> : null}
    </>
  );
}

function AuditTable({
  records,
  store,
  range,
}: {
  records: readonly AuditLogEntry[];
  store: Store;
  range: DayRange;
}) {
  const { t, tv, locale } = useI18n();
  const [outcome, setOutcome] = useState(ALL);
  const [dataset, setDataset] = useState(ALL);
  const [query, setQuery] = useState('');
  const rows = useMemo(
    () => filterAudit(records, { outcome, dataset, query }),
    [records, outcome, dataset, query],
  );
  const outcomes = useMemo(() => distinctValues(records, 'outcome'), [records]);
  const datasets = useMemo(() => distinctValues(records, 'dataset'), [records]);
  const dash = t('common.noValue');
  /** A field only some kinds of record have (a store event has no dataset): shown, or a dash. */
  const text = (
    record: AuditLogEntry,
    field: 'dataset' | 'marketplaceId' | 'reason' | 'source',
    show: (value: string) => string,
  ) => {
    const value = auditRecordFields(record)[field];
    return typeof value === 'string' && value !== '' ? show(value) : dash;
  };

  const columns: Column<AuditLogEntry, never>[] = [
    {
      id: 'at',
      header: t('audit.col.at'),
      width: 'xl',
      cell: (r) => <time dateTime={r.at}>{formatDateTime(locale, r.at)}</time>,
    },
    {
      id: 'actor',
      header: t('audit.col.actor'),
      width: 'xl',
      cell: (r) => <ActorCell view={actorView(r)} />,
      // The cell may be cut short at its width: the whole name, email and id are in the tooltip.
      title: (r) => {
        const view = actorView(r);
        return view.kind === 'unknown' ? `${view.full} · ${t('audit.actor.unknown')}` : view.full;
      },
    },
    { id: 'kind', header: t('audit.col.kind'), width: 'm', cell: (r) => tv('kind', r.kind) },
    {
      id: 'dataset',
      header: t('audit.col.dataset'),
      width: 's',
      cell: (r) => text(r, 'dataset', (value) => tv('dataset', value)),
    },
    {
      id: 'marketplace',
      header: t('audit.col.marketplace'),
      width: 'l',
      cell: (r) => text(r, 'marketplaceId', (value) => marketplaceLabel(locale, value)),
    },
    {
      id: 'reason',
      header: t('audit.col.reason'),
      width: 'xl',
      cell: (r) => text(r, 'reason', (value) => tv('reason', value)),
    },
    {
      id: 'outcome',
      header: t('audit.col.outcome'),
      width: 's',
      cell: (r) => (
        <span
          class={`badge ${r.outcome === 'allowed' ? 'badge-ok' : r.outcome === 'denied' ? 'badge-danger' : 'badge-warning'}`}
        >
          {tv('outcome', r.outcome)}
        </span>
      ),
    },
    {
      id: 'source',
      header: t('audit.col.source'),
      width: 's',
      cell: (r) => text(r, 'source', (value) => tv('source', value)),
    },
    {
      id: 'items',
      header: t('audit.col.items'),
      width: 's',
      align: 'end',
      cell: (r) => {
        const count = auditRecordFields(r).itemCount;
        return typeof count === 'number' ? formatNumber(locale, count) : dash;
      },
    },
  ];

  const exportCsv = () =>
    downloadCsv(
      csvFileName(['access-log', store.storeId, range.from, range.to], new Date()),
      accessLogCsv(rows, locale),
    );

  if (records.length === 0) return <p class="empty">{t('audit.empty')}</p>;

  return (
    <>
      <div class="filters">
        <label class="field">
          <span class="field-label">{t('audit.outcome')}</span>
          <select value={outcome} onChange={(event) => setOutcome(event.currentTarget.value)}>
            <option value={ALL}>{t('common.all')}</option>
            {outcomes.map((value) => (
              <option key={value} value={value}>
                {tv('outcome', value)}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="field-label">{t('audit.dataset')}</span>
          <select value={dataset} onChange={(event) => setDataset(event.currentTarget.value)}>
            <option value={ALL}>{t('common.all')}</option>
            {datasets.map((value) => (
              <option key={value} value={value}>
                {tv('dataset', value)}
              </option>
            ))}
          </select>
        </label>
        <label class="field field-grow">
          <span class="field-label">{t('audit.search')}</span>
          <input type="search" value={query} onInput={(event) => setQuery(event.currentTarget.value)} />
        </label>
      </div>
      <div class="table-meta">
        <p role="status" aria-live="polite">
          {t('audit.showing', {
            shown: formatNumber(locale, rows.length),
            total: formatNumber(locale, records.length),
          })}
        </p>
        <button type="button" class="button" onClick={exportCsv} disabled={rows.length === 0}>
          {t('common.exportCsv', { count: formatNumber(locale, rows.length) })}
        </button>
      </div>
      <DataTable
        label={t('audit.tableLabel')}
        columns={columns}
        rows={rows}
        rowKey={(row, index) => `${index}|${row.at}|${row.requestId}`}
        emptyText={t('audit.noMatch')}
        virtual
        rowClass={(row) => (row.outcome === 'denied' ? 'row-alert' : undefined)}
      />
    </>
  );
}

/** Who: the operator's name with their email below, "unknown user" for one the user pool no longer has. */
function ActorCell({ view }: { view: ActorView }) {
  const { t } = useI18n();
  if (view.kind === 'system') return <>{t('audit.actor.system')}</>;
  return (
    <span class="actor-cell">
      <span class="actor-primary">{view.primary}</span>
      {view.secondary === undefined ? null : <span class="actor-secondary">{view.secondary}</span>}
      {view.kind === 'unknown' ? <span class="actor-secondary">{t('audit.actor.unknown')}</span> : null}
    </span>
  );
}
