import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * The one Powertools setup: built once per execution environment. Service name and log level come from the
 * standard POWERTOOLS_* variables the function construct sets. Never log events, bodies, codes, tokens or secrets.
 */
export const logger = new Logger({ serviceName: 'mint-hub' });
export const metrics = new Metrics({ namespace: 'MintHub', serviceName: 'mint-hub' });
export const tracer = new Tracer({ serviceName: 'mint-hub' });
