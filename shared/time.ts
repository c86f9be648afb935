/** Day and hour lengths, one definition for the API, the scripts and the dashboard (UTC days: no DST here). */
export const MILLISECONDS_PER_HOUR = 3_600_000;
export const MILLISECONDS_PER_DAY = 24 * MILLISECONDS_PER_HOUR;
export const SECONDS_PER_DAY = 86_400;
