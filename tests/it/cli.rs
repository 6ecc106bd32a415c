//! The CLI contract, driven through the real binary: commands, JSON output, exit codes, and
//! what ends up on disk.

use crate::support;

use serde_json::{json, Value};
use std::time::{Duration, Instant};
use support::{assert_not_on_disk, maria, stderr, Cli, PASSPHRASE};

#[test]
fn quick_start_works_with_and_without_json() {
    let cli = Cli::init();
    let f = cli.file("maria.json", &maria());

    let text = cli.ok(&["case", "create", &f]);
    assert!(text.starts_with("Kasus dibuat: 6503-2019-0001"), "{text}");
    let created = cli.json(&["case", "create", &f]);
    assert_eq!(created["case_number"], "6503-2019-0002");
    let id = created["id"].as_str().unwrap().to_string();

    let list = cli.ok(&["case", "list"]);
    assert!(list.contains("6503-2019-0001") && list.contains("Maria Taek") && list.contains("ANAK"), "{list}");
    let list = cli.json(&["case", "list"]);
    assert_eq!(list["count"], 2);
    assert_eq!(list["cases"][0]["victim_name"], "Maria Taek");
    assert_eq!(list["cases"][0]["is_child"], true);

    let shown = cli.ok(&["case", "show", "6503-2019-0001"]);
    assert!(shown.contains("Feminine (Perempuan)") && shown.contains("Yohanes"), "{shown}");
    let doc = cli.json(&["case", "show", &id]);
    assert_eq!(doc["id"], id.as_str());
    assert_eq!(doc["victim"]["identity_number"], "5303015102040001");
    assert_eq!(doc["victim"]["address"]["village"], "Maubesi");
    assert_eq!(doc["intake"]["place"], "Pelabuhan Tunon Taka, Nunukan");
    assert_eq!(doc["witnesses"][0]["statement"], "Saw the recruiter collect passports at the harbour.");
    assert_eq!(doc["type_of_exploitation"], json!(["SexualExploitation", "ForcedLabour"]));
    assert_eq!(doc["status"], "Active");

    let found = cli.ok(&["search", "Taek"]);
    assert!(found.contains("6503-2019-0001") && found.contains("6503-2019-0002"), "{found}");
    let found = cli.json(&["search", "Taek"]);
    assert_eq!(found["count"], 2);
    assert_eq!(cli.json(&["search", "Nobody"])["count"], 0);

    // Looking at a case is in the access log, attributed to the operator; audit verify covers it.
    let access = cli.json(&["audit", "access"]);
    let views: Vec<&Value> =
        access["entries"].as_array().unwrap().iter().filter(|e| e["action"] == "view_case").collect();
    assert_eq!(views.len(), 2);
    assert!(views.iter().all(|e| e["operator"] == "Petugas Satu"));
    assert!(views.iter().any(|e| e["case_number"] == "6503-2019-0001"));
    assert_eq!(cli.json(&["audit", "verify"])["ok"], true);

    // English on request.
    let en = cli.ok(&["case", "list", "--lang", "en"]);
    assert!(en.contains("CHILD") && en.contains("Active"), "{en}");
}

#[test]
fn search_ignores_case_and_diacritics_and_covers_places_aliases_and_notes() {
    let cli = Cli::init();
    let doc = json!({
        "victim": {"first_name": "José", "second_name": "Da Costa", "aliases": ["Zezé"],
                   "address": {"province": "53", "regency": "53.03", "village": "Kefamenanu"}},
        "intake": {"date": "2020-01-05", "place": "Pos PLBN Motaain"},
        "notes": [{"body": "Dijemput oleh kakak di Atambua"}]
    });
    let id = cli.create(&doc)["id"].as_str().unwrap().to_string();
    for query in ["jose", "JOSÉ", "costa", "zeze", "kefamenanu", "motaain", "atambua", "jos da"] {
        let hits = cli.json(&["search", query]);
        assert_eq!(hits["count"], 1, "query {query}");
        assert_eq!(hits["cases"][0]["id"], id.as_str());
    }
    assert_eq!(cli.json(&["search", "maria"])["count"], 0);
}

