//! Faults a district laptop meets (issue 19), on real size-limited filesystems: a tmpfs mounted
//! for each test. Mounting needs root, as the test command runs; `scripts/test.sh` sets
//! `LINTAS_REQUIRE_MOUNT`, so that there a test that cannot mount fails instead of passing
//! without having run.

use crate::support;

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use support::{maria, stderr, Cli};

/// A tmpfs of a given size, mounted in a temporary folder; unmounted when dropped.
struct SmallDisk {
    _dir: tempfile::TempDir,
    mount: PathBuf,
}

impl SmallDisk {
    fn new(kib: u64) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let mount = dir.path().join("disk");
        std::fs::create_dir(&mount).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k,mode=0700"), "tmpfs"])
            .arg(&mount)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            assert!(
                std::env::var_os("LINTAS_REQUIRE_MOUNT").is_none(),
                "cannot mount a tmpfs: the fault tests need root (the test command runs as root)"
            );
            eprintln!("SKIPPED: mounting a tmpfs needs root; run the test command as root");
            return None;
        }
        Some(SmallDisk { _dir: dir, mount })
    }

    fn path(&self) -> &Path {
        &self.mount
    }

    /// Gives the disk more room, as a worker who deleted files would.
    fn grow(&self, kib: u64) {
        let ok = Command::new("mount")
            .args(["-o", &format!("remount,size={kib}k")])
            .arg(&self.mount)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "remount");
    }

    fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.mount)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.mount).status();
    }
}

/// Bytes that do not compress, as a scanned document does not.
fn scan(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

#[test]
fn a_full_disk_under_the_store_saves_nothing_half_and_the_retry_succeeds() {
    let Some(disk) = SmallDisk::new(3 * 1024) else { return };
    let mut cli = Cli::new();
    cli.store = disk.path().join("store");
    let out =
        cli.run(&["init", "--district", "65.03", "--district-name", "Kabupaten Nunukan", "--operator", "Petugas"]);
    assert_eq!(out.status.code(), Some(0), "init on the small disk: {}", stderr(&out));
    let case = cli.create(&maria());
    let id = case["id"].as_str().unwrap().to_string();
    // Scans are attached until the disk is full.
    let mut refused = None;
    for n in 0..40 {
        let file = cli.tmp.path().join(format!("scan-{n}.pdf"));
        std::fs::write(&file, scan(256 * 1024, n)).unwrap();
        let out = cli.run(&["case", "attach", &id, &file.to_string_lossy()]);
        if out.status.code() != Some(0) {
            refused = Some((out, n, file));
            break;
        }
    }
    let (out, attached, file) = refused.expect("a 3 MiB disk took 40 scans of 256 KiB");
    assert!(attached > 0, "not one scan fitted: {}", stderr(&out));
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains("Disk laptop ini penuh"), "{said}");
    assert!(!said.contains("internal") && !said.contains("sqlite"), "{said}");
    // Reading a case is logged, so while the disk is full it is refused the same way.
    let out = cli.run(&["case", "show", &id]);
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));

    // Room is made: the store holds exactly the scans that were accepted, and the refused one
    // goes through when tried again.
    disk.grow(16 * 1024);
    let shown = |seen: Value| {
        let docs = seen["docs"].as_array().unwrap().clone();
        (docs.len(), docs[0]["attachments"].as_array().unwrap().len(), seen["audit"].clone())
    };
    assert_eq!(shown(cases_seen(&cli)), (1, attached as usize, json!(true)));
    cli.ok(&["case", "attach", &id, &file.to_string_lossy()]);
    assert_eq!(shown(cases_seen(&cli)), (1, attached as usize + 1, json!(true)));
}

