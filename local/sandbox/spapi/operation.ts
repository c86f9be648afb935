import type { GrantKey } from '../authorizations';
import type { SandboxContext } from '../context';
import type { SellerProfile } from '../data/sellers';
import type { UsagePlan } from '../rate-limiter';
import type { QueryReader } from './query';

export interface OperationRequest {
  context: SandboxContext;
  /** The app, seller and region the access token was issued for. */
  grant: GrantKey;
  seller: SellerProfile;
  query: QueryReader;
  /** Sandbox clock at the time of the call. */
  now: Date;
  /** Values of the path's `{name}` segments (Reports API ids). */
  pathParams: Readonly<Record<string, string>>;
  /** The JSON body of a POST, parsed; undefined for GET. */
  body: unknown;
}

export interface OperationResult {
  status: number;
  body: unknown;
}

/** Where a 200 answer keeps its list and its next token (paths into the body), as the operation's model has it. */
export interface ListingShape {
  /** The query parameter that carries a page token, when the operation pages. */
  pageTokenParameter?: string;
  list: readonly string[];
  nextToken?: readonly string[];
}

/** One SP-API operation as its model defines it: path, usage plan and a handler. */
export interface SpApiOperation {
  operationId: string;
  method: 'GET' | 'POST';
  /** Exactly as in the model, e.g. /fba/inventory/v1/summaries or /reports/2021-06-30/reports/{reportId}. */
  path: string;
  usagePlan: UsagePlan;
  /** For the answer faults (faults.ts): where the list and the next token are. */
  listing: ListingShape;
  /** Validation failures are thrown as SpApiError. */
  handle(request: OperationRequest): OperationResult;
}

export function ownerOf(grant: GrantKey): string {
  return `${grant.applicationId}|${grant.sellingPartnerId}|${grant.region}`;
}

/** Matches a model path (with `{name}` segments) against a request path; the segment values, or undefined. */
export function matchOperationPath(pattern: string, path: string): Record<string, string> | undefined {
  const expected = pattern.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < expected.length; i++) {
    const part = expected[i] as string;
    const value = actual[i] as string;
    if (part.startsWith('{') && part.endsWith('}')) {
      if (value === '') return undefined;
      params[part.slice(1, -1)] = decodeURIComponent(value);
    } else if (part !== value) return undefined;
  }
  return params;
}
