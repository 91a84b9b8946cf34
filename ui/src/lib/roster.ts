// The import wizard's words: a report's summary, and which cell a problem points at.
import type { ImportReport, RowProblem } from './bindings';
import { countOf } from './format';

/** Whether the file can be imported: no problem with the file or any row. */
export function isValid(report: { fileProblems: readonly unknown[]; invalidRows: number }): boolean {
  return report.fileProblems.length === 0 && report.invalidRows === 0;
}

/** "3 rows: 2 new, 1 updated, 0 unchanged, 1 with problems", leaving out the zeros after the count. */
export function reportSummary(report: ImportReport): string {
  const parts = [
    [report.newRows, 'new'],
    [report.updatedRows, 'updated'],
    [report.unchangedRows, 'unchanged'],
    [report.invalidRows, 'with problems'],
  ]
    .filter(([n]) => n !== 0)
    .map(([n, what]) => `${n} ${what}`);
  const rows = countOf(report.totalRows, 'row', 'rows');
  return parts.length === 0 ? rows : `${rows}: ${parts.join(', ')}`;
}

/** The reasons a row gives for the cell under `header`, or null when that cell is fine. */
export function problemAt(row: { problems: RowProblem[] }, header: string): string | null {
  const messages = row.problems.filter((p) => p.column === header).map((p) => p.message);
  return messages.length === 0 ? null : messages.join('; ');
}
