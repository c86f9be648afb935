import {
  REGION_DEFAULTS,
  defaultRestockSettings,
  parseRestockSettingsRequest,
  storedOrDefault,
} from '../../../shared/summaries/restock-settings';

const NA = REGION_DEFAULTS.NA;
const body = (patch: Record<string, unknown> = {}, overrides: unknown[] = []) => ({
  settings: { ...NA, ...patch },
  overrides,
});
const problems = (value: unknown) => {
  const parsed = parseRestockSettingsRequest(value);
  return parsed.ok ? [] : parsed.problems;
};

describe('restock settings', () => {
  it('has valid defaults for every region: sea by default, air when urgent, rail only to Europe', () => {
    for (const region of ['NA', 'EU', 'FE'] as const) {
      expect(problems({ settings: REGION_DEFAULTS[region], overrides: [] })).toEqual([]);
      expect(REGION_DEFAULTS[region]).toMatchObject({ defaultMode: 'sea', urgentMode: 'air' });
    }
    expect(REGION_DEFAULTS.EU.modes.rail.enabled).toBe(true);
    expect(REGION_DEFAULTS.NA.modes.rail.enabled).toBe(false);
    expect(REGION_DEFAULTS.FE.modes.sea.transitDays).toBeLessThan(REGION_DEFAULTS.NA.modes.sea.transitDays);
  });

  it('names the field of every bad value', () => {
    expect(problems(body({ coverDays: 3 }))).toEqual([
      'settings.coverDays must be a whole number from 7 to 365',
    ]);
    expect(problems(body({ productionDays: 2.5 }))).toEqual([
      'settings.productionDays must be a whole number from 0 to 180',
    ]);
    expect(problems(body({ modes: { ...NA.modes, sea: { ...NA.modes.sea, transitDays: 0 } } }))).toEqual([
      'settings.modes.sea.transitDays must be a whole number from 1 to 120',
    ]);
    expect(problems(body({ defaultMode: 'rail' }))).toEqual(['settings.defaultMode must be an enabled mode']);
    expect(problems(body({ urgentMode: 'rocket' }))[0]).toMatch(
      /^settings\.urgentMode must be one of sea, rail/,
    );
    expect(problems(body({ leadTimeDays: 30 }))).toEqual(['settings.leadTimeDays is not a setting']);
    expect(problems(body({}, [{ sellerSku: 'A', casePack: 0 }]))).toEqual([
      'overrides[0].casePack must be a whole number from 1 to 10000',
    ]);
    expect(problems(body({}, [{ casePack: 6 }]))).toEqual([
      'overrides[0] must name exactly one of sellerSku or asin',
    ]);
    expect(problems(body({}, [{ asin: 'nope', casePack: 6 }]))).toEqual([
      'overrides[0].asin must be an ASIN (10 letters and digits)',
    ]);
    expect(
      problems(
        body({}, [
          { sellerSku: 'A', casePack: 6 },
          { sellerSku: 'A', safetyDays: 3 },
        ]),
      ),
    ).toEqual(['overrides[1].sellerSku is overridden twice']);
    expect(problems(body({}, [{ sellerSku: 'A' }]))).toEqual(['overrides[0] must set at least one setting']);
    expect(problems(body({}, [{ sellerSku: 'A', defaultMode: 'rail' }]))).toEqual([
      'overrides[0].defaultMode must be an enabled mode',
    ]);
    expect(problems({ overrides: [] })).toEqual(['settings must be an object']);
  });

  it('accepts what GET answered, ignoring its read-only fields, and normalizes overrides', () => {
    const parsed = parseRestockSettingsRequest({
      ...body({}, [{ asin: 'b0abcdefgh', casePack: 24 }]),
      storeId: 'X',
      defaults: NA,
      version: 3,
      updatedAt: null,
      updatedBy: null,
      canEdit: true,
    });
    expect(parsed).toEqual({
      ok: true,
      value: { settings: NA, overrides: [{ asin: 'B0ABCDEFGH', casePack: 24 }], version: 3 },
    });
  });

  it('falls back to the region defaults when nothing (or nothing valid) is stored', () => {
    expect(storedOrDefault(undefined, 'EU')).toEqual(defaultRestockSettings('EU'));
    const stale = {
      settings: { leadTimeDays: 30 } as never,
      overrides: [],
      version: 1,
      updatedAt: '',
      updatedBy: '',
    };
    expect(storedOrDefault(stale, 'FE')).toEqual(defaultRestockSettings('FE'));
  });
});
