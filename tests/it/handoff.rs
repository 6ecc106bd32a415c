//! The district hand-off, driven through the CLI only, with a directory as the USB stick.

use crate::support;

use serde_json::{json, Value};
use support::{maria, stderr, Cli};

struct Pair {
    nunukan: Cli,
    ttu: Cli,
    usb: tempfile::TempDir,
}

impl Pair {
    /// Two districts that have exchanged identity cards and compared fingerprints.
    fn trusted() -> Pair {
        let nunukan = Cli::district("65.03", "Kabupaten Nunukan");
        let ttu = Cli::district("53.03", "Kabupaten Timor Tengah Utara");
        nunukan.trust_each_other(&ttu);
        Pair { nunukan, ttu, usb: tempfile::tempdir().unwrap() }
    }

    fn stick(&self, name: &str) -> String {
        self.usb.path().join(name).to_string_lossy().into_owned()
    }

    /// Export from one side and import on the other; returns the import summary.
    fn carry(&self, from: &Cli, to_code: &str, to: &Cli, name: &str) -> Value {
        let file = self.stick(name);
        from.json(&["bundle", "export", "--to", to_code, "--out", &file]);
        to.json(&["bundle", "import", &file])
    }
}

fn consenting_maria() -> Value {
    let mut d = maria();
    d["consent"] = json!({"interview": true, "informed_purpose": true, "share_districts": ["53.03"]});
    d
}

#[test]
fn nunukan_refers_to_ttu_and_the_answer_comes_back() {
    let p = Pair::trusted();
    // Nunukan registers the victim and a witness, and refers the case home to TTU.
    let case = p.nunukan.create(&consenting_maria());
    let case_id = case["id"].as_str().unwrap();
    let referral = p.nunukan.json(&[
        "referral",
        "create",
        case_id,
        "--to",
        "53.03",
        "--reason",
        "Pemulangan dan reintegrasi di Maubesi",
        "--reason-code",
        "MigrationOrChangeOfLocation",
        "--services",
        "Repatriation,Reintegration",
    ]);
    let referral_id = referral["id"].as_str().unwrap().to_string();

    let summary = p.carry(&p.nunukan, "53.03", &p.ttu, "nunukan-1.lintas");
    assert_eq!(summary["new_cases"], json!(["6503-2019-0001"]));
    assert_eq!(summary["referrals_received"], 1);
    assert_eq!(p.nunukan.json(&["referral", "list"])["referrals"][0]["status"], "Sent");

    // TTU sees the case, accepts, and records the follow-up visit after return to family.
    let doc = p.ttu.json(&["case", "show", "6503-2019-0001"]);
    assert_eq!(doc["victim"]["second_name"], "Taek");
    assert_eq!(doc["witnesses"][0]["first_name"], "Yohanes");
    let accepted = p.ttu.json(&["referral", "accept", &referral_id, "--note", "Keluarga siap menerima"]);
    assert_eq!(accepted["status"], "Accepted");
    let visit = json!({"followups": [{"due_date": "2019-11-01", "visit_date": "2019-10-30", "status": "Done",
                                     "visited_by": "Petugas TTU", "notes": "Sudah kembali bersama ibunya"}]});
    let f = p.ttu.file("visit.json", &visit);
    p.ttu.ok(&["case", "update", "6503-2019-0001", &f]);

    let back = p.carry(&p.ttu, "65.03", &p.nunukan, "ttu-1.lintas");
    assert_eq!(back["updated_cases"], json!(["6503-2019-0001"]));

    // Nunukan shows the referral accepted and the visit.
    let r = p.nunukan.json(&["referral", "list"])["referrals"][0].clone();
    assert_eq!(r["status"], "Accepted");
    assert_eq!(r["response_note"], "Keluarga siap menerima");
    let doc = p.nunukan.json(&["case", "show", "6503-2019-0001"]);
    assert_eq!(doc["followups"][0]["notes"], "Sudah kembali bersama ibunya");
    assert_eq!(doc["followups"][0]["status"], "Done");

    // Only the receiving district decides: Nunukan cannot complete or decline.
    let out = p.nunukan.run(&["referral", "decline", &referral_id]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("daerah penerima"), "{}", stderr(&out));

    // TTU completes; the lattice carries it to Nunukan too.
    p.ttu.ok(&["referral", "complete", &referral_id]);
    p.carry(&p.ttu, "65.03", &p.nunukan, "ttu-2.lintas");
    assert_eq!(p.nunukan.json(&["referral", "list"])["referrals"][0]["status"], "Completed");

    for side in [&p.nunukan, &p.ttu] {
        assert_eq!(side.json(&["audit", "verify"])["ok"], true);
    }
}

