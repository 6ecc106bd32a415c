//! A harness for driving the Lintas desktop app: tauri-driver (which wraps WebKitWebDriver)
//! starts the real binary in a real window; fantoccini speaks WebDriver to it. Each `App` is
//! one instance of the app with its own data folder, as a second laptop would be.
//!
//! The app binary must be built first (`cargo build --features desktop --bin lintas-desktop`)
//! and a display must exist (the test command runs everything under `xvfb-run`).

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::process::{Child, Command};

const WAIT: Duration = Duration::from_secs(20);

/// Repository root (this crate lives in e2e/).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("e2e is inside the repository").to_path_buf()
}

/// Where screenshots go: kept as artifacts for people to look at.
pub fn shots_dir() -> PathBuf {
    let d = root().join("target").join("e2e");
    std::fs::create_dir_all(&d).expect("target/e2e");
    d
}

/// The app under test: the debug build, or the binary named by LINTAS_APP_BINARY.
pub fn app_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("LINTAS_APP_BINARY") {
        return PathBuf::from(p);
    }
    let p = root().join("target").join("debug").join("lintas-desktop");
    assert!(p.exists(), "build the app first: cargo build --features desktop --bin lintas-desktop");
    p
}

pub struct App {
    pub driver: Child,
    pub client: Client,
    name: &'static str,
}

impl App {
    /// Ends tauri-driver, WebKitWebDriver and the app together: WebKitWebDriver starts its own
    /// process group, so the whole tree is walked.
    fn kill_group(&self) {
        if let Some(pid) = self.driver.id() {
            kill_tree(pid);
        }
    }
}

fn spawn_driver(store: &Path, env: &[(&str, &Path)]) -> Child {
    Command::new("tauri-driver")
        .envs(env.iter().map(|(k, v)| (*k, *v)))
        .env("LINTAS_STORE", store)
        // A low Argon2 time target keeps each unlock quick; the memory cost is unchanged.
        .env("LINTAS_KDF_TARGET_MS", "1")
        .env("LINTAS_LANG", "id")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("tauri-driver is installed (scripts/deps.sh installs it)")
}

