import { appendFile, mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { AuditRecord } from '../audit/audit-record';
import type { AuditTrail } from '../ports';

/**
 * The audit trail as JSON lines in a file (`.mint-hub/audit.jsonl` in the local runtime): the same port as the
 * CloudWatch adapter, so the same code paths are exercised locally. The file is private to its owner.
 */
export function createFileAuditTrail(file: string): AuditTrail {
  let ready: Promise<unknown> | undefined;
  return {
    async write(record: AuditRecord) {
      ready ??= mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      await ready;
      await appendFile(file, `${JSON.stringify(record)}\n`, { encoding: 'utf8', mode: 0o600 });
    },
  };
}
