import type { ComponentChild } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SortState } from '../data/inventory';
import { virtualWindow } from '../data/virtual-window';

export interface Column<T, K extends string> {
  readonly id: string;
  readonly header: string;
  /** Set for sortable columns: the key handed to onSort. */
  readonly sortKey?: K;
  readonly align?: 'start' | 'end';
  /** Width class from styles.css (`col-w-s`, `col-w-m`, `col-w-l`, `col-w-xl`); none = share the rest. */
  readonly width?: 's' | 'm' | 'l' | 'xl';
  readonly cell: (row: T) => ComponentChild;
  /** Text for the cell's tooltip (truncated cells). */
  readonly title?: (row: T) => string | undefined;
}

interface DataTableProps<T, K extends string> {
  readonly label: string;
  readonly columns: readonly Column<T, K>[];
  readonly rows: readonly T[];
  readonly rowKey: (row: T, index: number) => string;
  readonly sort?: SortState<K>;
  readonly onSort?: (key: K) => void;
  readonly emptyText: string;
  /** Render only the rows in view (long tables); rows then have one fixed height. */
  readonly virtual?: boolean;
  readonly rowClass?: (row: T) => string | undefined;
}

/** Must match `.data-table td { height }` in styles.css. */
export const ROW_HEIGHT = 36;

/**
 * A table with keyboard-sortable headers (buttons inside `th[aria-sort]`) and, for long lists, row
 * virtualization: only the rows in the scroll viewport (plus overscan) are in the DOM, spacer rows stand in for
 * the rest, and `aria-rowcount`/`aria-rowindex` tell assistive technology the real size.
 */
export function DataTable<T, K extends string>(props: DataTableProps<T, K>) {
  const { columns, rows, sort, onSort, virtual = false } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(600);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!virtual || element === null) return undefined;
    const measure = () => setViewportHeight(element.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [virtual]);

  // A new filter or sort starts at the top: otherwise the viewport may point past the end of a shorter list.
  useEffect(() => {
    if (scroller.current !== null) scroller.current.scrollTop = 0;
    setScrollTop(0);
  }, [rows]);

  const range = virtual
    ? virtualWindow({ rowCount: rows.length, rowHeight: ROW_HEIGHT, scrollTop, viewportHeight })
    : { start: 0, end: rows.length, paddingTop: 0, paddingBottom: 0, totalHeight: 0 };
  const visible = rows.slice(range.start, range.end);

  return (
    <div
      class={`table-scroll${virtual ? ' table-scroll-virtual' : ''}`}
      ref={scroller}
      tabIndex={0}
      role="region"
      aria-label={props.label}
      onScroll={
        virtual ? (event) => setScrollTop((event.currentTarget as HTMLDivElement).scrollTop) : undefined
      }
    >
      <table class="data-table" aria-rowcount={rows.length + 1}>
        <colgroup>
          {columns.map((column) => (
            <col key={column.id} class={column.width ? `col-w-${column.width}` : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((column) => {
              const active =
                sort !== undefined && column.sortKey !== undefined && sort.key === column.sortKey;
              const sortKey = column.sortKey;
              return (
                <th
                  key={column.id}
                  scope="col"
                  class={column.align === 'end' ? 'num' : undefined}
                  aria-sort={active ? sort.direction : sortKey !== undefined ? 'none' : undefined}
                >
                  {sortKey !== undefined && onSort !== undefined ? (
                    <button type="button" class="sort-button" onClick={() => onSort(sortKey)}>
                      <span>{column.header}</span>
                      <span
                        class={`sort-icon${active ? ` sort-${sort.direction}` : ''}`}
                        aria-hidden="true"
                      />
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {range.paddingTop > 0 ? (
            <tr class="spacer" aria-hidden="true">
              <td colSpan={columns.length} style={{ height: `${range.paddingTop}px` }} />
            </tr>
          ) : null}
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} class="empty-cell">
                {props.emptyText}
              </td>
            </tr>
          ) : (
            visible.map((row, offset) => (
              <tr
                key={props.rowKey(row, range.start + offset)}
                aria-rowindex={range.start + offset + 2}
                class={props.rowClass?.(row)}
              >
                {columns.map((column, index) => {
                  const Cell = index === 0 ? 'th' : 'td';
                  return (
                    <Cell
                      key={column.id}
                      scope={index === 0 ? 'row' : undefined}
                      class={column.align === 'end' ? 'num' : undefined}
                      title={column.title?.(row)}
                    >
                      {column.cell(row)}
                    </Cell>
                  );
                })}
              </tr>
            ))
          )}
          {range.paddingBottom > 0 ? (
            <tr class="spacer" aria-hidden="true">
              <td colSpan={columns.length} style={{ height: `${range.paddingBottom}px` }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
