//! Secret material: the database key, key-encryption keys, passphrases and recovery keys.
//!
//! These types deliberately implement neither `Clone` nor `Serialize`, print as `[redacted]`
//! under `Debug`, and wipe their bytes when dropped, so that a key cannot be copied around,
//! logged or written to disk by accident.

use std::fmt;
use zeroize::{Zeroize, Zeroizing};

/// A 32-byte symmetric key (the database key or a key-encryption key).
pub struct Key32([u8; 32]);

impl Key32 {
    pub(crate) fn from_bytes(bytes: [u8; 32]) -> Self {
        Key32(bytes)
    }

    pub(crate) fn expose(&self) -> &[u8; 32] {
        &self.0
    }

    /// The key as SQLCipher's raw-key literal `x'…'`, in a buffer that is wiped on drop.
    pub(crate) fn sqlcipher_literal(&self) -> Zeroizing<String> {
        let mut s = Zeroizing::new(String::with_capacity(67));
        s.push_str("x'");
        for b in self.0.iter() {
            s.push(HEX[(b >> 4) as usize] as char);
            s.push(HEX[(b & 0x0f) as usize] as char);
        }
        s.push('\'');
        s
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// An X25519 key pair for age from 32 secret bytes. age reads X25519 secrets only from their
/// Bech32 text form, which is built and dropped in wiped buffers.
pub(crate) fn x25519_identity(secret: &[u8; 32]) -> Option<age::x25519::Identity> {
    let hrp = bech32::Hrp::parse("AGE-SECRET-KEY-").ok()?;
    let text = Zeroizing::new(bech32::encode::<bech32::Bech32>(hrp, &secret[..]).ok()?.to_uppercase());
    text.parse().ok()
}

impl Drop for Key32 {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for Key32 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key32([redacted])")
    }
}

/// A passphrase typed by an operator.
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    pub fn new(text: impl Into<String>) -> Self {
        Passphrase(Zeroizing::new(text.into()))
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// Number of characters, used for the minimum-length rule without exposing the text.
    pub fn char_count(&self) -> usize {
        self.0.chars().count()
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase([redacted])")
    }
}

/// The recovery key shown once at set-up. Its text form is 55 base32 characters in groups of
/// five; the last bytes are a checksum so that a mistyped key is told apart from a wrong one.
pub struct RecoveryKey(Key32);

/// Returned when a recovery key's text cannot be read back (wrong length or checksum).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MistypedRecoveryKey;

impl RecoveryKey {
    pub(crate) fn from_bytes(bytes: [u8; 32]) -> Self {
        RecoveryKey(Key32::from_bytes(bytes))
    }

    pub(crate) fn key(&self) -> &Key32 {
        &self.0
    }

    /// The text to show the user once, e.g. `ABCDE-FGHIJ-…`.
    pub fn display_text(&self) -> Zeroizing<String> {
        let mut raw = Zeroizing::new([0u8; 34]);
        raw[..32].copy_from_slice(self.0.expose());
        let check = ring::digest::digest(&ring::digest::SHA256, self.0.expose());
        raw[32..].copy_from_slice(&check.as_ref()[..2]);
        let plain = Zeroizing::new(data_encoding::BASE32_NOPAD.encode(&raw[..]));
        let mut out = Zeroizing::new(String::with_capacity(66));
        for (i, c) in plain.chars().enumerate() {
            if i > 0 && i % 5 == 0 {
                out.push('-');
            }
            out.push(c);
        }
        out
    }

    /// Reads a recovery key as typed: case, spaces and dashes do not matter.
    pub fn parse(text: &str) -> Result<Self, MistypedRecoveryKey> {
        let cleaned: Zeroizing<String> = Zeroizing::new(
            text.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect(),
        );
        let raw =
            Zeroizing::new(data_encoding::BASE32_NOPAD.decode(cleaned.as_bytes()).map_err(|_| MistypedRecoveryKey)?);
        if raw.len() != 34 {
            return Err(MistypedRecoveryKey);
        }
        let mut key = [0u8; 32];
        key.copy_from_slice(&raw[..32]);
        let check = ring::digest::digest(&ring::digest::SHA256, &key);
        if check.as_ref()[..2] != raw[32..] {
            key.zeroize();
            return Err(MistypedRecoveryKey);
        }
        Ok(RecoveryKey::from_bytes(key))
    }
}

impl fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryKey([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_is_redacted() {
        let k = Key32::from_bytes([7u8; 32]);
        assert_eq!(format!("{k:?}"), "Key32([redacted])");
        let p = Passphrase::new("rahasia sekali");
        assert!(!format!("{p:?}").contains("rahasia"));
        let r = RecoveryKey::from_bytes([9u8; 32]);
        assert!(!format!("{r:?}").contains("AAAA"));
    }

    #[test]
    fn sqlcipher_literal_is_hex() {
        let k = Key32::from_bytes([0xab; 32]);
        let lit = k.sqlcipher_literal();
        assert_eq!(lit.len(), 67);
        assert!(lit.starts_with("x'abab") && lit.ends_with("ab'"));
    }

    #[test]
    fn recovery_key_round_trips_and_detects_typos() {
        let mut bytes = [0u8; 32];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = (i * 37 + 11) as u8;
        }
        let key = RecoveryKey::from_bytes(bytes);
        let text = key.display_text();
        assert_eq!(text.len(), 55 + 10);
        let back = RecoveryKey::parse(&text.to_lowercase().replace('-', " ")).unwrap();
        assert_eq!(back.key().expose(), &bytes);

        // Change one character: the checksum (or the decoding) must catch it.
        let mut typo: Vec<char> = text.chars().collect();
        typo[3] = if typo[3] == 'A' { 'B' } else { 'A' };
        let typo: String = typo.into_iter().collect();
        assert_eq!(RecoveryKey::parse(&typo).unwrap_err(), MistypedRecoveryKey);
        assert_eq!(RecoveryKey::parse("ABC").unwrap_err(), MistypedRecoveryKey);
    }
}
