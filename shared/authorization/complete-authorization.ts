import { LwaError, SpApiError } from '../amazon/amazon-errors';
import { REGIONS, type Region } from '../amazon/marketplaces';
import {
  ConcurrentStoreUpdate,
  StoreOwnedElsewhere,
  type AuditTrail,
  type ConnectStoreCommand,
  type Clock,
  type LwaClient,
  type MarketplaceParticipation,
  type OAuthStateStore,
  type SellersApi,
  type StoreRepository,
  type TokenCipher,
} from '../ports';
import type { AccountStatusSubscriber } from '../notifications/account-status-subscriptions';
import { tokenEncryptionContext } from '../storage/token-encryption-context';
import { AUTHORIZATION_LIFETIME_DAYS, SELLING_PARTNER_ID_PATTERN, storeIdOf } from '../stores/store';
import { MILLISECONDS_PER_DAY } from '../time';
import { readBindingCookie, sha256, STATE_PATTERN, type OAuthStateRecord } from './oauth-state';

/** Why a callback did not connect a store; the dashboard shows a translated page for each. */
export type AuthorizationErrorCode =
  | 'invalid_request'
  | 'state_invalid'
  | 'state_expired'
  | 'session_mismatch'
  | 'consent_denied'
  | 'code_invalid'
  | 'seller_mismatch'
  | 'wrong_region'
  | 'amazon_unavailable'
  | 'configuration_error'
  /** The claimed store exists and the caller is not one of its owners: ask an owner to add you. */
  | 'store_owned_elsewhere'
  /** The code may have been used (a timeout or 5xx during the single-use exchange): start again. */
  | 'try_again';

export type CallbackOutcome =
  | { readonly result: 'connected' | 'reauthorized'; readonly storeId: string }
  | { readonly result: 'failed'; readonly error: AuthorizationErrorCode };

export interface CompleteAuthorizationDependencies {
  readonly states: OAuthStateStore;
  readonly stores: Pick<StoreRepository, 'connectStore' | 'getProfile' | 'getMembership'>;
  readonly cipher: TokenCipher;
  readonly lwa: LwaClient;
  readonly sellers: SellersApi;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  readonly redirectUri: string;
  readonly onAuditFailure: (error: unknown) => void;
  /** Called once per refused takeover attempt, for the alarm metric. */
  readonly onConnectRefused?: () => void;
  /**
   * Proves, before the state is consumed or the code spent, that what finishing needs is up (the token key):
   * throws a classified ServiceUnavailable otherwise, and the seller can simply start again.
   */
  readonly preflight?: () => Promise<void>;
  /**
   * Subscribes the store to ACCOUNT_STATUS_CHANGED with the access token of the exchange, after the store is
   * connected. Never throws: a failure is recorded as pending (the health check retries) and the connect stands.
   */
  readonly accountStatus?: Pick<AccountStatusSubscriber, 'subscribe'>;
}

export interface CallbackParameters {
  readonly state: string | undefined;
  readonly sellingPartnerId: string | undefined;
  readonly code: string | undefined;
  readonly error: string | undefined;
}

const CODE_PATTERN = /^[\x21-\x7e]{1,1024}$/;
const failed = (error: AuthorizationErrorCode): CallbackOutcome => ({ result: 'failed', error });

/**
 * The OAuth redirect: consume the state (once), check it belongs to this browser and flow, exchange the code at
 * once, learn the region and marketplaces, encrypt the refresh token under the store's context and store it
 * with the profile and the owner's membership in one transaction. Every refusal stores nothing.
 * The code and the access token from the exchange are discarded; nothing of them is logged.
 */
