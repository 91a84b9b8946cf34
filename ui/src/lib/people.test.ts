import { describe, expect, it } from 'vitest';
import type { PersonRow } from './bindings';
import { filterPeople, sortPeople } from './people';

const row = (name: string, email: string, roles: string[], pgyLevel: number | null): PersonRow => ({
  userId: email,
  name,
  email,
  roles,
  pgyLevel,
});

const people = [
  row('Zoe Adams', 'zoe@example.org', ['resident'], 2),
  row('ana Lopez', 'ana@example.org', ['faculty'], null),
  row('Ben Okafor', 'ben@example.org', ['resident'], 1),
];

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
