import { realpath, readFile, stat } from 'node:fs/promises';
import { dashboardContentSecurityPolicy } from '../../shared/http/content-security-policy';
import path from 'node:path';
import { headerOf, type GatewayRequest, type GatewayResponse } from './gateway-http';

/**
 * The dashboard, served the way CloudFront serves it in AWS: files from the built site (`dashboard/dist`, or
 * `dashboard/public` before a build), `index.html` for unknown paths a browser navigates to (the SPA's own
 * routes), a generated `/config.json`, and the response headers policy of lib/dashboard-site.ts.
 */
export interface StaticSiteOptions {
  /** Candidate folders, best first; the first that exists is served. */
  readonly roots: readonly string[];
  /** Served as `/config.json`, the same shape the stack deploys. */
  readonly runtimeConfig: Readonly<Record<string, unknown>>;
}

export interface StaticSite {
  /** Answers a GET or HEAD; never undefined. */
  handle(request: GatewayRequest): Promise<GatewayResponse>;
}

/**
 * The CloudFront security headers, except: `connect-src` is only 'self' (the API and the sign-in endpoints share
 * the dashboard's origin locally), and no HSTS (plain http on localhost; HSTS there would follow the developer
 * to every other localhost app).
 */
export const DASHBOARD_SECURITY_HEADERS = {
  'content-security-policy': dashboardContentSecurityPolicy(),
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
} as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export function createStaticSite(options: StaticSiteOptions): StaticSite {
  const configBody = JSON.stringify(options.runtimeConfig);
  return {
    async handle(request) {
      const decoded = decodeSitePath(request.rawPath);
      if (decoded === undefined) return textResponse(400, 'Bad Request');
      if (decoded === '/config.json') {
        return respond(200, 'application/json; charset=utf-8', configBody, { 'cache-control': 'no-store' });
      }
      const root = await firstExistingDirectory(options.roots);
      if (root === undefined)
        return textResponse(404, 'Not Found: the dashboard is not built yet (npm run build).');
      const file = await resolveFile(root, decoded === '/' ? '/index.html' : decoded);
      if (file !== undefined) return fileResponse(file);
      // CloudFront answers the SPA's index.html for a missing object; only for navigations here, so a missing
      // script or image stays a visible 404 instead of an HTML page parsed as JavaScript.
      if (acceptsHtml(request)) {
        const index = await resolveFile(root, '/index.html');
        if (index !== undefined) return fileResponse(index);
      }
      return textResponse(404, 'Not Found');
    },
  };
}

/**
 * The decoded path, or undefined when it cannot name a file inside the site: undecodable escapes, NUL bytes,
 * backslashes, or `.`/`..` segments (encoded or not).
 */
export function decodeSitePath(rawPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/');
  if (segments.some((segment) => segment === '..' || segment === '.')) return undefined;
  return decoded;
}

async function firstExistingDirectory(roots: readonly string[]): Promise<string | undefined> {
  for (const root of roots) {
    try {
      if ((await stat(root)).isDirectory()) return await realpath(root);
    } catch {
      // not there: try the next one
    }
  }
  return undefined;
}

/** A regular file under root (after resolving symlinks), never a dotfile or a directory. */
async function resolveFile(root: string, sitePath: string): Promise<string | undefined> {
  const segments = sitePath.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment.startsWith('.'))) return undefined;
  const candidate = path.join(root, ...segments);
  try {
    const real = await realpath(candidate);
    if (real !== root && !real.startsWith(`${root}${path.sep}`)) return undefined;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

async function fileResponse(file: string): Promise<GatewayResponse> {
  const body = await readFile(file);
  // Vite puts content-hashed files under assets/: those may be cached; everything else is revalidated.
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  return respond(200, contentTypeOf(file), body, {
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
}

function acceptsHtml(request: GatewayRequest): boolean {
  return (headerOf(request, 'accept') ?? '').toLowerCase().includes('text/html');
}

function textResponse(statusCode: number, text: string): GatewayResponse {
  return respond(statusCode, 'text/plain; charset=utf-8', text, { 'cache-control': 'no-store' });
}

function respond(
  statusCode: number,
  contentType: string,
  body: string | Buffer,
  headers: Record<string, string>,
): GatewayResponse {
  return {
    statusCode,
    headers: { 'content-type': contentType, ...DASHBOARD_SECURITY_HEADERS, ...headers },
    body,
  };
}
