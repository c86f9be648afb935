import { useI18n } from './app-context';
import { Link } from './components/link';
import { usePageTitle } from './hooks/use-page-title';
import type { parseRoute } from './router/routes';
import { AdminView } from './views/admin-view';
import { AppstoreView } from './views/appstore-view';
import { OverviewView } from './views/overview-view';
import { PublicAuthorizeView } from './views/public-authorize-view';
import { StorePage } from './views/store-page';
import { StoresView } from './views/stores-view';

/** The signed-in app's routes table: which view each route shows (URLs ↔ routes: router/routes.ts). */
export function RouteView({ route }: { route: ReturnType<typeof parseRoute> }) {
  const { t } = useI18n();
  switch (route.name) {
    case 'overview':
      return <OverviewView />;
    case 'stores':
      return <StoresView />;
    case 'admin':
      return <AdminView />;
    case 'appstore':
      return <AppstoreView />;
    case 'authorize':
      return <PublicAuthorizeView />;
    case 'inventory':
    case 'orders':
    case 'ads':
    case 'audit':
    case 'members':
    case 'restock-settings':
      return <StorePage route={route} />;
    default:
      return <NotFound title={t('notFound.title')} body={t('notFound.body')} back={t('store.back')} />;
  }
}

function NotFound(props: { title: string; body: string; back: string }) {
  const { t } = useI18n();
  usePageTitle(props.title, t('app.title'));
  return (
    <>
      <h1 tabIndex={-1}>{props.title}</h1>
      <p>{props.body}</p>
      <p>
        <Link href="/stores">{props.back}</Link>
      </p>
    </>
  );
}
