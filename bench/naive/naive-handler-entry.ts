// The entry of a "naive" bundle for the cold-start comparison: the same handler, wrapped the way many SP-API
// Lambda samples are built. Every AWS SDK client the app uses is imported whole (`import * as`, the v3 stand-in
// for v2's `require('aws-sdk')`), a general SP-API client (amazon-sp-api) is loaded at init, and the bundle is
// built without minification or tree-shaking (bench/cold-start.ts). `naive-handler` is resolved by the build to
// the handler file of the function being measured.
import * as cloudWatchLogs from '@aws-sdk/client-cloudwatch-logs';
import * as dynamoDb from '@aws-sdk/client-dynamodb';
import * as kms from '@aws-sdk/client-kms';
import * as secretsManager from '@aws-sdk/client-secrets-manager';
import * as sqs from '@aws-sdk/client-sqs';
import * as dynamoDbDocuments from '@aws-sdk/lib-dynamodb';
import SellingPartner from 'amazon-sp-api';
import * as handlerModule from 'naive-handler';

// Kept reachable, as an app that uses them would.
export const wholeSdks = {
  cloudWatchLogs,
  dynamoDb,
  kms,
  secretsManager,
  sqs,
  dynamoDbDocuments,
  SellingPartner,
};
export const handler = handlerModule.handler;
