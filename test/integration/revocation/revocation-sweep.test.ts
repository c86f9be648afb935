import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbRevocationStore } from '../../../shared/adapters/dynamodb-revocation-store';
import { createDynamoDbRevocationSweepStore } from '../../../shared/adapters/dynamodb-revocation-sweep-store';
import { createFileAuditTrail } from '../../../shared/adapters/file-audit-trail';
import { createKmsTokenCipher } from '../../../shared/adapters/kms-token-cipher';
import type { AuditRecord, StoreEventRecord } from '../../../shared/audit/audit-record';
import type { RevocationSweepStore } from '../../../shared/revocation/ports';
import {
  runRevocationSweep,
  SWEEP_ACTOR_ID,
  type RevocationSweepReport,
} from '../../../shared/revocation/revocation-sweep';
import { tokenEncryptionContext } from '../../../shared/storage/token-encryption-context';
import { EU_SELLER, FE_SELLER, NA_SELLER, NA_SELLER_2 } from '../sandbox/sandbox-test-kit';
import {
  auditRecords,
  connectStore,
  createWorkspace,
  lambdaContext,
  profileOf,
  restoreEnvironment,
  startEmulators,
  storeItems,
  type Emulators,
  type TestWorkspace,
} from './revocation-test-kit';

// Issue 19: a store that says REVOKED while its token ciphertext still exists (what a crash between the status
// change and the shred would leave) is completed by the periodic sweep: against DynamoDB Local, the KMS stand-in and
// the real adapters, with the state written through the table's low-level API.
jest.setTimeout(60_000);

let emulators: Emulators;

beforeAll(async () => {
  emulators = await startEmulators();
});

afterAll(async () => {
  restoreEnvironment();
  await emulators?.stop();
});

type SweepModule = typeof import('../../../functions/revocation-sweep');

/** A fresh table and audit file, and the sweep's entry module imported with their settings. */
async function sweepWorkspace(name: string): Promise<{ workspace: TestWorkspace; sweep: SweepModule }> {
  const workspace = await createWorkspace(emulators, name);
  const sweep = await import('../../../functions/revocation-sweep');
  return { workspace, sweep };
}

const runHandler = async (sweep: SweepModule) =>
  (await sweep.handler({}, lambdaContext('RevocationSweep', 300_000))) as RevocationSweepReport;

/** An Ads token beside the SP-API one, encrypted as the Ads callback encrypts it. */
async function addAdsToken(workspace: TestWorkspace, storeId: string, sellingPartnerId: string) {
  const cipher = createKmsTokenCipher(emulators.kmsClient, emulators.kms.keyArn);
  const token = await cipher.encrypt(
    'Atzr|ads-refresh-token-of-the-test',
    tokenEncryptionContext({ storeId, sellingPartnerId, region: 'NA', purpose: 'ADS' }),
  );
  await emulators.documents.send(
    new PutCommand({
      TableName: workspace.tableName,
      Item: {
        pk: `STORE#${storeId}`,
        sk: 'TOKEN#ADS',
        storeId,
        ...token,
        updatedAt: new Date().toISOString(),
      },
    }),
  );
}

async function addSnapshot(workspace: TestWorkspace, storeId: string) {
  await emulators.documents.send(
    new PutCommand({
      TableName: workspace.tableName,
      Item: {
        pk: `STORE#${storeId}`,
        sk: 'SNAPSHOT#inventory#ATVPDKIKX0DER',
        storeId,
        fetchedAt: new Date().toISOString(),
        expiresAt: Math.floor(Date.now() / 1000) + 3600,
      },
    }),
  );
}

/**
 * The lost state: the profile says REVOKED (as revokeStore's status change writes it) and nothing else happened,
 * as if the process died between the status change and the shred.
 */
async function loseTheShred(workspace: TestWorkspace, storeId: string, reason = 'disconnect') {
  const now = new Date().toISOString();
  await emulators.documents.send(
    new UpdateCommand({
      TableName: workspace.tableName,
      Key: { pk: `STORE#${storeId}`, sk: 'PROFILE' },
      UpdateExpression: 'SET #status = :revoked, revokedAt = :now, revokedReason = :reason, updatedAt = :now',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':revoked': 'REVOKED', ':now': now, ':reason': reason },
    }),
  );
}

