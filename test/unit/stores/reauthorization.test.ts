import { REAUTHORIZATION_NOTICE_DAYS, reauthorizationOf } from '../../../shared/stores/reauthorization';
import { MILLISECONDS_PER_DAY } from '../../../shared/time';

const NOW = new Date('2026-11-20T10:00:00.000Z');
const inDays = (days: number) => new Date(NOW.getTime() + days * MILLISECONDS_PER_DAY).toISOString();
const active = (reauthorizeBy: string) => ({ status: 'ACTIVE' as const, reauthorizeBy });

describe('the re-authorization rule', () => {
  it('counts whole days until reauthorizeBy, flooring, negative once past', () => {
    expect(reauthorizationOf(active(inDays(190.9)), NOW).reauthorizeInDays).toBe(190);
    expect(reauthorizationOf(active(inDays(0.5)), NOW).reauthorizeInDays).toBe(0);
    expect(reauthorizationOf(active(inDays(-0.01)), NOW).reauthorizeInDays).toBe(-1);
  });

  it(`is due for an active store from ${REAUTHORIZATION_NOTICE_DAYS} days ahead, and past the date`, () => {
    expect(reauthorizationOf(active(inDays(REAUTHORIZATION_NOTICE_DAYS + 1)), NOW)).toEqual({
      reauthorizeInDays: REAUTHORIZATION_NOTICE_DAYS + 1,
      reauthorizationDue: false,
    });
    expect(reauthorizationOf(active(inDays(REAUTHORIZATION_NOTICE_DAYS + 0.5)), NOW).reauthorizationDue).toBe(
      true,
    );
    expect(reauthorizationOf(active(inDays(-3)), NOW).reauthorizationDue).toBe(true);
  });

  it('is never due for a store that is not active (revoked, suspended, already required)', () => {
    for (const status of ['REVOKED', 'SUSPENDED', 'REAUTH_REQUIRED'] as const)
      expect(reauthorizationOf({ status, reauthorizeBy: inDays(3) }, NOW).reauthorizationDue).toBe(false);
  });
});
