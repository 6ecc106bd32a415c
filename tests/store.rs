//! The store through the core API: encryption of every file while the store is open (WAL and
//! shared-memory files included).

mod support;

use chrono::DateTime;
use lintas_core::ambient::{FixedClock, SeededEntropy};
use lintas_core::cases;
use lintas_core::keyfile::KdfParams;
use lintas_core::secret::Passphrase;
use lintas_core::setup::{init, InitRequest};
use lintas_core::store::Store;

#[test]
fn open_store_with_live_wal_holds_no_plaintext() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s");
    let clock = FixedClock::new(DateTime::from_timestamp(1_750_000_000, 0).unwrap(), 3);
    let entropy = SeededEntropy::new(1);
    let pass = Passphrase::new("kata sandi panjang");
    let req = InitRequest {
        district: "65.03",
        district_name: "Kabupaten Nunukan",
        operator_name: "Petugas",
        passphrase: &pass,
        kdf: KdfParams { m_kib: 1024, t: 1, p: 1 },
    };
    let (store, _) = init(&path, &req, &clock, &entropy).unwrap();
    drop(store);
    let mut store = Store::open(&path, &pass).unwrap();
    for _ in 0..20 {
        cases::create(&mut store, &support::maria(), &clock, &entropy).unwrap();
    }
    let wal = path.join("lintas.db-wal");
    assert!(wal.exists() && std::fs::metadata(&wal).unwrap().len() > 0, "expected a live WAL");
    support::assert_not_on_disk(&path, &["Maria", "Taek", "5303015102040001", "Maubesi", "passports"]);
    // And the data is really there, readable through the key.
    assert_eq!(lintas_core::search::search(&store, "taek", 100).unwrap().len(), 20);
}
