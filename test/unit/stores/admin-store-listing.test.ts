import type { AuditRecord } from '../../../shared/audit/audit-record';
import type { Caller } from '../../../shared/auth/caller';
import { AccessDenied, BadRequest } from '../../../shared/errors';
import type { AuditTrail, Operator } from '../../../shared/ports';
import { createInMemoryHealthCheckResults } from '../../../shared/revocation/health-check-results';
import {
  decodeAdminCursor,
  encodeAdminCursor,
  listAdminStores,
  type StoreCatalogue,
  type TablePosition,
} from '../../../shared/stores/admin-store-listing';
import { createInMemoryOperatorDirectory } from '../../support/in-memory-operator-directory';
import { InMemoryStoreRepository } from '../../support/in-memory-store-repository';

const NOW = new Date('2026-12-03T10:00:00.000Z');
const ADA: Operator = {
  userId: 'a0000000-0000-4000-8000-000000000001',
  email: 'ada@x.test',
  name: 'Ada Okafor',
  enabled: true,
};
const LIN: Operator = {
  userId: 'a0000000-0000-4000-8000-000000000002',
  email: 'lin@x.test',
  name: 'Lin Zhao',
  enabled: true,
};
const SOFIA: Operator = {
  userId: 'a0000000-0000-4000-8000-000000000003',
  email: 'sofia@x.test',
  name: 'Sofia Marino',
  enabled: true,
};
const GONE_ID = 'a0000000-0000-4000-8000-000000000009';
const admin: Caller = { userId: ADA.userId, email: ADA.email, isAdmin: true };
const lin: Caller = { userId: LIN.userId, email: LIN.email, isAdmin: false };

/** A catalogue over the repository's store ids in sorted order, `limit` a page, positioned by profile key. */
function catalogueOf(storeIds: readonly string[]): StoreCatalogue {
  const sorted = [...storeIds].sort();
  return {
    async storeIdPage({ limit, after }) {
      const start = after === undefined ? 0 : sorted.indexOf(after.pk.slice('STORE#'.length)) + 1;
      const page = sorted.slice(start, start + limit);
      const last = page[page.length - 1];
      return {
        storeIds: page,
        next:
          start + limit < sorted.length && last !== undefined
            ? { pk: `STORE#${last}`, sk: 'PROFILE' }
            : undefined,
      };
    },
  };
}

async function setup(storeCount = 2) {
  const stores = new InMemoryStoreRepository();
  const ids: string[] = [];
  for (let i = 0; i < storeCount; i++) {
    const storeId = `A${String(i).padStart(9, '0')}LUMEN-NA`;
    ids.push(storeId);
    await stores.connectStore({
      profile: {
        storeId,
        sellingPartnerId: storeId.slice(0, -3),
        region: 'NA',
        marketplaceIds: ['ATVPDKIKX0DER'],
        displayName: i === 0 ? 'Lumen Craft Co.' : `Store ${i}`,
        status: 'ACTIVE',
        connectedAt: '2026-11-01T10:00:00.000Z',
        reauthorizeBy: i === 0 ? '2026-12-20T10:00:00.000Z' : '2027-10-01T10:00:00.000Z',
        authorizedAt: '2026-11-01T10:00:00.000Z',
      },
      token: { ciphertext: `ct-${i}`, keyId: 'key' },
      ownerUserId: i === 0 ? LIN.userId : SOFIA.userId,
    } as Parameters<InMemoryStoreRepository['connectStore']>[0]);
  }
  const first = ids[0] as string;
  await stores.putMember({
    storeId: first,
    userId: SOFIA.userId,
    role: 'operator',
    actorUserId: LIN.userId,
    now: NOW.toISOString(),
  });
  await stores.putMember({
    storeId: first,
    userId: GONE_ID,
    role: 'operator',
    actorUserId: LIN.userId,
    now: NOW.toISOString(),
  });
  const healthChecks = createInMemoryHealthCheckResults();
  await healthChecks.saveHealthCheckResult({
    storeId: first,
    result: 'valid',
    checkedAt: '2026-12-03T04:00:00.000Z',
    reauthorizeInDays: 17,
    requestId: 'run-1',
  });
  const records: AuditRecord[] = [];
  const audit: AuditTrail = { write: async (record) => void records.push(record) };
  const deps = {
    catalogue: catalogueOf(ids),
    stores,
    healthChecks,
    directory: createInMemoryOperatorDirectory([ADA, LIN, SOFIA]),
    audit,
    clock: { now: () => NOW },
  };
  return { deps, ids, records };
}

