import { describe, expect, it } from 'vitest';
import { orderRows, tableCsv, type Column } from './DataTable';

interface Row {
  name: string;
  value: string | null;
}

const columns: Column<Row>[] = [
  { id: 'name', label: 'Name', sortValue: (r) => r.name, csvValue: (r) => r.name, cell: (r) => r.name },
  {
    id: 'value',
    label: 'Value',
    csvLabel: 'Value ($)',
    sortValue: (r) => r.value,
    csvValue: (r) => r.value,
    cell: (r) => r.value,
  },
];
const rows: Row[] = [
  { name: 'b', value: '2' },
  { name: 'a', value: null },
  { name: 'c', value: '-1' },
];

describe('orderRows', () => {
  it('keeps the incoming order without a sort, or for an unknown column', () => {
    expect(orderRows(columns, rows, null).map((r) => r.name)).toEqual(['b', 'a', 'c']);
    expect(orderRows(columns, rows, { column: 'gone', direction: 'asc' }).map((r) => r.name)).toEqual([
      'b',
      'a',
      'c',
    ]);
  });

  it('sorts by the chosen column', () => {
    expect(orderRows(columns, rows, { column: 'value', direction: 'desc' }).map((r) => r.name)).toEqual([
      'b',
      'c',
      'a',
    ]);
    expect(orderRows(columns, rows, { column: 'name', direction: 'asc' }).map((r) => r.name)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
});

describe('tableCsv', () => {
  it('exports the rows given, in that order, under the CSV labels', () => {
    expect(tableCsv(columns, rows)).toBe('Name,Value ($)\r\nb,2\r\na,\r\nc,-1\r\n');
  });
});
