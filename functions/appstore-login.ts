import { checkAmazonCallbackUri } from '../shared/authorization/consent-urls';
import { AppstoreRequest } from '../shared/authorization/appstore-request';
import {
  processEnvironment,
  readAmazonEndpoints,
  readAppRegistration,
  readDashboardUrl,
} from '../shared/config';
import { DomainError } from '../shared/errors';
import { httpHandler } from '../shared/http/handler';
import { queryParameter } from '../shared/http/request';
import { redirect } from '../shared/http/responses';

/**
 * GET /auth/amazon/login, the Appstore Login URI. Amazon sends the seller's browser here; we forward Amazon's
 * parameters to the dashboard's Appstore page, where the signed-in operator continues. Only an Amazon Seller
 * Central `amazon_callback_uri` is accepted, so this can never redirect elsewhere.
 */
const MAX_PARAMETER_LENGTH = 4096;

export const makeHandler = (deps: {
  dashboardUrl: string;
  appId: string;
  sellerCentralOverride: string | undefined;
}) =>
  httpHandler('AppstoreLogin', async (event) => {
    try {
      // The rules of POST /api/authorizations' Appstore body; the cap here only keeps huge values out of zod.
      const version = queryParameter(event, 'version', MAX_PARAMETER_LENGTH);
      const parsed = AppstoreRequest.safeParse({
        amazonCallbackUri: queryParameter(event, 'amazon_callback_uri', MAX_PARAMETER_LENGTH),
        amazonState: queryParameter(event, 'amazon_state', MAX_PARAMETER_LENGTH),
        sellingPartnerId: queryParameter(event, 'selling_partner_id', MAX_PARAMETER_LENGTH),
        ...(version === undefined ? {} : { version }),
      });
      if (!parsed.success) throw new DomainError('BadRequest', 'appstore parameters');
      const request = parsed.data;
      checkAmazonCallbackUri(request.amazonCallbackUri, deps);
      const target = new URL('/appstore', deps.dashboardUrl);
      target.searchParams.set('amazon_callback_uri', request.amazonCallbackUri);
      target.searchParams.set('amazon_state', request.amazonState);
      target.searchParams.set('selling_partner_id', request.sellingPartnerId);
      if (request.version !== undefined) target.searchParams.set('version', request.version);
      return redirect(target.toString());
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const target = new URL('/stores', deps.dashboardUrl);
      target.searchParams.set('authError', 'invalid_request');
      return redirect(target.toString());
    }
  });

const env = processEnvironment();
export const handler = makeHandler({
  dashboardUrl: readDashboardUrl(env),
  appId: readAppRegistration(env).appId,
  sellerCentralOverride: readAmazonEndpoints(env).sellerCentralUrl,
});
