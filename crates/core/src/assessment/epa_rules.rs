//! The rules an EPA assessment meets against its program's EPA set (the EPA is in the set and rated
//! in that phase, the level is on the set's scale, the case type is the EPA's) and the rotation of
//! its day. The facts are loaded once, so the form checks one entry and an import thousands by
//! the same rules without a query per row.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use super::epa::ValidEpaAssessment;
use super::epa_store::program_epa_set;
use super::reference::Phase;
use crate::ids::{AssignmentId, CaseTypeId, EpaId, EpaSetId, ProgramId, ResidentId};
use crate::{Error, Result};

/// What the rules need from a program's EPA set.
#[derive(Debug, Clone)]
pub struct SetFacts {
    pub set: EpaSetId,
    /// Each EPA's number and the phases it is rated in.
    pub epas: HashMap<EpaId, (i32, Vec<Phase>)>,
    /// The top of the set's entrustment scale.
    pub top: i32,
    pub case_types: HashMap<CaseTypeId, EpaId>,
}

impl SetFacts {
    pub async fn load(conn: &mut PgConnection, program: ProgramId) -> Result<Self> {
        let set = program_epa_set(conn, program).await?;
        let mut epas = HashMap::new();
        for e in sqlx::query!(
            r#"select e.id as "id: EpaId", e.number,
                      array(select p.phase from epa_phases p where p.epa_id = e.id order by p.phase) as "phases!"
               from epas e where e.epa_set_id = $1"#,
            set.0
        )
        .fetch_all(&mut *conn)
        .await?
        {
            let phases = e.phases.iter().filter_map(|p| Phase::parse(p)).collect();
            epas.insert(e.id, (e.number, phases));
        }
        let top = sqlx::query_scalar!(
            "select max(level) from entrustment_levels where epa_set_id = $1",
            set.0
        )
        .fetch_one(&mut *conn)
        .await?
        .unwrap_or(0);
        let case_types = sqlx::query!(
            r#"select c.id as "id: CaseTypeId", c.epa_id as "epa_id: EpaId"
               from case_types c join epas e on e.id = c.epa_id where e.epa_set_id = $1"#,
            set.0
        )
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(|c| (c.id, c.epa_id))
        .collect();
        Ok(SetFacts {
            set,
            epas,
            top,
            case_types,
        })
    }

    /// The entry's EPA, phase, level and case type against the set; each refusal names its field.
    pub fn check(&self, v: &ValidEpaAssessment) -> Result<()> {
        let (number, phases) = self
            .epas
            .get(&v.epa_id)
            .ok_or_else(|| Error::invalid("epaId", "That EPA is not in this program's EPA set"))?;
        if !phases.contains(&v.phase) {
            let named: Vec<String> = phases
                .iter()
                .map(|p| p.as_str().replace('_', " "))
                .collect();
            return Err(Error::invalid(
                "phase",
                format!("EPA {number} is rated {} only", named.join(", ")),
            ));
        }
        if v.entrustment_level > self.top {
            return Err(Error::invalid(
                "entrustmentLevel",
                format!("This set's entrustment scale runs from 1 to {}", self.top),
            ));
        }
        if let Some(case) = v.case_type_id
            && self.case_types.get(&case) != Some(&v.epa_id)
        {
            return Err(Error::invalid(
                "caseTypeId",
                format!("That case type is not one of EPA {number}'s"),
            ));
        }
        Ok(())
    }
}

/// A resident's rotation on a day: the assignment, its rotation and its site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub assignment: AssignmentId,
    pub rotation: Uuid,
    pub site: Option<Uuid>,
}

/// The assignments of a program's residents over some dates, to find the rotation of each day.
#[derive(Debug, Default)]
pub struct Rotations {
    by_resident: HashMap<ResidentId, Vec<(NaiveDate, NaiveDate, Day)>>,
}

