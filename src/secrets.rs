//! Where the CLI gets passphrases and recovery keys: a file, an environment variable, or a
//! prompt on a terminal (never echoed). Without a terminal and without a source it is a usage
//! error, not a hang.

use lintas_core::keyfile::KdfParams;
use lintas_core::secret::{Passphrase, RecoveryKey};
use lintas_core::{setup, Error, ErrorCode};
use std::io::IsTerminal;
use std::path::Path;

/// The first line of a secret file, without its line ending.
fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or("").trim_end_matches('\r').to_string()
}

fn from_file(path: &Path) -> Result<String, Error> {
    let text = std::fs::read_to_string(path).map_err(|_| Error::with_detail(ErrorCode::Io, "passphrase file"))?;
    Ok(first_line(&text))
}

fn prompt(label: &str) -> Result<String, Error> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::new(ErrorCode::NoPassphrase));
    }
    rpassword::prompt_password(label).map_err(|_| Error::new(ErrorCode::Io))
}

/// The passphrase that unlocks the store.
pub fn passphrase(file: Option<&Path>) -> Result<Passphrase, Error> {
    if let Some(f) = file {
        return Ok(Passphrase::new(from_file(f)?));
    }
    if let Ok(p) = std::env::var("LINTAS_PASSPHRASE") {
        return Ok(Passphrase::new(p));
    }
    Ok(Passphrase::new(prompt("Kata sandi / passphrase: ")?))
}

/// A passphrase being chosen: on a terminal it is asked twice.
pub fn new_passphrase(file: Option<&Path>, env: &str) -> Result<Passphrase, Error> {
    if let Some(f) = file {
        return Ok(Passphrase::new(from_file(f)?));
    }
    if let Ok(p) = std::env::var(env) {
        return Ok(Passphrase::new(p));
    }
    let first = prompt("Kata sandi baru / new passphrase: ")?;
    let again = prompt("Ulangi / repeat: ")?;
    if first != again {
        return Err(Error::with_detail(ErrorCode::InvalidInput, "the two passphrases differ"));
    }
    Ok(Passphrase::new(first))
}

pub fn recovery_key(file: Option<&Path>) -> Result<RecoveryKey, Error> {
    let text = match file {
        Some(f) => from_file(f)?,
        None => match std::env::var("LINTAS_RECOVERY_KEY") {
            Ok(k) => k,
            Err(_) => prompt("Kunci pemulihan / recovery key: ")?,
        },
    };
    setup::parse_recovery_key(&text)
}

/// Argon2id cost for a new passphrase (see `KdfParams::for_this_machine`).
pub fn kdf_params() -> KdfParams {
    KdfParams::for_this_machine()
}
