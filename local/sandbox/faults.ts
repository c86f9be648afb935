import { setTimeout as delay } from 'node:timers/promises';
import type { Faults, OperationFault, OperationFaultKind } from './types';

type CountFault = Exclude<keyof Faults, 'operations'>;

const NO_COUNT_FAULTS: Record<CountFault, number> = {
  lwa5xx: 0,
  spapi5xx: 0,
  throttleStorm: 0,
  latencyMs: 0,
};

const OPERATION_FAULT_KINDS: readonly OperationFaultKind[] = [
  'truncatedJson',
  'htmlBody',
  'missingList',
  'repeatedNextToken',
  'hang',
  'serverError',
];
const PAGES = ['first', 'next', 'any'] as const;
const SERVER_ERROR_STATUSES = [500, 502, 503, 504] as const;
/** A hang is bounded: a test that forgets to clear it still ends. */
export const MAX_HANG_MS = 120_000;
const DEFAULT_HANG_MS = 30_000;

export type ServerErrorStatus = 500 | 503;

/** A matching operation fault, resolved to what the router does. */
export type OperationFaultAction =
  | { kind: 'hang'; hangMs: number }
  | { kind: 'serverError'; status: 500 | 502 | 503 | 504 }
  | { kind: Exclude<OperationFaultKind, 'hang' | 'serverError'> };

interface ArmedOperationFault {
  operation: string;
  kind: OperationFaultKind;
  pages: 'first' | 'next' | 'any';
  remaining: number;
  hangMs: number;
  status: 500 | 502 | 503 | 504;
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function readOperationFault(value: unknown, index: number): ArmedOperationFault {
  const where = `operations[${index}]`;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TypeError(`${where} must be an object`);
  const fault = value as Partial<Record<keyof OperationFault, unknown>>;
  for (const key of Object.keys(fault)) {
    if (!['operation', 'kind', 'pages', 'times', 'hangMs', 'status'].includes(key))
      throw new TypeError(`${where} has an unknown field "${key}"`);
  }
  if (typeof fault.operation !== 'string' || fault.operation === '')
    throw new TypeError(`${where}.operation must be an SP-API operationId`);
  if (!OPERATION_FAULT_KINDS.includes(fault.kind as OperationFaultKind))
    throw new TypeError(`${where}.kind must be one of ${OPERATION_FAULT_KINDS.join(', ')}`);
  if (fault.pages !== undefined && !PAGES.includes(fault.pages as (typeof PAGES)[number]))
    throw new TypeError(`${where}.pages must be first, next or any`);
  if (fault.times !== undefined && (!isNonNegativeInteger(fault.times) || fault.times === 0))
    throw new TypeError(`${where}.times must be a positive integer`);
  if (fault.hangMs !== undefined && (!isNonNegativeInteger(fault.hangMs) || fault.hangMs > MAX_HANG_MS))
    throw new TypeError(`${where}.hangMs must be an integer from 0 to ${MAX_HANG_MS}`);
  if (
    fault.status !== undefined &&
    !SERVER_ERROR_STATUSES.includes(fault.status as (typeof SERVER_ERROR_STATUSES)[number])
  )
    throw new TypeError(`${where}.status must be one of ${SERVER_ERROR_STATUSES.join(', ')}`);
  return {
    operation: fault.operation,
    kind: fault.kind as OperationFaultKind,
    pages: (fault.pages as ArmedOperationFault['pages'] | undefined) ?? 'any',
    remaining: (fault.times as number | undefined) ?? 1,
    hangMs: (fault.hangMs as number | undefined) ?? DEFAULT_HANG_MS,
    status: (fault.status as ArmedOperationFault['status'] | undefined) ?? 503,
  };
}

/**
 * Injected failures. Counts are consumed one per matching request; 5xx alternate 500, 503, 500… Operation faults
 * are consumed one per matching request too. Held (hanging) answers are released by `clear()` and `release()`,
 * so clearing the faults or closing the sandbox never leaves a request or a timer behind.
 */
export class FaultInjector {
  private faults: Record<CountFault, number> = { ...NO_COUNT_FAULTS };
  private operations: ArmedOperationFault[] = [];
  private lwaServed = 0;
  private spapiServed = 0;
  private holds = new AbortController();

