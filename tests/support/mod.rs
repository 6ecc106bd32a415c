//! Shared helpers for the integration tests: a scratch store driven through the real `lintas`
//! binary, and the example case document of DESIGN.md.

#![allow(dead_code)]

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

/// A store in a temporary directory, used through the CLI.
pub struct Cli {
    pub tmp: tempfile::TempDir,
    pub store: PathBuf,
}

impl Cli {
    pub fn new() -> Cli {
        let tmp = tempfile::tempdir().unwrap();
        let store = tmp.path().join("store");
        Cli { tmp, store }
    }

    /// A store already set up for Nunukan.
    pub fn init() -> Cli {
        let cli = Cli::new();
        let out = cli.run(&[
            "init",
            "--district",
            "65.03",
            "--district-name",
            "Kabupaten Nunukan",
            "--operator",
            "Petugas Satu",
        ]);
        assert_eq!(out.status.code(), Some(0), "init failed: {}", stderr(&out));
        cli
    }

    /// The command with this store and passphrase; a low KDF target keeps tests quick (the
    /// 64 MiB memory cost stays).
    pub fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_lintas"));
        c.env("LINTAS_STORE", &self.store)
            .env("LINTAS_PASSPHRASE", PASSPHRASE)
            .env("LINTAS_KDF_TARGET_MS", "1")
            .env_remove("LINTAS_LANG")
            .env_remove("LINTAS_NEW_PASSPHRASE")
            .env_remove("LINTAS_RECOVERY_KEY");
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    /// Runs a command that must succeed and returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(0), "lintas {args:?} failed: {}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        serde_json::from_str(&self.ok(&all)).unwrap()
    }

    /// Writes a JSON document next to the store and returns its path.
    pub fn file(&self, name: &str, doc: &Value) -> String {
        let p = self.tmp.path().join(name);
        std::fs::write(&p, serde_json::to_vec(doc).unwrap()).unwrap();
        p.to_string_lossy().into_owned()
    }

    pub fn create(&self, doc: &Value) -> Value {
        let f = self.file("case.json", doc);
        self.json(&["case", "create", &f])
    }
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
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
            assert!(!found, "{} contains a plaintext secret", path.display());
        }
    }
}
