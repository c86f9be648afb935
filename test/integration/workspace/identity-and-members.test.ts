import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MembersResponse } from '../../../shared/api/members-contract';
import {
  approveWebsiteConsent,
  followCallback,
  newBrowser,
  request,
  tableItems,
  type StartedWorkspace,
} from './workspace-client';
import { apiCaller, LIN_ID, readAuditLines, resultOf, SOFIA_ID, startWithStores } from './workspace-kit';

// Issue 11: the attacks of a hostile second team against the local workspace (real handlers, DynamoDB Local, the
// KMS stand-in, the Amazon sandbox, the Cognito stand-in), each asserting the refusal and that nothing changed.
const LIN_SELLER = 'A2LUMENCRAFT7Q';
const SOFIA_SELLER = 'A1HARBORPINE3K';
const LIN_STORE = `${LIN_SELLER}-NA`;
const SOFIA_STORE = `${SOFIA_SELLER}-NA`;
const US = 'ATVPDKIKX0DER';

let started: StartedWorkspace;
const ws = () => started.workspace;
let lin: string;
let sofia: string;
let ada: string;

const auditLines = () => readAuditLines(started);

const api = apiCaller(ws);

/** Everything of a store that a takeover would change: token ciphertext, profile version, members. */
async function storeFingerprint(storeId: string) {
  return JSON.stringify(
    (await tableItems(ws()).store(storeId))
      .filter((i) => !String(i['sk']).startsWith('SNAPSHOT#'))
      .map((i) => [i['sk'], i['ciphertext'] ?? i['updatedAt'] ?? i['role'] ?? null])
      .sort(),
  );
}

beforeAll(async () => {
  ({ started, lin, sofia, ada } = await startWithStores([
    { user: 'lin', sellingPartnerId: LIN_SELLER, region: 'NA' },
    { user: 'sofia', sellingPartnerId: SOFIA_SELLER, region: 'NA' },
  ]));
}, 120_000);

afterAll(async () => {
  await started?.stop();
});

describe('a claimed seller id never takes over a store', () => {
  it('website flow: consenting with your own seller and editing selling_partner_id is refused, nothing changes', async () => {
    const before = await storeFingerprint(LIN_STORE);
    const browser = newBrowser();
    const consent = await approveWebsiteConsent(ws(), browser, sofia, {
      region: 'NA',
      sellingPartnerId: SOFIA_SELLER,
    });
    const edited = new URL(consent.callbackUrl);
    edited.searchParams.set('selling_partner_id', LIN_SELLER);

    expect(resultOf(await followCallback(browser, edited))).toEqual({ authError: 'store_owned_elsewhere' });
    expect(await storeFingerprint(LIN_STORE)).toBe(before);
    const refused = auditLines().filter((r) => r['kind'] === 'store-connect-refused');
    expect(refused.at(-1)).toMatchObject({
      actor: { type: 'operator', id: SOFIA_ID },
      storeId: LIN_STORE,
      sellingPartnerId: LIN_SELLER,
      outcome: 'denied',
    });
    expect(JSON.stringify(refused)).not.toContain(consent.callbackUrl.searchParams.get('spapi_oauth_code'));
    // And the attacker gained nothing to read.
    expect((await api(sofia, 'GET', `/api/stores/${LIN_STORE}/members`)).status).toBe(403);
    expect(
      (
        await api(
          sofia,
          'GET',
          `/api/stores/${LIN_STORE}/orders?marketplaceId=${US}&days=7&reason=seller-request`,
        )
      ).status,
    ).toBe(403);
  });

  it('the refusal happens before the code is exchanged: the same code still connects the seller it belongs to', async () => {
    // Sofia's own code, presented for Lin's store, was not spent: re-presented with a fresh state for her own
    // store it is still accepted by LWA.
    const browser = newBrowser();
    const consent = await approveWebsiteConsent(ws(), browser, sofia, {
      region: 'NA',
      sellingPartnerId: SOFIA_SELLER,
    });
    const edited = new URL(consent.callbackUrl);
    edited.searchParams.set('selling_partner_id', LIN_SELLER);
    const code = consent.callbackUrl.searchParams.get('spapi_oauth_code') ?? '';
    expect(resultOf(await followCallback(browser, edited))).toEqual({ authError: 'store_owned_elsewhere' });

    const again = await approveWebsiteConsent(ws(), browser, sofia, {
      region: 'NA',
      sellingPartnerId: SOFIA_SELLER,
    });
    const withOldCode = new URL(again.callbackUrl);
    withOldCode.searchParams.set('spapi_oauth_code', code);
    expect(resultOf(await followCallback(browser, withOldCode))).toEqual({
      connected: SOFIA_STORE,
      result: 'reauthorized',
    });
  });

  it('Appstore flow: editing the declared seller is refused the same way', async () => {
    const before = await storeFingerprint(LIN_STORE);
    const browser = newBrowser();
    const appId = (
      JSON.parse(fs.readFileSync(path.join(started.dataDir, 'local-app.json'), 'utf8')) as {
        applicationId: string;
      }
    ).applicationId;
    const seller = newBrowser();
    const listing = await request(seller, `${ws().sandboxUrl}/appstore/authorize`, {
      form: { application_id: appId, selling_partner_id: SOFIA_SELLER, decision: 'approve' },
    });
    const loginUri = new URL(listing.headers.get('location') ?? '');
    const appstorePage = new URL((await request(browser, loginUri.toString())).headers.get('location') ?? '');
    const continued = await request(browser, `${ws().url}/api/authorizations`, {
      token: sofia,
      json: {
        amazonCallbackUri: appstorePage.searchParams.get('amazon_callback_uri'),
        amazonState: appstorePage.searchParams.get('amazon_state'),
        sellingPartnerId: LIN_SELLER, // the edit
      },
    });
    expect(continued.status).toBe(200);
    const amazon = new URL(((await continued.json()) as { redirectUrl: string }).redirectUrl);
    const back = await request(seller, amazon.toString());
    const callback = new URL(back.headers.get('location') ?? '');
    callback.searchParams.set('selling_partner_id', LIN_SELLER);
    expect(resultOf(await followCallback(browser, callback))).toEqual({ authError: 'store_owned_elsewhere' });
    expect(await storeFingerprint(LIN_STORE)).toBe(before);
  });

  it('the same browser, another operator: refused; the owner re-authorizing still works', async () => {
    const shared = newBrowser();
    const bySofia = await approveWebsiteConsent(ws(), shared, sofia, {
      region: 'NA',
      sellingPartnerId: LIN_SELLER,
    });
    expect(resultOf(await followCallback(shared, bySofia.callbackUrl))).toEqual({
      authError: 'store_owned_elsewhere',
    });
    const byLin = await approveWebsiteConsent(ws(), shared, lin, {
      region: 'NA',
      sellingPartnerId: LIN_SELLER,
    });
    expect(resultOf(await followCallback(shared, byLin.callbackUrl))).toEqual({
      connected: LIN_STORE,
      result: 'reauthorized',
    });
  });

  it('a new store records who connected it and how', async () => {
    const profile = (await tableItems(ws()).store(SOFIA_STORE)).find((i) => i['sk'] === 'PROFILE');
    expect(profile).toMatchObject({ connectedBy: SOFIA_ID, connectedVia: 'website' });
  });
});

