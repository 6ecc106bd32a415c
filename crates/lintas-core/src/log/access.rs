//! The access log: every view of a case by a person and every export, attributed to the
//! operator, in a hash chain of its own so that `audit verify` finds a removed or altered entry.

use crate::model::roles::Permission;
use crate::store::{Store, StoreError};
use crate::support::ambient::Clock;
use crate::support::canonical;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde_json::json;

/// What was accessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ViewCase,
    ExportBundle,
    ExportAnonymised,
    ExportAttachment,
    /// A backup of the whole store; the target is the backup file's SHA-256.
    ExportBackup,
    /// The printable statistics report: aggregate figures only, logged like the other reports.
    ExportReport,
    /// This store was restored from a backup; the target is the backup file's SHA-256.
    RestoreBackup,
    /// The database key was changed; the target is the number of pages re-encrypted.
    RotateKeys,
    /// Cases written to a workbook in the HTCDS layout; the target is the file's SHA-256.
    ExportSpreadsheet,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::ViewCase => "view_case",
            Action::ExportBundle => "export_bundle",
            Action::ExportAnonymised => "export_anonymised",
            Action::ExportAttachment => "export_attachment",
            Action::ExportBackup => "export_backup",
            Action::ExportReport => "export_report",
            Action::RestoreBackup => "restore_backup",
            Action::RotateKeys => "rotate_keys",
            Action::ExportSpreadsheet => "export_spreadsheet",
        }
    }
}

fn genesis() -> [u8; 32] {
    ring::digest::digest(&ring::digest::SHA256, b"lintas-access-v1").as_ref().try_into().expect("32 bytes")
}

fn body(seq: i64, at: &str, operator: &str, action: &str, target: &str) -> Vec<u8> {
    canonical::to_string(&json!({"seq": seq, "at": at, "operator": operator, "action": action, "target": target}))
        .into_bytes()
}

fn chain(prev: &[u8], body: &[u8]) -> Vec<u8> {
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
    ctx.update(prev);
    ctx.update(body);
    ctx.finish().as_ref().to_vec()
}

/// Appends an entry. `target` is an id or a district code, never personal data.
pub(crate) fn record(store: &Store, action: Action, target: &str, clock: &dyn Clock) -> Result<(), StoreError> {
    record_on(&store.conn, store.identity().operator_id, action, target, clock)
}

/// Writes a file that takes data out of the store (a report, a workbook) and records it in the
/// access log: both or neither. The entry is written in a transaction that is committed only
/// once the file is in place; if the commit fails, the file is removed. The outer error is the
/// store's, the inner one the file's.
pub(crate) fn write_logged(
    store: &Store,
    action: Action,
    target: &str,
    clock: &dyn Clock,
    out: &std::path::Path,
    bytes: &[u8],
) -> Result<Result<(), std::io::Error>, StoreError> {
    let tx = store.conn.unchecked_transaction()?;
    record_on(&tx, store.identity().operator_id, action, target, clock)?;
    if let Err(e) = crate::support::files::write_durably(out, bytes) {
        return Ok(Err(e));
    }
    if let Err(e) = tx.commit() {
        let _ = std::fs::remove_file(out);
        return Err(e.into());
    }
    Ok(Ok(()))
}

/// Appends an entry on a connection that may be inside a transaction (an export's), so that the
/// entry is kept only if that transaction is.
pub(crate) fn record_on(
    conn: &Connection,
    operator: uuid::Uuid,
    action: Action,
    target: &str,
    clock: &dyn Clock,
) -> Result<(), StoreError> {
    let last: Option<(i64, Vec<u8>)> = conn
        .query_row("SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (seq, prev) = match last {
        Some((s, h)) => (s + 1, h),
        None => (1, genesis().to_vec()),
    };
    let at = clock.now().to_rfc3339();
    let operator = operator.to_string();
    let hash = chain(&prev, &body(seq, &at, &operator, action.as_str(), target));
    conn.execute(
        "INSERT INTO access_log (seq, at, operator, action, target, prev, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        rusqlite::params![seq, at, operator, action.as_str(), target, prev, hash],
    )?;
    Ok(())
}

/// The first entry of the access log that does not fit its chain.
#[derive(Debug)]
pub(crate) enum Broken {
    At(u64),
    Store(StoreError),
}

impl From<rusqlite::Error> for Broken {
    fn from(e: rusqlite::Error) -> Self {
        Broken::Store(e.into())
    }
}

