import {
  FilterLogEventsCommand,
  type FilterLogEventsCommandOutput,
  type FilteredLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import { isAfter, newestFirst, type AuditPosition } from '../audit/audit-cursor';
import type { StoreAuditRecord } from '../api/audit-contract';
import { ServiceUnavailable } from '../errors';
import type { AuditReader } from '../ports';
import { MILLISECONDS_PER_HOUR } from '../time';

/** The one call this reader makes; the SDK client satisfies it, and so does a test's stand-in. */
export interface FilterLogEventsClient {
  send(command: FilterLogEventsCommand): Promise<FilterLogEventsCommandOutput>;
}

export interface CloudWatchAuditReaderOptions {
  /** Width of the newest window read first; each further window back is `growth` times wider. @default 1 hour */
  readonly firstWindowMs?: number;
  /** @default 4 */
  readonly growth?: number;
  /** FilterLogEvents calls one page may make. @default 200 */
  readonly maxCalls?: number;
}

/**
 * Reads one store's records from the audit log group, newest first. FilterLogEvents answers oldest first (startTime
 * and endTime inclusive), so the range is read backwards in adjacent time windows that grow, each window read to its
 * last page, until more than a page of records is found or the range is exhausted. Records of one millisecond are
 * ordered by CloudWatch's event id, so a page boundary inside a millisecond loses or repeats nothing.
 */
export function createCloudWatchAuditReader(
  client: FilterLogEventsClient,
  logGroupName: string,
  options: CloudWatchAuditReaderOptions = {},
): AuditReader {
  const firstWindowMs = options.firstWindowMs ?? MILLISECONDS_PER_HOUR;
  const growth = options.growth ?? 4;
  const maxCalls = options.maxCalls ?? 200;

  return {
    async readStoreRecords({ storeId, from, to, limit, after }) {
      const lowest = from.getTime();
      let windowEnd = Math.min(to.getTime(), after?.atMs ?? Number.POSITIVE_INFINITY);
      let width = firstWindowMs;
      let calls = 0;
      let windowsRead = 0;
      const found: Array<AuditPosition & { record: StoreAuditRecord }> = [];

      /** Every event of [start, end]; undefined when the call budget ran out before its last page. */
      const readWindow = async (start: number, end: number): Promise<FilteredLogEvent[] | undefined> => {
        const events: FilteredLogEvent[] = [];
        let nextToken: string | undefined;
        do {
          if (calls >= maxCalls) return undefined;
          calls += 1;
          const page = await client.send(
            new FilterLogEventsCommand({
              logGroupName,
              // storeId is validated against STORE_ID_PATTERN before it gets here, so it cannot break the pattern.
              filterPattern: `{ $.storeId = "${storeId}" }`,
              startTime: start,
              endTime: end,
              nextToken,
            }),
          );
          events.push(...(page.events ?? []));
          nextToken = page.nextToken;
        } while (nextToken !== undefined);
        return events;
      };

      while (windowEnd >= lowest && found.length <= limit) {
        const windowStart = Math.max(lowest, windowEnd - width + 1);
        const events = await readWindow(windowStart, windowEnd);
        if (events === undefined) {
          // Nothing read at all: the newest window alone is beyond one request's budget.
          if (windowsRead === 0) throw new ServiceUnavailable('cloudwatch');
          break;
        }
        for (const event of events) {
          if (event.message === undefined || event.timestamp === undefined) continue;
          const position = { atMs: event.timestamp, key: event.eventId ?? '' };
          if (isAfter(position, after))
            found.push({ ...position, record: JSON.parse(event.message) as StoreAuditRecord });
        }
        windowsRead += 1;
        windowEnd = windowStart - 1;
        width *= growth;
      }

      found.sort(newestFirst);
      const page = found.slice(0, limit);
      const last = page.at(-1);
      let next: AuditPosition | undefined;
      if (found.length > limit && last !== undefined) next = { atMs: last.atMs, key: last.key };
      // Stopped early (the call budget): everything later than windowEnd was read; continue strictly before it.
      else if (windowEnd >= lowest) next = { atMs: windowEnd + 1, key: '' };
      return { records: page.map((entry) => entry.record), ...(next === undefined ? {} : { next }) };
    },
  };
}
