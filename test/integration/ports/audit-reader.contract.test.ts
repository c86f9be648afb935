import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { withClassifiedErrors } from '../../../shared/adapters/aws-error-classification';
import { createCloudWatchAuditReader } from '../../../shared/adapters/cloudwatch-audit-reader';
import { createCloudWatchAuditTrail } from '../../../shared/adapters/cloudwatch-audit-trail';
import { createFileAuditReader, createFileAuditTrail } from '../../../shared/adapters/file-audit-trail';
import type { StoreAuditRecord } from '../../../shared/api/audit-contract';
import type { AuditPosition } from '../../../shared/audit/audit-cursor';
import type { DataAccessRecord } from '../../../shared/audit/audit-record';
import type { AuditReader, AuditTrail } from '../../../shared/ports';
import { MILLISECONDS_PER_DAY } from '../../../shared/time';
import { FakeCloudWatchLogs } from '../../support/fake-cloudwatch-logs';
import { LOCAL_CLIENT_CONFIG } from '../emulators/local-test-support';

// One contract, two adapters: the JSON-lines file of the local runtime, read for real on disk, and the CloudWatch
// adapters through the real SDK client against a CloudWatch Logs stand-in on loopback (CloudWatch Logs has no
// emulator). Each writes through its own AuditTrail and reads back through its AuditReader.
const STORE = 'A2LUMENCRAFT7Q-NA';
const OTHER = 'A1HARBORPINE3K-NA';
const NOW = Date.parse('2026-11-23T12:00:00.000Z');

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'mint-hub-audit-contract-'));
});
const standins: FakeCloudWatchLogs[] = [];
const clients: CloudWatchLogsClient[] = [];
afterAll(async () => {
  for (const client of clients) client.destroy();
  await Promise.all(standins.map((standin) => standin.stop()));
  await rm(workDir, { recursive: true, force: true });
});

/** A stand-in on loopback and the SDK client the Lambda functions build (shared/runtime/aws-clients.ts). */
async function cloudWatchLogs(options: ConstructorParameters<typeof FakeCloudWatchLogs>[0] = {}) {
  const standin = new FakeCloudWatchLogs(options);
  standins.push(standin);
  const endpoint = await standin.start();
  const client = withClassifiedErrors(
    new CloudWatchLogsClient({ ...LOCAL_CLIENT_CONFIG, endpoint, maxAttempts: 1 }),
    'cloudwatch-logs',
  );
  clients.push(client);
  return { standin, client };
}

const record = (storeId: string, atMs: number, requestId: string): DataAccessRecord => ({
  kind: 'data-access',
  at: new Date(atMs).toISOString(),
  actor: { type: 'operator', id: 'user-lin' },
  storeId,
  sellingPartnerId: storeId.split('-')[0] ?? null,
  region: 'NA',
  marketplaceId: 'ATVPDKIKX0DER',
  dataset: 'orders',
  operation: 'searchOrders',
  reason: 'seller-request',
  outcome: 'allowed',
  source: 'amazon',
  itemCount: 1,
  requestId,
});

interface Log {
  readonly trail: AuditTrail;
  readonly reader: AuditReader;
}

let logs = 0;
const implementations: Array<[string, () => Promise<Log>]> = [
  [
    'JSON-lines file',
    () => {
      const file = path.join(workDir, `audit-${logs++}.jsonl`);
      return Promise.resolve({ trail: createFileAuditTrail(file), reader: createFileAuditReader(file) });
    },
  ],
  [
    'CloudWatch adapters through the SDK, against the CloudWatch Logs stand-in',
    async () => {
      const { client } = await cloudWatchLogs({ pageSize: 3, emptyPageEvery: 3 });
      return {
        trail: createCloudWatchAuditTrail(client, 'audit'),
        reader: createCloudWatchAuditReader(client, 'audit', { firstWindowMs: 60_000 }),
      };
    },
  ],
];

/** Every page from the first, following `next`; fails on a reader that never ends. */
async function readAllPages(reader: AuditReader, limit: number, from: number, to: number) {
  const pages: StoreAuditRecord[][] = [];
  let after: AuditPosition | undefined;
  do {
    const page = await reader.readStoreRecords({
      storeId: STORE,
      from: new Date(from),
      to: new Date(to),
      limit,
      ...(after === undefined ? {} : { after }),
    });
    pages.push(page.records);
    after = page.next;
    if (pages.length > 100) throw new Error('the reader never stops paging');
  } while (after !== undefined);
  return pages;
}

