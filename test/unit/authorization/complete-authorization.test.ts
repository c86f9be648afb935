import { LwaError, SpApiError } from '../../../shared/amazon/amazon-errors';
import type { Region } from '../../../shared/amazon/marketplaces';
import {
  completeAuthorization,
  type CompleteAuthorizationDependencies,
} from '../../../shared/authorization/complete-authorization';
import {
  BINDING_COOKIE,
  bindingFor,
  newState,
  sha256,
  type OAuthStateRecord,
} from '../../../shared/authorization/oauth-state';
import type { AuditRecord } from '../../../shared/audit/audit-record';
import { StoreOwnedElsewhere, type ConnectStoreCommand } from '../../../shared/ports';

// In-memory fakes: this tier proves the decision logic; test/integration proves the adapters against emulators.
const NOW = new Date('2026-11-23T10:00:00Z');
const SELLER = 'A2LUMENCRAFT7Q';

function setup(
  overrides: {
    region?: Region | undefined;
    sellingPartnerId?: string;
    expiresAt?: number;
    lwa?: () => Promise<never>;
    /** Stores that exist, with their owners. */
    existing?: Record<string, readonly string[]>;
    /** The write's own ownership check refuses (the store appeared or ownership changed meanwhile). */
    refuseInWrite?: boolean;
  } = {},
) {
  const { state, stateHash } = newState();
  const { binding } = bindingFor(undefined);
  const states = new Map<string, OAuthStateRecord>();
  states.set(stateHash, {
    stateHash,
    userId: 'user-lin',
    flow: overrides.sellingPartnerId === undefined ? 'website' : 'appstore',
    region: 'region' in overrides ? overrides.region : 'NA',
    sellingPartnerId: overrides.sellingPartnerId,
    bindingHash: sha256(binding),
    createdAt: NOW.toISOString(),
    expiresAt: overrides.expiresAt ?? NOW.getTime() / 1000 + 600,
  });
  const connected: ConnectStoreCommand[] = [];
  const existing = overrides.existing ?? {};
  let refused = 0;
  const audit: AuditRecord[] = [];
  const calls = { lwa: 0, sellers: [] as Region[], encrypt: 0 };
  const deps: CompleteAuthorizationDependencies = {
    states: {
      saveState: async () => undefined,
      consumeState: async (hash, bindingHash) => {
        const record = states.get(hash);
        if (record === undefined) return { status: 'missing' };
        if (record.bindingHash !== bindingHash) return { status: 'binding-mismatch' };
        states.delete(hash);
        return { status: 'consumed', record };
      },
    },
    stores: {
      getMembership: async (storeId, userId) =>
        existing[storeId]?.includes(userId) ? { storeId, userId, role: 'owner' } : undefined,
      getProfile: async (storeId) =>
        existing[storeId] === undefined
          ? undefined
          : {
              storeId,
              sellingPartnerId: SELLER,
              region: 'NA',
              marketplaceIds: [],
              displayName: SELLER,
              status: 'ACTIVE',
              connectedAt: NOW.toISOString(),
              reauthorizeBy: NOW.toISOString(),
            },
      connectStore: async (command) => {
        if (overrides.refuseInWrite) throw new StoreOwnedElsewhere();
        connected.push(command);
        return existing[command.profile.storeId] === undefined ? 'connected' : 'reauthorized';
      },
    },
    cipher: {
      encrypt: async (plaintext, context) => {
        calls.encrypt++;
        return {
          ciphertext: Buffer.from(`${JSON.stringify(context)}:${plaintext}`).toString('base64'),
          keyId: 'key',
        };
      },
      decrypt: async () => '',
    },
    lwa: {
      exchangeAuthorizationCode: async () => {
        calls.lwa++;
        if (overrides.lwa) return overrides.lwa();
        return { accessToken: 'Atza|access', refreshToken: 'Atzr|refresh', expiresInSeconds: 3600 };
      },
      refreshAccessToken: async () => ({ accessToken: '', expiresInSeconds: 0 }),
    },
    sellers: {
      getMarketplaceParticipations: async (region) => {
        calls.sellers.push(region);
        if (region !== 'EU') throw new SpApiError('unauthorized', 403, 'getMarketplaceParticipations');
        return [
          {
            marketplaceId: 'A1PA6795UKMFR9',
            countryCode: 'DE',
            storeName: 'Brightfield',
            isParticipating: true,
          },
          {
            marketplaceId: 'A13V1IB3VIYZZH',
            countryCode: 'FR',
            storeName: 'Brightfield',
            isParticipating: false,
          },
        ];
      },
    },
    audit: { write: async (record) => void audit.push(record) },
    clock: { now: () => NOW },
    redirectUri: 'https://ops.example.com/auth/amazon/callback',
    onAuditFailure: () => undefined,
    onConnectRefused: () => void refused++,
  };
  const cookies = [`${BINDING_COOKIE}=${binding}`];
  const params = { state, sellingPartnerId: SELLER, code: 'ANcode123', error: undefined };
  return { deps, cookies, params, connected, audit, calls, states, refusals: () => refused };
}

