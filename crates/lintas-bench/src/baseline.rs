//! The encryption overhead: the same schema, the same rows and the same statements on two
//! databases that differ only in the key.
//!
//! A Lintas store can only be opened keyed, so the comparison uses two databases that the
//! benchmark opens itself with the SQLite library the core links (SQLCipher's build of SQLite):
//! one keyed with a random raw 32-byte key, as `store::open_keyed` keys a store, and one with no
//! key, which SQLCipher leaves a plain SQLite file ("SQLite format 3"). Both get the core's own
//! migrations (`migrate::run`) and the core's pragmas (WAL, `synchronous=FULL`,
//! `temp_store=MEMORY`, a 64 MiB page cache, `secure_delete=ON`). Then:
//!
//! - they are filled with `audit::replay_log`, which copies the store's log (ops and attachment
//!   contents) into them and replays it through the core's own view and index code, so they
//!   hold exactly the store's rows, made by the same code in both;
//! - the creations timed in the store are replayed on both, one call's ops to a transaction,
//!   with the statements `cases::create`, `cases::attach` and `referrals::share` run around
//!   them (`replay_intake`);
//! - both answer copies of the queries behind `cases::list`, `cases::count` and
//!   `search::search`, which take a `Store` and so cannot be pointed at these databases.
//!
//! The copies of core statements here are kept only where the core's function is not public
//! or needs a `Store`; each says which function it copies. The run checks that the copied
//! queries answer exactly as the core does (`comparison_queries_match_core`), and the tests
//! check that a replay leaves the databases with exactly the store's rows.

use lintas_core::oplog::{Action, Op};
use lintas_core::schema::EntityKind;
use lintas_core::store::Store;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::collections::{BTreeMap, BTreeSet};
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
        lintas_core::migrate::run(&mut conn).map_err(|_| rusqlite::Error::InvalidQuery)?;
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
    /// The duplicate-detection keys the store holds for each case the group touches.
    pub victim_keys: BTreeMap<Uuid, Vec<String>>,
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
            out.push(Intake { kind, ops: Vec::new(), blob, victim_keys: BTreeMap::new() });
        }
        out.last_mut().expect("a group was started").ops.push(w);
    }
    let mut keys = conn.prepare("SELECT key FROM victim_key WHERE case_id = ?1 ORDER BY key")?;
    for intake in &mut out {
        if let Some(case) = intake.case_id() {
            let found = keys.query_map([case.to_string()], |r| r.get::<_, String>(0))?.collect::<Result<_, _>>()?;
            intake.victim_keys.insert(case, found);
        }
    }
    Ok(out)
}

/// Seconds spent in each part of replayed intakes: where creating a case spends its time.
#[derive(Debug, Default, Clone, Copy)]
pub struct IntakeSteps {
    /// The transaction, the chain head, the clock and the lookups before the ops (case number,
    /// the case of an attachment or a share, consent).
    pub begin_s: f64,
    /// Op rows and `view::apply`.
    pub apply_s: f64,
    /// The index rows of the touched cases (`case_index::refresh`: summary, exploitation
    /// codes, search row, victim keys).
    pub index_s: f64,
    pub commit_s: f64,
    /// `duplicates::for_case`.
    pub duplicates_s: f64,
}

impl IntakeSteps {
    pub fn describe(&self) -> String {
        format!(
            "duplicate check {:.2} s, index rows {:.2} s, op rows and view {:.2} s, commit {:.2} s, start {:.2} s",
            self.duplicates_s, self.index_s, self.apply_s, self.commit_s, self.begin_s
        )
    }
}

