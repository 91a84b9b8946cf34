//! The demo program: a lived-in General Surgery program (code GS) for newcomers and for every
//! later capability to show itself on. Deterministic for a seed and a day: the same seed on the
//! same day gives the same people, sites and dates. Written in one transaction.

mod assessments;
mod hours;
mod names;
mod schedule;

use std::collections::HashSet;

use chrono::{Datelike, Days, NaiveDate};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use sqlx::{PgConnection, PgPool};
use ts_rs::TS;

use crate::academic::pattern::{BlockPattern, Leftover};
use crate::academic::plan::PlanSpec;
use crate::academic::service as academic;
use crate::db::{self, Actor};
use crate::ids::{AgreementId, InstitutionId, ProgramId, SiteId, SponsoringInstitutionId, UserId};
use crate::org::agreements_store::{
    self as org_more, NewAgreement, NewInstitution, NewSite, SponsorDetails,
};
use crate::org::{Program, service as org, store as org_store};
use crate::people::roster::faculty::StoredFaculty;
use crate::people::roster::plan::{NewPerson, Person};
use crate::people::roster::residents::StoredResident;
use crate::people::roster::store as people_store;
use crate::{Error, Result};
use names::{FACULTY_SPECIALTIES, FIRST_NAMES, LAST_NAMES, MEDICAL_SCHOOLS, email_part};

pub const DEMO_CODE: &str = "GS";
/// Residents per PGY level, 1 to 5: 40 in all.
const CLASS_SIZES: [i32; 5] = [9, 8, 8, 8, 7];
const FACULTY: usize = 25;
const CORE_FACULTY: usize = 12;
const CCC_MEMBERS: usize = 6;
/// The participating institution's agreement runs out this many days after the demo is loaded.
pub const PLA_DAYS_LEFT: u64 = 45;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DemoSummary {
    pub program: Program,
    pub residents: u32,
    pub faculty: u32,
    pub sites: u32,
    pub year: String,
}

/// The academic year that contains `today`, July to June.
pub fn academic_year_of(today: NaiveDate) -> (i32, NaiveDate, NaiveDate) {
    let first = if today.month() >= 7 {
        today.year()
    } else {
        today.year() - 1
    };
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(today);
    (first, date(first, 7, 1), date(first + 1, 6, 30))
}

struct People {
    rng: ChaCha8Rng,
    names: HashSet<(usize, usize)>,
    emails: HashSet<String>,
}

impl People {
    fn person(&mut self, fallback: &str) -> Person {
        let (f, l) = loop {
            let pair = (
                self.rng.random_range(0..FIRST_NAMES.len()),
                self.rng.random_range(0..LAST_NAMES.len()),
            );
            if self.names.insert(pair) {
                break pair;
            }
        };
        let (first, last) = (FIRST_NAMES[f], LAST_NAMES[l]);
        let (a, b) = (email_part(first), email_part(last));
        let base = match (a.is_empty(), b.is_empty()) {
            (false, false) => format!("{a}.{b}"),
            (false, true) => format!("{a}.{fallback}"),
            (true, false) => format!("{fallback}.{b}"),
            (true, true) => fallback.to_string(),
        };
        let mut local = base.clone();
        let mut n = 2;
        while !self.emails.insert(local.clone()) {
            local = format!("{base}{n}");
            n += 1;
        }
        Person {
            email: format!("{local}@riverside.example"),
            first_name: first.to_string(),
            last_name: last.to_string(),
            phone: Some(format!("+1 555 01{:02}", self.rng.random_range(0..100))),
        }
    }
}

fn day(y: i32, m: u32, d: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| Error::invalid("seed", "The demo's dates fell off the calendar"))
}

/// Loads the demo program. Refused (conflict) when a program GS already exists.
pub async fn load_demo(
    pool: &PgPool,
    actor: &Actor,
    seed: u64,
    today: NaiveDate,
) -> Result<DemoSummary> {
    let mut tx = db::begin(pool, actor).await?;
    if org_store::program_by_code(&mut tx, DEMO_CODE)
        .await?
        .is_some()
    {
        return Err(Error::Conflict {
            message: format!(
                "A program with the code {DEMO_CODE} already exists, so the demo program cannot be loaded"
            ),
            field: Some("code"),
        });
    }
    let summary = write_demo(&mut tx, seed, today).await?;
    tx.commit().await?;
    // The analytics views read the demo's assessments from the start.
    crate::assessment::epa_store::refresh_analytics(pool).await?;
    Ok(summary)
}

