//! CCC meetings and reviews in the database. Every change is one transaction, audited by the
//! triggers; the database itself refuses any change to a final review or its levels.

use sqlx::PgConnection;
use uuid::Uuid;

use super::review::{self, DecidedLevel, Review, ReviewInput};
use super::{AgendaItem, Meeting, MeetingInput, MeetingStatus, Member, warnings};
use crate::assessment::milestone::{PeriodName, Rating, Term};
use crate::assessment::milestone_store;
use crate::db::{self, Actor, PgPool};
use crate::ids::{AcademicYearId, FacultyId, ProgramId, ResidentId, SubcompetencyId};
use crate::{Error, Result, input};

async fn check_faculty(
    conn: &mut PgConnection,
    program: ProgramId,
    ids: &[FacultyId],
    field: &'static str,
) -> Result<()> {
    let raw: Vec<Uuid> = ids.iter().map(|f| f.0).collect();
    let known = sqlx::query_scalar!(
        r#"select count(*) as "n!" from faculty where program_id = $1 and id = any($2)"#,
        program.0,
        &raw
    )
    .fetch_one(conn)
    .await?;
    let distinct: std::collections::HashSet<_> = ids.iter().collect();
    if known as usize != distinct.len() {
        return Err(Error::invalid(
            field,
            "Everyone on the committee must be on this program's faculty",
        ));
    }
    Ok(())
}

/// Schedules a meeting; its agenda starts as every active resident, by PGY and name.
pub async fn create_meeting(pool: &PgPool, actor: &Actor, input: &MeetingInput) -> Result<Meeting> {
    let name = PeriodName::parse("period", &input.period)?;
    let date = input::date("meetingDate", "The meeting date", &input.meeting_date)?;
    let mut tx = db::begin(pool, actor).await?;
    let period = milestone_store::period(&mut tx, input.program_id, &name).await?;
    let mut members = input.attendee_ids.clone();
    if let Some(chair) = input.chair_id
        && !members.contains(&chair)
    {
        members.insert(0, chair);
    }
    check_faculty(&mut tx, input.program_id, &members, "attendeeIds").await?;
    let id = Uuid::now_v7();
    sqlx::query!(
        "insert into ccc_meetings (id, program_id, academic_year_id, term, meeting_date, chair_id)
         values ($1, $2, $3, $4, $5, $6)",
        id,
        input.program_id.0,
        period.year_id.0,
        name.term.as_str(),
        date,
        input.chair_id.map(|c| c.0)
    )
    .execute(&mut *tx)
    .await?;
    write_attendees(&mut tx, id, &members).await?;
    sqlx::query!(
        r#"insert into ccc_agenda_items (id, meeting_id, resident_id, position)
           select gen_random_uuid(), $1, r.id, row_number() over (order by r.pgy_level, u.last_name, u.first_name, r.id)
           from residents r join users u on u.id = r.user_id
           where r.program_id = $2 and r.status not in ('completed', 'withdrawn')"#,
        id,
        input.program_id.0
    )
    .execute(&mut *tx)
    .await?;
    let out = meeting_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(out)
}

