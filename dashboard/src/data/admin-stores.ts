import type {
  AdminStoreMember,
  AdminStoreSummary,
  AdminStoresResponse,
} from '../../../shared/api/admin-stores-contract';
import type { Store } from '../api/types';

/**
 * The admin page's data (`GET /api/admin/stores`): pages appended as they load, the search over what is loaded,
 * and a store of the admin list as the store pages read it. An admin who is not a member has no role: the store
 * pages then offer only its members and access log, and the API refuses its data anyway.
 */
export interface AdminStorePages {
  readonly stores: readonly AdminStoreSummary[];
  readonly nextCursor: string | undefined;
}

/** Appends a page; a store already listed (a page boundary moved between reads) keeps its first row. */
export function appendAdminPage(
  pages: AdminStorePages | undefined,
  page: AdminStoresResponse,
): AdminStorePages {
  const seen = new Set((pages?.stores ?? []).map((store) => store.storeId));
  return {
    stores: [...(pages?.stores ?? []), ...page.stores.filter((store) => !seen.has(store.storeId))],
    nextCursor: page.nextCursor,
  };
}

/** How a person is named: name, else email, else their id (no longer in the user pool). */
export function personLabel(member: AdminStoreMember): string {
  return member.name ?? member.email ?? member.userId;
}

export function ownersOf(store: AdminStoreSummary): AdminStoreMember[] {
  return store.members.filter((member) => member.role === 'owner');
}

/** Stores whose name, seller id, store id or any member's name or email contains the query (any case). */
export function searchAdminStores(stores: readonly AdminStoreSummary[], query: string): AdminStoreSummary[] {
  const wanted = query.trim().toLocaleLowerCase();
  if (wanted === '') return [...stores];
  return stores.filter((store) =>
    [
      store.displayName,
      store.sellingPartnerId,
      store.storeId,
      ...store.members.flatMap((member) => [member.name, member.email, member.userId]),
    ].some((value) => typeof value === 'string' && value.toLocaleLowerCase().includes(wanted)),
  );
}

/** A store of the admin list as the store pages take it: the caller's role only if they are a member. */
export function adminStoreAsStore(store: AdminStoreSummary): Store {
  const { members: _members, healthCheck: _healthCheck, role, ...summary } = store;
  return { ...summary, ...(role === null ? {} : { role }) };
}

/**
 * Stores of the admin list seen in this tab, so a store page opened from it needs no second listing; a deep link
 * to a store not seen yet walks the list (at most `maxPages` pages) to find it.
 */
const seenStores = new Map<string, AdminStoreSummary>();

export function rememberAdminStores(stores: readonly AdminStoreSummary[]): void {
  for (const store of stores) seenStores.set(store.storeId, store);
}

export async function findAdminStore(
  storeId: string,
  listPage: (cursor: string | undefined) => Promise<AdminStoresResponse>,
  maxPages = 20,
): Promise<AdminStoreSummary | undefined> {
  const seen = seenStores.get(storeId);
  if (seen !== undefined) return seen;
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const answer = await listPage(cursor);
    rememberAdminStores(answer.stores);
    const found = answer.stores.find((store) => store.storeId === storeId);
    if (found !== undefined) return found;
    if (answer.nextCursor === undefined) return undefined;
    cursor = answer.nextCursor;
  }
  return undefined;
}
