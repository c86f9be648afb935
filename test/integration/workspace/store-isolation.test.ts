import { randomUUID } from 'node:crypto';
import type { Caller } from '../../../shared/auth/caller';
import { processEnvironment } from '../../../shared/config';
import { storeDataDependencies } from '../../../shared/runtime/dependencies';
import { scopedTokenCipher, storeScope } from '../../../shared/runtime/store-sessions';
import type { StoreDataDependencies } from '../../../shared/store-data/store-data-service';
import { StoreDataService } from '../../../shared/store-data/store-data-service';
import { checkStoreAccess, type AccessGate } from '../../../shared/store-data/store-access';
import { tokenEncryptionContext } from '../../../shared/storage/token-encryption-context';
import { tableItems, type StartedWorkspace } from './workspace-client';
import { LIN_ID, SOFIA_ID, readAuditLines, startWithStores } from './workspace-kit';

// Issue 17: IAM holds where the code's gate does not. A deliberately broken gate (the test-only seam
// `accessGate`) lets lin, a member of her store only, through to sofia's store; the credentials the request then
// runs with were minted for the store lin's membership proved, and refuse sofia's items and token. The local STS
// stand-in and the IAM-enforcing proxies in front of DynamoDB Local and the KMS stand-in apply the store-access
// role's one policy document (shared/store-access/store-access-policy.ts).

const NA_SELLER = 'A2LUMENCRAFT7Q';
const EU_SELLER = 'A3BRIGHTFIELD9E';
const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';
const LIN_STORE = `${NA_SELLER}-NA`;
const SOFIA_STORE = `${EU_SELLER}-EU`;

jest.setTimeout(90_000);

let started: StartedWorkspace;
const ws = () => started.workspace;

beforeAll(async () => {
  ({ started } = await startWithStores([
    { user: 'lin', sellingPartnerId: NA_SELLER, region: 'NA' },
    { user: 'sofia', sellingPartnerId: EU_SELLER, region: 'EU' },
  ]));
}, 120_000);

afterAll(async () => {
  await started?.stop();
});

const caller = (userId: string): Caller => ({ userId, email: undefined, isAdmin: false });

/**
 * The broken gate: it checks the caller's membership of *their own* store (a real read, a real membership) and
 * then lets the request through for the store it asked for, the classic mix-up of two store ids.
 */
const gateCheckingTheWrongStore =
  (ownStoreId: string): AccessGate =>
  async (deps, request) => {
    const own = await checkStoreAccess(deps, { ...request, storeId: ownStoreId });
    const asked = await deps.stores.getProfile(request.storeId);
    if (asked === undefined) throw new Error('test set-up: the asked store does not exist');
    return { profile: asked, membership: own.membership };
  };

const inventoryArgs = (storeId: string, marketplaceId: string) => ({
  storeId,
  marketplaceId,
  reason: 'inventory-replenishment',
  requestId: randomUUID(),
  deadlineMs: Date.now() + 30_000,
});

function serviceWith(accessGate?: AccessGate): { service: StoreDataService; deps: StoreDataDependencies } {
  const deps = { ...storeDataDependencies(processEnvironment()), ...(accessGate ? { accessGate } : {}) };
  return { service: new StoreDataService(deps), deps };
}

describe('a broken access gate meets the store-access session', () => {
  it('serves the store the membership proved (the seam itself works)', async () => {
    const { service } = serviceWith(gateCheckingTheWrongStore(LIN_STORE));
    const own = await service.inventory(caller(LIN_ID), inventoryArgs(LIN_STORE, US));
    expect(own.storeId).toBe(LIN_STORE);
    expect(own.items.length).toBeGreaterThan(0);
  });

  it("refuses another store's items: 403, no data, the refusal counted by IAM and the read audited as an error", async () => {
    const { service } = serviceWith(gateCheckingTheWrongStore(LIN_STORE));
    const deniedBefore = ws().storeAccess.denied();
    const requestId = randomUUID();
    await expect(
      service.inventory(caller(LIN_ID), { ...inventoryArgs(SOFIA_STORE, DE), requestId }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(ws().storeAccess.denied()).toBeGreaterThan(deniedBefore);
    const records = readAuditLines(started).filter((record) => record['requestId'] === requestId);
    expect(records).toEqual([expect.objectContaining({ storeId: SOFIA_STORE, outcome: 'error' })]);
    expect(JSON.stringify(records)).not.toMatch(/"outcome":"allowed"/);
  });

  it('refuses the orders view of another store the same way', async () => {
    const { service } = serviceWith(gateCheckingTheWrongStore(LIN_STORE));
    await expect(
      service.orders(caller(LIN_ID), { ...inventoryArgs(SOFIA_STORE, DE), days: '7' }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
  });

  it("refuses to decrypt another store's token in this store's scope, and decrypts it in its own", async () => {
    const env = processEnvironment();
    const sofiaToken = (await tableItems(ws()).store(SOFIA_STORE)).find(
      (item) => item['sk'] === 'TOKEN#SPAPI',
    );
    expect(typeof sofiaToken?.['ciphertext']).toBe('string');
    const ciphertext = String(sofiaToken?.['ciphertext']);
    const context = tokenEncryptionContext({
      storeId: SOFIA_STORE,
      sellingPartnerId: EU_SELLER,
      region: 'EU',
      purpose: 'SPAPI',
    });
    const cipher = scopedTokenCipher(env);
    const scope = storeScope(env);
    const deniedBefore = ws().storeAccess.denied();
    await expect(
      scope.run({ storeId: LIN_STORE, purpose: 'SPAPI' }, () => cipher.decrypt(ciphertext, context)),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(ws().storeAccess.denied()).toBe(deniedBefore + 1);
    // Sofia's own session with no token purpose cannot decrypt it either; with SPAPI it can.
    await expect(
      scope.run({ storeId: SOFIA_STORE, purpose: 'NONE' }, () => cipher.decrypt(ciphertext, context)),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(
      scope.run({ storeId: SOFIA_STORE, purpose: 'SPAPI' }, () => cipher.decrypt(ciphertext, context)),
    ).resolves.toMatch(/\S/);
  });

  it("never serves another store's access token from memory, where IAM cannot look", async () => {
    const { service, deps } = serviceWith();
    // Sofia's own read, through the real gate, leaves her store's access token in this environment's memory.
    await service.inventory(caller(SOFIA_ID), inventoryArgs(SOFIA_STORE, DE));
    const sofiaProfile = { storeId: SOFIA_STORE, sellingPartnerId: EU_SELLER, region: 'EU' as const };
    await expect(
      storeScope(processEnvironment()).run({ storeId: SOFIA_STORE, purpose: 'SPAPI' }, () =>
        deps.tokens.accessTokenFor(sofiaProfile),
      ),
    ).resolves.toMatch(/\S/);
    await expect(
      storeScope(processEnvironment()).run({ storeId: LIN_STORE, purpose: 'SPAPI' }, () =>
        deps.tokens.accessTokenFor(sofiaProfile),
      ),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
  });

  it('refuses a store port used outside every store scope (nothing falls back to the function role)', async () => {
    const { deps } = serviceWith();
    await expect(deps.snapshots.get(LIN_STORE, 'inventory', US)).rejects.toThrow(/outside a store scope/);
  });
});
