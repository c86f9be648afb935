import type { Context } from 'aws-lambda';
import { startScheduledJobs, type ScheduledJob } from '../../../local/runtime/scheduled-jobs';

// The local stand-in for the sweep's EventBridge schedule (local/runtime/scheduled-jobs.ts), with a recording
// handler in place of the sweep: what runs when, one at a time, and what a failure logs.
const job = (
  handler: (event: unknown, context: Context) => Promise<unknown>,
  periodMs = 60_000,
): ScheduledJob => ({
  id: 'RevocationSweep',
  functionName: 'MintHub-local-RevocationSweep',
  loadHandler: async () => handler as never,
  periodMs,
  timeoutMs: 5_000,
});

describe('the local schedule', () => {
  it('runs the job at start with a scheduled event and a counting-down context, and on demand', async () => {
    const seen: Array<{ source: unknown; remaining: number }> = [];
    const jobs = startScheduledJobs([
      job(async (event, context) => {
        seen.push({
          source: (event as { source?: unknown }).source,
          remaining: context.getRemainingTimeInMillis(),
        });
        return { storesSwept: 0 };
      }),
    ]);
    try {
      const outcome = await jobs.run('RevocationSweep');
      expect(outcome).toEqual({ kind: 'result', result: { storesSwept: 0 } });
      // The run at start came first; the one asked for waited for it.
      expect(seen).toHaveLength(2);
      expect(seen[0]?.source).toBe('aws.events');
      expect(seen.every((run) => run.remaining > 0 && run.remaining <= 5_000)).toBe(true);
      await expect(jobs.run('NoSuchJob')).rejects.toThrow('No scheduled job NoSuchJob');
    } finally {
      await jobs.stop();
    }
  });

  it('never runs two at once, and keeps going after a failed run, logging only its name', async () => {
    let running = 0;
    let overlapped = false;
    let calls = 0;
    const lines: string[] = [];
    const jobs = startScheduledJobs(
      [
        job(async () => {
          calls += 1;
          running += 1;
          overlapped ||= running > 1;
          await new Promise((resolve) => setTimeout(resolve, 20));
          running -= 1;
          if (calls === 1) throw new Error('table unreachable: Atzr|secret-like');
          return 'ok';
        }),
      ],
      { log: (line) => lines.push(line), runAtStart: true },
    );
    try {
      const [a, b] = await Promise.all([jobs.run('RevocationSweep'), jobs.run('RevocationSweep')]);
      expect([a.kind, b.kind]).toEqual(['result', 'result']);
      expect(calls).toBe(3);
      expect(overlapped).toBe(false);
      expect(lines).toEqual(['MintHub-local-RevocationSweep failed: Error']);
    } finally {
      await jobs.stop();
    }
  });

  it('runs on its period, and not after stop', async () => {
    jest.useFakeTimers();
    try {
      let calls = 0;
      const jobs = startScheduledJobs(
        [
          job(async () => {
            calls += 1;
          }, 30_000),
        ],
        { runAtStart: false },
      );
      await jest.advanceTimersByTimeAsync(95_000);
      expect(calls).toBe(3);
      await jobs.stop();
      await jest.advanceTimersByTimeAsync(60_000);
      expect(calls).toBe(3);
    } finally {
      jest.useRealTimers();
    }
  });
});
