import type {
  OverviewInventoryLine,
  OverviewMarketplace,
  OverviewOrdersLine,
  OverviewResponse,
  OverviewStore,
  OverviewTotals,
} from '../api/overview-contract';
import type { Snapshot } from '../ports';
import { storedHistory, type OrderHistory } from '../store-data/order-history-state';
import { ageSeconds } from '../store-data/snapshot-freshness';
import { storedInventoryVelocity } from '../store-data/stored-inventory-velocity';
import { reauthorizationOf } from '../stores/reauthorization';
import type { InventoryItemRecord } from '../stores/datasets';
import type { MemberRole, StoreProfile } from '../stores/store';
import { summarizeInventory } from '../summaries/inventory-summary';
import { marketplaceTimeZone } from '../summaries/marketplace-time-zones';
import { atRiskOrders } from '../summaries/orders-summary';
import { storedOrDefault, type StoredRestockSettings } from '../summaries/restock-settings';

/** What is stored for one marketplace of a store: the views' snapshots, as they were kept. */
export interface StoredMarketplaceData {
  readonly marketplaceId: string;
  /** The `inventory` snapshot (the SKU listing); undefined when none is stored or it expired. */
  readonly inventory: Snapshot<unknown> | undefined;
  /** The `orders` snapshot (the order history with its last open-orders listing). */
  readonly orders: Snapshot<unknown> | undefined;
  /** The `sales-velocity` snapshot (the Sales API checkpoint the inventory view keeps while the history loads). */
  readonly salesVelocity?: Snapshot<unknown> | undefined;
}

export interface OverviewStoreInput {
  readonly profile: StoreProfile;
  readonly role: MemberRole;
  /** One per marketplace of the store (empty for a store whose data is not read: not ACTIVE). */
  readonly marketplaces: readonly StoredMarketplaceData[];
  readonly restockSettings: StoredRestockSettings | undefined;
}

const notLoaded = { state: 'not-loaded', asOf: null, ageSeconds: null, complete: false } as const;

/**
 * Late and due-within-24h orders from the last complete open-orders listing the orders view stored, counted at
 * `now` (an order due an hour after the listing was read is late two hours later, unless it shipped since: the
 * line's age says how old the listing is). A history without a listing says "not loaded", never 0.
 */
export function ordersLine(
  snapshot: Snapshot<unknown> | undefined,
  marketplaceId: string,
  now: Date,
): OverviewOrdersLine {
  return ordersLineFromListing(openOrdersListing(snapshot, marketplaceId), now);
}

/** The open-orders listing the stored order history holds, if any (what `ordersLine` counts). */
export function openOrdersListing(
  snapshot: Snapshot<unknown> | undefined,
  marketplaceId: string,
): OpenOrdersListing | undefined {
  return storedHistory(snapshot?.data, marketplaceTimeZone(marketplaceId))?.openOrders;
}

export type OpenOrdersListing = NonNullable<OrderHistory['openOrders']>;

/** `ordersLine` from a listing already taken out of its history (a listing kept between requests). */
export function ordersLineFromListing(listing: OpenOrdersListing | undefined, now: Date): OverviewOrdersLine {
  if (listing === undefined) return { ...notLoaded, late: null, dueWithin24h: null };
  const atRisk = atRiskOrders(listing.orders, now.getTime());
  const late = atRisk.filter((order) => order.late).length;
  return {
    state: 'loaded',
    asOf: listing.readAt,
    ageSeconds: ageSeconds(now, listing.readAt),
    complete: true,
    late,
    dueWithin24h: atRisk.length - late,
  };
}

/**
 * Stock-outs and order-now SKUs from the stored SKU listing, planned exactly as the inventory view plans them:
 * the velocity from the stored order history (the stored Sales API checkpoint while it loads, through the same
 * storedInventoryVelocity) and the store's saved restock settings. While that history is still
 * loading the plans are provisional and the line is not complete.
 */
export function inventoryLine(
  input: {
    readonly storeId: string;
    readonly region: StoreProfile['region'];
    readonly marketplaceId: string;
    readonly inventory: Snapshot<unknown> | undefined;
    readonly orders: Snapshot<unknown> | undefined;
    readonly salesVelocity?: Snapshot<unknown> | undefined;
    readonly restockSettings: StoredRestockSettings | undefined;
  },
  now: Date,
): OverviewInventoryLine {
  const items = input.inventory?.data;
  if (input.inventory === undefined || !Array.isArray(items))
    return { ...notLoaded, outOfStock: null, orderNow: null };
  const timeZone = marketplaceTimeZone(input.marketplaceId);
  const history: OrderHistory | undefined = storedHistory(input.orders?.data, timeZone);
  const velocity = storedInventoryVelocity(history, input.salesVelocity?.data, timeZone, now);
  const summary = summarizeInventory({
    storeId: input.storeId,
    marketplaceId: input.marketplaceId,
    asOf: new Date(input.inventory.fetchedAt),
    source: 'snapshot',
    items: items as InventoryItemRecord[],
    velocity,
    settings: storedOrDefault(input.restockSettings, input.region),
    now,
    timeZone,
  });
  return {
    state: 'loaded',
    asOf: summary.asOf,
    ageSeconds: ageSeconds(now, input.inventory.fetchedAt),
    complete: summary.velocity.complete,
    outOfStock: summary.totals.outOfStock,
    orderNow: summary.totals.byStatus['order-now'],
  };
}

