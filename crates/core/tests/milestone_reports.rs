//! The milestone reports from the demo program: a resident's report shows their levels as stored,
//! the level reached's descriptor and the committee's review; the program summary counts each
//! PGY's residents per level as stored; the ADS CSV has a column per subcompetency and the levels
//! as stored; unknown residents and periods are refused by name.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::NaiveDate;
use rotunda_core::assessment::milestone::{PeriodName, Rating};
use rotunda_core::assessment::milestone_distribution::median_label;
use rotunda_core::assessment::{milestone_csv, milestone_report};
use rotunda_core::ids::ProgramId;
use rotunda_core::{ErrorKind, demo};
use sqlx::PgPool;
use uuid::Uuid;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn spring() -> PeriodName {
    PeriodName::parse("period", "2025-2026-spring").unwrap()
}

async fn load(pool: &PgPool) -> ProgramId {
    demo::load_demo(pool, &common::actor(), 7, today())
        .await
        .unwrap()
        .program
        .id
}

fn scratch(name: &str) -> std::path::PathBuf {
    std::env::temp_dir()
        .join(format!("rotunda-milestones-{}", Uuid::now_v7()))
        .join(name)
}

/// A resident's rating of a subcompetency in a period of the demo, as stored.
async fn stored(pool: &PgPool, resident: Uuid, code: &str, year: &str, term: &str) -> Rating {
    let (level, not_yet): (Option<f64>, bool) = sqlx::query_as(
        "select m.level::float8, m.not_yet_assessable from milestone_assessments m
         join academic_years y on y.id = m.academic_year_id
         join subcompetencies s on s.id = m.subcompetency_id
         where m.resident_id = $1 and s.code = $2 and y.name = $3 and m.term = $4 and m.deleted_at is null",
    )
    .bind(resident)
    .bind(code)
    .bind(year)
    .bind(term)
    .fetch_one(pool)
    .await
    .unwrap();
    Rating::from_row(level, not_yet).unwrap()
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_resident_report_shows_levels_as_stored_and_the_final_review(pool: PgPool) {
    load(&pool).await;
    // A resident the committee reviewed last spring.
    let (resident, email, name, strengths): (Uuid, String, String, String) = sqlx::query_as(
        "select r.id, u.email::text, u.first_name || ' ' || u.last_name, v.strengths
         from ccc_resident_reviews v join ccc_meetings m on m.id = v.meeting_id
         join residents r on r.id = v.resident_id join users u on u.id = r.user_id
         where v.status = 'final' and m.term = 'spring' order by u.email limit 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let now = stored(&pool, resident, "PC1", "2025-2026", "spring").await;
    let before = stored(&pool, resident, "PC1", "2025-2026", "fall").await;
    let whole = now.level().unwrap().floor() as i32;
    let descriptor: String = sqlx::query_scalar(
        "select d.descriptor from milestone_level_descriptors d join subcompetencies s on s.id = d.subcompetency_id
         where s.code = 'PC1' and d.level = $1",
    )
    .bind(whole)
    .fetch_one(&pool)
    .await
    .unwrap();

    let path = scratch("resident.pdf");
    let mut conn = pool.acquire().await.unwrap();
    let (resident, _) = milestone_report::resident_by_email(&mut conn, None, &email.to_uppercase())
        .await
        .unwrap();
    drop(conn);
    let file =
        milestone_report::export_resident_milestones(&pool, resident, &spring(), &path, |_| {})
            .await
            .unwrap();
    assert!(file.pages >= 2, "17 subcompetencies take more than a page");
    let text = common::pdftotext(&path, None);
    assert!(
        text.contains(&format!("{name} — milestones 2025-2026-spring")),
        "{text}"
    );
    assert!(text.contains(&format!("<{email}>")));
    let line = format!(
        "This period {} · previous {} · change",
        now.label(),
        before.label()
    );
    assert!(text.contains(&line), "{line} in {text}");
    let opening: String = descriptor
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains(&format!("Level {whole}: {opening}")),
        "{text}"
    );
    assert!(text.contains("The committee's final review"));
    let said: String = strengths
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains(&said), "the review's strengths: {said}");
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_summary_counts_each_pgys_levels_as_stored(pool: PgPool) {
    let program = load(&pool).await;
    let doc = milestone_report::summary(&pool, program, &spring(), "now".into())
        .await
        .unwrap();
    // Last spring was one year back: PGY then = PGY now - 1. PC1 of those who were PGY-2.
    let rows: Vec<(Option<f64>, bool)> = sqlx::query_as(
        "select m.level::float8, m.not_yet_assessable from milestone_assessments m
         join academic_years y on y.id = m.academic_year_id
         join subcompetencies s on s.id = m.subcompetency_id
         join residents r on r.id = m.resident_id
         where s.code = 'PC1' and y.name = '2025-2026' and m.term = 'spring' and r.pgy_level = 3
           and m.deleted_at is null",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let mut want = [0u32; 11];
    for (level, not_yet) in &rows {
        let rating = Rating::from_row(*level, *not_yet).unwrap();
        want[rotunda_core::assessment::milestone_distribution::bin(rating).unwrap()] += 1;
    }
    let pgy2 = doc.groups.iter().find(|g| g.pgy == 2).unwrap();
    assert_eq!(pgy2.residents as usize, rows.len());
    let pc1 = pgy2.rows.iter().find(|r| r.code == "PC1").unwrap();
    assert_eq!(pc1.distribution.bins, want, "PC1 of PGY-2 as stored");

    let path = scratch("summary.pdf");
    let pdf = rotunda_core::reports::milestone_summary::render_milestone_summary(&doc, &mut |_| {})
        .unwrap();
    rotunda_core::files::write_export(&path, &pdf.bytes).unwrap();
    let text = common::pdftotext(&path, None);
    let heading = format!("PGY-2 · {} residents", rows.len());
    let at = text
        .find(&heading)
        .unwrap_or_else(|| panic!("{heading} in {text}"));
    let row = text[at..]
        .lines()
        .find(|l| l.trim_start().starts_with("PC1 "))
        .unwrap();
    // The non-empty bins left to right, then the median and those at or below 2.5.
    let d = &pc1.distribution;
    let mut cells: Vec<String> = d
        .bins
        .iter()
        .filter(|c| **c > 0)
        .map(u32::to_string)
        .collect();
    if d.not_rated > 0 {
        cells.push(d.not_rated.to_string());
    }
    cells.push(median_label(d.median.unwrap()));
    cells.push(d.at_or_below_warning.to_string());
    let tail: Vec<&str> = row.split_whitespace().rev().take(cells.len()).collect();
    let tail: Vec<String> = tail.into_iter().rev().map(str::to_string).collect();
    assert_eq!(tail, cells, "{row}");
    assert_eq!(
        doc.groups.len(),
        4,
        "PGY-1 to PGY-4 last spring: {:?}",
        doc.groups.iter().map(|g| g.pgy).collect::<Vec<_>>()
    );
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_ads_csv_has_a_column_per_subcompetency_and_the_levels_as_stored(pool: PgPool) {
    let program = load(&pool).await;
    let path = scratch("levels.csv");
    let done = milestone_csv::export_milestone_csv(&pool, program, &spring(), &path)
        .await
        .unwrap();
    let codes: Vec<String> = sqlx::query_scalar(
        "select s.code from subcompetencies s join ref_competencies c on c.code = s.competency_code
         where s.milestone_set_id = (select id from milestone_sets order by created_at desc limit 1)
         order by c.display_order, s.display_order",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(done.subcompetencies as usize, codes.len());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.starts_with('\u{feff}'), "no BOM, like the roster");
    let table = rotunda_core::csv_table::read(&text).unwrap();
    let mut want = vec!["Last Name", "First Name", "E-mail", "PGY"];
    want.extend(codes.iter().map(String::as_str));
    assert_eq!(table.headers, want);
    assert_eq!(table.rows.len(), done.rows as usize);
    let rated: i64 = sqlx::query_scalar(
        "select count(distinct m.resident_id) from milestone_assessments m
         join academic_years y on y.id = m.academic_year_id where y.name = '2025-2026' and m.term = 'spring'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        done.rows as i64, rated,
        "everyone rated last spring, no one else"
    );
    let pgys: Vec<i32> = table
        .rows
        .iter()
        .map(|r| r.cell(3).parse().unwrap())
        .collect();
    assert!(pgys.windows(2).all(|w| w[0] <= w[1]), "by PGY: {pgys:?}");

    let row = &table.rows[table.rows.len() / 2];
    let resident: Uuid = sqlx::query_scalar(
        "select r.id from residents r join users u on u.id = r.user_id where u.email = $1::text::citext",
    )
    .bind(row.cell(2))
    .fetch_one(&pool)
    .await
    .unwrap();
    for (i, code) in codes.iter().enumerate() {
        let rating = stored(&pool, resident, code, "2025-2026", "spring").await;
        assert_eq!(
            row.cell(4 + i),
            milestone_csv::ads_cell(Some(rating)),
            "{code}"
        );
    }
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn unknown_residents_and_periods_are_refused_and_a_second_program_must_be_chosen(
    pool: PgPool,
) {
    let gs = load(&pool).await;
    let report = async |program: Option<ProgramId>, email: &str, period: &PeriodName| {
        let mut conn = pool.acquire().await?;
        let (resident, _) = milestone_report::resident_by_email(&mut conn, program, email).await?;
        drop(conn);
        milestone_report::resident_report(&pool, resident, period, "now".into()).await
    };
    let nobody = report(None, "nobody@example.org", &spring())
        .await
        .unwrap_err();
    assert_eq!(nobody.kind(), ErrorKind::NotFound);
    assert!(nobody.to_string().contains("nobody@example.org"));

    let email: String = sqlx::query_scalar(
        "select u.email::text from residents r join users u on u.id = r.user_id order by u.email limit 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let old = PeriodName::parse("period", "1999-2000-fall").unwrap();
    let unknown = report(None, &email, &old).await.unwrap_err();
    assert_eq!(unknown.field(), Some("period"));
    assert!(unknown.to_string().contains("1999-2000"), "{unknown}");
    let summary = milestone_report::summary(&pool, gs, &old, "now".into())
        .await
        .unwrap_err();
    assert_eq!(summary.field(), Some("period"));

    // The same person is also a resident of a second program.
    let perf = common::program(&pool, "PERF").await;
    sqlx::query(
        "insert into residents (id, user_id, program_id, pgy_level, entry_pgy_level)
         select $1, u.id, $2, 1, 1 from users u where u.email = $3::text::citext",
    )
    .bind(Uuid::now_v7())
    .bind(perf.id.0)
    .bind(&email)
    .execute(&pool)
    .await
    .unwrap();
    let either = report(None, &email, &spring()).await.unwrap_err();
    assert_eq!(either.field(), Some("program"));
    assert!(either.to_string().contains("GS and PERF"), "{either}");
    let chosen = report(Some(gs), &email, &spring()).await.unwrap();
    assert_eq!(chosen.program_code, "GS");
}
