//! The encrypted store: a directory holding the SQLCipher database and the key file.
//!
//! Opening a store unwraps the database key from the key file (which checks the passphrase),
//! refuses a database that is not encrypted, keys SQLCipher with the raw 32-byte key (no second
//! KDF), forces a read, sets the pragmas that keep every page encrypted and durable, and runs
//! the migrations.

use crate::model::roles::{Forbidden, Permission, Role};
use crate::store::keyfile::{self, KdfParams, KeyError, KeyFile};
use crate::store::migrate::{self, MigrateError};
use crate::support::ambient::Entropy;
use crate::support::secret::{Key32, Passphrase, RecoveryKey};
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};
use uuid::Uuid;

pub const DB_FILE: &str = "lintas.db";
/// Held (shared) by every process that has the store open; see [`Store::lock_exclusive`].
pub const LOCK_FILE: &str = "lintas.lock";
const PLAINTEXT_HEADER: &[u8; 16] = b"SQLite format 3\0";
/// Passphrases shorter than this are refused: the store guards people's safety.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no store at this location")]
    NotFound,
    #[error("a store already exists at this location")]
    AlreadyExists,
    #[error(transparent)]
    Key(#[from] KeyError),
    #[error("the database file is not encrypted")]
    NotEncrypted,
    #[error("the database does not match its key file, or is damaged")]
    Damaged,
    #[error("the store is in use by another Lintas process")]
    Busy,
    #[error("the passphrase is too short")]
    WeakPassphrase,
    #[error(transparent)]
    Migrate(#[from] MigrateError),
    #[error("file system error: {0}")]
    Io(#[from] std::io::Error),
    /// A database error. Only codes are kept: rusqlite's messages can carry row values, which
    /// may be personal data.
    #[error("database error ({0})")]
    Sql(SqlFault),
    #[error(transparent)]
    Forbidden(#[from] Forbidden),
    #[error("another operator already uses this passphrase")]
    PassphraseInUse,
    /// The disk under the store is full: SQLite rolled the transaction back.
    #[error("the disk under the store is full")]
    DiskFull,
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        let fault = SqlFault::from(&e);
        if fault.is_disk_full() {
            return StoreError::DiskFull;
        }
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::NotADatabase) => StoreError::Damaged,
            _ => StoreError::Sql(fault),
        }
    }
}

/// SQLITE_IOERR_SHMSIZE: the write-ahead log's index could not grow, which on a full disk is
/// where a write transaction first fails.
const SQLITE_IOERR_SHMSIZE: i32 = 10 | (19 << 8);

impl SqlFault {
    /// A full disk: SQLITE_FULL, or the write-ahead log's index that could not grow.
    pub fn is_disk_full(&self) -> bool {
        self.code == ErrorCode::DiskFull || self.extended == SQLITE_IOERR_SHMSIZE
    }
}

/// What went wrong in a database call, without its message: SQLite's primary and extended
/// result codes, or which of rusqlite's own checks failed. Enough to tell a full disk from
/// a failed read or a bug, and free of row values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SqlFault {
    pub code: ErrorCode,
    pub extended: i32,
    pub kind: &'static str,
}

impl From<&rusqlite::Error> for SqlFault {
    fn from(e: &rusqlite::Error) -> Self {
        use rusqlite::Error as E;
        let kind = match e {
            E::SqliteFailure(..) => "sqlite",
            E::QueryReturnedNoRows => "no_rows",
            E::QueryReturnedMoreThanOneRow => "more_than_one_row",
            E::ExecuteReturnedResults => "execute_returned_rows",
            E::FromSqlConversionFailure(..) | E::IntegralValueOutOfRange(..) => "conversion",
            E::InvalidColumnType(..) | E::InvalidColumnIndex(..) | E::InvalidColumnName(..) => "column",
            E::InvalidParameterCount(..) | E::InvalidParameterName(..) => "parameter",
            E::Utf8Error(..) | E::NulError(..) => "text",
            E::InvalidQuery | E::MultipleStatement => "statement",
            _ => "other",
        };
        let (code, extended) = match e {
            E::SqliteFailure(f, _) => (f.code, f.extended_code),
            _ => (ErrorCode::Unknown, 0),
        };
        SqlFault { code, extended, kind }
    }
}

