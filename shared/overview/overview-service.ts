import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { OverviewInventoryLine, OverviewResponse } from '../api/overview-contract';
import type { Caller } from '../auth/caller';
import { DomainError } from '../errors';
import type { AuditTrail, Clock, SnapshotKey, StoreBatchReader, StoreRepository } from '../ports';
import { snapshotKeyOf } from '../ports';
import { metrics } from '../observability/powertools';
import { AUDIT_WRITE_FAILED_METRIC } from '../store-data/audited-read';
import { accessRecord, parseReason, type DataRequest } from '../store-data/store-access';
import { ageSeconds } from '../store-data/snapshot-freshness';
import { SALES_VELOCITY_DATASET } from '../store-data/sales-api-velocity-sync';
import { MILLISECONDS_PER_HOUR } from '../time';
import { calendarDate } from '../summaries/calendar-days';
import { marketplaceTimeZone } from '../summaries/marketplace-time-zones';
import type { StoredRestockSettings } from '../summaries/restock-settings';
import {
  buildOverview,
  inventoryLine,
  openOrdersListing,
  ordersLineFromListing,
  storeFromLines,
  type OpenOrdersListing,
} from './overview-counts';

/** The reason audited when the caller names none: the overview is first a fulfilment monitor. */
export const OVERVIEW_DEFAULT_REASON = 'order-fulfillment-monitoring';
/** The audit record's operation for an overview read. */
export const OVERVIEW_OPERATION = 'getOverview';
/** Audit records written side by side at most. */
const AUDIT_CONCURRENCY = 8;

export interface OverviewDependencies {
  readonly stores: Pick<StoreRepository, 'listStoresOfUser'>;
  readonly batch: StoreBatchReader;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  readonly datasets: { readonly inventory: boolean; readonly orders: boolean };
  /** Lines kept between requests of one execution environment; without it every request computes them. */
  readonly cache?: OverviewLineCache;
}

/** What a marketplace's stored snapshots give, kept while they are unchanged (and the day has not turned). */
interface CachedLines {
  readonly inventory: OverviewInventoryLine | null;
  readonly listing: OpenOrdersListing | undefined;
}

/**
 * Planning every SKU of 150 marketplaces is the overview's main cost (the same restock planner as the inventory
 * view). The plan of a marketplace only changes when its snapshots, the store's settings or the marketplace's day
 * change, so it is kept under exactly those, per execution environment, with the oldest entries dropped first.
 * Late and due counts are taken from the kept listing at each request's clock.
 */
export class OverviewLineCache {
  private readonly entries = new Map<string, CachedLines>();
  constructor(private readonly maxEntries = 1000) {}

  get(key: string): CachedLines | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: CachedLines): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

const linesKey = (
  storeId: string,
  marketplaceId: string,
  inventoryAt: string | undefined,
  ordersAt: string | undefined,
  salesVelocityAt: string | undefined,
  settingsVersion: number,
  now: Date,
) =>
  [
    storeId,
    marketplaceId,
    inventoryAt ?? '-',
    ordersAt ?? '-',
    // A Sales API checkpoint's entries age out within the day (SALES_API_ENTRY_MAX_AGE_MS): kept an hour at most.
    salesVelocityAt === undefined
      ? '-'
      : `${salesVelocityAt}@${Math.floor(now.getTime() / MILLISECONDS_PER_HOUR)}`,
    settingsVersion,
    calendarDate(now.getTime(), marketplaceTimeZone(marketplaceId)),
  ].join('|');

/**
 * `GET /api/overview`: the caller's stores (membership decides, as on every route: an admin who is not a member
 * sees none of a store's data), each ACTIVE store's marketplaces counted from the stored snapshots only. No token
 * is used and Amazon is never asked: a marketplace with nothing stored says "not loaded".
 *
 * Audited like any data read, before the data leaves: one `data-access` record per store whose data is read
 * (dataset `orders`, operation `getOverview`, source `snapshot`, `marketplaceId` null: several were read). A
 * lost store's data is not read, so it gets no record (and does not trip the revoked-store alarm). If a record
 * cannot be written, no data leaves.
 *
 * Reads, for any number of stores: the user's stores (index), their memberships, their restock settings and
 * when each snapshot was stored (batches, consistent); then only the snapshots whose lines are not kept already.
 */
