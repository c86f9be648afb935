// The subscription rules with in-memory ports: what is called at Amazon, what is recorded, what is audited. The
// Notifications API adapter and the DynamoDB store run for real against the sandbox and DynamoDB Local in
// test/integration/notifications/account-status.test.ts.
import { LwaError, SpApiError } from '../../../shared/amazon/amazon-errors';
import type { AuditRecord } from '../../../shared/audit/audit-record';
import type {
  AccountStatusSubscriptionStore,
  NotificationsApi,
  StoreSubscriptionRecord,
} from '../../../shared/notifications/account-status-ports';
import { createAccountStatusSubscriptions } from '../../../shared/notifications/account-status-subscriptions';

const ARN = 'arn:aws:sqs:us-east-1:123456789012:mint-hub-revocation';
const STORE = { storeId: 'A2LUMENCRAFT7Q-NA', sellingPartnerId: 'A2LUMENCRAFT7Q', region: 'NA' as const };
const CONTEXT = {
  requestId: 'req-1',
  actor: { type: 'operator' as const, id: 'owner-1' },
  trigger: 'connect' as const,
};

class FakeApi implements NotificationsApi {
  readonly calls: string[] = [];
  readonly subscribedWith: object[] = [];
  destinations: Array<{ destinationId: string; sqsArn: string }> = [];
  subscription: { subscriptionId: string; destinationId: string; payloadVersion: string } | undefined;
  failNext: Partial<Record<string, Error>> = {};

  private fail(operation: string) {
    this.calls.push(operation);
    const error = this.failNext[operation];
    if (error !== undefined) {
      delete this.failNext[operation];
      throw error;
    }
  }
  async createDestination(args: { sqsArn: string }) {
    this.fail('createDestination');
    if (this.destinations.some((d) => d.sqsArn === args.sqsArn)) return { status: 'exists' as const };
    const destination = { destinationId: `dest-${this.destinations.length + 1}`, sqsArn: args.sqsArn };
    this.destinations.push(destination);
    return { status: 'created' as const, destinationId: destination.destinationId };
  }
  async getDestinations() {
    this.fail('getDestinations');
    return this.destinations;
  }
  async createSubscription(args: {
    destinationId: string;
    payloadVersion: string;
    notificationType: string;
  }) {
    this.fail('createSubscription');
    this.subscribedWith.push(args);
    if (this.subscription !== undefined) return { status: 'exists' as const };
    this.subscription = { subscriptionId: 'sub-1', destinationId: args.destinationId, payloadVersion: '1.0' };
    return { status: 'created' as const, subscription: this.subscription };
  }
  async getSubscription() {
    this.fail('getSubscription');
    return this.subscription;
  }
  async deleteSubscriptionById(args: { subscriptionId: string }) {
    this.fail('deleteSubscriptionById');
    if (this.subscription?.subscriptionId !== args.subscriptionId) return 'not-found' as const;
    this.subscription = undefined;
    return 'deleted' as const;
  }
}

class FakeStore implements AccountStatusSubscriptionStore {
  destination: { destinationId: string; sqsArn: string } | undefined;
  readonly records = new Map<string, StoreSubscriptionRecord>();
  readonly mappings = new Map<string, string>();
  async getDestination() {
    return this.destination;
  }
  async saveDestination(_region: string, destination: { destinationId: string; sqsArn: string }) {
    this.destination = destination;
  }
  async getStoreSubscription(storeId: string) {
    return this.records.get(storeId);
  }
  async saveSubscribed(args: { storeId: string; subscriptionId: string; destinationId: string; now: Date }) {
    this.records.set(args.storeId, {
      state: 'subscribed',
      subscriptionId: args.subscriptionId,
      destinationId: args.destinationId,
      subscribedAt: args.now.toISOString(),
    });
    this.mappings.set(args.subscriptionId, args.storeId);
  }
  async savePending(args: { storeId: string; failure: string; now: Date }) {
    const previous = this.records.get(args.storeId);
    if (previous?.state === 'subscribed') return;
    this.records.set(args.storeId, {
      state: 'pending',
      failure: args.failure,
      attempts: (previous?.state === 'pending' ? previous.attempts : 0) + 1,
      lastAttemptAt: args.now.toISOString(),
    });
  }
  async storeOfSubscription(subscriptionId: string) {
    return this.mappings.get(subscriptionId);
  }
  async saveDeleted(args: { storeId: string; subscriptionId: string; now: Date }) {
    this.records.set(args.storeId, {
      state: 'deleted',
      subscriptionId: args.subscriptionId,
      deletedAt: args.now.toISOString(),
    });
  }
}

