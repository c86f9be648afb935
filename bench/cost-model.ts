import { USAGE_PLANS } from '../shared/pacing/token-bucket';
import { AWS_PRICES, TOKEN_REUSE, USAGE_PROFILE } from './config';
import { row, type FigureResult, type Row } from './support/figure';
import { round } from './support/statistics';
import type { PerViewCounts } from './warm-overhead';

/**
 * Figure 6 — cost model: AWS cost per store per month at USAGE_PROFILE.stores stores, priced at the list prices in
 * config.ts. Per-view counts (DynamoDB capacity units, KMS calls, audit and log bytes, our share of the Lambda time)
 * come from the warm-overhead run; token exchanges per hour from the token-reuse run; what is not measured here
 * (views per day, share of views that reach Amazon, Amazon's latency) is the stated usage profile.
 */

interface Inputs {
  readonly inventory: PerViewCounts;
  readonly orders: PerViewCounts;
  readonly exchangesPerAllowed: number;
  readonly decryptsPerExchange: number;
}

function inputsFrom(figures: readonly FigureResult[]): Inputs | string {
  const warm = figures.find((figure) => figure.id === 'warm-overhead');
  const tokens = figures.find((figure) => figure.id === 'token-reuse');
  const perView = warm?.details as Record<string, { perView?: PerViewCounts }> | undefined;
  const inventory = perView?.['inventory']?.perView;
  const orders = perView?.['orders']?.perView;
  if (inventory === undefined || orders === undefined) return 'needs the warm-overhead figure';
  const exchanges = tokens?.rows.find((r) => r.name.startsWith('LWA exchanges per store (max)'));
  const decrypts = tokens?.rows.find((r) => r.name.startsWith('KMS Decrypts per LWA exchange'));
  if (exchanges?.value == null || exchanges.budget === undefined || decrypts?.value == null)
    return 'needs the token-reuse figure';
  return {
    inventory,
    orders,
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
  const datasets = [
    {
      name: 'inventory' as const,
      views: profile.inventoryViewsPerDay * days,
      counts: inputs.inventory,
      fetchShare: profile.amazonFetchShare.inventory,
      plan: USAGE_PLANS.getInventorySummaries,
    },
    {
      name: 'orders' as const,
      views: profile.ordersViewsPerDay * days,
      counts: inputs.orders,
      fetchShare: profile.amazonFetchShare.orders,
      plan: USAGE_PLANS.searchOrders,
    },
  ];

  // Lambda: our measured time per view, plus Amazon's time on the views that fetch; the health check per store.
  let lambdaGbSeconds = (days * profile.healthCheckMsPerStore * gb) / 1000;
  let requests = 0;
  let readUnits = days; // the health check reads the store's token once a day
  let writeUnits = 0;
  let logBytes = 0;
  let storedKilobytes = 0;
  for (const dataset of datasets) {
    const fetches = dataset.views * dataset.fetchShare;
    const msPerView = dataset.counts.overheadMsMean;
    const amazonMs = amazonMsPerFetch(dataset.counts.amazonCalls, dataset.plan);
    lambdaGbSeconds += ((dataset.views * msPerView + fetches * amazonMs) * gb) / 1000;
    requests += dataset.views;
    // Reads happen on every view; the snapshot is written only by views that fetched.
    readUnits += dataset.views * dataset.counts.dynamoDbReadUnits;
    writeUnits += fetches * dataset.counts.dynamoDbWriteUnits;
    logBytes +=
      dataset.views *
      (dataset.counts.auditBytes + dataset.counts.logBytes + profile.platformLogBytesPerInvocation);
    // A write unit is a kilobyte: the snapshot a fetching view writes is about what the store keeps.
    storedKilobytes += dataset.counts.dynamoDbWriteUnits;
  }
  // Tokens: each data function keeps its own cache; one exchange (and one Decrypt) per 55 active minutes at most.
  const activeMinutes = profile.activeHoursPerDay * 60;
  const exchangesPerEnvironmentDay =
    (1 + Math.floor(activeMinutes / TOKEN_REUSE.reuseMinutes)) * Math.min(1, inputs.exchangesPerAllowed);
  const kmsRequests =
    days *
    (datasets.length *
      profile.environmentsPerFunction *
      exchangesPerEnvironmentDay *
      inputs.decryptsPerExchange +
      profile.healthChecksPerDay);
  const sqsRequests = profile.monthlyRevocationShare * 3; // send, receive, delete
  // Store sessions (issue 17): an AssumeRole per store, purpose and environment on first use, then every 10
  // minutes while the store is active (15-minute sessions, refreshed 5 minutes early). STS is free.
  const stsRequests =
    days * profile.activeHoursPerDay * 6 * (datasets.length * profile.environmentsPerFunction + 1);

  const perStore = {
    lambdaCompute: lambdaGbSeconds * prices.lambdaArmPerGbSecond,
    lambdaRequests: ((requests + days / profile.stores) * prices.lambdaPerMillionRequests) / 1e6,
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
    lambdaRequests: `Lambda requests (${requests})`,
    apiGateway: `API Gateway HTTP API requests (${requests})`,
    dynamoDb: `DynamoDB (${round(readUnits, 0)} RRU, ${round(writeUnits, 0)} WRU, ${round(storedKilobytes, 0)} KB stored)`,
    kms: `KMS (${round(kmsRequests, 0)} Decrypts)`,
    cloudWatchLogs: `CloudWatch Logs (${round(logBytes / 1e6, 2)} MB ingested and stored)`,
    sqs: `SQS (${round(sqsRequests, 2)} requests)`,
    sts: `STS (${round(stsRequests, 0)} AssumeRole for store sessions, at most; STS is free)`,
    sharedFixed: 'shared: KMS key, LWA secret and its reads, SQS polling, ÷ stores',
  };
  const rows: Row[] = (Object.keys(perStore) as Array<keyof typeof perStore>).map((key) =>
    row({ name: labels[key], value: usd(perStore[key]), unit: 'USD / store / month' }),
  );
  rows.push(
    row({ name: 'total per store per month', value: round(total, 4), unit: 'USD' }),
    row({
      name: `total at ${profile.stores.toLocaleString('en-US')} stores`,
      value: round(total * profile.stores, 0),
      unit: 'USD / month',
    }),
  );
  return {
    id: 'cost-model',
    title,
    rows,
    notes: [
      `Profile per store: ${profile.inventoryViewsPerDay} inventory + ${profile.ordersViewsPerDay} orders views a day over ${profile.activeHoursPerDay} active hours, ${profile.amazonFetchShare.inventory * 100}% / ${profile.amazonFetchShare.orders * 100}% of them reaching Amazon (the rest served from the snapshot), Amazon answering in ${profile.amazonLatencyMsPerCall} ms per call at the real usage plans, a daily health check, ${profile.monthlyRevocationShare * 100}% of stores revoked a month; ${profile.lambdaMemoryMb} MB arm64 functions.`,
      `Measured inputs: per view ${round(inputs.inventory.dynamoDbReadUnits, 1)}/${round(inputs.orders.dynamoDbReadUnits, 1)} RRU and ${round(inputs.inventory.dynamoDbWriteUnits, 1)}/${round(inputs.orders.dynamoDbWriteUnits, 1)} WRU (inventory/orders, DynamoDB Local's consumed capacity), our time ${round(inputs.inventory.overheadMsMean, 1)}/${round(inputs.orders.overheadMsMean, 1)} ms, ${round(inputs.inventory.auditBytes, 0)} B of audit record; token exchanges at most one per ${TOKEN_REUSE.reuseMinutes} min per function and environment, ${inputs.decryptsPerExchange} KMS Decrypt each.`,
      `Prices (list, ${prices.region}, ${prices.asOf}, no free tier): Lambda arm $${prices.lambdaArmPerGbSecond}/GB-s + $${prices.lambdaPerMillionRequests}/M requests; HTTP API $${prices.httpApiPerMillionRequests}/M; DynamoDB on-demand $${prices.dynamoDbPerMillionReadRequestUnits}/M RRU, $${prices.dynamoDbPerMillionWriteRequestUnits}/M WRU, $${prices.dynamoDbStoragePerGbMonth}/GB-month; KMS $${prices.kmsPer10kRequests}/10k requests, $${prices.kmsKeyPerMonth}/key-month; CloudWatch Logs $${prices.cloudWatchLogsIngestionPerGb}/GB ingested, $${prices.cloudWatchLogsStoragePerGbMonth}/GB-month; SQS $${prices.sqsPerMillionRequests}/M; Secrets Manager $${prices.secretsManagerSecretPerMonth}/secret-month, $${prices.secretsManagerPer10kCalls}/10k calls.`,
      'Not in the model: X-Ray traces (tracing is active; default sampling keeps about 1 request/s + 5%), CloudFront and S3 for the dashboard, Cognito, data transfer, cold-start init time (billed since 2025-08).',
    ],
    details: {
      inputs,
      perStore,
      lambdaGbSeconds,
      requests,
      readUnits,
      writeUnits,
      kmsRequests,
      logBytes,
      prices,
    },
  };
}
