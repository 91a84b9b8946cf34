// Generated from Rust types by rotunda-core (crates/core/src/bindings.rs). Do not edit by hand:
// run `UPDATE_BINDINGS=1 cargo test -p rotunda-core --lib bindings` after changing a type.

export type ErrorKind = "invalid" | "not_found" | "conflict" | "forbidden" | "unavailable" | "internal";

export type ErrorReport = { kind: ErrorKind, message: string, field: string | null, };

export type ProgramId = string;

export type AcademicYearId = string;

export type BlockId = string;

export type UserId = string;

export type ProfileKind = "managed_local" | "server";

export type SslMode = "disable" | "prefer" | "require" | "verify_ca" | "verify_full";

export type ProfileSummary = { name: string, kind: ProfileKind, label: string, };

export type StartupState = { profiles: Array<ProfileSummary>, lastProfile: string | null, 
/**
 * The folder of PostgreSQL's server programs, when found.
 */
postgresBinaries: string | null, };

export type ConnectionState = { profile: string, kind: ProfileKind, label: string, serverVersion: string, };

export type ServerProfileInput = { name: string, host: string, port: number, database: string, user: string, 
/**
 * When absent: `verify_full` for any host not on loopback, `prefer` on loopback.
 */
sslmode: SslMode | null, caFile: string | null, };

export type Program = { id: ProgramId, code: string, name: string, sponsoringInstitution: string, 
/**
 * The IANA zone its wall clock keeps (work hours are entered and shown on it).
 */
timeZone: string, version: number, };

export type NewProgramInput = { code: string, name: string, 
/**
 * The sponsoring institution's name; created when it does not exist yet.
 */
institution: string, };

export type ProgramEditInput = { id: ProgramId, version: number, name: string, timeZone: string, };

export type AcademicYear = { id: AcademicYearId, programId: ProgramId, name: string, startDate: string, endDate: string, isCurrent: boolean, allowGaps: boolean, blockPattern: string | null, blockCount: number, version: number, };

export type NewYearInput = { programId: ProgramId, name: string, startDate: string, endDate: string, isCurrent: boolean, };

export type YearEditInput = { id: AcademicYearId, version: number, name: string, startDate: string, endDate: string, isCurrent: boolean, allowGaps: boolean, };

export type Leftover = "last" | "first" | "extra";

export type BlockPlanInput = { yearId: AcademicYearId, pattern: string, switchDay: string | null, leftover: Leftover, splitHalves: boolean, };

export type PlannedBlock = { number: number, name: string, startDate: string, endDate: string, splitDate: string | null, days: number, };

export type BlockPlan = { blocks: Array<PlannedBlock>, leftoverDays: number, existingBlocks: number, };

export type GenerateBlocksInput = { plan: BlockPlanInput, 
/**
 * Must be true when the year already has blocks: the user has seen the preview and confirmed.
 */
replaceExisting: boolean, };

export type Block = { id: BlockId, yearId: AcademicYearId, number: number, name: string, startDate: string, endDate: string, splitDate: string | null, days: number, version: number, };

export type BlockEditInput = { id: BlockId, version: number, name: string, startDate: string, endDate: string, splitDate: string | null, 
/**
 * Move the adjoining blocks' boundaries with this block's new dates, so no gap opens.
 */
moveNeighbours: boolean, };

export type PersonRow = { userId: UserId, name: string, email: string, roles: Array<string>, pgyLevel: number | null, 
/**
 * The resident's status (active, leave_of_absence, off_cycle, completed, withdrawn).
 */
status: string | null, };

export type NewResidentInput = { programId: ProgramId, email: string, firstName: string, lastName: string, pgyLevel: number, };

export type NewFacultyInput = { programId: ProgramId, email: string, firstName: string, lastName: string, isCore: boolean, };

export type DemoSummary = { program: Program, residents: number, faculty: number, sites: number, year: string, };

export type AgreementId = string;

export type SiteId = string;

export type InstitutionId = string;

export type ResidentId = string;

