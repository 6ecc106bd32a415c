//! Backups: one file from which the whole store can be restored on another laptop.
//!
//! ```text
//! magic "LNTS-BAK" | version u16
//! section 'K' | length u64 | keys.json, verbatim
//! section 'D' | length u64 | the SQLCipher database: one consistent copy, keyed like the store
//! total length u64 | SHA-256 of every byte before it
//! ```
//! All integers are big-endian. Nothing in the file is in the clear: the database pages are
//! encrypted by SQLCipher with the store's database key, and the key file holds that key only
//! wrapped for the passphrase and for the recovery key. So the backup opens with the
//! passphrase or the recovery key, and with nothing else. The length and the checksum tell a
//! copy cut short or damaged on a USB stick apart before anything is written; they guard
//! against accidents, while the key file's AEAD and SQLCipher's per-page HMAC guard the
//! contents against forgery.
//!
//! A restored store is a new device of the same district: it gets new device keys, revokes the
//! device it was backed up from, and carries a handover signed by that device in every bundle,
//! so that other districts accept it without a new identity card (see `identity`).

use crate::exchange::bundle::{hex, read_start, Start, Tally};
use crate::log::access;
use crate::log::identity::{self, TrustError};
use crate::store::keyfile::{self, KeyError};
use crate::store::{self, Store, StoreError, Unlock, DB_FILE};
use crate::support::ambient::{Clock, Entropy};
use crate::support::secret::Key32;
use ring::digest::{Context, SHA256};
use serde::Serialize;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use uuid::Uuid;

pub const MAGIC: &[u8; 8] = b"LNTS-BAK";
pub const FORMAT_VERSION: u16 = 1;
const PREFIX_LEN: u64 = 8 + 2;
const SECTION_HEAD_LEN: u64 = 1 + 8;
const TRAILER_LEN: u64 = 8 + 32;
const SECTION_KEYS: u8 = b'K';
const SECTION_DATABASE: u8 = b'D';
/// A key file is a few hundred bytes; a section anywhere near this size is not one.
const MAX_KEY_FILE: u64 = 1 << 20;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("not a Lintas backup")]
    NotABackup,
    #[error("backup format version {0} is not supported by this Lintas")]
    UnsupportedVersion(u16),
    #[error("the backup is incomplete (cut short)")]
    Incomplete,
    #[error("the backup is damaged")]
    Damaged,
    #[error("the backup written could not be read back intact")]
    ReadBack,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Trust(#[from] TrustError),
    #[error("file error: {0}")]
    Io(#[from] io::Error),
    /// Reading the backup or writing the restored store failed (the file system's error; a
    /// full laptop disk, or a stick pulled out while it was read).
    #[error("the backup could not be restored: {0}")]
    Restoring(#[source] io::Error),
}

impl From<rusqlite::Error> for BackupError {
    fn from(e: rusqlite::Error) -> Self {
        BackupError::Store(e.into())
    }
}

impl From<KeyError> for BackupError {
    fn from(e: KeyError) -> Self {
        BackupError::Store(e.into())
    }
}

/// What `backup` wrote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct BackupSummary {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub path: PathBuf,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    /// SHA-256 of the file (hex), as recorded in the access log.
    pub sha256: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub cases: u64,
}

/// What `restore` made: the same district's store, on a new device.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RestoreSummary {
    pub device_id: Uuid,
    /// The device the backup was made on; it is revoked.
    pub previous_device_id: Uuid,
    pub district: String,
    pub district_name: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub cases: u64,
    /// The district's identity card changed (a new device, a revoked one): its new fingerprint.
    pub fingerprint: String,
}

fn digest_bytes(ctx: Context) -> [u8; 32] {
    ctx.finish().as_ref().try_into().expect("SHA-256 is 32 bytes")
}

