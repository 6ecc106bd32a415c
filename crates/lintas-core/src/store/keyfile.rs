//! The key file: the database key (DEK), sealed once per unlock method.
//!
//! The store is encrypted by SQLCipher with a random 32-byte raw key. That key never touches the
//! disk in the clear: `keys.json` holds it sealed, with age (X25519), to one public key per
//! unlock method:
//! - each operator has an X25519 key pair of their own; its secret half is wrapped
//!   (ChaCha20-Poly1305, bound to the operator's id) under a key derived from their passphrase
//!   with Argon2id, calibrated at set-up;
//! - the recovery key pair is derived (HKDF-SHA256) from the high-entropy recovery key shown once
//!   at set-up; only its public half is kept.
//!
//! Sealing to public keys is what lets the database key change ([`KeyFile::rotation`]) without
//! anyone's secret: a coordinator who removes an operator seals a new key to every remaining
//! operator and to the recovery key, and the removed operator's slot, their passphrase and any
//! old copy of this file open only the old key, which no longer opens the database.
//!
//! A rotation under way is written here as `next` (the slots of the new key), and only after the
//! database copy under the new key is complete on disk; `store::finish_rotation` completes it at
//! the next open, so that a crash at any point leaves a store that opens (see `rekey`).
//!
//! Key files of version 1 wrapped the database key directly under each passphrase and under the
//! recovery key. They still open; a version-1 slot becomes a version-2 one when its passphrase
//! or the recovery key is next used, and a rotation needs the recovery key once if its slot is
//! still of version 1.
//!
//! A wrong passphrase fails the AEAD tag check here, before SQLCipher is ever touched, so it is
//! told apart cleanly from a damaged database. Changing a passphrase rewrites only this file.

use crate::support::ambient::Entropy;
use crate::support::secret::{Key32, Passphrase, RecoveryKey};
use data_encoding::BASE64;
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, CHACHA20_POLY1305};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::time::{Duration, Instant};
use uuid::Uuid;
use zeroize::Zeroizing;

pub const FILE_NAME: &str = "keys.json";
/// Taken, exclusively, around every change of the key file, so that two Lintas processes never
/// write it from two different readings.
pub const LOCK_FILE: &str = "keys.lock";
const FORMAT: &str = "lintas-keys";
const VERSION: u32 = 2;

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("the passphrase does not unlock this store")]
    WrongPassphrase,
    #[error("the recovery key does not unlock this store")]
    WrongRecoveryKey,
    #[error("the key file is damaged or of an unknown format")]
    Damaged,
    #[error("the key file could not be read or written: {0}")]
    Io(#[from] std::io::Error),
    #[error("invalid key-derivation parameters")]
    BadParams,
    /// The recovery slot predates key rotation: the recovery key must be given once.
    #[error("the recovery key is needed once to change this store's key")]
    RecoveryKeyNeeded,
}

/// Argon2id cost parameters, stored with each passphrase slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub m_kib: u32,
    pub t: u32,
    pub p: u32,
}

impl KdfParams {
    /// 64 MiB: large enough to make GPU guessing expensive, small enough for an old laptop.
    pub const MEMORY_KIB: u32 = 64 * 1024;

