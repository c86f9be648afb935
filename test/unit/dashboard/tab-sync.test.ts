import { webcrypto } from 'node:crypto';
import { Auth, STORAGE_KEYS, type BrowserSeams, type Session } from '../../../dashboard/src/auth/session';
import {
  TabSync,
  decideTabAction,
  parseTabMessage,
  type TabAuth,
  type TabChange,
} from '../../../dashboard/src/auth/tab-sync';

const NOW = Date.parse('2026-12-03T09:00:00Z');
const session = (over: Partial<Session> = {}): Session => ({
  accessToken: 'token-lin-1',
  expiresAt: NOW + 3_600_000,
  groups: [],
  userId: 'lin',
  displayName: 'lin@minthub.local',
  ...over,
});

describe('messages between tabs', () => {
  it('accepts only well-formed messages with a live session', () => {
    expect(parseTabMessage({ type: 'session-request', from: 'tab-b' }, NOW)).toEqual({
      type: 'session-request',
      from: 'tab-b',
    });
    expect(parseTabMessage({ type: 'signed-out' }, NOW)).toEqual({ type: 'signed-out' });
    expect(parseTabMessage({ type: 'session', session: session() }, NOW)).toEqual({
      type: 'session',
      session: session(),
    });
    for (const bad of [
      null,
      'signed-out',
      { type: 'session-request' },
      { type: 'session', session: { accessToken: '', expiresAt: NOW + 3_600_000, groups: [] } },
      { type: 'session', session: session({ expiresAt: NOW + 30_000 }) },
      { type: 'session', session: { ...session(), groups: [1] } },
      { type: 'session', to: 7, session: session() },
      { type: 'sign-in-as', user: 'ada' },
    ]) {
      expect(parseTabMessage(bad, NOW)).toBeUndefined();
    }
  });

  it('answers a request only with a live session of its own', () => {
    expect(
      decideTabAction({ type: 'session-request', from: 'b' }, { tabId: 'a', session: undefined }),
    ).toEqual({
      kind: 'ignore',
    });
    expect(
      decideTabAction({ type: 'session-request', from: 'b' }, { tabId: 'a', session: session() }),
    ).toEqual({
      kind: 'answer',
      message: { type: 'session', to: 'b', session: session() },
    });
  });

  it('takes a session when it has none, a newer token of the same operator, or the latest sign-in of another', () => {
    const offered = { type: 'session' as const, session: session() };
    expect(decideTabAction(offered, { tabId: 'b', session: undefined })).toEqual({
      kind: 'adopt',
      session: session(),
      sameOperator: false,
    });
    expect(decideTabAction({ ...offered, to: 'c' }, { tabId: 'b', session: undefined })).toEqual({
      kind: 'ignore',
    });
    expect(decideTabAction(offered, { tabId: 'b', session: session() })).toEqual({ kind: 'ignore' });
    const older = session({ accessToken: 'token-lin-0', expiresAt: NOW + 600_000 });
    expect(decideTabAction(offered, { tabId: 'b', session: older })).toMatchObject({
      kind: 'adopt',
      sameOperator: true,
    });
    expect(decideTabAction({ type: 'session', session: older }, { tabId: 'b', session: session() })).toEqual({
      kind: 'ignore',
    });
    const ada = session({ accessToken: 'token-ada', userId: 'ada' });
    expect(decideTabAction(offered, { tabId: 'b', session: ada })).toMatchObject({
      kind: 'adopt',
      sameOperator: false,
    });
    // The token this tab just lost to a 401 is never taken back from a tab that still holds it.
    expect(
      decideTabAction(offered, { tabId: 'b', session: undefined, rejectedToken: 'token-lin-1' }),
    ).toEqual({
      kind: 'ignore',
    });
  });

  it('signs out on a sign-out from any tab', () => {
    expect(decideTabAction({ type: 'signed-out' }, { tabId: 'b', session: session() })).toEqual({
      kind: 'sign-out',
    });
  });
});

