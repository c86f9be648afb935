import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { recordRefusedAccess } from '../audit/refused-access-record';
import { DomainError } from '../errors';
import { AUDIT_WRITE_FAILED_METRIC } from '../observability/metric-names';
import { metrics } from '../observability/powertools';
import type { AuditTrail, Clock } from '../ports';
import type { StoreProfile } from '../stores/store';
import { accessRecord, type DataRequest } from './store-access';

// Counted (EMF) each time an access record could not be written: AuditWriteFailedAlarm watches it.
export { AUDIT_WRITE_FAILED_METRIC };

export interface AuditedResult<T> {
  readonly value: T;
  readonly itemCount: number;
  readonly source: 'amazon' | 'snapshot';
}

/**
 * Runs a read behind the access gate and writes its record: `allowed` before the data leaves (if it cannot be
 * written, the caller gets 503 AuditUnavailable and no data), `denied` for a revocation found on the way, and
 * `error` for any other failure.
 */
export async function auditedRead<T>(
  deps: { readonly audit: AuditTrail; readonly clock: Clock },
  request: DataRequest,
  store: StoreProfile,
  read: () => Promise<AuditedResult<T>>,
): Promise<T> {
  const identity = { sellingPartnerId: store.sellingPartnerId, region: store.region };
  let result: AuditedResult<T>;
  try {
    result = await read();
  } catch (error) {
    const revoked = error instanceof DomainError && error.code === 'AuthorizationRevoked';
    await recordRefusedAccess(
      deps.audit,
      revoked
        ? accessRecord(request, deps.clock.now(), 'denied', { ...identity, storeStatus: 'REVOKED' })
        : accessRecord(request, deps.clock.now(), 'error', identity),
    );
    throw error;
  }
  try {
    await deps.audit.write(
      accessRecord(request, deps.clock.now(), 'allowed', {
        ...identity,
        source: result.source,
        itemCount: result.itemCount,
      }),
    );
  } catch {
    metrics.addMetric(AUDIT_WRITE_FAILED_METRIC, MetricUnit.Count, 1);
    throw new DomainError(
      'AuditUnavailable',
      'The access could not be recorded, so no data was returned; try again shortly.',
    );
  }
  return result.value;
}