describe.each(implementations)('AuditReader contract: %s', (_name, create) => {
  it('answers nothing, and no next page, for a store with no records', async () => {
    const { reader } = await create();
    expect(
      await reader.readStoreRecords({ storeId: STORE, from: new Date(0), to: new Date(NOW), limit: 10 }),
    ).toEqual({ records: [] });
  });

  it("answers the store's own records in the range, bounds included, newest first", async () => {
    const { trail, reader } = await create();
    const from = NOW - 3 * MILLISECONDS_PER_DAY;
    for (const [storeId, at, id] of [
      [STORE, from - 1, 'before'],
      [STORE, from, 'at-from'],
      [OTHER, NOW - 1000, 'other-store'],
      [STORE, NOW - 1000, 'middle'],
      [STORE, NOW, 'at-to'],
      [STORE, NOW + 1, 'after'],
    ] as const)
      await trail.write(record(storeId, at, id));

    const page = await reader.readStoreRecords({
      storeId: STORE,
      from: new Date(from),
      to: new Date(NOW),
      limit: 10,
    });

    expect(page.records.map((r) => r.requestId)).toEqual(['at-to', 'middle', 'at-from']);
    expect(page.next).toBeUndefined();
  });

  it('answers the newest records first when the range holds more than a page', async () => {
    const { trail, reader } = await create();
    for (let i = 0; i < 12; i++) await trail.write(record(STORE, NOW - i * 3_600_000, `hour-${i}`));

    const page = await reader.readStoreRecords({
      storeId: STORE,
      from: new Date(NOW - MILLISECONDS_PER_DAY),
      to: new Date(NOW),
      limit: 5,
    });

    expect(page.records.map((r) => r.requestId)).toEqual(['hour-0', 'hour-1', 'hour-2', 'hour-3', 'hour-4']);
    expect(page.next).toBeDefined();
  });

  it('pages through every record once, in order, when many share one millisecond', async () => {
    const { trail, reader } = await create();
    const written: string[] = [];
    // Seven records in one millisecond, between single ones; pages of three cut inside the millisecond.
    const times = [NOW - 50_000, ...Array.from({ length: 7 }, () => NOW - 20_000), NOW - 10_000, NOW - 5_000];
    for (const [i, at] of times.entries()) {
      await trail.write(record(STORE, at, `r-${i}`));
      written.push(`r-${i}`);
    }

    const pages = await readAllPages(reader, 3, NOW - MILLISECONDS_PER_DAY, NOW);
    const ids = pages.flat().map((r) => r.requestId);

    expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 1]);
    expect(ids).toHaveLength(written.length);
    expect(new Set(ids)).toEqual(new Set(written));
    expect(ids.slice(0, 2)).toEqual(['r-9', 'r-8']);
    expect(ids.at(-1)).toBe('r-0');
  });

  it('gives no next page when the last page is exactly full', async () => {
    const { trail, reader } = await create();
    for (let i = 0; i < 4; i++) await trail.write(record(STORE, NOW - i, `r-${i}`));

    const pages = await readAllPages(reader, 2, NOW - 1000, NOW);

    expect(pages.map((page) => page.map((r) => r.requestId))).toEqual([
      ['r-0', 'r-1'],
      ['r-2', 'r-3'],
    ]);
  });

  it('reaches records at the far end of a 400-day range', async () => {
    const { trail, reader } = await create();
    const from = NOW - 400 * MILLISECONDS_PER_DAY;
    await trail.write(record(STORE, from, 'oldest'));
    await trail.write(record(STORE, NOW - 7 * MILLISECONDS_PER_DAY, 'last-week'));

    const pages = await readAllPages(reader, 10, from, NOW);

    expect(pages.flat().map((r) => r.requestId)).toEqual(['last-week', 'oldest']);
  });
});

describe('CloudWatch audit reader', () => {
  it('reads backwards in adjacent windows that grow, newest window first', async () => {
    const { standin: logsApi, client } = await cloudWatchLogs();
    const reader = createCloudWatchAuditReader(client, 'audit', {
      firstWindowMs: 1000,
      growth: 4,
    });

    await reader.readStoreRecords({
      storeId: STORE,
      from: new Date(NOW - 100_000),
      to: new Date(NOW),
      limit: 5,
    });

    const windows = logsApi.filterCalls.map(({ startTime = 0, endTime = 0 }) => [startTime, endTime]);
    expect(windows.slice(0, 3)).toEqual([
      [NOW - 999, NOW],
      [NOW - 4999, NOW - 1000],
      [NOW - 20_999, NOW - 5000],
    ]);
    expect(windows.at(-1)?.[0]).toBe(NOW - 100_000);
  });

  it('stops at the call budget with a cursor that continues without loss', async () => {
    const { standin: logsApi, client } = await cloudWatchLogs({ pageSize: 1 });
    for (let i = 0; i < 6; i++)
      logsApi.put(NOW - i * 10_000, JSON.stringify(record(STORE, NOW - i * 10_000, `r-${i}`)));
    const reader = createCloudWatchAuditReader(client, 'audit', {
      firstWindowMs: 15_000,
      maxCalls: 4,
    });

    const first = await reader.readStoreRecords({
      storeId: STORE,
      from: new Date(NOW - 100_000),
      to: new Date(NOW),
      limit: 100,
    });
    const rest = await reader.readStoreRecords({
      storeId: STORE,
      from: new Date(NOW - 100_000),
      to: new Date(NOW),
      limit: 100,
      ...(first.next === undefined ? {} : { after: first.next }),
    });

    expect(first.next).toBeDefined();
    expect(first.records.length).toBeLessThan(6);
    expect([...first.records, ...rest.records].map((r) => r.requestId)).toEqual(
      Array.from({ length: 6 }, (_, i) => `r-${i}`),
    );
  });
});
