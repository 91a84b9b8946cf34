import { describe, expect, it } from 'vitest';
import { agreementType, standingBadge } from './agreements';

describe('standingBadge', () => {
  it.each([
    ['current', 200, null],
    ['expiresSoon', 45, { text: 'expires in 45 days', tone: 'notice' }],
    ['expiresVerySoon', 1, { text: 'expires in 1 day', tone: 'warning' }],
    ['expiresVerySoon', 0, { text: 'expires today', tone: 'warning' }],
    ['expired', -3, { text: 'expired 3 days ago', tone: 'danger' }],
    ['expired', 400, { text: 'expired', tone: 'danger' }],
    ['pending', 700, { text: 'not yet in force', tone: 'plain' }],
    ['terminated', null, { text: 'terminated', tone: 'danger' }],
  ] as const)('%s with %s days left', (standing, left, badge) => {
    expect(standingBadge(standing, left)).toEqual(badge);
  });
});

describe('agreementType', () => {
  it('names the two kinds in words', () => {
    expect(agreementType('pla')).toBe('PLA');
    expect(agreementType('affiliation_agreement')).toBe('Affiliation agreement');
  });
});
