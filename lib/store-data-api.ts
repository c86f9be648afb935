import { Construct } from 'constructs';
import { addManifestRoutes, type RouteFunctionsProps } from './api';
import type { MintHubFunction } from './mint-hub-function';

/** Store data and administration: every `/api/stores…` route, `/api/overview` and `/api/admin/stores`, behind the JWT authorizer, plus `/healthz`. */
export class StoreDataApi extends Construct {
  readonly functions: Record<string, MintHubFunction>;

  constructor(scope: Construct, id: string, props: Omit<RouteFunctionsProps, 'routeIds'>) {
    super(scope, id);
    this.functions = addManifestRoutes(this, {
      ...props,
      routeIds: [
        'ListStores',
        'GetInventory',
        'GetOrders',
        'GetAds',
        'DisconnectStore',
        'GetStoreAudit',
        'ListStoreMembers',
        'AddStoreMember',
        'RemoveStoreMember',
        'GetRestockSettings',
        'PutRestockSettings',
        'GetOverview',
        'PutStoreDisplayName',
        'ListAdminStores',
        'Healthz',
      ],
    });
  }
}
