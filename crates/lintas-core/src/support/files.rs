//! Files written so that a crash, a pulled stick or another program cannot leave them half
//! done: [`write_durably`] writes a file whole or not at all, [`replace`] puts a finished file in
//! place of the old one, [`sync_file`] and [`sync_dir`] make a write and a rename durable, on
//! Linux and on Windows alike; [`held_by_another_program`] and [`device_gone`] say what an error
//! means for the person who must act on it.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long [`replace`] waits for another program to let go of the file it replaces.
const PATIENCE: Duration = Duration::from_secs(2);
const STEP: Duration = Duration::from_millis(50);

/// Puts `from` in the place of `to`, replacing it in one step. On Windows a file that another
/// program holds open without allowing deletion (an antivirus scan, a backup or sync tool, a
/// viewer) cannot be replaced; such holds are usually short, so the rename is tried again for
/// up to two seconds. If the file is still held, the error says so (`ResourceBusy`, which
/// [`held_by_another_program`] recognises) — Windows itself answers "access denied", which
/// elsewhere means a folder the person may not write to — and `from` is left where it was.
pub fn replace(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut waited = Duration::ZERO;
    loop {
        match std::fs::rename(from, to) {
            Err(e) if may_be_held(&e) && waited < PATIENCE => {
                std::thread::sleep(STEP);
                waited += STEP;
            }
            Err(e) if may_be_held(&e) => return Err(std::io::Error::new(std::io::ErrorKind::ResourceBusy, e)),
            other => return other,
        }
    }
}

/// What Windows answers a rename over a file another program holds: access denied, a sharing
/// or lock violation. Never on Linux, where an open file can always be replaced.
fn may_be_held(e: &std::io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32 | 33))
}

/// Whether an error says that another program holds the file: what [`replace`] gave up on, or
/// Windows' sharing or lock violation when a file is opened.
pub fn held_by_another_program(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::ResourceBusy || (cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33)))
}

/// Where a file is written before it is put in its place: beside it, its name + ".partial".
pub fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    path.with_file_name(name)
}

/// Writes `bytes` as the file `path`, whole or not at all: into [`partial_path`], synced, then
/// put in place with [`replace`]. On any failure the partial file is removed and `path` is as it
/// was.
pub fn write_durably(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_via(&partial_path(path), path, bytes)
}

/// [`write_durably`] through a temporary file of the caller's naming (the key file has its own,
/// which a key change cut short knows to clear).
pub fn write_via(temporary: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let written = (|| {
        let mut f = std::fs::File::create(temporary)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        replace(temporary, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(temporary);
        return Err(e);
    }
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        sync_dir(dir)?;
    }
    Ok(())
}

/// Whether an error says that the device under a file went away (a USB stick pulled out):
/// an input/output error, no such device.
pub fn device_gone(e: &std::io::Error) -> bool {
    if cfg!(windows) {
        // ERROR_NOT_READY, ERROR_DEV_NOT_EXIST, ERROR_DEVICE_NOT_CONNECTED
        matches!(e.raw_os_error(), Some(21 | 55 | 1167))
    } else {
        // EIO, ENXIO, ENODEV
        matches!(e.raw_os_error(), Some(5 | 6 | 19))
    }
}

/// Makes a file that another handle wrote (SQLite's) durable. Windows flushes a file only
/// through a handle that may write to it (a read-only one is refused: access denied).
pub fn sync_file(path: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new().write(true).open(path)?.sync_all()
}

/// Makes a rename durable. Directories cannot be opened for syncing on Windows, where NTFS
/// journals the rename itself, so there it is a no-op.
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
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

    #[test]
    fn a_finished_file_replaces_the_old_one_and_is_gone_from_its_first_place() {
        let dir = tempfile::tempdir().unwrap();
        let (from, to) = (dir.path().join("new.partial"), dir.path().join("keys.json"));
        std::fs::write(&to, b"old").unwrap();
        std::fs::write(&from, b"new").unwrap();
        replace(&from, &to).unwrap();
        assert_eq!(std::fs::read(&to).unwrap(), b"new");
        assert!(!from.exists());
        sync_file(&to).unwrap();
        sync_dir(dir.path()).unwrap();
    }

    /// Windows refuses to replace a file that another program holds without sharing
    /// deletion; an antivirus scan does so for a moment. Fails without the retries.
    #[cfg(windows)]
    #[test]
    fn a_file_another_program_holds_for_a_moment_is_replaced_once_it_lets_go() {
        use std::os::windows::fs::OpenOptionsExt;
        let dir = tempfile::tempdir().unwrap();
        let (from, to) = (dir.path().join("new.partial"), dir.path().join("keys.json"));
        std::fs::write(&to, b"old").unwrap();
        std::fs::write(&from, b"new").unwrap();
        // FILE_SHARE_READ only: others may read, nobody may delete or rename over it.
        let held = std::fs::OpenOptions::new().read(true).share_mode(1).open(&to).unwrap();
        assert!(std::fs::rename(&from, &to).is_err(), "Windows lets a held file be replaced");
        let letting_go = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            drop(held);
        });
        replace(&from, &to).unwrap();
        letting_go.join().unwrap();
        assert_eq!(std::fs::read(&to).unwrap(), b"new");
    }

    #[cfg(windows)]
    #[test]
    fn a_file_held_throughout_is_reported_as_held_and_both_files_stay() {
        use std::os::windows::fs::OpenOptionsExt;
        let dir = tempfile::tempdir().unwrap();
        let (from, to) = (dir.path().join("new.partial"), dir.path().join("keys.json"));
        std::fs::write(&to, b"old").unwrap();
        std::fs::write(&from, b"new").unwrap();
        let held = std::fs::OpenOptions::new().read(true).share_mode(1).open(&to).unwrap();
        let e = replace(&from, &to).unwrap_err();
        assert!(held_by_another_program(&e), "{e}");
        drop(held);
        assert_eq!(std::fs::read(&to).unwrap(), b"old");
        assert_eq!(std::fs::read(&from).unwrap(), b"new");
    }
}