export async function completeAuthorization(
  deps: CompleteAuthorizationDependencies,
  params: CallbackParameters,
  context: { cookies: readonly string[] | undefined; requestId: string },
): Promise<CallbackOutcome> {
  if (params.state === undefined || !STATE_PATTERN.test(params.state)) return failed('state_invalid');
  // The binding is checked before the state is consumed, in the same conditional delete: a state that leaked
  // (a log, a screenshot) cannot be burned by a browser it was not issued to.
  const binding = readBindingCookie(context.cookies);
  if (binding === undefined) return failed('session_mismatch');
  await deps.preflight?.();
  const consumed = await deps.states.consumeState(sha256(params.state), sha256(binding));
  if (consumed.status === 'missing') return failed('state_invalid');
  if (consumed.status === 'binding-mismatch') return failed('session_mismatch');
  // An Ads consent's state never completes an SP-API authorization (its own callback consumes it).
  if (consumed.record.flow === 'ads') return failed('state_invalid');
  const state = { ...consumed.record, flow: consumed.record.flow };
  const now = deps.clock.now();
  if (state.expiresAt * 1000 <= now.getTime()) return failed('state_expired');
  if (params.error !== undefined) return failed('consent_denied');
  if (params.code === undefined || !CODE_PATTERN.test(params.code)) return failed('invalid_request');
  if (params.sellingPartnerId === undefined || !SELLING_PARTNER_ID_PATTERN.test(params.sellingPartnerId))
    return failed('invalid_request');
  if (state.sellingPartnerId !== undefined && state.sellingPartnerId !== params.sellingPartnerId)
    return failed('seller_mismatch');
  const sellingPartnerId = params.sellingPartnerId;

  // The seller id is a claim from the browser: before the code is spent, refuse a store another team owns.
  const refusal = async (region: Region | undefined, storeExists: boolean) => {
    await auditRefusal(deps, {
      state,
      sellingPartnerId,
      region,
      storeExists,
      requestId: context.requestId,
      now,
    });
    return failed('store_owned_elsewhere');
  };
  for (const region of state.region === undefined ? REGIONS : [state.region]) {
    if ((await ownership(deps.stores, storeIdOf(sellingPartnerId, region), state.userId)) === 'elsewhere')
      // With the region unknown (Appstore from a sandbox host) any region's foreign store is reason enough.
      return refusal(region, true);
  }

  let tokens;
  try {
    tokens = await deps.lwa.exchangeAuthorizationCode(params.code, deps.redirectUri);
  } catch (error) {
    if (!(error instanceof LwaError)) throw error;
    if (error.kind === 'invalid_grant') return failed('code_invalid');
    if (error.kind === 'invalid_client' || error.kind === 'invalid_request')
      return failed('configuration_error');
    // A timeout or 5xx: the single-use code may have been spent at Amazon; it is never sent again.
    return failed('try_again');
  }

  const located = await locateStore(deps.sellers, state.region, tokens.accessToken);
  if ('error' in located) return failed(located.error);
  const { region, participations } = located;

  const storeId = storeIdOf(sellingPartnerId, region);
  const encrypted = await deps.cipher.encrypt(
    tokens.refreshToken,
    tokenEncryptionContext({ storeId, sellingPartnerId, region, purpose: 'SPAPI' }),
  );
  const participating = participations.filter((p) => p.isParticipating);
  const authorizedAt = now.toISOString();
  const command = {
    profile: {
      storeId,
      sellingPartnerId,
      region,
      marketplaceIds: participating.map((p) => p.marketplaceId),
      displayName: participating.find((p) => p.storeName !== '')?.storeName ?? sellingPartnerId,
      status: 'ACTIVE' as const,
      connectedAt: authorizedAt,
      reauthorizeBy: new Date(
        now.getTime() + AUTHORIZATION_LIFETIME_DAYS * MILLISECONDS_PER_DAY,
      ).toISOString(),
      authorizedAt,
    },
    token: encrypted,
    ownerUserId: state.userId,
    connectedVia: state.flow,
  };
  let result: 'connected' | 'reauthorized';
  try {
    result = await connectWithOneRetry(deps.stores, command);
  } catch (error) {
    // Checked again inside the write's transaction: the store appeared, or the caller lost ownership, meanwhile.
    if (error instanceof StoreOwnedElsewhere) return refusal(region, true);
    throw error;
  }

  try {
    await deps.audit.write({
      kind: 'store-connected',
      at: authorizedAt,
      actor: { type: 'operator', id: state.userId },
      storeId,
      sellingPartnerId,
      region,
      outcome: 'allowed',
      requestId: context.requestId,
      detail: {
        flow: state.flow,
        reauthorization: result === 'reauthorized',
        marketplaces: participating.length,
      },
    });
  } catch (error) {
    // The store is connected; a missing lifecycle record must be loud, not a reason to lose the authorization.
    deps.onAuditFailure(error);
  }
  await deps.accountStatus
    ?.subscribe({ storeId, sellingPartnerId, region }, tokens.accessToken, {
      requestId: context.requestId,
      actor: { type: 'operator', id: state.userId },
      trigger: result === 'connected' ? 'connect' : 'reauthorization',
    })
    // Belt and braces: the subscriber catches its own failures; nothing of it may undo the connect.
    .catch(() => undefined);
  return { result, storeId };
}

