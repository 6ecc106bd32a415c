//! `audit verify`: proves the op log is intact and the tables are exactly what it says.
//!
//! For every device the chain is walked from its first op: sequence numbers without gaps, each
//! hash recomputed from its predecessor and the stored body, each body's indexed columns equal
//! to what the body says. Then the whole log is replayed into an empty in-memory database and
//! compared with the materialised tables, which catches a table edited behind the log's back.

use crate::log::oplog::{self, Op, OpLogError};
use crate::log::view;
use crate::model::roles::Permission;
use crate::store::{Store, StoreError};
use rusqlite::Connection;
use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AuditReport {
    pub devices: usize,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub ops: u64,
}

/// The first thing found wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditFailure {
    #[error("op {seq} of device {device} is missing (the chain has a gap)")]
    Gap { device: Uuid, seq: u64 },
    #[error("op {seq} of device {device} does not match its hash (altered or reordered)")]
    BrokenLink { device: Uuid, seq: u64 },
    #[error("op {seq} of device {device} cannot be read")]
    Unreadable { device: Uuid, seq: u64 },
    #[error("entry {seq} of the access log was altered or removed")]
    AccessLogBroken { seq: u64 },
    #[error("an attachment's content does not match its SHA-256")]
    BlobAltered,
    #[error("table {table} differs from what the op log says")]
    ViewDiffers { table: String },
}

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error(transparent)]
    Failed(#[from] AuditFailure),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for AuditError {
    fn from(e: rusqlite::Error) -> Self {
        AuditError::Store(e.into())
    }
}

impl From<crate::log::op::Malformed> for AuditError {
    fn from(e: crate::log::op::Malformed) -> Self {
        OpLogError::from(e).into()
    }
}

impl From<OpLogError> for AuditError {
    fn from(e: OpLogError) -> Self {
        match e {
            OpLogError::Store(s) => AuditError::Store(s),
            other => AuditError::Store(StoreError::from(match other {
                OpLogError::View(v) => v,
                _ => view::ViewError::Sql(crate::store::SqlFault {
                    code: rusqlite::ErrorCode::Unknown,
                    extended: 0,
                    kind: "op_log",
                }),
            })),
        }
    }
}

/// One change in the log, as the audit screen lists it. Values are left out on purpose: they
/// may be personal data, and the list is about who changed what, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AuditEntry {
    pub op: String,
    /// The op's timestamp, RFC 3339 in UTC.
    pub at: String,
    pub author: Option<String>,
    pub district: Option<String>,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub field: Option<String>,
    pub case_number: Option<String>,
}

/// The op log, newest first.
pub fn log(store: &Store, offset: u32, limit: u32) -> Result<Vec<AuditEntry>, AuditError> {
    store.require(Permission::ReadAudit)?;
    let conn = &store.conn;
    let mut stmt = conn.prepare(
        "SELECT o.device, o.seq, o.hlc_ms, w.name, o.entity, o.entity_id, o.action, o.field,
                coalesce(t.district, CASE WHEN o.device = (SELECT value FROM meta WHERE key = 'device_id')
                                          THEN (SELECT value FROM meta WHERE key = 'district') END)
         FROM ops o LEFT JOIN operator w ON w.id = o.author
                    LEFT JOIN trusted_devices t ON t.device_id = o.device
         ORDER BY o.hlc_ms DESC, o.hlc_c DESC, o.device DESC, o.seq DESC LIMIT ?1 OFFSET ?2",
    )?;
    let rows = stmt.query_map((limit.clamp(1, 1000), offset), |r| {
        Ok((
            format!("{}:{}", r.get::<_, String>(0)?, r.get::<_, i64>(1)?),
            r.get::<_, i64>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, Option<String>>(7)?,
            r.get::<_, Option<String>>(8)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (op, ms, author, entity, entity_id, action, field, district) = row?;
        let case_number = match crate::model::schema::EntityKind::parse(&entity) {
            Some(kind) => match view::cases_touched(conn, kind, &entity_id).map_err(StoreError::from)?.first() {
                Some(case) => conn
                    .query_row("SELECT case_number FROM case_file WHERE id = ?1", [case.to_string()], |r| r.get(0))
                    .ok(),
                None => None,
            },
            None => None,
        };
        let at = chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default().to_rfc3339();
        out.push(AuditEntry { op, at, author, district, entity, entity_id, action, field, case_number });
    }
    Ok(out)
}

/// SHA-256 over every row of every table, in a fixed order: equal digests mean a store's
/// content did not change. Used to prove that refused input left no trace.
pub fn state_digest(store: &Store) -> Result<String, AuditError> {
    let conn = &store.conn;
    let tables: Vec<String> = {
        let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\""))?;
        let n = stmt.column_count();
        let mut lines = Vec::new();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let mut line = String::new();
            for i in 0..n {
                line.push_str(&format!("{:?}|", r.get::<_, rusqlite::types::Value>(i)?));
            }
            lines.push(line);
        }
        lines.sort();
        ctx.update(table.as_bytes());
        for l in lines {
            ctx.update(l.as_bytes());
            ctx.update(b"\n");
        }
    }
    Ok(ctx.finish().as_ref().iter().map(|b| format!("{b:02x}")).collect())
}

