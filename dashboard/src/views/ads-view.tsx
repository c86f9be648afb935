import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AdsCampaign, AdsSummary } from '../../../shared/api/ads-contract';
import { ApiError } from '../api/api-error';
import type { Store } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { DailyChart } from '../components/daily-chart';
import { DataTable, type Column } from '../components/data-table';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ErrorNotice } from '../components/error-notice';
import { FreshnessNote, IncompleteNotice } from '../components/freshness-note';
import { KpiList, type Kpi } from '../components/kpi-list';
import { Loading, Notice } from '../components/notice';
import {
  ADS_CSV_COLUMNS,
  ADS_WINDOWS,
  DEFAULT_ADS_SORT,
  adsChartDays,
  adsCsvHeaderKey,
  adsCsvRow,
  adsEnabled,
  attributionDays,
  nextAdsSort,
  nothingReadYet,
  pacingBar,
  peakSpendDay,
  provisionalDays,
  ratioText,
  sortCampaigns,
  usageText,
  type AdsSortKey,
} from '../data/ads';
import { csvFileName, downloadCsv, toCsv } from '../data/csv';
import type { SortState } from '../data/inventory';
import { parseAdsAuthResult, withoutOAuthResult, type AdsAuthResult } from '../data/oauth-result';
import { formatCurrency, formatDay, formatNumber } from '../format/format';
import { useResource } from '../hooks/use-resource';
import { routeHref, type Route } from '../router/routes';
import { isNavigableUrl } from './start-authorization';
import { MarketplacePicker, PeriodPicker, Toolbar, chosenMarketplace, go } from './store-page';

type AdsRoute = Extract<Route, { name: 'ads' }>;

const isCode = (error: unknown, code: string) => error instanceof ApiError && error.code === code;

/**
 * A store's advertising (issue 13): totals, spend and sales per day, campaigns with today's budget pacing, from
 * the stored Amazon Ads reports. Before the Ads consent, owners get the call to connect and members an
 * explanation; a workspace where the `ads` dataset is not live never offers the consent.
 */
export function AdsView({ store, route }: { store: Store; route: AdsRoute }) {
  const { t } = useI18n();
  const { api, config } = useServices();
  const enabled = adsEnabled(config);
  const marketplaceId = chosenMarketplace(store, route.marketplaceId);
  const [consent, setConsent] = useState<AdsAuthResult | undefined>(undefined);
  const [disconnected, setDisconnected] = useState(false);

  // The Ads consent's callback lands here once with its result: keep it on screen, drop it from the URL.
  useEffect(() => {
    const result = parseAdsAuthResult(window.location.search);
    if (result === undefined) return;
    setConsent(result);
    window.history.replaceState(
      null,
      '',
      `${window.location.pathname}${withoutOAuthResult(window.location.search)}`,
    );
  }, []);

  const { state, reload } = useResource(
    (signal) =>
      !enabled || marketplaceId === undefined
        ? Promise.reject(new Error('ads not available'))
        : api.getAds(store.storeId, marketplaceId, route.days, 'ad-budget-review', { signal }),
    [store.storeId, marketplaceId, route.days, enabled],
  );
  const href = (changes: { marketplaceId?: string; days?: number }) =>
    routeHref({
      name: 'ads',
      storeId: store.storeId,
      days: changes.days ?? route.days,
      ...((changes.marketplaceId ?? marketplaceId)
        ? { marketplaceId: changes.marketplaceId ?? marketplaceId }
        : {}),
    });

  if (!enabled) {
    return (
      <Notice tone="info">
        <p data-testid="ads-not-enabled">{t('ads.notEnabled')}</p>
      </Notice>
    );
  }

  const notConnected = state.status === 'error' && isCode(state.error, 'AdsNotConnected');
  const notLive = state.status === 'error' && isCode(state.error, 'DatasetNotEnabled');
  const isOwner = store.role === 'owner';

  return (
    <>
      <ConsentResultNotice result={consent} onDismiss={() => setConsent(undefined)} />
      {disconnected ? (
        <Notice tone="success" onDismiss={() => setDisconnected(false)}>
          <p>{t('ads.disconnect.done')}</p>
        </Notice>
      ) : null}
      <Toolbar>
        {marketplaceId === undefined ? null : (
          <MarketplacePicker
            store={store}
            value={marketplaceId}
            onChange={(id) => go(href({ marketplaceId: id }))}
          />
        )}
        <PeriodPicker
          label={t('ads.period')}
          windows={ADS_WINDOWS}
          value={route.days}
          optionLabel={(days) => t('ads.periodOption', { days })}
          onChange={(days) => go(href({ days }))}
        />
        {/* Before the first report there is no copy to date: the incomplete notice says what is happening. */}
        {state.status === 'ready' && !nothingReadYet(state.data) ? <FreshnessNote data={state.data} /> : null}
      </Toolbar>
      {state.status === 'loading' ? <Loading label={t('ads.loading')} /> : null}
      {notConnected ? <ConnectAds store={store} /> : null}
      {notLive ? (
        <Notice tone="info">
          <p data-testid="ads-not-enabled">{t('ads.notEnabled')}</p>
        </Notice>
      ) : null}
      {state.status === 'error' && !notConnected && !notLive ? (
        <ErrorNotice error={state.error} onRetry={reload} />
      ) : null}
      {state.status === 'ready' ? (
        <IncompleteNotice data={state.data} onRefresh={reload} dataset="ads" />
      ) : null}
      {state.status === 'ready' ? (
        <AdsReport
          store={store}
          data={state.data}
          canDisconnect={isOwner}
          onDisconnected={() => {
            setConsent(undefined);
            setDisconnected(true);
            reload();
          }}
        />
      ) : null}
    </>
  );
}

