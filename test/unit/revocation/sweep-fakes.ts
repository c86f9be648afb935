import type { PendingShred, RevocationSweepStore, SweepCandidate } from '../../../shared/revocation/ports';

/** The table as the sweep sees it, with pages of `perPage` profiles and the conditional shred of the adapter. */
export class FakeSweepStore implements RevocationSweepStore {
  readonly stores = new Map<string, SweepCandidate>();
  cursor: string | undefined;
  pagesRead = 0;
  /** Runs just before a shred is written: a test plays another writer here. */
  beforeShred: (storeId: string) => void = () => undefined;

  constructor(
    stores: SweepCandidate[],
    private readonly perPage = 2,
  ) {
    for (const store of stores) this.stores.set(store.storeId, store);
  }

  async sweepCandidatePage({ cursor }: { pageSize: number; cursor?: string }) {
    this.pagesRead += 1;
    const ids = [...this.stores.keys()].sort();
    const start = cursor === undefined ? 0 : Number(cursor);
    const page = ids.slice(start, start + this.perPage).map((id) => this.stores.get(id)!);
    const next = start + this.perPage < ids.length ? String(start + this.perPage) : undefined;
    return {
      candidates: page.filter((store) => store.status === 'REVOKED' || store.pendingShred !== undefined),
      next,
    };
  }

  async readSweepCandidate(storeId: string) {
    return this.stores.get(storeId);
  }

  async shredLostCiphertext(command: {
    storeId: string;
    expectedUpdatedAt: string | undefined;
    pending: PendingShred;
  }) {
    this.beforeShred(command.storeId);
    const store = this.stores.get(command.storeId);
    if (
      store === undefined ||
      store.status !== 'REVOKED' ||
      store.pendingShred !== undefined ||
      store.updatedAt !== command.expectedUpdatedAt
    )
      return 'conflict' as const;
    this.stores.set(command.storeId, { ...store, tokens: [], pendingShred: command.pending });
    return 'applied' as const;
  }

  async clearPendingShred(storeId: string, eventId: string) {
    const store = this.stores.get(storeId);
    if (store?.pendingShred?.eventId !== eventId) return;
    const { pendingShred: _cleared, ...rest } = store;
    this.stores.set(storeId, rest);
  }

  async readSweepCursor() {
    return this.cursor;
  }

  async saveSweepCursor(cursor: string | undefined) {
    this.cursor = cursor;
  }
}
