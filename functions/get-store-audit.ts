import type { AuditResponse } from '../shared/api/audit-contract';
import { AUDIT_CURSOR_MAX_LENGTH } from '../shared/audit/audit-cursor';
import { callerOf } from '../shared/auth/caller';
import { processEnvironment } from '../shared/config';
import { httpHandler } from '../shared/http/handler';
import { queryParameter } from '../shared/http/request';
import { json } from '../shared/http/responses';
import type { AuditReader, AuditTrail, Clock, OperatorDirectory, StoreRepository } from '../shared/ports';
import { auditReader, auditTrail, storeRepository, systemClock } from '../shared/runtime/dependencies';
import { operatorDirectory } from '../shared/runtime/operator-directory';
import { readStoreAudit } from '../shared/stores/store-admin';

/**
 * GET /api/stores/{storeId}/audit?from&to&cursor: the store's access records, newest first, for owners and admins;
 * each operator's record with their name and email from the user pool.
 */
export const makeHandler = (deps: {
  stores: Pick<StoreRepository, 'getMembership'>;
  reader: AuditReader;
  audit: AuditTrail;
  clock: Clock;
  directory?: Pick<OperatorDirectory, 'getOperators'>;
}) =>
  httpHandler('GetStoreAudit', async (event) => {
    const answer: AuditResponse = await readStoreAudit(deps, callerOf(event), {
      storeId: event.pathParameters?.['storeId'] ?? '',
      from: queryParameter(event, 'from', 40),
      to: queryParameter(event, 'to', 40),
      cursor: queryParameter(event, 'cursor', AUDIT_CURSOR_MAX_LENGTH),
      requestId: event.requestContext.requestId,
    });
    return json(200, answer);
  });

const env = processEnvironment();
export const handler = makeHandler({
  stores: storeRepository(env),
  reader: auditReader(env),
  audit: auditTrail(env),
  clock: systemClock,
  directory: operatorDirectory(env),
});
