// The only module that calls Rust: one typed function per Tauri command. Every failure is
// rethrown as an ApiError; callers can listen for whether the database answered.
import { Channel, invoke } from '@tauri-apps/api/core';
import type {
  AcademicYear,
  EpaAssessment,
  EpaAssessmentInput,
  EpaChoices,
  EpaFilter,
  RecordsReport,
  EpaPage,
  Compliance,
  HourEntry,
  HourEntryInput,
  OverRule,
  ResidentChoice,
  MilestoneCsvExport,
  Flag,
  LevelEntry,
  FacultyLabel,
  Meeting,
  MeetingInput,
  MeetingStatus,
  MilestoneGrid,
  Review,
  ReviewInput,
  Block,
  BlockEditInput,
  BlockPlan,
  BlockPlanInput,
  ConnectionState,
  AddRoleInput,
  DemoSummary,
  EndRoleInput,
  FacultyEditInput,
  PersonDetail,
  PersonEditInput,
  ResidentEditInput,
  AgreementEditInput,
  ImportProgress,
  NewAgreementInput,
  NewInstitutionInput,
  NewSiteInput,
  SponsorEditInput,
  SiteEditInput,
  InstitutionEditInput,
  ImportReport,
  Organisation,
  RolloverPreview,
  RolloverUndone,
  RosterExport,
  RosterKind,
  ExportedFile,
  ExportProgress,
  GenerateBlocksInput,
  NewFacultyInput,
  NewProgramInput,
  NewResidentInput,
  NewYearInput,
  PersonRow,
  Program,
  ServerProfileInput,
  StartupState,
  YearEditInput,
  CellEdit,
  EditOutcome,
  ScheduleGrid,
  AppliedProposal,
  ObjectiveParts,
  ProposalOutcome,
  ProposalProgress,
  ProposeOptions,
  RotationTypeInput,
  LeaveInput,
  RequestInput,
  NotificationFilter,
  NotificationPage,
  ProgramEditInput,
  NotificationTemplate,
  WebhookInput,
  WebhookSettings,
  WebhookTest,
} from './bindings';
import { ApiError, toApiError } from './errors';

export { ApiError };

/** "online" after any answer from Rust, "unavailable" after an `unavailable` error. */
export type Reachability = 'online' | 'unavailable';

const listeners = new Set<(r: Reachability) => void>();

/** Calls `listener` after every command with whether the database could be reached. */
export function onReachability(listener: (r: Reachability) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function report(r: Reachability): void {
  for (const l of listeners) l(r);
}

/** A command that reports progress over a channel, passed to Rust as `onProgress`. */
function withProgress<T, P>(command: string, args: Record<string, unknown>, progress: (p: P) => void): Promise<T> {
  const onProgress = new Channel<P>();
  onProgress.onmessage = progress;
  return call<T>(command, { ...args, onProgress });
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    const result = await invoke<T>(command, args);
    report('online');
    return result;
  } catch (thrown) {
    const error = toApiError(thrown);
    report(error.kind === 'unavailable' ? 'unavailable' : 'online');
    throw error;
  }
}

// Connections
export const startupState = () => call<StartupState>('startup_state');
export const connectManagedLocal = () => call<ConnectionState>('connect_managed_local');
export const connectProfile = (name: string) => call<ConnectionState>('connect_profile', { name });
export const testServerProfile = (profile: ServerProfileInput, password: string) =>
  call<ConnectionState>('test_server_profile', { profile, password });
export const saveServerProfile = (profile: ServerProfileInput, password: string) =>
  call<ConnectionState>('save_server_profile', { profile, password });
export const connectionState = () => call<ConnectionState | null>('connection_state');

// Programs and years
export const listPrograms = () => call<Program[]>('list_programs');
export const createProgram = (input: NewProgramInput) => call<Program>('create_program', { input });
export const updateProgram = (input: ProgramEditInput) => call<Program>('update_program', { input });
export const timeZones = () => call<string[]>('time_zones');
export const listYears = (programId: string) => call<AcademicYear[]>('list_years', { programId });
export const createYear = (input: NewYearInput) => call<AcademicYear>('create_year', { input });

// Blocks
export const updateYear = (input: YearEditInput) => call<AcademicYear>('update_year', { input });
export const listBlocks = (yearId: string) => call<Block[]>('list_blocks', { yearId });
export const previewBlocks = (input: BlockPlanInput) => call<BlockPlan>('preview_blocks', { input });
export const generateBlocks = (input: GenerateBlocksInput) => call<Block[]>('generate_blocks', { input });
/** Returns every block of the edited block's year, after the edit. */
export const updateBlock = (input: BlockEditInput) => call<Block[]>('update_block', { input });

