import type { Snapshot } from '../ports';
import { SECONDS_PER_DAY } from '../time';

/** Whole seconds since a snapshot's data was read from Amazon (never negative). */
export const ageSeconds = (now: Date, fetchedAt: string | Date): number =>
  Math.max(0, Math.round((now.getTime() - new Date(fetchedAt).getTime()) / 1000));

/** Within its time to live a stored copy answers the view without calling Amazon. */
export const isFresh = (
  snapshot: Pick<Snapshot<unknown>, 'fetchedAt'> | undefined,
  now: Date,
  maxAgeSeconds: number,
): boolean => snapshot !== undefined && now.getTime() - Date.parse(snapshot.fetchedAt) < maxAgeSeconds * 1000;

/** Snapshots are kept a little longer than the data they hold can be used, then expire (TTL). */
export const INVENTORY_SNAPSHOT_RETENTION_SECONDS = 7 * SECONDS_PER_DAY;
/** The stored order history is kept a little longer than the longest window it serves (90 days). */
export const ORDER_HISTORY_RETENTION_SECONDS = 95 * SECONDS_PER_DAY;
