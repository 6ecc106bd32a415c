//! Golden fixtures pin the wire formats: a bundle written by each format version must import
//! forever, its header must keep its exact bytes, and identity cards keep their shape and
//! fingerprint. The districts are made from fixed seeds and a fixed clock, so their device ids
//! and keys are the same on every run; the bundle's own randomness (age's file key) is in the
//! committed bytes.
//!
//! `LINTAS_BLESS=1 cargo test -p lintas-core --test it golden::` writes the fixtures of the current format version
//! (`bundle::FORMAT_VERSION`) and the identity card. Fixtures of earlier versions are never
//! written again: they are bundles that districts still hold. After a deliberate format change,
//! bump the format version, add a test like `version_2_bundle_verifies_and_imports` for it,
//! and bless.

use crate::support;

use serde_json::json;
use std::path::PathBuf;
use support::District;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
}

fn bless() -> bool {
    std::env::var_os("LINTAS_BLESS").is_some()
}

/// Nunukan and TTU as they were when the fixtures were made.
fn districts() -> (District, District) {
    let mut n = District::new("65.03", "Kabupaten Nunukan", 101);
    let mut t = District::new("53.03", "Kabupaten Timor Tengah Utara", 202);
    District::trust_each_other(&mut n, &mut t);
    (n, t)
}

fn check_or_bless(name: &str, actual: &[u8]) {
    if bless() {
        std::fs::write(fixture(name), actual).unwrap();
        return;
    }
    check(name, actual);
}

fn check(name: &str, actual: &[u8]) {
    let expected = std::fs::read(fixture(name)).unwrap_or_else(|_| {
        panic!("missing fixture {name}: run LINTAS_BLESS=1 cargo test -p lintas-core --test it golden::")
    });
    assert_eq!(String::from_utf8_lossy(&expected), String::from_utf8_lossy(actual), "{name} changed");
}

/// The format version a bundle file says it is.
fn version_of(path: &std::path::Path) -> u16 {
    let bytes = std::fs::read(path).unwrap();
    u16::from_be_bytes([bytes[8], bytes[9]])
}

/// Nunukan's bundle for TTU as the fixtures hold it: a case with a note, referred to TTU, with
/// a scanned letter.
fn export_fixture(n: &mut District, path: &std::path::Path) {
    let mut doc = support::maria();
    doc["notes"] = json!([{"body": "Dijemput di Pelabuhan Tunon Taka"}]);
    let case = n.create(&doc);
    n.refer(&case, "53.03");
    lintas_core::cases::attach(
        &mut n.store,
        &case,
        "surat.txt",
        "text/plain",
        b"Surat keterangan",
        &n.clock,
        &n.entropy,
    )
    .unwrap();
    n.export("53.03", path);
}

/// TTU imports a fixture bundle and holds everything it carries.
fn imports_the_fixture(t: &mut District, path: &std::path::Path) {
    let summary = t.import(path).expect("the fixture must import");
    assert_eq!(summary.new_cases, vec!["6503-2019-0001".to_string()]);
    assert_eq!(summary.referrals_received, 1);
    let doc = lintas_core::cases::show(&t.store, "6503-2019-0001").unwrap();
    assert_eq!(doc["victim"]["first_name"], "Maria");
    assert_eq!(doc["victim"]["identity_number"], "5303015102040001");
    assert_eq!(doc["notes"][0]["body"], "Dijemput di Pelabuhan Tunon Taka");
    let att = doc["attachments"][0]["id"].as_str().unwrap().parse().unwrap();
    assert_eq!(lintas_core::cases::attachment(&t.store, att).unwrap().1, b"Surat keterangan");
    assert!(lintas_core::audit::verify(&t.store).is_ok());
}

#[test]
fn identity_card_format_and_fingerprint_are_pinned() {
    let (n, _) = districts();
    let card = lintas_core::identity::own_card(&n.store).unwrap();
    check_or_bless("nunukan.card", card.to_json().as_bytes());
    check_or_bless("nunukan.fingerprint", card.fingerprint().as_bytes());
}

/// Format 1 is no longer written, and its fixture is never blessed again: a Lintas must still
/// read the bundles that districts hold from before format 2.
#[test]
fn version_1_bundle_still_verifies_and_imports() {
    let (_, mut t) = districts();
    let path = fixture("nunukan-to-ttu.v1.lintas");
    assert_eq!(version_of(&path), 1);
    let envelope = lintas_core::sync::inspect(&t.store, &path).expect("the v1 fixture must verify");
    let header = serde_json::to_string_pretty(&envelope.header).unwrap();
    check("nunukan-to-ttu.v1.header.json", header.as_bytes());
    imports_the_fixture(&mut t, &path);
}

/// Format 2 is no longer written either: read, with only the signing device's ops accepted.
#[test]
fn version_2_bundle_verifies_and_imports() {
    let (_, mut t) = districts();
    let path = fixture("nunukan-to-ttu.v2.lintas");
    assert_eq!(version_of(&path), 2);
    let envelope = lintas_core::sync::inspect(&t.store, &path).expect("the v2 fixture must verify");
    let header = serde_json::to_string_pretty(&envelope.header).unwrap();
    check("nunukan-to-ttu.v2.header.json", header.as_bytes());
    imports_the_fixture(&mut t, &path);
    // The same bundle as the v1 fixture, compressed.
    let v1 = std::fs::metadata(fixture("nunukan-to-ttu.v1.lintas")).unwrap().len();
    assert!(std::fs::metadata(&path).unwrap().len() < v1);
}

