//! The worklist ("Tugas"): what waits for a person today, each item a click away from its case —
//! follow-up visits due and overdue, referrals waiting for this district's decision, plans past
//! their planned end, assessments due again, best-interest assessments waiting for a
//! coordinator, and conflicts and possible duplicates to review. Only what the operator's role
//! may read and act on is listed.

use crate::model::roles::Permission;
use crate::model::schema::EntityKind;
use crate::records::lookup::CaseError;
use crate::store::Store;
use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

/// How far ahead a planned visit or an assessment counts as due: the coming two weeks.
pub const DUE_WITHIN_DAYS: i64 = 14;

/// What a task asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename_all = "snake_case"))]
pub enum TaskKind {
    /// A planned visit whose due date has passed.
    VisitOverdue,
    /// A planned visit due within [`DUE_WITHIN_DAYS`].
    VisitDue,
    /// A referral to this district, not yet accepted or declined.
    ReferralWaiting,
    /// A plan past its planned end without an actual end or an outcome.
    PlanOverdue,
    /// An assessment whose next review falls within [`DUE_WITHIN_DAYS`] or has passed, with no
    /// later assessment of its kind.
    AssessmentDue,
    /// A child's best-interest assessment no coordinator has approved yet.
    ApprovalWaiting,
    /// Versions of a sensitive field to settle.
    Conflict,
    /// Two victims who may be the same person.
    Duplicate,
}

/// One thing to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Task {
    pub kind: TaskKind,
    pub case_id: Uuid,
    pub case_number: String,
    /// The date the task is measured by (`YYYY-MM-DD`): a visit's or plan's due date, a
    /// referral's or assessment's date; none for reviews.
    pub date: Option<String>,
    /// The record the task is about (a visit, plan, assessment, referral or conflict id).
    pub item: Option<String>,
}

/// The worklist and how many tasks of each kind it holds (the counts beside the navigation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Worklist {
    /// Most urgent first: by kind in the order of [`TaskKind`], then by date.
    pub tasks: Vec<Task>,
    pub counts: Vec<(TaskKind, u32)>,
}

