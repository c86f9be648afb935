#!/usr/bin/env tsx
/**
 * npm run audit -- --store <storeId> [--from <ISO>] [--to <ISO>] [--format csv|json] [--file <audit.jsonl>]
 *
 * Exports one store's access records for a review on request (a seller's, or a security review). Reads the
 * audit log group named by MINT_HUB_AUDIT_LOG_GROUP (with the usual AWS credentials), or a JSON-lines file:
 * `--file`, else MINT_HUB_AUDIT_FILE, else the local runtime's `.mint-hub/audit.jsonl`. Settings are read through
 * shared/config like every function's. Writes every record of the range to stdout, oldest first, reading the log
 * a page at a time; nothing secret is in the records.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createCloudWatchAuditReader } from '../shared/adapters/cloudwatch-audit-reader';
import { createFileAuditReader } from '../shared/adapters/file-audit-trail';
import type { StoreAuditRecord } from '../shared/api/audit-contract';
import { auditRecordsToCsv } from '../shared/audit/audit-csv';
import type { AuditPosition } from '../shared/audit/audit-cursor';
import { processEnvironment, readAuditDestination, type AuditDestination } from '../shared/config';
import type { AuditReader } from '../shared/ports';
import { cloudWatchLogsClient } from '../shared/runtime/aws-clients';
import { STORE_ID_PATTERN } from '../shared/stores/store';
import { MILLISECONDS_PER_DAY } from '../shared/time';

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
  const from =
    options.from === undefined ? new Date(to.getTime() - 30 * MILLISECONDS_PER_DAY) : new Date(options.from);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from > to) {
    console.error(`--from and --to must be ISO times, from before to\n${USAGE}`);
    return 2;
  }

  const destination: AuditDestination =
    options.file === undefined
      ? readAuditDestination(processEnvironment(), path.join(__dirname, '..', '.mint-hub', 'audit.jsonl'))
      : { kind: 'file', path: options.file };
  const reader =
    destination.kind === 'cloudwatch'
      ? createCloudWatchAuditReader(cloudWatchLogsClient(), destination.logGroupName)
      : createFileAuditReader(path.resolve(destination.path));
  // Exports want everything in range, oldest first: every page, newest first, then reversed.
  const records = (await readAll(reader, store, from, to)).reverse();
  process.stdout.write(
    format === 'json'
      ? `${JSON.stringify({ storeId: store, from, to, records }, null, 2)}\n`
      : auditRecordsToCsv(records),
  );
  return 0;
}

async function readAll(reader: AuditReader, storeId: string, from: Date, to: Date) {
  const records: StoreAuditRecord[] = [];
  let after: AuditPosition | undefined;
  do {
    const page = await reader.readStoreRecords({
      storeId,
      from,
      to,
      limit: 1000,
      ...(after === undefined ? {} : { after }),
    });
    records.push(...page.records);
    after = page.next;
  } while (after !== undefined);
  return records;
}

// exitCode, not exit(): a large export to a pipe is still being written when main resolves.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`audit export failed: ${(error as Error).name}`);
    process.exitCode = 1;
  },
);
