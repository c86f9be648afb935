import { gunzipSync } from 'node:zlib';
import { decodeJwt } from 'jose';
import type { OperationFault } from '../../../local/sandbox';
import { toApiGatewayClaims } from '../../../local/gateway/api-gateway-event';
import { invokeLambda, type LambdaHandler } from '../../../local/runtime/lambda-invocation';
import { newBrowser, request, sandbox, tableItems, type StartedWorkspace } from './workspace-client';
import { readAuditLines, startWithStores } from './workspace-kit';

// Issue 19: a broken Amazon answer on page 2 must fail the whole read, in time, with our own classified error,
// and leave nothing behind that looks complete: no snapshot, no "allowed" audit record. The faults are injected
// at the sandbox; everything between it and the client is the real workspace.
const LUMEN = 'A2LUMENCRAFT7Q';
const HARBOR = 'A1HARBORPINE3K';
const BRIGHTFIELD = 'A3BRIGHTFIELD9E';
const LUMEN_STORE = `${LUMEN}-NA`;
const HARBOR_STORE = `${HARBOR}-NA`;
const BRIGHTFIELD_STORE = `${BRIGHTFIELD}-EU`;
const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const MX = 'A1AM78C64UM0Y8';
const UK = 'A1F83G8C2ARO7P';
const DE = 'A1PA6795UKMFR9';

jest.setTimeout(60_000);

type Counters = { sellers: Record<string, { spapi: Record<string, number>; throttled: number }> };

let started: StartedWorkspace;
let lin: string;
let sofia: string;
const ws = () => started.workspace;

const get = (token: string, pathAndQuery: string) =>
  request(newBrowser(), `${ws().url}${pathAndQuery}`, { token });
const inventoryPath = (storeId: string, marketplaceId: string) =>
  `/api/stores/${storeId}/inventory?marketplaceId=${marketplaceId}&reason=inventory-replenishment`;
const ordersPath = (storeId: string, marketplaceId: string) =>
  `/api/stores/${storeId}/orders?marketplaceId=${marketplaceId}&days=30&reason=order-fulfillment-monitoring`;

const injectFaults = (operations: OperationFault[]) => sandbox(ws(), '/__sandbox/faults', { operations });
/**
 * Calls of one operation that Amazon answered (429s left out: our pacer and the sandbox's bucket both run at the
 * plan's rate, and their clocks may disagree by a request's latency, which costs an occasional absorbed 429).
 */
async function answeredCalls(seller: string, region: string, operation: string): Promise<number> {
  const counters = (await sandbox<Counters>(ws(), '/__sandbox/counters')).sellers[`${seller}/${region}`];
  return (counters?.spapi[operation] ?? 0) - (counters?.throttled ?? 0);
}
const auditRecords = (requestId: string | null) =>
  readAuditLines(started).filter((record) => record['requestId'] === requestId);
const snapshotOf = async (storeId: string, dataset: string, marketplaceId: string) =>
  (await tableItems(ws()).store(storeId)).find(
    (item) => item['sk'] === `SNAPSHOT#${dataset}#${marketplaceId}`,
  );

/** The classified 503 of our error contract, never a 200 with a partial list nor the gateway's own 500. */
async function expectClassified503(response: Response): Promise<Record<string, unknown>> {
  const text = await response.text();
  expect({ status: response.status, contentType: response.headers.get('content-type') }).toEqual({
    status: 503,
    contentType: 'application/json; charset=utf-8',
  });
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  const body = JSON.parse(text) as { error: Record<string, unknown> };
  expect(body.error).toMatchObject({ code: 'AmazonUnavailable', message: expect.any(String) });
  expect(text).not.toMatch(/items|orders|sellerSku|InternalFailure|<html|DOCTYPE/i);
  return body.error;
}

function expectOnlyAnErrorRecord(requestId: string | null) {
  expect(requestId).toEqual(expect.any(String));
  expect(auditRecords(requestId).map((record) => record['outcome'])).toEqual(['error']);
}

beforeAll(async () => {
  ({ started, lin, sofia } = await startWithStores([
    { user: 'lin', sellingPartnerId: LUMEN, region: 'NA' },
    { user: 'sofia', sellingPartnerId: HARBOR, region: 'NA' },
    { user: 'sofia', sellingPartnerId: BRIGHTFIELD, region: 'EU' },
  ]));
}, 120_000);

afterEach(async () => {
  await fetch(`${ws().sandboxUrl}/__sandbox/faults`, { method: 'DELETE' });
});

afterAll(async () => {
  await started?.stop();
});

