//! Measures the release desktop app for the README: the time from launch to the unlock screen,
//! and memory at rest after unlocking. Not a test: it prints figures.
//!
//! `cargo build --release --features desktop --bin lintas-desktop` first, then, under a display:
//! `xvfb-run -a -s '-screen 0 1366x768x24' cargo run -p lintas-e2e --bin desktop-figures`.

use lintas_e2e::{root, App};
use std::time::{Duration, Instant};

const PASS: &str = "kata sandi yang panjang sekali";

/// Memory (KiB) of a process and all its descendants (the app and WebKit's processes), read from
/// `file` (`status` or `smaps_rollup`) under the given key (`VmRSS:` or `Pss:`). PSS shares each
/// shared page among the processes using it, so it does not count libraries several times.
fn tree_kib(pid: u32, file: &str, key: &str) -> u64 {
    let own = std::fs::read_to_string(format!("/proc/{pid}/{file}"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(key)).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        .unwrap_or(0);
    let children = std::process::Command::new("pgrep").args(["-P", &pid.to_string()]).output().ok();
    own + children
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .split_whitespace()
                .filter_map(|p| p.parse().ok())
                .map(|c| tree_kib(c, file, key))
                .sum()
        })
        .unwrap_or(0)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let binary = root().join("target/release/lintas-desktop");
    assert!(binary.exists(), "build the release app first");
    std::env::set_var("LINTAS_APP_BINARY", &binary);
    let tmp = tempfile::tempdir().expect("temp dir");
    let store = tmp.path().join("store");

    // Set the store up once (this also calibrates Argon2 to about half a second, as a user gets).
    let app = App::start("figures", &store).await;
    app.fill("#setup-district", "65.03").await;
    app.fill("#setup-district-name", "Kabupaten Nunukan").await;
    app.fill("#setup-operator", "Petugas").await;
    app.fill("#setup-passphrase", PASS).await;
    app.fill("#setup-passphrase-repeat", PASS).await;
    app.click("#setup-submit").await;
    app.click("#recovery-confirm").await;
    app.click("#recovery-done").await;
    app.el("#nav-cases").await;
    app.quit().await;

    let mut launches = Vec::new();
    let mut rss = Vec::new();
    let mut pss = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let app = App::start("figures", &store).await;
        app.el("#unlock-passphrase").await;
        launches.push(started.elapsed());
        app.fill("#unlock-passphrase", PASS).await;
        app.click("#unlock-submit").await;
        app.el("#nav-cases").await;
        tokio::time::sleep(Duration::from_secs(5)).await;
        // tauri-driver → WebKitWebDriver → the app and WebKit's web and network processes.
        let pid = app.driver.id().expect("driver pid");
        let wk = std::process::Command::new("pgrep").args(["-P", &pid.to_string()]).output().expect("pgrep");
        let wk: u32 = String::from_utf8_lossy(&wk.stdout)
            .split_whitespace()
            .next()
            .and_then(|p| p.parse().ok())
            .expect("WebKitWebDriver");
        let apps = std::process::Command::new("pgrep").args(["-P", &wk.to_string()]).output().expect("pgrep");
        let app_pid: u32 =
            String::from_utf8_lossy(&apps.stdout).split_whitespace().next().and_then(|p| p.parse().ok()).expect("app");
        rss.push(tree_kib(app_pid, "status", "VmRSS:"));
        pss.push(tree_kib(app_pid, "smaps_rollup", "Pss:"));
        app.quit().await;
    }
    launches.sort();
    rss.sort();
    pss.sort();
    let median = |v: &[Duration]| v[v.len() / 2].as_millis();
    println!(
        "launch to unlock screen (WebDriver session included): median {} ms, min {} ms, max {} ms",
        median(&launches),
        launches[0].as_millis(),
        launches[launches.len() - 1].as_millis()
    );
    println!(
        "memory at rest after unlock (app + WebKit processes): PSS median {} MiB, max {} MiB; RSS summed median {} MiB",
        pss[pss.len() / 2] / 1024,
        pss[pss.len() - 1] / 1024,
        rss[rss.len() / 2] / 1024
    );
}
