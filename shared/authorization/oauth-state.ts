import { createHash, randomBytes } from 'node:crypto';
import type { Region } from '../amazon/marketplaces';

/** A state lives at most this long: the seller consents within minutes, and Amazon's code lives 5. */
export const STATE_LIFETIME_SECONDS = 600;

/** The cookie that binds an OAuth flow to the browser that started it (first-party: API and dashboard share an origin). */
export const BINDING_COOKIE = '__Host-mint-hub-oauth';
const BINDING_COOKIE_MAX_AGE_SECONDS = 900;

/** `ads`: the Amazon Ads consent of one store (shared/ads/ads-consent.ts). */
export type AuthorizationFlow = 'website' | 'appstore' | 'ads';

/** What we remember about a started authorization. The state itself is never stored: only its hash. */
export interface OAuthStateRecord {
  readonly stateHash: string;
  readonly userId: string;
  readonly flow: AuthorizationFlow;
  /** Known for the website flow and for the Appstore flow from an Amazon host. */
  readonly region: Region | undefined;
  /** Known for the Appstore flow: Amazon named the seller. */
  readonly sellingPartnerId: string | undefined;
  readonly bindingHash: string;
  /** The `ads` flow: the store the consent is for. */
  readonly storeId?: string;
  /** The `ads` flow: the PKCE verifier, needed once at the code exchange (the browser only sees its challenge). */
  readonly codeVerifier?: string;
  readonly createdAt: string;
  /** Epoch seconds; also the table's TTL attribute. */
  readonly expiresAt: number;
}

const randomToken = (): string => randomBytes(32).toString('base64url');
export const sha256 = (value: string): string =>
  createHash('sha256').update(value, 'utf8').digest('base64url');

export const STATE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newState(): { state: string; stateHash: string } {
  const state = randomToken();
  return { state, stateHash: sha256(state) };
}

/** The browser's binding: reused while its cookie is valid so flows in two tabs do not clobber each other. */
export function bindingFor(cookies: readonly string[] | undefined): {
  binding: string;
  setCookie: string | undefined;
} {
  const existing = readBindingCookie(cookies);
  if (existing !== undefined) return { binding: existing, setCookie: undefined };
  const binding = randomToken();
  return {
    binding,
    setCookie: `${BINDING_COOKIE}=${binding}; Path=/; Max-Age=${BINDING_COOKIE_MAX_AGE_SECONDS}; HttpOnly; Secure; SameSite=Lax`,
  };
}

export function readBindingCookie(cookies: readonly string[] | undefined): string | undefined {
  for (const cookie of cookies ?? []) {
    for (const part of cookie.split(';')) {
      const [name, ...rest] = part.trim().split('=');
      const value = rest.join('=');
      if (name === BINDING_COOKIE && STATE_PATTERN.test(value)) return value;
    }
  }
  return undefined;
}
