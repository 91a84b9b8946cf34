#![allow(clippy::unwrap_used)]

use super::*;

fn competencies() -> Vec<(String, String)> {
    [
        ("patient_care", "PC"),
        ("medical_knowledge", "MK"),
        ("systems_based_practice", "SBP"),
        ("practice_based_learning", "PBLI"),
        ("professionalism", "PROF"),
        ("interpersonal_communication", "ICS"),
    ]
    .into_iter()
    .map(|(c, a)| (c.to_string(), a.to_string()))
    .collect()
}

fn message(e: Error) -> String {
    match e {
        Error::Invalid { message, .. } => message,
        other => panic!("not an input error: {other:?}"),
    }
}

const SHIPPED_MILESTONES: &str = include_str!("../../../reference/general_surgery.milestones.json");
const SHIPPED_EPAS: &str = include_str!("../../../reference/general_surgery.epas.json");
const SHIPPED_TAGS: &str = include_str!("../../../reference/feedback_tags.json");

#[test]
fn the_shipped_sets_read_cleanly() {
    let m = milestone_set_json(SHIPPED_MILESTONES, &competencies()).unwrap();
    assert_eq!(m.subcompetencies.len(), 17);
    assert_eq!(m.subcompetencies[0].code, "PC1");
    assert_eq!(m.subcompetencies[0].competency, "patient_care");
    assert!(
        m.subcompetencies
            .iter()
            .all(|s| s.levels.iter().all(|l| !l.is_empty()))
    );
    let e = epa_set_json(SHIPPED_EPAS).unwrap();
    assert_eq!(e.epas.len(), 18);
    assert_eq!(e.scale.len(), 4);
    assert_eq!(e.scale[3].name, "Practice ready");
    assert_eq!(e.epas[6].phases, vec![Phase::Preoperative]);
    assert_eq!(e.epas[8].phases, vec![Phase::Intraoperative]);
    assert_eq!(e.epas[0].phases.len(), 3);
    let tags = feedback_tags_json(SHIPPED_TAGS).unwrap();
    assert!(tags.iter().any(|t| t.category == "strength"));
    assert!(tags.iter().any(|t| t.category == "area_for_improvement"));
}

#[test]
fn a_milestone_csv_is_read_with_headers_in_any_case() {
    let csv = "\u{feff}Competency,Code,Name,Level 1,Level 2,Level 3,Level 4,Level 5\r\n\
               PC,pc1,\"Evaluation, and decisions\",a,b,c,d,e\r\n\
               medical_knowledge,MK1,Anatomy,a,b,c,d,e\r\n";
    let label = SetLabel {
        specialty: "general_surgery".into(),
        version: "2.1".into(),
        name: "Our corrected set".into(),
    };
    let set = milestone_set_csv(csv, &label, &competencies()).unwrap();
    assert_eq!(set.subcompetencies.len(), 2);
    assert_eq!(set.subcompetencies[0].code, "PC1");
    assert_eq!(set.subcompetencies[0].name, "Evaluation, and decisions");
    assert_eq!(set.subcompetencies[1].competency, "medical_knowledge");
    assert_eq!(set.subcompetencies[1].levels[4], "e");
}

#[test]
fn every_problem_in_a_milestone_file_is_named_and_nothing_is_kept() {
    let csv = "competency,code,name,level 1,level 2,level 3,level 4,level 5\n\
               PC,MK1,Wrong prefix,a,b,c,d,e\n\
               XX,XX1,Unknown competency,a,b,c,d,e\n\
               PC,PC2,,a,b,,d,e\n\
               PC,PC2,Twice,a,b,c,d,e\n";
    let label = SetLabel {
        specialty: "general_surgery".into(),
        version: "2.1".into(),
        name: "Set".into(),
    };
    let m = message(milestone_set_csv(csv, &label, &competencies()).unwrap_err());
    assert!(m.starts_with("Nothing was imported: 5 problems"), "{m}");
    assert!(
        m.contains("line 2: the code 'MK1' must be PC and a number"),
        "{m}"
    );
    assert!(m.contains("line 3: 'XX' is not a competency"), "{m}");
    assert!(m.contains("line 4: the name is missing"), "{m}");
    assert!(m.contains("line 4: level 3 has no descriptor"), "{m}");
    assert!(m.contains("line 5: PC2 appears twice"), "{m}");
}

