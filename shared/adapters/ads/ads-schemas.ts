import * as z from 'zod';

/**
 * Amazon Ads answers, checked before anything is trusted (as spapi-schemas.ts does for SP-API). Ids are numbers
 * in profiles and reports and strings in the campaign APIs: they are normalised to strings here.
 */
const id = z.union([z.string().regex(/^\d{1,20}$/), z.number().int().nonnegative()]).transform(String);
const count = z.number().finite().nonnegative().catch(0);
const amount = z.number().finite().catch(0);

export const ProfileSchema = z.object({
  profileId: id,
  countryCode: z.string(),
  currencyCode: z.string(),
  timezone: z.string(),
  accountInfo: z.object({
    marketplaceStringId: z.string(),
    id: z.string(),
    type: z.string(),
    name: z.string().default(''),
  }),
});
export const ProfilesSchema = z.array(ProfileSchema);

export const ReportSchema = z.object({
  reportId: z.string().min(1).max(200),
  status: z.enum(['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED']),
  url: z.string().nullish(),
  urlExpiresAt: z.string().nullish(),
  failureReason: z.string().nullish(),
});

/** 425: `{"code":"425","detail":"The Request is a duplicate of : <reportId>"}`. */
export const DuplicateSchema = z.object({ detail: z.string() });
export function duplicateReportId(detail: string): string | undefined {
  return /duplicate of\s*:\s*([A-Za-z0-9-]{1,200})/.exec(detail)?.[1];
}

/** A campaign report row (spCampaigns / sbCampaigns / sdCampaigns, DAILY, groupBy campaign). */
export const ReportRowSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  campaignId: id,
  campaignName: z.string().catch(''),
  campaignStatus: z.string().catch('UNKNOWN'),
  campaignBudgetAmount: z.number().finite().nullish().catch(null),
  campaignBudgetType: z.string().nullish().catch(null),
  impressions: count,
  clicks: count,
  cost: amount,
  // Sponsored Products, 7-day attribution as Seller Central shows sellers.
  sales7d: amount.optional(),
  purchases7d: count.optional(),
  // Sponsored Brands and Display: 14-day attribution.
  sales: amount.optional(),
  purchases: count.optional(),
});
export type ReportRow = z.infer<typeof ReportRowSchema>;

export const SpCampaignsSchema = z.object({
  campaigns: z.array(
    z.object({
      campaignId: id,
      name: z.string().catch(''),
      state: z.string(),
      budget: z.object({ budget: z.number().finite().nullish(), budgetType: z.string().nullish() }).nullish(),
      extendedData: z.object({ servingStatus: z.string().nullish() }).nullish(),
    }),
  ),
  nextToken: z.string().nullish(),
});

export const SbCampaignsSchema = z.object({
  campaigns: z.array(
    z.object({
      campaignId: id,
      name: z.string().catch(''),
      state: z.string(),
      budget: z.number().finite().nullish(),
      budgetType: z.string().nullish(),
      extendedData: z.object({ servingStatus: z.string().nullish() }).nullish(),
    }),
  ),
  nextToken: z.string().nullish(),
});

export const SdCampaignsSchema = z.array(
  z.object({
    campaignId: id,
    name: z.string().catch(''),
    state: z.string(),
    budget: z.number().finite().nullish(),
    budgetType: z.string().nullish(),
    servingStatus: z.string().nullish(),
  }),
);

export const BudgetUsageSchema = z.object({
  success: z
    .array(
      z.object({
        campaignId: id,
        budgetUsagePercent: z.number().finite().nullish(),
        usageUpdatedTimestamp: z.string().nullish(),
      }),
    )
    .default([]),
  error: z.array(z.object({ campaignId: id.optional() }).passthrough()).default([]),
});
