//! The TypeScript types of everything that crosses into the UI, generated from the Rust types
//! into `ui/src/lib/bindings.ts`. A test fails when that file is stale; rewrite it with
//! `UPDATE_BINDINGS=1 cargo test -p rotunda-core --lib bindings`.

use ts_rs::{Config, TS};

use crate::academic::rollover::{ResidentRollover, RolloverAction, RolloverPreview};
use crate::academic::rollover_service::RolloverUndone;
use crate::academic::{
    AcademicYear, Block, BlockEditInput, BlockPlan, BlockPlanInput, GenerateBlocksInput, Leftover,
    NewYearInput, PlannedBlock, YearEditInput,
    calendar_export::{ExportProgress, ExportedFile},
};
use crate::assessment::epa::{EpaAssessment, EpaAssessmentInput, EpaFilter, EpaPage, TagLabel};
use crate::assessment::epa_choices::{
    CaseTypeChoice, EpaChoice, EpaChoices, LevelChoice, TagChoice,
};
use crate::assessment::milestone::{PeriodName, Rating, Term};
use crate::assessment::milestone_csv::MilestoneCsvExport;
use crate::assessment::milestone_store::{
    GridRow, GridSubcompetency, LevelEntry, MilestoneCell, MilestoneGrid, Period,
};
use crate::assessment::reference::Phase;
use crate::ccc::flags::Flag;
use crate::ccc::review::{DecidedLevel, Review, ReviewInput};
use crate::ccc::{AgendaItem, Meeting, MeetingInput, MeetingStatus, Member};
use crate::connect::profiles::{ProfileKind, ProfileSummary, ServerProfileInput, SslMode};
use crate::connect::{ConnectionState, StartupState};
use crate::csv_report::{RecordRow, RecordsReport};
use crate::demo::DemoSummary;
use crate::error::{ErrorKind, ErrorReport};
use crate::hours::entry::{EntryStatus, HourEntry, HourEntryInput};
use crate::hours::rules::{EntryKind, Rule as HoursRule, Violation};
use crate::hours::store::OverRule;
use crate::hours::{Compliance, DayFigures, WindowFigures};
use crate::ids::{
    AcademicYearId, AgreementId, AssignmentId, BlockId, CaseTypeId, EpaAssessmentId, EpaId,
    FacultyId, FeedbackTagId, InstitutionId, LeaveId, MembershipId, MilestoneAssessmentId,
    ProgramId, ResidentId, RotationTypeId, SiteId, SubcompetencyId, UserId,
};
use crate::notify::NotificationKind;
use crate::notify::centre::{
    Notification, NotificationFilter, NotificationPage, NotificationTemplate,
};
use crate::notify::delivery::{PassReport, WebhookTest};
use crate::notify::run::RoundReport;
use crate::notify::webhook::{WebhookInput, WebhookSettings};
use crate::org::agreements::{
    Agreement, AgreementStanding, ClinicalSite, Institution, Organisation, Sponsor,
};
use crate::org::edit::{
    AgreementEditInput, InstitutionEditInput, NewAgreementInput, NewInstitutionInput, NewSiteInput,
    SiteEditInput, SponsorEditInput,
};
use crate::org::{NewProgramInput, Program, ProgramEditInput};
use crate::people::choices::ResidentChoice;
use crate::people::edit::{
    AddRoleInput, EndRoleInput, FacultyDetail, FacultyEditInput, Membership, PersonDetail,
    PersonEditInput, ResidentDetail, ResidentEditInput,
};
use crate::people::roster::{
    FileProblem, ImportProgress, ImportReport, ImportRow, RosterExport, RosterKind, RowOutcome,
    RowProblem,
};
use crate::people::{NewFacultyInput, NewResidentInput, PersonRow};
use crate::schedule::catalogue::RotationTypeInput;
use crate::schedule::checks::{Conflict, Rule};
use crate::schedule::edit::{CellEdit, EditOutcome};
use crate::schedule::grid::{FacultyLabel, GridResident, GridSite, ScheduleGrid, Tally};
use crate::schedule::instance::ElectiveRequest;
use crate::schedule::leave::{LeaveInput, RequestInput};
use crate::schedule::propose::{
    AppliedProposal, CellChange, ObjectiveParts, Proposal, ProposalOutcome, ProposalProgress,
    ProposeOptions,
};
use crate::schedule::{
    CoverageOverride, Half, LeaveKind, LeavePeriod, Requirement, RotationAssignment,
    RotationCategory, RotationType,
};