/** A tab's session store as Auth keeps it (one per tab), recording what the sync did to it. */
function tabAuth(initial?: Session): TabAuth & { session: Session | undefined; signedOut: boolean } {
  const auth = {
    session: initial,
    signedOut: false,
    current: () => auth.session,
    adopt: (next: Session) => {
      auth.session = next;
      auth.signedOut = false;
    },
    endedElsewhere: () => {
      auth.session = undefined;
      auth.signedOut = true;
    },
  };
  return auth;
}

describe('tabs over a real BroadcastChannel', () => {
  const open: TabSync[] = [];
  afterEach(() => {
    for (const tab of open.splice(0)) tab.close();
  });
  const tab = (
    tabId: string,
    auth: TabAuth,
    channel = `mintHub.test.${expect.getState().currentTestName}`,
  ) => {
    const sync = new TabSync({ channel: new BroadcastChannel(channel), tabId, auth, now: () => NOW });
    open.push(sync);
    return sync;
  };
  const nextChange = (sync: TabSync) =>
    new Promise<TabChange>((resolve) => {
      const stop = sync.subscribe((change) => {
        stop();
        resolve(change);
      });
    });

  it('a tab without a session gets the signed-in tab’s; alone, it gets nothing after the wait', async () => {
    const a = tabAuth(session());
    tab('a', a);
    const b = tabAuth();
    const syncB = tab('b', b);
    const changed = nextChange(syncB);
    expect(await syncB.requestSession(2000)).toEqual(session());
    expect(b.session).toEqual(session());
    expect(await changed).toEqual({ kind: 'signed-in', session: session(), sameOperator: false });

    const alone = tab('c', tabAuth(), 'mintHub.test.alone');
    expect(await alone.requestSession(50)).toBeUndefined();
  });

  it('a sign-in announced in one tab signs in the signed-out others; a sign-out signs them all out', async () => {
    const a = tabAuth();
    const syncA = tab('a', a);
    const b = tabAuth();
    const syncB = tab('b', b);
    const signedIn = nextChange(syncB);
    a.session = session();
    syncA.announceSignIn();
    expect(await signedIn).toMatchObject({ kind: 'signed-in' });
    expect(b.session?.accessToken).toBe('token-lin-1');

    const signedOut = nextChange(syncA);
    syncB.announceSignOut();
    expect(await signedOut).toEqual({ kind: 'signed-out' });
    expect(a).toMatchObject({ session: undefined, signedOut: true });
  });
});

describe('Auth, for the other tabs', () => {
  const seams = () => {
    const items = new Map<string, string>();
    const browser: BrowserSeams = {
      storage: {
        getItem: (key) => items.get(key) ?? null,
        setItem: (key, value) => void items.set(key, value),
        removeItem: (key) => void items.delete(key),
      },
      location: { origin: 'https://ops.example.com', pathname: '/', search: '', hash: '', assign: () => {} },
      history: { replaceState: () => {} },
      fetch: () => Promise.reject(new Error('no network here')),
      crypto: webcrypto as unknown as Crypto,
      now: () => NOW,
    };
    return { items, auth: new Auth({ signInUrl: 'https://sign-in.example.com', clientId: 'c' }, browser) };
  };

  it('keeps an adopted session in this tab’s sessionStorage only, with nothing but the session’s fields', () => {
    const { items, auth } = seams();
    items.set(STORAGE_KEYS.signedOut, '1');
    auth.adopt({ ...session(), extra: 'dropped' } as Session);
    expect(auth.current()).toEqual(session());
    expect(JSON.parse(items.get(STORAGE_KEYS.session) ?? '{}')).toEqual(session());
    expect(auth.justSignedOut()).toBe(false);
    auth.adopt(session({ accessToken: 'stale', expiresAt: NOW - 1 }));
    expect(auth.accessToken()).toBe('token-lin-1');
  });

  it('a sign-out elsewhere ends the session here and shows "signed out" rather than a redirect', () => {
    const { items, auth } = seams();
    auth.adopt(session());
    items.set(STORAGE_KEYS.pendingSignIn, '{}');
    auth.endedElsewhere();
    expect(auth.current()).toBeUndefined();
    expect(items.has(STORAGE_KEYS.pendingSignIn)).toBe(false);
    expect(auth.justSignedOut()).toBe(true);
  });
});
