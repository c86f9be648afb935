import { invokeLambda, type InvocationOutcome, type LambdaHandler } from './lambda-invocation';

/**
 * The local stand-in for EventBridge schedules: each job's handler runs once when the workspace starts (so what a
 * stop left unfinished is completed right away) and then every `periodMs`, one run at a time, with a scheduled
 * event and a Lambda context whose remaining time counts down from the function's timeout. A run that fails is
 * logged in one line (its name and the error's name, never data) and the next one comes on schedule.
 */
export interface ScheduledJob {
  /** The manifest's function id, e.g. `RevocationSweep`. */
  readonly id: string;
  readonly functionName: string;
  readonly loadHandler: () => Promise<LambdaHandler>;
  readonly periodMs: number;
  readonly timeoutMs: number;
}

export interface ScheduledJobs {
  /** Runs the job now (after a run in progress, if any) and answers what the handler answered. */
  run(id: string): Promise<InvocationOutcome<unknown>>;
  stop(): Promise<void>;
}

export function startScheduledJobs(
  jobs: readonly ScheduledJob[],
  options: { log?: (line: string) => void; runAtStart?: boolean } = {},
): ScheduledJobs {
  const log = options.log ?? (() => undefined);
  const timers: NodeJS.Timeout[] = [];
  const last = new Map<string, Promise<unknown>>();
  let stopped = false;

  const run = (job: ScheduledJob): Promise<InvocationOutcome<unknown>> => {
    const previous = last.get(job.id) ?? Promise.resolve();
    const next = previous.then(async (): Promise<InvocationOutcome<unknown>> => {
      const outcome = await invokeLambda<unknown>(
        await job.loadHandler(),
        {
          version: '0',
          id: 'local',
          'detail-type': 'Scheduled Event',
          source: 'aws.events',
          time: new Date().toISOString(),
          resources: [],
          detail: {},
        },
        { functionName: job.functionName, timeoutMs: job.timeoutMs },
      );
      if (outcome.kind === 'error')
        log(`${job.functionName} failed: ${outcome.error instanceof Error ? outcome.error.name : 'error'}`);
      if (outcome.kind === 'timeout') log(`${job.functionName} timed out`);
      return outcome;
    });
    // A failed run must not stop the ones after it.
    last.set(
      job.id,
      next.catch(() => undefined),
    );
    return next;
  };

  const scheduled = (job: ScheduledJob) => () => {
    if (stopped) return;
    run(job).catch((error: unknown) =>
      log(`${job.functionName} could not run: ${error instanceof Error ? error.message : 'unknown error'}`),
    );
  };

  for (const job of jobs) {
    if (options.runAtStart ?? true) scheduled(job)();
    const timer = setInterval(scheduled(job), job.periodMs);
    timer.unref(); // the schedule alone never keeps the process alive
    timers.push(timer);
  }

  return {
    run(id) {
      const job = jobs.find((candidate) => candidate.id === id);
      if (job === undefined) return Promise.reject(new Error(`No scheduled job ${id}`));
      return run(job);
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      // A run in progress finishes before the emulators it uses go away.
      await Promise.all([...last.values()]);
    },
  };
}
