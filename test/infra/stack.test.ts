import { Match } from 'aws-cdk-lib/assertions';
import { BACKGROUND_FUNCTIONS, ROUTES } from '../../shared/api/routes';
import { AMAZON_NOTIFICATIONS_ACCOUNT } from '../../lib/revocation';
import { API_SCOPE } from '../../shared/auth/api-scope';
import { ENV } from '../../shared/config/settings';
import {
  actionsOf,
  environmentOf,
  functionLogicalId,
  grantsOf,
  integrationOf,
  logicalIdIn,
  refersTo,
  resourcesOfType,
  routeOf,
  statementsOfFunction,
  synthesize,
  WITH_DOMAIN,
  type Synthesized,
} from './synth-fixture';

let synth: Synthesized;
const logicalId = (element: { node: { defaultChild?: unknown } }) => logicalIdIn(synth, element);
/** The logical id of the construct at a path below the stack, e.g. `DashboardSite/SecurityHeaders`. */
const logicalIdOfPath = (constructPath: string) =>
  logicalId(
    synth.stack.node.findChild(constructPath.split('/')[0]!).node.findChild(constructPath.split('/')[1]!),
  );

beforeAll(() => {
  synth = synthesize();
});

describe('routes (one manifest, each route to its own function)', () => {
  it.each(ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s is wired to its function and authorizer',
    (routeKey, route) => {
      const routes = resourcesOfType(synth.template, 'AWS::ApiGatewayV2::Route');
      const matching = Object.values(routes).filter((r) => r.Properties?.['RouteKey'] === routeKey);
      expect(matching).toHaveLength(1);
      const props = matching[0]?.Properties ?? {};
      expect(props['AuthorizationType']).toBe(route.auth === 'jwt' ? 'JWT' : 'NONE');

      const integrationId = (
        (props['Target'] as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1][1] as { Ref: string }
      ).Ref;
      const integration = synth.template.toJSON().Resources[integrationId];
      expect(refersTo(integration.Properties.IntegrationUri, functionLogicalId(synth, route.id))).toBe(true);
    },
  );

  it('has no route that is not in the manifest', () => {
    const routes = resourcesOfType(synth.template, 'AWS::ApiGatewayV2::Route');
    const keys = Object.values(routes).map((r) => r.Properties?.['RouteKey']);
    expect(keys.sort()).toEqual(ROUTES.map((route) => `${route.method} ${route.path}`).sort());
  });

  it('uses a Cognito JWT authorizer whose audience is the dashboard client', () => {
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [{ Ref: logicalId(synth.stack.operators.dashboardClient) }] },
    });
  });

  it('logs API access without paths or query strings (OAuth codes travel there)', () => {
    const stages = resourcesOfType(synth.template, 'AWS::ApiGatewayV2::Stage');
    const format = String(
      (Object.values(stages)[0]?.Properties?.['AccessLogSettings'] as { Format: string }).Format,
    );
    expect(format).toContain('$context.routeKey');
    expect(format).not.toMatch(/\$context\.(path|querystring)|rawQueryString/);
  });

  it('configures no CORS: browsers reach the API through the dashboard origin', () => {
    const api = Object.values(resourcesOfType(synth.template, 'AWS::ApiGatewayV2::Api'))[0];
    expect(api?.Properties?.['CorsConfiguration']).toBeUndefined();
  });
});

