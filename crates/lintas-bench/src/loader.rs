//! Writes planned cases straight into a store's tables, many cases to a transaction.
//!
//! Every write path of the core (`cases::create`, `Batch::create`, `Batch::import_op`) ends
//! its transaction with `search::reindex` for each case it touched, and that starts with
//! `DELETE FROM case_search WHERE case_id = ?`: `case_id` is an unindexed column of the FTS5
//! table, so the delete reads the whole search index. `cases::create` also looks for
//! duplicates with a scan of every victim. Each write therefore costs time in proportion to
//! the cases already stored, and filling a store with 100,000 cases through the core takes
//! hours (measured and explained in the README). The benchmark's stores are therefore filled
//! by this loader, which writes the rows `view::apply` and `search::reindex` would write for a
//! new entity: the op row (chained and hashed like the core's), the entity's row, its
//! `entities` row and the case's search row. `audit::verify`, which replays the whole log
//! through the core and compares every table, passes on a loaded store (tested below).
//! Everything the benchmark times runs through the core, on stores filled this way.

use crate::planner::Creation;
use lintas_core::ambient::Clock;
use lintas_core::oplog::{chain_hash, genesis, Action, Hlc, Op, OpId};
use lintas_core::schema::{EntityKind, FieldKind};
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value};
use uuid::Uuid;

/// The device and operator whose ops are written, and where its hash chain stands.
pub struct Author {
    pub device: Uuid,
    pub operator: Uuid,
    next_seq: u64,
    prev: [u8; 32],
    hlc: Hlc,
}

