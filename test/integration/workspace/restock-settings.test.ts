import type { RestockSettingsResponse } from '../../../shared/api/restock-contract';
import { tableItems, type StartedWorkspace } from './workspace-client';
import { apiCaller, LIN_ID, readAuditLines, SOFIA_ID, startWithStores } from './workspace-kit';

// Issue 14, the settings route against the local workspace (real handlers, DynamoDB Local, the Amazon sandbox):
// two teams, each owning a store; sofia later joins lin's store as an operator. Owners write, members read,
// strangers are refused and audited; every saved change is a settings-changed record with before and after.
const LIN_SELLER = 'A2LUMENCRAFT7Q';
const SOFIA_SELLER = 'A3BRIGHTFIELD9E';
const LIN_STORE = `${LIN_SELLER}-NA`;
const SOFIA_STORE = `${SOFIA_SELLER}-EU`;
const US = 'ATVPDKIKX0DER';

// A save re-plans the inventory: seconds on a busy machine, more than jest's default 5 s.
jest.setTimeout(30_000);

let started: StartedWorkspace;
const ws = () => started.workspace;
let lin: string;
let sofia: string;

const settingsPath = (storeId: string) => `/api/stores/${storeId}/restock-settings`;
const auditLines = () => readAuditLines(started);

const api = apiCaller(ws);

const settingsItem = async (storeId: string) =>
  (await tableItems(ws()).store(storeId)).find((item) => item['sk'] === 'SETTINGS#restock');

beforeAll(async () => {
  ({ started, lin, sofia } = await startWithStores([
    { user: 'lin', sellingPartnerId: LIN_SELLER, region: 'NA' },
    { user: 'sofia', sellingPartnerId: SOFIA_SELLER, region: 'EU' },
  ]));
}, 120_000);

afterAll(async () => {
  await started?.stop();
});