describe('access tokens only: the API scope on every /api route', () => {
  const routes = () =>
    Object.values(resourcesOfType(synth.template, 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties ?? {});

  it('puts every /api route behind the JWT authorizer with exactly the API scope', () => {
    const api = routes().filter((r) => String(r['RouteKey']).split(' ')[1]?.startsWith('/api/'));
    expect(api).toHaveLength(ROUTES.filter((route) => route.path.startsWith('/api/')).length);
    for (const route of api) {
      expect(route).toMatchObject({ AuthorizationType: 'JWT', AuthorizationScopes: [API_SCOPE] });
    }
  });

  it('requires the scope wherever the authorizer is used, and nowhere else', () => {
    const byKey = (rows: unknown[][]) => rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    const actual = routes().map((r) => [r['RouteKey'], r['AuthorizationType'], r['AuthorizationScopes']]);
    const expected = ROUTES.map((route) => [
      `${route.method} ${route.path}`,
      route.auth === 'jwt' ? 'JWT' : 'NONE',
      route.auth === 'jwt' ? [API_SCOPE] : undefined,
    ]);
    expect(byKey(actual)).toEqual(byKey(expected));
    expect(
      ROUTES.filter((route) => route.auth === 'jwt').every((route) => route.path.startsWith('/api/')),
    ).toBe(true);
  });

  it('declares the scope on a resource server of the operators pool and allows it to the dashboard client', () => {
    const [identifier, scopeName] = API_SCOPE.split('/');
    const serverId = logicalId(synth.stack.operators.apiResourceServer);
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: identifier,
      UserPoolId: { Ref: logicalId(synth.stack.operators.userPool) },
      Scopes: [Match.objectLike({ ScopeName: scopeName })],
    });
    const client = synth.template.toJSON().Resources[logicalId(synth.stack.operators.dashboardClient)];
    const scopes = client.Properties.AllowedOAuthScopes as unknown[];
    expect(scopes).toEqual(
      expect.arrayContaining([
        'openid',
        'email',
        'profile',
        { 'Fn::Join': ['', [{ Ref: serverId }, `/${scopeName}`]] },
      ]),
    );
    // The self-service Cognito API scope is not what authorizes our API; it stays off the dashboard client.
    expect(scopes).not.toContain('aws.cognito.signin.user.admin');
  });
});

describe('store members (directory lookups with operators:read)', () => {
  const ids = [...ROUTES.map((r) => r.id), ...BACKGROUND_FUNCTIONS.map((f) => f.id)];
  const capabilitiesOf = (id: string): readonly string[] =>
    [...ROUTES, ...BACKGROUND_FUNCTIONS].find((definition) => definition.id === id)?.capabilities ?? [];
  const directoryReaders = ids.filter((id) => capabilitiesOf(id).includes('operators:read'));
  const poolArn = () => ({ 'Fn::GetAtt': [logicalId(synth.stack.operators.userPool), 'Arn'] });

  it.each([
    ['GET /api/stores/{storeId}/members', 'ListStoreMembers'],
    ['POST /api/stores/{storeId}/members', 'AddStoreMember'],
    ['DELETE /api/stores/{storeId}/members/{userId}', 'RemoveStoreMember'],
  ])('serves %s from %s behind the JWT authorizer', (routeKey, id) => {
    const route = routeOf(synth, routeKey);
    expect(route?.Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizationScopes: [API_SCOPE] });
    expect(
      refersTo(integrationOf(synth, route).Properties.IntegrationUri, functionLogicalId(synth, id)),
    ).toBe(true);
  });

  it('gives operators:read to the members lookups only (the manifest)', () => {
    // With the access log (names in "Who") and the admin store list (members' names).
    expect(directoryReaders.sort()).toEqual([
      'AddStoreMember',
      'GetStoreAudit',
      'ListAdminStores',
      'ListStoreMembers',
    ]);
  });

  it.each(ids)(
    'lets %s call cognito-idp:ListUsers on the operators pool exactly when it has operators:read',
    (id) => {
      const statements = statementsOfFunction(synth, functionLogicalId(synth, id)).filter((s) =>
        actionsOf(s).some((action) => action.startsWith('cognito-idp:')),
      );
      const reads = directoryReaders.includes(id);
      const pool = { Ref: logicalId(synth.stack.operators.userPool) };

      expect(statements).toEqual(
        reads ? [{ Effect: 'Allow', Action: 'cognito-idp:ListUsers', Resource: poolArn() }] : [],
      );
      expect(environmentOf(synth, id)[ENV.userPoolId]).toEqual(reads ? pool : undefined);
    },
  );

  it.each([
    ['ListStoreMembers', ['dynamodb:GetItem', 'dynamodb:Query']],
    ['AddStoreMember', ['dynamodb:GetItem', 'dynamodb:Query']],
    ['RemoveStoreMember', ['dynamodb:GetItem', 'dynamodb:Query']],
    // The gate's reads only; the store's items through a store session (test/infra/store-access.test.ts).
  ])('grants %s its table actions, the audit log group, and no key, queue or secret', (id, tableActions) => {
    const grants = grantsOf(synth, id);
    expect(grants.tableActions).toEqual(tableActions);
    expect(grants.writesAuditLog).toBe(true);
    expect(grants.actions.filter((a) => /^(sqs|secretsmanager):/.test(a))).toEqual([]);
    expect(grants.tokenKeyActions).toEqual([]);
  });
});

