import { ZodError } from 'zod';
import {
  DEFAULT_RESTOCK_SETTINGS,
  resolveRestockSettings,
  restockSettingsOverridesSchema,
  restockSettingsSchema,
} from '../../../shared/summaries/restock-settings';

describe('restock settings', () => {
  it('defaults to sea freight to FBA: 30 days lead, 14 safety, 30 cover, low stock at 44, overstock past 180', () => {
    expect(DEFAULT_RESTOCK_SETTINGS).toEqual({
      leadTimeDays: 30,
      safetyDays: 14,
      coverDays: 30,
      lowStockDays: 44,
      overstockDays: 180,
    });
    expect(restockSettingsSchema.parse(DEFAULT_RESTOCK_SETTINGS)).toEqual(DEFAULT_RESTOCK_SETTINGS);
  });

  it('resolves no overrides to the defaults', () => {
    expect(resolveRestockSettings()).toEqual(DEFAULT_RESTOCK_SETTINGS);
    expect(resolveRestockSettings({})).toEqual(DEFAULT_RESTOCK_SETTINGS);
  });

  it('moves the low-stock threshold with lead and safety days unless it is set', () => {
    expect(resolveRestockSettings({ leadTimeDays: 60, safetyDays: 7 })).toEqual({
      leadTimeDays: 60,
      safetyDays: 7,
      coverDays: 30,
      lowStockDays: 67,
      overstockDays: 180,
    });
    expect(resolveRestockSettings({ leadTimeDays: 60, lowStockDays: 20 }).lowStockDays).toBe(20);
  });

  it.each([
    { leadTimeDays: 0 },
    { leadTimeDays: 366 },
    { leadTimeDays: 1.5 },
    { safetyDays: -1 },
    { safetyDays: 181 },
    { coverDays: 0 },
    { coverDays: 366 },
    { lowStockDays: -1 },
    { overstockDays: 731 },
    { leadTimeDays: '30' },
    { reorderDays: 10 },
  ])('rejects the override %o', (overrides) => {
    expect(() => resolveRestockSettings(overrides)).toThrow(ZodError);
    expect(restockSettingsOverridesSchema.safeParse(overrides).success).toBe(false);
  });

  it('accepts the range edges', () => {
    expect(
      resolveRestockSettings({ leadTimeDays: 365, safetyDays: 180, coverDays: 365, overstockDays: 730 }),
    ).toEqual({ leadTimeDays: 365, safetyDays: 180, coverDays: 365, lowStockDays: 545, overstockDays: 730 });
    expect(resolveRestockSettings({ leadTimeDays: 1, safetyDays: 0, coverDays: 1 }).lowStockDays).toBe(1);
  });

  it('requires overstock above low stock, including when a longer lead time raises low stock', () => {
    expect(() => resolveRestockSettings({ lowStockDays: 180 })).toThrow(/overstockDays must be greater/);
    expect(() => resolveRestockSettings({ leadTimeDays: 200 })).toThrow(ZodError);
    expect(resolveRestockSettings({ leadTimeDays: 200, overstockDays: 400 }).lowStockDays).toBe(214);
  });
});
