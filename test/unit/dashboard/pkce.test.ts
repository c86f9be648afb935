import { webcrypto } from 'node:crypto';
import {
  authorizeUrl,
  logoutUrl,
  redirectUriFor,
  safeReturnPath,
  stripOAuthParams,
  tokenRequestBody,
} from '../../../dashboard/src/auth/oauth-urls';
import {
  base64UrlEncode,
  codeChallengeS256,
  createCodeVerifier,
  randomUrlSafe,
} from '../../../dashboard/src/auth/pkce';

const crypto = webcrypto as unknown as Crypto;

describe('PKCE', () => {
  it('computes the S256 challenge of RFC 7636 appendix B', async () => {
    await expect(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', crypto)).resolves.toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('creates verifiers of valid length and alphabet, never twice the same', () => {
    const verifiers = new Set(Array.from({ length: 50 }, () => createCodeVerifier(crypto)));
    expect(verifiers.size).toBe(50);
    for (const verifier of verifiers) {
      expect(verifier).toHaveLength(64);
      expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    }
    expect(randomUrlSafe(32, crypto)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('encodes base64url without padding', () => {
    expect(base64UrlEncode(new Uint8Array([251, 255, 191]))).toBe('-_-_');
    expect(base64UrlEncode(new Uint8Array([1]))).toBe('AQ');
  });
});

describe('hosted sign-in URLs', () => {
  it('asks for an authorization code with an S256 challenge', () => {
    const url = new URL(
      authorizeUrl({
        signInUrl: 'https://ops.auth.eu-west-1.amazoncognito.com',
        clientId: 'client-1',
        redirectUri: 'https://ops.example.com/',
        state: 'st',
        codeChallenge: 'ch',
        lang: 'zh-CN',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://ops.auth.eu-west-1.amazoncognito.com/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-1',
      redirect_uri: 'https://ops.example.com/',
      // The API's scope too: every /api route's authorizer requires it in the access token.
      scope: 'openid email profile mint-hub/api',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
      lang: 'zh-CN',
    });
  });

  it('exchanges the code with the verifier and no client secret', () => {
    const body = tokenRequestBody({
      clientId: 'c',
      code: 'k',
      redirectUri: 'http://localhost:3000/',
      codeVerifier: 'v',
    });
    expect(Object.fromEntries(body)).toEqual({
      grant_type: 'authorization_code',
      client_id: 'c',
      code: 'k',
      redirect_uri: 'http://localhost:3000/',
      code_verifier: 'v',
    });
  });

  it('signs out at the hosted logout endpoint, back to the site root', () => {
    expect(
      logoutUrl('http://localhost:3000/local', 'local-dashboard', redirectUriFor('http://localhost:3000')),
    ).toBe(
      'http://localhost:3000/local/logout?client_id=local-dashboard&logout_uri=http%3A%2F%2Flocalhost%3A3000%2F',
    );
  });

  it('keeps return paths on this site', () => {
    expect(safeReturnPath('/appstore?amazon_state=x')).toBe('/appstore?amazon_state=x');
    expect(safeReturnPath('//evil.example/')).toBe('/');
    expect(safeReturnPath('/\\evil.example/')).toBe('/');
    expect(safeReturnPath('https://evil.example/')).toBe('/');
    expect(safeReturnPath(null)).toBe('/');
  });

  it('drops code and state from the address bar and keeps the rest', () => {
    expect(stripOAuthParams('?code=abc&state=xyz')).toBe('');
    expect(stripOAuthParams('?code=abc&state=xyz&lang=en')).toBe('?lang=en');
    expect(stripOAuthParams('?error=access_denied&state=xyz')).toBe('');
  });
});
