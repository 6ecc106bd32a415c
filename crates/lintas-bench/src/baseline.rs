//! The encryption overhead: the same schema, the same rows and the same statements on two
//! databases that differ only in the key.
//!
//! A Lintas store can only be opened keyed, so the comparison uses two databases that the
//! benchmark opens itself with the SQLite library the core links (SQLCipher's build of SQLite):
//! one keyed with a random raw 32-byte key, as `store::open_keyed` keys a store, and one with no
//! key, which SQLCipher leaves a plain SQLite file ("SQLite format 3"). Both get the core's own
//! migrations (`migrate::run`) and the core's pragmas (WAL, `synchronous=FULL`,
//! `temp_store=MEMORY`, `secure_delete=ON`). Both are then written and read by the same code:
//!
//! - the loader's rows (`loader`), many cases to a transaction;
//! - a replay of the ops that `cases::create` wrote in the real store, one case to a
//!   transaction, with every statement `cases::create` runs around them (the chain head, the
//!   clock, the case-number scan, `view::apply`, the search row, `duplicates::for_case`);
//! - the queries behind `cases::list`, `cases::count` and `search::search`.

use crate::loader::{self, WrittenOp};
use lintas_core::oplog::{Action, Op};
use lintas_core::schema::EntityKind;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use uuid::Uuid;

/// A database for the comparison: keyed like a store, or plain.
pub struct Baseline {
    pub conn: Connection,
}

impl Baseline {
    /// Creates (or opens) the database with the core's pragmas and schema. `key` is the raw
    /// SQLCipher key; `None` makes a plain SQLite file.
    pub fn open(path: &Path, key: Option<&[u8; 32]>) -> rusqlite::Result<Baseline> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags)?;
        if let Some(key) = key {
            let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
            conn.pragma_update(None, "key", format!("x'{hex}'"))?;
        }
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.pragma_update(None, "secure_delete", "ON")?;
        lintas_core::migrate::run(&mut conn).map_err(|_| rusqlite::Error::InvalidQuery)?;
        Ok(Baseline { conn })
    }

    /// Whether the file on disk is plain SQLite (its header is readable).
    pub fn is_plain_file(path: &Path) -> bool {
        std::fs::read(path).map(|b| b.starts_with(b"SQLite format 3\0")).unwrap_or(false)
    }

    pub fn checkpoint(&self) -> rusqlite::Result<()> {
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
    }
}

/// A group of ops that one core call wrote in one transaction: a new case, or an attachment.
pub struct Intake {
    pub case_id: Option<Uuid>,
    pub ops: Vec<WrittenOp>,
    /// The attachment's bytes, for an attachment.
    pub blob: Option<(String, Vec<u8>)>,
}

/// Reads the ops a device wrote after `after_seq` and splits them into what each
/// `cases::create` and `cases::attach` call wrote: a case starts with its victim's person
/// followed by the case; an attachment is one op.
pub fn intakes_since(
    conn: &Connection,
    device: Uuid,
    after_seq: u64,
    blobs: &HashMap<String, Vec<u8>>,
) -> rusqlite::Result<Vec<Intake>> {
    let mut stmt = conn.prepare("SELECT body, prev, hash FROM ops WHERE device = ?1 AND seq > ?2 ORDER BY seq")?;
    let rows = stmt.query_map((device.to_string(), after_seq as i64), |r| {
        Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Vec<u8>>(1)?, r.get::<_, Vec<u8>>(2)?))
    })?;
    let mut ops = Vec::new();
    for row in rows {
        let (body, prev, hash) = row?;
        let op = Op::from_body(&body).map_err(|_| rusqlite::Error::InvalidQuery)?;
        ops.push(WrittenOp {
            op,
            body,
            prev: prev.try_into().unwrap_or([0; 32]),
            hash: hash.try_into().unwrap_or([0; 32]),
        });
    }
    let mut out: Vec<Intake> = Vec::new();
    let mut rest = ops.into_iter().peekable();
    while let Some(w) = rest.next() {
        let starts_case = w.op.entity == EntityKind::Person
            && rest.peek().is_some_and(|n| n.op.entity == EntityKind::Case && n.op.action == Action::Create);
        let is_attachment = w.op.entity == EntityKind::Attachment;
        if starts_case || is_attachment || out.is_empty() {
            let case_id = if starts_case { rest.peek().map(|n| n.op.entity_id) } else { None };
            let blob =
                w.op.value
                    .get("sha256")
                    .and_then(|s| s.as_str())
                    .filter(|_| is_attachment)
                    .and_then(|sha| blobs.get(sha).map(|data| (sha.to_string(), data.clone())));
            out.push(Intake { case_id, ops: Vec::new(), blob });
        }
        out.last_mut().expect("a group was started").ops.push(w);
    }
    Ok(out)
}

/// Seconds spent in each part of replayed intakes: where creating a case spends its time.
#[derive(Debug, Default, Clone, Copy)]
pub struct IntakeSteps {
    /// The transaction, the chain head, the clock and the case-number lookup.
    pub begin_s: f64,
    /// Op rows and `view::apply`.
    pub apply_s: f64,
    /// `search::reindex` of the touched cases (delete and rebuild of the search row).
    pub reindex_s: f64,
    pub commit_s: f64,
    /// `duplicates::for_case`.
    pub duplicates_s: f64,
}

