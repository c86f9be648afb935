import * as z from 'zod';
import { isRegion, REGIONS, type Region } from '../amazon/marketplaces';
import type { AppRegistration } from '../config/amazon-settings';
import { BadRequest } from '../errors';
import type { Clock, OAuthStateStore } from '../ports';
// The Appstore body's schema lives in its own module, which the dashboard loads too.
import { AppstoreRequest } from './appstore-request';
import { appstoreContinueUrl, checkAmazonCallbackUri, websiteConsentUrl } from './consent-urls';
import { bindingFor, newState, sha256, STATE_LIFETIME_SECONDS, type OAuthStateRecord } from './oauth-state';

/** `POST /api/authorizations` bodies: the website flow, or the Appstore flow continuing from our Login URI. */
const WebsiteRequest = z.strictObject({
  region: z.string().refine(isRegion, { message: `region must be one of ${REGIONS.join(', ')}` }),
  marketplace: z.string().min(2).max(32).optional(),
});

export interface StartAuthorizationDependencies {
  readonly states: OAuthStateStore;
  readonly clock: Clock;
  readonly app: AppRegistration;
  readonly sellerCentralOverride: string | undefined;
}

export interface StartedAuthorization {
  readonly redirectUrl: string;
  /** Set when the browser has no binding cookie yet. */
  readonly setCookie: string | undefined;
}

export function parseStartRequest(
  body: unknown,
): z.infer<typeof WebsiteRequest> | z.infer<typeof AppstoreRequest> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequest(
      'The body must be a JSON object: {"region","marketplace"?} (website flow) or {"amazonCallbackUri","amazonState","sellingPartnerId","version"?} (Appstore flow).',
    );
  }
  const candidate = 'amazonCallbackUri' in body ? AppstoreRequest : WebsiteRequest;
  const parsed = candidate.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const field = issue.path.join('.');
      return field === '' || issue.message.startsWith(field) ? issue.message : `${field}: ${issue.message}`;
    });
    throw new BadRequest(problems.join('; '));
  }
  return parsed.data;
}

/**
 * Creates a single-use state bound to the operator, the intended region/seller and this browser, and answers
 * where the browser goes next: Seller Central consent (website) or Amazon's Appstore callback (Appstore).
 */
export async function startAuthorization(
  deps: StartAuthorizationDependencies,
  input: { userId: string; body: unknown; cookies: readonly string[] | undefined },
): Promise<StartedAuthorization> {
  const request = parseStartRequest(input.body);
  const { state, stateHash } = newState();
  const { binding, setCookie } = bindingFor(input.cookies);
  const now = deps.clock.now();

  let region: Region | undefined;
  let sellingPartnerId: string | undefined;
  let redirectUrl: string;
  if ('amazonCallbackUri' in request) {
    const callback = checkAmazonCallbackUri(request.amazonCallbackUri, {
      appId: deps.app.appId,
      sellerCentralOverride: deps.sellerCentralOverride,
    });
    region = callback.region;
    sellingPartnerId = request.sellingPartnerId;
    redirectUrl = appstoreContinueUrl(callback.url, {
      amazonState: request.amazonState,
      state,
      draft: deps.app.draft,
    });
  } else {
    region = request.region as Region;
    redirectUrl = websiteConsentUrl({
      appId: deps.app.appId,
      state,
      draft: deps.app.draft,
      region,
      marketplace: request.marketplace,
      sellerCentralOverride: deps.sellerCentralOverride,
    });
  }

  const record: OAuthStateRecord = {
    stateHash,
    userId: input.userId,
    flow: 'amazonCallbackUri' in request ? 'appstore' : 'website',
    region,
    sellingPartnerId,
    bindingHash: sha256(binding),
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + STATE_LIFETIME_SECONDS,
  };
  await deps.states.saveState(record);
  return { redirectUrl, setCookie };
}
