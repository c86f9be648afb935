import type { AdminStoresResponse } from '../../../shared/api/admin-stores-contract';
import type { AuditResponse } from '../../../shared/api/audit-contract';
import type { StartedWorkspace } from './workspace-client';
import { ADA_ID, apiCaller, LIN_ID, readAuditLines, SOFIA_ID, startWithStores } from './workspace-kit';

// Issue 18, the admin screens, against the local workspace (real handlers through the local gateway, DynamoDB
// Local, the Cognito stand-in with the seeded operators): two stores of two teams (Lin's, Sofia's) and an admin
// (Ada) who is a member of neither. The admin lists every store with its members by name; an operator is refused,
// audited; the admin reads a store's members and access log ("Who" by name and email) but none of its data.
const LIN_STORE = 'A2LUMENCRAFT7Q-NA';
const SOFIA_STORE = 'A1HARBORPINE3K-NA';
const US = 'ATVPDKIKX0DER';

let started: StartedWorkspace;
let lin: string;
let sofia: string;
let ada: string;
const api = apiCaller(() => started.workspace);

beforeAll(async () => {
  ({ started, lin, sofia, ada } = await startWithStores([
    { user: 'lin', sellingPartnerId: 'A2LUMENCRAFT7Q', region: 'NA' },
    { user: 'sofia', sellingPartnerId: 'A1HARBORPINE3K', region: 'NA' },
  ]));
  // Lin reads her inventory once, so her store's access log has a record of hers.
  const read = await api(
    lin,
    'GET',
    `/api/stores/${LIN_STORE}/inventory?marketplaceId=${US}&reason=inventory-replenishment`,
  );
  if (read.status !== 200) throw new Error(`setup: inventory read answered ${read.status}`);
}, 180_000);

afterAll(async () => {
  await started?.stop();
});

describe('GET /api/admin/stores', () => {
  it('shows the admin every store with status, members by name and email, and re-authorization dates', async () => {
    const answer = await api(ada, 'GET', '/api/admin/stores');

    expect(answer.status).toBe(200);
    const body = answer.body as AdminStoresResponse;
    expect(body.stores.map((store) => store.storeId).sort()).toEqual([SOFIA_STORE, LIN_STORE].sort());
    expect(body.nextCursor).toBeUndefined();
    const linStore = body.stores.find((store) => store.storeId === LIN_STORE);
    expect(linStore).toMatchObject({
      status: 'ACTIVE',
      role: null, // the admin is not a member
      members: [{ userId: LIN_ID, name: 'Lin Zhao', email: 'lin@minthub.local', role: 'owner' }],
    });
    expect(typeof linStore?.reauthorizeBy).toBe('string');
    expect(typeof linStore?.reauthorizeInDays).toBe('number');
    // The health check runs daily in AWS; the local workspace does not schedule it, so no store has a result yet.
    expect(linStore?.healthCheck).toBeNull();
    expect(body.stores.find((store) => store.storeId === SOFIA_STORE)?.members).toEqual([
      { userId: SOFIA_ID, name: 'Sofia Marino', email: 'sofia@minthub.local', role: 'owner' },
    ]);
  });

  it('refuses an operator who is not an admin with 403, audited', async () => {
    const before = readAuditLines(started).length;

    const answer = await api(lin, 'GET', '/api/admin/stores');

    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({
      error: { code: 'AccessDenied', message: 'Only admins can list every store.' },
    });
    expect(readAuditLines(started).slice(before)).toEqual([
      expect.objectContaining({
        kind: 'admin-action-denied',
        storeId: null,
        actor: { type: 'operator', id: LIN_ID },
        outcome: 'denied',
        detail: { operation: 'ListAdminStores' },
      }),
    ]);
  });

  it('answers 400 for a cursor it did not write', async () => {
    expect((await api(ada, 'GET', '/api/admin/stores?cursor=%2F%2F')).status).toBe(400);
  });
});

describe("a store's members and access log, for an admin who is not a member", () => {
  it('lists the members, but the store data stays closed', async () => {
    const members = await api(ada, 'GET', `/api/stores/${LIN_STORE}/members`);
    expect(members.status).toBe(200);
    expect(members.body['canManage']).toBe(false);

    const inventory = await api(
      ada,
      'GET',
      `/api/stores/${LIN_STORE}/inventory?marketplaceId=${US}&reason=seller-request`,
    );
    expect(inventory.status).toBe(403);
    expect((await api(sofia, 'GET', `/api/stores/${LIN_STORE}/members`)).status).toBe(403);
  });

  it("names each operator in the access log by the user pool's name and email", async () => {
    const answer = await api(ada, 'GET', `/api/stores/${LIN_STORE}/audit`);

    expect(answer.status).toBe(200);
    const records = (answer.body as AuditResponse).records;
    const lins = records.filter((record) => record.actor.id === LIN_ID);
    expect(lins.length).toBeGreaterThan(0);
    for (const record of lins)
      expect(record).toMatchObject({ actorName: 'Lin Zhao', actorEmail: 'lin@minthub.local' });
    // Ada's refused inventory read is in the log too, under her name.
    expect(records.find((record) => record.actor.id === ADA_ID)).toMatchObject({
      outcome: 'denied',
      actorName: 'Ada Okafor',
      actorEmail: 'ada@minthub.local',
    });
  });
});
