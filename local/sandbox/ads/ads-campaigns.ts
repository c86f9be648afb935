import type { ServerResponse } from 'node:http';
import type { SandboxClock } from '../clock';
import { sendJson } from '../http';
import {
  budgetUsagePercent,
  calendarDate,
  campaignsOf,
  type AdProduct,
  type AdsProfileData,
} from './ads-data';

// The Ads sandbox's campaign endpoints: the Sponsored Products and Sponsored Brands campaign lists (with their
// serving status), the Sponsored Display campaigns, and today's budget usage per campaign.

/** `POST /sp/campaigns/list` and `POST /sb/v4/campaigns/list`. */
export function sendCampaignList(
  response: ServerResponse,
  profile: AdsProfileData,
  product: AdProduct,
  today: string,
  headers: Record<string, string>,
): void {
  const campaigns = campaignsOf(profile).filter((c) => c.adProduct === product);
  return sendJson(
    response,
    200,
    {
      campaigns: campaigns.map((c) => {
        const out = c.state === 'ENABLED' && c.overspends && budgetUsagePercent(c, today) >= 100;
        return product === 'SPONSORED_PRODUCTS'
          ? {
              campaignId: String(c.campaignId),
              name: c.name,
              state: c.state,
              targetingType: 'MANUAL',
              budget: { budget: c.dailyBudget, budgetType: 'DAILY' },
              extendedData: {
                servingStatus: out
                  ? 'CAMPAIGN_OUT_OF_BUDGET'
                  : c.state === 'ENABLED'
                    ? 'CAMPAIGN_STATUS_ENABLED'
                    : 'CAMPAIGN_PAUSED',
              },
            }
          : {
              campaignId: String(c.campaignId),
              name: c.name,
              state: c.state,
              budget: c.dailyBudget,
              budgetType: 'DAILY',
              extendedData: {
                servingStatus: out ? 'OUT_OF_BUDGET' : c.state === 'ENABLED' ? 'RUNNING' : 'PAUSED',
              },
            };
      }),
      totalResults: campaigns.length,
    },
    headers,
  );
}

/** `GET /sd/campaigns`. */
export function sendDisplayCampaigns(
  response: ServerResponse,
  profile: AdsProfileData,
  headers: Record<string, string>,
): void {
  return sendJson(
    response,
    200,
    campaignsOf(profile)
      .filter((c) => c.adProduct === 'SPONSORED_DISPLAY')
      .map((c) => ({
        campaignId: c.campaignId,
        name: c.name,
        state: c.state.toLowerCase(),
        budget: c.dailyBudget,
        budgetType: 'daily',
        tactic: 'T00020',
      })),
    headers,
  );
}

/** `POST /{sp,sb,sd}/campaigns/budget/usage`: 1 to 100 campaign ids, found ones in `success`, others in `error`. */
export function sendBudgetUsage(
  response: ServerResponse,
  profile: AdsProfileData,
  product: AdProduct,
  ids: unknown,
  clock: SandboxClock,
  headers: Record<string, string>,
): void {
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100)
    return sendJson(
      response,
      400,
      { code: 'INVALID_ARGUMENT', details: 'campaignIds must list 1 to 100 campaign ids' },
      headers,
    );
  const today = calendarDate(clock.nowMs(), profile.timezone);
  const campaigns = campaignsOf(profile).filter((c) => c.adProduct === product);
  const success: unknown[] = [];
  const error: unknown[] = [];
  ids.forEach((id, index) => {
    const campaign = campaigns.find((c) => String(c.campaignId) === String(id));
    if (campaign === undefined)
      error.push({
        index,
        campaignId: String(id),
        code: 'INVALID_CAMPAIGN_ID',
        details: 'Campaign not found',
      });
    else
      success.push({
        index,
        campaignId: String(campaign.campaignId),
        budget: campaign.dailyBudget,
        budgetUsagePercent: budgetUsagePercent(campaign, today),
        usageUpdatedTimestamp: clock.now().toISOString(),
      });
  });
  return sendJson(response, 207, { success, error }, headers);
}
