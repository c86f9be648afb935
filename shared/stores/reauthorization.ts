import { MILLISECONDS_PER_DAY } from '../time';
import type { StoreStatus } from './store';

/** Re-authorization is flagged this many days ahead. */
export const REAUTHORIZATION_NOTICE_DAYS = 30;

export interface ReauthorizationWindow {
  /** Whole days until `reauthorizeBy`, floored: negative from the moment it has passed. */
  readonly reauthorizeInDays: number;
  /** An ACTIVE store within REAUTHORIZATION_NOTICE_DAYS of `reauthorizeBy` (or past it): the seller must renew. */
  readonly reauthorizationDue: boolean;
}

/**
 * The one re-authorization rule: GET /api/stores answers it, the daily health check reports it, and the dashboard
 * only shows what the API says (dashboard/src/data/store-status.ts never counts days itself).
 */
export function reauthorizationOf(
  store: { readonly status: StoreStatus; readonly reauthorizeBy: string },
  now: Date,
): ReauthorizationWindow {
  const reauthorizeInDays = Math.floor(
    (Date.parse(store.reauthorizeBy) - now.getTime()) / MILLISECONDS_PER_DAY,
  );
  return {
    reauthorizeInDays,
    reauthorizationDue: store.status === 'ACTIVE' && reauthorizeInDays <= REAUTHORIZATION_NOTICE_DAYS,
  };
}
