import { describe, expect, it } from 'vitest';
import type { PersonRow } from './bindings';
import { anyone, filterPeople, narrowPeople, PLAIN_ROLES, sortPeople, words } from './people';

const row = (
  name: string,
  email: string,
  roles: string[],
  pgyLevel: number | null,
  status: string | null = pgyLevel === null ? null : 'active',
): PersonRow => ({
  userId: email,
  name,
  email,
  roles,
  pgyLevel,
  status,
});

const people = [
  row('Zoe Adams', 'zoe@example.org', ['resident'], 2),
  row('ana Lopez', 'ana@example.org', ['faculty'], null),
  row('Ben Okafor', 'ben@example.org', ['resident'], 1),
];

describe('narrowPeople', () => {
  it('keeps rows with the role, level and status chosen, and everyone when nothing is', () => {
    const more = [...people, row('Chen Wei', 'chen@example.org', ['resident', 'faculty'], 2, 'leave_of_absence')];
    const names = (f: typeof anyone) => narrowPeople(more, f).map((p) => p.name);
    expect(names(anyone)).toHaveLength(4);
    expect(names({ ...anyone, role: 'faculty' })).toEqual(['ana Lopez', 'Chen Wei']);
    expect(names({ ...anyone, pgy: '2' })).toEqual(['Zoe Adams', 'Chen Wei']);
    expect(names({ ...anyone, pgy: '2', status: 'active' })).toEqual(['Zoe Adams']);
    expect(names({ role: 'resident', pgy: '5', status: '' })).toEqual([]);
  });
});

describe('sortPeople', () => {
  it('orders by name ignoring case and leaves the input alone', () => {
    expect(sortPeople(people).map((p) => p.name)).toEqual(['ana Lopez', 'Ben Okafor', 'Zoe Adams']);
    expect(people[0].name).toBe('Zoe Adams');
  });
});

describe('filterPeople', () => {
  it.each([
    ['', ['Zoe Adams', 'ana Lopez', 'Ben Okafor']],
    ['resident', ['Zoe Adams', 'Ben Okafor']],
    ['FACULTY', ['ana Lopez']],
    ['pgy-1', ['Ben Okafor']],
    ['pgy2', ['Zoe Adams']],
    ['resident zoe', ['Zoe Adams']],
    ['ben@', ['Ben Okafor']],
    ['nobody', []],
  ])('%j -> %j', (query, names) => {
    expect(filterPeople(people, query).map((p) => p.name)).toEqual(names);
  });
});

describe('words and roles', () => {
  it('reads stored words as people do, and adds residents and faculty only with their records', () => {
    expect(words('leave_of_absence')).toBe('leave of absence');
    expect(PLAIN_ROLES).not.toContain('resident');
    expect(PLAIN_ROLES).not.toContain('faculty');
    expect(PLAIN_ROLES).toContain('ccc_chair');
  });
});
