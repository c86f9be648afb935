import { appendFile, mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { AuditRecord } from '../audit/audit-record';
import type { AuditReader, AuditTrail } from '../ports';

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

/** Reads one store's records back from the JSON-lines file (the local runtime's `GET …/audit`). */
export function createFileAuditReader(file: string): AuditReader {
  return {
    async readStoreRecords({ storeId, from, to, limit }) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], truncated: false };
        throw error;
      }
      const matching = text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as AuditRecord)
        .filter(
          (record) =>
            record.storeId === storeId && record.at >= from.toISOString() && record.at <= to.toISOString(),
        )
        .sort((a, b) => b.at.localeCompare(a.at));
      return { records: matching.slice(0, limit), truncated: matching.length > limit };
    },
  };
}
