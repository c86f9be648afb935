/**
 * Which rows of a long list to put in the DOM: those inside the scroll viewport plus an overscan margin, with
 * spacer heights standing in for the rest. Rows have one fixed height, so this is arithmetic, not measurement.
 */
export interface VirtualWindowInput {
  readonly rowCount: number;
  readonly rowHeight: number;
  readonly scrollTop: number;
  readonly viewportHeight: number;
  /** Extra rows above and below the viewport so fast scrolling shows no gaps. */
  readonly overscan?: number;
}

export interface VirtualWindow {
  /** First rendered index (inclusive). */
  readonly start: number;
  /** Last rendered index (exclusive). */
  readonly end: number;
  readonly paddingTop: number;
  readonly paddingBottom: number;
  readonly totalHeight: number;
}

export function virtualWindow(input: VirtualWindowInput): VirtualWindow {
  const { rowCount, rowHeight } = input;
  const overscan = input.overscan ?? 8;
  const totalHeight = rowCount * rowHeight;
  if (rowCount === 0 || rowHeight <= 0) {
    return { start: 0, end: 0, paddingTop: 0, paddingBottom: 0, totalHeight: 0 };
  }
  const viewportHeight = Math.max(0, input.viewportHeight);
  const maxScroll = Math.max(0, totalHeight - viewportHeight);
  const scrollTop = Math.min(Math.max(0, input.scrollTop), maxScroll);
  const firstVisible = Math.floor(scrollTop / rowHeight);
  const visibleCount = Math.ceil(viewportHeight / rowHeight) + 1;
  const start = Math.max(0, firstVisible - overscan);
  const end = Math.min(rowCount, firstVisible + visibleCount + overscan);
  return {
    start,
    end,
    paddingTop: start * rowHeight,
    paddingBottom: (rowCount - end) * rowHeight,
    totalHeight,
  };
}
