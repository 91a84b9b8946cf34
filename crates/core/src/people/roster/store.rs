//! SQL that looks people up by e-mail and writes users, memberships, residents and faculty many
//! rows per statement (`unnest` of arrays), so a 100,000-row file is a few dozen statements. The
//! roster import, the demo program and the add-a-person forms all write through it.

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use super::faculty::StoredFaculty;
use super::plan::{NewPerson, StoredUser};
use super::residents::StoredResident;
use crate::Result;
use crate::ids::{CompanyId, ProgramId, UserId};

pub async fn users_by_email(conn: &mut PgConnection, emails: &[String]) -> Result<Vec<StoredUser>> {
    Ok(sqlx::query_as!(
        StoredUser,
        r#"select id as "id: UserId", email::text as "email!", first_name, last_name, phone
           from users where email = any($1::text[]::citext[])"#,
        emails
    )
    .fetch_all(conn)
    .await?)
}

pub async fn insert_users(
    conn: &mut PgConnection,
    company: CompanyId,
    people: &[NewPerson],
) -> Result<()> {
    let ids: Vec<Uuid> = people.iter().map(|p| p.id.0).collect();
    let emails: Vec<&str> = people.iter().map(|p| p.person.email.as_str()).collect();
    let firsts: Vec<&str> = people
        .iter()
        .map(|p| p.person.first_name.as_str())
        .collect();
    let lasts: Vec<&str> = people.iter().map(|p| p.person.last_name.as_str()).collect();
    let phones: Vec<Option<&str>> = people.iter().map(|p| p.person.phone.as_deref()).collect();
    sqlx::query!(
        "insert into users (id, company_id, email, first_name, last_name, phone)
         select v.id, $1, v.email::citext, v.first_name, v.last_name, v.phone
         from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])
              as v(id, email, first_name, last_name, phone)",
        company.0,
        &ids,
        &emails as &[&str],
        &firsts as &[&str],
        &lasts as &[&str],
        &phones as &[Option<&str>]
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn update_phones(
    conn: &mut PgConnection,
    phones: &[(UserId, Option<String>)],
) -> Result<()> {
    let ids: Vec<Uuid> = phones.iter().map(|(id, _)| id.0).collect();
    let values: Vec<Option<&str>> = phones.iter().map(|(_, p)| p.as_deref()).collect();
    sqlx::query!(
        "update users u set phone = v.phone
         from unnest($1::uuid[], $2::text[]) as v(id, phone) where u.id = v.id",
        &ids,
        &values as &[Option<&str>]
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert_memberships(
    conn: &mut PgConnection,
    program: ProgramId,
    role: &str,
    starts: &[(UserId, NaiveDate)],
) -> Result<()> {
    let ids: Vec<Uuid> = starts.iter().map(|_| Uuid::now_v7()).collect();
    let users: Vec<Uuid> = starts.iter().map(|(u, _)| u.0).collect();
    let dates: Vec<NaiveDate> = starts.iter().map(|(_, d)| *d).collect();
    sqlx::query!(
        "insert into program_memberships (id, user_id, program_id, role, started_at)
         select v.id, v.user_id, $1, $2, v.started_at
         from unnest($3::uuid[], $4::uuid[], $5::date[]) as v(id, user_id, started_at)",
        program.0,
        role,
        &ids,
        &users,
        &dates
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn residents_of(
    conn: &mut PgConnection,
    program: ProgramId,
    users: Option<&[Uuid]>,
) -> Result<Vec<(Uuid, UserId, StoredResident)>> {
    let rows = sqlx::query!(
        r#"select id, user_id as "user_id: UserId", pgy_level, entry_pgy_level, matriculation_date,
                  expected_graduation_date, actual_graduation_date, track, medical_school, degree_type, status
           from residents where program_id = $1 and ($2::uuid[] is null or user_id = any($2))"#,
        program.0,
        users
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.id,
                r.user_id,
                StoredResident {
                    pgy_level: r.pgy_level,
                    entry_pgy_level: r.entry_pgy_level,
                    matriculation_date: r.matriculation_date,
                    expected_graduation_date: r.expected_graduation_date,
                    actual_graduation_date: r.actual_graduation_date,
                    track: r.track,
                    medical_school: r.medical_school,
                    degree_type: r.degree_type,
                    status: r.status,
                },
            )
        })
        .collect())
}

/// The columns of many resident rows, one array per column.
struct ResidentColumns<'a> {
    pgy: Vec<i32>,
    entry: Vec<i32>,
    matriculation: Vec<Option<NaiveDate>>,
    expected: Vec<Option<NaiveDate>>,
    actual: Vec<Option<NaiveDate>>,
    track: Vec<Option<&'a str>>,
    school: Vec<Option<&'a str>>,
    degree: Vec<Option<&'a str>>,
    status: Vec<&'a str>,
}

