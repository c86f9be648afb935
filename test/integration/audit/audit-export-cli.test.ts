import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The real CLI in a child process, reading a JSON-lines audit file as the local runtime writes it.
const root = path.join(__dirname, '..', '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mint-hub-audit-cli-'));
const file = path.join(dir, 'audit.jsonl');

const line = (storeId: string, at: string, reason: string) =>
  JSON.stringify({
    kind: 'data-access',
    at,
    actor: { type: 'operator', id: 'u1' },
    storeId,
    sellingPartnerId: storeId.split('-')[0],
    region: 'NA',
    marketplaceId: 'ATVPDKIKX0DER',
    dataset: 'orders',
    operation: 'searchOrders',
    reason,
    outcome: 'allowed',
    source: 'amazon',
    itemCount: 3,
    requestId: `r-${at}`,
  });

beforeAll(() => {
  fs.writeFileSync(
    file,
    [
      line('A2LUMENCRAFT7Q-NA', '2026-11-01T00:00:00.000Z', 'order-fulfillment-monitoring'),
      line('A2LUMENCRAFT7Q-NA', '2026-11-10T00:00:00.000Z', 'seller-request'),
      line('A1HARBORPINE3K-NA', '2026-11-10T00:00:00.000Z', 'seller-request'),
      line('A2LUMENCRAFT7Q-NA', '2026-11-20T00:00:00.000Z', 'inventory-replenishment'),
    ].join('\n') + '\n',
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => runWith({}, ...args);
const runWith = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(tsx, [path.join(root, 'scripts', 'audit-export.ts'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, MINT_HUB_AUDIT_LOG_GROUP: '', MINT_HUB_AUDIT_FILE: '', ...env },
    timeout: 30_000,
    maxBuffer: 64 * 1024 * 1024,
  });

describe('npm run audit', () => {
  it("exports one store's records in the time range as CSV, oldest first", () => {
    const result = run(
      '--store',
      'A2LUMENCRAFT7Q-NA',
      '--from',
      '2026-11-05T00:00:00Z',
      '--to',
      '2026-11-30T00:00:00Z',
      '--file',
      file,
    );
    expect(result.status).toBe(0);
    const rows = result.stdout.trim().split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain('seller-request');
    expect(rows[2]).toContain('inventory-replenishment');
    expect(result.stdout).not.toContain('A1HARBORPINE3K');
  });

  it('starts the CSV with a UTF-8 BOM, for Excel', () => {
    const result = run('--store', 'A2LUMENCRAFT7Q-NA', '--from', '2026-11-05T00:00:00Z', '--file', file);
    expect(result.stdout.startsWith('\uFEFFat,kind,')).toBe(true);
  });

  it('reads the file named by MINT_HUB_AUDIT_FILE through shared/config when no --file is given', () => {
    const result = runWith(
      { MINT_HUB_AUDIT_FILE: file },
      '--store',
      'A2LUMENCRAFT7Q-NA',
      '--from',
      '2026-10-01T00:00:00Z',
      '--to',
      '2026-11-30T00:00:00Z',
      '--format',
      'json',
    );
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as { records: unknown[] }).records).toHaveLength(3);
  });

  it('exports every record of the range, past one page of the reader, each once and oldest first', () => {
    const many = path.join(dir, 'many.jsonl');
    // 2,500 records, five to a millisecond: more than two pages, with page boundaries inside a millisecond.
    const base = Date.parse('2026-11-10T00:00:00.000Z');
    fs.writeFileSync(
      many,
      Array.from({ length: 2500 }, (_, i) =>
        line('A2LUMENCRAFT7Q-NA', new Date(base + Math.floor(i / 5)).toISOString(), `seller-request`).replace(
          /"requestId":"[^"]*"/,
          `"requestId":"r-${i}"`,
        ),
      ).join('\n') + '\n',
    );
    const result = run(
      '--store',
      'A2LUMENCRAFT7Q-NA',
      '--from',
      '2026-11-01T00:00:00Z',
      '--to',
      '2026-11-30T00:00:00Z',
      '--format',
      'json',
      '--file',
      many,
    );
    expect(result.status).toBe(0);
    const ids = (JSON.parse(result.stdout) as { records: Array<{ requestId: string }> }).records.map(
      (record) => record.requestId,
    );
    expect(ids).toHaveLength(2500);
    expect(new Set(ids).size).toBe(2500);
    expect(ids.slice(0, 5)).toEqual(['r-0', 'r-1', 'r-2', 'r-3', 'r-4']);
    expect(result.stderr).toBe('');
  });

  it('exports JSON on request', () => {
    const result = run(
      '--store',
      'A2LUMENCRAFT7Q-NA',
      '--from',
      '2026-10-01T00:00:00Z',
      '--to',
      '2026-11-30T00:00:00Z',
      '--format',
      'json',
      '--file',
      file,
    );
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as { records: unknown[] }).records).toHaveLength(3);
  });

  it.each([
    [['--store', 'not a store']],
    [['--store', 'A2LUMENCRAFT7Q-NA', '--format', 'xml']],
    [['--bogus']],
    [['--store', 'A2LUMENCRAFT7Q-NA', '--from', 'yesterday']],
  ])('refuses bad arguments %j with a usage line and exit code 2', (args) => {
    const result = run(...args, '--file', file);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: npm run audit');
  });
});
