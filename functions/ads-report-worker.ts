import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSRecord } from 'aws-lambda';
import {
  adsApi,
  adsReportQueue,
  scopedAdsAccessTokens,
  scopedAdsRepository,
} from '../shared/ads/ads-runtime';
import {
  parseAdsReportMessage,
  processAdsReportMessage,
  type ReportPipelineDependencies,
} from '../shared/ads/report-pipeline';
import { processEnvironment, readAdsReportPollSeconds } from '../shared/config';
import { sqsBatchHandler } from '../shared/observability/sqs-batch-handler';
import { logger, metrics } from '../shared/observability/powertools';
import { systemClock } from '../shared/runtime/dependencies';
import { scopedStoreRepository, storeScope } from '../shared/runtime/store-sessions';

/**
 * The report pipeline's consumer (SQS → Lambda, partial batch responses): requests, polls, downloads and stores
 * Ads reports one message at a time. A failed message comes back after the visibility timeout and, after the
 * queue's maxReceiveCount, lands in the DLQ (alarmed). Logs name the store and report, never a body or URL.
 */
export const makeHandler = (deps: ReportPipelineDependencies) => {
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    const message = parseAdsReportMessage(record.body);
    logger.appendKeys({ storeId: message.storeId, marketplaceId: message.marketplaceId });
    try {
      const outcome = await processAdsReportMessage(deps, message);
      logger.info('ads report message processed', { messageKind: message.kind, outcome });
      metrics.addMetric(`AdsReport_${outcome.kind}`, MetricUnit.Count, 1);
    } catch (error) {
      logger.error('ads report message failed; it will be delivered again', {
        messageId: record.messageId,
        kind: message.kind,
        errorName: (error as Error)?.name,
        errorMessage: (error as Error)?.message,
      });
      metrics.addMetric('AdsReportMessageFailed', MetricUnit.Count, 1);
      throw error;
    } finally {
      logger.removeKeys(['storeId', 'marketplaceId']);
    }
  };
  return sqsBatchHandler(recordHandler);
};

const env = processEnvironment();
// The store's profile is the gate's projected read (the function's role); its Ads items and Ads token only on the
// message's store session (purpose ADS).
const stores = scopedStoreRepository(env);
const adsStore = scopedAdsRepository(env);
export const handler = makeHandler({
  stores,
  adsStore,
  tokens: scopedAdsAccessTokens(env, { stores, adsStore }),
  scope: storeScope(env),
  api: adsApi(env),
  queue: adsReportQueue(env),
  clock: systemClock,
  pollSeconds: readAdsReportPollSeconds(env),
});
