import { totalReserved, totalResearching, totalUnfulfillable, type Listing } from '../data/catalog';
import { invalidInput, SpApiError } from './errors';
import { ownerOf, type OperationRequest, type OperationResult, type SpApiOperation } from './operation';
import { isoSeconds, parseIsoDateTime } from './query';

// FBA Inventory v1 getInventorySummaries (fbaInventory.json): 50 summaries a page, nextToken valid for 30
// seconds (sandbox clock), startDateTime no earlier than 18 months back.

const PAGE_SIZE = 50;
const NEXT_TOKEN_LIFETIME_MS = 30 * 1000;
const MAX_SELLER_SKUS = 50;
const EIGHTEEN_MONTHS_MS = 548 * 24 * 3600 * 1000;

interface InventoryCursor {
  marketplaceId: string;
  details: boolean;
  changedSinceMs?: number;
  sellerSkus?: string[];
  offset: number;
}

const invalid = (details: string): SpApiError => invalidInput(details, 'Invalid Input');

function totalQuantity(listing: Listing): number {
  const { stock } = listing;
  return (
    stock.fulfillable +
    stock.inboundWorking +
    stock.inboundShipped +
    stock.inboundReceiving +
    totalReserved(stock) +
    totalUnfulfillable(stock) +
    totalResearching(stock)
  );
}

function toInventorySummary(listing: Listing, details: boolean): Record<string, unknown> {
  const { stock } = listing;
  return {
    asin: listing.product.asin,
    fnSku: listing.fnSku,
    sellerSku: listing.product.sellerSku,
    condition: 'NewItem',
    ...(details
      ? {
          inventoryDetails: {
            fulfillableQuantity: stock.fulfillable,
            inboundWorkingQuantity: stock.inboundWorking,
            inboundShippedQuantity: stock.inboundShipped,
            inboundReceivingQuantity: stock.inboundReceiving,
            reservedQuantity: {
              totalReservedQuantity: totalReserved(stock),
              pendingCustomerOrderQuantity: stock.reserved.pendingCustomerOrder,
              pendingTransshipmentQuantity: stock.reserved.pendingTransshipment,
              fcProcessingQuantity: stock.reserved.fcProcessing,
            },
            researchingQuantity: {
              totalResearchingQuantity: totalResearching(stock),
              researchingQuantityBreakdown: [
                { name: 'researchingQuantityInShortTerm', quantity: stock.researching.shortTerm },
                { name: 'researchingQuantityInMidTerm', quantity: stock.researching.midTerm },
                { name: 'researchingQuantityInLongTerm', quantity: stock.researching.longTerm },
              ],
            },
            unfulfillableQuantity: {
              totalUnfulfillableQuantity: totalUnfulfillable(stock),
              customerDamagedQuantity: stock.unfulfillable.customerDamaged,
              warehouseDamagedQuantity: stock.unfulfillable.warehouseDamaged,
              distributorDamagedQuantity: stock.unfulfillable.distributorDamaged,
              carrierDamagedQuantity: stock.unfulfillable.carrierDamaged,
              defectiveQuantity: stock.unfulfillable.defective,
              expiredQuantity: stock.unfulfillable.expired,
            },
          },
        }
      : {}),
    lastUpdatedTime: isoSeconds(listing.lastUpdatedTime),
    productName: listing.product.title,
    totalQuantity: totalQuantity(listing),
  };
}

