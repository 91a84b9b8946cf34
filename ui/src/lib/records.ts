// The words of an import of records from another system (EPA assessments, work hours): the
// summary of a file and what each row does.
import type { RecordRow, RecordsReport } from './bindings';
import { countOf } from './format';

/** "12 rows: 10 new, 1 already there, 1 with problems", leaving out the zeros (any file of records). */
export function importSummary(report: RecordsReport): string {
  const parts = [
    [report.newRows, 'new'],
    [report.duplicateRows, 'already there'],
    [report.invalidRows, 'with problems'],
  ]
    .filter(([n]) => n !== 0)
    .map(([n, what]) => `${n} ${what}`);
  const rows = countOf(report.totalRows, 'row', 'rows');
  return parts.length === 0 ? rows : `${rows}: ${parts.join(', ')}`;
}

/** What importing a row does, or why it cannot. */
export function recordResult(row: RecordRow): string {
  switch (row.outcome) {
    case 'new':
      return `new: ${row.what}`;
    case 'invalid':
      return row.problems.map((p) => (p.column ? `${p.column}: ${p.message}` : p.message)).join('; ');
    default:
      return `already there: ${row.what}`;
  }
}
