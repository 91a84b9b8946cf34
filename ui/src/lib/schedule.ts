// The grid's logic, kept out of the components so it can be tested: what each cell holds, which
// rules each cell, row and block breaks, what a typed code means, selections, and undo/redo.
import type {
  Block,
  CellEdit,
  Conflict,
  EditOutcome,
  ElectiveRequest,
  Half,
  LeavePeriod,
  RotationAssignment,
  RotationType,
  Rule,
  ScheduleGrid,
} from './bindings';

export const cellKey = (residentId: string, blockId: string) => `${residentId}|${blockId}`;

/** What one resident's block holds: a whole-block rotation, or a rotation per half. */
export interface CellParts {
  whole: RotationAssignment | null;
  first: RotationAssignment | null;
  second: RotationAssignment | null;
  locked: boolean;
}

export function cellsOf(assignments: RotationAssignment[]): Map<string, CellParts> {
  const out = new Map<string, CellParts>();
  for (const a of assignments) {
    const key = cellKey(a.residentId, a.blockId);
    const parts = out.get(key) ?? { whole: null, first: null, second: null, locked: false };
    if (a.half === 'first') parts.first = a;
    else if (a.half === 'second') parts.second = a;
    else parts.whole = a;
    parts.locked ||= a.isLocked;
    out.set(key, parts);
  }
  return out;
}

/** The ids of the assignments a cell shows, for the core to refuse an edit of a changed cell. */
export function idsOf(parts: CellParts | undefined): string[] {
  if (!parts) return [];
  return [parts.whole, parts.first, parts.second].filter((a) => a !== null).map((a) => a!.id);
}

/** Which leave touches each resident's block (vacation, sick, …), by cell. */
export function leaveByCell(blocks: Block[], leave: LeavePeriod[]): Map<string, LeavePeriod> {
  const out = new Map<string, LeavePeriod>();
  for (const l of leave) {
    for (const b of blocks) {
      if (l.startDate <= b.endDate && b.startDate <= l.endDate) out.set(cellKey(l.residentId, b.id), l);
    }
  }
  return out;
}

/** Rules about rotations in a block as a whole (shown in the coverage row, not on a resident). */
const BLOCK_RULES: ReadonlySet<Rule> = new Set(['coverageShort', 'coverageOver', 'siteCapacity', 'agreement']);

export const isBlockRule = (rule: Rule) => BLOCK_RULES.has(rule);

/** Rules about a resident's whole year (shown in the tally column). */
const YEAR_RULES: ReadonlySet<Rule> = new Set(['requirementShort', 'requirementOver']);

export interface ConflictIndex {
  /** Conflicts drawn on a resident's cell (eligibility, back-to-back, heavy runs, leave, and
   *  block rules naming the resident). */
  byCell: Map<string, Conflict[]>;
  /** Requirement tallies short or over, by resident. */
  byResident: Map<string, Conflict[]>;
  /** Coverage, capacity and agreement, by block. */
  byBlock: Map<string, Conflict[]>;
}

export function indexConflicts(conflicts: Conflict[]): ConflictIndex {
  const index: ConflictIndex = { byCell: new Map(), byResident: new Map(), byBlock: new Map() };
  const push = (map: Map<string, Conflict[]>, key: string, c: Conflict) => {
    const list = map.get(key);
    if (list) {
      if (!list.includes(c)) list.push(c);
    } else map.set(key, [c]);
  };
  for (const c of conflicts) {
    if (YEAR_RULES.has(c.rule)) {
      for (const r of c.residentIds) push(index.byResident, r, c);
      continue;
    }
    if (isBlockRule(c.rule)) for (const b of c.blockIds) push(index.byBlock, b, c);
    // Coverage short names nobody: only the block shows it.
    for (const r of c.residentIds) for (const b of c.blockIds) push(index.byCell, cellKey(r, b), c);
  }
  return index;
}

export type Parsed =
  | { kind: 'clear' }
  | { kind: 'whole'; code: string }
  | { kind: 'halves'; first: string | null; second: string | null }
  | { kind: 'unknown'; code: string };

/** What a code typed into a cell means: `ICU`, `icu`, `GS/TRA` for the two halves of a split
 *  block (`/TRA` or `GS/` leaves a half empty), or nothing to clear the cell. */
