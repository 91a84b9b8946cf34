import { describe, expect, it } from 'vitest';
import { ApiError, formErrors, isErrorReport, toApiError } from './errors';

describe('toApiError', () => {
  it('keeps kind, message and field of an ErrorReport', () => {
    const e = toApiError({ kind: 'invalid', message: 'Code must be 2-10 letters.', field: 'code' });
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toBeInstanceOf(Error);
    expect([e.kind, e.message, e.field]).toEqual(['invalid', 'Code must be 2-10 letters.', 'code']);
  });

  it.each([
    [
      'a string',
      'invalid args `input` for command `create_program`',
      'invalid args `input` for command `create_program`',
    ],
    ['an Error', new Error('boom'), 'boom'],
    ['null', null, 'Something went wrong.'],
    ['an empty string', '  ', 'Something went wrong.'],
    ['an unknown kind', { kind: 'teapot', message: 'short and stout', field: null }, 'Something went wrong.'],
  ])('turns %s into kind internal', (_label, thrown, message) => {
    const e = toApiError(thrown);
    expect(e.kind).toBe('internal');
    expect(e.message).toBe(message);
    expect(e.field).toBeNull();
  });

  it('returns an ApiError unchanged', () => {
    const original = new ApiError({ kind: 'conflict', message: 'Edited elsewhere.', field: null });
    expect(toApiError(original)).toBe(original);
  });

  it('treats a missing field as null', () => {
    expect(toApiError({ kind: 'unavailable', message: 'Database is down.' }).field).toBeNull();
  });
});

describe('isErrorReport', () => {
  it.each([
    [{ kind: 'not_found', message: 'No such year.', field: null }, true],
    [{ kind: 'invalid', message: 'Bad.', field: 'startDate' }, true],
    [{ kind: 'invalid', message: 42, field: null }, false],
    [{ kind: 'invalid', message: 'Bad.', field: 3 }, false],
    ['invalid', false],
    [undefined, false],
  ])('%j -> %s', (value, expected) => {
    expect(isErrorReport(value)).toBe(expected);
  });
});

describe('formErrors', () => {
  const fields = ['code', 'name', 'institution'] as const;

  it('puts an invalid error beside its field', () => {
    const r = formErrors({ kind: 'invalid', message: 'Code is taken.', field: 'code' }, fields);
    expect(r).toEqual({ fields: { code: 'Code is taken.' }, general: null, kind: 'invalid' });
  });

  it('makes an invalid error for a field the form does not show general', () => {
    const r = formErrors({ kind: 'invalid', message: 'Program id is unknown.', field: 'programId' }, fields);
    expect(r).toEqual({ fields: {}, general: 'Program id is unknown.', kind: 'invalid' });
  });

  it('follows aliases from server field names to form fields', () => {
    const r = formErrors({ kind: 'invalid', message: 'Length must be 7-62 days.', field: 'pattern' }, ['customDays'], {
      pattern: 'customDays',
    });
    expect(r.fields).toEqual({ customDays: 'Length must be 7-62 days.' });
  });

  it.each(['conflict', 'not_found', 'unavailable', 'internal'] as const)('makes a %s error general', (kind) => {
    const r = formErrors({ kind, message: 'It went wrong.', field: 'code' }, fields);
    expect(r).toEqual({ fields: {}, general: 'It went wrong.', kind });
  });
});
