import type { ComponentChildren } from 'preact';
import { useI18n } from '../app-context';

interface NoticeProps {
  readonly tone: 'info' | 'success' | 'warning' | 'error';
  readonly children: ComponentChildren;
  readonly onDismiss?: () => void;
}

/** A message box; errors are announced at once (role=alert), the rest politely (role=status). */
export function Notice({ tone, children, onDismiss }: NoticeProps) {
  const { t } = useI18n();
  return (
    <div class={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div class="notice-body">{children}</div>
      {onDismiss === undefined ? null : (
        <button type="button" class="button button-quiet" onClick={onDismiss}>
          {t('common.dismiss')}
        </button>
      )}
    </div>
  );
}

export function Loading({ label }: { readonly label: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}
