// The People table's order and its filter box.
import type { PersonRow } from './bindings';

/** People sorted by name, case-insensitively. */
export function sortPeople(rows: readonly PersonRow[]): PersonRow[] {
  return [...rows].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
}

/** The People list's filters: '' means any. */
export interface PeopleFilter {
  role: string;
  pgy: string;
  status: string;
}

export const anyone: PeopleFilter = { role: '', pgy: '', status: '' };

/** Rows that hold the role, are at the PGY level and have the status chosen ('' matches all). */
export function narrowPeople(rows: readonly PersonRow[], filter: PeopleFilter): PersonRow[] {
  return rows.filter(
    (r) =>
      (filter.role === '' || r.roles.includes(filter.role)) &&
      (filter.pgy === '' || String(r.pgyLevel ?? '') === filter.pgy) &&
      (filter.status === '' || r.status === filter.status),
  );
}

/** Rows whose name, e-mail, role or PGY ("pgy-2", "pgy2") contains every word of `query`. */
export function filterPeople(rows: readonly PersonRow[], query: string): PersonRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((r) => {
    const pgy = r.pgyLevel === null ? '' : `pgy-${r.pgyLevel} pgy${r.pgyLevel}`;
    const text = `${r.name} ${r.email} ${r.roles.join(' ')} ${pgy}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** The roles a program membership can hold. */
export const ROLES = ['resident', 'faculty', 'program_director', 'associate_pd', 'coordinator', 'ccc_chair', 'ccc_member'];
/** The roles added on their own (residents and faculty come with their record). */
export const PLAIN_ROLES = ROLES.filter((r) => r !== 'resident' && r !== 'faculty');
export const RESIDENT_STATUSES = ['active', 'leave_of_absence', 'off_cycle', 'completed', 'withdrawn'];
export const DEGREES = ['MD', 'DO', 'MBBS', 'MBChB', 'other'];
export const RANKS = ['instructor', 'assistant_professor', 'associate_professor', 'professor', 'clinical', 'other'];

/** A stored word as people read it: "leave_of_absence" → "leave of absence". */
export function words(value: string): string {
  return value.replaceAll('_', ' ');
}
