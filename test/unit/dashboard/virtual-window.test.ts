import { ROW_HEIGHT } from '../../../dashboard/src/components/data-table';
import { virtualWindow } from '../../../dashboard/src/data/virtual-window';
import { sampleInventoryItems } from '../../../dashboard/src/fixtures/sample-data';

describe('virtualized rows for 10,000 SKUs', () => {
  const rows = sampleInventoryItems(10_000);
  const viewportHeight = 480;

  it('puts only a window of rows in the DOM, with spacers standing in for the rest', () => {
    for (const scrollTop of [0, 1234, 180_000, rows.length * ROW_HEIGHT]) {
      const window = virtualWindow({
        rowCount: rows.length,
        rowHeight: ROW_HEIGHT,
        scrollTop,
        viewportHeight,
      });
      const rendered = rows.slice(window.start, window.end);
      expect(rendered.length).toBeGreaterThan(0);
      expect(rendered.length).toBeLessThanOrEqual(Math.ceil(viewportHeight / ROW_HEIGHT) + 1 + 2 * 8);
      expect(window.paddingTop + rendered.length * ROW_HEIGHT + window.paddingBottom).toBe(
        rows.length * ROW_HEIGHT,
      );
    }
  });

  it('covers the viewport at any scroll position', () => {
    for (let scrollTop = 0; scrollTop < rows.length * ROW_HEIGHT - viewportHeight; scrollTop += 9_973) {
      const window = virtualWindow({
        rowCount: rows.length,
        rowHeight: ROW_HEIGHT,
        scrollTop,
        viewportHeight,
      });
      expect(window.paddingTop).toBeLessThanOrEqual(scrollTop);
      expect(window.end * ROW_HEIGHT).toBeGreaterThanOrEqual(scrollTop + viewportHeight);
    }
  });

  it('shows the last rows at the bottom and clamps scroll positions past the end', () => {
    const window = virtualWindow({ rowCount: 10_000, rowHeight: 36, scrollTop: 9e9, viewportHeight });
    expect(window.end).toBe(10_000);
    expect(window.paddingBottom).toBe(0);
  });

  it('renders everything for short lists and nothing for empty ones', () => {
    expect(virtualWindow({ rowCount: 5, rowHeight: 36, scrollTop: 0, viewportHeight })).toMatchObject({
      start: 0,
      end: 5,
      paddingTop: 0,
      paddingBottom: 0,
    });
    expect(virtualWindow({ rowCount: 0, rowHeight: 36, scrollTop: 0, viewportHeight }).end).toBe(0);
  });
});
