import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../common/domain-error.js';
import { readImportCsv } from './import-csv.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe(readImportCsv.name, () => {
  it('numbers rows as a spreadsheet does: by record, blank rows counted, the header as row 1', () => {
    const table = readImportCsv(
      bytes(
        'registrationNumber,kind,sector,legalName\n' +
          'A-1,recruiter,private,"Two\nlines Ltd"\n' +
          '\n' +
          'A-2,employer,public,Second Ltd\n',
      ),
    );
    expect(table.rows).toEqual([
      {
        row: 2,
        cells: {
          registrationNumber: 'A-1',
          kind: 'recruiter',
          sector: 'private',
          legalName: 'Two\nlines Ltd',
        },
      },
      {
        row: 4,
        cells: {
          registrationNumber: 'A-2',
          kind: 'employer',
          sector: 'public',
          legalName: 'Second Ltd',
        },
      },
    ]);
  });

  it('tells semicolons from commas by the header row', () => {
    const table = readImportCsv(
      bytes('registrationNumber;kind;sector;legalName\nA-1;recruiter;private;Smith, Jones & Co\n'),
    );
    expect(table.rows[0].cells.legalName).toBe('Smith, Jones & Co');
  });

  it('knows which columns the file has, so left-out ones can be left alone', () => {
    const table = readImportCsv(
      bytes('legalName,registrationNumber,sector,kind,phones\nX Ltd,A-1,private,recruiter,\n'),
    );
    expect([...table.columns].sort()).toEqual([
      'kind',
      'legalName',
      'phones',
      'registrationNumber',
      'sector',
    ]);
    expect(table.rows[0].cells.phones).toBe('');
  });

  it('reports a row with more cells than named columns, and accepts one with fewer', () => {
    const table = readImportCsv(
      bytes(
        'registrationNumber,kind,sector,legalName,phones\nA-1,recruiter,private,X Ltd,,extra\nA-2,recruiter,private,Y Ltd\n',
      ),
    );
    expect(table.errors).toEqual([expect.objectContaining({ row: 2, field: '(row)' })]);
    expect(table.rows.map((r) => r.row)).toEqual([3]);
  });

  it('refuses a header with a repeated column, as a file error', () => {
    let error: unknown;
    try {
      readImportCsv(bytes('registrationNumber,kind,sector,legalName,kind\n'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'import_file_invalid',
      errors: [{ row: 1, field: 'kind', message: 'column appears twice' }],
    });
  });
});
