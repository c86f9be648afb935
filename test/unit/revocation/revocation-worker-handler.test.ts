import { randomUUID } from 'node:crypto';
import type { SQSEvent } from 'aws-lambda';
import { captureOutput } from '../../support/captured-output';
import { sqsRecord } from '../../support/sqs-record';
import { activeStore, at, FakeAudit, FakeClock, FakeLedger, lambdaContext } from './fakes';

// The entry file wires real adapters at import, so it needs its settings; nothing here reaches AWS: the handler under
// test is built with makeHandler over in-memory fakes.
process.env.MINT_HUB_TABLE_NAME = 'unit-test-table';
process.env.MINT_HUB_AUDIT_FILE = '/tmp/mint-hub-unit-audit.jsonl';
process.env.MINT_HUB_STORE_ACCESS_ROLE_ARN = 'arn:aws:iam::000000000000:role/unit-store-access';
process.env.AWS_REGION ??= 'us-east-1';

const STORE = 'A2LUMENCRAFT7Q-NA';

const context = lambdaContext('RevocationWorker', 30_000);

const record = (body: string) => sqsRecord(body, 'revocation');

async function workerWith(ledger: FakeLedger, audit = new FakeAudit()) {
  const { makeHandler } = await import('../../../functions/revocation-worker');
  return makeHandler({ ledger, audit, clock: new FakeClock() });
}

describe('the revocation worker handler', () => {
  const captured = captureOutput();

  it('reports only the poison message as failed; the others in the batch succeed', async () => {
    const ledger = new FakeLedger([activeStore(STORE)]);
    const handler = await workerWith(ledger);
    const good = record(
      JSON.stringify({ eventId: randomUUID(), storeId: STORE, source: 'disconnect', at: at(0) }),
    );
    const poison = record('{"refresh_token":"Atzr|IwEBIA-poison-secret"');
    const otherType = record(
      JSON.stringify({ NotificationType: 'ORDER_CHANGE', Payload: { AmazonOrderId: '903-8868176-2219830' } }),
    );

    const response = await handler({ Records: [good, poison, otherType] } satisfies SQSEvent, context);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: poison.messageId }] });
    expect(ledger.stores.get(STORE)?.status).toBe('REVOKED');
  });

  it('answers item by item when every message fails, rather than throwing', async () => {
    const handler = await workerWith(new FakeLedger());
    const poison = [record('not json'), record('{}')];

    const response = await handler({ Records: poison }, context);

    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(
      poison.map((message) => message.messageId),
    );
  });

  it('logs store and event ids and the notification type, never a message body', async () => {
    const ledger = new FakeLedger([activeStore(STORE)]);
    const handler = await workerWith(ledger);
    const eventId = randomUUID();

    await handler(
      {
        Records: [
          record(JSON.stringify({ eventId, storeId: STORE, source: 'invalid_grant', at: at(0) })),
          record('{"refresh_token":"Atzr|IwEBIA-poison-secret"'),
          record(
            JSON.stringify({
              NotificationType: 'ORDER_CHANGE',
              Payload: { AmazonOrderId: '903-8868176-2219830' },
            }),
          ),
        ],
      },
      context,
    );

    const logs = captured.join('\n');
    expect(logs).toContain(STORE);
    expect(logs).toContain(eventId);
    expect(logs).toContain('ORDER_CHANGE');
    expect(logs).not.toContain('Atzr|');
    expect(logs).not.toContain('poison-secret');
    expect(logs).not.toContain('903-8868176-2219830');
  });
});