impl std::fmt::Display for SqlFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}/{} {}", self.code, self.extended, self.kind)
    }
}

/// Who this installation is: set once at `init`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub device_id: Uuid,
    pub district: String,
    pub district_name: String,
    /// The operator working now: the owner of the passphrase that opened the store (the
    /// operator who set it up, when it was opened with the recovery key).
    pub operator_id: Uuid,
}

/// An open, unlocked store.
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) dir: PathBuf,
    pub(crate) identity: Identity,
    pub(crate) role: Role,
    /// The operator who set the store up: the owner of the recovery key and of the key file's
    /// first passphrase slot.
    pub(crate) founding_operator: Uuid,
    /// The database key, kept to wrap it for a new operator's passphrase.
    pub(crate) dek: Key32,
    /// The store lock (`lintas.lock`), held shared while the store is open and exclusively
    /// while its key changes, so that no other Lintas process writes a database being swapped.
    pub(crate) lock: std::fs::File,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("identity", &self.identity).finish_non_exhaustive()
    }
}

/// What `init` needs besides the time and randomness.
#[derive(Debug)]
pub struct InitParams<'a> {
    pub district: &'a str,
    pub district_name: &'a str,
    pub operator_name: &'a str,
    pub passphrase: &'a Passphrase,
    pub kdf: KdfParams,
}

pub fn exists(dir: &Path) -> bool {
    dir.join(DB_FILE).exists() || dir.join(keyfile::FILE_NAME).exists()
}

impl Store {
    pub fn identity(&self) -> &Identity {
        &self.identity
    }

    /// The role of the operator working now.
    pub fn role(&self) -> Role {
        self.role
    }

    /// Fails unless the operator working now may do this.
    pub fn require(&self, permission: Permission) -> Result<(), StoreError> {
        Ok(self.role.require(permission)?)
    }

    pub(crate) fn founding_operator(&self) -> Uuid {
        self.founding_operator
    }

    /// Gives an operator a passphrase of their own (or a new one), wrapping this store's key.
    /// Only the key file changes.
    pub(crate) fn set_operator_passphrase(
        &self,
        operator: Uuid,
        passphrase: &Passphrase,
        kdf: KdfParams,
        entropy: &dyn Entropy,
    ) -> Result<(), StoreError> {
        self.check_new_passphrase(operator, passphrase)?;
        let owner = self.slot_owner(operator);
        let _keys = keyfile::lock(&self.dir)?;
        let mut file = read_key_file(&self.dir)?;
        file.set_passphrase(&self.dek, owner, passphrase, kdf, entropy)?;
        file.write(&self.dir)?;
        Ok(())
    }

    /// Checks, before anything is written, that a passphrase may become this operator's.
    pub(crate) fn check_new_passphrase(&self, operator: Uuid, passphrase: &Passphrase) -> Result<(), StoreError> {
        if passphrase.char_count() < MIN_PASSPHRASE_CHARS {
            return Err(StoreError::WeakPassphrase);
        }
        refuse_shared_passphrase(&read_key_file(&self.dir)?, passphrase, self.slot_owner(operator))
    }

    /// Takes an operator's passphrase away (the set-up operator's too): they can no longer
    /// unlock the store with the key file, and the database key is due to change
    /// (`rekey::rotate`), after which their old copies of the key file open nothing either.
    pub(crate) fn remove_operator_passphrase(&self, operator: Uuid) -> Result<(), StoreError> {
        let _keys = keyfile::lock(&self.dir)?;
        let mut file = read_key_file(&self.dir)?;
        file.remove_passphrase(self.slot_owner(operator));
        file.set_rotation_due(true);
        file.write(&self.dir)?;
        Ok(())
    }

    /// Whether an operator can unlock this store with a passphrase of their own.
    pub(crate) fn operator_has_passphrase(&self, operator: Uuid) -> Result<bool, StoreError> {
        Ok(read_key_file(&self.dir)?.has_passphrase(self.slot_owner(operator)))
    }

    /// How the key file names an operator's slot: `None` for the set-up operator.
    fn slot_owner(&self, operator: Uuid) -> Option<Uuid> {
        (operator != self.founding_operator).then_some(operator)
    }

