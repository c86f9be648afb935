import { useI18n, useServices } from '../app-context';
import { errorMessage } from '../data/error-message';
import type { MessageKey } from '../i18n/i18n';
import { useCountdown } from '../hooks/use-now';
import { Link } from './link';

/** Messages that count down `{seconds}` from Retry-After, and what they say once the wait is over. */
const COUNTDOWN_MESSAGES: Partial<Record<MessageKey, MessageKey>> = {
  'error.Throttled': 'error.ThrottledSoon',
  'error.ServiceUnavailable': 'error.ServiceUnavailableSoon',
};

interface ErrorNoticeProps {
  readonly error: unknown;
  readonly onRetry?: () => void;
}

/**
 * The translated message for an API error code, with the one action that helps: retry (after the
 * Retry-After countdown when throttled), re-authorize, or sign in again.
 */
export function ErrorNotice({ error, onRetry }: ErrorNoticeProps) {
  const { t } = useI18n();
  const { signIn } = useServices();
  const message = errorMessage(error);
  const left = useCountdown(message.retryAfterSeconds, error);
  const soon = COUNTDOWN_MESSAGES[message.key];
  const text =
    soon === undefined
      ? t(message.key, message.params)
      : left === 0
        ? t(soon)
        : t(message.key, { ...message.params, seconds: Math.max(left, 0) });
  return (
    <div class="notice notice-error" role="alert">
      <div class="notice-body">
        <p>{text}</p>
        <p class="error-code">{t('common.errorCode', { code: message.code })}</p>
      </div>
      <div class="notice-actions">
        {message.action === 'retry' && onRetry !== undefined ? (
          <button type="button" class="button" onClick={onRetry} disabled={left > 0}>
            {left > 0 ? t('common.retryIn', { seconds: left }) : t('common.retry')}
          </button>
        ) : null}
        {message.action === 'reauthorize' ? (
          <Link class="button" href="/stores">
            {t('error.action.reauthorize')}
          </Link>
        ) : null}
        {message.action === 'sign-in' ? (
          <button type="button" class="button" onClick={signIn}>
            {t('error.action.signIn')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
