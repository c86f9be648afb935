import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PeerOutcome, PeerSpec } from '../peer/peer-runner';
import { lastJsonLine, REPO_ROOT, runNode, TYPESCRIPT_NODE_ARGS } from './child-process';

export type PeerName = 'amazon-sp-api' | '@sp-api-sdk';

export const PEERS: readonly PeerName[] = ['amazon-sp-api', '@sp-api-sdk'];

const PEER_SCRIPTS: Record<PeerName, string> = {
  'amazon-sp-api': 'amazon-sp-api-peer.ts',
  '@sp-api-sdk': 'sp-api-sdk-peer.mts',
};

/**
 * Runs one general client's workload in its own Node process, with Amazon's hosts redirected to `sandboxUrl` by
 * the preload. The spec (refresh tokens, client secrets of sandbox apps) travels in a private temporary file.
 */
export async function runPeerProcess(
  peer: PeerName,
  spec: PeerSpec,
  sandboxUrl: string,
): Promise<PeerOutcome> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'mint-hub-bench-peer-'));
  const specFile = path.join(directory, 'spec.json');
  fs.writeFileSync(specFile, JSON.stringify(spec), { mode: 0o600 });
  try {
    const run = await runNode(
      [
        '--require',
        path.join(REPO_ROOT, 'bench', 'peer', 'redirect-to-sandbox.cjs'),
        ...TYPESCRIPT_NODE_ARGS,
        path.join(REPO_ROOT, 'bench', 'peer', PEER_SCRIPTS[peer]),
        specFile,
      ],
      {
        // Only what Node needs: no AWS or LWA settings of this process leak into the peer.
        env: { PATH: process.env['PATH'] ?? '', HOME: os.tmpdir(), MINT_HUB_BENCH_SANDBOX_URL: sandboxUrl },
        // The peer stops itself at spec.capMs; this is the backstop.
        timeoutMs: spec.capMs + 30_000,
      },
    );
    const outcome = lastJsonLine<PeerOutcome>(run.stdout);
    if (outcome === undefined) {
      throw new Error(
        `${peer} run produced no result (exit ${run.exitCode}${run.timedOut ? ', timed out' : ''}): ${run.stderr.slice(-600)}`,
      );
    }
    return outcome;
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}
