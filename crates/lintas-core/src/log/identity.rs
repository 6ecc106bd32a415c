//! Device keys, identity cards and the trust directory.
//!
//! Each device has an Ed25519 key that signs its bundles and an X25519 (age) key that bundles
//! for its district are encrypted to. Both secrets live inside the encrypted database. A
//! district's public keys travel as an identity card, trusted only after its fingerprint (60
//! digits in groups of five, like a safety number) has been compared out of band: read aloud
//! by phone, or from a printout.

use crate::model::roles::Permission;
use crate::store::{Store, StoreError};
use crate::support::ambient::{Clock, Entropy};
use crate::support::canonical;
use data_encoding::BASE64;
use ring::signature::{Ed25519KeyPair, KeyPair, UnparsedPublicKey, ED25519};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;
use zeroize::Zeroizing;

const CARD_FORMAT: &str = "lintas-identity-card";
const CARD_VERSION: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum TrustError {
    #[error("the file is not a Lintas identity card")]
    NotACard,
    #[error("the fingerprint does not match the card")]
    FingerprintMismatch,
    #[error("the card is this installation's own")]
    OwnCard,
    #[error("no trusted device with this id")]
    UnknownDevice,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for TrustError {
    fn from(e: rusqlite::Error) -> Self {
        TrustError::Store(e.into())
    }
}

/// This device's secret keys. Not `Clone`, not serialisable; `Debug` shows only the device id.
pub struct DeviceKeys {
    pub device_id: Uuid,
    signing: Ed25519KeyPair,
    age: age::x25519::Identity,
}

impl fmt::Debug for DeviceKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeviceKeys").field("device_id", &self.device_id).finish_non_exhaustive()
    }
}

impl DeviceKeys {
    fn from_secrets(device_id: Uuid, seed: &[u8], age_secret: &[u8]) -> Result<DeviceKeys, StoreError> {
        let signing = Ed25519KeyPair::from_seed_unchecked(seed).map_err(|_| StoreError::Damaged)?;
        let secret: [u8; 32] = age_secret.try_into().map_err(|_| StoreError::Damaged)?;
        Ok(DeviceKeys { device_id, signing, age: age_identity(&Zeroizing::new(secret))? })
    }

    /// The fuzzer's keys (seed `[7; 32]`): public knowledge, used only to make corpus seeds.
    #[doc(hidden)]
    pub fn fuzz_keys() -> DeviceKeys {
        DeviceKeys::from_secrets(Uuid::from_u128(7), &[7u8; 32], &[8u8; 32]).expect("valid fuzz keys")
    }

    /// Keys from fixed bytes, for tests of the wire format.
    #[cfg(test)]
    pub(crate) fn for_tests(device_id: Uuid, seed: u8) -> DeviceKeys {
        DeviceKeys::from_secrets(device_id, &[seed; 32], &[seed.wrapping_add(1); 32]).expect("valid test keys")
    }

    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message).as_ref().try_into().expect("Ed25519 signatures are 64 bytes")
    }

    pub fn signing_key(&self) -> [u8; 32] {
        self.signing.public_key().as_ref().try_into().expect("Ed25519 public keys are 32 bytes")
    }

    pub fn age_recipient(&self) -> String {
        self.age.to_public().to_string()
    }

    pub(crate) fn age_identity(&self) -> &age::x25519::Identity {
        &self.age
    }
}

fn age_identity(secret: &Zeroizing<[u8; 32]>) -> Result<age::x25519::Identity, StoreError> {
    crate::support::secret::x25519_identity(secret).ok_or(StoreError::Damaged)
}

/// Checks an Ed25519 signature made by a device.
pub fn verify_signature(signing_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    UnparsedPublicKey::new(&ED25519, signing_key).verify(message, signature).is_ok()
}

/// Makes this device's keys. Called once, at set-up (or on first open of an older store).
pub(crate) fn create_device_keys(
    conn: &rusqlite::Connection,
    device_id: Uuid,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
) -> Result<(), StoreError> {
    let seed = Zeroizing::new(entropy.bytes32());
    let age_secret = Zeroizing::new(entropy.bytes32());
    conn.execute(
        "INSERT INTO device_keys (device_id, sign_seed, age_secret, created_at) VALUES (?1, ?2, ?3, ?4)",
        (device_id.to_string(), &seed[..], &age_secret[..], clock.now().to_rfc3339()),
    )?;
    Ok(())
}

