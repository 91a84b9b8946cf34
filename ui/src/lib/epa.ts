// The EPA assessment screens' logic, kept out of the components so it can be tested: the form's
// state from an assessment or from scratch, the input it sends (numbers read, blanks as none),
// what each EPA offers, and the words of an import's summary.
import type {
  EpaAssessment,
  EpaAssessmentInput,
  EpaChoices,
  Phase,
} from './bindings';

/** The form as typed: selects hold ids, number fields hold text until sent. */
export type EpaForm = {
  residentId: string;
  assessorId: string;
  epaId: string;
  phase: Phase | '';
  assessedOn: string;
  entrustmentLevel: number | null;
  caseTypeId: string;
  caseUrgency: string;
  patientAsaClass: string;
  procedureDurationMinutes: string;
  complications: '' | 'yes' | 'no';
  locationType: string;
  locationDetails: string;
  narrative: string;
  wentWell: string[];
  needsWork: string[];
};

export const PHASE_LABELS: Record<Phase, string> = {
  preoperative: 'Pre-operative',
  intraoperative: 'Intra-operative',
  postoperative: 'Post-operative',
  whole_encounter: 'Whole encounter',
};

export const URGENCY_LABELS: Record<string, string> = { elective: 'Elective', urgent: 'Urgent', emergent: 'Emergent' };

export const LOCATION_LABELS: Record<string, string> = {
  operating_room: 'Operating room',
  clinic: 'Clinic',
  icu: 'ICU',
  ward: 'Ward',
  emergency_department: 'Emergency department',
  endoscopy: 'Endoscopy',
  other: 'Other',
};

/** A new assessment: today, the given resident if any, the EPA's first phase. */
export function blankForm(choices: EpaChoices, today: string, residentId = ''): EpaForm {
  const epa = choices.epas[0];
  return {
    residentId,
    assessorId: '',
    epaId: epa?.id ?? '',
    phase: epa?.phases[0] ?? '',
    assessedOn: today,
    entrustmentLevel: null,
    caseTypeId: '',
    caseUrgency: '',
    patientAsaClass: '',
    procedureDurationMinutes: '',
    complications: '',
    locationType: '',
    locationDetails: '',
    narrative: '',
    wentWell: [],
    needsWork: [],
  };
}

const text = (v: number | null) => (v === null ? '' : String(v));

/** The form showing a stored assessment, for editing. */
export function formOf(a: EpaAssessment): EpaForm {
  return {
    residentId: a.residentId,
    assessorId: a.assessorId,
    epaId: a.epaId,
    phase: a.phase,
    assessedOn: a.assessedOn,
    entrustmentLevel: a.entrustmentLevel,
    caseTypeId: a.caseTypeId ?? '',
    caseUrgency: a.caseUrgency ?? '',
    patientAsaClass: text(a.patientAsaClass),
    procedureDurationMinutes: text(a.procedureDurationMinutes),
    complications: a.complicationsOccurred === null ? '' : a.complicationsOccurred ? 'yes' : 'no',
    locationType: a.locationType ?? '',
    locationDetails: a.locationDetails ?? '',
    narrative: a.narrative ?? '',
    wentWell: a.wentWell.map((t) => t.id),
    needsWork: a.needsWork.map((t) => t.id),
  };
}

/** The phases and case types the chosen EPA offers. */
export function offered(choices: EpaChoices, epaId: string): { phases: Phase[]; caseTypes: EpaChoices['caseTypes'] } {
  return {
    phases: choices.epas.find((e) => e.id === epaId)?.phases ?? [],
    caseTypes: choices.caseTypes.filter((c) => c.epaId === epaId),
  };
}

/** A form whose EPA changed: a phase or case type the new EPA lacks is cleared. */
export function withEpa(form: EpaForm, choices: EpaChoices, epaId: string): EpaForm {
  const { phases, caseTypes } = offered(choices, epaId);
  return {
    ...form,
    epaId,
    phase: form.phase !== '' && phases.includes(form.phase) ? form.phase : (phases[0] ?? ''),
    caseTypeId: caseTypes.some((c) => c.id === form.caseTypeId) ? form.caseTypeId : '',
  };
}

export type Checked = { ok: true; input: EpaAssessmentInput } | { ok: false; field: string; message: string };

function wholeNumber(value: string, field: string, label: string): { ok: true; n: number | null } | Checked {
  const t = value.trim();
  if (t === '') return { ok: true, n: null };
  if (!/^\d+$/.test(t)) return { ok: false, field, message: `${label}: '${t}' is not a whole number` };
  return { ok: true, n: Number(t) };
}

/** The input to send, or the first field that cannot be sent, with the reason. Ranges and
 *  everything else are checked by the core, which names the field too. */
export function toInput(form: EpaForm): Checked {
  const required: Array<[keyof EpaForm, string]> = [
    ['residentId', 'Choose the resident'],
    ['assessorId', 'Choose who assessed'],
    ['epaId', 'Choose the EPA'],
    ['phase', 'Choose the phase of care'],
  ];
  for (const [field, message] of required) {
    if (form[field] === '') return { ok: false, field, message };
  }
  if (form.entrustmentLevel === null) return { ok: false, field: 'entrustmentLevel', message: 'Choose the level' };
  const asa = wholeNumber(form.patientAsaClass, 'patientAsaClass', 'The ASA class');
  if (!('n' in asa)) return asa;
  const minutes = wholeNumber(form.procedureDurationMinutes, 'procedureDurationMinutes', 'The duration');
  if (!('n' in minutes)) return minutes;
  const blank = (v: string) => (v.trim() === '' ? null : v.trim());
  return {
    ok: true,
    input: {
      residentId: form.residentId,
      assessorId: form.assessorId,
      epaId: form.epaId,
      phase: form.phase as Phase,
      assessedOn: form.assessedOn,
      entrustmentLevel: form.entrustmentLevel,
      rotationAssignmentId: null,
      caseTypeId: blank(form.caseTypeId),
      caseUrgency: blank(form.caseUrgency),
      patientAsaClass: asa.n,
      procedureDurationMinutes: minutes.n,
      complicationsOccurred: form.complications === '' ? null : form.complications === 'yes',
      locationType: blank(form.locationType),
      locationDetails: blank(form.locationDetails),
      narrative: blank(form.narrative),
      wentWell: form.wentWell,
      needsWork: form.needsWork,
      entryMethod: null,
    },
  };
}

/** "Showing 1–50 of 3,912". */
export function pageLabel(offset: number, shown: number, total: number): string {
  if (total === 0) return 'No assessments match';
  const fmt = (n: number) => n.toLocaleString('en-US');
  return `Showing ${fmt(offset + 1)}–${fmt(offset + shown)} of ${fmt(total)}`;
}
