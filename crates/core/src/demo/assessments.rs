//! The demo's evidence: two past academic years, two years of EPA assessments (a few a week per
//! resident, with narratives and tags, levels growing with training), milestone levels for the
//! four periods before the current one, the CCC meeting of the last completed period with its
//! final reviews, and the current period's meeting, scheduled. Drawn from the seed; dates follow
//! today. A few residents struggle, so the flags have something to say.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::academic::AcademicYear;
use crate::academic::pattern::{BlockPattern, Leftover};
use crate::academic::plan::PlanSpec;
use crate::academic::service::insert_year_with_blocks;
use crate::assessment::reference_store;
use crate::ids::ProgramId;
use crate::{Error, Result};

/// Assessments per resident per four weeks: between these (one or two a week).
const PER_FOUR_WEEKS: (u32, u32) = (2, 8);

const WENT_WELL: [&str; 8] = [
    "Knew the anatomy and said so before we started.",
    "Clear plan, communicated to the whole team.",
    "Efficient and safe; the critical steps were done without prompting.",
    "Good judgement about when to call for help.",
    "Thorough pre-operative workup, consent well explained.",
    "Calm under pressure when the field bled.",
    "Excellent handover, nothing lost overnight.",
    "Took ownership of the post-operative course.",
];
const NEXT_STEPS: [&str; 8] = [
    "Next: lead the closure without coaching.",
    "Next: anticipate the next instrument and step.",
    "Next: tighten the differential before imaging.",
    "Next: more economy of motion with the non-dominant hand.",
    "Next: read up on the variant anatomy we met today.",
    "Next: speak up earlier when the plan needs to change.",
    "Next: keep the family updated without being asked.",
    "Next: document the operative findings the same day.",
];

fn day(y: i32, m: u32, d: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| Error::invalid("date", format!("{y}-{m}-{d} is not a date")))
}

/// Rounds to the nearest half level and keeps it on the scale.
fn half_level(x: f64) -> f64 {
    ((x * 2.0).round() / 2.0).clamp(1.0, 5.0)
}

/// Where a resident's milestones usually stand after `semesters` of training: 1.5 on arrival,
/// Level 3 by the end of PGY-2, about 4.25 at graduation.
fn typical_level(semesters: i32) -> f64 {
    let s = f64::from(semesters);
    if semesters <= 3 {
        1.5 + 0.5 * s
    } else {
        3.0 + 0.21 * (s - 3.0)
    }
}

/// A resident's rotation: first and last day, the assignment, its rotation type and site.
type Rotation = (NaiveDate, NaiveDate, Uuid, Uuid, Option<Uuid>);

struct Resident {
    id: Uuid,
    pgy_now: i32,
    /// Struggling residents sit lower; one of them drops between periods.
    offset: f64,
}

