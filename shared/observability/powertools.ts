import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * The one Powertools setup: built once per execution environment. The service name (each function's own id) and
 * the log level come from the standard POWERTOOLS_* variables the function construct sets; the metrics namespace
 * is the product's. Never log events, bodies, codes, tokens or secrets.
 */
export const METRICS_NAMESPACE = 'MintHub';
export const logger = new Logger();

/**
 * Metrics' own notices go through the logger, except "no application metrics to publish": most reads publish
 * none, and that line on every invocation would be noise.
 */
const metricsNotices = {
  debug: (...content: unknown[]) => logger.debug(String(content[0])),
  info: (...content: unknown[]) => logger.info(String(content[0])),
  warn: (...content: unknown[]) => {
    const message = String(content[0]);
    if (!message.startsWith('No application metrics to publish')) logger.warn(message);
  },
  error: (...content: unknown[]) => logger.error(String(content[0])),
};
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, logger: metricsNotices });
export const tracer = new Tracer();
