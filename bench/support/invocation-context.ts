import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which of the bench's own invocations the code running now belongs to. The bench runs a view's handler inside
 * `withinInvocation(label, …)`; every promise, timer and HTTP request the handler starts carries the label (Node's
 * async context), while work the workspace runs on its own — the queue pollers' long polls of the SQS emulator, the
 * Ads report worker they invoke, the scheduled sweep, the emulators' servers answering — does not, even when it
 * overlaps the view in time. The HTTP span recorder and the AWS call counter read it when a request starts.
 */
const invocations = new AsyncLocalStorage<string>();

export const withinInvocation = <T>(label: string, run: () => Promise<T>): Promise<T> =>
  invocations.run(label, run);

/** The label of the invocation the current code runs in, or undefined outside every one. */
export const currentInvocation = (): string | undefined => invocations.getStore();
