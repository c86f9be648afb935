import type { AmazonSandbox, OperationFault } from '../../../local/sandbox';
import {
  getInventorySummariesResponseSchema,
  getOrdersResponseSchema,
  searchOrdersResponseSchema,
} from '../../../shared/adapters/spapi/spapi-schemas';
import {
  DAY_MS,
  INVENTORY_PATH,
  NA_SELLER,
  ORDERS_2026_PATH,
  ORDERS_V0_PATH,
  START_TIME,
  US,
  authorizeSeller,
  inventoryQuery,
  sellerCounters,
  startTestSandbox,
} from './sandbox-test-kit';

// The per-operation faults of the sandbox, read as raw HTTP (a broken body cannot go through a JSON helper) and
// judged by the same answer schemas the adapters use: a fault must break exactly what it says, and nothing else.

const createdAfter = new Date(START_TIME.getTime() - 30 * DAY_MS).toISOString();

const OPERATIONS = [
  {
    operation: 'getInventorySummaries',
    path: INVENTORY_PATH,
    query: inventoryQuery(US, { details: 'true' }),
    tokenParameter: 'nextToken',
    schema: getInventorySummariesResponseSchema,
    nextTokenOf: (body: unknown) => getInventorySummariesResponseSchema.parse(body).pagination?.nextToken,
  },
  {
    operation: 'getOrders',
    path: ORDERS_V0_PATH,
    query: { MarketplaceIds: US, CreatedAfter: createdAfter, MaxResultsPerPage: '100' },
    tokenParameter: 'NextToken',
    schema: getOrdersResponseSchema,
    nextTokenOf: (body: unknown) => getOrdersResponseSchema.parse(body).payload.NextToken,
  },
  {
    operation: 'searchOrders',
    path: ORDERS_2026_PATH,
    query: {
      marketplaceIds: US,
      createdAfter,
      maxResultsPerPage: '100',
      includedData: 'FULFILLMENT,PROCEEDS',
    },
    tokenParameter: 'paginationToken',
    schema: searchOrdersResponseSchema,
    nextTokenOf: (body: unknown) => searchOrdersResponseSchema.parse(body).pagination?.nextToken,
  },
] as const;

interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
}

