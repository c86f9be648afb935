// `npx tsx bench/overview.ts`: GET /api/overview for an operator with 50 stores of 3 marketplaces each.
//
// One real store (Lumen Craft, amazon.com) is connected and its orders and inventory views opened, so its stored
// snapshots are real: the order history with its open-orders listing, and the SKU listing. They are then copied to
// 49 more stores of the same operator (profiles, memberships, snapshots under each store's own keys, in all three
// of its marketplaces), which is what the overview reads for an operator with 50 stores. The overview is then asked
// for through the local gateway as the dashboard asks (the real handler, DynamoDB Local, the audit file), and the
// wall time per answer is reported: the first (every marketplace planned), then the median and max of
// OVERVIEW_SAMPLES more (plans kept while the snapshots are unchanged). Not run by `npm test`.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as os from 'node:os';
import type { OverviewResponse } from '../shared/api/overview-contract';
import {
  connectStore,
  newBrowser,
  request,
  startWorkspaceForTest,
  tokenFor,
} from '../test/integration/workspace/workspace-client';

const STORES = 50;
const OVERVIEW_SAMPLES = 10;
const LUMEN = 'A2LUMENCRAFT7Q';
const LUMEN_STORE = `${LUMEN}-NA`;
const LIN_ID = '7c9e2d4a-1b3f-4a6c-8e0d-2f4a6c8e0b02';
const US = 'ATVPDKIKX0DER';

async function main(): Promise<void> {
  const started = await startWorkspaceForTest();
  try {
    const ws = started.workspace;
    await connectStore(ws, 'lin@minthub.local', LUMEN, 'NA');
    const lin = await tokenFor(ws, 'lin@minthub.local');
    const view = async (pathname: string) => {
      const response = await request(newBrowser(), `${ws.url}${pathname}`, { token: lin });
      if (response.status !== 200) throw new Error(`${pathname}: ${response.status}`);
      return response.json();
    };
    await view(
      `/api/stores/${LUMEN_STORE}/orders?marketplaceId=${US}&days=30&reason=order-fulfillment-monitoring`,
    );
    await view(`/api/stores/${LUMEN_STORE}/inventory?marketplaceId=${US}&reason=inventory-replenishment`);

    const documents = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: ws.endpoints.dynamodb,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
    );
    const items =
      (
        await documents.send(
          new QueryCommand({
            TableName: ws.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `STORE#${LUMEN_STORE}` },
          }),
        )
      ).Items ?? [];
    const profile = items.find((item) => item['sk'] === 'PROFILE');
    const snapshots = items.filter((item) => String(item['sk']).startsWith(`SNAPSHOT#`));
    if (profile === undefined || snapshots.length < 2) throw new Error('the views stored no snapshots');
    const marketplaceIds = profile['marketplaceIds'] as string[];

    const copies: Record<string, unknown>[] = [];
    for (let i = 1; i < STORES; i++) {
      const sellerId = `ABENCH${String(i).padStart(4, '0')}Q`;
      const storeId = `${sellerId}-NA`;
      const pk = `STORE#${storeId}`;
      copies.push({ ...profile, pk, storeId, sellingPartnerId: sellerId, displayName: `Bench store ${i}` });
      copies.push({
        pk,
        sk: `MEMBER#${LIN_ID}`,
        storeId,
        userId: LIN_ID,
        role: i % 2 === 0 ? 'owner' : 'operator',
        gsi1pk: `USER#${LIN_ID}`,
        gsi1sk: pk,
        addedAt: new Date().toISOString(),
      });
      for (const snapshot of snapshots) {
        const dataset = String(snapshot['sk']).split('#')[1];
        for (const marketplaceId of marketplaceIds)
          copies.push({ ...snapshot, pk, storeId, sk: `SNAPSHOT#${dataset}#${marketplaceId}` });
      }
    }
    for (let i = 0; i < copies.length; i += 25) {
      await documents.send(
        new BatchWriteCommand({
          RequestItems: { [ws.tableName]: copies.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
        }),
      );
    }

    // The first answer plans every marketplace; later ones reuse the plans while the snapshots are unchanged.
    const timings: number[] = [];
    let answer: OverviewResponse | undefined;
    let firstMs = NaN;
    for (let sample = 0; sample <= OVERVIEW_SAMPLES; sample++) {
      const startedAt = performance.now();
      answer = (await view('/api/overview?reason=order-fulfillment-monitoring')) as OverviewResponse;
      if (sample > 0) timings.push(performance.now() - startedAt);
      else firstMs = performance.now() - startedAt;
    }
    timings.sort((a, b) => a - b);
    const median = timings[Math.floor(timings.length / 2)] ?? NaN;
    const lines = answer?.stores.flatMap((s) => s.marketplaces).length ?? 0;
    const bytes = Buffer.byteLength(JSON.stringify(answer));
    process.stdout.write(
      `overview: ${answer?.stores.length} stores, ${lines} marketplaces, ${bytes} bytes; ` +
        `first ${firstMs.toFixed(0)} ms; then median ${median.toFixed(0)} ms, max ${(timings.at(-1) ?? NaN).toFixed(0)} ms ` +
        `over ${OVERVIEW_SAMPLES} (load average ${os.loadavg()[0]?.toFixed(1)}, ${os.cpus().length} CPUs)\n`,
    );
  } finally {
    await started.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`overview bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
