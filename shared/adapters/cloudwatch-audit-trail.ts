import {
  CreateLogStreamCommand,
  PutLogEventsCommand,
  ResourceAlreadyExistsException,
  type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs';
import { randomUUID } from 'node:crypto';
import type { AuditRecord } from '../audit/audit-record';
import type { AuditTrail } from '../ports';

/**
 * The access audit trail in its dedicated CloudWatch log group: one JSON record per event, written synchronously
 * (PutLogEvents resolves once CloudWatch has accepted it), so a data route can refuse to answer when it fails.
 * One log stream per execution environment, created on first use.
 */
export function createCloudWatchAuditTrail(client: CloudWatchLogsClient, logGroupName: string): AuditTrail {
  let stream: Promise<string> | undefined;

  const ensureStream = (): Promise<string> => {
    stream ??= (async () => {
      const name = `${new Date().toISOString().slice(0, 10)}/${randomUUID()}`;
      try {
        await client.send(new CreateLogStreamCommand({ logGroupName, logStreamName: name }));
      } catch (error) {
        if (!(error instanceof ResourceAlreadyExistsException)) throw error;
      }
      return name;
    })().catch((error: unknown) => {
      stream = undefined;
      throw error;
    });
    return stream;
  };

  return {
    async write(record: AuditRecord) {
      const logStreamName = await ensureStream();
      const result = await client.send(
        new PutLogEventsCommand({
          logGroupName,
          logStreamName,
          logEvents: [{ timestamp: Date.parse(record.at), message: JSON.stringify(record) }],
        }),
      );
      if (result.rejectedLogEventsInfo !== undefined)
        throw new Error('CloudWatch Logs rejected the audit record');
    },
  };
}
