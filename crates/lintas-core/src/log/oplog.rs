//! The op log: the one write path.
//!
//! Every change is an [`Op`] identified by `(device, seq)`, stamped with a hybrid logical clock,
//! attributed to an operator, naming an entity, a field and the new value, and the `base` op
//! whose value it overwrites. Each device's ops form a hash chain
//! `h_seq = SHA-256(h_{seq-1} || body_seq)`, where `body` is the op's canonical JSON. A
//! [`Batch`] appends ops and applies them to the tables (the materialised view) in one
//! transaction, so the log and the view can never disagree.

use crate::log::authority::Verdict;
pub(crate) use crate::log::op::insert;
pub use crate::log::op::{chain_hash, genesis, Action, Hlc, Malformed, Op, OpId, MAX_HLC_COUNTER, OP_FORMAT};
use crate::log::view::{self, ViewError};
use crate::model::roles::{Forbidden, Permission, Role};
use crate::model::schema::EntityKind;
use crate::store::{Store, StoreError};
use crate::support::ambient::Clock;
use rusqlite::{OptionalExtension, Transaction};
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;
use uuid::Uuid;

/// How far ahead of this machine's clock an incoming op's timestamp may be before it is flagged
/// (a laptop whose clock is set to 2030). Flagged ops still merge, but never drag our clock.
pub const FUTURE_TOLERANCE_MS: i64 = 24 * 3600 * 1000;

/// How many ops from one sending district may wait for records that have not arrived.
pub const MAX_WAITING_PER_SENDER: i64 = 4096;

/// How long an op may wait for its record before it is dropped (the sender offers it again
/// in its next bundle, since no receipt covers it).
pub const WAITING_EXPIRY_DAYS: i64 = 90;

/// What happened to an op offered by another district.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrival {
    Applied,
    /// Already here, byte for byte.
    Duplicate,
    /// The same op id with different content: the sender's device signed two histories.
    Equivocation,
    /// Changes an entity not yet seen; kept until it arrives.
    Waiting,
    /// Concerns a person erased here: kept in its chain without its content.
    Erased,
    /// Breaks a rule (e.g. a referral decision by a district that may not make it); kept out,
    /// with an alert naming the rule.
    Refused,
    /// An erasure by a district that does not own the case: kept out, and an alert asks a
    /// coordinator here to confirm it.
    Request,
    /// Refused (or turned into a request) when it was offered before: its sender offers it
    /// again because no receipt covers it. Kept out, with no new alert.
    RefusedBefore,
    /// An attachment whose case has not arrived: not kept, neither it nor its content, so that
    /// no sender can park content here; no receipt covers it, so its sender offers it again.
    NotYet,
}

#[derive(Debug, thiserror::Error)]
pub enum OpLogError {
    #[error("op body is malformed: {0}")]
    Malformed(&'static str),
    #[error(transparent)]
    View(#[from] ViewError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// This district may not make the change (`authority`'s table).
    #[error("this district may not make this change ({})", .0.code())]
    NotAuthorised(crate::log::alerts::Rule),
}

impl From<crate::log::op::Malformed> for OpLogError {
    fn from(e: crate::log::op::Malformed) -> Self {
        OpLogError::Malformed(e.0)
    }
}

impl From<rusqlite::Error> for OpLogError {
    fn from(e: rusqlite::Error) -> Self {
        OpLogError::Store(e.into())
    }
}

/// The id of an op as its body names it, read without the rest of the body.
#[derive(serde::Deserialize)]
struct BodyId<'a> {
    device: &'a str,
    seq: i64,
}

/// A set of changes applied atomically: every op is appended to the log and applied to the
/// view in the same transaction. Dropping a batch without `commit` discards all of it.
pub struct Batch<'s> {
    tx: Transaction<'s>,
    device: Uuid,
    /// This store's district: the author district of every op this batch appends.
    district: String,
    author: Uuid,
    role: Role,
    next_seq: u64,
    prev_hash: [u8; 32],
    last_hlc: Hlc,
    clock: &'s dyn Clock,
    touched_cases: BTreeSet<Uuid>,
    /// Touched cases whose index rows were not refreshed since.
    stale_cases: BTreeSet<Uuid>,
    appended: Vec<OpId>,
    /// The hashes of the appended ops, in seq order: what the commit seals.
    appended_hashes: Vec<[u8; 32]>,
    /// What an import needs to know of each author device, read once per batch: its district
    /// and when it was revoked (the trust directory does not change while ops are imported).
    devices: std::collections::HashMap<Uuid, Author>,
    /// The owning district of each case the batch's authority checks looked up.
    owners: crate::log::authority::Owners,
    /// The contents named by attachments that this batch did not keep yet (`Arrival::NotYet`).
    deferred_blobs: std::collections::HashSet<String>,
    /// The wall clock when the batch began: the reference for "too far ahead" and "in the
    /// future" of every op it imports.
    began: chrono::DateTime<chrono::Utc>,
}