/// The demo's people, drawn from the seed: the same seed gives the same names, levels and dates.
pub(crate) struct Cast {
    pub faculty: Vec<(NewPerson, StoredFaculty, NaiveDate)>,
    pub coordinators: Vec<NewPerson>,
    pub residents: Vec<(NewPerson, StoredResident, NaiveDate)>,
    /// Faculty positions: program director, associate PD, CCC chair, then CCC members.
    pub leaders: Vec<usize>,
}

pub(crate) fn cast(seed: u64, first_year: i32) -> Result<Cast> {
    let mut people = People {
        rng: ChaCha8Rng::seed_from_u64(seed),
        names: HashSet::new(),
        emails: HashSet::new(),
    };
    // Faculty: a program director, an associate PD, a CCC chair and members, core and not.
    let mut faculty = Vec::new();
    let ranks = [
        "professor",
        "associate_professor",
        "assistant_professor",
        "assistant_professor",
        "instructor",
        "clinical",
    ];
    for i in 0..FACULTY {
        let person = people.person("faculty");
        let id = UserId::new();
        let started = day(first_year - people.rng.random_range(1..20), 7, 1)?;
        faculty.push((
            NewPerson { id, person },
            StoredFaculty {
                rank: Some(
                    ranks[if i < 3 {
                        i % 2
                    } else {
                        people.rng.random_range(0..ranks.len())
                    }]
                    .to_string(),
                ),
                department: Some("Surgery".to_string()),
                specialty: Some(
                    FACULTY_SPECIALTIES[people.rng.random_range(0..FACULTY_SPECIALTIES.len())]
                        .to_string(),
                ),
                is_core_faculty: i < CORE_FACULTY,
                teaching_percentage: Some(if i < CORE_FACULTY {
                    people.rng.random_range(20..=50)
                } else {
                    people.rng.random_range(5..=20)
                }),
                started_at: Some(started),
            },
            started,
        ));
    }
    let coordinators: Vec<NewPerson> = (0..2)
        .map(|_| NewPerson {
            id: UserId::new(),
            person: people.person("coordinator"),
        })
        .collect();

    // Residents: five classes, one on leave, one off cycle, two preliminary interns.
    let mut residents = Vec::new();
    for (level, &size) in (1..=5).zip(CLASS_SIZES.iter()) {
        for k in 0..size {
            let person = people.person("resident");
            let id = UserId::new();
            let entered = first_year - (level - 1);
            let preliminary = level == 1 && k < 2;
            let off_cycle = level == 4 && k == 0;
            let (matriculation, graduation) = if off_cycle {
                (day(entered - 1, 1, 1)?, day(entered + 4, 12, 31)?)
            } else if preliminary {
                (day(entered, 7, 1)?, day(entered + 1, 6, 30)?)
            } else {
                (day(entered, 7, 1)?, day(entered + 5, 6, 30)?)
            };
            let status = match (level, k) {
                _ if off_cycle => "off_cycle",
                (2, 1) => "leave_of_absence",
                _ => "active",
            };
            let roll: f64 = people.rng.random();
            let degree = if roll < 0.72 {
                "MD"
            } else if roll < 0.94 {
                "DO"
            } else {
                "MBBS"
            };
            residents.push((
                NewPerson { id, person },
                StoredResident {
                    pgy_level: level,
                    entry_pgy_level: 1,
                    matriculation_date: Some(matriculation),
                    expected_graduation_date: Some(graduation),
                    actual_graduation_date: None,
                    track: Some(
                        if preliminary {
                            "Preliminary"
                        } else {
                            "Categorical"
                        }
                        .to_string(),
                    ),
                    medical_school: Some(
                        MEDICAL_SCHOOLS[people.rng.random_range(0..MEDICAL_SCHOOLS.len())]
                            .to_string(),
                    ),
                    degree_type: Some(degree.to_string()),
                    status: status.to_string(),
                },
                matriculation,
            ));
        }
    }

    // The leaders come from the core faculty, in a seeded order.
    let mut leaders: Vec<usize> = (0..CORE_FACULTY).collect();
    leaders.shuffle(&mut people.rng);
    Ok(Cast {
        faculty,
        coordinators,
        residents,
        leaders,
    })
}

