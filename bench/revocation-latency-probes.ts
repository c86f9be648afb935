import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SEEDED_OPERATORS } from '../local/auth/seeded-operators';
import { connectStore, tableItems } from '../test/integration/workspace/workspace-client';
import { REVOCATION_LATENCY } from './config';
import type { BenchWorkspace } from './support/bench-workspace';

/**
 * The scenario of figure 5 (revocation-latency.ts) on the bench's workspace: its three stores (one per signal), a
 * fetch as the dashboard makes it and whether it was refused, polling the store's items in the table until REVOKED
 * or shredded, the sandbox's count of Amazon calls for a seller, and the lost shred written through the table's
 * low-level API.
 */

export const OWNER = SEEDED_OPERATORS.find((operator) => operator.handle === 'lin') ?? SEEDED_OPERATORS[1];
export const INVALID_GRANT_STORE = {
  sellingPartnerId: 'A2LUMENCRAFT7Q',
  region: 'NA',
  marketplaceId: 'ATVPDKIKX0DER',
} as const;
export const DISCONNECT_STORE = {
  sellingPartnerId: 'A1HARBORPINE3K',
  region: 'NA',
  marketplaceId: 'ATVPDKIKX0DER',
} as const;
export const LOST_SHRED_STORE = {
  sellingPartnerId: 'A3BRIGHTFIELD9E',
  region: 'EU',
  marketplaceId: 'A1PA6795UKMFR9',
} as const;
export type BenchStore = typeof INVALID_GRANT_STORE | typeof DISCONNECT_STORE | typeof LOST_SHRED_STORE;

export const storeIdOf = (store: BenchStore) => `${store.sellingPartnerId}-${store.region}`;
const REFUSED = new Set(['StoreNotActive', 'AuthorizationRevoked', 'AccessDenied']);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function fetchInventory(bench: BenchWorkspace, store: BenchStore) {
  const result = await bench.invoke('GetInventory', {
    operatorId: OWNER?.id ?? '',
    pathParameters: { storeId: storeIdOf(store) },
    query: { marketplaceId: store.marketplaceId, reason: 'seller-request' },
  });
  const code = (result.body['error'] as { code?: string } | undefined)?.code;
  return { ...result, refused: result.statusCode >= 400 && code !== undefined && REFUSED.has(code), code };
}

/** Polls the store's items until `done` holds; answers when (performance.now()), or null at the limit. */
async function waitUntilStore(
  bench: BenchWorkspace,
  store: BenchStore,
  deadlineMs: number,
  done: (items: Record<string, unknown>[]) => boolean,
): Promise<number | null> {
  const table = tableItems(bench.workspace);
  while (performance.now() < deadlineMs) {
    if (done(await table.store(storeIdOf(store)))) return performance.now();
    await sleep(REVOCATION_LATENCY.pollMilliseconds);
  }
  return null;
}

/** Until the store's PROFILE item says REVOKED. */
export const waitUntilRevoked = (bench: BenchWorkspace, store: BenchStore, deadlineMs: number) =>
  waitUntilStore(bench, store, deadlineMs, (items) =>
    items.some((item) => item['sk'] === 'PROFILE' && item['status'] === 'REVOKED'),
  );

/** Until the store has no TOKEN# item left: its ciphertexts are gone. */
export const waitUntilShredded = (bench: BenchWorkspace, store: BenchStore, deadlineMs: number) =>
  waitUntilStore(
    bench,
    store,
    deadlineMs,
    (items) => !items.some((item) => String(item['sk']).startsWith('TOKEN#')),
  );

async function amazonCallsFor(bench: BenchWorkspace, store: BenchStore): Promise<number> {
  const seen = bench.sandbox.counters().sellers[`${store.sellingPartnerId}/${store.region}`];
  if (seen === undefined) return 0;
  return (
    Object.values(seen.lwa).reduce((a, b) => a + b, 0) + Object.values(seen.spapi).reduce((a, b) => a + b, 0)
  );
}

/** Connects (or re-authorizes) the store and warms its access token with one served fetch. */
export async function readyStore(bench: BenchWorkspace, store: BenchStore): Promise<void> {
  await connectStore(bench.workspace, OWNER?.handle ?? 'lin', store.sellingPartnerId, store.region);
  const warm = await fetchInventory(bench, store);
  if (warm.statusCode !== 200)
    throw new Error(`warm-up fetch answered ${warm.statusCode} ${warm.code ?? ''}`);
}

/** After REVOKED: one more fetch, which must be refused without a call to Amazon. */
export async function callsAfterRevoked(bench: BenchWorkspace, store: BenchStore): Promise<number> {
  const before = await amazonCallsFor(bench, store);
  await fetchInventory(bench, store);
  return (await amazonCallsFor(bench, store)) - before;
}

/** The lost state: REVOKED in the profile, the ciphertext left, as a crash between the two writes leaves it. */
export async function loseTheShred(bench: BenchWorkspace, store: BenchStore): Promise<void> {
  const client = new DynamoDBClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    endpoint: bench.workspace.endpoints.dynamodb,
  });
  try {
    const now = new Date().toISOString();
    await DynamoDBDocumentClient.from(client).send(
      new UpdateCommand({
        TableName: bench.workspace.tableName,
        Key: { pk: `STORE#${storeIdOf(store)}`, sk: 'PROFILE' },
        UpdateExpression:
          'SET #status = :revoked, revokedAt = :now, revokedReason = :reason, updatedAt = :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':revoked': 'REVOKED', ':now': now, ':reason': 'disconnect' },
      }),
    );
  } finally {
    client.destroy();
  }
}
