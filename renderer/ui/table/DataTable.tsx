import { useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import { toCsv, type CsvCell } from './csv';
import { downloadText } from './download';
import { nextSort, sortRows, type SortDirection, type SortState, type SortValue } from './sort';

export interface Column<Row> {
  id: string;
  label: string;
  /** Header of the CSV column when it differs from the label (units, say). */
  csvLabel?: string;
  /** How the "Sorted by …" line names the column when the label alone is ambiguous. */
  sortLabel?: string;
  align?: 'left' | 'right';
  /** Extra class on the column's header cell. */
  headerClass?: string;
  /** The first cell of a row is its header (`<th scope="row">`). */
  rowHeader?: boolean;
  /** The direction of the first click: figures largest first, names A→Z. */
  firstDirection?: SortDirection;
  sortValue: (row: Row) => SortValue;
  csvValue: (row: Row) => CsvCell;
  cell: (row: Row) => ReactNode;
  cellClass?: (row: Row) => string | undefined;
  cellStyle?: (row: Row) => CSSProperties | undefined;
  cellTitle?: (row: Row) => string | undefined;
}

/** A column's rows in CSV form: exactly what is shown, in the order shown. */
export function tableCsv<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  return toCsv(
    columns.map((c) => c.csvLabel ?? c.label),
    rows.map((row) => columns.map((c) => c.csvValue(row))),
  );
}

/** Rows in the order the sort state asks for (the incoming order when there is none). */
export function orderRows<Row>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  sort: SortState,
): Row[] {
  const column = sort && columns.find((c) => c.id === sort.column);
  return sort && column ? sortRows(rows, column.sortValue, sort.direction) : [...rows];
}

function ariaSort(sort: SortState, id: string): 'ascending' | 'descending' | 'none' {
  if (sort?.column !== id) return 'none';
  return sort.direction === 'asc' ? 'ascending' : 'descending';
}

/**
 * A table whose headers sort (first click in the column's natural direction, second flips, third
 * restores the engine's order) and which exports what it shows as CSV.
 */
export function DataTable<Row>({
  rows,
  columns,
  rowKey,
  rowAttributes,
  testId,
  className,
  csvFileName,
}: {
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  rowKey: (row: Row) => string;
  rowAttributes?: (row: Row) => Record<`data-${string}`, string>;
  testId: string;
  className?: string;
  csvFileName: string;
}) {
  const [sort, setSort] = useState<SortState>(null);
  const ordered = useMemo(() => orderRows(columns, rows, sort), [columns, rows, sort]);
  const sortedBy = sort && columns.find((c) => c.id === sort.column);

  return (
    <div className="data-table">
      <div className="table-tools">
        <span className="muted" data-testid={`${testId}-order`}>
          {sortedBy
            ? `Sorted by ${sortedBy.sortLabel ?? sortedBy.label}, ${sort.direction === 'asc' ? 'ascending' : 'descending'}`
            : 'Default order'}
        </span>
        {sortedBy && (
          <button type="button" className="link-button" onClick={() => setSort(null)}>
            Reset
          </button>
        )}
        <button
          type="button"
          className="button-small"
          data-testid={`${testId}-csv`}
          title="Save the rows as shown (exact figures) as a CSV file"
          onClick={() => downloadText(csvFileName, tableCsv(columns, ordered))}
        >
          Export CSV
        </button>
      </div>
      <div className="table-scroll">
        <table className={`grid-table${className ? ` ${className}` : ''}`} data-testid={testId}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.id}
                  className={
                    [c.align === 'left' ? 'left' : '', c.headerClass ?? ''].join(' ').trim() || undefined
                  }
                  aria-sort={ariaSort(sort, c.id)}
                  scope="col"
                >
                  <button
                    type="button"
                    className="sort-button"
                    data-column={c.id}
                    onClick={() => setSort((s) => nextSort(s, c.id, c.firstDirection ?? 'desc'))}
                  >
                    {c.label}
                    <span className="sort-mark" aria-hidden="true">
                      {sort?.column === c.id ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ordered.map((row) => (
              <tr key={rowKey(row)} {...rowAttributes?.(row)}>
                {columns.map((c) => {
                  const props = {
                    className:
                      [c.align === 'left' ? 'left' : '', c.cellClass?.(row) ?? ''].join(' ').trim() ||
                      undefined,
                    style: c.cellStyle?.(row),
                    title: c.cellTitle?.(row),
                  };
                  return c.rowHeader ? (
                    <th key={c.id} scope="row" {...props}>
                      {c.cell(row)}
                    </th>
                  ) : (
                    <td key={c.id} {...props}>
                      {c.cell(row)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
