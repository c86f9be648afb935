/**
 * How long the logs the stack keeps are retained, shared by the CDK constructs that set them and the public
 * privacy page that states them (shared/public-page/public-facts.ts), so the page cannot promise another figure.
 */

/** The access audit log group (lib/audit-trail.ts); a CloudWatch Logs retention value (13 months). */
export const AUDIT_LOG_RETENTION_DAYS = 400;

/** The dashboard site's CloudFront and S3 access logs (lib/dashboard-site.ts). */
export const SITE_ACCESS_LOG_RETENTION_DAYS = 400;
