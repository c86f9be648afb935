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
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE });
export const tracer = new Tracer();
