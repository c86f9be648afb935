import { randomBytes } from 'node:crypto';
import type { SandboxApp } from '../../local/sandbox';
import type { SandboxEndpoint } from './sandbox-host';

/**
 * A seller's consent to an app in the sandbox's Seller Central (the website workflow's "Confirm"), answering the
 * `spapi_oauth_code` Amazon puts on the redirect. Setup only: the redirect itself is not followed.
 */
export async function approveConsent(
  sandbox: SandboxEndpoint,
  app: SandboxApp,
  sellingPartnerId: string,
): Promise<{ code: string; redirectUri: string }> {
  const redirectUri = app.redirectUris[0] ?? '';
  const response = await fetch(`${sandbox.url}/apps/authorize/consent`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      application_id: app.applicationId,
      state: randomBytes(16).toString('hex'),
      selling_partner_id: sellingPartnerId,
      decision: 'approve',
    }),
  });
  const location = response.headers.get('location');
  const code = location === null ? null : new URL(location).searchParams.get('spapi_oauth_code');
  if (response.status !== 302 || code === null)
    throw new Error(`consent for ${sellingPartnerId}: ${response.status}`);
  return { code, redirectUri };
}

/**
 * Consent plus the authorization_code exchange: the refresh token a general client is constructed with (their
 * READMEs start from one). Our own stores go through the callback's adapters instead (local-aws.ts).
 */
export async function refreshTokenFor(
  sandbox: SandboxEndpoint,
  app: SandboxApp,
  sellingPartnerId: string,
): Promise<string> {
  const { code, redirectUri } = await approveConsent(sandbox, app, sellingPartnerId);
  const response = await fetch(sandbox.lwaTokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: app.clientId,
      client_secret: app.clientSecret,
    }),
  });
  const body = (await response.json()) as { refresh_token?: string };
  if (!response.ok || body.refresh_token === undefined)
    throw new Error(`code exchange for ${sellingPartnerId}: ${response.status}`);
  return body.refresh_token;
}
