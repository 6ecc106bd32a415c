//! The Windows build and the Linux build read each other's files (issue 18). Built only with
//! the `windows-exchange` feature: `scripts/windows.sh` runs it with `LINTAS_WINDOWS_CLI`
//! naming the cross-built `lintas.exe` and `WINEPREFIX` the Wine prefix it runs in.
//!
//! Nunukan works on Windows, its store under `C:\` in folders whose names have spaces; TTU works
//! on Linux. Cards and bundles go through a folder on drive C:, as through a USB stick.

use crate::support;

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use support::{maria, stderr, Cli};

/// A folder on Wine's drive C:, seen from both sides, removed when dropped.
struct DriveC {
    linux: PathBuf,
    windows: String,
}

impl DriveC {
    fn new() -> DriveC {
        let prefix = std::env::var_os("WINEPREFIX").expect("WINEPREFIX is set by scripts/windows.sh");
        let name = format!("Lintas uji {}", std::process::id());
        let linux = Path::new(&prefix).join("drive_c").join(&name);
        let _ = std::fs::remove_dir_all(&linux);
        std::fs::create_dir_all(linux.join("USB stick")).unwrap();
        DriveC { linux, windows: format!("C:\\{name}") }
    }

    /// The same file on the stick, as each build names it.
    fn on_stick(&self, file: &str) -> (String, PathBuf) {
        (format!("{}\\USB stick\\{file}", self.windows), self.linux.join("USB stick").join(file))
    }
}

impl Drop for DriveC {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.linux);
    }
}

fn windows_exe() -> PathBuf {
    PathBuf::from(std::env::var_os("LINTAS_WINDOWS_CLI").expect("LINTAS_WINDOWS_CLI is set by scripts/windows.sh"))
}

#[test]
fn a_bundle_and_a_card_cross_between_the_windows_and_the_linux_build() {
    let c = DriveC::new();
    let nunukan = Cli::windows(&windows_exe(), &format!("{}\\Data Kasus\\Nunukan", c.windows));
    let out =
        nunukan.run(&["init", "--district", "65.03", "--district-name", "Kabupaten Nunukan", "--operator", "Petugas"]);
    assert_eq!(out.status.code(), Some(0), "init on Windows: {}", stderr(&out));
    assert!(c.linux.join("Data Kasus").join("Nunukan").is_dir(), "the store is where the Windows path says");
    let ttu = Cli::district("53.03", "Kabupaten Timor Tengah Utara");

    // Cards, both ways.
    let (n_card_win, n_card) = c.on_stick("kartu Nunukan.card");
    let n_fp = nunukan.json(&["identity", "card", "--out", &n_card_win])["fingerprint"].as_str().unwrap().to_string();
    let (t_card_win, t_card) = c.on_stick("kartu TTU.card");
    let t_fp = ttu.json(&["identity", "card", "--out", &t_card.to_string_lossy()])["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    ttu.ok(&["trust", "add", &n_card.to_string_lossy(), "--fingerprint", &n_fp]);
    nunukan.ok(&["trust", "add", &t_card_win, "--fingerprint", &t_fp]);
    // The same text format on both: no line endings of Windows' own, the same fields.
    let (win_card, linux_card) = (std::fs::read(&n_card).unwrap(), std::fs::read(&t_card).unwrap());
    assert!(!win_card.contains(&b'\r'), "the Windows card has CR LF line endings");
    let fields = |bytes: &[u8]| -> Vec<String> {
        let v: Value = serde_json::from_slice(bytes).expect("a card is JSON");
        v.as_object().unwrap().keys().cloned().collect()
    };
    assert_eq!(fields(&win_card), fields(&linux_card));

    // Nunukan (Windows) registers and refers a case; TTU (Linux) imports it.
    let mut doc = maria();
    doc["consent"] = json!({"interview": true, "informed_purpose": true, "share_districts": ["53.03"]});
    doc["intake"]["place"] = json!("Pelabuhan Tunon Taka — ruang tunggu “B”");
    let case = nunukan.create(&doc);
    let case_id = case["id"].as_str().unwrap().to_string();
    let referral =
        nunukan.json(&["referral", "create", &case_id, "--to", "53.03", "--reason", "Pemulangan ke Maubesi"]);
    let referral_id = referral["id"].as_str().unwrap().to_string();
    let (b1_win, b1) = c.on_stick("Nunukan ke TTU.lintas");
    nunukan.json(&["bundle", "export", "--to", "53.03", "--out", &b1_win]);
    let summary = ttu.json(&["bundle", "import", &b1.to_string_lossy()]);
    assert_eq!(summary["new_cases"], json!(["6503-2019-0001"]), "{summary}");
    let shown = ttu.json(&["case", "show", "6503-2019-0001"]);
    assert_eq!(shown["victim"]["second_name"], "Taek");
    assert_eq!(shown["intake"]["place"], "Pelabuhan Tunon Taka — ruang tunggu “B”");

    // TTU answers; Nunukan (Windows) imports the answer.
    ttu.ok(&["referral", "accept", &referral_id, "--note", "Keluarga siap menerima"]);
    let (b2_win, b2) = c.on_stick("TTU ke Nunukan.lintas");
    ttu.json(&["bundle", "export", "--to", "65.03", "--out", &b2.to_string_lossy()]);
    nunukan.json(&["bundle", "import", &b2_win]);
    let r = nunukan.json(&["referral", "list"])["referrals"][0].clone();
    assert_eq!(r["status"], "Accepted");
    assert_eq!(r["response_note"], "Keluarga siap menerima");

    // Both bundles begin alike: the same magic and format version, whichever build wrote them.
    let head = |p: &Path| std::fs::read(p).unwrap()[..10].to_vec();
    assert_eq!(head(&b1), head(&b2));

    // Messages on Windows are the same Indonesian sentences, in UTF-8 when written to a pipe.
    let out = nunukan.cmd().args(["case", "list"]).env("LINTAS_PASSPHRASE", "bukan kata sandinya").output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("Kata sandi salah"), "{}", stderr(&out));
    for side in [&nunukan, &ttu] {
        assert_eq!(side.json(&["audit", "verify"])["ok"], true);
    }
}

/// What Wine gives a program as %APPDATA%, as a Linux path.
fn app_data() -> PathBuf {
    let out = std::process::Command::new("wine").args(["cmd", "/c", "echo %APPDATA%"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let windows = text.trim();
    let under_c = windows.strip_prefix("C:\\").expect("%APPDATA% is on drive C:");
    let prefix = std::env::var_os("WINEPREFIX").expect("WINEPREFIX is set by scripts/windows.sh");
    under_c.split('\\').fold(Path::new(&prefix).join("drive_c"), |p, part| p.join(part))
}

#[test]
fn without_a_store_named_the_windows_build_keeps_it_in_the_users_app_data() {
    let store = app_data().join("Lintas");
    let _ = std::fs::remove_dir_all(&store);
    let cli = Cli::windows(&windows_exe(), "");
    let out = cli
        .cmd()
        .env_remove("LINTAS_STORE")
        .args(["init", "--district", "65.03", "--district-name", "Kabupaten Nunukan", "--operator", "Petugas"])
        .output()
        .unwrap();
    let made = store.join("keys.json").is_file();
    let _ = std::fs::remove_dir_all(&store);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(made, "no store in %APPDATA%\\Lintas");
}
