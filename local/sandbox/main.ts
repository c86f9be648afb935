// CLI: npx tsx local/sandbox/main.ts [--port 4000] [--seed 7] [--rate-scale 10] [--draft]
// Starts the sandbox with one demo app whose ids come from the same settings the workspace reads
// (MINT_HUB_APP_ID, MINT_HUB_LWA_CLIENT_ID, MINT_HUB_LWA_CLIENT_SECRET), with demo defaults.
import { parseArgs } from 'node:util';
import { startAmazonSandbox } from './index';

const DEMO_APP_ID = 'amzn1.sellerapps.app.6d696e74-6875-4000-8000-6c6f63616c00';
const DEMO_CLIENT_ID = 'amzn1.application-oa2-client.6d696e746875626c6f63616c64656d6f';
const DEMO_CLIENT_SECRET =
  'amzn1.oa2-cs.v1.6d696e746875622d6c6f63616c2d73616e64626f782d64656d6f2d736563726574';

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new Error(`--${name} must be a number`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4000' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string' },
      'rate-scale': { type: 'string' },
      draft: { type: 'boolean', default: false },
    },
  });
  const sandbox = await startAmazonSandbox({
    host: values.host,
    port: numberOption(values.port, 'port') ?? 4000,
    seed: numberOption(values.seed, 'seed'),
    rateScale: numberOption(values['rate-scale'], 'rate-scale'),
    apps: [
      {
        applicationId: process.env.MINT_HUB_APP_ID || DEMO_APP_ID,
        clientId: process.env.MINT_HUB_LWA_CLIENT_ID || DEMO_CLIENT_ID,
        clientSecret: process.env.MINT_HUB_LWA_CLIENT_SECRET || DEMO_CLIENT_SECRET,
        redirectUris: ['http://localhost:3000/auth/amazon/callback'],
        loginUri: 'http://localhost:3000/auth/amazon/login',
        draft: values.draft,
      },
    ],
  });

  console.log(`Amazon sandbox listening on ${sandbox.url}`);
  console.log(
    `  Seller Central  ${sandbox.endpoints.sellerCentral}  (Manage Your Apps: ${sandbox.url}/apps/manage)`,
  );
  console.log(`  LWA token       ${sandbox.endpoints.lwaToken}`);
  for (const [region, endpoint] of Object.entries(sandbox.endpoints.spapi)) {
    console.log(`  SP-API ${region}       ${endpoint}`);
  }
  for (const seller of sandbox.sellers) {
    console.log(`  seller ${seller.sellingPartnerId} (${seller.region}) ${seller.name}`);
  }

  const stop = (): void => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
