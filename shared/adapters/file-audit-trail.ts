import { appendFile, mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { isAfter, newestFirst, type AuditPosition } from '../audit/audit-cursor';
import type { StoreAuditRecord } from '../api/audit-contract';
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

/**
 * Reads one store's records back from the JSON-lines file (the local runtime's `GET …/audit`), newest first. The
 * file only grows, so a record's line number orders records of one millisecond the same way on every read.
 */
export function createFileAuditReader(file: string): AuditReader {
  return {
    async readStoreRecords({ storeId, from, to, limit, after }) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [] };
        throw error;
      }
      const matching: Array<AuditPosition & { record: StoreAuditRecord }> = [];
      text.split('\n').forEach((line, index) => {
        if (line.trim() === '') return;
        // App-wide records have no storeId and so never match.
        const record = JSON.parse(line) as StoreAuditRecord;
        const position = { atMs: Date.parse(record.at), key: String(index).padStart(12, '0') };
        if (
          record.storeId === storeId &&
          position.atMs >= from.getTime() &&
          position.atMs <= to.getTime() &&
          isAfter(position, after)
        )
          matching.push({ ...position, record });
      });
      matching.sort(newestFirst);
      const page = matching.slice(0, limit);
      const last = page.at(-1);
      return {
        records: page.map((entry) => entry.record),
        ...(matching.length > limit && last !== undefined
          ? { next: { atMs: last.atMs, key: last.key } }
          : {}),
      };
    },
  };
}
