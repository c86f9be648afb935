import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AuditRecord, Store } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { DataTable, type Column } from '../components/data-table';
import { ErrorNotice } from '../components/error-notice';
import { Loading } from '../components/notice';
import {
  ALL,
  AUDIT_CSV_FIELDS,
  auditCsvRow,
  auditQuery,
  auditRangeFrom,
  distinctValues,
  filterAudit,
  lastDays,
  type DayRange,
} from '../data/audit';
import { csvFileName, downloadCsv, toCsv } from '../data/csv';
import { formatDateTime, formatNumber } from '../format/format';
import { marketplaceLabel } from '../format/marketplaces';
import { useResource } from '../hooks/use-resource';
import { routeHref, type Route } from '../router/routes';
import { Toolbar, go } from './store-page';

type AuditRoute = Extract<Route, { name: 'audit' }>;

export function AuditView({ store, route }: { store: Store; route: AuditRoute }) {
  const { t } = useI18n();
  const { api } = useServices();
  const range = auditRangeFrom(route.from, route.to, Date.now());
  const { state, reload } = useResource(
    (signal) => {
      const query = auditQuery(range);
      return api.getAudit(store.storeId, query.from, query.to, { signal });
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
      {state.status === 'ready' ? (
        <AuditTable records={state.data.records} store={store} range={range} />
      ) : null}
    </>
  );
}

function RangeForm({ range, onSubmit }: { range: DayRange; onSubmit: (range: DayRange) => void }) {
  const { t } = useI18n();
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  useEffect(() => {
    setFrom(range.from);
    setTo(range.to);
  }, [range.from, range.to]);
  return (
    <form
      class="inline-form"
      aria-label={t('audit.range')}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(auditRangeFrom(from, to, Date.now()));
      }}
    >
      <label class="field">
        <span class="field-label">{t('audit.from')}</span>
        <input
          type="date"
          value={from}
          max={to}
          required
          onInput={(event) => setFrom(event.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span class="field-label">{t('audit.to')}</span>
        <input
          type="date"
          value={to}
          min={from}
          required
          onInput={(event) => setTo(event.currentTarget.value)}
        />
      </label>
      <button type="submit" class="button button-primary">
        {t('audit.apply')}
      </button>
    </form>
  );
}

function AuditTable({
  records,
  store,
  range,
}: {
  records: readonly AuditRecord[];
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

  const columns: Column<AuditRecord, never>[] = [
    {
      id: 'at',
      header: t('audit.col.at'),
      width: 'xl',
      cell: (r) => <time dateTime={r.at}>{formatDateTime(locale, r.at)}</time>,
    },
    {
      id: 'actor',
      header: t('audit.col.actor'),
      cell: (r) => (r.actor.type === 'system' ? t('audit.actor.system') : r.actor.id),
      title: (r) => `${r.actor.type}: ${r.actor.id}`,
    },
    { id: 'kind', header: t('audit.col.kind'), width: 'm', cell: (r) => tv('kind', r.kind) },
    {
      id: 'dataset',
      header: t('audit.col.dataset'),
      width: 's',
      cell: (r) => (r.dataset ? tv('dataset', r.dataset) : dash),
    },
    {
      id: 'marketplace',
      header: t('audit.col.marketplace'),
      width: 'l',
      cell: (r) => (r.marketplaceId ? marketplaceLabel(locale, r.marketplaceId) : dash),
    },
    {
      id: 'reason',
      header: t('audit.col.reason'),
      width: 'xl',
      cell: (r) => (r.reason ? tv('reason', r.reason) : dash),
    },
    {
      id: 'outcome',
      header: t('audit.col.outcome'),
      width: 's',
      cell: (r) =>
        r.outcome ? (
          <span
            class={`badge ${r.outcome === 'allowed' ? 'badge-ok' : r.outcome === 'denied' ? 'badge-danger' : 'badge-warning'}`}
          >
            {tv('outcome', r.outcome)}
          </span>
        ) : (
          dash
        ),
    },
    {
      id: 'source',
      header: t('audit.col.source'),
      width: 's',
      cell: (r) => (r.source ? tv('source', r.source) : dash),
    },
    {
      id: 'items',
      header: t('audit.col.items'),
      width: 's',
      align: 'end',
      cell: (r) =>
        r.itemCount === undefined || r.itemCount === null ? dash : formatNumber(locale, r.itemCount),
    },
  ];

  const exportCsv = () =>
    downloadCsv(
      csvFileName(['access-log', store.storeId, range.from, range.to], new Date()),
      toCsv(AUDIT_CSV_FIELDS, rows.map(auditCsvRow)),
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
        rowKey={(row, index) => `${index}|${row.at}|${row.requestId ?? ''}`}
        emptyText={t('audit.noMatch')}
        virtual
        rowClass={(row) => (row.outcome === 'denied' ? 'row-alert' : undefined)}
      />
    </>
  );
}
