import { z } from 'zod';

/**
 * Per-stage settings, typed and validated at synth. None of them is a secret: the LWA client secret stays in
 * Secrets Manager and only its name is configured here.
 */
export const StageConfigSchema = z.object({
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
  /** Custom dashboard domain with an ACM certificate in us-east-1; required for TLS 1.2+ at CloudFront. */
  dashboardDomain: z
    .object({
      domainName: z.string().min(3),
      certificateArn: z.string().startsWith('arn:aws:acm:us-east-1:'),
    })
    .optional(),
  ordersApiVersion: z.enum(['2026-01-01', 'v0']),
  /** Where alarms are emailed; optional (alarms still exist and can be wired to a pager). */
  alarmEmail: z.email().optional(),
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