async fn write_demo(conn: &mut PgConnection, seed: u64, today: NaiveDate) -> Result<DemoSummary> {
    let (first_year, year_start, year_end) = academic_year_of(today);
    let Cast {
        faculty,
        coordinators,
        residents,
        leaders,
    } = cast(seed, first_year)?;

    // The organisation: a sponsor, one participating institution under a PLA that runs out soon.
    let company = org::company_or_new(conn, "Riverside Health").await?;
    let home = InstitutionId::new();
    org_more::insert_institution(
        conn,
        &NewInstitution {
            id: home,
            company,
            name: "Riverside University Hospital",
            institution_type: "academic_medical_center",
            acgme_institution_id: Some("100473"),
            address: Some("1200 River Road, Riverside"),
        },
    )
    .await?;
    let partner = InstitutionId::new();
    org_more::insert_institution(
        conn,
        &NewInstitution {
            id: partner,
            company,
            name: "St. Brigid Community Hospital",
            institution_type: "community_hospital",
            acgme_institution_id: Some("100618"),
            address: Some("45 Harbour Street, Port Ellis"),
        },
    )
    .await?;
    let sponsor = SponsoringInstitutionId::new();
    org_store::insert_sponsor(conn, sponsor, home).await?;
    let program = ProgramId::new();
    org_store::insert_program(conn, program, sponsor, DEMO_CODE, "General Surgery").await?;

    let pla = AgreementId::new();
    org_more::insert_agreement(
        conn,
        &NewAgreement {
            id: pla,
            sponsor,
            participant: partner,
            agreement_type: "pla",
            effective_date: day(first_year - 4, 7, 1)?,
            expiration_date: Some(today + Days::new(PLA_DAYS_LEFT)),
            status: "active",
            programs: &[program],
        },
    )
    .await?;
    let sites = [
        NewSite {
            id: SiteId::new(),
            institution: home,
            agreement: None,
            code: "RUH-OR",
            name: "Riverside University Hospital, Main Operating Rooms",
            site_type: "primary",
            classification: Some("Level I trauma center"),
            capacity: Some(34),
        },
        NewSite {
            id: SiteId::new(),
            institution: home,
            agreement: None,
            code: "RUH-SICU",
            name: "Riverside Surgical Intensive Care Unit",
            site_type: "primary",
            classification: Some("Intensive care"),
            capacity: Some(6),
        },
        NewSite {
            id: SiteId::new(),
            institution: home,
            agreement: None,
            code: "RUH-CLINIC",
            name: "Riverside Ambulatory Surgery Clinic",
            site_type: "primary",
            classification: Some("Ambulatory"),
            capacity: Some(4),
        },
        NewSite {
            id: SiteId::new(),
            institution: home,
            agreement: None,
            code: "RUH-PEDS",
            name: "Riverside Children's Pavilion",
            site_type: "primary",
            classification: Some("Pediatric surgery"),
            capacity: Some(3),
        },
        NewSite {
            id: SiteId::new(),
            institution: partner,
            agreement: Some(pla),
            code: "SBCH-GEN",
            name: "St. Brigid General Surgery Service",
            site_type: "community",
            classification: Some("Community general surgery"),
            capacity: Some(5),
        },
        NewSite {
            id: SiteId::new(),
            institution: partner,
            agreement: Some(pla),
            code: "SBCH-ENDO",
            name: "St. Brigid Endoscopy Suite",
            site_type: "community",
            classification: Some("Endoscopy"),
            capacity: Some(2),
        },
    ];
    for site in &sites {
        org_more::insert_site(conn, site).await?;
    }

    let faculty_starts: Vec<(UserId, NaiveDate)> =
        faculty.iter().map(|(p, _, d)| (p.id, *d)).collect();
    let resident_starts: Vec<(UserId, NaiveDate)> =
        residents.iter().map(|(p, _, d)| (p.id, *d)).collect();
    let coordinator_starts: Vec<(UserId, NaiveDate)> =
        coordinators.iter().map(|p| (p.id, year_start)).collect();
    let faculty_rows: Vec<(UserId, StoredFaculty, NaiveDate)> = faculty
        .iter()
        .map(|(p, f, d)| (p.id, f.clone(), *d))
        .collect();
    let resident_rows: Vec<(UserId, StoredResident, NaiveDate)> = residents
        .iter()
        .map(|(p, r, d)| (p.id, r.clone(), *d))
        .collect();
    let everyone: Vec<NewPerson> = faculty
        .into_iter()
        .map(|(p, _, _)| p)
        .chain(coordinators)
        .chain(residents.into_iter().map(|(p, _, _)| p))
        .collect();
    people_store::insert_users(conn, company, &everyone).await?;
    people_store::insert_memberships(conn, program, "faculty", &faculty_starts).await?;
    people_store::insert_faculty(conn, program, &faculty_rows).await?;
    people_store::insert_memberships(conn, program, "resident", &resident_starts).await?;
    people_store::insert_residents(conn, program, &resident_rows).await?;
    people_store::insert_memberships(conn, program, "coordinator", &coordinator_starts).await?;
    let leader = |k: usize| faculty_starts[leaders[k]];
    let director = leader(0);
    let roles: [(&str, Vec<(UserId, NaiveDate)>); 4] = [
        ("program_director", vec![director]),
        ("associate_pd", vec![leader(1)]),
        ("ccc_chair", vec![leader(2)]),
        ("ccc_member", (3..3 + CCC_MEMBERS).map(leader).collect()),
    ];
    for (role, members) in roles {
        people_store::insert_memberships(conn, program, role, &members).await?;
    }
    org_store::set_program_details(
        conn,
        program,
        Some("general_surgery"),
        Some("4403521098"),
        Some(director.0),
    )
    .await?;
    // The sponsor was made above, at version 1.
    org_more::set_sponsor_details(
        conn,
        sponsor,
        1,
        &SponsorDetails {
            dio_name: Some("Dr. Margarethe Løvstad"),
            dio_email: Some("dio@riverside.example"),
            dio_user: None,
            gmec_chair: Some(leader(1).0),
            accreditation_status: Some("continued"),
            next_site_visit: Some(today + Days::new(210)),
        },
    )
    .await?
    .then_some(())
    .ok_or_else(|| Error::stale("The demo's sponsoring institution"))?;

    let year_name = format!("{first_year}-{}", first_year + 1);
    let year = academic::insert_year_with_blocks(
        conn,
        program,
        &year_name,
        &PlanSpec {
            year_start,
            year_end,
            pattern: BlockPattern::Fixed {
                count: 13,
                days: 28,
            },
            switch_day: None,
            leftover: Leftover::Last,
            split_halves: false,
        },
        true,
    )
    .await?;
    let site_codes: Vec<(&str, SiteId)> = sites.iter().map(|s| (s.code, s.id)).collect();
    schedule::write(conn, seed, program, &year, &site_codes).await?;
    schedule::solve(conn, seed, &year).await?;
    assessments::write(conn, seed, program, &year, today).await?;
    hours::write(conn, seed, program, today).await?;
    // What the rules would have raised by today: the office opens the demo to a lived-in centre.
    let raised = crate::notify::raise::due(conn, program, today).await?;
    crate::notify::centre::record(conn, &raised).await?;

    let program = org_store::program_by_id(conn, program)
        .await?
        .ok_or_else(|| Error::not_found("The demo program"))?;
    Ok(DemoSummary {
        program,
        residents: resident_rows.len() as u32,
        faculty: FACULTY as u32,
        sites: sites.len() as u32,
        year: year_name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(cast: &Cast) -> Vec<String> {
        cast.residents
            .iter()
            .map(|(p, r, _)| {
                format!(
                    "{} {} {} PGY-{}",
                    p.person.email, p.person.first_name, p.person.last_name, r.pgy_level
                )
            })
            .chain(cast.faculty.iter().map(|(p, _, _)| p.person.email.clone()))
            .collect()
    }

    #[test]
    fn the_same_seed_casts_the_same_people() {
        let a = cast(7, 2026).expect("cast");
        let b = cast(7, 2026).expect("cast");
        let c = cast(8, 2026).expect("cast");
        assert_eq!(names(&a), names(&b));
        assert_eq!(a.leaders, b.leaders);
        assert_ne!(names(&a), names(&c));
    }

    #[test]
    fn the_cast_is_forty_residents_in_five_classes_and_twenty_five_faculty() {
        let cast = cast(1, 2026).expect("cast");
        assert_eq!(cast.residents.len(), 40);
        for level in 1..=5 {
            assert!(cast.residents.iter().any(|(_, r, _)| r.pgy_level == level));
        }
        assert_eq!(cast.faculty.len(), 25);
        assert_eq!(cast.leaders.len(), CORE_FACULTY);
        assert!(
            cast.leaders
                .iter()
                .all(|&i| cast.faculty[i].1.is_core_faculty)
        );
        let emails: HashSet<&str> = cast
            .residents
            .iter()
            .map(|(p, _, _)| p.person.email.as_str())
            .collect();
        assert_eq!(emails.len(), 40);
        let non_latin = |s: &str| {
            s.chars()
                .any(|c| c.is_alphabetic() && !c.is_ascii() && (c as u32) > 0x024F)
        };
        assert!(
            cast.residents
                .iter()
                .any(|(p, _, _)| non_latin(&p.person.last_name) || non_latin(&p.person.first_name))
        );
        assert!(
            cast.residents
                .iter()
                .any(|(_, r, _)| r.status == "off_cycle")
        );
        assert!(
            cast.residents
                .iter()
                .any(|(_, r, _)| r.status == "leave_of_absence")
        );
    }
}
