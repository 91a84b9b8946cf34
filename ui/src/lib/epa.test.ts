import { describe, expect, it } from 'vitest';
import type { EpaAssessment, EpaChoices, RecordsReport } from './bindings';
import { blankForm, formOf, offered, pageLabel, toInput, withEpa } from './epa';
import { importSummary, recordResult } from './records';

const choices: EpaChoices = {
  residents: [{ id: 'r1', name: 'Ruiz, Ana', pgy: 2, email: 'ana@example.org' }],
  faculty: [{ id: 'f1', name: 'Okafor, Ben', isCore: true }],
  epas: [
    { id: 'e1', number: 1, shortName: 'Gallbladder', phases: ['preoperative', 'intraoperative', 'postoperative'] },
    { id: 'e2', number: 2, shortName: 'Consult', phases: ['whole_encounter'] },
  ],
  levels: [1, 2, 3, 4].map((level) => ({ level, name: `Level ${level}`, description: null })),
  caseTypes: [
    { id: 'c1', epaId: 'e1', name: 'Laparoscopic cholecystectomy' },
    { id: 'c2', epaId: 'e2', name: 'Inpatient consult' },
  ],
  tags: [{ id: 't1', name: 'Prepared', category: 'strength' }],
};

describe('the EPA form', () => {
  it('starts today on the first EPA and its first phase', () => {
    const f = blankForm(choices, '2026-11-22', 'r1');
    expect([f.residentId, f.epaId, f.phase, f.assessedOn]).toEqual(['r1', 'e1', 'preoperative', '2026-11-22']);
  });

  it('clears a phase and case type the new EPA lacks, keeps one it has', () => {
    const f = { ...blankForm(choices, '2026-11-22'), phase: 'postoperative' as const, caseTypeId: 'c1' };
    const e2 = withEpa(f, choices, 'e2');
    expect([e2.phase, e2.caseTypeId]).toEqual(['whole_encounter', '']);
    expect(withEpa(f, choices, 'e1').phase).toBe('postoperative');
    expect(offered(choices, 'e2').caseTypes.map((c) => c.id)).toEqual(['c2']);
  });

  it('names the first field it cannot send', () => {
    const f = blankForm(choices, '2026-11-22', 'r1');
    expect(toInput(f)).toEqual({ ok: false, field: 'assessorId', message: 'Choose who assessed' });
    const leveled = { ...f, assessorId: 'f1', entrustmentLevel: 3, patientAsaClass: 'II' };
    expect(toInput(leveled)).toMatchObject({ ok: false, field: 'patientAsaClass' });
    expect(toInput({ ...leveled, patientAsaClass: '', entrustmentLevel: null })).toMatchObject({
      field: 'entrustmentLevel',
    });
  });

  it('sends numbers as numbers and blanks as none', () => {
    const f = {
      ...blankForm(choices, '2026-11-22', 'r1'),
      assessorId: 'f1',
      entrustmentLevel: 3,
      patientAsaClass: ' 2 ',
      narrative: '  ',
      complications: 'no' as const,
    };
    const out = toInput(f);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.input.patientAsaClass).toBe(2);
    expect(out.input.procedureDurationMinutes).toBeNull();
    expect(out.input.narrative).toBeNull();
    expect(out.input.complicationsOccurred).toBe(false);
    expect(out.input.caseTypeId).toBeNull();
  });

  it('shows a stored assessment with its tags by id', () => {
    const stored = {
      residentId: 'r1',
      assessorId: 'f1',
      epaId: 'e1',
      phase: 'intraoperative',
      assessedOn: '2026-10-02',
      entrustmentLevel: 2,
      caseTypeId: 'c1',
      caseUrgency: 'urgent',
      patientAsaClass: 3,
      procedureDurationMinutes: 95,
      complicationsOccurred: true,
      locationType: 'operating_room',
      locationDetails: null,
      narrative: 'Steady.',
      wentWell: [{ id: 't1', name: 'Prepared' }],
      needsWork: [],
    } as unknown as EpaAssessment;
    const f = formOf(stored);
    expect([f.patientAsaClass, f.procedureDurationMinutes, f.complications, f.wentWell]).toEqual(['3', '95', 'yes', ['t1']]);
    const back = toInput(f);
    expect(back.ok && back.input.caseTypeId).toBe('c1');
  });
});

describe('the words around the list and the import', () => {
  it('summarises an import without its zeros', () => {
    const r = { totalRows: 12, newRows: 10, duplicateRows: 0, invalidRows: 2 } as RecordsReport;
    expect(importSummary(r)).toBe('12 rows: 10 new, 2 with problems');
    expect(importSummary({ ...r, totalRows: 1, newRows: 0, invalidRows: 0, duplicateRows: 1 })).toBe(
      '1 row: 1 already there',
    );
  });

  it('says what each row does', () => {
    const row = { line: 2, cells: [], resident: 'a@b.org', what: 'EPA 3 · 2026-10-02', problems: [] };
    expect(recordResult({ ...row, outcome: 'new' })).toBe('new: EPA 3 · 2026-10-02');
    expect(recordResult({ ...row, outcome: 'unchanged' })).toBe('already there: EPA 3 · 2026-10-02');
    expect(
      recordResult({ ...row, outcome: 'invalid', problems: [{ column: 'EPA', message: 'no EPA 40' }, { column: '', message: 'x' }] }),
    ).toBe('EPA: no EPA 40; x');
  });

  it('says which rows a page shows', () => {
    expect(pageLabel(0, 50, 3912)).toBe('Showing 1–50 of 3,912');
    expect(pageLabel(0, 0, 0)).toBe('No assessments match');
  });
});
