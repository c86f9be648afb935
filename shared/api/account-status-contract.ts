/**
 * Amazon's seller account status (ACCOUNT_STATUS_CHANGED), as `GET /api/stores` reports it beside the store's own
 * status: one definition for the API and the dashboard.
 *
 * - `NORMAL`: nothing to do.
 * - `AT_RISK`: the account is active, but Amazon flags it (performance, policy): the store stays readable and the
 *   dashboard shows the warning.
 * - `DEACTIVATED`: the store is SUSPENDED: every read is refused (no Amazon call) until Amazon says NORMAL or
 *   AT_RISK again. A REVOKED store stays revoked whatever Amazon says.
 */
export const ACCOUNT_STATUSES = ['NORMAL', 'AT_RISK', 'DEACTIVATED'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** Extra fields of a store in `GET /api/stores`; absent until Amazon first sent a status for the store. */
export interface StoreAccountStatusFields {
  readonly accountStatus?: AccountStatus;
  /** Amazon's EventTime of the notification that set it. */
  readonly accountStatusAt?: string;
}
