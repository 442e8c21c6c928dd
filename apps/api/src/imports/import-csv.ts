import { parse } from 'csv-parse/sync';
import { DomainError, type FieldError } from '../common/domain-error.js';
import { IMPORT_COLUMNS, REQUIRED_COLUMNS, type ImportColumn } from './import-columns.js';

/** A problem with one cell or row; `row` is the row a spreadsheet shows (the header is row 1). */
export interface ImportError extends FieldError {
  row: number;
}

export type ImportCells = Partial<Record<ImportColumn, string>>;

export interface CsvRow {
  row: number;
  cells: ImportCells;
}

export interface CsvTable {
  /** The columns the file has: a column left out leaves that field of existing records alone. */
  columns: ReadonlySet<ImportColumn>;
  rows: CsvRow[];
  /** Rows that could not be read into cells (more cells than the header names). */
  errors: ImportError[];
}

/** The whole file is unusable (not UTF-8, not CSV, a bad header): nothing can be planned. */
export const importFileInvalid = (errors: ImportError[]) =>
  new DomainError(
    'import_file_invalid',
    400,
    'Invalid file',
    'The file cannot be read as the import CSV; nothing was imported.',
    errors,
  );

const KNOWN = new Set<string>(IMPORT_COLUMNS);

/** Spreadsheets write `;` where the decimal separator is a comma: the header row tells which. */
function detectDelimiter(text: string): ',' | ';' {
  const end = text.search(/\r|\n/);
  const header = end === -1 ? text : text.slice(0, end);
  const count = (char: string) => header.split(char).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    // Drops a leading byte-order mark, as Excel's "CSV UTF-8" writes one.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw importFileInvalid([
      { row: 1, field: '(file)', message: 'is not UTF-8 text: save it as "CSV UTF-8"' },
    ]);
  }
}

const CSV_MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a quote inside a quoted cell must be doubled ("")',
  CSV_INVALID_OPENING_QUOTE: 'a quote inside a cell must be doubled, and the cell quoted',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text follows the closing quote of a cell',
};

function parseRecords(text: string): string[][] {
  try {
    const records: string[][] = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: false,
    });
    return records;
  } catch (error) {
    const { code, records } = error as { code?: string; records?: number };
    throw importFileInvalid([
      {
        // csv-parse counts the records it finished; the broken one is the next.
        row: (records ?? 0) + 1,
        field: '(file)',
        message: (code && CSV_MESSAGES[code]) ?? 'is not valid CSV',
      },
    ]);
  }
}

/**
 * Reads the CSV into cells by column name. Row numbers count records, not lines, so a quoted
 * cell that spans lines is one row, as in a spreadsheet; blank rows count and are skipped.
 */
export function readImportCsv(bytes: Uint8Array): CsvTable {
  const records = parseRecords(decodeUtf8(bytes));
  if (records.length === 0) {
    throw importFileInvalid([{ row: 1, field: '(file)', message: 'is empty: no header row' }]);
  }
  const header = records[0].map((name) => name.trim());
  const headerErrors: ImportError[] = [];
  const seen = new Set<string>();
  header.forEach((name, index) => {
    if (name === '') return; // a trailing separator: allowed while its cells stay empty
    if (!KNOWN.has(name)) {
      headerErrors.push({
        row: 1,
        field: name,
        message: `unknown column (column ${index + 1}); see GET /api/v1/imports/template.csv`,
      });
    } else if (seen.has(name)) {
      headerErrors.push({ row: 1, field: name, message: 'column appears twice' });
    }
    seen.add(name);
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!seen.has(column)) {
      headerErrors.push({ row: 1, field: column, message: 'required column is missing' });
    }
  }
  if (headerErrors.length > 0) throw importFileInvalid(headerErrors);

  const rows: CsvRow[] = [];
  const errors: ImportError[] = [];
  for (let i = 1; i < records.length; i++) {
    const row = i + 1;
    const record = records[i];
    if (record.every((cell) => cell.trim() === '')) continue;
    const cells: ImportCells = {};
    let bad = false;
    record.forEach((raw, index) => {
      const cell = raw.trim();
      const column = header[index];
      if (column === undefined || column === '') {
        if (cell === '') return;
        bad = true;
        errors.push({
          row,
          field: '(row)',
          message: `cell ${index + 1} is outside the named columns (the header has ${header.length})`,
        });
        return;
      }
      cells[column as ImportColumn] = cell;
    });
    // Cells missing at the end of a row (some spreadsheets drop trailing empty ones) are empty.
    if (!bad) rows.push({ row, cells });
  }
  return { columns: seen as ReadonlySet<ImportColumn>, rows, errors };
}
