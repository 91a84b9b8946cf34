import { describe, expect, it } from 'vitest';
import { filterDestinations, type Destination } from './palette';

const items: Destination[] = [
  { id: 'calendar', label: 'Calendar', hint: 'Years and Blocks' },
  { id: 'people', label: 'People', keywords: 'residents faculty' },
  { id: 'settings', label: 'Settings', hint: 'Connection' },
  { id: 'new-program', label: 'New program' },
  { id: 'program:1', label: 'Switch to GS — General Surgery' },
];

const ids = (q: string) => filterDestinations(items, q).map((d) => d.id);

describe('filterDestinations', () => {
  it.each([
    ['', ['calendar', 'people', 'settings', 'new-program', 'program:1']],
    ['   ', ['calendar', 'people', 'settings', 'new-program', 'program:1']],
    ['peo', ['people']],
    ['PEO', ['people']],
    ['blocks', ['calendar']],
    ['faculty', ['people']],
    ['surg', ['program:1']],
    ['program', ['new-program']],
    ['conn', ['settings']],
    ['zzz', []],
  ])('%j -> %j', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it('ranks a label prefix before a word inside a label', () => {
    const list: Destination[] = [
      { id: 'a', label: 'Switch to GS' },
      { id: 'b', label: 'GS reports' },
    ];
    expect(filterDestinations(list, 'gs').map((d) => d.id)).toEqual(['b', 'a']);
  });

  it('matches letters in order as a last resort', () => {
    expect(ids('yab')).toEqual(['calendar']);
  });
});
