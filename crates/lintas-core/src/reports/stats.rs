//! Reports for task forces: statistics for a period and district, and an anonymised export in
//! the style of CTDC (the Counter Trafficking Data Collaborative) with k-anonymity.
//!
//! Statistics count victims (one per case) by intake date. The anonymised export keeps only
//! coarse categories — no names, numbers, places or free text — and makes sure that every
//! combination of its columns is shared by at least `k` rows, by generalising and then
//! suppressing values, and as a last resort leaving rows out.

use crate::records::cases::CaseError;
use crate::store::Store;
use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use serde::Serialize;
use std::collections::BTreeMap;

/// Which cases a report covers: intake dates from/to (inclusive) and the owning district.
#[derive(Debug, Clone, Default)]
pub struct Period {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub district: Option<String>,
}

/// Why the bounds of a report could not be read. Names only the bound, never what was typed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("the first date is not a date (YYYY-MM-DD)")]
    BadFrom,
    #[error("the last date is not a date (YYYY-MM-DD)")]
    BadTo,
    #[error("the first date is after the last date")]
    Reversed,
    #[error("the district is not a kabupaten/kota code")]
    BadDistrict,
}

/// The bounds of a report as a shell sends them: intake dates (`YYYY-MM-DD`, inclusive) and a
/// kabupaten/kota code, each absent or empty for no bound. [`ReportPeriod::to_period`] checks them.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ReportPeriod {
    pub from: Option<String>,
    pub to: Option<String>,
    pub district: Option<String>,
}

impl ReportPeriod {
    pub fn to_period(&self) -> Result<Period, PeriodError> {
        Period::parse(self.from.as_deref(), self.to.as_deref(), self.district.as_deref())
    }
}

impl Period {
    /// Reads the bounds as people and scripts give them: dates as `YYYY-MM-DD`, a kabupaten/kota
    /// code such as `65.03`. Empty text means no bound, so that a cleared field in the app and
    /// a missing option on the command line mean the same.
    pub fn parse(from: Option<&str>, to: Option<&str>, district: Option<&str>) -> Result<Period, PeriodError> {
        fn given(s: Option<&str>) -> Option<&str> {
            s.map(str::trim).filter(|s| !s.is_empty())
        }
        let date = |s: Option<&str>, bad: PeriodError| {
            given(s).map(|d| crate::model::validate::parse_date(d).ok_or(bad)).transpose()
        };
        let from = date(from, PeriodError::BadFrom)?;
        let to = date(to, PeriodError::BadTo)?;
        if matches!((from, to), (Some(f), Some(t)) if f > t) {
            return Err(PeriodError::Reversed);
        }
        let district = given(district).map(str::to_string);
        if district.as_deref().is_some_and(|d| !crate::model::validate::is_regency(d)) {
            return Err(PeriodError::BadDistrict);
        }
        Ok(Period { from, to, district })
    }

    /// The bounds in one short line for the access log: `2025-01-01..2025-12-31 65.03`, with an
    /// open end left empty (`..2025-12-31`). Dates and a district code only.
    pub fn describe(&self) -> String {
        let day = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
        let mut text = format!("{}..{}", day(self.from), day(self.to));
        if let Some(d) = &self.district {
            text.push(' ');
            text.push_str(d);
        }
        text
    }