impl Author {
    /// Continues the device's chain where the database has it.
    pub fn continuing(conn: &Connection, device: Uuid, operator: Uuid) -> rusqlite::Result<Author> {
        let head: Option<(i64, Vec<u8>)> = conn
            .query_row(
                "SELECT seq, hash FROM ops WHERE device = ?1 ORDER BY seq DESC LIMIT 1",
                [device.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let hlc: Option<(i64, u32)> = conn
            .query_row("SELECT hlc_ms, hlc_c FROM ops ORDER BY hlc_ms DESC, hlc_c DESC LIMIT 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let (next_seq, prev) = match head {
            Some((seq, hash)) => (seq as u64 + 1, hash.try_into().unwrap_or([0; 32])),
            None => (1, genesis(device)),
        };
        let hlc = hlc.map(|(ms, counter)| Hlc { ms, counter }).unwrap_or_default();
        Ok(Author { device, operator, next_seq, prev, hlc })
    }
}

/// One op as it is stored and as it travels.
pub struct WrittenOp {
    pub op: Op,
    pub body: Vec<u8>,
    pub prev: [u8; 32],
    pub hash: [u8; 32],
}

impl Author {
    /// The create op for one entity, next in this device's chain.
    pub fn create_op(&mut self, (kind, id, fields): &Creation, clock: &dyn Clock) -> WrittenOp {
        self.hlc = self.hlc.tick(clock.now().timestamp_millis());
        let op = Op {
            id: OpId { device: self.device, seq: self.next_seq },
            hlc: self.hlc,
            author: self.operator,
            entity: *kind,
            entity_id: *id,
            action: Action::Create,
            field: None,
            value: Value::Object(fields.clone()),
            base: None,
            merges: Vec::new(),
        };
        let body = op.body();
        let prev = self.prev;
        let hash = chain_hash(&prev, &body);
        self.next_seq += 1;
        self.prev = hash;
        WrittenOp { op, body, prev, hash }
    }
}

/// The SQL value `view::apply` stores for a field value.
fn sql_value(kind: FieldKind, v: &Value) -> SqlValue {
    match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(*b as i64),
        Value::Number(n) => SqlValue::Integer(n.as_i64().unwrap_or_default()),
        Value::String(s) => SqlValue::Text(s.clone()),
        // Lists of strings: canonical JSON, which for a list of strings is serde_json's
        // compact form.
        Value::Array(_) if kind.is_list() => SqlValue::Text(v.to_string()),
        other => SqlValue::Text(other.to_string()),
    }
}

/// Writes the op row, as `oplog::insert` does.
pub fn write_op(conn: &Connection, w: &WrittenOp) -> rusqlite::Result<()> {
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

/// The page cache the loader's connection gets: large enough that a transaction of 10,000
/// cases does not spill. Only the loader's connection has it, and no automatic checkpoints:
/// every store and database is checkpointed and reopened, with the core's settings, before
/// anything is timed on it.
const LOADER_CACHE_KIB: i64 = 1024 * 1024;

pub fn prepare_for_loading(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(&format!("PRAGMA cache_size = -{LOADER_CACHE_KIB}; PRAGMA wal_autocheckpoint = 0;"))
}

/// The schema's own indexes (not those SQLite makes for primary keys), by name, with the SQL
/// that made them.
pub type Indexes = Vec<(String, String)>;

/// Drops the schema's indexes before a large load (all but `ops_by_time`, which every new
/// transaction of the core reads). Maintaining a dozen indexes on random ids
/// row by row is most of the cost of loading; building each one at the end, from sorted keys,
/// is far cheaper. `restore_indexes` makes them again with their own SQL, so the schema ends
/// exactly as the migrations made it. (Indexes built this way are denser than ones grown row
/// by row, which the README notes.)
pub fn drop_indexes(conn: &Connection) -> rusqlite::Result<Indexes> {
    let indexes: Indexes = conn
        .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND name != 'ops_by_time'
             ORDER BY name",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &indexes {
        conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    Ok(indexes)
}

pub fn restore_indexes(conn: &Connection, indexes: &Indexes) -> rusqlite::Result<()> {
    for (_, sql) in indexes {
        conn.execute_batch(sql)?;
    }
    Ok(())
}

/// The op row and the entity's rows of a create.
pub fn write_rows(conn: &Connection, w: &WrittenOp) -> rusqlite::Result<()> {
    write_op(conn, w)?;
    write_entity(conn, w)
}

/// The search row of a case.
pub fn write_search(conn: &Connection, case: Uuid, body: &str) -> rusqlite::Result<()> {
    if !body.trim().is_empty() {
        conn.prepare_cached("INSERT INTO case_search (case_id, body) VALUES (?1, ?2)")?
            .execute((case.to_string(), body))?;
    }
    Ok(())
}

/// Writes the entity's row and its `entities` row, as `view::apply` does for a create.
pub fn write_entity(conn: &Connection, w: &WrittenOp) -> rusqlite::Result<()> {
    let def = w.op.entity.def();
    let fields = w.op.value.as_object().cloned().unwrap_or_default();
    let mut cols = vec!["id"];
    let mut vals = vec![SqlValue::Text(w.op.entity_id.to_string())];
    for (name, value) in &fields {
        let Some(fdef) = def.field(name) else { continue };
        cols.push(fdef.name);
        vals.push(sql_value(fdef.kind, value));
    }
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
    let sql = format!("INSERT INTO {} ({}) VALUES ({})", def.table, cols.join(", "), marks.join(", "));
    conn.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(vals))?;
    conn.prepare_cached("INSERT INTO entities (kind, id, device, seq) VALUES (?1, ?2, ?3, ?4)")?.execute((
        def.name,
        w.op.entity_id.to_string(),
        w.op.id.device.to_string(),
        w.op.id.seq as i64,
    ))?;
    Ok(())
}

fn text<'a>(m: &'a Map<String, Value>, k: &str) -> Option<&'a str> {
    m.get(k).and_then(Value::as_str)
}

/// The search text `search::reindex` builds for a case, from the case's planned entities:
/// the case number, intake place and agency, every person's names and address parts, event
/// places and note bodies, sorted and joined.
pub fn search_text(creations: &[Creation]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (kind, _, f) in creations {
        match kind {
            EntityKind::Case => {
                parts.extend(
                    ["case_number", "intake_place", "placement_agency"]
                        .iter()
                        .filter_map(|k| text(f, k).map(str::to_string)),
                );
            }
            EntityKind::Person => {
                if let Some(first) = text(f, "first_name") {
                    let middle = text(f, "middle_name").unwrap_or("");
                    let second = text(f, "second_name").unwrap_or("");
                    parts.push(format!("{first} {middle} {second}"));
                }
                let aliases = f.get("aliases").map(|a| sql_value(FieldKind::Texts, a));
                let aliases = match aliases {
                    Some(SqlValue::Text(s)) => s,
                    _ => String::new(),
                };
                let village = text(f, "address_village").unwrap_or("");
                let subdistrict = text(f, "address_subdistrict").unwrap_or("");
                let street = text(f, "address_street").unwrap_or("");
                parts.push(format!("{aliases} {village} {subdistrict} {street}"));
            }
            EntityKind::Event => parts.extend(text(f, "place").map(str::to_string)),
            EntityKind::Note => parts.extend(text(f, "body").map(str::to_string)),
            _ => {}
        }
    }
    parts.sort();
    parts.join(" ")
}

