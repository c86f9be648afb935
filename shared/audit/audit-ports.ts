/** The audit trail (written before data leaves) and its reader (one store's records, a page at a time). */
import type { StoreAuditRecord } from '../api/audit-contract';
import type { AuditPosition } from './audit-cursor';
import type { AuditRecord } from './audit-record';

export interface AuditTrail {
  /** Resolves once the record is durably written; rejects otherwise. */
  write(record: AuditRecord): Promise<void>;
}

export interface AuditQuery {
  readonly storeId: string;
  /** Inclusive bounds. */
  readonly from: Date;
  readonly to: Date;
  /** At most this many records, newest first. */
  readonly limit: number;
  /** Only records after this place in newest-first order: the `next` of the previous page. */
  readonly after?: AuditPosition;
}

export interface AuditPage {
  readonly records: StoreAuditRecord[];
  /** Where the next page starts; absent when the range holds nothing older. */
  readonly next?: AuditPosition;
}

/** One store's records newest first, a page at a time: no record lost or repeated across pages. */
export interface AuditReader {
  readStoreRecords(query: AuditQuery): Promise<AuditPage>;
}
