import { Construct } from 'constructs';
import { addManifestRoutes, type RouteFunctionsProps } from './api';
import type { MintHubFunction } from './mint-hub-function';

/**
 * Seller authorization: the website flow's state endpoint (signed-in operators), and the public Appstore
 * Login URI and OAuth redirect URI that Amazon sends sellers' browsers to.
 */
export class SellerAuthApi extends Construct {
  readonly functions: Record<string, MintHubFunction>;

  constructor(scope: Construct, id: string, props: Omit<RouteFunctionsProps, 'routeIds'>) {
    super(scope, id);
    this.functions = addManifestRoutes(this, {
      ...props,
      routeIds: ['CreateAuthorization', 'AppstoreLogin', 'OAuthCallback'],
    });
  }
}