describe('the admin list of every store', () => {
  it('still refuses (403, not a 500) when the refusal cannot be audited, and counts the lost record', async () => {
    const { deps } = await setup();
    const failing: AuditTrail = {
      write: async () => {
        throw new Error('CloudWatch Logs unavailable');
      },
    };
    await expect(
      listAdminStores({ ...deps, audit: failing }, lin, { cursor: undefined, requestId: 'req-8' }),
    ).rejects.toBeInstanceOf(AccessDenied);
  });

  it('refuses an operator who is not an admin, audited as a denied admin action', async () => {
    const { deps, records } = await setup();

    await expect(
      listAdminStores(deps, lin, { cursor: undefined, requestId: 'req-7' }),
    ).rejects.toBeInstanceOf(AccessDenied);
    expect(records).toEqual([
      {
        kind: 'admin-action-denied',
        at: NOW.toISOString(),
        storeId: null,
        actor: { type: 'operator', id: LIN.userId },
        outcome: 'denied',
        requestId: 'req-7',
        detail: { operation: 'ListAdminStores' },
      },
    ]);
  });

  it('shows an admin every store with status, members by name, re-authorization and the last health check', async () => {
    const { deps, ids, records } = await setup();

    const answer = await listAdminStores(deps, admin, { cursor: undefined, requestId: 'req-1' });

    expect(answer.nextCursor).toBeUndefined();
    expect(answer.stores.map((s) => s.storeId)).toEqual(ids); // due soonest first
    const [lumen, other] = answer.stores;
    expect(lumen).toMatchObject({
      displayName: 'Lumen Craft Co.',
      status: 'ACTIVE',
      reauthorizeBy: '2026-12-20T10:00:00.000Z',
      reauthorizeInDays: 17,
      reauthorizationDue: true,
      role: null,
      healthCheck: { result: 'valid', checkedAt: '2026-12-03T04:00:00.000Z' },
    });
    expect(lumen?.members).toEqual([
      { userId: LIN.userId, email: LIN.email, name: 'Lin Zhao', role: 'owner' },
      // A user the pool no longer has: the id, no name or email.
      { userId: GONE_ID, email: null, name: null, role: 'operator' },
      { userId: SOFIA.userId, email: SOFIA.email, name: 'Sofia Marino', role: 'operator' },
    ]);
    expect(other).toMatchObject({
      healthCheck: null,
      role: null,
      members: [{ name: 'Sofia Marino', role: 'owner' }],
    });
    // Repository bookkeeping stays out of the answer.
    expect(lumen).not.toHaveProperty('authorizedAt');
    expect(lumen).not.toHaveProperty('updatedAt');
    // Reading profiles and members is no data access: nothing is audited.
    expect(records).toEqual([]);
  });

  it('tells an admin who is also a member their role', async () => {
    const { deps, ids } = await setup();
    await deps.stores.putMember({
      storeId: ids[1] as string,
      userId: ADA.userId,
      role: 'operator',
      actorUserId: SOFIA.userId,
      now: NOW.toISOString(),
    });

    const answer = await listAdminStores(deps, admin, { cursor: undefined, requestId: 'req-1' });

    expect(answer.stores.find((s) => s.storeId === ids[1])?.role).toBe('operator');
  });

  it('pages with an opaque cursor: every store once, then no cursor', async () => {
    const { deps, ids } = await setup(120);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const answer = await listAdminStores(deps, admin, { cursor, requestId: `req-${pages}` });
      expect(answer.stores.length).toBeLessThanOrEqual(50);
      seen.push(...answer.stores.map((s) => s.storeId));
      cursor = answer.nextCursor;
      pages += 1;
    } while (cursor !== undefined);

    expect(pages).toBe(3);
    expect(seen.sort()).toEqual([...ids].sort());
  });

  it.each([
    ['not base64url', 'not a cursor!'],
    ['another shape', 'eyJ4IjoxfQ'],
    ['empty', ''],
    ['too long', 'x'.repeat(701)],
  ])('answers 400 for a cursor that is %s, nothing read', async (_label, cursor) => {
    const { deps } = await setup();
    const read = jest.spyOn(deps.catalogue, 'storeIdPage');

    await expect(listAdminStores(deps, admin, { cursor, requestId: 'req-1' })).rejects.toBeInstanceOf(
      BadRequest,
    );
    expect(read).not.toHaveBeenCalled();
  });
});

describe('the admin cursor', () => {
  it('round-trips a table position and refuses other shapes', () => {
    const position: TablePosition = { pk: 'STORE#A2LUMENCRAFT7Q-NA', sk: 'SNAPSHOT#orders#ATVPDKIKX0DER' };
    expect(decodeAdminCursor(encodeAdminCursor(position))).toEqual(position);
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    expect(decodeAdminCursor(encode({ pk: 'STORE#A', sk: 'PROFILE', extra: 1 }))).toBeUndefined();
    expect(decodeAdminCursor(encode({ pk: 1, sk: 'PROFILE' }))).toBeUndefined();
    expect(decodeAdminCursor(encode(['STORE#A', 'PROFILE']))).toBeUndefined();
  });
});
