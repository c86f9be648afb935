/**
 * The members routes' request and response shapes (docs/contracts.md), one definition for the API and the
 * dashboard. `GET/POST /api/stores/{storeId}/members`, `DELETE /api/stores/{storeId}/members/{userId}`.
 */
import type { MemberRole } from '../stores/store';

export type { MemberRole };
export const MEMBER_ROLES: readonly MemberRole[] = ['owner', 'operator'];

/** One person with access to a store. `email`/`name` come from the operator directory (Cognito). */
export interface StoreMember {
  readonly userId: string;
  /** Null only when the operator no longer exists in the directory. */
  readonly email: string | null;
  readonly name: string | null;
  readonly role: MemberRole;
  readonly addedAt: string;
  /** The operator who added them; for the first owner, the operator who connected the store. */
  readonly addedBy: string | null;
}

/** `GET /api/stores/{storeId}/members` */
export interface MembersResponse {
  readonly storeId: string;
  readonly members: readonly StoreMember[];
  /** What the caller may do here: owners manage members. */
  readonly canManage: boolean;
}

/** `POST /api/stores/{storeId}/members` body. */
export interface AddMemberRequest {
  readonly email: string;
  readonly role: MemberRole;
}

/** `POST /api/stores/{storeId}/members` answer: 201 when added, 200 when an existing member's role changed or stayed. */
export interface AddMemberResponse {
  readonly storeId: string;
  readonly member: StoreMember;
  readonly result: 'added' | 'role-changed' | 'unchanged';
}

/** `DELETE /api/stores/{storeId}/members/{userId}` answer (200). */
export interface RemoveMemberResponse {
  readonly storeId: string;
  readonly userId: string;
  readonly result: 'removed';
}

/**
 * `DELETE /api/stores/{storeId}` answer (202). By the time it is sent the store refuses every read and its token
 * ciphertext is deleted (crypto-shredded) in the same transaction; snapshots are purged right after, and the
 * revocation queue holds a copy of the event so a crash cannot leave any of it undone.
 */
export interface DisconnectResponse {
  readonly storeId: string;
  readonly status: 'REVOKED';
  readonly revokedReason: 'disconnect';
  readonly shredding: 'done';
}
