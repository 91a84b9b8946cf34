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

export type Program = { id: ProgramId, code: string, name: string, sponsoringInstitution: string, version: number, };

export type NewProgramInput = { code: string, name: string, 
/**
 * The sponsoring institution's name; created when it does not exist yet.
 */
institution: string, };

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

export type PersonRow = { userId: UserId, name: string, email: string, roles: Array<string>, pgyLevel: number | null, };

export type NewResidentInput = { programId: ProgramId, email: string, firstName: string, lastName: string, pgyLevel: number, };

export type NewFacultyInput = { programId: ProgramId, email: string, firstName: string, lastName: string, isCore: boolean, };

export type ExportProgress = { done: number, total: number, stage: string, };

export type ExportedFile = { path: string, pages: number, bytes: number, };
