// Seller account status end to end on loopback: DynamoDB Local, the SQS emulator, the KMS stand-in and the Amazon
// sandbox (its Notifications API: destinations, subscriptions, usage plans, and delivery of ACCOUNT_STATUS_CHANGED
// to the revocation queue with the subscription, never the seller, in its metadata). The connect is the real
// completeAuthorization with the real adapters (state, consent, code exchange, KMS, Sellers API); the worker and the
// health check are the real handler modules, imported afresh with this file's settings.
import { randomBytes, randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { completeAuthorization } from '../../../shared/authorization/complete-authorization';
import { BINDING_COOKIE, sha256 } from '../../../shared/authorization/oauth-state';
import type { AuditRecord, StoreEventRecord } from '../../../shared/audit/audit-record';
import type { StoreDataService } from '../../../shared/store-data/store-data-service';
import { parseQueueMessage } from '../../../shared/revocation/queue-message';
import {
  auditRecords,
  connectStore,
  createWorkspace,
  deliverOnce,
  drain,
  lambdaContext,
  ownerOf,
  peek,
  profileOf,
  restoreEnvironment,
  sendBody,
  shortenVisibility,
  startEmulators,
  storeItems,
  type Emulators,
  type TestWorkspace,
} from '../revocation/revocation-test-kit';
import {
  locationOf,
  NA_SELLER,
  sellerCounters,
  submitConsent,
  TEST_APP,
  US,
} from '../sandbox/sandbox-test-kit';

type RuntimeModule = typeof import('../../../shared/notifications/account-status-runtime');

let emulators: Emulators;

beforeAll(async () => {
  emulators = await startEmulators();
  emulators.sandbox.notifications.useSqsEndpoint(emulators.sqs.endpoint);
}, 60_000);

afterAll(async () => {
  restoreEnvironment();
  await emulators?.stop();
});

/** The revocation kit's workspace, with the account-status destination set before the modules load. */
async function workspace(name: string): Promise<TestWorkspace & { runtime: RuntimeModule }> {
  const base = await createWorkspace(emulators, name);
  process.env.MINT_HUB_ACCOUNT_STATUS_DESTINATION_ARN = base.queues.queueArn;
  jest.resetModules();
  return {
    ...base,
    env: { ...base.env, MINT_HUB_ACCOUNT_STATUS_DESTINATION_ARN: base.queues.queueArn },
    worker: await import('../../../functions/revocation-worker'),
    healthCheck: await import('../../../functions/authorization-health-check'),
    dependencies: await import('../../../shared/runtime/dependencies'),
    runtime: await import('../../../shared/notifications/account-status-runtime'),
  };
}

/** What the OAuth callback does for one consent: state bound to a browser, Amazon's consent, the callback. */
async function connectThroughCallback(ws: TestWorkspace & { runtime: RuntimeModule }, userId = 'owner-1') {
  const state = randomBytes(32).toString('base64url');
  const binding = randomBytes(32).toString('base64url');
  const now = Date.now();
  await ws.repository.saveState({
    stateHash: sha256(state),
    userId,
    flow: 'website',
    region: 'NA',
    sellingPartnerId: undefined,
    bindingHash: sha256(binding),
    createdAt: new Date(now).toISOString(),
    expiresAt: Math.floor(now / 1000) + 600,
  });
  const consent = await submitConsent(emulators.sandbox, { sellingPartnerId: NA_SELLER, state });
  const code = locationOf(consent).searchParams.get('spapi_oauth_code') ?? undefined;
  const env = process.env;
  const { dependencies } = ws;
  const accountStatus = ws.runtime.accountStatusSubscriptions(env);
  if (accountStatus === undefined) throw new Error('the destination setting is missing');
  return completeAuthorization(
    {
      states: ws.repository,
      stores: ws.repository,
      cipher: dependencies.tokenCipher(env),
      lwa: dependencies.lwaClient(env),
      sellers: dependencies.sellersApi(env),
      audit: dependencies.auditTrail(env),
      clock: dependencies.systemClock,
      redirectUri: TEST_APP.redirectUris[0] ?? '',
      onAuditFailure: (error) => {
        throw error;
      },
      accountStatus,
    },
    { state, sellingPartnerId: NA_SELLER, code, error: undefined },
    { cookies: [`${BINDING_COOKIE}=${binding}`], requestId: randomUUID() },
  );
}

const subscriptionsAtAmazon = () =>
  emulators.sandbox.notifications
    .subscriptions('ACCOUNT_STATUS_CHANGED')
    .filter((subscription) => subscription.sellingPartnerId === NA_SELLER && subscription.region === 'NA');

async function mappingOf(ws: TestWorkspace, subscriptionId: string) {
  const { Item } = await emulators.documents.send(
    new GetCommand({
      TableName: ws.tableName,
      Key: { pk: `SUBSCRIPTION#${subscriptionId}`, sk: 'SUBSCRIPTION' },
      ConsistentRead: true,
    }),
  );
  return Item;
}

const subscriptionRecords = (records: AuditRecord[]) =>
  records.filter((record): record is StoreEventRecord => record.kind === 'account-status-subscription');
const statusRecords = (records: AuditRecord[]) =>
  records.filter((record): record is StoreEventRecord => record.kind === 'account-status-changed');

function inventoryOf(service: StoreDataService, storeId: string) {
  return service.inventory(ownerOf(storeId), {
    storeId,
    marketplaceId: US,
    reason: 'inventory-replenishment',
    requestId: randomUUID(),
    deadlineMs: Date.now() + 20_000,
  });
}

/** Amazon changes the seller's status (the sandbox control) and the worker takes what reached the queue. */
async function amazonSays(ws: TestWorkspace, status: 'NORMAL' | 'AT_RISK' | 'DEACTIVATED') {
  const delivered = await emulators.sandbox.notifications.changeAccountStatus(NA_SELLER, 'NA', status);
  const deliveries = await drain(emulators, ws.queues, ws.worker.handler);
  return { delivered, failed: deliveries.flatMap((delivery) => delivery.failedIds) };
}

afterEach(async () => {
  // The sandbox is shared by the file: each test starts with the seller unsubscribed and no faults.
  emulators.sandbox.faults.clear();
  for (const subscription of subscriptionsAtAmazon()) {
    const grantless = await fetch(emulators.sandbox.endpoints.lwaToken, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: 'sellingpartnerapi::notifications',
        client_id: TEST_APP.clientId,
        client_secret: TEST_APP.clientSecret,
      }),
    }).then((response) => response.json() as Promise<{ access_token: string }>);
    await fetch(
      `${emulators.sandbox.endpoints.spapi.NA}/notifications/v1/subscriptions/ACCOUNT_STATUS_CHANGED/${subscription.subscriptionId}`,
      { method: 'DELETE', headers: { 'x-amz-access-token': grantless.access_token } },
    );
  }
});

