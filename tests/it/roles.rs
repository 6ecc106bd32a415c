//! Several operators on one laptop: each unlocks with their own passphrase, and the core — not
//! the user interface — holds them to their role.

use crate::support;

use lintas_core::keyfile::KdfParams;
use lintas_core::operators::{self, NewOperator};
use lintas_core::roles::Role;
use lintas_core::secret::Passphrase;
use lintas_core::store::Store;
use lintas_core::{access, audit, cases, conflicts, duplicates, reports, sync, ErrorCode};
use serde_json::{json, Value};
use support::{maria, stderr, Cli, District, PASSPHRASE};

const STAFF: &str = "petugas rumah aman dewi";
const READER: &str = "pengawas hanya membaca";

/// Nunukan with Maria's case (a witness statement, a perpetrator, an event, an attachment) and
/// a shelter-staff and a read-only operator.
fn nunukan() -> (District, String) {
    let mut d = District::new("65.03", "Kabupaten Nunukan", 1);
    let mut doc = maria();
    doc["perpetrators"] = json!([{"first_name": "Agus", "second_name": "Perekrut", "gender": "Masculine"}]);
    doc["events"] = json!([{"type": "Recruitment", "date": "2019-03-01", "place": "Desa Maubesi"}]);
    doc["victim"]["phone"] = json!("081234567890");
    doc["victim"]["passport_number"] = json!("B1234567");
    let case = d.create(&doc);
    cases::attach(&mut d.store, &case, "paspor.jpg", "image/jpeg", b"scan of a passport", &d.clock, &d.entropy)
        .unwrap();
    for (name, role, pass) in [("Dewi", Role::ShelterStaff, STAFF), ("Pak Budi", Role::ReadOnly, READER)] {
        add_operator(&mut d, name, role, pass);
    }
    (d, case)
}

fn add_operator(d: &mut District, name: &str, role: Role, pass: &str) {
    let p = Passphrase::new(pass);
    let new = NewOperator { name, role, passphrase: &p, kdf: KdfParams { m_kib: 1024, t: 1, p: 1 } };
    operators::add(&mut d.store, &new, &d.clock, &d.entropy).unwrap();
}

/// Adds an operator and opens the store a second time as them.
fn add_operator_and_open(d: &mut District, name: &str, role: Role, pass: &str) -> Store {
    add_operator(d, name, role, pass);
    reopen(d.dir.path(), pass)
}

fn reopen(dir: &std::path::Path, pass: &str) -> Store {
    Store::open(&dir.join("store"), &Passphrase::new(pass)).unwrap()
}

fn forbidden<T: std::fmt::Debug>(r: Result<T, impl Into<lintas_core::Error>>) {
    let e: lintas_core::Error = r.map(|v| panic!("allowed: {v:?}")).unwrap_err().into();
    assert_eq!(e.code, ErrorCode::Forbidden, "{e:?}");
}

/// Every string anywhere in a JSON document.
fn texts(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| texts(x, out)),
        Value::Object(m) => m.iter().for_each(|(k, x)| {
            out.push(k.clone());
            texts(x, out)
        }),
        _ => {}
    }
}