/// Walks the chain; returns the number of entries.
pub(crate) fn verify(conn: &Connection) -> Result<u64, Broken> {
    let mut stmt = conn.prepare("SELECT seq, at, operator, action, target, prev, hash FROM access_log ORDER BY seq")?;
    let mut rows = stmt.query([])?;
    let mut prev = genesis().to_vec();
    let mut expected = 1i64;
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        // A rewritten column may hold any type; a type mismatch is a broken entry.
        let text = |i: usize| r.get::<_, String>(i).unwrap_or_default();
        let bytes = |i: usize| r.get::<_, Vec<u8>>(i).unwrap_or_default();
        let hash = chain(&prev, &body(seq, &text(1), &text(2), &text(3), &text(4)));
        if seq != expected || bytes(5) != prev || bytes(6) != hash {
            return Err(Broken::At(expected as u64));
        }
        prev = hash;
        expected += 1;
    }
    Ok((expected - 1) as u64)
}

/// One entry, as the audit screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AccessEntry {
    pub seq: u32,
    pub at: String,
    pub operator: Option<String>,
    pub action: String,
    pub target: String,
    pub case_number: Option<String>,
}

/// The access log, newest first. The case number is that of the case viewed, or of the case
/// whose attachment was taken out, so that people see which case without a personal detail.
pub fn list(store: &Store, offset: u32, limit: u32) -> Result<Vec<AccessEntry>, StoreError> {
    store.require(Permission::ReadAudit)?;
    let mut stmt = store.conn.prepare(
        "SELECT a.seq, a.at, w.name, a.action, a.target, c.case_number
         FROM access_log a LEFT JOIN operator w ON w.id = a.operator
              LEFT JOIN attachment f ON a.action = 'export_attachment' AND f.id = a.target
              LEFT JOIN case_file c ON c.id = coalesce(f.case_id, a.target)
         ORDER BY a.seq DESC LIMIT ?1 OFFSET ?2",
    )?;
    let rows = stmt.query_map((limit.clamp(1, 1000), offset), |r| {
        Ok(AccessEntry {
            seq: r.get(0)?,
            at: r.get(1)?,
            operator: r.get(2)?,
            action: r.get(3)?,
            target: r.get(4)?,
            case_number: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::ambient::FixedClock;

    #[test]
    fn entries_chain_and_tampering_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::new(chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap(), 5);
        let store = crate::setup::test_store(dir.path(), "65.03", 1, &clock);
        for t in ["a", "b", "c"] {
            record(&store, Action::ViewCase, t, &clock).unwrap();
        }
        record(&store, Action::ExportBundle, "53.03", &clock).unwrap();
        assert_eq!(verify(&store.conn).unwrap(), 4);
        let listed = list(&store, 0, 10).unwrap();
        assert_eq!(listed[0].action, "export_bundle");
        assert_eq!(listed[0].operator.as_deref(), Some("Petugas"));
        store.conn.execute("UPDATE access_log SET target = 'x' WHERE seq = 2", []).unwrap();
        assert!(matches!(verify(&store.conn), Err(Broken::At(2))));
        store.conn.execute("UPDATE access_log SET target = 'b' WHERE seq = 2", []).unwrap();
        assert_eq!(verify(&store.conn).unwrap(), 4);
        store.conn.execute("DELETE FROM access_log WHERE seq = 3", []).unwrap();
        assert!(matches!(verify(&store.conn), Err(Broken::At(3))));
    }

    #[test]
    fn entries_name_the_case_of_a_view_and_of_an_attachment_taken_out() {
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::new(chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap(), 5);
        let mut store = crate::setup::test_store(dir.path(), "65.03", 1, &clock);
        let entropy = crate::support::ambient::SeededEntropy::new(3);
        let doc = serde_json::json!({"victim": {"first_name": "Maria"}, "intake": {"date": "2019-09-20"}});
        let created = crate::records::cases::create(&mut store, &doc, &clock, &entropy).unwrap();
        let file = crate::records::cases::attach(
            &mut store,
            &created.case_number,
            "scan.pdf",
            "application/pdf",
            b"%PDF",
            &clock,
            &entropy,
        )
        .unwrap();
        crate::records::cases::view(&store, &created.case_number, &clock).unwrap();
        crate::records::cases::export_attachment(&store, file, &clock).unwrap();
        record(&store, Action::ExportReport, "2025-01-01..2025-12-31 65.03", &clock).unwrap();
        let listed = list(&store, 0, 10).unwrap();
        let seen: Vec<(&str, Option<&str>)> =
            listed.iter().map(|e| (e.action.as_str(), e.case_number.as_deref())).collect();
        let number = Some(created.case_number.as_str());
        assert_eq!(seen, vec![("export_report", None), ("export_attachment", number), ("view_case", number)]);
        assert_eq!(listed[0].target, "2025-01-01..2025-12-31 65.03");
        assert_eq!(verify(&store.conn).unwrap(), 3);
    }
}
