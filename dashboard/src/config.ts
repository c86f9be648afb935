import { parsePublicPageFacts, type PublicPageFacts } from './public/public-facts';

/**
 * The runtime configuration, `/config.json`, deployed beside the built files (lib/mint-hub-stack.ts) or served
 * by the local gateway. Read once at start; a malformed file stops the app with a clear message.
 */
export interface DashboardConfig {
  /** API base URL without a trailing slash; empty = same origin (the local gateway). */
  readonly apiUrl: string;
  /** The hosted sign-in base URL: the Cognito domain, or the local OAuth server. */
  readonly signInUrl: string;
  readonly clientId: string;
  readonly region: string;
  readonly auth: 'cognito' | 'local';
  readonly userPoolId?: string;
  /** The public pages' facts (shared/public-page); undefined when absent or malformed (the pages say so). */
  readonly publicPage?: PublicPageFacts;
}

export class ConfigError extends Error {
  constructor(readonly field: string) {
    super(`config.json: ${field} is missing or invalid`);
    this.name = 'ConfigError';
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function parseConfig(raw: unknown): DashboardConfig {
  if (typeof raw !== 'object' || raw === null) throw new ConfigError('(root)');
  const value = raw as Record<string, unknown>;
  const text = (field: string): string => {
    const found = value[field];
    if (typeof found !== 'string') throw new ConfigError(field);
    return found.trim();
  };
  const apiUrl = text('apiUrl').replace(/\/+$/, '');
  if (apiUrl !== '' && !isHttpUrl(apiUrl)) throw new ConfigError('apiUrl');
  const signInUrl = text('signInUrl').replace(/\/+$/, '');
  if (!isHttpUrl(signInUrl)) throw new ConfigError('signInUrl');
  const clientId = text('clientId');
  if (clientId === '') throw new ConfigError('clientId');
  const auth = text('auth');
  if (auth !== 'cognito' && auth !== 'local') throw new ConfigError('auth');
  const userPoolId = typeof value['userPoolId'] === 'string' ? value['userPoolId'] : undefined;
  const publicPage = parsePublicPageFacts(value['publicPage']);
  return {
    apiUrl,
    signInUrl,
    clientId,
    region: typeof value['region'] === 'string' ? value['region'] : '',
    auth,
    ...(userPoolId === undefined ? {} : { userPoolId }),
    ...(publicPage === undefined ? {} : { publicPage }),
  };
}

export async function loadConfig(fetchImpl: typeof fetch = fetch): Promise<DashboardConfig> {
  const response = await fetchImpl('/config.json', { cache: 'no-store', credentials: 'same-origin' });
  if (!response.ok) throw new ConfigError('(file)');
  return parseConfig(await response.json());
}