impl IntakeSteps {
    pub fn describe(&self) -> String {
        format!(
            "duplicate check {:.2} s, search-row rebuild {:.2} s, op rows and view {:.2} s, commit {:.2} s, start {:.2} s",
            self.duplicates_s, self.reindex_s, self.apply_s, self.commit_s, self.begin_s
        )
    }
}

/// Replays one intake with the statements `cases::create` (or `cases::attach`) runs: an
/// IMMEDIATE transaction, the chain head and the latest clock reading, the case-number scan,
/// each op's row and `view::apply`, the search row of the touched cases, the commit, and for a
/// case the duplicate check. Only validation and planning, which touch no database, are left
/// out.
pub fn replay_intake(
    conn: &mut Connection,
    intake: &Intake,
    district: &str,
    steps: &mut IntakeSteps,
) -> rusqlite::Result<()> {
    let mut t = std::time::Instant::now();
    let mut lap = |slot: &mut f64| {
        *slot += t.elapsed().as_secs_f64();
        t = std::time::Instant::now();
    };
    let device = intake.ops.first().map(|w| w.op.id.device).unwrap_or_default();
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.query_row("SELECT seq, hash FROM ops WHERE device = ?1 ORDER BY seq DESC LIMIT 1", [device.to_string()], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?))
    })
    .optional()?;
    let horizon = intake.ops.first().map(|w| w.op.hlc.ms).unwrap_or_default() + 24 * 3600 * 1000;
    tx.query_row(
        "SELECT hlc_ms, hlc_c FROM ops WHERE hlc_ms <= ?1 ORDER BY hlc_ms DESC, hlc_c DESC LIMIT 1",
        [horizon],
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
    )
    .optional()?;
    if let Some(case) = intake.ops.iter().find(|w| w.op.entity == EntityKind::Case) {
        let year = case.op.value.get("intake_date").and_then(|d| d.as_str()).map(|d| &d[..4]).unwrap_or("");
        let prefix = format!("{}-{year}-", district.replace('.', ""));
        tx.query_row(
            "SELECT max(CAST(substr(case_number, ?2) AS INTEGER)) FROM case_file WHERE case_number LIKE ?1 || '%'",
            (&prefix, prefix.len() as i64 + 1),
            |r| r.get::<_, Option<i64>>(0),
        )?;
    }
    if let Some((sha, data)) = &intake.blob {
        if let Some(case) = intake.ops[0].op.value.get("case_id").and_then(|c| c.as_str()) {
            tx.query_row("SELECT id FROM case_file WHERE id = ?1 OR case_number = ?1", [case], |r| {
                r.get::<_, String>(0)
            })
            .optional()?;
        }
        loader::write_blob(&tx, sha, data)?;
    }
    lap(&mut steps.begin_s);
    let mut touched = BTreeSet::new();
    for w in &intake.ops {
        loader::write_op(&tx, w)?;
        touched.extend(lintas_core::view::apply(&tx, &w.op).map_err(|_| rusqlite::Error::InvalidQuery)?);
    }
    lap(&mut steps.apply_s);
    for case in touched {
        reindex(&tx, case)?;
    }
    lap(&mut steps.reindex_s);
    tx.commit()?;
    lap(&mut steps.commit_s);
    if let Some(case_id) = intake.case_id {
        lintas_core::duplicates::for_case(conn, case_id).map_err(|_| rusqlite::Error::InvalidQuery)?;
    }
    lap(&mut steps.duplicates_s);
    Ok(())
}

/// `search::reindex`: the search row of a case, rebuilt from the tables.
pub fn reindex(conn: &Connection, case_id: Uuid) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM case_search WHERE case_id = ?1")?.execute([case_id.to_string()])?;
    add_search_row(conn, case_id)
}

/// The second half of `search::reindex`: builds and inserts the search row of a case that has
/// none yet. (The first half, the delete, scans the whole search table: `case_id` is an
/// unindexed column of the FTS5 table.)
pub fn add_search_row(conn: &Connection, case_id: Uuid) -> rusqlite::Result<()> {
    let id = case_id.to_string();
    let mut stmt = conn.prepare_cached(
        "SELECT c.case_number, c.intake_place, c.placement_agency FROM case_file c WHERE c.id = ?1
         UNION ALL
         SELECT p.first_name || ' ' || coalesce(p.middle_name, '') || ' ' || coalesce(p.second_name, ''),
                coalesce(p.aliases, '') || ' ' || coalesce(p.address_village, '') || ' '
                    || coalesce(p.address_subdistrict, '') || ' ' || coalesce(p.address_street, ''),
                NULL
         FROM person p WHERE p.id IN (SELECT victim_id FROM case_file WHERE id = ?1
                                      UNION SELECT person_id FROM party WHERE case_id = ?1)
         UNION ALL SELECT place, NULL, NULL FROM event WHERE case_id = ?1
         UNION ALL SELECT body, NULL, NULL FROM note WHERE case_id = ?1",
    )?;
    let rows = stmt.query_map([&id], |r| {
        Ok([r.get::<_, Option<String>>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?])
    })?;
    let mut parts: Vec<String> = Vec::new();
    for row in rows {
        parts.extend(row?.into_iter().flatten());
    }
    parts.sort();
    let body = parts.join(" ");
    if !body.trim().is_empty() {
        conn.prepare_cached("INSERT INTO case_search (case_id, body) VALUES (?1, ?2)")?.execute((&id, body))?;
    }
    Ok(())
}