#[test]
fn a_full_stick_gets_no_bundle_nothing_is_marked_sent_and_the_next_stick_works() {
    let Some(stick) = SmallDisk::new(256) else { return };
    let nunukan = Cli::district("65.03", "Kabupaten Nunukan");
    let ttu = Cli::district("53.03", "Kabupaten Timor Tengah Utara");
    let cards = tempfile::tempdir().unwrap();
    let (t_card, t_fp) = ttu.card(cards.path(), "ttu.card");
    nunukan.ok(&["trust", "add", &t_card, "--fingerprint", &t_fp]);
    let mut doc = maria();
    doc["consent"] = json!({"interview": true, "informed_purpose": true, "share_districts": ["53.03"]});
    let case = nunukan.create(&doc);
    let id = case["id"].as_str().unwrap();
    let file = nunukan.tmp.path().join("paspor.pdf");
    std::fs::write(&file, scan(600 * 1024, 7)).unwrap();
    nunukan.ok(&["case", "attach", id, &file.to_string_lossy()]);
    nunukan.ok(&["referral", "create", id, "--to", "53.03", "--reason", "Pemulangan"]);
    let exports = |cli: &Cli| {
        let log = cli.json(&["audit", "access"]);
        log["entries"].as_array().unwrap().iter().filter(|e| e["action"] == "export_bundle").count()
    };

    let bundle = stick.path().join("ke TTU.lintas");
    let out = nunukan.run(&["bundle", "export", "--to", "53.03", "--out", &bundle.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(stderr(&out).contains("Flashdisk atau folder tujuan penuh"), "{}", stderr(&out));
    assert_eq!(stick.files(), Vec::<String>::new(), "a partial bundle was left on the stick");
    assert_eq!(nunukan.json(&["referral", "list"])["referrals"][0]["status"], "Draft");
    assert_eq!(exports(&nunukan), 0, "an export that did not happen was logged");
    assert_eq!(nunukan.json(&["audit", "verify"])["ok"], true);
    let json_out = nunukan.run(&["bundle", "export", "--to", "53.03", "--out", &bundle.to_string_lossy(), "--json"]);
    let doc: Value = serde_json::from_slice(&json_out.stdout).unwrap();
    assert_eq!(doc["error"]["code"], "destination_full");

    // A bigger stick: the export goes through and the referral is sent.
    stick.grow(4 * 1024);
    nunukan.json(&["bundle", "export", "--to", "53.03", "--out", &bundle.to_string_lossy()]);
    assert_eq!(stick.files(), vec!["ke TTU.lintas".to_string()]);
    assert_eq!(nunukan.json(&["referral", "list"])["referrals"][0]["status"], "Sent");
    assert_eq!(exports(&nunukan), 1);
}

/// Every other file that leaves the store for a stick: an annual report, the HTCDS workbook, a
/// backup. On a full stick each is refused with exit 6, leaves nothing on the stick and no
/// access-log entry, and goes through once there is room.
#[test]
fn reports_workbooks_and_backups_on_a_full_stick_are_written_whole_or_not_at_all() {
    let Some(stick) = SmallDisk::new(64) else { return };
    let cli = Cli::district("65.03", "Kabupaten Nunukan");
    for n in 0..3 {
        let mut doc = maria();
        doc["victim"]["first_name"] = json!(format!("Maria {n}"));
        doc["victim"]["identity_number"] = json!(format!("530301510204000{n}"));
        cli.create(&doc);
    }
    let file = cli.tmp.path().join("scan.pdf");
    std::fs::write(&file, scan(200 * 1024, 3)).unwrap();
    let id = cli.json(&["case", "list"])["cases"][0]["id"].as_str().unwrap().to_string();
    cli.ok(&["case", "attach", &id, &file.to_string_lossy()]);
    let logged = |cli: &Cli| cli.json(&["audit", "access"])["entries"].as_array().unwrap().len();
    // Big enough a stick for none of them (the backup holds the scan); the report and the
    // workbook are filled to the brim first.
    let filler = stick.path().join("berkas lain.bin");
    let outs: [(&str, Vec<&str>); 3] = [
        ("laporan.html", vec!["report", "annual", "--year", "2019", "--out"]),
        ("htcds.xlsx", vec!["export", "htcds", "--out"]),
        ("cadangan.lintas-backup", vec!["backup", "--out"]),
    ];
    for (name, args) in &outs {
        std::fs::write(&filler, scan(60 * 1024, 9)).unwrap();
        let room = 64 * 1024 - std::fs::metadata(&filler).unwrap().len();
        assert!(room < 8 * 1024, "the stick should be almost full");
        let before = logged(&cli);
        let target = stick.path().join(name);
        let mut all: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        all.push(target.to_string_lossy().into_owned());
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let out = cli.run(&all);
        assert_eq!(out.status.code(), Some(6), "{name}: {}", stderr(&out));
        assert!(stderr(&out).contains("Flashdisk atau folder tujuan penuh"), "{name}: {}", stderr(&out));
        assert_eq!(stick.files(), vec!["berkas lain.bin".to_string()], "{name} left a file on the stick");
        assert_eq!(logged(&cli), before, "{name}: an export that did not happen was logged");
        // Room made: the same command writes the file.
        std::fs::remove_file(&filler).unwrap();
        stick.grow(8 * 1024);
        cli.ok(&all);
        assert!(target.is_file(), "{name} was not written with room on the stick");
        assert_eq!(logged(&cli), before + 1, "{name}: the export that happened was not logged");
        std::fs::remove_file(&target).unwrap();
        stick.grow(64);
    }
    assert_eq!(cli.json(&["audit", "verify"])["ok"], true);
}

/// The laptop's clock years behind or ahead (libfaketime sets the time the process sees): every
/// command that opens the store says so first, in the user's language, and a right clock is
/// not warned about.
#[test]
fn a_wrong_clock_is_named_before_anything_is_written() {
    let cli = Cli::init();
    cli.create(&maria());
    let at = |time: &str, args: &[&str]| {
        let plain = cli.cmd();
        let mut c = Command::new("faketime");
        c.args(["-f", time]).arg(plain.get_program()).args(args);
        for (k, v) in plain.get_envs() {
            match v {
                Some(v) => c.env(k, v),
                None => c.env_remove(k),
            };
        }
        let out = c.output().expect("faketime (scripts/deps.sh installs it)");
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stderr(&out)
    };
    let behind = at("-2000d", &["case", "list"]);
    assert!(behind.contains("jam laptop ini") && behind.contains("hari lebih awal"), "{behind}");
    let ahead = at("+2000d", &["--lang", "en", "case", "list"]);
    assert!(ahead.contains("this laptop's clock is") && ahead.contains("days after"), "{ahead}");
    let right = cli.run(&["case", "list"]);
    assert_eq!(stderr(&right), "", "a right clock was warned about");
}

/// Fills what is left of a disk but `room` bytes, to the last page, and returns the filler to
/// remove later.
fn fill_up(disk: &SmallDisk, room: usize) -> PathBuf {
    use std::io::Write;
    let spare = disk.path().join("cadangan ruang.bin");
    std::fs::write(&spare, vec![0u8; room]).unwrap();
    let filler = disk.path().join("berkas lain.bin");
    let mut f = std::fs::File::create(&filler).unwrap();
    for chunk in [64 * 1024, 4096, 512, 1] {
        while f.write_all(&vec![7u8; chunk]).is_ok() {}
    }
    let _ = f.sync_all();
    std::fs::remove_file(&spare).unwrap();
    filler
}

/// Everything a worker sees of the cases, for comparing a store before and after a failure.
fn cases_seen(cli: &Cli) -> Value {
    let list = cli.json(&["case", "list"])["cases"].clone();
    let docs: Vec<Value> =
        list.as_array().unwrap().iter().map(|c| cli.json(&["case", "show", c["id"].as_str().unwrap()])).collect();
    json!({"docs": docs, "operators": cli.json(&["operator", "list"]), "audit": cli.json(&["audit", "verify"])["ok"]})
}

/// Every command that writes into the store, run when its disk is full to the last page: each
/// is refused as a full disk (exit 6, never "internal"), the store afterwards shows exactly what
/// it showed before, the old passphrase still opens it, and once room is made the same command
/// goes through. Then again with half a megabyte left, so that a command can fail in the
/// middle of its work (the key change copies the whole database): it either goes through or
/// is refused as a full disk with nothing of it in the store.
#[test]
fn every_write_into_a_full_store_is_refused_whole_and_goes_through_with_room() {
    let sheet = "Nama depan;NIK;Tanggal intake;Jenis kelamin\n".to_string()
        + &(0..40).map(|n| format!("Rina {n};53030151020{n:05};20/09/2019;Perempuan\n")).collect::<String>();
    type Step = (&'static str, fn(&Cli) -> Vec<String>);
    let steps: [Step; 7] = [
        ("case create (three cases)", |cli| {
            let three: Vec<Value> = (0..3)
                .map(|n| {
                    let mut d = maria();
                    d["victim"]["first_name"] = json!(format!("Yohana {n}"));
                    d["victim"]["identity_number"] = json!(format!("530301510204100{n}"));
                    d
                })
                .collect();
            vec!["case".into(), "create".into(), cli.file("tiga.json", &json!(three))]
        }),
        ("case update", |cli| {
            let id = cli.json(&["case", "list"])["cases"][0]["id"].as_str().unwrap().to_string();
            let note = json!({"notes": [{"body": "Kunjungan rumah: keluarga siap menerima"}]});
            vec!["case".into(), "update".into(), id, cli.file("catatan.json", &note)]
        }),
        ("import --commit", |cli| {
            vec!["import".into(), cli.tmp.path().join("daftar.csv").to_string_lossy().into_owned(), "--commit".into()]
        }),
        ("passphrase change", |_| vec!["passphrase".into(), "change".into()]),
        ("keys rotate", |_| vec!["keys".into(), "rotate".into()]),
        ("operator add", |_| {
            vec!["operator".into(), "add".into(), "--name".into(), "Dewi".into(), "--role".into(), "CaseWorker".into()]
        }),
        ("erase", |cli| {
            let id = cli.json(&["case", "list"])["cases"][0]["id"].as_str().unwrap().to_string();
            vec!["erase".into(), id, "--reason".into(), "LegalRequest".into()]
        }),
    ];
    let mut refused_midway = Vec::new();
    for (room, (what, args)) in [0, 512 * 1024].into_iter().flat_map(|room| steps.iter().map(move |s| (room, s))) {
        let Some(disk) = SmallDisk::new(6 * 1024) else { return };
        let mut cli = Cli::new();
        cli.store = disk.path().join("store");
        cli.ok(&["init", "--district", "65.03", "--district-name", "Kabupaten Nunukan", "--operator", "Petugas"]);
        for n in 0..2 {
            let mut d = maria();
            d["victim"]["first_name"] = json!(format!("Maria {n}"));
            d["victim"]["identity_number"] = json!(format!("530301510204000{n}"));
            cli.create(&d);
        }
        std::fs::write(cli.tmp.path().join("daftar.csv"), &sheet).unwrap();
        let before = cases_seen(&cli);
        let args = args(&cli);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let filler = fill_up(&disk, room);
        let out = cli.cmd().args(&args).env("LINTAS_NEW_PASSPHRASE", "kata sandi baru yang panjang").output().unwrap();
        let said = stderr(&out);
        if room > 0 && out.status.code() == Some(0) {
            continue;
        }
        assert_eq!(out.status.code(), Some(6), "{what} with {room} bytes left: {said}");
        assert!(said.contains("Disk laptop ini penuh"), "{what}: {said}");
        if room > 0 {
            refused_midway.push(*what);
        }
        std::fs::remove_file(&filler).unwrap();
        assert_eq!(cases_seen(&cli), before, "{what} with {room} bytes left: part of it is in the store");
        let again =
            cli.cmd().args(&args).env("LINTAS_NEW_PASSPHRASE", "kata sandi baru yang panjang").output().unwrap();
        assert_eq!(again.status.code(), Some(0), "{what} with room: {}", stderr(&again));
    }
    assert!(refused_midway.contains(&"keys rotate"), "no command ran out of room midway: {refused_midway:?}");
}

/// A bundle imported into a store whose disk is full, and a backup restored onto a full disk:
/// refused as a full disk, nothing of either kept (no new case, no half-restored store), and
/// both go through once there is room.
#[test]
fn a_bundle_import_and_a_restore_on_a_full_disk_keep_nothing_and_succeed_with_room() {
    let Some(disk) = SmallDisk::new(8 * 1024) else { return };
    // Nunukan, on an ordinary disk, refers three cases with a scan to TTU.
    let nunukan = Cli::district("65.03", "Kabupaten Nunukan");
    let mut ttu = Cli::new();
    ttu.store = disk.path().join("store");
    let init = ttu.json(&[
        "init",
        "--district",
        "53.03",
        "--district-name",
        "Kabupaten Timor Tengah Utara",
        "--operator",
        "P",
    ]);
    let recovery_key = init["recovery_key"].as_str().unwrap().to_string();
    let cards = tempfile::tempdir().unwrap();
    nunukan.trust_each_other(&ttu);
    for n in 0..3 {
        let mut doc = maria();
        doc["victim"]["first_name"] = json!(format!("Maria {n}"));
        doc["victim"]["identity_number"] = json!(format!("530301510204000{n}"));
        doc["consent"] = json!({"interview": true, "informed_purpose": true, "share_districts": ["53.03"]});
        let id = nunukan.create(&doc)["id"].as_str().unwrap().to_string();
        let scan_file = nunukan.tmp.path().join(format!("scan-{n}.pdf"));
        std::fs::write(&scan_file, scan(300 * 1024, n)).unwrap();
        nunukan.ok(&["case", "attach", &id, &scan_file.to_string_lossy()]);
        nunukan.ok(&["referral", "create", &id, "--to", "53.03", "--reason", "Pemulangan"]);
    }
    let bundle = cards.path().join("ke TTU.lintas");
    nunukan.json(&["bundle", "export", "--to", "53.03", "--out", &bundle.to_string_lossy()]);
    let backup = cards.path().join("cadangan TTU.lintas-backup");
    ttu.ok(&["backup", "--out", &backup.to_string_lossy()]);

    let before = cases_seen(&ttu);
    let filler = fill_up(&disk, 256 * 1024);
    let out = ttu.run(&["bundle", "import", &bundle.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(6), "import on a full disk: {}", stderr(&out));
    assert!(stderr(&out).contains("Disk laptop ini penuh"), "{}", stderr(&out));
    std::fs::remove_file(&filler).unwrap();
    assert_eq!(cases_seen(&ttu), before, "a refused import kept part of the bundle");
    let summary = ttu.json(&["bundle", "import", &bundle.to_string_lossy()]);
    assert_eq!(summary["new_cases"].as_array().map(Vec::len), Some(3), "{summary}");

    // A laptop whose disk is full cannot take the backup: no half-restored store is left.
    let mut restored = Cli::new();
    restored.store = disk.path().join("pulihan");
    let restore = || {
        let mut cmd = restored.cmd();
        cmd.args(["restore", &backup.to_string_lossy(), "--recovery-key"]).env("LINTAS_RECOVERY_KEY", &recovery_key);
        cmd.output().unwrap()
    };
    let filler = fill_up(&disk, 256 * 1024);
    let out = restore();
    assert_eq!(out.status.code(), Some(6), "restore on a full disk: {}", stderr(&out));
    assert!(stderr(&out).contains("Disk laptop ini penuh"), "{}", stderr(&out));
    assert!(!restored.store.exists(), "a half-restored store was left");
    std::fs::remove_file(&filler).unwrap();
    let out = restore();
    assert_eq!(out.status.code(), Some(0), "restore with room: {}", stderr(&out));
    assert_eq!(restored.json(&["audit", "verify"])["ok"], true);
}

/// A stick pulled out in the middle of an export, and in the middle of an import (the
/// operating system's input/output error, made at a fault point of a debug build): each is
/// named for what it is (exit 6), the export leaves no file, no sent referral and no log entry,
/// the import keeps nothing, and both go through when the stick is back.
#[test]
fn a_stick_pulled_out_mid_export_or_mid_import_leaves_nothing_half_done() {
    let nunukan = Cli::district("65.03", "Kabupaten Nunukan");
    let ttu = Cli::district("53.03", "Kabupaten Timor Tengah Utara");
    let stick = tempfile::tempdir().unwrap();
    nunukan.trust_each_other(&ttu);
    let mut doc = maria();
    doc["consent"] = json!({"interview": true, "informed_purpose": true, "share_districts": ["53.03"]});
    let id = nunukan.create(&doc)["id"].as_str().unwrap().to_string();
    nunukan.ok(&["referral", "create", &id, "--to", "53.03", "--reason", "Pemulangan"]);
    let bundle = stick.path().join("ke TTU.lintas").to_string_lossy().into_owned();
    let exports = |cli: &Cli| {
        let log = cli.json(&["audit", "access"]);
        log["entries"].as_array().unwrap().iter().filter(|e| e["action"] == "export_bundle").count()
    };

    let out = nunukan
        .cmd()
        .args(["bundle", "export", "--to", "53.03", "--out", &bundle])
        .env("LINTAS_FAULT_AT", "export:writing")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(stderr(&out).contains("hilang saat ditulis"), "{}", stderr(&out));
    let left: Vec<_> = std::fs::read_dir(stick.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.is_empty(), "a bundle cut short was left on the stick: {left:?}");
    assert_eq!(nunukan.json(&["referral", "list"])["referrals"][0]["status"], "Draft");
    assert_eq!(exports(&nunukan), 0);
    nunukan.json(&["bundle", "export", "--to", "53.03", "--out", &bundle]);

    let before = cases_seen(&ttu);
    let out = ttu.cmd().args(["bundle", "import", &bundle]).env("LINTAS_FAULT_AT", "import:reading").output().unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(stderr(&out).contains("tidak dapat dibaca sampai habis"), "{}", stderr(&out));
    assert_eq!(cases_seen(&ttu), before, "a bundle read halfway kept something");
    let summary = ttu.json(&["bundle", "import", &bundle]);
    assert_eq!(summary["new_cases"].as_array().map(Vec::len), Some(1), "{summary}");
}

/// The power goes off (SIGKILL, a real child process) at several moments of importing a bundle
/// of 300 cases and a spreadsheet of 300 rows: each time the store opens, its audit verifies,
/// and it holds all of the file or none of it; then the import goes through.
#[test]
fn a_power_cut_while_importing_keeps_the_whole_file_or_none_of_it() {
    let nunukan = Cli::district("65.03", "Kabupaten Nunukan");
    let ttu = Cli::district("53.03", "Kabupaten Timor Tengah Utara");
    let cards = tempfile::tempdir().unwrap();
    nunukan.trust_each_other(&ttu);
    let group: Vec<Value> = (0..300)
        .map(|n| {
            let mut d = maria();
            d["victim"]["first_name"] = json!(format!("Korban {n}"));
            d["victim"]["identity_number"] = Value::Null;
            d["consent"] = json!({"interview": true, "informed_purpose": true, "share_districts": ["53.03"]});
            d
        })
        .collect();
    let created = nunukan.json(&["case", "create", &nunukan.file("grup.json", &json!(group))]);
    for c in created["created"].as_array().unwrap() {
        nunukan.ok(&["case", "share", c["id"].as_str().unwrap(), "--with", "53.03", "--reason", "Pemulangan"]);
    }
    let bundle = cards.path().join("ke TTU.lintas").to_string_lossy().into_owned();
    nunukan.json(&["bundle", "export", "--to", "53.03", "--out", &bundle]);
    let sheet = ttu.tmp.path().join("daftar.csv");
    let rows: String = (0..300).map(|n| format!("Rina {n};;20/09/2019;Perempuan\n")).collect();
    std::fs::write(&sheet, format!("Nama depan;NIK;Tanggal intake;Jenis kelamin\n{rows}")).unwrap();
    let sheet = sheet.to_string_lossy().into_owned();

    let count = |cli: &Cli| cli.json(&["case", "list", "--limit", "100000"])["count"].as_u64().unwrap();
    for (what, args, adds) in
        [("bundle", vec!["bundle", "import", &bundle], 300), ("spreadsheet", vec!["import", &sheet, "--commit"], 300)]
    {
        let before = count(&ttu);
        power_cuts(what, &[150, 300, 450, 600], &|| ttu.cmd().args(&args).spawn_quietly(), &|delay_ms| {
            assert_eq!(ttu.json(&["audit", "verify"])["ok"], true, "{what} cut after {delay_ms} ms");
            let now = count(&ttu);
            assert!(
                now == before || now == before + adds,
                "{what} cut after {delay_ms} ms kept {} of {adds}",
                now - before
            );
            now == before + adds
        });
        if count(&ttu) == before {
            ttu.ok(&args);
        }
        assert_eq!(count(&ttu), before + adds, "{what}");
    }
}

/// The power goes off at several moments of attaching a large scan, writing a backup and
/// restoring it: the store keeps the scan whole or not at all, no backup file or half-restored
/// store is left once Lintas opens again, and each then goes through.
#[test]
fn a_power_cut_while_attaching_backing_up_or_restoring_leaves_nothing_half_done() {
    let cli = Cli::init();
    let id = cli.create(&maria())["id"].as_str().unwrap().to_string();
    let file = cli.tmp.path().join("pindaian besar.pdf");
    std::fs::write(&file, scan(24 * 1024 * 1024, 11)).unwrap();
    let file = file.to_string_lossy().into_owned();
    let backup = cli.tmp.path().join("cadangan.lintas-backup");
    let backup_arg = backup.to_string_lossy().into_owned();
    let target = cli.tmp.path().join("pulihan");
    let mut restored = Cli::new();
    restored.store = target.clone();
    let attachments = |cli: &Cli| cli.json(&["case", "show", &id])["attachments"].as_array().unwrap().len();

    power_cuts(
        "attach",
        &[100, 250, 500, 900, 1400],
        &|| cli.cmd().args(["case", "attach", &id, &file]).spawn_quietly(),
        &|ms| {
            assert_eq!(cli.json(&["audit", "verify"])["ok"], true, "attach cut after {ms} ms");
            let n = attachments(&cli);
            assert!(n <= 1, "attach cut after {ms} ms");
            n == 1
        },
    );
    if attachments(&cli) == 0 {
        cli.ok(&["case", "attach", &id, &file]);
    }
    assert_eq!(attachments(&cli), 1);

    power_cuts(
        "backup",
        &[100, 250, 500, 900, 1400],
        &|| cli.cmd().args(["backup", "--out", &backup_arg]).spawn_quietly(),
        &|ms| {
            // The next start removes what a cut backup left beside its place.
            assert_eq!(cli.json(&["audit", "verify"])["ok"], true, "backup cut after {ms} ms");
            let partial = cli.tmp.path().join("cadangan.lintas-backup.partial");
            assert!(!partial.exists(), "backup cut after {ms} ms left its partial file");
            backup.exists()
        },
    );
    if !backup.exists() {
        cli.ok(&["backup", "--out", &backup_arg]);
    }

    power_cuts(
        "restore",
        &[100, 250, 500, 900, 1400],
        &|| restored.cmd().args(["restore", &backup_arg]).spawn_quietly(),
        &|ms| {
            // Either no store at all, or a whole one that opens and verifies.
            if lintas_store_exists(&target) {
                assert_eq!(restored.json(&["audit", "verify"])["ok"], true, "restore cut after {ms} ms");
            }
            lintas_store_exists(&target)
        },
    );
    if !lintas_store_exists(&target) {
        // What a cut restore left is cleared by the next one.
        restored.ok(&["restore", &backup_arg]);
    }
    assert_eq!(restored.json(&["case", "list"])["count"], 1);
    assert_eq!(restored.json(&["audit", "verify"])["ok"], true);
}

/// Cuts the power (SIGKILL) to the child that `spawn` starts, after each delay in turn, until
/// `check` — told the delay, after it has looked at what the cut left — says the work is in
/// place. At least one cut must have come before the child finished.
fn power_cuts(what: &str, delays_ms: &[u64], spawn: &dyn Fn() -> std::process::Child, check: &dyn Fn(u64) -> bool) {
    use std::time::{Duration, Instant};
    let mut cut_short = 0;
    for &delay_ms in delays_ms {
        let mut child = spawn();
        let started = Instant::now();
        while started.elapsed() < Duration::from_millis(delay_ms) {
            std::thread::sleep(Duration::from_millis(5));
        }
        let finished = child.try_wait().unwrap().is_some();
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let done = check(delay_ms);
        if !finished {
            cut_short += 1;
        }
        if done || finished {
            break;
        }
    }
    assert!(cut_short > 0, "{what} finished before it could be cut");
}

/// Starts a command with its output thrown away.
trait SpawnQuietly {
    fn spawn_quietly(&mut self) -> std::process::Child;
}

impl SpawnQuietly for Command {
    fn spawn_quietly(&mut self) -> std::process::Child {
        self.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap()
    }
}

/// A folder holds a Lintas store when its key file is there.
fn lintas_store_exists(dir: &Path) -> bool {
    dir.join("keys.json").is_file()
}

/// A stick pulled out while a backup is written to it, and while a backup is restored from it:
/// named for what each is (exit 6), no backup file and no store left, both go through after.
#[test]
fn a_stick_pulled_out_mid_backup_or_mid_restore_leaves_nothing_half_done() {
    let cli = Cli::init();
    cli.create(&maria());
    let stick = tempfile::tempdir().unwrap();
    let backup = stick.path().join("cadangan.lintas-backup").to_string_lossy().into_owned();
    let out = cli.cmd().args(["backup", "--out", &backup]).env("LINTAS_FAULT_AT", "backup:writing").output().unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(stderr(&out).contains("hilang saat ditulis"), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(stick.path()).unwrap().count(), 0, "a backup cut short was left on the stick");
    cli.ok(&["backup", "--out", &backup]);

    let mut restored = Cli::new();
    restored.store = restored.tmp.path().join("pulihan");
    let out = restored.cmd().args(["restore", &backup]).env("LINTAS_FAULT_AT", "restore:reading").output().unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(stderr(&out).contains("tidak dapat dibaca sampai habis"), "{}", stderr(&out));
    assert!(!lintas_store_exists(&restored.store), "a half-restored store was left");
    restored.ok(&["restore", &backup]);
    assert_eq!(restored.json(&["case", "list"])["count"], 1);
}
