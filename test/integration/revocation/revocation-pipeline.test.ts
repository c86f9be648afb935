import { randomUUID } from 'node:crypto';
import type { AuditRecord, StoreEventRecord } from '../../../shared/audit/audit-record';
import type { StoreDataService } from '../../../shared/store-data/store-data-service';
import { NA_SELLER, NA_SELLER_2, postForm, sellerCounters, TEST_APP, US } from '../sandbox/sandbox-test-kit';
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
} from './revocation-test-kit';

// Every wait is bounded: SQS receives wait at most a second or two, and the DLQ case waits out five one-second
// visibility timeouts. The time from signal to REVOKED is the benchmark's to measure, not these tests'.
jest.setTimeout(60_000);

let emulators: Emulators;

beforeAll(async () => {
  emulators = await startEmulators();
});

afterAll(async () => {
  restoreEnvironment();
  await emulators?.stop();
});

const storeRevoked = (records: AuditRecord[], storeId: string) =>
  records.filter(
    (record): record is StoreEventRecord => record.kind === 'store-revoked' && record.storeId === storeId,
  );

const revocationBody = (storeId: string, source: string, at: Date | string = new Date()) =>
  JSON.stringify({
    eventId: randomUUID(),
    storeId,
    source,
    at: typeof at === 'string' ? at : at.toISOString(),
  });

function inventoryOf(service: StoreDataService, storeId: string) {
  return service.inventory(ownerOf(storeId), {
    storeId,
    marketplaceId: US,
    reason: 'inventory-replenishment',
    requestId: randomUUID(),
    deadlineMs: Date.now() + 20_000,
  });
}

async function accountStatusNotification(
  workspace: TestWorkspace,
  casing: 'pascal' | 'camel',
  status: string,
  eventTime: Date,
  sellerId = NA_SELLER,
) {
  const notificationId = randomUUID();
  const body =
    casing === 'pascal'
      ? {
          NotificationVersion: '1.0',
          NotificationType: 'ACCOUNT_STATUS_CHANGED',
          PayloadVersion: '2021-01-01',
          EventTime: eventTime.toISOString(),
          Payload: {
            AccountStatusChangeNotification: {
              SellerId: sellerId,
              MarketplaceId: US,
              CurrentAccountStatus: status,
            },
          },
          NotificationMetadata: { ApplicationId: TEST_APP.applicationId, NotificationId: notificationId },
        }
      : {
          notificationVersion: '1.0',
          notificationType: 'ACCOUNT_STATUS_CHANGED',
          payloadVersion: '2021-01-01',
          eventTime: eventTime.toISOString(),
          payload: {
            accountStatusChangeNotification: {
              sellerId,
              marketplaceId: US,
              currentAccountStatus: status,
            },
          },
          notificationMetadata: { applicationId: TEST_APP.applicationId, notificationId },
        };
  await sendBody(emulators, workspace.queues.queueUrl, JSON.stringify(body));
}

