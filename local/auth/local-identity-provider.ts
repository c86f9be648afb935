import { jsonResponse, type GatewayRequest, type GatewayResponse } from '../gateway/gateway-http';
import { createHostedUi } from './local-hosted-ui';
import { createTokenEndpoint, type CodeRecord } from './local-token-endpoint';
import {
  ALLOWED_SCOPES,
  createTokenMinter,
  DEFAULT_SCOPE,
  LOCAL_CLIENT_ID,
  TOKEN_LIFETIME_SECONDS,
} from './local-tokens';
import { findOperator, publicOperatorView, SEEDED_OPERATORS, type SeededOperator } from './seeded-operators';
import { indexPage, SIGN_IN_STYLESHEET } from './sign-in-pages';
import type { SigningKey } from './signing-key';

/**
 * The local sign-in, in place of the Cognito user pool and its hosted UI; part of the local runtime only.
 * Under `/local` it answers the endpoints the dashboard uses with Cognito (`/oauth2/authorize`, `/oauth2/token`,
 * `/logout`, the key set), so the dashboard has one code path, authorization code with PKCE, in AWS and here;
 * plus two shortcuts for scripts and tests: `GET /local/users` and `POST /local/token`.
 * Tokens are shaped like Cognito's (local-tokens.ts): access tokens carry `client_id`, the granted `scope` and no
 * `aud`; ID tokens carry `aud` and no `scope`. Only an access token whose scope includes API_SCOPE passes the API's
 * authorizer: sign-in must ask for it (or for no scope at all), and script tokens (`POST /local/token`) always
 * carry it. This module routes the requests; the pages are in local-hosted-ui.ts, the token endpoint in
 * local-token-endpoint.ts.
 */
const PREFIX = '/local';
const STYLESHEET_PATH = `${PREFIX}/sign-in.css`;

export interface LocalIdentityProviderOptions {
  /** The gateway's public URL, e.g. `http://localhost:3000`; the issuer is `{baseUrl}/local`. */
  readonly baseUrl: string;
  readonly signingKey: SigningKey;
  /** For tests. @default the real clock */
  readonly now?: () => Date;
}

export interface LocalIdentityProvider {
  readonly issuer: string;
  readonly clientId: string;
  /** What `POST /local/token` answers with, for in-process callers (seeding, tests). */
  issueAccessToken(operator: SeededOperator): Promise<string>;
  /** Answers a request under `/local`, or undefined when no endpoint has that path. */
  handle(request: GatewayRequest): Promise<GatewayResponse | undefined>;
}

export function createLocalIdentityProvider(options: LocalIdentityProviderOptions): LocalIdentityProvider {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const issuer = `${baseUrl}${PREFIX}`;
  const now = options.now ?? (() => new Date());
  const codes = new Map<string, CodeRecord>();
  const { signingKey } = options;
  const mintTokens = createTokenMinter(issuer, signingKey, now);
  const token = createTokenEndpoint({ codes, mintTokens, now });
  const { htmlPage, showAuthorize, submitAuthorize, logout } = createHostedUi({
    baseUrl,
    authorizePath: `${PREFIX}/oauth2/authorize`,
    stylesheetPath: STYLESHEET_PATH,
    codes,
    now,
  });

  async function scriptToken(request: GatewayRequest): Promise<GatewayResponse> {
    const user = userFromBody(request.body.toString('utf8'));
    if (user === undefined) {
      return jsonResponse(400, { error: 'invalid_request', message: 'Send {"user":"<id or email>"}.' });
    }
    const operator = findOperator(user);
    if (operator === undefined) {
      return jsonResponse(404, {
        error: 'unknown_user',
        message: `No seeded operator with that id or email; see GET ${PREFIX}/users.`,
      });
    }
    return jsonResponse(
      200,
      {
        access_token: await issueAccessToken(operator),
        token_type: 'Bearer',
        expires_in: TOKEN_LIFETIME_SECONDS,
      },
      { 'cache-control': 'no-store', pragma: 'no-cache' },
    );
  }

  async function issueAccessToken(operator: SeededOperator): Promise<string> {
    const minted = await mintTokens(operator, {
      scope: DEFAULT_SCOPE,
      authTime: Math.floor(now().getTime() / 1000),
    });
    return minted.accessToken;
  }

  const openIdConfiguration = () => ({
    issuer,
    authorization_endpoint: `${issuer}/oauth2/authorize`,
    token_endpoint: `${issuer}/oauth2/token`,
    end_session_endpoint: `${issuer}/logout`,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: [...ALLOWED_SCOPES],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [signingKey.alg],
    token_endpoint_auth_methods_supported: ['none'],
  });

  return {
    issuer,
    clientId: LOCAL_CLIENT_ID,
    issueAccessToken,
    async handle(request) {
      const route = `${request.method} ${request.rawPath}`;
      switch (route) {
        case `GET ${PREFIX}`:
        case `GET ${PREFIX}/`:
          return htmlPage(
            200,
            indexPage({ baseUrl, stylesheetHref: STYLESHEET_PATH, operators: SEEDED_OPERATORS }),
          );
        case `GET ${STYLESHEET_PATH}`:
          return {
            statusCode: 200,
            headers: { 'content-type': 'text/css; charset=utf-8', 'x-content-type-options': 'nosniff' },
            body: SIGN_IN_STYLESHEET,
          };
        case `GET ${PREFIX}/users`:
          return jsonResponse(200, { users: SEEDED_OPERATORS.map(publicOperatorView) });
        case `POST ${PREFIX}/token`:
          return scriptToken(request);
        case `GET ${PREFIX}/oauth2/authorize`:
          return showAuthorize(request);
        case `POST ${PREFIX}/oauth2/authorize`:
          return submitAuthorize(request);
        case `POST ${PREFIX}/oauth2/token`:
          return token(request);
        case `GET ${PREFIX}/logout`:
          return logout(request);
        case `GET ${PREFIX}/.well-known/jwks.json`:
          return jsonResponse(200, signingKey.jwks);
        case `GET ${PREFIX}/.well-known/openid-configuration`:
          return jsonResponse(200, openIdConfiguration());
        default:
          return undefined;
      }
    },
  };
}

/** `{"user":"…"}` as JSON whatever the content type (curl -d sends a form type), or a `user=` form field. */
function userFromBody(text: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      typeof (parsed as { user?: unknown }).user === 'string'
    ) {
      return (parsed as { user: string }).user;
    }
    return undefined;
  } catch {
    return new URLSearchParams(text).get('user') ?? undefined;
  }
}
