//! Typed ids: a `BlockId` can never be passed where a `ProgramId` is expected. All are UUID v7,
//! made by the app, so rows sort by creation and indexes stay compact.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

macro_rules! typed_id {
    ($($name:ident),* $(,)?) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, sqlx::Type, TS)]
        #[serde(transparent)]
        #[sqlx(transparent)]
        #[ts(type = "string")]
        pub struct $name(pub Uuid);

        impl $name {
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::Error;
            fn from_str(s: &str) -> crate::Result<Self> {
                Uuid::parse_str(s.trim())
                    .map(Self)
                    .map_err(|_| crate::Error::invalid("id", format!("'{s}' is not a valid id")))
            }
        }
    )*};
}

typed_id!(
    CompanyId,
    InstitutionId,
    SponsoringInstitutionId,
    ProgramId,
    UserId,
    MembershipId,
    ResidentId,
    FacultyId,
    AcademicYearId,
    BlockId,
    AgreementId,
    SiteId,
    RotationTypeId,
    RequirementId,
    CoverageOverrideId,
    AssignmentId,
    LeaveId,
    ElectiveRequestId,
    ScheduleApplicationId,
    MilestoneSetId,
    SubcompetencyId,
    EpaSetId,
    EpaId,
    CaseTypeId,
    FeedbackTagId,
    EpaAssessmentId,
    MilestoneAssessmentId,
);
