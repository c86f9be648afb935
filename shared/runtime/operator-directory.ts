import { createCognitoOperatorDirectory } from '../adapters/cognito-operator-directory';
import { readUserPoolId, type Environment } from '../config';
import type { OperatorDirectory } from '../ports';
import { cognitoClient } from './aws-clients';

/**
 * The operator directory for a function's init: the Cognito adapter on the module-scope client, for the user pool
 * of `MINT_HUB_USER_POOL_ID` (failing fast when it is not set). Locally the same client reaches the Cognito
 * stand-in through `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`.
 */
export const operatorDirectory = (env: Environment): OperatorDirectory =>
  createCognitoOperatorDirectory(cognitoClient(), readUserPoolId(env));
