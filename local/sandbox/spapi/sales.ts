import { calendarDate } from '../../../shared/summaries/calendar-days';
import { addDays, offsetMs, startOfDay } from '../../../shared/summaries/marketplace-time-zones';
import { formatAmount, requireMarketplace } from '../data/marketplaces';
import { invalidInput } from './errors';
import type { OperationRequest, OperationResult, SpApiOperation } from './operation';
import { checkMarketplaces } from './order-selection';
import { parseIsoDateTime } from './query';

// Sales API v1 getOrderMetrics (sales.json): aggregated order metrics of one marketplace over an interval,
// broken down by granularity in `granularityTimeZone`. Counts every order but cancelled ones; totalSales is the
// ordered product sales (item prices, no shipping). Usage plan 0.5 rps, burst 15.

const GRANULARITIES = ['Hour', 'Day', 'Week', 'Month', 'Year', 'Total'] as const;
const TWO_YEARS_MS = 2 * 366 * 86_400_000;

/** Offset in minutes that an ISO-8601 value names ("Z" = 0), or undefined. */
function namedOffsetMinutes(value: string): number | undefined {
  if (value.endsWith('Z')) return 0;
  const match = /([+-])(\d{2}):?(\d{2})$/.exec(value);
  if (!match) return undefined;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

function getOrderMetrics({ query, seller, context, now }: OperationRequest): OperationResult {
  const marketplaceIds = query.list('marketplaceIds');
  if (marketplaceIds.length !== 1) throw invalidInput('Only one marketplace can be specified.');
  checkMarketplaces(seller, marketplaceIds);
  const marketplace = requireMarketplace(marketplaceIds[0] as string);
  const granularity = query.string('granularity') as (typeof GRANULARITIES)[number] | undefined;
  if (granularity === undefined || !GRANULARITIES.includes(granularity))
    throw invalidInput(`granularity must be one of ${GRANULARITIES.join(', ')}.`);
  if (granularity !== 'Day' && granularity !== 'Total')
    throw invalidInput('The sandbox serves granularity Day and Total.');
  const [startText, endText, extra] = (query.string('interval') ?? '').split('--');
  const start = startText === undefined ? undefined : parseIsoDateTime(startText, { requireTime: true });
  const end = endText === undefined ? undefined : parseIsoDateTime(endText, { requireTime: true });
  if (extra !== undefined || !start || !end || start.getTime() >= end.getTime())
    throw invalidInput(
      'interval must be two ISO 8601 date-times separated by two hyphens, the first earlier.',
    );
  if (end.getTime() > now.getTime() + 60_000) throw invalidInput('interval must not end in the future.');
  if (now.getTime() - start.getTime() > TWO_YEARS_MS)
    throw invalidInput('interval reaches back more than 2 years.');
  const timeZone = query.string('granularityTimeZone');
  if (timeZone === undefined)
    throw invalidInput('granularityTimeZone is required for granularity above Hour.');
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw invalidInput('granularityTimeZone must be an IANA time zone.');
  }
  // "The granularityTimeZone value must align with the offset of the specified interval value."
  for (const [text, date] of [
    [startText as string, start],
    [endText as string, end],
  ] as const) {
    if (namedOffsetMinutes(text) !== offsetMs(date.getTime(), timeZone) / 60_000)
      throw invalidInput('granularityTimeZone does not match the offset of interval.');
  }
  const sku = query.string('sku');
  const asin = query.string('asin');
  if (sku !== undefined && asin !== undefined)
    throw invalidInput('Specifying both ASIN and SKU returns an error.');
  const network = query.string('fulfillmentNetwork');

  type Bucket = { orders: number; units: number; items: number; sales: number };
  const buckets = new Map<string, Bucket>();
  const keyOf = (ms: number) => (granularity === 'Total' ? 'total' : calendarDate(ms, timeZone));
  for (const order of context.data.orders(seller, marketplace.id)) {
    const at = order.purchaseDate.getTime();
    if (at < start.getTime() || at >= end.getTime() || order.status === 'CANCELLED') continue;
    if (network !== undefined && order.channel !== network) continue;
    const items = order.items.filter(
      (item) => (sku === undefined || item.sellerSku === sku) && (asin === undefined || item.asin === asin),
    );
    if (items.length === 0) continue;
    const key = keyOf(at);
    const bucket = buckets.get(key) ?? { orders: 0, units: 0, items: 0, sales: 0 };
    bucket.orders += 1;
    bucket.items += items.length;
    for (const item of items) {
      bucket.units += item.quantity;
      bucket.sales += item.unitPrice * item.quantity;
    }
    buckets.set(key, bucket);
  }
  const money = (minor: number) => ({
    amount: formatAmount(minor, marketplace),
    currencyCode: marketplace.currency,
  });
  const metric = (interval: string, bucket: Bucket | undefined) => ({
    interval,
    unitCount: bucket?.units ?? 0,
    orderItemCount: bucket?.items ?? 0,
    orderCount: bucket?.orders ?? 0,
    averageUnitPrice: money(bucket && bucket.units > 0 ? Math.round(bucket.sales / bucket.units) : 0),
    totalSales: money(bucket?.sales ?? 0),
  });
  if (granularity === 'Total')
    return { status: 200, body: { payload: [metric(`${startText}--${endText}`, buckets.get('total'))] } };
  const payload = [];
  const last = calendarDate(end.getTime() - 1, timeZone);
  for (let date = calendarDate(start.getTime(), timeZone); date <= last; date = addDays(date, 1)) {
    const from = startOfDay(date, timeZone);
    const to = startOfDay(addDays(date, 1), timeZone);
    const label = (ms: number) => {
      const offset = offsetMs(ms, timeZone) / 60_000;
      const local = new Date(ms + offset * 60_000).toISOString().slice(0, 16);
      const sign = offset < 0 ? '-' : '+';
      const abs = Math.abs(offset);
      return `${local}${offset === 0 ? 'Z' : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`}`;
    };
    payload.push(metric(`${label(from)}--${label(to)}`, buckets.get(date)));
  }
  return { status: 200, body: { payload } };
}

export const getOrderMetricsOperation: SpApiOperation = {
  operationId: 'getOrderMetrics',
  method: 'GET',
  path: '/sales/v1/orderMetrics',
  usagePlan: { rate: 0.5, burst: 15 },
  listing: { list: ['payload'] },
  handle: getOrderMetrics,
};