describe('restock settings (members read, owners write)', () => {
  it.each([
    ['GET /api/stores/{storeId}/restock-settings', 'GetRestockSettings'],
    ['PUT /api/stores/{storeId}/restock-settings', 'PutRestockSettings'],
  ])('serves %s from %s behind the JWT authorizer with the API scope', (routeKey, id) => {
    const route = routeOf(synth, routeKey);
    expect(route?.Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizationScopes: [API_SCOPE] });
    expect(
      refersTo(integrationOf(synth, route).Properties.IntegrationUri, functionLogicalId(synth, id)),
    ).toBe(true);
  });

  it.each([
    ['GetRestockSettings', ['dynamodb:GetItem', 'dynamodb:Query']],
    ['PutRestockSettings', ['dynamodb:GetItem', 'dynamodb:Query']],
  ])(
    'grants %s its table actions and the audit log group, no key, queue, secret or directory',
    (id, tableActions) => {
      const grants = grantsOf(synth, id);
      expect(grants.tableActions).toEqual(tableActions);
      expect(grants.writesAuditLog).toBe(true);
      expect(grants.actions.filter((a) => /^(sqs|secretsmanager|cognito-idp):/.test(a))).toEqual([]);
      // The table's key (DynamoDB encryption) only: never the refresh-token key.
      expect(grants.tokenKeyActions).toEqual([]);
    },
  );
});

describe('function defaults', () => {
  const ids = [...ROUTES.map((r) => r.id), ...BACKGROUND_FUNCTIONS.map((f) => f.id)];

  it.each(ids)('%s runs on the current Node.js runtime, arm64, traced, with its own log group', (id) => {
    const fn = synth.template.toJSON().Resources[functionLogicalId(synth, id)];
    expect(fn.Properties.Runtime).toBe('nodejs24.x');
    expect(fn.Properties.Architectures).toEqual(['arm64']);
    expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    expect(fn.Properties.LoggingConfig.LogFormat).toBe('JSON');
    const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref as string;
    expect(synth.template.toJSON().Resources[logGroupId].Properties.RetentionInDays).toBeGreaterThan(0);
    expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
  });

  it.each(ids)('%s has no secret in its environment', (id) => {
    const variables = synth.template.toJSON().Resources[functionLogicalId(synth, id)].Properties.Environment
      .Variables as Record<string, unknown>;
    expect(Object.keys(variables)).not.toContain('MINT_HUB_LWA_CLIENT_SECRET');
    // Only the secret's name may travel in the environment, never a secret or token value.
    expect(
      Object.keys(variables).filter(
        (name) =>
          /SECRET/.test(name) &&
          name !== 'MINT_HUB_LWA_CLIENT_SECRET_ID' &&
          name !== 'MINT_HUB_ADS_CLIENT_SECRET_ID',
      ),
    ).toEqual([]);
    expect(JSON.stringify(variables)).not.toMatch(/Atz[ar]\||amzn1\.oa2-cs/);
  });
});

