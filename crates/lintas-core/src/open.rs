//! Opening a store, above every layer: unwrapping the database key with a passphrase or the
//! recovery key, finishing what a crash left (`rekey::settle`), upgrading the schema
//! (`log::upgrade`), giving a store made before device keys its keys, and the maintenance a
//! cut-short erasure or operator removal left owing. Creating a store and changing how it is
//! unlocked live here too. The `Store` type itself is `store::Store`.

use crate::model::roles::Role;
use crate::protection::operators::operator_role;
use crate::store::keyfile::KdfParams;
use crate::store::keyfile::{self, KeyFile};
use crate::store::{
    create_private_dir, exists, open_keyed, open_lock_file, read_identity, read_key_file, refuse_plaintext,
    refuse_shared_passphrase, remove_noted_partial, Identity, InitParams, Store, StoreError, Unlock, DB_FILE,
    MIN_PASSPHRASE_CHARS,
};
use crate::support::ambient::{Clock, Entropy};
use crate::support::secret::{Key32, Passphrase, RecoveryKey};
use rusqlite::{Connection, OptionalExtension};
use std::path::Path;
use uuid::Uuid;

impl Store {
    /// Creates a new store. Returns it open, with the recovery key to show the user once.
    /// District and operator are validated by the caller (`setup::init`).
    pub(crate) fn create(
        dir: &Path,
        params: &InitParams<'_>,
        clock: &dyn Clock,
        entropy: &dyn Entropy,
    ) -> Result<(Store, RecoveryKey), StoreError> {
        if exists(dir) {
            return Err(StoreError::AlreadyExists);
        }
        if params.passphrase.char_count() < MIN_PASSPHRASE_CHARS {
            return Err(StoreError::WeakPassphrase);
        }
        create_private_dir(dir)?;
        let lock = open_lock_file(dir)?;
        lock.lock_shared()?;
        let (file, dek, recovery) = KeyFile::create(params.passphrase, params.kdf, entropy)?;
        let mut conn = open_keyed(&dir.join(DB_FILE), &dek, true)?;
        crate::log::upgrade::run(&mut conn)?;
        let identity = Identity {
            device_id: entropy.uuid(),
            district: params.district.to_string(),
            district_name: params.district_name.to_string(),
            operator_id: entropy.uuid(),
        };
        {
            let tx = conn.transaction()?;
            crate::log::identity::create_device_keys(&tx, identity.device_id, clock, entropy)?;
            for (k, v) in [
                ("device_id", identity.device_id.to_string()),
                ("district", identity.district.clone()),
                ("district_name", identity.district_name.clone()),
                ("operator_id", identity.operator_id.to_string()),
                ("created_at", clock.now().to_rfc3339()),
            ] {
                tx.execute("INSERT INTO meta (key, value) VALUES (?1, ?2)", (k, v))?;
            }
            tx.commit()?;
        }
        // The key file goes last: a store without one is visibly unfinished, never half-usable.
        file.write(dir)?;
        let founding_operator = identity.operator_id;
        Ok((
            Store { conn, dir: dir.to_path_buf(), identity, role: Role::Coordinator, founding_operator, dek, lock },
            recovery,
        ))
    }

    pub fn open(dir: &Path, passphrase: &Passphrase) -> Result<Store, StoreError> {
        let lock = lock_store(dir)?;
        let file = read_key_file(dir)?;
        let opened = file.unlock_operator(passphrase)?;
        if let Some(kdf) = opened.legacy {
            // A version-1 slot: rewritten now, while the passphrase is at hand, so that the
            // database key can later change without it (see `keyfile`).
            let _keys = keyfile::lock(dir)?;
            let mut file = read_key_file(dir)?;
            file.set_passphrase(
                &opened.dek,
                opened.owner,
                passphrase,
                kdf,
                &crate::support::ambient::SystemEntropy::new(),
            )?;
            file.write(dir)?;
        }
        Store::open_locked(dir, lock, opened.dek, Some(opened.owner))
    }

    /// Opens with the recovery key, as the operator who set the store up or, if they were
    /// removed, the longest-serving active coordinator.
    pub fn open_with_recovery(dir: &Path, recovery: &RecoveryKey) -> Result<Store, StoreError> {
        let lock = lock_store(dir)?;
        let file = read_key_file(dir)?;
        let (dek, legacy) = file.unlock_with_recovery(recovery)?;
        if legacy {
            let _keys = keyfile::lock(dir)?;
            let mut file = read_key_file(dir)?;
            file.set_recovery(&dek, recovery)?;
            file.write(dir)?;
        }
        Store::open_locked(dir, lock, dek, None)
    }

    /// Opens with the database key, as the operator who owns the slot that unwrapped it
    /// (`Some(None)`: the set-up operator; `None`: the recovery key, see `open_with_recovery`).
    pub(crate) fn open_with_key(dir: &Path, dek: Key32, owner: Option<Option<Uuid>>) -> Result<Store, StoreError> {
        let lock = lock_store(dir)?;
        Store::open_locked(dir, lock, dek, owner)
    }

