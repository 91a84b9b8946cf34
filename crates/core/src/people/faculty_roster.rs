//! The faculty roster as accreditation documents list it: the program's active faculty with
//! rank, specialty, share of time teaching, and whether they are core faculty.

use sqlx::PgConnection;

use crate::Result;
use crate::ids::ProgramId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacultyRosterRow {
    /// "Last, First".
    pub name: String,
    /// As stored: `assistant_professor`, `clinical`, ...
    pub rank: Option<String>,
    pub specialty: Option<String>,
    pub teaching_percentage: Option<i32>,
    pub is_core: bool,
}

/// The program's active faculty, by name.
pub async fn faculty_roster(
    conn: &mut PgConnection,
    program: ProgramId,
) -> Result<Vec<FacultyRosterRow>> {
    Ok(sqlx::query_as!(
        FacultyRosterRow,
        r#"select u.last_name || ', ' || u.first_name as "name!", f.rank, f.specialty,
                  f.teaching_percentage, f.is_core_faculty as is_core
           from faculty f join users u on u.id = f.user_id
           where f.program_id = $1 and f.is_active
           order by u.last_name, u.first_name, f.id"#,
        program.0
    )
    .fetch_all(conn)
    .await?)
}
