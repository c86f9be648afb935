import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { AUDIT_WRITE_FAILED_METRIC } from '../observability/metric-names';
import { logger, metrics } from '../observability/powertools';

/**
 * The `onAuditFailure` of a route whose change is already made when its audit record (`record`, e.g.
 * `settings-changed`) cannot be written: never silent, it is logged (the error's name only, never the record) and
 * counted as AuditWriteFailed, which AuditWriteFailedAlarm watches. The service awaits the write inside the
 * invocation, so the count is published with the invocation's other metrics when it ends (`logMetrics`).
 */
export const reportAuditFailure =
  (record: string) =>
  (error: unknown): void => {
    logger.error(`${record} audit record not written`, { errorName: (error as Error)?.name });
    metrics.addMetric(AUDIT_WRITE_FAILED_METRIC, MetricUnit.Count, 1);
  };
