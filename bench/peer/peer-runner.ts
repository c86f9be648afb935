import * as fs from 'node:fs';
import { installSimulatedClock } from './simulated-clock';

/**
 * The workloads the bench runs through the general SP-API clients, in a child process started with
 * redirect-to-sandbox.cjs preloaded. Each peer script supplies a `PeerClient` (one per store, built the way the
 * client's README shows); this file runs the same work our client runs and prints one JSON line of outcomes.
 */
export interface PeerStore {
  /** `${sellingPartnerId}/${region}` plus the app when several apps share a sandbox; for reporting only. */
  readonly key: string;
  readonly sellingPartnerId: string;
  readonly region: 'NA' | 'EU' | 'FE';
  readonly marketplaceId: string;
  readonly refreshToken: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export type PeerSpec =
  | {
      readonly kind: 'token-reuse';
      readonly sandboxUrl: string;
      readonly stores: readonly PeerStore[];
      readonly rounds: number;
      readonly concurrentPerStore: number;
      readonly advanceMsPerRound: number;
      readonly capMs: number;
    }
  | {
      readonly kind: 'pacing';
      readonly stores: readonly PeerStore[];
      readonly orderDays: number;
      readonly capMs: number;
    };

/** One store's client, as the library is meant to be used. */
export interface PeerClient {
  /** One getInventorySummaries page (marketplace granularity, details); answers the next page's token. */
  inventoryPage(nextToken: string | undefined): Promise<string | undefined>;
  /** One searchOrders page (Orders 2026-01-01, FULFILLMENT and PROCEEDS, 100 a page). */
  ordersPage(createdAfter: string, nextToken: string | undefined): Promise<string | undefined>;
}

export interface PeerStoreOutcome {
  readonly key: string;
  readonly inventoryPages: number;
  readonly orderPages: number;
  readonly finished: boolean;
  /** Wall milliseconds from the start of the run until this store's last page; undefined when unfinished. */
  readonly finishedAtMs?: number;
  readonly error?: string;
}

export interface PeerOutcome {
  readonly kind: PeerSpec['kind'];
  readonly wallMs: number;
  readonly requests: number;
  readonly failures: number;
  readonly errorSamples: readonly string[];
  readonly capped: boolean;
  readonly stores: readonly PeerStoreOutcome[];
}

/** Keeps library error messages short and free of anything token-like before they are reported. */
function describe(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.replace(/Atz[ar]\|[^\s"']+/g, 'Atz…').slice(0, 160);
}

const MAX_PAGES = 1_000;

export async function runPeer(createClient: (store: PeerStore) => PeerClient): Promise<void> {
  const specFile = process.argv[2];
  if (specFile === undefined) throw new Error('usage: <peer>.ts <spec.json>');
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8')) as PeerSpec;
  const outcome =
    spec.kind === 'token-reuse' ? await tokenReuse(spec, createClient) : await pacing(spec, createClient);
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
  // Clients may still be sleeping before a retry (a capped run): the result is out, end here.
  process.exit(0);
}

async function tokenReuse(
  spec: Extract<PeerSpec, { kind: 'token-reuse' }>,
  createClient: (store: PeerStore) => PeerClient,
): Promise<PeerOutcome> {
  // Before any client exists, so every Date they make is on the simulated calendar.
  const clock = installSimulatedClock();
  const clients = spec.stores.map((store) => ({ store, client: createClient(store) }));
  const started = performance.now();
  const deadline = started + spec.capMs;
  let requests = 0;
  let failures = 0;
  const errorSamples = new Set<string>();
  let capped = false;
  for (let round = 0; round < spec.rounds; round++) {
    if (performance.now() > deadline) {
      capped = true;
      break;
    }
    const calls = clients.flatMap(({ client }) =>
      Array.from({ length: spec.concurrentPerStore }, async () => {
        requests += 1;
        try {
          await client.inventoryPage(undefined);
        } catch (error) {
          failures += 1;
          if (errorSamples.size < 5) errorSamples.add(describe(error));
        }
      }),
    );
    await Promise.all(calls);
    const response = await fetch(`${spec.sandboxUrl}/__sandbox/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: spec.advanceMsPerRound }),
    });
    if (!response.ok) throw new Error(`advancing the sandbox clock: ${response.status}`);
    clock.advance(spec.advanceMsPerRound);
  }
  return {
    kind: 'token-reuse',
    wallMs: performance.now() - started,
    requests,
    failures,
    errorSamples: [...errorSamples],
    capped,
    stores: [],
  };
}

async function pacing(
  spec: Extract<PeerSpec, { kind: 'pacing' }>,
  createClient: (store: PeerStore) => PeerClient,
): Promise<PeerOutcome> {
  const createdAfter = new Date(Date.now() - spec.orderDays * 86_400_000).toISOString();
  const started = performance.now();
  let requests = 0;
  let failures = 0;
  const errorSamples = new Set<string>();
  const progress = spec.stores.map((store) => ({
    key: store.key,
    inventoryPages: 0,
    orderPages: 0,
    finished: false,
    finishedAtMs: undefined as number | undefined,
    error: undefined as string | undefined,
  }));

  const readStore = async (store: PeerStore, index: number): Promise<void> => {
    const state = progress[index];
    if (state === undefined) return;
    const client = createClient(store);
    const readAll = async (
      page: (token: string | undefined) => Promise<string | undefined>,
      count: () => void,
    ) => {
      let token: string | undefined;
      for (let pageNumber = 0; pageNumber < MAX_PAGES; pageNumber++) {
        requests += 1;
        token = await page(token);
        count();
        if (token === undefined) return;
      }
    };
    try {
      await Promise.all([
        readAll(
          (token) => client.inventoryPage(token),
          () => (state.inventoryPages += 1),
        ),
        readAll(
          (token) => client.ordersPage(createdAfter, token),
          () => (state.orderPages += 1),
        ),
      ]);
      state.finished = true;
      state.finishedAtMs = performance.now() - started;
    } catch (error) {
      failures += 1;
      state.error = describe(error);
      if (errorSamples.size < 5) errorSamples.add(state.error);
    }
  };

  const all = Promise.all(spec.stores.map(readStore));
  let timer: NodeJS.Timeout | undefined;
  const cap = new Promise<'capped'>((resolve) => {
    timer = setTimeout(() => resolve('capped'), spec.capMs);
  });
  const result = await Promise.race([all.then(() => 'done' as const), cap]);
  clearTimeout(timer);
  return {
    kind: 'pacing',
    wallMs: performance.now() - started,
    requests,
    failures,
    errorSamples: [...errorSamples],
    capped: result === 'capped',
    stores: progress.map((state) => ({
      key: state.key,
      inventoryPages: state.inventoryPages,
      orderPages: state.orderPages,
      finished: state.finished,
      ...(state.finishedAtMs === undefined ? {} : { finishedAtMs: state.finishedAtMs }),
      ...(state.error === undefined ? {} : { error: state.error }),
    })),
  };
}
