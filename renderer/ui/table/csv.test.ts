import { describe, expect, it } from 'vitest';
import { csvFileName, toCsv } from './csv';

/** A small RFC 4180 reader, to check that what toCsv writes reads back as the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && ch === '"') {
      quoted = false;
    } else if (quoted) {
      cell += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += ch;
    }
  }
  return rows;
}

describe('toCsv', () => {
  it('writes a header and rows with CRLF, quoting only what needs it', () => {
    expect(
      toCsv(
        ['Symbol', 'Qty'],
        [
          ['SPY', '100'],
          ['BRK.B', 2.5],
        ],
      ),
    ).toBe('Symbol,Qty\r\nSPY,100\r\nBRK.B,2.5\r\n');
  });

  it('round-trips commas, quotes and line breaks', () => {
    const cells = ['a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', '', 'plain'];
    const text = toCsv(['x', 'y', 'z', 'w', 'v', 'u'], [cells]);
    expect(parseCsv(text)).toEqual([['x', 'y', 'z', 'w', 'v', 'u'], cells]);
  });

  it('keeps numbers, negative ones included, as numbers', () => {
    expect(toCsv(['v'], [['-1234.56'], ['+7'], [-0.5], ['0.000001']])).toBe(
      'v\r\n-1234.56\r\n+7\r\n-0.5\r\n0.000001\r\n',
    );
  });

  it('never lets a spreadsheet run exported text as a formula', () => {
    const text = toCsv(['name'], [['=HYPERLINK("http://x")'], ['+cmd'], ['-2+3'], ['@SUM(A1)'], ['\tx']]);
    expect(
      parseCsv(text)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual([`'=HYPERLINK("http://x")`, "'+cmd", "'-2+3", "'@SUM(A1)", "'\tx"]);
  });

  it('writes missing and non-finite values as empty cells', () => {
    expect(toCsv(['a', 'b', 'c'], [[null, Number.NaN, Number.POSITIVE_INFINITY]])).toBe('a,b,c\r\n,,\r\n');
  });

  it('refuses a row whose width differs from the header', () => {
    expect(() => toCsv(['a', 'b'], [['1', '2'], ['3']])).toThrow('CSV row 2 has 1 cells; the header has 2.');
  });
});

describe('csvFileName', () => {
  it('makes a lower-case slug any desktop OS accepts', () => {
    expect(csvFileName('positions', 'Demo – Main/IRA: 2026')).toBe('positions-demo-main-ira-2026.csv');
    expect(csvFileName('***')).toBe('table.csv');
  });
});
