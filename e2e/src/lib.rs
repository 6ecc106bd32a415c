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

fn spawn_driver(store: &Path) -> Child {
    Command::new("tauri-driver")
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
        let mut last_error = String::new();
        for _ in 0..3 {
            ports_free().await;
            let driver = spawn_driver(store);
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

    pub async fn click(&self, css: &str) {
        self.el(css).await.click().await.unwrap_or_else(|e| panic!("[{}] click {css}: {e}", self.name));
    }

    /// Replaces the content of an input, and checks that the input holds it. WebDriver types
    /// far faster than a person; if a re-render of the page lands between two keystrokes, a
    /// controlled input can drop one, so the text is typed again until it is all there.
    pub async fn fill(&self, css: &str, text: &str) {
        for _ in 0..5 {
            let e = self.el(css).await;
            e.clear().await.unwrap_or_else(|err| panic!("[{}] clear {css}: {err}", self.name));
            e.send_keys(text).await.unwrap_or_else(|err| panic!("[{}] type into {css}: {err}", self.name));
            tokio::time::sleep(Duration::from_millis(50)).await;
            let value = e.prop("value").await.ok().flatten().unwrap_or_default();
            if value == text {
                return;
            }
        }
        self.dump().await;
        panic!("[{}] {css} does not keep the text typed into it", self.name);
    }

    pub async fn select(&self, css: &str, value: &str) {
        self.el(css).await.select_by_value(value).await.unwrap_or_else(|e| panic!("[{}] select {css}: {e}", self.name));
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
