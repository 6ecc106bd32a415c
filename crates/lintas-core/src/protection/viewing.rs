//! Opening an attachment with the system's viewer. The viewer needs a plain file, so a decrypted
//! copy is written into the store's `viewing/` folder (owner-only on Unix), in a folder of the
//! process that wrote it, named by a random id and the file type only — never by the
//! attachment's name, which may name the person. The copies go when the shell locks or closes
//! the store ([`remove_own`]), and, should the process die first, at the next open of a store
//! no other process holds ([`remove_all`], from `open`). Taking the copy out is logged as an
//! export of the attachment.

use crate::records::cases;
use crate::records::lookup::CaseError;
use crate::store::Store;
use crate::support::ambient::{Clock, Entropy};
use std::io::Write;
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// The folder of the store that holds copies for the viewer.
pub const FOLDER: &str = "viewing";

fn own_folder(dir: &Path) -> PathBuf {
    dir.join(FOLDER).join(std::process::id().to_string())
}

/// The extension to give the copy, so that the system picks the right viewer: the attachment
/// name's, if it is a short plain one, else none.
fn extension(name: &str) -> Option<String> {
    let ext = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
    (!ext.is_empty() && ext.len() <= 5 && ext.bytes().all(|b| b.is_ascii_alphanumeric())).then_some(ext)
}

/// Writes a decrypted copy of an attachment for the system viewer and returns its path.
pub fn copy_for_viewer(
    store: &Store,
    id: Uuid,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
) -> Result<PathBuf, CaseError> {
    let (name, data) = cases::export_attachment(store, id, clock)?;
    let folder = own_folder(&store.dir);
    let io = |e: std::io::Error| CaseError::from(crate::store::StoreError::from(e));
    std::fs::create_dir_all(&folder).map_err(io)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for d in [store.dir.join(FOLDER), folder.clone()] {
            std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o700)).map_err(io)?;
        }
    }
    let mut path = folder.join(entropy.uuid().simple().to_string());
    if let Some(ext) = extension(&name) {
        path.set_extension(ext);
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&path).map_err(io)?;
    file.write_all(&data).map_err(io)?;
    Ok(path)
}

/// Removes the copies this process wrote (when the store is locked or closed).
pub fn remove_own(dir: &Path) {
    let _ = std::fs::remove_dir_all(own_folder(dir));
}

/// Removes every copy (at open, when no other process holds the store).
pub(crate) fn remove_all(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir.join(FOLDER));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::ambient::{FixedClock, SeededEntropy};

    #[test]
    fn a_copy_is_named_by_type_only_readable_by_its_owner_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::new(chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap(), 5);
        let e = SeededEntropy::new(8);
        let mut store = crate::setup::test_store(&dir.path().join("s"), "65.03", 1, &clock);
        let doc = serde_json::json!({"victim": {"first_name": "Maria"}, "intake": {"date": "2019-09-20"}});
        let case = cases::create(&mut store, &doc, &clock, &e).unwrap();
        let id = cases::attach(&mut store, &case.case_number, "KTP Maria Taek.JPG", "image/jpeg", b"scan", &clock, &e)
            .unwrap();
        let path = copy_for_viewer(&store, id, &clock, &e).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"scan");
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        assert!(name.ends_with(".jpg") && !name.contains("Maria"), "{name}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
            let folder = store.dir.join(FOLDER);
            assert_eq!(std::fs::metadata(&folder).unwrap().permissions().mode() & 0o777, 0o700);
        }
        // Opening is logged as an export.
        let log = crate::log::access::list(&store, 0, 10).unwrap();
        assert!(log.iter().any(|entry| entry.action == "export_attachment"), "{log:?}");
        remove_own(&store.dir);
        assert!(!path.exists());
        assert_eq!(extension("paspor"), None);
        assert_eq!(extension("x.tar.gz;rm"), None);
    }
}
