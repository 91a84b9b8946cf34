//! The demo's work hours: twelve weeks up to yesterday for every resident in training, 12-hour
//! day shifts on weekdays with in-house call every fourth night, Sundays and leave free. Three
//! residents break a rule each, so the compliance screens have something to say: a 30-hour call,
//! 15-hour days six days a week throughout, and a shift that starts six hours after the last one
//! ended. Entries older than two weeks are approved; the rest wait.

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::Result;
use crate::hours::rules::EntryKind;
use crate::ids::ProgramId;

/// How far back the demo's hours go.
pub const WEEKS: i64 = 12;

struct Row {
    resident: Uuid,
    kind: EntryKind,
    start: NaiveDateTime,
    end: NaiveDateTime,
}

/// Which rule a resident of the demo breaks, if any.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Breaks {
    Nothing,
    LongCall,
    LongWeeks,
    ShortRest,
}

fn at(day: NaiveDate, hour: i64) -> NaiveDateTime {
    day.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::hours(hour)
}

/// One resident's entries from `first` to yesterday.
fn days_of(
    resident: Uuid,
    breaks: Breaks,
    first: NaiveDate,
    today: NaiveDate,
    rng: &mut ChaCha8Rng,
    leave: &BTreeSet<NaiveDate>,
) -> Vec<Row> {
    let mut rows = Vec::new();
    let offset: i64 = rng.random_range(0..4);
    let mut push = |kind, start: NaiveDateTime, hours: i64| {
        rows.push(Row {
            resident,
            kind,
            start,
            end: start + Duration::hours(hours),
        });
    };
    // The one-off breaks happen at the first chance after these days.
    let (mut long_call, mut short_rest) = (breaks == Breaks::LongCall, breaks == Breaks::ShortRest);
    let mut day = first;
    let mut n = 0i64;
    while day < today {
        // 0 is Monday.
        let weekday = i64::from(day.weekday().num_days_from_monday());
        let call_day = (n + offset) % 4 == 0;
        let post_call = (n + offset) % 4 == 1;
        if leave.contains(&day) || weekday == 6 {
            // Leave, and Sundays, are free.
        } else if breaks == Breaks::LongWeeks {
            push(EntryKind::InHouseShift, at(day, 5), 15);
        } else if weekday < 5 && call_day {
            let hours = if long_call && n >= 20 {
                long_call = false;
                30
            } else {
                26
            };
            push(EntryKind::InHouseCall, at(day, 7), hours);
        } else if weekday < 5 && !post_call {
            push(EntryKind::InHouseShift, at(day, 6), 12);
            if short_rest && n >= 30 {
                short_rest = false;
                push(EntryKind::InHouseShift, at(day + Duration::days(1), 0), 6);
            }
        } else if weekday == 5 && !post_call && rng.random_bool(0.3) {
            push(EntryKind::Conference, at(day, 8), 4);
        }
        if weekday == 2 && rng.random_bool(0.25) {
            push(EntryKind::HomeCallWorked, at(day, 21), 2);
        }
        day += Duration::days(1);
        n += 1;
    }
    // Home call lands only where nothing else is.
    rows.sort_by_key(|r| (r.start, r.end));
    let mut kept: Vec<Row> = Vec::with_capacity(rows.len());
    for r in rows {
        if kept.last().is_none_or(|last| r.start >= last.end) {
            kept.push(r);
        }
    }
    kept
}

pub(super) async fn write(
    conn: &mut PgConnection,
    seed: u64,
    program: ProgramId,
    today: NaiveDate,
) -> Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x0407_4085);
    let first = today - Duration::days(7 * WEEKS);
    let residents = sqlx::query!(
        r#"select r.id, array(select d::date from leave_periods l,
                                   generate_series(l.start_date, l.end_date, interval '1 day') d
                               where l.resident_id = r.id) as "leave!"
           from residents r join users u on u.id = r.user_id
           where r.program_id = $1 and r.status = 'active'
             and (r.matriculation_date is null or r.matriculation_date <= $2)
           order by r.pgy_level, u.last_name, u.first_name, r.id"#,
        program.0,
        first
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut rows = Vec::new();
    for (i, r) in residents.iter().enumerate() {
        let breaks = match i {
            3 => Breaks::LongCall,
            12 => Breaks::LongWeeks,
            21 => Breaks::ShortRest,
            _ => Breaks::Nothing,
        };
        let leave: BTreeSet<NaiveDate> = r.leave.iter().copied().collect();
        rows.extend(days_of(r.id, breaks, first, today, &mut rng, &leave));
    }
    let approved_before = at(today - Duration::days(14), 0);
    let ids: Vec<Uuid> = rows.iter().map(|_| Uuid::now_v7()).collect();
    let residents: Vec<Uuid> = rows.iter().map(|r| r.resident).collect();
    let kinds: Vec<String> = rows.iter().map(|r| r.kind.as_str().to_string()).collect();
    let starts: Vec<NaiveDateTime> = rows.iter().map(|r| r.start).collect();
    let ends: Vec<NaiveDateTime> = rows.iter().map(|r| r.end).collect();
    let decided: Vec<bool> = rows.iter().map(|r| r.end < approved_before).collect();
    sqlx::query!(
        r#"insert into work_hour_entries (id, resident_id, kind, starts_at, ends_at, status, decided_by, decided_at)
           select x.id, x.resident, x.kind, x.starts at time zone p.time_zone, x.ends at time zone p.time_zone,
                  case when x.decided then 'approved' else 'pending' end,
                  case when x.decided then 'demo:coordinator' end,
                  case when x.decided then x.ends at time zone p.time_zone + interval '3 days' end
           from unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamp[], $5::timestamp[], $6::bool[])
                as x(id, resident, kind, starts, ends, decided),
                programs p
           where p.id = $7"#,
        &ids,
        &residents,
        &kinds,
        &starts,
        &ends,
        &decided,
        program.0
    )
    .execute(conn)
    .await?;
    Ok(())
}
