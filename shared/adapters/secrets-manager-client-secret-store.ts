import {
  DescribeSecretCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { ClientSecretStore } from '../notifications/ports';

const CURRENT = 'AWSCURRENT';
const PENDING = 'AWSPENDING';

/**
 * The LWA client secret's versions in Secrets Manager, with the staging labels Secrets Manager's own rotation uses:
 * a new secret is written AWSPENDING (functions read AWSCURRENT, so they never see it), then promoted. Only the
 * rotation worker's role may call the writing operations (lib/capabilities.ts).
 */
export function createSecretsManagerClientSecretStore(
  client: SecretsManagerClient,
  secretId: string,
): ClientSecretStore {
  async function stagesByVersion(): Promise<Record<string, string[]>> {
    const described = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
    return described.VersionIdsToStages ?? {};
  }

  return {
    async stagePending(versionId, value) {
      // The same ClientRequestToken with the same value is a no-op, whatever stages the version has by now.
      await client.send(
        new PutSecretValueCommand({
          SecretId: secretId,
          ClientRequestToken: versionId,
          SecretString: value,
          VersionStages: [PENDING],
        }),
      );
    },

    async promote(versionId) {
      const stages = await stagesByVersion();
      if (stages[versionId] === undefined) throw new Error('The secret version to promote does not exist');
      const current = Object.entries(stages).find(([, labels]) => labels.includes(CURRENT))?.[0];
      if (current !== versionId) {
        // One call moves AWSCURRENT; Secrets Manager gives the version before it AWSPREVIOUS.
        await client.send(
          new UpdateSecretVersionStageCommand({
            SecretId: secretId,
            VersionStage: CURRENT,
            MoveToVersionId: versionId,
            ...(current === undefined ? {} : { RemoveFromVersionId: current }),
          }),
        );
      }
      if (stages[versionId]?.includes(PENDING)) {
        await client.send(
          new UpdateSecretVersionStageCommand({
            SecretId: secretId,
            VersionStage: PENDING,
            RemoveFromVersionId: versionId,
          }),
        );
      }
    },

    async currentVersion() {
      let nextToken: string | undefined;
      do {
        const page = await client.send(
          new ListSecretVersionIdsCommand({ SecretId: secretId, NextToken: nextToken, MaxResults: 100 }),
        );
        const current = page.Versions?.find((version) => version.VersionStages?.includes(CURRENT));
        if (current?.VersionId !== undefined && current.CreatedDate !== undefined)
          return { versionId: current.VersionId, createdAt: current.CreatedDate.toISOString() };
        nextToken = page.NextToken;
      } while (nextToken !== undefined);
      throw new Error('The LWA client secret has no AWSCURRENT version');
    },
  };
}
