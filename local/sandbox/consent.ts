import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  checkApp,
  checkRedirectUri,
  checkSeller,
  checkState,
  checkVersion,
  hiddenField,
  sellerPicker,
  withQuery,
} from './authorization-request';
import type { SandboxContext } from './context';
import { errorPage, html, page } from './html';
import { firstValue, mediaType, readBody, redirect, sendHtml } from './http';

// The website authorization workflow: {sellerCentral}/apps/authorize/consent?application_id&state
// [&version=beta][&redirect_uri]. Confirm sends the browser to the redirect URI with state,
// selling_partner_id and spapi_oauth_code; Cancel (undocumented by Amazon) sends state and
// error=access_denied, as RFC 6749 §4.1.2.1 describes.

export const CONSENT_PATH = '/apps/authorize/consent';

export async function handleConsent(
  context: SandboxContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  if (request.method === 'GET') return showConsent(context, response, url.searchParams);
  if (request.method === 'POST') return submitConsent(context, request, response);
  sendHtml(response, 405, errorPage('Method not allowed', 'Use GET or POST.'));
}

function showConsent(context: SandboxContext, response: ServerResponse, query: URLSearchParams): void {
  const app = checkApp(context, firstValue(query, 'application_id'));
  if (!app.ok) return sendHtml(response, app.error.status, app.error.html);
  const version = firstValue(query, 'version');
  const beta = checkVersion(app.value, version);
  if (!beta.ok) return sendHtml(response, beta.error.status, beta.error.html);
  const requestedRedirect = firstValue(query, 'redirect_uri');
  const redirectUri = checkRedirectUri(app.value, requestedRedirect);
  if (!redirectUri.ok) return sendHtml(response, redirectUri.error.status, redirectUri.error.html);
  const state = checkState(firstValue(query, 'state'));
  if (!state.ok) return sendHtml(response, state.error.status, state.error.html);

  const body = html`<h1>Authorize ${app.value.applicationId}${app.value.draft ? ' (draft)' : ''}</h1>
    <p>
      This application asks for access to your selling account: <strong>Inventory and Order Tracking</strong>.
      The authorization covers every marketplace of the account's region.
    </p>
    <form method="post" action="${CONSENT_PATH}" id="consent-form">
      ${hiddenField('application_id', app.value.applicationId)} ${hiddenField('state', state.value)}
      ${hiddenField('version', version)} ${hiddenField('redirect_uri', requestedRedirect)}
      ${sellerPicker(context.data.sellers)}
      <div class="actions">
        <button type="submit" class="primary" name="decision" value="approve" id="approve">Confirm</button>
        <button type="submit" name="decision" value="deny" id="deny">Cancel</button>
      </div>
    </form>
    <p class="muted">Redirects to ${redirectUri.value}</p>`;
  sendHtml(response, 200, page('Authorize application', body));
}

async function submitConsent(
  context: SandboxContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (mediaType(request) !== 'application/x-www-form-urlencoded') {
    return sendHtml(response, 400, errorPage('Bad request', 'Submit the consent form.'));
  }
  const form = new URLSearchParams(await readBody(request));
  const app = checkApp(context, firstValue(form, 'application_id'));
  if (!app.ok) return sendHtml(response, app.error.status, app.error.html);
  const beta = checkVersion(app.value, firstValue(form, 'version'));
  if (!beta.ok) return sendHtml(response, beta.error.status, beta.error.html);
  const redirectUri = checkRedirectUri(app.value, firstValue(form, 'redirect_uri'));
  if (!redirectUri.ok) return sendHtml(response, redirectUri.error.status, redirectUri.error.html);
  const state = checkState(firstValue(form, 'state'));
  if (!state.ok) return sendHtml(response, state.error.status, state.error.html);

  const decision = firstValue(form, 'decision');
  if (decision === 'deny') {
    return redirect(
      response,
      withQuery(redirectUri.value, [
        ['state', state.value],
        ['error', 'access_denied'],
      ]),
    );
  }
  if (decision !== 'approve') {
    return sendHtml(response, 400, errorPage('Bad request', 'Choose Confirm or Cancel.'));
  }
  const seller = checkSeller(firstValue(form, 'selling_partner_id'));
  if (!seller.ok) return sendHtml(response, seller.error.status, seller.error.html);

  const grant = {
    applicationId: app.value.applicationId,
    sellingPartnerId: seller.value.sellingPartnerId,
    region: seller.value.region,
  };
  const generation = context.ledger.approve(grant);
  const code = context.codes.issueAuthorizationCode(grant, redirectUri.value, generation);
  redirect(
    response,
    withQuery(redirectUri.value, [
      ['state', state.value],
      ['selling_partner_id', seller.value.sellingPartnerId],
      ['spapi_oauth_code', code],
    ]),
  );
}