pub const HEADER: &str = "// Generated from Rust types by rotunda-core (crates/core/src/bindings.rs). Do not edit by hand:\n\
// run `UPDATE_BINDINGS=1 cargo test -p rotunda-core --lib bindings` after changing a type.\n";

/// The whole bindings file.
pub fn render() -> String {
    let cfg = Config::default();
    let mut out = String::from(HEADER);
    macro_rules! export {
        ($($t:ty),* $(,)?) => {$(
            out.push_str("\nexport ");
            out.push_str(&<$t as TS>::decl(&cfg));
            out.push('\n');
        )*};
    }
    export!(
        ErrorKind,
        ErrorReport,
        ProgramId,
        AcademicYearId,
        BlockId,
        UserId,
        ProfileKind,
        SslMode,
        ProfileSummary,
        StartupState,
        ConnectionState,
        ServerProfileInput,
        Program,
        NewProgramInput,
        ProgramEditInput,
        AcademicYear,
        NewYearInput,
        YearEditInput,
        Leftover,
        BlockPlanInput,
        PlannedBlock,
        BlockPlan,
        GenerateBlocksInput,
        Block,
        BlockEditInput,
        PersonRow,
        NewResidentInput,
        NewFacultyInput,
        DemoSummary,
        AgreementId,
        SiteId,
        InstitutionId,
        ResidentId,
        AgreementStanding,
        Agreement,
        ClinicalSite,
        Institution,
        Sponsor,
        Organisation,
        NewInstitutionInput,
        NewAgreementInput,
        AgreementEditInput,
        NewSiteInput,
        SponsorEditInput,
        SiteEditInput,
        InstitutionEditInput,
        RosterKind,
        FileProblem,
        RowProblem,
        RowOutcome,
        ImportRow,
        ImportReport,
        ImportProgress,
        RosterExport,
        RolloverAction,
        ResidentRollover,
        RolloverPreview,
        RolloverUndone,
        MembershipId,
        FacultyId,
        Membership,
        ResidentDetail,
        FacultyDetail,
        PersonDetail,
        PersonEditInput,
        ResidentEditInput,
        FacultyEditInput,
        RotationTypeId,
        AssignmentId,
        LeaveId,
        Half,
        RotationCategory,
        Requirement,
        CoverageOverride,
        RotationType,
        RotationTypeInput,
        RotationAssignment,
        LeaveKind,
        LeavePeriod,
        Rule,
        Conflict,
        GridResident,
        ElectiveRequest,
        LeaveInput,
        RequestInput,
        Tally,
        GridSite,
        FacultyLabel,
        ScheduleGrid,
        CellEdit,
        EditOutcome,
        ProposeOptions,
        ObjectiveParts,
        ProposalProgress,
        CellChange,
        Proposal,
        ProposalOutcome,
        AppliedProposal,
        AddRoleInput,
        EndRoleInput,
        ExportProgress,
        ExportedFile,
        SubcompetencyId,
        MilestoneAssessmentId,
        EpaId,
        EpaAssessmentId,
        Term,
        PeriodName,
        Period,
        Rating,
        GridSubcompetency,
        GridRow,
        MilestoneCell,
        MilestoneGrid,
        LevelEntry,
        MeetingStatus,
        Member,
        AgendaItem,
        Meeting,
        MeetingInput,
        ReviewInput,
        DecidedLevel,
        Review,
        Flag,
        Phase,
        CaseTypeId,
        FeedbackTagId,
        TagLabel,
        EpaAssessment,
        EpaAssessmentInput,
        EpaFilter,
        EpaPage,
        ResidentChoice,
        EpaChoice,
        LevelChoice,
        CaseTypeChoice,
        TagChoice,
        EpaChoices,
        RecordRow,
        RecordsReport,
        MilestoneCsvExport,
        EntryKind,
        EntryStatus,
        HoursRule,
        Violation,
        HourEntryInput,
        HourEntry,
        WindowFigures,
        DayFigures,
        Compliance,
        OverRule,
        NotificationKind,
        Notification,
        NotificationFilter,
        NotificationPage,
        NotificationTemplate,
        PassReport,
        RoundReport,
        WebhookSettings,
        WebhookInput,
        WebhookTest,
    );
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn bindings_file_matches_the_rust_types() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings.ts");
        let expected = super::render();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &expected).expect("ui/src/lib/bindings.ts must be writable");
        }
        let actual = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            actual == expected,
            "ui/src/lib/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p rotunda-core --lib bindings` and commit it"
        );
    }
}
