//! A trusted district whose software is under an attacker's control: it signs whatever bundle
//! it likes with its own district's genuine keys — ops it writes by hand past every local
//! check, headers and cards it edits, seals over anything, relayed ops it alters.

use super::district::District;
use lintas_core::bundle::{
    BundleWriter, Frame, Header, Manifest, OpRanges, OpRecord, Recipients, Sender, HEADER_FORMAT,
};
use lintas_core::identity::{self, DeviceKeys, IdentityCard};
use lintas_core::oplog::{chain_hash, Action, Hlc, Op, OpId};
use lintas_core::schema::EntityKind;
use lintas_core::seal::Seal;
use serde_json::Value;
use std::path::Path;
use uuid::Uuid;

/// What a forged bundle carries, in the order a bundle does.
#[derive(Default, Clone)]
pub struct Payload {
    pub seals: Vec<Seal>,
    pub ops: Vec<OpRecord>,
    pub blobs: Vec<Vec<u8>>,
}

impl Payload {
    /// Ops chained and sealed by `keys`, as if that device wrote them.
    pub fn sealed(keys: &DeviceKeys, ops: &[Op]) -> Payload {
        let mut p = Payload::default();
        p.push_sealed(keys, ops);
        p
    }

    pub fn push_sealed(&mut self, keys: &DeviceKeys, ops: &[Op]) {
        let records = chain(ops);
        for (chunk_ops, chunk) in
            ops.chunks(lintas_core::seal::SEAL_MAX).zip(records.chunks(lintas_core::seal::SEAL_MAX))
        {
            let hashes = chunk.iter().map(|r| r.hash).collect();
            self.seals.push(Seal::make(keys, chunk_ops[0].id.seq, hashes));
        }
        self.ops.extend(records);
    }
}

/// Op records for ops of one device with consecutive seqs, chained from an arbitrary start
/// (a receiver without the predecessor cannot tell).
pub fn chain(ops: &[Op]) -> Vec<OpRecord> {
    let mut prev = [0x5a; 32];
    ops.iter()
        .map(|op| {
            let body = op.body();
            let hash = chain_hash(&prev, &body);
            let rec = OpRecord { prev, hash, body };
            prev = hash;
            rec
        })
        .collect()
}

/// Writes ops by hand as `d`'s device: seqs from `first_seq` on (far past its real chain),
/// stamped with `d`'s clock.
pub struct Hand {
    pub device: Uuid,
    pub author: Uuid,
    pub next_seq: u64,
    pub ms: i64,
}

impl Hand {
    pub fn of(d: &District, first_seq: u64) -> Hand {
        let id = d.store.identity();
        let ms = lintas_core::ambient::Clock::now(&d.clock).timestamp_millis();
        Hand { device: id.device_id, author: id.operator_id, next_seq: first_seq, ms }
    }

    pub fn op(&mut self, entity: EntityKind, id: Uuid, action: Action, field: Option<&str>, value: Value) -> Op {
        let op = Op {
            id: OpId { device: self.device, seq: self.next_seq },
            hlc: Hlc { ms: self.ms, counter: 0 },
            author: self.author,
            entity,
            entity_id: id,
            action,
            field: field.map(str::to_string),
            value,
            base: None,
            merges: Vec::new(),
        };
        self.next_seq += 1;
        self.ms += 1;
        op
    }

    pub fn set(&mut self, entity: EntityKind, id: Uuid, field: &str, value: Value) -> Op {
        self.op(entity, id, Action::Set, Some(field), value)
    }

    pub fn create(&mut self, entity: EntityKind, id: Uuid, fields: Value) -> Op {
        self.op(entity, id, Action::Create, None, fields)
    }
}

/// A bundle from `from` to `to`, signed with `from`'s genuine device key. `edit` may change the
/// header and the manifest (its card, its receipt) before they are signed.
pub fn bundle(
    from: &District,
    to: &District,
    payload: &Payload,
    edit: impl FnOnce(&mut Header, &mut Manifest),
) -> Vec<u8> {
    let keys = from.store.device_keys().unwrap();
    let id = from.store.identity();
    let sender =
        Sender { district: id.district.clone(), district_name: id.district_name.clone(), device_id: id.device_id };
    let to_keys = to.store.device_keys().unwrap();
    let recipient = Recipients { district: to.code.clone(), devices: vec![to_keys.device_id] };
    let mut ranges = OpRanges::new();
    for rec in &payload.ops {
        if let Ok(op) = Op::from_body(&rec.body) {
            ranges.entry(op.id.device).or_default().push((op.id.seq, op.id.seq));
        }
    }
    let card = identity::own_card(&from.store).unwrap();
    let mut header = Header {
        format: HEADER_FORMAT.into(),
        bundle_id: Uuid::from_u128(0xbad0_0000 + payload.ops.len() as u128 + rand_tail()),
        created_at: "2025-06-15T15:06:40+00:00".into(),
        sender: sender.clone(),
        recipient: recipient.clone(),
        ops: ranges,
        op_count: payload.ops.len() as u64,
        blob_count: payload.blobs.len() as u64,
        trust_version: card.fingerprint(),
        handovers: Vec::new(),
    };
    let mut manifest = Manifest {
        bundle_id: header.bundle_id,
        header_sha256: String::new(),
        sender,
        recipient,
        sender_card: card,
        receipt: OpRanges::new(),
    };
    edit(&mut header, &mut manifest);
    manifest.bundle_id = header.bundle_id;
    manifest.sender = header.sender.clone();
    manifest.recipient = header.recipient.clone();
    manifest.header_sha256 = lintas_core::bundle::header_sha256(&header);
    let age: age::x25519::Recipient = to_keys.age_recipient().parse().unwrap();
    let mut w = BundleWriter::start(Vec::new(), &header, &manifest, &keys, &[age]).unwrap();
    for seal in &payload.seals {
        w.seal(seal).unwrap();
    }
    for op in &payload.ops {
        w.op(op).unwrap();
    }
    for blob in &payload.blobs {
        let sha: [u8; 32] = ring_sha256(blob);
        w.blob(&sha, blob).unwrap();
    }
    w.finish().unwrap()
}

fn ring_sha256(data: &[u8]) -> [u8; 32] {
    ring::digest::digest(&ring::digest::SHA256, data).as_ref().try_into().unwrap()
}

/// Distinct bundle ids for the bundles one test writes.
fn rand_tail() -> u128 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    (N.fetch_add(1, Ordering::SeqCst) as u128) << 32
}

/// The seals and op records of a bundle that `d` received: what a relaying district holds.
pub fn received(d: &District, path: &Path) -> Payload {
    let (_, frames) = lintas_core::sync::frames_of(&d.store, path).unwrap();
    let mut p = Payload::default();
    for f in frames {
        match f {
            Frame::Seal(s) => p.seals.push(s),
            Frame::Op(o) => p.ops.push(o),
            Frame::Blob { data, .. } => p.blobs.push(data),
            Frame::End => {}
        }
    }
    p
}

/// `d`'s identity card, as a hostile district would edit it before sending it along.
pub fn card_of(d: &District) -> IdentityCard {
    identity::own_card(&d.store).unwrap()
}
