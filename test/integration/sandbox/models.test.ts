import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { AmazonSandbox } from '../../../local/sandbox';
import {
  DAY_MS,
  INVENTORY_PATH,
  NA_SELLER,
  ORDERS_2026_PATH,
  ORDERS_V0_PATH,
  SELLERS_PATH,
  START_TIME,
  TEST_APP,
  US,
  authorizeSeller,
  exchangeCode,
  inventoryQuery,
  locationOf,
  lwaToken,
  refreshAccessToken,
  spapi,
  startTestSandbox,
  submitConsent,
  type JsonResponse,
  type Region,
} from './sandbox-test-kit';

// Every response the sandbox sends must validate against the official models (copied into
// local/sandbox/models). The model is loaded as the root schema so its `#/definitions/...` refs resolve, and
// every object definition is closed (additionalProperties: false) so a misspelt field fails too.

type Json = Record<string, unknown>;

const MODELS_DIR = path.resolve(__dirname, '../../../local/sandbox/models');

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);

function closeObjects(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(closeObjects);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Json;
  if (
    schema.properties &&
    typeof schema.properties === 'object' &&
    schema.additionalProperties === undefined
  ) {
    schema.additionalProperties = false;
  }
  Object.values(schema).forEach(closeObjects);
}

interface Model {
  paths: Record<
    string,
    Record<string, { operationId?: string; responses: Record<string, { schema?: { $ref: string } }> }>
  >;
  definitions: Json;
}

function loadModel(file: string): Model {
  const model = JSON.parse(readFileSync(path.join(MODELS_DIR, file), 'utf8')) as Model;
  closeObjects(model.definitions);
  ajv.addSchema(model, file);
  return model;
}

const MODELS = {
  inventory: { file: 'fbaInventory.json', model: loadModel('fbaInventory.json'), path: INVENTORY_PATH },
  ordersV0: { file: 'ordersV0.json', model: loadModel('ordersV0.json'), path: ORDERS_V0_PATH },
  orders2026: {
    file: 'orders_2026-01-01.json',
    model: loadModel('orders_2026-01-01.json'),
    path: ORDERS_2026_PATH,
  },
  sellers: { file: 'sellers.json', model: loadModel('sellers.json'), path: SELLERS_PATH },
};

/** The schema the model declares for this operation and status code. */
function responseValidator(api: keyof typeof MODELS, status: number): ValidateFunction {
  const { file, model, path: operationPath } = MODELS[api];
  const ref = model.paths[operationPath]?.get?.responses[String(status)]?.schema?.$ref;
  if (!ref) throw new Error(`${file} declares no schema for ${operationPath} ${status}`);
  const validate = ajv.getSchema(`${file}${ref}`);
  if (!validate) throw new Error(`Cannot resolve ${file}${ref}`);
  return validate;
}