pub(super) async fn write(
    conn: &mut PgConnection,
    seed: u64,
    program: ProgramId,
    current: &AcademicYear,
    today: NaiveDate,
) -> Result<()> {
    reference_store::install_shipped_in(conn).await?;
    let first_year = current.start_date.year();
    // The two years before this one, in the same pattern.
    let mut years = Vec::new();
    for back in [2, 1] {
        let start = day(first_year - back, 7, 1)?;
        let end = day(first_year - back + 1, 6, 30)?;
        let year = insert_year_with_blocks(
            conn,
            program,
            &format!("{}-{}", first_year - back, first_year - back + 1),
            &PlanSpec {
                year_start: start,
                year_end: end,
                pattern: BlockPattern::Fixed {
                    count: 13,
                    days: 28,
                },
                switch_day: None,
                leftover: Leftover::Last,
                split_halves: false,
            },
            false,
        )
        .await?;
        years.push(year);
    }

    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xa55e_55ed);
    let residents: Vec<Resident> = sqlx::query!(
        r#"select r.id, r.pgy_level from residents r join users u on u.id = r.user_id
           where r.program_id = $1 order by r.pgy_level, u.last_name, u.first_name, r.id"#,
        program.0
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .enumerate()
    .map(|(i, r)| Resident {
        id: r.id,
        pgy_now: r.pgy_level,
        offset: if i % 9 == 4 { -0.75 } else { 0.0 },
    })
    .collect();
    let faculty: Vec<Uuid> = sqlx::query_scalar!(
        "select id from faculty where program_id = $1 order by id",
        program.0
    )
    .fetch_all(&mut *conn)
    .await?;
    let set = crate::assessment::epa_store::program_epa_set(conn, program).await?;
    let epas = sqlx::query!(
        r#"select e.id, array(select p.phase from epa_phases p where p.epa_id = e.id order by p.phase) as "phases!",
                  array(select c.id from case_types c where c.epa_id = e.id order by c.code) as "cases!"
           from epas e where e.epa_set_id = $1 order by e.number"#,
        set.0
    )
    .fetch_all(&mut *conn)
    .await?;
    let top = sqlx::query_scalar!(
        r#"select max(level) as "top!" from entrustment_levels where epa_set_id = $1"#,
        set.0
    )
    .fetch_one(&mut *conn)
    .await?;
    let tags = sqlx::query!("select id, category from feedback_tags order by category, name")
        .fetch_all(&mut *conn)
        .await?;
    let strengths: Vec<Uuid> = tags
        .iter()
        .filter(|t| t.category == "strength")
        .map(|t| t.id)
        .collect();
    let gaps: Vec<Uuid> = tags
        .iter()
        .filter(|t| t.category != "strength")
        .map(|t| t.id)
        .collect();
    // This year's rotations, for the context of this year's assessments.
    let mut rotations: HashMap<Uuid, Vec<Rotation>> = HashMap::new();
    for a in sqlx::query!(
        "select a.id, a.resident_id, a.rotation_type_id, a.clinical_site_id, a.start_date, a.end_date
         from rotation_assignments a join blocks b on b.id = a.block_id where b.academic_year_id = $1",
        current.id.0
    )
    .fetch_all(&mut *conn)
    .await?
    {
        rotations.entry(a.resident_id).or_default().push((
            a.start_date,
            a.end_date,
            a.id,
            a.rotation_type_id,
            a.clinical_site_id,
        ));
    }

    // ---- EPA assessments, two years up to yesterday ----
    let since = today - Days::new(730);
    let mut rows = AssessmentRows::default();
    for r in &residents {
        let mut week_start = since;
        while week_start < today {
            // The resident's PGY in the academic year of that week.
            let year_of = if week_start.month() >= 7 {
                week_start.year()
            } else {
                week_start.year() - 1
            };
            let pgy = r.pgy_now - (first_year - year_of);
            let n = if pgy >= 1 {
                rng.random_range(PER_FOUR_WEEKS.0..=PER_FOUR_WEEKS.1)
            } else {
                0
            };
            for _ in 0..n {
                let on = week_start + Days::new(rng.random_range(0..28));
                if on >= today {
                    continue;
                }
                let epa = &epas[rng.random_range(0..epas.len())];
                let months_in = f64::from((pgy - 1) * 12) + f64::from((on.month() + 5) % 12);
                let mean = 1.0 + months_in / 60.0 * f64::from(top - 1) + r.offset;
                let level = (mean + rng.random_range(-0.8..0.8))
                    .round()
                    .clamp(1.0, f64::from(top)) as i32;
                let context = rotations
                    .get(&r.id)
                    .and_then(|list| list.iter().find(|(s, e, ..)| *s <= on && on <= *e));
                rows.push(AssessmentRow {
                    resident: r.id,
                    assessor: faculty[rng.random_range(0..faculty.len())],
                    epa: epa.id,
                    phase: epa.phases[rng.random_range(0..epa.phases.len())].clone(),
                    on,
                    submitted: on + Days::new(rng.random_range(0..6)),
                    level,
                    assignment: context.map(|c| c.2),
                    rotation_type: context.map(|c| c.3),
                    site: context.and_then(|c| c.4),
                    case_type: (!epa.cases.is_empty() && rng.random_bool(0.7))
                        .then(|| epa.cases[rng.random_range(0..epa.cases.len())]),
                    narrative: format!(
                        "{} {}",
                        WENT_WELL[rng.random_range(0..WENT_WELL.len())],
                        NEXT_STEPS[rng.random_range(0..NEXT_STEPS.len())]
                    ),
                    acknowledged: rng.random_bool(0.7),
                    went_well: rng
                        .random_bool(0.6)
                        .then(|| strengths[rng.random_range(0..strengths.len())]),
                    needs_work: rng
                        .random_bool(0.4)
                        .then(|| gaps[rng.random_range(0..gaps.len())]),
                });
            }
            week_start = week_start + Days::new(28);
        }
    }
    rows.write(conn, set.0, today).await?;

    // ---- milestone levels for the four periods before this one ----
    let milestone_set =
        crate::assessment::milestone_store::program_milestone_set(conn, program).await?;
    let subs: Vec<Uuid> = sqlx::query_scalar!(
        "select id from subcompetencies where milestone_set_id = $1 order by display_order",
        milestone_set.0
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut levels = LevelRows::default();
    for (k, year) in years.iter().enumerate() {
        let back = 2 - k as i32;
        for (t, term) in ["fall", "spring"].into_iter().enumerate() {
            for r in &residents {
                let pgy = r.pgy_now - back;
                if pgy < 1 {
                    continue;
                }
                let semesters = (pgy - 1) * 2 + t as i32;
                // The struggling resident of the last period slips in one subcompetency.
                let slips = r.offset < 0.0 && back == 1 && t == 1;
                for (j, sub) in subs.iter().enumerate() {
                    let not_yet = semesters == 0 && j < 3 && rng.random_bool(0.3);
                    let mut level = half_level(
                        typical_level(semesters) + r.offset + rng.random_range(-0.3..0.3),
                    );
                    if slips && j == 1 {
                        level = (level - 1.0).max(1.0);
                    }
                    levels.push(r.id, *sub, year.id.0, term, (!not_yet).then_some(level));
                }
            }
        }
    }
    levels.write(conn).await?;

    // ---- the last completed period's meeting, and this period's ----
    write_meetings(
        conn, &mut rng, program, &years[1], current, today, &residents,
    )
    .await
}

#[derive(Default)]
struct AssessmentRows(Vec<AssessmentRow>);

struct AssessmentRow {
    resident: Uuid,
    assessor: Uuid,
    epa: Uuid,
    phase: String,
    on: NaiveDate,
    submitted: NaiveDate,
    level: i32,
    assignment: Option<Uuid>,
    rotation_type: Option<Uuid>,
    site: Option<Uuid>,
    case_type: Option<Uuid>,
    narrative: String,
    acknowledged: bool,
    went_well: Option<Uuid>,
    needs_work: Option<Uuid>,
}

impl AssessmentRows {
    fn push(&mut self, row: AssessmentRow) {
        self.0.push(row);
    }

    /// One statement for the assessments, one for their tags.
    async fn write(self, conn: &mut PgConnection, set: Uuid, today: NaiveDate) -> Result<()> {
        let rows = self.0;
        let ids: Vec<Uuid> = rows.iter().map(|_| Uuid::now_v7()).collect();
        let col = |f: fn(&AssessmentRow) -> Uuid| rows.iter().map(f).collect::<Vec<_>>();
        let opt = |f: fn(&AssessmentRow) -> Option<Uuid>| rows.iter().map(f).collect::<Vec<_>>();
        let (residents, assessors, epas) =
            (col(|r| r.resident), col(|r| r.assessor), col(|r| r.epa));
        let phases: Vec<String> = rows.iter().map(|r| r.phase.clone()).collect();
        let days: Vec<NaiveDate> = rows.iter().map(|r| r.on).collect();
        let submitted: Vec<NaiveDate> = rows.iter().map(|r| r.submitted.min(today)).collect();
        let levels: Vec<i32> = rows.iter().map(|r| r.level).collect();
        let (assignments, types, sites, cases) = (
            opt(|r| r.assignment),
            opt(|r| r.rotation_type),
            opt(|r| r.site),
            opt(|r| r.case_type),
        );
        let narratives: Vec<String> = rows.iter().map(|r| r.narrative.clone()).collect();
        let acknowledged: Vec<bool> = rows.iter().map(|r| r.acknowledged).collect();
        sqlx::query!(
            r#"insert into epa_assessments
                 (id, resident_id, assessor_id, epa_id, epa_set_id, phase, assessed_on, submitted_at,
                  entrustment_level, rotation_assignment_id, rotation_type_id, clinical_site_id, case_type_id,
                  location_type, narrative, entry_method, acknowledged_at)
               select i, r, a, e, $5, p, d, s::timestamptz + interval '18 hours', l, ra, rt, cs, ct,
                      case when p = 'intraoperative' then 'operating_room' else 'clinic' end, n,
                      'web', case when k then s::timestamptz + interval '2 days' end
               from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $6::text[], $7::date[], $8::date[],
                           $9::int[], $10::uuid[], $11::uuid[], $12::uuid[], $13::uuid[], $14::text[], $15::bool[])
                    as t(i, r, a, e, p, d, s, l, ra, rt, cs, ct, n, k)"#,
            &ids,
            &residents,
            &assessors,
            &epas,
            set,
            &phases,
            &days,
            &submitted,
            &levels,
            &assignments as &[Option<Uuid>],
            &types as &[Option<Uuid>],
            &sites as &[Option<Uuid>],
            &cases as &[Option<Uuid>],
            &narratives,
            &acknowledged
        )
        .execute(&mut *conn)
        .await?;
        let mut tag_assessments = Vec::new();
        let mut tag_ids = Vec::new();
        let mut kinds = Vec::new();
        for (id, row) in ids.iter().zip(&rows) {
            for (tag, kind) in [(row.went_well, "went_well"), (row.needs_work, "needs_work")] {
                if let Some(tag) = tag {
                    tag_assessments.push(*id);
                    tag_ids.push(tag);
                    kinds.push(kind.to_string());
                }
            }
        }
        let row_ids: Vec<Uuid> = tag_ids.iter().map(|_| Uuid::now_v7()).collect();
        sqlx::query!(
            r#"insert into epa_assessment_tags (id, epa_assessment_id, feedback_tag_id, tag_type)
               select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[])"#,
            &row_ids,
            &tag_assessments,
            &tag_ids,
            &kinds
        )
        .execute(conn)
        .await?;
        Ok(())
    }
}