    /// Takes the store lock exclusively: fails with `Busy` while another process has the store
    /// open. [`Store::lock_shared`] gives it back.
    pub(crate) fn lock_exclusive(&self) -> Result<(), StoreError> {
        exclusive_from_shared(&self.lock)
    }

    pub(crate) fn lock_shared(&self) -> Result<(), StoreError> {
        shared_from_exclusive(&self.lock)
    }

    /// Closes the database (for its file to be replaced) and opens it again with `dek`.
    pub(crate) fn close_database(&mut self) -> Result<(), StoreError> {
        let closed = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        closed.close().map_err(|(_, e)| StoreError::from(e))
    }

    pub(crate) fn reopen_database(&mut self, dek: Key32) -> Result<(), StoreError> {
        self.conn = open_keyed(&self.dir.join(DB_FILE), &dek, false)?;
        self.dek = dek;
        Ok(())
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Leaves no copy of erased data in the WAL or in free pages: the WAL is checkpointed and
    /// truncated, the database rewritten without free pages, and the WAL truncated again. Run
    /// after the transaction that erased, and after an import that brought an erasure. The
    /// erasure marks the store (`meta.scrub_due`, in the transaction that erased) and the mark
    /// goes only when the clean-up is done, so a clean-up cut short is done again at the next
    /// open.
    pub(crate) fn scrub(&self) -> Result<(), StoreError> {
        self.checkpoint()?;
        self.conn.execute_batch("VACUUM")?;
        self.checkpoint()?;
        self.conn.execute("DELETE FROM meta WHERE key = 'scrub_due'", [])?;
        self.checkpoint()
    }

    /// Runs an erasure's clean-up now, or, on a full disk, leaves it due for the next open
    /// (the erasure itself is committed either way); says whether it was left.
    pub(crate) fn scrub_or_wait_for_room(&self) -> Result<bool, StoreError> {
        match self.scrub() {
            Ok(()) => Ok(false),
            Err(StoreError::DiskFull) => Ok(true),
            Err(e) => Err(e),
        }
    }

    /// Whether an erasure's clean-up has not run to its end.
    pub(crate) fn scrub_due(&self) -> Result<bool, StoreError> {
        Ok(self.conn.query_row("SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'scrub_due')", [], |r| r.get(0))?)
    }

    /// Moves the WAL's contents into the main file and empties the WAL.
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        Ok(migrate::schema_version(&self.conn)?)
    }

    /// The database key, for keying an encrypted copy of the database (a backup).
    pub(crate) fn database_key(&self) -> &Key32 {
        &self.dek
    }

    /// Closes the store and hands its key back, with the operator who opened it (`None`: the
    /// set-up operator), so that it can be opened again elsewhere (a restored store is prepared
    /// in a staging folder and then moved into place).
    pub(crate) fn close_keeping_key(self) -> (Key32, Option<Uuid>) {
        let Store { dek, identity, founding_operator, .. } = self;
        (dek, (identity.operator_id != founding_operator).then_some(identity.operator_id))
    }

    /// Reads the identity from `meta` again, after a restore gave this device a new id.
    pub(crate) fn reload_identity(&mut self) -> Result<(), StoreError> {
        let operator = self.identity.operator_id;
        self.identity = read_identity(&self.conn)?;
        self.identity.operator_id = operator;
        Ok(())
    }
}

