import { mergeOrders } from '../../../shared/summaries/order-history';
import { ago, order } from './fixtures/records';

const WINDOW = { from: new Date(ago(30)) };

describe('mergeOrders', () => {
  it('keeps, per orderId, the record with the later lastUpdatedTime, whichever list it is in', () => {
    const kept = order({ orderId: 'A', status: 'SHIPPED', createdTime: ago(5), lastUpdatedTime: ago(1) });
    const stale = { ...kept, status: 'UNSHIPPED' as const, lastUpdatedTime: ago(4) };
    const previous = [
      order({ orderId: 'B', status: 'UNSHIPPED', createdTime: ago(3), lastUpdatedTime: ago(3) }),
    ];
    const shipped = { ...previous[0]!, status: 'SHIPPED' as const, lastUpdatedTime: ago(0, 1) };

    const merged = mergeOrders([kept, ...previous], [stale, shipped], WINDOW);

    expect(merged.map((o) => [o.orderId, o.status])).toEqual([
      ['A', 'SHIPPED'],
      ['B', 'SHIPPED'],
    ]);
  });

  it('lets the update win a tie, as the later read', () => {
    const before = order({ orderId: 'A', status: 'PENDING', createdTime: ago(2), lastUpdatedTime: ago(1) });
    const after = { ...before, status: 'UNSHIPPED' as const };
    expect(mergeOrders([before], [after], WINDOW)).toEqual([after]);
  });

  it('compares instants, not strings, when offsets differ', () => {
    const utc = order({
      orderId: 'A',
      status: 'SHIPPED',
      createdTime: ago(2),
      lastUpdatedTime: '2026-03-10T10:00:00Z',
    });
    // 11:00 at +02:00 is 09:00 UTC: older, though it sorts later as text.
    const offset = { ...utc, status: 'UNSHIPPED' as const, lastUpdatedTime: '2026-03-10T11:00:00+02:00' };
    expect(mergeOrders([utc], [offset], WINDOW)).toEqual([utc]);
  });

  it('drops orders created before the window, keeping one created exactly at its start', () => {
    const atStart = order({ orderId: 'START', createdTime: ago(30) });
    const before = order({ orderId: 'OLD', createdTime: new Date(WINDOW.from.getTime() - 1).toISOString() });
    const unreadable = order({ orderId: 'BAD', createdTime: 'not a date' });
    expect(mergeOrders([before, atStart], [unreadable], WINDOW).map((o) => o.orderId)).toEqual(['START']);
  });

  it('sorts by createdTime, then orderId', () => {
    const merged = mergeOrders(
      [order({ orderId: 'C', createdTime: ago(1) }), order({ orderId: 'B', createdTime: ago(2) })],
      [order({ orderId: 'A', createdTime: ago(1) }), order({ orderId: 'D', createdTime: ago(3) })],
      WINDOW,
    );
    expect(merged.map((o) => o.orderId)).toEqual(['D', 'B', 'A', 'C']);
  });

  it('is idempotent: merging the same updates again, or nothing, changes nothing', () => {
    const previous = [
      order({ orderId: 'A', createdTime: ago(3), lastUpdatedTime: ago(3) }),
      order({ orderId: 'B', createdTime: ago(2), lastUpdatedTime: ago(2) }),
    ];
    const updates = [
      { ...previous[0]!, status: 'CANCELLED' as const, lastUpdatedTime: ago(1) },
      order({ orderId: 'C', createdTime: ago(1), lastUpdatedTime: ago(1) }),
    ];

    const once = mergeOrders(previous, updates, WINDOW);
    expect(mergeOrders(once, updates, WINDOW)).toEqual(once);
    expect(mergeOrders(once, [], WINDOW)).toEqual(once);
    expect(once.map((o) => [o.orderId, o.status])).toEqual([
      ['A', 'CANCELLED'],
      ['B', 'SHIPPED'],
      ['C', 'SHIPPED'],
    ]);
  });

  it('collapses duplicates within one list', () => {
    const first = order({ orderId: 'A', status: 'UNSHIPPED', createdTime: ago(2), lastUpdatedTime: ago(2) });
    const second = { ...first, status: 'SHIPPED' as const, lastUpdatedTime: ago(1) };
    expect(mergeOrders([], [second, first], WINDOW)).toEqual([second]);
  });
});
