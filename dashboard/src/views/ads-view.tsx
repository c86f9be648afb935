import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AdsSummary } from '../../../shared/api/ads-contract';
import { ApiError } from '../api/api-error';
import type { Store } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { DailyChart } from '../components/daily-chart';
import { DataTable } from '../components/data-table';
import { ErrorNotice } from '../components/error-notice';
import { FreshnessNote, IncompleteNotice } from '../components/freshness-note';
import { Loading, Notice } from '../components/notice';
import {
  ADS_SORT_KEYS,
  ADS_WINDOWS,
  DEFAULT_ADS_DAYS,
  DEFAULT_ADS_SORT,
  adsChartDays,
  adsEnabled,
  nextAdsSort,
  nothingReadYet,
  peakSpendDay,
  provisionalDays,
  sortCampaigns,
} from '../data/ads';
import { adsCsv } from '../data/ads-csv';
import { csvFileName, downloadCsv } from '../data/csv';
import { parseAdsAuthResult, withoutOAuthResult, type AdsAuthResult } from '../data/oauth-result';
import { storeName } from '../data/store-status';
import { formatCurrency, formatDay, formatNumber } from '../format/format';
import { useResource } from '../hooks/use-resource';
import { navigate } from '../router/navigation';
import { sortFromParams, sortParams, useUrlState } from '../router/url-state';
import { useAdsCampaignColumns } from './ads-campaign-columns';
import { ConnectAds, ConsentResultNotice, DisconnectAdsDialog } from './ads-connection';
import { AdsKpis } from './ads-kpis';
import { useStoreChoices, UrlCorrectionNotice } from './store-choices';
import { MarketplacePicker, PeriodPicker, Toolbar } from './store-page';

const PERIOD = { windows: ADS_WINDOWS, fallback: DEFAULT_ADS_DAYS };

const isCode = (error: unknown, code: string) => error instanceof ApiError && error.code === code;

/**
 * A store's advertising (issue 13): totals, spend and sales per day, campaigns with today's budget pacing, from
 * the stored Amazon Ads reports. Before the Ads consent, owners get the call to connect and members an
 * explanation; a workspace where the `ads` dataset is not live never offers the consent. Marketplace, period and
 * the campaigns' sort live in the URL; the KPI row, the campaign columns and the Ads link are in their own files.
 */
export function AdsView({ store }: { store: Store }) {
  const { t } = useI18n();
  const { api, config } = useServices();
  const enabled = adsEnabled(config);
  const choices = useStoreChoices(store, PERIOD);
  const { marketplaceId, days } = choices;
  const [consent, setConsent] = useState<AdsAuthResult | undefined>(undefined);
  const [disconnected, setDisconnected] = useState(false);

  // The Ads consent's callback lands here once with its result: keep it on screen, drop it from the URL.
  useEffect(() => {
    const result = parseAdsAuthResult(window.location.search);
    if (result === undefined) return;
    setConsent(result);
    navigate(`${window.location.pathname}${withoutOAuthResult(window.location.search)}`, { replace: true });
  }, []);

  const { state, reload } = useResource(
    (signal) =>
      !enabled || marketplaceId === undefined
        ? Promise.reject(new Error('ads not available'))
        : api.getAds(store.storeId, marketplaceId, days, 'ad-budget-review', { signal }),
    [store.storeId, marketplaceId, days, enabled],
  );

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
      <UrlCorrectionNotice choices={choices} />
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
            onChange={(id) => choices.choose({ marketplaceId: id })}
          />
        )}
        <PeriodPicker
          label={t('ads.period')}
          windows={ADS_WINDOWS}
          value={days}
          optionLabel={(option) => t('ads.periodOption', { days: option })}
          onChange={(option) => choices.choose({ days: option })}
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

function AdsReport(props: {
  store: Store;
  data: AdsSummary;
  canDisconnect: boolean;
  onDisconnected: () => void;
}) {
  const { data } = props;
  const { t, locale } = useI18n();
  // The campaigns' order is in the URL with the marketplace and period: shared links and Back keep it.
  const { params, set } = useUrlState();
  const sort = useMemo(() => sortFromParams(params, ADS_SORT_KEYS, DEFAULT_ADS_SORT), [params]);
  const [confirming, setConfirming] = useState(false);
  const money = (value: number | null) =>
    value === null ? t('common.noValue') : formatCurrency(locale, value, data.currency);
  const n = (value: number) => formatNumber(locale, value);
  const campaigns = useMemo(() => sortCampaigns(data.campaigns, sort), [data.campaigns, sort]);
  const provisional = useMemo(() => provisionalDays(data), [data]);
  const { totals } = data;

  const peak = peakSpendDay(data.daily);
  const summary = t('ads.chart.summary', {
    days: n(data.daily.length),
    spend: money(data.daily.reduce((sum, day) => sum + day.cost, 0)),
    sales: money(data.daily.reduce((sum, day) => sum + day.attributedSales, 0)),
    peak: money(peak?.cost ?? 0),
    peakDay: peak === undefined ? t('common.noValue') : formatDay(locale, peak.date),
  });

  const columns = useAdsCampaignColumns(data.currency);

  const exportCsv = () =>
    downloadCsv(
      csvFileName(['ads', data.storeId, data.marketplaceId, `${data.days}d`], new Date()),
      adsCsv(campaigns, data.currency, locale),
    );

  const disconnectButton = props.canDisconnect ? (
    <button
      type="button"
      class="button button-danger"
      onClick={() => setConfirming(true)}
      aria-label={t('ads.disconnect.buttonLabel', { store: storeName(props.store) })}
    >
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
          <AdsKpis data={data} />
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
                <button
                  type="button"
                  class="button"
                  onClick={exportCsv}
                  disabled={campaigns.length === 0}
                  aria-label={t('store.exportCsvLabel', {
                    count: n(campaigns.length),
                    store: storeName(props.store),
                  })}
                >
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
              onSort={(key) => set(sortParams(nextAdsSort(sort, key), DEFAULT_ADS_SORT), 'push')}
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
