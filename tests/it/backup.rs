//! Backup and restore, driven through the CLI only: a backup restores on another laptop with
//! the passphrase or the recovery key, the restored laptop is a new device that other districts
//! accept through the handover, the old device is refused from then on, and a damaged copy, a
//! wrong secret or an occupied folder restores nothing.

use crate::support;

use serde_json::{json, Value};
use std::path::Path;
use support::{maria, stderr, Cli};

/// Nunukan set up through the CLI, with the recovery key it was shown once.
fn nunukan() -> (Cli, String) {
    let cli = Cli::new();
    let init =
        cli.json(&["init", "--district", "65.03", "--district-name", "Kabupaten Nunukan", "--operator", "Petugas"]);
    (cli, init["recovery_key"].as_str().unwrap().to_string())
}

fn consenting_maria() -> Value {
    let mut d = maria();
    d["consent"] = json!({"interview": true, "informed_purpose": true, "share_districts": ["53.03"]});
    d
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

/// Carries a bundle from one district to another; returns the import summary.
fn carry(from: &Cli, to_code: &str, to: &Cli, file: &str) -> Value {
    from.json(&["bundle", "export", "--to", to_code, "--out", file]);
    to.json(&["bundle", "import", file])
}

/// A command that must be refused: its exit code, error code and message.
fn refused(cli: &Cli, args: &[&str]) -> (i32, String, String) {
    let mut all = args.to_vec();
    all.push("--json");
    let out = cli.run(&all);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let code = doc["error"]["code"].as_str().unwrap_or_default().to_string();
    (out.status.code().unwrap_or(-1), code, stderr(&out))
}

/// `lintas restore FILE --recovery-key` with the key in LINTAS_RECOVERY_KEY.
fn restore_with_key(cli: &Cli, file: &str, key: &str, extra: &[&str]) -> std::process::Output {
    let mut cmd = cli.cmd();
    cmd.args(["restore", file, "--recovery-key"]).args(extra).env("LINTAS_RECOVERY_KEY", key);
    cmd.output().unwrap()
}

fn device_of(cli: &Cli) -> String {
    let card = cli.tmp.path().join("own.card");
    cli.ok(&["identity", "card", "--out", &card.to_string_lossy()]);
    let card: Value = serde_json::from_slice(&std::fs::read(card).unwrap()).unwrap();
    card["devices"][0]["device_id"].as_str().unwrap().to_string()
}

#[test]
fn a_restored_laptop_is_a_new_device_that_other_districts_accept() {
    let (n, recovery_key) = nunukan();
    let ttu = Cli::district("53.03", "Kabupaten Timor Tengah Utara");
    let usb = tempfile::tempdir().unwrap();
    let (n_card, n_fp) = n.card(usb.path(), "nunukan.card");
    let (t_card, t_fp) = ttu.card(usb.path(), "ttu.card");
    n.ok(&["trust", "add", &t_card, "--fingerprint", &t_fp]);
    ttu.ok(&["trust", "add", &n_card, "--fingerprint", &n_fp]);

    // Nunukan registers two victims and refers one home to TTU; TTU answers.
    let case = n.create(&consenting_maria());
    let case_id = case["id"].as_str().unwrap().to_string();
    n.create(&json!({"victim": {"first_name": "Yuliana", "second_name": "Bano", "gender": "Feminine"},
                     "intake": {"date": "2020-01-14", "place": "Nunukan"}}));
    n.ok(&["referral", "create", &case_id, "--to", "53.03", "--reason", "Pemulangan ke Maubesi"]);
    carry(&n, "53.03", &ttu, &path(usb.path(), "1.lintas"));
    carry(&ttu, "65.03", &n, &path(usb.path(), "2.lintas"));
    let old_device = device_of(&n);

    // The backup: one file, with nothing readable in it.
    let file = path(usb.path(), "nunukan.lintas-backup");
    let written = n.json(&["backup", "--out", &file]);
    assert_eq!(written["cases"], 2);
    assert_eq!(written["sha256"].as_str().unwrap().len(), 64);
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(written["bytes"], bytes.len());
    for plain in ["Maria", "Taek", "5303015102040001", "Yohanes", "Yuliana", "Maubesi", "Tunon Taka", "SQLite format 3"]
    {
        assert!(!bytes.windows(plain.len()).any(|w| w == plain.as_bytes()), "{plain} is readable in the backup");
    }
    let access = n.json(&["audit", "access"]);
    assert_eq!(access["entries"][0]["action"], "export_backup");
    assert_eq!(access["entries"][0]["target"], written["sha256"]);

    // Restored on another laptop with the passphrase: the same cases, a new device.
    let laptop = Cli::new();
    let restored = laptop.json(&["restore", &file]);
    assert_eq!(restored["previous_device_id"], old_device.as_str());
    assert_ne!(restored["device_id"], old_device.as_str());
    assert_eq!(restored["cases"], 2);
    assert_ne!(restored["fingerprint"], n_fp.as_str());
    assert_eq!(device_of(&laptop), restored["device_id"].as_str().unwrap());
    assert_eq!(laptop.json(&["case", "list"])["cases"], n.json(&["case", "list"])["cases"]);
    assert_eq!(laptop.json(&["case", "show", &case_id])["victim"]["identity_number"], "5303015102040001");
    assert_eq!(laptop.json(&["audit", "verify"])["ok"], true);
    let own = laptop.json(&["trust", "list"]);
    let old = own["devices"].as_array().unwrap().iter().find(|d| d["device_id"] == old_device.as_str()).unwrap();
    assert!(old["revoked_at"].is_string(), "the old device is revoked on the restored laptop: {old}");

    // Restored a second time with the recovery key (the passphrase given is wrong, to show that
    // it is not what opened it); the store then opens with its old passphrase as before.
    let spare = Cli::new();
    let out = spare
        .cmd()
        .args(["restore", &file, "--recovery-key", "--json"])
        .env("LINTAS_RECOVERY_KEY", &recovery_key)
        .env("LINTAS_PASSPHRASE", "bukan kata sandinya sama sekali")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let by_key: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_ne!(by_key["device_id"], restored["device_id"]);
    assert_eq!(spare.json(&["case", "list"])["count"], 2);
    let again = restore_with_key(&spare, &file, &recovery_key, &[]);
    assert_eq!(again.status.code(), Some(1), "a second restore into the same folder is refused");

    // The restored laptop's next bundle reaches TTU, which learns of the new device from it.
    let visit = laptop.file("note.json", &json!({"notes": [{"body": "Catatan dari laptop baru"}]}));
    laptop.ok(&["case", "update", &case_id, &visit]);
    let summary = carry(&laptop, "53.03", &ttu, &path(usb.path(), "3.lintas"));
    assert_eq!(summary["updated_cases"], json!(["6503-2019-0001"]));
    let notes = ttu.json(&["case", "show", &case_id])["notes"].clone();
    assert!(notes.as_array().unwrap().iter().any(|n| n["body"] == "Catatan dari laptop baru"), "{notes}");
    let trusted = ttu.json(&["trust", "list"])["devices"].as_array().unwrap().clone();
    let row = |d: &Value| trusted.iter().find(|t| t["device_id"] == *d).unwrap().clone();
    assert_eq!(row(&restored["device_id"])["added_via"], "handover");
    assert!(row(&restored["device_id"])["revoked_at"].is_null());
    assert!(row(&json!(old_device))["revoked_at"].is_string());

    // The old laptop, still in use somewhere, is refused from now on, and so is the spare copy.
    let edit = n.file("edit.json", &json!({"notes": [{"body": "dari laptop lama"}]}));
    n.ok(&["case", "update", &case_id, &edit]);
    let from_old = path(usb.path(), "old.lintas");
    n.json(&["bundle", "export", "--to", "53.03", "--out", &from_old]);
    let (exit, code, message) = refused(&ttu, &["bundle", "import", &from_old]);
    assert_eq!((exit, code.as_str()), (4, "revoked_sender"), "{message}");
    assert!(message.contains("dicabut"), "{message}");
    let from_spare = path(usb.path(), "spare.lintas");
    spare.json(&["bundle", "export", "--to", "53.03", "--out", &from_spare]);
    let (exit, code, _) = refused(&ttu, &["bundle", "import", &from_spare]);
    assert_eq!((exit, code.as_str()), (4, "untrusted_sender"));

    // TTU's answer is encrypted to the new laptop only.
    let answer = path(usb.path(), "4.lintas");
    ttu.json(&["bundle", "export", "--to", "65.03", "--out", &answer]);
    laptop.json(&["bundle", "import", &answer]);
    let (exit, code, _) = refused(&n, &["bundle", "import", &answer]);
    assert_eq!((exit, code.as_str()), (4, "wrong_recipient"));
    for side in [&laptop, &ttu] {
        assert_eq!(side.json(&["audit", "verify"])["ok"], true);
    }
}

#[test]
fn a_damaged_copy_a_wrong_secret_or_an_occupied_folder_restores_nothing() {
    let (n, recovery_key) = nunukan();
    n.create(&maria());
    let usb = tempfile::tempdir().unwrap();
    let file = path(usb.path(), "n.lintas-backup");
    n.json(&["backup", "--out", &file]);
    let original = std::fs::read(&file).unwrap();
    let len = original.len();
    let target = Cli::new();
    let probe = path(usb.path(), "probe.lintas-backup");
    let nothing_left = |what: &str| {
        let left: Vec<_> = std::fs::read_dir(target.tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert!(left.is_empty(), "{what} left {left:?}");
    };
    let restore = |bytes: &[u8]| {
        std::fs::write(&probe, bytes).unwrap();
        refused(&target, &["restore", &probe])
    };

    // A copy cut short, wherever the cut.
    for cut in [0, 3, 9, 10, 19, 100, len / 2, len - 41, len - 40, len - 33, len - 1] {
        let (exit, code, message) = restore(&original[..cut]);
        assert_eq!((exit, code.as_str()), (4, "backup_incomplete"), "cut at {cut} of {len}: {message}");
        assert!(message.contains("tidak lengkap"), "{message}");
        nothing_left("a cut copy");
    }
    // A changed byte in the key file, the database or the checksum.
    for offset in [25, len / 3, len / 2, len - 50, len - 5] {
        let mut bytes = original.clone();
        bytes[offset] ^= 0x20;
        let (exit, code, message) = restore(&bytes);
        assert_eq!((exit, code.as_str()), (4, "backup_damaged"), "offset {offset}: {message}");
        assert!(message.contains("rusak"), "{message}");
        nothing_left("a damaged copy");
    }
    let mut newer = original.clone();
    newer[9] = 2;
    assert_eq!(restore(&newer).1, "backup_version");
    // Other files: a case document, and a bundle-like file.
    let (exit, code, message) = restore(br#"{"victim": {"first_name": "Maria"}}"#);
    assert_eq!((exit, code.as_str()), (4, "not_a_backup"), "{message}");
    assert!(message.contains("bukan cadangan Lintas"), "{message}");
    assert_eq!(restore(b"LNTS-BDL\x00\x01").1, "not_a_backup");
    nothing_left("other files");

    // Wrong secrets: exit 3, as when opening a store.
    let out = target.cmd().args(["restore", &file, "--json"]).env("LINTAS_PASSPHRASE", "salah salah salah").output();
    let out = out.unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("Kata sandi salah"), "{}", stderr(&out));
    nothing_left("a wrong passphrase");
    let other = nunukan().1;
    for (key, code) in [(other.as_str(), "wrong_recovery_key"), ("ABCDE-FGHIJ", "mistyped_recovery_key")] {
        let out = restore_with_key(&target, &file, key, &["--json"]);
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!((out.status.code(), doc["error"]["code"].as_str()), (Some(3), Some(code)));
        nothing_left("a wrong recovery key");
    }

    // A folder that holds a store, or anything else, is never overwritten.
    let before = support::files(&n.store);
    let (exit, code, message) = refused(&n, &["restore", &file]);
    assert_eq!((exit, code.as_str()), (1, "store_exists"), "{message}");
    assert_eq!(support::files(&n.store), before);
    std::fs::create_dir_all(&target.store).unwrap();
    std::fs::write(target.store.join("surat.txt"), b"milik orang lain").unwrap();
    assert_eq!(refused(&target, &["restore", &file]).1, "store_exists");
    assert_eq!(std::fs::read(target.store.join("surat.txt")).unwrap(), b"milik orang lain");

    // The intact file still restores, with the recovery key, into an empty folder.
    std::fs::remove_file(target.store.join("surat.txt")).unwrap();
    let out = restore_with_key(&target, &file, &recovery_key, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("lintas recover"));
    assert_eq!(target.json(&["case", "list"])["count"], 1);
    support::assert_not_on_disk(&target.store, &["Maria", "5303015102040001"]);
}

/// Restoring hands the district's device identity to the laptop and revokes the old one: only a
/// coordinator's passphrase (or the recovery key) may do it. A case worker, who may not make
/// backups, is refused with exit 5 and nothing is left behind; the coordinator's restore is
/// recorded in the restored store's access log.
#[test]
fn only_a_coordinator_or_the_recovery_key_restores_a_backup() {
    let (n, _) = nunukan();
    n.create(&maria());
    let usb = tempfile::tempdir().unwrap();
    let worker_pass = path(usb.path(), "rina.pass");
    std::fs::write(&worker_pass, "kata sandi pendamping rina\n").unwrap();
    n.ok(&["operator", "add", "--name", "Rina", "--role", "CaseWorker", "--new-passphrase-file", &worker_pass]);
    let file = path(usb.path(), "n.lintas-backup");
    n.json(&["backup", "--out", &file]);

    let target = Cli::new();
    let out =
        target.cmd().args(["restore", &file, "--json"]).env("LINTAS_PASSPHRASE", "kata sandi pendamping rina").output();
    let out = out.unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((out.status.code(), doc["error"]["code"].as_str()), (Some(5), Some("forbidden")), "{}", stderr(&out));
    let left: Vec<_> = std::fs::read_dir(target.tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.is_empty(), "a refused restore left {left:?}");

    target.ok(&["restore", &file]);
    let access = target.json(&["audit", "access"]);
    let actions: Vec<&str> =
        access["entries"].as_array().unwrap().iter().filter_map(|e| e["action"].as_str()).collect();
    assert_eq!(actions.first(), Some(&"restore_backup"), "{access}");
    assert_eq!(target.json(&["audit", "verify"])["ok"], true);
}
