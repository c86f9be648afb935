import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoDbClient, kmsClient, sqsClient, stsClient } from '../../shared/runtime/aws-clients';
import { observeStoreSessionClients } from '../../shared/runtime/store-sessions';

/**
 * Counts the AWS calls our code makes through the shared SDK clients of this process (the handler modules use the
 * same module instances) and the store sessions' clients created after it starts, for the cost model: commands per service, and DynamoDB capacity units as DynamoDB Local
 * reports them. The only change to the requests is `ReturnConsumedCapacity: TOTAL`, which DynamoDB answers for free.
 */
export interface AwsCallCounts {
  readonly calls: Readonly<Record<string, number>>;
  readonly dynamoDbReadUnits: number;
  readonly dynamoDbWriteUnits: number;
}

const READS = new Set([
  'GetItemCommand',
  'QueryCommand',
  'ScanCommand',
  'BatchGetItemCommand',
  'TransactGetItemsCommand',
]);

interface ConsumedCapacity {
  CapacityUnits?: number;
}

/** The part of an SDK v3 client's middleware stack used here. */
interface AnyStack {
  add(
    middleware: (
      next: (args: { input: object }) => Promise<{ output: object }>,
      context: object,
    ) => (args: { input: object }) => Promise<{ output: object }>,
    options: { step: 'initialize'; name: string; override: boolean },
  ): void;
}

interface Tally {
  calls: Record<string, number>;
  readUnits: number;
  writeUnits: number;
}

const newTally = (): Tally => ({ calls: {}, readUnits: 0, writeUnits: 0 });

/**
 * `labelOf`, when given, is asked as each command starts (in the caller's async context, see
 * invocation-context.ts), and `snapshot(label)` answers the counts of the calls it labelled so: the calls of one
 * invocation, apart from whatever else the process did meanwhile. `snapshot()` counts every call.
 */
export function countAwsCalls(options: { labelOf?: () => string | undefined } = {}): {
  snapshot(label?: string): AwsCallCounts;
} {
  const total = newTally();
  const byLabel = new Map<string, Tally>();
  const count = (service: string, stack: AnyStack, withCapacity: boolean) => {
    stack.add(
      (next, context) => async (args) => {
        const command = String((context as { commandName?: string }).commandName ?? 'unknown');
        const key = `${service}:${command.replace(/Command$/, '')}`;
        const label = options.labelOf?.();
        let labelled: Tally | undefined;
        if (label !== undefined) {
          labelled = byLabel.get(label) ?? newTally();
          byLabel.set(label, labelled);
        }
        const tallies = labelled === undefined ? [total] : [total, labelled];
        for (const tally of tallies) tally.calls[key] = (tally.calls[key] ?? 0) + 1;
        if (withCapacity) (args.input as Record<string, unknown>)['ReturnConsumedCapacity'] = 'TOTAL';
        const result = await next(args);
        if (withCapacity) {
          const consumed = (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] })
            .ConsumedCapacity;
          const units = [consumed ?? []].flat().reduce((sum, item) => sum + (item.CapacityUnits ?? 0), 0);
          for (const tally of tallies) {
            if (READS.has(command)) tally.readUnits += units;
            else tally.writeUnits += units;
          }
        }
        return result;
      },
      { step: 'initialize', name: `bench-count-${service}`, override: true },
    );
  };
  count('dynamodb', dynamoDbClient().middlewareStack as unknown as AnyStack, true);
  count('kms', kmsClient().middlewareStack as unknown as AnyStack, false);
  count('sqs', sqsClient().middlewareStack as unknown as AnyStack, false);
  count('sts', stsClient().middlewareStack as unknown as AnyStack, false);
  // The store sessions' own clients, created per store after the gate (shared/runtime/store-sessions.ts).
  observeStoreSessionClients((client) =>
    client instanceof DynamoDBClient
      ? count('dynamodb', client.middlewareStack as unknown as AnyStack, true)
      : count('kms', client.middlewareStack as unknown as AnyStack, false),
  );
  return {
    snapshot: (label) => {
      const tally = label === undefined ? total : (byLabel.get(label) ?? newTally());
      return {
        calls: { ...tally.calls },
        dynamoDbReadUnits: tally.readUnits,
        dynamoDbWriteUnits: tally.writeUnits,
      };
    },
  };
}

/** b − a, per counter. */
export function difference(a: AwsCallCounts, b: AwsCallCounts): AwsCallCounts {
  const calls: Record<string, number> = {};
  for (const key of new Set([...Object.keys(a.calls), ...Object.keys(b.calls)])) {
    const delta = (b.calls[key] ?? 0) - (a.calls[key] ?? 0);
    if (delta !== 0) calls[key] = delta;
  }
  return {
    calls,
    dynamoDbReadUnits: b.dynamoDbReadUnits - a.dynamoDbReadUnits,
    dynamoDbWriteUnits: b.dynamoDbWriteUnits - a.dynamoDbWriteUnits,
  };
}
