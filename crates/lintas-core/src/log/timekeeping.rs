//! Whether the laptop's clock can be believed, judged against the newest time the op log holds:
//! this laptop's own writes and every op imported from other districts (whose clocks a bundle
//! may not set more than a day ahead, `oplog::FUTURE_TOLERANCE_MS`). A clock far behind makes
//! intake dates, follow-ups and the access log wrong and every district's bundle look as if it
//! came from the future; one far ahead dates everything it writes wrongly.

use crate::store::{Store, StoreError};
use crate::support::ambient::Clock;
use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use serde::Serialize;

/// More than this behind the newest time seen is a wrong clock (beyond the day a peer's clock
/// may run ahead).
const BEHIND_TOLERANCE_DAYS: i64 = 2;
/// More than this ahead of the newest time seen is most likely a wrong clock; a laptop left
/// unused that long is rare, and the warning only asks to check.
const AHEAD_TOLERANCE_DAYS: i64 = 366;

/// A clock to check before writing: how far it is from the newest time seen, and that time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "direction", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum ClockWarning {
    /// The clock says a time before what this store already holds.
    Behind { days: u32, newest_seen: String },
    /// The clock says a time far after anything this store holds.
    Ahead { days: u32, newest_seen: String },
}

/// `None` when the clock agrees with the log (or the log is empty).
pub fn check(store: &Store, clock: &dyn Clock) -> Result<Option<ClockWarning>, StoreError> {
    let newest: Option<i64> =
        store.conn.query_row("SELECT max(hlc_ms) FROM ops", [], |r| r.get(0)).optional()?.flatten();
    Ok(newest.and_then(DateTime::from_timestamp_millis).and_then(|newest| judge(newest, clock.now())))
}

fn judge(newest: DateTime<Utc>, now: DateTime<Utc>) -> Option<ClockWarning> {
    let newest_seen = newest.date_naive().to_string();
    let behind = (newest - now).num_days();
    let ahead = (now - newest).num_days();
    if behind > BEHIND_TOLERANCE_DAYS {
        Some(ClockWarning::Behind { days: behind.min(i64::from(u32::MAX)) as u32, newest_seen })
    } else if ahead > AHEAD_TOLERANCE_DAYS {
        Some(ClockWarning::Ahead { days: ahead.min(i64::from(u32::MAX)) as u32, newest_seen })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::setup::test_store;
    use crate::support::ambient::FixedClock;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_clock_years_behind_or_ahead_of_the_log_is_named_and_a_day_either_way_is_not() {
        let newest = at("2026-12-04T08:00:00Z");
        assert_eq!(judge(newest, at("2026-12-04T09:00:00Z")), None);
        assert_eq!(judge(newest, at("2026-12-03T07:00:00Z")), None, "a peer's clock may run a day ahead");
        assert_eq!(
            judge(newest, at("2024-01-01T00:00:00Z")),
            Some(ClockWarning::Behind { days: 1068, newest_seen: "2026-12-04".into() })
        );
        assert_eq!(judge(newest, at("2027-06-01T00:00:00Z")), None, "half a year without work is no sign");
        assert_eq!(
            judge(newest, at("2031-12-04T08:00:00Z")),
            Some(ClockWarning::Ahead { days: 1826, newest_seen: "2026-12-04".into() })
        );
    }

    #[test]
    fn the_store_is_judged_by_its_newest_op() {
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::new(at("2026-12-04T08:00:00Z"), 1);
        let store = test_store(dir.path(), "65.03", 1, &clock);
        let newest: i64 = store.conn.query_row("SELECT max(hlc_ms) FROM ops", [], |r| r.get(0)).unwrap();
        let newest = DateTime::from_timestamp_millis(newest).unwrap();
        let right = FixedClock::new(newest + chrono::Duration::hours(1), 0);
        assert_eq!(check(&store, &right).unwrap(), None);
        let years_behind = FixedClock::new(newest - chrono::Duration::days(3 * 365), 0);
        assert!(matches!(check(&store, &years_behind).unwrap(), Some(ClockWarning::Behind { .. })));
    }
}
