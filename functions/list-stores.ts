import type { StoresResponse } from '../shared/api/stores-contract';
import { callerOf } from '../shared/auth/caller';
import { processEnvironment } from '../shared/config';
import { httpHandler } from '../shared/http/handler';
import { json } from '../shared/http/responses';
import type { Clock, StoreRepository } from '../shared/ports';
import { storeRepository, systemClock } from '../shared/runtime/dependencies';
import { listStores } from '../shared/stores/store-admin';

/** GET /api/stores: the caller's stores with status. */
export const makeHandler = (deps: { stores: Pick<StoreRepository, 'listStoresOfUser'>; clock: Clock }) =>
  httpHandler('ListStores', async (event) => {
    const caller = callerOf(event);
    const answer: StoresResponse = { stores: await listStores(deps, caller), isAdmin: caller.isAdmin };
    return json(200, answer);
  });

export const handler = makeHandler({ stores: storeRepository(processEnvironment()), clock: systemClock });
