import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient } from './api/client';
import type { Auth, Session } from './auth/session';
import type { DashboardConfig } from './config';
import type { Locale, MessageKey, MessageParams } from './i18n/i18n';

/** What every view needs from the shell: the API client, the session, and the language. */
export interface Services {
  readonly config: DashboardConfig;
  readonly api: ApiClient;
  readonly auth: Auth;
  readonly session: Session;
  /** The session is over: takes another tab's session, or starts sign-in again coming back to the current page. */
  readonly signIn: () => void;
  /** Signs out in this tab and every other tab of the dashboard. */
  readonly signOut: () => void;
}

export interface I18n {
  readonly locale: Locale;
  readonly t: (key: MessageKey, params?: MessageParams) => string;
  /** Translation of an API value (status, flag, reason…) or the value itself. */
  readonly tv: (prefix: string, value: string) => string;
  readonly setLocale: (locale: Locale) => void;
}

export const ServicesContext = createContext<Services | null>(null);
export const I18nContext = createContext<I18n | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (services === null) throw new Error('useServices outside the signed-in shell');
  return services;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (i18n === null) throw new Error('useI18n outside I18nContext');
  return i18n;
}