// People
export const listPeople = (programId: string) => call<PersonRow[]>('list_people', { programId });
export const addResident = (input: NewResidentInput) => call<PersonRow>('add_resident', { input });
export const addFaculty = (input: NewFacultyInput) => call<PersonRow>('add_faculty', { input });
export const personDetail = (programId: string, userId: string) =>
  call<PersonDetail>('person_detail', { programId, userId });
export const updatePerson = (input: PersonEditInput) => call<PersonDetail>('update_person', { input });
export const updateResident = (input: ResidentEditInput) => call<PersonDetail>('update_resident', { input });
export const updateFaculty = (input: FacultyEditInput) => call<PersonDetail>('update_faculty', { input });
export const addRole = (input: AddRoleInput) => call<PersonDetail>('add_role', { input });
export const endRole = (input: EndRoleInput) => call<PersonDetail>('end_role', { input });

// Roster files
export const previewRosterImport = (programId: string, kind: RosterKind, text: string) =>
  call<ImportReport>('preview_roster_import', { programId, kind, text });

/** Imports the file in one transaction when every row is good; `progress` hears rows written. */
export function applyRosterImport(
  programId: string,
  kind: RosterKind,
  text: string,
  fileName: string,
  progress: (p: ImportProgress) => void,
): Promise<ImportReport> {
  return withProgress('apply_roster_import', { programId, kind, text, fileName }, progress);
}
export const defaultRosterPath = (programId: string, kind: RosterKind) =>
  call<string>('default_roster_path', { programId, kind });
export const exportRosterCsv = (programId: string, kind: RosterKind, path: string) =>
  call<RosterExport>('export_roster_csv', { programId, kind, path });

// Organisation, the demo program, rollover
export const organisation = (programId: string) => call<Organisation>('organisation', { programId });
export const updateSponsor = (input: SponsorEditInput) => call<Organisation>('update_sponsor', { input });
export const addInstitution = (input: NewInstitutionInput) => call<Organisation>('add_institution', { input });
export const addAgreement = (input: NewAgreementInput) => call<Organisation>('add_agreement', { input });
export const updateAgreement = (input: AgreementEditInput) => call<Organisation>('update_agreement', { input });
export const addSite = (input: NewSiteInput) => call<Organisation>('add_site', { input });
export const updateSite = (input: SiteEditInput) => call<Organisation>('update_site', { input });
export const updateInstitution = (input: InstitutionEditInput) =>
  call<Organisation>('update_institution', { input });
export const loadDemo = (seed: number) => call<DemoSummary>('load_demo', { seed });
export const previewRollover = (programId: string) => call<RolloverPreview>('preview_rollover', { programId });
export const applyRollover = (programId: string) => call<RolloverPreview>('apply_rollover', { programId });
export const undoRollover = (programId: string) => call<RolloverUndone>('undo_rollover', { programId });

// Schedule
export const scheduleGrid = (yearId: string) => call<ScheduleGrid>('schedule_grid', { yearId });
export const editScheduleCells = (yearId: string, edits: CellEdit[]) =>
  call<EditOutcome>('edit_schedule_cells', { yearId, edits });
export const lockScheduleCells = (yearId: string, cells: Array<[string, string]>, locked: boolean) =>
  call<ScheduleGrid>('lock_schedule_cells', { yearId, cells, locked });
export const addRotationType = (programId: string, input: RotationTypeInput) =>
  call<string>('add_rotation_type', { programId, input });
export const updateRotationType = (id: string, version: number, input: RotationTypeInput) =>
  call<null>('update_rotation_type', { id, version, input });
/** One block's staffing for a rotation; `null` bounds go back to the rotation's default. */
export const setCoverageOverride = (rotationId: string, blockId: string, bounds: [number, number] | null, note: string | null) =>
  call<null>('set_coverage_override', { rotationId, blockId, bounds, note });
export const setMaxConsecutiveHeavy = (programId: string, blocks: number) =>
  call<null>('set_max_consecutive_heavy', { programId, blocks });
export const addLeave = (input: LeaveInput) => call<string>('add_leave', { input });
export const removeLeave = (id: string) => call<null>('remove_leave', { id });
/** Makes a resident's elective requests for the year exactly these, ranked in order. */
export const setRequests = (yearId: string, residentId: string, requests: RequestInput[]) =>
  call<null>('set_requests', { yearId, residentId, requests });

