import type { CallCounters, LwaGrantCounters, SandboxCounters } from './types';

export type LwaGrantType = keyof LwaGrantCounters;

function emptyCounters(): CallCounters {
  return {
    lwa: { authorization_code: 0, refresh_token: 0, client_credentials: 0 },
    spapi: {},
    throttled: 0,
    throttledByOperation: {},
  };
}

function copy(counters: CallCounters): CallCounters {
  return {
    lwa: { ...counters.lwa },
    spapi: { ...counters.spapi },
    throttled: counters.throttled,
    throttledByOperation: { ...counters.throttledByOperation },
  };
}

/**
 * Call counters per store (`${sellingPartnerId}/${region}`) and in total. They exist so tests can prove
 * budgets and revocation from the outside: "one LWA exchange for many requests", "no call after revoke".
 */
export class CallCounterBook {
  private sellers = new Map<string, CallCounters>();
  private totals = emptyCounters();

  constructor(private readonly knownSellerKeys: readonly string[]) {
    this.reset();
  }

  reset(): void {
    this.sellers = new Map(this.knownSellerKeys.map((key) => [key, emptyCounters()]));
    this.totals = emptyCounters();
  }

  countLwa(grantType: LwaGrantType, sellerKey: string | undefined): void {
    for (const counters of this.targets(sellerKey)) counters.lwa[grantType] += 1;
  }

  countSpApi(operationId: string, sellerKey: string | undefined): void {
    for (const counters of this.targets(sellerKey)) {
      counters.spapi[operationId] = (counters.spapi[operationId] ?? 0) + 1;
    }
  }

  countThrottled(sellerKey: string | undefined, operationId?: string): void {
    for (const counters of this.targets(sellerKey)) {
      counters.throttled += 1;
      if (operationId !== undefined)
        counters.throttledByOperation[operationId] = (counters.throttledByOperation[operationId] ?? 0) + 1;
    }
  }

  snapshot(): SandboxCounters {
    return {
      sellers: Object.fromEntries([...this.sellers].map(([key, counters]) => [key, copy(counters)])),
      totals: copy(this.totals),
    };
  }

  private targets(sellerKey: string | undefined): CallCounters[] {
    if (sellerKey === undefined) return [this.totals];
    let seller = this.sellers.get(sellerKey);
    if (!seller) {
      seller = emptyCounters();
      this.sellers.set(sellerKey, seller);
    }
    return [seller, this.totals];
  }
}