describe('callback hardening', () => {
  it('a repeated spapi_oauth_code (or any repeated parameter) is refused before any exchange; the state survives', async () => {
    const before = await storeFingerprint(LIN_STORE);
    const browser = newBrowser();
    const consent = await approveWebsiteConsent(ws(), browser, lin, {
      region: 'NA',
      sellingPartnerId: LIN_SELLER,
    });
    const doubled = new URL(consent.callbackUrl);
    doubled.searchParams.append('spapi_oauth_code', 'ANsecond');
    expect(resultOf(await followCallback(browser, doubled))).toEqual({ authError: 'invalid_request' });
    expect(await storeFingerprint(LIN_STORE)).toBe(before);
    // Nothing was consumed or spent: the real callback still completes.
    expect(resultOf(await followCallback(browser, consent.callbackUrl))).toMatchObject({
      result: 'reauthorized',
    });
  });

  it('a leaked state presented by another browser cannot burn it', async () => {
    const owner = newBrowser();
    const consent = await approveWebsiteConsent(ws(), owner, lin, {
      region: 'NA',
      sellingPartnerId: LIN_SELLER,
    });
    expect(resultOf(await followCallback(newBrowser(), consent.callbackUrl))).toEqual({
      authError: 'session_mismatch',
    });
    const stranger = newBrowser();
    stranger.cookies.set('__Host-mint-hub-oauth', 'B'.repeat(43));
    expect(resultOf(await followCallback(stranger, consent.callbackUrl))).toEqual({
      authError: 'session_mismatch',
    });
    expect(resultOf(await followCallback(owner, consent.callbackUrl))).toMatchObject({
      result: 'reauthorized',
    });
  });
});

