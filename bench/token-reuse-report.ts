import { TOKEN_REUSE } from './config';
import { row, type FigureResult } from './support/figure';
import { PEERS } from './support/peer-process';
import { max, mean, ratio, round, sum } from './support/statistics';
import { ADVANCE_MS_PER_ROUND, ROUNDS, type ClientName, type ClientRun } from './token-reuse-scenario';

/**
 * The figure of token reuse (token-reuse.ts) made from the clients' runs: LWA exchanges per store against the budget
 * of one per store per reuse period, KMS Decrypts per exchange, SP-API calls per request, 429s and failures, each
 * beside the general clients'; and the notes that say how it was measured.
 */

export function tokenReuseResult(runs: readonly ClientRun[]): FigureResult {
  const lastRequestSeconds = ((ROUNDS - 1) * ADVANCE_MS_PER_ROUND) / 1000;
  const allowedExchanges = 1 + Math.floor(lastRequestSeconds / (TOKEN_REUSE.reuseMinutes * 60));
  const byClient = (client: ClientName) => runs.find((run) => run.client === client);
  const ours = byClient('ours');
  const exchanges = (run: ClientRun | undefined) => run?.stores.map((store) => store.lwaExchanges) ?? [];
  const complete = (run: ClientRun | undefined) =>
    run !== undefined && !run.capped && run.requests === TOKEN_REUSE.requests;
  const statOf = (
    run: ClientRun | undefined,
    stat: (values: number[]) => number | undefined,
    values: (run: ClientRun) => number[],
  ) => (complete(run) ? (stat(values(run as ClientRun)) ?? null) : null);
  const peerComparisons = (
    value: (run: ClientRun | undefined) => number | null,
    note?: (run: ClientRun) => string,
  ) =>
    PEERS.map((peer) => {
      const run = byClient(peer);
      const theirs = value(run);
      return {
        against: peer,
        value: theirs === null ? null : round(theirs, 2),
        ratio: (() => {
          const r = ratio(value(ours), theirs);
          return r === null ? null : round(r, 2);
        })(),
        ...(run !== undefined && note !== undefined && note(run) !== '' ? { note: note(run) } : {}),
      };
    });
  const maxExchanges = (run: ClientRun | undefined) => statOf(run, max, (r) => exchanges(r));
  const meanExchanges = (run: ClientRun | undefined) => statOf(run, mean, (r) => exchanges(r));
  const decryptsPerExchange = (run: ClientRun | undefined) =>
    complete(run) && run?.kmsDecryptsTotal !== null
      ? (max(
          (run as ClientRun).stores.map((store) =>
            store.lwaExchanges === 0 ? 0 : (store.kmsDecrypts ?? 0) / store.lwaExchanges,
          ),
        ) ?? null)
      : null;
  const callsPerRequest = (run: ClientRun | undefined) =>
    complete(run)
      ? sum((run as ClientRun).stores.map((store) => store.spApiCalls)) / (run as ClientRun).requests
      : null;
  const failures = (run: ClientRun | undefined) => (run === undefined ? null : run.failures);

  return {
    id: 'token-reuse',
    title: `Token reuse — ${TOKEN_REUSE.requests} requests, ${TOKEN_REUSE.stores} stores, ${TOKEN_REUSE.simulatedMinutes / 60} simulated hours`,
    rows: [
      row({
        name: 'LWA exchanges per store (max)',
        value: maxExchanges(ours),
        unit: 'exchanges',
        budget: {
          max: allowedExchanges,
          text: `≤ 1 per store per ${TOKEN_REUSE.reuseMinutes} min per execution environment (${allowedExchanges} over ${round(lastRequestSeconds / 60, 0)} min)`,
        },
        comparisons: peerComparisons(maxExchanges),
      }),
      row({
        name: 'LWA exchanges per store (mean)',
        value: meanExchanges(ours),
        unit: 'exchanges',
        comparisons: peerComparisons(meanExchanges),
      }),
      row({
        name: 'KMS Decrypts per LWA exchange (max over stores)',
        value: decryptsPerExchange(ours),
        unit: 'decrypts',
        budget: { max: 1, text: '≤ 1 KMS Decrypt per exchange' },
        comparisons: PEERS.map((peer) => ({
          against: peer,
          value: null,
          ratio: null,
          note: 'no KMS: the refresh token is handed to the client in plaintext',
        })),
      }),
      row({
        name: 'SP-API calls per request',
        value: callsPerRequest(ours),
        unit: 'calls',
        comparisons: peerComparisons(callsPerRequest),
        note: 'above 1: calls repeated after a 403 (expired token) or a 429',
      }),
      row({
        name: '429s received',
        value: complete(ours) ? sum((ours as ClientRun).stores.map((store) => store.throttled)) : null,
        unit: '429s',
        comparisons: peerComparisons((run) =>
          complete(run) ? sum((run as ClientRun).stores.map((store) => store.throttled)) : null,
        ),
      }),
      row({
        name: 'failed requests',
        value: failures(ours),
        unit: 'requests',
        comparisons: peerComparisons(failures, (run) => run.errorSamples.join(' | ')),
      }),
    ],
    notes: [
      `Each request is one getInventorySummaries call; every round sends ${TOKEN_REUSE.concurrentPerStore} at once per store, then the sandbox clock moves ${round(ADVANCE_MS_PER_ROUND / 1000, 0)} s (${ROUNDS} rounds).`,
      `Ours: AccessTokenProvider (given a clock that follows the sandbox) + PacedCaller + the inventory adapter, built from shared/runtime/dependencies with DynamoDB Local and the KMS stand-in; KMS Decrypts counted at the TokenCipher port and cross-checked with the stand-in (${ours?.kmsDecryptsTotal ?? 'n/a'} in total).`,
      'Peers: one client per store as in their READMEs, in a child process whose Date follows the sandbox clock; amazon-sp-api refreshes when a call comes back 403 "expired", @sp-api-sdk/auth when its own expiry passes.',
      'Ten stores need three sandboxes (the sandbox seeds four sellers; a store is a seller and region), all registering the same app; counts per store come from each sandbox.',
    ],
    details: { allowedExchanges, rounds: ROUNDS, advanceMsPerRound: ADVANCE_MS_PER_ROUND, runs },
  };
}
