//! Erasure of a person: a legal request, or the end of a retention period.
//!
//! An erasure is an op like any other (action `erase` on the person), so it is attributed,
//! hash-chained, signed into bundles and reaches every district the person's data reached. Each
//! district that applies it works out for itself what belongs to the person — for a victim, the
//! whole case and everything in it; for a witness, family contact or perpetrator, their person
//! record, their part in cases (statements) and duplicate links — and then:
//! - deletes those rows, their attachment contents and their search text;
//! - empties the body of every op about them, keeping the op's place in its device's hash chain
//!   (seq, prev, hash) and naming the erase op that emptied it (`ops.erased_by`), so that the
//!   chain still verifies and the erasure itself is what `audit verify` checks instead;
//! - remembers the erased ids, so that ops about them that arrive later (from a district that had
//!   not yet heard) are stored emptied too, and entities created under them are erased on arrival;
//! - checkpoints and truncates the WAL and vacuums the database after the transaction, so that
//!   neither the WAL nor free pages keep a copy (pages are zeroed on delete: `secure_delete`).

use crate::ambient::Clock;
use crate::cases::{self, CaseError};
use crate::oplog::{Action, Op, OpId};
use crate::roles::Permission;
use crate::schema::{EntityKind, FieldKind};
use crate::store::{Store, StoreError};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

/// Why a person is erased (the erase op's `reason`).
pub const REASONS: [&str; 2] = crate::validate::ERASURE_REASONS;

/// What an erasure took out of this store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Erased {
    /// The erase op, `device:seq`.
    pub op: String,
    pub entities: u32,
    pub ops_emptied: u32,
}

/// Erases a person. `case` is a case id or number; without `person`, the case's victim (and
/// with them the whole case) is erased, else the given person of that case. Coordinators only.
pub fn erase(
    store: &mut Store,
    case: &str,
    person: Option<Uuid>,
    reason: &str,
    clock: &dyn Clock,
) -> Result<Erased, CaseError> {
    store.require(Permission::Erase)?;
    if !REASONS.contains(&reason) {
        let mut ck = crate::validate::Checker::new(clock.now().date_naive());
        ck.report(
            "reason",
            crate::validate::Problem::UnknownCode { list: "erasure_reason", examples: REASONS.to_vec() },
        );
        ck.finish()?;
    }
    let case_id = cases::resolve(store, case)?;
    let victim: Option<String> =
        store.conn.query_row("SELECT victim_id FROM case_file WHERE id = ?1", [case_id.to_string()], |r| r.get(0))?;
    let person = match person {
        None => victim.and_then(|v| v.parse().ok()).ok_or(CaseError::NotFound)?,
        Some(p) => {
            let in_case: bool = store.conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM case_file WHERE id = ?1 AND victim_id = ?2
                                UNION SELECT 1 FROM party WHERE case_id = ?1 AND person_id = ?2)",
                (case_id.to_string(), p.to_string()),
                |r| r.get(0),
            )?;
            if !in_case {
                return Err(CaseError::PersonNotFound);
            }
            p
        }
    };
    let mut batch = store.batch(clock)?;
    let op = batch.erase(person, reason)?;
    batch.commit()?;
    let (entities, ops_emptied) = counts(&store.conn, op)?;
    scrub(store)?;
    Ok(Erased { op: op.to_string(), entities, ops_emptied })
}

/// An erasure that another district asked for, of a person in a case this district owns:
/// never applied on arrival, it waits for a coordinator here (`confirm`), or is dismissed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ErasureRequest {
    /// The alert that holds the request.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub alert: i64,
    pub at: String,
    /// The district that erased the person on its side and asks this one to.
    pub from: Option<String>,
    pub case_number: String,
    pub person: Uuid,
    /// Whether the person is the case's victim (and the erasure takes the whole case).
    pub victim: bool,
}

