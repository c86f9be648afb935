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

// The Selling Partner Appstore workflow.
// 1. GET/POST /appstore/authorize stands in for "Authorize now" on the listing plus the consent page;
//    approving loads the app's Login URI with amazon_callback_uri, amazon_state, selling_partner_id
//    [, version=beta].
// 2. The app sends the browser to amazon_callback_uri (/apps/authorize/confirm/{applicationId}, modelled on
//    https://sellercentral.amazon.com/apps/authorize/confirm/{applicationId}) with amazon_state, its own
//    state [, version=beta][, redirect_uri]; Amazon then calls the redirect URI like the website flow.

export const APPSTORE_PATH = '/appstore/authorize';
export const CONFIRM_PATH_PREFIX = '/apps/authorize/confirm/';

export async function handleAppstoreAuthorize(
  context: SandboxContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  if (request.method === 'GET') return showAppstoreConsent(context, response, url.searchParams);
  if (request.method === 'POST') return submitAppstoreConsent(context, request, response);
  sendHtml(response, 405, errorPage('Method not allowed', 'Use GET or POST.'));
}

function noLoginUri(): { status: number; html: string } {
  return {
    status: 400,
    html: errorPage(
      'Authorization error',
      'This application has no OAuth Login URI for the Appstore workflow.',
    ),
  };
}

function showAppstoreConsent(
  context: SandboxContext,
  response: ServerResponse,
  query: URLSearchParams,
): void {
  const app = checkApp(context, firstValue(query, 'application_id'));
  if (!app.ok) return sendHtml(response, app.error.status, app.error.html);
  if (!app.value.loginUri) return sendHtml(response, noLoginUri().status, noLoginUri().html);
  const version = firstValue(query, 'version');
  const beta = checkVersion(app.value, version);
  if (!beta.ok) return sendHtml(response, beta.error.status, beta.error.html);

  const body = html`<h1>Authorize ${app.value.applicationId}${app.value.draft ? ' (draft)' : ''}</h1>
    <p>
      Selling Partner Appstore. This application asks for access to your selling account:
      <strong>Inventory and Order Tracking</strong>.
    </p>
    <form method="post" action="${APPSTORE_PATH}" id="appstore-form">
      ${hiddenField('application_id', app.value.applicationId)} ${hiddenField('version', version)}
      ${sellerPicker(context.data.sellers)}
      <div class="actions">
        <button type="submit" class="primary" name="decision" value="approve" id="approve">
          Log in to the application now
        </button>
        <button type="submit" name="decision" value="deny" id="deny">Cancel</button>
      </div>
    </form>`;
  sendHtml(response, 200, page('Authorize application', body));
}

async function submitAppstoreConsent(
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
  const loginUri = app.value.loginUri;
  if (!loginUri) return sendHtml(response, noLoginUri().status, noLoginUri().html);
  const beta = checkVersion(app.value, firstValue(form, 'version'));
  if (!beta.ok) return sendHtml(response, beta.error.status, beta.error.html);

  const decision = firstValue(form, 'decision');
  if (decision === 'deny') {
    return sendHtml(
      response,
      200,
      page(
        'Authorization cancelled',
        html`<h1>Authorization cancelled</h1>
          <p>The application was not authorized.</p>`,
      ),
    );
  }
  if (decision !== 'approve') return sendHtml(response, 400, errorPage('Bad request', 'Choose an action.'));
  const seller = checkSeller(firstValue(form, 'selling_partner_id'));
  if (!seller.ok) return sendHtml(response, seller.error.status, seller.error.html);

  const amazonState = context.codes.issueAmazonState(
    {
      applicationId: app.value.applicationId,
      sellingPartnerId: seller.value.sellingPartnerId,
      region: seller.value.region,
    },
    beta.value,
  );
  const params: Array<[string, string]> = [
    ['amazon_callback_uri', `${context.baseUrl}${CONFIRM_PATH_PREFIX}${app.value.applicationId}`],
    ['amazon_state', amazonState],
    ['selling_partner_id', seller.value.sellingPartnerId],
  ];
  if (beta.value) params.push(['version', 'beta']);
  redirect(response, withQuery(loginUri, params));
}

export function handleAppstoreConfirm(
  context: SandboxContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): void {
  if (request.method !== 'GET') return sendHtml(response, 405, errorPage('Method not allowed', 'Use GET.'));
  const query = url.searchParams;
  const app = checkApp(context, decodeURIComponent(url.pathname.slice(CONFIRM_PATH_PREFIX.length)));
  if (!app.ok) return sendHtml(response, app.error.status, app.error.html);
  const beta = checkVersion(app.value, firstValue(query, 'version'));
  if (!beta.ok) return sendHtml(response, beta.error.status, beta.error.html);
  const redirectUri = checkRedirectUri(app.value, firstValue(query, 'redirect_uri'));
  if (!redirectUri.ok) return sendHtml(response, redirectUri.error.status, redirectUri.error.html);
  const state = checkState(firstValue(query, 'state'));
  if (!state.ok) return sendHtml(response, state.error.status, state.error.html);

  const amazonStateValue = firstValue(query, 'amazon_state');
  const amazonState =
    amazonStateValue === undefined
      ? undefined
      : context.codes.consumeAmazonState(amazonStateValue, app.value.applicationId);
  if (!amazonState) {
    return sendHtml(
      response,
      400,
      errorPage(
        'Authorization error',
        'The amazon_state is missing, unknown, expired or already used. Start the authorization again from the Appstore.',
      ),
    );
  }
  const generation = context.ledger.approve(amazonState);
  const code = context.codes.issueAuthorizationCode(amazonState, redirectUri.value, generation);
  redirect(
    response,
    withQuery(redirectUri.value, [
      ['state', state.value],
      ['selling_partner_id', amazonState.sellingPartnerId],
      ['spapi_oauth_code', code],
    ]),
  );
}