export function parseTyped(text: string, rotations: RotationType[], split: boolean): Parsed {
  const find = (code: string) => rotations.find((r) => r.code.toLowerCase() === code.trim().toLowerCase());
  const t = text.trim();
  if (t === '' || t === '-') return { kind: 'clear' };
  if (t.includes('/')) {
    const [a, b] = t.split('/', 2);
    for (const part of [a, b]) {
      if (part.trim() !== '' && !find(part)) return { kind: 'unknown', code: part.trim() };
    }
    if (!split) return { kind: 'unknown', code: t };
    return {
      kind: 'halves',
      first: a.trim() === '' ? null : find(a)!.code,
      second: b.trim() === '' ? null : find(b)!.code,
    };
  }
  const r = find(t);
  return r ? { kind: 'whole', code: r.code } : { kind: 'unknown', code: t };
}

/** What a cell shows for a typed entry until the core answers: "ICU", "GS/TRA", or "". */
export function shownAs(parsed: Parsed): string {
  switch (parsed.kind) {
    case 'whole':
      return parsed.code;
    case 'halves':
      return `${parsed.first ?? ''}/${parsed.second ?? ''}`;
    default:
      return '';
  }
}

/** The edits that set every cell in `cells` as `parsed` says. */
export function editsFor(
  parsed: Parsed,
  cells: Array<{ residentId: string; blockId: string }>,
  grid: { cells: Map<string, CellParts>; splitBlocks: Set<string> },
): CellEdit[] {
  const base = (residentId: string, blockId: string, half: Half | null, code: string | null): CellEdit => ({
    residentId,
    blockId,
    half,
    rotationCode: code,
    siteId: null,
    supervisorId: null,
    expected: null,
  });
  const out: CellEdit[] = [];
  for (const { residentId, blockId } of cells) {
    const first = base(residentId, blockId, null, null);
    first.expected = idsOf(grid.cells.get(cellKey(residentId, blockId)));
    if (parsed.kind === 'clear') out.push(first);
    else if (parsed.kind === 'whole') out.push({ ...first, rotationCode: parsed.code });
    else if (parsed.kind === 'halves' && grid.splitBlocks.has(blockId)) {
      out.push({ ...first, half: 'first', rotationCode: parsed.first });
      out.push(base(residentId, blockId, 'second', parsed.second));
    }
  }
  return out;
}

/** Moving a cell: the target takes the source's content, the source is emptied. Swapping: each
 *  takes the other's. Halves travel as halves. */
export function moveOrSwap(
  from: { residentId: string; blockId: string },
  to: { residentId: string; blockId: string },
  cells: Map<string, CellParts>,
  codeOf: (rotationTypeId: string) => string,
  swap: boolean,
): CellEdit[] {
  const partsOf = (c: { residentId: string; blockId: string }) => cells.get(cellKey(c.residentId, c.blockId));
  const contentEdits = (target: { residentId: string; blockId: string }, source: CellParts | undefined) => {
    const mk = (half: Half | null, a: RotationAssignment | null): CellEdit => ({
      residentId: target.residentId,
      blockId: target.blockId,
      half,
      rotationCode: a ? codeOf(a.rotationTypeId) : null,
      siteId: a?.siteId ?? null,
      supervisorId: a?.supervisorId ?? null,
      expected: null,
    });
    if (!source || source.whole || (!source.first && !source.second)) return [mk(null, source?.whole ?? null)];
    return [mk('first', source.first), mk('second', source.second)];
  };
  const src = partsOf(from);
  const dst = partsOf(to);
  const edits = [...contentEdits(to, src), ...(swap ? contentEdits(from, dst) : contentEdits(from, undefined))];
  // The core refuses the edit when either cell changed since the grid was loaded.
  const seen = new Set<string>();
  for (const e of edits) {
    const key = cellKey(e.residentId, e.blockId);
    if (!seen.has(key)) {
      seen.add(key);
      e.expected = idsOf(cells.get(key));
    }
  }
  return edits;
}

/** An undo or redo as it must run now: each cell it checks is checked against what the cell
 *  shows now, not what it showed when the entry was recorded (a later edit, or an undo, of the
 *  same cell has written new rows since). */
export function withCurrentExpected(edits: CellEdit[], assignments: RotationAssignment[]): CellEdit[] {
  const checked = new Set(edits.filter((e) => e.expected !== null).map((e) => cellKey(e.residentId, e.blockId)));
  const now = new Map<string, string[]>();
  for (const a of assignments) {
    const key = cellKey(a.residentId, a.blockId);
    if (checked.has(key)) now.set(key, [...(now.get(key) ?? []), a.id]);
  }
  return edits.map((e) => (e.expected === null ? e : { ...e, expected: now.get(cellKey(e.residentId, e.blockId)) ?? [] }));
}