impl<'a> ResidentColumns<'a> {
    fn of(rows: impl Iterator<Item = &'a StoredResident>) -> Self {
        let mut c = ResidentColumns {
            pgy: Vec::new(),
            entry: Vec::new(),
            matriculation: Vec::new(),
            expected: Vec::new(),
            actual: Vec::new(),
            track: Vec::new(),
            school: Vec::new(),
            degree: Vec::new(),
            status: Vec::new(),
        };
        for r in rows {
            c.pgy.push(r.pgy_level);
            c.entry.push(r.entry_pgy_level);
            c.matriculation.push(r.matriculation_date);
            c.expected.push(r.expected_graduation_date);
            c.actual.push(r.actual_graduation_date);
            c.track.push(r.track.as_deref());
            c.school.push(r.medical_school.as_deref());
            c.degree.push(r.degree_type.as_deref());
            c.status.push(&r.status);
        }
        c
    }
}

pub async fn insert_residents(
    conn: &mut PgConnection,
    program: ProgramId,
    rows: &[(UserId, StoredResident, NaiveDate)],
) -> Result<()> {
    let ids: Vec<Uuid> = rows.iter().map(|_| Uuid::now_v7()).collect();
    let users: Vec<Uuid> = rows.iter().map(|(u, _, _)| u.0).collect();
    let c = ResidentColumns::of(rows.iter().map(|(_, r, _)| r));
    sqlx::query!(
        "insert into residents (id, user_id, program_id, pgy_level, entry_pgy_level, matriculation_date,
                                expected_graduation_date, actual_graduation_date, track, medical_school,
                                degree_type, status)
         select v.id, v.user_id, $1, v.pgy, v.entry, v.matriculation, v.expected, v.actual, v.track,
                v.school, v.degree, v.status
         from unnest($2::uuid[], $3::uuid[], $4::int[], $5::int[], $6::date[], $7::date[], $8::date[],
                     $9::text[], $10::text[], $11::text[], $12::text[])
              as v(id, user_id, pgy, entry, matriculation, expected, actual, track, school, degree, status)",
        program.0,
        &ids,
        &users,
        &c.pgy,
        &c.entry,
        &c.matriculation as &[Option<NaiveDate>],
        &c.expected as &[Option<NaiveDate>],
        &c.actual as &[Option<NaiveDate>],
        &c.track as &[Option<&str>],
        &c.school as &[Option<&str>],
        &c.degree as &[Option<&str>],
        &c.status as &[&str]
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn update_residents(
    conn: &mut PgConnection,
    rows: &[(Uuid, StoredResident)],
) -> Result<()> {
    let ids: Vec<Uuid> = rows.iter().map(|(id, _)| *id).collect();
    let c = ResidentColumns::of(rows.iter().map(|(_, r)| r));
    sqlx::query!(
        "update residents r
         set pgy_level = v.pgy, entry_pgy_level = v.entry, matriculation_date = v.matriculation,
             expected_graduation_date = v.expected, actual_graduation_date = v.actual, track = v.track,
             medical_school = v.school, degree_type = v.degree, status = v.status
         from unnest($1::uuid[], $2::int[], $3::int[], $4::date[], $5::date[], $6::date[],
                     $7::text[], $8::text[], $9::text[], $10::text[])
              as v(id, pgy, entry, matriculation, expected, actual, track, school, degree, status)
         where r.id = v.id",
        &ids,
        &c.pgy,
        &c.entry,
        &c.matriculation as &[Option<NaiveDate>],
        &c.expected as &[Option<NaiveDate>],
        &c.actual as &[Option<NaiveDate>],
        &c.track as &[Option<&str>],
        &c.school as &[Option<&str>],
        &c.degree as &[Option<&str>],
        &c.status as &[&str]
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn faculty_of(
    conn: &mut PgConnection,
    program: ProgramId,
    users: Option<&[Uuid]>,
) -> Result<Vec<(Uuid, UserId, StoredFaculty)>> {
    let rows = sqlx::query!(
        r#"select id, user_id as "user_id: UserId", rank, department, specialty, is_core_faculty,
                  teaching_percentage, started_at
           from faculty where program_id = $1 and ($2::uuid[] is null or user_id = any($2))"#,
        program.0,
        users
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.id,
                r.user_id,
                StoredFaculty {
                    rank: r.rank,
                    department: r.department,
                    specialty: r.specialty,
                    is_core_faculty: r.is_core_faculty,
                    teaching_percentage: r.teaching_percentage,
                    started_at: r.started_at,
                },
            )
        })
        .collect())
}

