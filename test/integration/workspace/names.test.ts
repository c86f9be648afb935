import type { DisplayNameResponse } from '../../../shared/api/display-name-contract';
import { connectStore, sandbox, tableItems, type StartedWorkspace } from './workspace-client';
import { apiCaller, LIN_ID, readAuditLines, SOFIA_ID, startWithStores } from './workspace-kit';

// Issue 18, names people recognise, against the local workspace (real handlers, DynamoDB Local, the Amazon
// sandbox serving the newer Sellers model with `storeName`): a connect stores the seller's storeName as the
// store's display name; an owner overrides it, audited with before and after; members who are not owners and
// other teams are refused, audited; bad names are 400s that change nothing; re-authorization keeps the override.
const LIN_SELLER = 'A2LUMENCRAFT7Q';
const SOFIA_SELLER = 'A3BRIGHTFIELD9E';
const LIN_STORE = `${LIN_SELLER}-NA`;
const SOFIA_STORE = `${SOFIA_SELLER}-EU`;
const HARBOR_SELLER = 'A1HARBORPINE3K';
const HARBOR_STORE = `${HARBOR_SELLER}-NA`;

let started: StartedWorkspace;
const ws = () => started.workspace;
let lin: string;
let sofia: string;

const namePath = (storeId: string) => `/api/stores/${storeId}/display-name`;
const auditLines = () => readAuditLines(started);

const api = apiCaller(ws);

const storeNamed = async (token: string, storeId: string) =>
  ((await api(token, 'GET', '/api/stores')).body['stores'] as Array<Record<string, unknown>>).find(
    (store) => store['storeId'] === storeId,
  );
const profileItem = async (storeId: string) =>
  (await tableItems(ws()).store(storeId)).find((item) => item['sk'] === 'PROFILE');

beforeAll(async () => {
  ({ started, lin, sofia } = await startWithStores([
    { user: 'lin', sellingPartnerId: LIN_SELLER, region: 'NA' },
    { user: 'sofia', sellingPartnerId: SOFIA_SELLER, region: 'EU' },
  ]));
}, 120_000);

afterAll(async () => {
  await started?.stop();
});

