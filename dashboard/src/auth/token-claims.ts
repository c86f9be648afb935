/**
 * Reads a JWT's payload for display and UI hints only (name, admin group, expiry). The API verifies the token;
 * nothing here is trusted for access decisions.
 */
export interface TokenClaims {
  readonly sub?: string;
  readonly email?: string;
  readonly username?: string;
  readonly exp?: number;
  readonly groups: readonly string[];
}

function base64UrlDecode(text: string): string {
  const padded = text
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(text.length / 4) * 4, '=');
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

export function readTokenClaims(token: string | undefined): TokenClaims {
  const payload = token?.split('.')[1];
  if (payload === undefined) return { groups: [] };
  try {
    const claims = JSON.parse(base64UrlDecode(payload)) as Record<string, unknown>;
    const groups = claims['cognito:groups'];
    const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : undefined);
    const exp = typeof claims['exp'] === 'number' ? claims['exp'] : undefined;
    const sub = text('sub');
    const email = text('email');
    const username = text('username') ?? text('cognito:username');
    return {
      groups: Array.isArray(groups) ? groups.map(String) : [],
      ...(sub === undefined ? {} : { sub }),
      ...(email === undefined ? {} : { email }),
      ...(username === undefined ? {} : { username }),
      ...(exp === undefined ? {} : { exp }),
    };
  } catch {
    return { groups: [] };
  }
}
