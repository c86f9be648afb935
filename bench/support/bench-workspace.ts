import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildHttpApiEvent } from '../../local/gateway/api-gateway-event';
import { importHandlerModule, loadHandler } from '../../local/gateway/lambda-routes';
import { invokeLambda, type LambdaHandler } from '../../local/runtime/lambda-invocation';
import { dataPaths } from '../../local/runtime/data-dir';
import { startLocalWorkspace, type LocalWorkspace } from '../../local/runtime/workspace';
import { SEEDED_OPERATORS } from '../../local/auth/seeded-operators';
import { startAmazonSandbox, type AmazonSandbox } from '../../local/sandbox';
import { ROUTES } from '../../shared/api/routes';
import { ENV } from '../../shared/config/settings';
import { newSandboxApp } from './sandbox-host';

/**
 * The whole product in this process (local/runtime/workspace.ts: gateway, handler modules, emulators, the
 * revocation queue poller), with an Amazon sandbox of the bench's own in front of it: every Amazon endpoint
 * setting points at it, so the workspace starts none, and the bench chooses its rate scale and drives its
 * controls directly. Stores are connected through the real OAuth flow (test/integration/workspace).
 */
export interface BenchWorkspace {
  readonly workspace: LocalWorkspace;
  readonly sandbox: AmazonSandbox;
  readonly auditFile: string;
  /** The module's `handler`, the very instance the gateway serves (same module, same execution environment). */
  handler(routeId: (typeof ROUTES)[number]['id']): Promise<LambdaHandler>;
  /** Invokes a route's handler as the gateway would, as `operator`; answers status, body and wall time. */
  invoke(
    routeId: (typeof ROUTES)[number]['id'],
    args: { operatorId: string; pathParameters?: Record<string, string>; query?: Record<string, string> },
  ): Promise<{ statusCode: number; body: Record<string, unknown>; startMs: number; endMs: number }>;
  stop(): Promise<void>;
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startBenchWorkspace(options: {
  rateScale: number;
  /** Settings the handlers read at init (snapshot freshness, log level…). */
  settings?: Record<string, string>;
  /**
   * Also serve the Amazon Ads API from the bench's sandbox: an Ads security profile registered with our Ads
   * callback, and the Ads endpoint settings pointed at the sandbox (the workspace leaves them unset when it starts
   * no sandbox of its own).
   */
  ads?: boolean;
  log?: (line: string) => void;
}): Promise<BenchWorkspace> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mint-hub-bench-workspace-'));
  // The sandbox must know the app's redirect URI, which contains the gateway's port: choose the port first.
  const port = await freeLoopbackPort();
  const url = `http://localhost:${port}`;
  const app = {
    ...newSandboxApp('workspace', [`${url}/auth/amazon/callback`]),
    loginUri: `${url}/auth/amazon/login`,
  };
  const adsApp = {
    clientId: `amzn1.application-oa2-client.bench-ads-${randomBytes(8).toString('hex')}`,
    clientSecret: randomBytes(24).toString('base64url'),
    redirectUris: [`${url}/auth/amazon-ads/callback`],
  };
  const sandbox = await startAmazonSandbox({
    apps: [app],
    ...(options.ads === true ? { adsApps: [adsApp] } : {}),
    rateScale: options.rateScale,
  });
  const adsSettings =
    options.ads === true
      ? {
          [ENV.adsClientId]: adsApp.clientId,
          [ENV.adsClientSecret]: adsApp.clientSecret,
          [ENV.adsConsentUrl]: sandbox.endpoints.ads.consent,
          [ENV.adsAuthUrl]: sandbox.endpoints.ads.token,
          [ENV.adsApiUrlNA]: sandbox.endpoints.ads.api.NA,
          [ENV.adsApiUrlEU]: sandbox.endpoints.ads.api.EU,
          [ENV.adsApiUrlFE]: sandbox.endpoints.ads.api.FE,
        }
      : {};
  Object.assign(process.env, {
    ...adsSettings,
    [ENV.appId]: app.applicationId,
    [ENV.lwaClientId]: app.clientId,
    [ENV.lwaClientSecret]: app.clientSecret,
    [ENV.lwaTokenUrl]: sandbox.endpoints.lwaToken,
    [ENV.sellerCentralUrl]: sandbox.endpoints.sellerCentral,
    [ENV.spapiUrlNA]: sandbox.endpoints.spapi.NA,
    [ENV.spapiUrlEU]: sandbox.endpoints.spapi.EU,
    [ENV.spapiUrlFE]: sandbox.endpoints.spapi.FE,
    ...options.settings,
  });
  let workspace: LocalWorkspace;
  try {
    workspace = await startLocalWorkspace({
      dataDir,
      port,
      seed: false,
      log: options.log ?? (() => undefined),
    });
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  const handlers = new Map<string, Promise<LambdaHandler>>();
  const handler = (routeId: (typeof ROUTES)[number]['id']) => {
    const route = ROUTES.find((candidate) => candidate.id === routeId);
    if (route === undefined) throw new Error(`no route ${routeId}`);
    let loading = handlers.get(routeId);
    if (loading === undefined) {
      loading = loadHandler(route.handler, importHandlerModule);
      handlers.set(routeId, loading);
    }
    return loading;
  };
  return {
    workspace,
    sandbox,
    auditFile: dataPaths(dataDir).auditFile,
    handler,
    async invoke(routeId, args) {
      const route = ROUTES.find((candidate) => candidate.id === routeId);
      if (route === undefined) throw new Error(`no route ${routeId}`);
      const operator = SEEDED_OPERATORS.find((candidate) => candidate.id === args.operatorId);
      const rawPath = route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
        encodeURIComponent(args.pathParameters?.[name] ?? ''),
      );
      const rawQueryString = new URLSearchParams(args.query ?? {}).toString();
      const event = buildHttpApiEvent(
        {
          method: route.method,
          rawUrl: `${rawPath}${rawQueryString === '' ? '' : `?${rawQueryString}`}`,
          rawPath,
          rawQueryString,
          rawHeaders: ['host', `localhost:${port}`, 'user-agent', 'mint-hub-bench'],
          body: Buffer.alloc(0),
          sourceIp: '127.0.0.1',
          httpVersion: '1.1',
          receivedAt: new Date(),
        },
        {
          routeKey: `${route.method} ${route.path}`,
          ...(args.pathParameters === undefined ? {} : { pathParameters: args.pathParameters }),
          claims: {
            sub: args.operatorId,
            ...(operator === undefined
              ? {}
              : { email: operator.email, 'cognito:groups': [...operator.groups] }),
          },
          port,
        },
      );
      const loaded = await handler(routeId);
      const started = performance.now();
      const outcome = await invokeLambda<{ statusCode?: number; body?: string }>(loaded, event, {
        functionName: `MintHub-local-${routeId}`,
        timeoutMs: ('timeoutSeconds' in route ? route.timeoutSeconds : 10) * 1000,
      });
      const ended = performance.now();
      if (outcome.kind !== 'result') throw new Error(`${routeId}: ${outcome.kind}`);
      return {
        statusCode: outcome.result.statusCode ?? 200,
        body: JSON.parse(outcome.result.body ?? '{}') as Record<string, unknown>,
        startMs: started,
        endMs: ended,
      };
    },
    async stop() {
      await workspace.stop();
      await sandbox.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