describe('members: the way into a store', () => {
  it('the owner lists members with names and emails; a stranger is refused and the refusal audited', async () => {
    const listed = await api(lin, 'GET', `/api/stores/${LIN_STORE}/members`);
    expect(listed.status).toBe(200);
    expect(listed.body as MembersResponse).toEqual({
      storeId: LIN_STORE,
      canManage: true,
      members: [
        {
          userId: LIN_ID,
          email: 'lin@minthub.local',
          name: 'Lin Zhao',
          role: 'owner',
          addedAt: expect.any(String),
          addedBy: LIN_ID,
        },
      ],
    });
    const refused = await api(sofia, 'GET', `/api/stores/${LIN_STORE}/members`);
    expect(refused.status).toBe(403);
    expect(auditLines().at(-1)).toMatchObject({
      kind: 'store-action-denied',
      actor: { type: 'operator', id: SOFIA_ID },
      storeId: LIN_STORE,
      operation: 'ListStoreMembers',
      outcome: 'denied',
    });
  });

  it('an admin may list any store', async () => {
    const listed = await api(ada, 'GET', `/api/stores/${LIN_STORE}/members`);
    expect(listed.status).toBe(200);
    expect(listed.body['canManage']).toBe(false);
  });

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const before = await storeFingerprint(LIN_STORE);
    const cases: Array<[unknown, number, string]> = [
      [{ email: 'not-an-email', role: 'operator' }, 400, 'BadRequest'],
      [{ email: 'sofia@minthub.local', role: 'admin' }, 400, 'BadRequest'],
      [{ email: 'sofia@minthub.local', role: 'operator', extra: true }, 400, 'BadRequest'],
      [{ email: 'nobody@minthub.local', role: 'operator' }, 404, 'OperatorNotFound'],
    ];
    for (const [body, status, code] of cases) {
      const answered = await api(lin, 'POST', `/api/stores/${LIN_STORE}/members`, body);
      expect([answered.status, answered.body['error']?.code]).toEqual([status, code]);
    }
    expect(await storeFingerprint(LIN_STORE)).toBe(before);
  });

  it('never removes or demotes the last owner', async () => {
    const removed = await api(lin, 'DELETE', `/api/stores/${LIN_STORE}/members/${LIN_ID}`);
    expect([removed.status, removed.body['error']?.code]).toEqual([409, 'LastOwner']);
    const demoted = await api(lin, 'POST', `/api/stores/${LIN_STORE}/members`, {
      email: 'lin@minthub.local',
      role: 'operator',
    });
    expect([demoted.status, demoted.body['error']?.code]).toEqual([409, 'LastOwner']);
  });

  it('an owner adds an operator, who then sees the store read-only and cannot manage it', async () => {
    const added = await api(lin, 'POST', `/api/stores/${LIN_STORE}/members`, {
      email: 'SOFIA@minthub.local',
      role: 'operator',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      result: 'added',
      member: { userId: SOFIA_ID, email: 'sofia@minthub.local', name: 'Sofia Marino', role: 'operator' },
    });
    expect(auditLines().at(-1)).toMatchObject({
      kind: 'member-added',
      actor: { type: 'operator', id: LIN_ID },
      storeId: LIN_STORE,
      sellingPartnerId: LIN_SELLER,
      detail: { subjectId: SOFIA_ID, role: 'operator' },
    });

    const stores = await api(sofia, 'GET', '/api/stores');
    expect(stores.body['stores'].map((s: { storeId: string }) => s.storeId)).toContain(LIN_STORE);
    const listed = await api(sofia, 'GET', `/api/stores/${LIN_STORE}/members`);
    expect(listed.body['canManage']).toBe(false);
    expect(listed.body['members']).toHaveLength(2);

    // An operator cannot add, promote themselves, remove, disconnect or read the access log: each audited.
    const attempts = [
      await api(sofia, 'POST', `/api/stores/${LIN_STORE}/members`, {
        email: 'ada@minthub.local',
        role: 'owner',
      }),
      await api(sofia, 'POST', `/api/stores/${LIN_STORE}/members`, {
        email: 'sofia@minthub.local',
        role: 'owner',
      }),
      await api(sofia, 'DELETE', `/api/stores/${LIN_STORE}/members/${LIN_ID}`),
      await api(sofia, 'DELETE', `/api/stores/${LIN_STORE}`),
      await api(sofia, 'GET', `/api/stores/${LIN_STORE}/audit`),
    ];
    expect(attempts.map((a) => a.status)).toEqual([403, 403, 403, 403, 403]);
    expect(
      auditLines()
        .slice(-5)
        .map((r) => [r['kind'], r['operation'], r['outcome']]),
    ).toEqual([
      ['store-action-denied', 'AddStoreMember', 'denied'],
      ['store-action-denied', 'AddStoreMember', 'denied'],
      ['store-action-denied', 'RemoveStoreMember', 'denied'],
      ['store-action-denied', 'DisconnectStore', 'denied'],
      ['store-action-denied', 'GetStoreAudit', 'denied'],
    ]);
    const items = await tableItems(ws()).store(LIN_STORE);
    expect(items.find((i) => i['sk'] === `MEMBER#${SOFIA_ID}`)?.['role']).toBe('operator');
    expect(items.find((i) => i['sk'] === 'PROFILE')?.['status']).toBe('ACTIVE');
  });

  it('an owner changes a role and removes a member, who then loses access at once', async () => {
    const promoted = await api(lin, 'POST', `/api/stores/${LIN_STORE}/members`, {
      email: 'sofia@minthub.local',
      role: 'owner',
    });
    expect([promoted.status, promoted.body['result']]).toEqual([200, 'role-changed']);
    const demoted = await api(lin, 'POST', `/api/stores/${LIN_STORE}/members`, {
      email: 'sofia@minthub.local',
      role: 'operator',
    });
    expect(demoted.body['result']).toBe('role-changed');

    const removed = await api(lin, 'DELETE', `/api/stores/${LIN_STORE}/members/${SOFIA_ID}`);
    expect(removed).toEqual({
      status: 200,
      body: { storeId: LIN_STORE, userId: SOFIA_ID, result: 'removed' },
    });
    expect(auditLines().at(-1)).toMatchObject({
      kind: 'member-removed',
      detail: { subjectId: SOFIA_ID, role: 'operator' },
    });
    expect((await api(lin, 'DELETE', `/api/stores/${LIN_STORE}/members/${SOFIA_ID}`)).status).toBe(404);
    expect(
      (
        await api(
          sofia,
          'GET',
          `/api/stores/${LIN_STORE}/inventory?marketplaceId=${US}&reason=seller-request`,
        )
      ).status,
    ).toBe(403);
  });
});