/// Writes the container: the key file, then `database_len` bytes of `database`, then the
/// trailer. Returns the writer and the checksum it wrote.
fn write_container<W: Write>(
    out: W,
    key_file: &[u8],
    database: &mut impl Read,
    database_len: u64,
) -> io::Result<(W, [u8; 32])> {
    let mut w = Tally::new(out);
    w.write_all(MAGIC)?;
    w.write_all(&FORMAT_VERSION.to_be_bytes())?;
    w.write_all(&[SECTION_KEYS])?;
    w.write_all(&(key_file.len() as u64).to_be_bytes())?;
    w.write_all(key_file)?;
    w.write_all(&[SECTION_DATABASE])?;
    w.write_all(&database_len.to_be_bytes())?;
    let copied = io::copy(&mut database.take(database_len), &mut w)?;
    if copied != database_len {
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the database copy is shorter than measured"));
    }
    let total = w.len + TRAILER_LEN;
    w.write_all(&total.to_be_bytes())?;
    let Tally { mut inner, ctx, .. } = w;
    let sha = digest_bytes(ctx);
    inner.write_all(&sha)?;
    Ok((inner, sha))
}

/// Where the sections of a checked backup lie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout {
    size: u64,
    /// Offset and length of the key file.
    keys: (u64, u64),
    /// Offset and length of the database.
    database: (u64, u64),
    sha256: [u8; 32],
}

/// Hashes the first `len` bytes of `file`; the bytes inside `range` (offset, length) are also
/// written to `sink`, so that a restore copies the database out in the same pass that checks it.
fn digest_copying(mut file: impl Read, len: u64, range: (u64, u64), sink: &mut impl Write) -> io::Result<[u8; 32]> {
    let mut ctx = Context::new(&SHA256);
    let mut buf = vec![0u8; 64 * 1024];
    let mut at = 0u64;
    while at < len {
        let n = ((len - at) as usize).min(buf.len());
        file.read_exact(&mut buf[..n])?;
        ctx.update(&buf[..n]);
        let from = range.0.max(at);
        let to = (range.0 + range.1).min(at + n as u64);
        if from < to {
            sink.write_all(&buf[(from - at) as usize..(to - at) as usize])?;
        }
        at += n as u64;
    }
    Ok(digest_bytes(ctx))
}

/// The header of the section at `at`, which must be of `kind` and end by `end`.
fn section<R: Read + Seek>(file: &mut R, kind: u8, at: u64, end: u64) -> Result<(u64, u64), BackupError> {
    if at + SECTION_HEAD_LEN > end {
        return Err(BackupError::Damaged);
    }
    file.seek(SeekFrom::Start(at))?;
    let mut head = [0u8; SECTION_HEAD_LEN as usize];
    file.read_exact(&mut head)?;
    let len = u64::from_be_bytes(head[1..].try_into().expect("8 bytes"));
    let start = at + SECTION_HEAD_LEN;
    if head[0] != kind || len > end - start {
        return Err(BackupError::Damaged);
    }
    Ok((start, len))
}

/// Checks a whole backup file before anything is taken from it: the magic, the version, that
/// the stored length equals the file's (a copy cut short), the checksum over every byte (a
/// damaged copy), and that the sections fill the file exactly.
fn verify<R: Read + Seek>(mut file: R) -> Result<Layout, BackupError> {
    let size = match read_start(&mut file, MAGIC, PREFIX_LEN, &[FORMAT_VERSION])? {
        Start::Read { size, .. } => size,
        Start::Foreign => return Err(BackupError::NotABackup),
        Start::Cut => return Err(BackupError::Incomplete),
        Start::Version(v) => return Err(BackupError::UnsupportedVersion(v)),
    };
    if size < PREFIX_LEN + TRAILER_LEN {
        return Err(BackupError::Incomplete);
    }
    file.seek(SeekFrom::Start(size - TRAILER_LEN))?;
    let mut trailer = [0u8; TRAILER_LEN as usize];
    file.read_exact(&mut trailer)?;
    if u64::from_be_bytes(trailer[..8].try_into().expect("8 bytes")) != size {
        return Err(BackupError::Incomplete);
    }
    file.seek(SeekFrom::Start(0))?;
    let sha256 = digest_copying(&mut file, size - 32, (0, 0), &mut io::sink())?;
    if sha256[..] != trailer[8..] {
        return Err(BackupError::Damaged);
    }
    let end = size - TRAILER_LEN;
    let keys = section(&mut file, SECTION_KEYS, PREFIX_LEN, end)?;
    let database = section(&mut file, SECTION_DATABASE, keys.0 + keys.1, end)?;
    if keys.1 > MAX_KEY_FILE || database.0 + database.1 != end {
        return Err(BackupError::Damaged);
    }
    Ok(Layout { size, keys, database, sha256 })
}

