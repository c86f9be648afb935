/**
 * `GET /api/stores`: the caller's stores with their status, most urgent first. One definition for the API
 * (shared/stores/store-admin.ts, functions/list-stores.ts) and the dashboard (dashboard/src/api/types.ts).
 */
import type { MemberRole, StoreProfile } from '../stores/store';

export interface StoreSummary extends StoreProfile {
  /**
   * Why a REVOKED store is revoked: `disconnect` = an owner disconnected it in Mint Hub; `invalid_grant` /
   * `health-check` = the seller revoked at Amazon or the authorization lapsed; `account-status` = Amazon
   * deactivated the account (shared/revocation/revocation-event.ts).
   */
  readonly revokedReason?: string;
  /** The caller's membership. */
  readonly role: MemberRole;
  /** Whole days until `reauthorizeBy`, floored: negative once past (shared/stores/reauthorization.ts). */
  readonly reauthorizeInDays: number;
  /** The API's rule: an ACTIVE store within REAUTHORIZATION_NOTICE_DAYS of `reauthorizeBy`. Shown, never derived. */
  readonly reauthorizationDue: boolean;
}

export interface StoresResponse {
  readonly stores: readonly StoreSummary[];
  /** Whether the caller is in the admin group. */
  readonly isAdmin: boolean;
}
