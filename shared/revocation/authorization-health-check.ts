import { randomUUID } from 'node:crypto';
import { LwaError } from '../amazon/amazon-errors';
import type { StoreEventRecord } from '../audit/audit-record';
import type { AuditTrail, Clock, LwaClient, RevocationQueue, StoreRepository, TokenCipher } from '../ports';
import { readRefreshToken } from '../authorization/refresh-token';
import { reauthorizationOf } from '../stores/reauthorization';
import type { AccountStatusSubscriber } from '../notifications/account-status-subscriptions';
import { UNCONFINED, type StoreScope } from '../store-access/store-scope';
import type { HealthCheckResultStore } from './health-check-results';
import type { ActiveStore, ActiveStoreDirectory } from './ports';

/**
 * The daily authorization health check: for each ACTIVE store, one refresh-grant exchange (one KMS Decrypt, one LWA
 * refresh; the access token is discarded, no SP-API call), audited as `authorization-check`. `invalid_grant` queues
 * a revocation (source `health-check`); a store past its reauthorizeBy becomes REAUTH_REQUIRED. A store within 30
 * days of it is only reported: GET /api/stores derives `reauthorizationDue` from reauthorizeBy on every read, so a
 * stored flag would be a second truth that goes stale the moment the seller re-authorizes.
 *
 * Scale: the active stores come from a filtered Scan of the table, fine for a daily job up to some thousands of
 * stores. Checks run with bounded concurrency within a time budget; whatever is left is reported, not lost: the
 * run keeps a cursor (the last store it checked) and the next day's run starts right after it, wrapping around
 * to the top, so every store is checked in turn however many there are. A fetch meets `invalid_grant` anyway.
 */
export interface HealthCheckDependencies {
  readonly directory: ActiveStoreDirectory;
  readonly stores: Pick<StoreRepository, 'getTokenCiphertext'>;
  readonly cipher: TokenCipher;
  readonly lwa: LwaClient;
  readonly revocations: RevocationQueue;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  readonly newEventId?: () => string;
  /**
   * With a valid authorization, subscribes a store that has no ACCOUNT_STATUS_CHANGED subscription recorded (one
   * that failed at connect, or connected before subscriptions existed), with the access token just minted. Never
   * throws; the subscriber audits its own outcome.
   */
  readonly accountStatus?: Pick<AccountStatusSubscriber, 'ensureSubscribed'>;
  /** Keeps each store's last result for the admin screens (shared/revocation/health-check-results.ts). */
  readonly results?: Pick<HealthCheckResultStore, 'saveHealthCheckResult'>;
  /**
   * The store scopes of this environment (shared/store-access/store-scope.ts). The listing and the run's cursor
   * read every store with the function's role; each store's check (its token's Decrypt, the LWA refresh, its
   * writes) runs on that store's own `SPAPI` session. Unconfined when absent (the domain's own tests).
   */
  readonly scope?: StoreScope;
}

export interface HealthCheckOptions {
  /** Epoch ms after which no check starts (and no further page is listed). */
  readonly deadlineMs: number;
  /** The invocation's request id, carried by every audit record of the run. */
  readonly requestId: string;
  /** Checks in flight at once. @default 5 */
  readonly concurrency?: number;
  /** Items a Scan page evaluates. @default 500 */
  readonly pageSize?: number;
}

export type CheckResult =
  | 'valid'
  | 'invalid_grant'
  | 'token-missing'
  | 'invalid_client'
  | 'invalid_request'
  | 'throttled'
  | 'unavailable'
  | 'error';

export interface HealthCheckReport {
  /** Active stores listed (all of them unless `listingComplete` is false). */
  readonly stores: number;
  readonly listingComplete: boolean;
  readonly checked: number;
  readonly valid: number;
  readonly revocationsQueued: number;
  readonly reauthorizationRequired: number;
  readonly reauthorizationDue: number;
  /**
   * Checks that could not tell (Amazon or KMS unavailable, token missing, a queue or audit write failed), plus one
   * when the cursor could not be read or saved.
   */
  readonly errors: number;
  /** Listed stores not checked because the run stopped early (the next run starts with them). */
  readonly left: number;
  readonly stoppedBy: 'time-budget' | 'lwa-client-rejected' | undefined;
}

export const HEALTH_CHECK_ACTOR_ID = 'authorization-health-check';