function setup() {
  const api = new FakeApi();
  const store = new FakeStore();
  const audit: AuditRecord[] = [];
  const scopes: string[] = [];
  const lwa = {
    grantlessAccessToken: async (scope: string) => {
      scopes.push(scope);
      return 'Atza|grantless';
    },
  };
  const subscriptions = createAccountStatusSubscriptions({
    api,
    store,
    lwa,
    audit: { write: async (record) => void audit.push(record) },
    clock: { now: () => new Date('2026-12-03T10:00:00.000Z') },
    destinationArn: ARN,
  });
  return { api, store, audit, scopes, lwa, subscriptions };
}

const details = (audit: AuditRecord[]) =>
  audit.map((record) => ({
    kind: record.kind,
    outcome: record.outcome,
    ...(record as { detail: object }).detail,
  }));

describe('subscribing a store to ACCOUNT_STATUS_CHANGED', () => {
  it('creates the destination once (grantless), subscribes with the seller token, records the mapping, audits', async () => {
    const { api, store, audit, scopes, subscriptions } = setup();

    const outcome = await subscriptions.subscribe(STORE, 'Atza|seller', CONTEXT);

    expect(outcome).toEqual({ result: 'subscribed', subscriptionId: 'sub-1' });
    expect(api.calls).toEqual(['createDestination', 'createSubscription']);
    expect(scopes).toEqual(['sellingpartnerapi::notifications']);
    expect(api.subscribedWith).toEqual([
      {
        region: 'NA',
        accessToken: 'Atza|seller',
        notificationType: 'ACCOUNT_STATUS_CHANGED',
        payloadVersion: '1.0',
        destinationId: 'dest-1',
      },
    ]);
    expect(store.destination).toEqual({ destinationId: 'dest-1', sqsArn: ARN });
    expect(store.mappings.get('sub-1')).toBe(STORE.storeId);
    expect(details(audit)).toEqual([
      expect.objectContaining({
        kind: 'account-status-subscription',
        outcome: 'allowed',
        action: 'subscribed',
        subscriptionId: 'sub-1',
        trigger: 'connect',
      }),
    ]);
  });

  it('reuses the existing subscription on a 409 (a second connect), and the stored destination', async () => {
    const { api, subscriptions } = setup();
    await subscriptions.subscribe(STORE, 'Atza|seller', CONTEXT);
    api.calls.length = 0;

    const again = await subscriptions.subscribe(STORE, 'Atza|seller', {
      ...CONTEXT,
      trigger: 'reauthorization',
    });

    expect(again).toEqual({ result: 'reused', subscriptionId: 'sub-1' });
    expect(api.calls).toEqual(['createSubscription', 'getSubscription']);
    expect(api.destinations).toHaveLength(1);
  });

  it('finds a destination another environment created (409 on createDestination)', async () => {
    const { api, store, subscriptions } = setup();
    api.destinations.push({ destinationId: 'dest-existing', sqsArn: ARN });

    await subscriptions.subscribe(STORE, 'Atza|seller', CONTEXT);

    expect(api.calls).toEqual(['createDestination', 'getDestinations', 'createSubscription']);
    expect(store.destination?.destinationId).toBe('dest-existing');
  });

  it.each([
    ['throttled', new SpApiError('throttled', 429, 'createSubscription'), 'spapi:throttled'],
    ['unavailable', new SpApiError('unavailable', 503, 'createSubscription'), 'spapi:unavailable'],
  ])(
    'records a %s Amazon as pending, audits it, never throws and never retries',
    async (_n, error, failure) => {
      const { api, store, audit, subscriptions } = setup();
      api.failNext['createSubscription'] = error;

      const outcome = await subscriptions.subscribe(STORE, 'Atza|seller', CONTEXT);

      expect(outcome).toEqual({ result: 'pending', failure });
      expect(api.calls.filter((call) => call === 'createSubscription')).toHaveLength(1);
      expect(store.records.get(STORE.storeId)).toMatchObject({ state: 'pending', failure, attempts: 1 });
      expect(store.mappings.size).toBe(0);
      expect(details(audit)).toEqual([
        expect.objectContaining({ outcome: 'error', action: 'failed', failure, retryRecorded: true }),
      ]);
    },
  );

  it('records an LWA failure of the grantless token as pending too', async () => {
    const { store, lwa, subscriptions } = setup();
    lwa.grantlessAccessToken = async () => {
      throw new LwaError('unavailable', 503);
    };

    const outcome = await subscriptions.subscribe(STORE, 'Atza|seller', CONTEXT);

    expect(outcome).toEqual({ result: 'pending', failure: 'lwa:unavailable' });
    expect(store.records.get(STORE.storeId)?.state).toBe('pending');
  });

  it('the health check subscribes a pending store, and leaves a subscribed one alone', async () => {
    const { api, store, subscriptions } = setup();
    api.failNext['createSubscription'] = new SpApiError('throttled', 429, 'createSubscription');
    await subscriptions.subscribe(STORE, 'Atza|seller', CONTEXT);

    const retried = await subscriptions.ensureSubscribed(STORE, 'Atza|fresh', {
      ...CONTEXT,
      trigger: 'health-check',
    });
    api.calls.length = 0;
    const later = await subscriptions.ensureSubscribed(STORE, 'Atza|fresh', {
      ...CONTEXT,
      trigger: 'health-check',
    });

    expect(retried).toEqual({ result: 'subscribed', subscriptionId: 'sub-1' });
    expect(store.records.get(STORE.storeId)?.state).toBe('subscribed');
    expect(later).toEqual({ result: 'already-subscribed', subscriptionId: 'sub-1' });
    expect(api.calls).toEqual([]);
  });
});

