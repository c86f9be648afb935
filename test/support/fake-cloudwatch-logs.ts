import {
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  PutLogEventsCommand,
  ResourceAlreadyExistsException,
  type FilterLogEventsCommandOutput,
} from '@aws-sdk/client-cloudwatch-logs';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';

interface StoredEvent {
  readonly logStreamName: string;
  readonly timestamp: number;
  readonly message: string;
  readonly eventId: string;
}

/**
 * CloudWatch Logs has no emulator, so the audit adapters run against this stand-in of the three calls they make,
 * with FilterLogEvents' documented semantics: events oldest first, `startTime`/`endTime` both inclusive, answers
 * in pages joined by `nextToken` (a page may be empty and still have one, as CloudWatch's are), and the JSON
 * filter pattern `{ $.field = "value" }`. Event ids are unique and not ordered by time, as CloudWatch's are not.
 */
export class FakeCloudWatchLogs {
  readonly events: StoredEvent[] = [];
  readonly filterCalls: Array<{ startTime?: number; endTime?: number }> = [];
  private readonly streams = new Set<string>();
  private nextId = 0;

  constructor(
    private readonly options: { readonly pageSize?: number; readonly emptyPageEvery?: number } = {},
  ) {}

  /** The SDK client's shape, for the adapters' signatures. */
  asClient(): CloudWatchLogsClient {
    return this as unknown as CloudWatchLogsClient;
  }

  /** Writes one event straight into a stream, as another execution environment would. */
  put(timestamp: number, message: string, logStreamName = 'other'): void {
    // A scrambled id: unique, but not in time order.
    const id = String((this.nextId++ * 7_919) % 1_000_003).padStart(7, '0');
    this.events.push({ logStreamName, timestamp, message, eventId: `${id}-${this.nextId}` });
  }

  async send(command: unknown): Promise<unknown> {
    if (command instanceof CreateLogStreamCommand) {
      const name = command.input.logStreamName ?? '';
      if (this.streams.has(name))
        throw new ResourceAlreadyExistsException({ message: 'exists', $metadata: {} });
      this.streams.add(name);
      return {};
    }
    if (command instanceof PutLogEventsCommand) {
      const name = command.input.logStreamName ?? '';
      if (!this.streams.has(name)) throw new Error(`no log stream ${name}`);
      for (const event of command.input.logEvents ?? [])
        this.put(event.timestamp ?? 0, event.message ?? '', name);
      return {};
    }
    if (command instanceof FilterLogEventsCommand) return this.filter(command);
    throw new Error(`the fake does not answer ${(command as object).constructor.name}`);
  }

  private filter(command: FilterLogEventsCommand): FilterLogEventsCommandOutput {
    const { startTime, endTime, filterPattern, nextToken } = command.input;
    this.filterCalls.push({
      ...(startTime === undefined ? {} : { startTime }),
      ...(endTime === undefined ? {} : { endTime }),
    });
    const match = /^\{ \$\.(\w+) = "([^"]*)" \}$/.exec(filterPattern ?? '');
    if (match === null) throw new Error(`the fake does not understand the filter ${filterPattern}`);
    const [, field = '', value] = match;
    const matching = this.events
      .map((event, index) => ({ event, index }))
      .filter(
        ({ event }) =>
          (startTime === undefined || event.timestamp >= startTime) &&
          (endTime === undefined || event.timestamp <= endTime) &&
          (JSON.parse(event.message) as Record<string, unknown>)[field] === value,
      )
      // Oldest first; events of one millisecond in the order they were ingested.
      .sort((a, b) => a.event.timestamp - b.event.timestamp || a.index - b.index)
      .map(({ event }) => event);
    const pageSize = this.options.pageSize ?? 10_000;
    const offset = nextToken === undefined ? 0 : Number(nextToken.split(':')[1]);
    const page = Number(nextToken?.split(':')[0] ?? 0);
    // Now and then an empty page that still carries a token, as CloudWatch sends while it searches.
    const empty = this.options.emptyPageEvery !== undefined && page % this.options.emptyPageEvery === 1;
    const events = empty ? [] : matching.slice(offset, offset + pageSize);
    const nextOffset = offset + events.length;
    return {
      events: events.map((event) => ({
        logStreamName: event.logStreamName,
        timestamp: event.timestamp,
        message: event.message,
        eventId: event.eventId,
        ingestionTime: event.timestamp,
      })),
      ...(nextOffset < matching.length || empty ? { nextToken: `${page + 1}:${nextOffset}` } : {}),
      $metadata: {},
    };
  }
}
