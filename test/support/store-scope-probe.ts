// Proof that work runs in the store scope it belongs to: a real StoreScope (shared/store-access/store-scope.ts)
// that records the grants it opens, and ports wrapped to record, for every call, the store the call names and the
// store of the scope it ran in. In production a scoped port signs with the scope's session, so a call whose scope
// is not its store's is one IAM would refuse, and a call outside every scope one the port would refuse.
import {
  createStoreScope,
  currentStoreId,
  type StoreClients,
  type StoreGrant,
  type StoreScope,
} from '../../shared/store-access/store-scope';

export interface ProbedCall {
  /** `port.method`. */
  readonly call: string;
  /** The store the call names (its store id argument); undefined for a call that names none. */
  readonly named: string | undefined;
  /** The store of the scope the call ran in; undefined outside every scope. */
  readonly scope: string | undefined;
}

/** A store scope that records each grant it opens a session for (a nested run of the same grant opens none). */
export function recordingStoreScope(): { readonly scope: StoreScope; readonly grants: StoreGrant[] } {
  const grants: StoreGrant[] = [];
  const scope = createStoreScope((grant) => {
    grants.push(grant);
    return { grant } as StoreClients;
  });
  return { scope, grants };
}

/** The store a call names: a string first argument, or the `storeId` of an object first argument. */
export function storeNamedByFirstArgument(args: readonly unknown[]): string | undefined {
  const [first] = args;
  if (typeof first === 'string') return first;
  if (typeof first === 'object' && first !== null && 'storeId' in first)
    return String((first as { storeId: unknown }).storeId);
  return undefined;
}

/** `port`, recording each method call in `calls` under `name`. */
export function probed<T extends object>(
  name: string,
  port: T,
  calls: ProbedCall[],
  storeOf: (method: string, args: readonly unknown[]) => string | undefined = (_method, args) =>
    storeNamedByFirstArgument(args),
): T {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        calls.push({ call: `${name}.${property}`, named: storeOf(property, args), scope: currentStoreId() });
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/**
 * The calls that did not run in the scope of the store they name: a store call outside every scope, or in another
 * store's, and a call that names no store but ran in some store's scope.
 */
export const outOfScope = (calls: readonly ProbedCall[]): ProbedCall[] =>
  calls.filter((call) => call.scope !== call.named);