export type AgreementStanding = "current" | "expiresSoon" | "expiresVerySoon" | "expired" | "pending" | "terminated";

export type Agreement = { id: AgreementId, participatingInstitutionId: InstitutionId, participatingInstitution: string, agreementType: string, effectiveDate: string, expirationDate: string | null, status: string, appliesToAllPrograms: boolean, 
/**
 * The programs covered when not all are.
 */
programCodes: Array<string>, standing: AgreementStanding, daysLeft: number | null, version: number, };

export type ClinicalSite = { id: SiteId, code: string | null, name: string, institution: string, siteType: string, classification: string | null, capacity: number | null, 
/**
 * The agreement the site operates under, when it is not the sponsor's own.
 */
agreementId: AgreementId | null, agreementStanding: AgreementStanding | null, agreementExpires: string | null, agreementDaysLeft: number | null, version: number, };

export type Institution = { id: InstitutionId, name: string, institutionType: string, acgmeInstitutionId: string | null, isSponsor: boolean, version: number, };

export type Sponsor = { institution: string, dioName: string | null, dioEmail: string | null, gmecChairId: UserId | null, gmecChair: string | null, accreditationStatus: string | null, nextSiteVisit: string | null, version: number, };

export type Organisation = { sponsor: Sponsor, institutions: Array<Institution>, agreements: Array<Agreement>, sites: Array<ClinicalSite>, };

export type NewInstitutionInput = { programId: ProgramId, name: string, institutionType: string, acgmeInstitutionId: string, address: string, };

export type NewAgreementInput = { programId: ProgramId, participatingInstitutionId: InstitutionId, agreementType: string, effectiveDate: string, expirationDate: string, status: string, 
/**
 * Cover all of the sponsor's programs, not only this one.
 */
allPrograms: boolean, };

export type AgreementEditInput = { programId: ProgramId, id: AgreementId, version: number, effectiveDate: string, expirationDate: string, status: string, };

export type NewSiteInput = { programId: ProgramId, institutionId: InstitutionId, 
/**
 * Required for a site of a participating institution: the agreement it operates under.
 */
agreementId: AgreementId | null, code: string, name: string, siteType: string, classification: string, capacity: number | null, };

export type SponsorEditInput = { programId: ProgramId, version: number, dioName: string, dioEmail: string, gmecChairId: UserId | null, accreditationStatus: string, nextSiteVisit: string, };

export type SiteEditInput = { programId: ProgramId, id: SiteId, version: number, name: string, siteType: string, classification: string, capacity: number | null, };

export type InstitutionEditInput = { programId: ProgramId, id: InstitutionId, version: number, name: string, institutionType: string, acgmeInstitutionId: string, };

export type RosterKind = "residents" | "faculty";

export type FileProblem = { column: string | null, message: string, };

export type RowProblem = { 
/**
 * The column's header as the file writes it.
 */
column: string, message: string, };

export type RowOutcome = "new" | "update" | "unchanged" | "invalid";

export type ImportRow = { line: number, cells: Array<string>, email: string, name: string, outcome: RowOutcome, 
/**
 * What an update changes, in words ("PGY level: 2 → 3").
 */
changes: Array<string>, problems: Array<RowProblem>, };

export type ImportReport = { kind: RosterKind, headers: Array<string>, ignoredColumns: Array<string>, fileProblems: Array<FileProblem>, totalRows: number, newRows: number, updatedRows: number, unchangedRows: number, invalidRows: number, 
/**
 * In file order: every invalid row, and valid ones up to a limit; `rows_left_out` counts the rest.
 */
rows: Array<ImportRow>, rowsLeftOut: number, applied: boolean, };

export type ImportProgress = { done: number, total: number, };

export type RosterExport = { path: string, rows: number, };

export type RolloverAction = "promote" | "graduate" | "stay";

export type ResidentRollover = { residentId: ResidentId, userId: UserId, name: string, action: RolloverAction, fromPgy: number, toPgy: number, status: string, newStatus: string, 
/**
 * For a graduate, the day they finish: their expected date, or the year's last day.
 */
graduatesOn: string | null, 
/**
 * Why, in words: "Final year: expected graduation 2027-06-30".
 */
reason: string, };

