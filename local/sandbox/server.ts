import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import {
  APPSTORE_PATH,
  CONFIRM_PATH_PREFIX,
  handleAppstoreAuthorize,
  handleAppstoreConfirm,
} from './appstore';
import { adsSandboxOf } from './ads/ads-sandbox';
import { CONSENT_PATH, handleConsent } from './consent';
import type { SandboxContext } from './context';
import { CONTROL_PATH_PREFIX, handleControl } from './control';
import { errorPage, html, page } from './html';
import { BodyTooLargeError, sendHtml, sendJson } from './http';
import { handleLwaToken, LWA_TOKEN_PATH } from './lwa';
import { MANAGE_APPS_PATH, REVOKE_PATH, showManageApps, submitRevoke } from './manage-apps';
import { handleSpApi, SPAPI_PATH_PREFIX } from './spapi/router';

function homePage(): string {
  return page(
    'Amazon sandbox',
    html`<h1>Amazon sandbox</h1>
      <p>A local stand-in for Seller Central consent, Login with Amazon and the Selling Partner API.</p>
      <ul>
        <li><a href="${MANAGE_APPS_PATH}">Manage Your Apps</a></li>
        <li><a href="/__sandbox/sellers">Seeded sellers (JSON)</a></li>
      </ul>`,
  );
}

async function route(
  context: SandboxContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', context.baseUrl);
  const path = url.pathname;
  // The Amazon Ads API stand-in (consent, token host, API, report files, its control routes): local/sandbox/ads.
  const ads = adsSandboxOf(context);
  if (ads !== undefined && (await ads.handle(request, response, url))) return;
  if (path.startsWith(CONTROL_PATH_PREFIX)) return handleControl(context, request, response, url);

  if (context.faults.latencyMs > 0) await delay(context.faults.latencyMs);
  if (path === LWA_TOKEN_PATH) return handleLwaToken(context, request, response);
  if (path.startsWith(SPAPI_PATH_PREFIX)) return handleSpApi(context, request, response, url);
  if (path === CONSENT_PATH) return handleConsent(context, request, response, url);
  if (path === APPSTORE_PATH) return handleAppstoreAuthorize(context, request, response, url);
  if (path.startsWith(CONFIRM_PATH_PREFIX)) return handleAppstoreConfirm(context, request, response, url);
  if (path === MANAGE_APPS_PATH) return showManageApps(context, request, response);
  if (path === REVOKE_PATH) return submitRevoke(context, request, response);
  if (path === '/' && request.method === 'GET') return sendHtml(response, 200, homePage());
  sendHtml(response, 404, errorPage('Page not found', 'The sandbox has no page at this address.'));
}

/** The HTTP server of one sandbox; failures answer a plain 500 without stack traces. */
export function createSandboxServer(context: SandboxContext): Server {
  return createServer((request, response) => {
    route(context, request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof BodyTooLargeError) {
        sendJson(response, 413, { error: 'Request body too large' });
        return;
      }
      sendJson(response, 500, { error: 'Sandbox internal error' });
    });
  });
}

export function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