/// Format 3 carries the author devices' seals before the ops.
#[test]
fn version_3_bundle_verifies_and_imports_with_its_seals() {
    let (mut n, mut t) = districts();
    let path = fixture("nunukan-to-ttu.v3.lintas");
    if bless() {
        assert_eq!(lintas_core::bundle::FORMAT_VERSION, 3, "bless the fixture of the current format only");
        export_fixture(&mut n, &path);
    }
    assert_eq!(version_of(&path), 3);
    let envelope = lintas_core::sync::inspect(&t.store, &path).expect("the v3 fixture must verify");
    let header = serde_json::to_string_pretty(&envelope.header).unwrap();
    check_or_bless("nunukan-to-ttu.v3.header.json", header.as_bytes());
    let (_, frames) = lintas_core::sync::frames_of(&t.store, &path).unwrap();
    let seals = frames.iter().filter(|f| matches!(f, lintas_core::bundle::Frame::Seal(_))).count();
    let ops = frames.iter().filter(|f| matches!(f, lintas_core::bundle::Frame::Op(_))).count();
    assert!(seals >= 1 && ops > seals, "{seals} seals for {ops} ops");
    // Seals come before every op.
    let first_op = frames.iter().position(|f| matches!(f, lintas_core::bundle::Frame::Op(_))).unwrap();
    assert!(frames[first_op..].iter().all(|f| !matches!(f, lintas_core::bundle::Frame::Seal(_))));
    imports_the_fixture(&mut t, &path);
}

/// The scans of the store fixtures from schema 14 on: their contents are made, not stored here.
type Scan = (&'static str, fn() -> Vec<u8>);
const FIXTURE_SCANS: [Scan; 2] = [
    ("paspor.jpg", || (0..70_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect()),
    ("surat.jpg", || b"surat keterangan".repeat(40)),
];

/// A store as this schema writes it, committed once per schema version and never changed: the
/// day a migration is added, this test opens a real store of the schema before it. The fixture
/// of the current schema is written by `LINTAS_BLESS=1` if it is missing.
#[test]
fn stores_of_every_committed_schema_open_upgrade_and_verify() {
    use lintas_core::migrate::SCHEMA_VERSION;
    let current = fixture(&format!("store-schema-{SCHEMA_VERSION}"));
    if bless() && !current.exists() {
        let mut n = District::new("65.03", "Kabupaten Nunukan", 303);
        let case = n.create(&support::maria());
        // Two scans (from schema 14 on), one larger than a page, so that an upgrade that moves
        // attachment contents is tried on real ones.
        for (name, data) in FIXTURE_SCANS {
            lintas_core::cases::attach(&mut n.store, &case, name, "image/jpeg", &data(), &n.clock, &n.entropy).unwrap();
        }
        n.store.checkpoint().unwrap();
        std::fs::create_dir_all(&current).unwrap();
        for file in [lintas_core::store::DB_FILE, lintas_core::keyfile::FILE_NAME] {
            std::fs::copy(n.store.dir().join(file), current.join(file)).unwrap();
        }
    }
    let mut found = 0;
    for version in 10..=SCHEMA_VERSION {
        let committed = fixture(&format!("store-schema-{version}"));
        if !committed.exists() {
            continue;
        }
        found += 1;
        let dir = tempfile::tempdir().unwrap();
        for file in [lintas_core::store::DB_FILE, lintas_core::keyfile::FILE_NAME] {
            std::fs::copy(committed.join(file), dir.path().join(file)).unwrap();
        }
        let store =
            lintas_core::store::Store::open(dir.path(), &lintas_core::secret::Passphrase::new(support::PASSPHRASE))
                .unwrap_or_else(|e| panic!("the store of schema {version} does not open: {e}"));
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION, "schema {version}");
        let filter = lintas_core::cases::CaseFilter { limit: 100, ..Default::default() };
        let cases = lintas_core::cases::list(&store, &filter).unwrap();
        assert_eq!(cases.len(), 1, "schema {version}");
        assert_eq!(cases[0].case_number, "6503-2019-0001");
        assert!(lintas_core::audit::verify(&store).is_ok(), "schema {version}");
        assert_eq!(lintas_core::search::search(&store, "taek", 10).unwrap().len(), 1, "schema {version}");
        if version >= 14 {
            let doc = lintas_core::cases::show(&store, "6503-2019-0001").unwrap();
            let attachments = doc["attachments"].as_array().unwrap();
            assert_eq!(attachments.len(), FIXTURE_SCANS.len(), "schema {version}");
            for (name, data) in FIXTURE_SCANS {
                let a = attachments.iter().find(|a| a["name"] == name).unwrap();
                let id = a["id"].as_str().unwrap().parse().unwrap();
                let (_, bytes) = lintas_core::cases::attachment(&store, id).unwrap();
                assert!(bytes == data(), "schema {version}: {name} reads back whole");
            }
        }
    }
    assert!(found > 0, "no committed store fixture: run LINTAS_BLESS=1 cargo test -p lintas-core --test it golden::");
}