function ConsentResultNotice(props: { result: AdsAuthResult | undefined; onDismiss: () => void }) {
  const { t } = useI18n();
  const { result } = props;
  if (result === undefined) return null;
  if (result.kind === 'ads-connected')
    return (
      <Notice tone="success" onDismiss={props.onDismiss}>
        <p data-testid="ads-connected">{t('ads.connected', { count: result.marketplaces })}</p>
      </Notice>
    );
  return (
    <Notice tone="error" onDismiss={props.onDismiss}>
      <p data-testid="ads-consent-error">{t(`oauth.error.${result.code}`)}</p>
    </Notice>
  );
}

/** Not connected yet: owners start the Amazon Ads consent; everyone else learns who can. */
function ConnectAds({ store }: { store: Store }) {
  const { t } = useI18n();
  const { api } = useServices();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const isOwner = store.role === 'owner';

  const connect = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { redirectUrl } = await api.startAdsAuthorization(store.storeId);
      if (!isNavigableUrl(redirectUrl))
        throw new ApiError('Unexpected', 200, 'The redirect URL is not valid.');
      window.location.assign(redirectUrl);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <section class="panel ads-connect" aria-labelledby="ads-connect-title" data-testid="ads-connect">
      <h2 id="ads-connect-title">{t('ads.connect.title')}</h2>
      <p>{t('ads.connect.notConnected')}</p>
      {isOwner ? (
        <>
          <p class="hint">{t('ads.connect.owner')}</p>
          <button type="button" class="button button-primary" onClick={() => void connect()} disabled={busy}>
            {busy ? t('ads.connect.working') : t('ads.connect.button')}
          </button>
          {error === undefined ? null : <ErrorNotice error={error} />}
        </>
      ) : (
        <p class="hint" data-testid="ads-connect-member">
          {t('ads.connect.member')}
        </p>
      )}
    </section>
  );
}

