/**
 * CSV as RFC 4180 describes it: comma-separated, CRLF between records, a field quoted when it holds
 * a comma, a quote or a line break, quotes doubled inside. Numbers are written as exact decimal
 * text so a spreadsheet reads them as numbers. Text that a spreadsheet would run as a formula
 * (=, +, -, @, tab or CR first, and not a number) gets a leading apostrophe — symbols and account
 * names come from brokers and files, and a CSV must never execute what it exports.
 */

const NUMBER_RE = /^[+-]?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvCell = string | number | null;

function cellText(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (FORMULA_START.test(value) && !NUMBER_RE.test(value)) return `'${value}`;
  return value;
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header and the rows as one CSV text, ending with CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  for (const [i, row] of rows.entries()) {
    if (row.length !== header.length)
      throw new Error(`CSV row ${i + 1} has ${row.length} cells; the header has ${header.length}.`);
  }
  return [header, ...rows].map((row) => row.map((c) => quote(cellText(c))).join(',') + '\r\n').join('');
}

/** A file name safe on every desktop OS: "Portfolio positions – Demo" → "portfolio-positions-demo". */
export function csvFileName(...parts: string[]): string {
  const slug = parts
    .join(' ')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'table'}.csv`;
}
