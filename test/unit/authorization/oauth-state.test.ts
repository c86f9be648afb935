import {
  BINDING_COOKIE,
  bindingFor,
  newState,
  sha256,
  STATE_PATTERN,
} from '../../../shared/authorization/oauth-state';

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
});