#[test]
fn export_sends_only_what_the_district_may_see_and_has_not_acknowledged() {
    let p = Pair::trusted();
    // A case without consent for TTU, and one referred with consent.
    p.nunukan.create(&maria());
    let shared = p.nunukan.create(&consenting_maria());
    let shared_id = shared["id"].as_str().unwrap();
    // Without consent and without an override, a referral is refused.
    let other = p.nunukan.json(&["case", "list"])["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] != shared["id"])
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let out = p.nunukan.run(&["referral", "create", &other, "--to", "53.03", "--reason", "x"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("--consent-override"), "{}", stderr(&out));
    p.nunukan.ok(&["referral", "create", shared_id, "--to", "53.03", "--reason", "Pemulangan"]);

    let s = p.carry(&p.nunukan, "53.03", &p.ttu, "a.lintas");
    assert_eq!(s["new_cases"].as_array().unwrap().len(), 1);
    assert_eq!(p.ttu.json(&["case", "list"])["count"], 1);
    assert_eq!(p.ttu.json(&["search", "Taek"])["count"], 1);

    // After TTU's receipt comes back, the next export carries only what is new.
    p.carry(&p.ttu, "65.03", &p.nunukan, "b.lintas");
    let again = p.nunukan.json(&["bundle", "export", "--to", "53.03", "--out", &p.stick("c.lintas")]);
    assert_eq!(again["ops"], 0);
    let all = p.nunukan.json(&["bundle", "export", "--to", "53.03", "--out", &p.stick("d.lintas"), "--all"]);
    assert!(all["ops"].as_u64().unwrap() > 5);
    // Resending everything is harmless.
    let s = p.ttu.json(&["bundle", "import", &p.stick("d.lintas")]);
    assert_eq!(s["ops_applied"], 0);

    // An override with a reason lets the other case go, and is recorded on the referral.
    p.nunukan.ok(&[
        "referral",
        "create",
        &other,
        "--to",
        "53.03",
        "--reason",
        "Pemulangan",
        "--consent-override",
        "Korban anak; persetujuan wali menyusul",
    ]);
    p.carry(&p.nunukan, "53.03", &p.ttu, "e.lintas");
    assert_eq!(p.ttu.json(&["case", "list"])["count"], 2);
}

#[test]
fn a_concurrent_birth_date_edit_is_reviewed_on_both_sides_and_converges() {
    let p = Pair::trusted();
    let case = p.nunukan.create(&consenting_maria());
    let case_id = case["id"].as_str().unwrap();
    let referral = p.nunukan.json(&["referral", "create", case_id, "--to", "53.03", "--reason", "Pemulangan"]);
    p.carry(&p.nunukan, "53.03", &p.ttu, "1.lintas");
    // TTU accepts: the home district may now correct what return needs, the birth date among it.
    p.ttu.ok(&["referral", "accept", referral["id"].as_str().unwrap()]);

    // Both districts correct the birth date before hearing from each other. (The NIK is removed
    // first on both sides so that the dates need not match it.)
    let n = p.nunukan.file("n.json", &json!({"victim": {"identity_number": null, "birthdate": "2004-02-12"}}));
    let t = p.ttu.file("t.json", &json!({"victim": {"identity_number": null, "birthdate": "2003-02-11"}}));
    p.nunukan.ok(&["case", "update", case_id, &n]);
    p.ttu.ok(&["case", "update", case_id, &t]);

    let to_ttu = p.carry(&p.nunukan, "53.03", &p.ttu, "2.lintas");
    let to_nunukan = p.carry(&p.ttu, "65.03", &p.nunukan, "3.lintas");
    assert!(to_ttu["conflicts"].as_u64().unwrap() >= 1);
    assert!(to_nunukan["conflicts"].as_u64().unwrap() >= 1);

    let conflicts_n = p.nunukan.json(&["conflicts", "list"]);
    let conflicts_t = p.ttu.json(&["conflicts", "list"]);
    assert_eq!(conflicts_n, conflicts_t, "both sides must list the same conflicts");
    let birth = conflicts_n["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "birthdate")
        .expect("the birth date conflict")
        .clone();
    let values: Vec<&Value> = birth["versions"].as_array().unwrap().iter().map(|v| &v["value"]).collect();
    assert!(values.contains(&&json!("2004-02-12")) && values.contains(&&json!("2003-02-11")));
    // Both show the same provisional value meanwhile.
    let shown_n = p.nunukan.json(&["case", "show", case_id])["victim"]["birthdate"].clone();
    let shown_t = p.ttu.json(&["case", "show", case_id])["victim"]["birthdate"].clone();
    assert_eq!(shown_n, shown_t);

    // TTU, where the family showed the birth certificate, settles it with a corrected date.
    p.ttu.ok(&["conflicts", "resolve", birth["id"].as_str().unwrap(), "--value", "\"2004-02-11\""]);
    assert_eq!(
        p.ttu.json(&["conflicts", "list"])["count"].as_u64().unwrap(),
        conflicts_n["count"].as_u64().unwrap() - 1
    );
    p.carry(&p.ttu, "65.03", &p.nunukan, "4.lintas");
    assert_eq!(p.nunukan.json(&["conflicts", "list"]), p.ttu.json(&["conflicts", "list"]));
    assert_eq!(p.nunukan.json(&["case", "show", case_id])["victim"]["birthdate"], "2004-02-11");
    assert_eq!(p.ttu.json(&["case", "show", case_id])["victim"]["birthdate"], "2004-02-11");
}

#[test]
fn bundles_from_strangers_or_for_others_are_refused_and_change_nothing() {
    let p = Pair::trusted();
    let case = p.nunukan.create(&consenting_maria());
    p.nunukan.ok(&["referral", "create", case["id"].as_str().unwrap(), "--to", "53.03", "--reason", "Pemulangan"]);
    let file = p.stick("n.lintas");
    p.nunukan.json(&["bundle", "export", "--to", "53.03", "--out", &file]);

    // Nunukan's own bundle, imported by mistake at Nunukan, is for another district.
    let out = p.nunukan.run(&["bundle", "import", &file]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("daerah lain"), "{}", stderr(&out));

    // A third district (Belu) that never trusted Nunukan.
    let belu = Cli::district("53.04", "Kabupaten Belu");
    let out = belu.run(&["bundle", "import", &file]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("belum dipercaya"), "{}", stderr(&out));

    // Belu trusts Nunukan but the bundle is addressed to TTU.
    let (n_card, n_fp) = p.nunukan.card(p.usb.path(), "n2.card");
    belu.ok(&["trust", "add", &n_card, "--fingerprint", &n_fp]);
    let out = belu.run(&["bundle", "import", &file]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("daerah lain"), "{}", stderr(&out));
    assert_eq!(belu.json(&["case", "list"])["count"], 0);

    // A mistyped fingerprint is refused.
    let (t_card, _) = p.ttu.card(p.usb.path(), "t2.card");
    let out = belu.run(&[
        "trust",
        "add",
        &t_card,
        "--fingerprint",
        "12345 67890 12345 67890 12345 67890 12345 67890 12345 67890 12345 67890",
    ]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("TIDAK cocok"));

    // TTU revokes Nunukan's device: its bundles are refused from then on.
    let device = p.ttu.json(&["trust", "list"])["devices"][0]["device_id"].as_str().unwrap().to_string();
    p.ttu.ok(&["trust", "revoke", &device]);
    let out = p.ttu.run(&["bundle", "import", &file]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("dicabut"), "{}", stderr(&out));
    assert_eq!(p.ttu.json(&["case", "list"])["count"], 0);
}

#[test]
fn the_same_woman_registered_in_both_districts_is_a_duplicate_candidate() {
    let p = Pair::trusted();
    // TTU registered her when she came home, in the old spelling and without a second name.
    let ttu_doc = json!({
        "victim": {"first_name": "Marija", "aliases": ["Mariah Taeq"], "gender": "Feminine",
                   "identity_number": "5303015102040001",
                   "address": {"province": "53", "regency": "53.03", "village": "Maubesi"}},
        "intake": {"date": "2020-02-03", "place": "Kefamenanu"}
    });
    let ttu_case = p.ttu.create(&ttu_doc);
    assert_eq!(ttu_case["possible_duplicates"], json!([]));

    // Nunukan's record of her deportation arrives with a referral.
    let case = p.nunukan.create(&consenting_maria());
    p.nunukan.ok(&["referral", "create", case["id"].as_str().unwrap(), "--to", "53.03", "--reason", "Pemulangan"]);
    let summary = p.carry(&p.nunukan, "53.03", &p.ttu, "dup.lintas");
    assert_eq!(summary["duplicates"], json!([["5303-2020-0001", "6503-2019-0001"]]));

    let list = p.ttu.json(&["duplicates", "list"]);
    assert_eq!(list["count"], 1);
    let c = &list["candidates"][0];
    assert!(c["reasons"].as_array().unwrap().contains(&json!("same_nik")), "{c}");
    assert_eq!(c["link"], Value::Null);
    let text = p.ttu.ok(&["duplicates", "list"]);
    assert!(
        text.contains("5303-2020-0001") && text.contains("6503-2019-0001") && text.contains("perlu ditinjau"),
        "{text}"
    );

    // Nothing was merged: two cases, two victims.
    assert_eq!(p.ttu.json(&["case", "list"])["count"], 2);

    // A person links them, then changes her mind.
    let link = p.ttu.json(&["duplicates", "link", "5303-2020-0001", "6503-2019-0001", "--reason", "NIK sama"]);
    let link_id = link["id"].as_str().unwrap();
    assert_eq!(p.ttu.json(&["duplicates", "list"])["candidates"][0]["link"][1], "Linked");
    p.ttu.ok(&["duplicates", "unlink", link_id]);
    let out = p.ttu.run(&["duplicates", "unlink", "00000000-0000-0000-0000-000000000000"]);
    assert!(stderr(&out).contains("Tautan data ganda tidak ditemukan"), "{}", stderr(&out));
    assert_eq!(p.ttu.json(&["duplicates", "list"])["count"], 0, "an unlinked pair is not shown again");
    p.ttu.ok(&["duplicates", "link", "5303-2020-0001", "6503-2019-0001"]);
    assert_eq!(p.ttu.json(&["duplicates", "list"])["candidates"][0]["link"][1], "Linked");

    // At intake, a third record with a variant spelling is flagged straight away.
    let again = json!({"victim": {"first_name": "Maria", "second_name": "Taek", "birthdate": "2004-02-11"},
                       "intake": {"date": "2021-05-05"}});
    let created = p.ttu.create(&again);
    assert!(created["possible_duplicates"].as_array().unwrap().contains(&json!("6503-2019-0001")), "{created}");
    assert_eq!(p.ttu.json(&["audit", "verify"])["ok"], true);
}

/// Files of a store after its WAL was checkpointed: the CLI closes the store after each command.
fn assert_store_files_clean(cli: &Cli, needles: &[&str]) {
    support::assert_not_on_disk(&cli.store, needles);
    for (path, bytes) in support::files(&cli.store) {
        assert!(!bytes.starts_with(b"SQLite format 3"), "{} is plaintext", path.display());
    }
}

#[test]
fn an_erasure_takes_the_person_out_of_both_districts() {
    let p = Pair::trusted();
    let case = p.nunukan.create(&consenting_maria());
    let case_id = case["id"].as_str().unwrap().to_string();
    p.nunukan.ok(&["referral", "create", &case_id, "--to", "53.03", "--reason", "Pemulangan"]);
    p.carry(&p.nunukan, "53.03", &p.ttu, "1.lintas");
    assert_eq!(p.ttu.json(&["search", "Taek"])["count"], 1);

    // An unknown reason is refused before anything is written.
    let out = p.nunukan.run(&["erase", &case_id, "--reason", "Lupa"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let erased = p.nunukan.json(&["erase", &case_id, "--reason", "LegalRequest"]);
    assert!(erased["entities"].as_u64().unwrap() >= 5, "{erased}");
    assert_eq!(p.nunukan.run(&["case", "show", &case_id]).status.code(), Some(1));
    assert_eq!(p.nunukan.json(&["search", "Taek"])["count"], 0);
    let needles = ["Maria", "Taek", "5303015102040001", "Maubesi", "Yohanes"];
    assert_store_files_clean(&p.nunukan, &needles);
    p.nunukan.ok(&["audit", "verify"]);

    let summary = p.carry(&p.nunukan, "53.03", &p.ttu, "2.lintas");
    assert_eq!(summary["persons_erased"], 1, "{summary}");
    assert_eq!(p.ttu.run(&["case", "show", &case_id]).status.code(), Some(1));
    assert_eq!(p.ttu.json(&["search", "Taek"])["count"], 0);
    assert_store_files_clean(&p.ttu, &needles);
    p.ttu.ok(&["audit", "verify"]);
}

#[test]
fn a_home_district_changes_only_what_it_may_and_its_erasure_is_a_request_the_owner_confirms() {
    let p = Pair::trusted();
    let case = p.nunukan.create(&consenting_maria());
    let case_id = case["id"].as_str().unwrap();
    let referral = p.nunukan.json(&["referral", "create", case_id, "--to", "53.03", "--reason", "Pemulangan"]);
    p.carry(&p.nunukan, "53.03", &p.ttu, "1.lintas");

    // Before accepting, TTU may not add a follow-up; after, it may, but it may not rename her.
    let visit = p.ttu.file("visit.json", &json!({"followups": [{"due_date": "2020-01-10"}]}));
    let before = p.ttu.run(&["case", "update", case_id, &visit, "--json"]);
    assert_eq!(before.status.code(), Some(5), "{}", stderr(&before));
    p.ttu.ok(&["referral", "accept", referral["id"].as_str().unwrap()]);
    p.ttu.ok(&["case", "update", case_id, &visit]);
    let rename = p.ttu.file("rename.json", &json!({"victim": {"first_name": "Mariana"}}));
    let out = p.ttu.run(&["case", "update", case_id, &rename, "--json"]);
    assert_eq!(out.status.code(), Some(5));
    let err: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(err["error"]["code"], "not_authorised", "{err}");
    assert!(err["error"]["message"].as_str().unwrap().contains("(not_owner)"), "{err}");

    // TTU erases her on its side; Nunukan gets a request, not an erasure.
    p.ttu.ok(&["erase", case_id, "--reason", "LegalRequest"]);
    let summary = p.carry(&p.ttu, "65.03", &p.nunukan, "2.lintas");
    assert_eq!(summary["erasure_requests"], 1, "{summary}");
    assert_eq!(p.nunukan.json(&["case", "show", case_id])["victim"]["first_name"], "Maria");
    let alerts = p.nunukan.json(&["alerts", "list"]);
    assert_eq!(alerts["open"], 1, "{alerts}");
    assert_eq!(alerts["alerts"][0]["rule"], "erasure_request");
    assert_eq!(alerts["alerts"][0]["district"], "53.03");
    let requests = p.nunukan.json(&["erase", "requests"]);
    let alert = requests["requests"][0]["alert"].as_i64().expect("one request").to_string();
    // Offered again, the request is not counted again.
    let again = p.carry(&p.ttu, "65.03", &p.nunukan, "3.lintas");
    assert_eq!(again["erasure_requests"], 0, "{again}");

    // Nunukan's coordinator confirms: the case is erased there, and the alert is dealt with.
    p.nunukan.ok(&["erase", "confirm", &alert, "--reason", "LegalRequest"]);
    let gone = p.nunukan.run(&["case", "show", case_id, "--json"]);
    let err: Value = serde_json::from_slice(&gone.stdout).unwrap();
    assert_eq!(err["error"]["code"], "case_not_found", "{err}");
    assert_eq!(p.nunukan.json(&["alerts", "list"])["open"], 0);
    p.nunukan.ok(&["audit", "verify"]);
}

#[test]
fn alerts_and_erasure_requests_through_the_cli_keep_to_roles_and_refuse_unknown_ids() {
    let p = Pair::trusted();
    // An empty list is a list.
    let none = p.nunukan.json(&["alerts", "list"]);
    assert_eq!(none, json!({"alerts": [], "count": 0, "open": 0}));
    assert!(p.nunukan.ok(&["alerts", "list"]).contains("Tidak ada peringatan"));

    // TTU, having accepted the referral, erases a witness on its side: a request at Nunukan.
    let case = p.nunukan.create(&consenting_maria());
    let case_id = case["id"].as_str().unwrap();
    let referral = p.nunukan.json(&["referral", "create", case_id, "--to", "53.03", "--reason", "Pemulangan"]);
    p.carry(&p.nunukan, "53.03", &p.ttu, "1.lintas");
    p.ttu.ok(&["referral", "accept", referral["id"].as_str().unwrap()]);
    let witness = p.ttu.json(&["case", "show", case_id])["witnesses"][0]["person_id"].as_str().unwrap().to_string();
    p.ttu.ok(&["erase", case_id, "--person", &witness, "--reason", "LegalRequest"]);
    let summary = p.carry(&p.ttu, "65.03", &p.nunukan, "2.lintas");
    assert_eq!((summary["erasure_requests"].as_u64(), summary["ops_refused"].as_u64()), (Some(1), Some(0)));
    let requests = p.nunukan.json(&["erase", "requests"]);
    assert_eq!(requests["count"], 1, "{requests}");
    let request = &requests["requests"][0];
    assert_eq!((request["from"].as_str(), request["victim"].as_bool()), (Some("53.03"), Some(false)));
    let alert = request["alert"].as_i64().unwrap().to_string();

    // A case worker may neither confirm nor dismiss it.
    let pass = p.nunukan.tmp.path().join("pass.txt");
    std::fs::write(&pass, "kata sandi pendamping kasus").unwrap();
    let pass = pass.to_string_lossy().into_owned();
    p.nunukan.ok(&["operator", "add", "--name", "Bu Rina", "--role", "CaseWorker", "--new-passphrase-file", &pass]);
    let as_worker = |args: &[&str]| {
        p.nunukan.cmd().args(args).env("LINTAS_PASSPHRASE", "kata sandi pendamping kasus").output().unwrap()
    };
    assert_eq!(as_worker(&["erase", "confirm", &alert, "--reason", "LegalRequest"]).status.code(), Some(5));
    assert_eq!(as_worker(&["alerts", "dismiss", &alert]).status.code(), Some(5));

    // Usage and bad values.
    assert_eq!(p.nunukan.run(&["erase", "confirm", &alert, "--reason", "Nope"]).status.code(), Some(4));
    assert_eq!(p.nunukan.run(&["alerts", "dismiss", "999"]).status.code(), Some(4));
    assert_eq!(p.nunukan.run(&["erase"]).status.code(), Some(2));

    // The coordinator confirms: the witness is gone, the request answered.
    p.nunukan.ok(&["erase", "confirm", &alert, "--reason", "LegalRequest"]);
    assert_eq!(p.nunukan.json(&["erase", "requests"])["count"], 0);
    assert_eq!(p.nunukan.json(&["alerts", "list"])["open"], 0);
    let shown = p.nunukan.json(&["case", "show", case_id]);
    assert!(shown["witnesses"].as_array().is_none_or(|w| w.is_empty()), "{shown}");
    assert_eq!(shown["victim"]["first_name"], "Maria");
    // In English, too.
    let en = p.nunukan.cmd().args(["--lang", "en", "alerts", "list"]).output().unwrap();
    assert_eq!(en.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&en.stdout).contains("Permintaan"), "{}", String::from_utf8_lossy(&en.stdout));
}

/// An export that cannot be written leaves the referral a draft, logs no export and leaves no
/// file; the next export that succeeds carries the referral as Sent, and the other district
/// receives it.
#[test]
fn a_failed_export_marks_nothing_sent_and_logs_nothing() {
    let p = Pair::trusted();
    let case = p.nunukan.create(&consenting_maria());
    p.nunukan.ok(&["referral", "create", case["id"].as_str().unwrap(), "--to", "53.03", "--reason", "Pemulangan"]);
    let exports = |cli: &Cli| {
        let log = cli.json(&["audit", "access"]);
        log["entries"].as_array().unwrap().iter().filter(|e| e["action"] == "export_bundle").count()
    };
    let missing = p.usb.path().join("dicabut").join("nunukan.lintas");
    let out = p.nunukan.run(&["bundle", "export", "--to", "53.03", "--out", &missing.to_string_lossy()]);
    assert_ne!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(p.nunukan.json(&["referral", "list"])["referrals"][0]["status"], "Draft");
    assert_eq!(exports(&p.nunukan), 0);
    assert!(!p.usb.path().join("dicabut").exists());
    assert_eq!(p.nunukan.json(&["audit", "verify"])["ok"], true);

    let summary = p.carry(&p.nunukan, "53.03", &p.ttu, "nunukan-2.lintas");
    assert_eq!(summary["referrals_received"], 1);
    assert_eq!(p.nunukan.json(&["referral", "list"])["referrals"][0]["status"], "Sent");
    assert_eq!(p.ttu.json(&["referral", "list"])["referrals"][0]["status"], "Received");
    assert_eq!(exports(&p.nunukan), 1);
    assert!(!std::path::Path::new(&p.stick("nunukan-2.lintas.partial")).exists());
}

/// An export killed (SIGKILL) after its file was written but before it was verified and
/// committed: the referral stays a draft, and the next command removes the partial file from
/// the stick.
#[test]
fn an_export_killed_mid_write_leaves_no_partial_file_after_the_next_open() {
    use std::io::{BufRead, BufReader};
    let p = Pair::trusted();
    let case = p.nunukan.create(&consenting_maria());
    p.nunukan.ok(&["referral", "create", case["id"].as_str().unwrap(), "--to", "53.03", "--reason", "Pemulangan"]);
    let out = p.stick("mati.lintas");
    let mut child = p
        .nunukan
        .cmd()
        .args(["bundle", "export", "--to", "53.03", "--out", &out])
        .env("LINTAS_CRASH_AT", "export:written")
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    assert!(lines.any(|l| l.is_ok_and(|l| l.contains("crash point export:written"))));
    child.kill().unwrap();
    child.wait().unwrap();
    let partial = format!("{out}.partial");
    assert!(std::path::Path::new(&partial).exists(), "the kill came after the file was written");
    assert_eq!(p.nunukan.json(&["referral", "list"])["referrals"][0]["status"], "Draft");
    assert!(!std::path::Path::new(&partial).exists() && !std::path::Path::new(&out).exists());
    assert_eq!(p.nunukan.json(&["audit", "verify"])["ok"], true);
}
