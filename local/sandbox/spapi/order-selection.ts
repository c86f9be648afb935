import type { SeedData } from '../data/seed-data';
import type { FulfillmentChannel, OrderStatus, SeededOrder } from '../data/orders';
import type { SellerProfile } from '../data/sellers';
import { invalidInput } from './errors';
import { parseIsoDateTime, type QueryReader } from './query';

// Date-window rules and filtering shared by Orders v0 getOrders and Orders 2026-01-01 searchOrders; both
// models state the same rules, only the parameter names differ.

const TWO_MINUTES_MS = 2 * 60 * 1000;

export interface DateParameterNames {
  createdAfter: string;
  createdBefore: string;
  lastUpdatedAfter: string;
  lastUpdatedBefore: string;
}

export interface DateWindow {
  field: 'created' | 'lastUpdated';
  afterMs: number;
  beforeMs: number;
}

export interface OrderCriteria extends DateWindow {
  marketplaceIds: string[];
  statuses?: OrderStatus[];
  channels?: FulfillmentChannel[];
  orderIds?: string[];
}

/** Applies the documented CreatedAfter / LastUpdatedAfter rules; throws 400 InvalidInput when broken. */
export function readDateWindow(
  query: QueryReader,
  names: DateParameterNames,
  now: Date,
  options: { requireTime: boolean },
): DateWindow {
  const raw = {
    createdAfter: query.string(names.createdAfter),
    createdBefore: query.string(names.createdBefore),
    lastUpdatedAfter: query.string(names.lastUpdatedAfter),
    lastUpdatedBefore: query.string(names.lastUpdatedBefore),
  };
  const parsed: Partial<Record<keyof typeof raw, Date>> = {};
  const unreadable: string[] = [];
  for (const key of Object.keys(raw) as Array<keyof typeof raw>) {
    const value = raw[key];
    if (value === undefined) continue;
    const date = parseIsoDateTime(value, options);
    if (date) parsed[key] = date;
    else unreadable.push(names[key]);
  }
  if (unreadable.length > 0) {
    throw invalidInput(`Invalid date-time field(s) [${unreadable.join(', ')}].`, 'This is an invalid input');
  }

  const createdMode = raw.createdAfter !== undefined;
  const updatedMode = raw.lastUpdatedAfter !== undefined;
  if (createdMode === updatedMode) {
    throw invalidInput(`Exactly one of ${names.createdAfter} and ${names.lastUpdatedAfter} is required.`);
  }
  if (createdMode && (raw.lastUpdatedBefore !== undefined || raw.lastUpdatedAfter !== undefined)) {
    throw invalidInput(`${names.lastUpdatedBefore} cannot be set when ${names.createdAfter} is set.`);
  }
  if (updatedMode && raw.createdBefore !== undefined) {
    throw invalidInput(`${names.createdBefore} cannot be set when ${names.lastUpdatedAfter} is set.`);
  }

  const latestAllowedMs = now.getTime() - TWO_MINUTES_MS;
  const after = (createdMode ? parsed.createdAfter : parsed.lastUpdatedAfter) as Date;
  const before = createdMode ? parsed.createdBefore : parsed.lastUpdatedBefore;
  const beforeName = createdMode ? names.createdBefore : names.lastUpdatedBefore;
  const afterName = createdMode ? names.createdAfter : names.lastUpdatedAfter;
  if (before && before.getTime() > latestAllowedMs) {
    throw invalidInput(`${beforeName} must be at least two minutes before the time of the request.`);
  }
  const beforeMs = before ? before.getTime() : latestAllowedMs;
  if (after.getTime() > beforeMs) {
    throw invalidInput(
      before
        ? `${beforeName} must be equal to or after ${afterName}.`
        : `${afterName} must be at least two minutes before the time of the request.`,
    );
  }
  return { field: createdMode ? 'created' : 'lastUpdated', afterMs: after.getTime(), beforeMs };
}

/** Participated marketplaces only; the sandbox answers any other with 400 InvalidInput. */
export function checkMarketplaces(seller: SellerProfile, marketplaceIds: readonly string[]): void {
  const foreign = marketplaceIds.filter((id) => !seller.marketplaceIds.includes(id));
  if (foreign.length > 0) {
    throw invalidInput(
      `The seller does not participate in marketplace(s) ${foreign.join(', ')}.`,
      'Invalid Input',
    );
  }
}

function timeOf(order: SeededOrder, field: DateWindow['field']): number {
  return field === 'created' ? order.purchaseDate.getTime() : order.lastUpdateDate.getTime();
}

/** Matching orders across the marketplaces, oldest first by the window's date field. */
export function selectOrders(data: SeedData, seller: SellerProfile, criteria: OrderCriteria): SeededOrder[] {
  const statuses = criteria.statuses ? new Set(criteria.statuses) : undefined;
  const channels = criteria.channels ? new Set(criteria.channels) : undefined;
  const orderIds = criteria.orderIds ? new Set(criteria.orderIds) : undefined;
  const selected: SeededOrder[] = [];
  for (const marketplaceId of criteria.marketplaceIds) {
    for (const order of data.orders(seller, marketplaceId)) {
      const time = timeOf(order, criteria.field);
      if (time < criteria.afterMs || time > criteria.beforeMs) continue;
      if (statuses && !statuses.has(order.status)) continue;
      if (channels && !channels.has(order.channel)) continue;
      if (orderIds && !orderIds.has(order.orderId)) continue;
      selected.push(order);
    }
  }
  return selected.sort(
    (a, b) => timeOf(a, criteria.field) - timeOf(b, criteria.field) || a.orderId.localeCompare(b.orderId),
  );
}

export function readPageSize(query: QueryReader, name: string): number {
  const size = query.integer(name) ?? 100;
  if (size < 1 || size > 100) throw invalidInput(`${name} must be between 1 and 100.`);
  return size;
}