#[test]
fn update_changes_fields_adds_items_and_is_searchable() {
    let cli = Cli::init();
    let id = cli.create(&maria())["id"].as_str().unwrap().to_string();
    let patch = json!({
        "status": "FollowUp",
        "victim": {"aliases": ["Mery"]},
        "notes": [{"body": "Keluarga di Maubesi sudah dihubungi"}],
        "services": [{"type": "Shelter", "provider": "RPTC Nunukan"}],
        "followups": [{"due_date": "2020-03-01"}]
    });
    let f = cli.file("patch.json", &patch);
    let updated = cli.json(&["case", "update", &id, &f]);
    assert_eq!(updated["changes"], 5);
    let doc = cli.json(&["case", "show", &id]);
    assert_eq!(doc["status"], "FollowUp");
    assert_eq!(doc["victim"]["aliases"], json!(["Mery"]));
    assert_eq!(doc["services"][0]["status"], "Planned");
    assert_eq!(doc["followups"][0]["due_date"], "2020-03-01");
    assert_eq!(cli.json(&["search", "dihubungi"])["count"], 1);
    assert_eq!(cli.json(&["search", "mery"])["count"], 1);

    // Sending the shown document back changes nothing.
    let f = cli.file("same.json", &doc);
    assert_eq!(cli.json(&["case", "update", &id, &f])["changes"], 0);

    // Editing an item by id.
    let note_id = doc["notes"][0]["id"].as_str().unwrap();
    let f = cli.file("note.json", &json!({"notes": [{"id": note_id, "body": "Keluarga sudah setuju"}]}));
    assert_eq!(cli.json(&["case", "update", &id, &f])["changes"], 1);
    assert_eq!(cli.json(&["case", "show", &id])["notes"][0]["body"], "Keluarga sudah setuju");
    assert_eq!(cli.json(&["case", "show", &id])["notes"].as_array().unwrap().len(), 1);
    assert_eq!(cli.json(&["audit", "verify"])["ok"], true);
}

#[test]
fn nothing_personal_is_written_in_plaintext() {
    let cli = Cli::init();
    let id = cli.create(&maria())["id"].as_str().unwrap().to_string();
    let f = cli.file("patch.json", &json!({"notes": [{"body": "Maria tinggal di Maubesi bersama ibunya"}]}));
    cli.ok(&["case", "update", &id, &f]);
    cli.ok(&["search", "Taek"]);
    let scan = cli.tmp.path().join("scan-of-passport.txt");
    std::fs::write(&scan, "PASPOR-MARIA-TAEK-X1234567").unwrap();
    cli.ok(&["case", "attach", &id, scan.to_str().unwrap(), "--mime", "text/plain"]);
    std::fs::remove_file(&scan).unwrap();

    let store = &cli.store;
    assert_not_on_disk(
        store,
        &[
            "Maria",
            "Taek",
            "5303015102040001",
            "Maubesi",
            "Saw the recruiter collect passports",
            "PASPOR-MARIA",
            "scan-of-passport",
            PASSPHRASE,
        ],
    );
    let header = &std::fs::read(store.join("lintas.db")).unwrap()[..16];
    assert_ne!(header, b"SQLite format 3\0");
    // The attachment comes back intact.
    let doc = cli.json(&["case", "show", &id]);
    let att = doc["attachments"][0]["id"].as_str().unwrap();
    let out = cli.tmp.path().join("back.txt");
    cli.ok(&["case", "attachment", att, "--out", out.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "PASPOR-MARIA-TAEK-X1234567");
}

#[test]
fn wrong_passphrase_exits_3_with_one_clear_line_and_changes_nothing() {
    let cli = Cli::init();
    cli.create(&maria());
    let before = support::files(&cli.store);
    for args in [&["case", "list"][..], &["search", "Taek"], &["audit", "verify"]] {
        let out = cli.cmd().args(args).env("LINTAS_PASSPHRASE", "bukan kata sandinya").output().unwrap();
        assert_eq!(out.status.code(), Some(3));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("Kata sandi salah"), "{err}");
        assert!(!err.to_lowercase().contains("hmac") && !err.contains("sqlite"), "{err}");
        assert!(out.stdout.is_empty());
    }
    assert_eq!(support::files(&cli.store), before, "a failed unlock changed the store");

    let out =
        cli.cmd().args(["case", "list", "--json"]).env("LINTAS_PASSPHRASE", "bukan kata sandinya").output().unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["error"]["code"], "wrong_passphrase");
}

