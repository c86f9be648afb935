import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AdminStoreSummary } from '../../../shared/api/admin-stores-contract';
import { useI18n, useServices } from '../app-context';
import { ErrorNotice } from '../components/error-notice';
import { Link } from '../components/link';
import { Loading, Notice } from '../components/notice';
import {
  adminStoreAsStore,
  appendAdminPage,
  ownersOf,
  personLabel,
  rememberAdminStores,
  searchAdminStores,
  type AdminStorePages,
} from '../data/admin-stores';
import { storeName, storeStatusView } from '../data/store-status';
import { formatDateTime, formatNumber, formatRelativeTime } from '../format/format';
import { useNow } from '../hooks/use-now';
import { usePageTitle } from '../hooks/use-page-title';
import { useResource } from '../hooks/use-resource';
import { routeHref } from '../router/routes';
import { useStores } from '../stores-context';
import { StatusBadge } from './store-status-badge';

/**
 * The admin page (`/admin`): every store with its status, owners, members, re-authorization date and the daily
 * health check's last result, each linking to the store's members and access log. Admins read here; a store's
 * data opens only to its members (the API decides; the page shows who is one).
 */
export function AdminView() {
  const { t } = useI18n();
  const { api } = useServices();
  const { isAdmin } = useStores();
  usePageTitle(t('admin.title'), t('app.title'));
  const { state, reload } = useResource((signal) => api.listAdminStores(undefined, { signal }), [api]);

  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1}>{t('admin.title')}</h1>
        <p class="lead">{t('admin.intro')}</p>
      </div>
      {!isAdmin ? (
        <Notice tone="info">
          <p>{t('admin.notAdmin')}</p>
        </Notice>
      ) : null}
      {state.status === 'loading' ? <Loading label={t('admin.loading')} /> : null}
      {state.status === 'error' ? <ErrorNotice error={state.error} onRetry={reload} /> : null}
      {state.status === 'ready' ? <AdminStores first={state.data} /> : null}
    </>
  );
}

type MoreState =
  { readonly status: 'idle' | 'loading' } | { readonly status: 'error'; readonly error: unknown };

function AdminStores({ first }: { first: Parameters<typeof appendAdminPage>[1] }) {
  const { t, locale } = useI18n();
  const { api } = useServices();
  const [pages, setPages] = useState<AdminStorePages>(() => appendAdminPage(undefined, first));
  const [more, setMore] = useState<MoreState>({ status: 'idle' });
  const [query, setQuery] = useState('');
  const inFlight = useRef<AbortController | undefined>(undefined);
  useEffect(() => {
    setPages(appendAdminPage(undefined, first));
    setMore({ status: 'idle' });
    return () => inFlight.current?.abort();
  }, [first]);
  useEffect(() => rememberAdminStores(pages.stores), [pages]);
  const rows = useMemo(() => searchAdminStores(pages.stores, query), [pages, query]);

  const loadMore = async () => {
    if (pages.nextCursor === undefined) return;
    const controller = new AbortController();
    inFlight.current = controller;
    setMore({ status: 'loading' });
    try {
      const page = await api.listAdminStores(pages.nextCursor, { signal: controller.signal });
      if (controller.signal.aborted) return;
      setPages((current) => appendAdminPage(current, page));
      setMore({ status: 'idle' });
    } catch (error) {
      if (!controller.signal.aborted) setMore({ status: 'error', error });
    }
  };

  if (pages.stores.length === 0 && pages.nextCursor === undefined)
    return <p class="empty">{t('admin.empty')}</p>;

  return (
    <>
      <div class="filters">
        <label class="field field-grow">
          <span class="field-label">{t('admin.search')}</span>
          <input type="search" value={query} onInput={(event) => setQuery(event.currentTarget.value)} />
        </label>
      </div>
      <div class="table-meta">
        <p role="status" aria-live="polite">
          {t('admin.showing', {
            shown: formatNumber(locale, rows.length),
            total: formatNumber(locale, pages.stores.length),
          })}
        </p>
      </div>
      {rows.length === 0 ? <p class="empty">{t('admin.noMatch')}</p> : <AdminStoresTable stores={rows} />}
      {pages.nextCursor === undefined ? null : (
        <div class="table-meta">
          <p>{t('admin.more')}</p>
          <button
            type="button"
            class="button"
            onClick={() => void loadMore()}
            disabled={more.status === 'loading'}
            aria-busy={more.status === 'loading'}
          >
            {t(more.status === 'loading' ? 'admin.loadingMore' : 'admin.loadMore')}
          </button>
        </div>
      )}
      {more.status === 'error' ? <ErrorNotice error={more.error} onRetry={() => void loadMore()} /> : null}
    </>
  );
}

