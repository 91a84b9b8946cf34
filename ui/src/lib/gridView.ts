// What each cell of the schedule grid draws, computed once per change and kept between changes:
// a cell (and a row) whose drawing did not change keeps the same object, so the grid redraws
// only the cells an edit touched instead of re-evaluating all 3,900 of a 150-resident year.
import type { Block, GridResident } from './bindings';
import { cellKey, derive, textOn } from './schedule';

type Derived = ReturnType<typeof derive>;

/** One coloured part of a cell: the whole block, or one half. */
export interface PartView {
  code: string;
  colour: string;
  ink: string;
}

export interface CellView {
  key: string;
  blockId: string;
  /** The column, for `data-cell`. */
  j: number;
  /** [] empty; one part for the whole block; two for the halves. */
  parts: PartView[];
  /** The typed code shown while its edit is on its way. */
  pending: boolean;
  leave: boolean;
  locked: boolean;
  bad: boolean;
  title: string;
  label: string;
}

export interface RowView {
  id: string;
  name: string;
  /** The row, for `data-cell`. */
  i: number;
  cells: CellView[];
  problems: number;
  tallyTitle: string;
}

export interface LevelView {
  pgy: number;
  rows: RowView[];
}

const part = (code: string, colour: string | undefined): PartView => ({
  code,
  colour: colour ?? 'transparent',
  ink: textOn(colour ?? ''),
});

/** What a cell shows as text: "GS", "GS/TRA", "/TRA" or "". */
export function contentText(d: Derived, key: string): string {
  const p = d.cells.get(key);
  if (!p) return '';
  if (p.whole) return d.codeOf(p.whole.rotationTypeId);
  const half = (a: typeof p.first) => (a ? d.codeOf(a.rotationTypeId) : '');
  return `${half(p.first)}/${half(p.second)}`;
}

function partsOf(d: Derived, key: string, pending: string | undefined, colourOf: (code: string) => string | undefined): PartView[] {
  if (pending !== undefined) {
    if (pending === '') return [];
    const codes = pending.includes('/') ? pending.split('/', 2) : [pending];
    return codes.map((c) => part(c, c === '' ? undefined : colourOf(c)));
  }
  const p = d.cells.get(key);
  if (!p) return [];
  const of = (a: typeof p.first) => {
    const rot = a ? d.rotation.get(a.rotationTypeId) : undefined;
    return part(rot?.code ?? '', rot?.colour);
  };
  return p.whole ? [of(p.whole)] : [of(p.first), of(p.second)];
}

function titleOf(d: Derived, key: string): string {
  const lines: string[] = [];
  const p = d.cells.get(key);
  for (const a of [p?.whole, p?.first, p?.second]) {
    if (!a) continue;
    const site = a.siteId ? d.siteLabel.get(a.siteId) : undefined;
    const supervisor = a.supervisorId ? d.facultyName.get(a.supervisorId) : undefined;
    lines.push(
      `${d.rotation.get(a.rotationTypeId)?.name ?? '?'} ${a.startDate}..${a.endDate}` +
        `${site ? ` at ${site}` : ''}${supervisor ? ` with ${supervisor}` : ''}${a.isLocked ? ' (locked)' : ''}`,
    );
  }
  const leave = d.leave.get(key);
  if (leave) lines.push(`On ${leave.kind} ${leave.startDate}..${leave.endDate}`);
  for (const c of d.conflicts.byCell.get(key) ?? []) lines.push(`⚠ ${c.message}`);
  return lines.join('\n');
}

const sameParts = (a: PartView[], b: PartView[]) =>
  a.length === b.length && a.every((p, k) => p.code === b[k].code && p.colour === b[k].colour);

function sameCell(a: CellView, b: CellView): boolean {
  return (
    a.key === b.key &&
    a.j === b.j &&
    a.pending === b.pending &&
    a.leave === b.leave &&
    a.locked === b.locked &&
    a.bad === b.bad &&
    a.title === b.title &&
    a.label === b.label &&
    sameParts(a.parts, b.parts)
  );
}

function cellView(d: Derived, r: GridResident, b: Block, j: number, pending: ReadonlyMap<string, string>, colourOf: (code: string) => string | undefined): CellView {
  const key = cellKey(r.id, b.id);
  const shown = pending.get(key);
  const text = shown ?? contentText(d, key);
  return {
    key,
    blockId: b.id,
    j,
    parts: partsOf(d, key, shown, colourOf),
    pending: shown !== undefined,
    leave: d.leave.has(key),
    locked: d.cells.get(key)?.locked ?? false,
    bad: d.conflicts.byCell.has(key),
    title: titleOf(d, key),
    label: `${r.name}, ${b.name}: ${text || 'empty'}`,
  };
}

/** The grid's rows by PGY level. `previous` is the last answer: every cell and row that draws the
 *  same as before is that same object again. */
export function gridView(d: Derived, blocks: Block[], pending: ReadonlyMap<string, string>, previous: LevelView[] = []): LevelView[] {
  const before = new Map<string, RowView>();
  for (const level of previous) for (const row of level.rows) before.set(row.id, row);
  const colours = new Map([...d.rotation.values()].map((r) => [r.code, r.colour]));
  const colourOf = (code: string) => colours.get(code);
  let i = 0;
  const levels = d.levels.map((level, k) => {
    const rows = level.residents.map((r) => {
      const old = before.get(r.id);
      const cells = blocks.map((b, j) => {
        const fresh = cellView(d, r, b, j, pending, colourOf);
        const kept = old?.cells[j];
        return kept && sameCell(kept, fresh) ? kept : fresh;
      });
      const issues = d.conflicts.byResident.get(r.id) ?? [];
      const row: RowView = {
        id: r.id,
        name: r.name,
        i: i++,
        cells,
        problems: issues.length,
        tallyTitle: issues.map((c) => c.message).join('\n') || 'Every requirement met',
      };
      const same =
        old !== undefined &&
        old.name === row.name &&
        old.i === row.i &&
        old.problems === row.problems &&
        old.tallyTitle === row.tallyTitle &&
        old.cells.length === cells.length &&
        old.cells.every((c, j) => c === cells[j]);
      return same ? old : row;
    });
    const old = previous[k];
    const same = old !== undefined && old.pgy === level.pgy && old.rows.length === rows.length && old.rows.every((r, n) => r === rows[n]);
    return same ? old : { pgy: level.pgy, rows };
  });
  return levels;
}
