//! The encryption overhead: the same schema, the same rows and the same statements on two
//! databases that differ only in the key.
//!
//! A Lintas store can only be opened keyed, so the comparison uses two databases that the
//! benchmark opens itself with the SQLite library the core links (SQLCipher's build of SQLite):
//! one keyed with a random raw 32-byte key, as `store::open_keyed` keys a store, and one with no
//! key, which SQLCipher leaves a plain SQLite file ("SQLite format 3"). Both get the core's own
//! migrations (`log::upgrade::run`) and the core's pragmas (WAL, `synchronous=FULL`,
//! `temp_store=MEMORY`, a 64 MiB page cache, `secure_delete=ON`, 256 prepared statements). Then:
//!
//! - they are filled with `audit::replay_log`, which copies the store's log (ops and attachment
//!   contents) into them and replays it through the core's own view and index code, so they
//!   hold exactly the store's rows, made by the same code in both;
//! - the creations timed in the store are replayed on both, one call's ops to a transaction,
//!   through `audit::replay_ops` (the core's op insert, view and index code), with the lookups
//!   `cases::create`, `cases::attach` and `referrals::share` make around them
//!   (`replay_intake`);
//! - both answer the core's own queries: `cases::list_on`, `cases::count_on` and
//!   `search::matching` are what `cases::list`, `cases::count` and `search::search` run on a
//!   store's connection.
//!
//! The only copies of core statements left are the lookups a batch makes before its ops,
//! which the core keeps private. The run checks that the databases answer exactly as the
//! store does (`comparison_queries_match_core`), and the tests check that a replay leaves
//! them with exactly the store's rows.

use lintas_core::oplog::{Action, Op};
use lintas_core::schema::EntityKind;
use lintas_core::store::Store;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
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
        // The core's page cache (`store::open_keyed`): 64 MiB.
        conn.pragma_update(None, "cache_size", -65536)?;
        conn.pragma_update(None, "secure_delete", "ON")?;
        conn.set_prepared_statement_cache_capacity(256);
        lintas_core::log::upgrade::run(&mut conn).map_err(|_| rusqlite::Error::InvalidQuery)?;
        Ok(Baseline { conn })
    }

    /// Copies the store's log into this (empty) database and replays it with the core's code.
    pub fn fill_from(&mut self, store: &Store) -> Result<(), String> {
        lintas_core::audit::replay_log(store, &mut self.conn).map_err(|e| format!("audit::replay_log: {e}"))
    }

    /// Whether the file on disk is plain SQLite (its header is readable).
    pub fn is_plain_file(path: &Path) -> bool {
        std::fs::read(path).map(|b| b.starts_with(b"SQLite format 3\0")).unwrap_or(false)
    }

    pub fn checkpoint(&self) -> rusqlite::Result<()> {
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
    }
}

/// One op as it is stored: the op, its canonical body, and its chain link and hash.
pub struct WrittenOp {
    pub op: Op,
    pub body: Vec<u8>,
    pub prev: [u8; 32],
    pub hash: [u8; 32],
}

fn written_op(body: Vec<u8>, prev: Vec<u8>, hash: Vec<u8>) -> rusqlite::Result<WrittenOp> {
    let op = Op::from_body(&body).map_err(|_| rusqlite::Error::InvalidQuery)?;
    Ok(WrittenOp { op, body, prev: prev.try_into().unwrap_or([0; 32]), hash: hash.try_into().unwrap_or([0; 32]) })
}

/// Which core call wrote a group of ops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntakeKind {
    /// `cases::create`: a victim, the case, and the rest of the document.
    Case,
    /// `cases::attach`.
    Attachment,
    /// `referrals::share`.
    Share,
    /// Anything else (the first operator, written by `init`).
    Other,
}

/// A group of ops that one core call wrote in one transaction, with what the replay needs
/// that the ops do not carry.
pub struct Intake {
    pub kind: IntakeKind,
    pub ops: Vec<WrittenOp>,
    /// The attachment's content, for an attachment.
    pub blob: Option<(String, Vec<u8>)>,
}

impl Intake {
    /// The case a group belongs to: the case it creates, or the case its first op names.
    pub fn case_id(&self) -> Option<Uuid> {
        let first = self.ops.iter().find(|w| w.op.entity == EntityKind::Case).or(self.ops.first())?;
        if first.op.entity == EntityKind::Case {
            return Some(first.op.entity_id);
        }
        first.op.value.get("case_id").and_then(|c| c.as_str()).and_then(|c| c.parse().ok())
    }
}

