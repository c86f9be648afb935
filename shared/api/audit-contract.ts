/**
 * `GET /api/stores/{storeId}/audit?from&to&cursor`: one store's access log, newest first, a page at a time. One
 * definition for the API (shared/stores/store-admin.ts) and the dashboard (dashboard/src/api/types.ts).
 */
import type { AuditRecord } from '../audit/audit-record';

/** A record of one store (app-wide events, such as a client secret rotation, belong to no store's log). */
export type StoreAuditRecord = Extract<AuditRecord, { readonly storeId: string }>;
export type { StoreAuditRecord as AuditRecord };

/** Records in one answer at most. */
export const AUDIT_PAGE_SIZE = 500;

/**
 * Who an operator was, from the user pool, added to each record whose actor is an operator (system records have
 * neither field). Both null: the user pool has no such user any more (shown as the id, "unknown user"). Both
 * absent on an operator's record: the user pool could not be asked this time (shown as the id).
 */
export interface AuditActorIdentity {
  readonly actorName?: string | null;
  readonly actorEmail?: string | null;
}

/** A record as the access log answers it: the audit record unchanged, plus who its operator is. */
export type AuditLogEntry = StoreAuditRecord & AuditActorIdentity;

export interface AuditResponse {
  readonly storeId: string;
  /** The range read, inclusive (the defaults filled in): ask for the next page with the same range. */
  readonly from: string;
  readonly to: string;
  /** Newest first, at most AUDIT_PAGE_SIZE. */
  readonly records: readonly AuditLogEntry[];
  /** Present when older records exist in the range: pass it back as `cursor` for the next page. */
  readonly nextCursor?: string;
}