#[test]
fn shelter_staff_cannot_read_or_export_the_fields_their_role_excludes() {
    let (d, case) = nunukan();
    let full = cases::show(&d.store, &case).unwrap();
    let mut all = Vec::new();
    texts(&full, &mut all);
    let excluded =
        ["5303015102040001", "B1234567", "081234567890", "Maubesi", "Agus", "paspor.jpg", "SexualExploitation"];
    for secret in excluded {
        assert!(all.iter().any(|t| t.contains(secret)), "the coordinator sees {secret}");
    }
    assert!(all.iter().any(|t| t.contains("Saw the recruiter")));

    let mut staff = reopen(d.dir.path(), STAFF);
    assert_eq!(staff.role(), Role::ShelterStaff);
    let seen = cases::view(&staff, &case, &d.clock).unwrap();
    let mut visible = Vec::new();
    texts(&seen, &mut visible);
    for secret in excluded.iter().chain(&["Saw the recruiter", "statement", "Recruitment"]) {
        assert!(!visible.iter().any(|t| t.contains(secret)), "shelter staff can read {secret}");
    }
    // What they need for care is there.
    assert_eq!(seen["victim"]["first_name"], "Maria");
    assert_eq!(seen["victim"]["birthdate"], "2004-02-11");
    assert_eq!(seen["witnesses"][0]["first_name"], "Yohanes");

    // The case list and search do not carry the excluded fields either, and searching for an
    // excluded value finds nothing.
    let listed = cases::list(&staff, &Default::default()).unwrap();
    assert!(listed[0].type_of_exploitation.is_empty() && listed[0].country_of_exploitation.is_none());
    assert_eq!(lintas_core::search::search(&staff, "Maria", 10).unwrap().len(), 1);
    assert!(lintas_core::search::search(&staff, "Maubesi", 10).unwrap().is_empty());

    // Exports of identifiable data are refused.
    let attachment: uuid::Uuid = full["attachments"][0]["id"].as_str().unwrap().parse().unwrap();
    forbidden(cases::export_attachment(&staff, attachment, &d.clock));
    forbidden(cases::attachment(&staff, attachment));
    let out = d.dir.path().join("x.lintas");
    forbidden(sync::export(&mut staff, "53.03", true, &out, &d.clock, &d.entropy));
    assert!(!out.exists());
    forbidden(reports::ctdc(&staff, &Default::default(), 11, &d.clock));
    forbidden(conflicts::list(&staff));
    forbidden(duplicates::list(&staff));

    // They record care, and nothing else.
    let service = json!({"services": [{"type": "Shelter", "status": "InProgress", "provider": "Rumah aman"}]});
    cases::update(&mut staff, &case, &service, &d.clock, &d.entropy).unwrap();
    let before = audit::state_digest(&staff).unwrap();
    forbidden(cases::update(&mut staff, &case, &json!({"victim": {"first_name": "Mariam"}}), &d.clock, &d.entropy));
    forbidden(cases::update(
        &mut staff,
        &case,
        &json!({"type_of_exploitation": ["ForcedLabour"]}),
        &d.clock,
        &d.entropy,
    ));
    forbidden(cases::create(&mut staff, &maria(), &d.clock, &d.entropy));
    assert_eq!(audit::state_digest(&staff).unwrap(), before, "a refused change leaves the store as it was");
}

#[test]
fn a_read_only_operator_cannot_write_and_every_op_and_view_names_its_operator() {
    let (d, case) = nunukan();
    let coordinator = d.store.identity().operator_id;
    drop(d.store);
    let mut reader = reopen(d.dir.path(), READER);
    assert_eq!(reader.role(), Role::ReadOnly);
    // Reading is allowed, in full.
    assert_eq!(cases::view(&reader, &case, &d.clock).unwrap()["victim"]["identity_number"], "5303015102040001");
    let before = audit::state_digest(&reader).unwrap();
    forbidden(cases::update(&mut reader, &case, &json!({"status": "Closed"}), &d.clock, &d.entropy));
    forbidden(cases::create(&mut reader, &maria(), &d.clock, &d.entropy));
    forbidden(reader.batch(&d.clock).map(|_| ()));
    let out = d.dir.path().join("x.lintas");
    forbidden(sync::export(&mut reader, "53.03", true, &out, &d.clock, &d.entropy));
    let p = Passphrase::new("seseorang yang baru");
    let new =
        NewOperator { name: "X", role: Role::Coordinator, passphrase: &p, kdf: KdfParams { m_kib: 1024, t: 1, p: 1 } };
    forbidden(operators::add(&mut reader, &new, &d.clock, &d.entropy));
    assert_eq!(audit::state_digest(&reader).unwrap(), before);

    // The reader's view is in the access log under the reader's name; the ops under the
    // coordinator's and the shelter worker's.
    let log = access::list(&reader, 0, 100).unwrap();
    let last = log.iter().max_by_key(|e| e.seq).unwrap();
    assert_eq!((last.operator.as_deref(), last.action.as_str()), (Some("Pak Budi"), "view_case"));
    drop(reader);
    let mut staff = reopen(d.dir.path(), STAFF);
    cases::update(&mut staff, &case, &json!({"notes": [{"body": "Tidur nyenyak."}]}), &d.clock, &d.entropy).unwrap();
    drop(staff);
    let store = reopen(d.dir.path(), PASSPHRASE);
    assert_eq!(store.identity().operator_id, coordinator);
    let authors: Vec<(Option<String>, String)> =
        audit::log(&store, 0, 1000).unwrap().into_iter().map(|e| (e.author, e.entity)).collect();
    assert!(authors.iter().any(|(a, e)| a.as_deref() == Some("Dewi") && e == "note"));
    assert!(authors.iter().any(|(a, e)| a.as_deref() == Some("Petugas") && e == "case"));
    assert!(!authors.iter().any(|(a, _)| a.as_deref() == Some("Pak Budi")));
    audit::verify(&store).unwrap();
}

