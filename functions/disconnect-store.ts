import { callerOf } from '../shared/auth/caller';
import { processEnvironment } from '../shared/config';
import { httpHandler } from '../shared/http/handler';
import { json } from '../shared/http/responses';
import type { Clock, RevocationQueue, StoreRepository } from '../shared/ports';
import { revocationQueue, storeRepository, systemClock } from '../shared/runtime/dependencies';
import { disconnectStore } from '../shared/stores/store-admin';

/** DELETE /api/stores/{storeId}: an owner disconnects the store; 202 once the revocation is queued. */
export const makeHandler = (deps: {
  stores: Pick<StoreRepository, 'getMembership' | 'getProfile'>;
  revocations: RevocationQueue;
  clock: Clock;
}) =>
  httpHandler('DisconnectStore', async (event) => {
    const queued = await disconnectStore(deps, callerOf(event), event.pathParameters?.['storeId'] ?? '');
    return json(202, { storeId: queued.storeId, status: 'revocation-queued' });
  });

const env = processEnvironment();
export const handler = makeHandler({
  stores: storeRepository(env),
  revocations: revocationQueue(env),
  clock: systemClock,
});
