/**
 * Store scopes: work done for one store after its access gate passed, with credentials that reach that store only.
 *
 * A gate decides (a membership read, a role check); it then runs the rest of the request in the scope of the store
 * it verified (`StoreScope.run`). Inside, every store port built with {@link scopedPort} talks to AWS with the
 * scope's clients, whose credentials come from a store-access session (shared/adapters/sts-store-sessions.ts): the
 * session's IAM policy admits only items under `STORE#{storeId}` and only that store's token. A bug between the gate
 * and the data (an id mixed up, a key built from the wrong variable) then meets IAM's refusal, not another store.
 * Outside any scope a scoped port refuses to work at all, so nothing falls back to the function's own role.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { AccessDenied } from '../errors';
import type { StoreSessionPurpose } from './store-access-policy';

/** What a gate verified: the store (from the item it read, never from the request) and the token purpose needed. */
export interface StoreGrant {
  readonly storeId: string;
  readonly purpose: StoreSessionPurpose;
}

export interface StoreScope {
  /** Runs `work` confined to `grant.storeId`; nested runs for the same grant reuse the scope. */
  run<T>(grant: StoreGrant, work: () => Promise<T>): Promise<T>;
}

/** The AWS clients of one store session, whatever their concrete types (DynamoDB and KMS in production). */
export type StoreClients = Readonly<Record<string, object>>;

/** A scoped port was used outside every store scope: a wiring fault, never a caller's. */
export class OutsideStoreScope extends Error {
  constructor() {
    super(
      'A store port was used outside a store scope; run the work in StoreScope.run after the access gate.',
    );
    this.name = 'OutsideStoreScope';
  }
}

/**
 * In-memory state (a cached access token, a shared fetch) held for one store was asked for from another store's
 * scope. IAM cannot see memory, so the code refuses it the way IAM refuses the table.
 */
export class StoreScopeViolation extends AccessDenied {
  constructor() {
    super();
  }
}

interface ActiveScope {
  readonly grant: StoreGrant;
  readonly clients: StoreClients;
}

const active = new AsyncLocalStorage<ActiveScope>();
const sameGrant = (a: StoreGrant, b: StoreGrant) => a.storeId === b.storeId && a.purpose === b.purpose;

/** The scopes of one execution environment, each scope's clients from `clientsFor` (cached there per grant). */
export function createStoreScope(clientsFor: (grant: StoreGrant) => StoreClients): StoreScope {
  return {
    run(grant, work) {
      const current = active.getStore();
      if (current !== undefined && sameGrant(current.grant, grant)) return work();
      return active.run({ grant, clients: clientsFor(grant) }, work);
    },
  };
}

/** For code and tests with no store sessions (the tests of the domain alone): runs the work unconfined. */
export const UNCONFINED: StoreScope = { run: (_grant, work) => work() };

/** The store of the scope the caller runs in; undefined outside every scope. */
export const currentStoreId = (): string | undefined => active.getStore()?.grant.storeId;

/**
 * Refuses in-memory state of `storeId` to work running in another store's scope ({@link StoreScopeViolation}).
 * Work outside every scope (the domain's own tests, a function with no store sessions) is not confined here: in
 * production every scoped port already refuses such work.
 */
export function confineToScope(storeId: string): void {
  const current = active.getStore();
  if (current !== undefined && current.grant.storeId !== storeId) throw new StoreScopeViolation();
}

/**
 * A port whose every method runs on the current scope's clients: `build` makes the port from a scope's clients,
 * once per set of clients (so once per store session, cached with it). Used outside a scope, its methods reject
 * with {@link OutsideStoreScope}.
 */
export function scopedPort<T extends object, C extends StoreClients = StoreClients>(
  build: (clients: C) => T,
): T {
  const built = new WeakMap<StoreClients, T>();
  const portOf = (): T => {
    const scope = active.getStore();
    if (scope === undefined) throw new OutsideStoreScope();
    let port = built.get(scope.clients);
    if (port === undefined) {
      port = build(scope.clients as C);
      built.set(scope.clients, port);
    }
    return port;
  };
  return new Proxy({} as T, {
    get(_target, name) {
      if (name === 'then') return undefined; // never mistaken for a promise
      return (...args: unknown[]) => {
        // Port methods answer with promises: outside a scope too, the refusal is a rejected promise.
        let port: Record<PropertyKey, unknown>;
        try {
          port = portOf() as Record<PropertyKey, unknown>;
        } catch (error) {
          return Promise.reject(error);
        }
        const method = port[name];
        if (typeof method !== 'function') throw new TypeError(`Scoped port has no method ${String(name)}`);
        return (method as (...a: unknown[]) => unknown).apply(port, args);
      };
    },
  });
}

/**
 * A refusal by a store session's IAM policy: the work reached outside its store. Answered as 403 AccessDenied (the
 * caller learns nothing about the other store) and counted, since it always means a fault in our code.
 */
export class StoreIsolationRefused extends AccessDenied {
  constructor() {
    super();
  }
}

/** Runs `work` in the scope of the store a gate verified, for its items only (a `NONE` session: no token). */
export const inStoreScope = <T>(
  scope: StoreScope | undefined,
  storeId: string,
  work: () => Promise<T>,
): Promise<T> => (scope ?? UNCONFINED).run({ storeId, purpose: 'NONE' }, work);
