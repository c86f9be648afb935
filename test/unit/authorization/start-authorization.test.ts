import { startAuthorization } from '../../../shared/authorization/start-authorization';
import { sha256, type OAuthStateRecord } from '../../../shared/authorization/oauth-state';

const NOW = new Date('2026-11-23T10:00:00Z');

function setup(draft = false) {
  const saved: OAuthStateRecord[] = [];
  const deps = {
    states: {
      saveState: async (r: OAuthStateRecord) => void saved.push(r),
      consumeState: async () => ({ status: 'missing' as const }),
    },
    clock: { now: () => NOW },
    app: { appId: 'amzn1.sp.solution.app', lwaClientId: 'client', draft },
    sellerCentralOverride: undefined,
  };
  return { deps, saved };
}

describe('starting an authorization', () => {
  it('website: binds a 10-minute state to the operator, region and browser, and answers the consent URL', async () => {
    const { deps, saved } = setup(true);
    const started = await startAuthorization(deps, {
      userId: 'user-lin',
      body: { region: 'EU', marketplace: 'DE' },
      cookies: undefined,
    });
    const url = new URL(started.redirectUrl);
    expect(url.origin).toBe('https://sellercentral-europe.amazon.com');
    expect(url.searchParams.get('version')).toBe('beta');
    const state = url.searchParams.get('state') ?? '';
    expect(saved).toEqual([
      expect.objectContaining({
        stateHash: sha256(state),
        userId: 'user-lin',
        flow: 'website',
        region: 'EU',
        expiresAt: NOW.getTime() / 1000 + 600,
      }),
    ]);
    expect(JSON.stringify(saved)).not.toContain(state);
    const binding = /=([^;]+);/.exec(started.setCookie ?? '')?.[1] ?? '';
    expect(saved[0]?.bindingHash).toBe(sha256(binding));
  });

  it('Appstore: continues at Amazon with amazon_state and remembers the seller Amazon named', async () => {
    const { deps, saved } = setup();
    const started = await startAuthorization(deps, {
      userId: 'user-lin',
      body: {
        amazonCallbackUri: 'https://sellercentral.amazon.co.jp/apps/authorize/confirm/amzn1.sp.solution.app',
        amazonState: 'amz-state',
        sellingPartnerId: 'A4SAKURALOOM2J',
      },
      cookies: undefined,
    });
    expect(new URL(started.redirectUrl).searchParams.get('amazon_state')).toBe('amz-state');
    expect(saved[0]).toMatchObject({ flow: 'appstore', region: 'FE', sellingPartnerId: 'A4SAKURALOOM2J' });
  });

  it.each([
    [{}, /region/],
    [{ region: 'MOON' }, /region must be one of NA, EU, FE/],
    [{ region: 'NA', extra: 1 }, /Unrecognized key/],
    [{ region: 'NA', marketplace: 'DE' }, /belongs to region EU/],
    [
      {
        amazonCallbackUri: 'https://evil.example/apps/authorize/confirm/amzn1.sp.solution.app',
        amazonState: 's',
        sellingPartnerId: 'A4SAKURALOOM2J',
      },
      /Amazon Seller Central/,
    ],
    [
      {
        amazonCallbackUri: 'https://sellercentral.amazon.com/apps/authorize/confirm/amzn1.sp.solution.other',
        amazonState: 's',
        sellingPartnerId: 'A4SAKURALOOM2J',
      },
      /confirm page for this application/,
    ],
    [
      {
        amazonCallbackUri: 'https://sellercentral.amazon.com/apps/authorize/confirm/x',
        amazonState: 's',
        sellingPartnerId: 'bad id',
      },
      /sellingPartnerId/,
    ],
    ['not an object', /must be a JSON object/],
  ])('refuses %o with a clear 400 and saves nothing', async (body, message) => {
    const { deps, saved } = setup();
    await expect(startAuthorization(deps, { userId: 'u', body, cookies: undefined })).rejects.toMatchObject({
      code: 'BadRequest',
      message: expect.stringMatching(message),
    });
    expect(saved).toEqual([]);
  });
});
