//! Assessments of a case: risk and vulnerability (individual, household, community, as HTCDS 2.0
//! plans them), repeated over the case's life, and for a child the best-interest assessment that
//! a coordinator approves. They are written with the case document (`assessments`); approval is
//! here, because who approved is set by Lintas from the operator working now, never typed.

use crate::log::view;
use crate::model::roles::Permission;
use crate::model::schema::EntityKind;
use crate::records::lookup::CaseError;
use crate::store::Store;
use crate::support::ambient::Clock;
use serde_json::Value;
use uuid::Uuid;

/// A coordinator approves a best-interest assessment: who (the operator working now) and when
/// are recorded on it. Approving it again records the later approval.
pub fn approve(store: &mut Store, id: Uuid, clock: &dyn Clock) -> Result<(), CaseError> {
    store.require(Permission::ApproveAssessments)?;
    let found = view::read(&store.conn, EntityKind::Assessment, id)?.ok_or(CaseError::AssessmentNotFound)?;
    if found.get("kind").and_then(Value::as_str) != Some("BestInterest") {
        return Err(CaseError::NotBestInterest);
    }
    let operator = store.identity().operator_id.to_string();
    let mut batch = store.batch(clock)?;
    batch.set(EntityKind::Assessment, id, "approved_by", Value::String(operator))?;
    batch.set(EntityKind::Assessment, id, "approved_on", Value::String(clock.now().to_rfc3339()))?;
    batch.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::ambient::{FixedClock, SeededEntropy};
    use serde_json::json;

    #[test]
    fn a_best_interest_assessment_is_approved_by_a_coordinator_only() {
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::new(chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap(), 5);
        let e = SeededEntropy::new(5);
        let mut store = crate::setup::test_store(&dir.path().join("s"), "53.03", 1, &clock);
        let doc = json!({"victim": {"first_name": "Yuliana", "birthdate": "2010-02-01"}, "intake": {"date": "2025-06-01"},
            "assessments": [{"kind": "BestInterest", "date": "2025-06-02", "risk_level": "High", "next_due": "2025-09-02"},
                            {"kind": "Household", "date": "2025-06-03"}]});
        let case = crate::records::cases::create(&mut store, &doc, &clock, &e).unwrap();
        // Who approved cannot be typed into the document.
        let typed = json!({"assessments": [{"kind": "BestInterest", "date": "2025-06-02", "approved_by": Uuid::nil().to_string()}]});
        assert!(matches!(
            crate::records::cases::update(&mut store, &case.case_number, &typed, &clock, &e),
            Err(CaseError::Invalid(_))
        ));
        // A kind and a date are needed.
        let bare = json!({"assessments": [{"risk_level": "Low"}]});
        let Err(CaseError::Invalid(i)) =
            crate::records::cases::update(&mut store, &case.case_number, &bare, &clock, &e)
        else {
            panic!("a bare assessment was accepted")
        };
        let fields: Vec<&str> = i.0.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["assessments[0].kind", "assessments[0].date"]);

        let shown = crate::records::cases::show(&store, &case.case_number).unwrap();
        let id_of = |kind: &str| -> Uuid {
            let list = shown["assessments"].as_array().unwrap();
            list.iter().find(|a| a["kind"] == kind).unwrap()["id"].as_str().unwrap().parse().unwrap()
        };
        assert!(matches!(approve(&mut store, id_of("Household"), &clock), Err(CaseError::NotBestInterest)));
        assert!(matches!(approve(&mut store, Uuid::nil(), &clock), Err(CaseError::AssessmentNotFound)));
        approve(&mut store, id_of("BestInterest"), &clock).unwrap();
        let shown = crate::records::cases::show(&store, &case.case_number).unwrap();
        let approved = shown["assessments"].as_array().unwrap().iter().find(|a| a["kind"] == "BestInterest").unwrap();
        assert_eq!(approved["approved_by"], store.identity().operator_id.to_string());
        assert!(approved["approved_on"].as_str().is_some());
    }
}
