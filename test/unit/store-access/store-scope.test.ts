import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import { createStoreSessions } from '../../../shared/adapters/sts-store-sessions';
import {
  confineToScope,
  createStoreScope,
  currentStoreId,
  OutsideStoreScope,
  scopedPort,
  StoreScopeViolation,
  type StoreClients,
  type StoreGrant,
} from '../../../shared/store-access/store-scope';
import { withStoreAccess, type AccessGate } from '../../../shared/store-data/store-access';
import type { StoreProfile } from '../../../shared/stores/store';

const A = 'A2LUMENCRAFT7Q-NA';
const B = 'A3BRIGHTFIELD9E-EU';

/** Clients that say which grant they were made for, so a port shows which session it would have signed with. */
function recordingScope() {
  const made: StoreGrant[] = [];
  const scope = createStoreScope((grant) => {
    made.push(grant);
    return { session: { grant } } as StoreClients;
  });
  const port = scopedPort((clients) => ({
    sessionStore: async () => (clients['session'] as { grant: StoreGrant }).grant.storeId,
  }));
  return { made, scope, port };
}

describe('store scopes', () => {
  it('runs a scoped port on the clients of the grant it runs in, and refuses it outside every scope', async () => {
    const { scope, port } = recordingScope();
    await expect(scope.run({ storeId: A, purpose: 'NONE' }, () => port.sessionStore())).resolves.toBe(A);
    await expect(scope.run({ storeId: B, purpose: 'NONE' }, () => port.sessionStore())).resolves.toBe(B);
    await expect(port.sessionStore()).rejects.toThrow(OutsideStoreScope);
  });

  it('keeps the scope across awaits and timers, and keeps concurrent scopes apart', async () => {
    const { scope, port } = recordingScope();
    const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const [a, b] = await Promise.all([
      scope.run({ storeId: A, purpose: 'SPAPI' }, async () => {
        await later(20);
        return [currentStoreId(), await port.sessionStore()];
      }),
      scope.run({ storeId: B, purpose: 'SPAPI' }, async () => {
        await later(5);
        return [currentStoreId(), await port.sessionStore()];
      }),
    ]);
    expect(a).toEqual([A, A]);
    expect(b).toEqual([B, B]);
    expect(currentStoreId()).toBeUndefined();
  });

  it('reuses a running scope for the same grant and opens a new one for another', async () => {
    const { made, scope } = recordingScope();
    await scope.run({ storeId: A, purpose: 'NONE' }, () =>
      scope.run({ storeId: A, purpose: 'NONE' }, async () =>
        scope.run({ storeId: A, purpose: 'SPAPI' }, async () => undefined),
      ),
    );
    expect(made).toEqual([
      { storeId: A, purpose: 'NONE' },
      { storeId: A, purpose: 'SPAPI' },
    ]);
  });

  it("confines in-memory state to its own store's scope, and leaves unscoped work alone", async () => {
    const { scope } = recordingScope();
    expect(() => confineToScope(B)).not.toThrow();
    await scope.run({ storeId: A, purpose: 'NONE' }, async () => {
      expect(() => confineToScope(A)).not.toThrow();
      expect(() => confineToScope(B)).toThrow(StoreScopeViolation);
    });
  });
});

describe('withStoreAccess', () => {
  const profileOf = (storeId: string): StoreProfile => ({
    storeId,
    sellingPartnerId: storeId.split('-')[0] ?? '',
    region: 'NA',
    marketplaceIds: ['ATVPDKIKX0DER'],
    displayName: storeId,
    status: 'ACTIVE',
    connectedAt: '2026-01-01T00:00:00.000Z',
    reauthorizeBy: '2027-01-01T00:00:00.000Z',
  });
  const request = {
    caller: { userId: 'lin', email: undefined, isAdmin: false },
    storeId: B,
    dataset: 'inventory' as const,
    operation: 'getInventorySummaries',
    marketplaceId: 'ATVPDKIKX0DER',
    reason: 'inventory-replenishment',
    requestId: 'req-1',
  };
  const deps = {
    stores: { getMembership: async () => undefined, getProfile: async () => undefined },
    audit: { write: async () => undefined },
    clock: { now: () => new Date('2026-12-03T10:00:00Z') },
  };

  it('scopes the work to the store the membership proved, not to the store the request named', async () => {
    const { made, scope, port } = recordingScope();
    // A gate that mixes the two up: the caller's membership of A, the profile of B.
    const brokenGate: AccessGate = async () => ({
      profile: profileOf(B),
      membership: { storeId: A, userId: 'lin', role: 'owner' },
    });
    const sessionStore = await withStoreAccess(
      { ...deps, scope, accessGate: brokenGate },
      request,
      'SPAPI',
      () => port.sessionStore(),
    );
    expect(sessionStore).toBe(A);
    expect(made).toEqual([{ storeId: A, purpose: 'SPAPI' }]);
  });
});

describe('store sessions (STS)', () => {
  function fakeSts() {
    const sent: AssumeRoleCommand[] = [];
    const sts = {
      send: async (command: AssumeRoleCommand) => {
        sent.push(command);
        return {
          Credentials: {
            AccessKeyId: `ASIA${sent.length}`,
            SecretAccessKey: 'secret',
            SessionToken: 'token',
            Expiration: new Date(Date.now() + 900_000),
          },
        };
      },
    } as unknown as STSClient;
    return { sts, sent };
  }

  it('assumes the role once per store and purpose, tagged with both, named after the store, for 15 minutes', async () => {
    const { sts, sent } = fakeSts();
    const sessions = createStoreSessions({ sts, roleArn: 'arn:aws:iam::123456789012:role/store-access' });
    const first = sessions({ storeId: A, purpose: 'SPAPI' });
    expect(sessions({ storeId: A, purpose: 'SPAPI' })).toBe(first);
    expect(sessions({ storeId: A, purpose: 'NONE' })).not.toBe(first);
    const credentials = await first.dynamodb.config.credentials();
    expect(credentials).toMatchObject({ accessKeyId: 'ASIA1', sessionToken: 'token' });
    expect(sent.map((command) => command.input)).toEqual([
      {
        RoleArn: 'arn:aws:iam::123456789012:role/store-access',
        RoleSessionName: `store-${A}`,
        DurationSeconds: 900,
        Tags: [
          { Key: 'storeId', Value: A },
          { Key: 'purpose', Value: 'SPAPI' },
        ],
      },
    ]);
  });
});
