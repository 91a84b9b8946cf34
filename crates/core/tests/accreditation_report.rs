//! The accreditation summary of the demo program's current year, read back from its PDF: the
//! agreements with their expiry dates and standing, the sites under them, core faculty marked,
//! residents by PGY, the CCC meeting with its attendance, and work-hour violations by rule equal
//! to what each resident's own compliance says. Expectations come from the database, never from
//! the summary itself.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use rotunda_core::academic::service as academic;
use rotunda_core::hours::rules::Rule;
use rotunda_core::ids::ResidentId;
use rotunda_core::org::agreements::standing_text;
use rotunda_core::org::{accreditation, service as org};
use rotunda_core::{demo, hours};
use sqlx::PgPool;
use uuid::Uuid;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// The line of `text` that starts (after indentation) with `head`.
fn line_of<'a>(text: &'a str, head: &str) -> &'a str {
    text.lines()
        .find(|l| l.trim_start().starts_with(head))
        .unwrap_or_else(|| panic!("no line starting with {head:?} in\n{text}"))
}

/// The last `n` words of a line.
fn tail(line: &str, n: usize) -> Vec<&str> {
    let words: Vec<&str> = line.split_whitespace().collect();
    words[words.len() - n..].to_vec()
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_summary_prints_agreements_faculty_complement_meetings_and_violations_as_stored(
    pool: PgPool,
) {
    let program = demo::load_demo(&pool, &common::actor(), 7, today())
        .await
        .unwrap()
        .program;
    let year = academic::list_years(&pool, program.id)
        .await
        .unwrap()
        .into_iter()
        .find(|y| y.is_current)
        .unwrap();
    let doc = accreditation::summary(&pool, year.id, today(), "2026-11-22 09:00".into())
        .await
        .unwrap();
    let pdf =
        rotunda_core::reports::accreditation::render_accreditation(&doc, &mut |_| {}).unwrap();
    let path = std::env::temp_dir()
        .join(format!("rotunda-accreditation-{}", Uuid::now_v7()))
        .join("summary.pdf");
    rotunda_core::files::write_export(&path, &pdf.bytes).unwrap();
    let text = common::pdftotext(&path, None);
    let first = common::pdftotext(&path, Some((1, 1)));
    assert!(
        first.contains(&format!("Accreditation summary — GS {}", year.name)),
        "{first}"
    );
    assert!(first.contains(&format!("Page 1 of {}", pdf.pages)));
    assert!(first.contains("Dr. Margarethe Løvstad"), "the DIO: {first}");

    // Agreements: each with its expiry date and its standing as the Organisation screen says it.
    let organisation = org::organisation(&pool, program.id, today()).await.unwrap();
    assert!(!organisation.agreements.is_empty());
    for a in &organisation.agreements {
        let row = line_of(&text, &a.participating_institution);
        let expires = a.expiration_date.unwrap().to_string();
        assert!(row.contains(&a.effective_date.to_string()), "{row}");
        assert!(row.contains(&expires), "{row}");
        assert!(
            row.contains(&standing_text(a.standing, a.days_left)),
            "{row}"
        );
    }
    // The demo's PLA runs out a known number of days after the demo is loaded.
    let pla = (today() + Days::new(demo::PLA_DAYS_LEFT)).to_string();
    assert!(
        line_of(&text, "St. Brigid Community Hospital").contains(&pla),
        "the PLA expires on {pla}"
    );
    for site in organisation
        .sites
        .iter()
        .filter(|s| s.agreement_id.is_some())
    {
        let code = format!(" {} ", site.code.clone().unwrap());
        let row = text
            .lines()
            .find(|l| l.contains(&code))
            .unwrap_or_else(|| panic!("{code} in {text}"));
        assert!(
            row.contains(&format!("expires {}", site.agreement_expires.unwrap())),
            "{code} shows its agreement's expiry: {row}"
        );
    }

    // Faculty: every active member listed, "Core" exactly on the core faculty's rows.
    let faculty: Vec<(String, bool)> = sqlx::query_as(
        "select u.last_name || ', ' || u.first_name, f.is_core_faculty
         from faculty f join users u on u.id = f.user_id where f.program_id = $1 and f.is_active",
    )
    .bind(program.id.0)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(faculty.iter().any(|f| f.1) && faculty.iter().any(|f| !f.1));
    for (name, core) in &faculty {
        let row = line_of(&text, &format!("{name} "));
        assert_eq!(row.trim_end().ends_with("Core"), *core, "{row}");
    }
    let cores = faculty.iter().filter(|f| f.1).count();
    assert!(
        first.contains(&format!("{}, {cores} core", faculty.len())),
        "{first}"
    );

    // Residents by PGY, as stored.
    let complement: Vec<(i32, i64)> = sqlx::query_as(
        "select pgy_level, count(*) from residents
         where program_id = $1 and status in ('active', 'off_cycle', 'leave_of_absence')
         group by pgy_level order by pgy_level",
    )
    .bind(program.id.0)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(complement.len(), 5, "the demo has PGY-1 to PGY-5");
    for (pgy, count) in &complement {
        let row = line_of(&text, &format!("PGY-{pgy} "));
        assert_eq!(tail(row, 1), [count.to_string()], "{row}");
    }
    let total: i64 = complement.iter().map(|c| c.1).sum();
    assert_eq!(tail(line_of(&text, "All levels"), 1), [total.to_string()]);

    // CCC meetings of the year: date, status and how many were present.
    let meetings: Vec<(NaiveDate, String, i64)> = sqlx::query_as(
        "select m.meeting_date, m.status, (select count(*) from ccc_attendees a where a.meeting_id = m.id)
         from ccc_meetings m where m.program_id = $1 and m.academic_year_id = $2",
    )
    .bind(program.id.0)
    .bind(year.id.0)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(
        !meetings.is_empty(),
        "the demo schedules this period's meeting"
    );
    for (date, status, present) in &meetings {
        let row = line_of(&text, &date.to_string());
        assert!(row.contains(status.as_str()), "{row}");
        assert!(row.contains(&format!("{present}:")), "{row}");
    }
    let held = meetings.iter().filter(|m| m.1 == "completed").count();
    assert!(first.contains(&format!("{held} held of {}", meetings.len())));

    // Violations by rule: each resident's own compliance over the year's blocks so far.
    let residents: Vec<Uuid> = sqlx::query_scalar(
        "select id from residents
         where program_id = $1 and status in ('active', 'off_cycle', 'leave_of_absence')",
    )
    .bind(program.id.0)
    .fetch_all(&pool)
    .await
    .unwrap();
    let mut by_rule: BTreeMap<Rule, (u32, u32)> = Rule::ALL.iter().map(|r| (*r, (0, 0))).collect();
    for r in residents {
        let c = hours::store::compliance(&pool, ResidentId(r), year.start_date, today(), false)
            .await
            .unwrap();
        for rule in Rule::ALL {
            let n = c.violations.iter().filter(|v| v.rule == rule).count() as u32;
            let e = by_rule.get_mut(&rule).unwrap();
            e.0 += n;
            e.1 += u32::from(n > 0);
        }
    }
    let broken: u32 = by_rule.values().map(|v| v.0).sum();
    assert!(broken > 0, "the demo's residents break some rules");
    for (rule, (violations, residents)) in &by_rule {
        let row = line_of(&text, rule.title());
        assert_eq!(
            tail(row, 2),
            [violations.to_string(), residents.to_string()],
            "{row}"
        );
    }
    assert_eq!(tail(line_of(&text, "All rules"), 2)[0], broken.to_string());
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
}
