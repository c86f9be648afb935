import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { createDynamoDbRevocationSweepStore } from '../shared/adapters/dynamodb-revocation-sweep-store';
import { processEnvironment, readStorageSettings } from '../shared/config';
import { instrumented } from '../shared/observability/instrumented';
import { logger, metrics } from '../shared/observability/powertools';
import {
  REVOCATION_SWEEP_DEFINITION,
  runRevocationSweep,
  type RevocationSweepDependencies,
  type RevocationSweepReport,
} from '../shared/revocation/revocation-sweep';
import { auditTrail, revocationStore, systemClock } from '../shared/runtime/dependencies';
import { dynamoDbClient } from '../shared/runtime/aws-clients';

/**
 * Scheduled (EventBridge, every REVOCATION_SWEEP_DEFINITION.periodMinutes): completes any REVOKED store whose token
 * ciphertext still exists. `StoresSwept` above zero means a shred was lost upstream: it raises an alarm. The event
 * carries nothing we need. Logs name counts only, never a store's data.
 */
export const makeHandler = (deps: RevocationSweepDependencies, options: { stopMarginMs?: number } = {}) =>
  instrumented(async (_event: unknown, context: Context): Promise<RevocationSweepReport> => {
    const report = await runRevocationSweep(deps, {
      deadlineMs:
        deps.clock.now().getTime() +
        context.getRemainingTimeInMillis() -
        (options.stopMarginMs ?? REVOCATION_SWEEP_DEFINITION.stopMarginSeconds * 1000),
    });
    const summary = { ...report, stoppedBy: report.stoppedBy ?? 'finished' };
    if (report.storesSwept > 0)
      logger.error('revocation sweep deleted ciphertext a revocation had left behind', summary);
    else if (report.errors > 0)
      logger.warn('revocation sweep finished with errors; the next run retries', summary);
    else logger.info('revocation sweep finished', summary);
    metrics.addMetric('StoresSwept', MetricUnit.Count, report.storesSwept);
    metrics.addMetric('SweepAuditsCompleted', MetricUnit.Count, report.auditsCompleted);
    metrics.addMetric('SweepErrors', MetricUnit.Count, report.errors);
    metrics.addMetric('SweepCandidates', MetricUnit.Count, report.candidates);
    return report;
  });

const env = processEnvironment();
export const handler = makeHandler({
  sweepStore: createDynamoDbRevocationSweepStore(dynamoDbClient(), readStorageSettings(env).tableName),
  ledger: revocationStore(env),
  audit: auditTrail(env),
  clock: systemClock,
});
