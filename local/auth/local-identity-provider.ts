import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { API_SCOPE } from '../../shared/auth/api-scope';
import {
  headerOf,
  jsonResponse,
  redirectResponse,
  type GatewayRequest,
  type GatewayResponse,
} from '../gateway/gateway-http';
import { findOperator, publicOperatorView, SEEDED_OPERATORS, type SeededOperator } from './seeded-operators';
import {
  authorizePage,
  errorPage,
  indexPage,
  isSignInLocale,
  languageCookie,
  pickSignInLocale,
  signInText,
  SIGN_IN_STYLESHEET,
  type LanguageSwitch,
  type SignInMessage,
} from './sign-in-pages';
import type { SigningKey } from './signing-key';

/**
 * The local sign-in, in place of the Cognito user pool and its hosted UI; part of the local runtime only.
 * Under `/local` it answers the endpoints the dashboard uses with Cognito (`/oauth2/authorize`, `/oauth2/token`,
 * `/logout`, the key set), so the dashboard has one code path, authorization code with PKCE, in AWS and here;
 * plus two shortcuts for scripts and tests: `GET /local/users` and `POST /local/token`.
 * Tokens are shaped like Cognito's: access tokens carry `client_id`, the granted `scope` and no `aud`; ID tokens
 * carry `aud` and no `scope`. Only an access token whose scope includes API_SCOPE passes the API's authorizer:
 * sign-in must ask for it (or for no scope at all), and script tokens (`POST /local/token`) always carry it.
 */
export const LOCAL_CLIENT_ID = 'local-dashboard';
export const TOKEN_LIFETIME_SECONDS = 3600;
/** The dashboard client's refresh token validity in the stack (lib/operators.ts). */
const REFRESH_TOKEN_LIFETIME_MS = 12 * 3600 * 1000;
/** Cognito's authorization codes are valid for 5 minutes and once. */
const CODE_LIFETIME_MS = 5 * 60 * 1000;
/**
 * The scopes the stack allows the dashboard client (lib/operators.ts), the API's among them. A request naming
 * any other scope is refused (`invalid_scope`); one naming none gets all of them, as Cognito does.
 */
const ALLOWED_SCOPES = new Set(['openid', 'email', 'profile', API_SCOPE]);
const DEFAULT_SCOPE = [...ALLOWED_SCOPES].join(' ');
const PREFIX = '/local';
const STYLESHEET_PATH = `${PREFIX}/sign-in.css`;
/** Marks a sign-in page link as the person's own pick of language (remembered), not the dashboard's hint. */
const LANGUAGE_PICK_PARAM = 'lang_pick';

export interface LocalIdentityProviderOptions {
  /** The gateway's public URL, e.g. `http://localhost:3000`; the issuer is `{baseUrl}/local`. */
  readonly baseUrl: string;
  readonly signingKey: SigningKey;
  /** For tests. @default the real clock */
  readonly now?: () => Date;
}

export interface IssuedTokens {
  readonly access_token: string;
  readonly id_token: string;
  readonly refresh_token?: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
}

export interface LocalIdentityProvider {
  readonly issuer: string;
  readonly clientId: string;
  /** What `POST /local/token` answers with, for in-process callers (seeding, tests). */
  issueAccessToken(operator: SeededOperator): Promise<string>;
  /** Answers a request under `/local`, or undefined when no endpoint has that path. */
  handle(request: GatewayRequest): Promise<GatewayResponse | undefined>;
}

interface AuthorizationRequest {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string | undefined;
  readonly codeChallenge: string;
  readonly scope: string;
  readonly nonce: string | undefined;
}

interface CodeRecord extends AuthorizationRequest {
  readonly operator: SeededOperator;
  readonly authTime: number;
  readonly expiresAtMs: number;
}

interface RefreshRecord {
  readonly operator: SeededOperator;
  readonly scope: string;
  readonly authTime: number;
  readonly originJti: string;
  readonly expiresAtMs: number;
}

type Checked<T> = { ok: true; value: T } | { ok: false; response: GatewayResponse };