/** One store's lines. Datasets not enabled in the workspace are null, and never read. */
export function overviewStore(
  input: OverviewStoreInput,
  now: Date,
  datasets: { readonly inventory: boolean; readonly orders: boolean },
): OverviewStore {
  const marketplaces: OverviewMarketplace[] =
    input.profile.status !== 'ACTIVE'
      ? []
      : input.marketplaces.map((stored) => ({
          marketplaceId: stored.marketplaceId,
          orders: datasets.orders ? ordersLine(stored.orders, stored.marketplaceId, now) : null,
          inventory: datasets.inventory
            ? inventoryLine(
                {
                  storeId: input.profile.storeId,
                  region: input.profile.region,
                  marketplaceId: stored.marketplaceId,
                  inventory: stored.inventory,
                  orders: stored.orders,
                  salesVelocity: stored.salesVelocity,
                  restockSettings: input.restockSettings,
                },
                now,
              )
            : null,
        }));
  return storeFromLines(input.profile, input.role, marketplaces, now);
}

/** A store of the overview from its marketplaces' lines (none for a lost store: its data is not read). */
export function storeFromLines(
  profile: StoreProfile,
  role: MemberRole,
  lines: readonly OverviewMarketplace[],
  now: Date,
): OverviewStore {
  const { reauthorizeInDays, reauthorizationDue } = reauthorizationOf(profile, now);
  const lost = profile.status !== 'ACTIVE';
  const marketplaces = lost ? [] : lines;
  const allLines = marketplaces.flatMap((m) => [m.orders, m.inventory]).filter((line) => line !== null);
  return {
    storeId: profile.storeId,
    sellingPartnerId: profile.sellingPartnerId,
    region: profile.region,
    displayName: profile.displayName,
    role,
    status: profile.status,
    authorization: {
      reauthorizeBy: profile.reauthorizeBy,
      reauthorizeInDays,
      due: reauthorizationDue,
      lost,
      ...(profile.revokedReason === undefined ? {} : { revokedReason: profile.revokedReason }),
    },
    marketplaces,
    dataIncomplete: allLines.some((line) => !line.complete),
  };
}

const sum = (values: ReadonlyArray<number | null | undefined>) =>
  values.reduce<number>((total, value) => total + (value ?? 0), 0);

export function overviewTotals(stores: readonly OverviewStore[]): OverviewTotals {
  const orders = stores.flatMap((s) => s.marketplaces.map((m) => m.orders));
  const inventory = stores.flatMap((s) => s.marketplaces.map((m) => m.inventory));
  return {
    stores: stores.length,
    lateShipments: sum(orders.map((line) => line?.late)),
    dueWithin24h: sum(orders.map((line) => line?.dueWithin24h)),
    outOfStock: sum(inventory.map((line) => line?.outOfStock)),
    orderNow: sum(inventory.map((line) => line?.orderNow)),
    authorizationDue: stores.filter((s) => s.authorization.due).length,
    authorizationLost: stores.filter((s) => s.authorization.lost).length,
    dataIncomplete: stores.filter((s) => s.dataIncomplete).length,
    linesNotLoaded: [...orders, ...inventory].filter((line) => line?.state === 'not-loaded').length,
  };
}

const lateOf = (store: OverviewStore) => sum(store.marketplaces.map((m) => m.orders?.late));

/** The whole answer, most urgent first: lost, then most late shipments, then authorization due soonest. */
export function buildOverview(stores: readonly OverviewStore[], now: Date): OverviewResponse {
  const sorted = [...stores].sort(
    (a, b) =>
      Number(b.authorization.lost) - Number(a.authorization.lost) ||
      lateOf(b) - lateOf(a) ||
      a.authorization.reauthorizeInDays - b.authorization.reauthorizeInDays ||
      (a.storeId < b.storeId ? -1 : a.storeId > b.storeId ? 1 : 0),
  );
  return { generatedAt: now.toISOString(), stores: sorted, totals: overviewTotals(sorted) };
}
