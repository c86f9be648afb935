import { en, type Catalog, type MessageKey } from './en';
import { zhCN } from './zh-CN';

export type { MessageKey };
export type Locale = 'en' | 'zh-CN';

export const LOCALES: readonly { readonly id: Locale; readonly label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'zh-CN', label: '简体中文' },
];

export const CATALOGS: Readonly<Record<Locale, Catalog>> = { en, 'zh-CN': zhCN };

/** Only the language is remembered across sessions (localStorage); never a token. */
export const LANGUAGE_STORAGE_KEY = 'mintHub.language';

export type MessageParams = Readonly<Record<string, string | number>>;

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'zh-CN';
}

/** A saved choice wins; otherwise the browser's languages (any Chinese → 简体中文); otherwise English. */
export function detectLocale(saved: string | null | undefined, browserLanguages: readonly string[]): Locale {
  if (isLocale(saved)) return saved;
  for (const language of browserLanguages) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export function interpolate(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : match,
  );
}

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return interpolate(CATALOGS[locale][key] ?? en[key], params);
}

/** For keys built from API values (status, flag, reason…): the translation if the catalog has it, else the value. */
export function translateKnown(locale: Locale, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return key in en ? translate(locale, key as MessageKey) : value;
}

/** Placeholders used in a message, for the catalog consistency test. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string).sort();
}