function expectValid(api: keyof typeof MODELS, response: JsonResponse<unknown>): void {
  const validate = responseValidator(api, response.status);
  const valid = validate(response.body);
  if (!valid)
    throw new Error(`${api} ${response.status}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
  expect(valid).toBe(true);
}

// LWA has no OpenAPI model; these schemas transcribe the token response and error tables of the SP-API
// developer guide ("Connecting to the Selling Partner API", step 1) and RFC 6749 §5.2.
const lwaSuccess = ajv.compile({
  type: 'object',
  additionalProperties: false,
  required: ['access_token', 'token_type', 'expires_in'],
  properties: {
    access_token: { type: 'string', pattern: '^(Atza|Atc)\\|', maxLength: 2048 },
    refresh_token: { type: 'string', pattern: '^Atzr\\|', maxLength: 2048 },
    token_type: { const: 'bearer' },
    expires_in: { const: 3600 },
  },
});
const lwaError = ajv.compile({
  type: 'object',
  additionalProperties: false,
  required: ['error', 'error_description'],
  properties: {
    error: {
      enum: ['invalid_request', 'invalid_client', 'invalid_grant', 'unsupported_grant_type', 'invalid_scope'],
    },
    error_description: { type: 'string', minLength: 1 },
  },
});

describe('Responses validate against the official models', () => {
  let sandbox: AmazonSandbox;
  let accessToken: string;
  let refreshToken: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ rateScale: 10_000 });
    ({ accessToken, refreshToken } = await authorizeSeller(sandbox, NA_SELLER));
  });

  afterAll(async () => {
    await sandbox.close();
  });

  /** token null sends no x-amz-access-token at all. */
  const call = (region: Region, api: keyof typeof MODELS, query: Json, token: string | null = accessToken) =>
    spapi(sandbox, region, MODELS[api].path, query as Record<string, string>, token ?? undefined);

  it('getInventorySummaries: first page, later page, 400 and 403', async () => {
    const first = await call('NA', 'inventory', inventoryQuery(US, { details: true }));
    const nextToken = (first.body.pagination as { nextToken: string }).nextToken;
    const later = await call('NA', 'inventory', inventoryQuery(US, { details: true, nextToken }));
    const withoutDetails = await call('NA', 'inventory', inventoryQuery(US));
    const badRequest = await call('NA', 'inventory', { granularityType: 'Country', marketplaceIds: US });
    const forbidden = await call('NA', 'inventory', inventoryQuery(US), null);

    expect([first.status, later.status, withoutDetails.status, badRequest.status, forbidden.status]).toEqual([
      200, 200, 200, 400, 403,
    ]);
    for (const response of [first, later, withoutDetails, badRequest, forbidden])
      expectValid('inventory', response);
  });

  it('getOrders: first page, later page and 400', async () => {
    const createdAfter = new Date(START_TIME.getTime() - 95 * DAY_MS).toISOString();
    const first = await call('NA', 'ordersV0', { MarketplaceIds: US, CreatedAfter: createdAfter });
    const nextToken = (first.body.payload as { NextToken: string }).NextToken;
    const later = await call('NA', 'ordersV0', { MarketplaceIds: US, NextToken: nextToken });
    const recent = await call('NA', 'ordersV0', {
      MarketplaceIds: US,
      LastUpdatedAfter: new Date(START_TIME.getTime() - 2 * DAY_MS).toISOString(),
    });
    const badRequest = await call('NA', 'ordersV0', { MarketplaceIds: US });

    expect([first.status, later.status, recent.status, badRequest.status]).toEqual([200, 200, 200, 400]);
    for (const response of [first, later, recent, badRequest]) expectValid('ordersV0', response);
  });

  it('searchOrders: every included dataset, later page, cancelled orders, 400 and 403', async () => {
    const createdAfter = new Date(START_TIME.getTime() - 95 * DAY_MS).toISOString();
    const includedData =
      'BUYER,RECIPIENT,PROCEEDS,EXPENSE,PROMOTION,CANCELLATION,FULFILLMENT,PACKAGES,TAX,PAYMENT';
    const first = await call('NA', 'orders2026', { createdAfter, includedData });
    const nextToken = (first.body.pagination as { nextToken: string }).nextToken;
    const later = await call('NA', 'orders2026', { paginationToken: nextToken });
    const cancelled = await call('NA', 'orders2026', {
      createdAfter,
      fulfillmentStatuses: 'CANCELLED',
      includedData: 'CANCELLATION,FULFILLMENT',
    });
    const basic = await call('NA', 'orders2026', {
      lastUpdatedAfter: new Date(START_TIME.getTime() - 3 * DAY_MS).toISOString(),
    });
    const badRequest = await call('NA', 'orders2026', { includedData: 'FULFILLMENT' });
    const forbidden = await call('NA', 'orders2026', { createdAfter }, 'Atza|forged');

    expect([
      first.status,
      later.status,
      cancelled.status,
      basic.status,
      badRequest.status,
      forbidden.status,
    ]).toEqual([200, 200, 200, 200, 400, 403]);
    const validated = JSON.stringify([first.body, cancelled.body]);
    for (const block of ['"proceeds"', '"fulfillment"', '"shipByWindow"', '"packages"', '"cancellation"']) {
      expect(validated).toContain(block);
    }
    for (const response of [first, later, cancelled, basic, badRequest, forbidden])
      expectValid('orders2026', response);
  });

  it('uses closed schemas, so an unknown or misspelt field fails', () => {
    const misspelt = {
      payload: { Orders: [{ AmazonOrderId: '111-1111111-1111111', OrderStatuss: 'Shipped' }] },
    };

    expect(responseValidator('ordersV0', 200)(misspelt)).toBe(false);
  });

  it('getMarketplaceParticipations: 200 and 403', async () => {
    const ok = await call('NA', 'sellers', {});
    const forbidden = await call('NA', 'sellers', {}, null);

    expect([ok.status, forbidden.status]).toEqual([200, 403]);
    expectValid('sellers', ok);
    expectValid('sellers', forbidden);
    // The newer model requires storeName on every participation: the seeded seller's name, as buyers see it.
    const payload = (ok.body as { payload: Array<{ storeName: string }> }).payload;
    expect(payload.length).toBeGreaterThan(0);
    expect(payload.map((entry) => entry.storeName)).toEqual(payload.map(() => 'Lumen Craft Co.'));
  });

  it('throttled and failing calls still answer with the model error shape', async () => {
    sandbox.faults.set({ throttleStorm: 1, spapi5xx: 0 });
    const throttled = await call('NA', 'inventory', inventoryQuery(US));
    sandbox.faults.set({ spapi5xx: 2 });
    const failed = await call('NA', 'orders2026', { createdAfter: '2026-10-01T00:00:00Z' });
    const unavailable = await call('NA', 'ordersV0', { MarketplaceIds: US, CreatedAfter: '2026-10-01' });

    expect([throttled.status, failed.status, unavailable.status]).toEqual([429, 500, 503]);
    expectValid('inventory', throttled);
    expectValid('orders2026', failed);
    expectValid('ordersV0', unavailable);
  });

  it('LWA: authorization_code, refresh_token and client_credentials successes, and errors', async () => {
    const redirect = locationOf(await submitConsent(sandbox, { sellingPartnerId: NA_SELLER }));
    const exchanged = await exchangeCode(
      sandbox,
      redirect.searchParams.get('spapi_oauth_code') ?? '',
      TEST_APP.redirectUris[0] ?? '',
    );
    const refreshed = await refreshAccessToken(sandbox, refreshToken);
    const grantless = await lwaToken(sandbox, {
      grant_type: 'client_credentials',
      scope: 'sellingpartnerapi::notifications',
      client_id: TEST_APP.clientId,
      client_secret: TEST_APP.clientSecret,
    });
    const invalidGrant = await refreshAccessToken(sandbox, 'Atzr|unknown');
    const invalidClient = await lwaToken(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: TEST_APP.clientId,
      client_secret: 'wrong',
    });

    for (const success of [exchanged, refreshed, grantless]) expect(lwaSuccess(success.body)).toBe(true);
    for (const failure of [invalidGrant, invalidClient]) expect(lwaError(failure.body)).toBe(true);
  });
});
