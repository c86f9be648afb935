/**
 * The dashboard's Content Security Policy, in one place: CloudFront sends it in AWS (lib/dashboard-site.ts) and
 * the local gateway sends it locally, so the two cannot drift. No inline scripts or styles anywhere.
 * `connectSources` adds origins the dashboard may call besides its own (the Cognito sign-in domain in AWS).
 */
export function dashboardContentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "manifest-src 'self'",
    ["connect-src 'self'", ...connectSources].join(' '),
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}