/// How to unlock a store for a passphrase change.
#[derive(Debug)]
pub enum Unlock<'a> {
    Passphrase(&'a Passphrase),
    Recovery(&'a RecoveryKey),
}

/// Two operators with one passphrase could not be told apart at unlock, so a passphrase that
/// already opens another operator's slot is refused.
pub(crate) fn refuse_shared_passphrase(
    file: &KeyFile,
    passphrase: &Passphrase,
    owner: Option<Uuid>,
) -> Result<(), StoreError> {
    match file.unlock_operator(passphrase) {
        Ok(opened) if opened.owner != owner => Err(StoreError::PassphraseInUse),
        _ => Ok(()),
    }
}

/// Remembers the temporary file an export or a backup is writing outside the store (on a USB
/// stick), so that if the process dies mid-write the next open removes it.
pub(crate) fn note_partial(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('partial_file', ?1)", [path.to_string_lossy()])?;
    Ok(())
}

pub(crate) fn forget_partial(conn: &Connection) -> Result<(), StoreError> {
    conn.execute("DELETE FROM meta WHERE key = 'partial_file'", [])?;
    Ok(())
}

/// Removes what an export or a backup cut short left (only a `.partial` file is ever removed).
pub(crate) fn remove_noted_partial(conn: &Connection) -> Result<(), StoreError> {
    let noted: Option<String> =
        conn.query_row("SELECT value FROM meta WHERE key = 'partial_file'", [], |r| r.get(0)).optional()?;
    if let Some(path) = noted {
        if path.ends_with(".partial") {
            // A stick no longer plugged in: nothing to remove here.
            let _ = std::fs::remove_file(&path);
        }
        forget_partial(conn)?;
    }
    Ok(())
}

pub(crate) fn open_lock_file(dir: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(dir.join(LOCK_FILE))
}

/// Turns the shared store lock that `lock` holds into an exclusive one, or fails with `Busy`
/// (keeping the shared lock) while another process holds it too. The shared lock is given up
/// first: Windows never turns a handle's shared lock into an exclusive one (`LockFileEx` waits
/// for the handle's own shared lock to go), and Linux's `flock` converts by the same two steps.
pub(crate) fn exclusive_from_shared(lock: &std::fs::File) -> Result<(), StoreError> {
    release(lock)?;
    match lock.try_lock() {
        Ok(()) => Ok(()),
        Err(e) => {
            lock.lock_shared()?;
            Err(match e {
                std::fs::TryLockError::WouldBlock => StoreError::Busy,
                std::fs::TryLockError::Error(e) => StoreError::Io(e),
            })
        }
    }
}

/// Turns the exclusive store lock that `lock` holds back into a shared one. On Windows a shared
/// lock taken over the handle's exclusive one would sit beside it, and the exclusive one would
/// keep every other process out; so it is released first, as `flock` does on Linux.
pub(crate) fn shared_from_exclusive(lock: &std::fs::File) -> Result<(), StoreError> {
    release(lock)?;
    Ok(lock.lock_shared()?)
}

/// Gives up the lock a handle holds. On Windows the standard library unlocks twice (a handle
/// may hold a shared and an exclusive lock at once) and accepts `ERROR_NOT_LOCKED` from the
/// second call; Wine, which the Windows tests run under, answers that call with
/// `ERROR_LOCK_VIOLATION` (33) instead. Either way the lock is gone.
fn release(lock: &std::fs::File) -> std::io::Result<()> {
    match lock.unlock() {
        Err(e) if cfg!(windows) && e.raw_os_error() == Some(33) => Ok(()),
        other => other,
    }
}

pub(crate) fn read_key_file(dir: &Path) -> Result<KeyFile, StoreError> {
    if !dir.join(keyfile::FILE_NAME).exists() {
        return Err(StoreError::NotFound);
    }
    Ok(KeyFile::read(dir)?)
}

pub(crate) fn refuse_plaintext(path: &Path) -> Result<(), StoreError> {
    use std::io::Read;
    let mut header = [0u8; 16];
    let mut f = std::fs::File::open(path)?;
    let n = f.read(&mut header)?;
    if n == 16 && &header == PLAINTEXT_HEADER {
        return Err(StoreError::NotEncrypted);
    }
    Ok(())
}

/// Opens and keys a SQLCipher connection, forces a read, and applies the pragmas.
pub(crate) fn open_keyed(path: &Path, dek: &Key32, create: bool) -> Result<Connection, StoreError> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let conn = Connection::open_with_flags(path, flags)?;
    // SQLCipher writes "hmac check failed" lines to stderr on a bad key; a user should see our
    // one clear sentence instead.
    conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(())).ok();
    conn.pragma_update(None, "key", &*dek.sqlcipher_literal())?;
    // A wrong key is only noticed on the first read.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
    let cipher: String =
        conn.query_row("PRAGMA cipher_version", [], |r| r.get(0)).map_err(|_| StoreError::NotEncrypted)?;
    if cipher.is_empty() {
        return Err(StoreError::NotEncrypted);
    }
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // Every page read from disk costs SQLCipher an HMAC check and a decryption; a cache of
    // 64 MiB (SQLite's default is 2 MiB) keeps the indexes of a large store decrypted, so
    // lists, lookups and writes do not decrypt the same pages again and again.
    conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    // Writes and lookups run the same few dozen statements (one insert per entity table and
    // field set); keeping them prepared saves SQLite's planning on every op.
    conn.set_prepared_statement_cache_capacity(256);
    Ok(conn)
}