describe('least privilege', () => {
  const ids = [...ROUTES.map((r) => r.id), ...BACKGROUND_FUNCTIONS.map((f) => f.id)];
  const tokenActions = (id: string) =>
    statementsOfFunction(synth, functionLogicalId(synth, id))
      .filter((s) => refersTo(s.Resource, logicalId(synth.stack.vault.tokenKey)))
      .flatMap(actionsOf);

  it('lets the OAuth callback Encrypt refresh tokens but never Decrypt them', () => {
    expect(tokenActions('OAuthCallback')).toEqual(['kms:Encrypt']);
  });

  it.each([
    'CreateAuthorization',
    'AppstoreLogin',
    'ListStores',
    'DisconnectStore',
    'GetStoreAudit',
    'Healthz',
    'RevocationWorker',
    // The ads view serves stored reports: no token of any purpose.
    'GetAds',
    'StartAdsAuthorization',
    'RemoveAdsAuthorization',
    // Store sessions decrypt their store's token; the function's own role cannot.
    'GetInventory',
    'GetOrders',
    'AuthorizationHealthCheck',
    'AdsReportWorker',
  ])('gives %s no use of the token key at all', (id) => {
    expect(tokenActions(id)).toEqual([]);
  });

  it('makes every token key use name a whole store encryption context', () => {
    for (const id of ['OAuthCallback']) {
      const statement = statementsOfFunction(synth, functionLogicalId(synth, id)).find((s) =>
        refersTo(s.Resource, logicalId(synth.stack.vault.tokenKey)),
      );
      expect(statement?.Condition).toEqual({
        'ForAllValues:StringEquals': {
          'kms:EncryptionContextKeys': ['storeId', 'sellingPartnerId', 'region', 'purpose'],
        },
        Null: {
          'kms:EncryptionContext:storeId': 'false',
          'kms:EncryptionContext:sellingPartnerId': 'false',
          'kms:EncryptionContext:region': 'false',
          'kms:EncryptionContext:purpose': 'false',
        },
        // SP-API functions never use an Ads token (advertising block below).
        StringEquals: { 'kms:EncryptionContext:purpose': 'SPAPI' },
      });
    }
  });

  it('lets the storage key be used only through DynamoDB', () => {
    const storageKey = logicalId(synth.stack.vault.storageKey);
    const conditions = ids.flatMap((id) =>
      statementsOfFunction(synth, functionLogicalId(synth, id))
        .filter((statement) => refersTo(statement.Resource, storageKey))
        .map((statement) => statement.Condition),
    );
    expect(conditions.length).toBeGreaterThan(0);
    expect(new Set(conditions.map((c) => JSON.stringify(c)))).toEqual(
      new Set([JSON.stringify({ StringEquals: { 'kms:ViaService': 'dynamodb.us-east-1.amazonaws.com' } })]),
    );
  });

  it.each(ids)('grants %s nothing on "*" except X-Ray', (id) => {
    const statements = statementsOfFunction(synth, functionLogicalId(synth, id));
    const onEverything = statements.filter((s) => s.Resource === '*').flatMap(actionsOf);
    expect(onEverything.sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    expect(statements.flatMap(actionsOf).filter((action) => /:\*$|^\*$/.test(action))).toEqual([]);
  });

  it('gives the Appstore login no data access, and the health check table reads only', () => {
    const dataActions = (id: string) =>
      statementsOfFunction(synth, functionLogicalId(synth, id))
        .flatMap(actionsOf)
        .filter((a) => !/^(xray|logs):/.test(a));
    expect(dataActions('AppstoreLogin')).toEqual([]);
    // The manifest's `table:read` (Healthz answers 503 when the table does not): reads, nothing else.
    expect([...new Set(dataActions('Healthz'))].sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
      'kms:Decrypt',
    ]);
  });

  it('lets only the functions that mint tokens read the LWA client secret', () => {
    const readers = ids.filter((id) =>
      statementsOfFunction(synth, functionLogicalId(synth, id)).some((s) =>
        actionsOf(s).includes('secretsmanager:GetSecretValue'),
      ),
    );
    expect(readers.sort()).toEqual([
      // The Ads ones read the Ads secret only (the 'advertising' block below).
      'AdsOAuthCallback',
      'AdsReportWorker',
      'AuthorizationHealthCheck',
      'GetInventory',
      'GetOrders',
      'OAuthCallback',
      // Mints the grantless token that deletes a revoked store's ACCOUNT_STATUS_CHANGED subscription
      // (test/infra/account-status.test.ts).
      'RevocationWorker',
      // Mints the grantless token that starts a client-secret rotation (test/infra/notifications.test.ts).
      'StartClientSecretRotation',
    ]);
  });

  it('lets only data routes and revocation sources send revocations', () => {
    const senders = ids.filter((id) =>
      statementsOfFunction(synth, functionLogicalId(synth, id)).some(
        (s) =>
          actionsOf(s).includes('sqs:SendMessage') &&
          refersTo(s.Resource, logicalId(synth.stack.revocation.queue)),
      ),
    );
    // GetAds serves stored reports and mints no token: it sends to the Ads report queue only.
    expect(senders.sort()).toEqual([
      'AuthorizationHealthCheck',
      'DisconnectStore',
      'GetInventory',
      'GetOrders',
    ]);
  });

  it('uses no AWS managed policies on our functions', () => {
    for (const id of ids) {
      const fn = synth.template.toJSON().Resources[functionLogicalId(synth, id)];
      const role = synth.template.toJSON().Resources[fn.Properties.Role['Fn::GetAtt'][0]];
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('token vault', () => {
  it('keeps one table: on-demand, PITR, customer-managed key, TTL, deletion protection, user-stores index', () => {
    synth.template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: {
          SSEEnabled: true,
          SSEType: 'KMS',
          KMSMasterKeyId: { 'Fn::GetAtt': [logicalId(synth.stack.vault.storageKey), 'Arn'] },
        },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        DeletionProtectionEnabled: true,
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'UserStores' })],
      }),
    });
  });

  it('rotates every customer-managed key and retains the token key', () => {
    const keys = resourcesOfType(synth.template, 'AWS::KMS::Key');
    expect(Object.keys(keys).length).toBeGreaterThanOrEqual(4);
    for (const key of Object.values(keys)) expect(key.Properties?.['EnableKeyRotation']).toBe(true);
    expect(keys[logicalId(synth.stack.vault.tokenKey)]?.DeletionPolicy).toBe('Retain');
  });
});

