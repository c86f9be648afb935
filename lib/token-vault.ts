import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLE_DEFINITION } from '../shared/storage/table-definition';

/**
 * The token vault: the KMS key that encrypts each store's refresh token (client side, under the encryption
 * context `{storeId, sellingPartnerId, region, purpose}`), and the single DynamoDB table (docs/data-model.md).
 *
 * Two keys on purpose. The token key is used directly by our functions, so its grants are the security
 * boundary ("the callback may Encrypt, fetchers may Decrypt"). The table is encrypted at rest with a separate
 * storage key that principals can only use through DynamoDB (`kms:ViaService`); sharing one key would force every
 * table reader to hold kms:Decrypt on the key that protects the refresh tokens.
 */
export class TokenVault extends Construct {
  readonly tokenKey: Key;
  readonly storageKey: Key;
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.tokenKey = new Key(this, 'TokenKey', {
      description: 'Mint Hub: encrypts sellers SP-API and Ads refresh tokens (encryption context per store)',
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });

    this.storageKey = new Key(this, 'StorageKey', {
      description: 'Mint Hub: encrypts the stores table at rest (used through DynamoDB only)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });

    this.table = new Table(this, 'Stores', {
      partitionKey: { name: TABLE_DEFINITION.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_DEFINITION.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.storageKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TABLE_DEFINITION.ttlAttribute,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE_DEFINITION.userStoresIndex.name,
      partitionKey: { name: TABLE_DEFINITION.userStoresIndex.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_DEFINITION.userStoresIndex.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
  }

  /** The service principal through which the storage key may be used. */
  dynamoDbViaService(): string {
    return `dynamodb.${Stack.of(this).region}.amazonaws.com`;
  }
}
