//! Only the desktop app needs a build step: tauri-build reads tauri.conf.json (at the root,
//! beside this package's Cargo.toml) and the capability files in src-tauri/capabilities.
fn main() {
    #[cfg(feature = "desktop")]
    tauri_build::try_build(tauri_build::Attributes::new().capabilities_path_pattern("src-tauri/capabilities/**/*"))
        .expect("tauri-build failed");
}