  set(partial: Partial<Faults>): void {
    const updates: Partial<Record<CountFault, number>> = {};
    let operations: ArmedOperationFault[] | undefined;
    for (const [name, value] of Object.entries(partial)) {
      if (value === undefined) continue;
      if (name === 'operations') {
        if (!Array.isArray(value)) throw new TypeError('Fault "operations" must be a list');
        operations = value.map(readOperationFault);
        continue;
      }
      if (!(name in NO_COUNT_FAULTS)) throw new TypeError(`Unknown fault "${name}"`);
      if (!isNonNegativeInteger(value)) {
        throw new TypeError(`Fault "${name}" must be a non-negative integer`);
      }
      updates[name as CountFault] = value;
    }
    if (updates.lwa5xx !== undefined) this.lwaServed = 0;
    if (updates.spapi5xx !== undefined) this.spapiServed = 0;
    this.faults = { ...this.faults, ...updates };
    if (operations !== undefined) this.operations = operations;
  }

  clear(): void {
    this.faults = { ...NO_COUNT_FAULTS };
    this.operations = [];
    this.lwaServed = 0;
    this.spapiServed = 0;
    this.release();
  }

  /** Answers every held request now. */
  release(): void {
    this.holds.abort();
    this.holds = new AbortController();
  }

  current(): Faults {
    return {
      ...this.faults,
      operations: this.operations.map((fault) => ({
        operation: fault.operation,
        kind: fault.kind,
        pages: fault.pages,
        times: fault.remaining,
        ...(fault.kind === 'hang' ? { hangMs: fault.hangMs } : {}),
        ...(fault.kind === 'serverError' ? { status: fault.status } : {}),
      })),
    };
  }

  get latencyMs(): number {
    return this.faults.latencyMs;
  }

  takeLwaServerError(): ServerErrorStatus | undefined {
    if (this.faults.lwa5xx <= 0) return undefined;
    this.faults.lwa5xx -= 1;
    this.lwaServed += 1;
    return this.lwaServed % 2 === 1 ? 500 : 503;
  }

  takeSpApiServerError(): ServerErrorStatus | undefined {
    if (this.faults.spapi5xx <= 0) return undefined;
    this.faults.spapi5xx -= 1;
    this.spapiServed += 1;
    return this.spapiServed % 2 === 1 ? 500 : 503;
  }

  takeThrottle(): boolean {
    if (this.faults.throttleStorm <= 0) return false;
    this.faults.throttleStorm -= 1;
    return true;
  }

  /** The first operation fault matching this call, consumed; undefined when none does. */
  takeOperationFault(operation: string, carriesPageToken: boolean): OperationFaultAction | undefined {
    const index = this.operations.findIndex(
      (fault) =>
        fault.operation === operation &&
        (fault.pages === 'any' || (fault.pages === 'next') === carriesPageToken) &&
        (fault.kind !== 'repeatedNextToken' || carriesPageToken),
    );
    const fault = this.operations[index];
    if (fault === undefined) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.operations.splice(index, 1);
    if (fault.kind === 'hang') return { kind: 'hang', hangMs: fault.hangMs };
    if (fault.kind === 'serverError') return { kind: 'serverError', status: fault.status };
    return { kind: fault.kind };
  }

  /** Holds an answer for `ms`, or until the faults are cleared or the sandbox closes. */
  async hold(ms: number): Promise<void> {
    try {
      await delay(ms, undefined, { signal: this.holds.signal });
    } catch {
      // Released early: answer now.
    }
  }
}
