import { confineToScope } from '../store-access/store-scope';
import { AmazonUnavailable } from '../errors';

/**
 * Concurrent reads of the same data in one execution environment share one fetch (and one slice of quota).
 * A request that joins a running fetch extends its deadline to its own, so the fetch never fails it by an
 * earlier request's deadline; and every request stops waiting at its own deadline, answering in time even when
 * the fetch goes on for a later one. A fetch ends by the latest deadline: it cannot outlive its requests.
 */
export class InflightFetches {
  private readonly running = new Map<string, { promise: Promise<unknown>; deadlineMs: number }>();

  share<T>(key: string, deadlineMs: number, fetch: (deadline: () => number) => Promise<T>): Promise<T> {
    // Keys start with the store: a fetch shared in memory is joined only from that store's own scope.
    confineToScope(key.split('|', 1)[0] ?? key);
    let entry = this.running.get(key);
    if (entry === undefined) {
      const created: { promise: Promise<unknown>; deadlineMs: number } = {
        promise: Promise.resolve(),
        deadlineMs,
      };
      created.promise = fetch(() => created.deadlineMs).finally(() => {
        if (this.running.get(key) === created) this.running.delete(key);
      });
      this.running.set(key, created);
      entry = created;
    } else {
      entry.deadlineMs = Math.max(entry.deadlineMs, deadlineMs);
    }
    return untilDeadline(entry.promise as Promise<T>, deadlineMs);
  }
}

/** The work's result, or AmazonUnavailable (503, Retry-After) once the request's own deadline has come. */
export function untilDeadline<T>(work: Promise<T>, deadlineMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AmazonUnavailable()), Math.max(0, deadlineMs - Date.now()));
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
