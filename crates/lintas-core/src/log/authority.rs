//! Who may change what: the one table of district authority over records.
//!
//! Every op names its author device, and the trust directory says which district that device
//! belongs to. [`check`] decides, from that district and the records the op touches, whether the
//! change stands — for a local write (`Batch::append_op`) and for an op from a peer
//! (`Batch::import_op`) alike, so that no district keeps a change that another district would
//! refuse. The table, in words:
//!
//! | Record | Create | Change |
//! |---|---|---|
//! | operator | the operator's own district | the operator's own district |
//! | person | any trusted district | the district that recorded the person, or that owns a case they are part of; a district that accepted a referral of the victim's case, for what return and reintegration need ([`RETURN_FIELDS`]) |
//! | case | the district the case names | the owner; `status` also a district that accepted a referral |
//! | consent, share | the owner | the owner |
//! | party, event, service, follow-up, note, attachment | the owner, or a district that accepted a referral of the case | the district that wrote it, or the owner |
//! | referral | the owner, naming itself as `from_district` | status `Sent`/`Draft` and the request: `from_district`; `Received`, `Accepted`, `Declined`, `Completed` and the response: `to_district` |
//! | party, event, service, follow-up, note, attachment, plan, assessment | the owner, or a district that accepted a referral of the case | the district that wrote it, or the owner |
//! | organisation | any trusted district | the district that created it |
//! | prevention activity, training, empowerment programme | any trusted district | the district that created it |
//! | a training's participants (one agency) | the district that created the training | the same |
//! | approval of a best-interest assessment (`approved_by`) | written by the coordinator it names, an operator of the writing district | the same |
//! | person link (same / not the same person) | a district holding both people: it recorded them, owns a case of theirs, or was sent one | the same |
//! | erasure of a person | the district that recorded the person or owns a case they are part of | — |
//!
//! Whatever the record, a creation under an id that another district minted is refused
//! (`foreign_id`): ids carry the district that minted them (`ambient::DistrictIds`).
//!
//! An erasure from any other district that holds the person is applied where it was written;
//! at the owner it is an [`Verdict::Request`] that a coordinator confirms, never an automatic
//! erase. An op whose case has not arrived yet, or that a district writes about a case
//! referred to it before the acceptance has arrived, waits ([`Verdict::Wait`]).

use crate::log::alerts::Rule;
use crate::log::op::{Action, Op};
use crate::model::schema::EntityKind;
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;
use uuid::Uuid;

/// What the table says of an op.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allow,
    /// An erasure by a district that does not own the case, arriving at the owner.
    Request,
    /// What the op depends on (its case, the acceptance of a referral) has not arrived.
    Wait,
    Refuse(Rule),
}

/// Person fields a district that accepted a referral of the victim's case may update: where
/// the person lives and how to reach them, and the identity documents that the home district
/// checks against its civil registry on return.
pub const RETURN_FIELDS: &[&str] = &[
    "birthdate",
    "identity_number",
    "passport_number",
    "phone",
    "marital_status",
    "education",
    "primary_language",
    "address_province",
    "address_regency",
    "address_subdistrict",
    "address_village",
    "address_street",
];

/// The district a device belongs to, as this store knows it: a trusted device's, or this
/// district's for this store's own devices (the present one and any it replaced on restore).
pub(crate) fn district_of(conn: &Connection, device: Uuid) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached(
        "SELECT district FROM trusted_devices WHERE device_id = ?1
         UNION ALL SELECT value FROM meta WHERE key = 'district'
               AND EXISTS (SELECT 1 FROM device_keys WHERE device_id = ?1)",
    )?
    .query_row([device.to_string()], |r| r.get(0))
    .optional()
}

fn text(conn: &Connection, sql: &str, id: &str) -> rusqlite::Result<Option<String>> {
    Ok(conn.prepare_cached(sql)?.query_row([id], |r| r.get::<_, Option<String>>(0)).optional()?.flatten())
}

/// The districts that own the cases one batch has looked up. A case's district never changes,
/// so a batch asks the table once per case (an import of 10,000 cases asks about 150,000 ops).
/// Only cases found are kept: one not here yet may arrive later in the same batch.
#[derive(Default)]
pub(crate) struct Owners(std::cell::RefCell<std::collections::HashMap<String, String>>);

impl Owners {
    fn of(&self, conn: &Connection, case: &str) -> rusqlite::Result<Option<String>> {
        if let Some(d) = self.0.borrow().get(case) {
            return Ok(Some(d.clone()));
        }
        let found = text(conn, "SELECT district FROM case_file WHERE id = ?1", case)?;
        if let Some(d) = &found {
            self.0.borrow_mut().insert(case.to_string(), d.clone());
        }
        Ok(found)
    }
}

