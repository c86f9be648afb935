import { randomUUID } from 'node:crypto';
import type { StoreEventRecord } from '../audit/audit-record';
import type { AuditTrail, Clock } from '../ports';
import type { TokenPurpose } from '../storage/token-encryption-context';
import type { StoreStatus } from '../stores/store';
import { storeRevokedRecord } from './revocation-audit-records';
import type { PendingShred, RevocationLedger, RevocationSweepStore, SweepCandidate } from './ports';
import { REVOCATION_SOURCES, type RevocationSource } from './revocation-event';

/**
 * The revocation sweep: the safety net under crypto-shredding. A revocation deletes the token ciphertexts in the
 * same transaction that marks the store REVOKED, so a store that says REVOKED while a ciphertext still exists
 * means something was lost upstream (a profile restored from a backup, a write by hand, an older build that shred
 * in a second step). Every run looks at the stores, one bounded page at a time from where the last run stopped,
 * and completes each such store: its ciphertexts deleted on condition that the store is still REVOKED at the same
 * version (a re-authorization in between wins), its snapshots purged, and a `store-revoked` record written, as the
 * worker writes for a shred. How many it completed is a metric: anything above zero raises an alarm.
 *
 * Only REVOKED stores are shredded: SUSPENDED (Amazon deactivated the account) and REAUTH_REQUIRED keep their
 * token by design, and the Ads token goes with the SP-API one (a revocation deletes both).
 */
export const REVOCATION_SWEEP_DEFINITION = {
  /** How often EventBridge starts a run (AWS); locally the workspace runs it at start and every few minutes. */
  periodMinutes: 60,
  /** The function's timeout. */
  timeoutSeconds: 300,
  /** Kept back from the timeout: no page is read and no store started later. */
  stopMarginSeconds: 30,
  /** Items one Scan page evaluates (every item of the table counts, not only profiles). */
  pageSize: 500,
  /** Pages one run reads at most, so one run's read capacity stays bounded whatever the table's size. */
  maxPagesPerRun: 200,
} as const;

/** The statuses under which no token ciphertext may exist. */
export const SHREDDED_STATUSES: ReadonlySet<StoreStatus> = new Set<StoreStatus>(['REVOKED']);
export const SWEEP_ACTOR_ID = 'revocation-sweep';

export type SweepDecision =
  /** A shred this sweep applied earlier whose audit record (or snapshot purge) a crash left undone. */
  | { readonly apply: 'finish'; readonly pending: PendingShred }
  | { readonly apply: 'shred'; readonly tokens: readonly TokenPurpose[] }
  | { readonly apply: 'nothing'; readonly reason: 'not-revoked' | 'no-ciphertext' };

/** What the sweep does with one store as it is now. Pure: the adapter's conditional write re-checks it. */
export function decideSweep(store: SweepCandidate): SweepDecision {
  // An unfinished shred first: its record must be written whatever happened to the store since.
  if (store.pendingShred !== undefined) return { apply: 'finish', pending: store.pendingShred };
  if (!SHREDDED_STATUSES.has(store.status)) return { apply: 'nothing', reason: 'not-revoked' };
  if (store.tokens.length === 0) return { apply: 'nothing', reason: 'no-ciphertext' };
  return { apply: 'shred', tokens: [...store.tokens].sort() };
}

export interface RevocationSweepDependencies {
  readonly sweepStore: RevocationSweepStore;
  readonly ledger: Pick<RevocationLedger, 'purgeSnapshots'>;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  readonly newEventId?: () => string;
}

export interface RevocationSweepOptions {
  /** Epoch ms after which no page is read and no store started. */
  readonly deadlineMs: number;
  /** @default REVOCATION_SWEEP_DEFINITION.pageSize */
  readonly pageSize?: number;
  /** @default REVOCATION_SWEEP_DEFINITION.maxPagesPerRun */
  readonly maxPages?: number;
}

export interface RevocationSweepReport {
  /** Profiles the listing returned as candidates (REVOKED, or with an unfinished shred). */
  readonly candidates: number;
  /** Stores whose lost ciphertext this run deleted: non-zero means a shred was lost upstream. */
  readonly storesSwept: number;
  /** Unfinished shreds of an earlier run whose audit record this run wrote. */
  readonly auditsCompleted: number;
  /** Candidates re-authorized (or otherwise changed) before the write: left alone. */
  readonly leftAlone: number;
  /** Stores that failed (a write, the audit trail): the next run tries them again. */
  readonly errors: number;
  readonly pagesRead: number;
  /** True when the run reached the end of the table (the next one starts from the top). */
  readonly passComplete: boolean;
  readonly stoppedBy: 'time-budget' | 'page-budget' | undefined;
}

const ATTEMPTS = 3;