    fn open_locked(
        dir: &Path,
        lock: std::fs::File,
        dek: Key32,
        owner: Option<Option<Uuid>>,
    ) -> Result<Store, StoreError> {
        let path = dir.join(DB_FILE);
        if !path.exists() {
            return Err(StoreError::NotFound);
        }
        refuse_plaintext(&path)?;
        let mut conn = open_keyed(&path, &dek, false)?;
        crate::log::upgrade::run(&mut conn)?;
        let mut identity = read_identity(&conn)?;
        let founding_operator = identity.operator_id;
        let operator = match owner {
            Some(owner) => owner.unwrap_or(founding_operator),
            None => recovery_operator(&conn, &identity.district, founding_operator)?,
        };
        let role = operator_role(&conn, operator, founding_operator)?;
        identity.operator_id = operator;
        // Stores made before schema 2 have no device keys yet; they get them on first open.
        if !crate::log::identity::has_device_keys(&conn, identity.device_id)? {
            let entropy = crate::support::ambient::SystemEntropy::new();
            crate::log::identity::create_device_keys(
                &conn,
                identity.device_id,
                &crate::support::ambient::SystemClock,
                &entropy,
            )?;
            let keys = crate::log::identity::load_device_keys(&conn, identity.device_id)?;
            crate::log::seal::seal_unsealed(&conn, &keys)?;
        }
        let mut store = Store { conn, dir: dir.to_path_buf(), identity, role, founding_operator, dek, lock };
        store.finish_maintenance()?;
        Ok(store)
    }

    /// Finishes what a crash or a refused step left to do: an erasure's clean-up, and a key
    /// change owed since an operator was removed. Only while no other process has the store
    /// open; a key change that fails now is tried again at the next open.
    fn finish_maintenance(&mut self) -> Result<(), StoreError> {
        remove_noted_partial(&self.conn)?;
        if self.scrub_due()? {
            self.scrub()?;
        }
        if read_key_file(&self.dir)?.rotation_due() && self.lock_exclusive().is_ok() {
            let entropy = crate::support::ambient::SystemEntropy::new();
            let rotated = crate::protection::rekey::rotate_locked(self, None, &entropy, &mut |_, _| {});
            self.lock_shared()?;
            // Opening does not fail for it: the key file still says the rotation is due, and
            // the next open, or a coordinator's "change the store key", tries again.
            drop(rotated);
        }
        Ok(())
    }

    /// Rewraps the database key for the operator's new passphrase (the set-up operator's, when
    /// unlocked with the recovery key). Only the key file is rewritten.
    pub fn change_passphrase(
        dir: &Path,
        unlock: Unlock<'_>,
        new: &Passphrase,
        kdf: KdfParams,
        entropy: &dyn Entropy,
    ) -> Result<(), StoreError> {
        if new.char_count() < MIN_PASSPHRASE_CHARS {
            return Err(StoreError::WeakPassphrase);
        }
        // Whose passphrase the recovery key resets: the set-up operator's, or the
        // longest-serving active coordinator's once they were removed.
        let recovered = match unlock {
            Unlock::Recovery(r) => Some(Store::open_with_recovery(dir, r)?.close_keeping_key().1),
            Unlock::Passphrase(_) => None,
        };
        let _keys = keyfile::lock(dir)?;
        let mut file = read_key_file(dir)?;
        let (dek, owner) = match (unlock, recovered) {
            (Unlock::Passphrase(p), _) => {
                let opened = file.unlock_operator(p)?;
                (opened.dek, opened.owner)
            }
            (Unlock::Recovery(r), owner) => (file.unlock_with_recovery(r)?.0, owner.flatten()),
        };
        refuse_shared_passphrase(&file, new, owner)?;
        file.set_passphrase(&dek, owner, new, kdf, entropy)?;
        file.write(dir)?;
        Ok(())
    }
}

/// Takes the store lock for a process that opens the store. A process that finds itself alone
/// first finishes a key change that a crash interrupted and removes what crashed runs left
/// behind (`rekey::settle`); then it holds the lock shared, as every other process does.
fn lock_store(dir: &Path) -> Result<std::fs::File, StoreError> {
    if !exists(dir) {
        return Err(StoreError::NotFound);
    }
    let lock = open_lock_file(dir)?;
    match lock.try_lock() {
        Ok(()) => {
            crate::protection::rekey::settle(dir)?;
            crate::protection::viewing::remove_all(dir);
            crate::store::shared_from_exclusive(&lock)?;
        }
        Err(std::fs::TryLockError::WouldBlock) => {
            lock.try_lock_shared().map_err(|_| StoreError::Busy)?;
            // Another process has the store open; it found the store settled when it opened.
            if read_key_file(dir)?.rotation_under_way() {
                return Err(StoreError::Busy);
            }
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(e.into()),
    }
    Ok(lock)
}

/// Whom the recovery key opens the store as: the set-up operator while they are active, else
/// the longest-serving active coordinator of this district.
fn recovery_operator(conn: &Connection, district: &str, founding: Uuid) -> Result<Uuid, StoreError> {
    let founder_active: Option<Option<bool>> =
        conn.query_row("SELECT active FROM operator WHERE id = ?1", [founding.to_string()], |r| r.get(0)).optional()?;
    if !matches!(founder_active, Some(Some(false))) {
        return Ok(founding);
    }
    let mut stmt = conn.prepare(
        "SELECT o.id FROM operator o JOIN entities e ON e.kind = 'operator' AND e.id = o.id
         WHERE o.district = ?1 AND o.role = 'Coordinator' AND coalesce(o.active, 1)
         ORDER BY e.device, e.seq",
    )?;
    let mut rows = stmt.query([district])?;
    while let Some(row) = rows.next()? {
        if let Ok(id) = row.get::<_, String>(0)?.parse() {
            return Ok(id);
        }
    }
    Err(StoreError::Damaged)
}
