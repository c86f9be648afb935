/**
 * `PUT /api/stores/{storeId}/display-name` `{"displayName": string | null}`: an owner names the store as the team
 * knows it, over the name Amazon's Sellers API gives (`storeName`); null clears the override. One definition for
 * the API (shared/stores/display-name-service.ts) and the dashboard. Not in the team's original route table.
 */

/** At most this many characters (Unicode code points), after trimming. */
export const DISPLAY_NAME_MAX_LENGTH = 80;

export interface DisplayNameRequest {
  readonly displayName: string | null;
}

export interface DisplayNameResponse {
  readonly storeId: string;
  /** What the store is shown as: the override when set, else Amazon's name (or the seller id without one). */
  readonly displayName: string;
  /** The owner's override; null when none is set. */
  readonly displayNameOverride: string | null;
  /** The name from Amazon's Sellers API (`storeName`), renewed at each re-authorization. */
  readonly amazonName: string;
  /** Counts the override's changes (0: never set). */
  readonly version: number;
}