describe('Sandbox operation faults', () => {
  let sandbox: AmazonSandbox;
  let accessToken: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ rateScale: 100_000 });
    ({ accessToken } = await authorizeSeller(sandbox, NA_SELLER));
  });

  afterEach(() => sandbox.faults.clear());

  afterAll(async () => {
    await sandbox.close();
  });

  async function call(path: string, query: Record<string, string | string[]>): Promise<RawAnswer> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query))
      params.set(name, Array.isArray(value) ? value.join(',') : value);
    const url = `${sandbox.endpoints.spapi.NA}${path}?${params.toString()}`;
    const response = await fetch(url, { headers: { 'x-amz-access-token': accessToken } });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = text; // what axios hands over for a body it cannot parse
    }
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json };
  }

  describe.each(OPERATIONS)('$operation', (op) => {
    const firstPage = () => call(op.path, op.query);
    const page = (token: string) => call(op.path, { ...op.query, [op.tokenParameter]: token });
    const secondPageToken = async () => {
      const first = await firstPage();
      const token = op.nextTokenOf(first.json);
      if (token === undefined) throw new Error('setup: the listing has a single page');
      return token;
    };
    const inject = (fault: Omit<OperationFault, 'operation'>) =>
      sandbox.faults.set({ operations: [{ operation: op.operation, ...fault }] });

    it('answers every page in the shape of the shared schema when no fault is set', async () => {
      let answer = await firstPage();
      let pages = 1;
      for (;;) {
        expect(op.schema.safeParse(answer.json).success).toBe(true);
        const token = op.nextTokenOf(answer.json);
        if (token === undefined) break;
        answer = await page(token);
        pages += 1;
      }
      expect(pages).toBeGreaterThan(1);
    });

    it.each([
      ['truncatedJson', 'application/json', false],
      ['htmlBody', 'text/html', false],
      ['missingList', 'application/json', true],
    ] as const)('%s on page 2 breaks page 2 only, with status 200', async (kind, contentType, parses) => {
      const token = await secondPageToken();
      inject({ kind, pages: 'next' });

      const broken = await page(token);
      const again = await page(token);

      expect(broken.status).toBe(200);
      expect(broken.contentType).toContain(contentType);
      expect(op.schema.safeParse(broken.json).success).toBe(false);
      expect(typeof broken.json !== 'string').toBe(parses);
      expect(op.schema.safeParse(again.json).success).toBe(true); // times defaults to 1
    });

    it('repeatedNextToken answers a page with the token the request carried', async () => {
      inject({ kind: 'repeatedNextToken', times: 5 });
      const first = await firstPage();
      const token = op.nextTokenOf(first.json) ?? '';

      const repeated = await page(token);

      expect(token).not.toBe('');
      expect(op.schema.safeParse(repeated.json).success).toBe(true);
      expect(op.nextTokenOf(repeated.json)).toBe(token);
    });

    it('serverError answers the status it was given, as many times as asked', async () => {
      inject({ kind: 'serverError', status: 500, times: 2, pages: 'first' });

      const statuses = [(await firstPage()).status, (await firstPage()).status, (await firstPage()).status];

      expect(statuses).toEqual([500, 500, 200]);
    });
  });

  it('counts faulted calls like any other, and applies a fault to its own operation only', async () => {
    const before = sellerCounters(sandbox, NA_SELLER, 'NA').spapi['searchOrders'] ?? 0;
    sandbox.faults.set({ operations: [{ operation: 'searchOrders', kind: 'htmlBody', times: 3 }] });

    const inventory = await call(INVENTORY_PATH, inventoryQuery(US));
    const orders = await call(ORDERS_2026_PATH, { marketplaceIds: US, createdAfter });

    expect(getInventorySummariesResponseSchema.safeParse(inventory.json).success).toBe(true);
    expect(orders.contentType).toContain('text/html');
    expect(sellerCounters(sandbox, NA_SELLER, 'NA').spapi['searchOrders']).toBe(before + 1);
  });

  it('holds a hanging answer for hangMs, then answers normally; clearing the faults releases it', async () => {
    sandbox.faults.set({ operations: [{ operation: 'getInventorySummaries', kind: 'hang', hangMs: 300 }] });
    const started = performance.now();
    const held = await call(INVENTORY_PATH, inventoryQuery(US));
    const heldMs = performance.now() - started;

    sandbox.faults.set({
      operations: [{ operation: 'getInventorySummaries', kind: 'hang', hangMs: 60_000 }],
    });
    const releasedAt = performance.now();
    const pending = call(INVENTORY_PATH, inventoryQuery(US));
    setTimeout(() => sandbox.faults.clear(), 200);
    const released = await pending;

    expect(heldMs).toBeGreaterThanOrEqual(290);
    expect(held.status).toBe(200);
    expect(released.status).toBe(200);
    expect(performance.now() - releasedAt).toBeLessThan(5_000);
  });

  it('takes operation faults over the control surface, reports what is left, and refuses bad ones', async () => {
    const control = async (body: unknown) => {
      const response = await fetch(`${sandbox.url}/__sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    const set = await control({
      operations: [{ operation: 'getOrders', kind: 'truncatedJson', pages: 'next', times: 3 }],
    });
    await call(ORDERS_V0_PATH, { MarketplaceIds: US, CreatedAfter: createdAfter }); // a first page: not matched

    expect(set.status).toBe(200);
    expect((await (await fetch(`${sandbox.url}/__sandbox/faults`)).json()) as unknown).toMatchObject({
      faults: { operations: [{ operation: 'getOrders', kind: 'truncatedJson', pages: 'next', times: 3 }] },
    });
    for (const bad of [
      { operations: {} },
      { operations: [{ operation: 'getOrders', kind: 'explode' }] },
      { operations: [{ operation: 'getOrders', kind: 'hang', hangMs: 10 * 60_000 }] },
      { operations: [{ operation: 'getOrders', kind: 'serverError', status: 418 }] },
      { operations: [{ operation: 'getOrders', kind: 'htmlBody', times: 0 }] },
      { operations: [{ operation: 'getOrders', kind: 'htmlBody', body: '<p>' }] },
    ]) {
      expect({ bad, status: (await control(bad)).status }).toEqual({ bad, status: 400 });
    }
  });
});