describe('unsubscribing a revoked store', () => {
  it('deletes the subscription by id (grantless), records it, audits', async () => {
    const { api, store, audit, subscriptions } = setup();
    await subscriptions.subscribe(STORE, 'Atza|seller', CONTEXT);
    audit.length = 0;

    const outcome = await subscriptions.unsubscribe(STORE, {
      requestId: 'evt-1',
      actor: { type: 'system', id: 'w' },
    });

    expect(outcome).toEqual({ result: 'deleted', subscriptionId: 'sub-1' });
    expect(api.subscription).toBeUndefined();
    expect(store.records.get(STORE.storeId)).toMatchObject({ state: 'deleted', subscriptionId: 'sub-1' });
    expect(details(audit)).toEqual([expect.objectContaining({ outcome: 'allowed', action: 'deleted' })]);
  });

  it('does nothing for a store without a subscription', async () => {
    const { api, subscriptions } = setup();

    const outcome = await subscriptions.unsubscribe(STORE, {
      requestId: 'evt-1',
      actor: { type: 'system', id: 'w' },
    });

    expect(outcome).toEqual({ result: 'no-subscription' });
    expect(api.calls).toEqual([]);
  });

  it('is best effort: an Amazon failure is audited and swallowed, the record stays subscribed', async () => {
    const { api, store, audit, subscriptions } = setup();
    await subscriptions.subscribe(STORE, 'Atza|seller', CONTEXT);
    api.failNext['deleteSubscriptionById'] = new SpApiError('unavailable', 500, 'deleteSubscriptionById');

    const outcome = await subscriptions.unsubscribe(STORE, {
      requestId: 'evt-1',
      actor: { type: 'system', id: 'w' },
    });

    expect(outcome).toEqual({ result: 'failed', failure: 'spapi:unavailable' });
    expect(store.records.get(STORE.storeId)?.state).toBe('subscribed');
    expect(details(audit).at(-1)).toMatchObject({
      outcome: 'error',
      action: 'delete-failed',
      subscriptionId: 'sub-1',
    });
  });
});
