import { FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { AuditRecord } from '../audit/audit-record';
import type { AuditReader } from '../ports';

/** Reads one store's records from the audit log group with a JSON filter pattern, bounded in pages and records. */
export function createCloudWatchAuditReader(client: CloudWatchLogsClient, logGroupName: string): AuditReader {
  return {
    async readStoreRecords({ storeId, from, to, limit }) {
      const records: AuditRecord[] = [];
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const page = await client.send(
          new FilterLogEventsCommand({
            logGroupName,
            // storeId is validated against STORE_ID_PATTERN before it gets here, so it cannot break the pattern.
            filterPattern: `{ $.storeId = "${storeId}" }`,
            startTime: from.getTime(),
            endTime: to.getTime(),
            nextToken,
          }),
        );
        for (const event of page.events ?? []) {
          if (event.message !== undefined) records.push(JSON.parse(event.message) as AuditRecord);
        }
        nextToken = page.nextToken;
        pages++;
      } while (nextToken !== undefined && records.length < limit && pages < 200);
      records.sort((a, b) => b.at.localeCompare(a.at));
      return {
        records: records.slice(0, limit),
        truncated: records.length > limit || nextToken !== undefined,
      };
    },
  };
}
