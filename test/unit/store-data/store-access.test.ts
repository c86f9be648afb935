import { AccessDenied } from '../../../shared/errors';
import { toErrorResponse } from '../../../shared/http/responses';
import { AUDIT_WRITE_FAILED_METRIC } from '../../../shared/observability/metric-names';
import { logger, metrics } from '../../../shared/observability/powertools';
import type { StoreProfile } from '../../../shared/stores/store';
import { checkStoreAccess, StoreNotActive } from '../../../shared/store-data/store-access';

// The access gate's refusals when the audit trail is down: the refusal is already decided, so the caller gets it
// (not a 500), and the lost record is logged and counted for AuditWriteFailedAlarm, never dropped quietly.
const STORE_ID = 'A2LUMENCRAFT7Q-NA';
const NOW = new Date('2026-11-20T10:00:00.000Z');
const profile = (status: StoreProfile['status']): StoreProfile => ({
  storeId: STORE_ID,
  sellingPartnerId: 'A2LUMENCRAFT7Q',
  region: 'NA',
  marketplaceIds: ['ATVPDKIKX0DER'],
  displayName: 'Lumen Craft Co.',
  status,
  connectedAt: '2026-01-01T00:00:00.000Z',
  reauthorizeBy: '2027-01-01T00:00:00.000Z',
});
const request = {
  caller: { userId: 'user-stranger', email: undefined, isAdmin: false },
  storeId: STORE_ID,
  dataset: 'inventory' as const,
  operation: 'getInventorySummaries',
  marketplaceId: 'ATVPDKIKX0DER',
  reason: 'inventory-replenishment',
  requestId: 'req-1',
};
const brokenAudit = {
  write: async () => {
    throw new Error('CloudWatch Logs is down');
  },
};

describe('checkStoreAccess with the audit trail down', () => {
  let counted: jest.SpyInstance;
  let logged: jest.SpyInstance;
  beforeEach(() => {
    counted = jest.spyOn(metrics, 'addMetric').mockImplementation(() => metrics);
    logged = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    counted.mockRestore();
    logged.mockRestore();
  });

  it('still refuses a stranger with 403, and counts the lost denied record', async () => {
    const error = await checkStoreAccess(
      {
        stores: { getMembership: async () => undefined, getProfile: async () => profile('ACTIVE') },
        audit: brokenAudit,
        clock: { now: () => NOW },
      },
      request,
    ).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AccessDenied);
    expect(toErrorResponse(error).statusCode).toBe(403);
    expect(counted).toHaveBeenCalledWith(AUDIT_WRITE_FAILED_METRIC, 'Count', 1);
    expect(logged).toHaveBeenCalledWith(
      'access record could not be written',
      expect.objectContaining({ outcome: 'denied' }),
    );
  });

  it('still refuses a member of a revoked store with 409 StoreNotActive, and counts the lost record', async () => {
    const error = await checkStoreAccess(
      {
        stores: {
          getMembership: async () => ({
            storeId: STORE_ID,
            userId: 'user-stranger',
            role: 'operator' as const,
          }),
          getProfile: async () => profile('REVOKED'),
        },
        audit: brokenAudit,
        clock: { now: () => NOW },
      },
      request,
    ).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(StoreNotActive);
    expect(toErrorResponse(error).statusCode).toBe(409);
    expect(counted).toHaveBeenCalledWith(AUDIT_WRITE_FAILED_METRIC, 'Count', 1);
  });
});