/** Key columns first (store, status, owners), so a phone shows them before the rest (a card per store). */
function AdminStoresTable({ stores }: { stores: readonly AdminStoreSummary[] }) {
  const { t, tv, locale } = useI18n();
  const now = useNow(60_000);
  return (
    <div class="table-scroll">
      <table class="simple-table stores-table admin-table">
        <caption class="visually-hidden">{t('admin.tableLabel')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.col.store')}</th>
            <th scope="col">{t('admin.col.status')}</th>
            <th scope="col">{t('admin.col.owners')}</th>
            <th scope="col">{t('admin.col.members')}</th>
            <th scope="col">{t('admin.col.reauthorize')}</th>
            <th scope="col">{t('admin.col.healthCheck')}</th>
            <th scope="col">{t('admin.col.open')}</th>
          </tr>
        </thead>
        <tbody>
          {stores.map((summary) => {
            const store = adminStoreAsStore(summary);
            const name = storeName(store);
            const owners = ownersOf(summary);
            return (
              <tr key={summary.storeId}>
                <th scope="row">
                  <span class="store-name">{name}</span>
                  <span class="store-meta">
                    <span class="wrap-anywhere">{summary.storeId}</span>
                    {summary.role === null ? null : (
                      <span class="badge badge-ok">
                        {t('admin.youAre', { role: t(`stores.role.${summary.role}`) })}
                      </span>
                    )}
                  </span>
                </th>
                <td>
                  <span class="cell-label" aria-hidden="true">
                    {t('admin.col.status')}
                  </span>
                  <StatusBadge view={storeStatusView(store)} />
                </td>
                <td>
                  <span class="cell-label" aria-hidden="true">
                    {t('admin.col.owners')}
                  </span>
                  <PeopleList people={owners} />
                </td>
                <td>
                  <span class="cell-label" aria-hidden="true">
                    {t('admin.col.members')}
                  </span>
                  <span>
                    {t('admin.memberCount', { count: formatNumber(locale, summary.members.length) })}
                  </span>
                  <PeopleList people={summary.members.filter((member) => member.role !== 'owner')} />
                </td>
                <td>
                  <span class="cell-label" aria-hidden="true">
                    {t('admin.col.reauthorize')}
                  </span>
                  {summary.status === 'REVOKED' ? (
                    t('common.noValue')
                  ) : (
                    <>
                      <time dateTime={summary.reauthorizeBy}>
                        {formatDateTime(locale, summary.reauthorizeBy)}
                      </time>
                      <span class="store-meta">{formatRelativeTime(locale, summary.reauthorizeBy, now)}</span>
                    </>
                  )}
                </td>
                <td>
                  <span class="cell-label" aria-hidden="true">
                    {t('admin.col.healthCheck')}
                  </span>
                  {summary.healthCheck === null ? (
                    <span class="badge badge-muted">{t('admin.health.never')}</span>
                  ) : (
                    <>
                      <span
                        class={`badge ${summary.healthCheck.result === 'valid' ? 'badge-ok' : 'badge-warning'}`}
                      >
                        {tv('admin.health', summary.healthCheck.result)}
                      </span>
                      <span class="store-meta">
                        <time
                          dateTime={summary.healthCheck.checkedAt}
                          title={formatDateTime(locale, summary.healthCheck.checkedAt)}
                        >
                          {formatRelativeTime(locale, summary.healthCheck.checkedAt, now)}
                        </time>
                      </span>
                    </>
                  )}
                </td>
                <td>
                  <div class="actions" role="group" aria-label={t('stores.actionsFor', { name })}>
                    <Link
                      class="button button-small"
                      href={routeHref({ name: 'members', storeId: summary.storeId })}
                    >
                      {t('stores.action.members')}
                    </Link>
                    <Link
                      class="button button-small"
                      href={routeHref({ name: 'audit', storeId: summary.storeId })}
                    >
                      {t('stores.action.audit')}
                    </Link>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** People by name, the email in the tooltip and for screen readers; "unknown user" for one gone from the pool. */
function PeopleList({ people }: { people: readonly AdminStoreSummary['members'][number][] }) {
  const { t } = useI18n();
  if (people.length === 0) return null;
  return (
    <ul class="plain-list people-list">
      {people.map((person) => {
        const known = person.email !== null || person.name !== null;
        const full = [person.name, person.email, person.userId].filter(Boolean).join(' · ');
        return (
          <li key={person.userId} title={full}>
            <span class="wrap-anywhere">{personLabel(person)}</span>
            {person.name !== null && person.email !== null ? (
              <span class="store-meta wrap-anywhere">{person.email}</span>
            ) : null}
            {known ? null : <span class="store-meta">{t('audit.actor.unknown')}</span>}
          </li>
        );
      })}
    </ul>
  );
}
