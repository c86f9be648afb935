import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { processEnvironment, readClientSecretRotationLeadDays } from '../shared/config';
import {
  startClientSecretRotation,
  type StartRotationDependencies,
  type StartRotationReport,
} from '../shared/notifications/start-client-secret-rotation';
import { instrumented } from '../shared/observability/instrumented';
import { logger, metrics } from '../shared/observability/powertools';
import {
  applicationManagementApi,
  auditTrail,
  clientSecretLedger,
  clientSecretStore,
  lwaClient,
  systemClock,
} from '../shared/runtime/dependencies';

/**
 * Daily (EventBridge schedule): reports the LWA client secret's age and days left, and asks Amazon to rotate it
 * once it is within the lead time. A failure (LWA, Amazon, not enrolled for rotation) is a Lambda error: its
 * alarm fires, and tomorrow's run tries again.
 */
export const makeHandler = (deps: StartRotationDependencies) =>
  instrumented(async (_event: unknown, context: Context): Promise<StartRotationReport> => {
    try {
      const report = await startClientSecretRotation(deps, context.awsRequestId);
      logger.info('client-secret rotation check finished', { ...report });
      metrics.addMetric('ClientSecretAgeDays', MetricUnit.Count, report.ageDays);
      metrics.addMetric('ClientSecretDaysLeft', MetricUnit.Count, report.daysLeft);
      if (report.action === 'requested')
        metrics.addMetric('ClientSecretRotationRequested', MetricUnit.Count, 1);
      return report;
    } catch (error) {
      logger.error('client-secret rotation could not be started', {
        errorName: (error as Error)?.name,
        errorMessage: (error as Error)?.message,
      });
      metrics.addMetric('ClientSecretRotationStartFailed', MetricUnit.Count, 1);
      throw error;
    }
  });

const env = processEnvironment();
export const handler = makeHandler({
  secrets: clientSecretStore(env),
  ledger: clientSecretLedger(env),
  lwa: lwaClient(env),
  applications: applicationManagementApi(env),
  audit: auditTrail(env),
  clock: systemClock,
  leadDays: readClientSecretRotationLeadDays(env),
});