/// An op's author device as an import sees it.
#[derive(Clone)]
struct Author {
    district: Option<String>,
    revoked_ms: Option<i64>,
}

impl Store {
    /// Starts a batch of changes by the operator working now. Each change is checked against
    /// the operator's role; a read-only operator cannot start one.
    pub fn batch<'s>(&'s mut self, clock: &'s dyn Clock) -> Result<Batch<'s>, OpLogError> {
        self.require(Permission::WriteRecords)?;
        let role = self.role();
        let device = self.identity().device_id;
        let author = self.identity().operator_id;
        let district = self.identity().district.clone();
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let head: Option<(i64, Vec<u8>)> = tx
            .prepare_cached("SELECT seq, hash FROM ops WHERE device = ?1 ORDER BY seq DESC LIMIT 1")?
            .query_row([device.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (next_seq, prev_hash) = match head {
            Some((seq, hash)) => {
                let hash: [u8; 32] = hash.try_into().map_err(|_| OpLogError::Malformed("stored hash"))?;
                (seq as u64 + 1, hash)
            }
            None => (1, genesis(device)),
        };
        let horizon = clock.now().timestamp_millis() + FUTURE_TOLERANCE_MS;
        let last_hlc = tx
            .prepare_cached(
                "SELECT hlc_ms, hlc_c FROM ops WHERE hlc_ms <= ?1 ORDER BY hlc_ms DESC, hlc_c DESC LIMIT 1",
            )?
            .query_row([horizon], |r| Ok(Hlc { ms: r.get(0)?, counter: r.get(1)? }))
            .optional()?
            .unwrap_or_default();
        Ok(Batch {
            tx,
            device,
            district,
            author,
            role,
            next_seq,
            prev_hash,
            last_hlc,
            clock,
            touched_cases: BTreeSet::new(),
            stale_cases: BTreeSet::new(),
            appended: Vec::new(),
            appended_hashes: Vec::new(),
            devices: std::collections::HashMap::new(),
            owners: Default::default(),
            deferred_blobs: Default::default(),
            began: clock.now(),
        })
    }
}

impl<'s> Batch<'s> {
    pub fn create(&mut self, entity: EntityKind, id: Uuid, fields: Map<String, Value>) -> Result<OpId, OpLogError> {
        self.append_op(entity, id, Action::Create, None, Value::Object(fields), None, Vec::new())
    }

    /// Sets a field; the op's base is whatever op last wrote that field.
    pub fn set(&mut self, entity: EntityKind, id: Uuid, field: &str, value: Value) -> Result<OpId, OpLogError> {
        let base = view::current_version(&self.tx, entity, id, field)?;
        self.append_op(entity, id, Action::Set, Some(field.to_string()), value, base, Vec::new())
    }

    /// Sets a field and settles a conflict: the new op merges every other head of the field.
    pub fn set_merging(
        &mut self,
        entity: EntityKind,
        id: Uuid,
        field: &str,
        value: Value,
        merges: Vec<OpId>,
    ) -> Result<OpId, OpLogError> {
        let base = view::current_version(&self.tx, entity, id, field)?;
        let merges = merges.into_iter().filter(|m| Some(*m) != base).collect();
        self.append_op(entity, id, Action::Set, Some(field.to_string()), value, base, merges)
    }

    /// Offers an op made by another device, as a bundle from district `sender` carried it.
    /// Every rule a peer's op must keep is checked here, in this order, and a refusal leaves
    /// the op out and raises one alert (`alerts`) naming the rule: the bytes hash to what the
    /// op claims (`forged_op`); the body reads (`malformed`); `authentic` confirms that its
    /// author device signed it (`unsigned`, `unknown_device`); it is not here already
    /// (`Duplicate`) nor contradicts what is (`equivocation`); its device was not revoked
    /// before the op's time (`revoked_device`); its clock is not more than a day ahead nor its
    /// counter made up (`future_clock`); its values pass the checks of a local write
    /// (`invalid_value`); it does not create a record that exists (`duplicate_create`); and
    /// `authority`'s table allows it (or makes it an erasure request). An op about someone
    /// erased here is kept emptied; one whose record or case has not arrived waits, at most
    /// [`MAX_WAITING_PER_SENDER`] per sending district, but for an attachment, which is not
    /// kept at all until its case is here (`NotYet`).
    pub fn import_op(
        &mut self,
        body: &[u8],
        prev: &[u8; 32],
        hash: &[u8; 32],
        sender: &str,
        authentic: &dyn Fn(&Op, &[u8; 32]) -> bool,
    ) -> Result<(Arrival, Option<Op>), OpLogError> {
        use crate::log::alerts::Rule;
        if chain_hash(prev, body) != *hash {
            let op = Op::from_body(body).ok();
            return self.refuse(Rule::ForgedOp, op.as_ref(), sender, hash, Arrival::Refused);
        }
        // An op this store holds already (most of a bundle offered again) is recognised by its
        // id and hash, read from the body without parsing the rest of it.
        let known_hash = |device: &str, seq: i64| -> rusqlite::Result<Option<Vec<u8>>> {
            self.tx
                .prepare_cached("SELECT hash FROM ops WHERE device = ?1 AND seq = ?2")?
                .query_row((device, seq), |r| r.get(0))
                .optional()
        };
        let quick = serde_json::from_slice::<BodyId<'_>>(body).ok();
        let quick_known = match &quick {
            Some(id) => Some(known_hash(id.device, id.seq)?),
            None => None,
        };
        if quick_known.as_ref().is_some_and(|k| k.as_deref() == Some(&hash[..])) {
            return Ok((Arrival::Duplicate, None));
        }
        let Ok(op) = Op::from_body(body) else {
            return self.refuse(Rule::Malformed, None, sender, hash, Arrival::Refused);
        };
        let key = (op.id.device.to_string(), op.id.seq as i64);
        let known = match (quick, quick_known) {
            (Some(id), Some(k)) if id.device == key.0 && id.seq == key.1 => k,
            _ => known_hash(&key.0, key.1)?,
        };
        if known.as_deref() == Some(&hash[..]) {
            return Ok((Arrival::Duplicate, None));
        }
        let waiting: Option<Vec<u8>> = self
            .tx
            .prepare_cached("SELECT hash FROM pending_ops WHERE device = ?1 AND seq = ?2")?
            .query_row((&key.0, key.1), |r| r.get(0))
            .optional()?;
        if waiting.as_deref() == Some(&hash[..]) {
            return Ok((Arrival::Waiting, None));
        }
        if !authentic(&op, hash) {
            let device_known = self.author(op.id.device)?.district.is_some();
            return self.refuse(
                if device_known { Rule::Unsigned } else { Rule::UnknownDevice },
                Some(&op),
                sender,
                hash,
                Arrival::Refused,
            );
        }
        // The same op id with other content, signed by its device: it signed two histories. And
        // this device's own history is only ever written here; a stranger's copy of it is not.
        if known.is_some() || waiting.is_some() || op.id.device == self.device {
            return self.refuse(Rule::Equivocation, Some(&op), sender, hash, Arrival::Equivocation);
        }
        if let Some(rule) = self.screen(&op)? {
            return self.refuse(rule, Some(&op), sender, hash, Arrival::Refused);
        }
        // An op about someone erased here keeps its place in its chain, without its content.
        if let Some(by) = crate::log::erase::covering(&self.tx, &op)? {
            crate::log::erase::insert_emptied(&self.tx, &op, prev, hash, &by)?;
            return Ok((Arrival::Erased, None));
        }
        if !crate::log::authority::ready(&self.tx, &op)? {
            return self.wait(&op, body, prev, hash, sender);
        }
        if op.action == Action::Create && self.number_taken(&op)? {
            return self.refuse(Rule::DuplicateCreate, Some(&op), sender, hash, Arrival::Refused);
        }
        let Some(author) = self.author(op.id.device)?.district else {
            return self.refuse(Rule::UnknownDevice, Some(&op), sender, hash, Arrival::Refused);
        };
        match crate::log::authority::check(&self.tx, &self.owners, &self.district, &author, &op)? {
            Verdict::Allow => {}
            Verdict::Wait => return self.wait(&op, body, prev, hash, sender),
            Verdict::Request => {
                return self.refuse(Rule::ErasureRequest, Some(&op), sender, hash, Arrival::Request);
            }
            Verdict::Refuse(rule) => {
                return self.refuse(rule, Some(&op), sender, hash, Arrival::Refused);
            }
        }
        // A creation is applied first: the view refuses one whose record exists here already
        // (created by another op) before it writes anything, and then the op is not logged.
        let cases = if op.action == Action::Create {
            match view::apply(&self.tx, &op) {
                Err(ViewError::Exists { .. }) => {
                    return self.refuse(Rule::DuplicateCreate, Some(&op), sender, hash, Arrival::Refused)
                }
                applied => {
                    let cases = applied?;
                    insert(&self.tx, &op, body, prev, hash)?;
                    cases
                }
            }
        } else {
            insert(&self.tx, &op, body, prev, hash)?;
            view::apply(&self.tx, &op)?
        };
        self.touch(cases);
        if op.hlc > self.last_hlc {
            self.last_hlc = op.hlc;
        }
        Ok((Arrival::Applied, Some(op)))
    }

    /// Whether a case creation names a case number that another case here already has (case
    /// numbers are unique in the view).
    fn number_taken(&self, op: &Op) -> Result<bool, OpLogError> {
        let Some(number) = op.value.get("case_number").and_then(Value::as_str) else { return Ok(false) };
        if op.entity != EntityKind::Case {
            return Ok(false);
        }
        Ok(self
            .tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM case_file WHERE case_number = ?1)")?
            .query_row([number], |r| r.get(0))?)
    }

    /// The checks of a peer's op that need no record: its device's revocation, its clock and
    /// its values. `None` when it passes.
    fn screen(&mut self, op: &Op) -> Result<Option<crate::log::alerts::Rule>, OpLogError> {
        use crate::log::alerts::Rule;
        if self.author(op.id.device)?.revoked_ms.is_some_and(|at| op.hlc.ms > at) {
            return Ok(Some(Rule::RevokedDevice));
        }
        let now = self.began;
        if op.hlc.ms > now.timestamp_millis() + FUTURE_TOLERANCE_MS || op.hlc.counter > MAX_HLC_COUNTER {
            return Ok(Some(Rule::FutureClock));
        }
        let today = now.date_naive() + chrono::Days::new(1);
        let valid = crate::model::validate::change(
            op.entity.def(),
            op.field.as_deref(),
            &op.value,
            op.action == Action::Erase,
            today,
        );
        Ok((!valid).then_some(Rule::InvalidValue))
    }

    /// An author device's district and revocation, read once per batch.
    fn author(&mut self, device: Uuid) -> Result<Author, OpLogError> {
        if let Some(a) = self.devices.get(&device) {
            return Ok(a.clone());
        }
        let district = crate::log::authority::district_of(&self.tx, device)?;
        let revoked: Option<String> = self
            .tx
            .prepare_cached("SELECT revoked_at FROM trusted_devices WHERE device_id = ?1")?
            .query_row([device.to_string()], |r| r.get(0))
            .optional()?
            .flatten();
        let revoked_ms =
            revoked.and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok()).map(|t| t.timestamp_millis());
        let a = Author { district, revoked_ms };
        self.devices.insert(device, a.clone());
        Ok(a)
    }

