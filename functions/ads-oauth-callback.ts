import { MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  completeAdsAuthorization,
  type AdsCallbackOutcome,
  type CompleteAdsAuthorizationDependencies,
} from '../shared/ads/ads-consent';
import { adsApi, adsLwaClient, adsReportQueue, adsRepository } from '../shared/ads/ads-runtime';
import { processEnvironment, readAdsSettings, readDashboardUrl } from '../shared/config';
import { ServiceUnavailable } from '../shared/errors';
import { httpHandler } from '../shared/http/handler';
import { redirect } from '../shared/http/responses';
import { AUDIT_WRITE_FAILED_METRIC } from '../shared/observability/metric-names';
import { logger, metrics } from '../shared/observability/powertools';
import { auditTrail, storeRepository, systemClock, tokenCipher } from '../shared/runtime/dependencies';
import { tokenEncryptionContext } from '../shared/storage/token-encryption-context';

/**
 * GET /auth/amazon-ads/callback: Amazon's redirect after the Ads consent. Always lands on the dashboard's store
 * page with `adsConnected=<n>` or `adsError=<code>`; never the code, state or a token in a URL or a log.
 */
export const makeHandler = (deps: CompleteAdsAuthorizationDependencies & { dashboardUrl: string }) =>
  httpHandler('AdsOAuthCallback', async (event) => {
    const query = event.queryStringParameters ?? {};
    const raw = event.rawQueryString ?? '';
    const names = [...new URLSearchParams(raw).keys()];
    const malformed =
      Object.values(query).some((value) => (value ?? '').length > 2048) ||
      raw.length > 8192 ||
      new Set(names).size !== names.length;
    const outcome: AdsCallbackOutcome = malformed
      ? { result: 'failed', error: 'invalid_request' }
      : await completeAdsAuthorization(
          deps,
          {
            ...(query['state'] === undefined ? {} : { state: query['state'] }),
            ...(query['code'] === undefined ? {} : { code: query['code'] }),
            ...(query['scope'] === undefined ? {} : { scope: query['scope'] }),
            ...(query['error'] === undefined ? {} : { error: query['error'] }),
          },
          { cookies: event.cookies, requestId: event.requestContext.requestId },
        ).catch(unfinished);

    const target = new URL(
      outcome.storeId === undefined ? '/stores' : `/stores/${encodeURIComponent(outcome.storeId)}/ads`,
      deps.dashboardUrl,
    );
    if (outcome.result === 'failed') {
      logger.warn('ads authorization refused', { adsError: outcome.error, storeId: outcome.storeId });
      metrics.addMetric('AdsAuthorizationRefused', MetricUnit.Count, 1);
      target.searchParams.set('adsError', outcome.error);
    } else {
      logger.info('ads connected', { storeId: outcome.storeId, marketplaces: outcome.marketplaces });
      metrics.addMetric('AdsConnected', MetricUnit.Count, 1);
      target.searchParams.set('adsConnected', String(outcome.marketplaces));
    }
    metrics.publishStoredMetrics();
    return redirect(target.toString());
  });

function unfinished(error: unknown): AdsCallbackOutcome {
  logger.error('ads authorization could not be completed', {
    errorName: (error as Error)?.name,
    ...(error instanceof ServiceUnavailable ? { service: error.service, fault: error.fault } : {}),
  });
  const configuration = error instanceof ServiceUnavailable && error.fault === 'configuration';
  if (configuration) metrics.addMetric('ConfigurationFault', MetricUnit.Count, 1);
  return { result: 'failed', error: configuration ? 'configuration_error' : 'try_again' };
}

const env = processEnvironment();
const cipher = tokenCipher(env);
const repository = storeRepository(env);
const PREFLIGHT_CONTEXT = tokenEncryptionContext({
  storeId: 'preflight',
  sellingPartnerId: 'preflight',
  region: 'NA',
  purpose: 'ADS',
});
export const handler = makeHandler({
  preflight: async () => void (await cipher.encrypt('preflight', PREFLIGHT_CONTEXT)),
  states: repository,
  stores: repository,
  adsStore: adsRepository(env),
  cipher,
  lwa: adsLwaClient(env),
  api: adsApi(env),
  queue: adsReportQueue(env),
  audit: auditTrail(env),
  clock: systemClock,
  redirectUri: readAdsSettings(env).redirectUri,
  dashboardUrl: readDashboardUrl(env),
  onAuditFailure: (error) => {
    logger.error('ads record or first report request not written', { errorName: (error as Error)?.name });
    metrics.addMetric(AUDIT_WRITE_FAILED_METRIC, MetricUnit.Count, 1);
  },
});
