import type { GrantKey } from './authorizations';
import type { SandboxClock } from './clock';
import { randomUrlSafe } from './secure-random';

export const AUTHORIZATION_CODE_LIFETIME_MS = 5 * 60 * 1000;
/** Amazon documents no lifetime for amazon_state; ten minutes leaves time to sign in at the Login URI. */
export const AMAZON_STATE_LIFETIME_MS = 10 * 60 * 1000;

export interface AuthorizationCodeRecord extends GrantKey {
  redirectUri: string;
  generation: number;
  expiresAtMs: number;
  used: boolean;
}

export interface AmazonStateRecord extends GrantKey {
  beta: boolean;
  expiresAtMs: number;
}

export type CodeLookup =
  { status: 'unknown' } | { status: 'used' | 'expired' | 'usable'; record: AuthorizationCodeRecord };

/** LWA authorization codes (spapi_oauth_code) and Appstore amazon_state values: random and single-use. */
export class OneTimeCodes {
  private readonly codes = new Map<string, AuthorizationCodeRecord>();
  private readonly amazonStates = new Map<string, AmazonStateRecord>();

  constructor(private readonly clock: SandboxClock) {}

  issueAuthorizationCode(grant: GrantKey, redirectUri: string, generation: number): string {
    const code = randomUrlSafe(24);
    this.codes.set(code, {
      applicationId: grant.applicationId,
      sellingPartnerId: grant.sellingPartnerId,
      region: grant.region,
      redirectUri,
      generation,
      expiresAtMs: this.clock.nowMs() + AUTHORIZATION_CODE_LIFETIME_MS,
      used: false,
    });
    return code;
  }

  lookupAuthorizationCode(code: string): CodeLookup {
    const record = this.codes.get(code);
    if (!record) return { status: 'unknown' };
    if (record.used) return { status: 'used', record };
    if (this.clock.nowMs() >= record.expiresAtMs) return { status: 'expired', record };
    return { status: 'usable', record };
  }

  markUsed(record: AuthorizationCodeRecord): void {
    record.used = true;
  }

  issueAmazonState(grant: GrantKey, beta: boolean): string {
    const state = randomUrlSafe(24);
    this.amazonStates.set(state, {
      applicationId: grant.applicationId,
      sellingPartnerId: grant.sellingPartnerId,
      region: grant.region,
      beta,
      expiresAtMs: this.clock.nowMs() + AMAZON_STATE_LIFETIME_MS,
    });
    return state;
  }

  /** Consumes the amazon_state: a second use, like an unknown or expired one, finds nothing. */
  consumeAmazonState(state: string, applicationId: string): AmazonStateRecord | undefined {
    const record = this.amazonStates.get(state);
    if (!record || record.applicationId !== applicationId) return undefined;
    this.amazonStates.delete(state);
    if (this.clock.nowMs() >= record.expiresAtMs) return undefined;
    return record;
  }
}