describe('the revocation pipeline', () => {
  it('seller revokes in Manage Your Apps → invalid_grant → queued → REVOKED, shredded, purged; no Amazon or KMS call after', async () => {
    const ws = await createWorkspace(emulators, 'invalid-grant');
    const { storeId } = await connectStore(emulators, ws, NA_SELLER, 'NA', {
      marketplaceIds: [US],
      operators: ['operator-1'],
    });
    const service = ws.dependencies.storeDataService(ws.env);
    await inventoryOf(service, storeId);
    // The inventory view stores its SKUs and, for velocity, the marketplace's order history and the Sales API
    // checkpoint it reads while that history loads.
    expect(Object.keys(await storeItems(emulators, ws, storeId))).toEqual(
      expect.arrayContaining([
        `SNAPSHOT#inventory#${US}`,
        `SNAPSHOT#orders#${US}`,
        `SNAPSHOT#sales-velocity#${US}`,
      ]),
    );

    const revoke = await postForm(`${emulators.sandbox.url}/apps/manage/revoke`, {
      application_id: TEST_APP.applicationId,
      selling_partner_id: NA_SELLER,
      region: 'NA',
    });
    expect(revoke.status).toBe(303);
    // The cached access token is refused (403), a new one is minted, LWA answers invalid_grant: a revocation is queued.
    await expect(inventoryOf(service, storeId)).rejects.toMatchObject({ code: 'AuthorizationRevoked' });
    const [delivery] = await drain(emulators, ws.queues, ws.worker.handler);

    expect(delivery?.failedIds).toEqual([]);
    expect(JSON.parse(delivery?.messages[0]?.Body ?? '{}')).toMatchObject({
      storeId,
      source: 'invalid_grant',
    });
    const items = await storeItems(emulators, ws, storeId);
    expect(items['PROFILE']).toMatchObject({ status: 'REVOKED', revokedReason: 'invalid_grant' });
    expect(items['PROFILE']?.['revokedAt']).toEqual(expect.any(String));
    expect(items['TOKEN#SPAPI']).toBeUndefined();
    expect(Object.keys(items).filter((sk) => sk.startsWith('SNAPSHOT#'))).toEqual([]);
    expect(Object.keys(items)).toEqual(
      expect.arrayContaining([`MEMBER#${ownerOf(storeId).userId}`, 'MEMBER#operator-1']),
    );
    const revoked = storeRevoked(await auditRecords(ws), storeId);
    expect(revoked).toEqual([
      expect.objectContaining({
        actor: { type: 'system', id: 'revocation-worker' },
        outcome: 'allowed',
        detail: expect.objectContaining({ source: 'invalid_grant', tokensDeleted: true, snapshotsPurged: 3 }),
      }),
    ]);
    // The access audit history is kept as it was.
    expect((await auditRecords(ws)).filter((record) => record.kind === 'data-access').length).toBeGreaterThan(
      0,
    );

    emulators.sandbox.resetCounters();
    emulators.kms.resetCounters();
    await expect(inventoryOf(service, storeId)).rejects.toMatchObject({ code: 'StoreNotActive' });
    await expect(inventoryOf(ws.dependencies.storeDataService(ws.env), storeId)).rejects.toMatchObject({
      code: 'StoreNotActive',
    });

    const counters = sellerCounters(emulators.sandbox, NA_SELLER, 'NA');
    expect(counters.lwa).toEqual({ authorization_code: 0, refresh_token: 0, client_credentials: 0 });
    expect(counters.spapi).toEqual({});
    expect(emulators.kms.counters()).toEqual({ Encrypt: 0, Decrypt: 0, GenerateDataKey: 0, DescribeKey: 0 });
  });

  it('disconnect → REVOKED; re-authorization reconnects the store, and the old event redelivered does not undo it', async () => {
    const ws = await createWorkspace(emulators, 'disconnect');
    const { storeId } = await connectStore(emulators, ws, NA_SELLER_2, 'NA', { marketplaceIds: [US] });
    const owner = ownerOf(storeId);

    const answer = await ws.disconnect.handler(
      {
        version: '2.0',
        routeKey: 'DELETE /api/stores/{storeId}',
        rawPath: `/api/stores/${storeId}`,
        rawQueryString: '',
        headers: {},
        isBase64Encoded: false,
        pathParameters: { storeId },
        requestContext: {
          requestId: randomUUID(),
          authorizer: { jwt: { claims: { sub: owner.userId }, scopes: [] } },
        },
      } as never,
      lambdaContext('DisconnectStore', 10_000),
    );
    expect(answer).toMatchObject({ statusCode: 202 });
    const [delivery] = await drain(emulators, ws.queues, ws.worker.handler);
    const oldBody = delivery?.messages[0]?.Body ?? '';

    expect(await profileOf(emulators, ws, storeId)).toMatchObject({
      status: 'REVOKED',
      revokedReason: 'disconnect',
    });
    expect(storeRevoked(await auditRecords(ws), storeId)).toEqual([
      expect.objectContaining({ actor: { type: 'operator', id: owner.userId } }),
    ]);

    // The seller authorizes again through the normal flow: the same store, ACTIVE, with a new token.
    await connectStore(emulators, ws, NA_SELLER_2, 'NA', { marketplaceIds: [US] });
    await sendBody(emulators, ws.queues.queueUrl, oldBody);
    const redelivered = await drain(emulators, ws.queues, ws.worker.handler);

    expect(redelivered[0]?.failedIds).toEqual([]);
    const items = await storeItems(emulators, ws, storeId);
    expect(items['PROFILE']).toMatchObject({ status: 'ACTIVE' });
    expect(items['PROFILE']?.['revokedAt']).toBeUndefined();
    expect(items['TOKEN#SPAPI']?.['ciphertext']).toEqual(expect.any(String));
    expect(storeRevoked(await auditRecords(ws), storeId)).toHaveLength(1);
    // And the reconnected store works.
    await expect(inventoryOf(ws.dependencies.storeDataService(ws.env), storeId)).resolves.toMatchObject({
      storeId,
    });
  });

  it('ACCOUNT_STATUS_CHANGED: DEACTIVATED suspends (token kept, no token use), NORMAL or AT_RISK restores, in both casings', async () => {
    const ws = await createWorkspace(emulators, 'account-status');
    const { storeId } = await connectStore(emulators, ws, NA_SELLER, 'NA', { marketplaceIds: [US] });
    const base = Date.now();
    const service = ws.dependencies.storeDataService(ws.env);

    await accountStatusNotification(ws, 'pascal', 'DEACTIVATED', new Date(base + 1000));
    await drain(emulators, ws.queues, ws.worker.handler);
    const suspended = await storeItems(emulators, ws, storeId);
    emulators.sandbox.resetCounters();
    emulators.kms.resetCounters();
    await expect(inventoryOf(service, storeId)).rejects.toMatchObject({ code: 'StoreNotActive' });

    expect(suspended['PROFILE']).toMatchObject({ status: 'SUSPENDED', accountStatus: 'DEACTIVATED' });
    expect(suspended['TOKEN#SPAPI']?.['ciphertext']).toEqual(expect.any(String));
    expect(sellerCounters(emulators.sandbox, NA_SELLER, 'NA').lwa.refresh_token).toBe(0);
    expect(emulators.kms.counters().Decrypt).toBe(0);

    await accountStatusNotification(ws, 'camel', 'NORMAL', new Date(base + 2000));
    await drain(emulators, ws.queues, ws.worker.handler);
    expect(await profileOf(emulators, ws, storeId)).toMatchObject({
      status: 'ACTIVE',
      accountStatus: 'NORMAL',
    });

    await accountStatusNotification(ws, 'camel', 'DEACTIVATED', new Date(base + 3000));
    await drain(emulators, ws.queues, ws.worker.handler);
    expect(await profileOf(emulators, ws, storeId)).toMatchObject({ status: 'SUSPENDED' });

    await accountStatusNotification(ws, 'pascal', 'AT_RISK', new Date(base + 4000));
    await drain(emulators, ws.queues, ws.worker.handler);
    expect(await profileOf(emulators, ws, storeId)).toMatchObject({
      status: 'ACTIVE',
      accountStatus: 'AT_RISK',
    });
    await expect(inventoryOf(service, storeId)).resolves.toMatchObject({ storeId });
    expect(storeRevoked(await auditRecords(ws), storeId)).toEqual([]);
  });

  it('duplicates and out-of-order events are harmless', async () => {
    const ws = await createWorkspace(emulators, 'duplicates');
    const { storeId, authorizedAt } = await connectStore(emulators, ws, NA_SELLER, 'NA');
    const body = revocationBody(storeId, 'invalid_grant');
    await sendBody(emulators, ws.queues.queueUrl, body);
    await sendBody(emulators, ws.queues.queueUrl, body);
    await sendBody(emulators, ws.queues.queueUrl, revocationBody(storeId, 'health-check'));

    const deliveries = await drain(emulators, ws.queues, ws.worker.handler);

    expect(deliveries.flatMap((delivery) => delivery.failedIds)).toEqual([]);
    expect(await profileOf(emulators, ws, storeId)).toMatchObject({
      status: 'REVOKED',
      revokedReason: 'invalid_grant',
    });
    expect(storeRevoked(await auditRecords(ws), storeId)).toHaveLength(1);

    // Re-authorized; then an event older than the re-authorization, and the first one once more.
    const reconnected = await connectStore(emulators, ws, NA_SELLER, 'NA');
    expect(reconnected.authorizedAt > authorizedAt).toBe(true);
    await sendBody(
      emulators,
      ws.queues.queueUrl,
      revocationBody(storeId, 'invalid_grant', new Date(Date.parse(reconnected.authorizedAt) - 1)),
    );
    await sendBody(emulators, ws.queues.queueUrl, body);
    await drain(emulators, ws.queues, ws.worker.handler);

    const items = await storeItems(emulators, ws, storeId);
    expect(items['PROFILE']).toMatchObject({ status: 'ACTIVE', authorizedAt: reconnected.authorizedAt });
    expect(items['TOKEN#SPAPI']).toBeDefined();
    expect(storeRevoked(await auditRecords(ws), storeId)).toHaveLength(1);
    const outcomes = Object.entries(items)
      .filter(([sk]) => sk.startsWith('REVOCATION#'))
      .map(([, item]) => item['outcome'])
      .sort();
    expect(outcomes).toEqual(['ignored:already-revoked', 'ignored:authorized-after-event', 'revoked']);

    // Account status out of order: the newer NORMAL wins over an older DEACTIVATED delivered after it.
    const base = Date.now();
    await accountStatusNotification(ws, 'camel', 'NORMAL', new Date(base + 5000));
    await drain(emulators, ws.queues, ws.worker.handler);
    await accountStatusNotification(ws, 'pascal', 'DEACTIVATED', new Date(base + 1000));
    await drain(emulators, ws.queues, ws.worker.handler);
    expect(await profileOf(emulators, ws, storeId)).toMatchObject({
      status: 'ACTIVE',
      accountStatus: 'NORMAL',
    });
  });

  it('a poison message fails alone and reaches the DLQ after maxReceiveCount receives; the others are deleted', async () => {
    const ws = await createWorkspace(emulators, 'poison');
    await shortenVisibility(emulators, ws.queues.queueUrl);
    const { storeId } = await connectStore(emulators, ws, NA_SELLER, 'NA');
    const poison = '{"eventId": "not-a-uuid", "refresh_token": "Atzr|poison"}';
    await sendBody(emulators, ws.queues.queueUrl, revocationBody(storeId, 'disconnect'));
    await sendBody(emulators, ws.queues.queueUrl, poison);
    await sendBody(
      emulators,
      ws.queues.queueUrl,
      JSON.stringify({ NotificationType: 'ANY_OFFER_CHANGED', Payload: { AnyOfferChangedNotification: {} } }),
    );

    const first = await deliverOnce(emulators, ws.queues, ws.worker.handler);
    const poisonId = first.messages.find((message) => message.Body === poison)?.MessageId;

    expect(first.messages).toHaveLength(3);
    expect(first.response).toEqual({ batchItemFailures: [{ itemIdentifier: poisonId }] });
    expect(await profileOf(emulators, ws, storeId)).toMatchObject({ status: 'REVOKED' });

    // The poison comes back after each one-second visibility timeout until the redrive policy moves it.
    const receiveCounts: string[] = [
      first.event.Records.find((r) => r.messageId === poisonId)?.attributes.ApproximateReceiveCount ?? '',
    ];
    let deadLetters = await peek(emulators, ws.queues.deadLetterQueueUrl);
    for (let poll = 0; poll < 10 && deadLetters.length === 0; poll++) {
      const delivery = await deliverOnce(emulators, ws.queues, ws.worker.handler, 2);
      for (const record of delivery.event.Records)
        receiveCounts.push(record.attributes.ApproximateReceiveCount);
      expect(delivery.failedIds).toEqual(delivery.event.Records.map((record) => record.messageId));
      deadLetters = await peek(
        emulators,
        ws.queues.deadLetterQueueUrl,
        delivery.messages.length === 0 ? 1 : 0,
      );
    }

    expect(receiveCounts).toEqual(['1', '2', '3', '4', '5']);
    expect(deadLetters.map((message) => message.Body)).toEqual([poison]);
    expect(await peek(emulators, ws.queues.queueUrl, 1)).toEqual([]);
    expect(storeRevoked(await auditRecords(ws), storeId)).toHaveLength(1);
  });

  it('a crash after the first record’s transaction: redelivery completes the job, nothing is done twice', async () => {
    const ws = await createWorkspace(emulators, 'crash');
    await shortenVisibility(emulators, ws.queues.queueUrl);
    const first = await connectStore(emulators, ws, NA_SELLER, 'NA');
    const second = await connectStore(emulators, ws, NA_SELLER_2, 'NA');
    const realAudit = ws.dependencies.auditTrail(ws.env);
    let crashed = false;
    // The audit trail fails once, right after the first store's revocation transaction committed.
    const handler = ws.worker.makeHandler({
      ledger: ws.dependencies.revocationStore(ws.env),
      clock: ws.dependencies.systemClock,
      audit: {
        async write(record) {
          if (!crashed && record.kind === 'store-revoked' && record.storeId === first.storeId) {
            crashed = true;
            throw new Error('audit trail unreachable');
          }
          await realAudit.write(record);
        },
      },
    });
    await sendBody(emulators, ws.queues.queueUrl, revocationBody(first.storeId, 'disconnect'));
    await sendBody(emulators, ws.queues.queueUrl, revocationBody(second.storeId, 'disconnect'));

    const delivery = await deliverOnce(emulators, ws.queues, handler);
    const firstMessageId = delivery.event.Records.find((r) => r.body.includes(first.storeId))?.messageId;

    expect(crashed).toBe(true);
    expect(delivery.failedIds).toEqual([firstMessageId]);
    expect(await profileOf(emulators, ws, first.storeId)).toMatchObject({ status: 'REVOKED' });
    expect(storeRevoked(await auditRecords(ws), first.storeId)).toHaveLength(0);

    // Lambda retrying the very same batch (as after a crash of the whole invocation), then SQS redelivering.
    const replay = await handler(delivery.event, lambdaContext('RevocationWorker', 30_000));
    const redelivered = await drain(emulators, ws.queues, handler, 3);

    expect(replay).toEqual({ batchItemFailures: [] });
    expect(redelivered.flatMap((d) => d.failedIds)).toEqual([]);
    const records = await auditRecords(ws);
    for (const { storeId } of [first, second]) {
      const revoked = storeRevoked(records, storeId);
      expect(revoked).toHaveLength(1);
      expect(revoked[0]?.requestId).toBe(revoked[0]?.detail['eventId']);
      const items = await storeItems(emulators, ws, storeId);
      expect(items['TOKEN#SPAPI']).toBeUndefined();
      const events = Object.entries(items).filter(([sk]) => sk.startsWith('REVOCATION#'));
      expect(events).toHaveLength(1);
      expect(events[0]?.[1]).toMatchObject({ outcome: 'revoked', auditPending: false });
    }
  });
});