/// The number of rows of every table, by name: for tests that check which bookkeeping tables
/// an import may change (alerts) and which it may not (blobs, trust, receipts).
#[doc(hidden)]
pub fn row_counts(store: &Store) -> Result<std::collections::BTreeMap<String, i64>, AuditError> {
    let conn = &store.conn;
    let tables: Vec<String> = {
        let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut out = std::collections::BTreeMap::new();
    for table in tables {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| r.get(0))?;
        out.insert(table, n);
    }
    Ok(out)
}

/// The bytes of a column whether it holds a BLOB or (after tampering) TEXT.
fn raw_bytes(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Vec<u8>> {
    use rusqlite::types::ValueRef;
    Ok(match r.get_ref(i)? {
        ValueRef::Blob(b) | ValueRef::Text(b) => b.to_vec(),
        _ => Vec::new(),
    })
}

pub fn verify(store: &Store) -> Result<AuditReport, AuditError> {
    store.require(Permission::ReadAudit)?;
    let conn = &store.conn;
    let mut devices: Vec<String> = Vec::new();
    {
        let mut stmt = conn.prepare("SELECT DISTINCT device FROM ops ORDER BY device")?;
        for d in stmt.query_map([], |r| r.get(0))? {
            devices.push(d?);
        }
    }
    let mut total = 0u64;
    for device_text in &devices {
        let device: Uuid = device_text.parse().map_err(|_| AuditFailure::Unreadable { device: Uuid::nil(), seq: 0 })?;
        // This device's own chain must be whole from its first op. Other devices' chains arrive
        // in part (only the cases shared with this district), so each of their ops must hash
        // correctly from the predecessor it names, and link up wherever that predecessor is here.
        let own = device == store.identity().device_id;
        let mut prev = oplog::genesis(device);
        let mut expected = 1u64;
        let mut stmt = conn.prepare(
            "SELECT seq, hlc_ms, hlc_c, author, action, entity, entity_id, field, body, hash, prev, erased_by
             FROM ops WHERE device = ?1 ORDER BY seq",
        )?;
        let mut rows = stmt.query([device_text])?;
        while let Some(r) = rows.next()? {
            let seq = r.get::<_, i64>(0)? as u64;
            if own && seq != expected {
                return Err(AuditFailure::Gap { device, seq: expected }.into());
            }
            let body = raw_bytes(r, 8)?;
            let hash = raw_bytes(r, 9)?;
            let stored_prev = raw_bytes(r, 10)?;
            let linked = seq == expected;
            if !own && !linked {
                prev = stored_prev.as_slice().try_into().map_err(|_| AuditFailure::BrokenLink { device, seq })?;
            }
            if r.get::<_, Option<String>>(11)?.is_some() {
                // An erased op has no body left to hash; its place in the chain must still
                // hold, and `erasure::verify` checks that an intact erase op emptied it.
                let hash: [u8; 32] =
                    hash.as_slice().try_into().map_err(|_| AuditFailure::BrokenLink { device, seq })?;
                if stored_prev != prev {
                    return Err(AuditFailure::BrokenLink { device, seq }.into());
                }
                prev = hash;
                expected = seq + 1;
                total += 1;
                continue;
            }
            let computed = oplog::chain_hash(&prev, &body);
            if hash != computed || stored_prev != prev {
                return Err(AuditFailure::BrokenLink { device, seq }.into());
            }
            let op = Op::from_body(&body).map_err(|_| AuditFailure::Unreadable { device, seq })?;
            // A column someone rewrote may hold any type; a type mismatch is a disagreement.
            let columns_agree = op.id.device == device
                && op.id.seq == seq
                && r.get::<_, i64>(1).ok() == Some(op.hlc.ms)
                && r.get::<_, u32>(2).ok() == Some(op.hlc.counter)
                && r.get::<_, String>(3).ok() == Some(op.author.to_string())
                && r.get::<_, String>(5).ok().as_deref() == Some(op.entity.as_str())
                && r.get::<_, String>(6).ok() == Some(op.entity_id.to_string())
                && r.get::<_, Option<String>>(7).ok() == Some(op.field.clone())
                && body == op.body()
                && r.get::<_, String>(4).ok().as_deref() == Some(op.action.as_str());
            if !columns_agree {
                return Err(AuditFailure::BrokenLink { device, seq }.into());
            }
            prev = computed;
            expected = seq + 1;
            total += 1;
        }
    }
    if let Some((device, seq)) = crate::log::erase::verify(conn)? {
        return Err(AuditFailure::BrokenLink { device, seq }.into());
    }
    verify_blobs(conn)?;
    match crate::log::access::verify(conn) {
        Ok(_) => {}
        Err(crate::log::access::Broken::At(seq)) => return Err(AuditFailure::AccessLogBroken { seq }.into()),
        Err(crate::log::access::Broken::Store(e)) => return Err(e.into()),
    }
    compare_with_replay(store)?;
    Ok(AuditReport { devices: devices.len(), ops: total })
}

/// Attachment contents are addressed by their hash; rehash every one.
fn verify_blobs(conn: &Connection) -> Result<(), AuditError> {
    let mut stmt = conn.prepare("SELECT sha256, data FROM blobs")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let sha: String = r.get(0)?;
        let data = raw_bytes(r, 1)?;
        let actual: String =
            ring::digest::digest(&ring::digest::SHA256, &data).as_ref().iter().map(|b| format!("{b:02x}")).collect();
        if actual != sha {
            return Err(AuditFailure::BlobAltered.into());
        }
    }
    Ok(())
}

