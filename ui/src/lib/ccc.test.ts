import { describe, expect, it } from 'vitest';
import { byCompetency, epaSummary, flagPlaces, moved, parseRating, ratingLabel, reviewForm } from './ccc';

describe('ratings', () => {
  it('reads levels as people type them and refuses the rest', () => {
    expect(parseRating('3')).toEqual({ ok: true, rating: { kind: 'level', level: 3 } });
    expect(parseRating('2,5')).toEqual({ ok: true, rating: { kind: 'level', level: 2.5 } });
    expect(parseRating('<1')).toEqual({ ok: true, rating: { kind: 'level', level: 0 } });
    expect(parseRating('nya')).toEqual({ ok: true, rating: { kind: 'notYetAssessable' } });
    expect(parseRating('  ')).toEqual({ ok: true, rating: null });
    for (const bad of ['3.7', '6', '0.5', 'x']) expect(parseRating(bad).ok).toBe(false);
  });

  it('writes them back the same way', () => {
    expect(ratingLabel({ kind: 'level', level: 0 })).toBe('<1');
    expect(ratingLabel({ kind: 'level', level: 4 })).toBe('4');
    expect(ratingLabel({ kind: 'level', level: 3.5 })).toBe('3.5');
    expect(ratingLabel({ kind: 'notYetAssessable' })).toBe('NYA');
    expect(ratingLabel(null)).toBe('');
  });
});

describe('flag places', () => {
  const flag = (residentId: string, subcompetencyId: string | null, reason: string) => ({
    residentId,
    rule: 'r',
    subcompetencyId,
    reason,
  });
  it('puts a subcompetency\'s flags under its cell and the rest under the resident', () => {
    const { cells, residents } = flagPlaces([
      flag('a', 'PC1', 'PC1 went down from 3 to 2.5'),
      flag('a', 'PC1', 'PC1 is 2.5 at the end of PGY-2'),
      flag('a', null, 'No EPA assessment in 6 weeks on ICU'),
      flag('b', 'MK1', 'MK1 went down'),
    ]);
    expect(cells.get('a|PC1')).toBe('PC1 went down from 3 to 2.5; PC1 is 2.5 at the end of PGY-2');
    expect(cells.get('b|MK1')).toBe('MK1 went down');
    expect(residents.get('a')).toEqual(['No EPA assessment in 6 weeks on ICU']);
    expect(residents.has('b')).toBe(false);
  });
});

describe('grouping and forms', () => {
  it('keeps subcompetencies under their competency in order', () => {
    const sub = (code: string, competency: string) => ({ id: code, code, name: code, competency, descriptors: [] });
    const groups = byCompetency([sub('PC1', 'PC'), sub('PC2', 'PC'), sub('MK1', 'MK')]);
    expect(groups.map((g) => [g.competency, g.subs.length])).toEqual([
      ['PC', 2],
      ['MK', 1],
    ]);
  });
  it('starts an empty review form with no remediation', () => {
    expect(reviewForm(null)).toEqual({
      overallPerformance: null,
      recommendation: null,
      strengths: null,
      areasForImprovement: null,
      requiresRemediation: false,
      remediationPlan: null,
    });
  });
});

describe('epaSummary', () => {
  it('counts each EPA, with its median and its newest level first in the list', () => {
    const a = (epaNumber: number, entrustmentLevel: number) => ({ epaNumber, epaShortName: `E${epaNumber}`, entrustmentLevel });
    const out = epaSummary([a(10, 3), a(2, 1), a(10, 2), a(10, 4), a(10, 1)]);
    expect(out).toEqual([
      { number: 2, shortName: 'E2', count: 1, median: 1, latest: 1 },
      { number: 10, shortName: 'E10', count: 4, median: 2.5, latest: 3 },
    ]);
  });
});

describe('moved', () => {
  it('moves a resident up or down the agenda, and not past its ends', () => {
    expect(moved(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 'a', 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 'a', -1)).toBeNull();
    expect(moved(['a', 'b', 'c'], 'c', 5)).toBeNull();
    expect(moved(['a', 'b', 'c'], 'x', 1)).toBeNull();
  });
});
