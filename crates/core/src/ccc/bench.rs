//! Data for `rotunda bench ccc`, on a scratch database: the demo program grown to the size asked
//! for (more residents, each with a few hundred EPA assessments over two years and milestone levels
//! for the four periods before this one), and a large table of extra assessments for the progress
//! query. Written in bulk SQL; deterministic (no random numbers: levels and dates follow from the
//! row's position).

use chrono::NaiveDate;
use uuid::Uuid;

use crate::db::{self, Actor, PgPool};
use crate::ids::{ProgramId, ResidentId};
use crate::people::roster::{ImportMode, RosterKind, import_roster};
use crate::{Error, Result};

/// Adds residents from `roster` (CSV) to the demo program and gives every resident of the program
/// `per_resident` EPA assessments over the two years before `today`, and milestone levels for the
/// four periods before this one where they have none. Returns how many assessments there are.
pub async fn grow_program(
    pool: &PgPool,
    program: ProgramId,
    roster: &str,
    per_resident: i32,
    today: NaiveDate,
) -> Result<i64> {
    let actor = Actor::named("bench:ccc");
    import_roster(
        pool,
        &actor,
        program,
        RosterKind::Residents,
        roster,
        ImportMode::Apply,
        &|_| {},
    )
    .await?;
    let mut tx = db::begin(pool, &actor).await?;
    skip_triggers(&mut tx).await?;
    let set = crate::assessment::epa_store::program_epa_set(&mut tx, program).await?;
    sqlx::query!(
        r#"with epa as (
             select array_agg(e.id order by e.number) as ids,
                    array_agg((select min(p.phase) from epa_phases p where p.epa_id = e.id) order by e.number) as phases
             from epas e where e.epa_set_id = $1),
           fac as (select array_agg(id order by id) as ids from faculty where program_id = $2)
           insert into epa_assessments
             (id, resident_id, assessor_id, epa_id, epa_set_id, phase, assessed_on, submitted_at,
              entrustment_level, narrative, entry_method)
           select gen_random_uuid(), r.id,
                  fac.ids[1 + (g * 7 + abs(hashtext(r.id::text))) % cardinality(fac.ids)],
                  epa.ids[1 + (g + abs(hashtext(r.id::text))) % cardinality(epa.ids)], $1,
                  epa.phases[1 + (g + abs(hashtext(r.id::text))) % cardinality(epa.ids)],
                  $4::date - (g * 730 / $3),
                  ($4::date - (g * 730 / $3))::timestamptz + interval '1 day',
                  least(4, 1 + (g * 3 + r.pgy_level) % 4),
                  'Generated for the benchmark: steady progress, clear plan, safe technique.', 'import'
           from residents r cross join generate_series(1, $3) as g, epa, fac
           where r.program_id = $2 and r.status not in ('completed', 'withdrawn')
             and not exists (select 1 from epa_assessments x where x.resident_id = r.id)"#,
        set.0,
        program.0,
        per_resident,
        today
    )
    .execute(&mut *tx)
    .await?;
    let milestone_set =
        crate::assessment::milestone_store::program_milestone_set(&mut tx, program).await?;
    sqlx::query!(
        r#"insert into milestone_assessments (id, resident_id, subcompetency_id, academic_year_id, term, level)
           select gen_random_uuid(), r.id, s.id, y.id, t.term,
                  least(5.0, 1.5 + 0.5 * (abs(hashtext(r.id::text || s.code)) % 4))::numeric(2, 1)
           from residents r
           cross join subcompetencies s
           cross join academic_years y
           cross join (values ('fall'), ('spring')) as t(term)
           where r.program_id = $1 and s.milestone_set_id = $2 and y.program_id = $1 and not y.is_current
             and not exists (select 1 from milestone_assessments m
                             where m.resident_id = r.id and m.academic_year_id = y.id and m.term = t.term
                               and m.subcompetency_id = s.id)"#,
        program.0,
        milestone_set.0
    )
    .execute(&mut *tx)
    .await?;
    let total = sqlx::query_scalar!(
        r#"select count(*) as "n!" from epa_assessments a join residents r on r.id = a.resident_id
           where r.program_id = $1 and a.deleted_at is null"#,
        program.0
    )
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(total)
}

