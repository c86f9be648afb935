import type { Money } from '../stores/datasets';

const digitsByCurrency = new Map<string, number>();

/**
 * How many minor-unit digits a currency has (USD 2, JPY 0, KWD 3), from the runtime's ISO 4217 data. A code the
 * runtime does not accept falls back to 2, the common case, rather than failing a whole summary.
 */
export function minorUnitDigits(currency: string): number {
  const known = digitsByCurrency.get(currency);
  if (known !== undefined) return known;
  let digits: number;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits as number;
  } catch {
    digits = 2;
  }
  digitsByCurrency.set(currency, digits);
  return digits;
}

/**
 * An amount in whole minor units. The product goes through toPrecision first because binary floats put amounts
 * like 1.005 a hair below the half (1.005 * 100 = 100.49999…), which would round the wrong way.
 */
export function toMinorUnits(amount: number, currency: string): number {
  const scaled = amount * 10 ** minorUnitDigits(currency);
  return Math.round(Number(scaled.toPrecision(12)));
}

export function fromMinorUnits(minor: number, currency: string): number {
  const digits = minorUnitDigits(currency);
  // Dividing an integer by a power of ten gives the nearest double to the decimal, e.g. 1999 / 100 = 19.99.
  return digits === 0 ? minor : minor / 10 ** digits;
}

/** The currency code as summaries group by it: trimmed and upper case. */
export const currencyKey = (currency: string): string => currency.trim().toUpperCase();

/** Sums money per currency in integer minor units, so thousands of orders add up without floating drift. */
export class CurrencyTotals {
  private readonly minorByCurrency = new Map<string, number>();

  addMinor(currency: string, minor: number): void {
    this.minorByCurrency.set(currency, (this.minorByCurrency.get(currency) ?? 0) + minor);
  }

  currencies(): string[] {
    return [...this.minorByCurrency.keys()].sort();
  }

  /** One entry per currency, sorted by code; `currencies` also lists ones with nothing added (as 0). */
  toMoney(currencies: readonly string[] = this.currencies()): Money[] {
    return currencies.map((currency) => ({
      currency,
      amount: fromMinorUnits(this.minorByCurrency.get(currency) ?? 0, currency),
    }));
  }
}
