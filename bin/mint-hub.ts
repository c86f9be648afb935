#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Validations } from 'aws-cdk-lib';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MintHubStack } from '../lib/mint-hub-stack';
import { parseStageConfig, stageOverrides } from '../lib/stage-config';
import { STAGES } from './stages';

const app = new App();
const stageName = String(app.node.tryGetContext('stage') ?? 'dev');
const base = STAGES[stageName];
if (base === undefined)
  throw new Error(`Unknown stage "${stageName}"; known: ${Object.keys(STAGES).join(', ')}`);

// Any field can be overridden from context (-c appId=… -c appDraft=false), also fields the stage leaves unset.
const overrides = stageOverrides((key) => app.node.tryGetContext(key));
const config = parseStageConfig({ ...base, ...overrides });

// cdk.json builds the dashboard before running this app; deploying without it would ship an empty site.
const dashboardAssetsPath = path.join(__dirname, '..', 'dashboard', 'dist');
if (!fs.existsSync(path.join(dashboardAssetsPath, 'index.html'))) {
  throw new Error('dashboard/dist is missing: run `npm run build` (cdk.json does this before synth).');
}

new MintHubStack(app, `MintHub-${config.stage}`, {
  config,
  dashboardAssetsPath,
  env: { region: config.region, ...(config.account ? { account: config.account } : {}) },
  description: `Mint Hub Operations (${config.stage})`,
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
