//! The materialised view: case tables derived from the op log.
//!
//! `apply` is the only code that writes the entity tables. It is generic over the schema in
//! `schema.rs`: a create inserts a row with the given fields, a set updates one column. Column
//! names come only from the schema, never from the op, so an op cannot inject SQL.
//! Concurrent sets of the same field are settled last-writer-wins by `(hlc, device)`, which is
//! the same in every store whatever order the ops arrive in.

use crate::log::op::{Action, Hlc, Op, OpId};
use crate::model::schema::{EntityDef, EntityKind, FieldKind};
use crate::support::canonical;
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value};
use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum ViewError {
    #[error("{entity} has no field named in the op")]
    UnknownField { entity: &'static str },
    #[error("{entity}.{field} cannot be changed after creation")]
    Immutable { entity: &'static str, field: &'static str },
    #[error("{entity}.{field} has a value of the wrong type")]
    WrongType { entity: &'static str, field: &'static str },
    #[error("the op changes a {entity} that does not exist")]
    Missing { entity: &'static str },
    #[error("the op creates a {entity} that already exists")]
    Exists { entity: &'static str },
    #[error("database error ({0})")]
    Sql(crate::store::SqlFault),
}

impl From<rusqlite::Error> for ViewError {
    fn from(e: rusqlite::Error) -> Self {
        ViewError::Sql(crate::store::SqlFault::from(&e))
    }
}

impl From<ViewError> for crate::store::StoreError {
    fn from(e: ViewError) -> Self {
        match e {
            ViewError::Sql(code) => crate::store::StoreError::Sql(code),
            _ => crate::store::StoreError::Damaged,
        }
    }
}

/// Applies one op to the tables. Returns the cases whose search text may have changed.
pub fn apply(conn: &Connection, op: &Op) -> Result<Vec<Uuid>, ViewError> {
    let def = op.entity.def();
    let id = op.entity_id.to_string();
    let exists: bool = conn
        .prepare_cached("SELECT 1 FROM entities WHERE kind = ?1 AND id = ?2")?
        .query_row((def.name, &id), |_| Ok(()))
        .optional()?
        .is_some();
    match op.action {
        Action::Create => {
            if exists {
                return Err(ViewError::Exists { entity: def.name });
            }
            let fields = op.value.as_object().ok_or(ViewError::WrongType { entity: def.name, field: "*" })?;
            let mut cols = vec!["id"];
            let mut vals = vec![SqlValue::Text(id.clone())];
            for (name, value) in fields {
                let fdef = def.field(name).ok_or(ViewError::UnknownField { entity: def.name })?;
                cols.push(fdef.name);
                vals.push(to_sql(def, fdef.name, fdef.kind, value)?);
            }
            let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
            let sql = format!("INSERT INTO {} ({}) VALUES ({})", def.table, cols.join(", "), marks.join(", "));
            conn.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(vals))?;
            conn.prepare_cached("INSERT INTO entities (kind, id, device, seq) VALUES (?1, ?2, ?3, ?4)")?.execute((
                def.name,
                &id,
                op.id.device.to_string(),
                op.id.seq as i64,
            ))?;
        }
        Action::Erase => {
            crate::log::erase::apply(conn, op)?;
            return Ok(Vec::new());
        }
        Action::Set => {
            if !exists {
                return Err(ViewError::Missing { entity: def.name });
            }
            let name = op.field.as_deref().unwrap_or("");
            let fdef = def.field(name).ok_or(ViewError::UnknownField { entity: def.name })?;
            if fdef.immutable {
                return Err(ViewError::Immutable { entity: def.name, field: fdef.name });
            }
            let value = to_sql(def, fdef.name, fdef.kind, &op.value)?;
            let current: Option<(i64, u32, String)> = conn
                .prepare_cached(
                    "SELECT hlc_ms, hlc_c, device FROM field_versions WHERE kind = ?1 AND id = ?2 AND field = ?3",
                )?
                .query_row((def.name, &id, fdef.name), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?;
            let later = match &current {
                None => true,
                Some((ms, c, dev)) => (op.hlc, op.id.device.to_string()) > (Hlc { ms: *ms, counter: *c }, dev.clone()),
            };
            let newer = if op.entity == EntityKind::Referral && fdef.name == "status" {
                referral_status_wins(conn, &id, &op.value, later)?
            } else {
                later
            };
            track_heads(conn, def.name, &id, fdef.name, op)?;
            if newer {
                conn.prepare_cached(&format!("UPDATE {} SET {} = ?1 WHERE id = ?2", def.table, fdef.name))?
                    .execute((value, &id))?;
                conn.prepare_cached(
                    "INSERT OR REPLACE INTO field_versions (kind, id, field, device, seq, hlc_ms, hlc_c)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?
                .execute((
                    def.name,
                    &id,
                    fdef.name,
                    op.id.device.to_string(),
                    op.id.seq as i64,
                    op.hlc.ms,
                    op.hlc.counter,
                ))?;
            }
        }
    }
    cases_touched(conn, op.entity, &id)
}

/// Rank of a referral status in its lattice; Accepted and Declined share a rank.
pub fn referral_rank(status: &str) -> u8 {
    match status {
        "Draft" => 0,
        "Sent" => 1,
        "Received" => 2,
        "Accepted" | "Declined" => 3,
        "Completed" => 4,
        _ => 0,
    }
}

/// Referral status never moves backwards: a higher rank wins whatever its timestamp; between
/// equal ranks the later write wins, as for any field.
fn referral_status_wins(conn: &Connection, id: &str, new: &Value, later: bool) -> Result<bool, ViewError> {
    let current: Option<String> = conn
        .prepare_cached("SELECT status FROM referral WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .flatten();
    let cur = current.as_deref().map(referral_rank).unwrap_or(0);
    let new = new.as_str().map(referral_rank).unwrap_or(0);
    Ok(new > cur || (new == cur && later))
}

/// Keeps `field_heads` equal to the writes of each field that no other write names as its base
/// or merges. Order-independent: a write that arrives after one naming it never becomes a head.
fn track_heads(conn: &Connection, kind: &str, id: &str, field: &str, op: &Op) -> Result<(), ViewError> {
    for r in op.base.iter().chain(op.merges.iter()) {
        let (device, seq) = (r.device.to_string(), r.seq as i64);
        conn.prepare_cached(
            "INSERT OR IGNORE INTO field_refs (kind, id, field, device, seq) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute((kind, id, field, &device, seq))?;
        conn.prepare_cached(
            "DELETE FROM field_heads WHERE kind = ?1 AND id = ?2 AND field = ?3 AND device = ?4 AND seq = ?5",
        )?
        .execute((kind, id, field, &device, seq))?;
    }
    let (device, seq) = (op.id.device.to_string(), op.id.seq as i64);
    let named: bool = conn
        .prepare_cached(
            "SELECT 1 FROM field_refs WHERE kind = ?1 AND id = ?2 AND field = ?3 AND device = ?4 AND seq = ?5",
        )?
        .query_row((kind, id, field, &device, seq), |_| Ok(()))
        .optional()?
        .is_some();
    if !named {
        conn.prepare_cached(
            "INSERT OR IGNORE INTO field_heads (kind, id, field, device, seq) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute((kind, id, field, &device, seq))?;
    }
    Ok(())
}

pub fn exists(conn: &Connection, kind: EntityKind, id: Uuid) -> Result<bool, ViewError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM entities WHERE kind = ?1 AND id = ?2")?
        .query_row((kind.as_str(), id.to_string()), |_| Ok(()))
        .optional()?
        .is_some())
}

/// The op that last wrote `field` of an entity, or the op that created it.
pub fn current_version(conn: &Connection, kind: EntityKind, id: Uuid, field: &str) -> Result<Option<OpId>, ViewError> {
    let id = id.to_string();
    let row: Option<(String, i64)> = conn
        .prepare_cached(
            "SELECT device, seq FROM field_versions WHERE kind = ?1 AND id = ?2 AND field = ?3
             UNION ALL SELECT device, seq FROM entities WHERE kind = ?1 AND id = ?2 LIMIT 1",
        )?
        .query_row((kind.as_str(), &id, field), |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(row.and_then(|(d, s)| Some(OpId { device: d.parse().ok()?, seq: s as u64 })))
}

pub(crate) fn cases_touched(conn: &Connection, kind: EntityKind, id: &str) -> Result<Vec<Uuid>, ViewError> {
    let sql = match kind {
        EntityKind::Case => return Ok(id.parse().into_iter().collect()),
        EntityKind::Operator
        | EntityKind::PersonLink
        | EntityKind::Organisation
        | EntityKind::Activity
        | EntityKind::Training
        | EntityKind::TrainingGroup
        | EntityKind::Programme => return Ok(Vec::new()),
        EntityKind::Person => {
            "SELECT id FROM case_file WHERE victim_id = ?1 UNION SELECT case_id FROM party WHERE person_id = ?1"
        }
        EntityKind::Party => "SELECT case_id FROM party WHERE id = ?1",
        EntityKind::Event => "SELECT case_id FROM event WHERE id = ?1",
        EntityKind::Service => "SELECT case_id FROM service WHERE id = ?1",
        EntityKind::Followup => "SELECT case_id FROM followup WHERE id = ?1",
        EntityKind::Note => "SELECT case_id FROM note WHERE id = ?1",
        EntityKind::Consent => "SELECT case_id FROM consent WHERE id = ?1",
        EntityKind::Attachment => "SELECT case_id FROM attachment WHERE id = ?1",
        EntityKind::Referral => "SELECT case_id FROM referral WHERE id = ?1",
        EntityKind::Share => "SELECT case_id FROM share WHERE id = ?1",
        EntityKind::Plan => "SELECT case_id FROM plan WHERE id = ?1",
        EntityKind::Assessment => "SELECT case_id FROM assessment WHERE id = ?1",
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let ids = stmt.query_map([id], |r| r.get::<_, Option<String>>(0))?;
    let mut out = Vec::new();
    for i in ids {
        if let Some(Ok(u)) = i?.map(|s| s.parse::<Uuid>()) {
            out.push(u);
        }
    }
    Ok(out)
}

fn to_sql(def: &EntityDef, field: &'static str, kind: FieldKind, v: &Value) -> Result<SqlValue, ViewError> {
    let wrong = || ViewError::WrongType { entity: def.name, field };
    Ok(match (kind, v) {
        (_, Value::Null) => SqlValue::Null,
        (FieldKind::Bool, Value::Bool(b)) => SqlValue::Integer(*b as i64),
        (FieldKind::Int | FieldKind::Count, Value::Number(n)) => SqlValue::Integer(n.as_i64().ok_or_else(wrong)?),
        (k, Value::Array(items)) if k.is_list() => {
            if !items.iter().all(Value::is_string) {
                return Err(wrong());
            }
            SqlValue::Text(canonical::to_string(v))
        }
        (
            FieldKind::Text
            | FieldKind::LongText
            | FieldKind::Date
            | FieldKind::Timestamp
            | FieldKind::Code(_)
            | FieldKind::Province
            | FieldKind::Regency
            | FieldKind::Ref(_),
            Value::String(s),
        ) => SqlValue::Text(s.clone()),
        _ => return Err(wrong()),
    })
}

fn from_sql(kind: FieldKind, v: SqlValue) -> Value {
    match (kind, v) {
        (_, SqlValue::Null) => Value::Null,
        (FieldKind::Bool, SqlValue::Integer(i)) => Value::Bool(i != 0),
        (_, SqlValue::Integer(i)) => Value::from(i),
        (k, SqlValue::Text(s)) if k.is_list() => serde_json::from_str(&s).unwrap_or(Value::Null),
        (_, SqlValue::Text(s)) => Value::String(s),
        (_, SqlValue::Real(r)) => Value::from(r),
        (_, SqlValue::Blob(_)) => Value::Null,
    }
}

fn select_list(def: &EntityDef) -> String {
    let mut cols = vec!["id"];
    cols.extend(def.fields.iter().map(|f| f.name));
    cols.join(", ")
}

pub(crate) fn row_to_map(def: &EntityDef, row: &rusqlite::Row<'_>) -> rusqlite::Result<Map<String, Value>> {
    let mut m = Map::new();
    m.insert("id".into(), Value::String(row.get(0)?));
    for (i, f) in def.fields.iter().enumerate() {
        let v = from_sql(f.kind, row.get(i + 1)?);
        if !v.is_null() {
            m.insert(f.name.into(), v);
        }
    }
    Ok(m)
}

/// One entity's fields (absent fields are left out), with its `id`.
pub fn read(conn: &Connection, kind: EntityKind, id: Uuid) -> Result<Option<Map<String, Value>>, ViewError> {
    let def = kind.def();
    let sql = format!("SELECT {} FROM {} WHERE id = ?1", select_list(def), def.table);
    Ok(conn.prepare_cached(&sql)?.query_row([id.to_string()], |r| row_to_map(def, r)).optional()?)
}

/// All entities of `kind` belonging to a case, in creation order.
pub fn read_for_case(conn: &Connection, kind: EntityKind, case_id: Uuid) -> Result<Vec<Map<String, Value>>, ViewError> {
    let def = kind.def();
    let mut stmt = conn.prepare_cached(&for_case_sql(kind))?;
    let rows = stmt.query_map((case_id.to_string(), def.name), |r| row_to_map(def, r))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The items of a case in the order they were created. CROSS JOIN keeps the item table outside,
/// found by its `case_id` index: left to itself, SQLite walked every entity of the kind in the
/// store (and its op) to find one case's few items, so that opening a case grew with the store.
fn for_case_sql(kind: EntityKind) -> String {
    let def = kind.def();
    format!(
        "SELECT {} FROM {} t CROSS JOIN entities e ON e.kind = ?2 AND e.id = t.id
         CROSS JOIN ops o ON o.device = e.device AND o.seq = e.seq
         WHERE t.case_id = ?1 ORDER BY o.hlc_ms, o.hlc_c, o.device",
        def.fields.iter().fold("t.id".to_string(), |acc, f| format!("{acc}, t.{}", f.name)),
        def.table
    )
}

/// Every materialised table, rows sorted, as text: two stores hold the same view exactly when
/// their dumps are equal. Used by `audit verify` and by tests.
pub fn dump(conn: &Connection) -> Result<Vec<String>, ViewError> {
    let mut out = Vec::new();
    let mut tables: Vec<(&str, String)> = EntityKind::ALL
        .iter()
        .map(|k| (k.def().table, format!("SELECT * FROM {} ORDER BY id", k.def().table)))
        .collect();
    tables.push(("entities", "SELECT * FROM entities ORDER BY kind, id".into()));
    tables.push(("field_versions", "SELECT * FROM field_versions ORDER BY kind, id, field".into()));
    tables.push(("field_heads", "SELECT * FROM field_heads ORDER BY kind, id, field, device, seq".into()));
    tables.push(("field_refs", "SELECT * FROM field_refs ORDER BY kind, id, field, device, seq".into()));
    tables.push(("case_search", "SELECT case_id, body FROM case_search ORDER BY case_id".into()));
    tables.push(("case_summary", "SELECT * FROM case_summary ORDER BY id".into()));
    tables.push(("case_exploitation", "SELECT * FROM case_exploitation ORDER BY code, case_id".into()));
    tables.push(("victim_key", "SELECT * FROM victim_key ORDER BY key, case_id".into()));
    tables.push(("victim_card", "SELECT * FROM victim_card ORDER BY case_id".into()));
    for (table, sql) in tables {
        let mut stmt = conn.prepare(&sql)?;
        let n = stmt.column_count();
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let mut line = format!("{table}:");
            for i in 0..n {
                let v: SqlValue = row.get(i)?;
                line.push_str(&format!(" {v:?}"));
            }
            out.push(line);
        }
    }
    Ok(out)
}

/// Deletes every materialised row, so that the log can be replayed from scratch.
pub(crate) fn clear(conn: &Connection) -> Result<(), ViewError> {
    for k in EntityKind::ALL {
        conn.prepare_cached(&format!("DELETE FROM {}", k.def().table))?.execute([])?;
    }
    conn.execute_batch(
        "DELETE FROM entities; DELETE FROM field_versions; DELETE FROM field_heads; DELETE FROM field_refs;
         DELETE FROM case_search; DELETE FROM case_search_key; DELETE FROM case_summary;
         DELETE FROM case_exploitation; DELETE FROM victim_key; DELETE FROM victim_card; DELETE FROM name_count;",
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    /// Reading one case's items starts from the item table's `case_id` index, never from all the
    /// entities of the kind (the plan SQLite chose before, which grew with the store).
    #[test]
    fn a_cases_items_are_found_by_the_case_not_by_walking_the_store() {
        let conn = crate::log::upgrade::in_memory();
        let mut checked = 0;
        for kind in EntityKind::ALL.iter().filter(|k| k.def().fields.iter().any(|f| f.name == "case_id")) {
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {}", super::for_case_sql(*kind))).unwrap();
            let plan: Vec<String> =
                stmt.query_map(("c", "k"), |r| r.get::<_, String>(3)).unwrap().map(Result::unwrap).collect();
            assert!(plan[0].starts_with("SEARCH t USING INDEX") && plan[0].contains("case_id=?"), "{kind:?}: {plan:?}");
            checked += 1;
        }
        assert!(checked >= 10, "{checked} kinds of case items");
    }

    use super::*;
    use serde_json::json;

    fn db() -> Connection {
        crate::log::upgrade::in_memory()
    }

    /// An op `(device, seq)` at `ms` on `(kind, id)`: a create without a field, else a set.
    fn op(at: (u128, u64), ms: i64, target: (EntityKind, u128), field: Option<&str>, value: Value) -> Op {
        Op {
            id: OpId { device: Uuid::from_u128(at.0), seq: at.1 },
            hlc: Hlc { ms, counter: 0 },
            author: Uuid::from_u128(9),
            entity: target.0,
            entity_id: Uuid::from_u128(target.1),
            action: if field.is_some() { Action::Set } else { Action::Create },
            field: field.map(str::to_string),
            value,
            base: None,
            merges: Vec::new(),
        }
    }

    fn first_name(conn: &Connection) -> Value {
        read(conn, EntityKind::Person, Uuid::from_u128(5)).unwrap().unwrap()["first_name"].clone()
    }

    /// The later write by (hlc, device) wins, whichever arrives first: the tables are a function
    /// of the set of ops, not of their order.
    #[test]
    fn the_later_write_wins_in_any_order_of_arrival() {
        let create = op((1, 1), 1_000, (EntityKind::Person, 5), None, json!({"first_name": "Maria"}));
        let early = op((1, 2), 2_000, (EntityKind::Person, 5), Some("first_name"), json!("Mariya"));
        let late = op((2, 1), 3_000, (EntityKind::Person, 5), Some("first_name"), json!("Mariah"));
        let tie = op((3, 1), 3_000, (EntityKind::Person, 5), Some("first_name"), json!("Marya"));
        let mut dumps = Vec::new();
        for order in [[&early, &late, &tie], [&tie, &late, &early], [&late, &early, &tie]] {
            let conn = db();
            apply(&conn, &create).unwrap();
            for o in order {
                apply(&conn, o).unwrap();
            }
            // Same time: the greater device id wins.
            assert_eq!(first_name(&conn), json!("Marya"));
            dumps.push(dump(&conn).unwrap());
        }
        assert!(dumps.windows(2).all(|w| w[0] == w[1]));
    }

    #[test]
    fn a_referral_never_moves_back_whatever_arrives_later() {
        let conn = db();
        let create = op((1, 1), 1_000, (EntityKind::Referral, 7), None, json!({"status": "Draft"}));
        apply(&conn, &create).unwrap();
        let accepted = op((2, 1), 2_000, (EntityKind::Referral, 7), Some("status"), json!("Accepted"));
        let sent_later = op((1, 2), 9_000, (EntityKind::Referral, 7), Some("status"), json!("Sent"));
        apply(&conn, &accepted).unwrap();
        apply(&conn, &sent_later).unwrap();
        let status = read(&conn, EntityKind::Referral, Uuid::from_u128(7)).unwrap().unwrap()["status"].clone();
        assert_eq!(status, json!("Accepted"));
        assert!(
            referral_rank("Completed") > referral_rank("Accepted") && referral_rank("Sent") > referral_rank("Draft")
        );
    }

    #[test]
    fn ops_the_schema_does_not_allow_are_refused_and_change_nothing() {
        let conn = db();
        let create = op((1, 1), 1_000, (EntityKind::Person, 5), None, json!({"first_name": "Maria"}));
        apply(&conn, &create).unwrap();
        let before = dump(&conn).unwrap();
        assert!(matches!(apply(&conn, &create), Err(ViewError::Exists { .. })));
        let unknown = op((1, 2), 2_000, (EntityKind::Person, 5), Some("shoe_size"), json!("40"));
        assert!(matches!(apply(&conn, &unknown), Err(ViewError::UnknownField { .. })));
        let missing = op((1, 3), 2_000, (EntityKind::Person, 6), Some("first_name"), json!("Yohana"));
        assert!(matches!(apply(&conn, &missing), Err(ViewError::Missing { .. })));
        assert_eq!(dump(&conn).unwrap(), before);
    }
}