describe('subscriptions on connect', () => {
  it('a connect creates one subscription and the mapping; a second connect reuses it', async () => {
    const ws = await workspace('as-connect');

    const first = await connectThroughCallback(ws);
    const afterFirst = subscriptionsAtAmazon();
    const second = await connectThroughCallback(ws);

    expect(first).toEqual({ result: 'connected', storeId: `${NA_SELLER}-NA` });
    expect(second).toEqual({ result: 'reauthorized', storeId: `${NA_SELLER}-NA` });
    expect(afterFirst).toHaveLength(1);
    expect(subscriptionsAtAmazon()).toEqual(afterFirst);
    const subscriptionId = afterFirst[0]!.subscriptionId;
    expect(await mappingOf(ws, subscriptionId)).toMatchObject({ storeId: `${NA_SELLER}-NA` });
    expect(
      (await storeItems(emulators, ws, `${NA_SELLER}-NA`))['SUBSCRIPTION#ACCOUNT_STATUS_CHANGED'],
    ).toMatchObject({
      state: 'subscribed',
      subscriptionId,
    });
    expect(subscriptionRecords(await auditRecords(ws)).map((record) => record.detail)).toEqual([
      expect.objectContaining({ action: 'subscribed', trigger: 'connect', subscriptionId }),
      expect.objectContaining({ action: 'reused', trigger: 'reauthorization', subscriptionId }),
    ]);
    // No token of the exchange, nor the grantless one, in any audit record.
    expect(JSON.stringify(await auditRecords(ws))).not.toMatch(/Atz[ar]\|/);
    // The app's one destination in NA is the revocation queue, created once and kept in the table.
    const { Item: destination } = await emulators.documents.send(
      new GetCommand({ TableName: ws.tableName, Key: { pk: 'APP#NOTIFICATIONS', sk: 'DESTINATION#NA' } }),
    );
    expect(destination).toMatchObject({
      sqsArn: ws.queues.queueArn,
      destinationId: afterFirst[0]!.destinationId,
    });
  }, 30_000);

  it('an Amazon outage at createSubscription does not break the connect; the health check subscribes later', async () => {
    const ws = await workspace('as-retry');
    emulators.sandbox.faults.set({
      operations: [{ operation: 'createSubscription', kind: 'serverError', status: 503 }],
    });

    const connected = await connectThroughCallback(ws);

    expect(connected).toEqual({ result: 'connected', storeId: `${NA_SELLER}-NA` });
    expect(subscriptionsAtAmazon()).toEqual([]);
    const items = await storeItems(emulators, ws, `${NA_SELLER}-NA`);
    expect(items['SUBSCRIPTION#ACCOUNT_STATUS_CHANGED']).toMatchObject({
      state: 'pending',
      failure: 'spapi:unavailable',
      attempts: 1,
    });
    expect(items['TOKEN#SPAPI']).toBeDefined();

    const report = await ws.healthCheck.handler({}, lambdaContext('AuthorizationHealthCheck', 600_000));

    expect(report).toMatchObject({ checked: 1, valid: 1 });
    expect(subscriptionsAtAmazon()).toHaveLength(1);
    const retried = await storeItems(emulators, ws, `${NA_SELLER}-NA`);
    expect(retried['SUBSCRIPTION#ACCOUNT_STATUS_CHANGED']).toMatchObject({ state: 'subscribed' });
    expect(
      subscriptionRecords(await auditRecords(ws)).map((record) => [record.outcome, record.detail]),
    ).toEqual([
      [
        'error',
        expect.objectContaining({ action: 'failed', failure: 'spapi:unavailable', trigger: 'connect' }),
      ],
      ['allowed', expect.objectContaining({ action: 'subscribed', trigger: 'health-check' })],
    ]);
  }, 30_000);
});

