/**
 * `GET /api/admin/stores?cursor`: every store, for admins only (others get 403, audited). One definition for the
 * API (shared/stores/admin-store-listing.ts, functions/list-admin-stores.ts) and the dashboard's admin page.
 *
 * Admins read who has access and how the store's authorization stands; they do not see store data. The store's
 * members and access log open for them (GET members and audit allow admins), its inventory, orders and ads only
 * if they are members.
 */
import type { CheckResult } from '../revocation/authorization-health-check';
import type { MemberRole } from '../stores/store';
import type { StoreSummary } from './stores-contract';

/** Stores in one answer at most. */
export const ADMIN_STORES_PAGE_SIZE = 50;

/** One member of a store, with the name and email of the user pool (null when the user no longer exists). */
export interface AdminStoreMember {
  readonly userId: string;
  readonly email: string | null;
  readonly name: string | null;
  readonly role: MemberRole;
}

/** The daily authorization health check's last result for the store. */
export interface AdminHealthCheck {
  readonly result: CheckResult;
  readonly checkedAt: string;
}

export interface AdminStoreSummary extends Omit<StoreSummary, 'role'> {
  /** The caller's own membership, or null: an admin who is not a member sees no store data. */
  readonly role: MemberRole | null;
  /** Every member, owners first. */
  readonly members: readonly AdminStoreMember[];
  /** Null before the store's first check. */
  readonly healthCheck: AdminHealthCheck | null;
}

export interface AdminStoresResponse {
  /** Most urgent first within the page (not active, then re-authorization due soonest). */
  readonly stores: readonly AdminStoreSummary[];
  /**
   * Present when the table holds more: pass it back as `cursor`. A page may hold fewer stores than the page size,
   * even none, and still have a next one (each page reads a bounded part of the table).
   */
  readonly nextCursor?: string;
}