/// The erasure requests still open, oldest first.
pub fn requests(store: &Store) -> Result<Vec<ErasureRequest>, CaseError> {
    store.require(Permission::Erase)?;
    let mut stmt = store.conn.prepare(
        "SELECT a.id, a.at, a.district, c.case_number, a.entity_id, c.victim_id = a.entity_id
         FROM alerts a JOIN case_file c
           ON c.victim_id = a.entity_id OR c.id IN (SELECT case_id FROM party WHERE person_id = a.entity_id)
         WHERE a.kind = 'request' AND a.dismissed_at IS NULL AND c.district = ?1
         GROUP BY a.id ORDER BY a.id",
    )?;
    let rows = stmt.query_map([&store.identity().district], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, bool>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (alert, at, from, number, person, victim) = row?;
        let Ok(person) = person.parse() else { continue };
        out.push(ErasureRequest { alert, at, from, case_number: number.unwrap_or_default(), person, victim });
    }
    Ok(out)
}

/// Confirms an erasure request: this district erases the person itself, with its own erase op,
/// which then reaches every district; the request is marked dealt with.
pub fn confirm(store: &mut Store, alert: i64, reason: &str, clock: &dyn Clock) -> Result<Erased, CaseError> {
    let request = requests(store)?.into_iter().find(|r| r.alert == alert).ok_or(CaseError::RequestNotFound)?;
    let person = (!request.victim).then_some(request.person);
    let erased = erase(store, &request.case_number, person, reason, clock)?;
    // Every request to erase this person is answered by this erasure.
    crate::alerts::answer_requests(&store.conn, request.person, clock)?;
    Ok(erased)
}

fn counts(conn: &Connection, op: OpId) -> Result<(u32, u32), StoreError> {
    let by = op.to_string();
    let entities = conn.query_row("SELECT count(*) FROM erased WHERE erase_op = ?1", [&by], |r| r.get(0))?;
    let ops = conn.query_row("SELECT count(*) FROM ops WHERE erased_by = ?1", [&by], |r| r.get(0))?;
    Ok((entities, ops))
}

/// Leaves no copy of erased data in the WAL or in free pages: the WAL is checkpointed and
/// truncated, the database rewritten without free pages, and the WAL truncated again. Run after
/// the transaction that erased, here and after an import that brought an erasure.
/// The erasure marks the store (`meta.scrub_due`, in the transaction that erased) and the mark
/// goes only when the clean-up is done, so a clean-up cut short is done again at the next open.
pub(crate) fn scrub(store: &Store) -> Result<(), StoreError> {
    store.checkpoint()?;
    store.conn.execute_batch("VACUUM")?;
    store.checkpoint()?;
    store.conn.execute("DELETE FROM meta WHERE key = 'scrub_due'", [])?;
    store.checkpoint()
}