export async function runRevocationSweep(
  deps: RevocationSweepDependencies,
  options: RevocationSweepOptions,
): Promise<RevocationSweepReport> {
  const pageSize = options.pageSize ?? REVOCATION_SWEEP_DEFINITION.pageSize;
  const maxPages = options.maxPages ?? REVOCATION_SWEEP_DEFINITION.maxPagesPerRun;
  const tally = { candidates: 0, storesSwept: 0, auditsCompleted: 0, leftAlone: 0, errors: 0, pagesRead: 0 };
  let stoppedBy: RevocationSweepReport['stoppedBy'];
  let cursor: string | undefined;
  try {
    cursor = await deps.sweepStore.readSweepCursor();
  } catch {
    tally.errors += 1; // From the top, then: a store looked at twice is better than none.
  }
  let passComplete = false;

  for (;;) {
    if (deps.clock.now().getTime() >= options.deadlineMs) {
      stoppedBy = 'time-budget';
      break;
    }
    if (tally.pagesRead >= maxPages) {
      stoppedBy = 'page-budget';
      break;
    }
    const page = await deps.sweepStore.sweepCandidatePage({
      pageSize,
      ...(cursor === undefined ? {} : { cursor }),
    });
    tally.pagesRead += 1;
    for (const candidate of page.candidates) {
      tally.candidates += 1;
      // Counted as it happens: a store whose ciphertext went before its record failed still counts as swept.
      const outcome = { swept: false, auditsCompleted: 0, leftAlone: false };
      try {
        await sweepStore(deps, candidate, outcome);
      } catch {
        tally.errors += 1;
      }
      if (outcome.swept) tally.storesSwept += 1;
      tally.auditsCompleted += outcome.auditsCompleted;
      if (outcome.leftAlone) tally.leftAlone += 1;
    }
    cursor = page.next;
    if (cursor === undefined) {
      passComplete = true;
      break;
    }
  }

  try {
    await deps.sweepStore.saveSweepCursor(cursor, deps.clock.now());
  } catch {
    tally.errors += 1;
  }
  return { ...tally, passComplete, stoppedBy };
}

interface StoreOutcome {
  swept: boolean;
  auditsCompleted: number;
  leftAlone: boolean;
}

/** Decides and applies, reading the store again after a conflict, until nothing is left to do for it. */
async function sweepStore(
  deps: RevocationSweepDependencies,
  listed: SweepCandidate,
  outcome: StoreOutcome,
): Promise<void> {
  let store: SweepCandidate | undefined = listed;
  let conflicts = 0;
  for (let step = 0; step < ATTEMPTS * 2 && store !== undefined; step++) {
    const decision = decideSweep(store);
    if (decision.apply === 'nothing') break;
    if (decision.apply === 'finish') {
      await finishShred(deps, store, decision.pending);
      outcome.auditsCompleted += 1;
    } else {
      const now = deps.clock.now();
      const pending: PendingShred = {
        eventId: (deps.newEventId ?? randomUUID)(),
        shreddedAt: now.toISOString(),
        tokensDeleted: decision.tokens,
        revokedReason: store.revokedReason ?? 'unknown',
        ...(store.revokedAt === undefined ? {} : { revokedAt: store.revokedAt }),
      };
      const written = await deps.sweepStore.shredLostCiphertext({
        storeId: store.storeId,
        expectedUpdatedAt: store.updatedAt,
        pending,
      });
      if (written === 'applied') {
        outcome.swept = true;
        await finishShred(deps, store, pending);
      } else {
        conflicts += 1;
        if (conflicts >= ATTEMPTS) throw new Error('The store kept changing while it was swept');
      }
    }
    // Read again: after a conflict to decide on what is there now, after a write to see nothing is left.
    store = await deps.sweepStore.readSweepCandidate(listed.storeId);
  }
  outcome.leftAlone = conflicts > 0 && !outcome.swept;
}

/**
 * Completes an applied shred: snapshots purged while the store is still REVOKED (a store authorized again keeps
 * its new ones), then the audit record, then the mark cleared. A crash anywhere leaves the mark, and the next run
 * does this again; only a crash between the record and the clear writes the record twice, with the same id.
 */
async function finishShred(
  deps: RevocationSweepDependencies,
  store: SweepCandidate,
  pending: PendingShred,
): Promise<void> {
  const now = await deps.sweepStore.readSweepCandidate(store.storeId);
  const snapshotsPurged =
    now !== undefined && SHREDDED_STATUSES.has(now.status)
      ? await deps.ledger.purgeSnapshots(store.storeId)
      : 0;
  await deps.audit.write(sweptRecord(store, pending, snapshotsPurged));
  await deps.sweepStore.clearPendingShred(store.storeId, pending.eventId);
}

const isRevocationSource = (value: string): value is RevocationSource =>
  (REVOCATION_SOURCES as readonly string[]).includes(value);

/**
 * The worker's `store-revoked` record (same kind, fields and detail), with the sweep as the actor and what it
 * found. `requestId` and `detail.eventId` are the shred's own id, so a record written twice is recognised.
 */
export function sweptRecord(
  store: Pick<SweepCandidate, 'storeId' | 'sellingPartnerId' | 'region'>,
  pending: PendingShred,
  snapshotsPurged: number,
): StoreEventRecord {
  const record = storeRevokedRecord(
    {
      eventId: pending.eventId,
      storeId: store.storeId,
      action: 'revoke',
      outcome: 'revoked',
      at: pending.revokedAt ?? pending.shreddedAt,
      processedAt: pending.shreddedAt,
      auditPending: true,
    },
    {
      // Overwritten below when the store's reason is not one of ours; the actor is the sweep either way.
      source: isRevocationSource(pending.revokedReason) ? pending.revokedReason : 'health-check',
      previousStatus: 'REVOKED',
      sellingPartnerId: store.sellingPartnerId,
      region: store.region,
      snapshotsPurged,
    },
  );
  return {
    ...record,
    actor: { type: 'system', id: SWEEP_ACTOR_ID },
    detail: {
      ...record.detail,
      source: pending.revokedReason,
      completedBy: SWEEP_ACTOR_ID,
      ciphertextsFound: pending.tokensDeleted.join(','),
    },
  };
}
