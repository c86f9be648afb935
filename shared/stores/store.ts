import type { Region } from '../amazon/marketplaces';
import type { StoreAccountStatusFields } from '../api/account-status-contract';

export type StoreStatus = 'ACTIVE' | 'REAUTH_REQUIRED' | 'SUSPENDED' | 'REVOKED';
export type MemberRole = 'owner' | 'operator';

/** A store is one (sellingPartnerId, region) pair; its id is stable across re-authorization. */
export const storeIdOf = (sellingPartnerId: string, region: Region): string =>
  `${sellingPartnerId}-${region}`;

export const STORE_ID_PATTERN = /^[A-Z0-9]{8,32}-(NA|EU|FE)$/;
export const SELLING_PARTNER_ID_PATTERN = /^[A-Z0-9]{8,32}$/;

/** How long an SP-API authorization lasts before the seller must renew it. */
export const AUTHORIZATION_LIFETIME_DAYS = 365;

/** `accountStatus` / `accountStatusAt`: Amazon's last ACCOUNT_STATUS_CHANGED for the store (the revocation worker). */
export interface StoreProfile extends StoreAccountStatusFields {
  readonly storeId: string;
  readonly sellingPartnerId: string;
  readonly region: Region;
  readonly marketplaceIds: readonly string[];
  readonly displayName: string;
  readonly status: StoreStatus;
  readonly connectedAt: string;
  readonly reauthorizeBy: string;
  readonly revokedAt?: string;
  readonly revokedReason?: string;
}

export interface StoreMembership {
  readonly storeId: string;
  readonly userId: string;
  readonly role: MemberRole;
}
