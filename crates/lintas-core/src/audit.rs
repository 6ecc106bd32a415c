//! `audit verify`: proves the op log is intact and the tables are exactly what it says.
//!
//! For every device the chain is walked from its first op: sequence numbers without gaps, each
//! hash recomputed from its predecessor and the stored body, each body's indexed columns equal
//! to what the body says. Then the whole log is replayed into an empty in-memory database and
//! compared with the materialised tables, which catches a table edited behind the log's back.

use crate::migrate;
use crate::oplog::{self, Op, OpLogError};
use crate::store::{Store, StoreError};
use crate::view;
use rusqlite::Connection;
use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditReport {
    pub devices: usize,
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

impl From<OpLogError> for AuditError {
    fn from(e: OpLogError) -> Self {
        match e {
            OpLogError::Store(s) => AuditError::Store(s),
            other => AuditError::Store(StoreError::from(match other {
                OpLogError::View(v) => v,
                _ => view::ViewError::Sql(rusqlite::ErrorCode::Unknown),
            })),
        }
    }
}

pub fn verify(store: &Store) -> Result<AuditReport, AuditError> {
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
        let mut prev = oplog::genesis(device);
        let mut expected = 1u64;
        let mut stmt = conn.prepare(
            "SELECT seq, hlc_ms, hlc_c, author, action, entity, entity_id, field, body, hash
             FROM ops WHERE device = ?1 ORDER BY seq",
        )?;
        let mut rows = stmt.query([device_text])?;
        while let Some(r) = rows.next()? {
            let seq = r.get::<_, i64>(0)? as u64;
            if seq != expected {
                return Err(AuditFailure::Gap { device, seq: expected }.into());
            }
            let body: Vec<u8> = r.get(8)?;
            let hash: Vec<u8> = r.get(9)?;
            let computed = oplog::chain_hash(&prev, &body);
            if hash != computed {
                return Err(AuditFailure::BrokenLink { device, seq }.into());
            }
            let op = Op::from_body(&body).map_err(|_| AuditFailure::Unreadable { device, seq })?;
            let columns_agree = op.id.device == device
                && op.id.seq == seq
                && op.hlc.ms == r.get::<_, i64>(1)?
                && op.hlc.counter == r.get::<_, u32>(2)?
                && op.author.to_string() == r.get::<_, String>(3)?
                && op.entity.as_str() == r.get::<_, String>(5)?
                && op.entity_id.to_string() == r.get::<_, String>(6)?
                && op.field == r.get::<_, Option<String>>(7)?
                && body == op.body()
                && r.get::<_, String>(4)? == if op.field.is_some() { "set" } else { "create" };
            if !columns_agree {
                return Err(AuditFailure::BrokenLink { device, seq }.into());
            }
            prev = computed;
            expected += 1;
            total += 1;
        }
    }
    compare_with_replay(conn)?;
    Ok(AuditReport { devices: devices.len(), ops: total })
}

/// Replays the log into an in-memory database (never on disk) and compares the tables.
fn compare_with_replay(conn: &Connection) -> Result<(), AuditError> {
    let mut fresh = Connection::open_in_memory()?;
    fresh.pragma_update(None, "temp_store", "MEMORY")?;
    migrate::run(&mut fresh).map_err(StoreError::from)?;
    replay_into(conn, &fresh)?;
    let ours = view::dump(conn).map_err(StoreError::from)?;
    let theirs = view::dump(&fresh).map_err(StoreError::from)?;
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

/// Applies every op of `from` to the (empty) view of `to`, in replay order.
pub fn replay_into(from: &Connection, to: &Connection) -> Result<(), AuditError> {
    view::clear(to).map_err(StoreError::from)?;
    let tx = to.unchecked_transaction()?;
    let mut cases = std::collections::BTreeSet::new();
    for (op, _, _) in oplog::all_in_order(from)? {
        cases.extend(view::apply(&tx, &op).map_err(StoreError::from)?);
    }
    for case in cases {
        crate::search::reindex(&tx, case)?;
    }
    tx.commit()?;
    Ok(())
}
