//! Key rotation: the database re-encrypted under a new random key, sealed anew for every
//! remaining operator and for the recovery key, so that a removed operator — with their old
//! passphrase and any old copy of `keys.json` — can no longer read it.
//!
//! A rotation runs when a coordinator removes an operator (`operators::remove`), when a
//! coordinator asks for it after a suspected leak ([`rotate`]), and at the next open when an
//! earlier one could not finish. It never needs another operator's passphrase: the key file
//! seals the database key to public keys (see `keyfile`).
//!
//! Crash safety. The steps, each durable before the next:
//! 1. the database is copied, page by page with SQLite's online backup, into
//!    `lintas.db.rekey`, keyed with the new key, and fsynced;
//! 2. the key file gains `next`, the new key's slots, beside the current ones;
//! 3. the copy is renamed over `lintas.db` (after the write-ahead log was checkpointed empty);
//! 4. the key file keeps only the new slots.
//!
//! [`settle`] runs whenever a process opens the store alone: with `next` in the key file, the
//! copy is complete, so it finishes steps 3 and 4 (no secret needed); without it, a copy left by
//! step 1 is incomplete and is removed. So killed at any point, the store opens afterwards with
//! the remaining operators' passphrases and the recovery key, and nothing written is lost: the
//! store lock is held exclusively throughout, so no write can happen between copy and swap.

use crate::model::roles::Permission;
use crate::store::keyfile::{self, KeyError};
use crate::store::{self, Store, StoreError, DB_FILE};
use crate::support::ambient::{Clock, Entropy};
use crate::support::secret::{Key32, RecoveryKey};
use serde::Serialize;
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// The copy of the database under the new key, while a rotation is under way.
pub const REKEY_FILE: &str = "lintas.db.rekey";
/// Pages copied between two progress reports: about 1 MiB.
const PAGES_PER_STEP: std::ffi::c_int = 256;

/// What a rotation did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Rotated {
    /// Database pages re-encrypted.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub pages: u64,
    /// Operators whose passphrase slot dated from before key rotation and could not be carried
    /// to the new key without their passphrase: a coordinator must give them a new one.
    pub need_new_passphrase: Vec<Uuid>,
}

