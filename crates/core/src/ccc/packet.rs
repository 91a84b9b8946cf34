//! The meeting packet from the database: every resident on the agenda with their rotations this
//! year, EPA evidence up to the meeting, milestone history, recent comments, flags and last review — read in a
//! handful of queries for the whole agenda, not per resident — then laid out as a PDF.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use uuid::Uuid;

use super::flags_store;
use super::store::meeting_in;
use crate::academic::calendar_export::{ExportProgress, ExportedFile, render_and_write};
use crate::assessment::milestone::{PeriodName, Term};
use crate::db::PgPool;
use crate::ids::{ProgramId, ResidentId};
use crate::reports::packet;
use crate::reports::packet::{
    Comment, EpaSummary, PacketDocument, PacketResident, PacketRotation, Trajectory,
};
use crate::{Error, Result};

/// Comments shown per resident, newest first.
const COMMENTS: i64 = 4;
/// Periods the milestone charts cover, ending with the meeting's.
const PERIODS: usize = 5;

/// The meeting of a program's period (the latest, if there were several).
pub async fn meeting_of(pool: &PgPool, program: ProgramId, period: &PeriodName) -> Result<Uuid> {
    sqlx::query_scalar!(
        "select m.id from ccc_meetings m join academic_years y on y.id = m.academic_year_id
         where m.program_id = $1 and y.name = $2 and m.term = $3
         order by m.meeting_date desc, m.id desc limit 1",
        program.0,
        period.year,
        period.term.as_str()
    )
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| Error::not_found(format!("A CCC meeting for {period}")))
}

