import { randomBytes, randomUUID } from 'node:crypto';

// Codes, states and tokens must be unguessable, so they come from node:crypto, never from the seeded PRNG.

/** URL-safe random text, for values that travel in redirects (codes, amazon_state). */
export function randomUrlSafe(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** Standard base64 (with + / =), like Amazon's pagination tokens: clients must URL-encode them. */
export function randomBase64(bytes: number): string {
  return randomBytes(bytes).toString('base64');
}

/** An opaque LWA token with Amazon's prefix: `Atza|` access, `Atzr|` refresh, `Atc|` grantless access. */
export function randomLwaToken(prefix: 'Atza|' | 'Atzr|' | 'Atc|'): string {
  return `${prefix}${randomBytes(96).toString('base64url')}`;
}

export function requestId(): string {
  return randomUUID();
}
