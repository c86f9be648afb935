import { invalidInput } from './errors';

/** Reads SP-API query parameters: arrays come comma-separated (the generated clients' csv format) or repeated. */
export class QueryReader {
  constructor(private readonly params: URLSearchParams) {}

  string(name: string): string | undefined {
    const value = this.params.get(name);
    return value === null || value === '' ? undefined : value;
  }

  list(name: string): string[] {
    return this.params
      .getAll(name)
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter((value) => value !== '');
  }

  has(name: string): boolean {
    return this.string(name) !== undefined;
  }

  integer(name: string): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) throw invalidInput(`${name} must be an integer.`);
    return Number(value);
  }

  boolean(name: string): boolean | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (value !== 'true' && value !== 'false') throw invalidInput(`${name} must be true or false.`);
    return value === 'true';
  }
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * ISO 8601 as the SP-API reads it: a date-time with an optional zone (none means UTC). Date-only values
 * are accepted where the model does not say `format: date-time`. Returns undefined when unreadable.
 */
export function parseIsoDateTime(value: string, options: { requireTime: boolean }): Date | undefined {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return undefined;
  if (options.requireTime && match[4] === undefined) return undefined;
  const normalized =
    match[4] === undefined ? `${value}T00:00:00Z` : match[7] === undefined ? `${value}Z` : value;
  const date = new Date(normalized);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** "2024-12-25T10:30:00Z": Amazon prints timestamps to the second. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
