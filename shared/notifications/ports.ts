/**
 * The ports of the client-secret rotation, beside shared/ports.ts: the secret store (Secrets Manager), the
 * rotation ledger (the one table), the LWA check of a new secret and Amazon's Application Management API.
 */

/** The version of the secret that functions read (stage AWSCURRENT). */
export interface ClientSecretVersion {
  readonly versionId: string;
  readonly createdAt: string;
}

export interface ClientSecretStore {
  /**
   * Writes `value` as version `versionId`, staged AWSPENDING only: functions keep reading AWSCURRENT. The same
   * version id with the same value again is a no-op (Secrets Manager's ClientRequestToken), so a redelivery is too.
   */
  stagePending(versionId: string, value: string): Promise<void>;
  /** Moves AWSCURRENT to `versionId` (the one before becomes AWSPREVIOUS) and drops AWSPENDING. Idempotent. */
  promote(versionId: string): Promise<void>;
  /** The version functions read now. */
  currentVersion(): Promise<ClientSecretVersion>;
}

/** What the app knows about its LWA client secret, under `APP#LWA_CLIENT_SECRET` / `STATE`. */
export interface ClientSecretState {
  /** The version the last applied rotation made current, and when that secret expires (Amazon's time). */
  readonly currentVersionId?: string;
  readonly currentSecretExpiresAt?: string;
  readonly rotatedAt?: string;
  /** When the secret before it stops working (about 7 days after the rotation). */
  readonly previousSecretExpiresAt?: string;
  /** The last APPLICATION_OAUTH_CLIENT_SECRET_EXPIRY: when it came, and the expiry it announced. */
  readonly expiryNoticeAt?: string;
  readonly expiryNoticeExpiresAt?: string;
  /** When the schedule last asked Amazon to rotate (rotateApplicationClientSecret answered 204). */
  readonly rotationRequestedAt?: string;
}

export interface ProcessedClientSecretEvent {
  readonly eventId: string;
  readonly outcome: 'rotated' | 'superseded' | 'expiry-notice';
  readonly auditPending: boolean;
  readonly processedAt: string;
  /** Times only: what the audit record says. */
  readonly versionId?: string;
  readonly newClientSecretExpiryTime?: string;
  readonly oldClientSecretExpiryTime?: string;
  readonly eventTime: string;
}

export interface ClientSecretLedger {
  getState(): Promise<ClientSecretState | undefined>;
  getProcessedEvent(eventId: string): Promise<ProcessedClientSecretEvent | undefined>;
  /**
   * In one transaction: the state's current version and expiry (only if no later expiry is recorded) and the event
   * (only once). Answers `superseded` when a newer rotation is already recorded, `duplicate` when the event is.
   */
  recordRotation(
    event: ProcessedClientSecretEvent & { readonly now: Date },
  ): Promise<'applied' | 'superseded' | 'duplicate'>;
  /** Records an event that changes no secret (an expiry notice, a superseded rotation), once. */
  recordEvent(
    event: ProcessedClientSecretEvent & { readonly now: Date },
    state?: Pick<ClientSecretState, 'expiryNoticeAt' | 'expiryNoticeExpiresAt'>,
  ): Promise<'applied' | 'duplicate'>;
  markAudited(eventId: string, now: Date): Promise<void>;
  markRotationRequested(now: Date): Promise<void>;
}

/** LWA, for grantless (client_credentials) tokens. */
export interface GrantlessTokens {
  /**
   * A grantless access token for `scope`. With `clientSecret`, that secret is used instead of the configured one
   * (how a new secret is proven before functions see it). Throws LwaError.
   */
  grantlessAccessToken(scope: string, options?: { readonly clientSecret?: string }): Promise<string>;
}

export interface ApplicationManagementApi {
  /** POST /applications/2023-11-30/clientSecret: Amazon then sends the new secret to the registered queue. */
  rotateApplicationClientSecret(accessToken: string): Promise<void>;
}
