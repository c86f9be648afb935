import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { STSClient } from '@aws-sdk/client-sts';
import { withClassifiedErrors } from '../adapters/aws-error-classification';
import { tracer } from '../observability/powertools';

/**
 * AWS SDK clients, each created once per execution environment on first use and traced once. Endpoints come
 * from the SDK's own settings (`AWS_ENDPOINT_URL_*`), which is how the local runtime points them at emulators.
 */
// `/* @__PURE__ */` lets esbuild drop the clients a function never uses (and their SDK packages) from its bundle.
const once = <T>(create: () => T): (() => T) => {
  let client: T | undefined;
  return () => (client ??= create());
};

// Every client answers outages and configuration faults as a classified ServiceUnavailable (503, Retry-After).
export const dynamoDbClient = /* @__PURE__ */ once(() =>
  tracer.captureAWSv3Client(withClassifiedErrors(new DynamoDBClient({}), 'dynamodb')),
);
export const kmsClient = /* @__PURE__ */ once(() =>
  tracer.captureAWSv3Client(withClassifiedErrors(new KMSClient({}), 'kms')),
);
export const sqsClient = /* @__PURE__ */ once(() =>
  tracer.captureAWSv3Client(withClassifiedErrors(new SQSClient({}), 'sqs')),
);
export const cloudWatchLogsClient = /* @__PURE__ */ once(() =>
  tracer.captureAWSv3Client(withClassifiedErrors(new CloudWatchLogsClient({}), 'cloudwatch-logs')),
);
export const secretsManagerClient = /* @__PURE__ */ once(() =>
  tracer.captureAWSv3Client(withClassifiedErrors(new SecretsManagerClient({}), 'secrets-manager')),
);
export const cognitoClient = /* @__PURE__ */ once(() =>
  tracer.captureAWSv3Client(withClassifiedErrors(new CognitoIdentityProviderClient({}), 'cognito')),
);
/** STS, for the store-access sessions (shared/runtime/store-sessions.ts). */
export const stsClient = /* @__PURE__ */ once(() =>
  tracer.captureAWSv3Client(withClassifiedErrors(new STSClient({}), 'sts')),
);
