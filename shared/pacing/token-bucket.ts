/**
 * A client-side token bucket mirroring one SP-API usage plan (rate per second, burst). Time is passed in, so the
 * bucket is pure and testable; `waitMs` says how long until the next request may go.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAtMs: number;

  constructor(
    private rate: number,
    private readonly burst: number,
    nowMs: number,
  ) {
    this.tokens = burst;
    this.updatedAtMs = nowMs;
  }

  get ratePerSecond(): number {
    return this.rate;
  }

  get burstSize(): number {
    return this.burst;
  }

  /** What the shared bucket says (shared-pacing.ts): this environment's view follows it. */
  syncTokens(tokens: number, nowMs: number): void {
    this.refill(nowMs);
    this.tokens = Math.min(this.burst, tokens);
  }

  private refill(nowMs: number): void {
    const elapsed = Math.max(0, nowMs - this.updatedAtMs) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.rate);
    this.updatedAtMs = nowMs;
  }

  /** Tokens held now (fractional while refilling). */
  available(nowMs: number): number {
    this.refill(nowMs);
    return this.tokens;
  }

  /** Milliseconds until a token is available (0 when one is). */
  waitMs(nowMs: number): number {
    this.refill(nowMs);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.rate) * 1000);
  }

  /** Takes a token; call only when `waitMs` answered 0. */
  take(nowMs: number): void {
    this.refill(nowMs);
    this.tokens -= 1;
  }

  /** Amazon announced the plan it applies (`x-amzn-RateLimit-Limit`): follow it. */
  adjustRate(rate: number, nowMs: number): void {
    if (!Number.isFinite(rate) || rate <= 0 || rate === this.rate) return;
    this.refill(nowMs);
    this.rate = rate;
  }

  /** A 429 means Amazon's bucket is empty whatever ours says: start from empty. */
  drain(nowMs: number): void {
    this.refill(nowMs);
    this.tokens = Math.min(this.tokens, 0);
  }
}

/** The documented default usage plans of the operations we call. */
export const USAGE_PLANS = {
  getInventorySummaries: { rate: 2, burst: 2 },
  getOrders: { rate: 0.0167, burst: 20 },
  searchOrders: { rate: 0.0056, burst: 20 },
  getMarketplaceParticipations: { rate: 0.016, burst: 15 },
  // Sales API v1 and Reports API 2021-06-30 (sales.json, reports_2021-06-30.json).
  getOrderMetrics: { rate: 0.5, burst: 15 },
  createReport: { rate: 0.0167, burst: 15 },
  getReport: { rate: 2, burst: 15 },
  getReportDocument: { rate: 0.0167, burst: 15 },
} as const;

export type PacedOperation = keyof typeof USAGE_PLANS;
