//! The key file: the database key (DEK), wrapped once per unlock method.
//!
//! The store is encrypted by SQLCipher with a random 32-byte raw key. That key never touches the
//! disk in the clear: `keys.json` holds it wrapped (ChaCha20-Poly1305) under
//! - a key derived from the operator's passphrase with Argon2id, calibrated at set-up, and
//! - a key derived (HKDF-SHA256) from the high-entropy recovery key shown once at set-up.
//!
//! A wrong passphrase fails the AEAD tag check here, before SQLCipher is ever touched, so it is
//! told apart cleanly from a damaged database. Changing the passphrase rewrites only this file.

use crate::ambient::Entropy;
use crate::secret::{Key32, Passphrase, RecoveryKey};
use data_encoding::BASE64;
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, CHACHA20_POLY1305};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};
use uuid::Uuid;
use zeroize::Zeroizing;

pub const FILE_NAME: &str = "keys.json";
const FORMAT: &str = "lintas-keys";
const VERSION: u32 = 1;

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
}

#[derive(Serialize, Deserialize, Clone)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum SlotDoc {
    Passphrase {
        kdf: KdfParams,
        salt: String,
        nonce: String,
        wrapped: String,
        /// The operator this passphrase belongs to. Absent for the operator who set the store
        /// up (key files written before there were several operators have only that slot).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        operator: Option<String>,
    },
    Recovery {
        salt: String,
        nonce: String,
        wrapped: String,
    },
}

/// The parsed key file. It holds only wrapped keys and public parameters.
pub struct KeyFile {
    doc: KeyFileDoc,
}

impl KeyFile {
    /// Makes a new database key and wraps it for `passphrase` and a fresh recovery key.
    pub fn create(
        passphrase: &Passphrase,
        kdf: KdfParams,
        entropy: &dyn Entropy,
    ) -> Result<(KeyFile, Key32, RecoveryKey), KeyError> {
        let dek = Key32::from_bytes(entropy.bytes32());
        let recovery = RecoveryKey::from_bytes(entropy.bytes32());
        let slots = vec![passphrase_slot(&dek, passphrase, kdf, entropy)?, recovery_slot(&dek, &recovery, entropy)?];
        let doc = KeyFileDoc { format: FORMAT.into(), version: VERSION, slots };
        Ok((KeyFile { doc }, dek, recovery))
    }

    pub fn read(dir: &Path) -> Result<KeyFile, KeyError> {
        let bytes = std::fs::read(dir.join(FILE_NAME))?;
        let doc: KeyFileDoc = serde_json::from_slice(&bytes).map_err(|_| KeyError::Damaged)?;
        if doc.format != FORMAT || doc.version != VERSION {
            return Err(KeyError::Damaged);
        }
        Ok(KeyFile { doc })
    }

    /// Writes the file atomically: a temporary file, fsync, rename, fsync of the directory.
    pub fn write(&self, dir: &Path) -> Result<(), KeyError> {
        let json = serde_json::to_vec_pretty(&self.doc).map_err(|_| KeyError::Damaged)?;
        let tmp = dir.join(format!("{FILE_NAME}.tmp"));
        {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(&json)?;
            f.sync_all()?;
        }
        std::fs::rename(&tmp, dir.join(FILE_NAME))?;
        sync_dir(dir)?;
        Ok(())
    }

    pub fn unlock_with_passphrase(&self, passphrase: &Passphrase) -> Result<Key32, KeyError> {
        Ok(self.unlock_operator(passphrase)?.0)
    }

    /// Unlocks with an operator's passphrase; also says whose slot it opened (`None`: the
    /// operator who set the store up). Each slot costs one Argon2id derivation, so a laptop
    /// with four operators takes up to four times as long to refuse a wrong passphrase.
    pub fn unlock_operator(&self, passphrase: &Passphrase) -> Result<(Key32, Option<Uuid>), KeyError> {
        for slot in &self.doc.slots {
            if let SlotDoc::Passphrase { kdf, salt, nonce, wrapped, operator } = slot {
                let kek = derive_passphrase_key(passphrase, &decode(salt)?, *kdf)?;
                if let Ok(dek) = unwrap(&kek, nonce, wrapped, AAD_PASSPHRASE) {
                    let owner = match operator {
                        Some(text) => Some(text.parse().map_err(|_| KeyError::Damaged)?),
                        None => None,
                    };
                    return Ok((dek, owner));
                }
            }
        }
        Err(KeyError::WrongPassphrase)
    }

