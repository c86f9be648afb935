import type { SandboxSeller } from '../local/sandbox';
import { USAGE_PLANS } from '../shared/pacing/token-bucket';
import { MILLISECONDS_PER_DAY } from '../shared/time';
import { PACING, RATE_SCALE } from './config';
import { newSandboxApp, startSandboxHost, type SandboxEndpoint } from './support/sandbox-host';
import { refreshTokenFor } from './support/seller-authorization';
import { max } from './support/statistics';

/**
 * The scenario of figure 2 (pacing.ts): which stores a run of N reads (N stores from four seeded sellers, app k +
 * seller s being a store with buckets of its own), how many pages one full read of each seller takes (counted once,
 * unthrottled), and the least time the usage plans scaled by RATE_SCALE allow for them: (P − B) / r per bucket,
 * the largest over stores and operations.
 */

/** Pages one full read of a seller's main marketplace takes, counted once without any throttling. */
export interface PageCensus {
  readonly inventory: number;
  readonly orders: number;
}

export interface PacingStore {
  readonly seller: SandboxSeller;
  readonly appIndex: number;
}

export const SELLERS_PER_APP = 4;

export const scaled = (plan: { rate: number; burst: number }) => ({
  rate: plan.rate * RATE_SCALE,
  burst: plan.burst,
});

/** (P − B) / r, the least time a bucket allows for P calls, in seconds. */
const minimumSeconds = (pages: number, plan: { rate: number; burst: number }) =>
  pages > plan.burst ? (pages - plan.burst) / plan.rate : 0;

export function pacingStores(count: number, sellers: readonly SandboxSeller[]): PacingStore[] {
  return Array.from({ length: count }, (_, index) => ({
    seller: sellers[index % SELLERS_PER_APP] as SandboxSeller,
    appIndex: Math.floor(index / SELLERS_PER_APP),
  }));
}

export const mainMarketplace = (seller: SandboxSeller) => seller.marketplaceIds[0] ?? '';

/** Reads every page once, unthrottled, to learn P per seller and operation (the sandbox data is deterministic). */
export async function censusOfPages(): Promise<Map<string, PageCensus>> {
  const app = newSandboxApp('census');
  const host = await startSandboxHost({ sandboxes: [{ apps: [app], rateScale: 1_000_000 }] });
  try {
    const sandbox = host.sandboxes[0] as SandboxEndpoint;
    const census = new Map<string, PageCensus>();
    for (const seller of await sandbox.sellers()) {
      const refreshToken = await refreshTokenFor(sandbox, app, seller.sellingPartnerId);
      const tokenResponse = await fetch(sandbox.lwaTokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
          client_id: app.clientId,
          client_secret: app.clientSecret,
        }),
      });
      const accessToken = ((await tokenResponse.json()) as { access_token: string }).access_token;
      const marketplaceId = mainMarketplace(seller);
      const countPages = async (path: string, query: Record<string, string>, tokenName: string) => {
        let nextToken: string | undefined;
        for (let pages = 1; pages <= 1_000; pages++) {
          const search = new URLSearchParams({
            ...query,
            ...(nextToken === undefined ? {} : { [tokenName]: nextToken }),
          });
          const response = await fetch(`${sandbox.spapiUrl(seller.region)}${path}?${search}`, {
            headers: { 'x-amz-access-token': accessToken },
          });
          if (response.status !== 200) throw new Error(`census ${path}: ${response.status}`);
          const body = (await response.json()) as { pagination?: { nextToken?: string } };
          nextToken = body.pagination?.nextToken;
          if (nextToken === undefined) return pages;
        }
        throw new Error(`census ${path}: pagination did not end`);
      };
      census.set(seller.sellingPartnerId, {
        inventory: await countPages(
          '/fba/inventory/v1/summaries',
          {
            granularityType: 'Marketplace',
            granularityId: marketplaceId,
            marketplaceIds: marketplaceId,
            details: 'true',
          },
          'nextToken',
        ),
        orders: await countPages(
          '/orders/2026-01-01/orders',
          {
            marketplaceIds: marketplaceId,
            createdAfter: new Date(Date.now() - PACING.orderDays * MILLISECONDS_PER_DAY).toISOString(),
            maxResultsPerPage: '100',
            includedData: 'FULFILLMENT,PROCEEDS',
          },
          'paginationToken',
        ),
      });
    }
    return census;
  } finally {
    await host.stop();
  }
}

export function theoreticalMinimumSeconds(
  stores: readonly PacingStore[],
  census: Map<string, PageCensus>,
): number {
  const inventoryPlan = scaled(USAGE_PLANS.getInventorySummaries);
  const ordersPlan = scaled(USAGE_PLANS.searchOrders);
  return (
    max(
      stores.flatMap(({ seller }) => {
        const pages = census.get(seller.sellingPartnerId);
        return pages === undefined
          ? []
          : [minimumSeconds(pages.inventory, inventoryPlan), minimumSeconds(pages.orders, ordersPlan)];
      }),
    ) ?? 0
  );
}
