//! Moving cases between districts: choosing what a bundle carries, and merging what arrives.
//!
//! Export sends a district only the cases it may see — its own cases, and cases referred or
//! shared to it whose consent covers it (or whose referral recorded an override with a reason)
//! — and of those only the ops its last receipt does not already cover. Import checks the
//! envelope before decrypting, then applies everything in one transaction: ops already present
//! are skipped, contradicting ones raise an alert, ops for entities not yet seen wait.

use crate::exchange::bundle::{
    self, BundleError, BundleWriter, Envelope, Frame, Header, Manifest, OpRanges, OpRecord, Recipients, Sender,
    SenderKey,
};
use crate::log::alerts::{Rule, Source};
use crate::log::identity::{self, TrustError};
use crate::log::oplog::{Action, Arrival, Op, OpLogError};
use crate::log::seal::Seal;
use crate::model::roles::Permission;
use crate::model::schema::{EntityKind, CASE_ENTITIES};
use crate::store::{Store, StoreError};
use crate::support::ambient::{Clock, Entropy};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Bundle(#[from] BundleError),
    #[error("no trusted, unrevoked device of the receiving district")]
    NoRecipient,
    #[error("a district cannot send a bundle to itself")]
    ToSelf,
    #[error("not a Kepmendagri kabupaten/kota code")]
    BadDistrict,
    #[error("the copy written could not be read back intact")]
    ReadBack,
    /// The bundle could not be written where it was asked for (a full or pulled stick).
    #[error("the bundle could not be written: {0}")]
    NotWritten(#[source] std::io::Error),
    #[error("an op in the bundle is malformed")]
    BadOp,
    #[error(transparent)]
    OpLog(OpLogError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Trust(#[from] TrustError),
}

impl From<rusqlite::Error> for SyncError {
    fn from(e: rusqlite::Error) -> Self {
        SyncError::Store(e.into())
    }
}

impl From<crate::log::op::Malformed> for SyncError {
    fn from(e: crate::log::op::Malformed) -> Self {
        OpLogError::from(e).into()
    }
}

impl From<OpLogError> for SyncError {
    fn from(e: OpLogError) -> Self {
        match e {
            OpLogError::Malformed(_) | OpLogError::View(_) => SyncError::BadOp,
            other => SyncError::OpLog(other),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ExportSummary {
    pub id: Uuid,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub path: PathBuf,
    pub district: String,
    pub cases: usize,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub ops: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub attachments: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImportSummary {
    pub id: Uuid,
    pub sender_district: String,
    pub sender_district_name: String,
    pub new_cases: Vec<String>,
    pub updated_cases: Vec<String>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub ops_applied: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub ops_already_present: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub ops_waiting: u64,
    pub conflicts: usize,
    /// Pairs of cases whose victims may be the same person, for review.
    pub duplicates: Vec<(String, String)>,
    /// Cases of this bundle that were not compared with the store for the summary (beyond the
    /// first [`DUPLICATES_REVIEWED`]): the duplicates review compares them all.
    pub duplicates_unchecked: usize,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub alerts: u64,
    pub referrals_received: usize,
    /// Persons this bundle's erasures took out of this store.
    pub persons_erased: usize,
    /// Ops of this bundle refused by a rule; each raised an alert.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub ops_refused: u64,
    /// Erasures from districts that do not own the case, waiting for a coordinator here.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub erasure_requests: u64,
}

/// The receipt this store's next bundle will carry: what it holds, per device, as inclusive
/// seq ranges (for measuring how receipts grow across a network).
pub fn receipt(store: &Store) -> Result<OpRanges, SyncError> {
    holdings(&store.conn)
}

/// Inclusive seq ranges of every op this store holds, per device: the receipt it sends.
pub(crate) fn holdings(conn: &Connection) -> Result<OpRanges, SyncError> {
    let mut stmt = conn.prepare(
        "SELECT device, min(seq), max(seq) FROM (
             SELECT device, seq, seq - row_number() OVER (PARTITION BY device ORDER BY seq) AS run FROM ops)
         GROUP BY device, run ORDER BY device, 2",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)))?;
    let mut out: OpRanges = BTreeMap::new();
    for row in rows {
        let (d, a, b) = row?;
        if let Ok(d) = d.parse() {
            out.entry(d).or_default().push((a as u64, b as u64));
        }
    }
    Ok(out)
}

fn covered(ranges: &OpRanges, device: Uuid, seq: u64) -> bool {
    ranges.get(&device).is_some_and(|rs| rs.iter().any(|(a, b)| *a <= seq && seq <= *b))
}

fn to_ranges(ids: &BTreeSet<(Uuid, u64)>) -> OpRanges {
    let mut out: OpRanges = BTreeMap::new();
    for (d, s) in ids {
        let list = out.entry(*d).or_default();
        match list.last_mut() {
            Some((_, b)) if *b + 1 == *s => *b = *s,
            _ => list.push((*s, *s)),
        }
    }
    out
}

/// Cases a district may receive.
fn cases_for(conn: &Connection, district: &str) -> Result<Vec<Uuid>, SyncError> {
    let mut stmt = conn.prepare(
        "WITH covered(case_id) AS (
             SELECT k.id FROM consent k, json_each(k.share_districts) d
             WHERE k.withdrawn_on IS NULL AND d.value = ?1)
         SELECT id FROM case_file WHERE district = ?1
         UNION SELECT case_id FROM referral
               WHERE to_district = ?1 AND (consent_override IS NOT NULL OR case_id IN covered)
         UNION SELECT case_id FROM share
               WHERE district = ?1 AND (consent_override IS NOT NULL OR case_id IN covered)",
    )?;
    let ids = stmt.query_map([district], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for id in ids {
        if let Ok(u) = id?.parse() {
            out.push(u);
        }
    }
    Ok(out)
}

/// The prevention activities, trainings and programmes whose lists of districts name
/// `district`, with each training's participants and the organisations they name.
fn registers_for(conn: &Connection, district: &str) -> Result<Vec<String>, SyncError> {
    let mut stmt = conn.prepare(
        "WITH shared(id) AS (
             SELECT a.id FROM activity a, json_each(a.share_districts) d WHERE d.value = ?1
             UNION SELECT t.id FROM training t, json_each(t.share_districts) d WHERE d.value = ?1
             UNION SELECT p.id FROM programme p, json_each(p.share_districts) d WHERE d.value = ?1)
         SELECT id FROM (
             SELECT id FROM shared
             UNION SELECT g.id FROM training_group g WHERE g.training_id IN shared
             UNION SELECT organiser_id FROM activity WHERE id IN shared
             UNION SELECT o.value FROM activity a, json_each(a.partner_ids) o WHERE a.id IN shared
             UNION SELECT organiser_id FROM training WHERE id IN shared
             UNION SELECT organisation_id FROM programme WHERE id IN shared)
         WHERE id IS NOT NULL",
    )?;
    let ids = stmt.query_map([district], |r| r.get::<_, String>(0))?;
    Ok(ids.collect::<Result<_, _>>()?)
}

/// Cases referred or shared to a district whose consent has since been withdrawn. Their consent
/// entity has the case's id, so its ops are picked by that id.
fn withdrawn_for(conn: &Connection, district: &str) -> Result<Vec<Uuid>, SyncError> {
    let mut stmt = conn.prepare(
        "SELECT k.id FROM consent k WHERE k.withdrawn_on IS NOT NULL AND k.id IN (
             SELECT case_id FROM referral WHERE to_district = ?1 UNION SELECT case_id FROM share WHERE district = ?1)
         AND k.id NOT IN (SELECT id FROM case_file WHERE district = ?1)",
    )?;
    let ids = stmt.query_map([district], |r| r.get::<_, String>(0))?;
    Ok(ids.filter_map(|r| r.ok().and_then(|s| s.parse().ok())).collect())
}

struct Selected {
    ops: Vec<(Uuid, u64, OpRecord, Option<String>)>,
    cases: usize,
}

/// What the receiving district already has or made itself, and so need not be sent.
struct Known {
    receipt: OpRanges,
    their_devices: BTreeSet<String>,
}

fn select(conn: &Connection, district: &str, all: bool) -> Result<Selected, SyncError> {
    let receipt: OpRanges = if all {
        BTreeMap::new()
    } else {
        conn.query_row("SELECT ranges FROM peer_receipts WHERE district = ?1", [district], |r| r.get::<_, String>(0))
            .optional()?
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default()
    };
    let their_devices: BTreeSet<String> = {
        let mut stmt = conn.prepare("SELECT device_id FROM trusted_devices WHERE district = ?1")?;
        let rows = stmt.query_map([district], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let known = Known { receipt, their_devices };
    const OP_COLUMNS: &str = "SELECT device, seq, prev, hash, body, author, entity, action FROM ops";
    let mut op_stmt = conn.prepare_cached(&format!("{OP_COLUMNS} WHERE entity_id = ?1 AND erased_by IS NULL"))?;
    // One statement per case rather than one per entity: a bundle of 10,000 cases holds some
    // 150,000 entities.
    let mut case_stmt =
        conn.prepare_cached(&format!("{OP_COLUMNS} WHERE entity_id IN ({CASE_ENTITIES}) AND erased_by IS NULL"))?;
    let mut picked = Vec::new();
    let mut authors = BTreeSet::new();
    let mut cases = 0;
    // A district that received a case before its consent was withdrawn gets the withdrawal (the
    // consent record) and nothing else of the case.
    for case in withdrawn_for(conn, district)? {
        let before = picked.len();
        pick(&mut op_stmt, &case.to_string(), &known, &mut picked, &mut authors)?;
        if picked.len() > before {
            cases += 1;
        }
    }
    for case in cases_for(conn, district)? {
        let before = picked.len();
        pick(&mut case_stmt, &case.to_string(), &known, &mut picked, &mut authors)?;
        if picked.len() > before {
            cases += 1;
        }
    }
    // The registers of the task force's other work shared with this district, a training's
    // participants with it, and the organisations they name. No personal data.
    for id in registers_for(conn, district)? {
        pick(&mut op_stmt, &id, &known, &mut picked, &mut authors)?;
    }
    // Erasures go to every district: the person's data may have travelled on from the
    // districts it was sent to, and an erase op carries nothing but ids and a reason.
    let erased_persons: Vec<String> = {
        let mut stmt = conn.prepare("SELECT DISTINCT entity_id FROM ops WHERE action = 'erase'")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    for person in erased_persons {
        pick(&mut op_stmt, &person, &known, &mut picked, &mut authors)?;
    }
    // The operators who wrote those ops, so the receiving district can name them.
    for author in std::mem::take(&mut authors) {
        pick(&mut op_stmt, &author, &known, &mut picked, &mut BTreeSet::new())?;
    }
    picked.sort_by_key(|(d, s, _, _)| (*d, *s));
    picked.dedup_by_key(|(d, s, _, _)| (*d, *s));
    Ok(Selected { ops: picked, cases })
}

/// Adds the ops that `stmt` finds for `entity_id` (one entity's, or a whole case's) and that
/// the receiver does not have.
fn pick(
    stmt: &mut rusqlite::CachedStatement<'_>,
    entity_id: &str,
    known: &Known,
    picked: &mut Vec<(Uuid, u64, OpRecord, Option<String>)>,
    authors: &mut BTreeSet<String>,
) -> Result<(), SyncError> {
    let mut rows = stmt.query([entity_id])?;
    while let Some(r) = rows.next()? {
        let device: String = r.get(0)?;
        let seq = r.get::<_, i64>(1)? as u64;
        let Ok(dev) = device.parse::<Uuid>() else { continue };
        if known.their_devices.contains(&device) || covered(&known.receipt, dev, seq) {
            continue;
        }
        let body: Vec<u8> = r.get(4)?;
        authors.insert(r.get(5)?);
        let blob = if r.get::<_, String>(6)? == "attachment" && r.get::<_, String>(7)? == "create" {
            Op::from_body(&body)?.value.get("sha256").and_then(Value::as_str).map(str::to_string)
        } else {
            None
        };
        let rec = OpRecord {
            prev: r.get::<_, Vec<u8>>(2)?.try_into().map_err(|_| SyncError::BadOp)?,
            hash: r.get::<_, Vec<u8>>(3)?.try_into().map_err(|_| SyncError::BadOp)?,
            body,
        };
        picked.push((dev, seq, rec, blob));
    }
    Ok(())
}

/// The seals that cover the selected ops, in the ops' order; `ops` is sorted by device and
/// seq. An op that no seal covers — a peer's op that arrived before seals existed — could not
/// be authenticated by anyone else, and is left out.
fn with_seals(conn: &Connection, ops: &mut Vec<(Uuid, u64, OpRecord, Option<String>)>) -> Result<Vec<Seal>, SyncError> {
    let mut seals: Vec<Seal> = Vec::new();
    let mut unsealed = BTreeSet::new();
    for (device, seq, rec, _) in ops.iter() {
        if seals.last().is_some_and(|s| s.device == *device && s.covers(*seq, &rec.hash)) {
            continue;
        }
        match crate::log::seal::covering(conn, *device, *seq)? {
            Some(seal) if seal.covers(*seq, &rec.hash) => seals.push(seal),
            _ => {
                unsealed.insert((*device, *seq));
            }
        }
    }
    if !unsealed.is_empty() {
        ops.retain(|(d, s, _, _)| !unsealed.contains(&(*d, *s)));
    }
    Ok(seals)
}

/// Writes a bundle for one district. Referrals to it still in Draft become Sent.
pub fn export(
    store: &mut Store,
    to: &str,
    all: bool,
    out: &Path,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
) -> Result<ExportSummary, SyncError> {
    store.require(Permission::ExportRecords)?;
    if !crate::model::validate::is_regency(to) {
        return Err(SyncError::BadDistrict);
    }
    if to == store.identity().district {
        return Err(SyncError::ToSelf);
    }
    let recipients: Vec<(Uuid, String)> = {
        let mut stmt = store.conn.prepare(
            "SELECT device_id, age_recipient FROM trusted_devices WHERE district = ?1 AND revoked_at IS NULL
             ORDER BY device_id",
        )?;
        let rows = stmt.query_map([to], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        rows.filter_map(|r| r.ok()).filter_map(|(d, a)| Some((d.parse().ok()?, a))).collect()
    };
    if recipients.is_empty() {
        return Err(SyncError::NoRecipient);
    }
    let drafts: Vec<String> = {
        // Only this district's own referrals: another's, held here through a shared case, are
        // that district's to send.
        let mut stmt = store
            .conn
            .prepare("SELECT id FROM referral WHERE to_district = ?1 AND from_district = ?2 AND status = 'Draft'")?;
        let rows = stmt.query_map([to, &store.identity().district], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let keys = store.device_keys()?;
    // Ops written before seals existed are sealed now (a no-op once they all are).
    crate::log::seal::seal_unsealed(&store.conn, &keys)?;
    let card = identity::own_card(store)?;
    let id = store.identity().clone();
    // One transaction from here: the referrals become Sent, the bundle is written with those
    // changes in it and read back, the export is logged; only then is it committed and the file
    // put in place. A bundle that cannot be written or verified leaves no Sent referral, no
    // access-log entry and no file.
    let partial = crate::support::files::partial_path(out);
    crate::store::note_partial(&store.conn, &partial)?;
    let mut batch = store.batch(clock)?;
    for id in drafts {
        let id = id.parse().map_err(|_| SyncError::BadOp)?;
        batch.set(EntityKind::Referral, id, "status", Value::String("Sent".into()))?;
    }
    batch.seal_appended()?;
    let conn = batch.conn();
    let mut selected = select(conn, to, all)?;
    let seals = with_seals(conn, &mut selected.ops)?;
    let sender =
        Sender { district: id.district.clone(), district_name: id.district_name.clone(), device_id: id.device_id };
    let recipient = Recipients { district: to.to_string(), devices: recipients.iter().map(|(d, _)| *d).collect() };
    let blobs: BTreeSet<String> = selected.ops.iter().filter_map(|(_, _, _, b)| b.clone()).collect();
    let header = Header {
        format: bundle::HEADER_FORMAT.into(),
        bundle_id: entropy.uuid(),
        created_at: clock.now().to_rfc3339(),
        sender: sender.clone(),
        recipient: recipient.clone(),
        ops: to_ranges(&selected.ops.iter().map(|(d, s, _, _)| (*d, *s)).collect()),
        op_count: selected.ops.len() as u64,
        blob_count: blobs.len() as u64,
        trust_version: card.fingerprint(),
        handovers: identity::handovers(conn)?,
    };
    let manifest = Manifest {
        bundle_id: header.bundle_id,
        header_sha256: String::new(),
        sender,
        recipient,
        sender_card: card,
        receipt: holdings(conn)?,
    };
    let manifest = Manifest { header_sha256: bundle::header_sha256(&header), ..manifest };
    let age_recipients: Vec<age::x25519::Recipient> = recipients.iter().filter_map(|(_, a)| a.parse().ok()).collect();

    let written = (|| -> Result<u64, SyncError> {
        let file = std::fs::File::create(&partial).map_err(SyncError::NotWritten)?;
        let mut w = BundleWriter::start(std::io::BufWriter::new(file), &header, &manifest, &keys, &age_recipients)
            .map_err(SyncError::NotWritten)?;
        for seal in &seals {
            w.seal(seal).map_err(SyncError::NotWritten)?;
        }
        for (_, _, rec, _) in &selected.ops {
            w.op(rec).map_err(SyncError::NotWritten)?;
        }
        crate::support::ambient::fault_point("export:writing").map_err(SyncError::NotWritten)?;
        for sha in &blobs {
            let data: Vec<u8> = conn.query_row("SELECT data FROM blobs WHERE sha256 = ?1", [sha], |r| r.get(0))?;
            let raw = decode_hex(sha).ok_or(SyncError::BadOp)?;
            w.blob(&raw, &data).map_err(SyncError::NotWritten)?;
        }
        let buffered = w.finish().map_err(SyncError::NotWritten)?;
        let file = buffered.into_inner().map_err(|e| SyncError::NotWritten(e.into_error()))?;
        file.sync_all().map_err(SyncError::NotWritten)?;
        let bytes = file.metadata().map_err(SyncError::NotWritten)?.len();
        drop(file);
        crate::support::ambient::crash_point("export:written");
        // USB sticks lie about writes: read the file back and check every byte's signature.
        let own_key = keys.signing_key();
        let check = std::fs::File::open(&partial).map_err(SyncError::NotWritten)?;
        let envelope = bundle::read_envelope(BufReader::new(check), |_| SenderKey::Trusted(own_key))
            .map_err(|_| SyncError::ReadBack)?;
        if envelope.header != header {
            return Err(SyncError::ReadBack);
        }
        crate::log::access::record_on(conn, id.operator_id, crate::log::access::Action::ExportBundle, to, clock)?;
        Ok(bytes)
    })();
    let committed = written.and_then(|bytes| {
        batch.commit()?;
        Ok(bytes)
    });
    let bytes = match committed {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            let _ = crate::store::forget_partial(&store.conn);
            return Err(e);
        }
    };
    let renamed = crate::support::files::replace(&partial, out);
    crate::store::forget_partial(&store.conn)?;
    renamed.map_err(SyncError::NotWritten)?;
    if let Some(dir) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        crate::support::files::sync_dir(dir).map_err(SyncError::NotWritten)?;
    }
    Ok(ExportSummary {
        id: header.bundle_id,
        path: out.to_path_buf(),
        district: to.to_string(),
        cases: selected.cases,
        ops: header.op_count,
        attachments: header.blob_count,
        bytes,
    })
}

fn decode_hex(s: &str) -> Option<[u8; 32]> {
    let bytes: Vec<u8> = (0..s.len())
        .step_by(2)
        .map(|i| s.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect::<Option<_>>()?;
    bytes.try_into().ok()
}

/// A device in the trust directory: its signing key, whether it was revoked, its district.
fn known_device(conn: &Connection, device: Uuid) -> Option<(Vec<u8>, bool, String)> {
    conn.query_row(
        "SELECT signing_key, revoked_at IS NOT NULL, district FROM trusted_devices WHERE device_id = ?1",
        [device.to_string()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()
    .ok()
    .flatten()
}

/// How this store knows a sender. Its own device counts as known, so that a bundle it made
/// itself is refused as addressed to another district rather than as from a stranger. A
/// sender it does not know at all may be vouched for by the handovers in the header, which
/// stay inside one district. A known device whose header names another district than its own
/// is impersonating that district.
fn sender_key(conn: &Connection, own: (Uuid, [u8; 32])) -> impl Fn(&Header) -> SenderKey + '_ {
    move |header| {
        let device = header.sender.device_id;
        if device == own.0 {
            return SenderKey::Trusted(own.1);
        }
        match known_device(conn, device) {
            Some((_, true, _)) => SenderKey::Revoked,
            // A bundle speaks for the district of the device that signed it, and no other.
            Some((key, false, district)) if district != header.sender.district => {
                key.try_into().map(|k| SenderKey::Impersonating(k, district)).unwrap_or(SenderKey::Unknown)
            }
            Some((key, false, _)) => key.try_into().map(SenderKey::Trusted).unwrap_or(SenderKey::Unknown),
            None => match identity::vouch(conn, &header.sender.district, device, &header.handovers) {
                identity::Vouch::Key(key, _) => SenderKey::Trusted(key),
                identity::Vouch::Forged => SenderKey::Forged,
                identity::Vouch::NoAnchor => SenderKey::Unknown,
            },
        }
    }
}

/// The keys that open a bundle addressed to `recipients`: this device's, or, for a bundle a
/// peer encrypted before it heard that this store was restored, those of the device it
/// replaced, whose secrets the restored database still holds.
fn reading_keys(store: &Store, recipients: &[Uuid]) -> Result<Option<identity::DeviceKeys>, SyncError> {
    let me = store.identity().device_id;
    if recipients.contains(&me) {
        return Ok(Some(store.device_keys()?));
    }
    for device in recipients {
        let ours: bool = store.conn.query_row(
            "SELECT count(*) > 0 FROM device_keys WHERE device_id = ?1",
            [device.to_string()],
            |r| r.get(0),
        )?;
        if ours {
            return Ok(Some(identity::load_device_keys(&store.conn, *device)?));
        }
    }
    Ok(None)
}

/// Checks a bundle's envelope (signatures, completeness, sender trust) without decrypting it.
pub fn inspect(store: &Store, path: &Path) -> Result<Envelope, SyncError> {
    let file = std::fs::File::open(path).map_err(BundleError::Io)?;
    let own = (store.identity().device_id, store.device_keys()?.signing_key());
    Ok(bundle::read_envelope(BufReader::new(file), sender_key(&store.conn, own))?)
}

/// Decrypts a bundle addressed to this store and returns its manifest and frames, without
/// importing anything. For tests that play a hostile district relaying what it received.
#[doc(hidden)]
pub fn frames_of(store: &Store, path: &Path) -> Result<(Manifest, Vec<Frame>), SyncError> {
    // It decrypts like an import: only an operator who may import may read a bundle's content.
    store.require(Permission::ImportBundles)?;
    let mut file = std::fs::File::open(path).map_err(BundleError::Io)?;
    let own = (store.identity().device_id, store.device_keys()?.signing_key());
    let envelope = bundle::read_envelope(BufReader::new(&mut file), sender_key(&store.conn, own))?;
    let reader = reading_keys(store, &envelope.header.recipient.devices)?
        .ok_or_else(|| BundleError::WrongRecipient { district: envelope.header.recipient.district.clone() })?;
    file.seek(SeekFrom::Start(envelope.payload_start)).map_err(BundleError::Io)?;
    let payload = BufReader::new(file.take(envelope.payload_len));
    let (manifest, mut reader) = bundle::open_payload(payload, &envelope, reader.age_identity())?;
    let mut frames = Vec::new();
    loop {
        match reader.next_frame()? {
            Frame::End => return Ok((manifest, frames)),
            frame => frames.push(frame),
        }
    }
}

/// A seal as a bundle carried it, with its device's key; checked once, when first needed.
struct CarriedSeal {
    seal: Seal,
    key: Vec<u8>,
    verified: std::cell::Cell<Option<bool>>,
}

impl CarriedSeal {
    fn verified(&self) -> bool {
        if let Some(v) = self.verified.get() {
            return v;
        }
        let v = self.seal.verify(&self.key);
        self.verified.set(Some(v));
        v
    }
}

/// Verifies, decrypts and merges a bundle in one transaction. Any failure changes nothing.
pub fn import(store: &mut Store, path: &Path, clock: &dyn Clock) -> Result<ImportSummary, SyncError> {
    store.require(Permission::ImportBundles)?;
    let mut file = std::fs::File::open(path).map_err(BundleError::Io)?;
    let keys = store.device_keys()?;
    let me = store.identity().clone();
    let envelope = match bundle::read_envelope(
        BufReader::new(&mut file),
        sender_key(&store.conn, (me.device_id, keys.signing_key())),
    ) {
        Ok(envelope) => envelope,
        Err(BundleError::Impersonation { claimed, actual, device, bundle }) => {
            // Refused whole, and remembered: a trusted district's device signed a bundle in
            // another district's name.
            let source = Source {
                district: Some(actual.clone()),
                device,
                seq: 0,
                sender: Some(claimed.clone()),
                entity: None,
                bundle: Some(bundle),
            };
            crate::log::alerts::raise(&store.conn, Rule::Impersonation, &source, clock)?;
            return Err(BundleError::Impersonation { claimed, actual, device, bundle }.into());
        }
        Err(e) => return Err(e.into()),
    };
    let h = &envelope.header;
    let reader = match reading_keys(store, &h.recipient.devices)? {
        Some(k) if h.recipient.district == me.district => k,
        _ => return Err(BundleError::WrongRecipient { district: h.recipient.district.clone() }.into()),
    };
    // A sender this store did not know was vouched for by handovers; they are recorded with
    // the import, in its transaction.
    let vouched = match known_device(&store.conn, h.sender.device_id) {
        Some(_) => None,
        None => match identity::vouch(&store.conn, &h.sender.district, h.sender.device_id, &h.handovers) {
            identity::Vouch::Key(_, start) => Some(start),
            _ => None,
        },
    };
    file.seek(SeekFrom::Start(envelope.payload_start)).map_err(BundleError::Io)?;
    let payload = BufReader::new(file.take(envelope.payload_len));
    let (manifest, mut frames) = bundle::open_payload(payload, &envelope, reader.age_identity())?;
    crate::support::ambient::fault_point("import:reading").map_err(BundleError::Io)?;
    let from = h.sender.district.as_str();
    let sender_source = |device: Uuid| Source {
        district: Some(from.to_string()),
        device,
        seq: 0,
        sender: Some(from.to_string()),
        entity: None,
        bundle: Some(h.bundle_id),
    };

    let mut summary = ImportSummary {
        id: h.bundle_id,
        sender_district: h.sender.district.clone(),
        sender_district_name: h.sender.district_name.clone(),
        ..Default::default()
    };
    let mut new_cases = BTreeSet::new();
    // The new cases in the order they came, as the sender registered them.
    let mut arrival_order = Vec::new();
    // The entities the bundle changed, whose conflicts the summary counts.
    let mut changed = BTreeSet::new();
    let mut batch = store.batch(clock)?;
    batch.expire_waiting()?;
    // Before the ops, so that the rules know the districts of new devices and the times of
    // revocations: the handovers that vouch for the sender, and the sender's card, which may
    // announce new devices of its district or revoke some. A card speaks only for its own
    // district, which the envelope check bound to the signing device.
    if let Some(start) = vouched {
        identity::accept_handovers(batch.conn(), &h.sender.district_name, &h.handovers, start, clock)?;
    }
    if manifest.sender_card.district == h.sender.district {
        let card = identity::upsert_card(batch.conn(), &manifest.sender_card, me.device_id, "bundle", clock)?;
        for device in card.foreign {
            batch.alert(Rule::ForeignCard, &Source { device, ..sender_source(h.sender.device_id) })?;
        }
    } else {
        batch.alert(Rule::ForeignCard, &sender_source(h.sender.device_id))?;
    }
    // Format 3 carries the author devices' seals before the ops; older formats have none, and
    // from them only the ops of the device that signed the bundle are authentic.
    let sealed = envelope.version >= bundle::FORMAT_VERSION;
    // Seals are checked when an op first needs one, so that seals no op uses cost nothing.
    let mut seals: BTreeMap<(Uuid, u64), CarriedSeal> = BTreeMap::new();
    let mut kept_seals: BTreeSet<(Uuid, u64)> = BTreeSet::new();
    let seal_of = |seals: &BTreeMap<(Uuid, u64), CarriedSeal>, op: &Op, hash: &[u8; 32]| -> Option<(Uuid, u64)> {
        let (key, carried) = seals.range(..=(op.id.device, op.id.seq)).next_back()?;
        (carried.seal.device == op.id.device && carried.seal.covers(op.id.seq, hash) && carried.verified())
            .then_some(*key)
    };
    let mut blobs = Vec::new();
    loop {
        match frames.next_frame()? {
            Frame::Seal(seal) => {
                if !sealed || seal.device == me.device_id {
                    continue;
                }
                // A seal of a device this store does not know, or that does not verify,
                // authenticates nothing: the ops it would cover are refused one by one, each with
                // an alert.
                if let Some((key, _, _)) = known_device(batch.conn(), seal.device) {
                    let at = (seal.device, seal.first_seq);
                    seals.insert(at, CarriedSeal { seal, key, verified: std::cell::Cell::new(None) });
                }
            }
            Frame::Op(rec) => {
                let authentic = |op: &Op, hash: &[u8; 32]| {
                    if sealed {
                        seal_of(&seals, op, hash).is_some()
                    } else {
                        op.id.device == h.sender.device_id
                    }
                };
                let (arrival, op) = batch.import_op(&rec.body, &rec.prev, &rec.hash, from, &authentic)?;
                match arrival {
                    Arrival::Applied => summary.ops_applied += 1,
                    Arrival::Duplicate => summary.ops_already_present += 1,
                    Arrival::Refused | Arrival::Equivocation => summary.ops_refused += 1,
                    Arrival::Request => summary.erasure_requests += 1,
                    Arrival::Waiting | Arrival::Erased | Arrival::RefusedBefore | Arrival::NotYet => {}
                }
                // The seal of what was kept here (applied, waiting, or kept emptied), so that it
                // can be relayed. Applied ops come back parsed; the others are few.
                match (&arrival, &op) {
                    (Arrival::Applied, Some(op)) => kept_seals.extend(seal_of(&seals, op, &rec.hash)),
                    (Arrival::Waiting | Arrival::Erased, _) => {
                        if let Ok(op) = Op::from_body(&rec.body) {
                            kept_seals.extend(seal_of(&seals, &op, &rec.hash));
                        }
                    }
                    _ => {}
                }
                if op.as_ref().is_some_and(|o| o.action == Action::Erase) {
                    summary.persons_erased += 1;
                }
                if let (Arrival::Applied, Some(op)) = (&arrival, &op) {
                    changed.insert((op.entity, op.entity_id));
                }
                if let Some(op) = op.filter(|o| o.entity == EntityKind::Case && o.action == Action::Create) {
                    if new_cases.insert(op.entity_id) {
                        arrival_order.push(op.entity_id);
                    }
                }
            }
            Frame::Blob { sha256, data } => {
                let hex = bundle::hex(&sha256);
                batch.put_blob(&hex, &data)?;
                blobs.push(hex);
            }
            Frame::End => break,
        }
    }
    for op in batch.apply_waiting()? {
        summary.ops_applied += 1;
        changed.insert((op.entity, op.entity_id));
        if op.entity == EntityKind::Case && op.action == Action::Create && new_cases.insert(op.entity_id) {
            arrival_order.push(op.entity_id);
        }
    }
    // Seals are kept for the ops they authenticated here, so that those can be relayed.
    for key in kept_seals {
        crate::log::seal::keep(batch.conn(), &seals[&key].seal)?;
    }
    // Attachment contents that no attachment here names are not kept.
    if batch.drop_orphan_blobs(&blobs)? > 0 {
        batch.alert(Rule::OrphanBlob, &sender_source(h.sender.device_id))?;
    }
    let receipt = serde_json::to_string(&manifest.receipt).unwrap_or_default();
    let known: Option<String> = batch
        .conn()
        .query_row("SELECT ranges FROM peer_receipts WHERE district = ?1", [&h.sender.district], |r| r.get(0))
        .optional()?;
    if known.as_deref() != Some(receipt.as_str()) {
        batch.conn().execute(
            "INSERT OR REPLACE INTO peer_receipts (district, ranges, updated_at) VALUES (?1, ?2, ?3)",
            (&h.sender.district, &receipt, clock.now().to_rfc3339()),
        )?;
    }
    let arrived: Vec<String> = {
        let mut stmt = batch
            .conn()
            .prepare("SELECT id FROM referral WHERE to_district = ?1 AND status IN ('Draft', 'Sent') ORDER BY id")?;
        let rows = stmt.query_map([&me.district], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    for id in &arrived {
        let id = id.parse().map_err(|_| SyncError::BadOp)?;
        batch.set(EntityKind::Referral, id, "status", Value::String("Received".into()))?;
    }
    summary.referrals_received = arrived.len();
    batch.conn().execute(
        "INSERT OR IGNORE INTO bundles_imported (bundle_id, sender_device, imported_at, ops_new) VALUES (?1, ?2, ?3, ?4)",
        (h.bundle_id.to_string(), h.sender.device_id.to_string(), clock.now().to_rfc3339(), summary.ops_applied as i64),
    )?;
    batch.refresh_index()?;
    let touched = batch.touched_cases().clone();
    let conn = batch.conn();
    let number = |id: &Uuid| -> Result<String, SyncError> {
        Ok(conn
            .query_row("SELECT case_number FROM case_file WHERE id = ?1", [id.to_string()], |r| {
                r.get::<_, Option<String>>(0)
            })
            .optional()?
            .flatten()
            .unwrap_or_default())
    };
    for id in &touched {
        let number = number(id)?;
        if number.is_empty() {
            // Erased by this very bundle.
            continue;
        }
        if new_cases.contains(id) {
            summary.new_cases.push(number);
        } else {
            summary.updated_cases.push(number);
        }
    }
    summary.conflicts = crate::records::conflicts::count_on(conn, &changed)?;
    summary.ops_waiting = conn.query_row("SELECT count(*) FROM pending_ops", [], |r| r.get::<_, i64>(0))? as u64;
    summary.alerts = conn.query_row("SELECT count(*) FROM alerts", [], |r| r.get::<_, i64>(0))? as u64;
    batch.commit()?;
    if summary.persons_erased > 0 {
        // On a full disk the clean-up waits for the next open; the import itself is committed.
        store.scrub_or_wait_for_room()?;
    }
    // Possible duplicates, after the commit, so that no write waits on the scoring: of the cases
    // a person will look at in the summary, the new ones first, as they were registered.
    let reviewed: BTreeSet<Uuid> = arrival_order
        .iter()
        .filter(|c| touched.contains(c))
        .chain(touched.iter().filter(|c| !new_cases.contains(c)))
        .take(DUPLICATES_REVIEWED)
        .copied()
        .collect();
    summary.duplicates_unchecked = touched.len().saturating_sub(reviewed.len());
    match crate::records::duplicates::involving(&store.conn, &reviewed) {
        Ok(found) => summary.duplicates = found.into_iter().map(|c| (c.a.case_number, c.b.case_number)).collect(),
        // The bundle is in; the duplicates review finds what the summary could not.
        Err(_) => summary.duplicates_unchecked = touched.len(),
    }
    Ok(summary)
}

/// How many of a bundle's cases its import summary compares with the store for possible
/// duplicates: about what a person reads in one summary (a week's bundle from a deportation
/// point carries a few dozen). Each takes some milliseconds in a store of 100,000 cases, so a
/// first bundle of 10,000 cases would wait for minutes; those are all compared in the
/// duplicates review instead.
#[cfg(not(test))]
pub const DUPLICATES_REVIEWED: usize = 200;
#[cfg(test)]
pub const DUPLICATES_REVIEWED: usize = 2;

/// Writes bytes to a file durably, whole or not at all (used for identity cards).
pub use crate::support::files::write_durably as write_file_durably;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::setup::test_store as store;
    use crate::support::ambient::{FixedClock, SeededEntropy};
    use serde_json::json;

    /// Every op of a store as it would travel: (body, prev, hash), in seq order.
    fn ops_of(s: &Store) -> Vec<(Vec<u8>, [u8; 32], [u8; 32])> {
        let mut stmt = s.conn.prepare("SELECT body, prev, hash FROM ops ORDER BY seq").unwrap();
        stmt.query_map([], |r| Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Vec<u8>>(1)?, r.get::<_, Vec<u8>>(2)?)))
            .unwrap()
            .map(|r| {
                let (b, p, h) = r.unwrap();
                (b, p.try_into().unwrap(), h.try_into().unwrap())
            })
            .collect()
    }

    #[test]
    fn ops_for_unseen_entities_wait_and_apply_when_it_arrives() {
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::new(chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap(), 5);
        let mut a = store(&dir.path().join("a"), "65.03", 1, &clock);
        let mut b = store(&dir.path().join("b"), "53.03", 2, &clock);
        let e = SeededEntropy::new(9);
        let doc = json!({"victim": {"first_name": "Maria"}, "intake": {"date": "2019-09-20"}});
        let id = crate::records::cases::create(&mut a, &doc, &clock, &e).unwrap().id.to_string();
        crate::records::cases::update(&mut a, &id, &json!({"status": "FollowUp"}), &clock, &e).unwrap();
        // Ops about operators are accepted only from a device of the operator's district.
        let card = identity::own_card(&a).unwrap();
        identity::trust_add(&mut b, card.to_json().as_bytes(), &card.fingerprint(), &clock).unwrap();
        let ops = ops_of(&a);
        let (creates, sets): (Vec<_>, Vec<_>) =
            ops.iter().partition(|(body, _, _)| Op::from_body(body).unwrap().action == Action::Create);

        // The edit arrives first: it waits.
        let mut batch = b.batch(&clock).unwrap();
        for (body, prev, hash) in &sets {
            assert_eq!(batch.import_op(body, prev, hash, "65.03", &|_, _| true).unwrap().0, Arrival::Waiting);
        }
        // The same waiting op offered again is still waiting, not an equivocation.
        let (body, prev, hash) = &sets[0];
        assert_eq!(batch.import_op(body, prev, hash, "65.03", &|_, _| true).unwrap().0, Arrival::Waiting);
        for (body, prev, hash) in &creates {
            assert_eq!(batch.import_op(body, prev, hash, "65.03", &|_, _| true).unwrap().0, Arrival::Applied);
        }
        assert_eq!(batch.apply_waiting().unwrap().len(), sets.len());
        batch.commit().unwrap();
        let pending: i64 = b.conn.query_row("SELECT count(*) FROM pending_ops", [], |r| r.get(0)).unwrap();
        assert_eq!(pending, 0);
        assert_eq!(crate::records::cases::show(&b, &id).unwrap()["status"], "FollowUp");
        crate::log::audit::verify(&b).unwrap();

        // A different op under an id already here is an equivocation: alerted, not applied.
        let (body, prev, _) = &sets[0];
        let forged = String::from_utf8(body.clone()).unwrap().replace("FollowUp", "Closed");
        let hash = crate::log::oplog::chain_hash(prev, forged.as_bytes());
        let mut batch = b.batch(&clock).unwrap();
        assert_eq!(
            batch.import_op(forged.as_bytes(), prev, &hash, "65.03", &|_, _| true).unwrap().0,
            Arrival::Equivocation
        );
        batch.commit().unwrap();
        assert_eq!(crate::records::cases::show(&b, &id).unwrap()["status"], "FollowUp");
        let alerts: i64 =
            b.conn.query_row("SELECT count(*) FROM alerts WHERE rule = 'equivocation'", [], |r| r.get(0)).unwrap();
        assert_eq!(alerts, 1);
    }

    #[test]
    fn ops_stamped_far_ahead_are_refused_until_the_clock_catches_up_and_never_drag_ours() {
        let dir = tempfile::tempdir().unwrap();
        let now = chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap();
        let future = FixedClock::new(chrono::DateTime::from_timestamp(1_900_000_000, 0).unwrap(), 5);
        let clock = FixedClock::new(now, 5);
        let mut a = store(&dir.path().join("a"), "65.03", 1, &future);
        let mut b = store(&dir.path().join("b"), "53.03", 2, &clock);
        let card = identity::own_card(&a).unwrap();
        identity::trust_add(&mut b, card.to_json().as_bytes(), &card.fingerprint(), &clock).unwrap();
        let e = SeededEntropy::new(9);
        let doc = json!({"victim": {"first_name": "Maria"}, "intake": {"date": "2019-09-20"}});
        let id = crate::records::cases::create(&mut a, &doc, &future, &e).unwrap().id.to_string();
        let mut batch = b.batch(&clock).unwrap();
        for (body, prev, hash) in ops_of(&a) {
            assert_eq!(batch.import_op(&body, &prev, &hash, "65.03", &|_, _| true).unwrap().0, Arrival::Refused);
        }
        batch.commit().unwrap();
        let flagged: i64 =
            b.conn.query_row("SELECT count(*) FROM alerts WHERE rule = 'future_clock'", [], |r| r.get(0)).unwrap();
        assert!(flagged > 0);
        assert!(crate::records::cases::show(&b, &id).is_err(), "nothing of it was kept");
        // B's own edits are stamped with B's clock, not 2030's.
        let own = crate::records::cases::create(&mut b, &doc, &clock, &e).unwrap().id.to_string();
        crate::records::cases::update(&mut b, &own, &json!({"status": "FollowUp"}), &clock, &e).unwrap();
        let own_max: i64 = b
            .conn
            .query_row("SELECT max(hlc_ms) FROM ops WHERE device = ?1", [b.identity().device_id.to_string()], |r| {
                r.get(0)
            })
            .unwrap();
        assert!(own_max < now.timestamp_millis() + crate::log::oplog::FUTURE_TOLERANCE_MS);
        // Once B's clock has reached A's, the same ops are accepted.
        let later = FixedClock::new(chrono::DateTime::from_timestamp(1_900_000_100, 0).unwrap(), 5);
        let mut batch = b.batch(&later).unwrap();
        for (body, prev, hash) in ops_of(&a) {
            batch.import_op(&body, &prev, &hash, "65.03", &|_, _| true).unwrap();
        }
        batch.commit().unwrap();
        crate::log::audit::verify(&b).unwrap();
        assert_eq!(crate::records::cases::show(&b, &id).unwrap()["victim"]["first_name"], "Maria");
    }

    fn trust_each_other(a: &mut Store, b: &mut Store, clock: &FixedClock) {
        let (ca, cb) = (identity::own_card(a).unwrap(), identity::own_card(b).unwrap());
        identity::trust_add(a, cb.to_json().as_bytes(), &cb.fingerprint(), clock).unwrap();
        identity::trust_add(b, ca.to_json().as_bytes(), &ca.fingerprint(), clock).unwrap();
    }

    /// Backs a store up and restores it elsewhere: the same district on a new device.
    fn restored(s: &Store, dir: &Path, clock: &FixedClock, seed: u64) -> Store {
        let file = dir.with_extension("lintas-backup");
        crate::protection::backup::backup(s, &file, clock).unwrap();
        let pass = crate::support::secret::Passphrase::new("kata sandi panjang");
        let unlock = crate::store::Unlock::Passphrase(&pass);
        crate::protection::backup::restore(&file, dir, unlock, clock, &SeededEntropy::new(seed)).unwrap().0
    }

    /// The header of a bundle `from` wrote, changed by `edit` and signed again by `signer`.
    fn resigned(
        from: &Store,
        to: &Store,
        path: &Path,
        signer: &identity::DeviceKeys,
        edit: impl FnOnce(&mut Header),
    ) -> Vec<u8> {
        let own = from.device_keys().unwrap().signing_key();
        let file = std::fs::File::open(path).unwrap();
        let mut header = bundle::read_envelope(BufReader::new(file), |_| SenderKey::Trusted(own)).unwrap().header;
        edit(&mut header);
        let manifest = Manifest {
            bundle_id: header.bundle_id,
            header_sha256: bundle::header_sha256(&header),
            sender: header.sender.clone(),
            recipient: header.recipient.clone(),
            sender_card: identity::own_card(from).unwrap(),
            receipt: OpRanges::new(),
        };
        let recipient: age::x25519::Recipient = to.device_keys().unwrap().age_recipient().parse().unwrap();
        BundleWriter::start(Vec::new(), &header, &manifest, signer, &[recipient]).unwrap().finish().unwrap()
    }

    fn envelope_at(t: &Store, bytes: &[u8]) -> Result<Envelope, BundleError> {
        let own = (t.identity().device_id, t.device_keys().unwrap().signing_key());
        bundle::read_envelope(std::io::Cursor::new(bytes), sender_key(&t.conn, own))
    }

    #[test]
    fn a_handover_vouches_only_when_a_trusted_unrevoked_device_signed_it_for_exactly_this_sender() {
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::new(chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap(), 5);
        let mut n = store(&dir.path().join("n"), "65.03", 1, &clock);
        let mut t = store(&dir.path().join("t"), "53.03", 2, &clock);
        trust_each_other(&mut n, &mut t, &clock);
        let mut r = restored(&n, &dir.path().join("r"), &clock, 3);
        let keys = r.device_keys().unwrap();
        let path = dir.path().join("r.lintas");
        export(&mut r, "53.03", false, &path, &clock, &SeededEntropy::new(4)).unwrap();
        let genuine = std::fs::read(&path).unwrap();
        let before = crate::log::audit::state_digest(&t).unwrap();

        // The genuine bundle: the old device vouches for the new one.
        let env = envelope_at(&t, &genuine).unwrap();
        assert_eq!(env.signing_key, keys.signing_key());
        assert_eq!(env.header.handovers.len(), 1);
        assert!(envelope_at(&t, &resigned(&r, &t, &path, &keys, |_| {})).is_ok());

        let refused = |edit: &dyn Fn(&mut Header), signer: &identity::DeviceKeys| {
            envelope_at(&t, &resigned(&r, &t, &path, signer, edit)).map(|_| ()).unwrap_err()
        };
        let tampered = |e: BundleError| matches!(e, BundleError::Tampered);
        let untrusted = |e: BundleError| matches!(e, BundleError::UntrustedSender { .. });
        // A changed statement no longer carries the old device's signature.
        assert!(tampered(refused(&|h| h.handovers[0].at = "2030-01-01T00:00:00+00:00".into(), &keys)));
        // A handover naming another key: the attacker's key, with the header signed by it.
        let attacker = identity::DeviceKeys::for_tests(r.identity().device_id, 99);
        let swap = |h: &mut Header| h.handovers[0].signing_key = data_encoding::BASE64.encode(&attacker.signing_key());
        assert!(tampered(refused(&swap, &attacker)));
        // The genuine handover, but a header signed with another key.
        assert!(tampered(refused(&|_| {}, &attacker)));
        // A handover for another device than the sender.
        assert!(tampered(refused(&|h| h.handovers[0].to_device = Uuid::from_u128(5), &keys)));
        // A handover for another district.
        assert!(tampered(refused(&|h| h.handovers[0].district = "53.04".into(), &keys)));
        // A handover signed by a device that TTU never trusted.
        let stranger = identity::DeviceKeys::for_tests(Uuid::from_u128(77), 77);
        let forged = |h: &mut Header| {
            let link = &mut h.handovers[0];
            link.from_device = stranger.device_id;
            link.signature = String::new();
            link.signature = data_encoding::BASE64.encode(&stranger.sign(&link.message_for_tests()));
        };
        assert!(untrusted(refused(&forged, &keys)));
        // No handover at all: a stranger.
        assert!(untrusted(refused(&|h| h.handovers.clear(), &keys)));
        assert_eq!(crate::log::audit::state_digest(&t).unwrap(), before, "refused bundles changed nothing");

        // TTU revoked the old device: its handover no longer vouches for anyone.
        let mut revoked = store(&dir.path().join("t2"), "53.03", 6, &clock);
        trust_each_other(&mut n, &mut revoked, &clock);
        identity::trust_revoke(&mut revoked, n.identity().device_id, &clock).unwrap();
        let bundle_for_t2 = resigned(&r, &revoked, &path, &keys, |_| {});
        assert!(untrusted(envelope_at(&revoked, &bundle_for_t2).map(|_| ()).unwrap_err()));
    }

    /// Nunukan (65.03) and TTU (53.03), trusting each other, with a fixed clock and entropy.
    fn nunukan_and_ttu() -> (tempfile::TempDir, FixedClock, SeededEntropy, Store, Store) {
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::new(chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap(), 5);
        let mut n = store(&dir.path().join("n"), "65.03", 1, &clock);
        let mut t = store(&dir.path().join("t"), "53.03", 2, &clock);
        trust_each_other(&mut n, &mut t, &clock);
        (dir, clock, SeededEntropy::new(9), n, t)
    }

    #[test]
    fn a_handover_is_recorded_with_the_import_and_the_old_device_is_refused_afterwards() {
        let (dir, clock, e, mut n, mut t) = nunukan_and_ttu();
        let old = n.identity().device_id;
        // Restored twice before TTU hears of either new device: D1 -> D2 -> D3.
        let r = restored(&n, &dir.path().join("r"), &clock, 3);
        let mut r2 = restored(&r, &dir.path().join("r2"), &clock, 4);
        let (d2, d3) = (r.identity().device_id, r2.identity().device_id);
        assert_eq!(identity::handovers(&r2.conn).unwrap().len(), 2);

        // TTU sends a bundle to Nunukan before it hears: it is encrypted to the old device only,
        // and the restored store still reads it.
        let doc = json!({"victim": {"first_name": "Maria"}, "intake": {"date": "2019-09-20"},
                         "consent": {"share_districts": ["65.03"]}});
        let case = crate::records::cases::create(&mut t, &doc, &clock, &e).unwrap().id.to_string();
        let req = crate::records::referrals::NewReferral {
            to_district: "65.03",
            details: "Pemulangan",
            ..Default::default()
        };
        crate::records::referrals::create(&mut t, &case, &req, &clock, &e).unwrap();
        let early = dir.path().join("t-early.lintas");
        export(&mut t, "65.03", false, &early, &clock, &e).unwrap();
        assert_eq!(import(&mut r2, &early, &clock).unwrap().new_cases.len(), 1);

        // D3's referral back reaches TTU, vouched for through D2, whom TTU never knew.
        let own = crate::records::cases::create(&mut r2, &doc, &clock, &e).unwrap().id.to_string();
        let req = crate::records::referrals::NewReferral {
            to_district: "53.03",
            details: "Pemulangan",
            consent_override: Some("uji"),
            ..Default::default()
        };
        crate::records::referrals::create(&mut r2, &own, &req, &clock, &e).unwrap();
        let p = dir.path().join("r2.lintas");
        export(&mut r2, "53.03", false, &p, &clock, &e).unwrap();
        let summary = import(&mut t, &p, &clock).unwrap();
        assert_eq!(summary.referrals_received, 1, "the new device's referral was allowed");
        let trusted = identity::trusted(&t).unwrap();
        let row = |d: Uuid| trusted.iter().find(|x| x.device_id == d).unwrap().clone();
        assert!(row(old).revoked_at.is_some());
        assert!(row(d2).revoked_at.is_some() && row(d2).added_via == "handover");
        assert!(row(d3).revoked_at.is_none() && row(d3).added_via == "handover");
        crate::log::audit::verify(&t).unwrap();
        crate::log::audit::verify(&r2).unwrap();

        // Bundles of the old device, and of the other restored copy, are refused from now on.
        let before = crate::log::audit::state_digest(&t).unwrap();
        let p_old = dir.path().join("n.lintas");
        export(&mut n, "53.03", true, &p_old, &clock, &e).unwrap();
        assert!(matches!(import(&mut t, &p_old, &clock), Err(SyncError::Bundle(BundleError::RevokedSender { .. }))));
        assert_eq!(crate::log::audit::state_digest(&t).unwrap(), before);

        // TTU's next bundle is for the new device alone.
        let p_t = dir.path().join("t.lintas");
        let to = export(&mut t, "65.03", false, &p_t, &clock, &e).unwrap();
        assert!(to.ops > 0);
        let env = inspect(&r2, &p_t).unwrap();
        assert_eq!(env.header.recipient.devices, vec![d3]);
        assert!(import(&mut r2, &p_t, &clock).is_ok());
        assert!(matches!(import(&mut n, &p_t, &clock), Err(SyncError::Bundle(BundleError::WrongRecipient { .. }))));
    }

    /// A validly signed format-2 bundle whose zstd stream is broken (a trusted sender with a
    /// faulty compressor) is refused as tampered, and the import leaves nothing behind.
    #[test]
    fn a_signed_bundle_with_a_broken_zstd_stream_is_refused_and_changes_nothing() {
        let (dir, clock, e, mut n, mut t) = nunukan_and_ttu();
        let doc = json!({"victim": {"first_name": "Maria"}, "intake": {"date": "2019-09-20"},
                         "consent": {"share_districts": ["53.03"]}});
        let case = crate::records::cases::create(&mut n, &doc, &clock, &e).unwrap().id.to_string();
        let req = crate::records::referrals::NewReferral {
            to_district: "53.03",
            details: "Pemulangan",
            ..Default::default()
        };
        crate::records::referrals::create(&mut n, &case, &req, &clock, &e).unwrap();
        let path = dir.path().join("n.lintas");
        export(&mut n, "53.03", false, &path, &clock, &e).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let (sender, to) = (n.device_keys().unwrap(), t.device_keys().unwrap());
        let before = crate::log::audit::state_digest(&t).unwrap();

        let probe = dir.path().join("probe.lintas");
        type Edit = fn(&mut Vec<u8>);
        let edits: [(&str, Edit); 3] = [
            ("cut short", |p| p.truncate(p.len() - 5)),
            ("garbled", |p| {
                let middle = p.len() / 2;
                p[middle] ^= 0xA5;
            }),
            ("followed by a byte", |p| p.push(0)),
        ];
        for (what, edit) in edits {
            std::fs::write(&probe, bundle::resealed(&bytes, &sender, &to, None, edit)).unwrap();
            // A garbled block may still decompress, to garbled frames: those are refused as
            // tampered too, by the op checks or the end frame.
            let refused = crate::Error::from(import(&mut t, &probe, &clock).unwrap_err());
            assert_eq!(refused.code, crate::ErrorCode::BundleTampered, "{what}");
            assert_eq!(crate::log::audit::state_digest(&t).unwrap(), before, "{what}");
        }
        // Resealed unchanged, the same payload imports.
        std::fs::write(&probe, bundle::resealed(&bytes, &sender, &to, None, |_| {})).unwrap();
        assert_eq!(import(&mut t, &probe, &clock).unwrap().new_cases.len(), 1);
        assert_eq!(crate::records::cases::show(&t, &case).unwrap()["victim"]["first_name"], "Maria");
    }

    /// The import summary compares the first cases of a bundle with the store, the new ones
    /// first, and says how many it left to the duplicates review, which finds them all.
    #[test]
    fn the_summary_compares_the_first_cases_and_leaves_the_rest_to_the_review() {
        let (dir, clock, e, mut n, mut t) = nunukan_and_ttu();
        let woman = |first: &str, last: &str, share: &str| {
            json!({"victim": {"first_name": first, "second_name": last, "birthdate": "1998-04-02"},
                   "intake": {"date": "2019-09-20"}, "consent": {"share_districts": [share]}})
        };
        crate::records::cases::create(&mut t, &woman("Maria", "Taek", "65.03"), &clock, &e).unwrap();
        crate::records::cases::create(&mut t, &woman("Yohana", "Bria", "65.03"), &clock, &e).unwrap();
        // Nunukan registers four women; the first and the last are the two TTU knows.
        let mut numbers = Vec::new();
        for (first, last) in [("Maria", "Taek"), ("Agustina", "Seran"), ("Fransiska", "Nahak"), ("Yohana", "Bria")] {
            let c = crate::records::cases::create(&mut n, &woman(first, last, "53.03"), &clock, &e).unwrap();
            let req = crate::records::referrals::NewReferral {
                to_district: "53.03",
                details: "Pemulangan",
                ..Default::default()
            };
            crate::records::referrals::create(&mut n, &c.id.to_string(), &req, &clock, &e).unwrap();
            numbers.push(c.case_number);
        }
        let path = dir.path().join("n.lintas");
        export(&mut n, "53.03", false, &path, &clock, &e).unwrap();
        let summary = import(&mut t, &path, &clock).unwrap();
        assert_eq!(summary.new_cases.len(), 4);
        assert_eq!(summary.duplicates_unchecked, 4 - DUPLICATES_REVIEWED);
        let in_summary: Vec<String> = summary.duplicates.iter().flat_map(|(a, b)| [a.clone(), b.clone()]).collect();
        assert!(in_summary.contains(&numbers[0]), "the first case is compared: {in_summary:?}");
        assert!(!in_summary.contains(&numbers[3]), "the fourth is left to the review: {in_summary:?}");
        let review: Vec<String> = crate::records::duplicates::candidates(&t.conn)
            .unwrap()
            .into_iter()
            .flat_map(|c| [c.a.case_number, c.b.case_number])
            .collect();
        assert!(review.contains(&numbers[0]) && review.contains(&numbers[3]), "the review finds both: {review:?}");
    }

    #[test]
    fn ranges_compress_and_cover() {
        let d = Uuid::from_u128(1);
        let ids: BTreeSet<(Uuid, u64)> = [1, 2, 3, 5, 7, 8].into_iter().map(|s| (d, s)).collect();
        let r = to_ranges(&ids);
        assert_eq!(r[&d], vec![(1, 3), (5, 5), (7, 8)]);
        assert!(covered(&r, d, 2) && covered(&r, d, 8) && !covered(&r, d, 4) && !covered(&r, Uuid::nil(), 1));
    }

    #[test]
    fn hex_decodes_only_32_bytes() {
        assert_eq!(decode_hex(&"ab".repeat(32)), Some([0xab; 32]));
        assert_eq!(decode_hex("abc"), None);
        assert_eq!(decode_hex(&"zz".repeat(32)), None);
    }
}