/// Everything the packet shows, read for the whole agenda at once.
pub async fn document(
    pool: &PgPool,
    meeting: Uuid,
    today: NaiveDate,
    generated_at: String,
) -> Result<PacketDocument> {
    let mut conn = pool.acquire().await?;
    let m = meeting_in(&mut conn, meeting).await?;
    let program = sqlx::query!(
        "select code::text as \"code!\", name from programs where id = $1",
        m.program_id.0
    )
    .fetch_one(&mut *conn)
    .await?;
    let ids: Vec<Uuid> = m.agenda.iter().map(|a| a.resident_id.0).collect();
    let statuses: HashMap<Uuid, String> =
        sqlx::query!("select id, status from residents where id = any($1)", &ids)
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .map(|r| (r.id, r.status))
            .collect();

    let mut rotations: HashMap<Uuid, Vec<PacketRotation>> = HashMap::new();
    for r in sqlx::query!(
        r#"select a.resident_id, b.name as block, t.code::text as "code!", a.start_date, a.end_date
           from rotation_assignments a join blocks b on b.id = a.block_id
           join rotation_types t on t.id = a.rotation_type_id
           where b.academic_year_id = $1 and a.resident_id = any($2)
           order by a.start_date"#,
        m.year_id.0,
        &ids
    )
    .fetch_all(&mut *conn)
    .await?
    {
        rotations
            .entry(r.resident_id)
            .or_default()
            .push(PacketRotation {
                block: r.block.replace("Block ", "B"),
                code: r.code,
                start: r.start_date,
                end: r.end_date,
            });
    }

    // EPA evidence: every assessment of the agenda's residents, summarised per EPA.
    let set = crate::assessment::epa_store::program_epa_set(&mut conn, m.program_id).await?;
    let scale_top = sqlx::query_scalar!(
        r#"select coalesce(max(level), 5) as "top!" from entrustment_levels where epa_set_id = $1"#,
        set.0
    )
    .fetch_one(&mut *conn)
    .await?;
    let mut epas: HashMap<Uuid, Vec<(i32, String, Vec<i32>)>> = HashMap::new();
    for r in sqlx::query!(
        r#"select a.resident_id, e.number, e.short_name,
                  array_agg(a.entrustment_level order by a.assessed_on, a.submitted_at) as "levels!"
           from epa_assessments a join epas e on e.id = a.epa_id
           where a.resident_id = any($1) and a.deleted_at is null and a.assessed_on <= $2
           group by a.resident_id, e.number, e.short_name
           order by a.resident_id, e.number"#,
        &ids,
        m.meeting_date
    )
    .fetch_all(&mut *conn)
    .await?
    {
        epas.entry(r.resident_id)
            .or_default()
            .push((r.number, r.short_name, r.levels));
    }

    // Milestone history: the meeting's period and the ones before it.
    let mut periods = vec![m.period.clone()];
    while periods.len() < PERIODS {
        match periods.last().and_then(PeriodName::previous) {
            Some(p) => periods.push(p),
            None => break,
        }
    }
    periods.reverse();
    let years: Vec<String> = periods.iter().map(|p| p.year.clone()).collect();
    let milestone_set =
        crate::assessment::milestone_store::program_milestone_set(&mut conn, m.program_id).await?;
    let subs = sqlx::query!(
        r#"select s.id, s.code, s.name from subcompetencies s join ref_competencies c on c.code = s.competency_code
           where s.milestone_set_id = $1 order by c.display_order, s.display_order"#,
        milestone_set.0
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut levels: HashMap<(Uuid, Uuid, usize), f64> = HashMap::new();
    for r in sqlx::query!(
        r#"select m.resident_id, m.subcompetency_id, y.name as year, m.term, m.level::float8 as "level!"
           from milestone_assessments m join academic_years y on y.id = m.academic_year_id
           where m.resident_id = any($1) and y.program_id = $2 and y.name = any($3)
             and m.deleted_at is null and m.level is not null"#,
        &ids,
        m.program_id.0,
        &years
    )
    .fetch_all(&mut *conn)
    .await?
    {
        let term = Term::parse(&r.term);
        if let Some(i) = periods.iter().position(|p| p.year == r.year && Some(p.term) == term) {
            levels.insert((r.resident_id, r.subcompetency_id, i), r.level);
        }
    }

    let mut comments: HashMap<Uuid, Vec<Comment>> = HashMap::new();
    for r in sqlx::query!(
        r#"select resident_id, assessed_on, author as "author!", epa as "epa!", narrative as "narrative!"
           from (select a.resident_id, a.assessed_on, u.first_name || ' ' || u.last_name as author,
                        e.short_name as epa, a.narrative,
                        row_number() over (partition by a.resident_id order by a.assessed_on desc, a.submitted_at desc) as n
                 from epa_assessments a join epas e on e.id = a.epa_id
                 join faculty f on f.id = a.assessor_id join users u on u.id = f.user_id
                 where a.resident_id = any($1) and a.deleted_at is null and a.narrative is not null
                   and a.assessed_on <= $3) c
           where n <= $2 order by resident_id, assessed_on desc"#,
        &ids,
        COMMENTS,
        m.meeting_date
    )
    .fetch_all(&mut *conn)
    .await?
    {
        comments.entry(r.resident_id).or_default().push(Comment {
            date: r.assessed_on,
            author: r.author,
            epa: r.epa,
            text: r.narrative,
        });
    }

    let mut last_review: HashMap<Uuid, String> = HashMap::new();
    for r in sqlx::query!(
        r#"select distinct on (v.resident_id) v.resident_id, y.name as year, m.term, v.recommendation,
                  v.overall_performance
           from ccc_resident_reviews v join ccc_meetings m on m.id = v.meeting_id
           join academic_years y on y.id = m.academic_year_id
           where v.resident_id = any($1) and v.status = 'final' and v.meeting_id <> $2
             and m.meeting_date <= (select meeting_date from ccc_meetings where id = $2)
           order by v.resident_id, m.meeting_date desc, v.finalized_at desc"#,
        &ids,
        meeting
    )
    .fetch_all(&mut *conn)
    .await?
    {
        let words = |s: Option<String>| s.unwrap_or_default().replace('_', " ");
        last_review.insert(
            r.resident_id,
            format!(
                "{}-{}: {} ({})",
                r.year,
                r.term,
                words(r.recommendation),
                words(r.overall_performance)
            ),
        );
    }
    drop(conn);

    let mut flags: HashMap<ResidentId, Vec<String>> = HashMap::new();
    for f in flags_store::flags_for(pool, m.program_id, &m.period, today).await? {
        flags.entry(f.resident_id).or_default().push(f.reason);
    }

    let residents = m
        .agenda
        .iter()
        .map(|a| {
            let id = a.resident_id.0;
            PacketResident {
                name: a.name.clone(),
                pgy: a.pgy,
                status: statuses.get(&id).cloned().unwrap_or_default(),
                rotations: rotations.remove(&id).unwrap_or_default(),
                epas: epas
                    .remove(&id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(number, short_name, levels)| EpaSummary {
                        number,
                        short_name,
                        count: levels.len(),
                        median: super::flags::median(
                            &mut levels.iter().map(|l| f64::from(*l)).collect::<Vec<_>>(),
                        )
                        .unwrap_or(0.0),
                        latest: levels.last().copied().unwrap_or(0),
                        levels,
                    })
                    .collect(),
                milestones: subs
                    .iter()
                    .map(|s| Trajectory {
                        code: s.code.clone(),
                        name: s.name.clone(),
                        levels: (0..periods.len())
                            .map(|i| levels.get(&(id, s.id, i)).copied())
                            .collect(),
                    })
                    .collect(),
                comments: comments.remove(&id).unwrap_or_default(),
                flags: flags.remove(&a.resident_id).unwrap_or_default(),
                last_review: last_review.remove(&id),
            }
        })
        .collect();
    Ok(PacketDocument {
        program_code: program.code,
        program_name: program.name,
        period: m.period.to_string(),
        meeting_date: m.meeting_date,
        generated_at,
        chair: m.chair.map(|c| c.name),
        members: m.attendees.iter().map(|a| a.name.clone()).collect(),
        warnings: m.warnings,
        scale_top,
        periods: periods
            .iter()
            .map(|p| format!("{} {}", p.year, p.term.as_str()))
            .collect(),
        residents,
    })
}

/// Reads, lays out (off the async threads) and writes the packet, as of now.
pub async fn export_packet(
    pool: &PgPool,
    meeting: Uuid,
    path: &Path,
    progress: impl FnMut(ExportProgress) + Send + 'static,
) -> Result<ExportedFile> {
    let now = chrono::Local::now();
    let doc = document(
        pool,
        meeting,
        now.date_naive(),
        now.format("%Y-%m-%d %H:%M").to_string(),
    )
    .await?;
    render_and_write(doc, packet::render_packet, path, progress).await
}
