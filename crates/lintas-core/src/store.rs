//! The encrypted store: a directory holding the SQLCipher database and the key file.
//!
//! Opening a store unwraps the database key from the key file (which checks the passphrase),
//! refuses a database that is not encrypted, keys SQLCipher with the raw 32-byte key (no second
//! KDF), forces a read, sets the pragmas that keep every page encrypted and durable, and runs
//! the migrations.

use crate::ambient::{Clock, Entropy};
use crate::keyfile::{self, KdfParams, KeyError, KeyFile};
use crate::migrate::{self, MigrateError};
use crate::secret::{Key32, Passphrase, RecoveryKey};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::{Path, PathBuf};
use uuid::Uuid;

pub const DB_FILE: &str = "lintas.db";
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
    /// A database error. Only the SQLite result code is kept: rusqlite's messages can carry
    /// row values, which may be personal data.
    #[error("database error ({0:?})")]
    Sql(ErrorCode),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::NotADatabase) => StoreError::Damaged,
            Some(code) => StoreError::Sql(code),
            None => StoreError::Sql(ErrorCode::Unknown),
        }
    }
}

/// Who this installation is: set once at `init`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub device_id: Uuid,
    pub district: String,
    pub district_name: String,
    pub operator_id: Uuid,
}

/// An open, unlocked store.
pub struct Store {
    pub(crate) conn: Connection,
    dir: PathBuf,
    identity: Identity,
    /// The database key, kept while the store is open so that a backup can key its encrypted
    /// copy of the database. SQLCipher holds the same key in memory anyway; `Key32` wipes it
    /// when the store is dropped (locked).
    key: Key32,
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
        let (file, dek, recovery) = KeyFile::create(params.passphrase, params.kdf, entropy)?;
        let mut conn = open_keyed(&dir.join(DB_FILE), &dek, true)?;
        migrate::run(&mut conn)?;
        let identity = Identity {
            device_id: entropy.uuid(),
            district: params.district.to_string(),
            district_name: params.district_name.to_string(),
            operator_id: entropy.uuid(),
        };
        {
            let tx = conn.transaction()?;
            crate::identity::create_device_keys(&tx, identity.device_id, clock, entropy)?;
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
        Ok((Store { conn, dir: dir.to_path_buf(), identity, key: dek }, recovery))
    }

    pub fn open(dir: &Path, passphrase: &Passphrase) -> Result<Store, StoreError> {
        let file = read_key_file(dir)?;
        let dek = file.unlock_with_passphrase(passphrase)?;
        Store::open_with_key(dir, dek)
    }

    pub fn open_with_recovery(dir: &Path, recovery: &RecoveryKey) -> Result<Store, StoreError> {
        let file = read_key_file(dir)?;
        let dek = file.unlock_with_recovery(recovery)?;
        Store::open_with_key(dir, dek)
    }

    /// Opens a store whose key file was already unlocked.
    pub(crate) fn open_with_key(dir: &Path, dek: Key32) -> Result<Store, StoreError> {
        let path = dir.join(DB_FILE);
        if !path.exists() {
            return Err(StoreError::NotFound);
        }
        refuse_plaintext(&path)?;
        let mut conn = open_keyed(&path, &dek, false)?;
        migrate::run(&mut conn)?;
        let identity = read_identity(&conn)?;
        // Stores made before schema 2 have no device keys yet; they get them on first open.
        if !crate::identity::has_device_keys(&conn, identity.device_id)? {
            let entropy = crate::ambient::SystemEntropy::new();
            crate::identity::create_device_keys(&conn, identity.device_id, &crate::ambient::SystemClock, &entropy)?;
        }
        Ok(Store { conn, dir: dir.to_path_buf(), identity, key: dek })
    }

    /// Rewraps the database key for a new passphrase. Only the key file is rewritten.
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
        let mut file = read_key_file(dir)?;
        let dek = match unlock {
            Unlock::Passphrase(p) => file.unlock_with_passphrase(p)?,
            Unlock::Recovery(r) => file.unlock_with_recovery(r)?,
        };
        file.set_passphrase(&dek, new, kdf, entropy)?;
        file.write(dir)?;
        Ok(())
    }

    pub fn identity(&self) -> &Identity {
        &self.identity
    }

    pub fn dir(&self) -> &Path {
        &self.dir
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
        &self.key
    }

    /// Closes the store and hands its key back, so that it can be opened again elsewhere (a
    /// restored store is prepared in a staging folder and then moved into place).
    pub(crate) fn close_keeping_key(self) -> Key32 {
        let Store { key, .. } = self;
        key
    }

    /// Reads the identity from `meta` again, after a restore gave this device a new id.
    pub(crate) fn reload_identity(&mut self) -> Result<(), StoreError> {
        self.identity = read_identity(&self.conn)?;
        Ok(())
    }
}

/// How to unlock a store for a passphrase change.
#[derive(Debug)]
pub enum Unlock<'a> {
    Passphrase(&'a Passphrase),
    Recovery(&'a RecoveryKey),
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
    conn.pragma_update(None, "secure_delete", "ON")?;
    Ok(conn)
}

fn read_identity(conn: &Connection) -> Result<Identity, StoreError> {
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
    use crate::ambient::{FixedClock, SeededEntropy};

    const CHEAP: KdfParams = KdfParams { m_kib: 1024, t: 1, p: 1 };

    fn params(pass: &Passphrase) -> InitParams<'_> {
        InitParams { district: "65.03", district_name: "Nunukan", operator_name: "P", passphrase: pass, kdf: CHEAP }
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
        migrate::run(&mut conn).unwrap();
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
