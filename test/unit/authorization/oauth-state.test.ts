import {
  BINDING_COOKIE,
  bindingFor,
  bindingMatches,
  newState,
  sha256,
  STATE_PATTERN,
  type OAuthStateRecord,
} from '../../../shared/authorization/oauth-state';

const recordFor = (binding: string): OAuthStateRecord => ({
  stateHash: 'h',
  userId: 'u',
  flow: 'website',
  region: 'NA',
  sellingPartnerId: undefined,
  bindingHash: sha256(binding),
  createdAt: '2026-11-23T00:00:00.000Z',
  expiresAt: 0,
});

describe('OAuth state and browser binding', () => {
  it('makes unguessable, URL-safe states and stores only their hash', () => {
    const first = newState();
    const second = newState();
    expect(first.state).toMatch(STATE_PATTERN);
    expect(first.state).not.toBe(second.state);
    expect(first.stateHash).toBe(sha256(first.state));
    expect(first.stateHash).not.toContain(first.state);
  });

  it('sets a first-party, HttpOnly, Secure, SameSite=Lax binding cookie once and then reuses it', () => {
    const fresh = bindingFor(undefined);
    expect(fresh.setCookie).toMatch(
      new RegExp(
        `^${BINDING_COOKIE}=[A-Za-z0-9_-]{43}; Path=/; Max-Age=\\d+; HttpOnly; Secure; SameSite=Lax$`,
      ),
    );
    const again = bindingFor([`other=1`, `${BINDING_COOKIE}=${fresh.binding}`]);
    expect(again).toEqual({ binding: fresh.binding, setCookie: undefined });
  });

  it('matches a state only with the cookie of the browser that started it', () => {
    const { binding } = bindingFor(undefined);
    const record = recordFor(binding);
    expect(bindingMatches(record, [`${BINDING_COOKIE}=${binding}`])).toBe(true);
    expect(bindingMatches(record, [`${BINDING_COOKIE}=${bindingFor(undefined).binding}`])).toBe(false);
    expect(bindingMatches(record, undefined)).toBe(false);
    expect(bindingMatches(record, [`${BINDING_COOKIE}=short`])).toBe(false);
  });
});
