import { callerOf, type Caller } from '../auth/caller';
import { httpHandler, type HttpEvent, type HttpResult } from './handler';

/** What every route under `/api/stores/{storeId}` reads from its event before it calls its service. */
export interface StoreRequest {
  readonly caller: Caller;
  /** The path's `storeId`; `''` when absent, which the services refuse as an unknown store. */
  readonly storeId: string;
  readonly requestId: string;
}

/**
 * A route under `/api/stores/{storeId}` ({@link httpHandler}): `answer` gets the verified caller (an unsigned
 * request is refused before anything else is read), the store id and the request id, and the event for the rest
 * (a body, another path parameter).
 */
export const storeRouteHandler = (
  route: string,
  answer: (request: StoreRequest, event: HttpEvent) => Promise<HttpResult>,
) =>
  httpHandler(route, (event) =>
    answer(
      {
        caller: callerOf(event),
        storeId: event.pathParameters?.['storeId'] ?? '',
        requestId: event.requestContext.requestId,
      },
      event,
    ),
  );
