import { randomUUID } from 'node:crypto';
import type { AuditTrail, Clock } from '../ports';
import type {
  ApplicationManagementApi,
  ClientSecretLedger,
  ClientSecretStore,
  GrantlessTokens,
} from './ports';
import { MILLISECONDS_PER_DAY, MILLISECONDS_PER_HOUR } from '../time';

/**
 * The scheduled start of a rotation. Amazon's LWA client secrets live 180 days; `leadDays` before the current one
 * expires, the schedule calls rotateApplicationClientSecret (grantless, scope
 * `sellingpartnerapi::client_credential:rotation`), and Amazon sends the new secret to the client-secret queue,
 * where the rotation worker makes it current. The job also reports the secret's age and days left as metrics:
 * the alarms watch those (an age past 170 days means no rotation happened).
 */
export const CLIENT_SECRET_LIFETIME_DAYS = 180;
export const ROTATION_SCOPE = 'sellingpartnerapi::client_credential:rotation';
/** Amazon allows 0.0167 requests per second (one a minute); a request a day is plenty, and never two. */
const REQUEST_AGAIN_AFTER_MS = 23 * MILLISECONDS_PER_HOUR;
export const ROTATION_STARTER_ACTOR_ID = 'client-secret-rotation-schedule';

export interface StartRotationDependencies {
  readonly secrets: Pick<ClientSecretStore, 'currentVersion'>;
  readonly ledger: Pick<ClientSecretLedger, 'getState' | 'markRotationRequested'>;
  readonly lwa: GrantlessTokens;
  readonly applications: ApplicationManagementApi;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  readonly leadDays: number;
}

export interface StartRotationReport {
  readonly action: 'requested' | 'not-due' | 'already-requested';
  /** Days since the current secret became current. */
  readonly ageDays: number;
  /** Days until it expires (negative once expired). */
  readonly daysLeft: number;
  /** Where the expiry came from: the last rotation notification, an expiry notice, or the version's creation. */
  readonly expirySource: 'rotation' | 'expiry-notice' | 'version-created';
}

export async function startClientSecretRotation(
  deps: StartRotationDependencies,
  requestId: string = randomUUID(),
): Promise<StartRotationReport> {
  const now = deps.clock.now();
  const [state, current] = await Promise.all([deps.ledger.getState(), deps.secrets.currentVersion()]);
  const rotatedIntoThis = state?.currentVersionId === current.versionId;
  const becameCurrentAt =
    rotatedIntoThis && state?.rotatedAt !== undefined ? state.rotatedAt : current.createdAt;

  let expiresAt: string;
  let expirySource: StartRotationReport['expirySource'];
  if (rotatedIntoThis && state?.currentSecretExpiresAt !== undefined) {
    expiresAt = state.currentSecretExpiresAt;
    expirySource = 'rotation';
  } else if (state?.expiryNoticeExpiresAt !== undefined && state.expiryNoticeAt! >= current.createdAt) {
    expiresAt = state.expiryNoticeExpiresAt;
    expirySource = 'expiry-notice';
  } else {
    expiresAt = new Date(
      Date.parse(current.createdAt) + CLIENT_SECRET_LIFETIME_DAYS * MILLISECONDS_PER_DAY,
    ).toISOString();
    expirySource = 'version-created';
  }
  const ageDays = round((now.getTime() - Date.parse(becameCurrentAt)) / MILLISECONDS_PER_DAY);
  const daysLeft = round((Date.parse(expiresAt) - now.getTime()) / MILLISECONDS_PER_DAY);
  const report = { ageDays, daysLeft, expirySource } as const;

  if (daysLeft > deps.leadDays) return { action: 'not-due', ...report };
  // A request since this secret became current that has not led to a rotation yet: Amazon is working on it.
  if (
    state?.rotationRequestedAt !== undefined &&
    state.rotationRequestedAt > becameCurrentAt &&
    now.getTime() - Date.parse(state.rotationRequestedAt) < REQUEST_AGAIN_AFTER_MS
  )
    return { action: 'already-requested', ...report };

  const token = await deps.lwa.grantlessAccessToken(ROTATION_SCOPE);
  await deps.applications.rotateApplicationClientSecret(token);
  await deps.ledger.markRotationRequested(now);
  await deps.audit.write({
    kind: 'client-secret-rotation-requested',
    at: now.toISOString(),
    actor: { type: 'system', id: ROTATION_STARTER_ACTOR_ID },
    storeId: null,
    outcome: 'allowed',
    requestId,
    detail: { currentSecretExpiresAt: expiresAt, daysLeft, expirySource },
  });
  return { action: 'requested', ...report };
}

const round = (days: number) => Math.round(days * 100) / 100;