/// Changes the database key now. Coordinators only. `recovery` is needed only when the key file
/// is older than rotation (`KeyError::RecoveryKeyNeeded` says so); `progress` is told pages
/// done and pages in all, about once a megabyte. Fails with `Busy` while another Lintas
/// process has the store open.
pub fn rotate(
    store: &mut Store,
    recovery: Option<&RecoveryKey>,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Rotated, StoreError> {
    store.require(Permission::ManageOperators)?;
    check_can_rotate(store, recovery)?;
    store.lock_exclusive()?;
    let rotated = rotate_locked(store, recovery, entropy, progress);
    store.lock_shared()?;
    let rotated = rotated?;
    crate::log::access::record(store, crate::log::access::Action::RotateKeys, &rotated.pages.to_string(), clock)?;
    Ok(rotated)
}

/// Whether changing the key needs the recovery key, once: the key file predates key rotation.
pub fn needs_recovery_key(store: &Store) -> Result<bool, StoreError> {
    Ok(store::read_key_file(store.dir())?.rotation_needs_recovery_key())
}

/// Fails, before anything changes, if a rotation could not run without the recovery key.
pub(crate) fn check_can_rotate(store: &Store, recovery: Option<&RecoveryKey>) -> Result<(), StoreError> {
    let file = store::read_key_file(store.dir())?;
    match recovery {
        None if file.rotation_needs_recovery_key() => Err(KeyError::RecoveryKeyNeeded.into()),
        Some(r) => file.unlock_with_recovery(r).map(|_| ()).map_err(StoreError::from),
        None => Ok(()),
    }
}

/// The rotation itself; the caller holds the store lock exclusively.
pub(crate) fn rotate_locked(
    store: &mut Store,
    recovery: Option<&RecoveryKey>,
    entropy: &dyn Entropy,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Rotated, StoreError> {
    let dir = store.dir().to_path_buf();
    let keys = keyfile::lock(&dir)?;
    let mut file = store::read_key_file(&dir)?;
    let active = active_slots(store)?;
    let new = Key32::from_bytes(entropy.bytes32());
    let (next, carried) = file.rotation(&new, |owner| active.contains(&owner), recovery)?;
    // Step 1: the copy under the new key.
    store.checkpoint()?;
    let copy = dir.join(REKEY_FILE);
    remove_database_files(&copy);
    let pages = match copy_database(store, &copy, &new, progress) {
        Ok(pages) => pages,
        Err(e) => {
            remove_database_files(&copy);
            return Err(e);
        }
    };
    crate::support::ambient::crash_point("rekey:copied");
    // Step 2.
    file.begin_rotation(next);
    file.write(&dir)?;
    crate::support::ambient::crash_point("rekey:begun");
    // Steps 3 and 4, as `settle` would do them after a crash.
    store.close_database()?;
    let settled = finish(&dir, &mut file);
    drop(keys);
    if let Err(e) = settled {
        // The key file holds `next`, so the copy is complete: finishing again is all there is
        // to do, as the next open would.
        settle(&dir).map_err(|_| e)?;
    }
    store.reopen_database(new)?;
    // A slot without an owner is the set-up operator's: they too need a new passphrase.
    let founding = store.founding_operator();
    let need_new_passphrase = carried.dropped.into_iter().map(|owner| owner.unwrap_or(founding)).collect();
    Ok(Rotated { pages, need_new_passphrase })
}

/// The slots to carry: the active operators of this district (`None`: the set-up operator).
fn active_slots(store: &Store) -> Result<Vec<Option<Uuid>>, StoreError> {
    let founding = store.founding_operator();
    let mut stmt = store.conn.prepare("SELECT id FROM operator WHERE district = ?1 AND coalesce(active, 1)")?;
    let ids = stmt.query_map([&store.identity().district], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for id in ids {
        if let Ok(id) = id?.parse::<Uuid>() {
            out.push((id != founding).then_some(id));
        }
    }
    // A store set up before operators were entities has no row for its founder.
    if !out.contains(&None) && !inactive(store, founding)? {
        out.push(None);
    }
    Ok(out)
}

fn inactive(store: &Store, id: Uuid) -> Result<bool, StoreError> {
    use rusqlite::OptionalExtension;
    let active: Option<Option<bool>> =
        store.conn.query_row("SELECT active FROM operator WHERE id = ?1", [id.to_string()], |r| r.get(0)).optional()?;
    Ok(matches!(active, Some(Some(false))))
}

/// Copies the open database into `path`, keyed with `key`, with SQLite's online backup in steps
/// of about a megabyte; checks the copy reads with the new key and is not plaintext.
fn copy_database(
    store: &Store,
    path: &Path,
    key: &Key32,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<u64, StoreError> {
    let mut copy = store::open_keyed(path, key, true)?;
    copy.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
    let pages = {
        let backup = rusqlite::backup::Backup::new(&store.conn, &mut copy)?;
        loop {
            let step = backup.step(PAGES_PER_STEP)?;
            let p = backup.progress();
            let total = p.pagecount.max(0) as u64;
            progress(total - (p.remaining.max(0) as u64).min(total), total);
            match step {
                rusqlite::backup::StepResult::Done => break total,
                rusqlite::backup::StepResult::More => {}
                // Only another process could hold the source busy; the caller's exclusive
                // lock rules that out, so this is a store in use after all.
                _ => return Err(StoreError::Busy),
            }
        }
    };
    let check: String = copy.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(StoreError::Damaged);
    }
    copy.close().map_err(|(_, e)| StoreError::from(e))?;
    store::refuse_plaintext(path)?;
    crate::support::files::sync_file(path)?;
    crate::support::files::sync_dir(path.parent().unwrap_or(Path::new(".")))?;
    Ok(pages)
}

/// Steps 3 and 4: the copy replaces the database, and the key file keeps only the new slots.
fn finish(dir: &Path, file: &mut keyfile::KeyFile) -> Result<(), StoreError> {
    let copy = dir.join(REKEY_FILE);
    if copy.exists() {
        let db = dir.join(DB_FILE);
        // Checkpointed empty before the copy was made, and nothing was written since: what
        // SQLite may have left of the old database's log belongs to the old key.
        for suffix in ["-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(with_suffix(&db, suffix));
        }
        crate::support::files::replace(&copy, &db)?;
        crate::support::files::sync_dir(dir)?;
    }
    crate::support::ambient::crash_point("rekey:swapped");
    file.finish_rotation();
    file.write(dir)?;
    Ok(())
}

/// Finishes or undoes what a crash left, before the store is opened; the caller is the only
/// process with the store open. Also removes temporary copies of the database that a crashed
/// backup left, which could still hold people erased since.
pub(crate) fn settle(dir: &Path) -> Result<(), StoreError> {
    {
        let _keys = keyfile::lock(dir)?;
        if dir.join(keyfile::FILE_NAME).exists() {
            let mut file = store::read_key_file(dir)?;
            if file.rotation_under_way() {
                finish(dir, &mut file)?;
            }
        }
        let _ = std::fs::remove_file(dir.join(format!("{}.tmp", keyfile::FILE_NAME)));
    }
    remove_database_files(&dir.join(REKEY_FILE));
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&format!("{DB_FILE}.backup-")) {
            let _ = std::fs::remove_file(dir.join(&*name));
        }
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Removes a database file and the journal files SQLite may have left beside it.
fn remove_database_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        // A file that is not there is what we want.
        let _ = std::fs::remove_file(with_suffix(path, suffix));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::roles::Role;
    use crate::protection::operators::{self, NewOperator};
    use crate::setup::{self, InitRequest};
    use crate::store::keyfile::{KeyFile, TEST_KDF};
    use crate::support::ambient::{FixedClock, SeededEntropy};
    use crate::support::secret::Passphrase;
    use proptest::prelude::*;

    const FOUNDER: &str = "koordinator pertama";

    fn clock() -> FixedClock {
        FixedClock::new(chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap(), 1)
    }

    fn quiet() -> impl FnMut(u64, u64) {
        |_, _| {}
    }

    /// A store with its recovery key.
    fn store_with_recovery(dir: &Path, seed: u64) -> (Store, RecoveryKey) {
        let pass = Passphrase::new(FOUNDER);
        let req = InitRequest {
            district: "65.03",
            district_name: "Nunukan",
            operator_name: "Pendiri",
            passphrase: &pass,
            kdf: TEST_KDF,
        };
        setup::init(dir, &req, &clock(), &SeededEntropy::new(seed)).unwrap()
    }

    fn add(store: &mut Store, role: Role, pass: &str, seed: u64) -> Uuid {
        let p = Passphrase::new(pass);
        let new = NewOperator { name: "Petugas", role, passphrase: &p, kdf: TEST_KDF };
        operators::add(store, &new, &clock(), &SeededEntropy::new(seed)).unwrap()
    }

    /// What an attacker does with an old copy of the key file and their own passphrase: unwrap
    /// the database key and open the database file with SQLCipher directly.
    fn raw_open(db: &Path, old_key_file: &Path, pass: &str) -> rusqlite::Result<i64> {
        let file = KeyFile::read(old_key_file).unwrap();
        let key = file.unlock_with_passphrase(&Passphrase::new(pass)).unwrap();
        let conn = rusqlite::Connection::open(db)?;
        conn.pragma_update(None, "key", &*key.sqlcipher_literal())?;
        conn.query_row("SELECT count(*) FROM case_file", [], |r| r.get(0))
    }

    #[test]
    fn a_removed_operator_with_an_old_key_file_cannot_read_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, recovery) = store_with_recovery(dir.path(), 1);
        let leaver = add(&mut store, Role::CaseWorker, "petugas yang akan pergi", 2);
        let stays = add(&mut store, Role::ShelterStaff, "petugas rumah aman", 3);
        let old = tempfile::tempdir().unwrap();
        std::fs::copy(dir.path().join(keyfile::FILE_NAME), old.path().join(keyfile::FILE_NAME)).unwrap();
        // Before the removal, the copy opens the database: this is what must stop.
        store.checkpoint().unwrap();
        assert_eq!(raw_open(&dir.path().join(DB_FILE), old.path(), "petugas yang akan pergi").unwrap(), 0);
        let rotated =
            operators::remove(&mut store, leaver, None, &clock(), &SeededEntropy::new(4), &mut quiet()).unwrap();
        assert!(rotated.pages > 0 && rotated.need_new_passphrase.is_empty());
        // Written after the removal, under the new key.
        crate::records::cases::create(
            &mut store,
            &serde_json::json!({"victim": {"first_name": "Maria"}, "intake": {"date": "2019-09-20"}}),
            &clock(),
            &SeededEntropy::new(5),
        )
        .unwrap();
        store.checkpoint().unwrap();
        let db = dir.path().join(DB_FILE);
        let refused = raw_open(&db, old.path(), "petugas yang akan pergi").unwrap_err();
        assert_eq!(refused.sqlite_error_code(), Some(rusqlite::ErrorCode::NotADatabase));
        drop(store);
        assert!(Store::open(dir.path(), &Passphrase::new("petugas yang akan pergi")).is_err());
        let staff = Store::open(dir.path(), &Passphrase::new("petugas rumah aman")).unwrap();
        assert_eq!(staff.identity().operator_id, stays);
        drop(staff);
        let store = Store::open_with_recovery(dir.path(), &recovery).unwrap();
        assert_eq!(crate::log::audit::verify(&store).unwrap().ops, 6);
        let store = Store::open(dir.path(), &Passphrase::new(FOUNDER)).unwrap();
        assert_eq!(store.conn.query_row("SELECT count(*) FROM case_file", [], |r| r.get::<_, i64>(0)).unwrap(), 1);
        // The removal and the key change are on record.
        let log = crate::log::access::list(&store, 0, 10).unwrap();
        assert!(log.iter().any(|e| e.action == "rotate_keys"));
    }

    #[test]
    fn the_founder_can_be_removed_and_recovery_then_opens_as_a_remaining_coordinator() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, recovery) = store_with_recovery(dir.path(), 6);
        let founder = store.identity().operator_id;
        let second = add(&mut store, Role::Coordinator, "koordinator kedua", 7);
        drop(store);
        let mut store = Store::open(dir.path(), &Passphrase::new("koordinator kedua")).unwrap();
        operators::remove(&mut store, founder, None, &clock(), &SeededEntropy::new(8), &mut quiet()).unwrap();
        for seed in [9, 10] {
            rotate(&mut store, None, &clock(), &SeededEntropy::new(seed), &mut quiet()).unwrap();
        }
        drop(store);
        let p = Passphrase::new("koordinator kedua diganti");
        Store::change_passphrase(
            dir.path(),
            crate::store::Unlock::Passphrase(&Passphrase::new("koordinator kedua")),
            &p,
            TEST_KDF,
            &SeededEntropy::new(11),
        )
        .unwrap();
        assert!(Store::open(dir.path(), &Passphrase::new(FOUNDER)).is_err());
        let store = Store::open_with_recovery(dir.path(), &recovery).unwrap();
        assert_eq!((store.identity().operator_id, store.role()), (second, Role::Coordinator));
        drop(store);
        // Recovery sets a new passphrase for that coordinator, not for the removed founder.
        let again = Passphrase::new("kata sandi pemulihan baru");
        Store::change_passphrase(
            dir.path(),
            crate::store::Unlock::Recovery(&recovery),
            &again,
            TEST_KDF,
            &SeededEntropy::new(12),
        )
        .unwrap();
        assert_eq!(Store::open(dir.path(), &again).unwrap().identity().operator_id, second);
        assert!(Store::open(dir.path(), &Passphrase::new(FOUNDER)).is_err());
    }

    #[test]
    fn a_key_file_older_than_rotation_asks_for_the_recovery_key_once() {
        let dir = tempfile::tempdir().unwrap();
        let (store, recovery) = store_with_recovery(dir.path(), 13);
        let (dek, _) = store.close_keeping_key();
        let e = SeededEntropy::new(14);
        KeyFile::version_1(&dek, None, &Passphrase::new(FOUNDER), &recovery, &e).write(dir.path()).unwrap();
        let mut store = Store::open(dir.path(), &Passphrase::new(FOUNDER)).unwrap();
        let refused = rotate(&mut store, None, &clock(), &e, &mut quiet()).unwrap_err();
        assert!(matches!(refused, StoreError::Key(KeyError::RecoveryKeyNeeded)), "{refused:?}");
        let wrong = RecoveryKey::from_bytes([9u8; 32]);
        assert!(matches!(
            rotate(&mut store, Some(&wrong), &clock(), &e, &mut quiet()),
            Err(StoreError::Key(KeyError::WrongRecoveryKey))
        ));
        rotate(&mut store, Some(&recovery), &clock(), &e, &mut quiet()).unwrap();
        rotate(&mut store, None, &clock(), &e, &mut quiet()).unwrap();
        drop(store);
        assert!(Store::open_with_recovery(dir.path(), &recovery).is_ok());
        assert!(Store::open(dir.path(), &Passphrase::new(FOUNDER)).is_ok());
    }

    /// A version-1 slot not used since the upgrade cannot be carried to a new key: its owner,
    /// the set-up operator too, is named as needing a new passphrase, and the recovery key still
    /// opens the store so that a coordinator can give one.
    #[test]
    fn an_operator_whose_old_slot_cannot_be_carried_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let (store, recovery) = store_with_recovery(dir.path(), 17);
        let founder = store.identity().operator_id;
        let (dek, _) = store.close_keeping_key();
        let e = SeededEntropy::new(18);
        KeyFile::version_1(&dek, None, &Passphrase::new(FOUNDER), &recovery, &e).write(dir.path()).unwrap();
        // Opened with the recovery key, the founder's version-1 slot is not rewritten.
        let mut store = Store::open_with_recovery(dir.path(), &recovery).unwrap();
        let rotated = rotate(&mut store, None, &clock(), &e, &mut quiet()).unwrap();
        assert_eq!(rotated.need_new_passphrase, vec![founder]);
        drop(store);
        assert!(Store::open(dir.path(), &Passphrase::new(FOUNDER)).is_err());
        let store = Store::open_with_recovery(dir.path(), &recovery).unwrap();
        operators::reset_passphrase(&store, founder, &Passphrase::new("kata sandi pendiri baru"), TEST_KDF, &e)
            .unwrap();
        drop(store);
        assert_eq!(
            Store::open(dir.path(), &Passphrase::new("kata sandi pendiri baru")).unwrap().identity().operator_id,
            founder
        );
    }

    /// The states a crash can leave, made by hand: a copy under the new key with the key file
    /// naming it (finished at open), and an incomplete copy alone (removed at open). Also the
    /// leftovers of a crashed backup.
    #[test]
    fn a_rotation_cut_short_is_finished_or_undone_at_the_next_open() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, recovery) = store_with_recovery(dir.path(), 15);
        crate::records::cases::create(
            &mut store,
            &serde_json::json!({"victim": {"first_name": "Yohana"}, "intake": {"date": "2019-09-20"}}),
            &clock(),
            &SeededEntropy::new(16),
        )
        .unwrap();
        // Steps 1 and 2 of a rotation, then the process "dies" before the swap.
        let d = dir.path().to_path_buf();
        let mut file = store::read_key_file(&d).unwrap();
        let new = Key32::from_bytes([77u8; 32]);
        let (next, _) = file.rotation(&new, |_| true, None).unwrap();
        store.checkpoint().unwrap();
        copy_database(&store, &d.join(REKEY_FILE), &new, &mut quiet()).unwrap();
        file.begin_rotation(next);
        file.write(&d).unwrap();
        std::fs::write(d.join(format!("{DB_FILE}.backup-4242")), b"left by a backup").unwrap();
        drop(store);
        let store = Store::open(&d, &Passphrase::new(FOUNDER)).unwrap();
        assert_eq!(store.database_key().expose(), new.expose());
        assert_eq!(store.conn.query_row("SELECT count(*) FROM case_file", [], |r| r.get::<_, i64>(0)).unwrap(), 1);
        assert!(!d.join(REKEY_FILE).exists() && !d.join(format!("{DB_FILE}.backup-4242")).exists());
        assert!(!store::read_key_file(&d).unwrap().rotation_under_way());
        drop(store);
        // An incomplete copy, the key file never told: removed; the old key stays.
        std::fs::write(d.join(REKEY_FILE), b"half a database").unwrap();
        let store = Store::open_with_recovery(&d, &recovery).unwrap();
        assert_eq!(store.database_key().expose(), new.expose());
        assert!(!d.join(REKEY_FILE).exists());
    }

    #[derive(Debug, Clone)]
    enum Step {
        Add(Role),
        Remove(usize),
        Rotate,
        ChangeOwn(usize),
        Reset(usize),
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            prop_oneof![Just(Role::Coordinator), Just(Role::CaseWorker), Just(Role::ShelterStaff)].prop_map(Step::Add),
            (0usize..6).prop_map(Step::Remove),
            Just(Step::Rotate),
            (0usize..6).prop_map(Step::ChangeOwn),
            (0usize..6).prop_map(Step::Reset),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// After any sequence of operator changes, rotations and passphrase changes, the
        /// recovery key opens the store, every active operator's passphrase opens it as them,
        /// and no removed operator's passphrase opens it.
        #[test]
        fn recovery_and_remaining_operators_survive_any_sequence(steps in prop::collection::vec(step(), 1..7)) {
            let dir = tempfile::tempdir().unwrap();
            let (mut store, recovery) = store_with_recovery(dir.path(), 20);
            // (id, passphrase, active)
            let mut ops: Vec<(Uuid, String, bool, Role)> = vec![(store.identity().operator_id, FOUNDER.to_string(), true, Role::Coordinator)];
            for (n, step) in steps.into_iter().enumerate() {
                let seed = 100 + n as u64;
                match step {
                    Step::Add(role) => {
                        let pass = format!("kata sandi petugas {n}");
                        let id = add(&mut store, role, &pass, seed);
                        ops.push((id, pass, true, role));
                    }
                    Step::Remove(i) => {
                        let i = i % ops.len();
                        let coordinators = ops.iter().filter(|o| o.2 && o.3 == Role::Coordinator).count();
                        let allowed = !(ops[i].2 && ops[i].3 == Role::Coordinator && coordinators == 1);
                        let removed = operators::remove(&mut store, ops[i].0, None, &clock(), &SeededEntropy::new(seed), &mut quiet());
                        prop_assert_eq!(removed.is_ok(), allowed);
                        if allowed {
                            ops[i].2 = false;
                            if ops[i].0 == store.identity().operator_id {
                                // Who removed themselves works on as the recovery key holder.
                                drop(store);
                                store = Store::open_with_recovery(dir.path(), &recovery).unwrap();
                            }
                        }
                    }
                    Step::Rotate => {
                        rotate(&mut store, None, &clock(), &SeededEntropy::new(seed), &mut quiet()).unwrap();
                    }
                    Step::ChangeOwn(i) | Step::Reset(i) => {
                        let i = i % ops.len();
                        if !ops[i].2 {
                            continue;
                        }
                        let pass = format!("kata sandi baru nomor {n}");
                        if matches!(step, Step::Reset(_)) {
                            operators::reset_passphrase(&store, ops[i].0, &Passphrase::new(pass.clone()), TEST_KDF, &SeededEntropy::new(seed)).unwrap();
                        } else {
                            drop(store);
                            let old = Passphrase::new(ops[i].1.clone());
                            Store::change_passphrase(dir.path(), crate::store::Unlock::Passphrase(&old), &Passphrase::new(pass.clone()), TEST_KDF, &SeededEntropy::new(seed)).unwrap();
                            store = Store::open_with_recovery(dir.path(), &recovery).unwrap();
                        }
                        ops[i].1 = pass;
                    }
                }
                prop_assert!(store.role() == Role::Coordinator || !ops.iter().any(|o| o.0 == store.identity().operator_id && o.2));
            }
            drop(store);
            let recovered = Store::open_with_recovery(dir.path(), &recovery).unwrap();
            prop_assert_eq!(recovered.role(), Role::Coordinator);
            drop(recovered);
            for (id, pass, active, _) in &ops {
                let opened = Store::open(dir.path(), &Passphrase::new(pass.clone()));
                match active {
                    true => prop_assert_eq!(opened.unwrap().identity().operator_id, *id),
                    false => prop_assert!(opened.is_err()),
                }
            }
        }
    }
}