export async function runAuthorizationHealthCheck(
  deps: HealthCheckDependencies,
  options: HealthCheckOptions,
): Promise<HealthCheckReport> {
  const nowMs = () => deps.clock.now().getTime();
  const pageSize = options.pageSize ?? 500;
  // Where the last run stopped: this one starts right after it and wraps around, so a store past one day's time
  // budget is the first checked the next day instead of being skipped every day.
  let resumeAfter: string | undefined;
  let cursorFailed = false;
  try {
    resumeAfter = await deps.directory.readHealthCheckCursor();
  } catch {
    cursorFailed = true; // From the top, then: a store checked twice is better than none.
  }
  const stores: ActiveStore[] = [];
  const listed = new Set<string>();
  let listingComplete = true;
  listing: for (const startAfter of resumeAfter === undefined ? [undefined] : [resumeAfter, undefined]) {
    for await (const page of deps.directory.activeStorePages(pageSize, startAfter)) {
      for (const store of page) {
        // The wrapped pass from the top ends where the first pass began.
        if (listed.has(store.storeId)) break listing;
        listed.add(store.storeId);
        stores.push(store);
      }
      if (nowMs() >= options.deadlineMs) {
        listingComplete = false;
        break listing;
      }
    }
  }

  const tally = {
    checked: 0,
    valid: 0,
    revocationsQueued: 0,
    reauthorizationRequired: 0,
    reauthorizationDue: 0,
    errors: 0,
  };
  let stoppedBy: HealthCheckReport['stoppedBy'] = listingComplete ? undefined : 'time-budget';
  let next = 0;

  const worker = async () => {
    for (;;) {
      if (stoppedBy === 'lwa-client-rejected') return;
      if (nowMs() >= options.deadlineMs) {
        stoppedBy ??= 'time-budget';
        return;
      }
      const store = stores[next++];
      if (store === undefined) return;
      const outcome = await (deps.scope ?? UNCONFINED).run({ storeId: store.storeId, purpose: 'SPAPI' }, () =>
        checkStore(deps, store, options.requestId),
      );
      tally.checked += 1;
      if (outcome.result === 'valid') tally.valid += 1;
      if (outcome.revocationQueued) tally.revocationsQueued += 1;
      if (outcome.reauthorizationRequired) tally.reauthorizationRequired += 1;
      else if (outcome.reauthorizationDue) tally.reauthorizationDue += 1;
      if (outcome.failed) tally.errors += 1;
      // Our client credentials were refused: every other store would fail alike, and the secret needs a person.
      if (outcome.result === 'invalid_client') stoppedBy = 'lwa-client-rejected';
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 5) }, worker));

  // Stores are taken in listing order and every one taken is finished, so the checked ones are a prefix. A run our
  // client credentials spoiled checked nothing that counts: the next one starts where this one did.
  const lastChecked = stores[Math.min(next, stores.length) - 1];
  // (Read back through the report type: TypeScript narrows the `let` to its last assignment before the awaits.)
  const spoiled = (stoppedBy as HealthCheckReport['stoppedBy']) === 'lwa-client-rejected';
  if (lastChecked !== undefined && !spoiled) {
    try {
      await deps.directory.saveHealthCheckCursor(lastChecked.storeId, deps.clock.now());
    } catch {
      cursorFailed = true;
    }
  }

  return {
    stores: stores.length,
    listingComplete,
    ...tally,
    errors: tally.errors + (cursorFailed ? 1 : 0),
    left: Math.max(0, stores.length - next),
    stoppedBy,
  };
}

interface StoreCheckOutcome {
  readonly result: CheckResult;
  readonly revocationQueued: boolean;
  readonly reauthorizationRequired: boolean;
  readonly reauthorizationDue: boolean;
  readonly failed: boolean;
}

async function checkStore(
  deps: HealthCheckDependencies,
  store: ActiveStore,
  requestId: string,
): Promise<StoreCheckOutcome> {
  // Taken before the token is read: the worker never revokes a store authorized after this time.
  const startedAt = deps.clock.now();
  let result: CheckResult;
  try {
    const refreshToken = await readRefreshToken(deps, store);
    if (refreshToken === undefined) {
      result = 'token-missing';
    } else {
      // The access token is not kept: it proves the authorization still works, and at most subscribes the store.
      const { accessToken } = await deps.lwa.refreshAccessToken(refreshToken);
      result = 'valid';
      await deps.accountStatus
        ?.ensureSubscribed(store, accessToken, {
          requestId,
          actor: { type: 'system', id: HEALTH_CHECK_ACTOR_ID },
          trigger: 'health-check',
        })
        .catch(() => undefined);
    }
  } catch (error) {
    result = error instanceof LwaError ? error.kind : 'error';
  }

  let failed = result !== 'valid' && result !== 'invalid_grant';
  let revocationEventId: string | undefined;
  if (result === 'invalid_grant') {
    const eventId = (deps.newEventId ?? randomUUID)();
    try {
      await deps.revocations.send({
        eventId,
        storeId: store.storeId,
        source: 'health-check',
        at: startedAt.toISOString(),
      });
      revocationEventId = eventId;
    } catch {
      // Not lost for long: tomorrow's check, or the next fetch, meets invalid_grant again.
      failed = true;
    }
  }

  const now = deps.clock.now();
  // The stores checked are ACTIVE: the one rule of GET /api/stores.
  const { reauthorizeInDays, reauthorizationDue } = reauthorizationOf({ status: 'ACTIVE', ...store }, now);
  let reauthorizationRequired = false;
  if (result === 'valid' && Date.parse(store.reauthorizeBy) <= now.getTime()) {
    try {
      reauthorizationRequired = await deps.directory.markReauthorizationRequired(
        store.storeId,
        store.reauthorizeBy,
        now,
      );
    } catch {
      failed = true;
    }
  }

  const record: StoreEventRecord = {
    kind: 'authorization-check',
    at: now.toISOString(),
    actor: { type: 'system', id: HEALTH_CHECK_ACTOR_ID },
    storeId: store.storeId,
    sellingPartnerId: store.sellingPartnerId,
    region: store.region,
    outcome: result === 'valid' ? 'allowed' : result === 'invalid_grant' ? 'denied' : 'error',
    requestId,
    detail: {
      result,
      reauthorizeInDays,
      reauthorizationDue,
      ...(reauthorizationRequired ? { reauthorizationRequired: true } : {}),
      ...(result === 'invalid_grant' ? { revocationQueued: revocationEventId !== undefined } : {}),
      ...(revocationEventId === undefined ? {} : { revocationEventId }),
    },
  };
  try {
    await deps.audit.write(record);
  } catch {
    failed = true;
  }
  try {
    await deps.results?.saveHealthCheckResult({
      storeId: store.storeId,
      result,
      checkedAt: record.at,
      reauthorizeInDays,
      requestId,
    });
  } catch {
    failed = true;
  }

  return {
    result,
    revocationQueued: revocationEventId !== undefined,
    reauthorizationRequired,
    reauthorizationDue,
    failed,
  };
}