/// Reads the ops a device wrote after `after_seq` from the store and splits them into what
/// each `cases::create`, `cases::attach` and `referrals::share` call wrote: a case starts with
/// its victim's person followed by the case; an attachment and a share are one op each.
pub fn intakes_since(conn: &Connection, device: Uuid, after_seq: u64) -> rusqlite::Result<Vec<Intake>> {
    let mut stmt = conn.prepare("SELECT body, prev, hash FROM ops WHERE device = ?1 AND seq > ?2 ORDER BY seq")?;
    let rows = stmt.query_map((device.to_string(), after_seq as i64), |r| {
        Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Vec<u8>>(1)?, r.get::<_, Vec<u8>>(2)?))
    })?;
    let mut ops = Vec::new();
    for row in rows {
        let (body, prev, hash) = row?;
        ops.push(written_op(body, prev, hash)?);
    }
    let mut out: Vec<Intake> = Vec::new();
    let mut rest = ops.into_iter().peekable();
    while let Some(w) = rest.next() {
        let creates = |w: &WrittenOp, kind: EntityKind| w.op.entity == kind && w.op.action == Action::Create;
        let kind = if creates(&w, EntityKind::Person) && rest.peek().is_some_and(|n| creates(n, EntityKind::Case)) {
            Some(IntakeKind::Case)
        } else if creates(&w, EntityKind::Attachment) {
            Some(IntakeKind::Attachment)
        } else if creates(&w, EntityKind::Share) {
            Some(IntakeKind::Share)
        } else if out.is_empty() {
            Some(IntakeKind::Other)
        } else {
            None
        };
        if let Some(kind) = kind {
            let blob = match w.op.value.get("sha256").and_then(|s| s.as_str()) {
                Some(sha) if kind == IntakeKind::Attachment => conn
                    .query_row("SELECT data FROM blobs WHERE sha256 = ?1", [sha], |r| r.get::<_, Vec<u8>>(0))
                    .optional()?
                    .map(|data| (sha.to_string(), data)),
                _ => None,
            };
            out.push(Intake { kind, ops: Vec::new(), blob });
        }
        out.last_mut().expect("a group was started").ops.push(w);
    }
    Ok(out)
}

/// Seconds spent in each part of replayed intakes: where creating a case spends its time.
#[derive(Debug, Default, Clone, Copy)]
pub struct IntakeSteps {
    /// The transaction, the chain head, the clock and the lookups before the ops (case number,
    /// the case of an attachment or a share, consent).
    pub begin_s: f64,
    /// Op rows, `view::apply` and the index rows of the touched cases (`audit::replay_ops`).
    pub write_s: f64,
    pub commit_s: f64,
    /// `duplicates::for_case`.
    pub duplicates_s: f64,
}

impl IntakeSteps {
    pub fn describe(&self) -> String {
        format!(
            "duplicate check {:.2} s, op rows, view and index rows {:.2} s, commit {:.2} s, start {:.2} s",
            self.duplicates_s, self.write_s, self.commit_s, self.begin_s
        )
    }
}

/// Replays one intake as the core call that wrote it does: an IMMEDIATE transaction, the
/// chain head and the latest clock reading (`Store::batch`), the lookups of the call (the case
/// number for `cases::create`; the case, and for a share its consent), the ops with their
/// view and index rows (`audit::replay_ops`, the core's own code), the commit, and for a case
/// the duplicate check (`duplicates::for_case`). Only validation and planning, which touch no
/// database, are left out; the lookups before the ops are copies, because the core keeps them
/// private to its batch.
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
    let case = intake.case_id().map(|c| c.to_string()).unwrap_or_default();
    // `cases::resolve`, run by `cases::attach` and `referrals::share` before their batch.
    if matches!(intake.kind, IntakeKind::Attachment | IntakeKind::Share) {
        conn.query_row("SELECT id FROM case_file WHERE id = ?1 OR case_number = ?1", [&case], |r| {
            r.get::<_, String>(0)
        })
        .optional()?;
    }
    if intake.kind == IntakeKind::Share {
        // `referrals::consent_covers`.
        let district = intake.ops[0].op.value.get("district").and_then(|d| d.as_str()).unwrap_or("");
        conn.query_row(
            "SELECT 1 FROM consent k, json_each(k.share_districts) d
             WHERE k.id = ?1 AND k.withdrawn_on IS NULL AND d.value = ?2",
            (&case, district),
            |_| Ok(()),
        )
        .optional()?;
    }
    // `Store::batch`.
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
    if let Some(case) = intake.ops.iter().find(|w| w.op.entity == EntityKind::Case && w.op.action == Action::Create) {
        // `cases::next_case_number`.
        let year = case.op.value.get("intake_date").and_then(|d| d.as_str()).map(|d| &d[..4]).unwrap_or("");
        let prefix = format!("{}-{year}-", district.replace('.', ""));
        tx.query_row(
            "SELECT max(CAST(substr(case_number, 11) AS INTEGER)) FROM case_file
             WHERE substr(case_number, 1, 10) = ?1",
            [&prefix],
            |r| r.get::<_, Option<i64>>(0),
        )?;
    }
    if let Some((sha, data)) = &intake.blob {
        // `Batch::put_blob`.
        tx.execute("INSERT OR IGNORE INTO blobs (sha256, data) VALUES (?1, ?2)", (sha, data))?;
    }
    lap(&mut steps.begin_s);
    let ops = intake.ops.iter().map(|w| (w.body.as_slice(), &w.prev, &w.hash));
    lintas_core::audit::replay_ops(&tx, ops).map_err(|_| rusqlite::Error::InvalidQuery)?;
    lap(&mut steps.write_s);
    tx.commit()?;
    lap(&mut steps.commit_s);
    if intake.kind == IntakeKind::Case {
        if let Some(case_id) = intake.case_id() {
            lintas_core::duplicates::for_case(conn, case_id).map_err(|_| rusqlite::Error::InvalidQuery)?;
        }
    }
    lap(&mut steps.duplicates_s);
    Ok(())
}

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
}

