import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxContext } from './context';
import { publicSellerView } from './data/sellers';
import { mediaType, readBody, sendJson } from './http';
import { clientSecretExpiryNotification, rotateClientSecret } from './spapi/application-management';
import { ACCOUNT_STATUSES } from './spapi/notification-hub';
import type { Faults, SandboxAccountStatus, SandboxRegion } from './types';

// The test control surface, for tests and tools in other processes. Loopback only, like the whole sandbox;
// it is not part of Amazon and injected latency never applies to it.

export const CONTROL_PATH_PREFIX = '/__sandbox/';

const REGIONS: readonly SandboxRegion[] = ['NA', 'EU', 'FE'];

class ControlError extends Error {}

async function readJsonObject(request: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(request);
  if (text.trim() === '') return {};
  if (mediaType(request) !== 'application/json')
    throw new ControlError('Send a JSON body (application/json).');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ControlError('The body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ControlError('The body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

export async function handleControl(
  context: SandboxContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const route = `${request.method ?? 'GET'} ${url.pathname.slice(CONTROL_PATH_PREFIX.length - 1)}`;
  try {
    switch (route) {
      case 'GET /clock':
        // The seed and its anchor let tests recompute the seeded history (SeedData) to compare totals with.
        return sendJson(response, 200, {
          now: context.clock.now().toISOString(),
          seed: context.data.seed,
          anchor: context.data.anchor.toISOString(),
        });
      case 'POST /clock': {
        const { advanceMs } = await readJsonObject(request);
        if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs) || advanceMs < 0) {
          throw new ControlError('advanceMs must be a number >= 0.');
        }
        context.clock.advance(advanceMs);
        return sendJson(response, 200, { now: context.clock.now().toISOString() });
      }
      case 'GET /faults':
        return sendJson(response, 200, { faults: context.faults.current() });
      case 'POST /faults': {
        const faults = await readJsonObject(request);
        try {
          context.faults.set(faults as Partial<Faults>);
        } catch (error) {
          throw new ControlError(error instanceof Error ? error.message : 'Invalid faults.');
        }
        return sendJson(response, 200, { faults: context.faults.current() });
      }
      case 'DELETE /faults':
        context.faults.clear();
        return sendJson(response, 200, { faults: context.faults.current() });
      case 'GET /counters':
        return sendJson(response, 200, context.counters.snapshot());
      case 'DELETE /counters':
        context.counters.reset();
        return sendJson(response, 200, context.counters.snapshot());
      case 'POST /revoke': {
        const { sellingPartnerId, region, applicationId } = await readJsonObject(request);
        if (typeof sellingPartnerId !== 'string' || !REGIONS.includes(region as SandboxRegion)) {
          throw new ControlError('Send {"sellingPartnerId", "region": "NA"|"EU"|"FE"[, "applicationId"]}.');
        }
        if (applicationId !== undefined && typeof applicationId !== 'string') {
          throw new ControlError('applicationId must be a string.');
        }
        const revoked = context.ledger.revoke(sellingPartnerId, region as SandboxRegion, applicationId);
        return sendJson(response, 200, { revoked });
      }
      // Amazon's notifications (spapi/notifications.ts, spapi/application-management.ts; local/README.md).
      case 'POST /notifications/account-status': {
        const { sellingPartnerId, region, status } = await readJsonObject(request);
        if (
          typeof sellingPartnerId !== 'string' ||
          !REGIONS.includes(region as SandboxRegion) ||
          !(ACCOUNT_STATUSES as readonly unknown[]).includes(status)
        ) {
          throw new ControlError(
            'Send {"sellingPartnerId", "region": "NA"|"EU"|"FE", "status": "NORMAL"|"AT_RISK"|"DEACTIVATED"}.',
          );
        }
        const delivered = await context.notifications.changeAccountStatus(
          sellingPartnerId,
          region as SandboxRegion,
          status as SandboxAccountStatus,
          context.clock.now(),
        );
        return sendJson(response, 200, { delivered });
      }
      case 'POST /notifications/client-secret-rotation':
      case 'POST /notifications/client-secret-expiry': {
        const { applicationId } = await readJsonObject(request);
        const app =
          applicationId === undefined ? context.apps.first() : context.apps.find(String(applicationId));
        if (app === undefined) throw new ControlError('No such applicationId.');
        const queueArn = context.notifications.applicationQueueOf(app.applicationId);
        if (queueArn === undefined) throw new ControlError('The app has no registered application queue.');
        if (route.endsWith('rotation')) await rotateClientSecret(context, app);
        else
          await context.notifications.deliver(
            queueArn,
            clientSecretExpiryNotification(
              app,
              context.clientSecrets.currentExpiry(app.applicationId) ?? context.clock.nowMs(),
              context.clock.now(),
            ),
          );
        return sendJson(response, 200, { delivered: 1 });
      }
      case 'GET /sellers':
        return sendJson(response, 200, { sellers: context.data.sellers.map(publicSellerView) });
      default:
        return sendJson(response, 404, { error: `No control route ${route}` });
    }
  } catch (error) {
    if (error instanceof ControlError) return sendJson(response, 400, { error: error.message });
    throw error;
  }
}
