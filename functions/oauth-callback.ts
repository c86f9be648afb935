import { notImplementedHandler } from '../shared/http/not-implemented';

// Built by its own issue; until then the route is wired and answers 501.
export const handler = notImplementedHandler('OAuthCallback', 'The OAuth callback');
