import { checkAmazonCallbackUri } from '../shared/authorization/consent-urls';
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
import { SELLING_PARTNER_ID_PATTERN } from '../shared/stores/store';

/**
 * GET /auth/amazon/login, the Appstore Login URI. Amazon sends the seller's browser here; we forward Amazon's
 * parameters to the dashboard's Appstore page, where the signed-in operator continues. Only an Amazon Seller
 * Central `amazon_callback_uri` is accepted, so this can never redirect elsewhere.
 */
export const makeHandler = (deps: {
  dashboardUrl: string;
  appId: string;
  sellerCentralOverride: string | undefined;
}) =>
  httpHandler('AppstoreLogin', async (event) => {
    try {
      const callbackUri = queryParameter(event, 'amazon_callback_uri', 2048);
      const amazonState = queryParameter(event, 'amazon_state', 1024);
      const sellingPartnerId = queryParameter(event, 'selling_partner_id', 32);
      const version = queryParameter(event, 'version', 8);
      if (callbackUri === undefined || amazonState === undefined || !/^[\x21-\x7e]+$/.test(amazonState))
        throw new DomainError('BadRequest', 'missing');
      if (sellingPartnerId === undefined || !SELLING_PARTNER_ID_PATTERN.test(sellingPartnerId))
        throw new DomainError('BadRequest', 'seller');
      if (version !== undefined && version !== 'beta') throw new DomainError('BadRequest', 'version');
      checkAmazonCallbackUri(callbackUri, deps);
      const target = new URL('/appstore', deps.dashboardUrl);
      target.searchParams.set('amazon_callback_uri', callbackUri);
      target.searchParams.set('amazon_state', amazonState);
      target.searchParams.set('selling_partner_id', sellingPartnerId);
      if (version !== undefined) target.searchParams.set('version', version);
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