/// Removes a database file and the journal files SQLite may have left beside it.
fn remove_database_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_os_string();
        name.push(suffix);
        // A file that is not there is what we want.
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// Copies the live database into `path` as one consistent snapshot: a new SQLCipher file keyed
/// with the store's own database key, filled by SQLite's online backup in a single step. The
/// copy is checked to be readable with that key and not plaintext. Returns its size.
fn snapshot(store: &Store, path: &Path) -> Result<u64, BackupError> {
    let mut copy = store::open_keyed(path, store.database_key(), true)?;
    {
        let backup = rusqlite::backup::Backup::new(&store.conn, &mut copy)?;
        // All pages in one step: the copy is of one moment, even if the store is written to.
        match backup.step(-1)? {
            rusqlite::backup::StepResult::Done => {}
            _ => return Err(StoreError::Busy.into()),
        }
    }
    // One self-contained file, with no write-ahead log beside it.
    copy.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
    copy.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
    drop(copy);
    // Whatever SQLCipher does in future versions, a backup never carries a plaintext database.
    store::refuse_plaintext(path)?;
    Ok(std::fs::metadata(path)?.len())
}

/// Writes an encrypted backup of the store to `out`: as `out.partial`, fsynced, renamed, then
/// read back and checked in full. The temporary copy of the database is SQLCipher-encrypted,
/// lives in the store's private folder and is removed. The backup is recorded in the access
/// log as an export, by its checksum.
pub fn backup(store: &Store, out: &Path, clock: &dyn Clock) -> Result<BackupSummary, BackupError> {
    store.require(crate::model::roles::Permission::Backup)?;
    // Verbatim: every passphrase slot and the recovery slot, so the backup opens with whatever
    // opens the store.
    let key_file = std::fs::read(store.dir().join(keyfile::FILE_NAME))?;
    let copy = store.dir().join(format!("{DB_FILE}.backup-{}", std::process::id()));
    remove_database_files(&copy);
    let partial = crate::support::files::partial_path(out);
    store::note_partial(&store.conn, &partial)?;
    let written = (|| -> Result<(u64, [u8; 32]), BackupError> {
        let database_len = snapshot(store, &copy)?;
        let mut database = File::open(&copy)?;
        let file = File::create(&partial)?;
        let (buffered, sha) = write_container(BufWriter::new(file), &key_file, &mut database, database_len)?;
        crate::support::ambient::fault_point("backup:writing")?;
        let file = buffered.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        Ok((file.metadata()?.len(), sha))
    })();
    remove_database_files(&copy);
    let (bytes, sha) = match written {
        Ok(w) => w,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            let _ = store::forget_partial(&store.conn);
            return Err(e);
        }
    };
    let renamed = crate::support::files::replace(&partial, out);
    store::forget_partial(&store.conn)?;
    renamed?;
    if let Some(dir) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        crate::support::files::sync_dir(dir)?;
    }
    // USB sticks lie about writes: read the whole file back and check it.
    match verify(BufReader::new(File::open(out)?)) {
        Ok(layout) if layout.sha256 == sha => {}
        _ => return Err(BackupError::ReadBack),
    }
    let sha256 = hex(&sha);
    access::record(store, access::Action::ExportBackup, &sha256, clock)?;
    let cases = store.conn.query_row("SELECT count(*) FROM case_file", [], |r| r.get::<_, i64>(0))? as u64;
    Ok(BackupSummary { path: out.to_path_buf(), bytes, sha256, cases })
}