    /// The parameters for a new passphrase on this machine: about half a second of work. The
    /// environment variable LINTAS_KDF_TARGET_MS lowers the target for tests and benchmarks;
    /// the 64 MiB memory cost stays whatever it says.
    pub fn for_this_machine() -> KdfParams {
        let ms = std::env::var("LINTAS_KDF_TARGET_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(500u64);
        KdfParams::calibrate(Duration::from_millis(ms.clamp(1, 5000)))
    }

    /// Picks the number of passes so that one derivation takes about `target` on this machine.
    pub fn calibrate(target: Duration) -> KdfParams {
        let probe = KdfParams { m_kib: Self::MEMORY_KIB, t: 1, p: 1 };
        let salt = [0u8; 16];
        let started = Instant::now();
        // The probe's result is discarded; only its duration matters.
        let _ = derive_passphrase_key(&Passphrase::new("calibration"), &salt, probe);
        let one = started.elapsed().max(Duration::from_millis(1));
        let t = (target.as_secs_f64() / one.as_secs_f64()).round().clamp(1.0, 10.0) as u32;
        KdfParams { t, ..probe }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyFileDoc {
    format: String,
    version: u32,
    slots: Vec<SlotDoc>,
    /// A rotation under way: the slots of the new database key. Present only once the copy of
    /// the database under that key is complete on disk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    next: Option<Vec<SlotDoc>>,
    /// An operator was removed and the database key has not changed since: the next open by a
    /// coordinator changes it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    rotation_due: bool,
}

#[derive(Serialize, Deserialize, Clone)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum SlotDoc {
    /// An operator's slot (version 2): their X25519 secret wrapped under their passphrase, its
    /// public half, and the database key sealed to it.
    Operator {
        /// Absent for the operator who set the store up.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        operator: Option<String>,
        kdf: KdfParams,
        salt: String,
        nonce: String,
        secret: String,
        public: String,
        sealed: String,
    },
    /// The recovery slot (version 2): the public half of the key pair derived from the recovery
    /// key, and the database key sealed to it.
    RecoveryPublic { public: String, sealed: String },
    /// Version 1: the database key wrapped under the passphrase.
    Passphrase {
        kdf: KdfParams,
        salt: String,
        nonce: String,
        wrapped: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        operator: Option<String>,
    },
    /// Version 1: the database key wrapped under a key derived from the recovery key.
    Recovery { salt: String, nonce: String, wrapped: String },
}

/// What opened a passphrase slot.
#[derive(Debug)]
pub struct Opened {
    pub dek: Key32,
    /// The operator whose slot it is (`None`: the operator who set the store up).
    pub owner: Option<Uuid>,
    /// The slot is of version 1 and should be rewritten while the passphrase is at hand.
    pub legacy: Option<KdfParams>,
}

/// What a rotation will leave behind: operators whose version-1 slot cannot be carried to the
/// new key without their passphrase, and who need a new one from a coordinator.
#[derive(Debug, Default)]
pub struct Carried {
    pub dropped: Vec<Option<Uuid>>,
}

/// The parsed key file. It holds only wrapped keys and public parameters.
pub struct KeyFile {
    doc: KeyFileDoc,
}

impl KeyFile {
    /// Makes a new database key and seals it for `passphrase` and a fresh recovery key.
    pub fn create(
        passphrase: &Passphrase,
        kdf: KdfParams,
        entropy: &dyn Entropy,
    ) -> Result<(KeyFile, Key32, RecoveryKey), KeyError> {
        let dek = Key32::from_bytes(entropy.bytes32());
        let recovery = RecoveryKey::from_bytes(entropy.bytes32());
        let slot_entropy = Expanded::draw(entropy);
        let slots = vec![operator_slot(&dek, None, passphrase, kdf, &slot_entropy)?, recovery_slot(&dek, &recovery)?];
        let doc = KeyFileDoc { format: FORMAT.into(), version: VERSION, slots, next: None, rotation_due: false };
        Ok((KeyFile { doc }, dek, recovery))
    }

    pub fn read(dir: &Path) -> Result<KeyFile, KeyError> {
        let bytes = std::fs::read(dir.join(FILE_NAME))?;
        let doc: KeyFileDoc = serde_json::from_slice(&bytes).map_err(|_| KeyError::Damaged)?;
        if doc.format != FORMAT || !(1..=VERSION).contains(&doc.version) {
            return Err(KeyError::Damaged);
        }
        Ok(KeyFile { doc })
    }

    /// Writes the file atomically: a temporary file, fsync, rename, fsync of the directory.
    /// The caller holds the key-file lock ([`lock`]).
    pub fn write(&self, dir: &Path) -> Result<(), KeyError> {
        let mut doc = serde_json::to_value(&self.doc).map_err(|_| KeyError::Damaged)?;
        doc["version"] = VERSION.into();
        let json = serde_json::to_vec_pretty(&doc).map_err(|_| KeyError::Damaged)?;
        let tmp = dir.join(format!("{FILE_NAME}.tmp"));
        crate::support::files::write_via(&tmp, &dir.join(FILE_NAME), &json)?;
        Ok(())
    }

    pub fn unlock_with_passphrase(&self, passphrase: &Passphrase) -> Result<Key32, KeyError> {
        Ok(self.unlock_operator(passphrase)?.dek)
    }

    /// Unlocks with an operator's passphrase; also says whose slot it opened. Each slot costs
    /// one Argon2id derivation, so a laptop with four operators takes up to four times as long
    /// to refuse a wrong passphrase.
    pub fn unlock_operator(&self, passphrase: &Passphrase) -> Result<Opened, KeyError> {
        for slot in &self.doc.slots {
            match slot {
                SlotDoc::Operator { operator, kdf, salt, nonce, secret, public, sealed } => {
                    let kek = derive_passphrase_key(passphrase, &decode(salt)?, *kdf)?;
                    let aad = operator_aad(operator.as_deref());
                    let Ok(secret) = unwrap(&kek, nonce, secret, &aad) else { continue };
                    let identity = crate::support::secret::x25519_identity(secret.expose()).ok_or(KeyError::Damaged)?;
                    if identity.to_public().to_string() != *public {
                        return Err(KeyError::Damaged);
                    }
                    let dek = unseal(&identity, sealed)?;
                    return Ok(Opened { dek, owner: parse_owner(operator.as_deref())?, legacy: None });
                }
                SlotDoc::Passphrase { kdf, salt, nonce, wrapped, operator } => {
                    let kek = derive_passphrase_key(passphrase, &decode(salt)?, *kdf)?;
                    if let Ok(dek) = unwrap(&kek, nonce, wrapped, AAD_PASSPHRASE) {
                        return Ok(Opened { dek, owner: parse_owner(operator.as_deref())?, legacy: Some(*kdf) });
                    }
                }
                SlotDoc::RecoveryPublic { .. } | SlotDoc::Recovery { .. } => {}
            }
        }
        Err(KeyError::WrongPassphrase)
    }

    /// Unlocks with the recovery key. The flag says the slot is of version 1 and should be
    /// rewritten ([`KeyFile::set_recovery`]) while the recovery key is at hand.
    pub fn unlock_with_recovery(&self, recovery: &RecoveryKey) -> Result<(Key32, bool), KeyError> {
        for slot in &self.doc.slots {
            match slot {
                SlotDoc::RecoveryPublic { public, sealed } => {
                    let identity = recovery_identity(recovery)?;
                    if identity.to_public().to_string() == *public {
                        return Ok((unseal(&identity, sealed)?, false));
                    }
                }
                SlotDoc::Recovery { salt, nonce, wrapped } => {
                    let kek = derive_recovery_key(recovery, &decode(salt)?);
                    if let Ok(dek) = unwrap(&kek, nonce, wrapped, AAD_RECOVERY) {
                        return Ok((dek, true));
                    }
                }
                SlotDoc::Operator { .. } | SlotDoc::Passphrase { .. } => {}
            }
        }
        Err(KeyError::WrongRecoveryKey)
    }

    /// Sets the passphrase of one operator (`None`: the operator who set the store up),
    /// replacing their slot or adding one. The other slots and the recovery slot are kept.
    pub fn set_passphrase(
        &mut self,
        dek: &Key32,
        owner: Option<Uuid>,
        new: &Passphrase,
        kdf: KdfParams,
        entropy: &dyn Entropy,
    ) -> Result<(), KeyError> {
        let slot = operator_slot(dek, owner, new, kdf, entropy)?;
        match self.doc.slots.iter().position(|s| slot_owner(s) == Some(owner)) {
            Some(i) => self.doc.slots[i] = slot,
            None => {
                let at = self.doc.slots.iter().take_while(|s| slot_owner(s).is_some()).count();
                self.doc.slots.insert(at, slot);
            }
        }
        Ok(())
    }

    /// Replaces the recovery slot by one sealed to the recovery key's public half.
    pub fn set_recovery(&mut self, dek: &Key32, recovery: &RecoveryKey) -> Result<(), KeyError> {
        let slot = recovery_slot(dek, recovery)?;
        self.doc.slots.retain(|s| !matches!(s, SlotDoc::Recovery { .. } | SlotDoc::RecoveryPublic { .. }));
        self.doc.slots.push(slot);
        Ok(())
    }

    /// Removes an operator's passphrase slot (`None`: the operator who set the store up): they
    /// can no longer unlock the store with this file. Their old copies of the file still open
    /// the current database key until it is rotated.
    pub fn remove_passphrase(&mut self, owner: Option<Uuid>) {
        self.doc.slots.retain(|s| slot_owner(s) != Some(owner));
    }

    /// Whether an operator has a passphrase here.
    pub fn has_passphrase(&self, owner: Option<Uuid>) -> bool {
        self.doc.slots.iter().any(|s| slot_owner(s) == Some(owner))
    }

    /// The Argon2id parameters of the (first) passphrase slot.
    pub fn kdf_params(&self) -> Option<KdfParams> {
        self.doc.slots.iter().find_map(|s| match s {
            SlotDoc::Operator { kdf, .. } | SlotDoc::Passphrase { kdf, .. } => Some(*kdf),
            SlotDoc::Recovery { .. } | SlotDoc::RecoveryPublic { .. } => None,
        })
    }

    /// Whether a rotation needs the recovery key (its slot is still of version 1).
    pub fn rotation_needs_recovery_key(&self) -> bool {
        !self.doc.slots.iter().any(|s| matches!(s, SlotDoc::RecoveryPublic { .. }))
    }

    /// The slots of `new_dek`: every current operator slot for which `keep` holds and the
    /// recovery slot, sealed to the same public keys. No secret is needed, except the recovery
    /// key when its slot is of version 1. Version-1 operator slots cannot be carried and are
    /// reported. Nothing changes until [`KeyFile::begin_rotation`].
    pub fn rotation(
        &self,
        new_dek: &Key32,
        keep: impl Fn(Option<Uuid>) -> bool,
        recovery: Option<&RecoveryKey>,
    ) -> Result<(SlotDocs, Carried), KeyError> {
        let mut slots = Vec::new();
        let mut carried = Carried::default();
        let mut sealed_recovery = false;
        for slot in &self.doc.slots {
            match slot {
                SlotDoc::Operator { operator, kdf, salt, nonce, secret, public, .. } => {
                    let owner = parse_owner(operator.as_deref())?;
                    if keep(owner) {
                        slots.push(SlotDoc::Operator {
                            operator: operator.clone(),
                            kdf: *kdf,
                            salt: salt.clone(),
                            nonce: nonce.clone(),
                            secret: secret.clone(),
                            public: public.clone(),
                            sealed: seal(public, new_dek)?,
                        });
                    }
                }
                SlotDoc::Passphrase { operator, .. } => {
                    let owner = parse_owner(operator.as_deref())?;
                    if keep(owner) {
                        carried.dropped.push(owner);
                    }
                }
                SlotDoc::RecoveryPublic { public, .. } => {
                    slots.push(SlotDoc::RecoveryPublic { public: public.clone(), sealed: seal(public, new_dek)? });
                    sealed_recovery = true;
                }
                SlotDoc::Recovery { .. } => {}
            }
        }
        if !sealed_recovery {
            let recovery = recovery.ok_or(KeyError::RecoveryKeyNeeded)?;
            // The key given must be this store's: it opens the current slot.
            self.unlock_with_recovery(recovery)?;
            slots.push(recovery_slot(new_dek, recovery)?);
        }
        Ok((SlotDocs(slots), carried))
    }

    /// Records a rotation under way: `next` holds the new key's slots. The current slots stay
    /// until [`KeyFile::finish_rotation`].
    pub fn begin_rotation(&mut self, next: SlotDocs) {
        self.doc.next = Some(next.0);
    }

    /// Whether a rotation was begun and not finished.
    pub fn rotation_under_way(&self) -> bool {
        self.doc.next.is_some()
    }

    /// Makes the new key's slots the only ones.
    pub fn finish_rotation(&mut self) {
        if let Some(next) = self.doc.next.take() {
            self.doc.slots = next;
        }
        self.doc.rotation_due = false;
    }

    /// Forgets a rotation that never reached the database (its copy was not complete).
    pub fn abandon_rotation(&mut self) {
        self.doc.next = None;
    }

    /// Whether an operator was removed since the key last changed.
    pub fn rotation_due(&self) -> bool {
        self.doc.rotation_due
    }

    pub fn set_rotation_due(&mut self, due: bool) {
        self.doc.rotation_due = due;
    }

    /// A key file of version 1, as Lintas wrote it before key rotation: the database key
    /// wrapped directly under the passphrase and under the recovery key.
    #[cfg(test)]
    pub(crate) fn version_1(
        dek: &Key32,
        owner: Option<Uuid>,
        pass: &Passphrase,
        recovery: &RecoveryKey,
        e: &dyn Entropy,
    ) -> KeyFile {
        let mut salt = [0u8; 16];
        e.fill(&mut salt);
        let kek = derive_passphrase_key(pass, &salt, TEST_KDF).unwrap();
        let (nonce, wrapped) = wrap(&kek, dek, AAD_PASSPHRASE, e);
        let passphrase = SlotDoc::Passphrase {
            kdf: TEST_KDF,
            salt: BASE64.encode(&salt),
            nonce,
            wrapped,
            operator: owner.map(|o| o.to_string()),
        };
        e.fill(&mut salt);
        let kek = derive_recovery_key(recovery, &salt);
        let (nonce, wrapped) = wrap(&kek, dek, AAD_RECOVERY, e);
        let rec = SlotDoc::Recovery { salt: BASE64.encode(&salt), nonce, wrapped };
        let doc = KeyFileDoc {
            format: FORMAT.into(),
            version: 1,
            slots: vec![passphrase, rec],
            next: None,
            rotation_due: false,
        };
        KeyFile { doc }
    }
}

/// The cheap Argon2id parameters of the unit tests.
#[cfg(test)]
pub(crate) const TEST_KDF: KdfParams = KdfParams { m_kib: 1024, t: 1, p: 1 };

/// Randomness for a new store's first slot: the 56 bytes that version-1 slots drew from the
/// store's source, expanded with HKDF-SHA256. A store set up from a seeded source thus draws the
/// same bytes as before and gets the same device keys, on which the golden fixtures depend.
struct Expanded {
    prk: ring::hkdf::Prk,
    calls: std::sync::atomic::AtomicU32,
}

impl Expanded {
    fn draw(entropy: &dyn Entropy) -> Expanded {
        // Drawn as version 1 drew them: a salt and a nonce for each of its two slots.
        let mut seed = Zeroizing::new([0u8; 56]);
        for (from, to) in [(0, 16), (16, 28), (28, 44), (44, 56)] {
            entropy.fill(&mut seed[from..to]);
        }
        let prk = ring::hkdf::Salt::new(ring::hkdf::HKDF_SHA256, b"lintas-keys-v2/slot").extract(&seed[..]);
        Expanded { prk, calls: std::sync::atomic::AtomicU32::new(0) }
    }
}

impl Entropy for Expanded {
    fn fill(&self, buf: &mut [u8]) {
        struct Len(usize);
        impl ring::hkdf::KeyType for Len {
            fn len(&self) -> usize {
                self.0
            }
        }
        let n = self.calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed).to_be_bytes();
        // Slots ask for at most 32 bytes at a time, far below HKDF's limit of 255 blocks.
        self.prk.expand(&[&n], Len(buf.len())).and_then(|okm| okm.fill(buf)).expect("HKDF expand of a slot's bytes");
    }
}

/// The slots of a new database key, made by [`KeyFile::rotation`]; opaque outside this module.
pub struct SlotDocs(Vec<SlotDoc>);

/// Takes the key-file lock, waiting for another Lintas process that holds it. Released when
/// the returned file is dropped.
pub fn lock(dir: &Path) -> Result<std::fs::File, KeyError> {
    let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(dir.join(LOCK_FILE))?;
    file.lock()?;
    Ok(file)
}

fn parse_owner(text: Option<&str>) -> Result<Option<Uuid>, KeyError> {
    text.map(|t| t.parse().map_err(|_| KeyError::Damaged)).transpose()
}

/// The owner of a passphrase slot (`Some(None)` for the set-up operator); `None` for the
/// recovery slot. An owner id that does not parse matches no operator.
fn slot_owner(slot: &SlotDoc) -> Option<Option<Uuid>> {
    match slot {
        SlotDoc::Operator { operator: None, .. } | SlotDoc::Passphrase { operator: None, .. } => Some(None),
        SlotDoc::Operator { operator: Some(text), .. } | SlotDoc::Passphrase { operator: Some(text), .. } => {
            text.parse().ok().map(Some)
        }
        SlotDoc::Recovery { .. } | SlotDoc::RecoveryPublic { .. } => None,
    }
}

const AAD_PASSPHRASE: &[u8] = b"lintas-keys-v1/passphrase";
const AAD_RECOVERY: &[u8] = b"lintas-keys-v1/recovery";

/// The operator's id is bound to their wrapped secret: a slot relabelled as another operator's
/// (the set-up coordinator's, say) no longer opens.
fn operator_aad(owner: Option<&str>) -> Vec<u8> {
    let mut aad = b"lintas-keys-v2/operator/".to_vec();
    aad.extend_from_slice(owner.unwrap_or("founding").as_bytes());
    aad
}

fn operator_slot(
    dek: &Key32,
    owner: Option<Uuid>,
    passphrase: &Passphrase,
    kdf: KdfParams,
    entropy: &dyn Entropy,
) -> Result<SlotDoc, KeyError> {
    let mut salt = [0u8; 16];
    entropy.fill(&mut salt);
    let kek = derive_passphrase_key(passphrase, &salt, kdf)?;
    let secret = Key32::from_bytes(entropy.bytes32());
    let public =
        crate::support::secret::x25519_identity(secret.expose()).ok_or(KeyError::Damaged)?.to_public().to_string();
    let operator = owner.map(|o| o.to_string());
    let (nonce, wrapped) = wrap(&kek, &secret, &operator_aad(operator.as_deref()), entropy);
    let sealed = seal(&public, dek)?;
    Ok(SlotDoc::Operator { operator, kdf, salt: BASE64.encode(&salt), nonce, secret: wrapped, public, sealed })
}

fn recovery_slot(dek: &Key32, recovery: &RecoveryKey) -> Result<SlotDoc, KeyError> {
    let public = recovery_identity(recovery)?.to_public().to_string();
    let sealed = seal(&public, dek)?;
    Ok(SlotDoc::RecoveryPublic { public, sealed })
}

/// The recovery key pair: its secret half derived from the recovery key, so that only the
/// public half needs to be kept.
fn recovery_identity(recovery: &RecoveryKey) -> Result<age::x25519::Identity, KeyError> {
    let secret = hkdf32(recovery.key(), b"lintas-keys-v2/recovery", b"x25519 secret");
    crate::support::secret::x25519_identity(secret.expose()).ok_or(KeyError::Damaged)
}

/// Seals the database key to an age X25519 recipient.
fn seal(public: &str, dek: &Key32) -> Result<String, KeyError> {
    let recipient: age::x25519::Recipient = public.parse().map_err(|_| KeyError::Damaged)?;
    let sealed = age::encrypt(&recipient, dek.expose()).map_err(|_| KeyError::Damaged)?;
    Ok(BASE64.encode(&sealed))
}

fn unseal(identity: &age::x25519::Identity, sealed: &str) -> Result<Key32, KeyError> {
    let plain = Zeroizing::new(age::decrypt(identity, &decode(sealed)?).map_err(|_| KeyError::Damaged)?);
    let bytes: [u8; 32] = plain.as_slice().try_into().map_err(|_| KeyError::Damaged)?;
    Ok(Key32::from_bytes(bytes))
}

/// The most work a key file may ask of an unlock: 1 GiB of memory, 50 passes, 8 lanes. A key
/// file comes from outside too (a restored backup carries one verbatim), and one that asked for
/// more would make opening the store exhaust the laptop's memory or run for hours. The
/// parameters Lintas writes are 64 MiB, 1 to 10 passes, 1 lane.
const MAX_KDF: KdfParams = KdfParams { m_kib: 1024 * 1024, t: 50, p: 8 };

fn derive_passphrase_key(passphrase: &Passphrase, salt: &[u8], kdf: KdfParams) -> Result<Key32, KeyError> {
    if kdf.m_kib > MAX_KDF.m_kib || kdf.t > MAX_KDF.t || kdf.p > MAX_KDF.p {
        return Err(KeyError::BadParams);
    }
    let params = argon2::Params::new(kdf.m_kib, kdf.t, kdf.p, Some(32)).map_err(|_| KeyError::BadParams)?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut out = Zeroizing::new([0u8; 32]);
    argon.hash_password_into(passphrase.as_bytes(), salt, &mut out[..]).map_err(|_| KeyError::BadParams)?;
    Ok(Key32::from_bytes(*out))
}

/// The recovery key is 256 random bits, so a fast KDF is enough; HKDF binds it to the salt.
fn derive_recovery_key(recovery: &RecoveryKey, salt: &[u8]) -> Key32 {
    hkdf32(recovery.key(), salt, b"lintas recovery kek v1")
}

fn hkdf32(key: &Key32, salt: &[u8], info: &[u8]) -> Key32 {
    struct Len32;
    impl ring::hkdf::KeyType for Len32 {
        fn len(&self) -> usize {
            32
        }
    }
    let prk = ring::hkdf::Salt::new(ring::hkdf::HKDF_SHA256, salt).extract(key.expose());
    let mut out = Zeroizing::new([0u8; 32]);
    // Expanding 32 bytes from SHA-256 cannot fail: ring only refuses lengths over 255 blocks.
    prk.expand(&[info], Len32).and_then(|okm| okm.fill(&mut out[..])).expect("HKDF expand of 32 bytes");
    Key32::from_bytes(*out)
}

fn wrap(kek: &Key32, dek: &Key32, aad: &[u8], entropy: &dyn Entropy) -> (String, String) {
    let key = LessSafeKey::new(UnboundKey::new(&CHACHA20_POLY1305, kek.expose()).expect("32-byte key"));
    let mut nonce = [0u8; 12];
    entropy.fill(&mut nonce);
    let mut buf = Zeroizing::new(dek.expose().to_vec());
    key.seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::from(aad), &mut *buf)
        .expect("sealing 32 bytes cannot fail");
    (BASE64.encode(&nonce), BASE64.encode(&buf))
}

