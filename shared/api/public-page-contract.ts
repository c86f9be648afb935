/**
 * The facts the public pages (`/amazon-sp-api`, `/privacy`) show, as `/config.json` carries them under
 * `publicPage`. Built in one place from the running configuration (shared/public-page/public-facts.ts) and
 * deployed by the stack or served by the local gateway, so the pages say what the deployment does.
 */
export type PublicDataset = 'inventory' | 'orders' | 'ads';

/** What one live dataset asks of Amazon: an SP-API role, or the separate Amazon Ads API consent. */
export type PublicDataAccess =
  | {
      readonly dataset: 'inventory' | 'orders';
      readonly api: 'sp-api';
      /** The role's name as Amazon's developer profile lists it. */
      readonly role: string;
    }
  | {
      readonly dataset: 'ads';
      readonly api: 'ads-api';
      /** The Login with Amazon scope of the Ads consent. */
      readonly scope: string;
    };

export interface PublicContact {
  readonly email?: string;
  readonly url?: string;
}

export interface PublicRetention {
  /** How long each stored dataset lives before it expires on its own (DynamoDB TTL), in days. */
  readonly snapshots: readonly { readonly dataset: PublicDataset; readonly days: number }[];
  /** The access audit log group's retention, in days. */
  readonly auditLogDays: number;
  /** The site's CloudFront access logs (no query strings, cookies or referers), in days. */
  readonly siteAccessLogDays: number;
  /** A revocation message's retention in its queue, and in the dead-letter queue, in days. */
  readonly revocationQueueDays: number;
  readonly deadLetterQueueDays: number;
  /** An authorization's one-time state, in minutes. */
  readonly authorizationStateMinutes: number;
  /** Amazon's authorization lasts this long before the seller must renew it, in days. */
  readonly reauthorizationDays: number;
}

export interface PublicPageFacts {
  /** The live datasets, in a fixed order (inventory, orders, ads). */
  readonly datasets: readonly PublicDataset[];
  /** One entry per live dataset, in the same order. */
  readonly access: readonly PublicDataAccess[];
  /** False until the stage marks the SP-API integration live: the authorize button then says "coming soon". */
  readonly integrationLive: boolean;
  /** Null when the stage names no contact (a stage cannot go live without one). */
  readonly contact: PublicContact | null;
  readonly retention: PublicRetention;
}