/// The page cache of an open store, in KiB.
const CACHE_KIB: i64 = 64 * 1024;

/// The page cache while one transaction writes more than fits in memory (an import of a whole
/// spreadsheet): pages beyond it go to the write-ahead log, encrypted, so that memory stays the
/// same however long the file. Unit tests make it small, so that their imports of a thousand
/// rows spill pages and roll them back as a long import does.
#[cfg(not(test))]
const LONG_WRITE_CACHE_KIB: i64 = 16 * 1024;
#[cfg(test)]
const LONG_WRITE_CACHE_KIB: i64 = 256;

impl Store {
    /// Runs `f` with the page cache of a long write, and gives the store its usual cache back.
    pub(crate) fn with_long_write_cache<T>(&mut self, f: impl FnOnce(&mut Store) -> T) -> T {
        let _ = self.conn.pragma_update(None, "cache_size", -LONG_WRITE_CACHE_KIB);
        let out = f(self);
        let _ = self.conn.pragma_update(None, "cache_size", -CACHE_KIB);
        out
    }
}

pub(crate) fn read_identity(conn: &Connection) -> Result<Identity, StoreError> {
    let get = |key: &str| -> Result<String, StoreError> {
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).map_err(|_| StoreError::Damaged)
    };
    let uuid = |key: &str| -> Result<Uuid, StoreError> { get(key)?.parse().map_err(|_| StoreError::Damaged) };
    Ok(Identity {
        device_id: uuid("device_id")?,
        district: get("district")?,
        district_name: get("district_name")?,
        operator_id: uuid("operator_id")?,
    })
}

pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::ambient::{FixedClock, SeededEntropy};

    const CHEAP: KdfParams = KdfParams { m_kib: 1024, t: 1, p: 1 };

    fn params(pass: &Passphrase) -> InitParams<'_> {
        InitParams { district: "65.03", district_name: "Nunukan", operator_name: "P", passphrase: pass, kdf: CHEAP }
    }

    /// Windows keeps a handle's shared and exclusive locks side by side and refuses to make a
    /// shared lock exclusive; Linux converts. Both must behave as Linux does: a key change
    /// needs the lock alone, and afterwards other processes must be able to open the store.
    #[test]
    fn the_store_lock_turns_exclusive_and_back_on_every_platform() {
        let dir = tempfile::tempdir().unwrap();
        let ours = open_lock_file(dir.path()).unwrap();
        ours.lock_shared().unwrap();
        exclusive_from_shared(&ours).expect("alone, the shared lock becomes exclusive");
        let other = open_lock_file(dir.path()).unwrap();
        assert!(matches!(other.try_lock_shared(), Err(std::fs::TryLockError::WouldBlock)));
        shared_from_exclusive(&ours).unwrap();
        other.try_lock_shared().expect("after the key change another process opens the store");
        assert!(matches!(exclusive_from_shared(&ours), Err(StoreError::Busy)));
        release(&other).unwrap();
        let third = open_lock_file(dir.path()).unwrap();
        assert!(
            matches!(third.try_lock(), Err(std::fs::TryLockError::WouldBlock)),
            "a refused exclusive lock keeps the shared one"
        );
    }

    /// A passphrase change rewrites the key file by replacing it. On Windows another program
    /// (an antivirus scan, a sync tool) may hold that file for a moment: the change waits for
    /// it; held throughout, the change is refused as "file in use" and the old passphrase
    /// still opens the store. Fails without `support::files::replace`'s retries.
    #[cfg(windows)]
    #[test]
    fn a_key_file_another_program_holds_is_replaced_when_it_lets_go_or_left_whole() {
        use std::os::windows::fs::OpenOptionsExt;
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (Passphrase::new("kata sandi panjang"), Passphrase::new("kata sandi baru sekali"));
        drop(Store::create(dir.path(), &params(&old), &clock(), &SeededEntropy::new(1)).unwrap());
        let key_file = dir.path().join(keyfile::FILE_NAME);
        let hold = || std::fs::OpenOptions::new().read(true).share_mode(1).open(&key_file).unwrap();

        let held = hold();
        let e = Store::change_passphrase(dir.path(), Unlock::Passphrase(&old), &new, CHEAP, &SeededEntropy::new(2))
            .unwrap_err();
        assert_eq!(crate::Error::from(e).code, crate::ErrorCode::FileInUse);
        drop(held);
        assert!(!dir.path().join(format!("{}.tmp", keyfile::FILE_NAME)).exists(), "a temporary key file was left");
        drop(Store::open(dir.path(), &old).expect("the old passphrase still opens the store"));

        let held = hold();
        let letting_go = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(300));
            drop(held);
        });
        Store::change_passphrase(dir.path(), Unlock::Passphrase(&old), &new, CHEAP, &SeededEntropy::new(3)).unwrap();
        letting_go.join().unwrap();
        drop(Store::open(dir.path(), &new).expect("the new passphrase opens the store"));
    }

    fn clock() -> FixedClock {
        FixedClock::new(chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap(), 1)
    }

    #[test]
    fn migration_runner_brings_an_empty_file_to_the_current_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE);
        std::fs::File::create(&path).unwrap();
        let key = Key32::from_bytes([5u8; 32]);
        let mut conn = open_keyed(&path, &key, false).unwrap();
        assert_eq!(migrate::schema_version(&conn).unwrap(), 0);
        crate::log::upgrade::run(&mut conn).unwrap();
        assert_eq!(migrate::schema_version(&conn).unwrap(), migrate::SCHEMA_VERSION);
        drop(conn);
        let mut header = [0u8; 16];
        std::io::Read::read_exact(&mut std::fs::File::open(&path).unwrap(), &mut header).unwrap();
        assert_ne!(&header, PLAINTEXT_HEADER);
    }

    #[test]
    fn a_plaintext_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let pass = Passphrase::new("kata sandi panjang");
        let (store, _r) = Store::create(dir.path(), &params(&pass), &clock(), &SeededEntropy::new(1)).unwrap();
        drop(store);
        // Swap the encrypted database for a plaintext one, keeping the key file.
        for f in std::fs::read_dir(dir.path()).unwrap() {
            let p = f.unwrap().path();
            if p.file_name().unwrap().to_string_lossy().starts_with(DB_FILE) {
                std::fs::remove_file(p).unwrap();
            }
        }
        let plain = Connection::open(dir.path().join(DB_FILE)).unwrap();
        plain.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
        drop(plain);
        assert!(matches!(Store::open(dir.path(), &pass), Err(StoreError::NotEncrypted)));
    }

    #[test]
    fn a_database_keyed_differently_from_its_key_file_is_damaged_not_a_wrong_passphrase() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let pass = Passphrase::new("kata sandi panjang");
        drop(Store::create(a.path(), &params(&pass), &clock(), &SeededEntropy::new(1)).unwrap());
        drop(Store::create(b.path(), &params(&pass), &clock(), &SeededEntropy::new(2)).unwrap());
        std::fs::copy(b.path().join(keyfile::FILE_NAME), a.path().join(keyfile::FILE_NAME)).unwrap();
        assert!(matches!(Store::open(a.path(), &pass), Err(StoreError::Damaged)));
    }

    #[test]
    fn init_refuses_an_existing_store_and_a_short_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let pass = Passphrase::new("kata sandi panjang");
        drop(Store::create(dir.path(), &params(&pass), &clock(), &SeededEntropy::new(1)).unwrap());
        assert!(matches!(
            Store::create(dir.path(), &params(&pass), &clock(), &SeededEntropy::new(1)),
            Err(StoreError::AlreadyExists)
        ));
        let other = tempfile::tempdir().unwrap();
        let short = Passphrase::new("pendek");
        assert!(matches!(
            Store::create(other.path(), &params(&short), &clock(), &SeededEntropy::new(1)),
            Err(StoreError::WeakPassphrase)
        ));
    }
}