/// Bulk benchmark rows need no audit trail; a superuser can skip the triggers for this
/// transaction, anyone else writes them (slower, same data).
async fn skip_triggers(conn: &mut sqlx::PgConnection) -> Result<()> {
    let superuser = sqlx::query_scalar!(
        r#"select rolsuper as "yes!" from pg_roles where rolname = current_user"#
    )
    .fetch_one(&mut *conn)
    .await?;
    if superuser {
        sqlx::query!("set local session_replication_role = replica")
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// Adds assessments until the table holds `rows`, spread over the program's residents, then
/// refreshes the views. (The bench times the packet before this.)
pub async fn fill_progress_table(pool: &PgPool, program: ProgramId, rows: i64) -> Result<i64> {
    let actor = Actor::named("bench:ccc");
    let mut tx = db::begin(pool, &actor).await?;
    skip_triggers(&mut tx).await?;
    let have = sqlx::query_scalar!(r#"select count(*) as "n!" from epa_assessments"#)
        .fetch_one(&mut *tx)
        .await?;
    if have < rows {
        let set = crate::assessment::epa_store::program_epa_set(&mut tx, program).await?;
        let residents: Vec<Uuid> = sqlx::query_scalar!(
            "select id from residents where program_id = $1 order by id",
            program.0
        )
        .fetch_all(&mut *tx)
        .await?;
        if residents.is_empty() {
            return Err(Error::not_found("The benchmark's residents"));
        }
        sqlx::query!(
            r#"with epa as (
                 select array_agg(e.id order by e.number) as ids,
                        array_agg((select min(p.phase) from epa_phases p where p.epa_id = e.id) order by e.number) as phases
                 from epas e where e.epa_set_id = $1),
               fac as (select array_agg(id order by id) as ids from faculty where program_id = $2),
               res as (select $3::uuid[] as ids)
               insert into epa_assessments
                 (id, resident_id, assessor_id, epa_id, epa_set_id, phase, assessed_on, entrustment_level, entry_method)
               select gen_random_uuid(), res.ids[1 + g % cardinality(res.ids)],
                      fac.ids[1 + g % cardinality(fac.ids)],
                      epa.ids[1 + (g / 7) % cardinality(epa.ids)], $1,
                      epa.phases[1 + (g / 7) % cardinality(epa.ids)],
                      date '2024-07-01' + (g % 900), 1 + (g / 3) % 4, 'import'
               from generate_series(1, $4::int) as g, epa, fac, res"#,
            set.0,
            program.0,
            &residents,
            i32::try_from(rows - have).unwrap_or(i32::MAX)
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    crate::assessment::epa_store::refresh_analytics(pool).await?;
    Ok(
        sqlx::query_scalar!(r#"select count(*) as "n!" from epa_assessments"#)
            .fetch_one(pool)
            .await?,
    )
}

/// A resident's EPA progress as the packet and the screens read it: from the view.
pub async fn progress_from_view(pool: &PgPool, resident: ResidentId) -> Result<usize> {
    Ok(sqlx::query!(
        "select epa_id, assessments, median_level, latest_level from resident_epa_progress
         where resident_id = $1",
        resident.0
    )
    .fetch_all(pool)
    .await?
    .len())
}

/// The same, computed from the assessments themselves (what the view saves).
pub async fn progress_from_table(pool: &PgPool, resident: ResidentId) -> Result<usize> {
    Ok(sqlx::query!(
        r#"select epa_id, count(*) as "n!",
                  percentile_cont(0.5) within group (order by entrustment_level) as median,
                  (array_agg(entrustment_level order by assessed_on desc, submitted_at desc))[1] as latest
           from epa_assessments where resident_id = $1 and deleted_at is null group by epa_id"#,
        resident.0
    )
    .fetch_all(pool)
    .await?
    .len())
}
