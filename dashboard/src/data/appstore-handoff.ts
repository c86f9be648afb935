import type { AppstoreAuthorizationRequest } from '../api/types';
import {
  appstoreRequestFrom,
  hasAppstoreParams,
  withoutAppstoreParams,
  type AppstoreClaim,
} from './appstore-params';

/**
 * The Appstore hand-off, kept in this tab (sessionStorage) from the moment the Login URI's redirect arrives until
 * the operator confirms: it survives the sign-in round trip without travelling in any URL (the sign-in comes back
 * to `/appstore`, nothing more), and it is sent to Amazon at most once, because Amazon's `amazon_state` is
 * single-use and short-lived.
 *
 * Nothing here is trusted: the claim is checked with the API's own zod schema (passed in, so the dashboard loads
 * it only on this page) before any of it is shown.
 */
export const APPSTORE_HANDOFF_KEY = 'mintHub.appstore';
/**
 * How long a hand-off is offered. Amazon does not document `amazon_state`'s lifetime (the sandbox gives it 10
 * minutes) and our own OAuth state lives 10 minutes: an older set is not sent.
 */
export const HANDOFF_LIFETIME_MS = 10 * 60 * 1000;

type HandOffStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

interface StoredHandOff {
  /** Null when the query was incomplete. */
  readonly claim: AppstoreClaim | null;
  readonly receivedAt: number;
  /** Set when the browser left for Amazon with this `amazon_state`. */
  readonly sentAt?: number;
}

export type HandOff =
  | { readonly kind: 'none' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'sent' }
  | { readonly kind: 'valid'; readonly request: AppstoreAuthorizationRequest };

/** The part of a zod schema used here (`AppstoreRequest` in shared/authorization/appstore-request.ts). */
export interface AppstoreSchema {
  safeParse(
    value: unknown,
  ): { readonly success: true; readonly data: AppstoreAuthorizationRequest } | { readonly success: false };
}

function readStored(storage: HandOffStorage): StoredHandOff | undefined {
  const raw = storage.getItem(APPSTORE_HANDOFF_KEY);
  if (raw === null) return undefined;
  try {
    const stored = JSON.parse(raw) as Partial<StoredHandOff> | null;
    if (stored === null || typeof stored !== 'object' || typeof stored.receivedAt !== 'number')
      return undefined;
    return {
      claim: typeof stored.claim === 'object' ? stored.claim : null,
      receivedAt: stored.receivedAt,
      ...(typeof stored.sentAt === 'number' ? { sentAt: stored.sentAt } : {}),
    };
  } catch {
    return undefined;
  }
}

/**
 * On arrival at `/appstore`: a query carrying Appstore parameters replaces the kept hand-off (a new one from
 * Amazon), except the same `amazon_state` already sent, which stays sent. Answers whether the query carried
 * any, so the caller takes them out of the address bar.
 */
export function captureHandOff(search: string, storage: HandOffStorage, now: number): boolean {
  if (!hasAppstoreParams(search)) return false;
  const claim = appstoreRequestFrom(search) ?? null;
  const kept = readStored(storage);
  if (kept?.sentAt !== undefined && claim !== null && kept.claim?.amazonState === claim.amazonState)
    return true;
  const stored: StoredHandOff = { claim, receivedAt: now };
  storage.setItem(APPSTORE_HANDOFF_KEY, JSON.stringify(stored));
  return true;
}

/** The dashboard's Appstore page, where the Login URI sends the browser. */
export const APPSTORE_PATH = '/appstore';

export function isAppstorePath(pathname: string): boolean {
  return (pathname.replace(/\/+$/, '') || '/') === APPSTORE_PATH;
}

/**
 * On the Appstore page: keeps the query's hand-off in this tab and takes the parameters out of the address bar
 * (replaceState), so they are in no later URL, return path or Referer.
 */
export function keepAppstoreHandOff(
  location: Pick<Location, 'pathname' | 'search' | 'hash'>,
  history: Pick<History, 'replaceState'>,
  storage: HandOffStorage,
  now: number,
): void {
  if (!isAppstorePath(location.pathname)) return;
  if (captureHandOff(location.search, storage, now)) {
    history.replaceState(
      null,
      '',
      `${APPSTORE_PATH}${withoutAppstoreParams(location.search)}${location.hash}`,
    );
  }
}

/** The kept hand-off, checked: what the page may show and send. */
export function readHandOff(storage: HandOffStorage, now: number, schema: AppstoreSchema): HandOff {
  const stored = readStored(storage);
  if (stored === undefined) return { kind: 'none' };
  if (stored.sentAt !== undefined) return { kind: 'sent' };
  const parsed = stored.claim === null ? { success: false as const } : schema.safeParse(stored.claim);
  if (!parsed.success) return { kind: 'invalid' };
  if (now < stored.receivedAt || now - stored.receivedAt > HANDOFF_LIFETIME_MS) return { kind: 'expired' };
  return { kind: 'valid', request: parsed.data };
}

/** Right before the browser leaves for Amazon: this `amazon_state` is never offered again. */
export function markHandOffSent(storage: HandOffStorage, now: number): void {
  const stored = readStored(storage);
  if (stored === undefined) return;
  storage.setItem(APPSTORE_HANDOFF_KEY, JSON.stringify({ ...stored, sentAt: now }));
}

/** Loads the API's schema on the Appstore page only (its own chunk: zod stays out of the main bundle). */
export async function loadAppstoreSchema(): Promise<AppstoreSchema> {
  const { AppstoreRequest } = await import('../../../shared/authorization/appstore-request');
  return AppstoreRequest;
}
