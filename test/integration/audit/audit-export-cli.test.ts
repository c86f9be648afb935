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

const run = (...args: string[]) =>
  spawnSync(tsx, [path.join(root, 'scripts', 'audit-export.ts'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, MINT_HUB_AUDIT_LOG_GROUP: '' },
    timeout: 30_000,
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
