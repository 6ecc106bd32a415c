//! The figures on the dashboard: what a coordinator looks at first.

use crate::model::schema::EntityKind;
use crate::records::cases::CaseError;
use crate::store::Store;
use chrono::NaiveDate;
use serde::Serialize;

pub use crate::records::worklist::DUE_WITHIN_DAYS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Dashboard {
    pub total_cases: u32,
    pub children: u32,
    /// New cases per month of intake (`YYYY-MM`), the last twelve months that have any.
    pub by_month: Vec<(String, u32)>,
    pub by_exploitation: Vec<(String, u32)>,
    pub by_country: Vec<(String, u32)>,
    pub by_referral_status: Vec<(String, u32)>,
    /// Planned follow-up visits due within [`DUE_WITHIN_DAYS`] from today (today included), and
    /// those past their date. Visits planned further ahead are not due yet.
    pub followups_due: u32,
    pub followups_overdue: u32,
}

fn pairs(store: &Store, sql: &str) -> Result<Vec<(String, u32)>, CaseError> {
    crate::reports::pairs(store, sql, &[])
}

/// The dashboard's figures. A breakdown by a field the operator's role may not read is left
/// empty, and children are counted by what the role reads (`cases::child_column`).
pub fn summary(store: &Store, today: NaiveDate) -> Result<Dashboard, CaseError> {
    let role = store.role();
    let reads = |field: &str| role.may_read(EntityKind::Case, field);
    let reads_referral_status = role.may_read(EntityKind::Referral, "status");
    let one = |sql: &str| -> Result<u32, CaseError> { Ok(store.conn.query_row(sql, [], |r| r.get(0))?) };
    let mut by_month = pairs(
        store,
        "SELECT substr(intake_date, 1, 7) AS m, count(*) FROM case_file WHERE intake_date IS NOT NULL
         GROUP BY m ORDER BY m DESC LIMIT 12",
    )?;
    by_month.reverse();
    let horizon = (today + chrono::Duration::days(DUE_WITHIN_DAYS)).format("%Y-%m-%d").to_string();
    let today = today.format("%Y-%m-%d").to_string();
    let followups = |condition: &str, bounds: &[&String]| -> Result<u32, CaseError> {
        Ok(store.conn.query_row(
            &format!("SELECT count(*) FROM followup WHERE status = 'Planned' AND {condition}"),
            rusqlite::params_from_iter(bounds),
            |r| r.get(0),
        )?)
    };
    Ok(Dashboard {
        total_cases: one("SELECT count(*) FROM case_file")?,
        children: one(&format!(
            "SELECT coalesce(sum({}), 0) FROM case_summary",
            crate::records::cases::child_column(role)
        ))?,
        by_month,
        by_exploitation: match reads("type_of_exploitation") {
            true => pairs(
                store,
                "SELECT t.value, count(*) FROM case_file c, json_each(c.type_of_exploitation) t
                 GROUP BY t.value ORDER BY 2 DESC, 1",
            )?,
            false => Vec::new(),
        },
        by_country: match reads("country_of_exploitation") {
            true => pairs(
                store,
                "SELECT country_of_exploitation, count(*) FROM case_file WHERE country_of_exploitation IS NOT NULL
                 GROUP BY 1 ORDER BY 2 DESC, 1",
            )?,
            false => Vec::new(),
        },
        by_referral_status: match reads_referral_status {
            true => pairs(store, "SELECT status, count(*) FROM referral GROUP BY 1 ORDER BY 1")?,
            false => Vec::new(),
        },
        followups_due: followups("due_date >= ?1 AND due_date <= ?2", &[&today, &horizon])?,
        followups_overdue: followups("due_date < ?1", &[&today])?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::ambient::{FixedClock, SeededEntropy};
    use serde_json::json;

    #[test]
    fn counts_cases_children_types_and_followups() {
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::new(chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap(), 5);
        let mut store = crate::setup::test_store(dir.path(), "65.03", 1, &clock);
        let e = SeededEntropy::new(2);
        let child = json!({"victim": {"first_name": "A", "birthdate": "2005-01-01"}, "intake": {"date": "2019-09-20"},
                           "type_of_exploitation": ["ForcedLabour", "SexualExploitation"], "country_of_exploitation": "MY",
                           "followups": [{"due_date": "2019-10-01"}, {"due_date": "2025-06-20"},
                                         {"due_date": "2025-06-29"}, {"due_date": "2030-01-01"}]});
        let adult = json!({"victim": {"first_name": "B", "birthdate": "1990-01-01"}, "intake": {"date": "2019-10-02"},
                           "type_of_exploitation": ["ForcedLabour"], "country_of_exploitation": "MY"});
        crate::records::cases::create(&mut store, &child, &clock, &e).unwrap();
        crate::records::cases::create(&mut store, &adult, &clock, &e).unwrap();
        let d = summary(&store, NaiveDate::from_ymd_opt(2025, 6, 15).unwrap()).unwrap();
        assert_eq!((d.total_cases, d.children), (2, 1));
        assert_eq!(d.by_month, vec![("2019-09".to_string(), 1), ("2019-10".to_string(), 1)]);
        assert_eq!(d.by_exploitation, vec![("ForcedLabour".to_string(), 2), ("SexualExploitation".to_string(), 1)]);
        assert_eq!(d.by_country, vec![("MY".to_string(), 2)]);
        // Due: within two weeks of the 15th (the 20th, and the 29th at the edge); the visit planned
        // for 2030 is not due yet; the one of 2019 is overdue.
        assert_eq!((d.followups_due, d.followups_overdue), (2, 1));
    }
}
