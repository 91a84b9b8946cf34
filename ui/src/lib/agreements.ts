// How an agreement's standing reads on screen: a badge at 90 days, a warning at 30, expired flagged.
import type { AgreementStanding } from './bindings';

export type Tone = 'plain' | 'notice' | 'warning' | 'danger';

export interface Badge {
  text: string;
  tone: Tone;
}

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

/** The badge for an agreement, or null when it is simply in force with time to spare. */
export function standingBadge(standing: AgreementStanding, daysLeft: number | null): Badge | null {
  switch (standing) {
    case 'current':
      return null;
    case 'expiresSoon':
      return { text: `expires in ${days(daysLeft ?? 0)}`, tone: 'notice' };
    case 'expiresVerySoon':
      return { text: daysLeft === 0 ? 'expires today' : `expires in ${days(daysLeft ?? 0)}`, tone: 'warning' };
    case 'expired':
      return {
        text: daysLeft !== null && daysLeft < 0 ? `expired ${days(-daysLeft)} ago` : 'expired',
        tone: 'danger',
      };
    case 'pending':
      return { text: 'not yet in force', tone: 'plain' };
    case 'terminated':
      return { text: 'terminated', tone: 'danger' };
  }
}

/** "PLA" or "Affiliation agreement". */
export function agreementType(type: string): string {
  return type === 'pla' ? 'PLA' : type === 'affiliation_agreement' ? 'Affiliation agreement' : type;
}

export const INSTITUTION_TYPES = ['academic_medical_center', 'community_hospital', 'va', 'ambulatory', 'other'];
export const AGREEMENT_STATUSES = ['pending', 'active', 'expired', 'terminated'];
export const SITE_TYPES = ['primary', 'affiliate', 'va', 'community', 'other'];
export const ACCREDITATION_STATUSES = [
  'initial',
  'initial_with_warning',
  'continued',
  'continued_with_warning',
  'probation',
  'withdrawn',
];
