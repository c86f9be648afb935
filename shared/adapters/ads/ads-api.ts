/**
 * The Amazon Ads API over fetch (ads-http.ts: headers, zod, classified statuses, no retries): profiles, the
 * reports (ads-reports-api.ts) and campaign budgets (ads-campaign-budgets.ts).
 */
import type { AdsApi, AdsProfile } from '../../ads/ads-ports';
import { createAdsCampaignBudgets } from './ads-campaign-budgets';
import { createAdsHttp, type AdsApiOptions } from './ads-http';
import { createAdsReportsApi } from './ads-reports-api';
import { ProfilesSchema } from './ads-schemas';

export type { AdsApiOptions } from './ads-http';
export { REPORT_TYPES } from './ads-reports-api';

export function createAdsApi(options: AdsApiOptions): AdsApi {
  const http = createAdsHttp(options);
  return {
    async listProfiles(ctx): Promise<AdsProfile[]> {
      return (await http.call('listProfiles', ctx, '/v2/profiles', {}, ProfilesSchema)).body;
    },
    ...createAdsReportsApi(options, http),
    ...createAdsCampaignBudgets(http),
  };
}