/// Waits until tauri-driver's port (4444) and WebKitWebDriver's (4445) are both free.
async fn ports_free() {
    let started = Instant::now();
    for port in [4444, 4445] {
        while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            assert!(started.elapsed() < WAIT, "port {port} stays busy: another WebDriver is running");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

fn kill_tree(pid: u32) {
    let children = std::process::Command::new("pgrep").args(["-P", &pid.to_string()]).output();
    if let Ok(out) = children {
        for child in String::from_utf8_lossy(&out.stdout).split_whitespace().filter_map(|p| p.parse().ok()) {
            kill_tree(child);
        }
    }
    let _ = std::process::Command::new("kill").args(["-KILL", &pid.to_string()]).status();
}

impl Drop for App {
    fn drop(&mut self) {
        self.kill_group();
    }
}

impl App {
    /// Starts tauri-driver and the app on a store directory. A session that cannot be created
    /// (a driver from the previous instance still going away) is retried with a fresh driver.
    pub async fn start(name: &'static str, store: &Path) -> App {
        App::start_with(name, store, &[]).await
    }

    /// Like `start`, with more variables in the app's environment (`LINTAS_VIEWER`).
    pub async fn start_with(name: &'static str, store: &Path, env: &[(&str, &Path)]) -> App {
        let mut last_error = String::new();
        for _ in 0..3 {
            ports_free().await;
            let driver = spawn_driver(store, env);
            let started = Instant::now();
            while tokio::net::TcpStream::connect("127.0.0.1:4444").await.is_err() {
                assert!(started.elapsed() < WAIT, "tauri-driver did not start");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            let caps = serde_json::json!({
                "browserName": "wry",
                "tauri:options": {"application": app_binary()},
            });
            match ClientBuilder::native()
                .capabilities(caps.as_object().expect("object").clone())
                .connect("http://127.0.0.1:4444")
                .await
            {
                Ok(client) => return App { driver, client, name },
                Err(e) => {
                    last_error = e.to_string();
                    if let Some(pid) = driver.id() {
                        kill_tree(pid);
                    }
                }
            }
        }
        panic!("[{name}] no WebDriver session with the app: {last_error}");
    }

    /// Waits for an element to be present.
    pub async fn el(&self, css: &str) -> Element {
        match self.client.wait().at_most(WAIT).for_element(Locator::Css(css)).await {
            Ok(e) => e,
            Err(e) => {
                self.dump().await;
                panic!("[{}] no element {css}: {e}", self.name)
            }
        }
    }

    /// Keeps what the window showed when a step failed: a screenshot and the page source.
    async fn dump(&self) {
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(shots_dir().join(format!("{}-FAILED.png", self.name)), png);
        }
        if let Ok(html) = self.client.source().await {
            let _ = std::fs::write(shots_dir().join(format!("{}-FAILED.html", self.name)), html);
        }
    }

    /// Scrolls an element to the middle of the window: a sticky header or the section index must
    /// not be over it when it is clicked or typed into.
    async fn reveal(&self, e: &Element) {
        if let Ok(arg) = serde_json::to_value(e) {
            let _ = self.client.execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg]).await;
        }
    }

    /// Scrolls the window so that an element (a section of the case screen) starts at the top of
    /// what the section index leaves visible, for a screenshot of it.
    pub async fn scroll_to(&self, css: &str) {
        let e = self.el(css).await;
        if let Ok(arg) = serde_json::to_value(&e) {
            let _ = self.client.execute("arguments[0].scrollIntoView({block: 'start'});", vec![arg]).await;
        }
    }

    /// Clicks an element, first scrolled to the middle of the window.
    pub async fn click(&self, css: &str) {
        let e = self.el(css).await;
        self.reveal(&e).await;
        e.click().await.unwrap_or_else(|err| panic!("[{}] click {css}: {err}", self.name));
    }

    /// Replaces the content of an input, and checks that the input holds it. WebDriver types
    /// far faster than a person; if a re-render of the page lands between two keystrokes, a
    /// controlled input can drop one, so the text is typed again until it is all there.
    pub async fn fill(&self, css: &str, text: &str) {
        let mut value = String::new();
        for _ in 0..5 {
            let e = self.el(css).await;
            self.reveal(&e).await;
            e.clear().await.unwrap_or_else(|err| panic!("[{}] clear {css}: {err}", self.name));
            // A line break is typed as the Enter key (WebDriver's U+E007), as a person would.
            e.send_keys(&text.replace('\n', "\u{E007}"))
                .await
                .unwrap_or_else(|err| panic!("[{}] type into {css}: {err}", self.name));
            tokio::time::sleep(Duration::from_millis(50)).await;
            value = e.prop("value").await.ok().flatten().unwrap_or_default();
            if value == text {
                return;
            }
        }
        self.dump().await;
        panic!(
            "[{}] {css} does not keep the text typed into it ({} of {} characters)",
            self.name,
            value.chars().count(),
            text.chars().count()
        );
    }

    pub async fn select(&self, css: &str, value: &str) {
        let e = self.el(css).await;
        self.reveal(&e).await;
        e.select_by_value(value).await.unwrap_or_else(|e| panic!("[{}] select {css}: {e}", self.name));
    }

    /// An attribute of an element (`data-id`).
    pub async fn attr(&self, css: &str, name: &str) -> String {
        self.el(css).await.attr(name).await.ok().flatten().unwrap_or_default()
    }

    pub async fn text(&self, css: &str) -> String {
        self.el(css).await.text().await.unwrap_or_default()
    }

    /// Waits until the element's text contains `needle`; returns the text.
    pub async fn wait_text(&self, css: &str, needle: &str) -> String {
        let started = Instant::now();
        loop {
            if let Ok(e) = self.client.find(Locator::Css(css)).await {
                let t = e.text().await.unwrap_or_default();
                if t.contains(needle) {
                    return t;
                }
                if started.elapsed() > WAIT {
                    self.dump().await;
                    panic!("[{}] {css} never contained {needle:?}; last text: {t:?}", self.name);
                }
            } else if started.elapsed() > WAIT {
                self.dump().await;
                panic!("[{}] {css} never appeared (waiting for {needle:?})", self.name);
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// Waits for an element matching `css` to exist (e.g. a row with a given status).
    pub async fn wait_for(&self, css: &str) -> Element {
        self.el(css).await
    }

    /// A PNG of the window under target/e2e/, named after the instance and `file`, after two
    /// animation frames so that the picture shows the last change.
    pub async fn shot(&self, file: &str) {
        self.shot_as(&format!("{}-{file}", self.name)).await;
    }

    /// A screenshot in Bahasa Indonesia and one in English (`file`-en) of the same screen.
    pub async fn both_languages(&self, file: &str) {
        self.shot(file).await;
        self.select("#top-language", "en").await;
        self.el("html[lang=\"en\"]").await;
        self.shot(&format!("{file}-en")).await;
        self.select("#top-language", "id").await;
        self.el("html[lang=\"id\"]").await;
    }

    /// Like `shot`, as target/e2e/`name`.png.
    pub async fn shot_as(&self, name: &str) {
        self.client
            .execute_async(
                "const d = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => d(true)));",
                vec![],
            )
            .await
            .expect("animation frames");
        let png = self.client.screenshot().await.expect("screenshot");
        std::fs::write(shots_dir().join(format!("{name}.png")), png).expect("write screenshot");
    }

    pub async fn quit(mut self) {
        let _ = self.client.clone().close().await;
        self.kill_group();
        let _ = self.driver.kill().await;
        // The next instance needs both ports.
        ports_free().await;
    }
}

/// The passphrase every district's first operator sets in these tests.
pub const PASS: &str = "kata sandi yang panjang sekali";

/// Tests of this binary take turns: each drives windows through the one WebDriver port.
pub async fn one_window_at_a_time() -> tokio::sync::MutexGuard<'static, ()> {
    static TURN: std::sync::OnceLock<tokio::sync::Mutex<()>> = std::sync::OnceLock::new();
    TURN.get_or_init(|| tokio::sync::Mutex::new(())).lock().await
}

/// Sets up a district's laptop through the set-up screen and confirms the recovery key.
pub async fn set_up(app: &App, code: &str, name: &str) {
    app.wait_text("#screen-title", "").await;
    app.fill("#setup-district", code).await;
    app.fill("#setup-district-name", name).await;
    app.fill("#setup-operator", "Petugas Uji").await;
    app.fill("#setup-passphrase", PASS).await;
    app.fill("#setup-passphrase-repeat", PASS).await;
    app.shot("01-setup").await;
    app.click("#setup-submit").await;
    let key = app.text("#recovery-key").await;
    assert!(key.len() >= 55, "a recovery key is shown: {key:?}");
    app.shot("02-recovery-key").await;
    app.click("#recovery-confirm").await;
    app.click("#recovery-done").await;
    app.el("#nav-cases").await;
}

pub async fn unlock(app: &App) {
    app.fill("#unlock-passphrase", PASS).await;
    app.click("#unlock-submit").await;
    app.el("#nav-cases").await;
}

/// Writes this district's identity card to the stick and returns the fingerprint shown.
pub async fn card_to_stick(app: &App, usb: &str) -> String {
    app.click("#nav-trust").await;
    let fp = app.text("#own-fingerprint").await;
    assert_eq!(fp.chars().filter(char::is_ascii_digit).count(), 60, "fingerprint {fp:?}");
    app.fill("#card-folder", usb).await;
    app.click("#card-write").await;
    app.wait_text("#card-written", "lintas-").await;
    fp
}

pub async fn trust(app: &App, card: &str, fingerprint: &str) {
    app.click("#nav-trust").await;
    app.fill("#trust-card-file", card).await;
    app.fill("#trust-fingerprint", fingerprint).await;
    app.click("#trust-add").await;
    app.el(".trusted-row").await;
}

pub async fn export(app: &App, to: &str, usb: &str) {
    app.click("#nav-exchange").await;
    app.fill("#export-to", to).await;
    app.fill("#export-folder", usb).await;
    app.click("#export-submit").await;
    app.wait_text("#export-result", ".lintas").await;
}

/// The newest bundle on the stick whose name contains `from` (`6503-ke-5303`).
pub fn newest_bundle(usb: &Path, from: &str) -> PathBuf {
    let mut found: Vec<_> = std::fs::read_dir(usb)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "lintas") && p.to_string_lossy().contains(from))
        .collect();
    found.sort();
    found.pop().expect("a bundle on the stick")
}
