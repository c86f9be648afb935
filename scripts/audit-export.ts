#!/usr/bin/env tsx
/**
 * npm run audit -- --store <storeId> [--from <ISO>] [--to <ISO>] [--format csv|json] [--file <audit.jsonl>]
 *
 * Exports one store's access records for a review on request (a seller's, or a security review). Reads the
 * audit log group named by MINT_HUB_AUDIT_LOG_GROUP (with the usual AWS credentials), or the local runtime's
 * JSON-lines file (default `.mint-hub/audit.jsonl`). Writes to stdout; nothing secret is in the records.
 */
import { ENV, processEnvironment } from '../shared/config';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createCloudWatchAuditReader } from '../shared/adapters/cloudwatch-audit-reader';
import { createFileAuditReader } from '../shared/adapters/file-audit-trail';
import { auditRecordsToCsv } from '../shared/audit/audit-export';
import { STORE_ID_PATTERN } from '../shared/stores/store';

const USAGE =
  'usage: npm run audit -- --store <storeId> [--from <ISO time>] [--to <ISO time>] [--format csv|json] [--file <audit.jsonl>]';

async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseArgs({
      args: argv,
      options: {
        store: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        format: { type: 'string', default: 'csv' },
        file: { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { store, format } = options;
  if (store === undefined || !STORE_ID_PATTERN.test(store)) {
    console.error(`--store must be a store id like A2LUMENCRAFT7Q-NA\n${USAGE}`);
    return 2;
  }
  if (format !== 'csv' && format !== 'json') {
    console.error(`--format must be csv or json\n${USAGE}`);
    return 2;
  }
  const to = options.to === undefined ? new Date() : new Date(options.to);
  const from = options.from === undefined ? new Date(to.getTime() - 30 * 86_400_000) : new Date(options.from);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from > to) {
    console.error(`--from and --to must be ISO times, from before to\n${USAGE}`);
    return 2;
  }

  const logGroup = processEnvironment()[ENV.auditLogGroupName];
  const reader =
    logGroup !== undefined && options.file === undefined
      ? createCloudWatchAuditReader(new CloudWatchLogsClient({}), logGroup)
      : createFileAuditReader(
          path.resolve(options.file ?? path.join(__dirname, '..', '.mint-hub', 'audit.jsonl')),
        );
  // Exports want everything in range, oldest first; the reader caps at a generous limit and says so.
  const { records, truncated } = await reader.readStoreRecords({ storeId: store, from, to, limit: 100_000 });
  const ordered = [...records].reverse();
  process.stdout.write(
    format === 'json'
      ? `${JSON.stringify({ storeId: store, from, to, records: ordered }, null, 2)}\n`
      : auditRecordsToCsv(ordered),
  );
  if (truncated) console.error('warning: more records exist than were exported; narrow --from/--to');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`audit export failed: ${(error as Error).name}`);
    process.exit(1);
  },
);
