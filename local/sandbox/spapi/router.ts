import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxContext } from '../context';
import { findSeller, sellerKey } from '../data/sellers';
import { readBody, sendJson, sendText } from '../http';
import { formatRate } from '../rate-limiter';
import { requestId } from '../secure-random';
import type { SandboxRegion } from '../types';
import {
  INTERNAL_FAILURE_BODY,
  NOT_FOUND_BODY,
  QUOTA_EXCEEDED_BODY,
  SERVICE_UNAVAILABLE_BODY,
  SpApiError,
  TOKEN_EXPIRED_DETAILS,
  TOKEN_INVALID_DETAILS,
  TOKEN_MISSING_DETAILS,
  unauthorized,
} from './errors';
import { faultyAnswer } from './answer-faults';
import { getInventorySummariesOperation } from './inventory';
import { matchOperationPath, type SpApiOperation } from './operation';
import { searchOrdersOperation } from './orders-2026';
import { getOrdersOperation } from './orders-v0';
import { QueryReader } from './query';
import {
  createReportOperation,
  getReportDocumentOperation,
  getReportOperation,
  serveReportDocument,
} from './reports';
import { getOrderMetricsOperation } from './sales';
import { handleNotificationApis } from './notifications';
import { getMarketplaceParticipationsOperation } from './sellers';

// SP-API endpoints under /spapi/{na|eu|fe}, one per region like sellingpartnerapi-{na|eu|fe}.amazon.com.
// Order of checks for a known operation: count the call, injected faults, the access token
// (missing / revoked / expired / other region), the usage-plan bucket, the operation's own faults (hang,
// 5xx, broken answers), then the operation itself.

export const SPAPI_PATH_PREFIX = '/spapi/';

export const SPAPI_OPERATIONS: readonly SpApiOperation[] = [
  getInventorySummariesOperation,
  getOrdersOperation,
  searchOrdersOperation,
  getMarketplaceParticipationsOperation,
  getOrderMetricsOperation,
  createReportOperation,
  getReportOperation,
  getReportDocumentOperation,
];

const REGIONS: Record<string, SandboxRegion> = { na: 'NA', eu: 'EU', fe: 'FE' };

/** The model's responses that announce the usage plan; 403, 429 and 5xx do not. */
const STATUSES_WITH_RATE_LIMIT = new Set([200, 202, 400, 404]);

export async function handleSpApi(
  context: SandboxContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  // Notifications and Application Management: grantless tokens, JSON bodies, DELETE (spapi/notifications.ts).
  if (await handleNotificationApis(context, request, response, url)) return;
  const rawBody = await readBody(request); // GET operations carry no body; drain whatever came.
  const headers: Record<string, string> = { 'x-amzn-RequestId': requestId() };
  const reply = (status: number, body: unknown): void => sendJson(response, status, body, headers);

  const match = /^\/spapi\/([a-z]+)(\/.*)$/.exec(url.pathname);
  const region = match ? REGIONS[match[1] ?? ''] : undefined;
  // Report documents: a presigned URL on the storage host, not an SP-API operation (no token, no usage plan).
  if (region && request.method === 'GET' && serveReportDocument(context, url, response)) return;
  let pathParams: Record<string, string> | undefined;
  const operation = SPAPI_OPERATIONS.find(
    (op) =>
      op.method === request.method &&
      (pathParams = matchOperationPath(op.path, match?.[2] ?? '')) !== undefined,
  );
  if (!region || !operation) return reply(404, NOT_FOUND_BODY);
  let requestBody: unknown;
  if (request.method === 'POST') {
    try {
      requestBody = rawBody === '' ? {} : JSON.parse(rawBody);
    } catch {
      return reply(400, {
        errors: [{ code: 'InvalidInput', message: 'The request body is not JSON.', details: '' }],
      });
    }
  }

  const accessToken = request.headers['x-amz-access-token'];
  const token = typeof accessToken === 'string' && accessToken !== '' ? accessToken : undefined;
  const inspection = token === undefined ? undefined : context.ledger.inspectAccessToken(token);
  const namedGrant = inspection && 'grant' in inspection ? inspection.grant : undefined;
  const callerKey = namedGrant ? sellerKey(namedGrant.sellingPartnerId, namedGrant.region) : undefined;
  context.counters.countSpApi(operation.operationId, callerKey);

  const serverError = context.faults.takeSpApiServerError();
  if (serverError === 500) return reply(500, INTERNAL_FAILURE_BODY);
  if (serverError === 503) return reply(503, SERVICE_UNAVAILABLE_BODY);
  if (context.faults.takeThrottle()) {
    context.counters.countThrottled(callerKey, operation.operationId);
    return reply(429, QUOTA_EXCEEDED_BODY);
  }

  if (!inspection) return reply(403, unauthorized(TOKEN_MISSING_DETAILS));
  if (inspection.status === 'unknown' || inspection.status === 'revoked') {
    return reply(403, unauthorized(TOKEN_INVALID_DETAILS));
  }
  if (inspection.status === 'expired') return reply(403, unauthorized(TOKEN_EXPIRED_DETAILS));
  // A grantless token is not a seller's authorization; a token from another region's authorization is not
  // valid at this endpoint. Amazon answers both with an empty-details Unauthorized.
  if (inspection.status === 'grantless' || inspection.grant.region !== region)
    return reply(403, unauthorized(''));
  const seller = findSeller(inspection.grant.sellingPartnerId);
  if (!seller) return reply(403, unauthorized(''));

  const { grant } = inspection;
  const decision = context.limiter.tryTake(
    `${grant.applicationId}|${grant.sellingPartnerId}|${grant.region}|${operation.operationId}`,
    operation.usagePlan,
  );
  if (!decision.allowed) {
    context.counters.countThrottled(callerKey, operation.operationId);
    return reply(429, QUOTA_EXCEEDED_BODY);
  }

  const { listing } = operation;
  const pageToken =
    listing.pageTokenParameter === undefined
      ? undefined
      : (url.searchParams.get(listing.pageTokenParameter) ?? undefined);
  const fault = context.faults.takeOperationFault(
    operation.operationId,
    pageToken !== undefined && pageToken !== '',
  );
  if (fault?.kind === 'hang') await context.faults.hold(fault.hangMs);
  if (fault?.kind === 'serverError') {
    return reply(fault.status, fault.status === 500 ? INTERNAL_FAILURE_BODY : SERVICE_UNAVAILABLE_BODY);
  }

  let status: number;
  let body: unknown;
  try {
    ({ status, body } = operation.handle({
      context,
      grant,
      seller,
      query: new QueryReader(url.searchParams),
      now: context.clock.now(),
      pathParams: pathParams ?? {},
      body: requestBody,
    }));
  } catch (error) {
    if (!(error instanceof SpApiError)) throw error;
    status = error.status;
    body = error.toBody();
  }
  if (STATUSES_WITH_RATE_LIMIT.has(status)) headers['x-amzn-RateLimit-Limit'] = formatRate(decision.rate);
  if (status === 200 && fault !== undefined && fault.kind !== 'hang') {
    const broken = faultyAnswer(fault.kind, body, listing, pageToken);
    return sendText(response, status, broken.contentType, broken.text, headers);
  }
  reply(status, body);
}