describe('restock settings route', () => {
  it("answers the region's defaults before anything is saved, editable by the owner", async () => {
    const na = await api(lin, 'GET', settingsPath(LIN_STORE));
    expect(na.status).toBe(200);
    const body = na.body as RestockSettingsResponse;
    expect(body).toMatchObject({
      storeId: LIN_STORE,
      version: 0,
      canEdit: true,
      overrides: [],
      updatedAt: null,
    });
    expect(body.settings).toEqual(body.defaults);
    expect(body.settings).toMatchObject({
      defaultMode: 'sea',
      urgentMode: 'air',
      modes: { rail: { enabled: false } },
    });
    const eu = (await api(sofia, 'GET', settingsPath(SOFIA_STORE))).body as RestockSettingsResponse;
    expect(eu.settings.modes.rail.enabled).toBe(true);
    expect(eu.settings.modes.sea.transitDays).toBeGreaterThan(body.settings.modes.sea.transitDays);
  });

  it('saves an owner’s change, audits it with before and after, and the inventory plan uses it', async () => {
    const current = (await api(lin, 'GET', settingsPath(LIN_STORE))).body as RestockSettingsResponse;
    const inventory = await api(
      lin,
      'GET',
      `/api/stores/${LIN_STORE}/inventory?marketplaceId=${US}&reason=inventory-replenishment`,
    );
    const sku = String(inventory.body['items'][0].sellerSku);
    const saved = await api(lin, 'PUT', settingsPath(LIN_STORE), {
      ...current,
      settings: { ...current.settings, coverDays: 45 },
      overrides: [{ sellerSku: sku, casePack: 24, minimumOrderQuantity: 240 }],
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      version: 1,
      updatedBy: LIN_ID,
      settings: { coverDays: 45 },
      overrides: [{ sellerSku: sku, casePack: 24, minimumOrderQuantity: 240 }],
    });
    expect(await settingsItem(LIN_STORE)).toMatchObject({ version: 1, storeId: LIN_STORE });

    const record = auditLines()
      .filter((r) => r['kind'] === 'settings-changed')
      .at(-1);
    expect(record).toMatchObject({
      actor: { type: 'operator', id: LIN_ID },
      storeId: LIN_STORE,
      sellingPartnerId: LIN_SELLER,
      region: 'NA',
      operation: 'PutRestockSettings',
      outcome: 'allowed',
      settings: 'restock',
      version: 1,
      before: { 'settings.coverDays': 60, [`overrides.sku:${sku}`]: null },
      after: {
        'settings.coverDays': 45,
        [`overrides.sku:${sku}`]: { sellerSku: sku, casePack: 24, minimumOrderQuantity: 240 },
      },
    });

    const planned = await api(
      lin,
      'GET',
      `/api/stores/${LIN_STORE}/inventory?marketplaceId=${US}&reason=inventory-replenishment`,
    );
    const items = planned.body['items'] as Array<{
      sellerSku: string;
      restockQuantity: number;
      plan: { settings: Record<string, unknown> };
    }>;
    const item = items.find((i) => i.sellerSku === sku);
    expect(item?.plan.settings).toMatchObject({ source: 'sku', casePack: 24, coverDays: 45 });
    // Whatever it must order, it is whole cartons of 24 and at least the MOQ (or nothing).
    const quantity = item?.restockQuantity ?? -1;
    expect(quantity === 0 || (quantity % 24 === 0 && quantity >= 240)).toBe(true);
  });

  it.each([
    ['a day count out of range', { coverDays: 2 }, 'settings.coverDays must be a whole number from 7 to 365'],
    ['a disabled default mode', { defaultMode: 'rail' }, 'settings.defaultMode must be an enabled mode'],
    ['a field that is not a setting', { leadTimeDays: 30 }, 'settings.leadTimeDays is not a setting'],
  ])('refuses %s with a 400 naming the field, and changes nothing', async (_label, patch, message) => {
    const before = await settingsItem(LIN_STORE);
    const current = (await api(lin, 'GET', settingsPath(LIN_STORE))).body as RestockSettingsResponse;
    const refused = await api(lin, 'PUT', settingsPath(LIN_STORE), {
      settings: { ...current.settings, ...patch },
      overrides: current.overrides,
    });
    expect(refused.status).toBe(400);
    expect(refused.body['error']).toMatchObject({ code: 'BadRequest' });
    expect(refused.body['error'].message).toContain(message);
    expect(await settingsItem(LIN_STORE)).toEqual(before);
  });

  it('refuses a save over a newer version with 409 SettingsConflict', async () => {
    const current = (await api(lin, 'GET', settingsPath(LIN_STORE))).body as RestockSettingsResponse;
    const stale = await api(lin, 'PUT', settingsPath(LIN_STORE), {
      settings: { ...current.settings, safetyDays: 21 },
      overrides: current.overrides,
      version: current.version - 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body['error'].code).toBe('SettingsConflict');
    expect((await settingsItem(LIN_STORE))?.['version']).toBe(current.version);
  });

  it('refuses another team both ways, audited as denied, with nothing of the store in the answer', async () => {
    const denials = () =>
      auditLines().filter(
        (r) => r['kind'] === 'store-action-denied' && String(r['operation']).includes('Restock'),
      );
    const before = denials().length;
    const read = await api(sofia, 'GET', settingsPath(LIN_STORE));
    expect(read.status).toBe(403);
    expect(JSON.stringify(read.body)).not.toContain('coverDays');
    const current = (await api(sofia, 'GET', settingsPath(SOFIA_STORE))).body as RestockSettingsResponse;
    expect((await api(lin, 'PUT', settingsPath(SOFIA_STORE), current)).status).toBe(403);
    expect((await api(sofia, 'PUT', settingsPath(LIN_STORE), current)).status).toBe(403);
    expect(
      denials()
        .slice(before)
        .map((r) => [r['operation'], (r['actor'] as { id: string }).id]),
    ).toEqual([
      ['GetRestockSettings', SOFIA_ID],
      ['PutRestockSettings', LIN_ID],
      ['PutRestockSettings', SOFIA_ID],
    ]);
    expect(await settingsItem(SOFIA_STORE)).toBeUndefined();
  });

  it('lets an operator of the store read but not write', async () => {
    const added = await api(lin, 'POST', `/api/stores/${LIN_STORE}/members`, {
      email: 'sofia@minthub.local',
      role: 'operator',
    });
    expect(added.status).toBe(201);
    const read = await api(sofia, 'GET', settingsPath(LIN_STORE));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ canEdit: false, version: 1 });
    const before = await settingsItem(LIN_STORE);
    const write = await api(sofia, 'PUT', settingsPath(LIN_STORE), read.body);
    expect(write.status).toBe(403);
    expect(write.body['error'].message).toBe('Only an owner of the store can change its restock settings.');
    expect(await settingsItem(LIN_STORE)).toEqual(before);
    expect(auditLines().at(-1)).toMatchObject({
      kind: 'store-action-denied',
      operation: 'PutRestockSettings',
      actor: { id: SOFIA_ID },
      outcome: 'denied',
    });
  });
});
