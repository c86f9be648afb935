import { DomainError } from '../errors';

export type PaginationFault = 'repeated-next-token' | 'page-limit';

/**
 * A listing that cannot end: Amazon answered a next token it had already given in this listing (the same page
 * forever, or a cycle), or the listing needs more pages than the usage plan allows before the deadline. Retrying
 * at once would loop again, so the caller gets a 503 with a Retry-After that says "later", not "in 1 s".
 */
export class PaginationFailure extends DomainError {
  constructor(
    readonly fault: PaginationFault,
    readonly operation: string,
    readonly retryAfterSeconds = 60,
  ) {
    super(
      'AmazonUnavailable',
      fault === 'repeated-next-token'
        ? 'Amazon kept answering pages it had already sent, so the list was not read; try again later.'
        : 'The list has more pages than Amazon allows this store to read in one request; try again later.',
      { reason: fault, retryAfterSeconds },
    );
  }
}

/** How many calls a token bucket holding `tokens` at `fromMs` allows until `toMs`, refilling at `rate` per second. */
export function pagesAllowedWithin(
  bucket: { readonly tokens: number; readonly rate: number },
  fromMs: number,
  toMs: number,
): number {
  return Math.floor(bucket.tokens + (bucket.rate * Math.max(0, toMs - fromMs)) / 1000);
}

/**
 * Watches one paginated listing: every next token must be new to it, and the page count must stay within what
 * the usage plan allows before the deadline (`limit` is read before each page, so a moving deadline or a rate
 * Amazon announces is followed). Call `beforePage` before asking for a page and `afterPage` with its next token.
 */
export class PaginationGuard {
  private readonly seen = new Set<string>();
  private pages = 0;

  constructor(
    private readonly operation: string,
    private readonly limit: () => number = () => Number.POSITIVE_INFINITY,
    /** The token the listing resumes from, when it does. */
    startToken?: string,
  ) {
    if (startToken !== undefined) this.seen.add(startToken);
  }

  get pagesRead(): number {
    return this.pages;
  }

  beforePage(): void {
    if (this.pages > 0 && this.pages >= this.limit())
      throw new PaginationFailure('page-limit', this.operation);
  }

  afterPage(nextToken: string | undefined): void {
    this.pages += 1;
    if (nextToken === undefined) return;
    if (this.seen.has(nextToken)) throw new PaginationFailure('repeated-next-token', this.operation);
    this.seen.add(nextToken);
  }
}
