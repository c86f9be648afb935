import type { SandboxCounters, SandboxSeller } from '../local/sandbox';
import { TOKEN_REUSE } from './config';
import type { PeerName } from './support/peer-process';
import { sum } from './support/statistics';

/**
 * The scenario of figure 1 (token-reuse.ts): the rounds and the simulated time each moves the clocks, the ten stores
 * split over sandboxes of at most four sellers, and what a client's run counted per store (from each sandbox's own
 * counters).
 */

export type ClientName = 'ours' | PeerName;

export interface StoreCount {
  readonly store: string;
  readonly lwaExchanges: number;
  readonly spApiCalls: number;
  readonly throttled: number;
  readonly kmsDecrypts: number | null;
}

export interface ClientRun {
  readonly client: ClientName;
  readonly requests: number;
  readonly failures: number;
  readonly errorSamples: readonly string[];
  readonly stores: readonly StoreCount[];
  readonly kmsDecryptsTotal: number | null;
  readonly wallSeconds: number;
  readonly capped: boolean;
}

export const ROUNDS = TOKEN_REUSE.requests / (TOKEN_REUSE.stores * TOKEN_REUSE.concurrentPerStore);
export const ADVANCE_MS_PER_ROUND = (TOKEN_REUSE.simulatedMinutes * 60_000) / ROUNDS;
export const SELLERS_PER_SANDBOX = 4;

/** Splits the stores over sandboxes of at most four sellers each. */
export function storeGroups(sellers: readonly SandboxSeller[]): SandboxSeller[][] {
  const groups: SandboxSeller[][] = [];
  for (let index = 0; index < TOKEN_REUSE.stores; index++) {
    const group = Math.floor(index / SELLERS_PER_SANDBOX);
    (groups[group] ??= []).push(sellers[index % SELLERS_PER_SANDBOX] as SandboxSeller);
  }
  return groups;
}

export function countsFor(
  counters: SandboxCounters,
  seller: SandboxSeller,
  label: string,
): Omit<StoreCount, 'kmsDecrypts'> {
  const seen = counters.sellers[`${seller.sellingPartnerId}/${seller.region}`];
  return {
    store: label,
    lwaExchanges: seen?.lwa.refresh_token ?? 0,
    spApiCalls: sum(Object.values(seen?.spapi ?? {})),
    throttled: seen?.throttled ?? 0,
  };
}
