import type { StoreAuditRecord } from '../../../shared/api/audit-contract';
import type { Operator } from '../../../shared/ports';
import { withActorNames } from '../../../shared/stores/audit-actor-names';
import { createInMemoryOperatorDirectory } from '../../support/in-memory-operator-directory';

const LIN: Operator = {
  userId: '7c9e2d4a-1b3f-4a6c-8e0d-2f4a6c8e0b02',
  email: 'lin@minthub.local',
  name: 'Lin Zhao',
  enabled: true,
};
const GONE_ID = 'b5d7f9a1-3c5e-4b7d-9f1a-3c5e7a9b1d03';

const read = (actorId: string, type: 'operator' | 'system' = 'operator'): StoreAuditRecord => ({
  kind: 'data-access',
  at: '2026-12-03T10:00:00.000Z',
  actor: { type, id: actorId },
  storeId: 'A2LUMENCRAFT7Q-NA',
  sellingPartnerId: 'A2LUMENCRAFT7Q',
  region: 'NA',
  marketplaceId: 'ATVPDKIKX0DER',
  dataset: 'inventory',
  operation: 'GetInventory',
  reason: 'inventory-replenishment',
  outcome: 'allowed',
  source: 'snapshot',
  itemCount: 3,
  requestId: 'req-1',
});

describe("the access log's operator names", () => {
  it("adds the user pool's name and email to operators' records, asking once per operator", async () => {
    const directory = createInMemoryOperatorDirectory([LIN]);
    const lookup = jest.spyOn(directory, 'getOperators');

    const entries = await withActorNames(directory, [read(LIN.userId), read(LIN.userId), read(GONE_ID)]);

    expect(lookup).toHaveBeenCalledTimes(1);
    expect(lookup).toHaveBeenCalledWith([LIN.userId, GONE_ID]);
    expect(entries[0]).toEqual({
      ...read(LIN.userId),
      actorName: 'Lin Zhao',
      actorEmail: 'lin@minthub.local',
    });
    // A user the pool no longer has: both null, the record otherwise unchanged.
    expect(entries[2]).toEqual({ ...read(GONE_ID), actorName: null, actorEmail: null });
  });

  it('leaves system records as they are and asks nothing when only the system acted', async () => {
    const directory = createInMemoryOperatorDirectory([LIN]);
    const lookup = jest.spyOn(directory, 'getOperators');
    const system = read('authorization-health-check', 'system');

    expect(await withActorNames(directory, [system])).toEqual([system]);
    expect(lookup).not.toHaveBeenCalled();
  });

  it('answers the records without names when the user pool cannot be asked', async () => {
    const failing = {
      getOperators: async (): Promise<Map<string, Operator>> => {
        throw new Error('Cognito is unavailable');
      },
    };

    expect(await withActorNames(failing, [read(LIN.userId)])).toEqual([read(LIN.userId)]);
  });
});