function firstPageCursor({ query, now }: OperationRequest, marketplaceId: string): InventoryCursor {
  const details = query.boolean('details') ?? false;
  const startDateTime = query.string('startDateTime');
  if (startDateTime !== undefined) {
    const changedSince = parseIsoDateTime(startDateTime, { requireTime: false });
    if (!changedSince) {
      throw invalid('Query parameter [startDateTime] value is not a valid ISO date-time object');
    }
    if (changedSince.getTime() < now.getTime() - EIGHTEEN_MONTHS_MS) {
      throw invalid('startDateTime must be no earlier than 18 months before the request.');
    }
    // With startDateTime, sellerSkus and sellerSku are ignored (model description).
    return { marketplaceId, details, changedSinceMs: changedSince.getTime(), offset: 0 };
  }
  const sellerSkus = query.list('sellerSkus');
  if (sellerSkus.length > MAX_SELLER_SKUS)
    throw invalid(`sellerSkus accepts at most ${MAX_SELLER_SKUS} SKUs.`);
  const sellerSku = query.string('sellerSku');
  if (sellerSkus.length > 0) return { marketplaceId, details, sellerSkus, offset: 0 };
  if (sellerSku !== undefined) return { marketplaceId, details, sellerSkus: [sellerSku], offset: 0 };
  return { marketplaceId, details, offset: 0 };
}

function selectListings(request: OperationRequest, cursor: InventoryCursor): Listing[] {
  const listings = request.context.data.listings(request.seller, cursor.marketplaceId);
  if (cursor.changedSinceMs !== undefined) {
    const since = cursor.changedSinceMs;
    return listings.filter((listing) => listing.lastUpdatedTime.getTime() >= since);
  }
  if (cursor.sellerSkus) {
    const wanted = new Set(cursor.sellerSkus);
    return listings.filter((listing) => wanted.has(listing.product.sellerSku));
  }
  return listings;
}

function getInventorySummaries(request: OperationRequest): OperationResult {
  const { query, seller, context, grant } = request;
  if (query.string('granularityType') !== 'Marketplace') {
    throw invalid('granularityType is required and must be Marketplace.');
  }
  const granularityId = query.string('granularityId');
  if (granularityId === undefined) throw invalid('granularityId is required.');
  const marketplaceIds = query.list('marketplaceIds');
  if (marketplaceIds.length !== 1)
    throw invalid('marketplaceIds is required and takes exactly one marketplace.');
  const marketplaceId = marketplaceIds[0] ?? '';
  if (granularityId !== marketplaceId)
    throw invalid('granularityId must be the marketplace in marketplaceIds.');
  if (!seller.marketplaceIds.includes(marketplaceId)) {
    throw invalid(`The seller does not participate in marketplace ${marketplaceId}.`);
  }

  const nextToken = query.string('nextToken');
  let cursor: InventoryCursor;
  if (nextToken !== undefined) {
    const redeemed = context.pageTokens.redeem<InventoryCursor>(
      nextToken,
      ownerOf(grant),
      'getInventorySummaries',
    );
    if (redeemed.status !== 'ok' || redeemed.state.marketplaceId !== marketplaceId) {
      throw new SpApiError(400, 'InvalidInput', 'Next token is invalid or expired');
    }
    cursor = redeemed.state;
  } else {
    cursor = firstPageCursor(request, marketplaceId);
  }

  const listings = selectListings(request, cursor);
  const page = listings.slice(cursor.offset, cursor.offset + PAGE_SIZE);
  const nextOffset = cursor.offset + PAGE_SIZE;
  const hasMore = nextOffset < listings.length;
  return {
    status: 200,
    body: {
      ...(hasMore
        ? {
            pagination: {
              nextToken: context.pageTokens.issue(
                ownerOf(grant),
                'getInventorySummaries',
                { ...cursor, offset: nextOffset },
                NEXT_TOKEN_LIFETIME_MS,
              ),
            },
          }
        : {}),
      payload: {
        granularity: { granularityType: 'Marketplace', granularityId: marketplaceId },
        inventorySummaries: page.map((listing) => toInventorySummary(listing, cursor.details)),
      },
    },
  };
}

export const getInventorySummariesOperation: SpApiOperation = {
  operationId: 'getInventorySummaries',
  method: 'GET',
  path: '/fba/inventory/v1/summaries',
  usagePlan: { rate: 2, burst: 2 },
  listing: {
    pageTokenParameter: 'nextToken',
    list: ['payload', 'inventorySummaries'],
    nextToken: ['pagination', 'nextToken'],
  },
  handle: getInventorySummaries,
};