async fn write_attendees(
    conn: &mut PgConnection,
    meeting: Uuid,
    members: &[FacultyId],
) -> Result<()> {
    let ids: Vec<Uuid> = members.iter().map(|f| f.0).collect();
    sqlx::query!(
        "delete from ccc_attendees where meeting_id = $1 and not (faculty_id = any($2))",
        meeting,
        &ids
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        r#"insert into ccc_attendees (id, meeting_id, faculty_id)
           select gen_random_uuid(), $1, f from unnest($2::uuid[]) as f
           on conflict (meeting_id, faculty_id) do nothing"#,
        meeting,
        &ids
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The program's active faculty, who may chair or sit on the committee.
pub async fn faculty(
    pool: &PgPool,
    program: ProgramId,
) -> Result<Vec<crate::schedule::grid::FacultyLabel>> {
    let mut conn = pool.acquire().await?;
    crate::schedule::store::faculty_labels(&mut conn, program).await
}

/// Changes who was present.
pub async fn set_attendees(
    pool: &PgPool,
    actor: &Actor,
    meeting: Uuid,
    members: &[FacultyId],
) -> Result<Meeting> {
    let mut tx = db::begin(pool, actor).await?;
    let program = program_of(&mut tx, meeting).await?;
    check_faculty(&mut tx, program, members, "attendeeIds").await?;
    write_attendees(&mut tx, meeting, members).await?;
    let out = meeting_in(&mut tx, meeting).await?;
    tx.commit().await?;
    Ok(out)
}

async fn program_of(conn: &mut PgConnection, meeting: Uuid) -> Result<ProgramId> {
    sqlx::query_scalar!(
        r#"select program_id as "id: ProgramId" from ccc_meetings where id = $1"#,
        meeting
    )
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| Error::not_found("The meeting"))
}

/// Moves the meeting on (scheduled → in progress → completed).
pub async fn set_status(
    pool: &PgPool,
    actor: &Actor,
    meeting: Uuid,
    version: i32,
    next: MeetingStatus,
) -> Result<Meeting> {
    let mut tx = db::begin(pool, actor).await?;
    let now = meeting_in(&mut tx, meeting).await?;
    if now.version != version {
        return Err(Error::stale("The meeting"));
    }
    if !now.status.can_become(next) {
        return Err(Error::invalid(
            "status",
            format!(
                "A {} meeting cannot become {}",
                now.status.as_str().replace('_', " "),
                next.as_str().replace('_', " ")
            ),
        ));
    }
    sqlx::query!(
        "update ccc_meetings set status = $2 where id = $1",
        meeting,
        next.as_str()
    )
    .execute(&mut *tx)
    .await?;
    let out = meeting_in(&mut tx, meeting).await?;
    tx.commit().await?;
    Ok(out)
}

/// The chair reorders the agenda: `order` names every resident on it, in the new order.
pub async fn reorder_agenda(
    pool: &PgPool,
    actor: &Actor,
    meeting: Uuid,
    order: &[ResidentId],
) -> Result<Meeting> {
    let mut tx = db::begin(pool, actor).await?;
    let now = meeting_in(&mut tx, meeting).await?;
    let mut on: Vec<ResidentId> = now.agenda.iter().map(|a| a.resident_id).collect();
    let mut given = order.to_vec();
    on.sort();
    given.sort();
    if on != given {
        return Err(Error::invalid(
            "order",
            "The new order must name every resident on the agenda once",
        ));
    }
    let ids: Vec<Uuid> = order.iter().map(|r| r.0).collect();
    sqlx::query!(
        r#"update ccc_agenda_items a set position = o.position::int
           from unnest($2::uuid[]) with ordinality as o(resident_id, position)
           where a.meeting_id = $1 and a.resident_id = o.resident_id and a.position <> o.position"#,
        meeting,
        &ids
    )
    .execute(&mut *tx)
    .await?;
    let out = meeting_in(&mut tx, meeting).await?;
    tx.commit().await?;
    Ok(out)
}

pub async fn meeting(pool: &PgPool, id: Uuid) -> Result<Meeting> {
    let mut conn = pool.acquire().await?;
    meeting_in(&mut conn, id).await
}

/// A program's meetings, newest first.
pub async fn meetings(pool: &PgPool, program: ProgramId) -> Result<Vec<Meeting>> {
    let mut conn = pool.acquire().await?;
    let ids = sqlx::query_scalar!(
        "select id from ccc_meetings where program_id = $1 order by meeting_date desc, id desc",
        program.0
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.push(meeting_in(&mut conn, id).await?);
    }
    Ok(out)
}

pub(crate) async fn meeting_in(conn: &mut PgConnection, id: Uuid) -> Result<Meeting> {
    let m = sqlx::query!(
        r#"select m.program_id as "program_id: ProgramId", m.academic_year_id as "year_id: AcademicYearId",
                  y.name as year_name, m.term, m.meeting_date, m.status, m.version,
                  m.chair_id as "chair_id?: FacultyId",
                  cu.first_name || ' ' || cu.last_name as "chair_name?"
           from ccc_meetings m join academic_years y on y.id = m.academic_year_id
           left join faculty c on c.id = m.chair_id left join users cu on cu.id = c.user_id
           where m.id = $1"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| Error::not_found("The meeting"))?;
    let attendees = sqlx::query!(
        r#"select f.id as "id: FacultyId", u.first_name || ' ' || u.last_name as "name!"
           from ccc_attendees a join faculty f on f.id = a.faculty_id join users u on u.id = f.user_id
           where a.meeting_id = $1 order by u.last_name, u.first_name"#,
        id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| Member {
        id: r.id,
        name: r.name,
    })
    .collect::<Vec<_>>();
    let back =
        crate::assessment::milestone_store::years_back(conn, m.program_id, m.year_id).await?;
    let agenda = sqlx::query!(
        r#"select a.position, a.resident_id as "resident_id: ResidentId",
                  u.first_name || ' ' || u.last_name as "name!", r.pgy_level,
                  (select v.status from ccc_resident_reviews v
                    where v.meeting_id = a.meeting_id and v.resident_id = a.resident_id
                    order by v.created_at desc limit 1) as review_status
           from ccc_agenda_items a join residents r on r.id = a.resident_id join users u on u.id = r.user_id
           where a.meeting_id = $1 order by a.position"#,
        id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| AgendaItem {
        position: r.position,
        resident_id: r.resident_id,
        name: r.name,
        pgy: (r.pgy_level - back).max(1),
        review_status: r.review_status,
    })
    .collect();
    let chair = match (m.chair_id, m.chair_name) {
        (Some(id), Some(name)) => Some(Member { id, name }),
        _ => None,
    };
    let term = Term::parse(&m.term)
        .ok_or_else(|| Error::invalid("term", format!("'{}' is not a term", m.term)))?;
    Ok(Meeting {
        id,
        program_id: m.program_id,
        year_id: m.year_id,
        period: PeriodName {
            year: m.year_name,
            term,
        },
        meeting_date: m.meeting_date,
        warnings: warnings(chair.as_ref(), &attendees),
        chair,
        attendees,
        status: MeetingStatus::parse(&m.status)?,
        agenda,
        version: m.version,
    })
}

// ---- reviews ----

/// The resident's current review at a meeting: the newest of the original and its amendments.
async fn current_review_id(
    conn: &mut PgConnection,
    meeting: Uuid,
    resident: ResidentId,
) -> Result<Option<Uuid>> {
    Ok(sqlx::query_scalar!(
        "select id from ccc_resident_reviews where meeting_id = $1 and resident_id = $2
         order by created_at desc, id desc limit 1",
        meeting,
        resident.0
    )
    .fetch_optional(conn)
    .await?)
}

/// Saves a draft review (creating it on first save). `version` is what the user saw (None: no
/// review yet).
pub async fn save_draft(
    pool: &PgPool,
    actor: &Actor,
    meeting: Uuid,
    resident: ResidentId,
    version: Option<i32>,
    input: &ReviewInput,
) -> Result<Review> {
    let v = review::validate_draft(input)?;
    let mut tx = db::begin(pool, actor).await?;
    let on_agenda = sqlx::query_scalar!(
        r#"select exists (select 1 from ccc_agenda_items where meeting_id = $1 and resident_id = $2) as "yes!""#,
        meeting,
        resident.0
    )
    .fetch_one(&mut *tx)
    .await?;
    if !on_agenda {
        return Err(Error::invalid(
            "residentId",
            "That resident is not on this meeting's agenda",
        ));
    }
    let current = current_review_id(&mut tx, meeting, resident).await?;
    let id = match (current, version) {
        (None, None) => {
            let id = Uuid::now_v7();
            sqlx::query!(
                "insert into ccc_resident_reviews (id, meeting_id, resident_id) values ($1, $2, $3)",
                id,
                meeting,
                resident.0
            )
            .execute(&mut *tx)
            .await?;
            id
        }
        (Some(id), Some(seen)) => {
            let now = review_in(&mut tx, id).await?;
            if now.version != seen {
                return Err(Error::stale("The review"));
            }
            if now.status == "final" {
                return Err(Error::conflict(
                    "This review is final and cannot change; open an amendment to correct it",
                ));
            }
            id
        }
        _ => return Err(Error::stale("The review")),
    };
    sqlx::query!(
        "update ccc_resident_reviews
         set overall_performance = $2, recommendation = $3, strengths = $4, areas_for_improvement = $5,
             requires_remediation = $6, remediation_plan = $7
         where id = $1",
        id,
        v.overall_performance,
        v.recommendation,
        v.strengths,
        v.areas_for_improvement,
        v.requires_remediation,
        v.remediation_plan
    )
    .execute(&mut *tx)
    .await?;
    let out = review_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(out)
}

/// Makes a draft final: checks it is complete, records the resident's milestone levels for the
/// meeting's period with it, and from then on nothing about it changes.
pub async fn finalize(
    pool: &PgPool,
    actor: &Actor,
    review_id: Uuid,
    version: i32,
) -> Result<Review> {
    let mut tx = db::begin(pool, actor).await?;
    let now = review_in(&mut tx, review_id).await?;
    if now.version != version {
        return Err(Error::stale("The review"));
    }
    if now.status == "final" {
        return Err(Error::conflict("This review is already final"));
    }
    review::check_final(&review::ValidReview {
        overall_performance: now.overall_performance.clone(),
        recommendation: now.recommendation.clone(),
        strengths: now.strengths.clone(),
        areas_for_improvement: now.areas_for_improvement.clone(),
        requires_remediation: now.requires_remediation,
        remediation_plan: now.remediation_plan.clone(),
    })?;
    let meeting = meeting_in(&mut tx, now.meeting_id).await?;
    let set = milestone_store::program_milestone_set(&mut tx, meeting.program_id).await?;
    sqlx::query!(
        r#"insert into ccc_review_levels (id, review_id, subcompetency_id, level, not_yet_assessable, rationale)
           select gen_random_uuid(), $1, m.subcompetency_id, m.level, m.not_yet_assessable, m.rationale
           from milestone_assessments m join subcompetencies s on s.id = m.subcompetency_id
           where s.milestone_set_id = $2 and m.resident_id = $3 and m.academic_year_id = $4 and m.term = $5
             and m.deleted_at is null"#,
        review_id,
        set.0,
        now.resident_id.0,
        meeting.year_id.0,
        meeting.period.term.as_str()
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "update ccc_resident_reviews set status = 'final', finalized_at = clock_timestamp(), finalized_by = $2
         where id = $1",
        review_id,
        actor.as_str()
    )
    .execute(&mut *tx)
    .await?;
    let out = review_in(&mut tx, review_id).await?;
    tx.commit().await?;
    Ok(out)
}

/// Opens an amendment of a final review: a new draft that starts from it and says why. The final
/// review stays as it was; the resident's levels for the period may change again until the
/// amendment is final.
pub async fn amend(pool: &PgPool, actor: &Actor, review_id: Uuid, reason: &str) -> Result<Review> {
    let reason = input::text("reason", "The reason for the amendment", reason, 1000)?;
    let mut tx = db::begin(pool, actor).await?;
    let now = review_in(&mut tx, review_id).await?;
    if now.status != "final" {
        return Err(Error::conflict(
            "Only a final review is amended; a draft can simply be edited",
        ));
    }
    let id = Uuid::now_v7();
    sqlx::query!(
        "insert into ccc_resident_reviews
           (id, meeting_id, resident_id, overall_performance, recommendation, strengths, areas_for_improvement,
            requires_remediation, remediation_plan, amends_review_id, amendment_reason)
         select $1, meeting_id, resident_id, overall_performance, recommendation, strengths, areas_for_improvement,
                requires_remediation, remediation_plan, id, $3
         from ccc_resident_reviews where id = $2",
        id,
        review_id,
        reason
    )
    .execute(&mut *tx)
    .await
    .map_err(|e| match e {
        sqlx::Error::Database(d) if d.is_unique_violation() => {
            Error::conflict("This review already has an amendment; amend that one instead")
        }
        other => other.into(),
    })?;
    let out = review_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(out)
}

/// The resident's current review at a meeting, if any.
pub async fn review_of(
    pool: &PgPool,
    meeting: Uuid,
    resident: ResidentId,
) -> Result<Option<Review>> {
    let mut conn = pool.acquire().await?;
    match current_review_id(&mut conn, meeting, resident).await? {
        Some(id) => Ok(Some(review_in(&mut conn, id).await?)),
        None => Ok(None),
    }
}

pub async fn review(pool: &PgPool, id: Uuid) -> Result<Review> {
    let mut conn = pool.acquire().await?;
    review_in(&mut conn, id).await
}

async fn review_in(conn: &mut PgConnection, id: Uuid) -> Result<Review> {
    let r = sqlx::query!(
        r#"select meeting_id, resident_id as "resident_id: ResidentId", status, overall_performance,
                  recommendation, strengths, areas_for_improvement, requires_remediation, remediation_plan,
                  amends_review_id, amendment_reason, finalized_by, version
           from ccc_resident_reviews where id = $1"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| Error::not_found("The review"))?;
    let levels = sqlx::query!(
        r#"select l.subcompetency_id as "subcompetency_id: SubcompetencyId", s.code,
                  l.level::float8 as level, l.not_yet_assessable
           from ccc_review_levels l join subcompetencies s on s.id = l.subcompetency_id
           join ref_competencies c on c.code = s.competency_code
           where l.review_id = $1 order by c.display_order, s.display_order"#,
        id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    // A recorded level is a level or not yet assessable (the table's check).
    .filter_map(|l| {
        Some(DecidedLevel {
            rating: Rating::from_row(l.level, l.not_yet_assessable)?,
            subcompetency_id: l.subcompetency_id,
            code: l.code,
        })
    })
    .collect();
    Ok(Review {
        id,
        meeting_id: r.meeting_id,
        resident_id: r.resident_id,
        status: r.status,
        overall_performance: r.overall_performance,
        recommendation: r.recommendation,
        strengths: r.strengths,
        areas_for_improvement: r.areas_for_improvement,
        requires_remediation: r.requires_remediation,
        remediation_plan: r.remediation_plan,
        amends_review_id: r.amends_review_id,
        amendment_reason: r.amendment_reason,
        finalized_by: r.finalized_by,
        levels,
        version: r.version,
    })
}

/// The names of the residents a meeting reviewed (a final review), in agenda order, for the minutes.
pub async fn reviewed(pool: &PgPool, meeting: Uuid) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar!(
        r#"select u.first_name || ' ' || u.last_name as "name!"
           from ccc_agenda_items a join residents r on r.id = a.resident_id join users u on u.id = r.user_id
           where a.meeting_id = $1
             and exists (select 1 from ccc_resident_reviews v
                         where v.meeting_id = a.meeting_id and v.resident_id = a.resident_id and v.status = 'final')
           order by a.position"#,
        meeting
    )
    .fetch_all(pool)
    .await?)
}