pub(crate) fn has_device_keys(conn: &rusqlite::Connection, device_id: Uuid) -> Result<bool, StoreError> {
    Ok(conn
        .query_row("SELECT 1 FROM device_keys WHERE device_id = ?1", [device_id.to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}

impl Store {
    /// This device's keys, read from the encrypted database.
    pub fn device_keys(&self) -> Result<DeviceKeys, StoreError> {
        load_device_keys(&self.conn, self.identity().device_id)
    }
}

/// The keys of one of this installation's devices: the current one, or one it replaced when it
/// was restored from a backup.
pub(crate) fn load_device_keys(conn: &rusqlite::Connection, id: Uuid) -> Result<DeviceKeys, StoreError> {
    let (seed, secret): (Zeroizing<Vec<u8>>, Zeroizing<Vec<u8>>) = conn
        .query_row("SELECT sign_seed, age_secret FROM device_keys WHERE device_id = ?1", [id.to_string()], |r| {
            Ok((Zeroizing::new(r.get(0)?), Zeroizing::new(r.get(1)?)))
        })
        .map_err(|_| StoreError::Damaged)?;
    DeviceKeys::from_secrets(id, &seed, &secret)
}

/// A district's public identity: what another district needs to send to it and to check what
/// it sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityCard {
    pub format: String,
    pub version: u32,
    pub district: String,
    pub district_name: String,
    pub devices: Vec<CardDevice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardDevice {
    pub device_id: Uuid,
    /// Ed25519 public key, base64.
    pub signing_key: String,
    /// X25519 public key in age's `age1…` form.
    pub age_recipient: String,
    /// A revoked device stays on the card so that peers learn of the revocation.
    #[serde(default)]
    pub revoked: bool,
    /// When it was revoked (RFC 3339): its ops stamped later are refused wherever the card
    /// reaches. Left out for devices that are not revoked, so such cards keep their bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<String>,
}

impl IdentityCard {
    pub fn parse(bytes: &[u8]) -> Result<IdentityCard, TrustError> {
        let card: IdentityCard = serde_json::from_slice(bytes).map_err(|_| TrustError::NotACard)?;
        if card.format != CARD_FORMAT
            || card.version != CARD_VERSION
            || !crate::model::validate::is_regency(&card.district)
        {
            return Err(TrustError::NotACard);
        }
        for d in &card.devices {
            let key_ok = BASE64.decode(d.signing_key.as_bytes()).map(|k| k.len() == 32).unwrap_or(false);
            if !key_ok || d.age_recipient.parse::<age::x25519::Recipient>().is_err() {
                return Err(TrustError::NotACard);
            }
        }
        Ok(card)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Sixty digits in twelve groups of five, derived from SHA-256 of the card's canonical
    /// form. Two people reading them to each other compare 199 bits of the hash.
    pub fn fingerprint(&self) -> String {
        let mut card = self.clone();
        card.devices.sort_by_key(|d| d.device_id);
        let value = serde_json::to_value(&card).unwrap_or_default();
        let digest = ring::digest::digest(&ring::digest::SHA256, canonical::to_string(&value).as_bytes());
        // Six 40-bit chunks, each split into two 20-bit halves, each shown as five digits.
        digest.as_ref()[..30]
            .chunks(5)
            .flat_map(|c| {
                let n = c.iter().fold(0u64, |acc, b| (acc << 8) | *b as u64);
                [(n >> 20) % 100_000, (n & 0xF_FFFF) % 100_000]
            })
            .take(12)
            .map(|g| format!("{g:05}"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Compares fingerprints as people type them: only the digits count.
pub fn fingerprints_match(a: &str, b: &str) -> bool {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let (a, b) = (digits(a), digits(b));
    a.len() == 60 && a == b
}

/// This district's card: this device and the other devices of the district it trusts.
pub fn own_card(store: &Store) -> Result<IdentityCard, TrustError> {
    let id = store.identity();
    let keys = store.device_keys()?;
    let mut devices = vec![CardDevice {
        device_id: keys.device_id,
        signing_key: BASE64.encode(&keys.signing_key()),
        age_recipient: keys.age_recipient(),
        revoked: false,
        revoked_at: None,
    }];
    for t in trusted(store)?.into_iter().filter(|t| t.district == id.district) {
        devices.push(CardDevice {
            device_id: t.device_id,
            signing_key: t.signing_key,
            age_recipient: t.age_recipient,
            revoked: t.revoked_at.is_some(),
            revoked_at: t.revoked_at,
        });
    }
    Ok(IdentityCard {
        format: CARD_FORMAT.into(),
        version: CARD_VERSION,
        district: id.district.clone(),
        district_name: id.district_name.clone(),
        devices,
    })
}

/// A device in the trust directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct TrustedDevice {
    pub device_id: Uuid,
    pub district: String,
    pub district_name: String,
    pub signing_key: String,
    pub age_recipient: String,
    pub added_at: String,
    pub added_via: String,
    pub revoked_at: Option<String>,
}

pub fn trusted(store: &Store) -> Result<Vec<TrustedDevice>, TrustError> {
    trusted_in(&store.conn)
}

pub(crate) fn trusted_in(conn: &rusqlite::Connection) -> Result<Vec<TrustedDevice>, TrustError> {
    let mut stmt = conn.prepare(
        "SELECT device_id, district, district_name, signing_key, age_recipient, added_at, added_via, revoked_at
         FROM trusted_devices ORDER BY district, added_at",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(TrustedDevice {
            device_id: r.get::<_, String>(0)?.parse().unwrap_or_default(),
            district: r.get(1)?,
            district_name: r.get(2)?,
            signing_key: BASE64.encode(&r.get::<_, Vec<u8>>(3)?),
            age_recipient: r.get(4)?,
            added_at: r.get(5)?,
            added_via: r.get(6)?,
            revoked_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What a card changed in the trust directory.
#[derive(Debug, Default)]
pub(crate) struct CardChanges {
    pub changed: usize,
    /// Devices the card lists that this store knows as another district's: left as they are.
    pub foreign: Vec<Uuid>,
}

/// Adds or refreshes the devices of a card. Revoked devices on the card are recorded revoked,
/// from the time the card gives (if it is not in the future); a device once revoked here stays
/// revoked. A card speaks only for its own district: a device this store knows as another
/// district's is neither moved, re-keyed nor revoked by it.
pub(crate) fn upsert_card(
    conn: &rusqlite::Connection,
    card: &IdentityCard,
    own_device: Uuid,
    via: &str,
    clock: &dyn Clock,
) -> Result<CardChanges, TrustError> {
    let now = clock.now();
    let revoked_from = |d: &CardDevice| -> String {
        d.revoked_at
            .as_deref()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .filter(|t| *t <= now)
            .map(|t| t.with_timezone(&chrono::Utc).to_rfc3339())
            .unwrap_or_else(|| now.to_rfc3339())
    };
    let now = now.to_rfc3339();
    let mut out = CardChanges::default();
    let own_district: Option<String> =
        conn.query_row("SELECT value FROM meta WHERE key = 'district'", [], |r| r.get(0)).optional()?;
    for d in &card.devices {
        if d.device_id == own_device {
            continue;
        }
        let key = BASE64.decode(d.signing_key.as_bytes()).map_err(|_| TrustError::NotACard)?;
        let existing: Option<(Vec<u8>, Option<String>, String)> = conn
            .query_row(
                "SELECT signing_key, revoked_at, district FROM trusted_devices WHERE device_id = ?1",
                [d.device_id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        // This store's own earlier devices (replaced on restore) are this district's.
        let ours = has_device_keys(conn, d.device_id)? && own_district.as_deref() != Some(card.district.as_str());
        match existing {
            _ if ours => out.foreign.push(d.device_id),
            Some((_, _, district)) if district != card.district => out.foreign.push(d.device_id),
            None => {
                conn.execute(
                    "INSERT INTO trusted_devices
                     (device_id, district, district_name, signing_key, age_recipient, added_at, added_via, revoked_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    (
                        d.device_id.to_string(),
                        &card.district,
                        &card.district_name,
                        &key,
                        &d.age_recipient,
                        &now,
                        via,
                        d.revoked.then(|| revoked_from(d)),
                    ),
                )?;
                out.changed += 1;
            }
            // A device id keeps its keys for life: a card that changes them is not trusted for it.
            Some((old_key, _, _)) if old_key != key => return Err(TrustError::NotACard),
            Some((_, None, _)) if d.revoked => {
                conn.execute(
                    "UPDATE trusted_devices SET revoked_at = ?2 WHERE device_id = ?1",
                    (d.device_id.to_string(), revoked_from(d)),
                )?;
                out.changed += 1;
            }
            Some(_) => {}
        }
    }
    Ok(out)
}

/// Trusts a card after the person compared its fingerprint out of band.
pub fn trust_add(
    store: &mut Store,
    card_bytes: &[u8],
    typed_fingerprint: &str,
    clock: &dyn Clock,
) -> Result<IdentityCard, TrustError> {
    store.require(Permission::ManageTrust)?;
    let card = IdentityCard::parse(card_bytes)?;
    if !fingerprints_match(&card.fingerprint(), typed_fingerprint) {
        return Err(TrustError::FingerprintMismatch);
    }
    let own = store.identity().device_id;
    if card.devices.iter().any(|d| d.device_id == own) {
        return Err(TrustError::OwnCard);
    }
    let tx = store.conn.unchecked_transaction()?;
    upsert_card(&tx, &card, own, "card", clock)?;
    tx.commit()?;
    Ok(card)
}

/// Stops trusting a device: its bundles are refused and nothing more is encrypted to it.
pub fn trust_revoke(store: &mut Store, device_id: Uuid, clock: &dyn Clock) -> Result<(), TrustError> {
    store.require(Permission::ManageTrust)?;
    let n = store.conn.execute(
        "UPDATE trusted_devices SET revoked_at = coalesce(revoked_at, ?2) WHERE device_id = ?1",
        (device_id.to_string(), clock.now().to_rfc3339()),
    )?;
    if n == 0 {
        return Err(TrustError::UnknownDevice);
    }
    Ok(())
}

const TAG_HANDOVER: &[u8] = b"lintas/handover/v1\0";
/// The `meta` key under which a restored store keeps the handovers that vouch for its device.
const META_HANDOVERS: &str = "handovers";

/// A device's statement that another device of its district replaces it: "device `from_device`
/// hands over to device `to_device`, whose keys are these". A restored store signs it with the
/// key of the device it was backed up from, and carries it in every bundle header, so that a
/// district that trusts only the old device accepts the new one without a new card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Handover {
    pub district: String,
    pub from_device: Uuid,
    pub to_device: Uuid,
    /// The new device's Ed25519 public key, base64.
    pub signing_key: String,
    /// The new device's X25519 public key in age's `age1…` form.
    pub age_recipient: String,
    pub at: String,
    /// Ed25519 signature by `from_device` over the other fields, base64.
    pub signature: String,
}

impl Handover {
    /// What the old device signs: a domain tag and the canonical JSON of every other field.
    fn message(&self) -> Vec<u8> {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        if let Some(fields) = value.as_object_mut() {
            fields.remove("signature");
        }
        let mut m = TAG_HANDOVER.to_vec();
        m.extend_from_slice(canonical::to_string(&value).as_bytes());
        m
    }

    /// The signed message, for tests that forge handovers.
    #[cfg(test)]
    pub(crate) fn message_for_tests(&self) -> Vec<u8> {
        self.message()
    }

    fn new_signing_key(&self) -> Option<[u8; 32]> {
        BASE64.decode(self.signing_key.as_bytes()).ok()?.try_into().ok()
    }

    /// Whether `signer` (the old device's public key) signed this statement, and the new key is
    /// well formed.
    fn signed_by(&self, signer: &[u8; 32]) -> bool {
        let Ok(signature) = BASE64.decode(self.signature.as_bytes()) else { return false };
        self.new_signing_key().is_some()
            && self.age_recipient.parse::<age::x25519::Recipient>().is_ok()
            && verify_signature(signer, &self.message(), &signature)
    }
}

/// The handovers that vouch for this device, oldest first; empty unless the store was restored.
pub(crate) fn handovers(conn: &rusqlite::Connection) -> Result<Vec<Handover>, StoreError> {
    let text: Option<String> =
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [META_HANDOVERS], |r| r.get(0)).optional()?;
    match text {
        None => Ok(Vec::new()),
        Some(t) => serde_json::from_str(&t).map_err(|_| StoreError::Damaged),
    }
}

/// What a restore did to the device's identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rotation {
    pub previous_device: Uuid,
    pub device: Uuid,
}

/// Gives a restored store a new device: new keys and id, the old device's keys revoked and
/// recorded as a revoked device of this district (so this district's card announces the
/// revocation), and a handover from the old device to the new one, signed with the old key,
/// kept in `meta` for every bundle to carry. All in one transaction. The old device's secrets
/// stay in `device_keys`, marked revoked: a bundle a peer encrypted to the old device before it
/// heard of the new one can still be read.
pub(crate) fn rotate_device(
    store: &mut Store,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
) -> Result<Rotation, StoreError> {
    let id = store.identity().clone();
    let old = store.device_keys()?;
    let new_id = entropy.uuid();
    let now = clock.now().to_rfc3339();
    let tx = store.conn.transaction()?;
    create_device_keys(&tx, new_id, clock, entropy)?;
    let new = load_device_keys(&tx, new_id)?;
    let mut handover = Handover {
        district: id.district.clone(),
        from_device: old.device_id,
        to_device: new_id,
        signing_key: BASE64.encode(&new.signing_key()),
        age_recipient: new.age_recipient(),
        at: now.clone(),
        signature: String::new(),
    };
    handover.signature = BASE64.encode(&old.sign(&handover.message()));
    let mut chain = handovers(&tx)?;
    chain.push(handover);
    let chain = serde_json::to_string(&chain).map_err(|_| StoreError::Damaged)?;
    tx.execute("UPDATE device_keys SET revoked_at = ?2 WHERE device_id = ?1", (old.device_id.to_string(), &now))?;
    tx.execute(
        "INSERT OR IGNORE INTO trusted_devices
         (device_id, district, district_name, signing_key, age_recipient, added_at, added_via, revoked_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'restore', ?6)",
        (old.device_id.to_string(), &id.district, &id.district_name, &old.signing_key()[..], old.age_recipient(), &now),
    )?;
    tx.execute(
        "UPDATE trusted_devices SET revoked_at = coalesce(revoked_at, ?2) WHERE device_id = ?1",
        (old.device_id.to_string(), &now),
    )?;
    tx.execute("UPDATE meta SET value = ?1 WHERE key = 'device_id'", [new_id.to_string()])?;
    tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", (META_HANDOVERS, chain))?;
    tx.commit()?;
    store.reload_identity()?;
    Ok(Rotation { previous_device: old.device_id, device: new_id })
}

/// What a bundle's handovers say about a sender device this store does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Vouch {
    /// A device this store trusts handed over (perhaps through devices it never knew) to the
    /// sender; the sender's signing key, and the index of the first handover to apply.
    Key([u8; 32], usize),
    /// The handovers contradict the header or each other, or a signature does not match.
    Forged,
    /// No handover starts at a device this store trusts and has not revoked.
    NoAnchor,
}

/// Checks the handovers a bundle carries for its sender. The chain must end at the sender,
/// stay in the sender's district and link each new device to the next; it is checked from the
/// latest handover whose signer this store trusts, unrevoked, for that district. A device after
/// that point must be unknown here: a chain may not pass through a device this store revoked.
pub(crate) fn vouch(conn: &rusqlite::Connection, district: &str, sender: Uuid, chain: &[Handover]) -> Vouch {
    let Some(last) = chain.last() else { return Vouch::NoAnchor };
    if last.to_device != sender {
        return Vouch::Forged;
    }
    for (i, link) in chain.iter().enumerate() {
        if link.district != district || (i > 0 && link.from_device != chain[i - 1].to_device) {
            return Vouch::Forged;
        }
    }
    let known = |device: Uuid| -> Option<(Vec<u8>, String, Option<String>)> {
        conn.query_row(
            "SELECT signing_key, district, revoked_at FROM trusted_devices WHERE device_id = ?1",
            [device.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .ok()
        .flatten()
    };
    let anchor = chain.iter().enumerate().rev().find_map(|(i, link)| match known(link.from_device) {
        Some((key, d, None)) if d == district => <[u8; 32]>::try_from(key).ok().map(|k| (i, k)),
        _ => None,
    });
    let Some((start, mut key)) = anchor else { return Vouch::NoAnchor };
    for link in &chain[start..] {
        if known(link.to_device).is_some() {
            return Vouch::NoAnchor;
        }
        if !link.signed_by(&key) {
            return Vouch::Forged;
        }
        match link.new_signing_key() {
            Some(k) => key = k,
            None => return Vouch::Forged,
        }
    }
    Vouch::Key(key, start)
}

/// Records the handovers that `vouch` accepted from index `start`: every device that handed
/// over is revoked (added as revoked if this store never knew it), and the sender is trusted
/// with `added_via = "handover"`. Runs inside the import's transaction.
pub(crate) fn accept_handovers(
    conn: &rusqlite::Connection,
    district_name: &str,
    chain: &[Handover],
    start: usize,
    clock: &dyn Clock,
) -> Result<(), TrustError> {
    let now = clock.now().to_rfc3339();
    for (i, link) in chain.iter().enumerate().skip(start) {
        if i > start {
            // A device between the anchor and the sender, which this store never knew: it is
            // recorded, already replaced, so that its bundles are refused as revoked.
            let before = &chain[i - 1];
            let key = BASE64.decode(before.signing_key.as_bytes()).map_err(|_| TrustError::NotACard)?;
            conn.execute(
                "INSERT OR IGNORE INTO trusted_devices
                 (device_id, district, district_name, signing_key, age_recipient, added_at, added_via, revoked_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'handover', ?6)",
                (link.from_device.to_string(), &link.district, district_name, &key, &before.age_recipient, &now),
            )?;
        }
        conn.execute(
            "UPDATE trusted_devices SET revoked_at = coalesce(revoked_at, ?2) WHERE device_id = ?1",
            (link.from_device.to_string(), &now),
        )?;
    }
    if let Some(last) = chain.last() {
        let key = BASE64.decode(last.signing_key.as_bytes()).map_err(|_| TrustError::NotACard)?;
        conn.execute(
            "INSERT INTO trusted_devices
             (device_id, district, district_name, signing_key, age_recipient, added_at, added_via, revoked_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'handover', NULL)",
            (last.to_device.to_string(), &last.district, district_name, &key, &last.age_recipient, &now),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card() -> IdentityCard {
        IdentityCard {
            format: CARD_FORMAT.into(),
            version: 1,
            district: "53.03".into(),
            district_name: "Kabupaten Timor Tengah Utara".into(),
            devices: vec![CardDevice {
                device_id: Uuid::from_u128(9),
                signing_key: BASE64.encode(&[1u8; 32]),
                age_recipient: age_identity(&Zeroizing::new([3u8; 32])).unwrap().to_public().to_string(),
                revoked: false,
                revoked_at: None,
            }],
        }
    }

    #[test]
    fn fingerprint_is_sixty_digits_and_changes_with_the_card() {
        let c = card();
        let fp = c.fingerprint();
        assert_eq!(fp.len(), 60 + 11);
        assert!(fp.split(' ').all(|g| g.len() == 5 && g.chars().all(|ch| ch.is_ascii_digit())));
        assert!(fingerprints_match(&fp, &fp.replace(' ', "")));
        let mut other = c.clone();
        other.district_name = "Kabupaten Belu".into();
        assert_ne!(other.fingerprint(), fp);
        let mut other = c.clone();
        other.devices[0].signing_key = BASE64.encode(&[2u8; 32]);
        assert_ne!(other.fingerprint(), fp);
        assert!(!fingerprints_match(&fp, "12345"));
    }

    #[test]
    fn cards_round_trip_and_garbage_is_refused() {
        let c = card();
        assert_eq!(IdentityCard::parse(c.to_json().as_bytes()).unwrap(), c);
        assert!(matches!(IdentityCard::parse(b"{}"), Err(TrustError::NotACard)));
        let mut bad = c.clone();
        bad.devices[0].age_recipient = "age1nope".into();
        assert!(matches!(IdentityCard::parse(bad.to_json().as_bytes()), Err(TrustError::NotACard)));
    }

    #[test]
    fn age_keys_from_bytes_are_usable() {
        let id = age_identity(&Zeroizing::new([7u8; 32])).unwrap();
        assert!(id.to_public().to_string().starts_with("age1"));
    }
}
