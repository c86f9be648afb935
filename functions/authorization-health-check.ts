import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { processEnvironment } from '../shared/config';
import { accountStatusSubscriptions } from '../shared/notifications/account-status-runtime';
import { instrumented } from '../shared/observability/instrumented';
import { logger, metrics } from '../shared/observability/powertools';
import { healthCheckResults } from '../shared/runtime/admin-dependencies';
import {
  runAuthorizationHealthCheck,
  type HealthCheckDependencies,
  type HealthCheckReport,
} from '../shared/revocation/authorization-health-check';
import {
  auditTrail,
  lwaClient,
  revocationQueue,
  revocationStore,
  storeRepository,
  systemClock,
  tokenCipher,
} from '../shared/runtime/dependencies';

/**
 * Kept back from the function's timeout: no check starts later, so one in flight (an LWA call has a 5 s timeout and
 * two retries) finishes and the report is logged before Lambda stops the function.
 */
const STOP_MARGIN_MS = 45_000;

/** Daily (EventBridge schedule): one refresh-grant exchange per ACTIVE store. The event carries nothing we need. */
export const makeHandler = (
  deps: HealthCheckDependencies,
  options: { concurrency?: number; stopMarginMs?: number } = {},
) =>
  instrumented(async (_event: unknown, context: Context): Promise<HealthCheckReport> => {
    const report = await runAuthorizationHealthCheck(deps, {
      deadlineMs:
        deps.clock.now().getTime() +
        context.getRemainingTimeInMillis() -
        (options.stopMarginMs ?? STOP_MARGIN_MS),
      requestId: context.awsRequestId,
      concurrency: options.concurrency ?? 5,
    });
    const summary = { ...report, stoppedBy: report.stoppedBy ?? 'finished' };
    if (report.stoppedBy === 'lwa-client-rejected')
      logger.error(
        'LWA refused our client credentials; the health check stopped (check the client secret)',
        summary,
      );
    else if (report.stoppedBy === 'time-budget')
      logger.warn('authorization health check ran out of time; the rest is checked tomorrow', summary);
    else logger.info('authorization health check finished', summary);
    metrics.addMetric('AuthorizationsChecked', MetricUnit.Count, report.checked);
    metrics.addMetric('AuthorizationsRevokedFound', MetricUnit.Count, report.revocationsQueued);
    metrics.addMetric('AuthorizationCheckErrors', MetricUnit.Count, report.errors);
    metrics.addMetric('AuthorizationsLeftUnchecked', MetricUnit.Count, report.left);
    return report;
  });

const env = processEnvironment();
const accountStatus = accountStatusSubscriptions(env);
export const handler = makeHandler({
  ...(accountStatus === undefined
    ? {}
    : {
        accountStatus: {
          ensureSubscribed: async (store, accessToken, context) => {
            const outcome = await accountStatus.ensureSubscribed(store, accessToken, context);
            // Counted for AccountStatusSubscriptionPendingAlarm: the retry itself failed.
            if (outcome.result === 'pending')
              metrics.addMetric('AccountStatusSubscriptionPending', MetricUnit.Count, 1);
            return outcome;
          },
        },
      }),
  directory: revocationStore(env),
  results: healthCheckResults(env),
  stores: storeRepository(env),
  cipher: tokenCipher(env),
  lwa: lwaClient(env),
  revocations: revocationQueue(env),
  audit: auditTrail(env),
  clock: systemClock,
});
