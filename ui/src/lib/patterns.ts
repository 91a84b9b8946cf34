// Block patterns as the generate form offers them, the pattern string Rust expects
// ("13x4w", "12m", "26x2w", "30d"), and the labels shown for them.
import type { Leftover } from './bindings';
import { countOf } from './format';

export type PatternChoice = '13x4w' | '12m' | '26x2w' | 'custom';

export const PATTERN_OPTIONS: ReadonlyArray<{ value: PatternChoice; label: string }> = [
  { value: '13x4w', label: '13 four-week blocks' },
  { value: '12m', label: '12 calendar months' },
  { value: '26x2w', label: '26 two-week blocks' },
  { value: 'custom', label: 'Custom length (days)' },
];

export const LEFTOVER_OPTIONS: ReadonlyArray<{ value: Leftover; label: string }> = [
  { value: 'last', label: 'Add to the last block' },
  { value: 'first', label: 'Add to the first block' },
  { value: 'extra', label: 'Make an extra short block' },
];

/** The pattern string for a choice; a custom length becomes e.g. "30d" ("d" when empty, which Rust rejects). */
export function patternString(choice: PatternChoice, customDays: number | null | undefined): string {
  if (choice !== 'custom') return choice;
  const days = customDays === null || customDays === undefined || Number.isNaN(customDays) ? '' : String(customDays);
  return `${days}d`;
}

/** The form state that produces `pattern`; unknown patterns fall back to the default. */
export function patternChoiceOf(pattern: string | null | undefined): {
  choice: PatternChoice;
  customDays: number | null;
} {
  const custom = /^(\d+)d$/.exec(pattern ?? '');
  if (custom) return { choice: 'custom', customDays: Number(custom[1]) };
  const known = PATTERN_OPTIONS.find((o) => o.value === pattern && o.value !== 'custom');
  return { choice: known ? known.value : '13x4w', customDays: null };
}

/** A label for a stored pattern string, e.g. "13 four-week blocks" or "30-day blocks". */
export function patternLabel(pattern: string | null | undefined): string {
  if (!pattern) return 'No blocks yet';
  const custom = /^(\d+)d$/.exec(pattern);
  if (custom) return `${Number(custom[1])}-day blocks`;
  const known = PATTERN_OPTIONS.find((o) => o.value === pattern && o.value !== 'custom');
  return known ? known.label : pattern;
}

/** A year's blocks in a few words: the pattern, plus the count only when the label lacks it
 *  ("13 four-week blocks", "30-day blocks · 12 blocks"). */
export function blocksSummary(pattern: string | null | undefined, count: number): string {
  if (count === 0) return 'No blocks yet';
  const label = patternLabel(pattern);
  return label.startsWith(`${count} `) ? label : `${label} · ${countOf(count, 'block')}`;
}
