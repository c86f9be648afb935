import { createHash } from 'node:crypto';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { ADS_REPORT_QUEUE_DEFINITION } from '../../shared/ads/report-queue-definition';
import { ENV } from '../../shared/config/settings';
import { ensureQueue, queueArnOf } from '../emulators/bootstrap';
import type { AmazonSandbox } from '../sandbox';
import type { EnvironmentMap } from './environment';
import type { LocalApp } from './local-app';

type Environment = Readonly<Record<string, string | undefined>>;
const SECONDS_PER_DAY = 86_400;

/** The local Amazon Ads security profile: the shell's MINT_HUB_ADS_CLIENT_ID/_SECRET, or one derived from the app. */
export function localAdsApp(env: Environment, app: LocalApp): { clientId: string; clientSecret: string } {
  const clientId = env[ENV.adsClientId]?.trim() || 'amzn1.application-oa2-client.mint-hub-local-ads';
  const clientSecret =
    env[ENV.adsClientSecret]?.trim() ||
    createHash('sha256').update(`ads:${app.clientSecret}`).digest('base64url');
  return { clientId, clientSecret };
}

/** `{prefix}-ads-reports` (redriving to `{prefix}-ads-reports-dlq`), from the stack's definition. */
export async function ensureAdsReportQueues(
  client: SQSClient,
  prefix: string,
): Promise<{ queueUrl: string; queueArn: string; deadLetterQueueUrl: string }> {
  const deadLetterQueueUrl = await ensureQueue(client, `${prefix}-ads-reports-dlq`, {
    MessageRetentionPeriod: String(ADS_REPORT_QUEUE_DEFINITION.deadLetterRetentionDays * SECONDS_PER_DAY),
  });
  const queueUrl = await ensureQueue(client, `${prefix}-ads-reports`, {
    VisibilityTimeout: String(ADS_REPORT_QUEUE_DEFINITION.visibilityTimeoutSeconds),
    MessageRetentionPeriod: String(ADS_REPORT_QUEUE_DEFINITION.retentionDays * SECONDS_PER_DAY),
    RedrivePolicy: JSON.stringify({
      deadLetterTargetArn: await queueArnOf(client, deadLetterQueueUrl),
      maxReceiveCount: ADS_REPORT_QUEUE_DEFINITION.maxReceiveCount,
    }),
  });
  return { queueUrl, queueArn: await queueArnOf(client, queueUrl), deadLetterQueueUrl };
}

/**
 * The Ads settings of the local handlers: the Ads stand-in of the sandbox for every endpoint the shell left unset,
 * the local security profile, the local report queue, and short report polls (the sandbox's clock can be advanced).
 */
export function adsEnvironment(input: {
  incoming: Environment;
  sandbox: AmazonSandbox | undefined;
  adsApp: { clientId: string; clientSecret: string };
  reportQueueUrl: string;
}): EnvironmentMap {
  const settings: EnvironmentMap = {
    [ENV.adsClientId]: input.adsApp.clientId,
    [ENV.adsClientSecret]: input.adsApp.clientSecret,
    [ENV.adsReportQueueUrl]: input.reportQueueUrl,
    [ENV.adsReportPollSeconds]: input.incoming[ENV.adsReportPollSeconds]?.trim() || '2',
  };
  const ads = input.sandbox?.endpoints.ads;
  const endpoints: Array<[string, string | undefined]> = [
    [ENV.adsConsentUrl, ads?.consent],
    [ENV.adsAuthUrl, ads?.token],
    [ENV.adsApiUrlNA, ads?.api.NA],
    [ENV.adsApiUrlEU, ads?.api.EU],
    [ENV.adsApiUrlFE, ads?.api.FE],
  ];
  for (const [name, fromSandbox] of endpoints) {
    const value = input.incoming[name]?.trim() || fromSandbox;
    if (value !== undefined && value !== '') settings[name] = value;
  }
  return settings;
}

/** Writes the Ads settings into `target` and answers the function that puts back what was there. */
export function applyAdsEnvironment(target: NodeJS.ProcessEnv, settings: EnvironmentMap): () => void {
  const previous = new Map(Object.keys(settings).map((name) => [name, target[name]]));
  Object.assign(target, settings);
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete target[name];
      else target[name] = value;
    }
  };
}