const context = (cookies: string[] | undefined) => ({ cookies, requestId: 'req-1' });

describe('completing an authorization', () => {
  it('connects the store in the region Amazon confirms, owned by the operator who started it', async () => {
    const t = setup({ region: 'EU' });
    const outcome = await completeAuthorization(t.deps, t.params, context(t.cookies));
    expect(outcome).toEqual({ result: 'connected', storeId: `${SELLER}-EU` });
    const [command] = t.connected;
    expect(command?.ownerUserId).toBe('user-lin');
    expect(command?.profile).toMatchObject({
      region: 'EU',
      marketplaceIds: ['A1PA6795UKMFR9'],
      displayName: 'Brightfield',
      status: 'ACTIVE',
    });
    expect(command?.profile.reauthorizeBy).toBe('2027-11-23T10:00:00.000Z');
    expect(Buffer.from(command?.token.ciphertext ?? '', 'base64').toString()).toContain(
      JSON.stringify({ storeId: `${SELLER}-EU`, sellingPartnerId: SELLER, region: 'EU', purpose: 'SPAPI' }),
    );
    expect(t.audit).toEqual([
      expect.objectContaining({
        kind: 'store-connected',
        storeId: `${SELLER}-EU`,
        actor: { type: 'operator', id: 'user-lin' },
      }),
    ]);
    expect(JSON.stringify(t.audit)).not.toMatch(/Atz[ar]|ANcode123/);
  });

  it('learns the region from Amazon when the flow does not know it', async () => {
    const t = setup({ region: undefined, sellingPartnerId: SELLER });
    expect(await completeAuthorization(t.deps, t.params, context(t.cookies))).toEqual({
      result: 'connected',
      storeId: `${SELLER}-EU`,
    });
    expect(t.calls.sellers).toEqual(['NA', 'EU']);
  });

  it.each([
    [
      'a missing state',
      (t: ReturnType<typeof setup>) => ({ params: { ...t.params, state: undefined } }),
      'state_invalid',
    ],
    [
      'a forged state',
      (t: ReturnType<typeof setup>) => ({ params: { ...t.params, state: newState().state } }),
      'state_invalid',
    ],
    [
      'a malformed state',
      (t: ReturnType<typeof setup>) => ({ params: { ...t.params, state: '<script>' } }),
      'state_invalid',
    ],
    ['another browser (no binding cookie)', () => ({ cookies: undefined }), 'session_mismatch'],
    [
      'another browser (other binding)',
      () => ({ cookies: [`${BINDING_COOKIE}=${bindingFor(undefined).binding}`] }),
      'session_mismatch',
    ],
    [
      'a denied consent',
      (t: ReturnType<typeof setup>) => ({ params: { ...t.params, error: 'access_denied', code: undefined } }),
      'consent_denied',
    ],
    [
      'a missing code',
      (t: ReturnType<typeof setup>) => ({ params: { ...t.params, code: undefined } }),
      'invalid_request',
    ],
    [
      'a malformed seller id',
      (t: ReturnType<typeof setup>) => ({ params: { ...t.params, sellingPartnerId: 'a b' } }),
      'invalid_request',
    ],
  ])('refuses %s and stores nothing', async (_label, change, error) => {
    const t = setup();
    const changed = change(t) as { params?: typeof t.params; cookies?: string[] | undefined };
    const outcome = await completeAuthorization(
      t.deps,
      changed.params ?? t.params,
      context('cookies' in changed ? changed.cookies : t.cookies),
    );
    expect(outcome).toEqual({ result: 'failed', error });
    expect(t.connected).toEqual([]);
    expect(t.calls.encrypt).toBe(0);
  });

  it('refuses an expired state before talking to Amazon', async () => {
    const t = setup({ expiresAt: NOW.getTime() / 1000 - 1 });
    expect(await completeAuthorization(t.deps, t.params, context(t.cookies))).toEqual({
      result: 'failed',
      error: 'state_expired',
    });
    expect(t.calls.lwa).toBe(0);
  });

  it('refuses a replayed state: it is consumed by the first use', async () => {
    const t = setup({ region: 'EU' });
    await completeAuthorization(t.deps, t.params, context(t.cookies));
    expect(await completeAuthorization(t.deps, t.params, context(t.cookies))).toEqual({
      result: 'failed',
      error: 'state_invalid',
    });
    expect(t.connected).toHaveLength(1);
  });

  it('refuses an Appstore callback for another seller than Amazon named', async () => {
    const t = setup({ sellingPartnerId: 'A9OTHERSELLER' });
    expect(await completeAuthorization(t.deps, t.params, context(t.cookies))).toEqual({
      result: 'failed',
      error: 'seller_mismatch',
    });
    expect(t.calls.lwa).toBe(0);
  });

  it('refuses an authorization that is not for the intended region', async () => {
    const t = setup({ region: 'NA' });
    expect(await completeAuthorization(t.deps, t.params, context(t.cookies))).toEqual({
      result: 'failed',
      error: 'wrong_region',
    });
    expect(t.connected).toEqual([]);
    expect(t.calls.encrypt).toBe(0);
  });

  it.each([
    ['invalid_grant', 'code_invalid'],
    ['invalid_client', 'configuration_error'],
    ['unavailable', 'try_again'],
  ] as const)('maps LWA %s to %s and stores nothing', async (kind, error) => {
    const t = setup({ lwa: async () => Promise.reject(new LwaError(kind, 400)) });
    expect(await completeAuthorization(t.deps, t.params, context(t.cookies))).toEqual({
      result: 'failed',
      error,
    });
    expect(t.connected).toEqual([]);
  });

  it('never burns a leaked state from another browser: its own browser can still use it', async () => {
    const t = setup({ region: 'EU' });
    const stranger = [`${BINDING_COOKIE}=${bindingFor(undefined).binding}`];
    expect(await completeAuthorization(t.deps, t.params, context(stranger))).toEqual({
      result: 'failed',
      error: 'session_mismatch',
    });
    expect(await completeAuthorization(t.deps, t.params, context(t.cookies))).toEqual({
      result: 'connected',
      storeId: `${SELLER}-EU`,
    });
  });

  describe('identity: a claimed seller id never takes over a store', () => {
    it('refuses a store another team owns before the code is exchanged, and audits the attempt', async () => {
      const t = setup({ region: 'NA', existing: { [`${SELLER}-NA`]: ['user-sofia'] } });
      expect(await completeAuthorization(t.deps, t.params, context(t.cookies))).toEqual({
        result: 'failed',
        error: 'store_owned_elsewhere',
      });
      expect(t.calls.lwa).toBe(0);
      expect(t.calls.encrypt).toBe(0);
      expect(t.connected).toEqual([]);
      expect(t.refusals()).toBe(1);
      expect(t.audit).toEqual([
        expect.objectContaining({
          kind: 'store-connect-refused',
          actor: { type: 'operator', id: 'user-lin' },
          storeId: `${SELLER}-NA`,
          sellingPartnerId: SELLER,
          region: 'NA',
          outcome: 'denied',
        }),
      ]);
      expect(JSON.stringify(t.audit)).not.toContain('ANcode123');
    });

    it('refuses in any region when the flow does not know the region (Appstore from a sandbox host)', async () => {
      const t = setup({ region: undefined, sellingPartnerId: SELLER, existing: { [`${SELLER}-FE`]: ['x'] } });
      expect(await completeAuthorization(t.deps, t.params, context(t.cookies))).toMatchObject({
        error: 'store_owned_elsewhere',
      });
      expect(t.calls.lwa).toBe(0);
    });

    it('refuses when the write finds the store owned elsewhere (it appeared after the first check)', async () => {
      const t = setup({ region: 'EU', refuseInWrite: true });
      expect(await completeAuthorization(t.deps, t.params, context(t.cookies))).toMatchObject({
        error: 'store_owned_elsewhere',
      });
      expect(t.refusals()).toBe(1);
      expect(t.audit.map((r) => r.kind)).toEqual(['store-connect-refused']);
    });

    it('lets an existing owner re-authorize, recording the flow', async () => {
      const t = setup({ region: 'EU', existing: { [`${SELLER}-EU`]: ['user-lin'] } });
      expect(await completeAuthorization(t.deps, t.params, context(t.cookies))).toEqual({
        result: 'reauthorized',
        storeId: `${SELLER}-EU`,
      });
      expect(t.connected[0]).toMatchObject({ ownerUserId: 'user-lin', connectedVia: 'website' });
    });
  });

  it('keeps the authorization when only the audit write fails, and reports the failure', async () => {
    const t = setup({ region: 'EU' });
    const failures: unknown[] = [];
    const outcome = await completeAuthorization(
      {
        ...t.deps,
        audit: { write: async () => Promise.reject(new Error('down')) },
        onAuditFailure: (e) => failures.push(e),
      },
      t.params,
      context(t.cookies),
    );
    expect(outcome.result).toBe('connected');
    expect(failures).toHaveLength(1);
  });
});
