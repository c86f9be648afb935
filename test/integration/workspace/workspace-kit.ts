import * as fs from 'node:fs';
import * as path from 'node:path';
import { SEEDED_OPERATORS } from '../../../local/auth/seeded-operators';
import type { LocalWorkspace } from '../../../local/runtime/workspace';
import {
  connectStore,
  newBrowser,
  request,
  startWorkspaceForTest,
  tokenFor,
  type StartedWorkspace,
} from './workspace-client';

/**
 * What the workspace tests set up the same way: a workspace with the stores a test file works on, the seeded
 * operators' bearer tokens, API calls read as JSON, the audit trail the local runtime writes, and the result
 * parameters of a redirect. The flows themselves (consent, callback) are in `workspace-client.ts`.
 */

export type SeededUser = 'ada' | 'lin' | 'sofia';

const seededId = (handle: SeededUser): string => {
  const operator = SEEDED_OPERATORS.find((candidate) => candidate.handle === handle);
  if (operator === undefined) throw new Error(`no seeded operator ${handle}`);
  return operator.id;
};
/** The seeded operators' ids (their Cognito-style `sub`), as audit records and members name them. */
export const ADA_ID = seededId('ada');
export const LIN_ID = seededId('lin');
export const SOFIA_ID = seededId('sofia');

export interface StoreToConnect {
  readonly user: SeededUser;
  readonly sellingPartnerId: string;
  readonly region: 'NA' | 'EU' | 'FE';
}

/**
 * A workspace of the test file's own ({@link startWorkspaceForTest}) with `stores` connected through the website
 * flow, each by its owner, in order; then every seeded operator's bearer token (`lin`, `sofia`, `ada`). A store
 * that does not connect stops the workspace and fails the set-up.
 */
export async function startWithStores(
  stores: readonly StoreToConnect[],
): Promise<{ started: StartedWorkspace } & Record<SeededUser, string>> {
  const started = await startWorkspaceForTest();
  try {
    const { workspace } = started;
    for (const { user, sellingPartnerId, region } of stores) {
      const storeId = `${sellingPartnerId}-${region}`;
      const landed = await connectStore(workspace, `${user}@minthub.local`, sellingPartnerId, region);
      const connected = landed.searchParams.get('connected');
      if (connected !== storeId) throw new Error(`setup: ${storeId} not connected (${connected})`);
    }
    const [ada, lin, sofia] = await Promise.all(
      (['ada', 'lin', 'sofia'] as const).map((user) => tokenFor(workspace, `${user}@minthub.local`)),
    );
    return { started, ada: ada ?? '', lin: lin ?? '', sofia: sofia ?? '' };
  } catch (error) {
    await started.stop();
    throw error;
  }
}

export interface JsonAnswer {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of several shapes, read loosely
  readonly body: Record<string, any>;
}

/**
 * `api(token, method, pathname, json?)` against the workspace, as the dashboard calls it: a fresh browser, the
 * bearer, JSON in and out (an empty body reads as `{}`).
 */
export const apiCaller =
  (workspace: () => LocalWorkspace) =>
  async (token: string, method: string, pathname: string, json?: unknown): Promise<JsonAnswer> => {
    const response = await request(newBrowser(), `${workspace().url}${pathname}`, {
      method,
      token,
      ...(json === undefined ? {} : { json }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? {} : JSON.parse(text) };
  };

/** Every audit record the local runtime has written (`audit.jsonl` in the workspace's data folder), oldest first. */
export const readAuditLines = (started: StartedWorkspace): Record<string, unknown>[] =>
  fs
    .readFileSync(path.join(started.dataDir, 'audit.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** The query parameters of where a redirect sent the browser (`connected`, `result`, `authError`…). */
export const resultOf = (url: URL): Record<string, string> => Object.fromEntries(url.searchParams);