#[test]
fn invalid_records_exit_4_name_the_field_and_write_nothing() {
    let cli = Cli::init();
    cli.create(&maria());
    let ops_before = cli.json(&["audit", "verify"])["ops"].clone();

    let cases: Vec<(Value, &str, &str)> = vec![
        (
            {
                let mut d = maria();
                d["victim"]["identity_number"] = json!("530301510204001");
                d
            },
            "victim.identity_number",
            "NIK harus 16 angka",
        ),
        (
            {
                let mut d = maria();
                d["victim"]["gender"] = json!("Masculine");
                d
            },
            "victim.identity_number",
            "jenis kelamin di dalam NIK",
        ),
        (
            {
                let mut d = maria();
                d["type_of_exploitation"] = json!(["ForcedLabor"]);
                d
            },
            "type_of_exploitation[0]",
            "bukan kode yang dikenal",
        ),
        (
            {
                let mut d = maria();
                d["intake"]["date"] = json!("2019-02-30");
                d
            },
            "intake.date",
            "bukan tanggal yang benar",
        ),
        (
            {
                let mut d = maria();
                d["victim"].as_object_mut().unwrap().remove("first_name");
                d
            },
            "victim.first_name",
            "wajib diisi",
        ),
        (
            {
                let mut d = maria();
                d["witnesses"][0]["gender"] = json!("Male");
                d
            },
            "witnesses[0].gender",
            "bukan kode",
        ),
        (json!({"victim": {"first_name": "A"}, "intake": {"date": "2019-01-01"}, "nama": "x"}), "nama", "bukan kolom"),
    ];
    for (doc, field, words) in cases {
        let f = cli.file("bad.json", &doc);
        let out = cli.run(&["case", "create", &f]);
        assert_eq!(out.status.code(), Some(4), "{field}");
        let err = stderr(&out);
        assert!(err.contains(&format!("{field}: ")) && err.contains(words), "{field}: {err}");
        assert!(!err.contains("Maria") && !err.contains("5303015102"), "personal data in: {err}");

        let out = cli.run(&["case", "create", &f, "--json", "--lang", "en"]);
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(doc["error"]["code"], "invalid_record");
        assert_eq!(doc["error"]["fields"][0]["field"], field);
    }
    // Not JSON at all.
    let p = cli.tmp.path().join("broken.json");
    std::fs::write(&p, "{\"victim\": ").unwrap();
    let out = cli.run(&["case", "create", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("line 1"), "{}", stderr(&out));

    // An invalid update writes nothing either.
    let id = cli.json(&["case", "list"])["cases"][0]["id"].as_str().unwrap().to_string();
    let f = cli.file("badpatch.json", &json!({"status": "Closed", "victim": {"birthdate": "2030-01-01"}}));
    assert_eq!(cli.run(&["case", "update", &id, &f]).status.code(), Some(4));
    assert_eq!(cli.json(&["case", "show", &id])["status"], "Active");

    assert_eq!(cli.json(&["audit", "verify"])["ops"], ops_before);
    assert_eq!(cli.json(&["case", "list"])["count"], 1);
}

#[test]
fn usage_errors_exit_2() {
    let cli = Cli::init();
    assert_eq!(cli.run(&["case", "frobnicate"]).status.code(), Some(2));
    assert_eq!(cli.run(&["init"]).status.code(), Some(2));
    // No passphrase source and no terminal: a usage error, not a hang.
    let out = cli.cmd().args(["case", "list"]).env_remove("LINTAS_PASSPHRASE").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("LINTAS_PASSPHRASE"));
}

