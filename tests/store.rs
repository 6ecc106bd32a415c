//! The store through the core API: encryption of every file while the store is open (WAL and
//! shared-memory files included).

mod support;

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