/// Ops per transaction when a replay writes to a database on disk.
const REPLAY_CHUNK: usize = 20_000;

/// Copies the store's log (ops and attachment contents, as stored) into another database and
/// replays it there, so that it holds exactly the rows the core makes of that log. Nothing
/// else writes a second database: lintas-bench fills its comparison databases with it, with
/// synthetic data only. The caller decides where `to` lives, so the product never calls it
/// with anything but an in-memory or encrypted database.
pub fn replay_log(store: &Store, to: &mut Connection) -> Result<(), AuditError> {
    crate::log::upgrade::run(to).map_err(StoreError::from)?;
    // Committed in chunks, like the replay below, so the copy's write-ahead log stays small.
    to.execute_batch("BEGIN")?;
    {
        let mut read = store.conn.prepare("SELECT * FROM ops")?;
        let n = read.column_count();
        let marks: Vec<String> = (1..=n).map(|i| format!("?{i}")).collect();
        let mut write = to.prepare(&format!("INSERT INTO ops VALUES ({})", marks.join(", ")))?;
        let mut rows = read.query([])?;
        let mut copied = 0usize;
        while let Some(r) = rows.next()? {
            let values: Vec<rusqlite::types::Value> = (0..n).map(|i| r.get(i)).collect::<Result<_, _>>()?;
            write.execute(rusqlite::params_from_iter(values))?;
            copied += 1;
            if copied.is_multiple_of(REPLAY_CHUNK) {
                to.execute_batch("COMMIT; BEGIN")?;
            }
        }
        let mut blobs = store.conn.prepare("SELECT sha256, data FROM blobs")?;
        let mut rows = blobs.query([])?;
        let mut put = to.prepare("INSERT INTO blobs (sha256, data) VALUES (?1, ?2)")?;
        while let Some(r) = rows.next()? {
            put.execute((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))?;
        }
    }
    to.execute_batch("COMMIT")?;
    replay_into(&store.conn, to, Some(REPLAY_CHUNK))
}

/// Writes ops, given as stored (body, previous hash, hash), into another database's log and
/// applies them there as the core does when it writes them: the op row, `view::apply`, then
/// the index rows of every case they touched. The caller holds the transaction. lintas-bench
/// replays the creations it timed in a store this way, on its comparison databases.
pub fn replay_ops<'a>(
    to: &Connection,
    ops: impl IntoIterator<Item = (&'a [u8], &'a [u8; 32], &'a [u8; 32])>,
) -> Result<(), AuditError> {
    let mut touched = std::collections::BTreeSet::new();
    for (body, prev, hash) in ops {
        let op = Op::from_body(body)?;
        oplog::insert(to, &op, body, prev, hash)?;
        touched.extend(view::apply(to, &op).map_err(StoreError::from)?);
    }
    for case in touched {
        crate::index::case_index::refresh(to, case)?;
    }
    Ok(())
}

