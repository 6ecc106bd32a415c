//! Applying an erase op to the tables, in the op's transaction: what belongs to the person is
//! deleted, the ops about them are emptied in place (their chain kept), their ids remembered so
//! that later ops about them arrive emptied, and the store is marked for its clean-up. What an
//! erasure is, who may ask for it and how it is confirmed is `protection::erasure`.

use crate::log::op::{Action, Op};
use crate::model::schema::{EntityKind, FieldKind};
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;
use uuid::Uuid;

/// Applies an erase op to the tables, in the transaction of the op. Called by `view::apply`.
pub(crate) fn apply(conn: &Connection, op: &Op) -> rusqlite::Result<()> {
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('scrub_due', '1')", [])?;
    let by = op.id.to_string();
    let ids = belonging_to(conn, op.entity_id)?;
    let mut blobs = Vec::new();
    // Cases that keep living but lose a person: their index rows are written anew.
    let mut cases_left: Vec<String> = Vec::new();
    for id in &ids {
        if let Some(case) =
            conn.query_row("SELECT case_id FROM party WHERE id = ?1", [id], |r| r.get::<_, String>(0)).optional()?
        {
            cases_left.push(case);
        }
        if let Some(sha) = conn
            .query_row("SELECT sha256 FROM attachment WHERE id = ?1", [id], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten()
        {
            blobs.push(sha);
        }
    }
    for id in &ids {
        conn.execute("INSERT OR IGNORE INTO erased (id, erase_op) VALUES (?1, ?2)", (id, &by))?;
        for kind in EntityKind::ALL {
            conn.execute(&format!("DELETE FROM {} WHERE id = ?1", kind.def().table), [id])?;
        }
        for table in ["entities", "field_versions", "field_heads", "field_refs"] {
            conn.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
        }
        conn.execute(
            "UPDATE ops SET body = X'', erased_by = ?2 WHERE entity_id = ?1 AND erased_by IS NULL AND action <> 'erase'",
            (id, &by),
        )?;
    }
    for sha in blobs {
        conn.execute("DELETE FROM blobs WHERE sha256 = ?1 AND sha256 NOT IN (SELECT sha256 FROM attachment)", [sha])?;
    }
    empty_waiting_ops(conn)?;
    // Erased cases lose their index rows (refreshing an id that is no case changes nothing);
    // the cases left are indexed again without the person.
    for case in ids.iter().chain(&cases_left) {
        crate::index::case_index::refresh_id(conn, case)?;
    }
    // FTS5 keeps deleted words in its index segments until they are merged; rebuilding the
    // index from the remaining rows leaves none of the erased text behind.
    conn.execute("INSERT INTO case_search (case_search) VALUES ('rebuild')", [])?;
    Ok(())
}

/// The ids of everything that is a person's: for a victim, each of their cases whole; for
/// anyone else, their person record and their parts in cases. Duplicate links naming any
/// erased person go too.
fn belonging_to(conn: &Connection, person: Uuid) -> rusqlite::Result<Vec<String>> {
    let p = person.to_string();
    let mut ids = vec![p.clone()];
    let mut victim_of = conn.prepare("SELECT id FROM case_file WHERE victim_id = ?1")?;
    let cases: Vec<String> = victim_of.query_map([&p], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let mut in_case = conn.prepare(crate::model::schema::CASE_RECORDS)?;
    for case in &cases {
        let all: Vec<Option<String>> = in_case.query_map([case], |r| r.get(0))?.collect::<Result<_, _>>()?;
        ids.extend(all.into_iter().flatten());
    }
    let mut parts = conn.prepare("SELECT id FROM party WHERE person_id = ?1")?;
    ids.extend(parts.query_map([&p], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?);
    // A witness of an erased case who is also part of another case keeps that other part.
    let mut elsewhere = conn.prepare(
        "SELECT 1 FROM party WHERE person_id = ?1 AND case_id NOT IN (SELECT value FROM json_each(?2))
         UNION SELECT 1 FROM case_file WHERE victim_id = ?1 AND id NOT IN (SELECT value FROM json_each(?2))",
    )?;
    let case_list = serde_json::to_string(&cases).unwrap_or_else(|_| "[]".into());
    let mut kept = Vec::new();
    for id in &ids {
        if *id != p && elsewhere.exists((id, &case_list))? {
            kept.push(id.clone());
        }
    }
    ids.retain(|id| !kept.contains(id));
    let mut links = conn.prepare("SELECT id FROM person_link WHERE person_a = ?1 OR person_b = ?1")?;
    let persons = ids.clone();
    for id in &persons {
        ids.extend(links.query_map([id], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?);
    }
    ids.sort();
    ids.dedup();
    Ok(ids)
}

/// The erase op that covers an arriving op, if any: the op is about an erased entity, or creates
/// an entity under one (a note of an erased case), which is then erased too. Erase ops are never
/// covered: a second erasure of the same person is applied (and finds nothing left).
pub(crate) fn covering(conn: &Connection, op: &Op) -> rusqlite::Result<Option<String>> {
    if op.action == Action::Erase {
        return Ok(None);
    }
    let by_id = |id: &str| -> rusqlite::Result<Option<String>> {
        // Asked for every op written or imported: the statement is kept prepared.
        conn.prepare_cached("SELECT erase_op FROM erased WHERE id = ?1")?.query_row([id], |r| r.get(0)).optional()
    };
    if let Some(by) = by_id(&op.entity_id.to_string())? {
        return Ok(Some(by));
    }
    if op.action == Action::Create {
        for field in op.entity.def().fields {
            if let (FieldKind::Ref(_), Some(Value::String(target))) = (field.kind, op.value.get(field.name)) {
                if let Some(by) = by_id(target)? {
                    conn.execute(
                        "INSERT OR IGNORE INTO erased (id, erase_op) VALUES (?1, ?2)",
                        (op.entity_id.to_string(), &by),
                    )?;
                    return Ok(Some(by));
                }
            }
        }
    }
    Ok(None)
}

/// Ops waiting for an entity that is now erased will never apply: they move into the log,
/// emptied, so that no copy of their content stays behind.
fn empty_waiting_ops(conn: &Connection) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare("SELECT body, prev, hash FROM pending_ops")?;
    let rows: Vec<(Vec<u8>, Vec<u8>, Vec<u8>)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
    for (body, prev, hash) in rows {
        let Ok(op) = Op::from_body(&body) else { continue };
        let Some(by) = covering(conn, &op)? else { continue };
        let (Ok(prev), Ok(hash)) = (<[u8; 32]>::try_from(prev), <[u8; 32]>::try_from(hash)) else { continue };
        conn.execute(
            "DELETE FROM pending_ops WHERE device = ?1 AND seq = ?2",
            (op.id.device.to_string(), op.id.seq as i64),
        )?;
        insert_emptied(conn, &op, &prev, &hash, &by)?;
    }
    Ok(())
}

/// Writes an op that concerns someone erased: its place in its chain, without its content.
pub(crate) fn insert_emptied(
    conn: &Connection,
    op: &Op,
    prev: &[u8; 32],
    hash: &[u8; 32],
    by: &str,
) -> rusqlite::Result<()> {
    crate::log::op::insert(conn, op, &[], prev, hash)?;
    conn.execute(
        "UPDATE ops SET erased_by = ?3 WHERE device = ?1 AND seq = ?2",
        (op.id.device.to_string(), op.id.seq as i64, by),
    )?;
    Ok(())
}

/// Checks the erased ops of the log: each names an erase op that is here, intact, and that
/// erased the op's entity. Returns the first op that fails.
pub(crate) fn verify(conn: &Connection) -> rusqlite::Result<Option<(Uuid, u64)>> {
    let mut stmt = conn.prepare(
        "SELECT o.device, o.seq, o.erased_by, o.body, e.erase_op, x.action, x.erased_by
         FROM ops o LEFT JOIN erased e ON e.id = o.entity_id
         LEFT JOIN ops x ON x.device || ':' || x.seq = o.erased_by
         WHERE o.erased_by IS NOT NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let by: String = r.get(2)?;
        let body: Vec<u8> = r.get(3)?;
        let recorded: Option<String> = r.get(4)?;
        let erase_action: Option<String> = r.get(5)?;
        let erase_emptied: Option<String> = r.get(6)?;
        let sound = body.is_empty()
            && recorded.as_deref() == Some(by.as_str())
            && erase_action.as_deref() == Some("erase")
            && erase_emptied.is_none();
        if !sound {
            let device = r.get::<_, String>(0)?.parse().unwrap_or_default();
            return Ok(Some((device, r.get::<_, i64>(1)? as u64)));
        }
    }
    Ok(None)
}
