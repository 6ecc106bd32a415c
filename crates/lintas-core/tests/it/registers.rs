//! The registers of the task force's other work between districts: an activity, a training and
//! a programme travel to the districts they list and nowhere else, only their writer changes
//! them, roles decide who writes and reads them, and erasing a person leaves them as they were.

use crate::support;

use lintas_core::registers::{self, Register};
use lintas_core::{Error, ErrorCode};
use serde_json::json;
use support::District;

fn ids(d: &District, register: Register) -> Vec<String> {
    registers::list(&d.store, register, None, None).unwrap().into_iter().map(|e| e.id.to_string()).collect()
}

#[test]
fn registers_travel_to_the_districts_they_list_and_only_their_writer_changes_them() {
    let mut n = District::new("65.03", "Kabupaten Nunukan", 31);
    let mut t = District::new("53.03", "Kabupaten Timor Tengah Utara", 32);
    let mut b = District::new("53.04", "Kabupaten Belu", 33);
    District::trust_each_other(&mut n, &mut t);
    District::trust_each_other(&mut n, &mut b);
    let dir = tempfile::tempdir().unwrap();

    let org = lintas_core::organisations::create(
        &mut n.store,
        &json!({"name": "Yayasan Migran Sejahtera", "type": "NGO"}),
        &n.clock,
        &n.entropy,
    )
    .unwrap();
    let shared = registers::create(
        &mut n.store,
        Register::Activity,
        &json!({"kind": "FocalPointMeeting", "date": "2025-04-02", "regency": "65.03", "organiser_id": org.to_string(),
                "female_adults": 6, "male_adults": 5, "share_districts": ["53.03"]}),
        &n.clock,
        &n.entropy,
    )
    .unwrap();
    let home = registers::create(
        &mut n.store,
        Register::Activity,
        &json!({"kind": "Socialisation", "date": "2025-04-09", "regency": "65.03", "female_adults": 30}),
        &n.clock,
        &n.entropy,
    )
    .unwrap();
    let training = registers::create(
        &mut n.store,
        Register::Training,
        &json!({"title": "Rujukan antardaerah", "start_date": "2025-05-01", "share_districts": ["53.03", "53.04"],
                "participants": [{"agency": "SocialAffairs", "female": 5, "male": 3}]}),
        &n.clock,
        &n.entropy,
    )
    .unwrap();

    let to_t = dir.path().join("t.lintas");
    n.export("53.03", &to_t);
    t.import(&to_t).unwrap();
    assert_eq!(ids(&t, Register::Activity), vec![shared.to_string()], "only the activity shared with TTU");
    let got = registers::get(&t.store, Register::Activity, shared).unwrap();
    assert!(!got.ours);
    assert_eq!((got.doc["female_adults"].clone(), got.doc["organiser_id"].clone()), (json!(6), json!(org.to_string())));
    // The organisation it names came with it.
    let names: Vec<String> = lintas_core::organisations::list(&t.store).unwrap().into_iter().map(|o| o.name).collect();
    assert_eq!(names, ["Yayasan Migran Sejahtera"]);
    let groups = registers::get(&t.store, Register::Training, training).unwrap().doc["participants"].clone();
    assert_eq!(groups[0]["female"], 5);

    let to_b = dir.path().join("b.lintas");
    n.export("53.04", &to_b);
    b.import(&to_b).unwrap();
    assert!(ids(&b, Register::Activity).is_empty(), "no activity was shared with Belu");
    assert_eq!(ids(&b, Register::Training), vec![training.to_string()]);

    // TTU cannot change Nunukan's activity, nor add participants to its training.
    let refused =
        registers::update(&mut t.store, Register::Activity, shared, &json!({"male_adults": 50}), &t.clock, &t.entropy)
            .unwrap_err();
    assert_eq!(Error::from(refused).code, ErrorCode::NotAuthorised);
    let more = json!({"participants": [{"agency": "Police", "male": 2}]});
    let refused =
        registers::update(&mut t.store, Register::Training, training, &more, &t.clock, &t.entropy).unwrap_err();
    assert_eq!(Error::from(refused).code, ErrorCode::NotAuthorised);
    assert_eq!(registers::get(&t.store, Register::Activity, shared).unwrap().doc["male_adults"], 5);

    // Nunukan's own change travels.
    registers::update(&mut n.store, Register::Activity, shared, &json!({"male_adults": 7}), &n.clock, &n.entropy)
        .unwrap();
    let again = dir.path().join("t2.lintas");
    n.export("53.03", &again);
    t.import(&again).unwrap();
    assert_eq!(registers::get(&t.store, Register::Activity, shared).unwrap().doc["male_adults"], 7);
    assert!(registers::get(&t.store, Register::Activity, home).is_err());
    lintas_core::audit::verify(&t.store).unwrap();
}

#[test]
fn roles_decide_who_writes_and_reads_registers_and_erasure_leaves_them() {
    use lintas_core::operators::{self, NewOperator};
    use lintas_core::roles::Role;
    use lintas_core::secret::Passphrase;
    let mut n = District::new("65.03", "Kabupaten Nunukan", 41);
    let activity = json!({"kind": "Campaign", "date": "2025-06-01", "regency": "65.03", "female_children": 12});
    let id = registers::create(&mut n.store, Register::Activity, &activity, &n.clock, &n.entropy).unwrap();

    // Erasing a person (the registers name nobody) leaves every register as it was.
    let case = n.create(&support::maria());
    let before = registers::list(&n.store, Register::Activity, None, None).unwrap();
    lintas_core::erasure::erase(&mut n.store, &case, None, "LegalRequest", &n.clock).unwrap();
    assert_eq!(registers::list(&n.store, Register::Activity, None, None).unwrap(), before);

    let kdf = lintas_core::keyfile::KdfParams { m_kib: 1024, t: 1, p: 1 };
    let District { dir, store, clock, entropy, .. } = n;
    drop(store);
    let path = dir.path().join("store");
    for (role, pass, writes, reads) in [
        (Role::CaseWorker, "pendamping kasus satu", true, true),
        (Role::ReadOnly, "hanya membaca saja", false, true),
        (Role::ShelterStaff, "petugas rumah aman", false, false),
    ] {
        let p = Passphrase::new(pass);
        let new = NewOperator { name: "Petugas", role, passphrase: &p, kdf };
        let mut founding = lintas_core::store::Store::open(&path, &Passphrase::new(support::PASSPHRASE)).unwrap();
        operators::add(&mut founding, &new, &clock, &entropy).unwrap();
        drop(founding);
        let mut store = lintas_core::store::Store::open(&path, &p).unwrap();
        let wrote = registers::create(&mut store, Register::Activity, &activity, &clock, &entropy);
        assert_eq!(wrote.is_ok(), writes, "{role:?} writes");
        if let Err(e) = wrote {
            assert_eq!(Error::from(e).code, ErrorCode::Forbidden, "{role:?}");
        }
        let read = registers::get(&store, Register::Activity, id);
        assert_eq!(read.is_ok(), reads, "{role:?} reads");
    }
}
