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
import type { ConnectStoreCommand } from '../../../shared/ports';

// In-memory fakes: this tier proves the decision logic; test/integration proves the adapters against emulators.
const NOW = new Date('2026-11-23T10:00:00Z');
const SELLER = 'A2LUMENCRAFT7Q';

function setup(
  overrides: {
    region?: Region | undefined;
    sellingPartnerId?: string;
    expiresAt?: number;
    lwa?: () => Promise<never>;
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
  const audit: AuditRecord[] = [];
  const calls = { lwa: 0, sellers: [] as Region[], encrypt: 0 };
  const deps: CompleteAuthorizationDependencies = {
    states: {
      saveState: async () => undefined,
      consumeState: async (hash) => {
        const record = states.get(hash);
        states.delete(hash);
        return record;
      },
    },
    stores: {
      getMembership: async () => undefined,
      getTokenCiphertext: async () => undefined,
      listStoresOfUser: async () => [],
      getProfile: async () => undefined,
      connectStore: async (command) => {
        connected.push(command);
        return 'connected';
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
  };
  const cookies = [`${BINDING_COOKIE}=${binding}`];
  const params = { state, sellingPartnerId: SELLER, code: 'ANcode123', error: undefined };
  return { deps, cookies, params, connected, audit, calls, states };
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
    ['unavailable', 'amazon_unavailable'],
  ] as const)('maps LWA %s to %s and stores nothing', async (kind, error) => {
    const t = setup({ lwa: async () => Promise.reject(new LwaError(kind, 400)) });
    expect(await completeAuthorization(t.deps, t.params, context(t.cookies))).toEqual({
      result: 'failed',
      error,
    });
    expect(t.connected).toEqual([]);
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
