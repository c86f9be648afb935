import { createHash, randomBytes } from 'node:crypto';
import { LwaError } from '../amazon/amazon-errors';
import { REGIONS, type Region } from '../amazon/marketplaces';
import type { AdsAuthorizationError } from '../api/ads-contract';
import {
  bindingFor,
  newState,
  readBindingCookie,
  sha256,
  STATE_LIFETIME_SECONDS,
  STATE_PATTERN,
  type OAuthStateRecord,
} from '../authorization/oauth-state';
import type { AuditRecord } from '../audit/audit-record';
import type { AdsSettings, DatasetName } from '../config';
import { AccessDenied, DatasetNotEnabled, StoreNotFound } from '../errors';
import {
  NotAnOwner,
  type AuditTrail,
  type Clock,
  type OAuthStateStore,
  type StoreRepository,
  type TokenCipher,
} from '../ports';
import { tokenEncryptionContext } from '../storage/token-encryption-context';
import { STORE_ID_PATTERN, type StoreProfile } from '../stores/store';
import { auditStoreActionDenied } from '../stores/store-action-audit';
import { StoreNotActive } from '../store-data/store-access';
import { AdsApiError } from '../adapters/ads/ads-errors';
import type { AdsApi, AdsLink, AdsLwaClient, AdsProfile, AdsReportQueue, AdsRepository } from './ads-ports';

/** The one scope the ads view needs (reports, campaigns, budgets), per Amazon's Ads API authorization guide. */
export const ADS_SCOPE = 'advertising::campaign_management';

export interface StartAdsAuthorizationDependencies {
  readonly states: OAuthStateStore;
  readonly stores: Pick<StoreRepository, 'getMembership' | 'getProfile'>;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  readonly ads: Pick<AdsSettings, 'clientId' | 'redirectUri' | 'consentHosts'>;
  readonly datasets: ReadonlySet<DatasetName>;
}

/** PKCE (RFC 7636, S256): the verifier stays with the state on our side; the browser only carries the challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier, 'ascii').digest('base64url') };
}

/** The owner gate of the Ads routes: refusals are audited before they answer, as for the other owner routes. */
export async function requireActiveStoreOwner(
  deps: { stores: Pick<StoreRepository, 'getMembership' | 'getProfile'>; audit: AuditTrail; clock: Clock },
  args: { userId: string; storeId: string; operation: string; requestId: string },
): Promise<StoreProfile> {
  if (!STORE_ID_PATTERN.test(args.storeId)) throw new StoreNotFound();
  const membership = await deps.stores.getMembership(args.storeId, args.userId);
  if (membership?.role !== 'owner') {
    await auditStoreActionDenied(deps, {
      actorId: args.userId,
      storeId: args.storeId,
      operation: args.operation,
      requestId: args.requestId,
    });
    throw new AccessDenied(
      membership === undefined ? undefined : 'Only an owner of the store can connect or remove advertising.',
    );
  }
  const profile = await deps.stores.getProfile(args.storeId);
  if (profile === undefined) throw new StoreNotFound();
  if (profile.status !== 'ACTIVE') throw new StoreNotActive(profile.status, profile.revokedReason);
  return profile;
}

/**
 * `POST /api/stores/{storeId}/ads-authorization`: an owner starts the Ads consent. The single-use state is bound
 * to the operator, the store and this browser (cookie), and carries the PKCE verifier; the answer is the region's
 * Login with Amazon consent page.
 */
export async function startAdsAuthorization(
  deps: StartAdsAuthorizationDependencies,
  input: { userId: string; storeId: string; cookies: readonly string[] | undefined; requestId: string },
): Promise<{ redirectUrl: string; setCookie: string | undefined }> {
  if (!deps.datasets.has('ads')) throw new DatasetNotEnabled('ads');
  const store = await requireActiveStoreOwner(deps, {
    userId: input.userId,
    storeId: input.storeId,
    operation: 'StartAdsAuthorization',
    requestId: input.requestId,
  });
  const { state, stateHash } = newState();
  const { binding, setCookie } = bindingFor(input.cookies);
  const pkce = pkcePair();
  const now = deps.clock.now();
  await deps.states.saveState({
    stateHash,
    userId: input.userId,
    flow: 'ads',
    region: store.region,
    sellingPartnerId: store.sellingPartnerId,
    storeId: store.storeId,
    codeVerifier: pkce.verifier,
    bindingHash: sha256(binding),
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + STATE_LIFETIME_SECONDS,
  });
  const consent = new URL('/ap/oa', deps.ads.consentHosts[store.region]);
  consent.search = new URLSearchParams({
    client_id: deps.ads.clientId,
    scope: ADS_SCOPE,
    response_type: 'code',
    redirect_uri: deps.ads.redirectUri,
    state,
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
  }).toString();
  return { redirectUrl: consent.toString(), setCookie };
}