describe('ACCOUNT_STATUS_CHANGED from Amazon', () => {
  it('DEACTIVATED suspends the store and reads are refused with no Amazon call; AT_RISK is shown; NORMAL restores', async () => {
    const ws = await workspace('as-status');
    const storeId = `${NA_SELLER}-NA`;
    await connectThroughCallback(ws, ownerOf(storeId).userId);
    // The payload Amazon delivers validates against the schema and names no seller.
    const before = emulators.sandbox.notifications.delivered().length;

    const deactivated = await amazonSays(ws, 'DEACTIVATED');

    expect(deactivated).toEqual({ delivered: 1, failed: [] });
    const body = emulators.sandbox.notifications.delivered()[before]!.body;
    expect(body).not.toContain(NA_SELLER);
    expect(parseQueueMessage(body)).toMatchObject({
      kind: 'account-status',
      change: { currentStatus: 'DEACTIVATED' },
    });
    expect(await profileOf(emulators, ws, storeId)).toMatchObject({
      status: 'SUSPENDED',
      accountStatus: 'DEACTIVATED',
    });
    emulators.sandbox.resetCounters();
    emulators.kms.resetCounters();
    await expect(inventoryOf(ws.dependencies.storeDataService(ws.env), storeId)).rejects.toMatchObject({
      code: 'StoreNotActive',
      message: expect.stringContaining('suspended'),
    });
    const counters = sellerCounters(emulators.sandbox, NA_SELLER, 'NA');
    expect(counters.lwa).toEqual({ authorization_code: 0, refresh_token: 0, client_credentials: 0 });
    expect(counters.spapi).toEqual({});
    expect(emulators.kms.counters().Decrypt).toBe(0);

    await amazonSays(ws, 'AT_RISK');
    const atRisk = await ws.repository.listStoresOfUser(ownerOf(storeId).userId);
    expect(atRisk.map(({ profile }) => [profile.status, profile.accountStatus])).toEqual([
      ['ACTIVE', 'AT_RISK'],
    ]);

    await amazonSays(ws, 'NORMAL');
    expect(await profileOf(emulators, ws, storeId)).toMatchObject({
      status: 'ACTIVE',
      accountStatus: 'NORMAL',
    });
    await expect(inventoryOf(ws.dependencies.storeDataService(ws.env), storeId)).resolves.toMatchObject({
      storeId,
    });
    expect(statusRecords(await auditRecords(ws)).map((record) => record.detail)).toEqual([
      expect.objectContaining({ accountStatus: 'DEACTIVATED', storeStatus: 'SUSPENDED' }),
      expect.objectContaining({ accountStatus: 'AT_RISK', storeStatus: 'ACTIVE' }),
      expect.objectContaining({ accountStatus: 'NORMAL', storeStatus: 'ACTIVE' }),
    ]);
  }, 60_000);

  it('a re-authorization while Amazon says DEACTIVATED keeps the store suspended; NORMAL restores it', async () => {
    const ws = await workspace('as-reauth');
    const storeId = `${NA_SELLER}-NA`;
    await connectThroughCallback(ws, ownerOf(storeId).userId);
    await amazonSays(ws, 'DEACTIVATED');

    // The owner consents again: a new token, but Amazon's deactivation still stands.
    await connectThroughCallback(ws, ownerOf(storeId).userId);

    expect(await profileOf(emulators, ws, storeId)).toMatchObject({
      status: 'SUSPENDED',
      accountStatus: 'DEACTIVATED',
    });
    await expect(inventoryOf(ws.dependencies.storeDataService(ws.env), storeId)).rejects.toMatchObject({
      code: 'StoreNotActive',
    });
    await amazonSays(ws, 'NORMAL');
    expect(await profileOf(emulators, ws, storeId)).toMatchObject({
      status: 'ACTIVE',
      accountStatus: 'NORMAL',
    });
  }, 60_000);

  it('an ACCOUNT_STATUS_CHANGED whose subscription is not ours reaches the DLQ', async () => {
    const ws = await workspace('as-unmapped');
    await shortenVisibility(emulators, ws.queues.queueUrl);
    await connectStore(emulators, ws, NA_SELLER, 'NA');
    const unmapped = JSON.stringify({
      notificationVersion: '1.0',
      notificationType: 'ACCOUNT_STATUS_CHANGED',
      payloadVersion: '1.0',
      eventTime: new Date().toISOString(),
      payload: {
        accountStatusChangeNotification: {
          previousAccountStatus: 'NORMAL',
          currentAccountStatus: 'DEACTIVATED',
        },
      },
      notificationMetadata: {
        subscriptionId: randomUUID(),
        notificationId: randomUUID(),
        publishTime: new Date().toISOString(),
      },
    });
    await sendBody(emulators, ws.queues.queueUrl, unmapped);

    let deadLetters = await peek(emulators, ws.queues.deadLetterQueueUrl);
    for (let poll = 0; poll < 10 && deadLetters.length === 0; poll++) {
      const delivery = await deliverOnce(emulators, ws.queues, ws.worker.handler, 2);
      expect(delivery.failedIds).toEqual(delivery.event.Records.map((record) => record.messageId));
      deadLetters = await peek(
        emulators,
        ws.queues.deadLetterQueueUrl,
        delivery.messages.length === 0 ? 1 : 0,
      );
    }

    expect(deadLetters.map((message) => message.Body)).toEqual([unmapped]);
    expect(await profileOf(emulators, ws, `${NA_SELLER}-NA`)).toMatchObject({ status: 'ACTIVE' });
  }, 60_000);

  it('a disconnect deletes the subscription at Amazon (audited); later notifications find nothing to change', async () => {
    const ws = await workspace('as-disconnect');
    await connectThroughCallback(ws);
    const storeId = `${NA_SELLER}-NA`;
    const [subscription] = subscriptionsAtAmazon();

    const response = await ws.disconnect.handler(
      {
        version: '2.0',
        routeKey: 'DELETE /api/stores/{storeId}',
        rawPath: `/api/stores/${storeId}`,
        rawQueryString: '',
        headers: {},
        pathParameters: { storeId },
        requestContext: {
          requestId: randomUUID(),
          http: { method: 'DELETE', path: `/api/stores/${storeId}` },
          authorizer: { jwt: { claims: { sub: 'owner-1' }, scopes: [] } },
        },
        isBase64Encoded: false,
      } as never,
      lambdaContext('DisconnectStore', 30_000),
    );
    await drain(emulators, ws.queues, ws.worker.handler);

    expect((response as { statusCode: number }).statusCode).toBe(202);
    expect(subscriptionsAtAmazon()).toEqual([]);
    expect((await storeItems(emulators, ws, storeId))['SUBSCRIPTION#ACCOUNT_STATUS_CHANGED']).toMatchObject({
      state: 'deleted',
      subscriptionId: subscription!.subscriptionId,
    });
    expect(subscriptionRecords(await auditRecords(ws)).at(-1)).toMatchObject({
      outcome: 'allowed',
      actor: { type: 'system', id: 'revocation-worker' },
      detail: expect.objectContaining({ action: 'deleted', subscriptionId: subscription!.subscriptionId }),
    });
    expect(await amazonSays(ws, 'DEACTIVATED')).toEqual({ delivered: 0, failed: [] });
    expect(await profileOf(emulators, ws, storeId)).toMatchObject({ status: 'REVOKED' });
  }, 60_000);
});
