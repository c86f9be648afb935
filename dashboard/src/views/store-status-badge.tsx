import { useI18n } from '../app-context';
import { revokedBadgeKey, type StoreStatusView } from '../data/store-status';
import { formatRelativeTime } from '../format/format';
import { useNow } from '../hooks/use-now';

/** A store's status as one badge (the stores list, the admin list). */
export function StatusBadge({ view }: { view: StoreStatusView }) {
  const { t, locale } = useI18n();
  const now = useNow(60_000);
  switch (view.kind) {
    case 'active':
      return <span class="badge badge-ok">{t('stores.status.active')}</span>;
    case 'reauth-due':
      return (
        <span class="badge badge-warning">
          {t('stores.status.reauthDue', { relative: formatRelativeTime(locale, view.reauthorizeBy, now) })}
        </span>
      );
    case 'reauth-required':
      return <span class="badge badge-danger">{t('stores.status.reauthRequired')}</span>;
    case 'suspended':
      return <span class="badge badge-danger">{t('stores.status.suspended')}</span>;
    case 'revoked':
      return <span class="badge badge-muted">{t(revokedBadgeKey(view.cause))}</span>;
  }
}