function AdsReport(props: {
  store: Store;
  data: AdsSummary;
  canDisconnect: boolean;
  onDisconnected: () => void;
}) {
  const { data } = props;
  const { t, tv, locale } = useI18n();
  const [sort, setSort] = useState<SortState<AdsSortKey>>(DEFAULT_ADS_SORT);
  const [confirming, setConfirming] = useState(false);
  const money = (value: number | null) =>
    value === null ? t('common.noValue') : formatCurrency(locale, value, data.currency);
  const n = (value: number) => formatNumber(locale, value);
  const campaigns = useMemo(() => sortCampaigns(data.campaigns, sort), [data.campaigns, sort]);
  const provisional = useMemo(() => provisionalDays(data), [data]);
  const outOfBudget = data.campaigns.filter((campaign) => campaign.outOfBudget).length;
  const { totals } = data;

  const kpis: Kpi[] = [
    { id: 'spend', label: t('ads.kpi.spend'), value: money(totals.cost) },
    { id: 'sales', label: t('ads.kpi.sales'), value: money(totals.attributedSales) },
    { id: 'orders', label: t('ads.kpi.orders'), value: n(totals.attributedOrders) },
    { id: 'acos', label: t('ads.kpi.acos'), value: ratioText(locale, totals.acos, 'percent') },
    { id: 'roas', label: t('ads.kpi.roas'), value: ratioText(locale, totals.roas, 'multiple') },
    { id: 'tacos', label: t('ads.kpi.tacos'), value: ratioText(locale, totals.tacos, 'percent') },
    { id: 'impressions', label: t('ads.kpi.impressions'), value: n(totals.impressions) },
    { id: 'clicks', label: t('ads.kpi.clicks'), value: n(totals.clicks) },
    {
      id: 'out-of-budget',
      label: t('ads.kpi.outOfBudget'),
      value: n(outOfBudget),
      ...(outOfBudget > 0 ? { tone: 'danger' as const } : {}),
    },
  ];

  const peak = peakSpendDay(data.daily);
  const summary = t('ads.chart.summary', {
    days: n(data.daily.length),
    spend: money(data.daily.reduce((sum, day) => sum + day.cost, 0)),
    sales: money(data.daily.reduce((sum, day) => sum + day.attributedSales, 0)),
    peak: money(peak?.cost ?? 0),
    peakDay: peak === undefined ? t('common.noValue') : formatDay(locale, peak.date),
  });

  const columns: Column<AdsCampaign, AdsSortKey>[] = [
    {
      id: 'name',
      header: t('ads.col.campaign'),
      sortKey: 'name',
      cell: (c) => (
        <span class="ads-campaign">
          <span class="ads-campaign-name">{c.name}</span>
          <span class="muted ads-campaign-meta">
            {c.outOfBudget ? (
              <>
                <span class="badge badge-danger" data-testid="out-of-budget">
                  {t('ads.outOfBudget')}
                </span>{' '}
              </>
            ) : null}
            {tv('ads.product', c.adProduct)} · {t('ads.campaignId', { id: c.campaignId })}
          </span>
        </span>
      ),
      title: (c) => `${c.name} · ${tv('ads.product', c.adProduct)} · ${c.campaignId}`,
    },
    { id: 'status', header: t('ads.col.status'), width: 's', cell: (c) => tv('ads.status', c.status) },
    {
      id: 'budget',
      header: t('ads.col.budget'),
      align: 'end',
      width: 's',
      cell: (c) => money(c.dailyBudget),
    },
    {
      id: 'pacing',
      header: t('ads.col.pacing'),
      sortKey: 'budgetUsagePercent',
      width: 'l',
      cell: (c) => <PacingCell campaign={c} />,
    },
    {
      id: 'spend',
      header: t('ads.col.spend'),
      sortKey: 'cost',
      align: 'end',
      width: 'm',
      cell: (c) => money(c.cost),
    },
    {
      id: 'sales',
      header: t('ads.col.sales'),
      sortKey: 'attributedSales',
      align: 'end',
      width: 'm',
      cell: (c) => money(c.attributedSales),
      title: (c) => t('ads.attributionOf', { days: attributionDays(c.adProduct) }),
    },
    {
      id: 'orders',
      header: t('ads.col.orders'),
      align: 'end',
      width: 's',
      cell: (c) => n(c.attributedOrders),
    },
    {
      id: 'acos',
      header: t('ads.col.acos'),
      sortKey: 'acos',
      align: 'end',
      width: 's',
      cell: (c) => ratioText(locale, c.acos, 'percent'),
    },
    {
      id: 'roas',
      header: t('ads.col.roas'),
      sortKey: 'roas',
      align: 'end',
      width: 's',
      cell: (c) => ratioText(locale, c.roas, 'multiple'),
    },
    {
      id: 'traffic',
      header: t('ads.col.traffic'),
      align: 'end',
      width: 'm',
      cell: (c) => t('ads.traffic', { clicks: n(c.clicks), impressions: n(c.impressions) }),
    },
  ];

  const exportCsv = () => {
    const header = ADS_CSV_COLUMNS.map((column) => t(adsCsvHeaderKey(column)));
    const csv = toCsv(
      header,
      campaigns.map((campaign) => adsCsvRow(campaign, data.currency, (prefix, value) => tv(prefix, value))),
    );
    downloadCsv(csvFileName(['ads', data.storeId, data.marketplaceId, `${data.days}d`], new Date()), csv);
  };

  const disconnectButton = props.canDisconnect ? (
    <button type="button" class="button button-danger" onClick={() => setConfirming(true)}>
      {t('ads.disconnect.button')}
    </button>
  ) : null;

  return (
    <>
      <p class="muted ads-profile" data-testid="ads-profile">
        {t('ads.profile', { profileId: data.profileId, currency: data.currency })}{' '}
        <span data-testid="ads-time-zone">{t('ads.timeZone', { zone: data.timeZone })}</span>
      </p>
      {nothingReadYet(data) ? (
        <section class="panel" aria-labelledby="ads-pending" data-testid="ads-pending">
          <h2 id="ads-pending">{t('ads.pending.title')}</h2>
          <p>{t('ads.pending.body')}</p>
          {disconnectButton}
        </section>
      ) : (
        <>
          <KpiList label={t('ads.kpis')} items={kpis} />
          <p class="hint">
            {t('ads.ratios.help')}
            {totals.tacos === null ? ` ${t('ads.tacos.unknown')}` : ''}
          </p>

          <section class="panel" aria-labelledby="ads-chart">
            <h2 id="ads-chart">{t('ads.chart.title')}</h2>
            {data.freshness.provisionalFrom === undefined ? null : (
              <p class="muted" data-testid="ads-provisional-from">
                {t('ads.provisionalFrom', { date: formatDay(locale, data.freshness.provisionalFrom) })}
              </p>
            )}
            {data.daily.length === 0 ? (
              <p class="empty">{data.freshness.complete ? t('ads.chart.empty') : t('ads.incomplete')}</p>
            ) : (
              <DailyChart
                daily={adsChartDays(data.daily, data.currency)}
                currency={data.currency}
                summary={summary}
                series={{
                  bars: t('ads.chart.spend', { currency: data.currency }),
                  line: t('ads.chart.sales', { currency: data.currency }),
                  barsAreMoney: true,
                  provisional: t('ads.provisional'),
                }}
                provisional={provisional}
              />
            )}
          </section>

          <section class="panel" aria-labelledby="ads-campaigns">
            <div class="ads-panel-head">
              <h2 id="ads-campaigns">{t('ads.campaigns.title', { count: n(data.campaigns.length) })}</h2>
              <div class="ads-panel-actions">
                <button type="button" class="button" onClick={exportCsv} disabled={campaigns.length === 0}>
                  {t('common.exportCsv', { count: n(campaigns.length) })}
                </button>
                {disconnectButton}
              </div>
            </div>
            <p class="hint">{t('ads.attribution')}</p>
            <DataTable
              label={t('ads.campaigns.tableLabel')}
              columns={columns}
              rows={campaigns}
              rowKey={(c) => c.campaignId}
              sort={sort}
              onSort={(key) => setSort((current) => nextAdsSort(current, key))}
              emptyText={data.freshness.complete ? t('ads.campaigns.empty') : t('ads.incomplete')}
              rowClass={(c) => (c.outOfBudget ? 'row-alert ads-out-of-budget' : undefined)}
            />
          </section>
        </>
      )}

      <DisconnectAdsDialog
        storeId={confirming ? props.store.storeId : undefined}
        onClose={() => setConfirming(false)}
        onDone={() => {
          setConfirming(false);
          props.onDisconnected();
        }}
      />
    </>
  );
}

