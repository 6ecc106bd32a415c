//! Setting a store up and changing how it is unlocked.

use crate::error::Error;
use crate::model::schema::EntityKind;
use crate::model::validate::{self, Checker, Problem};
use crate::store::keyfile::KdfParams;
use crate::store::{InitParams, Store, Unlock};
use crate::support::ambient::{Clock, Entropy};
use crate::support::secret::{Passphrase, RecoveryKey};
use serde_json::{Map, Value};
use std::path::Path;

/// What a new installation is told about itself.
#[derive(Debug)]
pub struct InitRequest<'a> {
    /// Kepmendagri kabupaten/kota code, e.g. `65.03`.
    pub district: &'a str,
    pub district_name: &'a str,
    pub operator_name: &'a str,
    pub passphrase: &'a Passphrase,
    pub kdf: KdfParams,
}

/// Creates a store and records its first operator through the op log. Returns the open store
/// and the recovery key, which must be shown to the user once and never stored.
pub fn init(
    dir: &Path,
    req: &InitRequest<'_>,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
) -> Result<(Store, RecoveryKey), Error> {
    let mut ck = Checker::new(clock.now().date_naive());
    if !validate::is_regency(req.district) {
        ck.report("district", Problem::BadRegency);
    }
    for (field, text) in [("district_name", req.district_name), ("operator", req.operator_name)] {
        if text.trim().is_empty() {
            ck.report(field, Problem::Required);
        } else if text.chars().count() > validate::MAX_TEXT {
            ck.report(field, Problem::TooLong { max: validate::MAX_TEXT });
        }
    }
    ck.finish()?;
    let params = InitParams {
        district: req.district,
        district_name: req.district_name.trim(),
        operator_name: req.operator_name.trim(),
        passphrase: req.passphrase,
        kdf: req.kdf,
    };
    let (mut store, recovery) = Store::create(dir, &params, clock, entropy)?;
    let operator = store.identity().operator_id;
    let mut fields = Map::new();
    fields.insert("name".into(), Value::String(params.operator_name.to_string()));
    fields.insert("district".into(), Value::String(params.district.to_string()));
    let mut batch = store.batch(clock)?;
    batch.create(EntityKind::Operator, operator, fields)?;
    batch.commit()?;
    Ok((store, recovery))
}

/// Replaces the passphrase, proving knowledge of the old one or of the recovery key. Only the
/// key file changes; the database is not rewritten.
pub fn change_passphrase(
    dir: &Path,
    unlock: Unlock<'_>,
    new: &Passphrase,
    kdf: KdfParams,
    entropy: &dyn Entropy,
) -> Result<(), Error> {
    Ok(Store::change_passphrase(dir, unlock, new, kdf, entropy)?)
}

/// The name of this store's operator.
pub fn operator_name(store: &Store) -> Option<String> {
    crate::log::view::read(&store.conn, EntityKind::Operator, store.identity().operator_id)
        .ok()
        .flatten()
        .and_then(|m| m.get("name").and_then(Value::as_str).map(str::to_string))
}

/// Reads a recovery key as typed by a person.
pub fn parse_recovery_key(text: &str) -> Result<RecoveryKey, Error> {
    RecoveryKey::parse(text).map_err(|_| Error::new(crate::ErrorCode::MistypedRecoveryKey))
}

/// A store for unit tests: cheap KDF, seeded keys and ids, the given clock.
#[cfg(test)]
pub(crate) fn test_store(dir: &Path, district: &str, seed: u64, clock: &dyn Clock) -> Store {
    let pass = Passphrase::new("kata sandi panjang");
    let req = InitRequest {
        district,
        district_name: "Kabupaten Uji",
        operator_name: "Petugas",
        passphrase: &pass,
        kdf: KdfParams { m_kib: 1024, t: 1, p: 1 },
    };
    init(dir, &req, clock, &crate::support::ambient::SeededEntropy::new(seed)).expect("test store").0
}