export type RolloverPreview = { programId: ProgramId, fromYearId: AcademicYearId, fromYear: string, newYear: string, newStart: string, newEnd: string, 
/**
 * The new year's blocks, in the old year's pattern; empty when the old blocks follow none.
 */
blocks: Array<PlannedBlock>, pattern: string | null, residents: Array<ResidentRollover>, promoted: number, graduating: number, staying: number, };

export type RolloverUndone = { currentYear: string, removedYear: string | null, residentsRestored: number, };

export type MembershipId = string;

export type FacultyId = string;

export type Membership = { id: MembershipId, role: string, startedAt: string, endedAt: string | null, version: number, };

export type ResidentDetail = { id: ResidentId, pgyLevel: number, entryPgyLevel: number, matriculationDate: string | null, expectedGraduationDate: string | null, actualGraduationDate: string | null, track: string | null, medicalSchool: string | null, degreeType: string | null, status: string, version: number, };

export type FacultyDetail = { id: FacultyId, rank: string | null, department: string | null, specialty: string | null, isCoreFaculty: boolean, teachingPercentage: number | null, startedAt: string | null, version: number, };

export type PersonDetail = { userId: UserId, email: string, firstName: string, lastName: string, phone: string | null, isActive: boolean, version: number, memberships: Array<Membership>, resident: ResidentDetail | null, faculty: FacultyDetail | null, };

export type PersonEditInput = { programId: ProgramId, userId: UserId, version: number, email: string, firstName: string, lastName: string, phone: string, isActive: boolean, };

export type ResidentEditInput = { programId: ProgramId, id: ResidentId, version: number, pgyLevel: number, entryPgyLevel: number, matriculationDate: string, expectedGraduationDate: string, actualGraduationDate: string, track: string, medicalSchool: string, degree: string, status: string, };

export type FacultyEditInput = { programId: ProgramId, id: FacultyId, version: number, rank: string, department: string, specialty: string, isCoreFaculty: boolean, teachingPercentage: number | null, startedAt: string, };

export type RotationTypeId = string;

export type AssignmentId = string;

export type LeaveId = string;

export type Half = "first" | "second";

export type RotationCategory = "core" | "elective" | "leave_like";

export type Requirement = { pgyLevel: number, minWeeks: number, maxWeeks: number, };

export type CoverageOverride = { blockId: BlockId, minResidents: number, maxResidents: number, note: string | null, };

export type RotationType = { id: RotationTypeId, code: string, name: string, category: RotationCategory, colour: string, heavy: boolean, noBackToBack: boolean, defaultSiteId: SiteId | null, defaultSupervisorId: FacultyId | null, minResidents: number, maxResidents: number | null, isActive: boolean, 
/**
 * Empty: open to every PGY level without limits.
 */
requirements: Array<Requirement>, coverageOverrides: Array<CoverageOverride>, version: number, };

export type RotationTypeInput = { code: string, name: string, category: string, colour: string, heavy: boolean, noBackToBack: boolean, defaultSiteId: SiteId | null, defaultSupervisorId: FacultyId | null, minResidents: number, maxResidents: number | null, requirements: Array<Requirement>, };

export type RotationAssignment = { id: AssignmentId, residentId: ResidentId, rotationTypeId: RotationTypeId, blockId: BlockId, 
/**
 * `None`: the whole block.
 */
half: Half | null, startDate: string, endDate: string, siteId: SiteId | null, supervisorId: FacultyId | null, isLocked: boolean, version: number, };

export type LeaveKind = "vacation" | "sick" | "parental" | "loa";

export type LeavePeriod = { id: LeaveId, residentId: ResidentId, kind: LeaveKind, startDate: string, endDate: string, note: string | null, };

