/**
 * Every knob of `npm run bench` in one place: the one usage-plan scale factor, the store counts, how many samples
 * each figure takes, the time caps that keep the whole run to a few minutes, the usage profile of the cost model and
 * the AWS list prices it uses. Change a value here, never inside a figure.
 */

/**
 * Multiplies the rate (never the burst) of every SP-API usage plan in the pacing and token-reuse sandboxes, and is
 * announced through x-amzn-RateLimit-Limit, the same for our client and the two general clients. At 100 the Orders
 * 2026-01-01 plan (0.0056 rps, burst 20) becomes 0.56 rps: the 27 pages of the largest seeded store's 90 days take
 * (27 − 20) / 0.56 ≈ 12.5 s at best instead of about 21 minutes.
 */
export const RATE_SCALE = 100;

export const TOKEN_REUSE = {
  stores: 10,
  requests: 1_000,
  /** Simulated time the requests are spread over; the sandbox clock (and ours) is advanced, the wall clock is not. */
  simulatedMinutes: 120,
  /** Requests sent at once for each store in every round, so concurrent requests for one store are exercised too. */
  concurrentPerStore: 2,
  /** Our access tokens are reused this long (AccessTokenProvider: Amazon's 60 minutes less a 5-minute margin). */
  reuseMinutes: 55,
  /** Wall-time cap of one client's run. */
  capSeconds: 90,
} as const;

export const PACING = {
  storeCounts: [1, 10, 50] as const,
  /** The orders window every client reads, as the orders view's longest choice. */
  orderDays: 90,
  /**
   * A run stops at this multiple of the theoretical minimum (and at least `minimumCapSeconds`): past it the client
   * has missed the 1.1× budget whatever it does next. The general clients wait fixed intervals tuned for the unscaled
   * plans (180 s after a searchOrders 429), so without a cap one run would take minutes.
   */
  capMultiple: 1.6,
  minimumCapSeconds: 20,
  /** Our client answers a view with what it has when its Lambda deadline nears; the dashboard asks again. */
  maxViewsPerDataset: 6,
  /**
   * Our execution environments (one Node process per app, 13 at N = 50) all begin at one instant, after this long
   * for Node + tsx to start, plus this much per process: two cores start them in turn, about 0.5 CPU-s each.
   */
  startupMs: 3_000,
  startupMsPerEnvironment: 500,
} as const;

export const COLD_START = {
  /** Fresh Node processes per bundle; the median is reported. */
  runs: 5,
  /** Per process, so a bundle that hangs at init cannot stall the bench. */
  timeoutSeconds: 20,
} as const;

export const WARM_OVERHEAD = {
  /** Views measured per dataset after the warm-up. */
  samples: 120,
  warmupViews: 5,
  /** Overview requests measured after the views (figure 4), for the cost model; no budget. */
  overviewSamples: 30,
  /** Setup (figure 4): views opened at most until each dataset's answer is complete. */
  setupViewsMax: 40,
  /** Setup (figure 4): wall-time cap for the Ads consent's connect-day report pipeline to settle. */
  adsSetupSeconds: 120,
  /**
   * The warm-overhead and revocation sandboxes answer as fast as they can and never throttle: these figures measure
   * our code, not the usage plans (pacing does that).
   */
  rateScale: 10_000,
} as const;

export const REVOCATION_LATENCY = {
  /** Measurements per signal (invalid_grant, disconnect). */
  repetitions: 3,
  /** A store not REVOKED within this long counts as "not measured". */
  timeoutSeconds: 20,
  /** How often the bench polls the store's status in the table. */
  pollMilliseconds: 10,
} as const;

/** Budgets of docs/contracts.md, as numbers. */
export const BUDGETS = {
  pacingMultipleOfMinimum: 1.1,
  warmOverheadMilliseconds: 10,
  /** "A small fraction of the naive bundle's time": we read it as at most a quarter. */
  coldStartFractionOfNaive: 0.25,
} as const;

/**
 * The usage the cost model assumes for one store, and the scale it is priced at. Counts per view (DynamoDB units,
 * KMS calls, log bytes, handler time) come from the warm-overhead and token-reuse runs, not from here.
 */