/// Writes the ops and rows of a set of entities, and the search row of the case they belong
/// to when `case` is given. Returns the ops written, for bundles and replays.
pub fn write_case(
    conn: &Connection,
    author: &mut Author,
    case: Option<Uuid>,
    creations: &[Creation],
    clock: &dyn Clock,
) -> rusqlite::Result<Vec<WrittenOp>> {
    let mut written = Vec::with_capacity(creations.len());
    for c in creations {
        let w = author.create_op(c, clock);
        write_op(conn, &w)?;
        write_entity(conn, &w)?;
        written.push(w);
    }
    if let Some(case) = case {
        write_search(conn, case, &search_text(creations))?;
    }
    Ok(written)
}

/// Stores attachment content, as `Batch::put_blob` does.
pub fn write_blob(conn: &Connection, sha256: &str, data: &[u8]) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO blobs (sha256, data) VALUES (?1, ?2)")?.execute((sha256, data))?;
    Ok(())
}

/// The hex SHA-256 the core names blobs by.
pub fn sha256_hex(data: &[u8]) -> String {
    ring::digest::digest(&ring::digest::SHA256, data).as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

/// The attachment entity `cases::attach` creates for a scan.
pub fn attachment(case_id: Uuid, name: &str, data: &[u8], id: Uuid) -> (Creation, String) {
    let sha = sha256_hex(data);
    let mut fields = Map::new();
    fields.insert("case_id".into(), Value::String(case_id.to_string()));
    fields.insert("name".into(), Value::String(name.to_string()));
    fields.insert("mime".into(), Value::String("image/jpeg".into()));
    fields.insert("size".into(), Value::from(data.len() as i64));
    fields.insert("sha256".into(), Value::String(sha.clone()));
    ((EntityKind::Attachment, id, fields), sha)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::CaseGenerator;
    use crate::planner::{plan_new_case, share, CaseNumbers};
    use chrono::{DateTime, NaiveDate};
    use lintas_core::ambient::{Entropy, FixedClock, SeededEntropy};
    use lintas_core::keyfile::KdfParams;
    use lintas_core::secret::Passphrase;
    use lintas_core::setup::{init, InitRequest};

    /// A store filled by the loader is what the core would have made of its log: `audit
    /// verify` replays the log through the core and compares every table, the search index
    /// included.
    #[test]
    fn a_loaded_store_passes_audit_verify() {
        let clock = FixedClock::new(DateTime::from_timestamp(1_795_338_000, 0).unwrap(), 1);
        let dir = tempfile::tempdir().unwrap();
        let pass = Passphrase::new("kata sandi yang cukup panjang");
        let req = InitRequest {
            district: "65.03",
            district_name: "Kabupaten Nunukan",
            operator_name: "Petugas",
            passphrase: &pass,
            kdf: KdfParams { m_kib: 1024, t: 1, p: 1 },
        };
        let (mut store, _) = init(&dir.path().join("s"), &req, &clock, &SeededEntropy::new(4)).unwrap();
        let (device, operator) = (store.identity().device_id, store.identity().operator_id);
        let entropy = SeededEntropy::new(8);
        let mut generator = CaseGenerator::new(2, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(), Some("53.03"));
        let mut numbers = CaseNumbers::default();
        let batch = store.batch(&clock).unwrap();
        let conn = batch.conn();
        let mut author = Author::continuing(conn, device, operator).unwrap();
        for i in 0..80 {
            let generated = generator.next_case();
            let (case_id, creations) = plan_new_case(&generated.document, "65.03", &mut numbers, &clock, &entropy);
            write_case(conn, &mut author, Some(case_id), &creations, &clock).unwrap();
            write_case(conn, &mut author, None, &[share(case_id, "53.03", &entropy)], &clock).unwrap();
            if i % 10 == 0 {
                let data = crate::dataset::scan_bytes(i, 2000);
                let (creation, sha) = attachment(case_id, "scan.jpg", &data, entropy.uuid());
                write_blob(conn, &sha, &data).unwrap();
                write_case(conn, &mut author, None, &[creation], &clock).unwrap();
            }
        }
        batch.commit().unwrap();
        let report = lintas_core::audit::verify(&store).unwrap();
        assert!(report.ops > 80 * 8, "{report:?}");
        // And the core keeps writing after the loaded ops: the chain and case numbers continue.
        let next = generator.next_case();
        let created = lintas_core::cases::create(&mut store, &next.document, &clock, &entropy).unwrap();
        assert!(created.case_number.ends_with("0081") || !created.case_number.is_empty());
        lintas_core::audit::verify(&store).unwrap();
    }
}
