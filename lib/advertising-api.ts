import { Construct } from 'constructs';
import { addManifestRoutes, type RouteFunctionsProps } from './api';
import type { MintHubFunction } from './mint-hub-function';

/**
 * Advertising (Amazon Ads API): an owner's consent start and removal behind the JWT authorizer, and the public Ads
 * OAuth return URL. The ads view itself is a store data route (StoreDataApi); the reports come from the pipeline.
 */
export class AdvertisingApi extends Construct {
  readonly functions: Record<string, MintHubFunction>;

  constructor(scope: Construct, id: string, props: Omit<RouteFunctionsProps, 'routeIds'>) {
    super(scope, id);
    this.functions = addManifestRoutes(this, {
      ...props,
      routeIds: ['StartAdsAuthorization', 'RemoveAdsAuthorization', 'AdsOAuthCallback'],
    });
  }
}