export type Rule = "coverageShort" | "coverageOver" | "eligibility" | "requirementShort" | "requirementOver" | "backToBack" | "consecutiveHeavy" | "siteCapacity" | "agreement" | "overLeave";

export type Conflict = { rule: Rule, message: string, residentIds: Array<ResidentId>, blockIds: Array<BlockId>, 
/**
 * The half of a split block the conflict is about; `None` for the whole block or the year.
 */
half: Half | null, rotationTypeId: RotationTypeId | null, assignmentIds: Array<AssignmentId>, };

export type GridResident = { id: ResidentId, name: string, pgy: number, status: string, };

export type ElectiveRequest = { resident: ResidentId, rank: number, rotation: RotationTypeId, block: BlockId | null, };

export type LeaveInput = { residentId: ResidentId, kind: string, startDate: string, endDate: string, note: string | null, };

export type RequestInput = { rotationTypeId: RotationTypeId, blockId: BlockId | null, };

export type Tally = { residentId: ResidentId, rotationTypeId: RotationTypeId, weeks: number, minWeeks: number, maxWeeks: number | null, };

export type GridSite = { id: SiteId, code: string | null, name: string, };

export type FacultyLabel = { id: FacultyId, 
/**
 * "Last, First".
 */
name: string, isCore: boolean, };

export type ScheduleGrid = { year: AcademicYear, blocks: Array<Block>, rotations: Array<RotationType>, residents: Array<GridResident>, assignments: Array<RotationAssignment>, leave: Array<LeavePeriod>, requests: Array<ElectiveRequest>, tallies: Array<Tally>, conflicts: Array<Conflict>, maxConsecutiveHeavy: number, 
/**
 * Where an assignment may take place: the program's sites.
 */
sites: Array<GridSite>, 
/**
 * Who may supervise it: the program's active faculty.
 */
faculty: Array<FacultyLabel>, };

export type CellEdit = { residentId: ResidentId, blockId: BlockId, 
/**
 * `None`: the whole block.
 */
half: Half | null, 
/**
 * The rotation's code as typed (any case); `None` empties the cell.
 */
rotationCode: string | null, 
/**
 * `None`: the rotation's default site and supervisor.
 */
siteId: SiteId | null, supervisorId: FacultyId | null, 
/**
 * The assignments the user saw in this resident's block. When given and no longer the same,
 * someone else changed the block since: the edit is refused and nothing is written.
 */
expected: Array<AssignmentId> | null, };

export type EditOutcome = { removed: Array<AssignmentId>, added: Array<RotationAssignment>, 
/**
 * The residents whose assignments changed.
 */
residents: Array<ResidentId>, 
/**
 * Their tallies now.
 */
tallies: Array<Tally>, 
/**
 * Every broken rule of the year after the edit.
 */
conflicts: Array<Conflict>, 
/**
 * Applying these edits restores every cell this edit changed.
 */
undo: Array<CellEdit>, 
/**
 * Assignments written or removed.
 */
changed: number, };

export type ProposeOptions = { 
/**
 * Seconds the solver may take (fractions allowed).
 */
timeLimitSecs: number, seed: number, 
/**
 * Keep every assignment already made, and fill only the empty cells.
 */
keepExisting: boolean, };

export type ObjectiveParts = { 
/**
 * Cost of the elective requests not met (10, 6 or 3 each by rank).
 */
unmetRequestsCost: number, 
/**
 * Heavy blocks directly after a heavy block, over all residents.
 */
heavyPairs: number, heavyPairsCost: number, 
/**
 * Over the PGY levels: most heavy blocks minus fewest within the level.
 */
heavySpread: number, heavySpreadCost: number, total: number, };

export type ProposalProgress = { elapsedMs: number, objective: ObjectiveParts, };

export type CellChange = { residentId: ResidentId, resident: string, blockId: BlockId, block: string, before: string, after: string, };

export type Proposal = { objective: ObjectiveParts, firstFeasibleMs: number, improvements: number, changes: Array<CellChange>, 
/**
 * The edits "Apply" makes (only the cells that change).
 */
edits: Array<CellEdit>, 
/**
 * Rules the solver does not weigh (site capacity, agreements, partial leave) that the
 * proposed schedule would still break.
 */
conflictsAfter: Array<Conflict>, leftOut: Array<string>, };

