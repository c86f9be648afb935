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
  method: 'GET';
  /** Exactly as in the model, e.g. /fba/inventory/v1/summaries. */
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
