import { createDynamoDbHealthCheckResults } from '../adapters/dynamodb-health-check-results';
import { createDynamoDbStoreCatalogue } from '../adapters/dynamodb-store-catalogue';
import { readStorageSettings, type Environment } from '../config';
import { dynamoDbClient } from './aws-clients';

/** Builders of the admin screens' adapters (and the health check's result store), on the one table. */
export const healthCheckResults = (env: Environment) =>
  createDynamoDbHealthCheckResults(dynamoDbClient(), readStorageSettings(env).tableName);

export const storeCatalogue = (env: Environment) =>
  createDynamoDbStoreCatalogue(dynamoDbClient(), readStorageSettings(env).tableName);
