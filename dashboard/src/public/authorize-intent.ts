import { REGIONS, type Region } from '../api/types';

/**
 * "Authorize with Amazon" on the public page, remembered across the sign-in round-trip: the region the seller
 * chose, in sessionStorage (this tab only), taken once by the `/authorize` page. Only a fresh intent set by a click
 * in this tab starts the authorization by itself; a bare link to `/authorize` shows the form and waits for a click.
 */
export const AUTHORIZE_INTENT_KEY = 'mintHub.authorizeIntent';
/** The path the public page signs in to; the signed-in app continues the authorization there. */
export const AUTHORIZE_PATH = '/authorize';
/** Sign-in may take a while (a forgotten password); older intents are dropped. */
const INTENT_TTL_MS = 10 * 60 * 1000;

type IntentStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function saveAuthorizeIntent(storage: IntentStorage, region: Region, now: number): void {
  storage.setItem(AUTHORIZE_INTENT_KEY, JSON.stringify({ region, at: now }));
}

/** The region of a fresh intent, or undefined; the intent is removed either way. */
export function takeAuthorizeIntent(storage: IntentStorage, now: number): Region | undefined {
  const raw = storage.getItem(AUTHORIZE_INTENT_KEY);
  storage.removeItem(AUTHORIZE_INTENT_KEY);
  if (raw === null) return undefined;
  try {
    const intent = JSON.parse(raw) as { region?: unknown; at?: unknown };
    const region = REGIONS.find((candidate) => candidate === intent.region);
    if (region === undefined || typeof intent.at !== 'number') return undefined;
    return now - intent.at >= 0 && now - intent.at <= INTENT_TTL_MS ? region : undefined;
  } catch {
    return undefined;
  }
}
