import { App, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { STAGES } from '../../bin/stages';
import { MintHubStack } from '../../lib/mint-hub-stack';
import { parseStageConfig, type StageConfig } from '../../lib/stage-config';

const root = path.join(__dirname, '..', '..');
// A stand-in for dashboard/dist so the stack's tests do not depend on the dashboard build.
const dashboardFixture = path.join(__dirname, 'fixtures', 'dashboard');
// The feature flags of cdk.json, so tests synthesize what `cdk synth` synthesizes.
const cdkContext = JSON.parse(fs.readFileSync(path.join(root, 'cdk.json'), 'utf8')).context as Record<
  string,
  unknown
>;

/** A stage with its own dashboard domain and, with it, the API's origin domain (no Route 53 zone). */
export const WITH_DOMAIN = {
  domainName: 'ops.example.com',
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
  apiOrigin: {
    domainName: 'api-origin.ops.example.com',
    certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/def',
  },
} as const satisfies StageConfig['dashboardDomain'];

export interface Synthesized {
  stack: MintHubStack;
  template: Template;
}

/**
 * Synthesizes the stack of a stage. Bundling is skipped (context `aws:cdk:bundling-stacks: []`) because these
 * tests are about wiring; test/infra/bundling.test.ts bundles once to prove esbuild works offline.
 */
export function synthesize(
  overrides: Partial<StageConfig> = {},
  options: { bundle?: boolean; outdir?: string } = {},
): Synthesized {
  const app = new App({
    context: { ...cdkContext, ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
    ...(options.outdir ? { outdir: options.outdir } : {}),
  });
  const base = STAGES['dev'];
  if (base === undefined) throw new Error('dev stage missing');
  const stack = new MintHubStack(app, 'MintHub-test', {
    config: parseStageConfig({ ...base, ...overrides }),
    dashboardAssetsPath: dashboardFixture,
    env: { region: 'us-east-1' },
  });
  return { stack, template: Template.fromStack(stack) };
}

/** Runs the cdk-nag AwsSolutions pack the way `bin/` does; a finding makes synth throw. */
export function synthesizeWithNag(
  overrides: Partial<StageConfig> = {},
  outdir: string,
): { app: App; stack: Stack } {
  const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] }, outdir });
  const base = STAGES['dev'];
  if (base === undefined) throw new Error('dev stage missing');
  const stack = new MintHubStack(app, 'MintHub-nag', {
    config: parseStageConfig({ ...base, ...overrides }),
    dashboardAssetsPath: dashboardFixture,
    env: { region: 'us-east-1' },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

type Resource = {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};

export function resourcesOfType(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

/** The logical id of the Lambda function that serves a handler module (by its construct path). */
export function functionLogicalId(synth: Synthesized, constructId: string): string {
  const fn = synth.stack.node
    .findAll()
    .find(
      (c) =>
        c.node.id === constructId &&
        c.node.defaultChild !== undefined &&
        (c.node.defaultChild as { cfnResourceType?: string }).cfnResourceType === 'AWS::Lambda::Function',
    );
  if (fn === undefined) throw new Error(`no function ${constructId}`);
  return synth.stack.getLogicalId(fn.node.defaultChild as never);
}

/** Every IAM statement attached to the role of a function, flattened. */
export function statementsOfFunction(
  synth: Synthesized,
  functionLogical: string,
): Array<{ Action: string | string[]; Resource: unknown; Condition?: unknown; Effect: string }> {
  const fn = synth.template.toJSON().Resources[functionLogical] as Resource;
  const roleRef = (fn.Properties?.['Role'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const policies = resourcesOfType(synth.template, 'AWS::IAM::Policy');
  const statements: Array<{
    Action: string | string[];
    Resource: unknown;
    Condition?: unknown;
    Effect: string;
  }> = [];
  for (const policy of Object.values(policies)) {
    const roles = (policy.Properties?.['Roles'] as Array<{ Ref: string }>).map((r) => r.Ref);
    if (!roles.includes(roleRef)) continue;
    const document = policy.Properties?.['PolicyDocument'] as { Statement: never[] };
    statements.push(...document.Statement);
  }
  return statements;
}

export const actionsOf = (statement: { Action: string | string[] }): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

export const refersTo = (value: unknown, logicalId: string): boolean =>
  JSON.stringify(value).includes(`"${logicalId}"`);

/** The logical id of a construct's CloudFormation resource in a synthesized stack. */
export const logicalIdIn = (synth: Synthesized, element: { node: { defaultChild?: unknown } }): string =>
  synth.stack.getLogicalId(element.node.defaultChild as CfnElement);

/** The HTTP API's route with this key (`GET /api/overview`), if the stack has one. */
export const routeOf = (synth: Synthesized, routeKey: string): Resource | undefined =>
  Object.values(resourcesOfType(synth.template, 'AWS::ApiGatewayV2::Route')).find(
    (route) => route.Properties?.['RouteKey'] === routeKey,
  );

/** The integration a route targets (`integrations/<id>`), whose `IntegrationUri` names the function. */
export function integrationOf(
  synth: Synthesized,
  route: Resource | undefined,
): { Properties: { IntegrationUri: unknown } } {
  const integrationId = (
    (route?.Properties?.['Target'] as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1][1] as {
      Ref: string;
    }
  ).Ref;
  return synth.template.toJSON().Resources[integrationId];
}

/** The environment variables the stack gives a function (by its construct id). */
export function environmentOf(synth: Synthesized, constructId: string): Record<string, unknown> {
  const fn = synth.template.toJSON().Resources[functionLogicalId(synth, constructId)] as {
    Properties: { Environment?: { Variables?: Record<string, unknown> } };
  };
  return fn.Properties.Environment?.Variables ?? {};
}

/** The CloudFront distribution's configuration (the stack has one distribution). */
export const distributionConfigOf = <T>(synth: Synthesized): T =>
  Object.values(resourcesOfType(synth.template, 'AWS::CloudFront::Distribution'))[0]?.Properties?.[
    'DistributionConfig'
  ] as T;

/**
 * A function's grants as the least-privilege tests read them: every action, its table actions (unique, sorted),
 * whether it may write the access-audit log group, and what it may do with the refresh-token key.
 */
export function grantsOf(synth: Synthesized, constructId: string) {
  const statements = statementsOfFunction(synth, functionLogicalId(synth, constructId));
  const actions = statements.flatMap(actionsOf);
  const auditLog = logicalIdIn(synth, synth.stack.audit.logGroup);
  const tokenKey = logicalIdIn(synth, synth.stack.vault.tokenKey);
  return {
    statements,
    actions,
    tableActions: [...new Set(actions.filter((action) => action.startsWith('dynamodb:')))].sort(),
    writesAuditLog: statements.some(
      (s) => refersTo(s.Resource, auditLog) && actionsOf(s).includes('logs:PutLogEvents'),
    ),
    tokenKeyActions: statements.filter((s) => refersTo(s.Resource, tokenKey)).flatMap(actionsOf),
  };
}
