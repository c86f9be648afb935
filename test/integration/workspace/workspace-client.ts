import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLocalWorkspace, type LocalWorkspace } from '../../../local/runtime/workspace';

/**
 * Drives the local workspace as a browser and a seller would: over real HTTP, cookies per browser, redirects
 * followed by hand so each hop can be inspected. Used by the end-to-end tests of authorization and store data.
 */
export interface Browser {
  readonly cookies: Map<string, string>;
}

export const newBrowser = (): Browser => ({ cookies: new Map() });

function remember(browser: Browser, response: Response): void {
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(';');
    const [name, ...value] = (pair ?? '').split('=');
    if (name) browser.cookies.set(name.trim(), value.join('='));
  }
}

const cookieHeader = (browser: Browser): string =>
  [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

export async function request(
  browser: Browser,
  url: string,
  init: { method?: string; token?: string; json?: unknown; form?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (browser.cookies.size > 0) headers['cookie'] = cookieHeader(browser);
  if (init.token) headers['authorization'] = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  const response = await fetch(url, {
    method: init.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
    redirect: 'manual',
  });
  remember(browser, response);
  return response;
}

export async function tokenFor(workspace: LocalWorkspace, user: string): Promise<string> {
  const response = await fetch(`${workspace.url}/local/token`, {
    method: 'POST',
    body: JSON.stringify({ user }),
  });
  if (response.status !== 200) throw new Error(`local token for ${user}: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export interface ConsentResult {
  /** Where the sandbox sent the browser: our callback with state, selling_partner_id and the code. */
  readonly callbackUrl: URL;
  readonly state: string;
}

/** Starts the website flow as the dashboard does and approves it in the sandbox's Seller Central. */
export async function approveWebsiteConsent(
  workspace: LocalWorkspace,
  browser: Browser,
  token: string,
  args: { region: string; sellingPartnerId: string; decision?: 'approve' | 'deny' },
): Promise<ConsentResult> {
  const started = await request(browser, `${workspace.url}/api/authorizations`, {
    token,
    json: { region: args.region },
  });
  if (started.status !== 200)
    throw new Error(`POST /api/authorizations: ${started.status} ${await started.text()}`);
  const consent = new URL(((await started.json()) as { redirectUrl: string }).redirectUrl);
  const state = consent.searchParams.get('state') ?? '';
  const seller = newBrowser();
  const decided = await request(seller, `${consent.origin}/apps/authorize/consent`, {
    form: {
      application_id: consent.searchParams.get('application_id') ?? '',
      state,
      ...(consent.searchParams.get('version') ? { version: 'beta' } : {}),
      selling_partner_id: args.sellingPartnerId,
      decision: args.decision ?? 'approve',
    },
  });
  const location = decided.headers.get('location');
  if (decided.status !== 302 || location === null) throw new Error(`consent: ${decided.status}`);
  return { callbackUrl: new URL(location), state };
}

/** Follows Amazon's redirect to our callback and answers where we sent the browser (the dashboard). */
export async function followCallback(browser: Browser, callbackUrl: URL): Promise<URL> {
  const response = await request(browser, callbackUrl.toString());
  const location = response.headers.get('location');
  if (response.status !== 302 || location === null)
    throw new Error(`callback: ${response.status} ${await response.text()}`);
  return new URL(location);
}

export async function connectStore(
  workspace: LocalWorkspace,
  user: string,
  sellingPartnerId: string,
  region: string,
): Promise<URL> {
  const browser = newBrowser();
  const token = await tokenFor(workspace, user);
  const consent = await approveWebsiteConsent(workspace, browser, token, { region, sellingPartnerId });
  return followCallback(browser, consent.callbackUrl);
}

export function tableItems(workspace: LocalWorkspace) {
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: workspace.endpoints.dynamodb,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  return {
    async all(): Promise<Record<string, unknown>[]> {
      const items: Record<string, unknown>[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await documents.send(
          new ScanCommand({ TableName: workspace.tableName, ExclusiveStartKey: startKey }),
        );
        items.push(...(page.Items ?? []));
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);
      return items;
    },
    async store(storeId: string): Promise<Record<string, unknown>[]> {
      const page = await documents.send(
        new QueryCommand({
          TableName: workspace.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `STORE#${storeId}` },
        }),
      );
      return page.Items ?? [];
    },
    async stores(): Promise<Record<string, unknown>[]> {
      return (await this.all()).filter((item) => String(item['pk']).startsWith('STORE#'));
    },
  };
}

export async function sandbox<T>(workspace: LocalWorkspace, pathname: string, body?: unknown): Promise<T> {
  const response = await fetch(`${workspace.sandboxUrl}${pathname}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return (await response.json()) as T;
}

export interface StartedWorkspace {
  readonly workspace: LocalWorkspace;
  readonly dataDir: string;
  /** Everything the process wrote to stdout/stderr while the workspace ran. */
  readonly output: () => string;
  stop(): Promise<void>;
}

/** A workspace on a free port with its own data folder, capturing process output for secret scans. */
export async function startWorkspaceForTest(): Promise<StartedWorkspace> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mint-hub-e2e-'));
  const captured: string[] = [];
  const originalStdout = process.stdout.write.bind(process.stdout);
  const originalStderr = process.stderr.write.bind(process.stderr);
  const capture =
    (original: typeof process.stdout.write) =>
    (chunk: unknown, ...rest: unknown[]): boolean => {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    };
  process.stdout.write = capture(originalStdout) as typeof process.stdout.write;
  process.stderr.write = capture(originalStderr) as typeof process.stderr.write;
  // Jest (and Powertools in dev mode) log through console, which jest intercepts before the streams.
  const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originalConsole = consoleMethods.map((method) => [method, console[method]] as const);
  for (const method of consoleMethods) {
    console[method] = (...args: unknown[]) => {
      captured.push(`${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}\n`);
    };
  }
  const workspace = await startLocalWorkspace({
    dataDir,
    port: 0,
    seed: false,
    log: (line) => captured.push(`${line}\n`),
  });
  return {
    workspace,
    dataDir,
    output: () => captured.join(''),
    async stop() {
      await workspace.stop();
      process.stdout.write = originalStdout;
      process.stderr.write = originalStderr;
      for (const [method, original] of originalConsole) console[method] = original;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
