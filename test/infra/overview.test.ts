import { API_SCOPE } from '../../shared/auth/api-scope';
import {
  actionsOf,
  functionLogicalId,
  grantsOf,
  integrationOf,
  logicalIdIn,
  refersTo,
  routeOf,
  statementsOfFunction,
  synthesize,
  type Synthesized,
} from './synth-fixture';

// Issue 18: the overview reads stored data only (no token, no queue, no write but its audit records), and the
// display-name route writes the table and the audit trail, nothing else.
let synth: Synthesized;
const logicalId = (element: { node: { defaultChild?: unknown } }) => logicalIdIn(synth, element);

beforeAll(() => {
  synth = synthesize();
});

describe.each([
  ['GET /api/overview', 'GetOverview'],
  ['PUT /api/stores/{storeId}/display-name', 'PutStoreDisplayName'],
])('%s', (routeKey, id) => {
  it(`is served by ${id} behind the JWT authorizer with the API scope`, () => {
    const route = routeOf(synth, routeKey);
    expect(route?.Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizationScopes: [API_SCOPE] });
    expect(
      refersTo(integrationOf(synth, route).Properties.IntegrationUri, functionLogicalId(synth, id)),
    ).toBe(true);
  });

  it('may write the audit log group, and touches no token key, queue, secret or directory', () => {
    const grants = grantsOf(synth, id);
    expect(grants.writesAuditLog).toBe(true);
    expect(grants.actions.filter((a) => /^(sqs|secretsmanager|cognito-idp|dynamodb:Scan)/.test(a))).toEqual(
      [],
    );
    expect(grants.tokenKeyActions).toEqual([]);
  });
});

describe('overview grants', () => {
  it('reads the table (batch reads included) and writes nothing to it', () => {
    const statements = statementsOfFunction(synth, functionLogicalId(synth, 'GetOverview'));
    const tableActions = [
      ...new Set(statements.flatMap(actionsOf).filter((a) => a.startsWith('dynamodb:'))),
    ].sort();
    // Batch reads across the caller's stores: the overview keeps the function role (docs/security.md).
    expect(tableActions).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query']);
    // The table's key through DynamoDB only, for decryption of what it reads.
    const storageKey = logicalId(synth.stack.vault.storageKey);
    expect(
      [...new Set(statements.filter((s) => refersTo(s.Resource, storageKey)).flatMap(actionsOf))].sort(),
    ).toEqual(['kms:Decrypt']);
  });

  it('gives the display-name route no table write of its own: an owner change goes through a store session', () => {
    const statements = statementsOfFunction(synth, functionLogicalId(synth, 'PutStoreDisplayName'));
    const tableActions = [...new Set(statements.flatMap(actionsOf).filter((a) => a.startsWith('dynamodb:')))];
    expect(tableActions.sort()).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    const sessions = statements.filter((s) => actionsOf(s).includes('sts:AssumeRole'));
    expect(sessions.map((s) => s.Resource)).toEqual([
      {
        'Fn::GetAtt': [
          synth.stack.getLogicalId(synth.stack.storeAccess.role.node.defaultChild as never),
          'Arn',
        ],
      },
    ]);
  });
});
