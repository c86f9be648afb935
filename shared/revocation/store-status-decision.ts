import type { Region } from '../amazon/marketplaces';
import type { StoreStatus } from '../stores/store';
import type { AccountStatus } from './amazon-notification';
import type { RevocationSource } from './revocation-event';

/**
 * The pure rules of the revocation worker: what a signal does to a store, given the store as it is now. The
 * adapter's conditional writes re-check the same preconditions, so a decision taken on a stale read is refused by
 * DynamoDB and taken again, never applied.
 */
export type StoreSignal =
  | {
      readonly action: 'revoke';
      readonly eventId: string;
      readonly storeId: string;
      /** Canonical ISO time of the evidence. */
      readonly at: string;
      readonly source: RevocationSource;
      readonly actorId?: string;
    }
  | {
      readonly action: 'account-status';
      readonly eventId: string;
      readonly storeId: string;
      readonly at: string;
      readonly accountStatus: AccountStatus;
      readonly marketplaceId?: string;
    };

/** What the worker reads of a store: its profile, without the display fields. */
export interface StoreState {
  readonly storeId: string;
  readonly sellingPartnerId: string;
  readonly region: Region;
  readonly status: StoreStatus;
  readonly connectedAt: string;
  /** The last (re-)authorization; absent on profiles older than the field, where connectedAt stands in. */
  readonly authorizedAt?: string;
  /** Amazon's account status and the EventTime of the notification that set it. */
  readonly accountStatus?: AccountStatus;
  readonly accountStatusAt?: string;
}

export type IgnoredReason =
  /** No such store (never connected, or a notification for a seller we do not serve). */
  | 'unknown-store'
  /** The store was authorized again after the evidence: the old signal must not undo the new authorization. */
  | 'authorized-after-event'
  | 'already-revoked'
  /** A revoked store stays revoked until the seller authorizes it again; account status does not change that. */
  | 'store-revoked'
  /** A newer account status is already applied (out-of-order delivery). */
  | 'older-account-status';

export type Decision =
  | { readonly apply: 'revoke'; readonly from: StoreStatus }
  | {
      readonly apply: 'account-status';
      readonly from: StoreStatus;
      /** Equal to `from` when only Amazon's status is recorded (e.g. AT_RISK on an active store). */
      readonly to: StoreStatus;
    }
  | { readonly apply: 'nothing'; readonly reason: IgnoredReason };

export function decide(signal: StoreSignal, store: StoreState | undefined): Decision {
  if (store === undefined) return { apply: 'nothing', reason: 'unknown-store' };

  if (signal.action === 'revoke') {
    // Equal times revoke: when in doubt, the token is treated as dead.
    if ((store.authorizedAt ?? store.connectedAt) > signal.at)
      return { apply: 'nothing', reason: 'authorized-after-event' };
    if (store.status === 'REVOKED') return { apply: 'nothing', reason: 'already-revoked' };
    return { apply: 'revoke', from: store.status };
  }

  if (store.status === 'REVOKED') return { apply: 'nothing', reason: 'store-revoked' };
  if (store.accountStatusAt !== undefined && store.accountStatusAt >= signal.at)
    return { apply: 'nothing', reason: 'older-account-status' };
  return { apply: 'account-status', from: store.status, to: statusAfter(store.status, signal.accountStatus) };
}

/** DEACTIVATED suspends an active store (token kept); NORMAL or AT_RISK restore only a suspended one. */
function statusAfter(current: StoreStatus, accountStatus: AccountStatus): StoreStatus {
  if (accountStatus === 'DEACTIVATED')
    return current === 'ACTIVE' || current === 'REAUTH_REQUIRED' ? 'SUSPENDED' : current;
  return current === 'SUSPENDED' ? 'ACTIVE' : current;
}
