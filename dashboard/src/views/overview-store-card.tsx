import type { OverviewStore } from '../../../shared/api/overview-contract';
import { useI18n } from '../app-context';
import { Link } from '../components/link';
import { authorizationAttention, storeAllClear } from '../data/overview';
import { revokedBadgeKey, revokedCause } from '../data/store-status';
import { formatDateTime, formatNumber } from '../format/format';
import { marketplaceLabel } from '../format/marketplaces';
import { MarketplaceLines } from './overview-marketplace-lines';

/**
 * One store on the overview: its name, seller id, region, role and status, when its authorization must be renewed
 * (or that it is lost), and a block of counts per marketplace.
 */
export function OverviewStoreCard({ store, generatedAt }: { store: OverviewStore; generatedAt: string }) {
  const { t, locale } = useI18n();
  const headingId = `overview-store-${store.storeId}`;
  const attention = authorizationAttention(store.authorization);
  return (
    <section class="panel overview-store" aria-labelledby={headingId} data-store-id={store.storeId}>
      <div class="overview-store-head">
        <h2 id={headingId} class="store-name">
          {store.displayName}
        </h2>
        <span class="store-meta">
          {store.sellingPartnerId} · {t(`region.${store.region}`)}
          <span class="badge badge-muted">{t(`stores.role.${store.role}`)}</span>
          <StatusBadge store={store} />
          {store.dataIncomplete ? (
            <span class="badge badge-warning" data-testid="overview-incomplete">
              {t('overview.dataIncomplete')}
            </span>
          ) : null}
          {storeAllClear(store) ? <span class="badge badge-ok">{t('overview.allClear')}</span> : null}
        </span>
      </div>
      <p class={attention === 'ok' ? 'store-meta' : 'overview-auth'} data-testid="overview-authorization">
        {attention === 'lost' ? (
          <>
            {t('overview.auth.lost')}
            {store.authorization.revokedReason === undefined
              ? null
              : ` ${t(`stores.cause.${revokedCause(store.authorization.revokedReason)}`)}.`}{' '}
            <Link href="/stores">{t('overview.auth.toStores')}</Link>
          </>
        ) : (
          <>
            {t(attention === 'due' ? 'overview.auth.due' : 'overview.auth.ok', {
              date: formatDateTime(locale, store.authorization.reauthorizeBy),
              days: formatNumber(locale, store.authorization.reauthorizeInDays),
            })}
            {attention === 'due' ? (
              <>
                {' '}
                <Link href="/stores">{t('overview.auth.toStores')}</Link>
              </>
            ) : null}
          </>
        )}
      </p>
      {store.marketplaces.length === 0 ? null : (
        <ul class="overview-marketplaces plain-list">
          {store.marketplaces.map((marketplace) => (
            <li
              key={marketplace.marketplaceId}
              class="overview-marketplace"
              data-marketplace-id={marketplace.marketplaceId}
            >
              <h3>{marketplaceLabel(locale, marketplace.marketplaceId)}</h3>
              <MarketplaceLines store={store} marketplace={marketplace} generatedAt={generatedAt} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function StatusBadge({ store }: { store: OverviewStore }) {
  const { t } = useI18n();
  switch (store.status) {
    case 'ACTIVE':
      return store.authorization.due ? (
        <span class="badge badge-warning">{t('overview.auth.dueBadge')}</span>
      ) : (
        <span class="badge badge-ok">{t('stores.status.active')}</span>
      );
    case 'REAUTH_REQUIRED':
      return <span class="badge badge-danger">{t('stores.status.reauthRequired')}</span>;
    case 'SUSPENDED':
      return <span class="badge badge-danger">{t('stores.status.suspended')}</span>;
    default:
      return (
        <span class="badge badge-danger">
          {t(revokedBadgeKey(revokedCause(store.authorization.revokedReason)))}
        </span>
      );
  }
}