struct FacultyColumns<'a> {
    rank: Vec<Option<&'a str>>,
    department: Vec<Option<&'a str>>,
    specialty: Vec<Option<&'a str>>,
    core: Vec<bool>,
    teaching: Vec<Option<i32>>,
    started: Vec<Option<NaiveDate>>,
}

impl<'a> FacultyColumns<'a> {
    fn of(rows: impl Iterator<Item = &'a StoredFaculty>) -> Self {
        let mut c = FacultyColumns {
            rank: Vec::new(),
            department: Vec::new(),
            specialty: Vec::new(),
            core: Vec::new(),
            teaching: Vec::new(),
            started: Vec::new(),
        };
        for f in rows {
            c.rank.push(f.rank.as_deref());
            c.department.push(f.department.as_deref());
            c.specialty.push(f.specialty.as_deref());
            c.core.push(f.is_core_faculty);
            c.teaching.push(f.teaching_percentage);
            c.started.push(f.started_at);
        }
        c
    }
}

pub async fn insert_faculty(
    conn: &mut PgConnection,
    program: ProgramId,
    rows: &[(UserId, StoredFaculty, NaiveDate)],
) -> Result<()> {
    let ids: Vec<Uuid> = rows.iter().map(|_| Uuid::now_v7()).collect();
    let users: Vec<Uuid> = rows.iter().map(|(u, _, _)| u.0).collect();
    let c = FacultyColumns::of(rows.iter().map(|(_, f, _)| f));
    sqlx::query!(
        "insert into faculty (id, user_id, program_id, rank, department, specialty, is_core_faculty,
                              teaching_percentage, started_at)
         select v.id, v.user_id, $1, v.rank, v.department, v.specialty, v.core, v.teaching, v.started
         from unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::bool[], $8::int[],
                     $9::date[])
              as v(id, user_id, rank, department, specialty, core, teaching, started)",
        program.0,
        &ids,
        &users,
        &c.rank as &[Option<&str>],
        &c.department as &[Option<&str>],
        &c.specialty as &[Option<&str>],
        &c.core,
        &c.teaching as &[Option<i32>],
        &c.started as &[Option<NaiveDate>]
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn update_faculty(conn: &mut PgConnection, rows: &[(Uuid, StoredFaculty)]) -> Result<()> {
    let ids: Vec<Uuid> = rows.iter().map(|(id, _)| *id).collect();
    let c = FacultyColumns::of(rows.iter().map(|(_, f)| f));
    sqlx::query!(
        "update faculty f
         set rank = v.rank, department = v.department, specialty = v.specialty,
             is_core_faculty = v.core, teaching_percentage = v.teaching, started_at = v.started
         from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bool[], $6::int[], $7::date[])
              as v(id, rank, department, specialty, core, teaching, started)
         where f.id = v.id",
        &ids,
        &c.rank as &[Option<&str>],
        &c.department as &[Option<&str>],
        &c.specialty as &[Option<&str>],
        &c.core,
        &c.teaching as &[Option<i32>],
        &c.started as &[Option<NaiveDate>]
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The users behind a program's roster rows, for export.
pub async fn users_by_id(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<StoredUser>> {
    Ok(sqlx::query_as!(
        StoredUser,
        r#"select id as "id: UserId", email::text as "email!", first_name, last_name, phone
           from users where id = any($1) order by last_name, first_name, email"#,
        ids
    )
    .fetch_all(conn)
    .await?)
}