/** Black or white text, whichever reads better on the rotation's colour. */
export function textOn(colour: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!m) return '#000000';
  const [r, g, b] = m.slice(1).map((h) => parseInt(h, 16) / 255);
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const lum = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return lum > 0.4 ? '#111111' : '#ffffff';
}

/** Rows of the grid: a heading per PGY level, then its residents. */
export function byLevel<T extends { pgy: number }>(residents: T[]): Array<{ pgy: number; residents: T[] }> {
  const out: Array<{ pgy: number; residents: T[] }> = [];
  for (const r of residents) {
    const last = out[out.length - 1];
    if (last && last.pgy === r.pgy) last.residents.push(r);
    else out.push({ pgy: r.pgy, residents: [r] });
  }
  return out;
}

/** The rectangle of cells between two corners (rows and columns by index). */
export function rectangle<R, C>(rows: R[], cols: C[], a: [number, number], b: [number, number]): Array<[R, C]> {
  const out: Array<[R, C]> = [];
  for (let i = Math.min(a[0], b[0]); i <= Math.max(a[0], b[0]); i++) {
    for (let j = Math.min(a[1], b[1]); j <= Math.max(a[1], b[1]); j++) out.push([rows[i], cols[j]]);
  }
  return out;
}

/** Everything the grid derives from one load, computed once per load, not once per cell. */
export function derive(grid: ScheduleGrid) {
  const rotation = new Map(grid.rotations.map((r) => [r.id, r]));
  return {
    cells: cellsOf(grid.assignments),
    leave: leaveByCell(grid.blocks, grid.leave),
    conflicts: indexConflicts(grid.conflicts),
    rotation,
    splitBlocks: new Set(grid.blocks.filter((b) => b.splitDate !== null).map((b) => b.id)),
    levels: byLevel(grid.residents),
    siteLabel: new Map(grid.sites.map((x) => [x.id, x.code ?? x.name])),
    facultyName: new Map(grid.faculty.map((f) => [f.id, f.name])),
    codeOf: (id: string) => rotation.get(id)?.code ?? '?',
  };
}

/** Each rule as the side panel names it. */
export const RULE_NAMES: Record<Rule, string> = {
  coverageShort: 'Too few residents',
  coverageOver: 'Too many residents',
  eligibility: 'Not eligible at this level',
  requirementShort: 'Requirement short',
  requirementOver: 'Requirement exceeded',
  backToBack: 'Back to back',
  consecutiveHeavy: 'Heavy blocks in a row',
  siteCapacity: 'Site over capacity',
  agreement: 'Site agreement not in force',
  overLeave: 'Assigned during leave',
};

/** Conflicts grouped by rule, in the order the core sorted them. */
export function groupByRule(conflicts: Conflict[]): Array<{ rule: Rule; conflicts: Conflict[] }> {
  const out: Array<{ rule: Rule; conflicts: Conflict[] }> = [];
  for (const c of conflicts) {
    const last = out[out.length - 1];
    if (last && last.rule === c.rule) last.conflicts.push(c);
    else out.push({ rule: c.rule, conflicts: [c] });
  }
  return out;
}

export const LEAVE_KINDS: ReadonlyArray<{ value: LeavePeriod['kind']; label: string }> = [
  { value: 'vacation', label: 'Vacation' },
  { value: 'sick', label: 'Sick leave' },
  { value: 'parental', label: 'Parental leave' },
  { value: 'loa', label: 'Leave of absence' },
];

/** "Vacation 2026-09-01..2026-09-28". */
export function leaveWords(l: LeavePeriod): string {
  const kind = LEAVE_KINDS.find((k) => k.value === l.kind)?.label ?? l.kind;
  return `${kind} ${l.startDate}..${l.endDate}`;
}

/** A resident's three request rows for the form, ranked, empty ones last. */
export function requestRows(
  requests: ElectiveRequest[],
  residentId: string,
): Array<{ rotationTypeId: string | null; blockId: string | null }> {
  const mine = requests.filter((r) => r.resident === residentId).sort((a, b) => a.rank - b.rank);
  return [0, 1, 2].map((k) => ({ rotationTypeId: mine[k]?.rotation ?? null, blockId: mine[k]?.block ?? null }));
}

/** The grid after an edit: the core answers with what changed, not with the whole grid. */
export function afterEdit(grid: ScheduleGrid, out: EditOutcome): ScheduleGrid {
  const removed = new Set(out.removed);
  const touched = new Set(out.residents);
  return {
    ...grid,
    assignments: [...grid.assignments.filter((a) => !removed.has(a.id)), ...out.added],
    tallies: [...grid.tallies.filter((t) => !touched.has(t.residentId)), ...out.tallies],
    conflicts: out.conflicts,
  };
}
