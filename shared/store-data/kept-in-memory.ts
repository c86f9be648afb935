/**
 * What an execution environment keeps between invocations of a store's views: decoded snapshots by their content
 * and finished answers by the versions they were made from (snapshot-store adapter, inventory and orders views).
 *
 * Both are bounded by weight (about the bytes of JSON they stand for), the least recently used dropped first, and
 * both are store data held outside DynamoDB, where IAM cannot see it: an entry is served only to its own store's
 * scope (confineToScope), as the cached access tokens are. Entries are frozen: what one view was given cannot be
 * changed under the next.
 */
import { LRUCache } from 'lru-cache';
import { confineToScope } from '../store-access/store-scope';

export interface KeptEntry<T> {
  readonly storeId: string;
  readonly value: T;
  /** About how many bytes the value stands for (its JSON length): the bound is on the sum. */
  readonly weight: number;
}

export class KeptInMemory<T extends object> {
  private readonly entries: LRUCache<string, KeptEntry<T>>;

  constructor(maxWeight: number) {
    this.entries = new LRUCache<string, KeptEntry<T>>({
      maxSize: maxWeight,
      // An entry heavier than the whole bound is not kept (lru-cache refuses it).
      sizeCalculation: (entry) => Math.max(1, entry.weight),
    });
  }

  get(storeId: string, key: string): T | undefined {
    confineToScope(storeId);
    return this.entries.get(`${storeId}|${key}`)?.value;
  }

  set(storeId: string, key: string, value: T, weight: number): T {
    confineToScope(storeId);
    const frozen = deepFreeze(value);
    this.entries.set(`${storeId}|${key}`, { storeId, value: frozen, weight });
    return frozen;
  }
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
