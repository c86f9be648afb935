import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOrCreateSigningKey } from '../../../local/auth/signing-key';
import { prepareDataDir } from '../../../local/runtime/data-dir';
import {
  amazonEndpointSettings,
  applyEnvironment,
  buildLocalEnvironment,
  needsSandbox,
} from '../../../local/runtime/environment';
import { appFromEnvironment, loadOrCreateLocalApp } from '../../../local/runtime/local-app';

// The pieces `npm start` sets up before anything runs: the data folder, the files that must survive a restart,
// and the settings handed to the handler modules.
describe('local workspace setup', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mint-hub-setup-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const sandbox = {
    sellerCentral: 'http://127.0.0.1:4000',
    lwaToken: 'http://127.0.0.1:4000/auth/o2/token',
    spapi: {
      NA: 'http://127.0.0.1:4000/spapi/na',
      EU: 'http://127.0.0.1:4000/spapi/eu',
      FE: 'http://127.0.0.1:4000/spapi/fe',
    },
  };

  it('points only the Amazon settings left unset at the sandbox, and needs no sandbox when all are set', () => {
    const partly = { MINT_HUB_SPAPI_URL_EU: 'https://proxy.example/eu' };
    const fully = {
      MINT_HUB_LWA_TOKEN_URL: 'https://api.amazon.com/auth/o2/token',
      MINT_HUB_SELLER_CENTRAL_URL: 'https://sellercentral.amazon.com',
      MINT_HUB_SPAPI_URL_NA: 'https://sellingpartnerapi-na.amazon.com',
      MINT_HUB_SPAPI_URL_EU: 'https://sellingpartnerapi-eu.amazon.com',
      MINT_HUB_SPAPI_URL_FE: 'https://sellingpartnerapi-fe.amazon.com',
    };

    expect(needsSandbox(partly)).toBe(true);
    expect(amazonEndpointSettings(partly, sandbox)).toEqual({
      MINT_HUB_LWA_TOKEN_URL: sandbox.lwaToken,
      MINT_HUB_SELLER_CENTRAL_URL: sandbox.sellerCentral,
      MINT_HUB_SPAPI_URL_NA: sandbox.spapi.NA,
      MINT_HUB_SPAPI_URL_EU: 'https://proxy.example/eu',
      MINT_HUB_SPAPI_URL_FE: sandbox.spapi.FE,
    });
    expect(needsSandbox(fully)).toBe(false);
    expect(amazonEndpointSettings(fully, undefined)).toEqual(fully);
  });

  it('hands the handlers every setting, keeps a chosen Orders version, and restores the environment after', () => {
    const target: NodeJS.ProcessEnv = {
      MINT_HUB_ORDERS_API_VERSION: 'v0',
      MINT_HUB_AUDIT_LOG_GROUP: '/aws/mint-hub/audit',
      AWS_SESSION_TOKEN: 'from-a-real-shell',
      KEEP_ME: 'yes',
    };
    const settings = buildLocalEnvironment({
      url: 'http://localhost:3000',
      tableName: 'mint-hub-local',
      tokenKeyArn: 'arn:aws:kms:us-east-1:000000000000:key/k',
      revocationQueueUrl: 'http://127.0.0.1:9324/000000000000/mint-hub-local-revocation',
      revocationQueueArn: 'arn:aws:sqs:us-east-1:000000000000:mint-hub-local-revocation',
      auditFile: '/data/audit.jsonl',
      app: { applicationId: 'amzn1.sp.solution.x', clientId: 'client', clientSecret: 'secret' },
      appDraft: false,
      amazonEndpoints: amazonEndpointSettings({}, sandbox),
      endpoints: {
        dynamodb: 'http://127.0.0.1:1',
        sqs: 'http://127.0.0.1:2',
        kms: 'http://127.0.0.1:3',
        sts: 'http://127.0.0.1:4',
      },
      storeAccessRoleArn: 'arn:aws:iam::000000000000:role/mint-hub-local-store-access',
      incoming: target,
    });

    const restore = applyEnvironment(target, settings);
    const applied = { ...target };
    restore();

    expect(applied).toMatchObject({
      MINT_HUB_TABLE_NAME: 'mint-hub-local',
      MINT_HUB_TOKEN_KEY_ID: 'arn:aws:kms:us-east-1:000000000000:key/k',
      MINT_HUB_AUDIT_FILE: '/data/audit.jsonl',
      MINT_HUB_DASHBOARD_URL: 'http://localhost:3000',
      MINT_HUB_REDIRECT_URI: 'http://localhost:3000/auth/amazon/callback',
      MINT_HUB_LWA_CLIENT_SECRET: 'secret',
      MINT_HUB_APP_DRAFT: 'false',
      MINT_HUB_ORDERS_API_VERSION: 'v0',
      MINT_HUB_SPAPI_URL_FE: sandbox.spapi.FE,
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1',
      AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:2',
      AWS_ENDPOINT_URL_KMS: 'http://127.0.0.1:3',
      AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:4',
      MINT_HUB_STORE_ACCESS_ROLE_ARN: 'arn:aws:iam::000000000000:role/mint-hub-local-store-access',
      POWERTOOLS_DEV: 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
      POWERTOOLS_METRICS_DISABLED: 'true',
      KEEP_ME: 'yes',
    });
    expect(applied).not.toHaveProperty('MINT_HUB_AUDIT_LOG_GROUP');
    expect(applied).not.toHaveProperty('AWS_SESSION_TOKEN');
    expect(target).toEqual({
      MINT_HUB_ORDERS_API_VERSION: 'v0',
      MINT_HUB_AUDIT_LOG_GROUP: '/aws/mint-hub/audit',
      AWS_SESSION_TOKEN: 'from-a-real-shell',
      KEEP_ME: 'yes',
    });
  });

  it('creates the data folder 0700 and refuses to reset a folder it did not create', async () => {
    const dataDir = path.join(dir, 'data');
    const foreign = path.join(dir, 'someone-elses');
    await mkdir(foreign);
    await writeFile(path.join(foreign, 'thesis.tex'), 'precious');

    await prepareDataDir(dataDir);
    await writeFile(path.join(dataDir, 'audit.jsonl'), '{}\n');
    await prepareDataDir(dataDir, { reset: true });

    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    await expect(stat(path.join(dataDir, 'audit.jsonl'))).rejects.toThrow();
    await expect(prepareDataDir(foreign, { reset: true })).rejects.toThrow(/Refusing to reset/);
    expect(await readFile(path.join(foreign, 'thesis.tex'), 'utf8')).toBe('precious');
  });

  it('keeps the app registration and the signing key in 0600 files, the same across loads', async () => {
    const appFile = path.join(dir, 'local-app.json');
    const keyFile = path.join(dir, 'local-signing-key.json');

    const app = await loadOrCreateLocalApp(appFile);
    const again = await loadOrCreateLocalApp(appFile);
    const key = await loadOrCreateSigningKey(keyFile);
    const keyAgain = await loadOrCreateSigningKey(keyFile);

    expect(again).toEqual(app);
    expect(app.applicationId).toMatch(/^amzn1\.sp\.solution\./);
    expect(app.clientId).toMatch(/^amzn1\.application-oa2-client\./);
    expect((await stat(appFile)).mode & 0o777).toBe(0o600);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(keyAgain.kid).toBe(key.kid);
    expect(keyAgain.jwks).toEqual(key.jwks);
  });

  it('refuses a secret file others can read, without echoing its contents', async () => {
    const appFile = path.join(dir, 'local-app.json');
    await loadOrCreateLocalApp(appFile);
    await chmod(appFile, 0o644);

    await expect(loadOrCreateLocalApp(appFile)).rejects.toThrow(/chmod 600/);
  });

  it('takes a real app registration from the environment only when it is complete', () => {
    expect(appFromEnvironment({})).toBeUndefined();
    expect(() => appFromEnvironment({ MINT_HUB_APP_ID: 'amzn1.sp.solution.x' })).toThrow(
      /missing: MINT_HUB_LWA_CLIENT_ID, MINT_HUB_LWA_CLIENT_SECRET/,
    );
    expect(
      appFromEnvironment({
        MINT_HUB_APP_ID: 'a',
        MINT_HUB_LWA_CLIENT_ID: 'b',
        MINT_HUB_LWA_CLIENT_SECRET: 'c',
      }),
    ).toEqual({ applicationId: 'a', clientId: 'b', clientSecret: 'c' });
  });
});
