//! Seals: a device's signature over the ops it wrote, which survives selective export and relay.
//!
//! Each device's ops form a hash chain (`oplog`), but a bundle carries only the ops of the cases
//! its recipient may see, so a receiver cannot walk the chain to a signed head. Instead, when a
//! batch commits, its device signs a **seal**: the hashes of up to [`SEAL_MAX`] consecutive ops
//! of its chain, with the device id and the first seq. A bundle carries, beside every op, the
//! seal that covers it — also when a third district relays the op — so the receiver checks one
//! Ed25519 signature per seal (not per op) and then, for each op, that its hash is the one the
//! author device signed at that seq. An op's hash covers its body (`h = SHA-256(prev ‖ body)`),
//! so nobody but the author device can forge, alter or re-attribute an op that a seal covers.
//!
//! A seal holds hashes only: nothing of the ops' content, which is what lets it travel with a
//! selection of the ops it covers.

use crate::log::identity::{verify_signature, DeviceKeys};
use rusqlite::{Connection, OptionalExtension};
use uuid::Uuid;

/// The most ops one seal covers. A batch that writes more signs several seals. 256 hashes keep a
/// seal at about 8 KiB, small beside the ops of one case, and the signatures few: 10,000 cases
/// written at once (about 150,000 ops) need some 600 of them.
pub const SEAL_MAX: usize = 256;
const TAG_SEAL: &[u8] = b"lintas/seal/v1\0";
/// device (16) | first seq (8) | count (2) | hashes (32 each) | signature (64)
const FIXED_LEN: usize = 16 + 8 + 2 + 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seal {
    pub device: Uuid,
    pub first_seq: u64,
    pub hashes: Vec<[u8; 32]>,
    pub signature: [u8; 64],
}

impl Seal {
    fn message(device: Uuid, first_seq: u64, hashes: &[[u8; 32]]) -> Vec<u8> {
        let mut m = Vec::with_capacity(TAG_SEAL.len() + 26 + hashes.len() * 32);
        m.extend_from_slice(TAG_SEAL);
        m.extend_from_slice(device.as_bytes());
        m.extend_from_slice(&first_seq.to_be_bytes());
        m.extend_from_slice(&(hashes.len() as u16).to_be_bytes());
        for h in hashes {
            m.extend_from_slice(h);
        }
        m
    }

    /// Signs the hashes of the ops `first_seq ..` of the keys' device.
    pub fn make(keys: &DeviceKeys, first_seq: u64, hashes: Vec<[u8; 32]>) -> Seal {
        debug_assert!(!hashes.is_empty() && hashes.len() <= SEAL_MAX);
        let signature = keys.sign(&Seal::message(keys.device_id, first_seq, &hashes));
        Seal { device: keys.device_id, first_seq, hashes, signature }
    }

    pub fn last_seq(&self) -> u64 {
        self.first_seq + self.hashes.len() as u64 - 1
    }

    /// Whether the device with this Ed25519 key signed this seal.
    pub fn verify(&self, signing_key: &[u8]) -> bool {
        verify_signature(signing_key, &Seal::message(self.device, self.first_seq, &self.hashes), &self.signature)
    }

    /// Whether the seal names `hash` as the op at `seq`.
    pub fn covers(&self, seq: u64, hash: &[u8; 32]) -> bool {
        seq >= self.first_seq && self.hashes.get((seq - self.first_seq) as usize) == Some(hash)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::with_capacity(FIXED_LEN + self.hashes.len() * 32);
        b.extend_from_slice(self.device.as_bytes());
        b.extend_from_slice(&self.first_seq.to_be_bytes());
        b.extend_from_slice(&(self.hashes.len() as u16).to_be_bytes());
        for h in &self.hashes {
            b.extend_from_slice(h);
        }
        b.extend_from_slice(&self.signature);
        b
    }

    /// Reads a seal as a bundle carries it. `None` for anything malformed: a count of zero or
    /// over [`SEAL_MAX`], a length that does not match, a seq range that would overflow.
    pub fn from_bytes(b: &[u8]) -> Option<Seal> {
        if b.len() < FIXED_LEN {
            return None;
        }
        let device = Uuid::from_slice(&b[..16]).ok()?;
        let first_seq = u64::from_be_bytes(b[16..24].try_into().ok()?);
        let count = u16::from_be_bytes(b[24..26].try_into().ok()?) as usize;
        if count == 0 || count > SEAL_MAX || b.len() != FIXED_LEN + count * 32 || first_seq == 0 {
            return None;
        }
        first_seq.checked_add(count as u64)?;
        let hashes = b[26..26 + count * 32].chunks_exact(32).map(|c| c.try_into().expect("32 bytes")).collect();
        let signature = b[26 + count * 32..].try_into().ok()?;
        Some(Seal { device, first_seq, hashes, signature })
    }
}

