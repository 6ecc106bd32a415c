//! What the integration tests of the core and of the `lintas` package share: the example case
//! document, a district's store driven through the core API with fixed time and seeded
//! randomness, and the check that nothing personal is on disk. The root package includes this
//! file (`#[path]`) rather than copying it.

#![allow(dead_code)]

use chrono::DateTime;
use lintas_core::ambient::{FixedClock, SeededEntropy};
use lintas_core::keyfile::KdfParams;
use lintas_core::secret::Passphrase;
use lintas_core::setup::{init, InitRequest};
use lintas_core::store::Store;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

pub const PASSPHRASE: &str = "kata sandi yang cukup panjang";

/// The example document of the CLI contract.
pub fn maria() -> Value {
    json!({
      "victim": {
        "first_name": "Maria", "second_name": "Taek", "gender": "Feminine",
        "birthdate": "2004-02-11", "citizenship": ["ID"],
        "identity_number": "5303015102040001",
        "address": {"province": "53", "regency": "53.03", "village": "Maubesi"}
      },
      "trafficking_status": "PossibleVictimOfTrafficking",
      "type_of_exploitation": ["SexualExploitation", "ForcedLabour"],
      "country_of_exploitation": "MY",
      "intake": {"date": "2019-09-20", "place": "Pelabuhan Tunon Taka, Nunukan"},
      "witnesses": [
        {"first_name": "Yohanes", "second_name": "Bria", "gender": "Masculine",
         "statement": "Saw the recruiter collect passports at the harbour."}
      ]
    })
}

/// Every file under `dir` with its bytes.
pub fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push((p.clone(), std::fs::read(&p).unwrap()));
        }
    }
    out.sort();
    out
}

/// Fails if any file under `dir` contains any of `needles`.
pub fn assert_not_on_disk(dir: &Path, needles: &[&str]) {
    let all = files(dir);
    assert!(!all.is_empty());
    for (path, bytes) in all {
        for n in needles {
            let found = bytes.windows(n.len()).any(|w| w == n.as_bytes());
            assert!(
                !found,
                "{} contains a plaintext secret ({n:?} at {:?})",
                path.display(),
                bytes.windows(n.len()).position(|w| w == n.as_bytes())
            );
        }
    }
}

/// A district's store driven through the core API, with fixed time and seeded randomness.
pub struct District {
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub clock: FixedClock,
    pub entropy: SeededEntropy,
    pub code: String,
}

impl District {
    pub fn new(code: &str, name: &str, seed: u64) -> District {
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::new(DateTime::from_timestamp(1_750_000_000, 0).unwrap(), 7);
        let entropy = SeededEntropy::new(seed);
        let pass = Passphrase::new(PASSPHRASE);
        let req = InitRequest {
            district: code,
            district_name: name,
            operator_name: "Petugas",
            passphrase: &pass,
            kdf: KdfParams { m_kib: 1024, t: 1, p: 1 },
        };
        let (store, _) = init(&dir.path().join("store"), &req, &clock, &entropy).unwrap();
        District { dir, store, clock, entropy, code: code.to_string() }
    }

    /// Makes both districts trust each other's cards (as after comparing fingerprints).
    pub fn trust_each_other(a: &mut District, b: &mut District) {
        let ca = lintas_core::identity::own_card(&a.store).unwrap();
        let cb = lintas_core::identity::own_card(&b.store).unwrap();
        lintas_core::identity::trust_add(&mut a.store, cb.to_json().as_bytes(), &cb.fingerprint(), &a.clock).unwrap();
        lintas_core::identity::trust_add(&mut b.store, ca.to_json().as_bytes(), &ca.fingerprint(), &b.clock).unwrap();
    }

    pub fn create(&mut self, doc: &Value) -> String {
        lintas_core::cases::create(&mut self.store, doc, &self.clock, &self.entropy).unwrap().id.to_string()
    }

    pub fn refer(&mut self, case: &str, to: &str) {
        let req = lintas_core::referrals::NewReferral {
            to_district: to,
            details: "Pemulangan",
            consent_override: Some("uji"),
            ..Default::default()
        };
        lintas_core::referrals::create(&mut self.store, case, &req, &self.clock, &self.entropy).unwrap();
    }

    pub fn export(&mut self, to: &str, path: &Path) -> lintas_core::sync::ExportSummary {
        lintas_core::sync::export(&mut self.store, to, false, path, &self.clock, &self.entropy).unwrap()
    }

    pub fn import(&mut self, path: &Path) -> Result<lintas_core::sync::ImportSummary, lintas_core::Error> {
        lintas_core::sync::import(&mut self.store, path, &self.clock).map_err(lintas_core::Error::from)
    }

    pub fn digest(&self) -> String {
        lintas_core::audit::state_digest(&self.store).unwrap()
    }
}
