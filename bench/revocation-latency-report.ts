import {
  REVOCATION_SWEEP_DEFINITION,
  type RevocationSweepReport,
} from '../shared/revocation/revocation-sweep';
import { REVOCATION_LATENCY } from './config';
import type { BenchWorkspace } from './support/bench-workspace';
import { row, type FigureResult } from './support/figure';
import { max, median, round } from './support/statistics';

/**
 * What figure 5 (revocation-latency.ts) measured per run, and the figure made from the runs: per signal the time to
 * REVOKED, to the ciphertext gone (disconnect), to the first refused fetch and the Amazon calls after REVOKED; the
 * lost shred swept by one run and the worst case with the sweep period; and the notes that say how it was measured.
 */

export interface Measurement {
  readonly signal: 'invalid_grant' | 'disconnect';
  readonly toRevokedMs: number | null;
  /** Signal → no TOKEN# item of the store left in the table (disconnect only). */
  readonly toCiphertextGoneMs?: number | null;
  readonly toRefusedMs: number | null;
  /** Fetches answered with data after the signal, before one was refused. */
  readonly fetchesServedAfterSignal: number;
  /** LWA and SP-API calls the sandbox counted for the seller after REVOKED (a fetch attempted then included). */
  readonly amazonCallsAfterRevoked: number | null;
}

export interface SweepMeasurement {
  /** Lost state written → ciphertext gone, with the sweep run started at once. */
  readonly toSweptMs: number | null;
  /** The sweep run alone (the handler's invocation). */
  readonly runMs: number;
  readonly tableItems: number;
  readonly report: RevocationSweepReport | undefined;
}

export function revocationResult(
  measurements: readonly Measurement[],
  sweeps: readonly SweepMeasurement[],
  poller: ReturnType<BenchWorkspace['workspace']['pollerStatus']>,
): FigureResult {
  const of = (signal: Measurement['signal']) =>
    measurements.filter((measurement) => measurement.signal === signal);
  const complete = (values: Array<number | null>) =>
    values.length > 0 && values.every((value) => value !== null) ? (values as number[]) : undefined;
  const stat = (values: Array<number | null>, pick: (numbers: number[]) => number | undefined) => {
    const numbers = complete(values);
    const value = numbers === undefined ? undefined : pick(numbers);
    return value === undefined ? null : round(value, 0);
  };
  const notRevoked =
    `not REVOKED within ${REVOCATION_LATENCY.timeoutSeconds} s: is the revocation worker still a placeholder? ` +
    `(poller: ${poller.messagesReceived} received, ${poller.messagesFailed} failed, ${poller.messagesDeleted} deleted)`;
  const rows = (['invalid_grant', 'disconnect'] as const).flatMap((signal) => {
    const runs = of(signal);
    const toRevoked = runs.map((run) => run.toRevokedMs);
    const toRefused = runs.map((run) => run.toRefusedMs);
    const afterRevoked = runs.map((run) => run.amazonCallsAfterRevoked);
    const from = signal === 'invalid_grant' ? 'LWA invalid_grant' : 'DELETE /api/stores/{id}';
    return [
      row({
        name: `${signal}: ${from} → store REVOKED (median)`,
        value: stat(toRevoked, median),
        unit: 'ms',
        note:
          complete(toRevoked) === undefined
            ? notRevoked
            : `max ${stat(toRevoked, max)} ms over ${runs.length} runs`,
      }),
      ...(signal === 'disconnect'
        ? [
            row({
              name: `${signal}: ${from} → token ciphertext gone (median)`,
              value: stat(
                runs.map((run) => run.toCiphertextGoneMs ?? null),
                median,
              ),
              unit: 'ms',
              note: 'crypto-shredded inside the request, before the 202',
            }),
          ]
        : []),
      row({
        name: `${signal}: ${from} → first refused fetch (median)`,
        value: stat(toRefused, median),
        unit: 'ms',
        note:
          signal === 'disconnect'
            ? `fetches still served meanwhile: ${runs.map((run) => run.fetchesServedAfterSignal).join(', ')}`
            : 'the fetch that met invalid_grant is itself refused',
      }),
      row({
        name: `${signal}: Amazon calls after REVOKED`,
        value:
          complete(afterRevoked) === undefined ? null : (max(complete(afterRevoked) as number[]) ?? null),
        unit: 'calls',
        budget: { max: 0, text: 'a revoked store is never touched again' },
      }),
    ];
  });
  const swept = sweeps.map((sweep) => sweep.toSweptMs);
  const periodSeconds = REVOCATION_SWEEP_DEFINITION.periodMinutes * 60;
  const worstRunSeconds =
    complete(swept) === undefined ? null : (max(complete(swept) as number[]) ?? 0) / 1000;
  rows.push(
    row({
      name: 'lost shred: REVOKED with ciphertext → ciphertext gone, one sweep run (median)',
      value: stat(swept, median),
      unit: 'ms',
      note:
        complete(swept) === undefined
          ? `the sweep did not remove the ciphertext within ${REVOCATION_LATENCY.timeoutSeconds} s`
          : `sweep run started at once; ${sweeps.map((s) => s.tableItems).join(', ')} table items; swept ${sweeps.map((s) => s.report?.storesSwept ?? '?').join(', ')}`,
    }),
    row({
      name: `lost shred → swept, worst case (sweep every ${REVOCATION_SWEEP_DEFINITION.periodMinutes} min in AWS)`,
      value: worstRunSeconds === null ? null : round((periodSeconds + worstRunSeconds) / 60, 2),
      unit: 'min',
      budget: {
        max: REVOCATION_SWEEP_DEFINITION.periodMinutes + REVOCATION_SWEEP_DEFINITION.timeoutSeconds / 60,
        text: 'one sweep period plus one run',
      },
      note: 'one period (the schedule, not measured) + the slowest measured run; locally the workspace sweeps at start and every 5 min',
    }),
  );
  return {
    id: 'revocation-latency',
    title:
      'Revocation latency — signal to store REVOKED, to ciphertext gone and to the first refused fetch; lost shred to swept',
    rows,
    notes: [
      `${REVOCATION_LATENCY.repetitions} runs per signal on the local workspace: SQS emulator, the workspace's queue poller (long polls of 1 s, which the emulator only answers when the wait is over: up to ~1 s of the figure is that) and the revocation worker module; the table polled every ${REVOCATION_LATENCY.pollMilliseconds} ms.`,
      'In AWS the event source mapping long-polls too, but a long poll returns as soon as a message arrives.',
      `Lost shred: the profile set to REVOKED through the table's low-level API with the ciphertext left; the workspace's schedule runs the revocation sweep at once (in AWS every ${REVOCATION_SWEEP_DEFINITION.periodMinutes} min by EventBridge, locally at start and every 5 min), and the table is polled until no TOKEN# item is left. Disconnect → ciphertext gone is watched from before the request: the shred is in it.`,
    ],
    details: { measurements, sweeps, poller },
  };
}
