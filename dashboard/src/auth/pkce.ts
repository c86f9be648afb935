/**
 * PKCE (RFC 7636, S256) and OAuth state helpers on WebCrypto. The verifier never leaves the browser except in
 * the token request; the state binds the callback to the sign-in this tab started.
 */

export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Cryptographically random, URL-safe text from `byteLength` random bytes. */
export function randomUrlSafe(byteLength: number, cryptoImpl: Crypto = globalThis.crypto): string {
  const bytes = new Uint8Array(byteLength);
  cryptoImpl.getRandomValues(bytes);
  return base64UrlEncode(bytes);
}

/** 48 random bytes give a 64-character verifier, inside RFC 7636's 43–128 and its unreserved alphabet. */
export function createCodeVerifier(cryptoImpl: Crypto = globalThis.crypto): string {
  return randomUrlSafe(48, cryptoImpl);
}

export async function codeChallengeS256(
  verifier: string,
  cryptoImpl: Crypto = globalThis.crypto,
): Promise<string> {
  const digest = await cryptoImpl.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64UrlEncode(new Uint8Array(digest));
}