impl Rotations {
    pub async fn load(
        conn: &mut PgConnection,
        program: ProgramId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Self> {
        let mut by_resident: HashMap<ResidentId, Vec<_>> = HashMap::new();
        for a in sqlx::query!(
            r#"select a.id as "id: AssignmentId", a.resident_id as "resident_id: ResidentId",
                      a.start_date, a.end_date, a.rotation_type_id, a.clinical_site_id
               from rotation_assignments a join residents r on r.id = a.resident_id
               where r.program_id = $1 and a.start_date <= $3 and a.end_date >= $2"#,
            program.0,
            from,
            to
        )
        .fetch_all(conn)
        .await?
        {
            by_resident.entry(a.resident_id).or_default().push((
                a.start_date,
                a.end_date,
                Day {
                    assignment: a.id,
                    rotation: a.rotation_type_id,
                    site: a.clinical_site_id,
                },
            ));
        }
        Ok(Rotations { by_resident })
    }

    /// The resident's rotation that day (assignments never overlap), if any.
    pub fn on(&self, resident: ResidentId, day: NaiveDate) -> Option<Day> {
        self.by_resident
            .get(&resident)?
            .iter()
            .find(|(start, end, _)| *start <= day && day <= *end)
            .map(|(_, _, d)| *d)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::ids::{FacultyId, ResidentId};

    fn facts() -> (SetFacts, EpaId, CaseTypeId) {
        let (epa, other, case) = (EpaId::new(), EpaId::new(), CaseTypeId::new());
        let facts = SetFacts {
            set: EpaSetId::new(),
            epas: HashMap::from([
                (epa, (7, vec![Phase::Preoperative])),
                (other, (9, vec![Phase::Intraoperative])),
            ]),
            top: 4,
            case_types: HashMap::from([(case, epa)]),
        };
        (facts, epa, case)
    }

    fn entry(epa: EpaId) -> ValidEpaAssessment {
        ValidEpaAssessment {
            resident_id: ResidentId::new(),
            assessor_id: FacultyId::new(),
            epa_id: epa,
            phase: Phase::Preoperative,
            assessed_on: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            entrustment_level: 4,
            rotation_assignment_id: None,
            case_type_id: None,
            case_urgency: None,
            patient_asa_class: None,
            procedure_duration_minutes: None,
            complications_occurred: None,
            location_type: None,
            location_details: None,
            narrative: None,
            went_well: vec![],
            needs_work: vec![],
            entry_method: "desktop".into(),
        }
    }

    #[test]
    fn an_entry_is_checked_against_its_set_field_by_field() {
        let (facts, epa, case) = facts();
        let mut v = entry(epa);
        v.case_type_id = Some(case);
        assert!(facts.check(&v).is_ok());

        let field = |v: &ValidEpaAssessment| facts.check(v).unwrap_err().field();
        assert_eq!(field(&entry(EpaId::new())), Some("epaId"));
        let mut v = entry(epa);
        v.phase = Phase::Postoperative;
        let err = facts.check(&v).unwrap_err();
        assert_eq!(err.field(), Some("phase"));
        assert_eq!(err.to_string(), "EPA 7 is rated preoperative only");
        let mut v = entry(epa);
        v.entrustment_level = 5;
        assert_eq!(field(&v), Some("entrustmentLevel"));
        let mut v = entry(epa);
        v.case_type_id = Some(CaseTypeId::new());
        assert_eq!(field(&v), Some("caseTypeId"));
    }

    #[test]
    fn the_rotation_of_a_day_is_the_assignment_holding_it() {
        let resident = ResidentId::new();
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let day = |n: u8| Day {
            assignment: AssignmentId::new(),
            rotation: Uuid::from_u128(u128::from(n)),
            site: None,
        };
        let (july, august) = (day(1), day(2));
        let rotations = Rotations {
            by_resident: HashMap::from([(
                resident,
                vec![(d(7, 1), d(7, 28), july), (d(7, 29), d(8, 25), august)],
            )]),
        };
        assert_eq!(rotations.on(resident, d(7, 28)), Some(july));
        assert_eq!(rotations.on(resident, d(7, 29)), Some(august));
        assert_eq!(rotations.on(resident, d(9, 1)), None);
        assert_eq!(rotations.on(ResidentId::new(), d(7, 2)), None);
    }
}