/// Whether `district` accepted a referral of the case (and so cares for the person now).
fn carer(conn: &Connection, case: &str, district: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM referral WHERE case_id = ?1 AND to_district = ?2
                        AND status IN ('Accepted', 'Completed'))",
    )?
    .query_row((case, district), |r| r.get(0))
}

/// Whether the case was referred to `district` (in any status): its acceptance may still come.
fn referred_to(conn: &Connection, case: &str, district: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM referral WHERE case_id = ?1 AND to_district = ?2)")?
        .query_row((case, district), |r| r.get(0))
}

/// The district whose device created an entity.
fn creator(conn: &Connection, kind: EntityKind, id: &str) -> rusqlite::Result<Option<String>> {
    let device: Option<String> = conn
        .prepare_cached("SELECT device FROM entities WHERE kind = ?1 AND id = ?2")?
        .query_row((kind.as_str(), id), |r| r.get(0))
        .optional()?;
    match device.and_then(|d| d.parse().ok()) {
        Some(d) => district_of(conn, d),
        None => Ok(None),
    }
}

/// The case a record belongs to: from the op for a creation, from the table for a change.
fn case_of(conn: &Connection, op: &Op) -> rusqlite::Result<Option<String>> {
    if op.entity == EntityKind::Case {
        return Ok(Some(op.entity_id.to_string()));
    }
    if op.action == Action::Create {
        return Ok(op.value.get("case_id").and_then(Value::as_str).map(str::to_string));
    }
    let table = op.entity.def().table;
    text(conn, &format!("SELECT case_id FROM {table} WHERE id = ?1"), &op.entity_id.to_string())
}

/// The cases a person is part of, as victim or otherwise.
fn cases_of_person(conn: &Connection, person: &str) -> rusqlite::Result<Vec<(String, bool)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, 1 FROM case_file WHERE victim_id = ?1 UNION SELECT case_id, 0 FROM party WHERE person_id = ?1",
    )?;
    let rows = stmt.query_map([person], |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?)))?;
    rows.collect()
}

