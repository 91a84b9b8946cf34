import { describe, expect, it } from 'vitest';
import type { ImportReport, ImportRow } from './bindings';
import { isValid, problemAt, reportSummary } from './roster';

const row = (line: number, problems: ImportRow['problems']): ImportRow => ({
  line,
  cells: ['a@x.org', 'Ana', 'R3'],
  email: 'a@x.org',
  name: 'Ana',
  outcome: problems.length > 0 ? 'invalid' : 'new',
  changes: [],
  problems,
});

const report = (over: Partial<ImportReport>): ImportReport => ({
  kind: 'residents',
  headers: ['email', 'first_name', 'PGY'],
  ignoredColumns: [],
  fileProblems: [],
  totalRows: 3,
  newRows: 2,
  updatedRows: 0,
  unchangedRows: 0,
  invalidRows: 1,
  rows: [],
  rowsLeftOut: 0,
  applied: false,
  ...over,
});

describe('reportSummary', () => {
  it('counts rows and names only the outcomes that happen', () => {
    expect(reportSummary(report({}))).toBe('3 rows: 2 new, 1 with problems');
    expect(reportSummary(report({ totalRows: 1, newRows: 0, unchangedRows: 1, invalidRows: 0 }))).toBe(
      '1 row: 1 unchanged',
    );
    expect(reportSummary(report({ totalRows: 0, newRows: 0, invalidRows: 0 }))).toBe('0 rows');
  });
});

describe('isValid', () => {
  it('needs no bad row and no problem with the file', () => {
    expect(isValid(report({}))).toBe(false);
    expect(isValid(report({ invalidRows: 0 }))).toBe(true);
    expect(isValid(report({ invalidRows: 0, fileProblems: [{ column: null, message: 'The file is empty' }] }))).toBe(
      false,
    );
  });
});

describe('problemAt', () => {
  it('finds the reasons for the cell under a header, as the file writes it', () => {
    const bad = row(3, [
      { column: 'PGY', message: "Unknown PGY level 'R3'" },
      { column: 'PGY', message: 'second reason' },
    ]);
    expect(problemAt(bad, 'PGY')).toBe("Unknown PGY level 'R3'; second reason");
    expect(problemAt(bad, 'email')).toBeNull();
    expect(problemAt(row(2, []), 'PGY')).toBeNull();
  });
});