/// Replays one intake with the statements the core call that wrote it runs: an IMMEDIATE
/// transaction, the chain head and the latest clock reading (`Store::batch`), the lookups of
/// the call (the case number for `cases::create`; the case, and for a share its consent), each
/// op's row (`oplog::insert`) and `view::apply`, the index rows of the touched cases
/// (`case_index::refresh`), the commit, and for a case the duplicate check. Only validation
/// and planning, which touch no database, are left out. `view::apply` and
/// `duplicates::for_case` are the core's own; the other statements are copies, because the
/// core keeps them private to its batch.
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
            "SELECT max(CAST(substr(case_number, ?2) AS INTEGER)) FROM case_file
             WHERE case_number >= ?1 AND case_number < ?1 || '~'",
            (&prefix, prefix.len() as i64 + 1),
            |r| r.get::<_, Option<i64>>(0),
        )?;
    }
    if let Some((sha, data)) = &intake.blob {
        // `Batch::put_blob`.
        tx.execute("INSERT OR IGNORE INTO blobs (sha256, data) VALUES (?1, ?2)", (sha, data))?;
    }
    lap(&mut steps.begin_s);
    let mut touched = BTreeSet::new();
    for w in &intake.ops {
        insert_op(&tx, w)?;
        touched.extend(lintas_core::view::apply(&tx, &w.op).map_err(|_| rusqlite::Error::InvalidQuery)?);
    }
    lap(&mut steps.apply_s);
    for case in touched {
        let keys = intake.victim_keys.get(&case).map(Vec::as_slice).unwrap_or_default();
        refresh(&tx, &case.to_string(), keys)?;
    }
    lap(&mut steps.index_s);
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

/// `oplog::insert`: one op row.
fn insert_op(conn: &Connection, w: &WrittenOp) -> rusqlite::Result<()> {
    let op = &w.op;
    conn.prepare_cached(
        "INSERT INTO ops (device, seq, hlc_ms, hlc_c, author, action, entity, entity_id, field, body, prev, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(rusqlite::params![
        op.id.device.to_string(),
        op.id.seq as i64,
        op.hlc.ms,
        op.hlc.counter,
        op.author.to_string(),
        op.action.as_str(),
        op.entity.as_str(),
        op.entity_id.to_string(),
        op.field,
        &w.body,
        &w.prev[..],
        &w.hash[..],
    ])?;
    Ok(())
}

/// `case_index::refresh`: the summary row and exploitation codes, the search row and the
/// victim's duplicate keys of one case. The keys themselves are the ones the core computed for
/// the store (read with the intake), because the name normalisation that makes them is the
/// core's own; the statements that read the victim and write the keys are the same.
fn refresh(conn: &Connection, id: &str, victim_keys: &[String]) -> rusqlite::Result<()> {
    // `case_index::summary`.
    conn.prepare_cached("DELETE FROM case_summary WHERE id = ?1")?.execute([id])?;
    conn.prepare_cached("DELETE FROM case_exploitation WHERE case_id = ?1")?.execute([id])?;
    conn.prepare_cached(
        "INSERT INTO case_summary (id, case_number, district, status, trafficking_status, intake_date,
             type_of_exploitation, country_of_exploitation, first_name, second_name, gender, birthdate, is_child)
         SELECT c.id, c.case_number, c.district, c.status, c.trafficking_status, c.intake_date,
                c.type_of_exploitation, c.country_of_exploitation,
                p.first_name, p.second_name, p.gender, p.birthdate,
                CASE
                    WHEN c.age_when_trafficked IS NOT NULL AND c.age_when_trafficked < 18 THEN 1
                    WHEN p.birthdate IS NOT NULL AND c.intake_date IS NOT NULL
                         AND p.birthdate > date(c.intake_date, '-18 years') THEN 1
                    ELSE 0
                END
         FROM case_file c LEFT JOIN person p ON p.id = c.victim_id WHERE c.id = ?1",
    )?
    .execute([id])?;
    conn.prepare_cached(
        "INSERT OR IGNORE INTO case_exploitation (code, case_id)
         SELECT j.value, c.id FROM case_file c,
             json_each(CASE WHEN json_valid(c.type_of_exploitation) THEN c.type_of_exploitation ELSE '[]' END) j
         WHERE c.id = ?1 AND j.type = 'text'",
    )?
    .execute([id])?;
    reindex(conn, id)?;
    // `duplicates::index_victim`.
    conn.prepare_cached("DELETE FROM victim_key WHERE case_id = ?1")?.execute([id])?;
    conn.prepare_cached(
        "SELECT p.first_name, p.middle_name, p.second_name, p.aliases, p.identity_number, p.birthdate
         FROM case_file c JOIN person p ON p.id = c.victim_id WHERE c.id = ?1",
    )?
    .query_row([id], |r| {
        (0..6).try_for_each(|i| r.get::<_, Option<String>>(i).map(drop))?;
        Ok(())
    })
    .optional()?;
    let mut insert = conn.prepare_cached("INSERT OR IGNORE INTO victim_key (key, case_id) VALUES (?1, ?2)")?;
    for key in victim_keys {
        insert.execute((key, id))?;
    }
    Ok(())
}