/// Keeps a seal, so that the ops it covers can be relayed with it. A seal already kept for the
/// same start is left as it is.
pub(crate) fn keep(conn: &Connection, seal: &Seal) -> rusqlite::Result<()> {
    let hashes: Vec<u8> = seal.hashes.concat();
    conn.prepare_cached(
        "INSERT OR IGNORE INTO op_seals (device, first_seq, last_seq, hashes, signature) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute((
        seal.device.to_string(),
        seal.first_seq as i64,
        seal.last_seq() as i64,
        hashes,
        &seal.signature[..],
    ))?;
    Ok(())
}

/// The kept seal that covers an op of `device` at `seq`, if any.
pub(crate) fn covering(conn: &Connection, device: Uuid, seq: u64) -> rusqlite::Result<Option<Seal>> {
    let row: Option<(i64, Vec<u8>, Vec<u8>)> = conn
        .prepare_cached(
            "SELECT first_seq, hashes, signature FROM op_seals WHERE device = ?1 AND first_seq <= ?2
             ORDER BY first_seq DESC LIMIT 1",
        )?
        .query_row((device.to_string(), seq as i64), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    Ok(row.and_then(|(first, hashes, sig)| {
        let seal = Seal {
            device,
            first_seq: first as u64,
            hashes: hashes.chunks_exact(32).map(|c| c.try_into().expect("32 bytes")).collect(),
            signature: sig.try_into().ok()?,
        };
        (seal.last_seq() >= seq).then_some(seal)
    }))
}

/// Seals this device's ops from `first_seq` on, whose hashes are given in seq order, in seals
/// of at most [`SEAL_MAX`].
pub(crate) fn seal_run(
    conn: &Connection,
    keys: &DeviceKeys,
    first_seq: u64,
    hashes: &[[u8; 32]],
) -> rusqlite::Result<()> {
    for (i, chunk) in hashes.chunks(SEAL_MAX).enumerate() {
        keep(conn, &Seal::make(keys, first_seq + (i * SEAL_MAX) as u64, chunk.to_vec()))?;
    }
    Ok(())
}

/// Seals every op of this device that no seal covers yet: those written before schema 10, or
/// before this store had device keys. Cheap when there are none.
pub(crate) fn seal_unsealed(conn: &Connection, keys: &DeviceKeys) -> rusqlite::Result<()> {
    let device = keys.device_id.to_string();
    let sealed: i64 =
        conn.query_row("SELECT coalesce(max(last_seq), 0) FROM op_seals WHERE device = ?1", [&device], |r| r.get(0))?;
    let mut stmt = conn.prepare("SELECT seq, hash FROM ops WHERE device = ?1 AND seq > ?2 ORDER BY seq")?;
    let rows = stmt.query_map((&device, sealed), |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))?;
    let mut run: Vec<[u8; 32]> = Vec::new();
    let mut first = 0u64;
    for row in rows {
        let (seq, hash) = row?;
        let Ok(hash) = <[u8; 32]>::try_from(hash) else { continue };
        // A device's own chain has no gaps; should one appear, a run ends there.
        if !run.is_empty() && first + run.len() as u64 != seq as u64 {
            seal_run(conn, keys, first, &std::mem::take(&mut run))?;
        }
        if run.is_empty() {
            first = seq as u64;
        }
        run.push(hash);
    }
    if !run.is_empty() {
        seal_run(conn, keys, first, &run)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seal_verifies_only_for_its_device_key_and_exact_hashes() {
        let keys = DeviceKeys::for_tests(Uuid::from_u128(1), 3);
        let other = DeviceKeys::for_tests(Uuid::from_u128(1), 4);
        let seal = Seal::make(&keys, 5, vec![[1; 32], [2; 32]]);
        assert!(seal.verify(&keys.signing_key()));
        assert!(!seal.verify(&other.signing_key()));
        assert!(seal.covers(6, &[2; 32]) && !seal.covers(6, &[1; 32]) && !seal.covers(7, &[2; 32]));
        assert!(!seal.covers(4, &[1; 32]));
        let read = Seal::from_bytes(&seal.to_bytes()).unwrap();
        assert_eq!(read, seal);
        // Another device id, first seq or hash breaks the signature.
        for edit in [0usize, 20, 30] {
            let mut b = seal.to_bytes();
            b[edit] ^= 1;
            assert!(!Seal::from_bytes(&b).unwrap().verify(&keys.signing_key()), "byte {edit}");
        }
    }

    #[test]
    fn malformed_seals_are_not_read() {
        let keys = DeviceKeys::for_tests(Uuid::from_u128(1), 3);
        let good = Seal::make(&keys, 1, vec![[1; 32]]).to_bytes();
        assert!(Seal::from_bytes(&good[..good.len() - 1]).is_none());
        let mut zero = good.clone();
        zero[24..26].copy_from_slice(&0u16.to_be_bytes());
        assert!(Seal::from_bytes(&zero).is_none());
        let mut big = good.clone();
        big[24..26].copy_from_slice(&(SEAL_MAX as u16 + 1).to_be_bytes());
        assert!(Seal::from_bytes(&big).is_none());
        let mut overflow = good;
        overflow[16..24].copy_from_slice(&u64::MAX.to_be_bytes());
        assert!(Seal::from_bytes(&overflow).is_none());
    }
}
