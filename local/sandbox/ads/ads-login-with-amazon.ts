import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxClock } from '../clock';
import { html, page } from '../html';
import { firstValue, mediaType, readBody, redirect, sendHtml, sendJson } from '../http';
import type { AdsAccount } from './ads-data';
import { ADS_CONSENT_PATH, ADS_SCOPE, type SandboxAdsApp } from './ads-sandbox-config';

// Login with Amazon for the Ads security profile: the consent page (PKCE), the token endpoint, and the codes,
// refresh tokens and access tokens they hand out. Codes, tokens and secrets are never logged or echoed.

const ACCESS_TOKEN_SECONDS = 3600;
const CODE_LIFETIME_MS = 5 * 60_000;

const token = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;

/** What an access token stands for. */
export interface AdsAccess {
  clientId: string;
  accountId: string;
  refresh: string;
  expiresAtMs: number;
}

export class AdsLoginWithAmazon {
  private readonly codes = new Map<
    string,
    {
      clientId: string;
      redirectUri: string;
      accountId: string;
      challenge: string | undefined;
      expiresAtMs: number;
      used: boolean;
    }
  >();
  private readonly refreshTokens = new Map<
    string,
    { clientId: string; accountId: string; revoked: boolean }
  >();
  private readonly accessTokens = new Map<string, AdsAccess>();

  constructor(
    private readonly clock: SandboxClock,
    private readonly apps: SandboxAdsApp[],
    private readonly accounts: AdsAccount[],
    private readonly count: (name: string) => void,
  ) {}

  private account(id: string): AdsAccount | undefined {
    return this.accounts.find((a) => a.id === id);
  }

  revokeAccount(accountId: string): number {
    let revoked = 0;
    for (const record of this.refreshTokens.values())
      if (record.accountId === accountId && !record.revoked) {
        record.revoked = true;
        revoked += 1;
      }
    for (const [value, access] of this.accessTokens)
      if (access.accountId === accountId) this.accessTokens.delete(value);
    return revoked;
  }

  /** The access a bearer token stands for, if it is known, unexpired and its refresh token not revoked. */
  validAccess(bearer: string | undefined): AdsAccess | undefined {
    const access = bearer === undefined ? undefined : this.accessTokens.get(bearer);
    if (
      access === undefined ||
      access.expiresAtMs <= this.clock.nowMs() ||
      this.refreshTokens.get(access.refresh)?.revoked
    )
      return undefined;
    return access;
  }

  // ---- Login with Amazon consent ------------------------------------------------------------------------------

  async consent(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const params =
      request.method === 'POST' ? new URLSearchParams(await readBody(request)) : url.searchParams;
    const clientId = firstValue(params, 'client_id');
    const redirectUri = firstValue(params, 'redirect_uri');
    const app = this.apps.find((a) => a.clientId === clientId);
    // Like LWA: an unknown client or a return URL that is not allowed gets an error page, never a redirect.
    if (app === undefined || redirectUri === undefined || !app.redirectUris.includes(redirectUri)) {
      return sendHtml(
        response,
        400,
        page(
          'Login with Amazon',
          html`<h1>An error occurred</h1>
            <p id="error-code">invalid_request: unknown client or return URL</p>`,
        ),
      );
    }
    const state = firstValue(params, 'state');
    const back = (fields: Record<string, string>) => {
      const target = new URL(redirectUri);
      for (const [name, value] of Object.entries(fields)) target.searchParams.set(name, value);
      if (state !== undefined) target.searchParams.set('state', state);
      redirect(response, target.toString());
    };
    if (firstValue(params, 'response_type') !== 'code') return back({ error: 'unsupported_response_type' });
    const scope = firstValue(params, 'scope');
    if (scope !== ADS_SCOPE) return back({ error: 'invalid_scope' });
    const challenge = firstValue(params, 'code_challenge');
    const method = firstValue(params, 'code_challenge_method');
    if (challenge !== undefined && method !== 'S256')
      return back({ error: 'invalid_request', error_description: 'code_challenge_method' });

    if (request.method !== 'POST') {
      const hidden = [
        'client_id',
        'scope',
        'response_type',
        'redirect_uri',
        'state',
        'code_challenge',
        'code_challenge_method',
      ]
        .filter((name) => params.get(name) !== null)
        .map((name) => html`<input type="hidden" name="${name}" value="${params.get(name) ?? ''}" />`);
      const choices = this.accounts.map(
        (a, index) =>
          html`<label class="seller"
            ><input type="radio" name="account" value="${a.id}" ${index === 0 ? html`checked` : html``} />
            ${a.label} <small>${a.profiles.length} profile(s)</small></label
          >`,
      );
      return sendHtml(
        response,
        200,
        page(
          'Amazon Ads: allow access',
          html`<h1>Mint Hub Operations would like to access your Amazon Advertising data</h1>
            <p class="muted">Scope: ${ADS_SCOPE}. Signed in as:</p>
            <form method="post" action="${ADS_CONSENT_PATH}">
              ${hidden}${choices}
              <div class="actions">
                <button class="primary" type="submit" name="decision" value="allow">Allow</button>
                <button type="submit" name="decision" value="cancel">Cancel</button>
              </div>
            </form>`,
        ),
      );
    }
    if (firstValue(params, 'decision') !== 'allow')
      return back({ error: 'access_denied', error_description: 'The user denied the request.' });
    const account = this.account(firstValue(params, 'account') ?? '');
    if (account === undefined) return back({ error: 'access_denied' });
    const code = token('ANe');
    this.codes.set(code, {
      clientId: app.clientId,
      redirectUri,
      accountId: account.id,
      challenge,
      expiresAtMs: this.clock.nowMs() + CODE_LIFETIME_MS,
      used: false,
    });
    back({ code, scope: ADS_SCOPE });
  }