/// The page size of the case list (`cases::list` with no limit).
pub const PAGE: u32 = 100;

fn numbers(found: Vec<lintas_core::cases::CaseSummary>) -> Vec<String> {
    found.into_iter().map(|c| c.case_number).collect()
}

/// `cases::list` on a comparison database (`cases::list_on`, the same code): case numbers of
/// the first page, newest intake first.
pub fn list(conn: &Connection, filter: &ListFilter) -> Result<Vec<String>, String> {
    lintas_core::cases::list_on(conn, &filter.to_core()).map(numbers).map_err(|e| e.to_string())
}

/// `cases::count` on a comparison database (`cases::count_on`).
pub fn count(conn: &Connection, filter: &ListFilter) -> Result<i64, String> {
    lintas_core::cases::count_on(conn, &filter.to_core()).map(|n| n as i64).map_err(|e| e.to_string())
}

/// `search::search` on a comparison database (`search::matching`, the same query).
pub fn search(conn: &Connection, text: &str, limit: u32) -> Result<Vec<String>, String> {
    lintas_core::search::matching(conn, text, limit).map(numbers).map_err(|e| e.to_string())
}

/// How far the comparison databases answer as the store does; empty when they agree.
///
/// They are asked through the very functions the store's list, count and search run
/// (`cases::list_on` and the others), so what this checks is their rows: the list pages and
/// counts must be exactly the store's, and a search must find the same cases. The order of
/// cases with an equal FTS5 rank is left out, because FTS5 orders those by rowid, and
/// `audit::replay_log` gives the cases their search rows in id order where the store gave them
/// in the order it wrote them. All matches are compared, not only the first page, so that equal
/// ranks at the end of a page cannot hide or invent a difference.
pub fn disagreements(
    store: &Store,
    databases: &[(&str, &Connection)],
    filters: &[ListFilter],
    terms: &[String],
) -> Result<Vec<String>, String> {
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let mut lists = Vec::new();
    for f in filters {
        let page = numbers(lintas_core::cases::list(store, &f.to_core()).map_err(|e| e.to_string())?);
        let count = lintas_core::cases::count(store, &f.to_core()).map_err(|e| e.to_string())? as i64;
        lists.push((f, page, count));
    }
    let mut searches = Vec::new();
    for t in terms {
        let all = numbers(lintas_core::search::search(store, t, u32::MAX).map_err(|e| e.to_string())?);
        searches.push((t, sorted(all)));
    }
    let mut out = Vec::new();
    for (name, conn) in databases {
        for (f, page, count) in &lists {
            if list(conn, f)? != *page || self::count(conn, f)? != *count {
                out.push(format!("list or count {f:?} on {name}"));
            }
        }
        for (t, all) in &searches {
            if sorted(search(conn, t, u32::MAX)?) != *all {
                out.push(format!("search {t:?} on {name}"));
            }
        }
    }
    Ok(out)
}

/// Every op of a database, by device and seq (the standard pipeline's payload).
pub fn all_ops(conn: &Connection) -> rusqlite::Result<Vec<WrittenOp>> {
    let mut stmt = conn.prepare("SELECT body, prev, hash FROM ops ORDER BY device, seq")?;
    let rows =
        stmt.query_map([], |r| Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Vec<u8>>(1)?, r.get::<_, Vec<u8>>(2)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (body, prev, hash) = row?;
        out.push(written_op(body, prev, hash)?);
    }
    Ok(out)
}