/** Solves a whole schedule for the year; `progress` hears each better schedule as it is found. */
export function proposeSchedule(
  yearId: string,
  options: ProposeOptions,
  progress: (p: ProposalProgress) => void,
): Promise<ProposalOutcome> {
  return withProgress('propose_schedule', { yearId, options }, progress);
}
export const cancelProposal = () => call<null>('cancel_proposal');
export const applyProposal = (yearId: string, edits: CellEdit[], objective: ObjectiveParts) =>
  call<AppliedProposal>('apply_proposal', { yearId, edits, objective });
export const undoProposal = (yearId: string) => call<AppliedProposal>('undo_proposal', { yearId });

// Export
/** Where a year's document (`calendar`, `schedule`, `ccc-packet-fall`) is saved unless the user
 *  picks another place. */
export const defaultExportPath = (yearId: string, document: string) =>
  call<string>('default_export_path', { yearId, document });

/** Writes the year's calendar PDF to `path`; `progress` hears each stage as Rust reports it. */
export function exportCalendarPdf(
  yearId: string,
  path: string,
  progress: (p: ExportProgress) => void,
): Promise<ExportedFile> {
  return withProgress('export_calendar_pdf', { yearId, path }, progress);
}

/** Writes the year's accreditation summary PDF to `path` (standings and hours as of today),
 *  reporting each stage. */
export function exportAccreditationReport(
  yearId: string,
  path: string,
  progress: (p: ExportProgress) => void,
): Promise<ExportedFile> {
  return withProgress('export_accreditation_report', { yearId, path }, progress);
}

/** Writes the year's block schedule PDF to `path`, reporting each stage. */
export function exportSchedulePdf(
  yearId: string,
  path: string,
  progress: (p: ExportProgress) => void,
): Promise<ExportedFile> {
  return withProgress('export_schedule_pdf', { yearId, path }, progress);
}

// The CCC
export const cccMeetings = (programId: string) => call<Meeting[]>('ccc_meetings', { programId });
export const cccFaculty = (programId: string) => call<FacultyLabel[]>('ccc_faculty', { programId });
export const createCccMeeting = (input: MeetingInput) => call<Meeting>('create_ccc_meeting', { input });
export const setCccStatus = (meetingId: string, version: number, status: MeetingStatus) =>
  call<Meeting>('set_ccc_status', { meetingId, version, status });
export const reorderCccAgenda = (meetingId: string, order: string[]) =>
  call<Meeting>('reorder_ccc_agenda', { meetingId, order });
export const setCccAttendees = (meetingId: string, attendeeIds: string[]) =>
  call<Meeting>('set_ccc_attendees', { meetingId, attendeeIds });
export const cccMinutes = (meetingId: string) => call<string>('ccc_minutes', { meetingId });
export const milestoneGrid = (programId: string, period: string) =>
  call<MilestoneGrid>('milestone_grid', { programId, period });
export const setMilestoneLevels = (programId: string, period: string, entries: LevelEntry[]) =>
  call<number>('set_milestone_levels', { programId, period, entries });
export const copyMilestonesForward = (programId: string, period: string, residents: string[]) =>
  call<number>('copy_milestones_forward', { programId, period, residents });
export const cccFlags = (programId: string, period: string) => call<Flag[]>('ccc_flags', { programId, period });
export const cccReview = (meetingId: string, residentId: string) =>
  call<Review | null>('ccc_review', { meetingId, residentId });
export const saveCccReview = (meetingId: string, residentId: string, version: number | null, input: ReviewInput) =>
  call<Review>('save_ccc_review', { meetingId, residentId, version, input });
export const finalizeCccReview = (reviewId: string, version: number) =>
  call<Review>('finalize_ccc_review', { reviewId, version });
export const amendCccReview = (reviewId: string, reason: string) => call<Review>('amend_ccc_review', { reviewId, reason });
export const residentEpaAssessments = (residentId: string) =>
  call<EpaAssessment[]>('resident_epa_assessments', { residentId });

/** Writes a meeting's packet PDF to `path`, reporting each stage. */
export function exportCccPacket(
  meetingId: string,
  path: string,
  progress: (p: ExportProgress) => void,
): Promise<ExportedFile> {
  return withProgress('export_ccc_packet', { meetingId, path }, progress);
}

// EPA assessments
export const epaChoices = (programId: string) => call<EpaChoices>('epa_choices', { programId });
export const epaAssessments = (programId: string, filter: EpaFilter, limit: number, offset: number) =>
  call<EpaPage>('epa_assessments', { programId, filter, limit, offset });
