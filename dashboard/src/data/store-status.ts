import type { Store } from '../api/types';
import { daysUntil } from '../format/format';

/** How many days before `reauthorizeBy` the stores view starts warning. */
export const REAUTHORIZE_WARNING_DAYS = 30;

export type StoreStatusView =
  | { readonly kind: 'active' }
  | { readonly kind: 'reauth-due'; readonly reauthorizeBy: string; readonly daysLeft: number }
  | { readonly kind: 'reauth-required' }
  | { readonly kind: 'suspended' }
  | { readonly kind: 'revoked' };

/** What the stores view says about a store: its status, and a warning when re-authorization comes due. */
export function storeStatusView(store: Store, now: number): StoreStatusView {
  switch (store.status) {
    case 'REVOKED':
      return { kind: 'revoked' };
    case 'SUSPENDED':
      return { kind: 'suspended' };
    case 'REAUTH_REQUIRED':
      return { kind: 'reauth-required' };
    default: {
      const daysLeft = store.reauthorizeBy === undefined ? undefined : daysUntil(store.reauthorizeBy, now);
      if (daysLeft === undefined || store.reauthorizeBy === undefined) return { kind: 'active' };
      if (daysLeft <= 0) return { kind: 'reauth-required' };
      if (daysLeft <= REAUTHORIZE_WARNING_DAYS) {
        return { kind: 'reauth-due', reauthorizeBy: store.reauthorizeBy, daysLeft };
      }
      return { kind: 'active' };
    }
  }
}

/** Revoked stores are never read again; every other status lets the API decide (it answers StoreNotActive). */
export function canOpenData(store: Store): boolean {
  return store.status !== 'REVOKED';
}

export function canDisconnect(store: Store): boolean {
  return store.role === 'owner' && store.status !== 'REVOKED';
}

export function canReadAudit(store: Store, isAdmin: boolean): boolean {
  return isAdmin || store.role === 'owner';
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
export function sortStores(stores: readonly Store[], now: number): Store[] {
  const rank: Record<StoreStatusView['kind'], number> = {
    'reauth-required': 0,
    'reauth-due': 1,
    suspended: 2,
    active: 3,
    revoked: 4,
  };
  return [...stores].sort(
    (a, b) =>
      rank[storeStatusView(a, now).kind] - rank[storeStatusView(b, now).kind] ||
      storeName(a).localeCompare(storeName(b)),
  );
}