#[derive(Default)]
struct LevelRows {
    residents: Vec<Uuid>,
    subs: Vec<Uuid>,
    years: Vec<Uuid>,
    terms: Vec<String>,
    levels: Vec<Option<f64>>,
}

impl LevelRows {
    fn push(&mut self, resident: Uuid, sub: Uuid, year: Uuid, term: &str, level: Option<f64>) {
        self.residents.push(resident);
        self.subs.push(sub);
        self.years.push(year);
        self.terms.push(term.to_string());
        self.levels.push(level);
    }

    async fn write(self, conn: &mut PgConnection) -> Result<()> {
        let ids: Vec<Uuid> = self.residents.iter().map(|_| Uuid::now_v7()).collect();
        sqlx::query!(
            r#"insert into milestone_assessments
                 (id, resident_id, subcompetency_id, academic_year_id, term, level, not_yet_assessable, assessed_on)
               select i, r, s, y, t, l::numeric(2, 1), l is null,
                      case when t = 'fall' then make_date(extract(year from ay.start_date)::int, 12, 15)
                           else make_date(extract(year from ay.end_date)::int, 6, 10) end
               from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::float8[])
                    as x(i, r, s, y, t, l)
               join academic_years ay on ay.id = x.y"#,
            &ids,
            &self.residents,
            &self.subs,
            &self.years,
            &self.terms,
            &self.levels as &[Option<f64>]
        )
        .execute(conn)
        .await?;
        Ok(())
    }
}