const sweptRecords = (records: AuditRecord[], storeId: string) =>
  records.filter(
    (record): record is StoreEventRecord => record.kind === 'store-revoked' && record.storeId === storeId,
  );

describe('the revocation sweep', () => {
  it('deletes the lost ciphertext, purges snapshots and audits it; a second run is a no-op', async () => {
    const { workspace, sweep } = await sweepWorkspace('lost');
    const lost = await connectStore(emulators, workspace, NA_SELLER, 'NA');
    const active = await connectStore(emulators, workspace, NA_SELLER_2, 'NA');
    await addAdsToken(workspace, lost.storeId, NA_SELLER);
    await addSnapshot(workspace, lost.storeId);
    await loseTheShred(workspace, lost.storeId);
    const activeBefore = await storeItems(emulators, workspace, active.storeId);

    const first = await runHandler(sweep);

    expect(first).toMatchObject({ storesSwept: 1, errors: 0, passComplete: true });
    const items = await storeItems(emulators, workspace, lost.storeId);
    expect(Object.keys(items).filter((sk) => sk.startsWith('TOKEN#') || sk.startsWith('SNAPSHOT#'))).toEqual(
      [],
    );
    expect(items['PROFILE']).toMatchObject({ status: 'REVOKED', revokedReason: 'disconnect' });
    expect(items['PROFILE']).not.toHaveProperty('sweepShred');
    const records = sweptRecords(await auditRecords(workspace), lost.storeId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      kind: 'store-revoked',
      actor: { type: 'system', id: SWEEP_ACTOR_ID },
      sellingPartnerId: NA_SELLER,
      region: 'NA',
      outcome: 'allowed',
      detail: {
        source: 'disconnect',
        previousStatus: 'REVOKED',
        tokensDeleted: true,
        snapshotsPurged: 1,
        completedBy: SWEEP_ACTOR_ID,
        ciphertextsFound: 'ADS,SPAPI',
      },
    });
    expect(records[0]?.requestId).toBe(records[0]?.detail['eventId']);
    // The active store is exactly as it was.
    expect(await storeItems(emulators, workspace, active.storeId)).toEqual(activeBefore);
    // No ciphertext or token in the audit trail.
    expect(JSON.stringify(await auditRecords(workspace))).not.toMatch(/ciphertext"|Atzr/);

    const auditBefore = (await auditRecords(workspace)).length;
    const second = await runHandler(sweep);
    expect(second).toMatchObject({ storesSwept: 0, auditsCompleted: 0, errors: 0, candidates: 1 });
    expect(await auditRecords(workspace)).toHaveLength(auditBefore);
    expect(await storeItems(emulators, workspace, active.storeId)).toEqual(activeBefore);
  });

  it('never shreds a store that a re-authorization made ACTIVE between the listing and the write', async () => {
    const { workspace } = await sweepWorkspace('reauthorized');
    const store = await connectStore(emulators, workspace, EU_SELLER, 'EU');
    await loseTheShred(workspace, store.storeId, 'invalid_grant');
    const real = createDynamoDbRevocationSweepStore(emulators.dynamoClient, workspace.tableName);
    let reauthorizedCiphertext: unknown;
    // The seller re-authorizes right after the sweep listed the store as REVOKED with its ciphertext.
    const racing: RevocationSweepStore = {
      ...real,
      async shredLostCiphertext(command) {
        await connectStore(emulators, workspace, EU_SELLER, 'EU');
        reauthorizedCiphertext = (await storeItems(emulators, workspace, store.storeId))['TOKEN#SPAPI']?.[
          'ciphertext'
        ];
        return real.shredLostCiphertext(command);
      },
    };

    const report = await runRevocationSweep(
      {
        sweepStore: racing,
        ledger: createDynamoDbRevocationStore(emulators.dynamoClient, workspace.tableName),
        audit: createFileAuditTrail(workspace.auditFile),
        clock: { now: () => new Date() },
      },
      { deadlineMs: Date.now() + 30_000 },
    );

    expect(report).toMatchObject({ storesSwept: 0, leftAlone: 1, errors: 0 });
    const items = await storeItems(emulators, workspace, store.storeId);
    expect(items['PROFILE']).toMatchObject({ status: 'ACTIVE' });
    expect(items['PROFILE']).not.toHaveProperty('revokedAt');
    expect(reauthorizedCiphertext).toEqual(expect.any(String));
    expect(items['TOKEN#SPAPI']?.['ciphertext']).toBe(reauthorizedCiphertext);
    expect(sweptRecords(await auditRecords(workspace), store.storeId)).toEqual([]);
  });

  it('writes the record on the next run when the audit trail failed after the shred', async () => {
    const { workspace, sweep } = await sweepWorkspace('audit-later');
    const store = await connectStore(emulators, workspace, FE_SELLER, 'FE');
    await loseTheShred(workspace, store.storeId);
    const fileAudit = createFileAuditTrail(workspace.auditFile);
    let failures = 1;
    const deps = {
      sweepStore: createDynamoDbRevocationSweepStore(emulators.dynamoClient, workspace.tableName),
      ledger: createDynamoDbRevocationStore(emulators.dynamoClient, workspace.tableName),
      audit: {
        write: async (record: AuditRecord) => {
          if (failures-- > 0) throw new Error('audit trail unavailable');
          await fileAudit.write(record);
        },
      },
      clock: { now: () => new Date() },
    };

    const first = await runRevocationSweep(deps, { deadlineMs: Date.now() + 30_000 });
    expect(first).toMatchObject({ storesSwept: 1, errors: 1 });
    const profile = await profileOf(emulators, workspace, store.storeId);
    // The ciphertext went with the mark in one transaction; the mark waits for its record.
    expect((await storeItems(emulators, workspace, store.storeId))['TOKEN#SPAPI']).toBeUndefined();
    expect(profile?.['sweepShred']).toMatchObject({ tokensDeleted: ['SPAPI'], revokedReason: 'disconnect' });
    expect(sweptRecords(await auditRecords(workspace), store.storeId)).toEqual([]);

    const second = await runHandler(sweep);
    expect(second).toMatchObject({ storesSwept: 0, auditsCompleted: 1, errors: 0 });
    const records = sweptRecords(await auditRecords(workspace), store.storeId);
    expect(records).toHaveLength(1);
    expect(records[0]?.requestId).toBe((profile?.['sweepShred'] as { eventId: string }).eventId);
    expect((await profileOf(emulators, workspace, store.storeId))?.['sweepShred']).toBeUndefined();
    expect(await runHandler(sweep)).toMatchObject({ storesSwept: 0, auditsCompleted: 0 });
  });

  it('keeps its place across runs when a run stops at its page budget', async () => {
    const { workspace } = await sweepWorkspace('paged');
    const store = await connectStore(emulators, workspace, NA_SELLER, 'NA');
    await loseTheShred(workspace, store.storeId);
    const deps = {
      sweepStore: createDynamoDbRevocationSweepStore(emulators.dynamoClient, workspace.tableName),
      ledger: createDynamoDbRevocationStore(emulators.dynamoClient, workspace.tableName),
      audit: createFileAuditTrail(workspace.auditFile),
      clock: { now: () => new Date() },
    };
    // One item per page: the store's three items (profile, token, member) take several runs of one page each.
    const reports: RevocationSweepReport[] = [];
    for (let run = 0; run < 6 && !reports.some((r) => r.passComplete); run++)
      reports.push(
        await runRevocationSweep(deps, { deadlineMs: Date.now() + 30_000, pageSize: 1, maxPages: 1 }),
      );
    expect(reports.length).toBeGreaterThan(1);
    expect(reports.slice(0, -1).every((r) => r.stoppedBy === 'page-budget')).toBe(true);
    expect(reports.reduce((sum, r) => sum + r.storesSwept, 0)).toBe(1);
    expect((await storeItems(emulators, workspace, store.storeId))['TOKEN#SPAPI']).toBeUndefined();
    // The run that reached the end forgot the position: the next starts from the top.
    expect(await deps.sweepStore.readSweepCursor()).toBeUndefined();
  });
});
