/**
 * Campaign budgets of one profile: Sponsored Products, Brands and Display campaigns (enabled and paused), with
 * today's budget usage of the enabled ones.
 */
import type { z } from 'zod';
import type { AdProduct } from '../../api/ads-contract';
import type { AdsApi, AdsCallContext, CampaignBudget } from '../../ads/ads-ports';
import type { AdsHttp } from './ads-http';
import { BudgetUsageSchema, SbCampaignsSchema, SdCampaignsSchema, SpCampaignsSchema } from './ads-schemas';

const MAX_PAGES = 50;

export function createAdsCampaignBudgets({ call }: AdsHttp): Pick<AdsApi, 'listCampaignBudgets'> {
  async function usage(
    ctx: AdsCallContext,
    profileId: string,
    product: 'sp' | 'sb' | 'sd',
    campaignIds: readonly string[],
  ): Promise<Map<string, { percent: number | null; at: string | null }>> {
    const result = new Map<string, { percent: number | null; at: string | null }>();
    for (let i = 0; i < campaignIds.length; i += 100) {
      const { body } = await call(
        `${product}BudgetUsage`,
        ctx,
        `/${product}/campaigns/budget/usage`,
        {
          method: 'POST',
          profileId,
          body: { campaignIds: campaignIds.slice(i, i + 100) },
          contentType: `application/vnd.${product}campaignbudgetusage.v1+json`,
          accept: `application/vnd.${product}campaignbudgetusage.v1+json`,
        },
        BudgetUsageSchema,
      );
      for (const entry of body.success)
        result.set(entry.campaignId, {
          percent: entry.budgetUsagePercent ?? null,
          at: entry.usageUpdatedTimestamp ?? null,
        });
    }
    return result;
  }

  return {
    async listCampaignBudgets(ctx, profileId): Promise<CampaignBudget[]> {
      const campaigns: CampaignBudget[] = [];
      const states = ['ENABLED', 'PAUSED'];

      let nextToken: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const { body }: { body: z.infer<typeof SpCampaignsSchema> } = await call(
          'listSponsoredProductsCampaigns',
          ctx,
          '/sp/campaigns/list',
          {
            method: 'POST',
            profileId,
            contentType: 'application/vnd.spCampaign.v3+json',
            accept: 'application/vnd.spCampaign.v3+json',
            body: {
              stateFilter: { include: states },
              maxResults: 100,
              includeExtendedDataFields: true,
              ...(nextToken === undefined ? {} : { nextToken }),
            },
          },
          SpCampaignsSchema,
        );
        for (const c of body.campaigns)
          campaigns.push({
            campaignId: c.campaignId,
            adProduct: 'SPONSORED_PRODUCTS',
            name: c.name,
            state: c.state.toUpperCase(),
            dailyBudget: c.budget?.budget ?? null,
            servingStatus: c.extendedData?.servingStatus ?? null,
            budgetUsagePercent: null,
            usageUpdatedAt: null,
          });
        nextToken = body.nextToken ?? undefined;
        if (nextToken === undefined) break;
      }

      nextToken = undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const { body }: { body: z.infer<typeof SbCampaignsSchema> } = await call(
          'listSponsoredBrandsCampaigns',
          ctx,
          '/sb/v4/campaigns/list',
          {
            method: 'POST',
            profileId,
            contentType: 'application/vnd.sbcampaignresource.v4+json',
            accept: 'application/vnd.sbcampaignresource.v4+json',
            body: {
              stateFilter: { include: states },
              maxResults: 100,
              includeExtendedDataFields: true,
              ...(nextToken === undefined ? {} : { nextToken }),
            },
          },
          SbCampaignsSchema,
        );
        for (const c of body.campaigns)
          campaigns.push({
            campaignId: c.campaignId,
            adProduct: 'SPONSORED_BRANDS',
            name: c.name,
            state: c.state.toUpperCase(),
            dailyBudget:
              c.budgetType === undefined || c.budgetType === null || c.budgetType === 'DAILY'
                ? (c.budget ?? null)
                : null,
            servingStatus: c.extendedData?.servingStatus ?? null,
            budgetUsagePercent: null,
            usageUpdatedAt: null,
          });
        nextToken = body.nextToken ?? undefined;
        if (nextToken === undefined) break;
      }

      const sdAnswer: { body: z.infer<typeof SdCampaignsSchema> } = await call(
        'listSponsoredDisplayCampaigns',
        ctx,
        '/sd/campaigns?stateFilter=enabled,paused',
        { profileId },
        SdCampaignsSchema,
      );
      for (const c of sdAnswer.body)
        campaigns.push({
          campaignId: c.campaignId,
          adProduct: 'SPONSORED_DISPLAY',
          name: c.name,
          state: c.state.toUpperCase(),
          dailyBudget:
            c.budgetType === undefined || c.budgetType === null || c.budgetType === 'daily'
              ? (c.budget ?? null)
              : null,
          servingStatus: c.servingStatus ?? null,
          budgetUsagePercent: null,
          usageUpdatedAt: null,
        });

      const byProduct = {
        sp: 'SPONSORED_PRODUCTS',
        sb: 'SPONSORED_BRANDS',
        sd: 'SPONSORED_DISPLAY',
      } as const;
      const usages = new Map<string, { percent: number | null; at: string | null }>();
      for (const [product, adProduct] of Object.entries(byProduct) as Array<
        [keyof typeof byProduct, AdProduct]
      >) {
        const ids = campaigns
          .filter((c) => c.adProduct === adProduct && c.state === 'ENABLED')
          .map((c) => c.campaignId);
        if (ids.length === 0) continue;
        for (const [campaignId, value] of await usage(ctx, profileId, product, ids))
          usages.set(`${adProduct}#${campaignId}`, value);
      }
      return campaigns.map((c) => {
        const used = usages.get(`${c.adProduct}#${c.campaignId}`);
        return used === undefined ? c : { ...c, budgetUsagePercent: used.percent, usageUpdatedAt: used.at };
      });
    },
  };
}
