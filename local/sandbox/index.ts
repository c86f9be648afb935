import { AppRegistry } from './apps';
import { AuthorizationLedger } from './authorizations';
import { SandboxClock } from './clock';
import type { SandboxContext } from './context';
import { CallCounterBook } from './counters';
import { DEFAULT_SEED, SeedData } from './data/seed-data';
import { publicSellerView, sellerKey } from './data/sellers';
import { FaultInjector } from './faults';
import { OneTimeCodes } from './one-time-codes';
import { UsagePlanLimiter } from './rate-limiter';
import { attachAdsSandbox } from './ads/ads-sandbox';
import { ADS_TOKEN_PATH } from './ads/ads-sandbox-config';
import { closeServer, createSandboxServer, listen } from './server';
import {
  ClientSecretBook,
  clientSecretExpiryNotification,
  rotateClientSecret,
} from './spapi/application-management';
import { NotificationHub } from './spapi/notification-hub';
import { PageTokenStore } from './spapi/page-tokens';
import type { AmazonSandbox, SandboxOptions } from './types';

export type {
  AmazonSandbox,
  CallCounters,
  Faults,
  LwaGrantCounters,
  OperationFault,
  OperationFaultKind,
  SandboxAccountStatus,
  SandboxApp,
  SandboxCounters,
  SandboxNotifications,
  SandboxOptions,
  SandboxRegion,
  SandboxSeller,
} from './types';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Starts a local Amazon sandbox: Seller Central consent (website and Appstore flows), Manage Your Apps, the
 * LWA token endpoint and the SP-API operations Mint Hub uses, over seeded demo sellers. Test and demo tool
 * only: nothing outside local/ and test/ may import it.
 */
export async function startAmazonSandbox(options: SandboxOptions): Promise<AmazonSandbox> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(host))
    throw new Error(`The Amazon sandbox only listens on loopback, not on ${host}`);
  const rateScale = options.rateScale ?? 1;
  if (!Number.isFinite(rateScale) || rateScale <= 0) throw new Error('rateScale must be a positive number');
  const startTime = options.startTime ?? new Date();
  if (Number.isNaN(startTime.getTime())) throw new Error('startTime must be a valid date');

  const clock = new SandboxClock(startTime);
  const data = new SeedData(options.seed ?? DEFAULT_SEED, startTime);
  const context: SandboxContext = {
    baseUrl: '',
    clock,
    apps: new AppRegistry(options.apps),
    ledger: new AuthorizationLedger(clock, options.stateFile),
    codes: new OneTimeCodes(clock),
    data,
    counters: new CallCounterBook(
      data.sellers.map((seller) => sellerKey(seller.sellingPartnerId, seller.region)),
    ),
    faults: new FaultInjector(),
    limiter: new UsagePlanLimiter(rateScale, options.usagePlanClock),
    pageTokens: new PageTokenStore(clock),
    clientSecrets: new ClientSecretBook(options.apps, () => clock.nowMs()),
    notifications: new NotificationHub(),
  };
  const appOf = (applicationId: string | undefined) => {
    const app = applicationId === undefined ? options.apps[0] : context.apps.find(applicationId);
    if (app === undefined) throw new Error(`No sandbox app ${applicationId ?? ''}`);
    return app;
  };

  const ads = attachAdsSandbox(context, clock, options.adsApps ?? [], () => context.baseUrl);
  const server = createSandboxServer(context);
  const address = await listen(server, host, options.port ?? 0);
  const hostInUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostInUrl}:${address.port}`;
  context.baseUrl = url;

  let closing: Promise<void> | undefined;
  return {
    url,
    endpoints: {
      sellerCentral: url,
      lwaToken: `${url}/auth/o2/token`,
      spapi: { NA: `${url}/spapi/na`, EU: `${url}/spapi/eu`, FE: `${url}/spapi/fe` },
      ads: {
        consent: url,
        token: `${url}${ADS_TOKEN_PATH}`,
        api: { NA: `${url}/ads-api/na`, EU: `${url}/ads-api/eu`, FE: `${url}/ads-api/fe` },
      },
    },
    ads,
    clock: { now: () => clock.now(), advance: (ms) => clock.advance(ms) },
    faults: { set: (faults) => context.faults.set(faults), clear: () => context.faults.clear() },
    counters: () => context.counters.snapshot(),
    resetCounters: () => context.counters.reset(),
    revoke: (sellingPartnerId, region, applicationId) => {
      context.ledger.revoke(sellingPartnerId, region, applicationId);
    },
    notifications: {
      useSqsEndpoint: (endpoint) => context.notifications.useSqsEndpoint(endpoint),
      registerApplicationQueue: (queueArn, applicationId) =>
        context.notifications.registerApplicationQueue(appOf(applicationId).applicationId, queueArn),
      changeAccountStatus: (sellingPartnerId, region, status) =>
        context.notifications.changeAccountStatus(sellingPartnerId, region, status, clock.now()),
      sendClientSecretExpiry: async (applicationId) => {
        const app = appOf(applicationId);
        const queueArn = context.notifications.applicationQueueOf(app.applicationId);
        const expiresAtMs = context.clientSecrets.currentExpiry(app.applicationId);
        if (queueArn === undefined || expiresAtMs === undefined)
          throw new Error('The app has no registered application queue');
        await context.notifications.deliver(
          queueArn,
          clientSecretExpiryNotification(app, expiresAtMs, clock.now()),
        );
      },
      rotateClientSecret: (applicationId) => rotateClientSecret(context, appOf(applicationId)),
      delivered: () => [...context.notifications.delivered],
      subscriptions: (notificationType) =>
        context.notifications.subscriptionsOf(notificationType).map((subscription) => ({
          subscriptionId: subscription.subscriptionId,
          applicationId: subscription.grant.applicationId,
          sellingPartnerId: subscription.grant.sellingPartnerId,
          region: subscription.grant.region,
          destinationId: subscription.destinationId,
        })),
    },
    sellers: data.sellers.map(publicSellerView),
    close: () => {
      context.notifications.close();
      // Held (hanging) answers go out first, so no timer outlives the sandbox.
      context.faults.release();
      return (closing ??= closeServer(server));
    },
  };
}