export const addEpaAssessment = (input: EpaAssessmentInput) => call<EpaAssessment>('add_epa_assessment', { input });
export const editEpaAssessment = (id: string, version: number, input: EpaAssessmentInput) =>
  call<EpaAssessment>('edit_epa_assessment', { id, version, input });
export const deleteEpaAssessment = (id: string, version: number, reason: string) =>
  call<null>('delete_epa_assessment', { id, version, reason });
export const acknowledgeEpaAssessment = (id: string) => call<EpaAssessment>('acknowledge_epa_assessment', { id });
export const previewEpaImport = (programId: string, text: string) =>
  call<RecordsReport>('preview_epa_import', { programId, text });
export function applyEpaImport(
  programId: string,
  text: string,
  fileName: string,
  progress: (p: ImportProgress) => void,
): Promise<RecordsReport> {
  return withProgress('apply_epa_import', { programId, text, fileName }, progress);
}

// Milestone reports of a period
export function exportResidentMilestones(
  residentId: string,
  period: string,
  path: string,
  progress: (p: ExportProgress) => void,
): Promise<ExportedFile> {
  return withProgress('export_resident_milestones', { residentId, period, path }, progress);
}
export function exportMilestoneSummary(
  programId: string,
  period: string,
  path: string,
  progress: (p: ExportProgress) => void,
): Promise<ExportedFile> {
  return withProgress('export_milestone_summary', { programId, period, path }, progress);
}
export const exportMilestoneLevelsCsv = (programId: string, period: string, path: string) =>
  call<MilestoneCsvExport>('export_milestone_levels_csv', { programId, period, path });

// Work hours
export const hoursResidents = (programId: string) => call<ResidentChoice[]>('hours_residents', { programId });
export const hourEntries = (residentId: string, from: string, to: string) =>
  call<HourEntry[]>('hour_entries', { residentId, from, to });
export const hoursCompliance = (residentId: string, from: string, to: string, rolling: boolean) =>
  call<Compliance>('hours_compliance', { residentId, from, to, rolling });
export const hoursOverRules = (programId: string, from: string, to: string) =>
  call<OverRule[]>('hours_over_rules', { programId, from, to });
export const addHourEntry = (input: HourEntryInput) => call<HourEntry>('add_hour_entry', { input });
export const decideHourEntries = (ids: string[], approve: boolean) =>
  call<number>('decide_hour_entries', { ids, approve });
export const correctHourEntry = (id: string, version: number, startsAt: string, endsAt: string, reason: string) =>
  call<HourEntry>('correct_hour_entry', { id, version, startsAt, endsAt, reason });
export const defaultHoursReportPath = (programId: string, from: string, to: string) =>
  call<string>('default_hours_report_path', { programId, from, to });
/** Writes the compliance report (of one resident, or the program) to `path`, reporting each stage. */
export function exportHoursReport(
  programId: string,
  residentId: string | null,
  from: string,
  to: string,
  path: string,
  progress: (p: ExportProgress) => void,
): Promise<ExportedFile> {
  return withProgress('export_hours_report', { programId, residentId, from, to, path }, progress);
}
export const previewHoursImport = (programId: string, text: string) =>
  call<RecordsReport>('preview_hours_import', { programId, text });
export const applyHoursImport = (programId: string, text: string, fileName: string) =>
  call<RecordsReport>('apply_hours_import', { programId, text, fileName });

// ---- Notifications: the centre, the templates and the webhook ----
export const notifications = (programId: string, filter: NotificationFilter) =>
  call<NotificationPage>('notifications', { programId, filter });
export const unreadNotifications = (programId: string) => call<number>('unread_notifications', { programId });
/** With `ids` null, every one of the program's. */
export const markNotificationsRead = (programId: string, ids: string[] | null, read: boolean) =>
  call<number>('mark_notifications_read', { programId, ids, read });
export const retryDeadDeliveries = (programId: string) => call<number>('retry_dead_deliveries', { programId });
export const checkNotificationsNow = () => call<void>('check_notifications_now');
export const notificationTemplates = () => call<NotificationTemplate[]>('notification_templates');
export const saveNotificationTemplate = (input: NotificationTemplate) =>
  call<NotificationTemplate>('save_notification_template', { input });
export const webhookSettings = () => call<WebhookSettings | null>('webhook_settings');
export const saveWebhook = (input: WebhookInput) => call<WebhookSettings>('save_webhook', { input });
export const sendTestWebhook = (input: WebhookInput) => call<WebhookTest>('send_test_webhook', { input });
