import { App, Stack, Validations } from 'aws-cdk-lib';
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