export type ProposalOutcome = { "kind": "proposed" } & Proposal | { "kind": "impossible", reasons: Array<string>, } | { "kind": "notFound", reason: string, };

export type AppliedProposal = { grid: ScheduleGrid, changed: number, };

export type AddRoleInput = { programId: ProgramId, userId: UserId, role: string, startedAt: string, };

export type EndRoleInput = { programId: ProgramId, id: MembershipId, version: number, endedAt: string, };

export type ExportProgress = { done: number, total: number, stage: string, };

export type ExportedFile = { path: string, pages: number, bytes: number, };

export type SubcompetencyId = string;

export type MilestoneAssessmentId = string;

export type EpaId = string;

export type EpaAssessmentId = string;

export type Term = "fall" | "spring";

export type PeriodName = { year: string, term: Term, };

export type Period = { yearId: AcademicYearId, name: PeriodName, };

export type Rating = { "kind": "level", level: number, } | { "kind": "notYetAssessable" };

export type GridSubcompetency = { id: SubcompetencyId, code: string, name: string, 
/**
 * PC, MK, ...: the grid groups columns by it.
 */
competency: string, 
/**
 * Levels 1 to 5.
 */
descriptors: Array<string>, };

export type GridRow = { id: ResidentId, name: string, 
/**
 * Their PGY level during the period.
 */
pgy: number, 
/**
 * A final review for this period holds the resident's levels.
 */
locked: boolean, };

export type MilestoneCell = { residentId: ResidentId, subcompetencyId: SubcompetencyId, id: MilestoneAssessmentId | null, rating: Rating | null, rationale: string | null, version: number | null, 
/**
 * The previous period's rating, shown beside the cell.
 */
previous: Rating | null, };

export type MilestoneGrid = { period: Period, previous: PeriodName | null, subcompetencies: Array<GridSubcompetency>, residents: Array<GridRow>, 
/**
 * Only cells with a rating now or before.
 */
cells: Array<MilestoneCell>, };

export type LevelEntry = { residentId: ResidentId, subcompetencyId: SubcompetencyId, rating: Rating | null, rationale: string | null, version: number | null, };

export type MeetingStatus = "scheduled" | "in_progress" | "completed";

export type Member = { id: FacultyId, name: string, };

export type AgendaItem = { position: number, residentId: ResidentId, name: string, 
/**
 * Their PGY level at the time of the meeting.
 */
pgy: number, 
/**
 * The resident's current review: draft, final, or none yet.
 */
reviewStatus: string | null, };

export type Meeting = { id: string, programId: ProgramId, yearId: AcademicYearId, period: PeriodName, meetingDate: string, chair: Member | null, attendees: Array<Member>, status: MeetingStatus, agenda: Array<AgendaItem>, 
/**
 * Said, not refused: e.g. fewer than three members present.
 */
warnings: Array<string>, version: number, };

export type MeetingInput = { programId: ProgramId, 
/**
 * `2025-2026-spring`.
 */
period: string, 
/**
 * YYYY-MM-DD.
 */
meetingDate: string, chairId: FacultyId | null, attendeeIds: Array<FacultyId>, };

export type ReviewInput = { overallPerformance: string | null, recommendation: string | null, strengths: string | null, areasForImprovement: string | null, requiresRemediation: boolean, remediationPlan: string | null, };

export type DecidedLevel = { subcompetencyId: SubcompetencyId, code: string, rating: Rating, };

export type Review = { id: string, meetingId: string, residentId: ResidentId, status: string, overallPerformance: string | null, recommendation: string | null, strengths: string | null, areasForImprovement: string | null, requiresRemediation: boolean, remediationPlan: string | null, amendsReviewId: string | null, amendmentReason: string | null, finalizedBy: string | null, 
/**
 * Recorded when the review became final; empty for a draft.
 */
levels: Array<DecidedLevel>, version: number, };