export type AdsCallbackOutcome =
  | { readonly result: 'connected'; readonly storeId: string; readonly marketplaces: number }
  | { readonly result: 'failed'; readonly error: AdsAuthorizationError; readonly storeId?: string };

export interface CompleteAdsAuthorizationDependencies {
  readonly states: OAuthStateStore;
  readonly stores: Pick<StoreRepository, 'getMembership' | 'getProfile'>;
  readonly adsStore: Pick<AdsRepository, 'saveAdsAuthorization'>;
  readonly cipher: TokenCipher;
  readonly lwa: AdsLwaClient;
  readonly api: Pick<AdsApi, 'listProfiles'>;
  readonly queue: AdsReportQueue;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  readonly redirectUri: string;
  readonly onAuditFailure: (error: unknown) => void;
  /** Proves the token key answers before the state is consumed or the code spent. */
  readonly preflight?: () => Promise<void>;
}

const CODE_PATTERN = /^[\x21-\x7e]{1,1024}$/;
const failed = (error: AdsAuthorizationError, storeId?: string): AdsCallbackOutcome => ({
  result: 'failed',
  error,
  ...(storeId === undefined ? {} : { storeId }),
});

/** The store's own seller profiles: seller account, the store's seller id, one of the store's marketplaces. */
export function matchingProfiles(profiles: readonly AdsProfile[], store: StoreProfile): AdsProfile[] {
  return profiles.filter(
    (p) =>
      p.accountInfo.type === 'seller' &&
      p.accountInfo.id === store.sellingPartnerId &&
      store.marketplaceIds.includes(p.accountInfo.marketplaceStringId),
  );
}

/**
 * `GET /auth/amazon-ads/callback`: consume the state (once, bound to this browser), check the operator still owns
 * the active store, exchange the code once with the PKCE verifier, and link only the profiles of the store's seller
 * and marketplaces. Any refusal stores nothing. The code, tokens and profile list are never logged.
 */
