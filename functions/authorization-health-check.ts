import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { processEnvironment } from '../shared/config';
import { accountStatusSubscriptions } from '../shared/notifications/account-status-runtime';
import { instrumented } from '../shared/observability/instrumented';
import { logger, metrics } from '../shared/observability/powertools';
import {
  runAuthorizationHealthCheck,
  type HealthCheckDependencies,
  type HealthCheckReport,
} from '../shared/revocation/authorization-health-check';
import type { ActiveStoreDirectory } from '../shared/revocation/ports';
import {
  auditTrail,
  lwaClient,
  revocationQueue,
  revocationStore,
  systemClock,
} from '../shared/runtime/dependencies';
import {
  scopedAccountStatusSubscriptionStore,
  scopedHealthCheckResults,
  scopedRevocationStore,
  scopedStoreRepository,
  scopedTokenCipher,
  storeScope,
} from '../shared/runtime/store-sessions';

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
// The listing (a Scan of every store) and the run's cursor (`JOB#…`) with the function's role; each store's check
// on its own SPAPI session: its token, its profile, its subscription and health-check records.
const everyStore = revocationStore(env);
const ownStore = scopedRevocationStore(env);
const directory: ActiveStoreDirectory = {
  activeStorePages: (pageSize, startAfter) => everyStore.activeStorePages(pageSize, startAfter),
  readHealthCheckCursor: () => everyStore.readHealthCheckCursor(),
  saveHealthCheckCursor: (storeId, now) => everyStore.saveHealthCheckCursor(storeId, now),
  markReauthorizationRequired: (storeId, reauthorizeBy, now) =>
    ownStore.markReauthorizationRequired(storeId, reauthorizeBy, now),
};
const accountStatus = accountStatusSubscriptions(env, { store: scopedAccountStatusSubscriptionStore(env) });
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
  directory,
  scope: storeScope(env),
  results: scopedHealthCheckResults(env),
  stores: scopedStoreRepository(env),
  cipher: scopedTokenCipher(env),
  lwa: lwaClient(env),
  revocations: revocationQueue(env),
  audit: auditTrail(env),
  clock: systemClock,
});