/// Every attachment's content, by hash.
pub fn all_blobs(conn: &Connection) -> rusqlite::Result<Vec<(String, Vec<u8>)>> {
    let mut stmt = conn.prepare("SELECT sha256, data FROM blobs ORDER BY sha256")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::CaseGenerator;
    use crate::fill::tests::{clock, store, today};
    use crate::fill::{self, Target};
    use lintas_core::ambient::SeededEntropy;

    fn dump_of_store(store: &mut Store) -> Vec<String> {
        let clock = clock();
        let batch = store.batch(&clock).unwrap();
        lintas_core::view::dump(batch.conn()).unwrap()
    }

    fn head(store: &mut Store) -> u64 {
        let device = store.identity().device_id;
        let clock = clock();
        let batch = store.batch(&clock).unwrap();
        batch
            .conn()
            .query_row("SELECT max(seq) FROM ops WHERE device = ?1", [device.to_string()], |r| r.get::<_, i64>(0))
            .unwrap() as u64
    }

    /// The comparison databases hold exactly the store's rows, index rows included: after
    /// `audit::replay_log`, and again after the creations, scans and shares made in the store
    /// one call at a time are replayed on them. And the core's queries answer on them exactly
    /// as on the store.
    #[test]
    fn comparison_databases_hold_the_stores_rows_and_answer_as_the_core() {
        let dir = tempfile::tempdir().unwrap();
        let clock = clock();
        let entropy = SeededEntropy::new(8);
        let mut store = store(&dir.path().join("s"), "65.03", 4);
        let mut generator = CaseGenerator::new(3, today(), Some("53.03"));
        let mut target = Target { store: &mut store, clock: &clock, entropy: &entropy };
        fill::cases(&mut target, &mut generator, 120, 50, Some("53.03"), 0, &mut |_| {}).unwrap();
        let mut keyed = Baseline::open(&dir.path().join("k.db"), Some(&[7; 32])).unwrap();
        let mut plain = Baseline::open(&dir.path().join("p.db"), None).unwrap();
        keyed.fill_from(&store).unwrap();
        plain.fill_from(&store).unwrap();
        let expected = dump_of_store(&mut store);
        assert!(expected.iter().any(|l| l.starts_with("victim_key:")));
        assert_eq!(lintas_core::view::dump(&keyed.conn).unwrap(), expected);
        assert_eq!(lintas_core::view::dump(&plain.conn).unwrap(), expected);
        assert!(!Baseline::is_plain_file(&dir.path().join("k.db")));
        plain.checkpoint().unwrap();
        assert!(Baseline::is_plain_file(&dir.path().join("p.db")));

        // Cases one by one, as the timed creations make them: a case, its scan, its share.
        let before = head(&mut store);
        for _ in 0..30 {
            let generated = generator.next_case();
            let id = lintas_core::cases::create(&mut store, &generated.document, &clock, &entropy).unwrap().id;
            let id = id.to_string();
            if let Some(scan) = generated.scan {
                lintas_core::cases::attach(&mut store, &id, &scan.name, "image/jpeg", &scan.bytes(), &clock, &entropy)
                    .unwrap();
            }
            lintas_core::referrals::share(&mut store, &id, "53.03", fill::SHARE_REASON, None, &clock, &entropy)
                .unwrap();
        }
        let intakes = {
            let device = store.identity().device_id;
            let batch = store.batch(&clock).unwrap();
            intakes_since(batch.conn(), device, before).unwrap()
        };
        let kinds = |k: IntakeKind| intakes.iter().filter(|i| i.kind == k).count();
        assert_eq!((kinds(IntakeKind::Case), kinds(IntakeKind::Share), kinds(IntakeKind::Attachment)), (30, 30, 2));
        assert!(intakes.iter().filter(|i| i.kind == IntakeKind::Attachment).all(|i| i.blob.is_some()));
        let mut steps = IntakeSteps::default();
        for intake in &intakes {
            replay_intake(&mut keyed.conn, intake, "65.03", &mut steps).unwrap();
            replay_intake(&mut plain.conn, intake, "65.03", &mut steps).unwrap();
        }
        let expected = dump_of_store(&mut store);
        assert_eq!(lintas_core::view::dump(&keyed.conn).unwrap(), expected);
        assert_eq!(lintas_core::view::dump(&plain.conn).unwrap(), expected);

        let filters = [
            ListFilter::default(),
            ListFilter { status: Some("Active"), ..Default::default() },
            ListFilter { child: Some(false), ..Default::default() },
            ListFilter { exploitation: Some("ForcedLabour"), ..Default::default() },
            ListFilter { status: Some("Active"), exploitation: Some("SexualExploitation"), child: Some(false) },
        ];
        for f in &filters {
            assert!(!lintas_core::cases::list(&store, &f.to_core()).unwrap().is_empty(), "{f:?}");
        }
        let terms = crate::dataset::search_terms(40, 11);
        let databases = [("keyed", &keyed.conn), ("plain", &plain.conn)];
        assert_eq!(disagreements(&store, &databases, &filters, &terms).unwrap(), Vec::<String>::new());
    }
}
