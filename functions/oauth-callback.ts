import {
  completeAuthorization,
  type CallbackOutcome,
  type CompleteAuthorizationDependencies,
} from '../shared/authorization/complete-authorization';
import { ServiceUnavailable } from '../shared/errors';
import { tokenEncryptionContext } from '../shared/storage/token-encryption-context';
import { processEnvironment, readDashboardUrl, readRedirectUri } from '../shared/config';
import { reportAuditFailure } from '../shared/http/audit-failure';
import { httpHandler } from '../shared/http/handler';
import { redirect } from '../shared/http/responses';
import { logger, metrics } from '../shared/observability/powertools';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { accountStatusSubscriptions } from '../shared/notifications/account-status-runtime';
import {
  auditTrail,
  lwaClient,
  sellersApi,
  storeRepository,
  systemClock,
  tokenCipher,
} from '../shared/runtime/dependencies';

/**
 * GET /auth/amazon/callback, the OAuth redirect URI. The result goes back to the dashboard as a query parameter
 * (`connected=<storeId>` or `authError=<code>`); never the code, state or any token.
 */
export const makeHandler = (deps: CompleteAuthorizationDependencies & { dashboardUrl: string }) =>
  httpHandler('OAuthCallback', async (event) => {
    const query = event.queryStringParameters ?? {};
    const tooLong =
      Object.values(query).some((value) => (value ?? '').length > 2048) ||
      (event.rawQueryString ?? '').length > 8192;
    // API Gateway joins a repeated parameter with commas: a second code or state is refused, never tried.
    const outcome =
      tooLong || hasRepeatedParameter(event.rawQueryString ?? '')
        ? ({ result: 'failed', error: 'invalid_request' } as const)
        : await completeAuthorization(
            deps,
            {
              state: query['state'],
              sellingPartnerId: query['selling_partner_id'],
              code: query['spapi_oauth_code'],
              error: query['error'],
            },
            { cookies: event.cookies, requestId: event.requestContext.requestId },
          ).catch(unfinished);

    const target = new URL('/stores', deps.dashboardUrl);
    if (outcome.result === 'failed') {
      logger.warn('seller authorization refused', { authError: outcome.error });
      metrics.addMetric('AuthorizationRefused', MetricUnit.Count, 1);
      target.searchParams.set('authError', outcome.error);
    } else {
      logger.info('store connected', { storeId: outcome.storeId, result: outcome.result });
      metrics.addMetric(
        outcome.result === 'connected' ? 'StoreConnected' : 'StoreReauthorized',
        MetricUnit.Count,
        1,
      );
      target.searchParams.set('connected', outcome.storeId);
      target.searchParams.set('result', outcome.result);
    }
    return redirect(target.toString());
  });

/**
 * A seller always lands on the dashboard's result page, never on a JSON error: an outage says "try again", a fault
 * of ours says so (and is counted for the alarm). Nothing of the error reaches the URL.
 */
function unfinished(error: unknown): CallbackOutcome {
  logger.error('seller authorization could not be completed', {
    errorName: (error as Error)?.name,
    ...(error instanceof ServiceUnavailable ? { service: error.service, fault: error.fault } : {}),
  });
  const configuration = error instanceof ServiceUnavailable && error.fault === 'configuration';
  if (configuration) metrics.addMetric('ConfigurationFault', MetricUnit.Count, 1);
  return { result: 'failed', error: configuration ? 'configuration_error' : 'try_again' };
}

function hasRepeatedParameter(rawQueryString: string): boolean {
  const names = [...new URLSearchParams(rawQueryString).keys()];
  return new Set(names).size !== names.length;
}

const env = processEnvironment();
const cipher = tokenCipher(env);
// At most a few Notifications API calls after the connect, each cut at 3 s: the redirect never waits long.
const accountStatus = accountStatusSubscriptions(env, { timeoutMs: 3000 });
/** Context of the preflight probe: a real store never has this id (STORE_ID_PATTERN), so it is plainly a probe. */
const PREFLIGHT_CONTEXT = tokenEncryptionContext({
  storeId: 'preflight',
  sellingPartnerId: 'preflight',
  region: 'NA',
  purpose: 'SPAPI',
});
export const handler = makeHandler({
  preflight: async () => void (await cipher.encrypt('preflight', PREFLIGHT_CONTEXT)),
  states: storeRepository(env),
  stores: storeRepository(env),
  cipher,
  lwa: lwaClient(env),
  sellers: sellersApi(env),
  audit: auditTrail(env),
  clock: systemClock,
  redirectUri: readRedirectUri(env),
  dashboardUrl: readDashboardUrl(env),
  ...(accountStatus === undefined
    ? {}
    : {
        accountStatus: {
          subscribe: async (store, accessToken, context) => {
            const outcome = await accountStatus.subscribe(store, accessToken, context);
            if (outcome.result === 'pending') {
              logger.warn('account-status subscription pending; the health check retries it', {
                storeId: store.storeId,
                failure: outcome.failure,
              });
              metrics.addMetric('AccountStatusSubscriptionPending', MetricUnit.Count, 1);
            }
            return outcome;
          },
        },
      }),
  onConnectRefused: () => {
    // A claimed seller id named a store another team owns: counted for the takeover alarm.
    metrics.addMetric('StoreConnectRefused', MetricUnit.Count, 1);
  },
  onAuditFailure: reportAuditFailure('store-connected'),
});
