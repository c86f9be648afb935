import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { AUDIT_WRITE_FAILED_METRIC } from '../observability/metric-names';
import { logger, metrics } from '../observability/powertools';
import type { ApplicationEventRecord, DataAccessRecord, StoreAccessRecord } from './audit-record';
import type { AuditTrail } from './audit-ports';

/**
 * Writes the record of an access that returns no data (`denied`, `error`): a refused data read, store action or
 * admin route. The caller's answer is already decided (the refusal or the failure), so a failed write does not
 * change it (a 403 stays a 403, never a 500), but it is never dropped quietly: it is logged (without the record's
 * content beyond ids) and counted as AuditWriteFailed, which AuditWriteFailedAlarm watches.
 */
export async function recordRefusedAccess(
  audit: AuditTrail,
  record: DataAccessRecord | StoreAccessRecord | ApplicationEventRecord,
): Promise<void> {
  try {
    await audit.write(record);
  } catch (error) {
    metrics.addMetric(AUDIT_WRITE_FAILED_METRIC, MetricUnit.Count, 1);
    logger.error('access record could not be written', {
      kind: record.kind,
      outcome: record.outcome,
      ...('dataset' in record ? { dataset: record.dataset } : {}),
      storeId: record.storeId,
      requestId: record.requestId,
      errorName: (error as Error)?.name,
    });
  }
}
