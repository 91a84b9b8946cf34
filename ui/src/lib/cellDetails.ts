// The side panel's view of one cell: its assignments in order, and what each falls back to.
import type { RotationAssignment, RotationType, ScheduleGrid } from './bindings';

const HALF_ORDER = { first: 1, second: 2 } as const;

/** A resident's assignments in one block: the whole block, or the first half then the second. */
export function assignmentsIn(assignments: RotationAssignment[], residentId: string, blockId: string): RotationAssignment[] {
  return assignments
    .filter((a) => a.residentId === residentId && a.blockId === blockId)
    .sort((a, b) => (a.half ? HALF_ORDER[a.half] : 0) - (b.half ? HALF_ORDER[b.half] : 0));
}

/** The assignment's rotation, and the site and supervisor it takes when none is chosen. */
export function defaultsOf(
  grid: Pick<ScheduleGrid, 'rotations' | 'sites' | 'faculty'>,
  a: RotationAssignment,
): { rotation: RotationType | undefined; site: string | null; supervisor: string | null } {
  const rotation = grid.rotations.find((r) => r.id === a.rotationTypeId);
  const site = grid.sites.find((s) => s.id === rotation?.defaultSiteId);
  const supervisor = grid.faculty.find((f) => f.id === rotation?.defaultSupervisorId);
  return { rotation, site: site ? (site.code ?? site.name) : null, supervisor: supervisor?.name ?? null };
}