export function createLocalIdentityProvider(options: LocalIdentityProviderOptions): LocalIdentityProvider {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const issuer = `${baseUrl}${PREFIX}`;
  const now = options.now ?? (() => new Date());
  const allowedOrigins = loopbackOrigins(baseUrl);
  const codes = new Map<string, CodeRecord>();
  const refreshTokens = new Map<string, RefreshRecord>();
  const { signingKey } = options;

  const pageHeaders = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': [
      "default-src 'none'",
      "style-src 'self'",
      `form-action 'self' ${allowedOrigins.join(' ')}`,
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  };
  const htmlPage = (statusCode: number, html: string, languages?: LanguageSwitch): GatewayResponse => ({
    statusCode,
    headers: {
      ...pageHeaders,
      // A language picked here is handed to the dashboard (which reads this cookie once) and kept for next time.
      ...(languages?.picked === true ? { 'set-cookie': languageCookie(languages.locale) } : {}),
    },
    body: html,
  });
  const errorHtml = (
    statusCode: number,
    languages: LanguageSwitch,
    title: SignInMessage,
    message: SignInMessage,
  ) =>
    htmlPage(
      statusCode,
      errorPage(
        signInText(languages.locale, title),
        signInText(languages.locale, message, { base: baseUrl }),
        STYLESHEET_PATH,
        languages,
      ),
      languages,
    );

  /**
   * A page's language (the request's `lang`, a remembered pick, the browser's languages) and the links to the same
   * page in each language: the request's own parameters with `lang` set, so the switch keeps the sign-in going.
   */
  function languagesOf(request: GatewayRequest, params: URLSearchParams): LanguageSwitch {
    const lang = params.get('lang');
    const locale = pickSignInLocale({
      lang,
      cookie: headerOf(request, 'cookie'),
      acceptLanguage: headerOf(request, 'accept-language'),
    });
    const kept = new URLSearchParams(params);
    for (const name of ['user', 'cancel', LANGUAGE_PICK_PARAM]) kept.delete(name);
    return {
      locale,
      picked: request.method === 'GET' && params.get(LANGUAGE_PICK_PARAM) === '1' && isSignInLocale(lang),
      hrefFor: (other) => {
        const query = new URLSearchParams(kept);
        query.set('lang', other);
        query.set(LANGUAGE_PICK_PARAM, '1');
        return `${request.rawPath}?${query.toString()}`;
      },
    };
  }
  const tokenError = (error: string, statusCode = 400) =>
    jsonResponse(statusCode, { error }, { 'cache-control': 'no-store', pragma: 'no-cache' });

  async function sign(payload: JWTPayload): Promise<string> {
    return new SignJWT(payload)
      .setProtectedHeader({ alg: signingKey.alg, kid: signingKey.kid })
      .sign(signingKey.privateKey);
  }

  async function mintTokens(
    operator: SeededOperator,
    grant: { scope: string; authTime: number; nonce?: string | undefined; originJti?: string },
  ): Promise<{ accessToken: string; idToken: string; originJti: string }> {
    const iat = Math.floor(now().getTime() / 1000);
    const exp = iat + TOKEN_LIFETIME_SECONDS;
    const originJti = grant.originJti ?? randomUUID();
    const eventId = randomUUID();
    const groups = operator.groups.length > 0 ? { 'cognito:groups': [...operator.groups] } : {};
    const accessToken = await sign({
      sub: operator.id,
      ...groups,
      iss: issuer,
      version: 2,
      client_id: LOCAL_CLIENT_ID,
      origin_jti: originJti,
      event_id: eventId,
      token_use: 'access',
      scope: grant.scope,
      auth_time: grant.authTime,
      exp,
      iat,
      jti: randomUUID(),
      // Cognito's username for a pool with email sign-in is the sub; email is added for the local tools.
      username: operator.id,
      email: operator.email,
    });
    const idToken = await sign({
      sub: operator.id,
      ...groups,
      email_verified: true,
      iss: issuer,
      'cognito:username': operator.id,
      ...(grant.nonce === undefined ? {} : { nonce: grant.nonce }),
      origin_jti: originJti,
      aud: LOCAL_CLIENT_ID,
      event_id: eventId,
      token_use: 'id',
      auth_time: grant.authTime,
      name: operator.name,
      exp,
      iat,
      jti: randomUUID(),
      email: operator.email,
    });
    return { accessToken, idToken, originJti };
  }

  /** Validates what /oauth2/authorize receives (query on GET, form on POST), as Cognito would. */
  function checkAuthorizationRequest(
    params: URLSearchParams,
    languages: LanguageSwitch,
  ): Checked<AuthorizationRequest> {
    const clientId = params.get('client_id') ?? '';
    const redirectUri = params.get('redirect_uri') ?? '';
    // Without a known client and an acceptable redirect URI there is nowhere safe to send an error: show it.
    if (clientId !== LOCAL_CLIENT_ID) {
      return { ok: false, response: errorHtml(400, languages, 'signInError', 'unknownClient') };
    }
    if (!isAllowedRedirect(redirectUri, allowedOrigins)) {
      return {
        ok: false,
        response: errorHtml(400, languages, 'signInError', 'redirectOutside'),
      };
    }
    const state = params.get('state') ?? undefined;
    const fail = (error: string) => ({
      ok: false as const,
      response: redirectResponse(withQuery(redirectUri, [['error', error], ...stateParam(state)])),
    });
    if (params.get('response_type') !== 'code') return fail('unsupported_response_type');
    const codeChallenge = params.get('code_challenge') ?? '';
    if (params.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) {
      return fail('invalid_request');
    }
    const scope = (params.get('scope') ?? DEFAULT_SCOPE).split(/\s+/).filter(Boolean);
    if (scope.length === 0 || scope.some((item) => !ALLOWED_SCOPES.has(item))) return fail('invalid_scope');
    return {
      ok: true,
      value: {
        clientId,
        redirectUri,
        state,
        codeChallenge,
        scope: scope.join(' '),
        nonce: params.get('nonce') ?? undefined,
      },
    };
  }

  function showAuthorize(request: GatewayRequest): GatewayResponse {
    const params = new URLSearchParams(request.rawQueryString);
    const languages = languagesOf(request, params);
    const checked = checkAuthorizationRequest(params, languages);
    if (!checked.ok) return checked.response;
    const { value } = checked;
    const hiddenFields: Array<readonly [string, string]> = [
      ['response_type', 'code'],
      ['client_id', value.clientId],
      ['redirect_uri', value.redirectUri],
      ['code_challenge', value.codeChallenge],
      ['code_challenge_method', 'S256'],
      ['scope', value.scope],
      ...stateParam(value.state),
      ...(value.nonce === undefined ? [] : [['nonce', value.nonce] as const]),
    ];
    return htmlPage(
      200,
      authorizePage({
        action: `${PREFIX}/oauth2/authorize`,
        stylesheetHref: STYLESHEET_PATH,
        hiddenFields,
        operators: SEEDED_OPERATORS,
        languages,
      }),
      languages,
    );
  }

  function submitAuthorize(request: GatewayRequest): GatewayResponse {
    const form = new URLSearchParams(request.body.toString('utf8'));
    const languages = languagesOf(request, form);
    const checked = checkAuthorizationRequest(form, languages);
    if (!checked.ok) return checked.response;
    const { value } = checked;
    if (form.has('cancel')) {
      return redirectResponse(
        withQuery(value.redirectUri, [['error', 'access_denied'], ...stateParam(value.state)]),
      );
    }
    const operator = findOperator(form.get('user') ?? '');
    if (operator === undefined) return errorHtml(400, languages, 'signInError', 'chooseOperator');
    purgeExpired(codes, now().getTime());
    const code = randomBytes(24).toString('base64url');
    codes.set(code, {
      ...value,
      operator,
      authTime: Math.floor(now().getTime() / 1000),
      expiresAtMs: now().getTime() + CODE_LIFETIME_MS,
    });
    return redirectResponse(withQuery(value.redirectUri, [['code', code], ...stateParam(value.state)]));
  }

  async function token(request: GatewayRequest): Promise<GatewayResponse> {
    const contentType = headerOf(request, 'content-type')?.split(';', 1)[0]?.trim().toLowerCase();
    if (contentType !== 'application/x-www-form-urlencoded') return tokenError('invalid_request');
    const form = new URLSearchParams(request.body.toString('utf8'));
    if (form.get('client_id') !== LOCAL_CLIENT_ID) return tokenError('invalid_client', 401);
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') return exchangeCode(form);
    if (grantType === 'refresh_token') return refresh(form);
    return tokenError('unsupported_grant_type');
  }

  async function exchangeCode(form: URLSearchParams): Promise<GatewayResponse> {
    const code = form.get('code') ?? '';
    const record = codes.get(code);
    // Single use: the code is spent by any attempt, so a wrong verifier cannot be retried against it.
    codes.delete(code);
    if (record === undefined || record.expiresAtMs <= now().getTime()) return tokenError('invalid_grant');
    if (form.get('redirect_uri') !== record.redirectUri) return tokenError('invalid_grant');
    const verifier = form.get('code_verifier') ?? '';
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || !sameText(s256(verifier), record.codeChallenge)) {
      return tokenError('invalid_grant');
    }
    const minted = await mintTokens(record.operator, record);
    const refreshToken = randomBytes(32).toString('base64url');
    purgeExpired(refreshTokens, now().getTime());
    refreshTokens.set(refreshToken, {
      operator: record.operator,
      scope: record.scope,
      authTime: record.authTime,
      originJti: minted.originJti,
      expiresAtMs: now().getTime() + REFRESH_TOKEN_LIFETIME_MS,
    });
    const body: IssuedTokens = {
      access_token: minted.accessToken,
      id_token: minted.idToken,
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: TOKEN_LIFETIME_SECONDS,
    };
    return jsonResponse(200, body, { 'cache-control': 'no-store', pragma: 'no-cache' });
  }

  async function refresh(form: URLSearchParams): Promise<GatewayResponse> {
    const record = refreshTokens.get(form.get('refresh_token') ?? '');
    if (record === undefined || record.expiresAtMs <= now().getTime()) return tokenError('invalid_grant');
    const minted = await mintTokens(record.operator, record);
    const body: IssuedTokens = {
      access_token: minted.accessToken,
      id_token: minted.idToken,
      token_type: 'Bearer',
      expires_in: TOKEN_LIFETIME_SECONDS,
    };
    return jsonResponse(200, body, { 'cache-control': 'no-store', pragma: 'no-cache' });
  }

  function logout(request: GatewayRequest): GatewayResponse {
    const params = new URLSearchParams(request.rawQueryString);
    const languages = languagesOf(request, params);
    if (params.get('client_id') !== LOCAL_CLIENT_ID)
      return errorHtml(400, languages, 'signOutError', 'unknownClient');
    const logoutUri = params.get('logout_uri') ?? '';
    if (!isAllowedRedirect(logoutUri, allowedOrigins)) {
      return errorHtml(400, languages, 'signOutError', 'logoutOutside');
    }
    return redirectResponse(logoutUri);
  }

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

/** `http://localhost:PORT` and `http://127.0.0.1:PORT`: the two spellings of this gateway's origin. */
function loopbackOrigins(baseUrl: string): string[] {
  const { port, protocol } = new URL(baseUrl);
  return [`${protocol}//localhost:${port}`, `${protocol}//127.0.0.1:${port}`];
}

/** Only pages of this gateway: no open redirect, no fragment (RFC 6749 §3.1.2). */
export function isAllowedRedirect(uri: string, allowedOrigins: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    return false;
  }
  return (
    allowedOrigins.includes(parsed.origin) &&
    parsed.hash === '' &&
    !uri.includes('#') &&
    parsed.username === ''
  );
}

function withQuery(uri: string, params: ReadonlyArray<readonly [string, string]>): string {
  const target = new URL(uri);
  for (const [name, value] of params) target.searchParams.append(name, value);
  return target.toString();
}

function stateParam(state: string | undefined): Array<readonly [string, string]> {
  return state === undefined ? [] : [['state', state]];
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function purgeExpired(records: Map<string, { expiresAtMs: number }>, nowMs: number): void {
  for (const [key, record] of records) if (record.expiresAtMs <= nowMs) records.delete(key);
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