/// Whether an erasure's clean-up has not run to its end.
pub(crate) fn scrub_due(conn: &Connection) -> Result<bool, StoreError> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'scrub_due')", [], |r| r.get(0))?)
}

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
        crate::case_index::refresh_id(conn, case)?;
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
    let mut in_case = conn.prepare(crate::sync::CASE_ENTITIES)?;
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
        conn.query_row("SELECT erase_op FROM erased WHERE id = ?1", [id], |r| r.get(0)).optional()
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
    crate::oplog::insert(conn, op, &[], prev, hash)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ambient::{FixedClock, SeededEntropy};
    use crate::identity;
    use crate::setup::test_store;
    use serde_json::json;

    const SECRETS: [&str; 6] = ["Maria", "Taek", "5303015102040001", "Maubesi", "Yohanes", "PASPOR-MARIA"];

    fn clock() -> FixedClock {
        FixedClock::new(chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap(), 3)
    }

    /// Every cell of every table (the FTS index's own tables included), decrypted, as bytes.
    fn every_cell(store: &Store) -> Vec<Vec<u8>> {
        let conn = &store.conn;
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut out = Vec::new();
        for t in tables {
            let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
            let n = stmt.column_count();
            let mut rows = stmt.query([]).unwrap();
            while let Some(r) = rows.next().unwrap() {
                for i in 0..n {
                    match r.get_ref(i).unwrap() {
                        rusqlite::types::ValueRef::Text(b) | rusqlite::types::ValueRef::Blob(b) => out.push(b.to_vec()),
                        _ => {}
                    }
                }
            }
        }
        out
    }

    fn holds(store: &Store, needle: &str) -> bool {
        every_cell(store).iter().any(|c| c.windows(needle.len()).any(|w| w == needle.as_bytes()))
    }

    fn trust(a: &mut Store, b: &mut Store) {
        let (ca, cb) = (identity::own_card(a).unwrap(), identity::own_card(b).unwrap());
        identity::trust_add(a, cb.to_json().as_bytes(), &cb.fingerprint(), &clock()).unwrap();
        identity::trust_add(b, ca.to_json().as_bytes(), &ca.fingerprint(), &clock()).unwrap();
    }

    #[test]
    fn an_erased_victim_leaves_no_trace_here_or_in_the_district_that_received_the_case() {
        let dir = tempfile::tempdir().unwrap();
        let (c, e) = (clock(), SeededEntropy::new(40));
        let mut nunukan = test_store(&dir.path().join("n"), "65.03", 41, &c);
        let mut ttu = test_store(&dir.path().join("t"), "53.03", 42, &c);
        trust(&mut nunukan, &mut ttu);
        let maria = json!({
            "victim": {"first_name": "Maria", "second_name": "Taek", "identity_number": "5303015102040001",
                       "address": {"province": "53", "regency": "53.03", "village": "Maubesi"}},
            "intake": {"date": "2019-09-20"},
            "witnesses": [{"first_name": "Yohanes", "statement": "Maria dibawa ke Tawau."}],
            "notes": [{"body": "Maria ingin pulang ke Maubesi."}]
        });
        let case = cases::create(&mut nunukan, &maria, &c, &e).unwrap();
        let other =
            json!({"victim": {"first_name": "Siti", "second_name": "Aminah"}, "intake": {"date": "2020-01-05"}});
        cases::create(&mut nunukan, &other, &c, &e).unwrap();
        cases::attach(&mut nunukan, &case.case_number, "scan.jpg", "image/jpeg", b"PASPOR-MARIA", &c, &e).unwrap();
        let req = crate::referrals::NewReferral {
            to_district: "53.03",
            details: "Pemulangan",
            consent_override: Some("uji"),
            ..Default::default()
        };
        let referral = crate::referrals::create(&mut nunukan, &case.case_number, &req, &c, &e).unwrap();
        let first = dir.path().join("1.lintas");
        crate::sync::export(&mut nunukan, "53.03", false, &first, &c, &e).unwrap();
        crate::sync::import(&mut ttu, &first, &c).unwrap();
        crate::referrals::decide(&mut ttu, referral, true, None, &c).unwrap();
        // TTU records a follow-up and sends it before it hears of the erasure.
        let visit = json!({"followups": [{"due_date": "2020-03-01", "notes": "Maria sehat"}]});
        cases::update(&mut ttu, &case.id.to_string(), &visit, &c, &e).unwrap();
        let late = dir.path().join("2.lintas");
        crate::sync::export(&mut ttu, "65.03", false, &late, &c, &e).unwrap();
        for needle in SECRETS {
            assert!(holds(&nunukan, needle), "the test data holds {needle}");
        }

        let erased = erase(&mut nunukan, &case.case_number, None, "LegalRequest", &c).unwrap();
        assert!(erased.entities >= 6 && erased.ops_emptied > 0, "{erased:?}");
        for needle in SECRETS {
            assert!(!holds(&nunukan, needle), "{needle} is still in the store");
        }
        let free: i64 = nunukan.conn.query_row("PRAGMA freelist_count", [], |r| r.get(0)).unwrap();
        assert_eq!(free, 0, "free pages could hold old content");
        assert!(matches!(cases::resolve(&nunukan, &case.case_number), Err(CaseError::NotFound)));
        assert_eq!(crate::search::search(&nunukan, "Siti", 5).unwrap().len(), 1, "other cases stay");
        assert!(crate::search::search(&nunukan, "Maria", 5).unwrap().is_empty());
        crate::audit::verify(&nunukan).unwrap();

        // The follow-up TTU wrote arrives after the erasure: kept in TTU's chain, emptied.
        let summary = crate::sync::import(&mut nunukan, &late, &c).unwrap();
        assert!(summary.new_cases.is_empty() && summary.updated_cases.is_empty(), "{summary:?}");
        assert!(!holds(&nunukan, "Maria sehat"));
        crate::audit::verify(&nunukan).unwrap();

        // The erasure reaches TTU with the next bundle, and TTU loses Maria too, its own
        // follow-up included.
        let third = dir.path().join("3.lintas");
        crate::sync::export(&mut nunukan, "53.03", false, &third, &c, &e).unwrap();
        let summary = crate::sync::import(&mut ttu, &third, &c).unwrap();
        assert_eq!(summary.persons_erased, 1);
        for needle in SECRETS.iter().chain(&["Maria sehat"]) {
            assert!(!holds(&ttu, needle), "{needle} is still in TTU's store");
        }
        assert!(matches!(cases::resolve(&ttu, &case.case_number), Err(CaseError::NotFound)));
        crate::audit::verify(&ttu).unwrap();
    }

    #[test]
    fn erasing_a_witness_keeps_the_case_and_a_wrong_request_erases_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (c, e) = (clock(), SeededEntropy::new(50));
        let mut store = test_store(&dir.path().join("n"), "65.03", 51, &c);
        let doc = json!({"victim": {"first_name": "Siti"}, "intake": {"date": "2019-09-20"},
                         "witnesses": [{"first_name": "Yohanes", "statement": "Melihat perekrut di pelabuhan."}]});
        let case = cases::create(&mut store, &doc, &c, &e).unwrap();
        let shown = cases::show(&store, &case.case_number).unwrap();
        let witness: Uuid = shown["witnesses"][0]["person_id"].as_str().unwrap().parse().unwrap();
        assert!(matches!(
            erase(&mut store, &case.case_number, Some(Uuid::from_u128(9)), "LegalRequest", &c),
            Err(CaseError::PersonNotFound)
        ));
        assert!(erase(&mut store, &case.case_number, Some(witness), "Whatever", &c).is_err());
        erase(&mut store, &case.case_number, Some(witness), "RetentionEnded", &c).unwrap();
        let shown = cases::show(&store, &case.case_number).unwrap();
        assert_eq!(shown["victim"]["first_name"], "Siti");
        assert_eq!(shown["witnesses"], json!([]));
        assert!(!holds(&store, "Yohanes") && !holds(&store, "perekrut"));
        crate::audit::verify(&store).unwrap();
    }

    #[test]
    fn an_op_emptied_without_an_erasure_fails_the_audit_and_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let (c, e) = (clock(), SeededEntropy::new(60));
        let mut store = test_store(&dir.path().join("n"), "65.03", 61, &c);
        let doc = json!({"victim": {"first_name": "Siti"}, "intake": {"date": "2019-09-20"}});
        cases::create(&mut store, &doc, &c, &e).unwrap();
        let device = store.identity().device_id.to_string();
        store
            .conn
            .execute("UPDATE ops SET body = X'', erased_by = ?1 || ':2' WHERE device = ?1 AND seq = 3", [&device])
            .unwrap();
        let failed = crate::audit::verify(&store).unwrap_err();
        assert!(format!("{failed:?}").contains("seq: 3"), "{failed:?}");
    }

    /// A process that stops between the erasure's commit and its clean-up (power cut, kill)
    /// leaves the mark; the next open does the clean-up: no free pages, the mark gone.
    #[test]
    fn a_clean_up_cut_short_is_done_at_the_next_open() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = test_store(dir.path(), "65.03", 1, &clock());
        let doc = json!({"victim": {"first_name": "Siti"}, "intake": {"date": "2019-09-20", "place": "x".repeat(200)}});
        let created = crate::cases::create(&mut store, &doc, &clock(), &SeededEntropy::new(2)).unwrap();
        let victim: String = store
            .conn
            .query_row("SELECT victim_id FROM case_file WHERE id = ?1", [created.id.to_string()], |r| r.get(0))
            .unwrap();
        let clock = clock();
        let mut batch = store.batch(&clock).unwrap();
        batch.erase(victim.parse().unwrap(), "LegalRequest").unwrap();
        batch.commit().unwrap();
        // The erasure committed, and the process died before `scrub`.
        assert!(scrub_due(&store.conn).unwrap());
        drop(store);
        let store = Store::open(dir.path(), &crate::secret::Passphrase::new("kata sandi panjang")).unwrap();
        assert!(!scrub_due(&store.conn).unwrap());
        let free: i64 = store.conn.query_row("PRAGMA freelist_count", [], |r| r.get(0)).unwrap();
        assert_eq!(free, 0);
    }
}
