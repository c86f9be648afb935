/**
 * The OAuth 2.0 scope every `/api` route requires: API Gateway's JWT authorizer accepts a token only when its
 * `scope` claim carries it, so ID tokens (which have no `scope`) and access tokens minted for anything else are
 * refused. It is a custom scope of the user pool's resource server (lib/operators.ts), which Cognito renders as
 * `{resourceServerIdentifier}/{scopeName}` and puts in an access token's `scope` claim only when the app client
 * allows it and the sign-in request asks for it: the dashboard must request it next to `openid email profile`.
 * The local identity provider issues it and the local authorizer requires it the same way.
 */
export const API_SCOPE = 'mint-hub/api';
