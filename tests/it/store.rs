//! The store through the core API: encryption of every file while the store is open (WAL and
//! shared-memory files included).

use crate::support;

use lintas_core::store::Store;
use support::District;

#[test]
fn open_store_with_live_wal_holds_no_plaintext() {
    let d = District::new("65.03", "Kabupaten Nunukan", 1);
    let path = d.store.dir().to_path_buf();
    let (clock, entropy) = (d.clock, d.entropy);
    drop(d.store);
    let mut store = Store::open(&path, &lintas_core::secret::Passphrase::new(support::PASSPHRASE)).unwrap();
    for _ in 0..20 {
        lintas_core::cases::create(&mut store, &support::maria(), &clock, &entropy).unwrap();
    }
    let wal = path.join("lintas.db-wal");
    assert!(wal.exists() && std::fs::metadata(&wal).unwrap().len() > 0, "expected a live WAL");
    support::assert_not_on_disk(&path, &["Maria", "Taek", "5303015102040001", "Maubesi", "passports"]);
    // And the data is really there, readable through the key.
    assert_eq!(lintas_core::search::search(&store, "taek", 100).unwrap().len(), 20);
    drop(d.dir);
}

#[test]
fn several_cases_are_created_together_or_not_at_all() {
    let mut d = District::new("65.03", "Kabupaten Nunukan", 2);
    let mut sister = support::maria();
    sister["victim"]["first_name"] = "Yohana".into();
    sister["victim"]["identity_number"] = serde_json::Value::Null;
    let created =
        lintas_core::cases::create_many(&mut d.store, &[support::maria(), sister.clone()], &d.clock, &d.entropy)
            .unwrap();
    let numbers: Vec<&str> = created.iter().map(|c| c.case_number.as_str()).collect();
    assert_eq!(numbers, ["6503-2019-0001", "6503-2019-0002"]);
    // Each is checked against the store as it stands after the whole group was written: two
    // women with one family name, birth date and village are shown to a person for review.
    assert_eq!(created[0].possible_duplicates, ["6503-2019-0002"]);
    assert_eq!(created[1].possible_duplicates, ["6503-2019-0001"]);

    // One invalid document stops the group: nothing of the valid ones is written.
    let mut bad = sister;
    bad["victim"]["birthdate"] = "2090-01-01".into();
    let before = lintas_core::cases::count(&d.store, &Default::default()).unwrap();
    let err = lintas_core::cases::create_many(&mut d.store, &[support::maria(), bad], &d.clock, &d.entropy);
    assert!(err.is_err());
    assert_eq!(lintas_core::cases::count(&d.store, &Default::default()).unwrap(), before);
    lintas_core::audit::verify(&d.store).unwrap();
}

/// Runs `lintas keys rotate` until it reaches a crash point, then kills it with SIGKILL.
fn rotate_killed_at(cli: &support::Cli, point: &str) {
    use std::io::{BufRead, BufReader};
    let mut child = cli
        .cmd()
        .args(["keys", "rotate"])
        .env("LINTAS_CRASH_AT", point)
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let reached = lines.any(|l| l.is_ok_and(|l| l.contains(&format!("crash point {point}"))));
    assert!(reached, "rotation never reached {point}");
    child.kill().unwrap();
    child.wait().unwrap();
}

/// A key change killed (SIGKILL, a real child process) at each step leaves a store that opens
/// with every remaining passphrase and the recovery key, verifies, has lost nothing, and keeps
/// no copy of the database or of the key file beside it.
#[test]
fn a_key_change_killed_at_any_step_leaves_a_store_that_opens_and_verifies() {
    let cli = support::Cli::new();
    let init = cli.json(&["init", "--district", "65.03", "--district-name", "Kabupaten Nunukan", "--operator", "P"]);
    let recovery = init["recovery_key"].as_str().unwrap().to_string();
    let pass = cli.tmp.path().join("worker.pass");
    std::fs::write(&pass, "kata sandi petugas kedua\n").unwrap();
    let pass = pass.to_string_lossy().into_owned();
    cli.ok(&["operator", "add", "--name", "Rina", "--role", "CaseWorker", "--new-passphrase-file", &pass]);
    for n in 0..3 {
        let mut doc = support::maria();
        doc["victim"]["identity_number"] = serde_json::Value::Null;
        doc["victim"]["first_name"] = format!("Maria{n}").into();
        cli.create(&doc);
    }
    for point in ["rekey:copied", "rekey:begun", "rekey:swapped"] {
        rotate_killed_at(&cli, point);
        // Opening settles what the kill left; both operators and the recovery key open.
        assert_eq!(cli.json(&["case", "list"])["count"], 3, "after a kill at {point}");
        let worker =
            cli.cmd().args(["case", "list", "--json"]).env("LINTAS_PASSPHRASE", "kata sandi petugas kedua").output();
        assert_eq!(worker.unwrap().status.code(), Some(0), "the case worker after a kill at {point}");
        assert_eq!(cli.json(&["audit", "verify"])["ok"], true, "after a kill at {point}");
        let names: Vec<String> = std::fs::read_dir(&cli.store)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        for name in &names {
            assert!(
                !name.contains(".rekey") && !name.contains(".backup-") && !name.ends_with(".tmp"),
                "{name} left after {point}"
            );
        }
    }
    // The recovery key still opens the store after the killed rotations: it sets a new passphrase.
    let newpass = cli.tmp.path().join("new.pass");
    std::fs::write(&newpass, "kata sandi sesudah pemulihan\n").unwrap();
    let out = cli
        .cmd()
        .args(["recover", "--new-passphrase-file", &newpass.to_string_lossy()])
        .env("LINTAS_RECOVERY_KEY", &recovery)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", support::stderr(&out));
    let after =
        cli.cmd().args(["case", "list", "--json"]).env("LINTAS_PASSPHRASE", "kata sandi sesudah pemulihan").output();
    assert_eq!(after.unwrap().status.code(), Some(0));
}

/// Killed at random moments of a key change (no crash point: wherever the kill lands), the
/// store still opens and verifies each time.
#[test]
fn a_key_change_killed_at_random_moments_leaves_a_store_that_opens() {
    let cli = support::Cli::init();
    for n in 0..20 {
        let mut doc = support::maria();
        doc["victim"]["identity_number"] = serde_json::Value::Null;
        doc["victim"]["first_name"] = format!("Yohana{n}").into();
        cli.create(&doc);
    }
    for delay_ms in [5u64, 20, 40, 80, 160] {
        let mut child = cli.cmd().args(["keys", "rotate"]).stdout(std::process::Stdio::null()).spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        child.wait().unwrap();
        assert_eq!(cli.json(&["audit", "verify"])["ok"], true, "after a kill at {delay_ms} ms");
        assert_eq!(cli.json(&["case", "list"])["count"], 20);
    }
}