async function connectWithOneRetry(
  stores: Pick<StoreRepository, 'connectStore'>,
  command: ConnectStoreCommand,
): Promise<'connected' | 'reauthorized'> {
  try {
    return await stores.connectStore(command);
  } catch (error) {
    if (!(error instanceof ConcurrentStoreUpdate)) throw error;
    return stores.connectStore(command);
  }
}

/** Whether a store exists and, if it does, whether this operator owns it. */
async function ownership(
  stores: Pick<StoreRepository, 'getProfile' | 'getMembership'>,
  storeId: string,
  userId: string,
): Promise<'absent' | 'owner' | 'elsewhere'> {
  if ((await stores.getProfile(storeId)) === undefined) return 'absent';
  return (await stores.getMembership(storeId, userId))?.role === 'owner' ? 'owner' : 'elsewhere';
}

/** The refused takeover, audited with the caller and the claimed store (never the code) and counted. */
async function auditRefusal(
  deps: CompleteAuthorizationDependencies,
  args: {
    state: OAuthStateRecord;
    sellingPartnerId: string;
    region: Region | undefined;
    storeExists: boolean;
    requestId: string;
    now: Date;
  },
): Promise<void> {
  deps.onConnectRefused?.();
  const region = args.region ?? null;
  try {
    await deps.audit.write({
      kind: 'store-connect-refused',
      at: args.now.toISOString(),
      actor: { type: 'operator', id: args.state.userId },
      storeId: region === null ? args.sellingPartnerId : storeIdOf(args.sellingPartnerId, region),
      sellingPartnerId: args.sellingPartnerId,
      region,
      operation: 'OAuthCallback',
      outcome: 'denied',
      requestId: args.requestId,
      detail: { flow: args.state.flow, reason: 'store_owned_elsewhere', storeExists: args.storeExists },
    });
  } catch (error) {
    // Nothing was changed; the refusal still stands, and the missing record is loud.
    deps.onAuditFailure(error);
  }
}

/**
 * The region comes from the flow where it knows it (website; Appstore from an Amazon host) and is then checked by
 * the Sellers API call, which also names the marketplaces. Otherwise each region is tried in turn: an access token
 * only works in the region of its authorization.
 */
async function locateStore(
  sellers: SellersApi,
  intended: Region | undefined,
  accessToken: string,
): Promise<
  { region: Region; participations: MarketplaceParticipation[] } | { error: AuthorizationErrorCode }
> {
  const candidates = intended === undefined ? REGIONS : [intended];
  for (const region of candidates) {
    try {
      return { region, participations: await sellers.getMarketplaceParticipations(region, accessToken) };
    } catch (error) {
      if (!(error instanceof SpApiError)) throw error;
      if (error.kind === 'unauthorized') continue;
      // Known region but Amazon is busy: connect now, marketplaces are learned on the next successful call.
      if (intended !== undefined) return { region, participations: [] };
      return { error: 'amazon_unavailable' };
    }
  }
  return { error: 'wrong_region' };
}
