import {
  DEFAULT_SELLER_CENTRAL,
  findMarketplace,
  regionOfSellerCentralOrigin,
  type Region,
} from '../amazon/marketplaces';
import { BadRequest } from '../errors';

/**
 * Seller Central consent for the website flow:
 * `{sellerCentral}/apps/authorize/consent?application_id=…&state=…[&version=beta]`.
 * `sellerCentralOverride` (MINT_HUB_SELLER_CENTRAL_URL) replaces every consent host, for sandboxes.
 */
export function websiteConsentUrl(args: {
  appId: string;
  state: string;
  draft: boolean;
  region: Region;
  marketplace: string | undefined;
  sellerCentralOverride: string | undefined;
}): string {
  let host = DEFAULT_SELLER_CENTRAL[args.region];
  if (args.marketplace !== undefined) {
    const marketplace = findMarketplace(args.marketplace);
    if (marketplace === undefined)
      throw new BadRequest(`Unknown marketplace "${args.marketplace.slice(0, 32)}".`);
    if (marketplace.region !== args.region) {
      throw new BadRequest(
        `Marketplace ${marketplace.countryCode} belongs to region ${marketplace.region}, not ${args.region}.`,
      );
    }
    host = marketplace.sellerCentralUrl;
  }
  const url = new URL('/apps/authorize/consent', args.sellerCentralOverride ?? host);
  url.searchParams.set('application_id', args.appId);
  url.searchParams.set('state', args.state);
  if (args.draft) url.searchParams.set('version', 'beta');
  return url.toString();
}

const APPSTORE_CONFIRM_PATH = '/apps/authorize/confirm/';

/**
 * Checks an Appstore `amazon_callback_uri`: it must be Amazon's Seller Central over HTTPS (or the configured
 * sandbox Seller Central) on the confirm page of our own application (`/apps/authorize/confirm/{appId}`), so the
 * Login URI can never be used as an open redirect, nor to send a seller on to another app's confirmation.
 * Answers the region the host belongs to, when the host tells it.
 */
export function checkAmazonCallbackUri(
  raw: string,
  options: { appId: string; sellerCentralOverride: string | undefined },
): { url: URL; region: Region | undefined } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BadRequest('amazon_callback_uri is not a URL.');
  }
  const refuse = () =>
    new BadRequest("amazon_callback_uri must be Amazon Seller Central's confirm page for this application.");
  if (url.username !== '' || url.password !== '' || url.hash !== '') throw refuse();
  if (url.pathname !== `${APPSTORE_CONFIRM_PATH}${options.appId}`) throw refuse();
  if (
    options.sellerCentralOverride !== undefined &&
    url.origin === new URL(options.sellerCentralOverride).origin
  ) {
    return { url, region: undefined };
  }
  if (url.protocol !== 'https:' || url.port !== '') throw refuse();
  const region = regionOfSellerCentralOrigin(url.origin);
  if (region === undefined) throw refuse();
  return { url, region };
}

/** Where the Appstore flow continues: back to Amazon with its `amazon_state` unchanged, our `state`, and beta if draft. */
export function appstoreContinueUrl(
  callback: URL,
  args: { amazonState: string; state: string; draft: boolean },
): string {
  const url = new URL(callback.toString());
  url.searchParams.set('amazon_state', args.amazonState);
  url.searchParams.set('state', args.state);
  if (args.draft) url.searchParams.set('version', 'beta');
  return url.toString();
}