export type Flag = { residentId: ResidentId, 
/**
 * The rule's code, e.g. `level_dropped`.
 */
rule: string, subcompetencyId: SubcompetencyId | null, reason: string, };

export type Phase = "preoperative" | "intraoperative" | "postoperative" | "whole_encounter";

export type CaseTypeId = string;

export type FeedbackTagId = string;

export type TagLabel = { id: FeedbackTagId, name: string, };

export type EpaAssessment = { id: EpaAssessmentId, residentId: ResidentId, residentName: string, assessorId: FacultyId, assessorName: string, epaId: EpaId, epaNumber: number, epaShortName: string, phase: Phase, assessedOn: string, entrustmentLevel: number, levelName: string, rotationCode: string | null, siteName: string | null, caseTypeId: CaseTypeId | null, caseType: string | null, caseUrgency: string | null, patientAsaClass: number | null, procedureDurationMinutes: number | null, complicationsOccurred: boolean | null, locationType: string | null, locationDetails: string | null, narrative: string | null, wentWell: Array<TagLabel>, needsWork: Array<TagLabel>, entryMethod: string, acknowledged: boolean, version: number, };

export type EpaAssessmentInput = { residentId: ResidentId, assessorId: FacultyId, epaId: EpaId, phase: Phase, 
/**
 * YYYY-MM-DD.
 */
assessedOn: string, entrustmentLevel: number, 
/**
 * The rotation it happened on; when absent, the resident's assignment on that day.
 */
rotationAssignmentId: AssignmentId | null, caseTypeId: CaseTypeId | null, caseUrgency: string | null, patientAsaClass: number | null, procedureDurationMinutes: number | null, complicationsOccurred: boolean | null, locationType: string | null, locationDetails: string | null, narrative: string | null, wentWell: Array<FeedbackTagId>, needsWork: Array<FeedbackTagId>, 
/**
 * Defaults to `desktop`.
 */
entryMethod: string | null, };

export type EpaFilter = { residentId: ResidentId | null, epaId: EpaId | null, 
/**
 * YYYY-MM-DD, inclusive.
 */
from: string | null, 
/**
 * YYYY-MM-DD, inclusive.
 */
to: string | null, };

export type EpaPage = { rows: Array<EpaAssessment>, total: number, };

export type ResidentChoice = { id: ResidentId, 
/**
 * "Last, First".
 */
name: string, pgy: number, email: string, };

export type EpaChoice = { id: EpaId, number: number, shortName: string, phases: Array<Phase>, };

export type LevelChoice = { level: number, name: string, description: string | null, };

export type CaseTypeChoice = { id: CaseTypeId, epaId: EpaId, name: string, };

export type TagChoice = { id: FeedbackTagId, name: string, 
/**
 * `strength` or `area_for_improvement`.
 */
category: string, };

export type EpaChoices = { residents: Array<ResidentChoice>, faculty: Array<FacultyLabel>, epas: Array<EpaChoice>, levels: Array<LevelChoice>, caseTypes: Array<CaseTypeChoice>, tags: Array<TagChoice>, };

export type RecordRow = { line: number, 
/**
 * The row's cells as the file has them, under `RecordsReport::headers`.
 */
cells: Array<string>, 
/**
 * Whose record it is, as the file names them.
 */
resident: string, 
/**
 * "EPA 3 · 2026-10-02".
 */
what: string, 
/**
 * `new`, `unchanged` (the same record is stored already, or earlier in the file) or `invalid`.
 */
outcome: RowOutcome, problems: Array<RowProblem>, };

export type RecordsReport = { headers: Array<string>, ignoredColumns: Array<string>, fileProblems: Array<FileProblem>, totalRows: number, newRows: number, duplicateRows: number, invalidRows: number, 
/**
 * In file order: every invalid row, and valid ones up to a limit; `rows_left_out` counts the rest.
 */
rows: Array<RecordRow>, rowsLeftOut: number, applied: boolean, };

