//! Conflict review: concurrent edits of sensitive fields, for a person to settle.
//!
//! Merge already picks a provisional winner for every field (last writer by HLC, then device),
//! so all districts show the same value. For identity, birth date, documents, location,
//! consent and risk that is not enough: when a field has two or more heads (writes that no later
//! write named as its base), the case is listed here. Resolving writes the chosen value as a new
//! op that merges every head, which closes the conflict wherever that op arrives.

use crate::log::oplog::{Op, OpId, OpLogError};
use crate::log::view;
use crate::model::roles::Permission;
use crate::model::schema::EntityKind;
use crate::store::{Store, StoreError};
use crate::support::ambient::Clock;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeSet;
use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum ConflictError {
    #[error("no open conflict with this id")]
    NotFound,
    #[error("the chosen version is not one of the conflicting ones")]
    NotAHead,
    #[error(transparent)]
    OpLog(#[from] OpLogError),
    /// The corrected value is not valid for the field.
    #[error(transparent)]
    Invalid(#[from] crate::model::validate::Invalid),
}

impl From<crate::store::StoreError> for ConflictError {
    fn from(e: crate::store::StoreError) -> Self {
        ConflictError::OpLog(e.into())
    }
}

impl From<rusqlite::Error> for ConflictError {
    fn from(e: rusqlite::Error) -> Self {
        ConflictError::OpLog(e.into())
    }
}

/// One competing write.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Version {
    pub op: String,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub value: Value,
    pub author: Uuid,
    /// The name of the operator who wrote it, when this store knows them.
    pub author_name: Option<String>,
    pub district: Option<String>,
    /// The district's name, when this store knows it.
    pub district_name: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub at_ms: i64,
    /// The value merge shows until someone decides.
    pub provisional: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Conflict {
    /// `entity_id/field`: what `conflicts resolve` takes.
    pub id: String,
    pub case_id: Uuid,
    pub case_number: String,
    pub entity: EntityKind,
    pub entity_id: Uuid,
    pub field: String,
    /// For a person's field: whose it is in the case (`Victim`, `Witness`, `FamilyContact`,
    /// `Perpetrator`), so that a reviewer sees whose name or birth date is in question.
    pub part: Option<String>,
    pub versions: Vec<Version>,
}

/// Open conflicts on sensitive fields, ordered by case number.
pub fn list(store: &Store) -> Result<Vec<Conflict>, StoreError> {
    store.require(Permission::ReviewMatches)?;
    open_in(&store.conn)
}

/// How many sensitive fields of these entities have more than one current version, on
/// entities that belong to a case: the conflicts an import left. Each entity is looked up by
/// its key, so the cost follows the import, not the store.
pub(crate) fn count_on(conn: &Connection, entities: &BTreeSet<(EntityKind, Uuid)>) -> Result<usize, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT field FROM field_heads WHERE kind = ?1 AND id = ?2 GROUP BY field HAVING count(*) > 1",
    )?;
    let mut n = 0;
    for (entity, id) in entities {
        let id = id.to_string();
        let fields: Vec<String> = stmt.query_map((entity.def().name, &id), |r| r.get(0))?.collect::<Result<_, _>>()?;
        let sensitive = fields.iter().filter(|f| entity.def().field(f).is_some_and(|f| f.sensitive)).count();
        if sensitive > 0 && !view::cases_touched(conn, *entity, &id).map_err(StoreError::from)?.is_empty() {
            n += sensitive;
        }
    }
    Ok(n)
}

pub(crate) fn open_in(conn: &Connection) -> Result<Vec<Conflict>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT kind, id, field FROM field_heads GROUP BY kind, id, field HAVING count(*) > 1 ORDER BY kind, id, field",
    )?;
    let groups: Vec<(String, String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for (kind, id, field) in groups {
        let Some(entity) = EntityKind::parse(&kind) else { continue };
        if !entity.def().field(&field).is_some_and(|f| f.sensitive) {
            continue;
        }
        let Ok(entity_id) = id.parse::<Uuid>() else { continue };
        let Some(case_id) = view::cases_touched(conn, entity, &id).map_err(StoreError::from)?.into_iter().next() else {
            continue;
        };
        let winner = view::current_version(conn, entity, entity_id, &field).map_err(StoreError::from)?;
        let mut versions = Vec::new();
        let mut heads = conn.prepare_cached(
            "SELECT o.body FROM field_heads h JOIN ops o ON o.device = h.device AND o.seq = h.seq
             WHERE h.kind = ?1 AND h.id = ?2 AND h.field = ?3 ORDER BY o.hlc_ms, o.hlc_c, o.device",
        )?;
        for body in heads.query_map((&kind, &id, &field), |r| r.get::<_, Vec<u8>>(0))? {
            let op = Op::from_body(&body?).map_err(|_| StoreError::Damaged)?;
            let district: Option<String> = conn
                .query_row(
                    "SELECT district FROM trusted_devices WHERE device_id = ?1
                     UNION ALL SELECT value FROM meta WHERE key = 'district'
                        AND EXISTS (SELECT 1 FROM meta WHERE key = 'device_id' AND value = ?1)",
                    [op.id.device.to_string()],
                    |r| r.get(0),
                )
                .optional()?;
            let author_name: Option<String> = conn
                .query_row("SELECT name FROM operator WHERE id = ?1", [op.author.to_string()], |r| r.get(0))
                .optional()?
                .flatten();
            let district_name = match &district {
                Some(d) => crate::records::regions::name_of(conn, d)?,
                None => None,
            };
            versions.push(Version {
                op: op.id.to_string(),
                value: op.value.clone(),
                author: op.author,
                author_name,
                district,
                district_name,
                at_ms: op.hlc.ms,
                provisional: Some(op.id) == winner,
            });
        }
        // Concurrent writes of the same value are no disagreement.
        if versions.iter().all(|v| v.value == versions[0].value) {
            continue;
        }
        let case_number: String = conn
            .query_row("SELECT coalesce(case_number, '') FROM case_file WHERE id = ?1", [case_id.to_string()], |r| {
                r.get(0)
            })
            .optional()?
            .unwrap_or_default();
        let part = if entity == EntityKind::Person {
            conn.query_row(
                "SELECT 'Victim' FROM case_file WHERE id = ?1 AND victim_id = ?2
                 UNION ALL SELECT role FROM party WHERE case_id = ?1 AND person_id = ?2 LIMIT 1",
                [case_id.to_string(), id.clone()],
                |r| r.get(0),
            )
            .optional()?
        } else {
            None
        };
        out.push(Conflict {
            id: format!("{id}/{field}"),
            case_id,
            case_number,
            entity,
            entity_id,
            field,
            part,
            versions,
        });
    }
    out.sort_by(|a, b| (&a.case_number, &a.id).cmp(&(&b.case_number, &b.id)));
    Ok(out)
}

