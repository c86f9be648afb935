import type { StageConfig } from '../lib/stage-config';

/**
 * The stages and their settings. None of these values is a secret: the LWA client secret lives in Secrets
 * Manager under `lwaClientSecretName`. Override any field at synth with `-c stage=<name> -c <field>=<value>`.
 */
export const STAGES: Record<string, StageConfig> = {
  dev: {
    stage: 'dev',
    region: 'us-east-1',
    appId: 'amzn1.sp.solution.00000000-0000-0000-0000-000000000000',
    lwaClientId: 'amzn1.application-oa2-client.00000000000000000000000000000000',
    lwaClientSecretName: 'mint-hub/dev/lwa-client-secret',
    appDraft: true,
    cognitoDomainPrefix: 'mint-hub-dev-ops',
    ordersApiVersion: '2026-01-01',
    adsClientId: 'amzn1.application-oa2-client.00000000000000000000000000000001',
    adsClientSecretName: 'mint-hub/dev/ads-client-secret',
    // The public page's authorize button stays "coming soon" until Amazon approves the app; set a contact
    // (contactEmail or contactUrl) before turning this on.
    integrationLive: false,
  },
  prod: {
    stage: 'prod',
    region: 'us-east-1',
    appId: 'amzn1.sp.solution.00000000-0000-0000-0000-000000000000',
    lwaClientId: 'amzn1.application-oa2-client.00000000000000000000000000000000',
    lwaClientSecretName: 'mint-hub/prod/lwa-client-secret',
    appDraft: false,
    cognitoDomainPrefix: 'mint-hub-ops',
    ordersApiVersion: '2026-01-01',
    adsClientId: 'amzn1.application-oa2-client.00000000000000000000000000000001',
    adsClientSecretName: 'mint-hub/prod/ads-client-secret',
    // The public page's authorize button stays "coming soon" until Amazon approves the app; set a contact
    // (contactEmail or contactUrl) before turning this on.
    integrationLive: false,
  },
};