/// Where a restore prepares the store before it moves it into place: a hidden folder beside
/// the target, so that the move is a rename on the same file system.
fn staging_dir(dir: &Path) -> Result<PathBuf, BackupError> {
    let name = dir.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "store folder"))?;
    let mut staging = std::ffi::OsString::from(".");
    staging.push(name);
    staging.push(".lintas-restore");
    Ok(dir.with_file_name(staging))
}

fn has_entries(dir: &Path) -> io::Result<bool> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_some()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// Restores a backup into `dir` and opens it. The folder must not hold a store or anything
/// else. The whole file is checked before anything is written. The store is then prepared in
/// a private staging folder beside `dir`: the key file is unpacked and unlocked with the
/// passphrase or the recovery key, the database is copied out while the file is checked a
/// second time, the database is opened (migrated if the backup is older) and checked page by
/// page, and the device is rotated (`identity::rotate_device`). Only then is the staging
/// folder renamed to `dir`. Any failure removes the staging folder: a wrong passphrase or a
/// damaged backup leaves nothing behind, and a half-restored store, which would still act as
/// the old device, never appears at `dir`.
pub fn restore(
    file: &Path,
    dir: &Path,
    unlock: Unlock<'_>,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
) -> Result<(Store, RestoreSummary), BackupError> {
    restore_from(file, dir, unlock, clock, entropy).map_err(|e| match e {
        BackupError::Io(io) => BackupError::Restoring(io),
        other => other,
    })
}

fn restore_from(
    file: &Path,
    dir: &Path,
    unlock: Unlock<'_>,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
) -> Result<(Store, RestoreSummary), BackupError> {
    if store::exists(dir) || has_entries(dir)? {
        return Err(StoreError::AlreadyExists.into());
    }
    let mut source = File::open(file)?;
    let layout = verify(BufReader::new(&mut source))?;
    crate::support::ambient::fault_point("restore:reading")?;
    let staging = staging_dir(dir)?;
    // Left by a restore that was interrupted: it never became a store.
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    let prepared = prepare(&mut source, &layout, &staging, unlock, clock, entropy).and_then(|(key, rotation)| {
        if dir.exists() {
            // Empty, as checked above; a folder cannot be renamed over another on Windows.
            std::fs::remove_dir(dir)?;
        }
        crate::support::files::replace(&staging, dir)?;
        Ok((key, rotation))
    });
    let ((dek, owner), rotation) = match prepared {
        Ok(p) => p,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        crate::support::files::sync_dir(parent)?;
    }
    let store = Store::open_with_key(dir, dek, Some(owner))?;
    // The restore is recorded in the restored store's own access log, by the backup's checksum.
    access::record(&store, access::Action::RestoreBackup, &hex(&layout.sha256), clock)?;
    let id = store.identity().clone();
    let restored = RestoreSummary {
        device_id: rotation.device,
        previous_device_id: rotation.previous_device,
        district: id.district,
        district_name: id.district_name,
        cases: store.conn.query_row("SELECT count(*) FROM case_file", [], |r| r.get::<_, i64>(0))? as u64,
        fingerprint: identity::own_card(&store)?.fingerprint(),
    };
    Ok((store, restored))
}