/// The committee: its chair and members, from their roles.
async fn committee(conn: &mut PgConnection, program: ProgramId) -> Result<(Uuid, Vec<Uuid>)> {
    let rows = sqlx::query!(
        r#"select f.id, m.role from faculty f
           join program_memberships m on m.user_id = f.user_id and m.program_id = f.program_id
           where f.program_id = $1 and m.role in ('ccc_chair', 'ccc_member') order by m.role, f.id"#,
        program.0
    )
    .fetch_all(conn)
    .await?;
    let chair = rows
        .iter()
        .find(|r| r.role == "ccc_chair")
        .map(|r| r.id)
        .ok_or_else(|| Error::not_found("The demo's CCC chair"))?;
    Ok((chair, rows.iter().map(|r| r.id).collect()))
}

async fn write_meetings(
    conn: &mut PgConnection,
    rng: &mut ChaCha8Rng,
    program: ProgramId,
    last_year: &AcademicYear,
    current: &AcademicYear,
    today: NaiveDate,
    residents: &[Resident],
) -> Result<()> {
    let (chair, members) = committee(conn, program).await?;
    // Last spring's meeting, completed: a final review for everyone who was in training then.
    let past = Uuid::now_v7();
    let held = day(last_year.end_date.year(), 6, 10)?;
    insert_meeting(
        conn,
        past,
        program,
        last_year.id.0,
        "spring",
        held,
        chair,
        "completed",
    )
    .await?;
    let reviewed: Vec<&Resident> = residents.iter().filter(|r| r.pgy_now >= 2).collect();
    add_people(
        conn,
        past,
        &members,
        &reviewed.iter().map(|r| r.id).collect::<Vec<_>>(),
    )
    .await?;
    for r in reviewed {
        let struggling = r.offset < 0.0;
        let review = Uuid::now_v7();
        let (recommendation, performance) = if struggling {
            ("promote_with_conditions", "below_expectations")
        } else if rng.random_bool(0.2) {
            ("promote", "exceeds_expectations")
        } else {
            ("promote", "meets_expectations")
        };
        sqlx::query!(
            "insert into ccc_resident_reviews
               (id, meeting_id, resident_id, overall_performance, recommendation, strengths,
                areas_for_improvement, requires_remediation, remediation_plan)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            review,
            past,
            r.id,
            performance,
            recommendation,
            WENT_WELL[rng.random_range(0..WENT_WELL.len())],
            NEXT_STEPS[rng.random_range(0..NEXT_STEPS.len())].trim_start_matches("Next: "),
            struggling,
            struggling.then_some("Fortnightly meetings with the associate program director; simulation for the skills below Level 3; review at the fall CCC.")
        )
        .execute(&mut *conn)
        .await?;
        sqlx::query!(
            "insert into ccc_review_levels (id, review_id, subcompetency_id, level, not_yet_assessable)
             select gen_random_uuid(), $1, m.subcompetency_id, m.level, m.not_yet_assessable
             from milestone_assessments m
             where m.resident_id = $2 and m.academic_year_id = $3 and m.term = 'spring' and m.deleted_at is null",
            review,
            r.id,
            last_year.id.0
        )
        .execute(&mut *conn)
        .await?;
        sqlx::query!(
            "update ccc_resident_reviews set status = 'final', finalized_at = $2::date + time '17:00', finalized_by = 'demo:ccc-chair'
             where id = $1",
            review,
            held
        )
        .execute(&mut *conn)
        .await?;
    }
    // This period's meeting, two weeks ahead.
    let term = if today.month() >= 7 { "fall" } else { "spring" };
    let next = Uuid::now_v7();
    insert_meeting(
        conn,
        next,
        program,
        current.id.0,
        term,
        today + Days::new(14),
        chair,
        "scheduled",
    )
    .await?;
    let active: Vec<Uuid> = sqlx::query_scalar!(
        "select r.id from residents r join users u on u.id = r.user_id
         where r.program_id = $1 and r.status not in ('completed', 'withdrawn')
         order by r.pgy_level, u.last_name, u.first_name, r.id",
        program.0
    )
    .fetch_all(&mut *conn)
    .await?;
    add_people(conn, next, &members, &active).await
}

#[allow(clippy::too_many_arguments)]
async fn insert_meeting(
    conn: &mut PgConnection,
    id: Uuid,
    program: ProgramId,
    year: Uuid,
    term: &str,
    on: NaiveDate,
    chair: Uuid,
    status: &str,
) -> Result<()> {
    sqlx::query!(
        "insert into ccc_meetings (id, program_id, academic_year_id, term, meeting_date, chair_id, status)
         values ($1, $2, $3, $4, $5, $6, $7)",
        id,
        program.0,
        year,
        term,
        on,
        chair,
        status
    )
    .execute(conn)
    .await?;
    Ok(())
}

async fn add_people(
    conn: &mut PgConnection,
    meeting: Uuid,
    members: &[Uuid],
    residents: &[Uuid],
) -> Result<()> {
    sqlx::query!(
        "insert into ccc_attendees (id, meeting_id, faculty_id)
         select gen_random_uuid(), $1, f from unnest($2::uuid[]) as f",
        meeting,
        members
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into ccc_agenda_items (id, meeting_id, resident_id, position)
         select gen_random_uuid(), $1, r, n::int from unnest($2::uuid[]) with ordinality as x(r, n)",
        meeting,
        residents
    )
    .execute(conn)
    .await?;
    Ok(())
}