export async function readOverview(
  deps: OverviewDependencies,
  caller: Caller,
  args: { readonly reason: string | undefined; readonly requestId: string },
): Promise<OverviewResponse> {
  // The contract's route is `GET /api/overview` with no parameters: its purpose is the reason (what ships late,
  // what to restock). A reason given must still be one of the list.
  const reason = parseReason(args.reason ?? OVERVIEW_DEFAULT_REASON);
  const cache = deps.cache ?? new OverviewLineCache();
  const listed = await deps.stores.listStoresOfUser(caller.userId);
  // The user-stores index is eventually consistent: membership is confirmed by a strongly consistent read.
  const roles = await deps.batch.getMemberships(
    caller.userId,
    listed.map((entry) => entry.profile.storeId),
  );
  const member = listed.flatMap(({ profile }) => {
    const role = roles.get(profile.storeId);
    return role === undefined ? [] : [{ profile, role }];
  });
  const active = member.filter(({ profile }) => profile.status === 'ACTIVE');
  const datasetNames = [
    ...(deps.datasets.inventory ? ['inventory'] : []),
    // The inventory plan needs the order history (velocity) too, and the Sales API checkpoint while it loads.
    ...(deps.datasets.orders || deps.datasets.inventory ? ['orders'] : []),
    ...(deps.datasets.inventory ? [SALES_VELOCITY_DATASET] : []),
  ];
  const marketplaces = active.flatMap(({ profile }) =>
    profile.marketplaceIds.map((marketplaceId) => ({ profile, marketplaceId })),
  );
  const keyOf = (storeId: string, dataset: string, marketplaceId: string) =>
    snapshotKeyOf({ storeId, dataset, marketplaceId });
  const keys: SnapshotKey[] = marketplaces.flatMap(({ profile, marketplaceId }) =>
    datasetNames.map((dataset) => ({ storeId: profile.storeId, dataset, marketplaceId })),
  );
  const [times, settings] = await Promise.all([
    deps.batch.getSnapshotTimes(keys),
    deps.datasets.inventory
      ? deps.batch.getRestockSettingsOfStores(active.map(({ profile }) => profile.storeId))
      : Promise.resolve(new Map<string, StoredRestockSettings>()),
  ]);

  const now = deps.clock.now();
  const cacheKeyOf = (
    storeId: string,
    marketplaceId: string,
    inventoryAt?: string,
    ordersAt?: string,
    salesVelocityAt?: string,
  ) =>
    linesKey(
      storeId,
      marketplaceId,
      inventoryAt,
      ordersAt,
      salesVelocityAt,
      settings.get(storeId)?.version ?? 0,
      now,
    );
  const kept = new Map<string, CachedLines>();
  const missing: SnapshotKey[] = [];
  for (const { profile, marketplaceId } of marketplaces) {
    const id = profile.storeId;
    const cached = cache.get(
      cacheKeyOf(
        id,
        marketplaceId,
        times.get(keyOf(id, 'inventory', marketplaceId)),
        times.get(keyOf(id, 'orders', marketplaceId)),
        times.get(keyOf(id, SALES_VELOCITY_DATASET, marketplaceId)),
      ),
    );
    if (cached !== undefined) kept.set(`${id}|${marketplaceId}`, cached);
    else
      for (const dataset of datasetNames)
        if (times.has(keyOf(id, dataset, marketplaceId)))
          missing.push({ storeId: id, dataset, marketplaceId });
  }
  const snapshots = missing.length === 0 ? new Map() : await deps.batch.getSnapshots(missing);
  for (const { profile, marketplaceId } of marketplaces) {
    const id = profile.storeId;
    if (kept.has(`${id}|${marketplaceId}`)) continue;
    const inventory = snapshots.get(keyOf(id, 'inventory', marketplaceId));
    const orders = snapshots.get(keyOf(id, 'orders', marketplaceId));
    const salesVelocity = snapshots.get(keyOf(id, SALES_VELOCITY_DATASET, marketplaceId));
    const lines: CachedLines = {
      inventory: deps.datasets.inventory
        ? inventoryLine(
            {
              storeId: id,
              region: profile.region,
              marketplaceId,
              inventory,
              orders,
              salesVelocity,
              restockSettings: settings.get(id),
            },
            now,
          )
        : null,
      listing: deps.datasets.orders ? openOrdersListing(orders, marketplaceId) : undefined,
    };
    kept.set(`${id}|${marketplaceId}`, lines);
    cache.set(
      cacheKeyOf(id, marketplaceId, inventory?.fetchedAt, orders?.fetchedAt, salesVelocity?.fetchedAt),
      lines,
    );
  }

  const overview = buildOverview(
    member.map(({ profile, role }) =>
      storeFromLines(
        profile,
        role,
        profile.marketplaceIds.map((marketplaceId) => {
          const lines = kept.get(`${profile.storeId}|${marketplaceId}`);
          const inventory = lines?.inventory ?? null;
          return {
            marketplaceId,
            orders: deps.datasets.orders ? ordersLineFromListing(lines?.listing, now) : null,
            inventory:
              inventory === null || inventory.asOf === null
                ? inventory
                : { ...inventory, ageSeconds: ageSeconds(now, inventory.asOf) },
          };
        }),
        now,
      ),
    ),
    now,
  );

  const records = overview.stores
    .filter((store) => !store.authorization.lost)
    .map((store) => {
      const request: DataRequest = {
        caller,
        storeId: store.storeId,
        dataset: 'orders',
        operation: OVERVIEW_OPERATION,
        marketplaceId: null,
        reason,
        requestId: args.requestId,
      };
      const linesLoaded = store.marketplaces
        .flatMap((m) => [m.orders, m.inventory])
        .filter((line) => line?.state === 'loaded').length;
      return accessRecord(request, deps.clock.now(), 'allowed', {
        sellingPartnerId: store.sellingPartnerId,
        region: store.region,
        source: 'snapshot',
        itemCount: linesLoaded,
      });
    });
  try {
    for (let i = 0; i < records.length; i += AUDIT_CONCURRENCY)
      await Promise.all(records.slice(i, i + AUDIT_CONCURRENCY).map((record) => deps.audit.write(record)));
  } catch {
    metrics.addMetric(AUDIT_WRITE_FAILED_METRIC, MetricUnit.Count, 1);
    throw new DomainError(
      'AuditUnavailable',
      'The access could not be recorded, so no data was returned; try again shortly.',
    );
  }
  return overview;
}
