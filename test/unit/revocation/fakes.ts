import type { Context } from 'aws-lambda';
// In-memory stand-ins for the revocation ports. The ledger re-checks the same preconditions as the DynamoDB adapter's
// conditional writes (tested against DynamoDB Local in test/integration/revocation), so the orchestration's retry
// and idempotency paths can be driven here without I/O.
import type { AuditRecord } from '../../../shared/audit/audit-record';
import type { AuditTrail, Clock } from '../../../shared/ports';
import type {
  ActiveStore,
  ActiveStoreDirectory,
  ProcessedEvent,
  RevocationLedger,
} from '../../../shared/revocation/ports';
import type { StoreState } from '../../../shared/revocation/store-status-decision';

export const T0 = new Date('2026-11-20T10:00:00.000Z');
export const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000).toISOString();

export class FakeClock implements Clock {
  constructor(public current: Date = T0) {}
  now() {
    return new Date(this.current);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** A store as the fake keeps it: its state (writable, so a test can play another writer) and its items. */
export type FakeStore = { -readonly [K in keyof StoreState]: StoreState[K] } & {
  tokens: string[];
  snapshots: string[];
  revokedAt?: string;
  revokedReason?: string;
};

export function activeStore(storeId: string, overrides: Partial<FakeStore> = {}): FakeStore {
  const [sellingPartnerId = '', region = 'NA'] = storeId.split('-');
  return {
    storeId,
    sellingPartnerId,
    region: region as FakeStore['region'],
    status: 'ACTIVE',
    connectedAt: at(-60 * 24 * 30),
    authorizedAt: at(-60 * 24),
    tokens: ['SPAPI'],
    snapshots: ['SNAPSHOT#inventory#ATVPDKIKX0DER'],
    ...overrides,
  };
}

export class FakeLedger implements RevocationLedger {
  readonly stores = new Map<string, FakeStore>();
  readonly events = new Map<string, ProcessedEvent>();
  readonly calls: string[] = [];
  /** Runs once before the next write, to simulate another writer between read and write. */
  beforeNextWrite: (() => void) | undefined;

  constructor(stores: FakeStore[] = []) {
    for (const store of stores) this.stores.set(store.storeId, store);
  }

  private interfere() {
    const hook = this.beforeNextWrite;
    this.beforeNextWrite = undefined;
    hook?.();
  }

  async getStoreState(storeId: string) {
    this.calls.push(`getStoreState ${storeId}`);
    const store = this.stores.get(storeId);
    if (store === undefined) return undefined;
    const { tokens: _tokens, snapshots: _snapshots, revokedAt: _r, revokedReason: _rr, ...state } = store;
    return { ...state };
  }

  async getProcessedEvent(storeId: string, eventId: string) {
    return this.events.get(`${storeId}/${eventId}`);
  }

  async revokeStore(command: Parameters<RevocationLedger['revokeStore']>[0]) {
    this.calls.push(`revokeStore ${command.storeId} ${command.eventId}`);
    this.interfere();
    const key = `${command.storeId}/${command.eventId}`;
    if (this.events.has(key)) return 'duplicate' as const;
    const store = this.stores.get(command.storeId);
    if (
      store === undefined ||
      store.status !== command.expectedStatus ||
      (store.authorizedAt ?? store.connectedAt) > command.at
    )
      return 'conflict' as const;
    const snapshotsPurged = store.snapshots.length;
    Object.assign(store, {
      status: 'REVOKED',
      revokedAt: command.at,
      revokedReason: command.source,
      tokens: [],
      snapshots: [],
    });
    this.events.set(key, {
      eventId: command.eventId,
      storeId: command.storeId,
      action: 'revoke',
      outcome: 'revoked',
      at: command.at,
      processedAt: command.now.toISOString(),
      auditPending: true,
      revocation: {
        source: command.source,
        ...(command.actorId === undefined ? {} : { actorId: command.actorId }),
        previousStatus: command.expectedStatus,
        sellingPartnerId: command.sellingPartnerId,
        region: command.region,
        snapshotsPurged,
      },
    });
    return 'applied' as const;
  }

  async changeAccountStatus(command: Parameters<RevocationLedger['changeAccountStatus']>[0]) {
    this.calls.push(`changeAccountStatus ${command.storeId} ${command.eventId}`);
    this.interfere();
    const key = `${command.storeId}/${command.eventId}`;
    if (this.events.has(key)) return 'duplicate' as const;
    const store = this.stores.get(command.storeId);
    if (
      store === undefined ||
      store.status !== command.expectedStatus ||
      (store.accountStatusAt !== undefined && store.accountStatusAt >= command.at)
    )
      return 'conflict' as const;
    Object.assign(store, {
      status: command.status,
      accountStatus: command.accountStatus,
      accountStatusAt: command.at,
    });
    this.events.set(key, {
      eventId: command.eventId,
      storeId: command.storeId,
      action: 'account-status',
      outcome: command.status === command.expectedStatus ? 'account-status-recorded' : 'status-changed',
      at: command.at,
      processedAt: command.now.toISOString(),
      auditPending: false,
    });
    return 'applied' as const;
  }

  async recordIgnoredEvent(event: Parameters<RevocationLedger['recordIgnoredEvent']>[0]) {
    this.calls.push(`recordIgnoredEvent ${event.storeId} ${event.eventId} ${event.reason}`);
    const key = `${event.storeId}/${event.eventId}`;
    if (this.events.has(key)) return 'duplicate' as const;
    this.events.set(key, {
      eventId: event.eventId,
      storeId: event.storeId,
      action: event.action,
      outcome: `ignored:${event.reason}`,
      at: event.at,
      processedAt: event.now.toISOString(),
      auditPending: false,
    });
    return 'applied' as const;
  }

  async markAudited(storeId: string, eventId: string) {
    const event = this.events.get(`${storeId}/${eventId}`);
    if (event === undefined) throw new Error('no such event');
    this.events.set(`${storeId}/${eventId}`, { ...event, auditPending: false });
  }

  async purgeSnapshots(storeId: string) {
    this.calls.push(`purgeSnapshots ${storeId}`);
    const store = this.stores.get(storeId);
    const count = store?.snapshots.length ?? 0;
    if (store !== undefined) store.snapshots = [];
    return count;
  }
}

export class FakeAudit implements AuditTrail {
  readonly records: AuditRecord[] = [];
  /** Fails this many writes (after the first `okBeforeFailing`), like an unreachable log group. */
  failures = 0;
  async write(record: AuditRecord) {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('audit trail unavailable');
    }
    this.records.push(record);
  }
}

export class FakeDirectory implements ActiveStoreDirectory {
  readonly marked: string[] = [];
  /** The saved cursor, as the table keeps it between runs. */
  cursor: string | undefined;
  constructor(
    private readonly stores: ActiveStore[],
    private readonly pageSizeSeen: number[] = [],
  ) {}
  /** In store id order (a stand-in for the Scan's fixed order); after `startAfter`, which need not exist. */
  async *activeStorePages(pageSize: number, startAfter?: string) {
    this.pageSizeSeen.push(pageSize);
    const ordered = [...this.stores].sort((a, b) => a.storeId.localeCompare(b.storeId));
    const rest = startAfter === undefined ? ordered : ordered.filter((s) => s.storeId > startAfter);
    for (let i = 0; i < rest.length; i += pageSize) yield rest.slice(i, i + pageSize);
  }
  async readHealthCheckCursor() {
    return this.cursor;
  }
  async saveHealthCheckCursor(storeId: string) {
    this.cursor = storeId;
  }
  async markReauthorizationRequired(storeId: string) {
    this.marked.push(storeId);
    return true;
  }
}

/** A Lambda context for a handler called directly, with `remainingMs` left before its timeout. */
export const lambdaContext = (functionName: string, remainingMs: number): Context =>
  ({
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: 'req-1',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => remainingMs,
  }) as unknown as Context;
