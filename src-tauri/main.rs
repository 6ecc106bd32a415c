//! The Lintas desktop app: a Tauri window over lintas-core.
//!
//! Every command in `commands` is a few lines that call the core and turn its error into an
//! `IpcError` in the user's language. The web UI in ui/ talks to nothing else.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

use std::path::PathBuf;
use tauri::Manager;

fn main() {
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
        .expect("Lintas could not start its window")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                app.state::<commands::AppState>().on_exit();
            }
        });
}
