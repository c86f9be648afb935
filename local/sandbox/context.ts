import type { AppRegistry } from './apps';
import type { AuthorizationLedger } from './authorizations';
import type { SandboxClock } from './clock';
import type { CallCounterBook } from './counters';
import type { SeedData } from './data/seed-data';
import type { FaultInjector } from './faults';
import type { OneTimeCodes } from './one-time-codes';
import type { UsagePlanLimiter } from './rate-limiter';
import type { ClientSecretBook } from './spapi/application-management';
import type { NotificationHub } from './spapi/notification-hub';
import type { PageTokenStore } from './spapi/page-tokens';

/** Everything one sandbox instance holds; handlers receive it instead of reaching for globals. */
export interface SandboxContext {
  /** Set once the server listens, e.g. http://127.0.0.1:43121. */
  baseUrl: string;
  clock: SandboxClock;
  apps: AppRegistry;
  ledger: AuthorizationLedger;
  codes: OneTimeCodes;
  data: SeedData;
  counters: CallCounterBook;
  faults: FaultInjector;
  limiter: UsagePlanLimiter;
  pageTokens: PageTokenStore;
  /** Every LWA client secret of each app, with expiry (rotation: spapi/application-management.ts). */
  clientSecrets: ClientSecretBook;
  /** Notifications API state and delivery to SQS (spapi/notifications.ts). */
  notifications: NotificationHub;
}
