import { classifySpApiStatus, SpApiError } from '../amazon/amazon-errors';
import type { Region } from '../amazon/marketplaces';
import type { SellersApi } from '../ports';

/**
 * Sellers API v1 getMarketplaceParticipations (one call after each authorization). Hand-written with fetch: no
 * maintained @sp-api-sdk package exists for the Sellers API, and the response we need is small and stable.
 */
export function createSellersApi(options: {
  endpoints: Readonly<Record<Region, string>>;
  userAgent: string;
  timeoutMs?: number;
}): SellersApi {
  return {
    async getMarketplaceParticipations(region, accessToken) {
      const operation = 'getMarketplaceParticipations';
      let response: Response;
      try {
        response = await fetch(`${options.endpoints[region]}/sellers/v1/marketplaceParticipations`, {
          headers: {
            'x-amz-access-token': accessToken,
            'user-agent': options.userAgent,
            accept: 'application/json',
          },
          signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
        });
      } catch {
        throw new SpApiError('unavailable', undefined, operation);
      }
      if (!response.ok) {
        const retryAfter = Number(response.headers.get('retry-after'));
        throw new SpApiError(
          classifySpApiStatus(response.status),
          response.status,
          operation,
          Number.isFinite(retryAfter) ? retryAfter : undefined,
        );
      }
      const body = (await response.json()) as {
        payload?: Array<{
          marketplace?: { id?: string; countryCode?: string };
          participation?: { isParticipating?: boolean };
          storeName?: string;
        }>;
      };
      return (body.payload ?? []).flatMap((entry) =>
        entry.marketplace?.id === undefined
          ? []
          : [
              {
                marketplaceId: entry.marketplace.id,
                countryCode: entry.marketplace.countryCode ?? '',
                storeName: entry.storeName ?? '',
                isParticipating: entry.participation?.isParticipating === true,
              },
            ],
      );
    },
  };
}
