import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { logger } from '../observability/powertools';
import { toErrorResponse } from './responses';

export type HttpEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: {
      jwt?: { claims: Record<string, string | number | boolean | string[]>; scopes?: string[] | null };
    };
  };
};
export type HttpResult = APIGatewayProxyStructuredResultV2;
export type HttpHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/**
 * Wraps a route's logic with the edge concerns every route shares: request-scoped log keys (never the event
 * itself), and the mapping of any error to the JSON error contract.
 */
export function httpHandler(route: string, logic: HttpHandler) {
  return middy<HttpEvent, HttpResult>().handler(async (event, context) => {
    logger.addContext(context);
    logger.appendKeys({ route, requestId: event.requestContext.requestId });
    try {
      return await logic(event, context);
    } catch (error) {
      const response = toErrorResponse(error);
      if (response.statusCode !== undefined && response.statusCode >= 500 && response.statusCode !== 501) {
        // The error object may carry SDK metadata but never request bodies; its name and message say enough.
        logger.error('request failed', {
          errorName: (error as Error)?.name,
          errorMessage: (error as Error)?.message,
        });
      }
      return response;
    } finally {
      logger.resetKeys();
    }
  });
}