/** Today's budget usage as a bar (SVG width attribute, no inline style) with the exact figure beside it. */
function PacingCell({ campaign }: { campaign: AdsCampaign }) {
  const { t, locale } = useI18n();
  const bar = pacingBar(campaign);
  if (bar.percent === null)
    return <span class="muted">{campaign.outOfBudget ? t('ads.outOfBudget') : t('ads.noUsage')}</span>;
  return (
    <span class={`pacing pacing-${bar.level}`} data-usage={String(bar.percent)}>
      <svg class="pacing-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
        <rect class="pacing-track" x="0" y="0" width="100" height="8" />
        <rect class="pacing-fill" x="0" y="0" width={bar.width} height="8" />
      </svg>
      <span class="pacing-text">{usageText(locale, bar.percent)}</span>
    </span>
  );
}

/** The owner confirms once more; the dialog stays open with the error when the removal fails. */
function DisconnectAdsDialog(props: {
  storeId: string | undefined;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { api } = useServices();
  return (
    <ConfirmDialog
      subject={props.storeId}
      title={t('ads.disconnect.title')}
      confirmLabel={t('ads.disconnect.confirm')}
      workingLabel={t('ads.disconnect.working')}
      onClose={props.onClose}
      onConfirm={async (storeId) => {
        await api.removeAdsAuthorization(storeId);
        props.onDone();
      }}
    >
      <p>{t('ads.disconnect.body')}</p>
      <p class="dialog-advice">{t('ads.disconnect.amazon')}</p>
    </ConfirmDialog>
  );
}