#[test]
fn missing_store_and_existing_store_are_explained() {
    let cli = Cli::new();
    let out = cli.run(&["case", "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("lintas init"));
    let cli = Cli::init();
    let out = cli.run(&["init", "--district", "65.03", "--district-name", "X", "--operator", "Y"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("tidak ada yang ditimpa"));
    let other = Cli::new();
    let out = other.run(&["init", "--district", "65.3", "--district-name", "X", "--operator", "Y"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("district: "));
}

#[test]
fn passphrase_change_rewraps_without_rewriting_the_database() {
    let cli = Cli::new();
    let out = cli
        .cmd()
        .args([
            "init",
            "--district",
            "53.03",
            "--district-name",
            "Kabupaten Timor Tengah Utara",
            "--operator",
            "Petugas",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let init: Value = serde_json::from_slice(&out.stdout).unwrap();
    let recovery = init["recovery_key"].as_str().unwrap().to_string();
    cli.create(&maria());
    cli.ok(&["case", "list"]); // closes cleanly, so the WAL is checkpointed into the file
    let db_before = std::fs::read(cli.store.join("lintas.db")).unwrap();

    let new_pass = "kata sandi baru yang panjang";
    let out = cli.cmd().args(["passphrase", "change"]).env("LINTAS_NEW_PASSPHRASE", new_pass).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read(cli.store.join("lintas.db")).unwrap(), db_before, "database rewritten");

    assert_eq!(cli.run(&["case", "list"]).status.code(), Some(3), "old passphrase still works");
    let out = cli.cmd().args(["case", "list", "--json"]).env("LINTAS_PASSPHRASE", new_pass).output().unwrap();
    assert_eq!(out.status.code(), Some(0));

    // A too-short new passphrase is refused and changes nothing.
    let out = cli
        .cmd()
        .args(["passphrase", "change"])
        .env("LINTAS_PASSPHRASE", new_pass)
        .env("LINTAS_NEW_PASSPHRASE", "pendek")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));

    // The recovery key still works, mistyped and wrong keys are told apart.
    let third = "kata sandi ketiga yang panjang";
    let mut typo = recovery.clone();
    typo.replace_range(0..1, if recovery.starts_with('A') { "B" } else { "A" });
    let out = cli
        .cmd()
        .args(["recover"])
        .env("LINTAS_RECOVERY_KEY", &typo)
        .env("LINTAS_NEW_PASSPHRASE", third)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("salah ketik"), "{}", stderr(&out));
    let out = cli
        .cmd()
        .args(["recover"])
        .env("LINTAS_RECOVERY_KEY", recovery.to_lowercase())
        .env("LINTAS_NEW_PASSPHRASE", third)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read(cli.store.join("lintas.db")).unwrap(), db_before, "database rewritten");
    let out = cli.cmd().args(["case", "list", "--json"]).env("LINTAS_PASSPHRASE", third).output().unwrap();
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list["count"], 1);
    let out = cli.cmd().args(["case", "list"]).env("LINTAS_PASSPHRASE", new_pass).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
}