// Three answers per fault: the first try and the two bounded retries of an unavailable Amazon.
// The error's `reason` is set only where retrying at once cannot help.
const BROKEN_PAGES: ReadonlyArray<[string, Omit<OperationFault, 'operation'>, number, string | undefined]> = [
  ['truncated JSON', { kind: 'truncatedJson', pages: 'next', times: 3 }, 4, undefined],
  ['an HTML page', { kind: 'htmlBody', pages: 'next', times: 3 }, 4, undefined],
  ['a page without its list', { kind: 'missingList', pages: 'next', times: 3 }, 4, undefined],
  ['a 5xx of this operation', { kind: 'serverError', pages: 'next', times: 3, status: 500 }, 4, undefined],
  // The guard stops at the first repeat: page 1, then page 2 answering page 2's own token.
  ['a repeated nextToken', { kind: 'repeatedNextToken', pages: 'next', times: 50 }, 2, 'repeated-next-token'],
];

describe('inventory: a broken page 2 fails the whole read', () => {
  it.each(BROKEN_PAGES)(
    '%s → 503 with Retry-After, bounded calls, no snapshot, an error record',
    async (_label, fault, expectedCalls, reason) => {
      const before = await answeredCalls(LUMEN, 'NA', 'getInventorySummaries');
      await injectFaults([{ operation: 'getInventorySummaries', ...fault }]);

      const response = await get(lin, inventoryPath(LUMEN_STORE, CA));

      const error = await expectClassified503(response);
      expect(error['reason']).toBe(reason);
      expect((await answeredCalls(LUMEN, 'NA', 'getInventorySummaries')) - before).toBe(expectedCalls);
      expect(await snapshotOf(LUMEN_STORE, 'inventory', CA)).toBeUndefined();
      expectOnlyAnErrorRecord(response.headers.get('apigw-requestid'));
    },
  );

  it('rides out one broken page: the retry reads it, and the whole list is served and stored', async () => {
    await injectFaults([
      { operation: 'getInventorySummaries', kind: 'truncatedJson', pages: 'next', times: 1 },
    ]);

    const response = await get(lin, inventoryPath(LUMEN_STORE, MX));

    expect(response.status).toBe(200);
    const body = (await response.json()) as { source: string; items: { sellerSku: string }[] };
    expect(body.source).toBe('amazon');
    expect(body.items.length).toBeGreaterThanOrEqual(300); // the sandbox lists 300–380 SKUs per marketplace
    expect(new Set(body.items.map((item) => item.sellerSku)).size).toBe(body.items.length);
    const snapshot = await snapshotOf(LUMEN_STORE, 'inventory', MX);
    const stored = JSON.parse(gunzipSync(snapshot?.['data'] as Uint8Array).toString('utf8')) as unknown[];
    expect(stored).toHaveLength(body.items.length);
    const records = auditRecords(response.headers.get('apigw-requestid'));
    expect(records).toEqual([expect.objectContaining({ outcome: 'allowed', itemCount: body.items.length })]);
  });
});

describe('orders (searchOrders): a broken page 2 fails the whole read', () => {
  // Two stores share the cases: searchOrders allows a burst of 20 calls, then one every 180 s.
  const cases = BROKEN_PAGES.map(
    ([label, fault, expectedCalls, reason], index) =>
      [label, fault, expectedCalls, reason, index < 3 ? HARBOR : BRIGHTFIELD] as const,
  );

  it.each(cases)(
    '%s → 503 with Retry-After, bounded calls, no order history stored, an error record',
    async (_label, fault, expectedCalls, reason, seller) => {
      const [storeId, region, marketplaceId] =
        seller === HARBOR ? [HARBOR_STORE, 'NA', US] : [BRIGHTFIELD_STORE, 'EU', DE];
      const before = await answeredCalls(seller, region, 'searchOrders');
      await injectFaults([{ operation: 'searchOrders', ...fault }]);

      const response = await get(sofia, ordersPath(storeId, marketplaceId));

      expect((await expectClassified503(response))['reason']).toBe(reason);
      expect((await answeredCalls(seller, region, 'searchOrders')) - before).toBe(expectedCalls);
      expect(await snapshotOf(storeId, 'orders', marketplaceId)).toBeUndefined();
      expectOnlyAnErrorRecord(response.headers.get('apigw-requestid'));
    },
  );
});

