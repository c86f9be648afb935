import { Stack, Validations } from 'aws-cdk-lib';
import { HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import type { IConstruct } from 'constructs';
import { ROUTES } from '../shared/api/routes';
import { MintHubFunction } from './mint-hub-function';

/**
 * Every cdk-nag finding we accept, each on the narrowest construct and finding id, with the reason a security
 * reviewer can check. Anything not listed here fails synth and the infra tests.
 */
export function acknowledgeNagFindings(stack: Stack, options: { customDashboardDomain: boolean }): void {
  const publicPaths = new Set<string>(
    ROUTES.filter((route) => route.auth === 'public').map(
      (route) => `${route.method}${route.path.replaceAll('/', '--')}`,
    ),
  );

  for (const construct of stack.node.findAll()) {
    if (construct instanceof MintHubFunction) {
      acknowledge(
        construct.role ?? construct,
        'AwsSolutions-IAM5[Resource::*]',
        'Only xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) are on "*": X-Ray has no resource-level permissions. test/infra proves no other action is granted on "*".',
      );
      acknowledge(
        construct.role ?? construct,
        `AwsSolutions-IAM5[Resource::<${logicalIdOf(stack, construct, 'Logs')}.Arn>:log-stream:*]`,
        "The function writes to log streams Lambda creates at run time, inside the function's own log group only.",
      );
      acknowledge(
        construct.role ?? construct,
        `AwsSolutions-IAM5[Resource::<${logicalIdOf(stack, stack.node.findChild('AuditTrail').node.findChild('AccessLog'))}.Arn>:log-stream:*]`,
        'Audit records go to one log stream per execution environment, created at run time, inside the dedicated audit log group only.',
      );
    }
    if (construct instanceof HttpRoute && publicPaths.has(construct.node.id)) {
      acknowledge(
        construct,
        'AwsSolutions-APIG4',
        "Public by design: Amazon sends the seller's browser to the Login URI and OAuth redirect URI without our credentials (the handlers validate the single-use OAuth state); /healthz reveals nothing.",
      );
    }
    if (construct instanceof Distribution) {
      // AwsSolutions-CFR2 (WAF integration) is met: the EdgeFirewall web ACL rate limits /api/ and /auth/.
      acknowledge(
        construct,
        'AwsSolutions-CFR1',
        'No geo restriction on purpose: sellers and their ops teams work from many countries (CN, US, EU, JP) and Amazon sends sellers from every marketplace to the OAuth callbacks. The distribution serves the dashboard and the API: the API paths need a Cognito access token (JWT authorizer with the API scope) except the OAuth callbacks, which check a single-use state, and the WAF web ACL rate limits /api/ and /auth/ per caller and per IP.',
      );
      acknowledge(
        construct,
        'AwsSolutions-CFR3',
        'Access logging uses CloudFront standard logging v2 (AWS::Logs::Delivery to the log bucket) with chosen fields, so query strings (OAuth codes and states), cookies and referers are never logged; cdk-nag only recognises the legacy logging property.',
      );
      if (!options.customDashboardDomain) {
        acknowledge(
          construct,
          'AwsSolutions-CFR4',
          'Stages without dashboardDomain use the default *.cloudfront.net certificate, whose policy CloudFront fixes at TLSv1; set dashboardDomain (README, Configuration) to enforce TLSv1.2_2021 in production. It also brings the API origin domain that lets the execute-api endpoint be disabled.',
        );
        acknowledge(
          construct,
          'Annotation::@aws-cdk/aws-cloudfront:minimumProtocolVersionWithoutCertificate',
          'Same as AwsSolutions-CFR4: applies once dashboardDomain is configured.',
        );
      }
    }
    if (construct.node.id.startsWith('Custom::CDKBucketDeployment')) {
      const reason =
        'CDK-managed BucketDeployment provider that copies the built dashboard from the CDK asset bucket to the site bucket at deploy time; its runtime and policies are set by aws-cdk-lib, scoped to those two buckets.';
      for (const id of [
        'AwsSolutions-L1',
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'AwsSolutions-IAM5[Action::s3:GetObject*]',
        'AwsSolutions-IAM5[Action::s3:GetBucket*]',
        'AwsSolutions-IAM5[Action::s3:List*]',
        'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
        'AwsSolutions-IAM5[Action::s3:Abort*]',
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${stack.region}/*]`,
        `AwsSolutions-IAM5[Resource::arn:aws:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${stack.region}/*]`,
        `AwsSolutions-IAM5[Resource::<${logicalIdOf(stack, stack.node.findChild('DashboardSite').node.findChild('Assets'))}.Arn>/*]`,
      ]) {
        acknowledge(construct, id, reason);
      }
      acknowledge(
        construct,
        'AwsSolutions-IAM5[Resource::*]',
        'Only cloudfront:CreateInvalidation and cloudfront:GetInvalidation, which the CDK BucketDeployment provider grants on "*" to invalidate the dashboard distribution after a deploy.',
      );
    }
  }
}

function acknowledge(construct: IConstruct, id: string, reason: string): void {
  Validations.of(construct).acknowledge({ id, reason });
}

function logicalIdOf(stack: Stack, construct: IConstruct, siblingSuffix?: string): string {
  const target =
    siblingSuffix === undefined
      ? construct
      : construct.node.scope?.node.findChild(`${construct.node.id}${siblingSuffix}`);
  if (target === undefined) throw new Error(`no construct for ${construct.node.path}${siblingSuffix ?? ''}`);
  const child = target.node.defaultChild ?? target;
  return stack.getLogicalId(child as never);
}
