import { USAGE_PLANS } from '../shared/pacing/token-bucket';
import { AWS_PRICES, TOKEN_REUSE, USAGE_PROFILE } from './config';
import { row, type FigureResult, type Row } from './support/figure';
import { round } from './support/statistics';
import type { AdsPipelineCounts as MeasuredAdsPipeline } from './support/ads-setup';
import type { PerViewCounts } from './support/view-overhead';

/**
 * Figure 6 — cost model: AWS cost per store per month at USAGE_PROFILE.stores stores, priced at the list prices in
 * config.ts. Per-view counts (DynamoDB capacity units, KMS and SQS calls, audit and log bytes, our share of the
 * Lambda time) are measured: a view served from stored data as figure 4 (warm-overhead) counts it, a view that reads
 * Amazon as figure 4b (refresh-overhead) counts it, the ads view (which never reads Amazon) as figure 4, and the Ads
 * report pipeline from what figure 4's connect day cost (details.adsPipeline); token exchanges per hour from the
 * token-reuse run. What is not measured here (views per day, share of views that reach Amazon, Amazon's latency) is
 * the stated usage profile.
 */

/** The connect day's report pipeline, as figure 4 records it (support/ads-setup.ts). */
type AdsPipelineCounts = Pick<
  MeasuredAdsPipeline,
  'reportRequests' | 'invocations' | 'workerMs' | 'readUnits' | 'writeUnits' | 'kmsCalls' | 'sqsCalls'
>;

interface Inputs {
  /** Views served from stored data (figure 4). */
  readonly stored: {
    readonly inventory: PerViewCounts;
    readonly orders: PerViewCounts;
    readonly ads: PerViewCounts;
    /** GET /api/overview, per store of the operator (figure 4: an operator with one store). */
    readonly overview: PerViewCounts;
  };
  /** Views that read Amazon (figure 4b). */
  readonly refresh: { readonly inventory: PerViewCounts; readonly orders: PerViewCounts };
  readonly adsPipeline: AdsPipelineCounts;
  readonly exchangesPerAllowed: number;
  readonly decryptsPerExchange: number;
}

function inputsFrom(figures: readonly FigureResult[]): Inputs | string {
  const perViewOf = (id: string) => {
    const details = figures.find((figure) => figure.id === id)?.details as
      Record<string, { perView?: PerViewCounts }> | undefined;
    return (dataset: string) => details?.[dataset]?.perView;
  };
  const stored = perViewOf('warm-overhead');
  const refresh = perViewOf('refresh-overhead');
  const warmDetails = figures.find((figure) => figure.id === 'warm-overhead')?.details as
    { adsPipeline?: AdsPipelineCounts } | undefined;
  const [inventory, orders, ads, overview] = [
    stored('inventory'),
    stored('orders'),
    stored('ads'),
    stored('overview'),
  ];
  const adsPipeline = warmDetails?.adsPipeline;
  if (
    inventory === undefined ||
    orders === undefined ||
    ads === undefined ||
    overview === undefined ||
    adsPipeline === undefined
  )
    return 'needs the warm-overhead figure';
  if (adsPipeline.reportRequests === 0) return 'the warm-overhead figure recorded no Ads report request';
  const [inventoryRefresh, ordersRefresh] = [refresh('inventory'), refresh('orders')];
  if (inventoryRefresh === undefined || ordersRefresh === undefined)
    return 'needs the refresh-overhead figure';
  const tokens = figures.find((figure) => figure.id === 'token-reuse');
  const exchanges = tokens?.rows.find((r) => r.name.startsWith('LWA exchanges per store (max)'));
  const decrypts = tokens?.rows.find((r) => r.name.startsWith('KMS Decrypts per LWA exchange'));
  if (exchanges?.value == null || exchanges.budget === undefined || decrypts?.value == null)
    return 'needs the token-reuse figure';
  return {
    stored: { inventory, orders, ads, overview },
    refresh: { inventory: inventoryRefresh, orders: ordersRefresh },
    adsPipeline,
    exchangesPerAllowed: exchanges.value / exchanges.budget.max,
    decryptsPerExchange: decrypts.value,
  };
}

