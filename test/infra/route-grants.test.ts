import { actionsOf, functionLogicalId, statementsOfFunction, synthesize } from './synth-fixture';

// A route holds the grants it uses and no others (least privilege, docs/security.md). The ads view reads stored reports and
// only stamps the link it asked the pipeline about (a conditional UpdateItem): it can neither create nor delete
// an item, so a fault in it cannot write a store's data or shred its tokens.
const synth = synthesize();
const dataActions = (id: string) =>
  [
    ...new Set(
      statementsOfFunction(synth, functionLogicalId(synth, id))
        .flatMap(actionsOf)
        .filter((action) => !/^(xray|logs):/.test(action)),
    ),
  ].sort();

describe('route grants', () => {
  it("gives the ads view the gate's reads and store sessions, nothing more, and the Ads report queue", () => {
    // Its stamp (UpdateItem) goes through a store session (test/infra/store-access.test.ts); GenerateDataKey and
    // Decrypt here are the Ads report queue's key through SQS and the table's key through DynamoDB.
    expect(dataActions('GetAds')).toEqual([
      'dynamodb:GetItem',
      'dynamodb:Query',
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'sqs:SendMessage',
      'sts:AssumeRole',
      'sts:TagSession',
    ]);
  });
});

describe('admin store list (GET /api/admin/stores)', () => {
  // Every store's profile and members, the health check's last result, names from the user pool; it writes
  // nothing but a refusal's audit record and holds no token key, no queue, no secret.
  it('reads and scans the table, looks operators up and writes audit records, nothing more', () => {
    expect(dataActions('ListAdminStores')).toEqual([
      'cognito-idp:ListUsers',
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:Scan',
      'kms:Decrypt',
    ]);
  });

  it('lets the access log look names up in the user pool, and read nothing new of the table', () => {
    expect(dataActions('GetStoreAudit')).toEqual([
      'cognito-idp:ListUsers',
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
      'kms:Decrypt',
    ]);
  });
});