export async function completeAdsAuthorization(
  deps: CompleteAdsAuthorizationDependencies,
  params: { state?: string; code?: string; scope?: string; error?: string },
  context: { cookies: readonly string[] | undefined; requestId: string },
): Promise<AdsCallbackOutcome> {
  if (params.state === undefined || !STATE_PATTERN.test(params.state)) return failed('state_invalid');
  const binding = readBindingCookie(context.cookies);
  if (binding === undefined) return failed('session_mismatch');
  await deps.preflight?.();
  const consumed = await deps.states.consumeState(sha256(params.state), sha256(binding));
  if (consumed.status === 'missing') return failed('state_invalid');
  if (consumed.status === 'binding-mismatch') return failed('session_mismatch');
  const state: OAuthStateRecord = consumed.record;
  // An SP-API state never completes an Ads consent, and the reverse (complete-authorization.ts).
  if (state.flow !== 'ads' || state.storeId === undefined || state.codeVerifier === undefined)
    return failed('state_invalid');
  const storeId = state.storeId;
  const now = deps.clock.now();
  if (state.expiresAt * 1000 <= now.getTime()) return failed('state_expired', storeId);
  if (params.error !== undefined) return failed('consent_denied', storeId);
  if (params.code === undefined || !CODE_PATTERN.test(params.code)) return failed('invalid_request', storeId);
  if (params.scope !== undefined && !params.scope.split(' ').includes(ADS_SCOPE))
    return failed('invalid_request', storeId);

  // Ownership and status are checked before the code is spent, and again inside the write's transaction.
  const store = await deps.stores.getProfile(storeId);
  if (store === undefined || store.status !== 'ACTIVE') return failed('store_not_active', storeId);
  if ((await deps.stores.getMembership(storeId, state.userId))?.role !== 'owner')
    return failed('not_owner', storeId);

  let tokens;
  try {
    tokens = await deps.lwa.exchangeAuthorizationCode(store.region, {
      code: params.code,
      redirectUri: deps.redirectUri,
      codeVerifier: state.codeVerifier,
    });
  } catch (error) {
    if (!(error instanceof LwaError)) throw error;
    if (error.kind === 'invalid_grant') return failed('code_invalid', storeId);
    if (error.kind === 'invalid_client' || error.kind === 'invalid_request')
      return failed('configuration_error', storeId);
    return failed('try_again', storeId);
  }

  const profilesIn = async (region: Region): Promise<AdsProfile[] | 'unavailable'> => {
    try {
      return await deps.api.listProfiles({ region, accessToken: tokens.accessToken });
    } catch (error) {
      if (error instanceof AdsApiError) return error.kind === 'unauthorized' ? [] : 'unavailable';
      throw error;
    }
  };
  const listed = await profilesIn(store.region);
  if (listed === 'unavailable') return failed('amazon_unavailable', storeId);
  const matched = matchingProfiles(listed, store);
  if (matched.length === 0) {
    let reason: AdsAuthorizationError = listed.length > 0 ? 'ads_profile_foreign' : 'ads_no_profiles';
    if (listed.every((p) => p.accountInfo.id !== store.sellingPartnerId)) {
      for (const region of REGIONS.filter((r) => r !== store.region)) {
        const elsewhere = await profilesIn(region);
        if (
          elsewhere !== 'unavailable' &&
          elsewhere.some((p) => p.accountInfo.id === store.sellingPartnerId)
        ) {
          reason = 'wrong_region';
          break;
        }
      }
    }
    await writeAudit(deps, {
      kind: 'ads-connect-refused',
      at: now.toISOString(),
      actor: { type: 'operator', id: state.userId },
      storeId,
      sellingPartnerId: store.sellingPartnerId,
      region: store.region,
      operation: 'AdsOAuthCallback',
      outcome: 'denied',
      requestId: context.requestId,
      detail: { reason, profilesListed: listed.length },
    });
    return failed(reason, storeId);
  }

  const encrypted = await deps.cipher.encrypt(
    tokens.refreshToken,
    tokenEncryptionContext({
      storeId,
      sellingPartnerId: store.sellingPartnerId,
      region: store.region,
      purpose: 'ADS',
    }),
  );
  const linkedAt = now.toISOString();
  // One profile per advertiser and marketplace (Amazon's Ads API profiles guide); should Amazon list two, the first is kept.
  const byMarketplace = new Map<string, AdsLink>();
  for (const p of matched) {
    if (byMarketplace.has(p.accountInfo.marketplaceStringId)) continue;
    byMarketplace.set(p.accountInfo.marketplaceStringId, {
      storeId,
      marketplaceId: p.accountInfo.marketplaceStringId,
      profileId: p.profileId,
      countryCode: p.countryCode,
      currency: p.currencyCode,
      timeZone: p.timezone,
      accountName: p.accountInfo.name,
      linkedAt,
      linkedBy: state.userId,
    });
  }
  const links = [...byMarketplace.values()];
  try {
    await deps.adsStore.saveAdsAuthorization({
      storeId,
      ownerUserId: state.userId,
      token: encrypted,
      links,
      now: linkedAt,
    });
  } catch (error) {
    if (error instanceof NotAnOwner) return failed('not_owner', storeId);
    throw error;
  }

  await writeAudit(deps, {
    kind: 'ads-connected',
    at: linkedAt,
    actor: { type: 'operator', id: state.userId },
    storeId,
    sellingPartnerId: store.sellingPartnerId,
    region: store.region,
    outcome: 'allowed',
    requestId: context.requestId,
    detail: { marketplaces: links.length, profiles: links.map((l) => l.profileId).join(',') },
  });
  // The first reports are requested at once; the first view answers with what it has meanwhile.
  for (const link of links) {
    await deps.queue
      .send({ kind: 'sync', storeId, marketplaceId: link.marketplaceId })
      .catch((error: unknown) => deps.onAuditFailure(error));
  }
  return { result: 'connected', storeId, marketplaces: links.length };
}

async function writeAudit(
  deps: { audit: AuditTrail; onAuditFailure: (e: unknown) => void },
  record: AuditRecord,
) {
  try {
    await deps.audit.write(record);
  } catch (error) {
    deps.onAuditFailure(error);
  }
}