/// How a person settles a conflict.
#[derive(Debug, Clone)]
pub enum Choice {
    /// Keep one of the competing versions (by op id).
    Keep(String),
    /// Write a corrected value.
    Value(Value),
}

/// Settles a conflict with an op that merges every head. The value is validated like any edit.
pub fn resolve(store: &mut Store, conflict_id: &str, choice: Choice, clock: &dyn Clock) -> Result<OpId, ConflictError> {
    let open = list(store)?;
    let c = open.iter().find(|c| c.id == conflict_id).ok_or(ConflictError::NotFound)?;
    let value = match choice {
        Choice::Keep(op) => c.versions.iter().find(|v| v.op == op).ok_or(ConflictError::NotAHead)?.value.clone(),
        Choice::Value(v) => {
            let fdef = c.entity.def().field(&c.field).ok_or(ConflictError::NotFound)?;
            let mut ck = crate::model::validate::Checker::new((clock.now() + chrono::Duration::hours(14)).date_naive());
            let v = ck.value(&c.field, fdef, &v);
            ck.finish()?;
            v.unwrap_or(Value::Null)
        }
    };
    let heads: Vec<OpId> = c.versions.iter().filter_map(|v| v.op.parse().ok()).collect();
    let mut batch = store.batch(clock)?;
    let id = batch.set_merging(c.entity, c.entity_id, &c.field, value, heads)?;
    batch.commit()?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::op::{Action, Hlc};
    use serde_json::json;

    struct Log(Connection);

    impl Log {
        fn new() -> Log {
            Log(crate::log::upgrade::in_memory())
        }

        /// Appends an op as a batch would (row and view), with its predecessors as `base`/`merges`.
        fn write(
            &self,
            at: (u128, u64),
            target: (EntityKind, u128),
            field: Option<&str>,
            value: Value,
            merges: &[(u128, u64)],
        ) {
            let merges: Vec<OpId> = merges.iter().map(|&(d, s)| OpId { device: Uuid::from_u128(d), seq: s }).collect();
            let op = Op {
                id: OpId { device: Uuid::from_u128(at.0), seq: at.1 },
                hlc: Hlc { ms: 1_000 * at.1 as i64 + at.0 as i64, counter: 0 },
                author: Uuid::from_u128(99),
                entity: target.0,
                entity_id: Uuid::from_u128(target.1),
                action: if field.is_some() { Action::Set } else { Action::Create },
                field: field.map(str::to_string),
                value,
                base: merges.first().copied(),
                merges: merges.iter().skip(1).copied().collect(),
            };
            crate::log::op::insert(&self.0, &op, &op.body(), &[0; 32], &[0; 32]).unwrap();
            crate::log::view::apply(&self.0, &op).unwrap();
        }
    }

    /// Two districts set a sensitive field without seeing each other's write: one open conflict,
    /// with both versions and the provisional winner; the same value twice is no conflict; an op
    /// that merges both heads closes it.
    #[test]
    fn concurrent_writes_of_a_sensitive_field_are_one_conflict_until_merged() {
        let log = Log::new();
        log.write((1, 1), (EntityKind::Person, 5), None, json!({"first_name": "Maria"}), &[]);
        log.write(
            (1, 2),
            (EntityKind::Case, 6),
            None,
            json!({"case_number": "6503-2019-0001", "victim_id": Uuid::from_u128(5).to_string()}),
            &[],
        );
        log.write((1, 3), (EntityKind::Person, 5), Some("birthdate"), json!("1990-05-05"), &[]);
        log.write((2, 1), (EntityKind::Person, 5), Some("birthdate"), json!("1990-05-05"), &[]);
        assert!(open_in(&log.0).unwrap().is_empty(), "the same value is no disagreement");
        log.write((2, 2), (EntityKind::Person, 5), Some("birthdate"), json!("1991-05-05"), &[(2, 1)]);
        let open = open_in(&log.0).unwrap();
        assert_eq!(open.len(), 1);
        let c = &open[0];
        assert_eq!((c.field.as_str(), c.case_number.as_str(), c.versions.len()), ("birthdate", "6503-2019-0001", 2));
        assert_eq!(c.versions.iter().filter(|v| v.provisional).count(), 1);
        log.write((1, 4), (EntityKind::Person, 5), Some("birthdate"), json!("1991-05-05"), &[(1, 3), (2, 2)]);
        assert!(open_in(&log.0).unwrap().is_empty());
    }
}
