import type { ListingShape } from './operation';

// Broken 200 answers, for the operation faults of faults.ts: what a proxy cutting a body short, a gateway error
// page or a half-built page look like to a client. Built from the real answer, so everything else stays true.

export type BodyFaultKind = 'truncatedJson' | 'htmlBody' | 'missingList' | 'repeatedNextToken';

export interface FaultyAnswer {
  contentType: string;
  text: string;
}

const GATEWAY_ERROR_PAGE =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>' +
  '<body><h1>502 Bad Gateway</h1><p>The server returned an invalid or incomplete response.</p></body></html>';

function withoutPath(body: unknown, path: readonly string[]): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let parent: Record<string, unknown> | undefined = copy;
  for (const key of path.slice(0, -1)) {
    const next: unknown = parent?.[key];
    parent = typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : undefined;
  }
  const last = path[path.length - 1];
  if (parent !== undefined && last !== undefined) delete parent[last];
  return copy;
}

function withValue(body: unknown, path: readonly string[], value: string): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) {
    const next = parent[key];
    if (typeof next !== 'object' || next === null) parent[key] = {};
    parent = parent[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (last !== undefined) parent[last] = value;
  return copy;
}

/** The answer a body fault turns `body` into; `requestToken` is the page token the request carried. */
export function faultyAnswer(
  kind: BodyFaultKind,
  body: unknown,
  listing: ListingShape,
  requestToken: string | undefined,
): FaultyAnswer {
  switch (kind) {
    case 'truncatedJson': {
      const text = JSON.stringify(body);
      return { contentType: 'application/json', text: text.slice(0, Math.floor(text.length / 2)) };
    }
    case 'htmlBody':
      return { contentType: 'text/html', text: GATEWAY_ERROR_PAGE };
    case 'missingList':
      return { contentType: 'application/json', text: JSON.stringify(withoutPath(body, listing.list)) };
    case 'repeatedNextToken': {
      // Only requests carrying a token match this fault (faults.ts), so there is always one to repeat.
      const repeated =
        listing.nextToken === undefined || requestToken === undefined
          ? body
          : withValue(body, listing.nextToken, requestToken);
      return { contentType: 'application/json', text: JSON.stringify(repeated) };
    }
  }
}
