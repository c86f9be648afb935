import { randomBytes } from 'node:crypto';
import {
  headerOf,
  redirectResponse,
  type GatewayRequest,
  type GatewayResponse,
} from '../gateway/gateway-http';
import { findOperator, SEEDED_OPERATORS } from './seeded-operators';
import {
  authorizePage,
  errorPage,
  isSignInLocale,
  languageCookie,
  pickSignInLocale,
  signInText,
  type LanguageSwitch,
  type SignInMessage,
} from './sign-in-pages';
import { ALLOWED_SCOPES, DEFAULT_SCOPE, LOCAL_CLIENT_ID } from './local-tokens';
import { purgeExpired, type AuthorizationRequest, type CodeRecord } from './local-token-endpoint';

/**
 * The local sign-in's hosted UI, as Cognito's: `/oauth2/authorize` (the page to pick an operator, GET; the pick,
 * POST, answered with a redirect carrying a code or an error) and `/logout`, each in the page's language with
 * links to the other, and redirects only to pages of this gateway. The HTML and its text are in sign-in-pages.ts.
 */

/** Cognito's authorization codes are valid for 5 minutes and once. */
const CODE_LIFETIME_MS = 5 * 60 * 1000;
/** Marks a sign-in page link as the person's own pick of language (remembered), not the dashboard's hint. */
const LANGUAGE_PICK_PARAM = 'lang_pick';

type Checked<T> = { ok: true; value: T } | { ok: false; response: GatewayResponse };

export interface HostedUi {
  /** A page with the sign-in's security headers (and the language cookie when the person picked one). */
  htmlPage(statusCode: number, html: string, languages?: LanguageSwitch): GatewayResponse;
  showAuthorize(request: GatewayRequest): GatewayResponse;
  submitAuthorize(request: GatewayRequest): GatewayResponse;
  logout(request: GatewayRequest): GatewayResponse;
}

export function createHostedUi(options: {
  /** The gateway's public URL without a trailing slash. */
  readonly baseUrl: string;
  /** Where the form posts, e.g. `/local/oauth2/authorize`. */
  readonly authorizePath: string;
  readonly stylesheetPath: string;
  /** Where the codes go, for the token endpoint. */
  readonly codes: Map<string, CodeRecord>;
  readonly now: () => Date;
}): HostedUi {
  const { baseUrl, stylesheetPath, codes, now } = options;
  const allowedOrigins = loopbackOrigins(baseUrl);

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
        stylesheetPath,
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
        action: options.authorizePath,
        stylesheetHref: stylesheetPath,
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

  return { htmlPage, showAuthorize, submitAuthorize, logout };
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
