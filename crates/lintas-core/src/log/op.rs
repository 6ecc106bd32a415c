//! An op: what one change is, and its wire form. Every change is an [`Op`] identified by
//! `(device, seq)`, stamped with a hybrid logical clock ([`Hlc`]), attributed to an operator,
//! naming an entity, a field and the new value, and the `base` op whose value it overwrites.
//! Each device's ops form a hash chain `h_seq = SHA-256(h_{seq-1} || body_seq)`, where `body`
//! is the op's canonical JSON. Appending ops is `oplog::Batch`.

use crate::model::schema::EntityKind;
use crate::support::canonical;
use serde_json::{json, Value};
use std::fmt;
use uuid::Uuid;

/// The largest HLC counter an op from a peer may carry. A device's counter grows only while
/// many ops share one millisecond; anything near `u32::MAX` is made up, and would leave no room
/// for the receiver's own next tick.
pub const MAX_HLC_COUNTER: u32 = 1 << 24;

/// An op body, or an op id, that does not read: which part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("op body is malformed: {0}")]
pub struct Malformed(pub &'static str);

/// Version of the op body format. Part of every body, so a future format can coexist.
pub const OP_FORMAT: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OpId {
    pub device: Uuid,
    pub seq: u64,
}

impl fmt::Display for OpId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.device, self.seq)
    }
}

impl std::str::FromStr for OpId {
    type Err = Malformed;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (d, n) = s.split_once(':').ok_or(Malformed("op id"))?;
        Ok(OpId {
            device: d.parse().map_err(|_| Malformed("op id device"))?,
            seq: n.parse().map_err(|_| Malformed("op id seq"))?,
        })
    }
}

/// Hybrid logical clock reading: wall-clock milliseconds plus a counter for ties. Ordered by
/// `(ms, counter)`; ties between devices are broken by device id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Hlc {
    pub ms: i64,
    pub counter: u32,
}

