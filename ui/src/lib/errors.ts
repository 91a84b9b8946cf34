// Errors from Rust: the ApiError class every api.ts call throws, and the mapping of an
// error onto a form (a message per input field, or one general message).
import type { ErrorKind, ErrorReport } from './bindings';

const KINDS: readonly ErrorKind[] = ['invalid', 'not_found', 'conflict', 'forbidden', 'unavailable', 'internal'];

/** An error from a Rust command. `field` names the camelCase input field for `invalid`. */
export class ApiError extends Error {
  readonly kind: ErrorKind;
  readonly field: string | null;

  constructor(report: ErrorReport) {
    super(report.message);
    this.name = 'ApiError';
    this.kind = report.kind;
    this.field = report.field;
  }
}

/** True when `value` has the shape of Rust's ErrorReport. */
export function isErrorReport(value: unknown): value is ErrorReport {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.kind === 'string' &&
    (KINDS as readonly string[]).includes(v.kind) &&
    typeof v.message === 'string' &&
    (v.field === null || v.field === undefined || typeof v.field === 'string')
  );
}

/** Turns anything thrown into an ApiError; what is not an ErrorReport becomes kind "internal". */
export function toApiError(thrown: unknown): ApiError {
  if (thrown instanceof ApiError) return thrown;
  if (isErrorReport(thrown)) {
    return new ApiError({ kind: thrown.kind, message: thrown.message, field: thrown.field ?? null });
  }
  let message: string;
  if (thrown instanceof Error) message = thrown.message;
  else if (typeof thrown === 'string') message = thrown;
  else message = 'Something went wrong.';
  if (message.trim() === '') message = 'Something went wrong.';
  return new ApiError({ kind: 'internal', message, field: null });
}

/** What a form shows for one error: per-field messages, or a general one. */
export type FormErrors = {
  fields: Record<string, string>;
  general: string | null;
  kind: ErrorKind | null;
};

export const noErrors: FormErrors = Object.freeze({
  fields: Object.freeze({}),
  general: null,
  kind: null,
}) as FormErrors;

/**
 * Places an error on a form. An `invalid` error whose field the form shows (directly or
 * through `aliases`, server field -> form field) lands beside that input; anything else
 * (other kinds, unknown fields) becomes the general message, so no message is ever lost.
 */
export function formErrors(
  thrown: unknown,
  formFields: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): FormErrors {
  const error = toApiError(thrown);
  if (error.kind === 'invalid' && error.field) {
    const target = aliases[error.field] ?? error.field;
    if (formFields.includes(target)) {
      return { fields: { [target]: error.message }, general: null, kind: error.kind };
    }
  }
  return { fields: {}, general: error.message, kind: error.kind };
}
