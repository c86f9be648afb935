import { recordRefusedAccess } from '../audit/refused-access-record';
import type { StoreAccessRecord } from '../audit/audit-record';
import type { AuditTrail, Clock } from '../ports';

export interface StoreActionContext {
  readonly actorId: string;
  readonly storeId: string;
  /** The route refused: `DisconnectStore`, `GetStoreAudit`, `ListStoreMembers`… */
  readonly operation: string;
  readonly requestId: string;
}

/**
 * A refused store action (disconnect, access log, members) is audited as `denied` before the refusal answers,
 * like a refused data read: the store's owners see in their access log that someone tried. Nothing of the store
 * is read for it, so the record names only what the caller sent.
 */
export async function auditStoreActionDenied(
  deps: { audit: AuditTrail; clock: Clock },
  context: StoreActionContext,
): Promise<void> {
  await recordRefusedAccess(
    deps.audit,
    storeAccessRecord(deps.clock.now(), context, 'store-action-denied', 'denied', {}),
  );
}

export function storeAccessRecord(
  at: Date,
  context: StoreActionContext,
  kind: StoreAccessRecord['kind'],
  outcome: StoreAccessRecord['outcome'],
  detail: StoreAccessRecord['detail'],
  identity: Pick<StoreAccessRecord, 'sellingPartnerId' | 'region'> = { sellingPartnerId: null, region: null },
): StoreAccessRecord {
  return {
    kind,
    at: at.toISOString(),
    actor: { type: 'operator', id: context.actorId },
    storeId: context.storeId,
    ...identity,
    operation: context.operation,
    outcome,
    requestId: context.requestId,
    detail,
  };
}
