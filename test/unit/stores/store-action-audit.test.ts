import type { AuditRecord } from '../../../shared/audit/audit-record';
import { auditStoreActionDenied } from '../../../shared/stores/store-action-audit';

// A refused store action (disconnect, access log, members, Ads) is answered as decided even when its `denied`
// record cannot be written: the caller gets the 403, not a 500 that hides the refusal (the lost record is counted).
const context = {
  actorId: 'a0000000-0000-4000-8000-000000000002',
  storeId: 'A2LUMENCRAFT7Q-NA',
  operation: 'DisconnectStore',
  requestId: 'req-1',
};
const clock = { now: () => new Date('2026-12-03T10:00:00.000Z') };

describe('a refused store action', () => {
  it('is audited as store-action-denied, naming only what the caller sent', async () => {
    const records: AuditRecord[] = [];
    await auditStoreActionDenied(
      { audit: { write: async (record) => void records.push(record) }, clock },
      context,
    );
    expect(records).toEqual([
      expect.objectContaining({
        kind: 'store-action-denied',
        outcome: 'denied',
        storeId: context.storeId,
        operation: 'DisconnectStore',
        requestId: 'req-1',
        sellingPartnerId: null,
      }),
    ]);
  });

  it('does not turn into a failure when the record cannot be written', async () => {
    const audit = {
      write: async () => {
        throw new Error('CloudWatch Logs unavailable');
      },
    };
    await expect(auditStoreActionDenied({ audit, clock }, context)).resolves.toBeUndefined();
  });
});