describe('the access log', () => {
  it.each(['yesterday', '2026-11-23', '1700000000000', '2026-11-23T10:00:00'])(
    'accepts only ISO 8601 date-times with a zone: %s is a 400',
    async (from) => {
      const answered = await api(
        lin,
        'GET',
        `/api/stores/${LIN_STORE}/audit?from=${encodeURIComponent(from)}`,
      );
      expect(answered.status).toBe(400);
    },
  );

  it('accepts a proper range', async () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const answered = await api(lin, 'GET', `/api/stores/${LIN_STORE}/audit?from=${from}`);
    expect(answered.status).toBe(200);
  });
});

describe('the marketplace check', () => {
  it('learns the marketplaces of a store that has none recorded, instead of passing silently', async () => {
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const { DynamoDBDocumentClient, UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const documents = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: ws().endpoints.dynamodb,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
    );
    await documents.send(
      new UpdateCommand({
        TableName: ws().tableName,
        Key: { pk: `STORE#${SOFIA_STORE}`, sk: 'PROFILE' },
        UpdateExpression: 'SET marketplaceIds = :none',
        ExpressionAttributeValues: { ':none': [] },
      }),
    );
    const foreign = await api(
      sofia,
      'GET',
      `/api/stores/${SOFIA_STORE}/inventory?marketplaceId=A1PA6795UKMFR9&reason=seller-request`,
    );
    expect(foreign.status).toBe(400);
    const profile = (await tableItems(ws()).store(SOFIA_STORE)).find((i) => i['sk'] === 'PROFILE');
    expect(profile?.['marketplaceIds']).toContain(US);
  });
});

describe('disconnect', () => {
  it('revokes in the request: the very next read is refused and the ciphertext is already gone', async () => {
    const answered = await api(lin, 'DELETE', `/api/stores/${LIN_STORE}`);
    expect(answered).toEqual({
      status: 202,
      body: { storeId: LIN_STORE, status: 'REVOKED', revokedReason: 'disconnect', shredding: 'done' },
    });
    const next = await api(
      lin,
      'GET',
      `/api/stores/${LIN_STORE}/inventory?marketplaceId=${US}&reason=seller-request`,
    );
    expect(next.status).toBe(409);
    expect(next.body['error']).toMatchObject({
      code: 'StoreNotActive',
      status: 'REVOKED',
      revokedReason: 'disconnect',
    });
    expect(next.body['error'].message).not.toMatch(/seller revoked/i);
    const items = await tableItems(ws()).store(LIN_STORE);
    expect(items.filter((i) => String(i['sk']).startsWith('TOKEN#'))).toEqual([]);
    expect(items.filter((i) => String(i['sk']).startsWith('SNAPSHOT#'))).toEqual([]);
    const stores = await api(lin, 'GET', '/api/stores');
    expect(stores.body['stores'].find((s: { storeId: string }) => s.storeId === LIN_STORE)).toMatchObject({
      status: 'REVOKED',
      revokedReason: 'disconnect',
    });
    expect(
      auditLines().filter((r) => r['kind'] === 'store-revoked' && r['storeId'] === LIN_STORE),
    ).toHaveLength(1);
  });

  it('is idempotent, and the queued follow-up changes nothing more', async () => {
    const again = await api(lin, 'DELETE', `/api/stores/${LIN_STORE}`);
    expect(again.status).toBe(202);
    expect(
      auditLines().filter((r) => r['kind'] === 'store-revoked' && r['storeId'] === LIN_STORE),
    ).toHaveLength(1);
  });
});