#[test]
fn a_missing_column_and_bad_json_are_named() {
    let label = SetLabel {
        specialty: "general_surgery".into(),
        version: "1".into(),
        name: "Set".into(),
    };
    let m = message(
        milestone_set_csv("competency,code,name\nPC,PC1,x\n", &label, &competencies()).unwrap_err(),
    );
    assert!(m.contains("the column 'level1' is missing"), "{m}");
    let m = message(epa_set_json("{\n  \"specialty\": 3\n}").unwrap_err());
    assert!(m.contains("line 2"), "{m}");
}

#[test]
fn an_epa_set_needs_a_scale_in_order_and_known_phases() {
    let json = r#"{"specialty":"general_surgery","version":"x","name":"n",
      "scale":[{"level":1,"name":"One"},{"level":3,"name":"Three"}],
      "epas":[{"number":1,"shortName":"Hernia","name":"Hernia care","phases":["pre-op","lunch"]},
              {"number":1,"shortName":"","name":"Again","phases":[],
               "caseTypes":[{"code":"lap chole","name":"Lap chole","minutes":0}]}]}"#;
    let m = message(epa_set_json(json).unwrap_err());
    assert!(
        m.contains("scale level 3: levels must run 1, 2, 3... in order; expected 2"),
        "{m}"
    );
    assert!(m.contains("EPA 1: 'lunch' is not a phase of care"), "{m}");
    assert!(m.contains("EPA 1: the number appears twice"), "{m}");
    assert!(m.contains("EPA 1: the short name is missing"), "{m}");
    assert!(m.contains("EPA 1: it is rated in no phase of care"), "{m}");
    assert!(
        m.contains("the case type code 'lap chole' must be capitals"),
        "{m}"
    );
}

#[test]
fn an_epa_csv_holds_the_scale_the_epas_and_their_case_types() {
    let csv = "kind,number,name,short name,phases,code,minutes\n\
               level,1,Watch,,,,\n\
               level,2,Do with help,,,,\n\
               epa,1,Evaluation and management of hernia,Hernia,pre;intra;post,,\n\
               case_type,1,Open repair,,,OPEN_REPAIR,90\n\
               epa,2,Consultation,Consult,preoperative,,\n";
    let label = SetLabel {
        specialty: "general_surgery".into(),
        version: "local".into(),
        name: "Local EPAs".into(),
    };
    let set = epa_set_csv(csv, &label).unwrap();
    assert_eq!(set.scale.len(), 2);
    assert_eq!(set.epas.len(), 2);
    assert_eq!(set.epas[0].phases.len(), 3);
    assert_eq!(set.epas[0].case_types[0].code, "OPEN_REPAIR");
    assert_eq!(set.epas[0].case_types[0].minutes, Some(90));
    let bad = "kind,number,name\ncase_type,7,Orphan\nmeal,1,x\n";
    let m = message(epa_set_csv(bad, &label).unwrap_err());
    assert!(
        m.contains("line 3: the kind 'meal' is not level, epa or case_type"),
        "{m}"
    );
    assert!(
        m.contains("line 2: there is no EPA 7 for this case type"),
        "{m}"
    );
}

#[test]
fn phases_are_read_as_people_write_them() {
    assert_eq!(Phase::parse("Pre-operative"), Some(Phase::Preoperative));
    assert_eq!(Phase::parse(" intra_op "), Some(Phase::Intraoperative));
    assert_eq!(Phase::parse("POST"), Some(Phase::Postoperative));
    assert_eq!(Phase::parse("lunch"), None);
    for p in Phase::ALL {
        assert_eq!(Phase::parse(p.as_str()), Some(p));
    }
}
