import { calendarDate, calendarDatesBetween } from '../../../shared/summaries/calendar-days';
import { fromMinorUnits, minorUnitDigits, toMinorUnits } from '../../../shared/summaries/currency-amounts';

describe('currency amounts', () => {
  it('knows the minor units of the marketplace currencies, falling back to 2', () => {
    expect(['USD', 'EUR', 'GBP', 'JPY', 'INR', 'KWD', 'SEK'].map(minorUnitDigits)).toEqual([
      2, 2, 2, 0, 2, 3, 2,
    ]);
    expect(minorUnitDigits('not-a-code')).toBe(2);
  });

  it('rounds to minor units, halves up, despite binary floats', () => {
    expect(toMinorUnits(1.005, 'USD')).toBe(101);
    expect(toMinorUnits(19.99, 'USD')).toBe(1999);
    expect(toMinorUnits(2980.5, 'JPY')).toBe(2981);
    expect(fromMinorUnits(5997, 'USD')).toBe(59.97);
    expect(fromMinorUnits(4480, 'JPY')).toBe(4480);
  });
});

describe('calendar days', () => {
  it('names the local date of an instant', () => {
    const instant = Date.parse('2026-12-31T23:30:00Z');
    expect(calendarDate(instant, 'UTC')).toBe('2026-12-31');
    expect(calendarDate(instant, 'Asia/Shanghai')).toBe('2027-01-01');
    expect(calendarDate(instant, 'America/New_York')).toBe('2026-12-31');
  });

  it('lists every date between two, across month, year and leap day', () => {
    expect(calendarDatesBetween('2028-02-28', '2028-03-01')).toEqual([
      '2028-02-28',
      '2028-02-29',
      '2028-03-01',
    ]);
    expect(calendarDatesBetween('2026-12-31', '2027-01-01')).toEqual(['2026-12-31', '2027-01-01']);
    expect(calendarDatesBetween('2026-03-10', '2026-03-10')).toEqual(['2026-03-10']);
  });
});