export const USAGE_PROFILE = {
  stores: 10_000,
  daysPerMonth: 30,
  /** Dashboard views per store per day, per dataset (each view is one API request and one Lambda invocation). */
  inventoryViewsPerDay: 40,
  ordersViewsPerDay: 40,
  /** As many as inventory views (assumed): the ads view is opened beside the inventory when budgets are reviewed. */
  adsViewsPerDay: 40,
  /**
   * Ads report requests per store-day once connected (figure 8, "viewed daily, one marketplace": one per report
   * type, SP, SB and SD, re-reading the trailing days Amazon restates).
   */
  adsReportRequestsPerStoreDay: 3,
  /**
   * Overview requests per store per day (assumed): an operator opening the overview 10 times a day, priced at what
   * one request costs per store (figure 4 measures it for an operator with one store).
   */
  overviewsPerStorePerDay: 10,
  /** Hours per day the store's views come in; tokens are re-minted at most every 55 minutes within them. */
  activeHoursPerDay: 10,
  /** Warm execution environments holding each store's token at once, per data function. */
  environmentsPerFunction: 1,
  /** The daily authorization health check: one refresh-token exchange (one KMS Decrypt) per store. */
  healthChecksPerDay: 1,
  /** Share of stores that disconnect or are revoked in a month (one revocation message each). */
  monthlyRevocationShare: 0.02,
  /**
   * Share of views that go to Amazon; the others find a snapshot younger than its freshness window (5 min for
   * inventory, 15 min for orders) and make no SP-API call. An assumption, not measured.
   */
  amazonFetchShare: { inventory: 0.5, orders: 0.5 },
  /** Amazon's response time per SP-API call, for the Lambda time of a view that fetches (assumed, not measured). */
  amazonLatencyMsPerCall: 300,
  /** Lambda time the daily health check spends per store (one LWA exchange, one KMS Decrypt, a few DynamoDB calls). */
  healthCheckMsPerStore: 400,
  /** Lambda's own START/END/REPORT lines per invocation in JSON log format, bytes (estimate, not measured). */
  platformLogBytesPerInvocation: 600,
  /** Memory of every function (lib/mint-hub-function.ts default). */
  lambdaMemoryMb: 512,
  /**
   * Deployment-wide costs, shared by all stores: the SQS event source mapping's long polls of the revocation queue
   * (about 5 pollers × 3 empty receives a minute, a month), the KMS key and the LWA client secret, and the secret's
   * reads (cached 5 min per warm execution environment; 4 functions read it).
   */
  fixed: {
    sqsPollingRequestsPerMonth: 5 * 3 * 60 * 24 * 30,
    kmsKeys: 1,
    secrets: 1,
    secretReadsPerMonth: 4 * 12 * 24 * 30,
  },
} as const;

/**
 * AWS list prices, us-east-1, on-demand, without free tiers or volume tiers beyond the first. List prices as of
 * 2026-11-23, read from the AWS pricing pages and cross-checked against public summaries of them (sources below).
 */
export const AWS_PRICES = {
  asOf: '2026-11-23',
  region: 'us-east-1',
  lambdaArmPerGbSecond: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  httpApiPerMillionRequests: 1.0,
  dynamoDbPerMillionWriteRequestUnits: 0.625,
  dynamoDbPerMillionReadRequestUnits: 0.125,
  dynamoDbStoragePerGbMonth: 0.25,
  kmsPer10kRequests: 0.03,
  kmsKeyPerMonth: 1.0,
  cloudWatchLogsIngestionPerGb: 0.5,
  cloudWatchLogsStoragePerGbMonth: 0.03,
  sqsPerMillionRequests: 0.4,
  secretsManagerPer10kCalls: 0.05,
  secretsManagerSecretPerMonth: 0.4,
  sources: [
    'https://aws.amazon.com/lambda/pricing/ (Arm: $0.0000133334 per GB-s, first 7.5 billion GB-s; $0.20 per 1M requests)',
    'https://aws.amazon.com/api-gateway/pricing/ (HTTP APIs: $1.00 per million, first 300 million)',
    'https://aws.amazon.com/dynamodb/pricing/on-demand/ ($0.625 per million WRU, $0.125 per million RRU since 2024-11-01; $0.25 per GB-month)',
    'https://aws.amazon.com/blogs/aws/amazon-dynamodb-on-demand-no-capacity-planning-and-pay-per-request-pricing (updated 2025-01-31 for the reduced on-demand price) and https://airbyte.com/data-engineering-resources/dynamodb-pricing (2025-07-21: "after the 50% reduction … $0.625 per million WRU, $0.125 per million RRU", US East): the on-demand prices re-checked 2026-12-06',
    'https://aws.amazon.com/kms/pricing/ ($1 per key-month; $0.03 per 10,000 requests)',
    'https://aws.amazon.com/cloudwatch/pricing/ (Logs, Standard class: $0.50 per GB ingested, first tier of Lambda logs too; $0.03 per GB-month stored)',
    'https://aws.amazon.com/sqs/pricing/ (standard queues: $0.40 per million requests, 64 KB chunks)',
    'https://aws.amazon.com/secrets-manager/pricing/ ($0.40 per secret-month; $0.05 per 10,000 API calls)',
  ],
} as const;

export const SHARED_PACING = {
  /** K: our execution environments (separate processes) reading one store together. */
  environmentCounts: [1, 4, 16] as const,
  /** The store they read (a seeded seller: about 30 pages of 90-day orders on amazon.com). */
  sellingPartnerId: 'A2LUMENCRAFT7Q',
  /** Wall-time cap of one run with shared pacing; the per-environment comparison meets its 429s sooner. */
  capSeconds: 75,
  comparisonCapSeconds: 30,
  /** All environments begin at one instant, after this long for Node + tsx to start (plus per process). */
  startupMs: 3_000,
  startupMsPerEnvironment: 400,
} as const;

/** Figure 10 — store sessions: the stores read (each a first scoped request, then warm ones). */
export const STORE_SESSIONS = {
  stores: 5, // every seller the sandbox seeds
  repeats: 20,
  /** Warm inventory views of one store from its snapshot. */
  viewRepeats: 20,
} as const;