/// Whether `district` holds a person: it recorded them, owns a case they are part of, or was
/// sent such a case (referred or shared).
fn holds_person(conn: &Connection, owners: &Owners, district: &str, person: &str) -> rusqlite::Result<bool> {
    if creator(conn, EntityKind::Person, person)?.as_deref() == Some(district) {
        return Ok(true);
    }
    for (case, _) in cases_of_person(conn, person)? {
        if owners.of(conn, &case)?.as_deref() == Some(district) || referred_to(conn, &case, district)? {
            return Ok(true);
        }
        let shared: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM share WHERE case_id = ?1 AND district = ?2)")?
            .query_row((&case, district), |r| r.get(0))?;
        if shared {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether `writer` may write `named` as an assessment's approver: it names the writer itself
/// (or clears the approval), and the writer is a coordinator of district `author`.
fn approver(conn: &Connection, author: &str, writer: Uuid, named: &Value) -> rusqlite::Result<bool> {
    let writer_id = writer.to_string();
    if !(named.is_null() || named.as_str() == Some(writer_id.as_str())) {
        return Ok(false);
    }
    let found: Option<(Option<String>, Option<String>)> = conn
        .prepare_cached("SELECT district, role FROM operator WHERE id = ?1")?
        .query_row([&writer_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    // A district's founding operator is its coordinator without a role written (`operators`).
    Ok(matches!(found, Some((Some(d), r)) if d == author && r.as_deref().is_none_or(|r| r == "Coordinator")))
}

/// Decides an op written by a device of `author`, arriving in (or written by) the store of
/// district `here`.
pub(crate) fn check(
    conn: &Connection,
    owners: &Owners,
    here: &str,
    author: &str,
    op: &Op,
) -> rusqlite::Result<Verdict> {
    let owner = |conn: &Connection, case: &str| owners.of(conn, case);
    use EntityKind as K;
    let allow_if = |ok: bool, rule: Rule| if ok { Verdict::Allow } else { Verdict::Refuse(rule) };
    // A record is created only under an id its own district minted (`ambient::DistrictIds`):
    // a district that learned another's id cannot take it first.
    if op.action == Action::Create {
        if let Some(minted) = crate::support::ambient::minting_district(&op.entity_id) {
            if minted != author {
                return Ok(Verdict::Refuse(Rule::ForeignId));
            }
        }
    }
    // An approval names the coordinator who gave it: the op's own writer, a coordinator of the
    // writing district. A district caring for a child cannot pass its own word off as another
    // district's coordinator's, nor have a case worker approve.
    if op.entity == K::Assessment {
        let approval = match op.action {
            Action::Create => op.value.get("approved_by").filter(|v| !v.is_null()),
            Action::Set if op.field.as_deref() == Some("approved_by") => Some(&op.value),
            _ => None,
        };
        if let Some(named) = approval {
            if !approver(conn, author, op.author, named)? {
                return Ok(Verdict::Refuse(Rule::ForgedApproval));
            }
        }
    }
    let id = op.entity_id.to_string();
    Ok(match (op.entity, op.action) {
        (K::Operator, Action::Create) => {
            allow_if(op.value.get("district").and_then(Value::as_str) == Some(author), Rule::OtherDistrictsOperator)
        }
        (K::Operator, _) => allow_if(
            text(conn, "SELECT district FROM operator WHERE id = ?1", &id)?.as_deref() == Some(author),
            Rule::OtherDistrictsOperator,
        ),
        (K::Person, Action::Create) => Verdict::Allow,
        // A district may erase whatever it holds, on its own side.
        (K::Person, Action::Erase) if author == here => Verdict::Allow,
        (K::Person, Action::Erase) => erasure(conn, owners, here, author, &id)?,
        (K::Person, _) => {
            let field = op.field.as_deref().unwrap_or("");
            let mut verdict = Verdict::Refuse(Rule::NotOwner);
            if creator(conn, K::Person, &id)?.as_deref() == Some(author) {
                verdict = Verdict::Allow;
            }
            for (case, victim) in cases_of_person(conn, &id)? {
                if verdict == Verdict::Allow {
                    break;
                }
                if owner(conn, &case)?.as_deref() == Some(author) {
                    verdict = Verdict::Allow;
                } else if victim && RETURN_FIELDS.contains(&field) {
                    if carer(conn, &case, author)? {
                        verdict = Verdict::Allow;
                    } else if referred_to(conn, &case, author)? {
                        verdict = Verdict::Wait;
                    }
                }
            }
            verdict
        }
        (K::Case, Action::Create) => {
            allow_if(op.value.get("district").and_then(Value::as_str) == Some(author), Rule::NotOwner)
        }
        // A decision that two victims are (or are not) the same person: by a district that holds
        // both of them.
        (K::PersonLink, _) if author == here => Verdict::Allow,
        (K::PersonLink, action) => {
            let persons: Vec<String> = if action == Action::Create {
                ["person_a", "person_b"]
                    .iter()
                    .filter_map(|f| op.value.get(*f).and_then(Value::as_str).map(str::to_string))
                    .collect()
            } else {
                conn.prepare_cached("SELECT person_a, person_b FROM person_link WHERE id = ?1")?
                    .query_row([&id], |r| Ok([r.get::<_, Option<String>>(0)?, r.get::<_, Option<String>>(1)?]))
                    .optional()?
                    .map(|pair| pair.into_iter().flatten().collect())
                    .unwrap_or_default()
            };
            let mut holds = persons.len() == 2;
            for person in &persons {
                holds = holds && holds_person(conn, owners, author, person)?;
            }
            allow_if(holds, Rule::NotOwner)
        }
        // The directory: any district may name a provider; only the one that named it renames it.
        // The registers of the task force's other work: each district keeps its own.
        (K::Activity | K::Training | K::Programme, Action::Create) => Verdict::Allow,
        (kind @ (K::Activity | K::Training | K::Programme | K::TrainingGroup), Action::Set) => {
            allow_if(creator(conn, kind, &id)?.as_deref() == Some(author), Rule::NotCreator)
        }
        (K::TrainingGroup, Action::Create) => {
            let training = op.value.get("training_id").and_then(Value::as_str).unwrap_or_default();
            match creator(conn, K::Training, training)? {
                None => Verdict::Wait,
                Some(d) => allow_if(d == author, Rule::NotCreator),
            }
        }
        (K::Activity | K::Training | K::Programme | K::TrainingGroup, _) => Verdict::Refuse(Rule::InvalidValue),
        (K::Organisation, Action::Create) => Verdict::Allow,
        (K::Organisation, _) => {
            allow_if(creator(conn, K::Organisation, &id)?.as_deref() == Some(author), Rule::NotCreator)
        }
        (K::Referral, Action::Create) => {
            let Some(case) = case_of(conn, op)? else { return Ok(Verdict::Refuse(Rule::InvalidValue)) };
            match owner(conn, &case)? {
                None => Verdict::Wait,
                Some(o) if o != author => Verdict::Refuse(Rule::NotOwner),
                Some(_) => {
                    allow_if(op.value.get("from_district").and_then(Value::as_str) == Some(author), Rule::NotSender)
                }
            }
        }
        (K::Referral, _) => {
            let (from, to): (Option<String>, Option<String>) = conn
                .prepare_cached("SELECT from_district, to_district FROM referral WHERE id = ?1")?
                .query_row([&id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .unwrap_or_default();
            let receiver_speaks = match op.field.as_deref() {
                Some("status") => !matches!(op.value.as_str(), Some("Draft" | "Sent")),
                Some("response_note") => true,
                _ => false,
            };
            if receiver_speaks {
                allow_if(to.as_deref() == Some(author), Rule::NotReceiver)
            } else {
                allow_if(from.as_deref() == Some(author), Rule::NotSender)
            }
        }
        (kind, action) => {
            let Some(case) = case_of(conn, op)? else { return Ok(Verdict::Refuse(Rule::InvalidValue)) };
            let Some(case_owner) = owner(conn, &case)? else { return Ok(Verdict::Wait) };
            let is_owner = case_owner == author;
            let owner_only =
                matches!(kind, K::Consent | K::Share) || (kind == K::Case && op.field.as_deref() != Some("status"));
            if is_owner {
                Verdict::Allow
            } else if owner_only {
                Verdict::Refuse(Rule::NotOwner)
            } else if action == Action::Set && kind != K::Case && creator(conn, kind, &id)?.as_deref() != Some(author) {
                Verdict::Refuse(Rule::NotCreator)
            } else if carer(conn, &case, author)? {
                Verdict::Allow
            } else if referred_to(conn, &case, author)? {
                Verdict::Wait
            } else {
                Verdict::Refuse(Rule::NotCarer)
            }
        }
    })
}

/// An erasure of a person: applied when its author recorded the person or owns a case they are
/// part of; at the owner, from anyone else who could know them, a request; elsewhere refused.
/// A person erased here already is erased again harmlessly (the second finds nothing left).
fn erasure(conn: &Connection, owners: &Owners, here: &str, author: &str, person: &str) -> rusqlite::Result<Verdict> {
    let erased: bool =
        conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM erased WHERE id = ?1)")?.query_row([person], |r| r.get(0))?;
    if erased {
        return Ok(Verdict::Allow);
    }
    let cases = cases_of_person(conn, person)?;
    let recorded_by = creator(conn, EntityKind::Person, person)?;
    if recorded_by.is_none() && cases.is_empty() {
        // Not held here: nothing to erase, and nothing may be erased ahead of its arrival on
        // the word of a district that may not own it. The owner sends its erasure again.
        return Ok(Verdict::Refuse(Rule::NotOwner));
    }
    let mut case_owners = Vec::new();
    for (case, _) in &cases {
        case_owners.extend(owners.of(conn, case)?);
    }
    if recorded_by.as_deref() == Some(author) || case_owners.iter().any(|o| o == author) {
        return Ok(Verdict::Allow);
    }
    if case_owners.iter().any(|o| o == here) || recorded_by.as_deref() == Some(here) {
        return Ok(Verdict::Request);
    }
    Ok(Verdict::Refuse(Rule::NotOwner))
}

/// Whether an op can be decided yet: a change needs its record, a creation needs every record
/// it refers to (its case, its person). Ops that cannot, wait in `pending_ops`.
pub(crate) fn ready(conn: &Connection, op: &Op) -> Result<bool, crate::log::view::ViewError> {
    match op.action {
        Action::Set => crate::log::view::exists(conn, op.entity, op.entity_id),
        Action::Erase => Ok(true),
        Action::Create => {
            for field in op.entity.def().fields {
                // A creation's case is looked up by `check`, which makes it wait if the case has
                // not arrived; its other references (a victim, a person) are checked here.
                if let crate::model::schema::FieldKind::Ref(kind) = field.kind {
                    if kind == EntityKind::Case && !matches!(op.entity, EntityKind::Person | EntityKind::Case) {
                        continue;
                    }
                    let target = op.value.get(field.name).and_then(Value::as_str).and_then(|s| s.parse::<Uuid>().ok());
                    if let Some(target) = target {
                        if !crate::log::view::exists(conn, kind, target)? {
                            return Ok(false);
                        }
                    }
                }
            }
            Ok(true)
        }
    }
}

/// Entry points for the fuzzer (`fuzz/`) and for the regression test over its corpus: an op
/// body as a peer's bundle carries it, read, checked and judged as an import does.
#[doc(hidden)]
pub mod fuzzing {
    use super::*;

    /// A store of Nunukan (65.03) holding one case (id `…01`, victim `…02`) referred to TTU
    /// (53.03), in plain in-memory SQLite with the full schema.
    fn store() -> Connection {
        let mut conn = Connection::open_in_memory().expect("in memory");
        crate::log::upgrade::run(&mut conn).expect("the migrations run");
        conn.execute_batch(
            "INSERT INTO meta (key, value) VALUES ('district', '65.03');
             INSERT INTO trusted_devices (device_id, district, district_name, signing_key, age_recipient, added_at, added_via)
                 VALUES ('00000000-0000-0000-0000-0000000000d4', '53.04', 'Belu', X'00', 'age1', '', 'card');
             INSERT INTO person (id, first_name) VALUES ('00000000-0000-0000-0000-000000000002', 'Maria');
             INSERT INTO case_file (id, case_number, district, victim_id, intake_date)
                 VALUES ('00000000-0000-0000-0000-000000000001', '6503-2019-0001', '65.03',
                         '00000000-0000-0000-0000-000000000002', '2019-09-20');
             INSERT INTO referral (id, case_id, from_district, to_district, status)
                 VALUES ('00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000001',
                         '65.03', '53.03', 'Sent');
             INSERT INTO entities (kind, id, device, seq) VALUES
                 ('person', '00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-0000000000a1', 1),
                 ('case', '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000a1', 2),
                 ('referral', '00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-0000000000a1', 3);",
        )
        .expect("the fixture rows");
        conn
    }

    thread_local! {
        static STORE: Connection = store();
    }

    /// Reads `data` as an op body, checks its values as an import does, and asks the table
    /// about it as an op of Belu's (53.04) arriving at Nunukan. `None` when it is refused
    /// before the table. Must never panic.
    pub fn peer_op(data: &[u8]) -> Option<Verdict> {
        let op = Op::from_body(data).ok()?;
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 2).expect("a date");
        let erase = op.action == Action::Erase;
        if !crate::model::validate::change(op.entity.def(), op.field.as_deref(), &op.value, erase, today) {
            return None;
        }
        STORE.with(|conn| {
            if !ready(conn, &op).ok()? {
                return Some(Verdict::Wait);
            }
            check(conn, &Owners::default(), "65.03", "53.04", &op).ok()
        })
    }

    /// Seeds for the corpus: op bodies that reach the table, by name.
    pub fn seeds() -> Vec<(&'static str, Vec<u8>)> {
        use crate::log::op::{Hlc, OpId};
        let op = |entity, id: u128, action, field: Option<&str>, value: Value| {
            Op {
                id: OpId { device: Uuid::from_u128(0xd4), seq: 1 },
                hlc: Hlc { ms: 1_750_000_000_000, counter: 0 },
                author: Uuid::from_u128(0xd5),
                entity,
                entity_id: Uuid::from_u128(id),
                action,
                field: field.map(str::to_string),
                value,
                base: None,
                merges: Vec::new(),
            }
            .body()
        };
        vec![
            ("decide", op(EntityKind::Referral, 3, Action::Set, Some("status"), "Declined".into())),
            ("rename", op(EntityKind::Person, 2, Action::Set, Some("first_name"), "Mariana".into())),
            ("erase", op(EntityKind::Person, 2, Action::Erase, None, serde_json::json!({"reason": "LegalRequest"}))),
            (
                "note",
                op(
                    EntityKind::Note,
                    9,
                    Action::Create,
                    None,
                    serde_json::json!({"case_id": "00000000-0000-0000-0000-000000000001", "body": "x"}),
                ),
            ),
            ("status", op(EntityKind::Case, 1, Action::Set, Some("status"), "Closed".into())),
            (
                "plan",
                op(
                    EntityKind::Plan,
                    10,
                    Action::Create,
                    None,
                    serde_json::json!({"case_id": "00000000-0000-0000-0000-000000000001", "kind": "Reintegration",
                                       "goals": ["Kursus menjahit"]}),
                ),
            ),
            (
                "organisation",
                op(
                    EntityKind::Organisation,
                    11,
                    Action::Create,
                    None,
                    serde_json::json!({"name": "BLK Atambua", "type": "SchoolOrCollege", "regency": "53.04"}),
                ),
            ),
        ]
    }
}
