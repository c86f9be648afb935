import type { LocalWorkspace } from './workspace';

/** The lines `npm start` prints once everything is up; nothing secret (the client secret never appears). */
export function readyBanner(workspace: LocalWorkspace): string[] {
  const { url } = workspace;
  const lines = [
    '',
    `Mint Hub Operations is running locally.`,
    '',
    `  Dashboard and API   ${url}   (health: ${url}/healthz)`,
    `  Local sign-in       ${url}/local`,
  ];
  if (workspace.sandboxUrl !== undefined) {
    lines.push(
      `  Amazon sandbox      ${workspace.sandboxUrl}   (Seller Central; Manage Your Apps: ${workspace.sandboxUrl}/apps/manage)`,
    );
  }
  for (const [name, value] of Object.entries(workspace.amazonEndpoints)) {
    if (workspace.sandboxUrl === undefined || !value.startsWith(workspace.sandboxUrl)) {
      lines.push(`  ${name} = ${value}   (not the sandbox)`);
    }
  }
  lines.push(
    `  DynamoDB Local      ${workspace.endpoints.dynamodb}   (table ${workspace.tableName}; through the IAM-enforcing proxy)`,
    `  SQS emulator        ${workspace.endpoints.sqs}   (revocation queue, polled for the worker)`,
    `  KMS stand-in        ${workspace.endpoints.kms}   (through the IAM-enforcing proxy)`,
    `  STS stand-in        ${workspace.endpoints.sts}   (store sessions: one store's items and token per session)`,
    `  Cognito stand-in    ${workspace.endpoints.cognito}   (user pool ${workspace.userPoolId}: the seeded operators)`,
    `  Data folder         ${workspace.dataDir}   (audit trail: audit.jsonl)`,
    '',
    '  Seeded operators (sign in from the dashboard, or get a bearer token):',
  );
  for (const operator of workspace.operators) {
    const role = operator.groups.includes('admin') ? 'admin' : 'operator';
    lines.push(`    ${operator.email.padEnd(22)} ${operator.name.padEnd(14)} ${role}   sub ${operator.id}`);
  }
  lines.push(
    '',
    `  curl -X POST ${url}/local/token -d '{"user":"lin@minthub.local"}'`,
    '',
    'Press Ctrl-C to stop.',
    '',
  );
  return lines;
}

/** One machine-readable line for tests and scripts: `MINT_HUB_READY {...}`. */
export function readyLine(workspace: LocalWorkspace): string {
  return `MINT_HUB_READY ${JSON.stringify({
    url: workspace.url,
    sandboxUrl: workspace.sandboxUrl ?? null,
    dataDir: workspace.dataDir,
    dynamodb: workspace.endpoints.dynamodb,
    sqs: workspace.endpoints.sqs,
    kms: workspace.endpoints.kms,
    cognito: workspace.endpoints.cognito,
    userPoolId: workspace.userPoolId,
    revocationQueueUrl: workspace.revocationQueueUrl,
  })}`;
}
