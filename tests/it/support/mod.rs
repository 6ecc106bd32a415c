//! Shared helpers for the integration tests of the `lintas` package: a scratch store driven
//! through the real `lintas` binary, and (from the core's test support, included rather than
//! copied) the example document and a district's store driven through the core API.

#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "../../../crates/lintas-core/tests/it/support/district.rs"]
mod district;
pub use district::*;

/// A store in a temporary directory, used through the CLI.
pub struct Cli {
    pub tmp: tempfile::TempDir,
    pub store: PathBuf,
    /// The Windows build of `lintas` to run under Wine instead of this build (the Windows
    /// exchange test); `store` is then a Windows path.
    pub windows_exe: Option<PathBuf>,
}

impl Cli {
    pub fn new() -> Cli {
        let tmp = tempfile::tempdir().unwrap();
        let store = tmp.path().join("store");
        Cli { tmp, store, windows_exe: None }
    }

    /// A store used through the Windows build under Wine, at `store` (a Windows path).
    pub fn windows(exe: &Path, store: &str) -> Cli {
        Cli { tmp: tempfile::tempdir().unwrap(), store: PathBuf::from(store), windows_exe: Some(exe.to_path_buf()) }
    }

    /// A store already set up for Nunukan.
    pub fn init() -> Cli {
        Cli::district("65.03", "Kabupaten Nunukan")
    }

    /// A store already set up for a district.
    pub fn district(code: &str, name: &str) -> Cli {
        let cli = Cli::new();
        let out = cli.run(&["init", "--district", code, "--district-name", name, "--operator", "Petugas Satu"]);
        assert_eq!(out.status.code(), Some(0), "init failed: {}", stderr(&out));
        cli
    }

    /// This district and `other` trust each other: each reads the other's identity card and
    /// compares its fingerprint, as two offices do once.
    pub fn trust_each_other(&self, other: &Cli) {
        let cards = tempfile::tempdir().unwrap();
        let (mine, my_fp) = self.card(cards.path(), "a.card");
        let (theirs, their_fp) = other.card(cards.path(), "b.card");
        other.ok(&["trust", "add", &mine, "--fingerprint", &my_fp]);
        self.ok(&["trust", "add", &theirs, "--fingerprint", &their_fp]);
    }

    /// Writes this district's identity card into `dir` and returns (path, fingerprint).
    pub fn card(&self, dir: &Path, name: &str) -> (String, String) {
        let path = dir.join(name).to_string_lossy().into_owned();
        let fp = self.json(&["identity", "card", "--out", &path])["fingerprint"].as_str().unwrap().to_string();
        (path, fp)
    }

    /// The command with this store and passphrase; a low KDF target keeps tests quick (the
    /// 64 MiB memory cost stays).
    pub fn cmd(&self) -> Command {
        let mut c = match &self.windows_exe {
            Some(exe) => {
                let mut c = Command::new("wine");
                c.arg(exe);
                c
            }
            None => Command::new(env!("CARGO_BIN_EXE_lintas")),
        };
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
