//! Case work between the districts: plans, assessments and the organisations they name travel
//! with the case, under the same authority rules as every other record, and go with the case
//! when it is erased (the organisations stay).

use crate::support;

use lintas_core::ErrorCode;
use serde_json::json;
use support::District;

fn directory(d: &District) -> Vec<(String, bool)> {
    lintas_core::organisations::list(&d.store).unwrap().into_iter().map(|o| (o.name, o.ours)).collect()
}

#[test]
fn plans_assessments_and_their_organisations_travel_and_obey_the_authority_table() {
    let mut n = District::new("65.03", "Kabupaten Nunukan", 21);
    let mut t = District::new("53.03", "Kabupaten Timor Tengah Utara", 22);
    District::trust_each_other(&mut n, &mut t);
    let dir = tempfile::tempdir().unwrap();

    // Nunukan: the shelter that sheltered her, named by a service of the case.
    let shelter = lintas_core::organisations::create(
        &mut n.store,
        &json!({"name": "UPTD PPA Nunukan", "type": "UptdPpa", "province": "65", "regency": "65.03"}),
        &n.clock,
        &n.entropy,
    )
    .unwrap();
    // An organisation no case names stays home.
    lintas_core::organisations::create(&mut n.store, &json!({"name": "Lain", "type": "NGO"}), &n.clock, &n.entropy)
        .unwrap();
    let mut doc = support::maria();
    doc["services"] =
        json!([{"type": "Shelter", "stage": "SocialRehabilitation", "organisation_id": shelter.to_string()}]);
    let case = n.create(&doc);
    n.refer(&case, "53.03");
    let path = dir.path().join("1.lintas");
    n.export("53.03", &path);
    t.import(&path).unwrap();
    assert_eq!(directory(&t), [("UPTD PPA Nunukan".to_string(), false)]);

    // TTU may not rename Nunukan's organisation, nor add a plan before it accepts the referral.
    let err = lintas_core::organisations::update(&mut t.store, shelter, &json!({"name": "X"}), &t.clock).unwrap_err();
    assert_eq!(lintas_core::Error::from(err).code, ErrorCode::NotAuthorised);
    let plan = json!({"plans": [{"kind": "Reintegration", "type": "SkillsTraining"}]});
    let err = lintas_core::cases::update(&mut t.store, &case, &plan, &t.clock, &t.entropy).unwrap_err();
    assert_eq!(lintas_core::Error::from(err).code, ErrorCode::NotAuthorised);

    // TTU accepts, and records an assessment and a reintegration plan with its own partner.
    let referral = lintas_core::referrals::list(&t.store).unwrap()[0].id;
    lintas_core::referrals::decide(&mut t.store, referral, true, None, &t.clock).unwrap();
    let blk = lintas_core::organisations::create(
        &mut t.store,
        &json!({"name": "BLK Kefamenanu", "type": "SchoolOrCollege", "regency": "53.03", "services": ["SkillsTraining"]}),
        &t.clock,
        &t.entropy,
    )
    .unwrap();
    let update = json!({
        "assessments": [{"kind": "Household", "date": "2025-06-10", "risk_level": "Medium", "findings": "utang keluarga"}],
        "plans": [{"kind": "Reintegration", "type": "SkillsTraining", "stage": "SocialReintegration",
                   "organisation_id": blk.to_string(), "goals": ["Kursus menjahit", "Usaha sendiri"],
                   "planned_end_date": "2025-12-31"}]});
    lintas_core::cases::update(&mut t.store, &case, &update, &t.clock, &t.entropy).unwrap();
    let back = dir.path().join("2.lintas");
    t.export("65.03", &back);
    n.import(&back).unwrap();

    let shown = lintas_core::cases::show(&n.store, &case).unwrap();
    assert_eq!(shown["plans"][0]["goals"], json!(["Kursus menjahit", "Usaha sendiri"]));
    assert_eq!(shown["plans"][0]["organisation_id"], blk.to_string());
    assert_eq!(shown["assessments"][0]["risk_level"], "Medium");
    let mut names = directory(&n);
    names.sort();
    assert_eq!(
        names,
        [("BLK Kefamenanu".to_string(), false), ("Lain".to_string(), true), ("UPTD PPA Nunukan".to_string(), true)]
    );
    lintas_core::audit::verify(&n.store).unwrap();

    // Erasing the victim takes her plans and assessments, never the directory.
    lintas_core::erasure::erase(&mut n.store, &case, None, "LegalRequest", &n.clock).unwrap();
    assert_eq!(directory(&n).len(), 3);
    let left = lintas_core::worklist::tasks(&n.store, chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()).unwrap();
    assert!(left.tasks.is_empty(), "{:?}", left.tasks);
    lintas_core::audit::verify(&n.store).unwrap();
}

