//! The Lintas desktop app: a Tauri window over lintas-core.
//!
//! Every command in `commands` is a few lines that call the core and turn its error into an
//! `IpcError` in the user's language. The web UI in ui/ talks to nothing else.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

use std::path::PathBuf;
use tauri::Manager;

fn main() {
    // Tauri would panic inside its event loop without a webview; ask first.
    if tauri::webview_version().is_err() {
        cannot_open_window();
    }
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            // One store per app data folder; LINTAS_STORE points a second instance elsewhere.
            let dir = match std::env::var_os("LINTAS_STORE") {
                Some(d) => PathBuf::from(d),
                None => app.path().app_data_dir()?.join("store"),
            };
            app.manage(commands::AppState::new(dir));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::set_language,
            commands::setup,
            commands::unlock,
            commands::restore,
            commands::lock,
            commands::code_lists,
            commands::dashboard,
            commands::case_list,
            commands::case_search,
            commands::case_get,
            commands::case_create,
            commands::case_update,
            commands::referral_create,
            commands::referral_list,
            commands::referral_decide,
            commands::referral_complete,
            commands::own_identity,
            commands::identity_card_write,
            commands::trust_add,
            commands::trust_list,
            commands::trust_revoke,
            commands::bundle_export,
            commands::backup_write,
            commands::bundle_import,
            commands::bundle_inspect,
            commands::conflicts_list,
            commands::conflict_resolve,
            commands::duplicates_list,
            commands::duplicate_link,
            commands::duplicate_unlink,
            commands::audit_verify,
            commands::audit_log,
            commands::access_log,
            commands::report_stats,
            commands::report_print,
            commands::register_list,
            commands::register_create,
            commands::register_update,
            commands::annual_view,
            commands::annual_write,
            commands::aggregate_write,
            commands::rollup_view,
            commands::rollup_write,
            commands::change_passphrase,
            commands::recover,
            commands::operator_list,
            commands::operator_add,
            commands::operator_set_role,
            commands::operator_remove,
            commands::keys_rotate,
            commands::person_erase,
            commands::alerts_list,
            commands::alerts_open_count,
            commands::alert_dismiss,
            commands::erasure_requests,
            commands::erasure_confirm,
            commands::regions,
            commands::reference_import,
            commands::duplicate_not_same,
            commands::organisation_list,
            commands::organisation_create,
            commands::organisation_update,
            commands::assessment_approve,
            commands::worklist,
            commands::attachment_add,
            commands::attachment_open,
            commands::spreadsheet_check,
            commands::spreadsheet_import,
            commands::spreadsheet_export,
        ])
        .build(tauri::generate_context!())
        .unwrap_or_else(|_| cannot_open_window())
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                app.state::<commands::AppState>().on_exit();
            }
        });
}

/// The window could not be made: on Windows most often because the WebView2 runtime is missing
/// (the installer brings it), on Linux because WebKitGTK is. A program without a console would
/// otherwise vanish without a word, so a native message box says what to do, in both languages.
/// The store is not touched before the window opens.
fn cannot_open_window() -> ! {
    let (id, en) = if cfg!(windows) {
        (
            "Lintas tidak dapat membuka jendelanya karena Microsoft Edge WebView2 Runtime belum terpasang. Jalankan lagi penginstal Lintas (penginstal itu memasangnya tanpa internet), lalu buka Lintas lagi. Data Anda tidak berubah.",
            "Lintas cannot open its window because the Microsoft Edge WebView2 Runtime is not installed. Run the Lintas installer again (it installs the runtime without internet), then open Lintas again. Your data is unchanged.",
        )
    } else {
        (
            "Lintas tidak dapat membuka jendelanya. Pastikan paket libwebkit2gtk-4.1-0 terpasang dan ada tampilan grafis, lalu buka Lintas lagi. Data Anda tidak berubah.",
            "Lintas cannot open its window. Check that the libwebkit2gtk-4.1-0 package is installed and a graphical display is available, then open Lintas again. Your data is unchanged.",
        )
    };
    eprintln!("{id}\n{en}");
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("Lintas")
        .set_description(format!("{id}\n\n{en}"))
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
    std::process::exit(1);
}
