// Small builders for the grid's tests: rotations, assignments, conflicts and a grid around them.
import type { Block, Conflict, GridResident, RotationAssignment, RotationType, ScheduleGrid } from './bindings';

export const rotation = (code: string): RotationType => ({
  id: `rot-${code}`,
  code,
  name: code,
  category: 'core',
  colour: '#9db4d9',
  heavy: false,
  noBackToBack: false,
  defaultSiteId: null,
  defaultSupervisorId: null,
  minResidents: 0,
  maxResidents: null,
  isActive: true,
  requirements: [],
  coverageOverrides: [],
  version: 1,
});
export const ROTATIONS = [rotation('GS'), rotation('ICU'), rotation('TRA')];

export const assignment = (id: string, residentId: string, blockId: string, code: string, half: 'first' | 'second' | null = null): RotationAssignment => ({
  id,
  residentId,
  rotationTypeId: `rot-${code}`,
  blockId,
  half,
  startDate: '2026-07-01',
  endDate: '2026-07-28',
  siteId: null,
  supervisorId: null,
  isLocked: false,
  version: 1,
});

export const conflict = (rule: Conflict['rule'], residentIds: string[], blockIds: string[]): Conflict => ({
  rule,
  message: rule,
  residentIds,
  blockIds,
  half: null,
  rotationTypeId: null,
  assignmentIds: [],
});

export const block = (n: number, split = false): Block => ({
  id: `b${n}`,
  yearId: 'y',
  number: n,
  name: `Block ${n}`,
  startDate: `2026-${String(6 + n).padStart(2, '0')}-01`,
  endDate: `2026-${String(6 + n).padStart(2, '0')}-28`,
  splitDate: split ? `2026-${String(6 + n).padStart(2, '0')}-15` : null,
  days: 28,
  version: 1,
});

export const resident = (id: string, pgy: number): GridResident => ({ id, name: id, pgy, status: 'active' });

/** A grid of the given residents and blocks holding `assignments`, breaking `conflicts`. */
export function gridOf(
  residents: GridResident[],
  blocks: Block[],
  assignments: RotationAssignment[],
  conflicts: Conflict[] = [],
): ScheduleGrid {
  return {
    year: {
      id: 'y',
      programId: 'p',
      name: '2026-2027',
      startDate: '2026-07-01',
      endDate: '2027-06-30',
      isCurrent: true,
      allowGaps: false,
      blockPattern: null,
      blockCount: blocks.length,
      version: 1,
    },
    blocks,
    rotations: ROTATIONS,
    residents,
    assignments,
    leave: [],
    requests: [],
    tallies: [],
    conflicts,
    maxConsecutiveHeavy: 0,
    sites: [],
    faculty: [],
  };
}
