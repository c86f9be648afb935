import type { SandboxClock } from '../clock';
import { randomBase64 } from '../secure-random';

interface PageTokenRecord {
  owner: string;
  operationId: string;
  state: unknown;
  expiresAtMs: number;
}

export type PageTokenRedemption<T> = { status: 'ok'; state: T } | { status: 'invalid' | 'expired' };

/**
 * Opaque pagination tokens. The query and cursor stay server-side; the token is random base64 (with + / =
 * like Amazon's), so a client that forgets to URL-encode it fails here as it would on Amazon. Tokens may be
 * reused until they expire (a retry after a 429 needs the same page), but only by the caller and operation
 * that received them.
 */
export class PageTokenStore {
  private readonly tokens = new Map<string, PageTokenRecord>();

  constructor(private readonly clock: SandboxClock) {}

  issue(owner: string, operationId: string, state: unknown, lifetimeMs: number): string {
    const token = randomBase64(48);
    this.tokens.set(token, { owner, operationId, state, expiresAtMs: this.clock.nowMs() + lifetimeMs });
    return token;
  }

  redeem<T>(token: string, owner: string, operationId: string): PageTokenRedemption<T> {
    const record = this.tokens.get(token);
    if (!record || record.owner !== owner || record.operationId !== operationId) return { status: 'invalid' };
    if (this.clock.nowMs() >= record.expiresAtMs) {
      this.tokens.delete(token);
      return { status: 'expired' };
    }
    return { status: 'ok', state: record.state as T };
  }
}