    fn sql(&self) -> (String, Vec<SqlValue>) {
        let mut cond = String::from(" WHERE 1 = 1");
        let mut params = Vec::new();
        if let Some(f) = self.from {
            params.push(SqlValue::Text(f.format("%Y-%m-%d").to_string()));
            cond.push_str(&format!(" AND c.intake_date >= ?{}", params.len()));
        }
        if let Some(t) = self.to {
            params.push(SqlValue::Text(t.format("%Y-%m-%d").to_string()));
            cond.push_str(&format!(" AND c.intake_date <= ?{}", params.len()));
        }
        if let Some(d) = &self.district {
            params.push(SqlValue::Text(d.clone()));
            cond.push_str(&format!(" AND c.district = ?{}", params.len()));
        }
        (cond, params)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Referrals {
    pub sent: u32,
    pub received: u32,
    pub accepted: u32,
    pub declined: u32,
    pub completed: u32,
    /// Median days from sending to acceptance, over referrals accepted.
    pub median_days_to_acceptance: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Followups {
    pub due: u32,
    pub overdue: u32,
    pub done: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Stats {
    pub victims: u32,
    pub children: u32,
    pub adults: u32,
    pub by_sex: Vec<(String, u32)>,
    pub by_age_group: Vec<(String, u32)>,
    pub by_exploitation: Vec<(String, u32)>,
    pub by_country: Vec<(String, u32)>,
    pub by_recruitment: Vec<(String, u32)>,
    pub services: Vec<(String, u32)>,
    pub referrals: Referrals,
    pub followups: Followups,
}

/// Age at intake in whole years, from the victim's birth date (SQL over `case_file c` and
/// `person p`): one definition for statistics and the anonymised export.
const AGE: &str = "CAST((julianday(c.intake_date) - julianday(p.birthdate)) / 365.2425 AS INTEGER)";

/// Runs a `label, count` query.
pub(crate) fn pairs(store: &Store, sql: &str, params: &[SqlValue]) -> Result<Vec<(String, u32)>, CaseError> {
    let mut stmt = store.conn.prepare(sql)?;
    let rows =
        stmt.query_map(rusqlite::params_from_iter(params), |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Days from sending to acceptance of each accepted referral of the cases that `case_ids` (an
/// SQL query of case ids, bound to `params`) selects, from the op log: when the status became
/// Sent, and Accepted.
pub(crate) fn days_to_acceptance(store: &Store, case_ids: &str, params: &[SqlValue]) -> Result<Vec<f64>, CaseError> {
    let mut stmt = store.conn.prepare(&format!(
        "SELECT (max(CASE WHEN json_extract(CAST(o.body AS TEXT), '$.value') = 'Accepted' THEN o.hlc_ms END)
               - min(CASE WHEN json_extract(CAST(o.body AS TEXT), '$.value') = 'Sent' THEN o.hlc_ms END)) / 86400000.0
         FROM ops o JOIN referral r ON r.id = o.entity_id
         WHERE o.entity = 'referral' AND o.field = 'status' AND r.case_id IN ({case_ids})
         GROUP BY r.id"
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| r.get::<_, Option<f64>>(0))?;
    Ok(rows.filter_map(|r| r.ok().flatten()).filter(|d| *d >= 0.0).collect())
}

/// Task-force statistics for a period and district. They break victims down by fields such as
/// exploitation and country, exactly even for a single case, so a role needs
/// `Permission::ReadStatistics` (shelter staff do not have it; see `roles`).
pub fn stats(store: &Store, period: &Period, today: NaiveDate) -> Result<Stats, CaseError> {
    store.require(crate::model::roles::Permission::ReadStatistics)?;
    let (cond, params) = period.sql();
    let cases = format!("FROM case_file c LEFT JOIN person p ON p.id = c.victim_id{cond}");
    let one = |sql: String| -> Result<u32, CaseError> {
        Ok(store.conn.query_row(&sql, rusqlite::params_from_iter(&params), |r| r.get(0))?)
    };
    let victims = one(format!("SELECT count(*) {cases}"))?;
    let children =
        one(format!("SELECT count(*) FROM case_summary s WHERE s.is_child = 1 AND s.id IN (SELECT c.id {cases})"))?;
    let age_group = format!(
        "CASE WHEN p.birthdate IS NULL OR c.intake_date IS NULL THEN 'unknown'
              WHEN {AGE} < 12 THEN '0-11' WHEN {AGE} < 18 THEN '12-17' WHEN {AGE} < 26 THEN '18-25'
              WHEN {AGE} < 36 THEN '26-35' WHEN {AGE} < 46 THEN '36-45' ELSE '46+' END"
    );
    let list = |col: &str| format!("SELECT t.value, count(*) {cases} AND c.{col} IS NOT NULL");
    let today = today.format("%Y-%m-%d").to_string();
    let mut fparams = params.clone();
    fparams.push(SqlValue::Text(today));
    let t = fparams.len();
    // Every follow-up query binds the same parameters, so each names today (?t) once.
    let followups = |status: &str, extra: &str| -> Result<u32, CaseError> {
        Ok(store.conn.query_row(
            &format!(
                "SELECT count(*) FROM followup f WHERE f.status = '{status}' AND ?{t} IS NOT NULL {extra}
                 AND f.case_id IN (SELECT c.id {cases})"
            ),
            rusqlite::params_from_iter(&fparams),
            |r| r.get(0),
        )?)
    };
    let referral = |status: &str| -> Result<u32, CaseError> {
        Ok(store.conn.query_row(
            &format!(
                "SELECT count(*) FROM referral r WHERE r.status IN ({status}) AND r.case_id IN (SELECT c.id {cases})"
            ),
            rusqlite::params_from_iter(&params),
            |r| r.get(0),
        )?)
    };
    let mut days = days_to_acceptance(store, &format!("SELECT c.id {cases}"), &params)?;
    days.sort_by(f64::total_cmp);
    let median = match days.len() {
        0 => None,
        n if n % 2 == 1 => Some(days[n / 2]),
        n => Some((days[n / 2 - 1] + days[n / 2]) / 2.0),
    };
    Ok(Stats {
        victims,
        children,
        adults: one(format!("SELECT count(*) {cases} AND p.birthdate IS NOT NULL AND c.intake_date IS NOT NULL AND {AGE} >= 18 AND coalesce(c.age_when_trafficked, 18) >= 18"))?,
        by_sex: pairs(store, &format!("SELECT coalesce(p.gender, 'unknown'), count(*) {cases} GROUP BY 1 ORDER BY 1"), &params)?,
        by_age_group: pairs(store, &format!("SELECT {age_group}, count(*) {cases} GROUP BY 1 ORDER BY 1"), &params)?,
        by_exploitation: pairs(
            store,
            &format!("{} GROUP BY 1 ORDER BY 1", list("type_of_exploitation").replace("FROM case_file c", "FROM case_file c JOIN json_each(c.type_of_exploitation) t")),
            &params,
        )?,
        by_country: pairs(store, &format!("SELECT c.country_of_exploitation, count(*) {cases} AND c.country_of_exploitation IS NOT NULL GROUP BY 1 ORDER BY 1"), &params)?,
        by_recruitment: pairs(
            store,
            &format!("{} GROUP BY 1 ORDER BY 1", list("method_of_recruitment").replace("FROM case_file c", "FROM case_file c JOIN json_each(c.method_of_recruitment) t")),
            &params,
        )?,
        services: pairs(
            store,
            &format!("SELECT s.type, count(*) FROM service s WHERE s.type IS NOT NULL AND s.case_id IN (SELECT c.id {cases}) GROUP BY 1 ORDER BY 1"),
            &params,
        )?,
        referrals: Referrals {
            sent: referral("'Sent', 'Received', 'Accepted', 'Declined', 'Completed'")?,
            received: referral("'Received', 'Accepted', 'Declined', 'Completed'")?,
            accepted: referral("'Accepted', 'Completed'")?,
            declined: referral("'Declined'")?,
            completed: referral("'Completed'")?,
            median_days_to_acceptance: median,
        },
        followups: Followups {
            due: followups("Planned", &format!("AND f.due_date >= ?{t}"))?,
            overdue: followups("Planned", &format!("AND f.due_date < ?{t}"))?,
            done: followups("Done", "")?,
        },
    })
}

/// The statistics as CSV for a spreadsheet: `section,key,value` rows, UTF-8 with a byte-order
/// mark and CRLF line ends so that Excel opens it with the right characters.
pub fn stats_csv(s: &Stats) -> String {
    let mut rows: Vec<(String, String, String)> = vec![
        ("total".into(), "victims".into(), s.victims.to_string()),
        ("total".into(), "children".into(), s.children.to_string()),
        ("total".into(), "adults".into(), s.adults.to_string()),
    ];
    for (section, list) in [
        ("sex", &s.by_sex),
        ("age_group", &s.by_age_group),
        ("exploitation", &s.by_exploitation),
        ("country", &s.by_country),
        ("recruitment", &s.by_recruitment),
        ("service", &s.services),
    ] {
        rows.extend(list.iter().map(|(k, v)| (section.to_string(), k.clone(), v.to_string())));
    }
    let r = &s.referrals;
    for (k, v) in [
        ("sent", r.sent),
        ("received", r.received),
        ("accepted", r.accepted),
        ("declined", r.declined),
        ("completed", r.completed),
    ] {
        rows.push(("referral".into(), k.into(), v.to_string()));
    }
    if let Some(d) = r.median_days_to_acceptance {
        rows.push(("referral".into(), "median_days_to_acceptance".into(), format!("{d:.1}")));
    }
    let f = &s.followups;
    for (k, v) in [("due", f.due), ("overdue", f.overdue), ("done", f.done)] {
        rows.push(("followup".into(), k.into(), v.to_string()));
    }
    let mut out = String::from("\u{feff}section,key,value\r\n");
    for (a, b, c) in rows {
        out.push_str(&format!("{},{},{}\r\n", csv_field(&a), csv_field(&b), csv_field(&c)));
    }
    out
}

/// One CSV cell. A cell that a spreadsheet would read as a formula (it begins with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) is written as text, behind a quote mark, so that opening the
/// file in Excel or LibreOffice runs nothing (CSV injection). Cells with separators are quoted.
pub(crate) fn csv_field(s: &str) -> String {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let s = if formula { format!("'{s}") } else { s.to_string() };
    if formula || s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The columns of the anonymised export, all quasi-identifiers; no direct identifier exists in
/// it. The order of `GENERALISE` says which is given up first when a combination is too rare.
pub const CTDC_COLUMNS: [&str; 8] = [
    "registration_year",
    "age_band",
    "gender",
    "citizenship",
    "type_of_exploitation",
    "means_of_control",
    "recruiter_relation",
    "country_of_exploitation",
];

/// CTDC's age bands at registration.
fn age_band(age: Option<i64>) -> String {
    match age {
        None => "unknown".into(),
        Some(a) if a <= 8 => "0-8".into(),
        Some(a) if a <= 17 => "9-17".into(),
        Some(a) if a <= 20 => "18-20".into(),
        Some(a) if a <= 23 => "21-23".into(),
        Some(a) if a <= 26 => "24-26".into(),
        Some(a) if a <= 29 => "27-29".into(),
        Some(a) if a <= 38 => "30-38".into(),
        Some(a) if a <= 47 => "39-47".into(),
        Some(_) => "48+".into(),
    }
}

/// One generalisation step: which column, and what it becomes.
type Step = (usize, fn(&str) -> String);

fn suppress(_: &str) -> String {
    "*".into()
}

fn child_or_adult(band: &str) -> String {
    match band {
        "0-8" | "9-17" => "0-17".into(),
        "unknown" | "*" => band.into(),
        _ => "18+".into(),
    }
}

/// Least useful first: details of control and relation go before age, exploitation and country.
const GENERALISE: [Step; 9] = [
    (5, suppress),
    (6, suppress),
    (3, suppress),
    (1, child_or_adult),
    (0, suppress),
    (4, suppress),
    (7, suppress),
    (1, suppress),
    (2, suppress),
];

/// The result of an anonymised export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CtdcExport {
    pub rows: u32,
    /// Victims left out because even fully generalised they would be fewer than k alike.
    pub suppressed_rows: u32,
    pub k: u32,
    pub csv: String,
}

fn group_sizes(rows: &[Vec<String>]) -> BTreeMap<&[String], u32> {
    let mut g: BTreeMap<&[String], u32> = BTreeMap::new();
    for r in rows {
        *g.entry(r.as_slice()).or_default() += 1;
    }
    g
}

/// Applies k-anonymity: rows in combinations rarer than `k` are generalised step by step, and
/// rows still too rare after every step are left out. Rows in combinations of at least `k` are
/// never touched, so groups only grow.
pub fn k_anonymise(mut rows: Vec<Vec<String>>, k: u32) -> (Vec<Vec<String>>, u32) {
    for (col, f) in GENERALISE {
        let rare: Vec<bool> = {
            let sizes = group_sizes(&rows);
            rows.iter().map(|r| sizes[r.as_slice()] < k).collect()
        };
        for (r, is_rare) in rows.iter_mut().zip(rare) {
            if is_rare {
                r[col] = f(&r[col]);
            }
        }
    }
    let keep: Vec<bool> = {
        let sizes = group_sizes(&rows);
        rows.iter().map(|r| sizes[r.as_slice()] >= k).collect()
    };
    let before = rows.len();
    let rows: Vec<Vec<String>> = rows.into_iter().zip(keep).filter(|(_, k)| *k).map(|(r, _)| r).collect();
    let dropped = (before - rows.len()) as u32;
    (rows, dropped)
}

/// Builds the anonymised export of every case in the period (logged as an export).
pub fn ctdc(
    store: &Store,
    period: &Period,
    k: u32,
    clock: &dyn crate::support::ambient::Clock,
) -> Result<CtdcExport, CaseError> {
    store.require(crate::model::roles::Permission::ExportRecords)?;
    crate::log::access::record(store, crate::log::access::Action::ExportAnonymised, &format!("k={k}"), clock)
        .map_err(crate::log::oplog::OpLogError::from)?;
    let k = k.max(2);
    let (cond, params) = period.sql();
    let sql = format!(
        "SELECT substr(c.intake_date, 1, 4),
                CASE WHEN p.birthdate IS NULL OR c.intake_date IS NULL THEN c.age_when_trafficked ELSE {AGE} END,
                p.gender, json_extract(p.citizenship, '$[0]'), c.type_of_exploitation, c.means_of_control,
                c.relationship_to_trafficker, c.country_of_exploitation
         FROM case_file c LEFT JOIN person p ON p.id = c.victim_id{cond}"
    );
    let mut stmt = store.conn.prepare(&sql)?;
    let sorted_set = |json: Option<String>| -> String {
        let mut v: Vec<String> = json.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default();
        v.sort();
        if v.is_empty() {
            "unknown".into()
        } else {
            v.join("|")
        }
    };
    let rows: Vec<Vec<String>> = stmt
        .query_map(rusqlite::params_from_iter(&params), |r| {
            let text = |i: usize| -> rusqlite::Result<String> {
                Ok(r.get::<_, Option<String>>(i)?.unwrap_or_else(|| "unknown".into()))
            };
            Ok(vec![
                text(0)?,
                age_band(r.get::<_, Option<i64>>(1)?),
                text(2)?,
                text(3)?,
                sorted_set(r.get(4)?),
                sorted_set(r.get(5)?),
                text(6)?,
                text(7)?,
            ])
        })?
        .collect::<Result<_, _>>()?;
    let (rows, suppressed_rows) = k_anonymise(rows, k);
    let mut csv = format!("\u{feff}{}\r\n", CTDC_COLUMNS.join(","));
    let mut sorted = rows.clone();
    sorted.sort();
    for r in &sorted {
        csv.push_str(&r.iter().map(|v| csv_field(v)).collect::<Vec<_>>().join(","));
        csv.push_str("\r\n");
    }
    Ok(CtdcExport { rows: sorted.len() as u32, suppressed_rows, k, csv })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_csv_cell_can_be_read_as_a_formula() {
        for cell in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\",\"y\")"] {
            let out = csv_field(cell);
            assert!(out.starts_with("\"'"), "{cell:?} -> {out:?}");
            // The cell reads back as the text itself, behind the quote mark.
            let inner = &out[1..out.len() - 1];
            assert_eq!(inner.replace("\"\"", "\""), format!("'{cell}"));
        }
        assert_eq!(csv_field("ForcedLabour"), "ForcedLabour");
        assert_eq!(csv_field("12"), "12");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
    }

    fn row(vals: [&str; 8]) -> Vec<String> {
        vals.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn k_anonymity_generalises_then_suppresses_and_never_leaves_a_small_group() {
        let common = row(["2019", "18-20", "Feminine", "ID", "ForcedLabour", "DebtBondage", "Acquainted", "MY"]);
        let mut rows = vec![common.clone(); 5];
        // Two rare rows that become alike once control and relation are given up.
        rows.push(row(["2019", "18-20", "Feminine", "ID", "ForcedLabour", "PhysicalAbuse", "Familial", "MY"]));
        rows.push(row(["2019", "18-20", "Feminine", "ID", "ForcedLabour", "Other", "Unaquainted", "MY"]));
        // One that stays unique whatever happens.
        rows.push(row(["2020", "48+", "Masculine", "PH", "OrganRemoval", "Other", "Familial", "SA"]));
        let (out, dropped) = k_anonymise(rows, 2);
        assert_eq!(dropped, 1);
        assert_eq!(out.len(), 7);
        assert_eq!(out.iter().filter(|r| **r == common).count(), 5, "groups of at least k stay as they are");
        for (_, n) in group_sizes(&out) {
            assert!(n >= 2);
        }
        assert!(out.iter().any(|r| r[5] == "*" && r[6] == "*"));
    }

    #[test]
    fn age_bands_follow_ctdc() {
        assert_eq!(age_band(Some(8)), "0-8");
        assert_eq!(age_band(Some(17)), "9-17");
        assert_eq!(age_band(Some(18)), "18-20");
        assert_eq!(age_band(Some(48)), "48+");
        assert_eq!(age_band(None), "unknown");
    }
}

#[cfg(test)]
mod period_tests {
    use super::*;

    #[test]
    fn bounds_are_read_trimmed_and_checked() {
        let p = Period::parse(Some(" 2025-01-01 "), Some("2025-12-31"), Some("65.03")).unwrap();
        assert_eq!(p.from, NaiveDate::from_ymd_opt(2025, 1, 1));
        assert_eq!(p.to, NaiveDate::from_ymd_opt(2025, 12, 31));
        assert_eq!(p.district.as_deref(), Some("65.03"));
        assert_eq!(p.describe(), "2025-01-01..2025-12-31 65.03");
        let open = Period::parse(Some(""), None, Some("  ")).unwrap();
        assert_eq!((open.from, open.to, open.district), (None, None, None));
        assert_eq!(Period::parse(None, Some("2020-06-30"), None).unwrap().describe(), "..2020-06-30");
        assert_eq!(Period::parse(Some("31/12/2025"), None, None).unwrap_err(), PeriodError::BadFrom);
        assert_eq!(Period::parse(None, Some("2025-02-30"), None).unwrap_err(), PeriodError::BadTo);
        assert_eq!(Period::parse(Some("2025-02-01"), Some("2025-01-31"), None).unwrap_err(), PeriodError::Reversed);
        assert_eq!(Period::parse(None, None, Some("Nunukan")).unwrap_err(), PeriodError::BadDistrict);
    }
}

#[cfg(test)]
mod store_tests {
    use super::*;
    use crate::support::ambient::{FixedClock, SeededEntropy};
    use serde_json::json;

    #[test]
    fn stats_of_a_small_store() {
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::new(chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap(), 5);
        let mut store = crate::setup::test_store(dir.path(), "65.03", 1, &clock);
        let e = SeededEntropy::new(2);
        let doc = json!({"victim": {"first_name": "A", "gender": "Feminine", "birthdate": "2005-01-01"},
                         "intake": {"date": "2019-09-20"}, "type_of_exploitation": ["ForcedLabour"],
                         "method_of_recruitment": ["ThroughFriendsOrSocialEvents"],
                         "services": [{"type": "Shelter"}], "followups": [{"due_date": "2019-10-01", "status": "Done"}]});
        crate::records::cases::create(&mut store, &doc, &clock, &e).unwrap();
        let s = stats(&store, &Period::default(), NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
        let s = match s {
            Ok(s) => s,
            Err(CaseError::OpLog(crate::log::oplog::OpLogError::Store(e))) => panic!("store error {e:?}"),
            Err(e) => panic!("{e:?}"),
        };
        assert_eq!((s.victims, s.children, s.adults), (1, 1, 0));
        assert_eq!(s.by_age_group, vec![("12-17".to_string(), 1)]);
        assert_eq!(s.by_exploitation, vec![("ForcedLabour".to_string(), 1)]);
        assert_eq!(s.services, vec![("Shelter".to_string(), 1)]);
        assert_eq!(s.followups, Followups { due: 0, overdue: 0, done: 1 });
    }
}