    /// Parks an op until its record or case arrives, unless its sender already has too many
    /// waiting.
    fn wait(
        &mut self,
        op: &Op,
        body: &[u8],
        prev: &[u8; 32],
        hash: &[u8; 32],
        sender: &str,
    ) -> Result<(Arrival, Option<Op>), OpLogError> {
        if op.entity == EntityKind::Attachment && op.action == Action::Create {
            if let Some(sha) = op.value.get("sha256").and_then(Value::as_str) {
                self.deferred_blobs.insert(sha.to_string());
            }
            return Ok((Arrival::NotYet, None));
        }
        let waiting: i64 = self
            .tx
            .prepare_cached("SELECT count(*) FROM pending_ops WHERE sender = ?1")?
            .query_row([sender], |r| r.get(0))?;
        if waiting >= MAX_WAITING_PER_SENDER {
            return self.refuse(crate::log::alerts::Rule::WaitingLimit, Some(op), sender, hash, Arrival::Refused);
        }
        self.tx
            .prepare_cached(
                "INSERT OR IGNORE INTO pending_ops (device, seq, body, prev, hash, sender, received_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute((
                op.id.device.to_string(),
                op.id.seq as i64,
                body,
                &prev[..],
                &hash[..],
                sender,
                self.began.to_rfc3339(),
            ))?;
        Ok((Arrival::Waiting, None))
    }

    /// Drops waiting ops older than [`WAITING_EXPIRY_DAYS`]. Their senders offer them again,
    /// since no receipt covers them.
    pub(crate) fn expire_waiting(&mut self) -> Result<u64, OpLogError> {
        let cutoff = (self.clock.now() - chrono::Duration::days(WAITING_EXPIRY_DAYS)).to_rfc3339();
        Ok(self.tx.execute("DELETE FROM pending_ops WHERE received_at < ?1", [cutoff])? as u64)
    }

    /// Applies waiting ops whose record has arrived, until none can move. `import_op` checks
    /// them again against what is here now.
    pub fn apply_waiting(&mut self) -> Result<Vec<Op>, OpLogError> {
        let mut applied = Vec::new();
        loop {
            let mut ready = Vec::new();
            {
                let mut stmt = self
                    .tx
                    .prepare("SELECT body, prev, hash, coalesce(sender, '') FROM pending_ops ORDER BY device, seq")?;
                let rows = stmt.query_map([], |r| {
                    Ok((
                        r.get::<_, Vec<u8>>(0)?,
                        r.get::<_, Vec<u8>>(1)?,
                        r.get::<_, Vec<u8>>(2)?,
                        r.get::<_, String>(3)?,
                    ))
                })?;
                for row in rows {
                    let (body, prev, hash, sender) = row?;
                    let Ok(op) = Op::from_body(&body) else { continue };
                    if crate::log::authority::ready(&self.tx, &op)? && self.decidable(&op)? {
                        ready.push((body, prev, hash, sender, op));
                    }
                }
            }
            if ready.is_empty() {
                return Ok(applied);
            }
            for (body, prev, hash, sender, op) in ready {
                self.tx
                    .prepare_cached("DELETE FROM pending_ops WHERE device = ?1 AND seq = ?2")?
                    .execute((op.id.device.to_string(), op.id.seq as i64))?;
                let prev: [u8; 32] = prev.try_into().map_err(|_| OpLogError::Malformed("stored hash"))?;
                let hash: [u8; 32] = hash.try_into().map_err(|_| OpLogError::Malformed("stored hash"))?;
                // It was authenticated when it arrived.
                if let (Arrival::Applied, Some(op)) = self.import_op(&body, &prev, &hash, &sender, &|_, _| true)? {
                    applied.push(op);
                }
            }
        }
    }

    /// Whether the table decides a waiting op now, rather than have it wait again for an
    /// acceptance that has not arrived.
    fn decidable(&self, op: &Op) -> Result<bool, OpLogError> {
        let Some(author) = crate::log::authority::district_of(&self.tx, op.id.device)? else { return Ok(true) };
        Ok(crate::log::authority::check(&self.tx, &self.owners, &self.district, &author, op)? != Verdict::Wait)
    }

    /// Records an alert about something a peer sent that is not applied as it came, and says how
    /// it arrived: `arrival`, or `RefusedBefore` if the same alert was raised before.
    fn refuse(
        &self,
        rule: crate::log::alerts::Rule,
        op: Option<&Op>,
        sender: &str,
        hash: &[u8; 32],
        arrival: Arrival,
    ) -> Result<(Arrival, Option<Op>), OpLogError> {
        let source = match op {
            Some(op) => crate::log::alerts::Source {
                district: crate::log::authority::district_of(&self.tx, op.id.device)?,
                device: op.id.device,
                seq: op.id.seq,
                sender: Some(sender.to_string()),
                entity: Some((op.entity.as_str(), op.entity_id)),
                bundle: None,
            },
            // An op that cannot be read is told apart from others by its hash.
            None => crate::log::alerts::Source {
                sender: Some(sender.to_string()),
                seq: u64::from_be_bytes(hash[..8].try_into().expect("8 bytes")) >> 1,
                ..Default::default()
            },
        };
        let fresh = crate::log::alerts::raise(&self.tx, rule, &source, self.clock)?;
        Ok((if fresh { arrival } else { Arrival::RefusedBefore }, None))
    }

    /// Records an alert about a whole bundle, in this batch.
    pub(crate) fn alert(
        &self,
        rule: crate::log::alerts::Rule,
        source: &crate::log::alerts::Source,
    ) -> Result<(), OpLogError> {
        crate::log::alerts::raise(&self.tx, rule, source, self.clock)?;
        Ok(())
    }

    /// Erases a person and everything that is theirs (erasure.rs says what that covers).
    pub fn erase(&mut self, person: Uuid, reason: &str) -> Result<OpId, OpLogError> {
        let value = json!({ "reason": reason });
        self.append_op(EntityKind::Person, person, Action::Erase, None, value, None, Vec::new())
    }

    /// Stores attachment content; referenced by the attachment's create op in this batch.
    pub fn put_blob(&mut self, sha256: &str, data: &[u8]) -> Result<(), OpLogError> {
        // Looked up first: a scan offered again (each bundle carries the attachments the
        // receiver has not confirmed) is not written again, nor its pages read through.
        let held: bool = self
            .tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM blobs WHERE sha256 = ?1)")?
            .query_row([sha256], |r| r.get(0))?;
        if !held {
            self.tx.prepare_cached("INSERT INTO blobs (sha256, data) VALUES (?1, ?2)")?.execute((sha256, data))?;
        }
        Ok(())
    }

    /// Removes, of the attachment contents given, those that no attachment here names. Returns
    /// how many went that no attachment of this batch named either (an attachment whose case
    /// has not arrived names its content, which comes again with it).
    pub(crate) fn drop_orphan_blobs(&mut self, hashes: &[String]) -> Result<usize, OpLogError> {
        let mut orphans = 0;
        for sha in hashes {
            let named: bool = self
                .tx
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM attachment WHERE sha256 = ?1)")?
                .query_row([sha], |r| r.get(0))?;
            if !named {
                self.tx.execute("DELETE FROM blobs WHERE sha256 = ?1", [sha])?;
                orphans += usize::from(!self.deferred_blobs.contains(sha));
            }
        }
        Ok(orphans)
    }

    /// Read access to the state as this batch has changed it so far.
    pub fn conn(&self) -> &rusqlite::Connection {
        &self.tx
    }

    /// Cases whose view this batch has changed so far.
    fn touch(&mut self, cases: Vec<Uuid>) {
        self.stale_cases.extend(cases.iter().copied());
        self.touched_cases.extend(cases);
    }

    /// Brings the index rows of the cases touched so far up to date, for a question asked
    /// before the commit (the duplicate candidates of an import).
    pub(crate) fn refresh_index(&mut self) -> Result<(), OpLogError> {
        for case in std::mem::take(&mut self.stale_cases) {
            crate::index::case_index::refresh(&self.tx, case)?;
        }
        Ok(())
    }

    pub fn touched_cases(&self) -> &BTreeSet<Uuid> {
        &self.touched_cases
    }

    #[allow(clippy::too_many_arguments)]
    fn append_op(
        &mut self,
        entity: EntityKind,
        entity_id: Uuid,
        action: Action,
        field: Option<String>,
        value: Value,
        base: Option<OpId>,
        merges: Vec<OpId>,
    ) -> Result<OpId, OpLogError> {
        let allowed = match (&field, &value) {
            _ if action == Action::Erase => self.role.allows(Permission::Erase),
            (Some(f), _) => self.role.may_write(entity, f),
            (None, Value::Object(fields)) => {
                self.role.may_create(entity) && fields.keys().all(|f| self.role.may_write(entity, f))
            }
            (None, _) => self.role.may_create(entity),
        };
        if !allowed {
            return Err(StoreError::from(Forbidden(Permission::WriteRecords)).into());
        }
        let hlc = self.last_hlc.tick(self.clock.now().timestamp_millis());
        let op = Op {
            id: OpId { device: self.device, seq: self.next_seq },
            hlc,
            author: self.author,
            entity,
            entity_id,
            action,
            field,
            value,
            base,
            merges,
        };
        // The same table decides a local write as a peer's op, so that no district keeps a
        // change that the others would refuse. Only an erasure request differs: it is applied
        // where it was written.
        match crate::log::authority::check(&self.tx, &self.owners, &self.district, &self.district, &op)? {
            Verdict::Allow | Verdict::Request => {}
            Verdict::Wait => return Err(OpLogError::NotAuthorised(crate::log::alerts::Rule::NotCarer)),
            Verdict::Refuse(rule) => return Err(OpLogError::NotAuthorised(rule)),
        }
        let body = op.body();
        let hash = chain_hash(&self.prev_hash, &body);
        insert(&self.tx, &op, &body, &self.prev_hash, &hash)?;
        self.touch(view::apply(&self.tx, &op)?);
        self.next_seq += 1;
        self.prev_hash = hash;
        self.last_hlc = hlc;
        self.appended.push(op.id);
        self.appended_hashes.push(hash);
        Ok(op.id)
    }

    /// Refreshes the index rows of every case touched, seals the ops this batch wrote (`seal`),
    /// then commits. Returns the ops written.
    pub fn commit(mut self) -> Result<Vec<OpId>, OpLogError> {
        self.refresh_index()?;
        self.seal_appended()?;
        self.tx.commit()?;
        Ok(self.appended)
    }

    /// Signs the seal of the ops appended since the last seal, inside the transaction: an export
    /// that carries this batch's ops before committing it needs their seals.
    pub(crate) fn seal_appended(&mut self) -> Result<(), OpLogError> {
        if self.appended_hashes.is_empty() {
            return Ok(());
        }
        let first = self.appended[self.appended.len() - self.appended_hashes.len()].seq;
        let keys = crate::log::identity::load_device_keys(&self.tx, self.device)?;
        crate::log::seal::seal_run(&self.tx, &keys, first, &self.appended_hashes)?;
        self.appended_hashes.clear();
        Ok(())
    }
}