/// A real child process creating a group of cases from one JSON array is killed with SIGKILL
/// at several moments; each time the store must open, pass `audit verify`, and hold the whole
/// group or none of it (one transaction: never the first few). Left alone, it writes them all.
#[test]
fn sigkill_in_the_middle_of_creates_leaves_a_consistent_store() {
    let cli = Cli::init();
    let group = 1500;
    let docs: Vec<Value> = (0..group)
        .map(|i| {
            let mut d = maria();
            d["victim"]["first_name"] = json!(format!("Korban{i}"));
            d["notes"] = json!([{"body": format!("catatan {i}")}]);
            d
        })
        .collect();
    let f = cli.file("many.json", &Value::Array(docs));
    let mut killed_mid_write = 0;
    let mut kept = 0;
    for delay_ms in [700u64, 1100, 1500] {
        let mut child = cli.cmd().args(["case", "create", &f]).stdout(std::process::Stdio::null()).spawn().unwrap();
        let started = Instant::now();
        while started.elapsed() < Duration::from_millis(delay_ms) {
            std::thread::sleep(Duration::from_millis(10));
        }
        if child.try_wait().unwrap().is_none() {
            killed_mid_write += 1;
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();

        let audit = cli.json(&["audit", "verify"]);
        assert_eq!(audit["ok"], true);
        let count = cli.json(&["case", "list", "--limit", "100000"])["count"].as_u64().unwrap();
        // operator + per case: victim, case, witness person, witness party, note.
        assert_eq!(audit["ops"].as_u64().unwrap(), 1 + 5 * count, "a half-written case");
        assert!(count == 0 || count == group, "killed after {delay_ms} ms: {count} of {group} cases were kept");
        kept = count;
        if count == group {
            break;
        }
    }
    assert!(killed_mid_write >= 2, "the child finished before it could be killed");
    if kept == 0 {
        let out = cli.run(&["case", "create", &f]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    assert_eq!(cli.json(&["case", "list", "--limit", "100000"])["count"].as_u64().unwrap(), group);
    assert_eq!(cli.json(&["audit", "verify"])["ok"], true);
}

#[test]
fn organisations_plans_assessments_and_the_worklist_through_the_cli() {
    let cli = Cli::init();
    let org = cli.file("org.json", &json!({"name": "BLK Kefamenanu", "type": "SchoolOrCollege", "regency": "53.03"}));
    let id = cli.json(&["org", "add", &org])["id"].as_str().unwrap().to_string();
    let listed = cli.ok(&["org", "list"]);
    assert!(listed.contains("BLK Kefamenanu") && listed.contains("Sekolah atau perguruan tinggi"), "{listed}");
    let bad = cli.file("bad.json", &json!({"name": "Tanpa jenis"}));
    let out = cli.run(&["org", "add", &bad]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let phone = cli.file("phone.json", &json!({"phone": "0388 31000"}));
    assert_eq!(cli.json(&["org", "update", &id, &phone])["changes"], 1);

    let mut doc = maria();
    doc["plans"] = json!([{"kind": "Reintegration", "type": "SkillsTraining", "organisation_id": id,
                           "goals": ["Kursus menjahit"], "planned_end_date": "2020-01-01"}]);
    doc["assessments"] = json!([{"kind": "BestInterest", "date": "2019-09-21", "risk_level": "High"}]);
    let f = cli.file("case.json", &doc);
    let case = cli.json(&["case", "create", &f])["id"].as_str().unwrap().to_string();
    let shown = cli.ok(&["case", "show", &case]);
    assert!(shown.contains("Rencana dukungan dan reintegrasi") && shown.contains("Kursus menjahit"), "{shown}");
    let tasks = cli.ok(&["tasks"]);
    assert!(tasks.contains("Rencana melewati tanggal akhir") && tasks.contains("menunggu persetujuan"), "{tasks}");

    let assessment = cli.json(&["case", "show", &case])["assessments"][0]["id"].as_str().unwrap().to_string();
    cli.ok(&["assessment", "approve", &assessment]);
    let tasks = cli.json(&["tasks"]);
    let kinds: Vec<&str> = tasks["tasks"].as_array().unwrap().iter().map(|t| t["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["plan_overdue"]);
    let out = cli.run(&["assessment", "approve", "00000000-0000-0000-0000-000000000000"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("Asesmen tidak ditemukan"), "{}", stderr(&out));

    // Two registrations that look alike, decided apart.
    let again = cli.json(&["case", "create", &cli.file("maria.json", &maria())])["id"].as_str().unwrap().to_string();
    assert!(cli.json(&["duplicates", "list"])["count"].as_u64().unwrap() >= 1);
    cli.ok(&["duplicates", "not-same", &case, &again, "--reason", "ibu berbeda"]);
    assert_eq!(cli.json(&["duplicates", "list"])["count"], 0);
}

#[test]
fn a_spreadsheet_is_checked_first_then_imported_once() {
    let cli = Cli::init();
    let csv = "Nama depan;NIK;Tanggal intake;Jenis kelamin\n\
               Maria;5303015102040001;20/09/2019;Perempuan\n\
               Yohana;;kemarin;Feminine\n";
    let path = cli.tmp.path().join("daftar kasus.csv");
    std::fs::write(&path, csv).unwrap();
    let file = path.to_string_lossy().into_owned();
    let dry = cli.ok(&["import", &file]);
    assert!(dry.contains("1 dapat diimpor") && dry.contains("Baris 3 (Tanggal intake)"), "{dry}");
    assert!(!dry.contains("Yohana") && !dry.contains("kemarin"), "no value is repeated: {dry}");
    assert_eq!(cli.json(&["case", "list"])["count"], 0, "a dry run writes nothing");
    let done = cli.json(&["import", &file, "--commit"]);
    assert_eq!((done["imported"].clone(), done["imported_cases"].clone()), (json!(1), json!(["6503-2019-0001"])));
    assert_eq!(done["problems"][0]["row"], 3);
    assert_eq!(done["problems"][0]["problem"]["code"], "bad_date");
    let again = cli.json(&["import", &file, "--commit"]);
    assert_eq!((again["imported"].as_u64(), again["already_imported"].as_u64()), (Some(0), Some(1)));
    assert_eq!(cli.json(&["case", "list"])["count"], 1);
    let out = cli.run(&["import", &cli.file("x.json", &json!({}))]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(stderr(&out).contains(".xlsx"), "{}", stderr(&out));
}

#[test]
fn the_htcds_workbook_goes_out_and_comes_back_in() {
    let cli = Cli::init();
    cli.create(&maria());
    let out = cli.tmp.path().join("htcds.xlsx");
    let written = cli.json(&["export", "htcds", "--out", &out.to_string_lossy()]);
    assert_eq!(written["cases"], 1);
    let access = cli.json(&["audit", "access"]);
    assert!(access["entries"].as_array().unwrap().iter().any(|e| e["action"] == "export_spreadsheet"), "{access}");
    let other = Cli::district("53.03", "Kabupaten Timor Tengah Utara");
    let report = other.json(&["import", &out.to_string_lossy(), "--commit"]);
    assert_eq!(report["imported"], 1, "{report}");
    let doc = other.json(&["case", "show", report["imported_cases"][0].as_str().unwrap()]);
    assert_eq!(doc["victim"]["first_name"], "Maria");
    assert_eq!(doc["type_of_exploitation"], json!(["SexualExploitation", "ForcedLabour"]));
    assert_eq!(doc["intake"]["date"], "2019-09-20");
}
