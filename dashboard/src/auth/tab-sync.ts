import { isLiveSession, type Session } from './session';

/**
 * One sign-in for every tab of this dashboard in one browser: a sign-in in one tab serves the others, and a
 * sign-out in one signs them all out.
 *
 * Tabs talk over a BroadcastChannel: same origin only, in memory, nothing written anywhere. The token stays where
 * session.ts keeps it, each tab's own sessionStorage (never localStorage, a cookie or a URL); a tab that has none
 * asks the others and keeps what one answers in its own sessionStorage. The `storage` event cannot do this: it
 * fires only for localStorage, where a token must not be.
 *
 * The latest sign-in wins everywhere, as a cookie would: a tab signed in as someone else switches to the new
 * operator (the shell starts again), a tab of the same operator just takes the newer token.
 */
export const TAB_CHANNEL_NAME = 'mintHub.tabs';

export type TabMessage =
  | { readonly type: 'session-request'; readonly from: string }
  | { readonly type: 'session'; readonly to?: string; readonly session: Session }
  | { readonly type: 'signed-out' };

/** The part of BroadcastChannel used here. */
export interface TabChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

/** What this tab holds, as the decision needs it. */
export interface TabView {
  readonly tabId: string;
  readonly session: Session | undefined;
  /** A token this tab lost to a 401: never taken back from another tab. */
  readonly rejectedToken?: string;
}

export type TabAction =
  | { readonly kind: 'ignore' }
  | { readonly kind: 'answer'; readonly message: TabMessage }
  | { readonly kind: 'adopt'; readonly session: Session; readonly sameOperator: boolean }
  | { readonly kind: 'sign-out' };

export type TabChange =
  | { readonly kind: 'signed-in'; readonly session: Session; readonly sameOperator: boolean }
  | { readonly kind: 'signed-out' };

/** A message from another tab, checked (another tab's data is still data from outside this code). */
export function parseTabMessage(data: unknown, now: number): TabMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const message = data as Record<string, unknown>;
  switch (message['type']) {
    case 'session-request':
      return typeof message['from'] === 'string' && message['from'] !== ''
        ? { type: 'session-request', from: message['from'] }
        : undefined;
    case 'session': {
      const to = message['to'];
      const session = message['session'];
      if (to !== undefined && typeof to !== 'string') return undefined;
      if (!isLiveSession(session, now)) return undefined;
      return { type: 'session', session, ...(to === undefined ? {} : { to }) };
    }
    case 'signed-out':
      return { type: 'signed-out' };
    default:
      return undefined;
  }
}

/** What a tab does with a checked message from another tab. */
export function decideTabAction(message: TabMessage, own: TabView): TabAction {
  switch (message.type) {
    case 'session-request':
      return own.session === undefined
        ? { kind: 'ignore' }
        : { kind: 'answer', message: { type: 'session', to: message.from, session: own.session } };
    case 'signed-out':
      return { kind: 'sign-out' };
    case 'session': {
      const offered = message.session;
      if (message.to !== undefined && message.to !== own.tabId) return { kind: 'ignore' };
      if (offered.accessToken === own.rejectedToken) return { kind: 'ignore' };
      const mine = own.session;
      if (mine === undefined) return { kind: 'adopt', session: offered, sameOperator: false };
      if (mine.accessToken === offered.accessToken) return { kind: 'ignore' };
      const sameOperator = mine.userId !== undefined && mine.userId === offered.userId;
      if (sameOperator && offered.expiresAt <= mine.expiresAt) return { kind: 'ignore' };
      return { kind: 'adopt', session: offered, sameOperator };
    }
  }
}

/** The session operations a tab performs for the others (session.ts's Auth). */
export interface TabAuth {
  current(): Session | undefined;
  adopt(session: Session): void;
  endedElsewhere(): void;
}

export class TabSync {
  private readonly listeners = new Set<(change: TabChange) => void>();
  private readonly waiting = new Set<(session: Session | undefined) => void>();
  private rejectedToken: string | undefined;
  private readonly onMessage = (event: MessageEvent) => this.receive(event.data);

  constructor(
    private readonly deps: {
      readonly channel: TabChannel | undefined;
      readonly tabId: string;
      readonly auth: TabAuth;
      readonly now: () => number;
    },
  ) {
    deps.channel?.addEventListener('message', this.onMessage);
  }

  /** Told after another tab signed this one in or out (the storage already changed). */
  subscribe(listener: (change: TabChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** After a sign-in in this tab: the others take the session. */
  announceSignIn(): void {
    const session = this.deps.auth.current();
    if (session !== undefined) this.post({ type: 'session', session });
  }

  /** Before this tab signs out: the others sign out too. */
  announceSignOut(): void {
    this.post({ type: 'signed-out' });
  }

  /**
   * Asks the other tabs for their session; resolves with the one this tab took, or undefined after `timeoutMs`
   * (no other tab, or none signed in). `rejected`: the token this tab just lost to a 401, never taken back.
   */
  requestSession(timeoutMs: number, rejected?: string): Promise<Session | undefined> {
    if (rejected !== undefined) this.rejectedToken = rejected;
    if (this.deps.channel === undefined) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const done = (session: Session | undefined) => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve(session);
      };
      const timer = setTimeout(() => done(undefined), timeoutMs);
      this.waiting.add(done);
      this.post({ type: 'session-request', from: this.deps.tabId });
    });
  }

  close(): void {
    this.deps.channel?.removeEventListener('message', this.onMessage);
    this.deps.channel?.close();
    for (const done of [...this.waiting]) done(undefined);
  }

  private post(message: TabMessage): void {
    try {
      this.deps.channel?.postMessage(message);
    } catch {
      // A closed channel: this tab is going away.
    }
  }

  private receive(data: unknown): void {
    const message = parseTabMessage(data, this.deps.now());
    if (message === undefined) return;
    const action = decideTabAction(message, {
      tabId: this.deps.tabId,
      session: this.deps.auth.current(),
      ...(this.rejectedToken === undefined ? {} : { rejectedToken: this.rejectedToken }),
    });
    switch (action.kind) {
      case 'ignore':
        return;
      case 'answer':
        this.post(action.message);
        return;
      case 'adopt': {
        this.deps.auth.adopt(action.session);
        this.rejectedToken = undefined;
        for (const done of [...this.waiting]) done(action.session);
        const change: TabChange = {
          kind: 'signed-in',
          session: action.session,
          sameOperator: action.sameOperator,
        };
        for (const listener of [...this.listeners]) listener(change);
        return;
      }
      case 'sign-out':
        this.deps.auth.endedElsewhere();
        for (const listener of [...this.listeners]) listener({ kind: 'signed-out' });
    }
  }
}