/// The materialised tables, and the tables a replay of the whole log into an empty in-memory
/// database (never on disk) produces, each as a sorted dump.
pub fn dumps(store: &Store) -> Result<(Vec<String>, Vec<String>), AuditError> {
    let mut fresh = Connection::open_in_memory()?;
    fresh.pragma_update(None, "temp_store", "MEMORY")?;
    crate::log::upgrade::run(&mut fresh).map_err(StoreError::from)?;
    replay_into(&store.conn, &fresh, None)?;
    let ours = view::dump(&store.conn).map_err(StoreError::from)?;
    let theirs = view::dump(&fresh).map_err(StoreError::from)?;
    Ok((ours, theirs))
}

fn compare_with_replay(store: &Store) -> Result<(), AuditError> {
    let (ours, theirs) = dumps(store)?;
    if ours != theirs {
        let table = ours
            .iter()
            .zip(theirs.iter())
            .find(|(a, b)| a != b)
            .map(|(a, _)| a)
            .or(ours.get(theirs.len()))
            .or(theirs.get(ours.len()))
            .and_then(|line| line.split(':').next())
            .unwrap_or("?")
            .to_string();
        return Err(AuditFailure::ViewDiffers { table }.into());
    }
    Ok(())
}

/// Applies every op of `from` to the (empty) view of `to`, in replay order. The ops are read
/// one at a time, so a large log is never held in memory. With `chunk`, the work is committed
/// every `chunk` ops (a copy on disk: a single transaction would grow the write-ahead log by
/// the whole store); without, it is one transaction.
fn replay_into(from: &Connection, to: &Connection, chunk: Option<usize>) -> Result<(), AuditError> {
    view::clear(to).map_err(StoreError::from)?;
    let mut tx = to.unchecked_transaction()?;
    let mut cases = std::collections::BTreeSet::new();
    // HLC order is causal order, except after a clock far in the future: an entity created by
    // such a clock can be edited by others at earlier timestamps. Such edits wait for their
    // entity, as they did on import; merge compares timestamps, not application order.
    let mut waiting: std::collections::HashMap<Uuid, Vec<Op>> = std::collections::HashMap::new();
    let mut stmt = from.prepare("SELECT body FROM ops WHERE erased_by IS NULL ORDER BY hlc_ms, hlc_c, device, seq")?;
    let mut rows = stmt.query([])?;
    let mut done = 0usize;
    while let Some(row) = rows.next()? {
        let op = Op::from_body(&raw_bytes(row, 0)?)?;
        if op.action == oplog::Action::Set && !view::exists(&tx, op.entity, op.entity_id).map_err(StoreError::from)? {
            waiting.entry(op.entity_id).or_default().push(op);
            continue;
        }
        cases.extend(view::apply(&tx, &op).map_err(StoreError::from)?);
        if op.action == oplog::Action::Create {
            for held in waiting.remove(&op.entity_id).unwrap_or_default() {
                cases.extend(view::apply(&tx, &held).map_err(StoreError::from)?);
            }
        }
        done += 1;
        if chunk.is_some_and(|n| done.is_multiple_of(n)) {
            tx.commit()?;
            tx = to.unchecked_transaction()?;
        }
    }
    if !waiting.is_empty() {
        return Err(StoreError::Damaged.into());
    }
    for (i, case) in cases.into_iter().enumerate() {
        crate::index::case_index::refresh(&tx, case)?;
        if chunk.is_some_and(|n| (i + 1).is_multiple_of(n)) {
            tx.commit()?;
            tx = to.unchecked_transaction()?;
        }
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::ambient::{FixedClock, SeededEntropy};
    use serde_json::json;

    fn store_with_a_case() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::new(chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap(), 10);
        let entropy = SeededEntropy::new(12);
        let mut store = crate::setup::test_store(&dir.path().join("s"), "65.03", 11, &clock);
        let doc = json!({"victim": {"first_name": "Maria"}, "intake": {"date": "2019-09-20"},
                         "notes": [{"body": "catatan"}]});
        crate::records::cases::create(&mut store, &doc, &clock, &entropy).unwrap();
        crate::records::cases::create(&mut store, &doc, &clock, &entropy).unwrap();
        (dir, store)
    }

    fn failure(store: &Store) -> AuditFailure {
        match verify(store) {
            Err(AuditError::Failed(f)) => f,
            other => panic!("expected an audit failure, got {other:?}"),
        }
    }

    #[test]
    fn a_replayed_log_holds_the_stores_rows() {
        let (_d, store) = store_with_a_case();
        let mut copy = Connection::open_in_memory().unwrap();
        replay_log(&store, &mut copy).unwrap();
        let dump = view::dump(&copy).unwrap();
        assert!(dump.iter().any(|l| l.starts_with("case_summary:")), "the index rows are rebuilt too");
        assert_eq!(dump, view::dump(&store.conn).unwrap());
        let ops = |c: &Connection| {
            c.query_row("SELECT count(*), sum(length(body)) FROM ops", [], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
            })
            .unwrap()
        };
        assert_eq!(ops(&copy), ops(&store.conn));
    }

    #[test]
    fn an_intact_store_passes() {
        let (_d, store) = store_with_a_case();
        let report = verify(&store).unwrap();
        assert_eq!(report.devices, 1);
        // operator + 2 × (person, case, note)
        assert_eq!(report.ops, 7);
    }

    #[test]
    fn the_log_lists_changes_newest_first_without_values() {
        let (_d, store) = store_with_a_case();
        let entries = log(&store, 0, 100).unwrap();
        assert_eq!(entries.len(), 7);
        assert_eq!(entries.last().unwrap().entity, "operator");
        assert!(entries
            .iter()
            .all(|e| e.author.as_deref() == Some("Petugas") && e.district.as_deref() == Some("65.03")));
        assert!(entries.iter().any(|e| e.entity == "note" && e.case_number.is_some()));
        let text = serde_json::to_string(&entries).unwrap();
        assert!(!text.contains("Maria") && !text.contains("catatan"), "values must not appear");
        assert_eq!(log(&store, 5, 100).unwrap().len(), 2);
    }

    #[test]
    fn an_altered_op_body_names_the_op() {
        let (_d, store) = store_with_a_case();
        let device = store.identity().device_id;
        store.conn.execute("UPDATE ops SET body = replace(body, 'Maria', 'Marta') WHERE seq = 2", []).unwrap();
        assert_eq!(failure(&store), AuditFailure::BrokenLink { device, seq: 2 });
    }

    #[test]
    fn a_deleted_op_is_a_gap() {
        let (_d, store) = store_with_a_case();
        let device = store.identity().device_id;
        store.conn.execute("DELETE FROM ops WHERE seq = 4", []).unwrap();
        assert_eq!(failure(&store), AuditFailure::Gap { device, seq: 4 });
    }

    #[test]
    fn a_table_edited_behind_the_log_is_found() {
        let (_d, store) = store_with_a_case();
        store.conn.execute("UPDATE person SET first_name = 'Marta'", []).unwrap();
        assert_eq!(failure(&store), AuditFailure::ViewDiffers { table: "person".into() });
    }

    #[test]
    fn an_altered_attachment_is_found() {
        let (_d, mut store) = store_with_a_case();
        let clock = FixedClock::new(chrono::DateTime::from_timestamp(1_700_000_100, 0).unwrap(), 10);
        let id = crate::records::cases::list(&store, &Default::default()).unwrap()[0].id.to_string();
        crate::records::cases::attach(
            &mut store,
            &id,
            "scan.jpg",
            "image/jpeg",
            b"content",
            &clock,
            &SeededEntropy::new(99),
        )
        .unwrap();
        verify(&store).unwrap();
        store.conn.execute("UPDATE blobs SET data = x'00'", []).unwrap();
        assert_eq!(failure(&store), AuditFailure::BlobAltered);
    }

    #[test]
    fn an_edited_access_log_entry_is_named() {
        let (_d, store) = store_with_a_case();
        let clock = FixedClock::new(chrono::DateTime::from_timestamp(1_700_000_100, 0).unwrap(), 10);
        let id = crate::records::cases::list(&store, &Default::default()).unwrap()[0].id.to_string();
        for _ in 0..3 {
            crate::records::cases::view(&store, &id, &clock).unwrap();
        }
        verify(&store).unwrap();
        store.conn.execute("UPDATE access_log SET operator = 'someone else' WHERE seq = 2", []).unwrap();
        assert_eq!(failure(&store), AuditFailure::AccessLogBroken { seq: 2 });
    }

    #[test]
    fn an_indexed_column_that_disagrees_with_its_body_is_found() {
        let (_d, store) = store_with_a_case();
        let device = store.identity().device_id;
        store.conn.execute("UPDATE ops SET entity = 'note' WHERE seq = 3", []).unwrap();
        assert_eq!(failure(&store), AuditFailure::BrokenLink { device, seq: 3 });
    }
}