    pub fn unlock_with_recovery(&self, recovery: &RecoveryKey) -> Result<Key32, KeyError> {
        for slot in &self.doc.slots {
            if let SlotDoc::Recovery { salt, nonce, wrapped } = slot {
                let kek = derive_recovery_key(recovery, &decode(salt)?);
                if let Ok(dek) = unwrap(&kek, nonce, wrapped, AAD_RECOVERY) {
                    return Ok(dek);
                }
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
        let mut slot = passphrase_slot(dek, new, kdf, entropy)?;
        if let SlotDoc::Passphrase { operator, .. } = &mut slot {
            *operator = owner.map(|o| o.to_string());
        }
        match self.doc.slots.iter().position(|s| slot_owner(s) == Some(owner)) {
            Some(i) => self.doc.slots[i] = slot,
            None => {
                let at = self.doc.slots.iter().take_while(|s| matches!(s, SlotDoc::Passphrase { .. })).count();
                self.doc.slots.insert(at, slot);
            }
        }
        Ok(())
    }

    /// Removes an operator's passphrase slot: they can no longer unlock the store.
    pub fn remove_passphrase(&mut self, owner: Uuid) {
        self.doc.slots.retain(|s| slot_owner(s) != Some(Some(owner)));
    }

    /// Whether an operator has a passphrase here.
    pub fn has_passphrase(&self, owner: Option<Uuid>) -> bool {
        self.doc.slots.iter().any(|s| slot_owner(s) == Some(owner))
    }

    /// The Argon2id parameters of the (first) passphrase slot.
    pub fn kdf_params(&self) -> Option<KdfParams> {
        self.doc.slots.iter().find_map(|s| match s {
            SlotDoc::Passphrase { kdf, .. } => Some(*kdf),
            SlotDoc::Recovery { .. } => None,
        })
    }
}

/// The owner of a passphrase slot (`Some(None)` for the set-up operator); `None` for the
/// recovery slot. An owner id that does not parse matches no operator.
fn slot_owner(slot: &SlotDoc) -> Option<Option<Uuid>> {
    match slot {
        SlotDoc::Passphrase { operator: None, .. } => Some(None),
        SlotDoc::Passphrase { operator: Some(text), .. } => text.parse().ok().map(Some),
        SlotDoc::Recovery { .. } => None,
    }
}

const AAD_PASSPHRASE: &[u8] = b"lintas-keys-v1/passphrase";
const AAD_RECOVERY: &[u8] = b"lintas-keys-v1/recovery";

fn passphrase_slot(
    dek: &Key32,
    passphrase: &Passphrase,
    kdf: KdfParams,
    entropy: &dyn Entropy,
) -> Result<SlotDoc, KeyError> {
    let mut salt = [0u8; 16];
    entropy.fill(&mut salt);
    let kek = derive_passphrase_key(passphrase, &salt, kdf)?;
    let (nonce, wrapped) = wrap(&kek, dek, AAD_PASSPHRASE, entropy);
    Ok(SlotDoc::Passphrase { kdf, salt: BASE64.encode(&salt), nonce, wrapped, operator: None })
}

fn recovery_slot(dek: &Key32, recovery: &RecoveryKey, entropy: &dyn Entropy) -> Result<SlotDoc, KeyError> {
    let mut salt = [0u8; 16];
    entropy.fill(&mut salt);
    let kek = derive_recovery_key(recovery, &salt);
    let (nonce, wrapped) = wrap(&kek, dek, AAD_RECOVERY, entropy);
    Ok(SlotDoc::Recovery { salt: BASE64.encode(&salt), nonce, wrapped })
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
    struct Len32;
    impl ring::hkdf::KeyType for Len32 {
        fn len(&self) -> usize {
            32
        }
    }
    let prk = ring::hkdf::Salt::new(ring::hkdf::HKDF_SHA256, salt).extract(recovery.key().expose());
    let mut out = Zeroizing::new([0u8; 32]);
    // Expanding 32 bytes from SHA-256 cannot fail: ring only refuses lengths over 255 blocks.
    prk.expand(&[b"lintas recovery kek v1"], Len32)
        .and_then(|okm| okm.fill(&mut out[..]))
        .expect("HKDF expand of 32 bytes");
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

/// Makes a rename durable. Directories cannot be opened for syncing on Windows, where NTFS
/// journals the rename itself, so there it is a no-op.
pub(crate) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ambient::SeededEntropy;

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
        let b = file.unlock_with_recovery(&recovery).unwrap();
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
        assert_eq!(file.unlock_with_recovery(&recovery).unwrap().expose(), dek.expose());
    }

    #[test]
    fn each_operator_has_a_slot_of_their_own() {
        let e = SeededEntropy::new(6);
        let (mut file, dek, recovery) = KeyFile::create(&Passphrase::new("koordinator satu"), CHEAP, &e).unwrap();
        let worker = Uuid::from_u128(7);
        file.set_passphrase(&dek, Some(worker), &Passphrase::new("pendamping dua"), CHEAP, &e).unwrap();
        let (k, owner) = file.unlock_operator(&Passphrase::new("pendamping dua")).unwrap();
        assert_eq!((k.expose(), owner), (dek.expose(), Some(worker)));
        assert_eq!(file.unlock_operator(&Passphrase::new("koordinator satu")).unwrap().1, None);
        // Changing one operator's passphrase leaves the other's alone.
        file.set_passphrase(&dek, Some(worker), &Passphrase::new("pendamping baru"), CHEAP, &e).unwrap();
        assert!(file.unlock_operator(&Passphrase::new("pendamping dua")).is_err());
        assert!(file.unlock_operator(&Passphrase::new("koordinator satu")).is_ok());
        file.remove_passphrase(worker);
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
}
