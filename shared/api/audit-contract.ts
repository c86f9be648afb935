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

export interface AuditResponse {
  readonly storeId: string;
  /** The range read, inclusive (the defaults filled in): ask for the next page with the same range. */
  readonly from: string;
  readonly to: string;
  /** Newest first, at most AUDIT_PAGE_SIZE. */
  readonly records: readonly StoreAuditRecord[];
  /** Present when older records exist in the range: pass it back as `cursor` for the next page. */
  readonly nextCursor?: string;
}
