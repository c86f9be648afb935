import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  CfnUserPoolGroup,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolClient,
  UserPoolDomain,
  type UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { API_SCOPE } from '../shared/auth/api-scope';

export interface OperatorsProps {
  /** Globally unique prefix of the hosted sign-in domain. */
  readonly domainPrefix: string;
  /** The dashboard's origin, e.g. `https://ops.example.com`: where sign-in returns. */
  readonly dashboardUrl: string;
}

/** The group whose members see every store's audit trail and member list. */
export const ADMIN_GROUP = 'admin';

/**
 * Operators sign in with Cognito: accounts are created by an admin (no self sign-up), strong passwords, TOTP MFA
 * required, threat protection on. The dashboard is a public client using the authorization code grant with PKCE.
 * The API is a resource server of the pool with one custom scope (API_SCOPE): the HTTP API's JWT authorizer
 * requires it on every `/api` route, so only access tokens issued for the API are accepted, never ID tokens.
 */
export class Operators extends Construct {
  readonly userPool: UserPool;
  readonly dashboardClient: UserPoolClient;
  readonly domain: UserPoolDomain;
  readonly apiResourceServer: UserPoolResourceServer;

  constructor(scope: Construct, id: string, props: OperatorsProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    new CfnUserPoolGroup(this, 'AdminGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: ADMIN_GROUP,
      description: 'Mint Hub admins: store members and the audit trail of every store',
    });

    // Managed login (not the classic hosted UI, which is English only) is localized: the dashboard sends its language
    // as `lang` (`en`, `zh-CN`) on the authorize request and Cognito keeps it in a cookie. Its text cannot be
    // changed and its language selector is not available yet, so the language follows the dashboard's choice.
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    const [identifier, scopeName] = API_SCOPE.split('/');
    if (identifier === undefined || scopeName === undefined)
      throw new Error(`API_SCOPE ${API_SCOPE} is not id/name`);
    const apiScope = new ResourceServerScope({
      scopeName,
      scopeDescription: 'Call the Mint Hub Operations API',
    });
    this.apiResourceServer = this.userPool.addResourceServer('ApiResourceServer', {
      identifier,
      userPoolResourceServerName: 'Mint Hub Operations API',
      scopes: [apiScope],
    });

    this.dashboardClient = this.userPool.addClient('Dashboard', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [
          OAuthScope.OPENID,
          OAuthScope.EMAIL,
          OAuthScope.PROFILE,
          OAuthScope.resourceServer(this.apiResourceServer, apiScope),
        ],
        callbackUrls: [`${props.dashboardUrl}/`],
        logoutUrls: [`${props.dashboardUrl}/`],
      },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });

    // Managed login shows a client's pages only once the client has a branding style: Cognito's own look.
    new CfnManagedLoginBranding(this, 'DashboardLoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.dashboardClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });
  }

  /** The hosted sign-in base URL, e.g. https://prefix.auth.eu-west-1.amazoncognito.com */
  get signInUrl(): string {
    return `https://${this.domain.domainName}.auth.${Stack.of(this).region}.amazoncognito.com`;
  }
}
