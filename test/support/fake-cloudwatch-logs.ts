import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback, loopbackEndpoint } from '../../local/emulators/loopback-http-server';

interface StoredEvent {
  readonly logStreamName: string;
  readonly timestamp: number;
  readonly message: string;
  readonly eventId: string;
}

interface FilterRequest {
  readonly logGroupName?: string;
  readonly startTime?: number;
  readonly endTime?: number;
  readonly filterPattern?: string;
  readonly nextToken?: string;
}

class CloudWatchError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * CloudWatch Logs has no emulator, so the audit adapters run, through the real `@aws-sdk/client-cloudwatch-logs`,
 * against this stand-in of the three calls they make, served on loopback in CloudWatch Logs' own protocol (AWS
 * JSON 1.1, `X-Amz-Target: Logs_20140328.<Operation>`). FilterLogEvents keeps its documented semantics: events
 * oldest first, `startTime`/`endTime` both inclusive, answers in pages joined by `nextToken` (a page may be empty
 * and still have one, as CloudWatch's are), and the JSON filter pattern `{ $.field = "value" }`. Event ids are
 * unique and not ordered by time, as CloudWatch's are not.
 */
export class FakeCloudWatchLogs {
  readonly events: StoredEvent[] = [];
  readonly filterCalls: Array<{ startTime?: number; endTime?: number }> = [];
  private readonly streams = new Set<string>();
  private nextId = 0;
  private server: Server | undefined;

  constructor(
    private readonly options: { readonly pageSize?: number; readonly emptyPageEvery?: number } = {},
  ) {}

  /** Listens on 127.0.0.1 and answers the endpoint to give the SDK client. */
  async start(): Promise<string> {
    const server = createServer((request, response) => void this.serve(request, response));
    this.server = server;
    return loopbackEndpoint(await listenOnLoopback(server, 0));
  }

  async stop(): Promise<void> {
    if (this.server !== undefined) await closeServer(this.server);
  }

  /** Writes one event straight into a stream, as another execution environment would. */
  put(timestamp: number, message: string, logStreamName = 'other'): void {
    // A scrambled id: unique, but not in time order.
    const id = String((this.nextId++ * 7_919) % 1_000_003).padStart(7, '0');
    this.events.push({ logStreamName, timestamp, message, eventId: `${id}-${this.nextId}` });
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.startsWith('Logs_20140328.') ? target.slice('Logs_20140328.'.length) : '';
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(body));
    };
    try {
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      answer(200, this.operation(operation, input));
    } catch (error) {
      if (error instanceof CloudWatchError) answer(400, { __type: error.type, message: error.message });
      else answer(500, { __type: 'ServiceUnavailableException', message: String(error) });
    }
  }

  private operation(operation: string, input: Record<string, unknown>): unknown {
    switch (operation) {
      case 'CreateLogStream': {
        const name = String(input['logStreamName'] ?? '');
        if (this.streams.has(name))
          throw new CloudWatchError(
            'ResourceAlreadyExistsException',
            'The specified log stream already exists',
          );
        this.streams.add(name);
        return {};
      }
      case 'PutLogEvents': {
        const name = String(input['logStreamName'] ?? '');
        if (!this.streams.has(name))
          throw new CloudWatchError('ResourceNotFoundException', 'The specified log stream does not exist.');
        for (const event of (input['logEvents'] ?? []) as Array<{ timestamp?: number; message?: string }>)
          this.put(event.timestamp ?? 0, event.message ?? '', name);
        return { nextSequenceToken: String(this.nextId) };
      }
      case 'FilterLogEvents':
        return this.filter(input as FilterRequest);
      default:
        throw new CloudWatchError('UnknownOperationException', `the stand-in does not answer ${operation}`);
    }
  }

  private filter(input: FilterRequest): unknown {
    const { startTime, endTime, filterPattern, nextToken } = input;
    this.filterCalls.push({
      ...(startTime === undefined ? {} : { startTime }),
      ...(endTime === undefined ? {} : { endTime }),
    });
    const match = /^\{ \$\.(\w+) = "([^"]*)" \}$/.exec(filterPattern ?? '');
    if (match === null)
      throw new CloudWatchError('InvalidParameterException', `unsupported filter pattern ${filterPattern}`);
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
    };
  }
}
