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

use crate::log::oplog::OpId;
use crate::model::roles::Permission;
use crate::records::cases::{self, CaseError};
use crate::store::{Store, StoreError};
use crate::support::ambient::Clock;
use rusqlite::Connection;
use serde::Serialize;
use uuid::Uuid;

/// Why a person is erased (the erase op's `reason`).
pub const REASONS: [&str; 2] = crate::model::validate::ERASURE_REASONS;

/// Why a person's data is erased, as a shell sends it (the codes of [`REASONS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum ErasureReason {
    /// A court order, or the person's own request under the data-protection law.
    LegalRequest,
    /// The retention period of the record has ended.
    RetentionEnded,
}

impl ErasureReason {
    pub fn code(self) -> &'static str {
        match self {
            ErasureReason::LegalRequest => REASONS[0],
            ErasureReason::RetentionEnded => REASONS[1],
        }
    }
}

/// What an erasure took out of this store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Erased {
    /// The erase op, `device:seq`.
    pub op: String,
    pub entities: u32,
    pub ops_emptied: u32,
    /// The erasure is recorded and its data gone from the tables, but the clean-up that wipes
    /// what is left of it in free pages and the write-ahead log needs disk space the disk does
    /// not have: it runs by itself when the store is next opened with room.
    pub cleanup_pending: bool,
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
        let mut ck = crate::model::validate::Checker::new(clock.now().date_naive());
        ck.report(
            "reason",
            crate::model::validate::Problem::UnknownCode { list: "erasure_reason", examples: REASONS.to_vec() },
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
    let cleanup_pending = store.scrub_or_wait_for_room()?;
    Ok(Erased { op: op.to_string(), entities, ops_emptied, cleanup_pending })
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
    crate::log::alerts::answer_requests(&store.conn, request.person, clock)?;
    Ok(erased)
}

fn counts(conn: &Connection, op: OpId) -> Result<(u32, u32), StoreError> {
    let by = op.to_string();
    let entities = conn.query_row("SELECT count(*) FROM erased WHERE erase_op = ?1", [&by], |r| r.get(0))?;
    let ops = conn.query_row("SELECT count(*) FROM ops WHERE erased_by = ?1", [&by], |r| r.get(0))?;
    Ok((entities, ops))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::identity;
    use crate::setup::test_store;
    use crate::support::ambient::{FixedClock, SeededEntropy};
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
        let req = crate::records::referrals::NewReferral {
            to_district: "53.03",
            details: "Pemulangan",
            consent_override: Some("uji"),
            ..Default::default()
        };
        let referral = crate::records::referrals::create(&mut nunukan, &case.case_number, &req, &c, &e).unwrap();
        let first = dir.path().join("1.lintas");
        crate::exchange::sync::export(&mut nunukan, "53.03", false, &first, &c, &e).unwrap();
        crate::exchange::sync::import(&mut ttu, &first, &c).unwrap();
        crate::records::referrals::decide(&mut ttu, referral, true, None, &c).unwrap();
        // TTU records a follow-up and sends it before it hears of the erasure.
        let visit = json!({"followups": [{"due_date": "2020-03-01", "notes": "Maria sehat"}]});
        cases::update(&mut ttu, &case.id.to_string(), &visit, &c, &e).unwrap();
        let late = dir.path().join("2.lintas");
        crate::exchange::sync::export(&mut ttu, "65.03", false, &late, &c, &e).unwrap();
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
        assert_eq!(crate::records::search::search(&nunukan, "Siti", 5).unwrap().len(), 1, "other cases stay");
        assert!(crate::records::search::search(&nunukan, "Maria", 5).unwrap().is_empty());
        crate::log::audit::verify(&nunukan).unwrap();

        // The follow-up TTU wrote arrives after the erasure: kept in TTU's chain, emptied.
        let summary = crate::exchange::sync::import(&mut nunukan, &late, &c).unwrap();
        assert!(summary.new_cases.is_empty() && summary.updated_cases.is_empty(), "{summary:?}");
        assert!(!holds(&nunukan, "Maria sehat"));
        crate::log::audit::verify(&nunukan).unwrap();

        // The erasure reaches TTU with the next bundle, and TTU loses Maria too, its own
        // follow-up included.
        let third = dir.path().join("3.lintas");
        crate::exchange::sync::export(&mut nunukan, "53.03", false, &third, &c, &e).unwrap();
        let summary = crate::exchange::sync::import(&mut ttu, &third, &c).unwrap();
        assert_eq!(summary.persons_erased, 1);
        for needle in SECRETS.iter().chain(&["Maria sehat"]) {
            assert!(!holds(&ttu, needle), "{needle} is still in TTU's store");
        }
        assert!(matches!(cases::resolve(&ttu, &case.case_number), Err(CaseError::NotFound)));
        crate::log::audit::verify(&ttu).unwrap();
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
        crate::log::audit::verify(&store).unwrap();
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
        let failed = crate::log::audit::verify(&store).unwrap_err();
        assert!(format!("{failed:?}").contains("seq: 3"), "{failed:?}");
    }

    /// A process that stops between the erasure's commit and its clean-up (power cut, kill)
    /// leaves the mark; the next open does the clean-up: no free pages, the mark gone.
    #[test]
    fn a_clean_up_cut_short_is_done_at_the_next_open() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = test_store(dir.path(), "65.03", 1, &clock());
        let doc = json!({"victim": {"first_name": "Siti"}, "intake": {"date": "2019-09-20", "place": "x".repeat(200)}});
        let created = crate::records::cases::create(&mut store, &doc, &clock(), &SeededEntropy::new(2)).unwrap();
        let victim: String = store
            .conn
            .query_row("SELECT victim_id FROM case_file WHERE id = ?1", [created.id.to_string()], |r| r.get(0))
            .unwrap();
        let clock = clock();
        let mut batch = store.batch(&clock).unwrap();
        batch.erase(victim.parse().unwrap(), "LegalRequest").unwrap();
        batch.commit().unwrap();
        // The erasure committed, and the process died before `scrub`.
        assert!(store.scrub_due().unwrap());
        drop(store);
        let store = Store::open(dir.path(), &crate::support::secret::Passphrase::new("kata sandi panjang")).unwrap();
        assert!(!store.scrub_due().unwrap());
        let free: i64 = store.conn.query_row("PRAGMA freelist_count", [], |r| r.get(0)).unwrap();
        assert_eq!(free, 0);
    }
}