#[test]
fn the_cli_refuses_a_role_with_exit_code_5_and_manages_operators() {
    let cli = Cli::init();
    let case = cli.create(&maria())["id"].as_str().unwrap().to_string();
    let added = cli
        .cmd()
        .args(["operator", "add", "--name", "Dewi", "--role", "ShelterStaff", "--json"])
        .env("LINTAS_NEW_PASSPHRASE", STAFF)
        .output()
        .unwrap();
    assert_eq!(added.status.code(), Some(0), "{}", stderr(&added));
    let listed = cli.json(&["operator", "list"]);
    assert_eq!(listed["count"], 2);
    assert_eq!(listed["operators"][1]["role"], "ShelterStaff");

    let as_staff = |args: &[&str]| cli.cmd().env("LINTAS_PASSPHRASE", STAFF).args(args).output().unwrap();
    let shown = as_staff(&["case", "show", &case, "--json"]);
    assert_eq!(shown.status.code(), Some(0), "{}", stderr(&shown));
    let text = String::from_utf8(shown.stdout).unwrap();
    assert!(text.contains("Maria") && !text.contains("5303015102040001") && !text.contains("Saw the recruiter"));
    let refused = as_staff(&["bundle", "export", "--to", "53.03", "--out", "x.lintas"]);
    assert_eq!(refused.status.code(), Some(5));
    assert!(stderr(&refused).contains("Peran Anda tidak mengizinkan"), "{}", stderr(&refused));
    let refused = as_staff(&["operator", "add", "--name", "X", "--role", "Coordinator"]);
    assert_eq!(refused.status.code(), Some(5));
    // A right and a wrong guess of a hidden field are refused alike, with the same words.
    let guesses: Vec<(Option<i32>, String)> = ["5303015102040001", "5303015102040002"]
        .iter()
        .map(|nik| {
            let doc = cli.file(&format!("guess-{nik}.json"), &json!({"victim": {"identity_number": nik}}));
            let out = as_staff(&["case", "update", &case, &doc]);
            (out.status.code(), stderr(&out))
        })
        .collect();
    assert_eq!(guesses[0].0, Some(5), "{}", guesses[0].1);
    assert_eq!(guesses[0], guesses[1]);

    // The last coordinator cannot be demoted; an unknown role is a usage mistake.
    let me = listed["operators"][0]["id"].as_str().unwrap().to_string();
    let out = cli.run(&["operator", "role", &me, "CaseWorker"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert_eq!(cli.run(&["operator", "role", &me, "Admin"]).status.code(), Some(4));
    // Removing the staff member locks them out.
    let staff = listed["operators"][1]["id"].as_str().unwrap().to_string();
    cli.ok(&["operator", "remove", &staff]);
    assert_eq!(as_staff(&["case", "list"]).status.code(), Some(3));
}

/// The error of a refusal as a person or a script sees it: code, exit code, detail and fields.
fn refusal<T: std::fmt::Debug>(r: Result<T, impl Into<lintas_core::Error>>) -> (ErrorCode, i32, String) {
    let e: lintas_core::Error = r.map(|v| panic!("allowed: {v:?}")).unwrap_err().into();
    (e.code, e.code.exit_code(), format!("{:?} {:?}", e.detail, e.fields))
}

#[test]
fn a_write_to_a_hidden_field_is_refused_alike_for_a_right_and_a_wrong_guess() {
    let (d, case) = nunukan();
    let full = cases::show(&d.store, &case).unwrap();
    let perpetrator = full["perpetrators"][0]["id"].as_str().unwrap().to_string();
    let event = full["events"][0]["id"].as_str().unwrap().to_string();
    let mut staff = reopen(d.dir.path(), STAFF);
    let before = audit::state_digest(&staff).unwrap();
    // Each pair: what the store holds, and a guess that is wrong.
    let pairs = [
        (
            json!({"victim": {"identity_number": "5303015102040001"}}),
            json!({"victim": {"identity_number": "5303015102040002"}}),
        ),
        (
            json!({"victim": {"address": {"village": "Maubesi"}}}),
            json!({"victim": {"address": {"village": "Oelolok"}}}),
        ),
        (
            json!({"type_of_exploitation": ["SexualExploitation", "ForcedLabour"]}),
            json!({"type_of_exploitation": ["Begging"]}),
        ),
        (json!({"country_of_exploitation": "MY"}), json!({"country_of_exploitation": "SG"})),
        // An invalid value is refused for the role before it is checked.
        (json!({"country_of_exploitation": "MY"}), json!({"country_of_exploitation": "not a country"})),
        // A record they may not see: one that exists and one that does not.
        (json!({"perpetrators": [{"id": perpetrator}]}), json!({"perpetrators": [{"id": uuid::Uuid::nil()}]})),
        (json!({"events": [{"id": event}]}), json!({"events": [{"id": uuid::Uuid::nil()}]})),
    ];
    for (right, wrong) in pairs {
        let r = refusal(cases::update(&mut staff, &case, &right, &d.clock, &d.entropy));
        let w = refusal(cases::update(&mut staff, &case, &wrong, &d.clock, &d.entropy));
        assert_eq!(r.0, ErrorCode::Forbidden, "{right}");
        assert_eq!(r, w, "{right} / {wrong}");
    }
    assert_eq!(audit::state_digest(&staff).unwrap(), before);
}

#[test]
fn shelter_staff_cannot_filter_or_count_on_a_hidden_field() {
    let (d, _) = nunukan();
    let staff = reopen(d.dir.path(), STAFF);
    for guess in ["SexualExploitation", "Begging"] {
        let filter = cases::CaseFilter { exploitation: Some(guess.into()), ..Default::default() };
        assert_eq!(refusal(cases::list(&staff, &filter)).0, ErrorCode::Forbidden);
        assert_eq!(refusal(cases::count(&staff, &filter)).0, ErrorCode::Forbidden);
    }
    // Filters on what they read still work, and other roles filter on everything.
    let active = cases::CaseFilter { status: Some("Active".into()), ..Default::default() };
    assert_eq!(cases::count(&staff, &active).unwrap(), 1);
    let typed = cases::CaseFilter { exploitation: Some("SexualExploitation".into()), ..Default::default() };
    assert_eq!(cases::count(&d.store, &typed).unwrap(), 1);
}

#[test]
fn shelter_staff_search_results_do_not_depend_on_hidden_text() {
    let mut d = District::new("65.03", "Kabupaten Nunukan", 1);
    // The older case mentions the word many times where shelter staff cannot see it.
    let mut older = maria();
    older["victim"]["address"]["village"] = json!("Maria Maria Maria Maria");
    older["intake"]["place"] = json!("Maria Maria Maria");
    let older = d.create(&older);
    let mut newer = maria();
    newer["intake"]["date"] = json!("2020-01-05");
    newer["victim"]["address"] = json!({"province": "53"});
    newer["intake"]["place"] = json!(null);
    let newer = d.create(&newer);
    let staff = add_operator_and_open(&mut d, "Dewi", Role::ShelterStaff, STAFF);
    let id = |s: &str| s.parse::<uuid::Uuid>().unwrap();
    // As the case list orders them (newest intake first), whatever the hidden text says.
    let found: Vec<uuid::Uuid> =
        lintas_core::search::search(&staff, "maria", 1).unwrap().into_iter().map(|c| c.id).collect();
    assert_eq!(found, vec![id(&newer)]);
    let found: Vec<uuid::Uuid> =
        lintas_core::search::search(&staff, "maria", 10).unwrap().into_iter().map(|c| c.id).collect();
    assert_eq!(found, vec![id(&newer), id(&older)]);
}

#[test]
fn shelter_staff_do_not_read_referral_details() {
    let (mut d, case) = nunukan();
    d.refer(&case, "53.03");
    let coordinator = lintas_core::referrals::list(&d.store).unwrap();
    assert_eq!(coordinator[0].details.as_deref(), Some("Pemulangan"));
    drop(d.store);
    let staff = reopen(d.dir.path(), STAFF);
    let listed = lintas_core::referrals::list(&staff).unwrap();
    assert_eq!(listed.len(), 1);
    let r = &listed[0];
    assert_eq!((r.details.as_deref(), r.reason.as_deref(), r.response_note.as_deref()), (None, None, None));
    assert_eq!((r.to_district.as_str(), r.status.as_str()), ("53.03", "Draft"));
}

#[test]
fn statistics_are_refused_to_shelter_staff_and_the_dashboard_leaves_out_what_they_may_not_read() {
    let (d, _) = nunukan();
    let day = reports::Period::parse(Some("2019-09-20"), Some("2019-09-20"), None).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    assert_eq!(reports::stats(&d.store, &day, today).unwrap().by_country, vec![("MY".to_string(), 1)]);
    let staff = reopen(d.dir.path(), STAFF);
    assert_eq!(refusal(reports::stats(&staff, &day, today)).0, ErrorCode::Forbidden);
    let out = d.dir.path().join("laporan.html");
    assert_eq!(refusal(lintas_core::printable::export(&staff, &day, today, &out, &d.clock)).0, ErrorCode::Forbidden);
    assert!(!out.exists());
    let dash = lintas_core::dashboard::summary(&staff, today).unwrap();
    assert_eq!(dash.total_cases, 1);
    assert!(dash.by_exploitation.is_empty() && dash.by_country.is_empty(), "{dash:?}");
    // A reader sees the statistics in full.
    drop(staff);
    let reader = reopen(d.dir.path(), READER);
    assert_eq!(reports::stats(&reader, &day, today).unwrap().victims, 1);
}

#[test]
fn shelter_staff_do_not_learn_the_age_when_trafficked_from_whether_a_case_is_a_child() {
    let mut d = District::new("65.03", "Kabupaten Nunukan", 1);
    let mut doc = maria();
    doc["victim"]["birthdate"] = json!("1990-02-11");
    doc["victim"]["identity_number"] = json!(null);
    doc["age_when_trafficked"] = json!(16);
    let case = d.create(&doc);
    let children = cases::CaseFilter { child: Some(true), ..Default::default() };
    let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    assert_eq!(cases::count(&d.store, &children).unwrap(), 1, "a child when trafficked");
    assert_eq!(cases::show(&d.store, &case).unwrap()["is_child"], true);
    let staff = add_operator_and_open(&mut d, "Dewi", Role::ShelterStaff, STAFF);
    // By the dates they can read, an adult at intake, and nothing says otherwise.
    assert_eq!(cases::count(&staff, &children).unwrap(), 0);
    assert!(cases::list(&staff, &children).unwrap().is_empty());
    assert!(!cases::list(&staff, &Default::default()).unwrap()[0].is_child);
    assert_eq!(cases::show(&staff, &case).unwrap()["is_child"], false);
    assert!(!lintas_core::search::search(&staff, "Maria", 10).unwrap()[0].is_child);
    assert_eq!(lintas_core::dashboard::summary(&staff, today).unwrap().children, 0);
}
