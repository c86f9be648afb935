import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { ServiceUnavailable } from '../errors';
import { instrumented } from '../observability/instrumented';
import { logger, metrics } from '../observability/powertools';
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
 * Wraps a route's logic with the edge concerns every route shares: Powertools (context, cold starts, traces),
 * request-scoped log keys (never the event itself), and the mapping of any error to the JSON error contract.
 */
export function httpHandler(route: string, logic: HttpHandler) {
  return instrumented<HttpEvent, HttpResult>(async (event, context) => {
    logger.appendKeys({ route, requestId: event.requestContext.requestId });
    try {
      return await logic(event, context);
    } catch (error) {
      if (error instanceof ServiceUnavailable && error.fault === 'configuration') {
        // Ours to fix (a permission, key, table, secret or client secret): counted for the operators' alarm.
        metrics.addMetric('ConfigurationFault', MetricUnit.Count, 1);
      }
      const response = toErrorResponse(error);
      if (response.statusCode !== undefined && response.statusCode >= 500 && response.statusCode !== 501) {
        // The error object may carry SDK metadata but never request bodies; its name and message say enough.
        const cause = (error as { cause?: Error })?.cause;
        logger.error('request failed', {
          errorName: (error as Error)?.name,
          errorMessage: (error as Error)?.message,
          ...(error instanceof ServiceUnavailable
            ? { service: error.service, fault: error.fault, causeName: cause?.name }
            : {}),
        });
      }
      return response;
    }
  });
}
