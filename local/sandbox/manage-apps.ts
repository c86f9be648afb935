import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxContext } from './context';
import { findSeller } from './data/sellers';
import { errorPage, html, page } from './html';
import { firstValue, mediaType, readBody, redirect, sendHtml } from './http';
import type { SandboxRegion } from './types';

// "Manage Your Apps": the seller's list of authorized apps, each with a Revoke button. Amazon sends the
// app no notification when a seller revokes; the app only learns from invalid_grant on its next refresh.

export const MANAGE_APPS_PATH = '/apps/manage';
export const REVOKE_PATH = '/apps/manage/revoke';

const REGIONS: readonly SandboxRegion[] = ['NA', 'EU', 'FE'];

export function showManageApps(
  context: SandboxContext,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  if (request.method !== 'GET') return sendHtml(response, 405, errorPage('Method not allowed', 'Use GET.'));
  const authorizations = context.ledger
    .list()
    .sort((a, b) => b.authorizedAt.getTime() - a.authorizedAt.getTime());
  const rows = authorizations.map(
    (authorization) =>
      html`<tr
        data-seller="${authorization.sellingPartnerId}"
        data-region="${authorization.region}"
        data-app="${authorization.applicationId}"
      >
        <td>
          ${findSeller(authorization.sellingPartnerId)?.name ?? authorization.sellingPartnerId}<br /><span
            class="muted"
            >${authorization.sellingPartnerId}</span
          >
        </td>
        <td>${authorization.region}</td>
        <td>${authorization.applicationId}</td>
        <td>${authorization.authorizedAt.toISOString()}</td>
        <td>
          ${
            authorization.active
              ? html`<form method="post" action="${REVOKE_PATH}">
                  <input type="hidden" name="application_id" value="${authorization.applicationId}" />
                  <input type="hidden" name="selling_partner_id" value="${authorization.sellingPartnerId}" />
                  <input type="hidden" name="region" value="${authorization.region}" />
                  <button type="submit" class="revoke">Revoke</button>
                </form>`
              : html`Revoked ${authorization.revokedAt?.toISOString() ?? ''}`
          }
        </td>
      </tr>`,
  );
  const body = html`<h1>Manage Your Apps</h1>
    ${
      rows.length === 0
        ? html`<p id="no-authorizations">No application is authorized yet.</p>`
        : html`<table id="authorizations">
            <thead>
              <tr>
                <th>Selling account</th>
                <th>Region</th>
                <th>Application</th>
                <th>Authorized</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>`
    }`;
  sendHtml(response, 200, page('Manage Your Apps', body));
}

export async function submitRevoke(
  context: SandboxContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'POST') return sendHtml(response, 405, errorPage('Method not allowed', 'Use POST.'));
  if (mediaType(request) !== 'application/x-www-form-urlencoded') {
    return sendHtml(response, 400, errorPage('Bad request', 'Submit the revoke form.'));
  }
  const form = new URLSearchParams(await readBody(request));
  const sellingPartnerId = firstValue(form, 'selling_partner_id');
  const region = firstValue(form, 'region') as SandboxRegion | undefined;
  if (!sellingPartnerId || !region || !REGIONS.includes(region)) {
    return sendHtml(response, 400, errorPage('Bad request', 'The revoke form is incomplete.'));
  }
  context.ledger.revoke(sellingPartnerId, region, firstValue(form, 'application_id'));
  redirect(response, MANAGE_APPS_PATH, 303);
}