impl Hlc {
    /// The next reading after `self` given the wall clock: never goes backwards.
    pub fn tick(self, wall_ms: i64) -> Hlc {
        if wall_ms > self.ms {
            Hlc { ms: wall_ms, counter: 0 }
        } else if self.counter >= MAX_HLC_COUNTER {
            // Never overflows: a full counter moves on to the next millisecond.
            Hlc { ms: self.ms.saturating_add(1), counter: 0 }
        } else {
            Hlc { ms: self.ms, counter: self.counter + 1 }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Creates an entity with an initial set of fields (`value` is an object).
    Create,
    /// Sets one field (`field`) to `value`.
    Set,
    /// Erases a person (`entity_id`) and everything that is theirs; `value` holds the reason.
    Erase,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Set => "set",
            Action::Erase => "erase",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Op {
    pub id: OpId,
    pub hlc: Hlc,
    pub author: Uuid,
    pub entity: EntityKind,
    pub entity_id: Uuid,
    pub action: Action,
    pub field: Option<String>,
    pub value: Value,
    pub base: Option<OpId>,
    /// Other concurrent writes of the same field that this op settles (a conflict resolution
    /// names every head it replaces). Empty for ordinary edits.
    pub merges: Vec<OpId>,
}

impl Op {
    /// The canonical JSON body: what is hashed, stored and (later) carried in bundles.
    pub fn body(&self) -> Vec<u8> {
        let v = json!({
            "v": OP_FORMAT,
            "device": self.id.device.to_string(),
            "seq": self.id.seq,
            "hlc": [self.hlc.ms, self.hlc.counter],
            "author": self.author.to_string(),
            "entity": self.entity.as_str(),
            "entity_id": self.entity_id.to_string(),
            "action": self.action.as_str(),
            "field": self.field,
            "value": self.value,
            "base": self.base.map(|b| b.to_string()),
            "merges": self.merges.iter().map(|m| m.to_string()).collect::<Vec<_>>(),
        });
        canonical::to_string(&v).into_bytes()
    }

    pub fn from_body(body: &[u8]) -> Result<Op, Malformed> {
        let v: Value = serde_json::from_slice(body).map_err(|_| Malformed("not JSON"))?;
        let o = v.as_object().ok_or(Malformed("not an object"))?;
        let str_of = |k: &'static str| o.get(k).and_then(Value::as_str).ok_or(Malformed(k));
        let uuid_of = |k: &'static str| -> Result<Uuid, Malformed> { str_of(k)?.parse().map_err(|_| Malformed(k)) };
        if o.get("v").and_then(Value::as_u64) != Some(OP_FORMAT as u64) {
            return Err(Malformed("format version"));
        }
        let hlc = o.get("hlc").and_then(Value::as_array).ok_or(Malformed("hlc"))?;
        let hlc = match hlc.as_slice() {
            [ms, c] => Hlc {
                ms: ms.as_i64().ok_or(Malformed("hlc"))?,
                counter: c.as_u64().and_then(|c| u32::try_from(c).ok()).ok_or(Malformed("hlc"))?,
            },
            _ => return Err(Malformed("hlc")),
        };
        let action = match str_of("action")? {
            "create" => Action::Create,
            "set" => Action::Set,
            "erase" => Action::Erase,
            _ => return Err(Malformed("action")),
        };
        let field = match o.get("field") {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Null) => None,
            _ => return Err(Malformed("field")),
        };
        let base = match o.get("base") {
            Some(Value::String(s)) => Some(s.parse()?),
            Some(Value::Null) => None,
            _ => return Err(Malformed("base")),
        };
        let merges = match o.get("merges") {
            Some(Value::Array(items)) => items
                .iter()
                .map(|m| m.as_str().ok_or(Malformed("merges"))?.parse())
                .collect::<Result<Vec<OpId>, _>>()?,
            _ => return Err(Malformed("merges")),
        };
        let op = Op {
            id: OpId { device: uuid_of("device")?, seq: o.get("seq").and_then(Value::as_u64).ok_or(Malformed("seq"))? },
            hlc,
            author: uuid_of("author")?,
            entity: EntityKind::parse(str_of("entity")?).ok_or(Malformed("entity"))?,
            entity_id: uuid_of("entity_id")?,
            action,
            field,
            value: o.get("value").cloned().ok_or(Malformed("value"))?,
            base,
            merges,
        };
        if o.len() != 12 {
            return Err(Malformed("unexpected keys"));
        }
        match (op.action, &op.field, &op.value) {
            (Action::Create, None, Value::Object(_)) | (Action::Set, Some(_), _) => Ok(op),
            (Action::Erase, None, Value::Object(_)) if op.entity == EntityKind::Person => Ok(op),
            _ => Err(Malformed("action and field disagree")),
        }
    }
}

/// The hash that precedes a device's first op.
pub fn genesis(device: Uuid) -> [u8; 32] {
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
    ctx.update(b"lintas-oplog-v1");
    ctx.update(device.as_bytes());
    ctx.finish().as_ref().try_into().expect("SHA-256 is 32 bytes")
}

pub fn chain_hash(prev: &[u8; 32], body: &[u8]) -> [u8; 32] {
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
    ctx.update(prev);
    ctx.update(body);
    ctx.finish().as_ref().try_into().expect("SHA-256 is 32 bytes")
}

/// Writes one op row. Used by batches and by replays.
pub(crate) fn insert(
    tx: &rusqlite::Connection,
    op: &Op,
    body: &[u8],
    prev: &[u8; 32],
    hash: &[u8; 32],
) -> rusqlite::Result<()> {
    tx.prepare_cached(
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
        body,
        &prev[..],
        &hash[..],
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Op {
        Op {
            id: OpId { device: Uuid::from_u128(1), seq: 7 },
            hlc: Hlc { ms: 1_700_000_000_000, counter: 2 },
            author: Uuid::from_u128(2),
            entity: EntityKind::Case,
            entity_id: Uuid::from_u128(3),
            action: Action::Set,
            field: Some("status".into()),
            value: json!("FollowUp"),
            base: Some(OpId { device: Uuid::from_u128(1), seq: 3 }),
            merges: vec![OpId { device: Uuid::from_u128(4), seq: 9 }],
        }
    }

    #[test]
    fn body_round_trips() {
        let op = sample();
        assert_eq!(Op::from_body(&op.body()).unwrap(), op);
    }

    /// Pins the byte format: ops are hashed, so any change here breaks every existing chain.
    #[test]
    fn body_bytes_are_pinned() {
        let expected = concat!(
            r#"{"action":"set","author":"00000000-0000-0000-0000-000000000002","#,
            r#""base":"00000000-0000-0000-0000-000000000001:3","device":"00000000-0000-0000-0000-000000000001","#,
            r#""entity":"case","entity_id":"00000000-0000-0000-0000-000000000003","field":"status","#,
            r#""hlc":[1700000000000,2],"merges":["00000000-0000-0000-0000-000000000004:9"],"#,
            r#""seq":7,"v":1,"value":"FollowUp"}"#
        );
        assert_eq!(String::from_utf8(sample().body()).unwrap(), expected);
    }

    #[test]
    fn malformed_bodies_are_refused() {
        let good = String::from_utf8(sample().body()).unwrap();
        for bad in [
            "".to_string(),
            "[]".to_string(),
            good.replace(r#""v":1"#, r#""v":2"#),
            good.replace(r#""action":"set""#, r#""action":"drop""#),
            good.replace(r#""entity":"case""#, r#""entity":"cases""#),
            good.replace(r#""field":"status""#, r#""field":null"#),
            good.replace(r#""v":1"#, r#""v":1,"x":0"#),
        ] {
            assert!(Op::from_body(bad.as_bytes()).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_full_hlc_counter_moves_on_to_the_next_millisecond_and_never_overflows() {
        let full = Hlc { ms: 100, counter: MAX_HLC_COUNTER };
        assert_eq!(full.tick(50), Hlc { ms: 101, counter: 0 });
        let saturated = Hlc { ms: 100, counter: u32::MAX };
        assert_eq!(saturated.tick(50), Hlc { ms: 101, counter: 0 });
        assert_eq!(Hlc { ms: i64::MAX, counter: u32::MAX }.tick(0), Hlc { ms: i64::MAX, counter: 0 });
    }

    #[test]
    fn hlc_never_goes_backwards() {
        let h = Hlc { ms: 100, counter: 5 };
        assert_eq!(h.tick(50), Hlc { ms: 100, counter: 6 });
        assert_eq!(h.tick(100), Hlc { ms: 100, counter: 6 });
        assert_eq!(h.tick(101), Hlc { ms: 101, counter: 0 });
    }

    #[test]
    fn chain_depends_on_every_byte_and_the_predecessor() {
        let g = genesis(Uuid::from_u128(1));
        let a = chain_hash(&g, b"abc");
        assert_ne!(a, chain_hash(&g, b"abd"));
        assert_ne!(a, chain_hash(&genesis(Uuid::from_u128(2)), b"abc"));
    }
}