fn unwrap(kek: &Key32, nonce: &str, wrapped: &str, aad: &[u8]) -> Result<Key32, KeyError> {
    let key = LessSafeKey::new(UnboundKey::new(&CHACHA20_POLY1305, kek.expose()).expect("32-byte key"));
    let nonce: [u8; 12] = decode(nonce)?.try_into().map_err(|_| KeyError::Damaged)?;
    let mut buf = Zeroizing::new(decode(wrapped)?);
    let plain = key
        .open_in_place(Nonce::assume_unique_for_key(nonce), Aad::from(aad), &mut buf[..])
        .map_err(|_| KeyError::WrongPassphrase)?;
    let bytes: [u8; 32] = (&*plain).try_into().map_err(|_| KeyError::Damaged)?;
    Ok(Key32::from_bytes(bytes))
}

fn decode(text: &str) -> Result<Vec<u8>, KeyError> {
    BASE64.decode(text.as_bytes()).map_err(|_| KeyError::Damaged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::ambient::SeededEntropy;

    const CHEAP: KdfParams = KdfParams { m_kib: 1024, t: 1, p: 1 };

    /// A key file from outside (a restored backup) cannot make an unlock take all memory or
    /// all day: parameters over the bounds are refused before anything is allocated.
    #[test]
    fn kdf_parameters_over_the_bounds_are_refused_at_once() {
        let pass = Passphrase::new("kata sandi yang cukup panjang");
        for kdf in [
            KdfParams { m_kib: u32::MAX, t: 1, p: 1 },
            KdfParams { m_kib: 1024, t: u32::MAX, p: 1 },
            KdfParams { m_kib: 1024, t: 1, p: 64 },
        ] {
            assert!(matches!(derive_passphrase_key(&pass, &[0; 16], kdf), Err(KeyError::BadParams)));
        }
        assert!(derive_passphrase_key(&pass, &[0; 16], CHEAP).is_ok());
    }

    #[test]
    fn passphrase_and_recovery_unlock_the_same_key() {
        let e = SeededEntropy::new(3);
        let (file, dek, recovery) = KeyFile::create(&Passphrase::new("kata sandi panjang"), CHEAP, &e).unwrap();
        let a = file.unlock_with_passphrase(&Passphrase::new("kata sandi panjang")).unwrap();
        let (b, _) = file.unlock_with_recovery(&recovery).unwrap();
        assert_eq!(a.expose(), dek.expose());
        assert_eq!(b.expose(), dek.expose());
        assert!(matches!(file.unlock_with_passphrase(&Passphrase::new("salah")), Err(KeyError::WrongPassphrase)));
        let other = RecoveryKey::from_bytes([1u8; 32]);
        assert!(matches!(file.unlock_with_recovery(&other), Err(KeyError::WrongRecoveryKey)));
    }

    #[test]
    fn changing_the_passphrase_keeps_key_and_recovery() {
        let e = SeededEntropy::new(4);
        let dir = tempfile::tempdir().unwrap();
        let (mut file, dek, recovery) = KeyFile::create(&Passphrase::new("lama lama lama"), CHEAP, &e).unwrap();
        file.set_passphrase(&dek, None, &Passphrase::new("baru baru baru"), CHEAP, &e).unwrap();
        file.write(dir.path()).unwrap();
        let file = KeyFile::read(dir.path()).unwrap();
        assert!(file.unlock_with_passphrase(&Passphrase::new("lama lama lama")).is_err());
        assert_eq!(file.unlock_with_passphrase(&Passphrase::new("baru baru baru")).unwrap().expose(), dek.expose());
        assert_eq!(file.unlock_with_recovery(&recovery).unwrap().0.expose(), dek.expose());
    }

    #[test]
    fn each_operator_has_a_slot_of_their_own() {
        let e = SeededEntropy::new(6);
        let (mut file, dek, recovery) = KeyFile::create(&Passphrase::new("koordinator satu"), CHEAP, &e).unwrap();
        let worker = Uuid::from_u128(7);
        file.set_passphrase(&dek, Some(worker), &Passphrase::new("pendamping dua"), CHEAP, &e).unwrap();
        let opened = file.unlock_operator(&Passphrase::new("pendamping dua")).unwrap();
        assert_eq!((opened.dek.expose(), opened.owner), (dek.expose(), Some(worker)));
        assert_eq!(file.unlock_operator(&Passphrase::new("koordinator satu")).unwrap().owner, None);
        // Changing one operator's passphrase leaves the other's alone.
        file.set_passphrase(&dek, Some(worker), &Passphrase::new("pendamping baru"), CHEAP, &e).unwrap();
        assert!(file.unlock_operator(&Passphrase::new("pendamping dua")).is_err());
        assert!(file.unlock_operator(&Passphrase::new("koordinator satu")).is_ok());
        file.remove_passphrase(Some(worker));
        assert!(file.unlock_operator(&Passphrase::new("pendamping baru")).is_err());
        assert!(!file.has_passphrase(Some(worker)) && file.has_passphrase(None));
        assert!(file.unlock_with_recovery(&recovery).is_ok());
    }

    #[test]
    fn key_file_holds_no_key_material_in_the_clear() {
        let e = SeededEntropy::new(5);
        let dir = tempfile::tempdir().unwrap();
        let (file, dek, _r) = KeyFile::create(&Passphrase::new("x y z w v"), CHEAP, &e).unwrap();
        file.write(dir.path()).unwrap();
        let text = std::fs::read(dir.path().join(FILE_NAME)).unwrap();
        let hex: String = dek.expose().iter().map(|b| format!("{b:02x}")).collect();
        let b64 = BASE64.encode(dek.expose());
        let text = String::from_utf8(text).unwrap();
        assert!(!text.contains(&hex) && !text.contains(&b64));
        assert!(!text.contains("x y z"));
    }

    #[test]
    fn damaged_file_is_reported_as_damaged() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), b"{not json").unwrap();
        assert!(matches!(KeyFile::read(dir.path()), Err(KeyError::Damaged)));
    }

    /// The new key is sealed to the public keys already in the file: the remaining operator
    /// and the recovery key open it, the removed operator's passphrase opens nothing, and an
    /// old copy of the file opens only the old key.
    #[test]
    fn a_rotation_reseals_for_those_who_stay_without_their_secrets() {
        let e = SeededEntropy::new(8);
        let (mut file, old, recovery) = KeyFile::create(&Passphrase::new("koordinator satu"), CHEAP, &e).unwrap();
        let leaver = Uuid::from_u128(9);
        file.set_passphrase(&old, Some(leaver), &Passphrase::new("petugas yang pergi"), CHEAP, &e).unwrap();
        let old_copy = serde_json::to_vec(&file.doc).unwrap();
        let new = Key32::from_bytes([42u8; 32]);
        let (next, carried) = file.rotation(&new, |owner| owner != Some(leaver), None).unwrap();
        assert!(carried.dropped.is_empty());
        file.begin_rotation(next);
        assert!(file.rotation_under_way());
        // Until the rotation finishes, the current slots still open the old key.
        assert_eq!(file.unlock_with_passphrase(&Passphrase::new("koordinator satu")).unwrap().expose(), old.expose());
        file.finish_rotation();
        assert_eq!(file.unlock_with_passphrase(&Passphrase::new("koordinator satu")).unwrap().expose(), new.expose());
        assert_eq!(file.unlock_with_recovery(&recovery).unwrap().0.expose(), new.expose());
        assert!(matches!(file.unlock_operator(&Passphrase::new("petugas yang pergi")), Err(KeyError::WrongPassphrase)));
        let copy = KeyFile { doc: serde_json::from_slice(&old_copy).unwrap() };
        assert_eq!(copy.unlock_with_passphrase(&Passphrase::new("petugas yang pergi")).unwrap().expose(), old.expose());
    }

    /// A version-1 file opens; its passphrase slot is rewritten at the next unlock; a rotation
    /// asks for the recovery key once, and refuses another store's.
    #[test]
    fn version_1_files_open_and_are_upgraded_when_their_secrets_are_used() {
        let e = SeededEntropy::new(10);
        let dek = Key32::from_bytes([3u8; 32]);
        let pass = Passphrase::new("kata sandi lama sekali");
        let recovery = RecoveryKey::from_bytes([4u8; 32]);
        let mut file = KeyFile::version_1(&dek, None, &pass, &recovery, &e);
        let opened = file.unlock_operator(&pass).unwrap();
        assert_eq!((opened.dek.expose(), opened.owner, opened.legacy), (dek.expose(), None, Some(CHEAP)));
        assert!(file.unlock_with_recovery(&recovery).unwrap().1);
        let new = Key32::from_bytes([5u8; 32]);
        assert!(file.rotation_needs_recovery_key());
        assert!(matches!(file.rotation(&new, |_| true, None), Err(KeyError::RecoveryKeyNeeded)));
        let other = RecoveryKey::from_bytes([6u8; 32]);
        assert!(matches!(file.rotation(&new, |_| true, Some(&other)), Err(KeyError::WrongRecoveryKey)));
        // A version-1 passphrase slot cannot be carried without its passphrase.
        let (_, carried) = file.rotation(&new, |_| true, Some(&recovery)).unwrap();
        assert_eq!(carried.dropped, vec![None]);
        // Rewritten while the passphrase and the recovery key are at hand, it carries.
        file.set_passphrase(&dek, None, &pass, CHEAP, &e).unwrap();
        file.set_recovery(&dek, &recovery).unwrap();
        assert_eq!(file.unlock_operator(&pass).unwrap().legacy, None);
        assert!(!file.unlock_with_recovery(&recovery).unwrap().1 && !file.rotation_needs_recovery_key());
        let (next, carried) = file.rotation(&new, |_| true, None).unwrap();
        assert!(carried.dropped.is_empty());
        file.begin_rotation(next);
        file.finish_rotation();
        assert_eq!(file.unlock_with_passphrase(&pass).unwrap().expose(), new.expose());
        assert_eq!(file.unlock_with_recovery(&recovery).unwrap().0.expose(), new.expose());
    }

    /// Someone who edits the file to label their own slot as the set-up coordinator's (or any
    /// other operator's) opens nothing with it.
    #[test]
    fn a_slot_relabelled_as_another_operator_does_not_open() {
        let e = SeededEntropy::new(11);
        let (mut file, dek, _r) = KeyFile::create(&Passphrase::new("koordinator satu"), CHEAP, &e).unwrap();
        let worker = Uuid::from_u128(12);
        file.set_passphrase(&dek, Some(worker), &Passphrase::new("pendamping kasus"), CHEAP, &e).unwrap();
        for label in [None, Some(Uuid::from_u128(13).to_string())] {
            let mut doc = serde_json::to_value(&file.doc).unwrap();
            for slot in doc["slots"].as_array_mut().unwrap() {
                if slot["operator"] == worker.to_string() {
                    match &label {
                        Some(l) => slot["operator"] = l.clone().into(),
                        None => drop(slot.as_object_mut().unwrap().remove("operator")),
                    }
                }
            }
            let forged = KeyFile { doc: serde_json::from_value(doc).unwrap() };
            assert!(matches!(
                forged.unlock_operator(&Passphrase::new("pendamping kasus")),
                Err(KeyError::WrongPassphrase)
            ));
        }
    }
}
