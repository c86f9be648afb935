/** What the revocation worker runs with, and what it answers for one message. */
import type { AccountStatusSubscriptionStore } from '../notifications/account-status-ports';
import type { AccountStatusUnsubscriber } from '../notifications/account-status-subscriptions';
import type { AuditTrail } from '../audit/audit-ports';
import type { Clock } from '../clock';
import type { StoreScope } from '../store-access/store-scope';
import type { RevocationLedger } from './ports';
import type { IgnoredReason } from './store-status-decision';

export interface RevocationWorkerDependencies {
  readonly ledger: RevocationLedger;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  /**
   * The subscription id → store mapping recorded when a store was subscribed to ACCOUNT_STATUS_CHANGED: Amazon's
   * notification names the subscription, never the seller.
   */
  readonly subscriptions?: Pick<AccountStatusSubscriptionStore, 'storeOfSubscription'>;
  /** Deletes a revoked store's ACCOUNT_STATUS_CHANGED subscription at Amazon: best effort, audited, never throws. */
  readonly unsubscriber?: AccountStatusUnsubscriber;
  /**
   * The store scopes of this environment (shared/store-access/store-scope.ts): each message's work runs on its
   * store's own store-access session. Unconfined when absent (the domain's own tests).
   */
  readonly scope?: StoreScope;
}

export type MessageOutcome =
  | { readonly kind: 'ignored-notification'; readonly notificationType: string }
  | {
      readonly kind: 'processed';
      readonly storeId: string;
      readonly eventId: string;
      readonly source: string;
      readonly result:
        | 'revoked'
        | 'suspended'
        | 'restored'
        | 'account-status-recorded'
        | 'ignored'
        /** A redelivery of an event already applied; any unfinished part (audit, snapshot purge) was completed. */
        | 'duplicate';
      readonly reason?: IgnoredReason;
    };