describe('a hanging Amazon, with a short function timeout', () => {
  // The gateway gives these routes 28 s; invoking the same handler modules (same execution environment, same
  // shared fetches) with a 4 s timeout keeps the test short and proves the answer comes from the deadline.
  const FUNCTION_TIMEOUT_MS = 4_000;

  async function invoke(
    route: 'get-inventory' | 'get-orders',
    token: string,
    storeId: string,
    query: object,
  ) {
    const module = (await import(`../../../functions/${route}`)) as { handler: LambdaHandler };
    const requestId = `hang-${route}-${Math.random().toString(36).slice(2)}`;
    const event = {
      version: '2.0',
      routeKey: `GET /api/stores/{storeId}/${route.slice(4)}`,
      rawPath: `/api/stores/${storeId}/${route.slice(4)}`,
      rawQueryString: new URLSearchParams(query as Record<string, string>).toString(),
      headers: {},
      queryStringParameters: query,
      pathParameters: { storeId },
      requestContext: {
        requestId,
        authorizer: { jwt: { claims: toApiGatewayClaims(decodeJwt(token)), scopes: null } },
        http: { method: 'GET', path: `/api/stores/${storeId}/${route.slice(4)}` },
      },
      isBase64Encoded: false,
    };
    return {
      requestId,
      run: (timeoutMs = FUNCTION_TIMEOUT_MS) =>
        invokeLambda<{
          statusCode: number;
          headers: Record<string, string>;
          body: string;
        }>(module.handler, event, { functionName: `MintHub-local-${route}`, timeoutMs }),
    };
  }

  it('inventory: our JSON 503 with Retry-After before the function times out; nothing stored', async () => {
    await injectFaults([
      { operation: 'getInventorySummaries', kind: 'hang', pages: 'next', times: 5, hangMs: 20_000 },
    ]);
    const { requestId, run } = await invoke('get-inventory', lin, LUMEN_STORE, {
      marketplaceId: US,
      reason: 'inventory-replenishment',
    });

    const startedAt = Date.now();
    const outcome = await run();
    const elapsed = Date.now() - startedAt;

    expect(outcome.kind).toBe('result');
    const result = outcome.kind === 'result' ? outcome.result : undefined;
    expect(result?.statusCode).toBe(503);
    expect(Number(result?.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(result?.body ?? '{}')).toMatchObject({ error: { code: 'AmazonUnavailable' } });
    expect(elapsed).toBeLessThan(FUNCTION_TIMEOUT_MS - 500);
    expect(await snapshotOf(LUMEN_STORE, 'inventory', US)).toBeUndefined();
    expectOnlyAnErrorRecord(requestId);
  });

  it('orders: the same, from a hang of searchOrders', async () => {
    await injectFaults([
      { operation: 'searchOrders', kind: 'hang', pages: 'next', times: 5, hangMs: 20_000 },
    ]);
    const { requestId, run } = await invoke('get-orders', sofia, BRIGHTFIELD_STORE, {
      marketplaceId: UK,
      days: '30',
      reason: 'order-fulfillment-monitoring',
    });

    const startedAt = Date.now();
    const outcome = await run();

    expect(Date.now() - startedAt).toBeLessThan(FUNCTION_TIMEOUT_MS - 500);
    expect(outcome).toMatchObject({ kind: 'result', result: { statusCode: 503 } });
    expect(await snapshotOf(BRIGHTFIELD_STORE, 'orders', UK)).toBeUndefined();
    expectOnlyAnErrorRecord(requestId);
  });

  it('a shared fetch that outlives its first request serves the next one, not the first one’s failure', async () => {
    // Page 2 hangs once; the first request gives up at its deadline, the second joined the same fetch with more
    // time, so the fetch retries page 2 for it and reads the whole list.
    await injectFaults([
      { operation: 'getInventorySummaries', kind: 'hang', pages: 'next', times: 1, hangMs: 20_000 },
    ]);
    const before = await answeredCalls(LUMEN, 'NA', 'getInventorySummaries');
    const query = { marketplaceId: CA, reason: 'inventory-replenishment' };
    const first = await invoke('get-inventory', lin, LUMEN_STORE, query);
    const second = await invoke('get-inventory', lin, LUMEN_STORE, query);

    const firstOutcome = first.run();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const [early, late] = await Promise.all([firstOutcome, second.run(15_000)]);

    expect(early).toMatchObject({ kind: 'result', result: { statusCode: 503 } });
    expect(late).toMatchObject({ kind: 'result', result: { statusCode: 200 } });
    const body = JSON.parse(late.kind === 'result' ? late.result.body : '{}') as { items: unknown[] };
    expect(body.items.length).toBeGreaterThanOrEqual(300);
    const pages = Math.ceil(body.items.length / 50);
    // One listing for both requests: every page once, plus the abandoned attempt at page 2.
    expect((await answeredCalls(LUMEN, 'NA', 'getInventorySummaries')) - before).toBe(pages + 1);
    expectOnlyAnErrorRecord(first.requestId);
    expect(auditRecords(second.requestId).map((record) => record['outcome'])).toEqual(['allowed']);
  });
});
