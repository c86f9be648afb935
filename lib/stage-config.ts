import { z } from 'zod';
import { DATASETS } from '../shared/config/dataset-settings';

const DNS_NAME = z
  .string()
  .regex(/^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a lower-case DNS name');

/**
 * Per-stage settings, typed and validated at synth. None of them is a secret: the LWA client secret stays in
 * Secrets Manager and only its name is configured here.
 */
const PLACEHOLDER_APP_ID = /^amzn1\.sp\.solution\.0{8}-0{4}-0{4}-0{4}-0{12}$/;
const PLACEHOLDER_CLIENT_ID = /^amzn1\.application-oa2-client\.0+$/;

export const StageConfigSchema = z
  .object({
    stage: z.string().regex(/^[a-z][a-z0-9-]{1,20}$/, 'lower-case letters, digits and dashes'),
    account: z
      .string()
      .regex(/^\d{12}$/)
      .optional(),
    region: z.string().regex(/^[a-z]{2}-[a-z]+-\d$/),
    /** SP-API application id (amzn1.sp.solution.…) from Developer Central. */
    appId: z.string().min(1),
    /** LWA client identifier (amzn1.application-oa2-client.…); not secret. */
    lwaClientId: z.string().min(1),
    /** Name of the Secrets Manager secret holding the LWA client secret (a plain string secret). */
    lwaClientSecretName: z.string().min(1),
    /** A draft (unpublished) app needs `version=beta` in consent URLs. */
    appDraft: z.boolean(),
    /** Prefix of the Cognito hosted domain `{prefix}.auth.{region}.amazoncognito.com`; globally unique. */
    cognitoDomainPrefix: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/),
    /**
     * Custom dashboard domain with an ACM certificate in us-east-1; required for TLS 1.2+ at CloudFront. It brings
     * the API's own origin domain (`apiOrigin`): with it the HTTP API's default execute-api endpoint is disabled, so
     * CloudFront (its TLS policy, WAF rate limits and response headers) cannot be bypassed.
     */
    dashboardDomain: z
      .object({
        domainName: z.string().min(3),
        certificateArn: z.string().startsWith('arn:aws:acm:us-east-1:'),
        /**
         * The HTTP API's regional custom domain, which CloudFront uses as the API origin (e.g.
         * `api-origin.ops.example.com`). Browsers never use it; it must not be the dashboard's domain.
         */
        apiOrigin: z.object({
          domainName: DNS_NAME,
          /** Regional ACM certificate in the stage's region covering `domainName` (the dashboard's may, as a SAN). */
          certificateArn: z
            .string()
            .regex(
              /^arn:aws:acm:[a-z]{2}-[a-z]+-\d:\d{12}:certificate\/[A-Za-z0-9-]+$/,
              'an ACM certificate ARN',
            ),
          /**
           * A Route 53 public hosted zone that holds `domainName`: the alias record is then created by the stack.
           * Without it, point a CNAME from `domainName` to the `ApiOriginDnsTarget` output before traffic arrives.
           */
          hostedZone: z
            .object({ hostedZoneId: z.string().regex(/^Z[A-Z0-9]{1,32}$/), zoneName: DNS_NAME })
            .optional(),
        }),
      })
      .optional(),
    ordersApiVersion: z.enum(['2026-01-01', 'v0']),
    /** Where alarms are emailed; optional (alarms still exist and can be wired to a pager). */
    alarmEmail: z.email().optional(),
    /**
     * The live datasets, declared to Amazon: the functions' `MINT_HUB_DATASETS` and the roles the public page
     * lists. A list or a comma-separated string (`-c datasets=inventory,orders`). @default all of them
     */
    datasets: z
      .preprocess(
        (value) => (typeof value === 'string' ? value.split(',').map((name) => name.trim()) : value),
        z.array(z.enum(DATASETS)).min(1),
      )
      .optional(),
    /**
     * The SP-API integration is live (approved by Amazon, ready for sellers): the public page's "Authorize with
     * Amazon" button is enabled. @default false (the button says "coming soon")
     */
    integrationLive: z.boolean().optional(),
    /** The Amazon Ads security profile's LWA client id (amzn1.application-oa2-client.…); not secret. */
    adsClientId: z.string().min(1),
    /** Name of the Secrets Manager secret holding the Ads client secret (a second plain string secret). */
    adsClientSecretName: z.string().min(1),
    /** The contact the public pages link to (privacy requests, the access log); one is required once live. */
    contactEmail: z.email().optional(),
    contactUrl: z.url({ protocol: /^https$/ }).optional(),
  })
  .superRefine((config, ctx) => {
    if (config.integrationLive && config.contactEmail === undefined && config.contactUrl === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['contactEmail'],
        message:
          'is required (or contactUrl) once integrationLive is true: the public pages must name a contact',
      });
    }
    // A live (non-draft) app is registered with Amazon: the all-zero placeholders of bin/stages.ts cannot work.
    if (!config.appDraft) {
      if (PLACEHOLDER_APP_ID.test(config.appId))
        ctx.addIssue({
          code: 'custom',
          path: ['appId'],
          message: 'is a placeholder: set the real application id',
        });
      if (PLACEHOLDER_CLIENT_ID.test(config.lwaClientId))
        ctx.addIssue({
          code: 'custom',
          path: ['lwaClientId'],
          message: 'is a placeholder: set the real LWA client id',
        });
    }
    const apiOrigin = config.dashboardDomain?.apiOrigin;
    if (apiOrigin === undefined) return;
    const path = ['dashboardDomain', 'apiOrigin'];
    // API Gateway takes a regional custom domain's certificate from its own region only.
    if (apiOrigin.certificateArn.split(':')[3] !== config.region) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'certificateArn'],
        message: `must be an ACM certificate in the stage's region (${config.region})`,
      });
    }
    if (apiOrigin.domainName === config.dashboardDomain?.domainName.toLowerCase()) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'domainName'],
        message: "must differ from the dashboard's domain (that name points at CloudFront)",
      });
    }
    const zone = apiOrigin.hostedZone?.zoneName.replace(/\.$/, '');
    if (zone !== undefined && apiOrigin.domainName !== zone && !apiOrigin.domainName.endsWith(`.${zone}`)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'hostedZone', 'zoneName'],
        message: `must be the zone that holds ${apiOrigin.domainName}`,
      });
    }
  });

export type StageConfig = z.infer<typeof StageConfigSchema>;

export function parseStageConfig(input: unknown): StageConfig {
  const result = StageConfigSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new Error(`Invalid stage configuration:\n  ${problems.join('\n  ')}`);
  }
  return result.data;
}

/**
 * `-c field=value` overrides for any field of the schema, including those a stage leaves unset (alarmEmail,
 * dashboardDomain, account); `true`/`false` and JSON objects are parsed.
 */
export function stageOverrides(readContext: (key: string) => unknown): Partial<Record<string, unknown>> {
  return Object.fromEntries(
    Object.keys(StageConfigSchema.shape)
      .filter((key) => key !== 'stage')
      .map((key) => [key, readContext(key)] as const)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [
        key,
        typeof value === 'string' && /^(true|false|\{.*\})$/s.test(value) ? JSON.parse(value) : value,
      ]),
  );
}
