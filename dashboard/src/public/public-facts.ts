import type {
  PublicContact,
  PublicDataAccess,
  PublicDataset,
  PublicPageFacts,
  PublicRetention,
} from '../../../shared/api/public-page-contract';

export type { PublicDataAccess, PublicDataset, PublicPageFacts };

/**
 * Reads `publicPage` of `/config.json`. Anything malformed gives undefined, never a guess: the public pages then
 * say their facts are unavailable and keep the authorize button disabled, while the operators' dashboard, which
 * does not need these facts, still starts.
 */
const DATASETS: readonly PublicDataset[] = ['inventory', 'orders', 'ads'];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const isDays = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 100_000;
const isDataset = (value: unknown): value is PublicDataset =>
  typeof value === 'string' && (DATASETS as readonly string[]).includes(value);
const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function parseAccess(raw: unknown): PublicDataAccess | undefined {
  if (!isObject(raw)) return undefined;
  const { dataset, api, role, scope } = raw;
  if ((dataset === 'inventory' || dataset === 'orders') && api === 'sp-api' && nonEmpty(role))
    return { dataset, api, role };
  if (dataset === 'ads' && api === 'ads-api' && nonEmpty(scope)) return { dataset, api, scope };
  return undefined;
}

function parseContact(raw: unknown): PublicContact | null | undefined {
  if (raw === null) return null;
  if (!isObject(raw)) return undefined;
  const email = raw['email'];
  const url = raw['url'];
  const contact: { email?: string; url?: string } = {};
  if (email !== undefined) {
    if (typeof email !== 'string' || !/^[^\s@<>"]+@[^\s@<>"]+$/.test(email)) return undefined;
    contact.email = email;
  }
  if (url !== undefined) {
    if (typeof url !== 'string' || !/^https:\/\/[^\s"<>]+$/.test(url)) return undefined;
    contact.url = url;
  }
  return contact.email === undefined && contact.url === undefined ? null : contact;
}

function parseRetention(raw: unknown): PublicRetention | undefined {
  if (!isObject(raw) || !Array.isArray(raw['snapshots'])) return undefined;
  const snapshots: { dataset: PublicDataset; days: number }[] = [];
  for (const entry of raw['snapshots'] as unknown[]) {
    if (!isObject(entry) || !isDataset(entry['dataset']) || !isDays(entry['days'])) return undefined;
    snapshots.push({ dataset: entry['dataset'], days: entry['days'] });
  }
  const fields = [
    'auditLogDays',
    'siteAccessLogDays',
    'revocationQueueDays',
    'deadLetterQueueDays',
    'authorizationStateMinutes',
    'reauthorizationDays',
  ] as const;
  if (!fields.every((field) => isDays(raw[field]))) return undefined;
  const day = (field: (typeof fields)[number]) => raw[field] as number;
  return {
    snapshots,
    auditLogDays: day('auditLogDays'),
    siteAccessLogDays: day('siteAccessLogDays'),
    revocationQueueDays: day('revocationQueueDays'),
    deadLetterQueueDays: day('deadLetterQueueDays'),
    authorizationStateMinutes: day('authorizationStateMinutes'),
    reauthorizationDays: day('reauthorizationDays'),
  };
}

export function parsePublicPageFacts(raw: unknown): PublicPageFacts | undefined {
  if (!isObject(raw) || !Array.isArray(raw['datasets']) || !Array.isArray(raw['access'])) return undefined;
  const datasets = raw['datasets'] as unknown[];
  if (!datasets.every(isDataset) || new Set(datasets).size !== datasets.length) return undefined;
  const access = (raw['access'] as unknown[]).map(parseAccess);
  // One access entry per live dataset, in the same order: a role is never shown for a dataset that is not live.
  if (access.length !== datasets.length || access.some((entry, i) => entry?.dataset !== datasets[i]))
    return undefined;
  if (typeof raw['integrationLive'] !== 'boolean') return undefined;
  const contact = parseContact(raw['contact']);
  const retention = parseRetention(raw['retention']);
  if (contact === undefined || retention === undefined) return undefined;
  return {
    datasets,
    access: access as PublicDataAccess[],
    integrationLive: raw['integrationLive'],
    contact,
    retention,
  };
}
