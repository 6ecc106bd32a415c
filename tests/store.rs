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
