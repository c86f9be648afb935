import { useI18n } from './app-context';
import { LANGUAGE_STORAGE_KEY, LOCALES, isLocale, type Locale } from './i18n/i18n';

/**
 * A language picked on the local sign-in page (which runs no script) arrives in a cookie of the same name as the
 * storage key: it is the newest choice, so it is saved and the cookie cleared. Otherwise the saved choice.
 */
export function readSavedLanguage(): string | null {
  const prefix = `${LANGUAGE_STORAGE_KEY}=`;
  const handedOver = document.cookie
    .split('; ')
    .find((pair) => pair.startsWith(prefix))
    ?.slice(prefix.length);
  try {
    if (isLocale(handedOver)) {
      document.cookie = `${prefix}; Path=/; Max-Age=0; SameSite=Lax`;
      window.localStorage.setItem(LANGUAGE_STORAGE_KEY, handedOver);
      return handedOver;
    }
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return isLocale(handedOver) ? handedOver : null;
  }
}

/** The language picker of the header and of the sign-in screen. */
export function LanguageSelect() {
  const { t, locale, setLocale } = useI18n();
  return (
    <label class="language">
      <span class="visually-hidden">{t('language.label')}</span>
      <select value={locale} onChange={(event) => setLocale(event.currentTarget.value as Locale)}>
        {LOCALES.map((option) => (
          <option key={option.id} value={option.id} lang={option.id}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