/// What waits today for the operator working now.
pub fn tasks(store: &Store, today: NaiveDate) -> Result<Worklist, CaseError> {
    let role = store.role();
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let horizon = day(today + chrono::Duration::days(DUE_WITHIN_DAYS));
    let today_s = day(today);
    let here = store.identity().district.clone();
    let mut tasks = Vec::new();
    let mut query = |kind: TaskKind, sql: &str, params: &[&dyn rusqlite::ToSql]| -> Result<(), CaseError> {
        let mut stmt = store.conn.prepare(sql)?;
        let rows = stmt.query_map(params, |r| {
            Ok(Task {
                kind,
                case_id: r.get::<_, String>(0)?.parse().unwrap_or_default(),
                case_number: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                date: r.get(2)?,
                item: r.get(3)?,
            })
        })?;
        for row in rows {
            tasks.push(row?);
        }
        Ok(())
    };
    const CASE: &str = "JOIN case_file c ON c.id = x.case_id";
    if role.may_read(EntityKind::Followup, "due_date") {
        let sql = format!(
            "SELECT c.id, c.case_number, x.due_date, x.id FROM followup x {CASE}
             WHERE x.status = 'Planned' AND x.due_date {{}} ORDER BY x.due_date, c.case_number"
        );
        query(TaskKind::VisitOverdue, &sql.replace("{}", "< ?1"), &[&today_s])?;
        query(TaskKind::VisitDue, &sql.replace("{}", "BETWEEN ?1 AND ?2"), &[&today_s, &horizon])?;
    }
    if role.may_read(EntityKind::Referral, "status") && role.allows(Permission::WriteRecords) {
        query(
            TaskKind::ReferralWaiting,
            &format!(
                "SELECT c.id, c.case_number, NULL, x.id FROM referral x {CASE}
                 WHERE x.to_district = ?1 AND x.status IN ('Sent', 'Received') ORDER BY c.case_number"
            ),
            &[&here],
        )?;
    }
    if role.may_read(EntityKind::Plan, "planned_end_date") {
        query(
            TaskKind::PlanOverdue,
            &format!(
                "SELECT c.id, c.case_number, x.planned_end_date, x.id FROM plan x {CASE}
                 WHERE x.planned_end_date < ?1 AND x.actual_end_date IS NULL AND x.outcome IS NULL
                 ORDER BY x.planned_end_date, c.case_number"
            ),
            &[&today_s],
        )?;
    }
    if role.may_read(EntityKind::Assessment, "next_due") {
        query(
            TaskKind::AssessmentDue,
            &format!(
                "SELECT c.id, c.case_number, x.next_due, x.id FROM assessment x {CASE}
                 WHERE x.next_due <= ?1 AND c.status IS NOT 'Closed'
                   AND NOT EXISTS (SELECT 1 FROM assessment y WHERE y.case_id = x.case_id AND y.kind IS x.kind
                                   AND y.date > x.date)
                 ORDER BY x.next_due, c.case_number"
            ),
            &[&horizon],
        )?;
    }
    if role.allows(Permission::ApproveAssessments) {
        query(
            TaskKind::ApprovalWaiting,
            &format!(
                "SELECT c.id, c.case_number, x.date, x.id FROM assessment x {CASE}
                 WHERE x.kind = 'BestInterest' AND x.approved_by IS NULL ORDER BY x.date, c.case_number"
            ),
            &[],
        )?;
    }
    if role.allows(Permission::ReviewMatches) {
        for c in crate::records::conflicts::open_in(&store.conn)? {
            tasks.push(Task {
                kind: TaskKind::Conflict,
                case_id: c.case_id,
                case_number: c.case_number,
                date: None,
                item: Some(c.id),
            });
        }
        for d in crate::records::duplicates::candidates(&store.conn)?.into_iter().filter(|d| d.link.is_none()) {
            tasks.push(Task {
                kind: TaskKind::Duplicate,
                case_id: d.a.case_id,
                case_number: d.a.case_number,
                date: None,
                item: Some(d.b.case_id.to_string()),
            });
        }
    }
    let mut counts: Vec<(TaskKind, u32)> = Vec::new();
    for t in &tasks {
        match counts.last_mut() {
            Some((k, n)) if *k == t.kind => *n += 1,
            _ => counts.push((t.kind, 1)),
        }
    }
    Ok(Worklist { tasks, counts })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::ambient::{FixedClock, SeededEntropy};
    use serde_json::json;

    #[test]
    fn the_worklist_holds_what_is_due_and_nothing_planned_for_later() {
        let dir = tempfile::tempdir().unwrap();
        // 2025-06-15.
        let clock = FixedClock::new(chrono::DateTime::from_timestamp(1_749_988_800, 0).unwrap(), 5);
        let today = NaiveDate::from_ymd_opt(2025, 6, 15).unwrap();
        let e = SeededEntropy::new(6);
        let mut store = crate::setup::test_store(&dir.path().join("s"), "53.03", 1, &clock);
        let doc = json!({"victim": {"first_name": "Maria"}, "intake": {"date": "2025-01-10"},
            "followups": [{"due_date": "2025-06-01"}, {"due_date": "2025-06-20"}, {"due_date": "2026-06-01"},
                          {"due_date": "2025-05-01", "status": "Done", "visit_date": "2025-05-02"}],
            "plans": [{"kind": "Reintegration", "planned_end_date": "2025-06-01"},
                      {"kind": "Support", "planned_end_date": "2025-05-01", "outcome": "Achieved"},
                      {"kind": "Support", "planned_end_date": "2025-12-01"}],
            "assessments": [{"kind": "Individual", "date": "2025-01-11", "next_due": "2025-04-11"},
                            {"kind": "Individual", "date": "2025-04-12", "next_due": "2025-06-20"},
                            {"kind": "Household", "date": "2025-01-11", "next_due": "2025-12-01"},
                            {"kind": "BestInterest", "date": "2025-01-12"}]});
        let case = crate::records::cases::create(&mut store, &doc, &clock, &e).unwrap();
        let list = tasks(&store, today).unwrap();
        let kinds: Vec<(TaskKind, Option<&str>)> = list.tasks.iter().map(|t| (t.kind, t.date.as_deref())).collect();
        assert_eq!(
            kinds,
            [
                (TaskKind::VisitOverdue, Some("2025-06-01")),
                (TaskKind::VisitDue, Some("2025-06-20")),
                (TaskKind::PlanOverdue, Some("2025-06-01")),
                (TaskKind::AssessmentDue, Some("2025-06-20")),
                (TaskKind::ApprovalWaiting, Some("2025-01-12")),
            ]
        );
        assert!(list.tasks.iter().all(|t| t.case_id == case.id && t.case_number == case.case_number));
        assert_eq!(list.counts.iter().map(|(_, n)| n).sum::<u32>(), 5);
    }
}
