import type { IncomingMessage, ServerResponse } from 'node:http';
import { ACCESS_TOKEN_LIFETIME_SECONDS } from './authorizations';
import type { SandboxContext } from './context';
import type { LwaGrantType } from './counters';
import { sellerKey } from './data/sellers';
import { mediaType, readBody, sendJson } from './http';
import { requestId } from './secure-random';

// Login with Amazon token endpoint, POST /auth/o2/token, form-encoded. Success and error bodies copy what
// LWA sends (key order included: error_description before error); error descriptions are the ones LWA
// returns in practice. Codes, tokens and secrets are never logged or echoed in errors.

export const LWA_TOKEN_PATH = '/auth/o2/token';

/** Scopes LWA grants through client_credentials for grantless SP-API operations. */
const GRANTLESS_SCOPES = new Set([
  'sellingpartnerapi::notifications',
  'sellingpartnerapi::client_credential:rotation',
  'sellingpartnerapi::migration',
]);

const GRANT_TYPES = new Set<LwaGrantType>(['authorization_code', 'refresh_token', 'client_credentials']);

type LwaError =
  'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type' | 'invalid_scope';

interface LwaReply {
  status: number;
  body: Record<string, string | number>;
}

function lwaError(error: LwaError, description: string): LwaReply {
  return { status: error === 'invalid_client' ? 401 : 400, body: { error_description: description, error } };
}

const missing = (name: string): LwaReply =>
  lwaError('invalid_request', `The request is missing a required parameter : ${name}`);
const invalidGrant = (name: string, suffix = ''): LwaReply =>
  lwaError('invalid_grant', `The request has an invalid grant parameter : ${name}${suffix}`);
const REVOKED_SUFFIX = ". User may have revoked or didn't grant the permission.";

function send(response: ServerResponse, reply: LwaReply): void {
  sendJson(response, reply.status, reply.body, {
    'content-type': 'application/json;charset=UTF-8',
    'cache-control': 'no-store',
    pragma: 'no-cache',
    'x-amzn-RequestId': requestId(),
  });
}

/** The seller a request is about, when its code or refresh token names one (revoked or not). */
function sellerOf(
  context: SandboxContext,
  grantType: LwaGrantType,
  form: URLSearchParams,
): string | undefined {
  if (grantType === 'authorization_code') {
    const lookup = context.codes.lookupAuthorizationCode(form.get('code') ?? '');
    return lookup.status === 'unknown'
      ? undefined
      : sellerKey(lookup.record.sellingPartnerId, lookup.record.region);
  }
  if (grantType === 'refresh_token') {
    const record = context.ledger.findRefreshToken(form.get('refresh_token') ?? '');
    return record ? sellerKey(record.sellingPartnerId, record.region) : undefined;
  }
  return undefined;
}

export async function handleLwaToken(
  context: SandboxContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'POST')
    return send(response, { ...lwaError('invalid_request', 'Malformed request'), status: 405 });
  const body = await readBody(request);
  // LWA reads the form body only: a JSON (or multipart) body carries no grant_type it can see, which LWA
  // answers with unsupported_grant_type. The sandbox is strict here so the app keeps to the documented
  // encoding.
  if (mediaType(request) !== 'application/x-www-form-urlencoded') {
    return send(
      response,
      lwaError(
        'unsupported_grant_type',
        'The authorization grant type is not supported by the authorization server',
      ),
    );
  }
  const form = new URLSearchParams(body);
  const grantType = form.get('grant_type');
  if (!grantType) return send(response, missing('grant_type'));
  if (!GRANT_TYPES.has(grantType as LwaGrantType)) {
    return send(
      response,
      lwaError(
        'unsupported_grant_type',
        'The authorization grant type is not supported by the authorization server',
      ),
    );
  }
  const grant = grantType as LwaGrantType;
  context.counters.countLwa(grant, sellerOf(context, grant, form));

  const serverError = context.faults.takeLwaServerError();
  if (serverError === 500) {
    return send(response, {
      status: 500,
      body: { error_description: 'Internal Server Error', error: 'server_error' },
    });
  }
  if (serverError === 503) {
    return send(response, {
      status: 503,
      body: { error_description: 'Service Unavailable', error: 'temporarily_unavailable' },
    });
  }
  send(response, exchange(context, grant, form));
}

function exchange(context: SandboxContext, grantType: LwaGrantType, form: URLSearchParams): LwaReply {
  const clientId = form.get('client_id');
  const clientSecret = form.get('client_secret');
  if (!clientId) return missing('client_id');
  if (!clientSecret) return missing('client_secret');
  const app = context.apps.findByClientId(clientId);
  // Any of the app's secrets that has not expired: after a rotation the old one works for 7 more days.
  if (!app || !context.clientSecrets.accepts(app.applicationId, clientSecret))
    return lwaError('invalid_client', 'Client authentication failed');

  if (grantType === 'authorization_code') {
    const code = form.get('code');
    const redirectUri = form.get('redirect_uri');
    if (!code) return missing('code');
    if (!redirectUri) return missing('redirect_uri');
    const lookup = context.codes.lookupAuthorizationCode(code);
    if (lookup.status !== 'usable' || lookup.record.applicationId !== app.applicationId)
      return invalidGrant('code');
    if (lookup.record.redirectUri !== redirectUri) return invalidGrant('redirect_uri');
    if (!context.ledger.isActive(lookup.record, lookup.record.generation)) return invalidGrant('code');
    context.codes.markUsed(lookup.record);
    const refreshToken = context.ledger.mintRefreshToken(lookup.record, lookup.record.generation);
    const refresh = context.ledger.findRefreshToken(refreshToken);
    if (!refresh) throw new Error('A refresh token just minted must be found');
    return {
      status: 200,
      body: {
        access_token: context.ledger.mintAccessToken(refresh),
        refresh_token: refreshToken,
        token_type: 'bearer',
        expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
      },
    };
  }

  if (grantType === 'refresh_token') {
    const refreshToken = form.get('refresh_token');
    if (!refreshToken) return missing('refresh_token');
    const refresh = context.ledger.findRefreshToken(refreshToken);
    if (!refresh || refresh.applicationId !== app.applicationId) return invalidGrant('refresh_token');
    if (!context.ledger.isActive(refresh, refresh.generation))
      return invalidGrant('refresh_token', REVOKED_SUFFIX);
    // LWA answers a refresh with the same refresh token it was given ("the LWA refresh token that you
    // submitted in the request"), not a rotated one.
    return {
      status: 200,
      body: {
        access_token: context.ledger.mintAccessToken(refresh),
        refresh_token: refreshToken,
        token_type: 'bearer',
        expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
      },
    };
  }

  const scope = form.get('scope');
  if (!scope) return missing('scope');
  if (!scope.split(' ').every((item) => GRANTLESS_SCOPES.has(item))) {
    return lwaError('invalid_scope', 'The request has an invalid parameter : scope');
  }
  return {
    status: 200,
    body: {
      access_token: context.ledger.mintGrantlessAccessToken(app.applicationId),
      token_type: 'bearer',
      expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
    },
  };
}