/// Unpacks, unlocks, checks and rotates the store in the staging folder; returns its key.
fn prepare(
    source: &mut File,
    layout: &Layout,
    staging: &Path,
    unlock: Unlock<'_>,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
) -> Result<((Key32, Option<uuid::Uuid>), identity::Rotation), BackupError> {
    store::create_private_dir(staging)?;
    let mut key_file = vec![0u8; layout.keys.1 as usize];
    source.seek(SeekFrom::Start(layout.keys.0))?;
    source.read_exact(&mut key_file)?;
    crate::exchange::sync::write_file_durably(&staging.join(keyfile::FILE_NAME), &key_file)?;
    // The key file first: a wrong passphrase is refused before the database is copied out.
    let keys = store::read_key_file(staging)?;
    // A backup is never made while the key changes (the change holds the store alone), so a key
    // file naming a new key's slots did not come from Lintas: opening would make those slots
    // the store's.
    if keys.rotation_under_way() {
        return Err(BackupError::Damaged);
    }
    let (dek, owner) = match unlock {
        Unlock::Passphrase(p) => {
            let opened = keys.unlock_operator(p)?;
            (opened.dek, Some(opened.owner))
        }
        Unlock::Recovery(r) => (keys.unlock_with_recovery(r)?.0, None),
    };
    {
        let mut database = File::create(staging.join(DB_FILE))?;
        source.seek(SeekFrom::Start(0))?;
        let sha = digest_copying(BufReader::new(&mut *source), layout.size - 32, layout.database, &mut database)?;
        // The file was checked once already; if it differs now, the stick is failing.
        if sha != layout.sha256 {
            return Err(BackupError::Damaged);
        }
        database.sync_all()?;
    }
    let mut store = Store::open_with_key(staging, dek, owner)?;
    // Restoring hands the district's device identity to this laptop and revokes the one the
    // backup came from: a coordinator's decision, made with their passphrase or the recovery key.
    store.require(crate::model::roles::Permission::Backup)?;
    // Reads every page, so SQLCipher checks every page's HMAC as well as the structure.
    let check: String =
        store.conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(|_| BackupError::Damaged)?;
    if check != "ok" {
        return Err(BackupError::Damaged);
    }
    let rotation = identity::rotate_device(&mut store, clock, entropy)?;
    Ok((store.close_keeping_key(), rotation))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::ambient::{FixedClock, SeededEntropy};
    use crate::support::secret::Passphrase;
    use serde_json::json;

    fn container(keys: &[u8], database: &[u8]) -> Vec<u8> {
        write_container(Vec::new(), keys, &mut &database[..], database.len() as u64).unwrap().0
    }

    fn check(bytes: &[u8]) -> Result<Layout, BackupError> {
        verify(io::Cursor::new(bytes))
    }

    #[test]
    fn a_container_reads_back_with_its_sections() {
        let bytes = container(b"{\"keys\":1}", b"database pages");
        let layout = check(&bytes).unwrap();
        let at = |r: (u64, u64)| &bytes[r.0 as usize..(r.0 + r.1) as usize];
        assert_eq!(at(layout.keys), b"{\"keys\":1}");
        assert_eq!(at(layout.database), b"database pages");
        assert_eq!(layout.size, bytes.len() as u64);
        assert_eq!(&bytes[..8], MAGIC);
        // An empty database section is still a well-formed container.
        assert!(check(&container(b"{}", b"")).is_ok());
    }

    #[test]
    fn every_cut_is_incomplete() {
        let bytes = container(b"{\"keys\":1}", &[7u8; 300]);
        for cut in 0..bytes.len() {
            assert!(matches!(check(&bytes[..cut]), Err(BackupError::Incomplete)), "cut at {cut}");
        }
    }

    #[test]
    fn every_changed_byte_is_refused() {
        let bytes = container(b"{\"keys\":1}", &[7u8; 300]);
        for offset in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[offset] ^= 0x5A;
            let expected = match offset {
                0..=7 => "not a backup",
                8 | 9 => "version",
                n if (bytes.len() - 40..bytes.len() - 32).contains(&n) => "incomplete",
                _ => "damaged",
            };
            let got = match check(&changed) {
                Err(BackupError::NotABackup) => "not a backup",
                Err(BackupError::UnsupportedVersion(_)) => "version",
                Err(BackupError::Incomplete) => "incomplete",
                Err(BackupError::Damaged) => "damaged",
                other => panic!("offset {offset}: {other:?}"),
            };
            assert_eq!(got, expected, "offset {offset}");
        }
    }

    #[test]
    fn sections_that_do_not_fill_the_file_are_damaged_even_with_a_good_checksum() {
        // A writer bug, or a crafted file: the key section claims more than there is.
        let mut bytes = container(b"{}", b"db");
        bytes[11..19].copy_from_slice(&1000u64.to_be_bytes());
        let body = bytes.len() - 32;
        let sha = ring::digest::digest(&SHA256, &bytes[..body]);
        bytes[body..].copy_from_slice(sha.as_ref());
        assert!(matches!(check(&bytes), Err(BackupError::Damaged)));
        assert!(matches!(check(b"PK\x03\x04 a zip file"), Err(BackupError::NotABackup)));
    }

    /// Every file in a folder with its bytes, sorted.
    fn contents(dir: &Path) -> Vec<(std::ffi::OsString, Vec<u8>)> {
        let mut all: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .map(|e| (e.file_name(), std::fs::read(e.path()).unwrap()))
            .collect();
        all.sort();
        all
    }

    fn clock() -> FixedClock {
        FixedClock::new(chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap(), 5)
    }

    #[test]
    fn the_copied_database_is_encrypted_and_opens_with_the_store_key() {
        let dir = tempfile::tempdir().unwrap();
        let clock = clock();
        let mut s = crate::setup::test_store(&dir.path().join("s"), "65.03", 1, &clock);
        let doc = json!({"victim": {"first_name": "Kartini", "identity_number": "5303015102040001"},
                         "intake": {"date": "2019-09-20"}});
        crate::records::cases::create(&mut s, &doc, &clock, &SeededEntropy::new(2)).unwrap();
        let copy = dir.path().join("copy.db");
        snapshot(&s, &copy).unwrap();
        let bytes = std::fs::read(&copy).unwrap();
        assert_ne!(&bytes[..16], b"SQLite format 3\0");
        for needle in [&b"Kartini"[..], b"5303015102040001", b"CREATE TABLE", b"case_file"] {
            assert!(!bytes.windows(needle.len()).any(|w| w == needle), "plaintext in the copied pages");
        }
        let conn = store::open_keyed(&copy, s.database_key(), false).unwrap();
        let n: i64 = conn.query_row("SELECT count(*) FROM case_file", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 1);
        // Another key does not open it.
        assert!(store::open_keyed(&copy, &Key32::from_bytes([1; 32]), false).is_err());
    }

    #[test]
    fn backup_and_restore_make_a_new_device_of_the_same_store() {
        let dir = tempfile::tempdir().unwrap();
        let clock = clock();
        let mut s = crate::setup::test_store(&dir.path().join("s"), "65.03", 1, &clock);
        let doc = json!({"victim": {"first_name": "Kartini"}, "intake": {"date": "2019-09-20"}});
        crate::records::cases::create(&mut s, &doc, &clock, &SeededEntropy::new(2)).unwrap();
        let file = dir.path().join("s.lintas-backup");
        let summary = backup(&s, &file, &clock).unwrap();
        assert_eq!(summary.cases, 1);
        let leftovers: Vec<_> = std::fs::read_dir(s.dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("backup"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
        assert_eq!(crate::log::access::list(&s, 0, 1).unwrap()[0].action, "export_backup");

        let target = dir.path().join("r");
        let pass = Passphrase::new("kata sandi panjang");
        let (r, restored) = restore(&file, &target, Unlock::Passphrase(&pass), &clock, &SeededEntropy::new(3)).unwrap();
        assert_eq!(restored.previous_device_id, s.identity().device_id);
        assert_ne!(r.identity().device_id, s.identity().device_id);
        assert_eq!(r.identity().device_id, restored.device_id);
        assert_eq!(r.identity().operator_id, s.identity().operator_id);
        assert_eq!(crate::records::cases::list(&r, &Default::default()).unwrap().len(), 1);
        crate::log::audit::verify(&r).unwrap();
        let card = identity::own_card(&r).unwrap();
        assert!(card.devices.iter().any(|d| d.device_id == restored.previous_device_id && d.revoked));
        assert_ne!(card.fingerprint(), identity::own_card(&s).unwrap().fingerprint());
        let chain = identity::handovers(&r.conn).unwrap();
        assert_eq!(chain.len(), 1);
        assert_eq!((chain[0].from_device, chain[0].to_device), (restored.previous_device_id, restored.device_id));
        // Nothing is left beside the store.
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 3, "{names:?}");

        // A store there now: a second restore into it is refused and changes nothing.
        drop(r);
        let before = contents(&target);
        let again = restore(&file, &target, Unlock::Passphrase(&pass), &clock, &SeededEntropy::new(4));
        assert!(matches!(again, Err(BackupError::Store(StoreError::AlreadyExists))));
        assert_eq!(contents(&target), before);
    }

    #[test]
    fn a_wrong_passphrase_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let clock = clock();
        let s = crate::setup::test_store(&dir.path().join("s"), "65.03", 1, &clock);
        let file = dir.path().join("s.lintas-backup");
        backup(&s, &file, &clock).unwrap();
        let target = dir.path().join("r");
        let wrong = Passphrase::new("bukan kata sandinya");
        let r = restore(&file, &target, Unlock::Passphrase(&wrong), &clock, &SeededEntropy::new(3));
        assert!(matches!(r, Err(BackupError::Store(StoreError::Key(KeyError::WrongPassphrase)))));
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "{names:?}");
        // An empty folder may be the target, and stays (empty) when the restore fails.
        std::fs::create_dir(&target).unwrap();
        let r = restore(&file, &target, Unlock::Passphrase(&wrong), &clock, &SeededEntropy::new(3));
        assert!(r.is_err());
        assert_eq!(std::fs::read_dir(&target).unwrap().count(), 0);
        // A folder with anything in it is not.
        std::fs::write(target.join("catatan.txt"), b"x").unwrap();
        let pass = Passphrase::new("kata sandi panjang");
        let r = restore(&file, &target, Unlock::Passphrase(&pass), &clock, &SeededEntropy::new(3));
        assert!(matches!(r, Err(BackupError::Store(StoreError::AlreadyExists))));
    }

    /// A backup whose key file names the slots of a key change under way was not written by
    /// Lintas; restoring it would hand the store to whoever chose those slots. It is refused as
    /// damaged, before anything is unlocked, and leaves nothing behind.
    #[test]
    fn a_key_file_with_a_key_change_under_way_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let clock = clock();
        let s = crate::setup::test_store(&dir.path().join("s"), "65.03", 1, &clock);
        let file = dir.path().join("s.lintas-backup");
        backup(&s, &file, &clock).unwrap();
        let bytes = std::fs::read(&file).unwrap();
        let layout = check(&bytes).unwrap();
        let at = |r: (u64, u64)| &bytes[r.0 as usize..(r.0 + r.1) as usize];
        let mut keys: serde_json::Value = serde_json::from_slice(at(layout.keys)).unwrap();
        keys["next"] = keys["slots"].clone();
        let forged = container(&serde_json::to_vec(&keys).unwrap(), at(layout.database));
        let forged_file = dir.path().join("forged.lintas-backup");
        std::fs::write(&forged_file, forged).unwrap();
        let target = dir.path().join("r");
        let pass = Passphrase::new("kata sandi panjang");
        let r = restore(&forged_file, &target, Unlock::Passphrase(&pass), &clock, &SeededEntropy::new(3));
        assert!(matches!(r, Err(BackupError::Damaged)), "{r:?}");
        assert!(!target.exists());
        // The same backup untouched restores.
        assert!(restore(&file, &target, Unlock::Passphrase(&pass), &clock, &SeededEntropy::new(3)).is_ok());
    }
}
