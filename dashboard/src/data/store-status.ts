import type { StoreAccountStatusFields } from '../../../shared/api/account-status-contract';
import type { DisconnectResponse, RevocationSource, Store, StoresResponse } from '../api/types';

export type StoreStatusView =
  | { readonly kind: 'active' }
  | { readonly kind: 'reauth-due'; readonly reauthorizeBy: string; readonly daysLeft: number }
  | { readonly kind: 'reauth-required' }
  | { readonly kind: 'suspended' }
  | { readonly kind: 'revoked'; readonly cause: RevokedCause };

/**
 * Who ended a revoked store's access, in the words the dashboard uses:
 * - `disconnected`: an owner disconnected it in Mint Hub (never worded as "the seller revoked");
 * - `seller-revoked`: the seller removed the app at Amazon, or the authorization lapsed (LWA `invalid_grant`,
 *   seen on a read or by the daily health check);
 * - `account-deactivated`: Amazon deactivated the seller account;
 * - `unknown`: no reason recorded (older stores) or one the dashboard does not know.
 */
export type RevokedCause = 'disconnected' | 'seller-revoked' | 'account-deactivated' | 'unknown';

const REVOKED_CAUSES: Readonly<Record<RevocationSource, RevokedCause>> = {
  disconnect: 'disconnected',
  invalid_grant: 'seller-revoked',
  'health-check': 'seller-revoked',
  'account-status': 'account-deactivated',
};

export function revokedCause(reason: string | undefined): RevokedCause {
  return reason !== undefined && Object.prototype.hasOwnProperty.call(REVOKED_CAUSES, reason)
    ? REVOKED_CAUSES[reason as RevocationSource]
    : 'unknown';
}

/** The short status a revoked store's badge shows. */
export function revokedBadgeKey(
  cause: RevokedCause,
):
  | 'stores.status.disconnected'
  | 'stores.status.revokedAtAmazon'
  | 'stores.status.deactivated'
  | 'stores.status.revoked' {
  switch (cause) {
    case 'disconnected':
      return 'stores.status.disconnected';
    case 'seller-revoked':
      return 'stores.status.revokedAtAmazon';
    case 'account-deactivated':
      return 'stores.status.deactivated';
    default:
      return 'stores.status.revoked';
  }
}

/** The sentence that explains a revoked store (the store page's notice, and a data route's 409). */
export function revokedMessageKey(
  cause: RevokedCause,
):
  | 'error.StoreNotActive.disconnected'
  | 'error.StoreNotActive.sellerRevoked'
  | 'error.StoreNotActive.accountDeactivated'
  | 'error.StoreNotActive.revoked' {
  switch (cause) {
    case 'disconnected':
      return 'error.StoreNotActive.disconnected';
    case 'seller-revoked':
      return 'error.StoreNotActive.sellerRevoked';
    case 'account-deactivated':
      return 'error.StoreNotActive.accountDeactivated';
    default:
      return 'error.StoreNotActive.revoked';
  }
}

/**
 * What the stores view says about a store: its status, and a warning when re-authorization comes due. Whether it
 * is due, and in how many days, is the API's decision (`reauthorizationDue`, `reauthorizeInDays` of
 * `GET /api/stores`, REAUTHORIZATION_NOTICE_DAYS); the dashboard only shows it.
 */
export function storeStatusView(store: Store): StoreStatusView {
  switch (store.status) {
    case 'REVOKED':
      return { kind: 'revoked', cause: revokedCause(store.revokedReason) };
    case 'SUSPENDED':
      return { kind: 'suspended' };
    case 'REAUTH_REQUIRED':
      return { kind: 'reauth-required' };
    default: {
      const daysLeft = store.reauthorizeInDays;
      if (store.reauthorizationDue !== true || daysLeft === undefined || store.reauthorizeBy === undefined)
        return { kind: 'active' };
      // Past the date (the API floors, so any time past it is negative): the daily check will say so too.
      if (daysLeft < 0) return { kind: 'reauth-required' };
      return { kind: 'reauth-due', reauthorizeBy: store.reauthorizeBy, daysLeft };
    }
  }
}

/**
 * Amazon reports the seller account AT_RISK (`accountStatus` of `GET /api/stores`): shown beside the status of a
 * store that is still readable. A suspended or revoked store shows its own status instead.
 */
export function accountAtRisk(store: Store & StoreAccountStatusFields): boolean {
  return store.accountStatus === 'AT_RISK' && store.status !== 'REVOKED' && store.status !== 'SUSPENDED';
}

/** Revoked stores are never read again; every other status lets the API decide (it answers StoreNotActive). */
export function canOpenData(store: Store): boolean {
  return store.status !== 'REVOKED';
}

export function canDisconnect(store: Store): boolean {
  return store.role === 'owner' && store.status !== 'REVOKED';
}

/**
 * Only an owner can re-authorize (docs/security.md, isolation: a callback for a store the caller does not own is
 * refused); an operator asks an owner.
 */
export function canReauthorize(store: Store): boolean {
  return store.role === 'owner';
}

export function canReadAudit(store: Store, isAdmin: boolean): boolean {
  return isAdmin || store.role === 'owner';
}

/** Members see who else has access (read-only for operators); admins may look too. Revoked stores included. */
export function canViewMembers(store: Store, isAdmin: boolean): boolean {
  return isAdmin || store.role !== undefined;
}

/**
 * The stores list after a 202 from `DELETE /api/stores/{storeId}`: the store refuses reads from that answer on,
 * so its row shows it at once (no reload, no waiting for the worker): REVOKED, reason `disconnect`.
 */
export function markDisconnected(
  response: StoresResponse,
  storeId: string,
  answer: DisconnectResponse | undefined,
  /** When the 202 arrived, shown until the list is next loaded with the server's `revokedAt`. */
  at: Date,
): StoresResponse {
  return {
    ...response,
    stores: response.stores.map((store) =>
      store.storeId === storeId
        ? {
            ...store,
            status: answer?.status ?? 'REVOKED',
            revokedReason: answer?.revokedReason ?? 'disconnect',
            revokedAt: at.toISOString(),
          }
        : store,
    ),
  };
}

export function needsAuthorization(view: StoreStatusView): boolean {
  return view.kind === 'reauth-due' || view.kind === 'reauth-required';
}

export function storeName(store: Store): string {
  return store.displayName !== undefined && store.displayName !== ''
    ? store.displayName
    : store.sellingPartnerId;
}

/** Stores needing attention first, then by name. */
export function sortStores(stores: readonly Store[]): Store[] {
  const rank: Record<StoreStatusView['kind'], number> = {
    'reauth-required': 0,
    'reauth-due': 1,
    suspended: 2,
    active: 3,
    revoked: 4,
  };
  return [...stores].sort(
    (a, b) =>
      rank[storeStatusView(a).kind] - rank[storeStatusView(b).kind] ||
      storeName(a).localeCompare(storeName(b)),
  );
}