/** Lambda time of a view that reads Amazon at the real (unscaled) usage plan: pages one after another. */
function amazonMsPerFetch(calls: number, plan: { rate: number; burst: number }): number {
  const latency = USAGE_PROFILE.amazonLatencyMsPerCall;
  const burstCalls = Math.min(calls, plan.burst);
  const pacedCalls = Math.max(0, calls - plan.burst);
  return burstCalls * latency + pacedCalls * Math.max(latency, 1000 / plan.rate);
}

export function costModel(figures: readonly FigureResult[]): FigureResult {
  const inputs = inputsFrom(figures);
  const profile = USAGE_PROFILE;
  const prices = AWS_PRICES;
  const title = `Cost model — AWS per store per month at ${profile.stores.toLocaleString('en-US')} stores (list prices ${prices.region}, ${prices.asOf})`;
  if (typeof inputs === 'string') {
    return {
      id: 'cost-model',
      title,
      rows: [
        row({ name: 'total per store per month', value: null, unit: 'USD', note: `not computed: ${inputs}` }),
      ],
      notes: [],
      details: {},
    };
  }
  const days = profile.daysPerMonth;
  const gb = profile.lambdaMemoryMb / 1024;
  // Inventory and orders: a share of the views reads Amazon (refresh counts, figure 4b), the rest is served from
  // the stored data (figure 4). The ads view never reads Amazon (the report pipeline does): figure 4 only.
  const datasets = [
    {
      name: 'inventory' as const,
      views: profile.inventoryViewsPerDay * days,
      stored: inputs.stored.inventory,
      refresh: inputs.refresh.inventory as PerViewCounts | undefined,
      fetchShare: profile.amazonFetchShare.inventory,
      plan: USAGE_PLANS.getInventorySummaries as { rate: number; burst: number } | undefined,
    },
    {
      name: 'orders' as const,
      views: profile.ordersViewsPerDay * days,
      stored: inputs.stored.orders,
      refresh: inputs.refresh.orders as PerViewCounts | undefined,
      fetchShare: profile.amazonFetchShare.orders,
      plan: USAGE_PLANS.searchOrders as { rate: number; burst: number } | undefined,
    },
    {
      name: 'ads' as const,
      views: profile.adsViewsPerDay * days,
      stored: inputs.stored.ads,
      refresh: undefined,
      fetchShare: 0,
      plan: undefined,
    },
    {
      name: 'overview' as const,
      views: profile.overviewsPerStorePerDay * days,
      stored: inputs.stored.overview,
      refresh: undefined,
      fetchShare: 0,
      plan: undefined,
    },
  ];

  // Lambda: our measured time per view, plus Amazon's time on the views that fetch; the health check per store.
  let lambdaGbSeconds = (days * profile.healthCheckMsPerStore * gb) / 1000;
  let requests = 0;
  let readUnits = days; // the health check reads the store's token once a day
  let writeUnits = 0;
  let logBytes = 0;
  let storedKilobytes = 0;
  let viewSqsRequests = 0;
  const perDataset: Record<
    string,
    { views: number; fetches: number; lambdaMs: number; rru: number; wru: number }
  > = {};
  for (const dataset of datasets) {
    const fetches = dataset.refresh === undefined ? 0 : dataset.views * dataset.fetchShare;
    const served = dataset.views - fetches;
    const refresh = dataset.refresh;
    const amazonMs =
      refresh === undefined || dataset.plan === undefined
        ? 0
        : amazonMsPerFetch(refresh.amazonCalls, dataset.plan);
    const lambdaMs =
      served * dataset.stored.overheadMsMean +
      (refresh === undefined ? 0 : fetches * (refresh.overheadMsMean + amazonMs));
    lambdaGbSeconds += (lambdaMs * gb) / 1000;
    requests += dataset.views;
    const rru = served * dataset.stored.dynamoDbReadUnits + fetches * (refresh?.dynamoDbReadUnits ?? 0);
    const wru = served * dataset.stored.dynamoDbWriteUnits + fetches * (refresh?.dynamoDbWriteUnits ?? 0);
    readUnits += rru;
    writeUnits += wru;
    viewSqsRequests += served * dataset.stored.sqsCalls + fetches * (refresh?.sqsCalls ?? 0);
    const bytesPerView = (counts: PerViewCounts) =>
      counts.auditBytes + counts.logBytes + profile.platformLogBytesPerInvocation;
    logBytes +=
      served * bytesPerView(dataset.stored) + (refresh === undefined ? 0 : fetches * bytesPerView(refresh));
    // A write unit is a kilobyte: the snapshot a fetching view writes is about what the store keeps.
    storedKilobytes += refresh?.dynamoDbWriteUnits ?? 0;
    perDataset[dataset.name] = { views: dataset.views, fetches, lambdaMs, rru, wru };
  }

  // The Ads report pipeline: a store-day is `adsReportRequestsPerStoreDay` report requests (figure 8: one per
  // report type re-reading the trailing days Amazon restates), each priced at what one report request of the
  // connect day cost, all told (its sync share with budgets, polls, download, stored days). An upper bound: a
  // connect-day report holds 31 days, a re-read fewer. The connect day itself is a one-off per store, in details.
  const pipeline = inputs.adsPipeline;
  const reportsPerMonth = profile.adsReportRequestsPerStoreDay * days;
  const perReport = (value: number) => value / pipeline.reportRequests;
  const adsPipeline = {
    reportRequests: reportsPerMonth,
    invocations: reportsPerMonth * perReport(pipeline.invocations),
    workerMs: reportsPerMonth * perReport(pipeline.workerMs),
    readUnits: reportsPerMonth * perReport(pipeline.readUnits),
    writeUnits: reportsPerMonth * perReport(pipeline.writeUnits),
    // At least the day's first Ads token mint (one Decrypt) in the worker's environment.
    kmsCalls: Math.max(days, reportsPerMonth * perReport(pipeline.kmsCalls)),
    sqsCalls: reportsPerMonth * perReport(pipeline.sqsCalls),
  };
  lambdaGbSeconds += (adsPipeline.workerMs * gb) / 1000;
  readUnits += adsPipeline.readUnits;
  writeUnits += adsPipeline.writeUnits;
  // The stored ads days: about what the connect day wrote.
  storedKilobytes += pipeline.writeUnits;
  logBytes += adsPipeline.invocations * profile.platformLogBytesPerInvocation;

  // Tokens: each data function keeps its own cache; one exchange (and one Decrypt) per 55 active minutes at most.
  const activeMinutes = profile.activeHoursPerDay * 60;
  const exchangesPerEnvironmentDay =
    (1 + Math.floor(activeMinutes / TOKEN_REUSE.reuseMinutes)) * Math.min(1, inputs.exchangesPerAllowed);
  // The SP-API functions (inventory, orders) hold an SP-API token; the ads view holds none (stored reports only).
  const spApiFunctions = 2;
  const kmsRequests =
    days *
      (spApiFunctions *
        profile.environmentsPerFunction *
        exchangesPerEnvironmentDay *
        inputs.decryptsPerExchange +
        profile.healthChecksPerDay) +
    adsPipeline.kmsCalls;
  const sqsRequests = profile.monthlyRevocationShare * 3 + viewSqsRequests + adsPipeline.sqsCalls; // revocation: send, receive, delete
  // Store sessions (issue 17): an AssumeRole per store, purpose and environment on first use, then every 10
  // minutes while the store is active (15-minute sessions, refreshed 5 minutes early). STS is free. The three store
  // view functions and the Ads report worker, plus the health check (the overview reads with its own role).
  const stsRequests = days * profile.activeHoursPerDay * 6 * (4 * profile.environmentsPerFunction + 1);

  const perStore = {
    lambdaCompute: lambdaGbSeconds * prices.lambdaArmPerGbSecond,
    lambdaRequests:
      ((requests + adsPipeline.invocations + days / profile.stores) * prices.lambdaPerMillionRequests) / 1e6,
    apiGateway: (requests * prices.httpApiPerMillionRequests) / 1e6,
    dynamoDb:
      (readUnits * prices.dynamoDbPerMillionReadRequestUnits) / 1e6 +
      (writeUnits * prices.dynamoDbPerMillionWriteRequestUnits) / 1e6 +
      (storedKilobytes / 1024 / 1024) * prices.dynamoDbStoragePerGbMonth,
    kms: (kmsRequests * prices.kmsPer10kRequests) / 1e4,
    cloudWatchLogs:
      (logBytes / 1e9) * prices.cloudWatchLogsIngestionPerGb +
      (logBytes / 1e9) * prices.cloudWatchLogsStoragePerGbMonth,
    sqs: (sqsRequests * prices.sqsPerMillionRequests) / 1e6,
    sts: 0,
    sharedFixed:
      (profile.fixed.kmsKeys * prices.kmsKeyPerMonth +
        profile.fixed.secrets * prices.secretsManagerSecretPerMonth +
        (profile.fixed.secretReadsPerMonth * prices.secretsManagerPer10kCalls) / 1e4 +
        (profile.fixed.sqsPollingRequestsPerMonth * prices.sqsPerMillionRequests) / 1e6) /
      profile.stores,
  };
  const total = Object.values(perStore).reduce((a, b) => a + b, 0);
  const usd = (value: number) => round(value, 6);
  const labels: Record<keyof typeof perStore, string> = {
    lambdaCompute: `Lambda compute (${round(lambdaGbSeconds, 1)} GB-s)`,
    lambdaRequests: `Lambda requests (${round(requests + adsPipeline.invocations, 0)})`,
    apiGateway: `API Gateway HTTP API requests (${requests})`,
    dynamoDb: `DynamoDB (${round(readUnits, 0)} RRU, ${round(writeUnits, 0)} WRU, ${round(storedKilobytes, 0)} KB stored)`,
    kms: `KMS (${round(kmsRequests, 0)} Decrypts)`,
    cloudWatchLogs: `CloudWatch Logs (${round(logBytes / 1e6, 2)} MB ingested and stored)`,
    sqs: `SQS (${round(sqsRequests, 1)} requests)`,
    sts: `STS (${round(stsRequests, 0)} AssumeRole for store sessions, at most; STS is free)`,
    sharedFixed: 'shared: KMS key, LWA secret and its reads, SQS polling, ÷ stores',
  };
  const rows: Row[] = (Object.keys(perStore) as Array<keyof typeof perStore>).map((key) =>
    row({ name: labels[key], value: usd(perStore[key]), unit: 'USD / store / month' }),
  );
  // The Ads pipeline's share of the lines above, shown on its own (not added again).
  const adsPipelineUsd =
    ((adsPipeline.workerMs * gb) / 1000) * prices.lambdaArmPerGbSecond +
    (adsPipeline.invocations * prices.lambdaPerMillionRequests) / 1e6 +
    (adsPipeline.readUnits * prices.dynamoDbPerMillionReadRequestUnits) / 1e6 +
    (adsPipeline.writeUnits * prices.dynamoDbPerMillionWriteRequestUnits) / 1e6 +
    (adsPipeline.kmsCalls * prices.kmsPer10kRequests) / 1e4 +
    (adsPipeline.sqsCalls * prices.sqsPerMillionRequests) / 1e6;
  rows.push(
    row({
      name: `of which the Ads report pipeline (${profile.adsReportRequestsPerStoreDay} report requests per store-day)`,
      value: usd(adsPipelineUsd),
      unit: 'USD / store / month',
      note: `${round(adsPipeline.invocations, 0)} worker invocations, ${round(adsPipeline.workerMs / 1000, 1)} s, ${round(adsPipeline.readUnits, 0)} RRU + ${round(adsPipeline.writeUnits, 0)} WRU, ${round(adsPipeline.sqsCalls, 0)} SQS requests a month`,
    }),
    row({
      name: 'total per store per month',
      value: round(total, 4),
      unit: 'USD',
      budget: { max: 0.02, text: '≤ $0.02 per store per month at 10,000 stores' },
    }),
    row({
      name: `total at ${profile.stores.toLocaleString('en-US')} stores`,
      value: round(total * profile.stores, 0),
      unit: 'USD / month',
    }),
  );
  const { stored, refresh } = inputs;
  const units = (counts: PerViewCounts) =>
    `${round(counts.dynamoDbReadUnits, 1)} RRU + ${round(counts.dynamoDbWriteUnits, 1)} WRU, ${round(counts.overheadMsMean, 1)} ms`;
  return {
    id: 'cost-model',
    title,
    rows,
    notes: [
      `Profile per store: ${profile.inventoryViewsPerDay} inventory + ${profile.ordersViewsPerDay} orders + ${profile.adsViewsPerDay} ads views and ${profile.overviewsPerStorePerDay} overview requests a day over ${profile.activeHoursPerDay} active hours, ${profile.amazonFetchShare.inventory * 100}% / ${profile.amazonFetchShare.orders * 100}% of the inventory / orders views reaching Amazon (the rest, every ads view and every overview served from stored data), Amazon answering in ${profile.amazonLatencyMsPerCall} ms per call at the real usage plans; the Ads report pipeline at ${profile.adsReportRequestsPerStoreDay} report requests per store-day; a daily health check, ${profile.monthlyRevocationShare * 100}% of stores revoked a month; ${profile.lambdaMemoryMb} MB arm64 functions.`,
      `Measured inputs per view — from stored data (figure 4): inventory ${units(stored.inventory)}, orders ${units(stored.orders)}, ads ${units(stored.ads)}, overview ${units(stored.overview)}; reading Amazon (figure 4b): inventory ${units(refresh.inventory)}, orders ${units(refresh.orders)} (DynamoDB Local's consumed capacity; our time without Amazon's). Ads pipeline, connect day (figure 4): ${pipeline.reportRequests} report requests, ${pipeline.invocations} worker invocations, ${round(pipeline.workerMs, 0)} ms, ${round(pipeline.readUnits, 0)} RRU + ${round(pipeline.writeUnits, 0)} WRU, ${pipeline.sqsCalls} SQS requests, priced per report request. Token exchanges at most one per ${TOKEN_REUSE.reuseMinutes} min per function and environment, ${inputs.decryptsPerExchange} KMS Decrypt each.`,
      `Prices (list, ${prices.region}, ${prices.asOf}, no free tier): Lambda arm $${prices.lambdaArmPerGbSecond}/GB-s + $${prices.lambdaPerMillionRequests}/M requests; HTTP API $${prices.httpApiPerMillionRequests}/M; DynamoDB on-demand $${prices.dynamoDbPerMillionReadRequestUnits}/M RRU, $${prices.dynamoDbPerMillionWriteRequestUnits}/M WRU, $${prices.dynamoDbStoragePerGbMonth}/GB-month; KMS $${prices.kmsPer10kRequests}/10k requests, $${prices.kmsKeyPerMonth}/key-month; CloudWatch Logs $${prices.cloudWatchLogsIngestionPerGb}/GB ingested, $${prices.cloudWatchLogsStoragePerGbMonth}/GB-month; SQS $${prices.sqsPerMillionRequests}/M; Secrets Manager $${prices.secretsManagerSecretPerMonth}/secret-month, $${prices.secretsManagerPer10kCalls}/10k calls.`,
      'Not in the model: the Ads budget re-reads a viewed store asks for (a sync at most every 15 min while the ads view is open, each one worker invocation reading campaign lists and budget usage; not measured apart from the connect day), X-Ray traces (tracing is active; default sampling keeps about 1 request/s + 5%), CloudFront and S3 for the dashboard, Cognito, data transfer, cold-start init time (billed since 2025-08), the Ads connect day (one-off per store, in details).',
    ],
    details: {
      inputs,
      perStore,
      perDataset,
      adsPipeline,
      adsConnectDayUsd:
        ((pipeline.workerMs * gb) / 1000) * prices.lambdaArmPerGbSecond +
        (pipeline.readUnits * prices.dynamoDbPerMillionReadRequestUnits) / 1e6 +
        (pipeline.writeUnits * prices.dynamoDbPerMillionWriteRequestUnits) / 1e6,
      lambdaGbSeconds,
      requests,
      readUnits,
      writeUnits,
      kmsRequests,
      sqsRequests,
      logBytes,
      prices,
    },
  };
}
