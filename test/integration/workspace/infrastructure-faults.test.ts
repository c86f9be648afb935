import { pollUntil } from '../../../local/emulators/bounded-wait';
import {
  approveWebsiteConsent,
  followCallback,
  newBrowser,
  request,
  tableItems,
  type StartedWorkspace,
} from './workspace-client';
import { readAuditLines, resultOf, startWithStores } from './workspace-kit';

// Issue 19: our own dependencies failing (KMS, DynamoDB) against the local workspace. Each answer is our classified
// JSON (503 ServiceUnavailable with Retry-After) or, for a seller in the OAuth callback, the dashboard's result page;
// the state and code are not used up when the callback cannot finish; access is still audited while DynamoDB is down.
const LIN_SELLER = 'A2LUMENCRAFT7Q';
const EU_SELLER = 'A3BRIGHTFIELD9E';
const LIN_STORE = `${LIN_SELLER}-NA`;
const EU_STORE = `${EU_SELLER}-EU`;
const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';

let started: StartedWorkspace;
const ws = () => started.workspace;
let lin: string;

jest.setTimeout(30_000);

const auditLines = () => readAuditLines(started);

async function get(token: string, pathname: string) {
  const response = await request(newBrowser(), `${ws().url}${pathname}`, { token });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    requestId: response.headers.get('apigw-requestid'),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of several shapes, read loosely
    body: (await response.json()) as Record<string, any>,
  };
}

beforeAll(async () => {
  ({ started, lin } = await startWithStores([{ user: 'lin', sellingPartnerId: LIN_SELLER, region: 'NA' }]));
}, 120_000);

afterAll(async () => {
  ws()?.faults.kms(undefined);
  await started?.stop();
});

describe('KMS failing during the OAuth callback', () => {
  it.each([
    ['internal', 'try_again', EU_SELLER, 'EU'],
    ['unreachable', 'try_again', 'A4SAKURALOOM2J', 'FE'],
    ['access-denied', 'configuration_error', 'A1HARBORPINE3K', 'NA'],
  ] as const)(
    'KMS %s: the seller gets the result page (%s), and neither the state nor the code is used up',
    async (fault, authError, seller, region) => {
      const storeId = `${seller}-${region}`;
      const browser = newBrowser();
      const consent = await approveWebsiteConsent(ws(), browser, lin, { region, sellingPartnerId: seller });
      ws().faults.kms(fault);
      try {
        const page = await followCallback(browser, consent.callbackUrl);
        expect(page.pathname).toBe('/stores');
        expect(resultOf(page)).toEqual({ authError });
      } finally {
        ws().faults.kms(undefined);
      }
      expect(await tableItems(ws()).store(storeId)).toEqual([]);
      // Once KMS is back the very same callback completes: nothing was consumed or spent.
      expect(resultOf(await followCallback(browser, consent.callbackUrl))).toMatchObject({
        connected: storeId,
      });
    },
  );
});

describe('KMS failing during a data read', () => {
  it('answers 503 ServiceUnavailable with Retry-After, audits the access as an error, and recovers', async () => {
    ws().faults.kms('internal');
    let answered;
    try {
      // The EU store's first read: its refresh token must be decrypted.
      answered = await get(
        lin,
        `/api/stores/${EU_STORE}/inventory?marketplaceId=${DE}&reason=seller-request`,
      );
    } finally {
      ws().faults.kms(undefined);
    }
    expect(answered.status).toBe(503);
    expect(answered.body['error']).toMatchObject({
      code: 'ServiceUnavailable',
      retryAfterSeconds: expect.any(Number),
    });
    expect(Number(answered.retryAfter)).toBeGreaterThan(0);
    expect(JSON.stringify(answered.body)).not.toMatch(/KMSInternalException|Internal failure/);
    expect(auditLines().at(-1)).toMatchObject({ kind: 'data-access', storeId: EU_STORE, outcome: 'error' });

    const again = await get(
      lin,
      `/api/stores/${EU_STORE}/inventory?marketplaceId=${DE}&reason=seller-request`,
    );
    expect(again.status).toBe(200);
  });
});

describe('DynamoDB Local dying', () => {
  it('answers 503 with Retry-After, still audits the access, reports it in /healthz; comes back on restart', async () => {
    ws().faults.crashDynamoDb({ restart: false });
    try {
      const answered = await get(
        lin,
        `/api/stores/${LIN_STORE}/orders?marketplaceId=${US}&days=7&reason=seller-request`,
      );
      expect(answered.status).toBe(503);
      expect(answered.body['error']['code']).toBe('ServiceUnavailable');
      expect(Number(answered.retryAfter)).toBeGreaterThan(0);
      expect(auditLines().at(-1)).toMatchObject({
        kind: 'data-access',
        storeId: LIN_STORE,
        dataset: 'orders',
        outcome: 'error',
      });

      await pollUntil(async () => (await fetch(`${ws().url}/healthz`)).status === 503, {
        what: '/healthz to report the table unreachable',
        timeoutMs: 10_000,
        intervalMs: 200,
      });
      const health = await fetch(`${ws().url}/healthz`);
      expect(await health.json()).toEqual({ status: 'unavailable', checks: { table: 'unreachable' } });

      // A seller in the callback still lands on the result page, with the state left for a retry.
      const browser = newBrowser();
      const broken = new URL(`${ws().url}/auth/amazon/callback`);
      broken.searchParams.set('state', 'D'.repeat(43));
      broken.searchParams.set('selling_partner_id', LIN_SELLER);
      broken.searchParams.set('spapi_oauth_code', 'ANcode');
      browser.cookies.set('__Host-mint-hub-oauth', 'E'.repeat(43));
      expect(resultOf(await followCallback(browser, broken))).toEqual({ authError: 'try_again' });
    } finally {
      await ws().faults.restartDynamoDb();
    }
    await pollUntil(async () => (await fetch(`${ws().url}/healthz`)).status === 200, {
      what: '/healthz to report the table back',
      timeoutMs: 10_000,
      intervalMs: 200,
    });
    const answered = await get(
      lin,
      `/api/stores/${LIN_STORE}/orders?marketplaceId=${US}&days=7&reason=seller-request`,
    );
    expect(answered.status).toBe(200);
  });

  it('restarts a DynamoDB Local that crashed by itself, keeping its data, and says so', async () => {
    const count = (text: string) => started.output().split(text).length - 1;
    const [crashes, returns] = [
      count('DynamoDB Local stopped unexpectedly'),
      count('DynamoDB Local is back'),
    ];
    ws().faults.crashDynamoDb();
    await pollUntil(async () => count('DynamoDB Local is back') > returns, {
      what: 'the workspace to restart DynamoDB Local',
      timeoutMs: 30_000,
      intervalMs: 100,
    });
    expect(started.output()).toMatch(/DynamoDB Local stopped unexpectedly \(SIGKILL\); restarting it/);
    expect(count('DynamoDB Local stopped unexpectedly')).toBe(crashes + 1);
    expect((await tableItems(ws()).store(LIN_STORE)).some((i) => i['sk'] === 'PROFILE')).toBe(true);
  });
});