export type MilestoneCsvExport = { path: string, 
/**
 * Residents, one row each.
 */
rows: number, 
/**
 * Subcompetency columns.
 */
subcompetencies: number, };

export type EntryKind = "in_house_shift" | "in_house_call" | "home_call_worked" | "moonlighting" | "conference";

export type EntryStatus = "pending" | "approved" | "rejected";

export type HoursRule = "eighty_hours" | "day_off_in_seven" | "call_every_third_night" | "continuous_duty" | "rest_after_call" | "rest_between_shifts";

export type Violation = { rule: HoursRule, from: string, to: string, 
/**
 * What was found, in the limit's unit (hours a week, days off, calls, hours).
 */
figure: number, limit: number, 
/**
 * "84.5 hours a week over 28 days (limit 80)".
 */
message: string, entries: string[], };

export type HourEntryInput = { residentId: ResidentId, kind: EntryKind, 
/**
 * `2026-09-07T06:00`, the program's wall clock.
 */
startsAt: string, endsAt: string, notes: string | null, };

export type HourEntry = { id: string, residentId: ResidentId, kind: EntryKind, startsAt: string, endsAt: string, hours: number, notes: string | null, status: EntryStatus, decidedBy: string | null, 
/**
 * How many corrections it has had.
 */
corrections: bigint, version: number, };

export type WindowFigures = { start: string, days: number, hoursPerWeek: number | null, violations: number, };

export type DayFigures = { day: string, hours: number, fourWeekAverage: number | null, onLeave: boolean, };

export type Compliance = { windows: Array<WindowFigures>, violations: Array<Violation>, days: Array<DayFigures>, };

export type OverRule = { residentId: ResidentId, 
/**
 * "Last, First".
 */
name: string, violations: number, rules: Array<HoursRule>, };

export type NotificationKind = "assessment_owed" | "agreement_expiring" | "ccc_invitation" | "hours_violation" | "import_failed";

export type Notification = { id: string, kind: NotificationKind, title: string, body: string, 
/**
 * "First Last", when it is for someone.
 */
recipient: string | null, recipientEmail: string | null, createdAt: string, read: boolean, 
/**
 * `pending`, `delivered` or `dead`; none when no webhook was on when it was raised.
 */
delivery: string | null, deliveryAttempts: number, deliveryError: string | null, };

export type NotificationFilter = { unreadOnly: boolean, kind: NotificationKind | null, 
/**
 * Rows to skip, for the next page.
 */
offset: number, };

export type NotificationPage = { items: Array<Notification>, 
/**
 * Matching the filter, of all pages.
 */
total: number, 
/**
 * Unread in the program, whatever the filter.
 */
unread: number, };

export type NotificationTemplate = { kind: NotificationKind, title: string, body: string, 
/**
 * The variables its rule supplies.
 */
variables: Array<string>, version: number, };

export type PassReport = { delivered: number, retrying: number, dead: number, };

export type RoundReport = { 
/**
 * New notifications raised.
 */
raised: number, 
/**
 * None when no webhook is on.
 */
delivery: PassReport | null, 
/**
 * Deliveries still waiting for a later try.
 */
waiting: number, 
/**
 * Deliveries that gave up.
 */
dead: number, };

export type WebhookSettings = { url: string, enabled: boolean, maxAttempts: number, backoffSeconds: number, timeoutMs: number, 
/**
 * The hospital's own CA certificate (PEM), for a relay whose certificate it signed.
 */
caPem: string | null, 
/**
 * Whether this computer's keyring holds a signing secret for the address.
 */
hasSecret: boolean, version: number, };

export type WebhookInput = { url: string, enabled: boolean, maxAttempts: number, backoffSeconds: number, timeoutMs: number, 
/**
 * The hospital's own CA certificate (PEM); none or empty for a publicly trusted address.
 */
caPem: string | null, 
/**
 * The version read, none for the first save.
 */
version: number | null, secret: string | null, };

export type WebhookTest = { delivered: boolean, message: string, };
