import type {
  PublicContact,
  PublicDataAccess,
  PublicDataset,
  PublicPageFacts,
} from '../api/public-page-contract';
import { DATASETS, ENV, MissingSettingError, readEnabledDatasets, type DatasetName } from '../config';
import { STATE_LIFETIME_SECONDS } from '../authorization/oauth-state';
import { REVOCATION_QUEUE_DEFINITION } from '../revocation/queue-definition';
import { AUDIT_LOG_RETENTION_DAYS, SITE_ACCESS_LOG_RETENTION_DAYS } from '../storage/retention-periods';
import {
  INVENTORY_SNAPSHOT_RETENTION_SECONDS,
  ORDER_HISTORY_RETENTION_SECONDS,
} from '../store-data/snapshot-freshness';
import { AUTHORIZATION_LIFETIME_DAYS } from '../stores/store';
import { SECONDS_PER_DAY } from '../time';

/**
 * The facts of the public pages (`/amazon-sp-api`, `/privacy`), built from the same constants and settings the
 * functions and the stack use. The CDK stack (from the stage) and the local workspace (from its environment)
 * both call `buildPublicPageFacts`, so what the pages say about roles and retention cannot drift from the code.
 */

// Every dataset name of the settings is a public dataset, and back: a new dataset must be described here.
const SAME_DATASETS: [DatasetName, PublicDataset] extends [PublicDataset, DatasetName] ? true : never = true;
void SAME_DATASETS;

/**
 * What each dataset asks of Amazon. The least role that covers the operations the dataset calls, and never a
 * restricted role: the Orders calls run without one, so Amazon sends no buyer name, address or contact.
 * - inventory: FBA Inventory `getInventorySummaries` (Amazon Fulfillment).
 * - orders: Orders 2026-01-01 `searchOrders` / v0 `getOrders` (Inventory and Order Tracking).
 * - ads: not SP-API: the seller's separate Login with Amazon consent to the Amazon Ads API.
 */
export const DATASET_ACCESS: Readonly<Record<PublicDataset, PublicDataAccess>> = {
  inventory: { dataset: 'inventory', api: 'sp-api', role: 'Amazon Fulfillment' },
  orders: { dataset: 'orders', api: 'sp-api', role: 'Inventory and Order Tracking' },
  // The scope of the Ads consent (docs/architecture.md; shared/ads/ads-consent.ts asks for it, a unit test compares).
  ads: { dataset: 'ads', api: 'ads-api', scope: 'advertising::campaign_management' },
};

/** Days each stored dataset is kept before its TTL removes it. Ads keeps no snapshot of its own yet. */
const SNAPSHOT_RETENTION_DAYS: Partial<Record<PublicDataset, number>> = {
  inventory: INVENTORY_SNAPSHOT_RETENTION_SECONDS / SECONDS_PER_DAY,
  orders: ORDER_HISTORY_RETENTION_SECONDS / SECONDS_PER_DAY,
};

export interface PublicPageInputs {
  /** The live datasets (`MINT_HUB_DATASETS` or the stage's `datasets`). */
  readonly datasets: Iterable<DatasetName>;
  readonly integrationLive: boolean;
  readonly contact?: PublicContact | undefined;
}

export function buildPublicPageFacts(inputs: PublicPageInputs): PublicPageFacts {
  const live = new Set(inputs.datasets);
  const datasets = DATASETS.filter((name) => live.has(name));
  const email = inputs.contact?.email?.trim();
  const url = inputs.contact?.url?.trim();
  const contact: PublicContact | null =
    email || url ? { ...(email ? { email } : {}), ...(url ? { url } : {}) } : null;
  return {
    datasets,
    access: datasets.map((name) => DATASET_ACCESS[name]),
    integrationLive: inputs.integrationLive,
    contact,
    retention: {
      snapshots: datasets.flatMap((dataset) => {
        const days = SNAPSHOT_RETENTION_DAYS[dataset];
        return days === undefined ? [] : [{ dataset, days }];
      }),
      auditLogDays: AUDIT_LOG_RETENTION_DAYS,
      siteAccessLogDays: SITE_ACCESS_LOG_RETENTION_DAYS,
      revocationQueueDays: REVOCATION_QUEUE_DEFINITION.retentionDays,
      deadLetterQueueDays: REVOCATION_QUEUE_DEFINITION.deadLetterRetentionDays,
      authorizationStateMinutes: STATE_LIFETIME_SECONDS / 60,
      reauthorizationDays: AUTHORIZATION_LIFETIME_DAYS,
    },
  };
}

type Environment = Readonly<Record<string, string | undefined>>;

const setting = (env: Environment, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
};

/**
 * The local workspace's facts, from its environment: the live datasets as the functions read them, the
 * integration live unless `MINT_HUB_INTEGRATION_LIVE=false` (the local sandbox is always there to authorize
 * against), and the contact from `MINT_HUB_CONTACT_EMAIL` / `MINT_HUB_CONTACT_URL` or a local placeholder.
 */
export function publicPageFactsFromEnvironment(env: Environment): PublicPageFacts {
  const live = setting(env, ENV.integrationLive) ?? 'true';
  if (live !== 'true' && live !== 'false')
    throw new MissingSettingError(ENV.integrationLive, 'must be true or false');
  const email = setting(env, ENV.contactEmail);
  const url = setting(env, ENV.contactUrl);
  if (url !== undefined && !/^https:\/\/[^\s/]+/.test(url))
    throw new MissingSettingError(ENV.contactUrl, 'must be an https URL');
  return buildPublicPageFacts({
    datasets: readEnabledDatasets(env),
    integrationLive: live === 'true',
    contact: email === undefined && url === undefined ? { email: LOCAL_CONTACT_EMAIL } : { email, url },
  });
}

/** The local workspace's contact when none is set: a local address, never a real mailbox. */
export const LOCAL_CONTACT_EMAIL = 'privacy@minthub.local';