describe('store names', () => {
  it("stores the Sellers API's storeName as the display name at connect", async () => {
    expect(await storeNamed(lin, LIN_STORE)).toMatchObject({
      displayName: 'Lumen Craft Co.',
      sellingPartnerId: LIN_SELLER,
    });
    expect(await storeNamed(sofia, SOFIA_STORE)).toMatchObject({ displayName: 'Brightfield Outdoor Ltd.' });
    expect(await profileItem(LIN_STORE)).toMatchObject({ displayName: 'Lumen Craft Co.' });
  });

  it('lets an owner override the name, audited as settings-changed with before and after', async () => {
    const saved = await api(lin, 'PUT', namePath(LIN_STORE), { displayName: '  Lumen US (lamps)  ' });
    expect(saved.status).toBe(200);
    expect(saved.body as DisplayNameResponse).toEqual({
      storeId: LIN_STORE,
      displayName: 'Lumen US (lamps)',
      displayNameOverride: 'Lumen US (lamps)',
      amazonName: 'Lumen Craft Co.',
      version: 1,
    });
    expect(await storeNamed(lin, LIN_STORE)).toMatchObject({ displayName: 'Lumen US (lamps)' });
    const record = auditLines()
      .filter((r) => r['kind'] === 'settings-changed')
      .at(-1);
    expect(record).toMatchObject({
      actor: { type: 'operator', id: LIN_ID },
      storeId: LIN_STORE,
      sellingPartnerId: LIN_SELLER,
      region: 'NA',
      operation: 'PutStoreDisplayName',
      outcome: 'allowed',
      settings: 'display-name',
      version: 1,
      before: { displayName: null },
      after: { displayName: 'Lumen US (lamps)' },
    });

    // The same name again changes nothing and writes no record.
    const records = auditLines().length;
    const again = await api(lin, 'PUT', namePath(LIN_STORE), { displayName: 'Lumen US (lamps)' });
    expect(again.body).toMatchObject({ version: 1, displayName: 'Lumen US (lamps)' });
    expect(auditLines()).toHaveLength(records);
  });

  it.each([
    ['an empty name', { displayName: '   ' }, 'must not be empty'],
    ['a name over 80 characters', { displayName: 'L'.repeat(81) }, 'at most 80 characters'],
    ['a control character', { displayName: 'Lumen\u0007Craft' }, 'control or invisible'],
    ['a bidi override', { displayName: 'Lumen \u202Egnp.exe' }, 'control or invisible'],
    ['a number', { displayName: 42 }, 'displayName'],
    ['an unknown field', { displayName: 'Lumen', color: 'blue' }, 'displayName'],
  ])('refuses %s with a 400 and changes nothing', async (_label, body, message) => {
    const before = await profileItem(LIN_STORE);
    const refused = await api(lin, 'PUT', namePath(LIN_STORE), body);
    expect(refused.status).toBe(400);
    expect(refused.body['error']).toMatchObject({ code: 'BadRequest' });
    expect(refused.body['error'].message).toContain(message);
    expect(await profileItem(LIN_STORE)).toEqual(before);
  });

  it('refuses a member who is not an owner, and another team, audited, nothing changed', async () => {
    const denials = () =>
      auditLines().filter(
        (r) => r['kind'] === 'store-action-denied' && r['operation'] === 'PutStoreDisplayName',
      );
    const before = await profileItem(LIN_STORE);
    const stranger = await api(sofia, 'PUT', namePath(LIN_STORE), { displayName: 'Mine now' });
    expect(stranger.status).toBe(403);
    expect(JSON.stringify(stranger.body)).not.toContain('Lumen');

    const added = await api(lin, 'POST', `/api/stores/${LIN_STORE}/members`, {
      email: 'sofia@minthub.local',
      role: 'operator',
    });
    expect(added.status).toBeLessThan(300);
    const member = await api(sofia, 'PUT', namePath(LIN_STORE), { displayName: 'Renamed by an operator' });
    expect(member.status).toBe(403);
    expect(member.body['error'].message).toContain('Only an owner');
    expect(await profileItem(LIN_STORE)).toEqual(before);
    expect(denials().map((r) => (r['actor'] as { id: string }).id)).toEqual([SOFIA_ID, SOFIA_ID]);
    expect((await api(sofia, 'PUT', namePath('NOT-A-STORE'), { displayName: 'x' })).status).toBe(404);
  });

  it('learns the storeName with the marketplaces when the Sellers API was busy at connect', async () => {
    await sandbox(ws(), '/__sandbox/faults', {
      operations: [{ operation: 'getMarketplaceParticipations', kind: 'serverError', times: 1 }],
    });
    try {
      const landed = await connectStore(ws(), 'sofia@minthub.local', HARBOR_SELLER, 'NA');
      expect(landed.searchParams.get('connected')).toBe(HARBOR_STORE);
    } finally {
      await fetch(`${ws().sandboxUrl}/__sandbox/faults`, { method: 'DELETE' });
    }
    expect(await profileItem(HARBOR_STORE)).toMatchObject({
      displayName: HARBOR_SELLER,
      marketplaceIds: [],
    });
    const read = await api(
      sofia,
      'GET',
      `/api/stores/${HARBOR_STORE}/inventory?marketplaceId=ATVPDKIKX0DER&reason=inventory-replenishment`,
    );
    expect(read.status).toBe(200);
    expect(await profileItem(HARBOR_STORE)).toMatchObject({ displayName: 'Harbor & Pine Home' });
    expect(await storeNamed(sofia, HARBOR_STORE)).toMatchObject({ displayName: 'Harbor & Pine Home' });
    // The inventory view reads the store's stock and sales history from the sandbox first.
  }, 60_000);

  it('keeps the override across re-authorization, and null brings back the name from Amazon', async () => {
    const landed = await connectStore(ws(), 'lin@minthub.local', LIN_SELLER, 'NA');
    expect(landed.searchParams.get('result')).toBe('reauthorized');
    expect(await storeNamed(lin, LIN_STORE)).toMatchObject({ displayName: 'Lumen US (lamps)' });

    const cleared = await api(lin, 'PUT', namePath(LIN_STORE), { displayName: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({
      displayName: 'Lumen Craft Co.',
      displayNameOverride: null,
      version: 2,
    });
    expect(await storeNamed(lin, LIN_STORE)).toMatchObject({ displayName: 'Lumen Craft Co.' });
    expect(
      auditLines()
        .filter((r) => r['kind'] === 'settings-changed')
        .at(-1),
    ).toMatchObject({
      before: { displayName: 'Lumen US (lamps)' },
      after: { displayName: null },
      version: 2,
    });
  });
});