  // ---- token endpoint -------------------------------------------------------------------------------------------

  async tokenEndpoint(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const reply = (status: number, body: Record<string, unknown>) =>
      sendJson(response, status, body, {
        'cache-control': 'no-store',
        'content-type': 'application/json;charset=UTF-8',
      });
    const error = (status: number, code: string, description: string) =>
      reply(status, { error_description: description, error: code });
    if (request.method !== 'POST') return error(405, 'invalid_request', 'Malformed request');
    const body = await readBody(request);
    if (mediaType(request) !== 'application/x-www-form-urlencoded')
      return error(
        400,
        'unsupported_grant_type',
        'The authorization grant type is not supported by the authorization server',
      );
    const form = new URLSearchParams(body);
    const grant = form.get('grant_type');
    this.count(`lwa:${grant ?? 'none'}`);
    const app = this.apps.find((a) => a.clientId === form.get('client_id'));
    if (app === undefined || app.clientSecret !== form.get('client_secret'))
      return error(401, 'invalid_client', 'Client authentication failed');
    if (grant === 'authorization_code') {
      const code = this.codes.get(form.get('code') ?? '');
      if (
        code === undefined ||
        code.used ||
        code.clientId !== app.clientId ||
        this.clock.nowMs() >= code.expiresAtMs
      )
        return error(400, 'invalid_grant', 'The request has an invalid grant parameter : code');
      if (code.redirectUri !== form.get('redirect_uri'))
        return error(400, 'invalid_grant', 'The request has an invalid grant parameter : redirect_uri');
      if (code.challenge !== undefined) {
        const verifier = form.get('code_verifier') ?? '';
        if (createHash('sha256').update(verifier, 'ascii').digest('base64url') !== code.challenge)
          return error(400, 'invalid_grant', 'The request has an invalid grant parameter : code_verifier');
      }
      code.used = true;
      const refresh = token('Atzr|');
      this.refreshTokens.set(refresh, { clientId: app.clientId, accountId: code.accountId, revoked: false });
      return reply(200, {
        access_token: this.mintAccess(refresh),
        refresh_token: refresh,
        token_type: 'bearer',
        expires_in: ACCESS_TOKEN_SECONDS,
      });
    }
    if (grant === 'refresh_token') {
      const refresh = form.get('refresh_token') ?? '';
      const record = this.refreshTokens.get(refresh);
      if (record === undefined || record.clientId !== app.clientId)
        return error(400, 'invalid_grant', 'The request has an invalid grant parameter : refresh_token');
      if (record.revoked)
        return error(
          400,
          'invalid_grant',
          "The request has an invalid grant parameter : refresh_token. User may have revoked or didn't grant the permission.",
        );
      return reply(200, {
        access_token: this.mintAccess(refresh),
        refresh_token: refresh,
        token_type: 'bearer',
        expires_in: ACCESS_TOKEN_SECONDS,
      });
    }
    return error(
      400,
      'unsupported_grant_type',
      'The authorization grant type is not supported by the authorization server',
    );
  }

  private mintAccess(refresh: string): string {
    const record = this.refreshTokens.get(refresh);
    if (record === undefined) throw new Error('refresh token must exist');
    const access = token('Atza|');
    this.accessTokens.set(access, {
      clientId: record.clientId,
      accountId: record.accountId,
      refresh,
      expiresAtMs: this.clock.nowMs() + ACCESS_TOKEN_SECONDS * 1000,
    });
    return access;
  }
}
