import { SpApiError } from '../amazon/amazon-errors';
import { AccessDenied, DomainError } from '../errors';
import type { Deadline, PacedCaller } from '../pacing/paced-caller';
import type { PacedOperation } from '../pacing/token-bucket';
import type { StoreProfile } from '../stores/store';
import type { AccessTokenProvider } from './access-token-provider';

/**
 * One paced SP-API call with the store's access token. A 401/403 on a cached token usually means the seller just
 * revoked: the token is dropped and minted once more, which either works or meets invalid_grant (→ revocation
 * queued, 409). A second refusal is a plain 403; any other Amazon failure is AmazonUnavailable.
 */
export function createSpApiCaller(deps: { pacing: PacedCaller; tokens: AccessTokenProvider }) {
  return async function callSpApi<T extends { readonly rateLimit: number | undefined }>(
    store: StoreProfile,
    operation: PacedOperation,
    deadline: Deadline,
    call: (accessToken: string) => Promise<T>,
  ): Promise<T> {
    const attempt = () =>
      deps.pacing.call(store.storeId, operation, deadline, async () => {
        const answer = await call(await deps.tokens.accessTokenFor(store));
        return { value: answer, rateLimit: answer.rateLimit };
      });
    const unauthorized = (error: unknown) => error instanceof SpApiError && error.kind === 'unauthorized';
    try {
      try {
        return await attempt();
      } catch (error) {
        if (!unauthorized(error)) throw error;
        deps.tokens.drop(store.storeId);
        return await attempt();
      }
    } catch (error) {
      if (unauthorized(error)) {
        deps.tokens.drop(store.storeId);
        throw new AccessDenied('Amazon refused access to this store; ask the seller to re-authorize it.');
      }
      if (error instanceof SpApiError)
        throw new DomainError('AmazonUnavailable', 'Amazon could not answer this request.');
      throw error;
    }
  };
}

export type SpApiCaller = ReturnType<typeof createSpApiCaller>;
