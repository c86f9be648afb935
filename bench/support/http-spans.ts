import * as diagnostics from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';

/**
 * Every outgoing HTTP exchange of this process (node:http and fetch), timed from the request's creation to the
 * end of its response body and labelled by where it went (the sandbox, DynamoDB Local, the KMS stand-in…), through
 * Node's diagnostics channels: nothing in the code under test is wrapped or changed.
 */
export interface HttpSpan {
  readonly target: string;
  readonly path: string;
  /**
   * What `contextOf` answered when the request was created, synchronously in the code that created it (the
   * diagnostics channels publish there): the async context it belongs to, e.g. the bench invocation that made it.
   */
  readonly context: string | undefined;
  readonly startMs: number;
  endMs: number | undefined;
  status: number | undefined;
}

export type TargetOf = (origin: string, path: string) => string;

export interface HttpSpanRecorder {
  /** Spans that started at or after `fromMs` (performance.now()). */
  since(fromMs: number): HttpSpan[];
  clear(): void;
  /** Drops the spans that ended before `endedBeforeMs`; those still open (a long poll in progress) are kept. */
  prune(endedBeforeMs: number): void;
  stop(): void;
}

export function recordHttpSpans(
  targetOf: TargetOf,
  contextOf: () => string | undefined = () => undefined,
): HttpSpanRecorder {
  let spans: HttpSpan[] = [];
  const byRequest = new WeakMap<object, HttpSpan>();
  const begin = (key: object, origin: string, path: string) => {
    const span: HttpSpan = {
      target: targetOf(origin, path),
      path,
      context: contextOf(),
      startMs: performance.now(),
      endMs: undefined,
      status: undefined,
    };
    byRequest.set(key, span);
    spans.push(span);
  };
  const finish = (key: object, status?: number) => {
    const span = byRequest.get(key);
    if (span === undefined || span.endMs !== undefined) return;
    span.endMs = performance.now();
    if (status !== undefined) span.status = status;
  };

  const onHttpStart = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    begin(request, `http://${String(request.getHeader('host') ?? request.host)}`, request.path);
    request.once('error', () => finish(request));
    request.once('close', () => finish(request));
  };
  const onHttpResponse = (message: unknown) => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    const span = byRequest.get(request);
    if (span !== undefined) span.status = response.statusCode;
    response.once('end', () => finish(request, response.statusCode));
  };
  const onFetchStart = (message: unknown) => {
    const { request } = message as { request: { origin: string; path: string } };
    begin(request, request.origin, request.path);
  };
  const onFetchHeaders = (message: unknown) => {
    const { request, response } = message as { request: object; response: { statusCode: number } };
    const span = byRequest.get(request);
    if (span !== undefined) span.status = response.statusCode;
  };
  const onFetchEnd = (message: unknown) => finish((message as { request: object }).request);

  const subscriptions: Array<[string, (message: unknown) => void]> = [
    ['http.client.request.start', onHttpStart],
    ['http.client.response.finish', onHttpResponse],
    ['undici:request:create', onFetchStart],
    ['undici:request:headers', onFetchHeaders],
    ['undici:request:trailers', onFetchEnd],
    ['undici:request:error', onFetchEnd],
  ];
  for (const [channel, listener] of subscriptions) diagnostics.subscribe(channel, listener);
  return {
    since: (fromMs) => spans.filter((span) => span.startMs >= fromMs),
    clear: () => {
      spans = [];
    },
    prune: (endedBeforeMs) => {
      spans = spans.filter((span) => span.endMs === undefined || span.endMs >= endedBeforeMs);
    },
    stop: () => {
      for (const [channel, listener] of subscriptions) diagnostics.unsubscribe(channel, listener);
    },
  };
}

/** Total time covered by the spans (overlaps counted once), cut to the window [fromMs, toMs]. */
export function coveredMs(spans: readonly HttpSpan[], fromMs: number, toMs: number): number {
  const intervals = spans
    .map((span) => [Math.max(fromMs, span.startMs), Math.min(toMs, span.endMs ?? toMs)] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let currentStart = Number.NEGATIVE_INFINITY;
  let currentEnd = Number.NEGATIVE_INFINITY;
  for (const [start, end] of intervals) {
    if (start > currentEnd) {
      total += currentEnd - currentStart > 0 ? currentEnd - currentStart : 0;
      currentStart = start;
      currentEnd = end;
    } else {
      currentEnd = Math.max(currentEnd, end);
    }
  }
  total += currentEnd - currentStart > 0 ? currentEnd - currentStart : 0;
  return total;
}
