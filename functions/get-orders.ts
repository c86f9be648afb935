import { callerOf } from '../shared/auth/caller';
import { processEnvironment } from '../shared/config';
import { answerDeadline } from '../shared/http/deadline';
import { httpHandler } from '../shared/http/handler';
import { queryParameter } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { storeDataService } from '../shared/runtime/dependencies';
import type { StoreDataService } from '../shared/store-data/store-data-service';

/** GET /api/stores/{storeId}/orders?marketplaceId&days&reason */
export const makeHandler = (service: StoreDataService) =>
  httpHandler('GetOrders', async (event, context) =>
    json(
      200,
      await service.orders(callerOf(event), {
        storeId: event.pathParameters?.['storeId'] ?? '',
        marketplaceId: queryParameter(event, 'marketplaceId', 20),
        days: queryParameter(event, 'days', 4),
        reason: queryParameter(event, 'reason', 64),
        requestId: event.requestContext.requestId,
        deadlineMs: answerDeadline(context),
      }),
    ),
  );

export const handler = makeHandler(storeDataService(processEnvironment()));