const SUMMARY_COLUMNS: &str = "id, case_number, district, status, intake_date, first_name, second_name, gender, \
     is_child, trafficking_status, type_of_exploitation, country_of_exploitation";

/// A filter of the case list, as `cases::CaseFilter` has it.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub status: Option<&'static str>,
    pub child: Option<bool>,
    pub exploitation: Option<&'static str>,
}

impl ListFilter {
    pub fn to_core(&self) -> lintas_core::cases::CaseFilter {
        lintas_core::cases::CaseFilter {
            status: self.status.map(str::to_string),
            child: self.child,
            exploitation: self.exploitation.map(str::to_string),
            limit: PAGE,
            offset: 0,
        }
    }

    fn sql(&self) -> (String, Vec<rusqlite::types::Value>) {
        let mut sql = String::from(" WHERE 1 = 1");
        let mut params: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(s) = self.status {
            params.push(s.to_string().into());
            sql.push_str(&format!(" AND status = ?{}", params.len()));
        }
        if let Some(c) = self.child {
            params.push((c as i64).into());
            sql.push_str(&format!(" AND is_child = ?{}", params.len()));
        }
        if let Some(t) = self.exploitation {
            params.push(format!("%\"{t}\"%").into());
            sql.push_str(&format!(" AND type_of_exploitation LIKE ?{}", params.len()));
        }
        (sql, params)
    }
}

/// The page size of the case list (`cases::list` with no limit).
pub const PAGE: u32 = 100;

/// `cases::list`: case numbers of the first page, newest intake first.
pub fn list(conn: &Connection, filter: &ListFilter) -> rusqlite::Result<Vec<String>> {
    let (cond, params) = filter.sql();
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM case_summary{cond} ORDER BY intake_date DESC, case_number DESC LIMIT {PAGE} OFFSET 0"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params), summary_number)?;
    rows.collect()
}

/// `cases::count`.
pub fn count(conn: &Connection, filter: &ListFilter) -> rusqlite::Result<i64> {
    let (cond, params) = filter.sql();
    conn.query_row(&format!("SELECT count(*) FROM case_summary{cond}"), rusqlite::params_from_iter(params), |r| {
        r.get(0)
    })
}

/// Reads a summary row as `cases::summary_from_row` does, keeping the case number.
fn summary_number(r: &rusqlite::Row<'_>) -> rusqlite::Result<String> {
    for i in [0, 2, 3, 4, 5, 6, 7, 9, 10, 11] {
        r.get::<_, Option<String>>(i)?;
    }
    r.get::<_, bool>(8)?;
    Ok(r.get::<_, Option<String>>(1)?.unwrap_or_default())
}

/// `search::search` with the app's limit: FTS5 match by rank, then each summary by id.
pub fn search(conn: &Connection, text: &str, limit: u32) -> rusqlite::Result<Vec<String>> {
    let terms: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| format!("\"{w}\"*")).collect();
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let mut stmt =
        conn.prepare_cached("SELECT case_id FROM case_search WHERE case_search MATCH ?1 ORDER BY rank LIMIT ?2")?;
    let ids =
        stmt.query_map((terms.join(" "), limit.max(1)), |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    let mut by_id = conn.prepare_cached(&format!("SELECT {SUMMARY_COLUMNS} FROM case_summary WHERE id = ?1"))?;
    let mut out = Vec::new();
    for id in ids {
        if let Some(n) = by_id.query_row([id], summary_number).optional()? {
            out.push(n);
        }
    }
    Ok(out)
}

/// Every op of a database, by device and seq.
pub fn all_ops(conn: &Connection) -> rusqlite::Result<Vec<WrittenOp>> {
    let mut stmt = conn.prepare("SELECT body, prev, hash FROM ops ORDER BY device, seq")?;
    let rows =
        stmt.query_map([], |r| Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Vec<u8>>(1)?, r.get::<_, Vec<u8>>(2)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (body, prev, hash) = row?;
        let op = Op::from_body(&body).map_err(|_| rusqlite::Error::InvalidQuery)?;
        out.push(WrittenOp {
            op,
            body,
            prev: prev.try_into().unwrap_or([0; 32]),
            hash: hash.try_into().unwrap_or([0; 32]),
        });
    }
    Ok(out)
}

/// Every attachment's content, by hash.
pub fn all_blobs(conn: &Connection) -> rusqlite::Result<Vec<(String, Vec<u8>)>> {
    let mut stmt = conn.prepare("SELECT sha256, data FROM blobs ORDER BY sha256")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}