describe('revocation', () => {
  it('encrypts the queue with its own key, redrives to a DLQ and is TLS-only', () => {
    const queueId = logicalId(synth.stack.revocation.queue);
    const dlqId = logicalId(synth.stack.revocation.deadLetterQueue);
    const queue = synth.template.toJSON().Resources[queueId];
    expect(queue.Properties.KmsMasterKeyId).toEqual({
      'Fn::GetAtt': [logicalId(synth.stack.revocation.key), 'Arn'],
    });
    expect(queue.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
      maxReceiveCount: 5,
    });
    synth.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${AMAZON_NOTIFICATIONS_ACCOUNT}:root` },
            Action: ['sqs:GetQueueAttributes', 'sqs:SendMessage'],
          }),
        ]),
      },
    });
  });

  it("lets Amazon's notification account use the queue key through SQS only", () => {
    const key = synth.template.toJSON().Resources[logicalId(synth.stack.revocation.key)];
    const statement = key.Properties.KeyPolicy.Statement.find(
      (s: { Sid?: string }) => s.Sid === 'AmazonSellingPartnerNotificationsViaSqs',
    );
    expect([...statement.Action].sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(statement.Condition).toEqual({
      StringEquals: { 'kms:ViaService': 'sqs.us-east-1.amazonaws.com' },
    });
  });

  it('alarms when anything reaches the DLQ', () => {
    synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [logicalId(synth.stack.revocation.deadLetterQueue), 'QueueName'] },
        },
      ],
      Threshold: 1,
      AlarmActions: Match.anyValue(),
    });
  });

  it('feeds the worker with partial batch failures', () => {
    synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [logicalId(synth.stack.revocation.queue), 'Arn'] },
      FunctionName: { Ref: functionLogicalId(synth, 'RevocationWorker') },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('runs the authorization health check daily', () => {
    synth.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(17 3 * * ? *)',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [functionLogicalId(synth, 'AuthorizationHealthCheck'), 'Arn'] },
        }),
      ],
    });
  });
});

describe('audit trail', () => {
  it('keeps access records 400 days, KMS-encrypted, retained on stack deletion', () => {
    synth.template.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: {
        RetentionInDays: 400,
        KmsKeyId: { 'Fn::GetAtt': [logicalId(synth.stack.audit.key), 'Arn'] },
      },
    });
  });

  it('saves the "accesses by store" and "denied accesses" queries', () => {
    const names = Object.values(resourcesOfType(synth.template, 'AWS::Logs::QueryDefinition')).map(
      (q) => q.Properties?.['Name'],
    );
    expect(names.sort()).toEqual(['MintHub-test/accesses-by-store', 'MintHub-test/denied-accesses']);
  });

  it('alarms on denied access and on access attempts against revoked stores', () => {
    for (const metricName of ['DeniedAccess', 'RevokedStoreAccessAttempt']) {
      synth.template.hasResourceProperties('AWS::Logs::MetricFilter', {
        LogGroupName: { Ref: logicalId(synth.stack.audit.logGroup) },
        MetricTransformations: [
          Match.objectLike({ MetricName: metricName, MetricNamespace: 'MintHub/Audit' }),
        ],
      });
      synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: metricName,
        Namespace: 'MintHub/Audit',
      });
    }
  });
});

describe('operators', () => {
  it('has admin-created users, a strong password policy and required TOTP MFA', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
  });

  it('gives the dashboard a public client with the authorization code grant (PKCE)', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      PreventUserExistenceErrors: 'ENABLED',
    });
  });

  it('signs in through managed login (localized: en and zh-CN by `lang`), styled for the dashboard client', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
    const brandings = Object.values(synth.template.findResources('AWS::Cognito::ManagedLoginBranding'));
    expect(brandings).toHaveLength(1);
    expect(brandings[0]?.Properties).toMatchObject({
      UseCognitoProvidedValues: true,
      ClientId: { Ref: logicalId(synth.stack.operators.dashboardClient) },
    });
  });
});

describe('dashboard site', () => {
  it('keeps the bucket private and reachable only through CloudFront origin access control', () => {
    synth.template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
    });
    synth.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
  });

  it('serves HTTPS only with strict security headers', () => {
    synth.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
      }),
    });
    const policy = resourcesOfType(synth.template, 'AWS::CloudFront::ResponseHeadersPolicy')[
      logicalIdOfPath('DashboardSite/SecurityHeaders')
    ];
    const headers = (
      policy?.Properties?.['ResponseHeadersPolicyConfig'] as {
        SecurityHeadersConfig: Record<string, Record<string, unknown>>;
      }
    ).SecurityHeadersConfig;
    const csp = JSON.stringify(headers['ContentSecurityPolicy']?.['ContentSecurityPolicy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' https://mint-hub-dev-ops.auth.us-east-1.amazoncognito.com");
    expect(headers['StrictTransportSecurity']).toMatchObject({ Override: true, IncludeSubdomains: true });
    expect(headers['FrameOptions']).toMatchObject({ FrameOption: 'DENY' });
    expect(headers['ReferrerPolicy']).toMatchObject({ ReferrerPolicy: 'no-referrer' });
  });

  it('routes the API paths to API Gateway, uncached, over HTTPS only, with every viewer header but Host', () => {
    const distribution = Object.values(resourcesOfType(synth.template, 'AWS::CloudFront::Distribution'))[0];
    const behaviors = (
      distribution?.Properties?.['DistributionConfig'] as { CacheBehaviors: Array<Record<string, unknown>> }
    ).CacheBehaviors;
    expect(behaviors.map((b) => b['PathPattern']).sort()).toEqual(['/api/*', '/auth/*', '/healthz']);
    for (const behavior of behaviors) {
      expect(behavior).toMatchObject({
        ViewerProtocolPolicy: 'https-only',
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      });
    }
  });

  it('logs CloudFront access without query strings, cookies or referers', () => {
    const delivery = Object.values(resourcesOfType(synth.template, 'AWS::Logs::Delivery'))[0];
    const fields = delivery?.Properties?.['RecordFields'] as string[];
    expect(fields).toContain('cs-uri-stem');
    expect(fields).not.toContain('cs-uri-query');
    expect(fields).not.toContain('cs(Cookie)');
    expect(fields).not.toContain('cs(Referer)');
    synth.template.hasResourceProperties('AWS::Logs::DeliverySource', { LogType: 'ACCESS_LOGS' });
  });

  it('enforces TLS 1.2 when the stage has its own dashboard domain', () => {
    const withDomain = synthesize({ dashboardDomain: WITH_DOMAIN });
    withDomain.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['ops.example.com'],
        ViewerCertificate: Match.objectLike({
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        }),
      }),
    });
  });

  it('deploys the dashboard with its runtime config.json', () => {
    const deployments = resourcesOfType(synth.template, 'Custom::CDKBucketDeployment');
    expect(Object.keys(deployments)).toHaveLength(1);
    // config.json's deploy-time values (API URL, user pool, app client) are resolved by the deployment.
    const markers = JSON.stringify(Object.values(deployments)[0]?.Properties?.['SourceMarkers']);
    expect(markers).toContain(`"${logicalId(synth.stack.site.distribution)}","DomainName"`);
    expect(markers).toContain(`"Ref":"${logicalId(synth.stack.operators.userPool)}"`);
    expect(markers).toContain(`"Ref":"${logicalId(synth.stack.operators.dashboardClient)}"`);
  });
});

describe('store listing', () => {
  it('lets only the admin store list, the daily health check and the revocation sweep scan the table, and only the table', () => {
    const ids = [...ROUTES.map((r) => r.id), ...BACKGROUND_FUNCTIONS.map((f) => f.id)];
    const scanners = ids.filter((id) =>
      statementsOfFunction(synth, functionLogicalId(synth, id)).some((s) =>
        actionsOf(s).includes('dynamodb:Scan'),
      ),
    );
    expect(scanners).toEqual(['ListAdminStores', 'AuthorizationHealthCheck', 'RevocationSweep']);
    const statement = statementsOfFunction(synth, functionLogicalId(synth, 'AuthorizationHealthCheck')).find(
      (s) => actionsOf(s).includes('dynamodb:Scan'),
    );
    expect(statement?.Resource).toEqual({ 'Fn::GetAtt': [logicalId(synth.stack.vault.table), 'Arn'] });
  });
});

describe('advertising (issue 13)', () => {
  const statements = (id: string) => statementsOfFunction(synth, functionLogicalId(synth, id));
  const tokenStatements = (id: string) =>
    statements(id).filter((s) => refersTo(s.Resource, logicalId(synth.stack.vault.tokenKey)));
  const purposeOf = (statement: { Condition?: unknown }) =>
    (statement.Condition as { StringEquals?: Record<string, string> } | undefined)?.StringEquals?.[
      'kms:EncryptionContext:purpose'
    ];

  it('lets only the Ads functions use Ads tokens, each under purpose ADS, and SP-API functions only SPAPI', () => {
    expect(tokenStatements('AdsOAuthCallback').flatMap(actionsOf)).toEqual(['kms:Encrypt']);
    // The Ads worker and the health check decrypt through store sessions only (test/infra/store-access.test.ts).
    expect(tokenStatements('AdsReportWorker')).toEqual([]);
    expect(tokenStatements('AuthorizationHealthCheck')).toEqual([]);
    for (const id of ['AdsOAuthCallback']) expect(tokenStatements(id).map(purposeOf)).toEqual(['ADS']);
    for (const id of ['OAuthCallback']) expect(tokenStatements(id).map(purposeOf)).toEqual(['SPAPI']);
  });

  it('reads the Ads client secret from its own secret, only in the Ads functions that call LWA', () => {
    const readers = [...ROUTES.map((r) => r.id), ...BACKGROUND_FUNCTIONS.map((f) => f.id)].filter((id) =>
      JSON.stringify(statements(id)).includes('ads-client-secret'),
    );
    expect(readers.sort()).toEqual(['AdsOAuthCallback', 'AdsReportWorker']);
    const fn = synth.template.toJSON().Resources[functionLogicalId(synth, 'AdsReportWorker')];
    const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
    expect(variables[ENV.adsClientSecretId]).toBeDefined();
    expect(variables[ENV.adsClientSecret]).toBeUndefined();
  });

  it('runs the report worker from an encrypted queue with partial batch responses, a DLQ and an alarm', () => {
    const queueId = logicalId(synth.stack.adsReports.queue);
    synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionLogicalId(synth, 'AdsReportWorker') },
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    synth.template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: Match.anyValue(),
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(synth.stack.adsReports.deadLetterQueue), 'Arn'] },
        maxReceiveCount: 5,
      },
    });
    synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('Ads report'),
      AlarmActions: Match.anyValue(),
    });
    for (const id of ['GetAds', 'AdsOAuthCallback', 'AdsReportWorker']) {
      const send = statements(id).find(
        (s) => actionsOf(s).includes('sqs:SendMessage') && refersTo(s.Resource, queueId),
      );
      expect(send).toBeDefined();
    }
  });
});
