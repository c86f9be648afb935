import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SandboxClock } from './clock';
import { randomLwaToken } from './secure-random';
import type { SandboxRegion } from './types';

export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;

/** One store's grant to one app: what "Manage Your Apps" lists. */
export interface GrantKey {
  applicationId: string;
  sellingPartnerId: string;
  region: SandboxRegion;
}

export interface AuthorizationView extends GrantKey {
  authorizedAt: Date;
  revokedAt?: Date;
  active: boolean;
}

interface AuthorizationRecord extends AuthorizationView {
  /** Bumped by each revocation: tokens of an older generation are dead for good. */
  generation: number;
}

export interface RefreshTokenRecord extends GrantKey {
  generation: number;
}

interface SellerAccessToken extends GrantKey {
  kind: 'seller';
  generation: number;
  expiresAtMs: number;
}

interface GrantlessAccessToken {
  kind: 'grantless';
  applicationId: string;
  expiresAtMs: number;
}

export type AccessTokenInspection =
  | { status: 'unknown' }
  | { status: 'grantless'; applicationId: string }
  | { status: 'valid' | 'revoked' | 'expired'; grant: GrantKey };

interface PersistedLedger {
  authorizations: Array<
    Omit<AuthorizationRecord, 'authorizedAt' | 'revokedAt'> & { authorizedAt: string; revokedAt?: string }
  >;
  refreshTokens: Array<[string, RefreshTokenRecord]>;
}

function grantId({ applicationId, sellingPartnerId, region }: GrantKey): string {
  return `${applicationId}|${sellingPartnerId}|${region}`;
}

/**
 * Authorizations and the LWA tokens minted from them. Tokens are kept only in memory and never logged.
 * Revoking an authorization kills every refresh token of it and every access token minted from those;
 * a later consent starts a new generation whose tokens work again.
 */
export class AuthorizationLedger {
  private readonly authorizations = new Map<string, AuthorizationRecord>();
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private readonly accessTokens = new Map<string, SellerAccessToken | GrantlessAccessToken>();

  constructor(
    private readonly clock: SandboxClock,
    private readonly stateFile?: string,
  ) {
    this.load();
  }

  /** Authorizations and refresh tokens survive a restart; access tokens (1 h) need not. */
  private load(): void {
    if (this.stateFile === undefined || !fs.existsSync(this.stateFile)) return;
    const saved = JSON.parse(fs.readFileSync(this.stateFile, 'utf8')) as PersistedLedger;
    for (const { authorizedAt, revokedAt, ...record } of saved.authorizations) {
      this.authorizations.set(grantId(record), {
        ...record,
        authorizedAt: new Date(authorizedAt),
        ...(revokedAt === undefined ? {} : { revokedAt: new Date(revokedAt) }),
      });
    }
    for (const [token, record] of saved.refreshTokens) this.refreshTokens.set(token, record);
  }

  private save(): void {
    if (this.stateFile === undefined) return;
    const state: PersistedLedger = {
      authorizations: [...this.authorizations.values()].map(({ authorizedAt, revokedAt, ...record }) => ({
        ...record,
        authorizedAt: authorizedAt.toISOString(),
        ...(revokedAt === undefined ? {} : { revokedAt: revokedAt.toISOString() }),
      })),
      refreshTokens: [...this.refreshTokens.entries()],
    };
    fs.mkdirSync(path.dirname(this.stateFile), { recursive: true, mode: 0o700 });
    const temporary = `${this.stateFile}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(state), { mode: 0o600 });
    fs.renameSync(temporary, this.stateFile);
  }

  /** Records the seller's consent and returns the generation the resulting tokens belong to. */
  approve(grant: GrantKey): number {
    const id = grantId(grant);
    const existing = this.authorizations.get(id);
    const now = this.clock.now();
    if (existing?.active) {
      existing.authorizedAt = now;
      return existing.generation;
    }
    const generation = existing ? existing.generation + 1 : 1;
    this.authorizations.set(id, { ...grant, authorizedAt: now, active: true, generation });
    this.save();
    return generation;
  }

  isActive(grant: GrantKey, generation: number): boolean {
    const record = this.authorizations.get(grantId(grant));
    return record !== undefined && record.active && record.generation === generation;
  }

  mintRefreshToken(grant: GrantKey, generation: number): string {
    const token = randomLwaToken('Atzr|');
    this.refreshTokens.set(token, {
      applicationId: grant.applicationId,
      sellingPartnerId: grant.sellingPartnerId,
      region: grant.region,
      generation,
    });
    this.save();
    return token;
  }

  findRefreshToken(token: string): RefreshTokenRecord | undefined {
    return this.refreshTokens.get(token);
  }

  mintAccessToken(refresh: RefreshTokenRecord): string {
    const token = randomLwaToken('Atza|');
    this.accessTokens.set(token, {
      kind: 'seller',
      applicationId: refresh.applicationId,
      sellingPartnerId: refresh.sellingPartnerId,
      region: refresh.region,
      generation: refresh.generation,
      expiresAtMs: this.clock.nowMs() + ACCESS_TOKEN_LIFETIME_SECONDS * 1000,
    });
    return token;
  }

  mintGrantlessAccessToken(applicationId: string): string {
    const token = randomLwaToken('Atc|');
    this.accessTokens.set(token, {
      kind: 'grantless',
      applicationId,
      expiresAtMs: this.clock.nowMs() + ACCESS_TOKEN_LIFETIME_SECONDS * 1000,
    });
    return token;
  }

  inspectAccessToken(token: string): AccessTokenInspection {
    const record = this.accessTokens.get(token);
    if (!record) return { status: 'unknown' };
    if (record.kind === 'grantless') return { status: 'grantless', applicationId: record.applicationId };
    const grant: GrantKey = {
      applicationId: record.applicationId,
      sellingPartnerId: record.sellingPartnerId,
      region: record.region,
    };
    if (!this.isActive(grant, record.generation)) return { status: 'revoked', grant };
    if (this.clock.nowMs() >= record.expiresAtMs) return { status: 'expired', grant };
    return { status: 'valid', grant };
  }

  /** Revokes the seller's authorizations in the region (of one app, or of every app). */
  revoke(sellingPartnerId: string, region: SandboxRegion, applicationId?: string): number {
    let revoked = 0;
    for (const record of this.authorizations.values()) {
      if (!record.active || record.sellingPartnerId !== sellingPartnerId || record.region !== region)
        continue;
      if (applicationId !== undefined && record.applicationId !== applicationId) continue;
      record.active = false;
      record.revokedAt = this.clock.now();
      revoked += 1;
    }
    if (revoked > 0) this.save();
    return revoked;
  }

  list(): AuthorizationView[] {
    return [...this.authorizations.values()].map(({ generation: _generation, ...view }) => ({ ...view }));
  }
}
