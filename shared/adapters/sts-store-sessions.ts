/**
 * Store-access sessions: per store and purpose, STS AssumeRole on the store-access role with the session tags the
 * role's policy keys on (shared/store-access/store-access-policy.ts), and a DynamoDB and a KMS client signing with
 * those credentials. Kept per execution environment: the SDK refreshes a session's credentials shortly before they
 * expire (the session lasts the 15-minute minimum), and the clients are kept for the next request of that store.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../observability/powertools';
import { STORE_ISOLATION_REFUSED_METRIC } from '../observability/metric-names';
import {
  STORE_SESSION_SECONDS,
  STORE_SESSION_TAGS,
  storeSessionName,
} from '../store-access/store-access-policy';
import { StoreIsolationRefused, type StoreClients, type StoreGrant } from '../store-access/store-scope';
import { withClassifiedErrors } from './aws-error-classification';

export interface StoreSessionClients extends StoreClients {
  readonly dynamodb: DynamoDBClient;
  readonly kms: KMSClient;
}

interface AwsCredentialIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** How many stores' sessions one environment keeps; the least recently used beyond it is dropped. */
const KEPT_SESSIONS = 256;

/** The credentials of one store session, from STS. */
function storeSessionCredentials(
  sts: STSClient,
  roleArn: string,
  grant: StoreGrant,
): () => Promise<AwsCredentialIdentity> {
  return async () => {
    const { Credentials: credentials } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: storeSessionName(grant.storeId),
        DurationSeconds: STORE_SESSION_SECONDS,
        Tags: [
          { Key: STORE_SESSION_TAGS.storeId, Value: grant.storeId },
          { Key: STORE_SESSION_TAGS.purpose, Value: grant.purpose },
        ],
      }),
    );
    if (
      credentials?.AccessKeyId === undefined ||
      credentials.SecretAccessKey === undefined ||
      credentials.SessionToken === undefined
    )
      throw new Error('STS AssumeRole returned no credentials');
    return {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
      ...(credentials.Expiration === undefined ? {} : { expiration: credentials.Expiration }),
    };
  };
}

/** A refusal by the session's policy is a fault of ours that reached past the store: 403 for the caller, counted. */
function isolationRefused(error: unknown): Error {
  metrics.addMetric(STORE_ISOLATION_REFUSED_METRIC, MetricUnit.Count, 1);
  return Object.assign(new StoreIsolationRefused(), { cause: error });
}

/**
 * The clients of each store session, created on a store's first scoped request in this environment and kept.
 * `decorate` adds what every AWS client of ours carries (tracing); the error classification is added here.
 */
export function createStoreSessions(args: {
  readonly sts: STSClient;
  readonly roleArn: string;
  readonly decorate?: <C extends DynamoDBClient | KMSClient>(client: C) => C;
}): (grant: StoreGrant) => StoreSessionClients {
  const sessions = new Map<string, StoreSessionClients>();
  const decorate = args.decorate ?? (<C>(client: C) => client);
  return (grant) => {
    const key = `${grant.storeId}|${grant.purpose}`;
    const kept = sessions.get(key);
    if (kept !== undefined) {
      sessions.delete(key);
      sessions.set(key, kept); // most recently used last
      return kept;
    }
    const credentials = storeSessionCredentials(args.sts, args.roleArn, grant);
    const clients: StoreSessionClients = {
      dynamodb: decorate(
        withClassifiedErrors(new DynamoDBClient({ credentials }), 'dynamodb', {
          onAccessDenied: isolationRefused,
        }),
      ),
      kms: decorate(
        withClassifiedErrors(new KMSClient({ credentials }), 'kms', { onAccessDenied: isolationRefused }),
      ),
    };
    sessions.set(key, clients);
    if (sessions.size > KEPT_SESSIONS) {
      const oldest = sessions.keys().next().value;
      if (oldest !== undefined) {
        sessions.get(oldest)?.dynamodb.destroy();
        sessions.get(oldest)?.kms.destroy();
        sessions.delete(oldest);
      }
    }
    return clients;
  };
}