#[test]
fn a_decision_on_two_victims_travels_to_districts_holding_both_and_no_further() {
    let mut n = District::new("65.03", "Kabupaten Nunukan", 31);
    let mut t = District::new("53.03", "Kabupaten Timor Tengah Utara", 32);
    let mut b = District::new("53.04", "Kabupaten Belu", 33);
    District::trust_each_other(&mut n, &mut t);
    District::trust_each_other(&mut n, &mut b);
    District::trust_each_other(&mut t, &mut b);
    let dir = tempfile::tempdir().unwrap();
    // Two registrations at Nunukan that look alike (sisters, as it turns out); both go to TTU.
    let first = n.create(&support::maria());
    let mut sister = support::maria();
    sister["victim"]["first_name"] = json!("Marta");
    sister["victim"]["birthdate"] = json!("2004-02-11");
    sister["victim"].as_object_mut().unwrap().remove("identity_number");
    sister["witnesses"] = json!([]);
    let second = n.create(&sister);
    n.refer(&first, "53.03");
    n.refer(&second, "53.03");
    let pair_listed = |d: &District| {
        lintas_core::duplicates::list(&d.store).unwrap().iter().any(|c| {
            let ids = [c.a.case_id.to_string(), c.b.case_id.to_string()];
            ids.contains(&first) && ids.contains(&second)
        })
    };
    assert!(pair_listed(&n), "the two registrations are a candidate pair");
    let link = lintas_core::duplicates::not_same(&mut n.store, &first, &second, "kakak beradik", &n.clock, &n.entropy)
        .unwrap();
    assert!(!pair_listed(&n));
    let path = dir.path().join("1.lintas");
    n.export("53.03", &path);
    t.import(&path).unwrap();
    assert!(!pair_listed(&t), "TTU received the decision with both cases");

    // TTU, holding both, changes its mind; the change comes back to Nunukan.
    let again = lintas_core::duplicates::link(&mut t.store, &first, &second, "", &t.clock, &t.entropy).unwrap();
    assert_eq!(again, link);
    let back = dir.path().join("2.lintas");
    t.export("65.03", &back);
    n.import(&back).unwrap();
    let linked = lintas_core::duplicates::list(&n.store).unwrap();
    assert!(linked.iter().any(|c| c.link.as_ref().is_some_and(|(id, s)| *id == link && s == "Linked")), "{linked:?}");
    lintas_core::audit::verify(&n.store).unwrap();
}

#[test]
fn a_case_from_another_district_never_hides_a_row_of_a_spreadsheet() {
    let mut n = District::new("65.03", "Kabupaten Nunukan", 41);
    let mut t = District::new("53.03", "Kabupaten Timor Tengah Utara", 42);
    District::trust_each_other(&mut n, &mut t);
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("kasus.csv");
    std::fs::write(&sheet, "Nama depan;NIK;Tanggal intake\nMaria;5303015102040001;20/09/2019\n").unwrap();
    // Nunukan imports the file (its case carries the row's key) and refers the case to TTU.
    let done = lintas_core::spreadsheet::import(&mut n.store, &sheet, &n.clock, &n.entropy, &mut |_, _| {}).unwrap();
    let case = lintas_core::cases::show(&n.store, &done.imported_cases[0]).unwrap()["id"].as_str().unwrap().to_string();
    n.refer(&case, "53.03");
    let path = dir.path().join("1.lintas");
    n.export("53.03", &path);
    t.import(&path).unwrap();
    // At TTU the same row is no import of its own: offered again, with the received case named
    // as the possible same person.
    let report = lintas_core::spreadsheet::dry_run(&t.store, &sheet, &t.clock, &mut |_, _| {}).unwrap();
    assert_eq!((report.valid, report.already_imported), (1, 0), "{report:?}");
    assert!(report.duplicates.iter().any(|d| d.case_number.as_deref() == Some(done.imported_cases[0].as_str())));
    // At Nunukan it stays recognised.
    let again = lintas_core::spreadsheet::dry_run(&n.store, &sheet, &n.clock, &mut |_, _| {}).unwrap();
    assert_eq!((again.valid, again.already_imported), (0, 1));
}
