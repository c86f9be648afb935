import { callerOf } from '../shared/auth/caller';
import { processEnvironment } from '../shared/config';
import { answerDeadline } from '../shared/http/deadline';
import { httpHandler } from '../shared/http/handler';
import { queryParameter } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { storeDataService } from '../shared/runtime/dependencies';
import type { StoreDataService } from '../shared/store-data/store-data-service';

/** GET /api/stores/{storeId}/inventory?marketplaceId&reason */
export const makeHandler = (service: StoreDataService) =>
  httpHandler('GetInventory', async (event, context) =>
    json(
      200,
      await service.inventory(callerOf(event), {
        storeId: event.pathParameters?.['storeId'] ?? '',
        marketplaceId: queryParameter(event, 'marketplaceId', 20),
        reason: queryParameter(event, 'reason', 64),
        requestId: event.requestContext.requestId,
        deadlineMs: answerDeadline(context),
      }),
    ),
  );

export const handler = makeHandler(storeDataService(processEnvironment()));
