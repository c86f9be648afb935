import type { SandboxContext } from './context';
import { findSeller, type SellerProfile } from './data/sellers';
import { errorPage, html, type TrustedHtml } from './html';
import type { SandboxApp } from './types';

// Checks shared by the website consent, the Appstore start page and the Appstore confirm step, with the
// error codes Amazon documents in "Authorization Errors" (MD1000, MD5101, MD5110).

export interface PageError {
  status: number;
  html: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: PageError };

function fail(title: string, message: string, errorCode?: string): { ok: false; error: PageError } {
  return { ok: false, error: { status: 400, html: errorPage(title, message, errorCode) } };
}

export function checkApp(context: SandboxContext, applicationId: string | undefined): Checked<SandboxApp> {
  const app = context.apps.find(applicationId);
  if (!app) {
    return fail(
      'We could not find this application',
      `The application_id "${applicationId ?? ''}" does not belong to any registered application.`,
    );
  }
  return { ok: true, value: app };
}

/** Draft apps authorize only with version=beta, published apps only without it. */
export function checkVersion(app: SandboxApp, version: string | undefined): Checked<boolean> {
  const beta = version === 'beta';
  if (version !== undefined && !beta) {
    return fail('Authorization error', `The version parameter "${version}" is not valid; only "beta" is.`);
  }
  if (app.draft && !beta) {
    return fail(
      'Authorization error',
      'This application is in Draft state. Add version=beta to the OAuth authorization URI to authorize it.',
      'MD1000',
    );
  }
  if (!app.draft && beta) {
    return fail(
      'Authorization error',
      'version=beta authorizes applications in Draft state only; this application is published. Remove version=beta.',
    );
  }
  return { ok: true, value: beta };
}

/** Optional redirect_uri: must be one of the app's registered URIs; the default is the first one. */
export function checkRedirectUri(app: SandboxApp, redirectUri: string | undefined): Checked<string> {
  if (redirectUri === undefined) {
    const first = app.redirectUris[0];
    if (first === undefined) return fail('Authorization error', 'The application has no OAuth redirect URI.');
    return { ok: true, value: first };
  }
  if (redirectUri.includes('#')) {
    return fail('Authorization error', 'The redirect URI must not contain a fragment.', 'MD5110');
  }
  if (!app.redirectUris.includes(redirectUri)) {
    return fail(
      'Authorization error',
      "The redirect URI doesn't match any OAuth redirect URI registered for this application.",
      'MD5101',
    );
  }
  return { ok: true, value: redirectUri };
}

/** Amazon echoes `state` unchanged; the sandbox insists on it so a flow that forgets it fails early. */
export function checkState(state: string | undefined): Checked<string> {
  if (state === undefined) {
    return fail(
      'Authorization error',
      'The state parameter is missing. Send a short-lived, unguessable state.',
    );
  }
  return { ok: true, value: state };
}

export function checkSeller(sellingPartnerId: string | undefined): Checked<SellerProfile> {
  const seller = sellingPartnerId === undefined ? undefined : findSeller(sellingPartnerId);
  if (!seller) return fail('Authorization error', 'Choose the selling account to authorize.');
  return { ok: true, value: seller };
}

/** The "who is signed in to Seller Central" picker, one radio button per seeded seller. */
export function sellerPicker(sellers: readonly SellerProfile[]): TrustedHtml {
  return html`<fieldset style="border:0;padding:0">
    <legend>Selling account</legend>
    ${sellers.map(
      (seller, index) =>
        html`<label class="seller"
          ><input
            type="radio"
            name="selling_partner_id"
            value="${seller.sellingPartnerId}"
            data-region="${seller.region}"
            ${index === 0 ? html`checked` : undefined}
          />
          <strong>${seller.name}</strong>
          <small
            >${seller.sellingPartnerId} · ${seller.region} · ${seller.marketplaceIds.length}
            marketplaces</small
          ></label
        >`,
    )}
  </fieldset>`;
}

export function hiddenField(name: string, value: string | undefined): TrustedHtml | undefined {
  return value === undefined ? undefined : html`<input type="hidden" name="${name}" value="${value}" />`;
}

/** The app's URI with the given query parameters added in order (its own query is kept). */
export function withQuery(uri: string, params: ReadonlyArray<readonly [string, string]>): string {
  const target = new URL(uri);
  for (const [name, value] of params) target.searchParams.append(name, value);
  return target.toString();
}
