import * as os from 'node:os';
import { storeRepository, storeDataService } from '../shared/runtime/dependencies';
import { scopedStoreRepository, storeScope } from '../shared/runtime/store-sessions';
import { STORE_SESSION_SECONDS } from '../shared/store-access/store-access-policy';
import type { StoreProfile } from '../shared/stores/store';
import { RATE_SCALE, STORE_SESSIONS } from './config';
import { countAwsCalls, difference } from './support/aws-call-counter';
import { progress, row, runFigureProcess, type FigureResult } from './support/figure';
import { BENCH_OPERATOR, connectStore, environmentFor, startLocalAws } from './support/local-aws';
import { newSandboxApp, startSandboxHost } from './support/sandbox-host';
import { percentile, round } from './support/statistics';

/**
 * Figure 10 — store sessions (issue 17). What the store-access session adds to a view: on a store's first scoped
 * request in an execution environment (one STS AssumeRole and a new DynamoDB client with its first connection), and
 * on every later one (the session kept; the SDK refreshes it before it expires). Measured with the same builders the
 * data functions use (shared/runtime/store-sessions.ts), against the local STS stand-in and the IAM-enforcing
 * proxy, on a small item read of each store: scoped the first time, scoped again, and with the function's own
 * client. A whole warm inventory view from its snapshot, scoped as the handler runs it, is timed beside them.
 */

const time = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

async function measure(): Promise<FigureResult> {
  const aws = await startLocalAws();
  const app = newSandboxApp('store-sessions');
  const host = await startSandboxHost({ sandboxes: [{ apps: [app], rateScale: RATE_SCALE }] });
  try {
    const sandbox = host.sandboxes[0];
    if (sandbox === undefined) throw new Error('no sandbox');
    const tableName = 'bench-store-sessions';
    await aws.createTable(tableName);
    const env = environmentFor({ aws, tableName, sandbox, app });
    const sellers = (await sandbox.sellers()).slice(0, STORE_SESSIONS.stores);
    const stores: StoreProfile[] = [];
    for (const seller of sellers) stores.push(await connectStore(env, sandbox, app, seller));
    progress('store-sessions', `${stores.length} stores`);

    const counter = countAwsCalls();
    const before = counter.snapshot();
    const scope = storeScope(env);
    const scoped = scopedStoreRepository(env);
    const own = storeRepository(env);
    // The function's own client warmed first, so its connection is not what the cold scoped read pays for.
    await own.getRestockSettings(stores[0]?.storeId ?? '');
    const cold: number[] = [];
    const warm: number[] = [];
    const unscoped: number[] = [];
    for (const store of stores) {
      const grant = { storeId: store.storeId, purpose: 'SPAPI' as const };
      cold.push(await time(() => scope.run(grant, () => scoped.getRestockSettings(store.storeId))));
      for (let repeat = 0; repeat < STORE_SESSIONS.repeats; repeat++) {
        warm.push(await time(() => scope.run(grant, () => scoped.getRestockSettings(store.storeId))));
        unscoped.push(await time(() => own.getRestockSettings(store.storeId)));
      }
    }
    const calls = difference(before, counter.snapshot()).calls;
    const assumeRoles = calls['sts:AssumeRole'] ?? 0;

    // A whole view as the handler serves it: the first in this environment fills the snapshot, then warm ones.
    const service = storeDataService(env);
    const store = stores[0] as StoreProfile;
    const view = () =>
      service.inventory(BENCH_OPERATOR, {
        storeId: store.storeId,
        marketplaceId: store.marketplaceIds[0] ?? '',
        reason: 'inventory-replenishment',
        requestId: 'bench',
        deadlineMs: Date.now() + 25_000,
      });
    await view();
    const views: number[] = [];
    for (let repeat = 0; repeat < STORE_SESSIONS.viewRepeats; repeat++) views.push(await time(view));

    const p50 = (values: number[]) => round(percentile(values, 50) ?? 0, 2);
    const coldAdds = round((percentile(cold, 50) ?? 0) - (percentile(warm, 50) ?? 0), 2);
    const warmAdds = round((percentile(warm, 50) ?? 0) - (percentile(unscoped, 50) ?? 0), 2);
    // The SDK takes new credentials 5 minutes before a session's end: a store active all hour assumes the role
    // every 10 minutes in each environment it is served from.
    const refreshMinutes = STORE_SESSION_SECONDS / 60 - 5;
    return {
      id: 'store-sessions',
      title: 'Store sessions — what the store-access session adds to a view (issue 17)',
      rows: [
        row({
          name: 'store session, first scoped request of a store in an environment: added (p50)',
          value: coldAdds,
          unit: 'ms',
          note: `one AssumeRole to the local STS stand-in + a new DynamoDB client; in AWS, a regional STS call (tens of ms) instead`,
        }),
        row({
          name: 'store session, warm: added to a read (p50, scoped − own client)',
          value: warmAdds,
          unit: 'ms',
          note: 'locally includes the proxy checking the session signature and policy; in AWS, IAM evaluates every call either way',
        }),
        row({ name: 'scoped read, warm (p50)', value: p50(warm), unit: 'ms' }),
        row({ name: "the function's own read, warm (p50)", value: p50(unscoped), unit: 'ms' }),
        row({ name: 'inventory view from its snapshot, scoped, warm (p50)', value: p50(views), unit: 'ms' }),
        row({
          name: 'AssumeRole calls per store and purpose on first use (measured)',
          value: stores.length === 0 ? null : round(assumeRoles / stores.length, 2),
          unit: 'calls',
        }),
        row({
          name: 'AssumeRole calls per active store-hour and environment (at most)',
          value: round(60 / refreshMinutes, 1),
          unit: 'calls',
          note: `sessions of ${STORE_SESSION_SECONDS / 60} min, refreshed ${refreshMinutes} min in; STS is free`,
        }),
      ],
      notes: [
        `${stores.length} stores, ${STORE_SESSIONS.repeats} warm reads each (a restock-settings GetItem), on this machine (load ${round(os.loadavg()[0] ?? 0, 2)}), DynamoDB Local and the STS stand-in on loopback. Cold − warm is the session's first-use cost; warm scoped − the function's own client is what a kept session adds.`,
      ],
      details: { cold, warm, unscoped, views, calls },
    };
  } finally {
    await host.stop();
    await aws.stop();
  }
}

if (require.main === module) runFigureProcess(measure);