/// `search::reindex`: the search row of a case, rebuilt from the tables and written under the
/// FTS5 rowid kept in `case_search_key`.
fn reindex(conn: &Connection, id: &str) -> rusqlite::Result<()> {
    let row: Option<i64> = conn
        .prepare_cached("SELECT row FROM case_search_key WHERE case_id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    if let Some(row) = row {
        conn.prepare_cached("DELETE FROM case_search WHERE rowid = ?1")?.execute([row])?;
    }
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
    let rows = stmt.query_map([id], |r| {
        Ok([r.get::<_, Option<String>>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?])
    })?;
    let mut parts: Vec<String> = Vec::new();
    for row in rows {
        parts.extend(row?.into_iter().flatten());
    }
    parts.sort();
    let body = parts.join(" ");
    if body.trim().is_empty() {
        conn.prepare_cached("DELETE FROM case_search_key WHERE case_id = ?1")?.execute([id])?;
        return Ok(());
    }
    let row = match row {
        Some(row) => row,
        None => {
            conn.prepare_cached("INSERT INTO case_search_key (case_id) VALUES (?1)")?.execute([id])?;
            conn.last_insert_rowid()
        }
    };
    conn.prepare_cached("INSERT INTO case_search (rowid, case_id, body) VALUES (?1, ?2, ?3)")?
        .execute((row, id, body))?;
    Ok(())
}

/// `cases::SUMMARY_COLUMNS`.
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

    /// `cases::filter_sql`.
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
            params.push(t.to_string().into());
            sql.push_str(&format!(" AND id IN (SELECT case_id FROM case_exploitation WHERE code = ?{})", params.len()));
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

/// `search::search` with the app's limit: FTS5 match by rank, then each summary by id
/// (`cases::summaries_by_id`).
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

/// How far the copied queries answer as the core's functions do; empty when they agree.
///
/// On the store's own connection each copy must answer exactly as the core (same cases, same
/// order), which shows that the copy is the core's query. On each comparison database the
/// list pages and counts must be exactly the core's, and a search must find the same cases:
/// the order of cases with an equal FTS5 rank is left out, because FTS5 orders those by rowid,
/// and `audit::replay_log` gives the cases their search rows in id order where the store gave
/// them in the order it wrote them. All matches are compared, not only the first page, so that
/// equal ranks at the end of a page cannot hide or invent a difference.
pub fn disagreements(
    store: &mut Store,
    databases: &[(&str, &Connection)],
    filters: &[ListFilter],
    terms: &[String],
) -> Result<Vec<String>, String> {
    let e = |e: rusqlite::Error| e.to_string();
    let numbers = |v: Vec<lintas_core::cases::CaseSummary>| v.into_iter().map(|c| c.case_number).collect::<Vec<_>>();
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let mut lists = Vec::new();
    for f in filters {
        let core = numbers(lintas_core::cases::list(store, &f.to_core()).map_err(|e| e.to_string())?);
        let count = lintas_core::cases::count(store, &f.to_core()).map_err(|e| e.to_string())? as i64;
        lists.push((f, core, count));
    }
    let mut searches = Vec::new();
    for t in terms {
        let page = numbers(lintas_core::search::search(store, t, 200).map_err(|e| e.to_string())?);
        let all = sorted(numbers(lintas_core::search::search(store, t, u32::MAX).map_err(|e| e.to_string())?));
        searches.push((t, page, all));
    }
    let mut out = Vec::new();
    let clock = crate::scenario::clock();
    let batch = store.batch(&clock).map_err(|e| e.to_string())?;
    let own = ("the store", batch.conn());
    for (name, conn) in std::iter::once(own).chain(databases.iter().copied()) {
        let exact = name == own.0;
        for (f, core, count) in &lists {
            if list(conn, f).map_err(e)? != *core || self::count(conn, f).map_err(e)? != *count {
                out.push(format!("list or count {f:?} on {name}"));
            }
        }
        for (t, page, all) in &searches {
            let same = if exact {
                search(conn, t, 200).map_err(e)? == *page
            } else {
                sorted(search(conn, t, u32::MAX).map_err(e)?) == *all
            };
            if !same {
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
    /// one call at a time are replayed on them. And the copies of the core's queries answer on
    /// them exactly as the core answers on the store.
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
        assert_eq!(disagreements(&mut store, &databases, &filters, &terms).unwrap(), Vec::<String>::new());
    }
}
