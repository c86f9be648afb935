import type { HttpEvent } from '../../../shared/http/handler';
import { json } from '../../../shared/http/responses';
import { storeRouteHandler, type StoreRequest } from '../../../shared/http/store-route';
import { captureOutput } from '../../support/captured-output';
import { lambdaContext } from '../revocation/fakes';

// What every route under /api/stores/{storeId} reads before its service runs: the verified caller, the store id
// and the request id; an unsigned request never reaches the route's logic.
const event = (claims: Record<string, string> | undefined, storeId?: string): HttpEvent =>
  ({
    rawPath: '/api/stores/x',
    pathParameters: storeId === undefined ? {} : { storeId },
    requestContext: {
      requestId: 'req-7',
      ...(claims === undefined ? {} : { authorizer: { jwt: { claims } } }),
    },
  }) as unknown as HttpEvent;

describe('storeRouteHandler', () => {
  captureOutput();
  const seen: StoreRequest[] = [];
  const handler = storeRouteHandler('TestStoreRoute', async (request) => {
    seen.push(request);
    return json(200, { ok: true });
  });
  beforeEach(() => {
    seen.length = 0;
  });

  it('hands the route the caller, the path’s store id and the request id', async () => {
    const answer = await handler(
      event({ sub: 'user-1', email: 'lin@minthub.local' }, 'A2LUMENCRAFT7Q-NA'),
      lambdaContext('TestStoreRoute', 3_000),
    );
    expect(answer.statusCode).toBe(200);
    expect(seen).toEqual([
      {
        caller: { userId: 'user-1', email: 'lin@minthub.local', isAdmin: false },
        storeId: 'A2LUMENCRAFT7Q-NA',
        requestId: 'req-7',
      },
    ]);
  });

  it('answers an empty store id when the path has none (the services refuse it as an unknown store)', async () => {
    await handler(event({ sub: 'user-1' }), lambdaContext('TestStoreRoute', 3_000));
    expect(seen.map((request) => request.storeId)).toEqual(['']);
  });

  it('refuses an unsigned request with 401 before the route runs', async () => {
    const answer = await handler(
      event(undefined, 'A2LUMENCRAFT7Q-NA'),
      lambdaContext('TestStoreRoute', 3_000),
    );
    expect(answer.statusCode).toBe(401);
    expect(seen).toEqual([]);
  });
});
