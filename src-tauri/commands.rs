//! The commands the UI may call. Each is a thin adapter: take the open store, call one core
//! function, map its error to an `IpcError` in the current language. No SQL, no crypto here.

use lintas_core::alerts::{self, Alert};
use lintas_core::ambient::{SystemClock, SystemEntropy};
use lintas_core::annual::{self, PackFormat, PackWritten, ReportView, ReportingPeriod};
use lintas_core::assessments;
use lintas_core::backup::{self, BackupSummary, RestoreSummary};
use lintas_core::cases::{self, CaseFilter, CaseSummary, Created, Updated};
use lintas_core::codes::{self, Lang};
use lintas_core::conflicts::{self, Choice, Conflict};
use lintas_core::dashboard::{self, Dashboard};
use lintas_core::duplicates::{self, Candidate};
use lintas_core::erasure::{self, Erased, ErasureReason, ErasureRequest};
use lintas_core::identity::{self, TrustedDevice};
use lintas_core::keyfile::KdfParams;
use lintas_core::names::{self, IdOf};
use lintas_core::operators::{self, NewOperator, Operator};
use lintas_core::organisations::{self, Organisation};
use lintas_core::printable::{self, PrintedReport};
use lintas_core::referrals::{self, NewReferral, Referral};
use lintas_core::regions::{self, Region, RegionImport};
use lintas_core::registers::{self, Entry, Register};
use lintas_core::rekey::{self, Rotated};
use lintas_core::reports::{self, ReportPeriod, Stats};
use lintas_core::roles::{Capabilities, Role};
use lintas_core::rollup::{self, AggregateWritten};
use lintas_core::secret::{Passphrase, RecoveryKey};
use lintas_core::setup::{self, InitRequest};
use lintas_core::spreadsheet::{self, ImportReport, SpreadsheetWritten};
use lintas_core::store::{Store, Unlock};
use lintas_core::sync::{self, ExportSummary, ImportSummary};
use lintas_core::viewing;
use lintas_core::worklist::{self, Worklist};
use lintas_core::{audit, search, Error, ErrorCode, IpcError};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::ipc::Channel;
use tauri::State;

pub struct AppState {
    dir: PathBuf,
    store: Mutex<Option<Store>>,
    lang: Mutex<Lang>,
}

impl AppState {
    /// When the app exits: the copies opened for the viewer go.
    pub fn on_exit(&self) {
        viewing::remove_own(&self.dir);
    }

    pub fn new(dir: PathBuf) -> Self {
        let lang = std::env::var("LINTAS_LANG").ok().and_then(|l| Lang::parse(&l)).unwrap_or_default();
        AppState { dir, store: Mutex::new(None), lang: Mutex::new(lang) }
    }

    fn lang(&self) -> Lang {
        *self.lang.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn fail(&self, e: impl Into<Error>) -> IpcError {
        e.into().to_ipc()
    }

    /// Runs `f` on the unlocked store.
    fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, Error>) -> Result<T, IpcError> {
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        let store = guard.as_mut().ok_or_else(|| self.fail(Error::new(ErrorCode::StoreLocked)))?;
        f(store).map_err(|e| self.fail(e))
    }
}

type Reply<T> = Result<T, IpcError>;

fn lang_code(l: Lang) -> &'static str {
    match l {
        Lang::Id => "id",
        Lang::En => "en",
    }
}

#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AppStatus {
    initialised: bool,
    unlocked: bool,
    district: Option<String>,
    district_name: Option<String>,
    operator: Option<String>,
    /// The role of the operator working now.
    role: Option<Role>,
    /// What that role may read, write and do (the core's table, `Role::capabilities`); the core
    /// enforces it, the UI looks it up to offer only what the core will allow.
    capabilities: Option<Capabilities>,
    lang: String,
    /// The laptop's clock disagrees with the store: shown before anything is written.
    clock_warning: Option<lintas_core::timekeeping::ClockWarning>,
}

#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> AppStatus {
    let guard = state.store.lock().unwrap_or_else(|p| p.into_inner());
    let store = guard.as_ref();
    AppStatus {
        initialised: lintas_core::store::exists(&state.dir),
        unlocked: store.is_some(),
        district: store.map(|s| s.identity().district.clone()),
        district_name: store.map(|s| s.identity().district_name.clone()),
        operator: store.and_then(setup::operator_name),
        role: store.map(Store::role),
        capabilities: store.map(|s| s.role().capabilities()),
        lang: lang_code(state.lang()).into(),
        clock_warning: store.and_then(|s| lintas_core::timekeeping::check(s, &SystemClock).ok().flatten()),
    }
}

#[tauri::command]
pub fn set_language(state: State<'_, AppState>, lang: String) {
    if let Some(l) = Lang::parse(&lang) {
        *state.lang.lock().unwrap_or_else(|p| p.into_inner()) = l;
    }
}

#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SetupDone {
    recovery_key: String,
}

#[tauri::command]
pub async fn setup(
    state: State<'_, AppState>,
    district: String,
    district_name: String,
    operator: String,
    passphrase: String,
) -> Reply<SetupDone> {
    let passphrase = Passphrase::new(passphrase);
    let req = InitRequest {
        district: district.trim(),
        district_name: &district_name,
        operator_name: &operator,
        passphrase: &passphrase,
        kdf: KdfParams::for_this_machine(),
    };
    let (store, recovery) =
        setup::init(&state.dir, &req, &SystemClock, &SystemEntropy::new()).map_err(|e| state.fail(e))?;
    *state.store.lock().unwrap_or_else(|p| p.into_inner()) = Some(store);
    Ok(SetupDone { recovery_key: recovery.display_text().to_string() })
}

#[tauri::command]
pub async fn unlock(state: State<'_, AppState>, passphrase: String) -> Reply<()> {
    let store = Store::open(&state.dir, &Passphrase::new(passphrase)).map_err(|e| state.fail(e))?;
    *state.store.lock().unwrap_or_else(|p| p.into_inner()) = Some(store);
    Ok(())
}

/// Restores a backup into the app's store folder (which must be empty) from the set-up screen,
/// with the passphrase or the recovery key, and opens it. The laptop becomes a new device.
#[tauri::command]
pub async fn restore(
    state: State<'_, AppState>,
    path: String,
    passphrase: Option<String>,
    recovery_key: Option<String>,
) -> Reply<RestoreSummary> {
    let (clock, entropy) = (SystemClock, SystemEntropy::new());
    let (store, restored) = match (recovery_key, passphrase) {
        (Some(key), _) => {
            let key = setup::parse_recovery_key(&key).map_err(|e| state.fail(e))?;
            backup::restore(Path::new(&path), &state.dir, Unlock::Recovery(&key), &clock, &entropy)
        }
        (None, Some(p)) => {
            let p = Passphrase::new(p);
            backup::restore(Path::new(&path), &state.dir, Unlock::Passphrase(&p), &clock, &entropy)
        }
        (None, None) => return Err(state.fail(Error::new(ErrorCode::NoPassphrase))),
    }
    .map_err(|e| state.fail(e))?;
    *state.store.lock().unwrap_or_else(|p| p.into_inner()) = Some(store);
    Ok(restored)
}

/// Closes the database; the key leaves memory with it, and the copies opened for the viewer go.
#[tauri::command]
pub fn lock(state: State<'_, AppState>) {
    *state.store.lock().unwrap_or_else(|p| p.into_inner()) = None;
    viewing::remove_own(&state.dir);
}

#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CodeEntry {
    code: &'static str,
    id: &'static str,
    en: &'static str,
}

#[tauri::command]
pub fn code_lists() -> BTreeMap<&'static str, Vec<CodeEntry>> {
    codes::ALL
        .iter()
        .map(|l| (l.name, l.codes.iter().map(|c| CodeEntry { code: c.code, id: c.id, en: c.en }).collect()))
        .collect()
}

#[tauri::command]
pub async fn dashboard(state: State<'_, AppState>) -> Reply<Dashboard> {
    state.with(|s| Ok(dashboard::summary(s, chrono_today())?))
}

fn chrono_today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CasePage {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    count: u64,
    cases: Vec<CaseSummary>,
}

#[tauri::command]
pub async fn case_list(state: State<'_, AppState>, filter: CaseFilter) -> Reply<CasePage> {
    state.with(|s| Ok(CasePage { count: cases::count(s, &filter)?, cases: cases::list(s, &filter)? }))
}

#[tauri::command]
pub async fn case_search(state: State<'_, AppState>, text: String) -> Reply<Vec<CaseSummary>> {
    state.with(|s| Ok(search::search(s, &text, 200)?))
}

#[tauri::command]
pub async fn case_get(state: State<'_, AppState>, id: String) -> Reply<Value> {
    state.with(|s| Ok(cases::view(s, &id, &SystemClock)?))
}

#[tauri::command]
pub async fn case_create(state: State<'_, AppState>, doc: Value) -> Reply<Created> {
    state.with(|s| Ok(cases::create(s, &doc, &SystemClock, &SystemEntropy::new())?))
}

#[tauri::command]
pub async fn case_update(state: State<'_, AppState>, id: String, doc: Value) -> Reply<Updated> {
    state.with(|s| Ok(cases::update(s, &id, &doc, &SystemClock, &SystemEntropy::new())?))
}

#[tauri::command]
pub async fn referral_create(
    state: State<'_, AppState>,
    case_id: String,
    to: String,
    reason: String,
    services: Vec<String>,
    consent_override: Option<String>,
) -> Reply<String> {
    state.with(|s| {
        let req = NewReferral {
            to_district: to.trim(),
            reason: None,
            details: &reason,
            services,
            consent_override: consent_override.as_deref(),
        };
        Ok(referrals::create(s, &case_id, &req, &SystemClock, &SystemEntropy::new())?.to_string())
    })
}

#[tauri::command]
pub async fn referral_list(state: State<'_, AppState>) -> Reply<Vec<Referral>> {
    state.with(|s| Ok(referrals::list(s)?))
}

fn referral_id(id: &str) -> Result<uuid::Uuid, Error> {
    names::parse_id(id, IdOf::Referral)
}

#[tauri::command]
pub async fn referral_decide(
    state: State<'_, AppState>,
    id: String,
    accept: bool,
    note: Option<String>,
) -> Reply<Referral> {
    state.with(|s| Ok(referrals::decide(s, referral_id(&id)?, accept, note.as_deref(), &SystemClock)?))
}

#[tauri::command]
pub async fn referral_complete(state: State<'_, AppState>, id: String) -> Reply<Referral> {
    state.with(|s| Ok(referrals::complete(s, referral_id(&id)?, &SystemClock)?))
}

#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct OwnIdentity {
    district: String,
    district_name: String,
    fingerprint: String,
}

#[tauri::command]
pub async fn own_identity(state: State<'_, AppState>) -> Reply<OwnIdentity> {
    state.with(|s| {
        let card = identity::own_card(s)?;
        Ok(OwnIdentity { fingerprint: card.fingerprint(), district: card.district, district_name: card.district_name })
    })
}

#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CardWritten {
    path: String,
    fingerprint: String,
}

/// Writes the identity card into a folder (a USB stick), named by district code only.
#[tauri::command]
pub async fn identity_card_write(state: State<'_, AppState>, folder: String) -> Reply<CardWritten> {
    state.with(|s| {
        let card = identity::own_card(s)?;
        let path = Path::new(&folder).join(format!("lintas-{}.card", card.district.replace('.', "")));
        sync::write_file_durably(&path, card.to_json().as_bytes()).map_err(|_| Error::new(ErrorCode::Io))?;
        Ok(CardWritten { path: path.to_string_lossy().into_owned(), fingerprint: card.fingerprint() })
    })
}

#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct TrustAdded {
    district: String,
    district_name: String,
    devices: usize,
}

#[tauri::command]
pub async fn trust_add(state: State<'_, AppState>, card_path: String, fingerprint: String) -> Reply<TrustAdded> {
    state.with(|s| {
        let bytes = std::fs::read(&card_path).map_err(|_| Error::with_detail(ErrorCode::Io, "card file"))?;
        let card = identity::trust_add(s, &bytes, &fingerprint, &SystemClock)?;
        Ok(TrustAdded { devices: card.devices.len(), district: card.district, district_name: card.district_name })
    })
}

#[tauri::command]
pub async fn trust_list(state: State<'_, AppState>) -> Reply<Vec<TrustedDevice>> {
    state.with(|s| Ok(identity::trusted(s)?))
}

#[tauri::command]
pub async fn trust_revoke(state: State<'_, AppState>, device_id: String) -> Reply<()> {
    state.with(|s| {
        let id = names::parse_id(&device_id, IdOf::Device)?;
        Ok(identity::trust_revoke(s, id, &SystemClock)?)
    })
}

/// Exports into a folder; the file name says from and to which district, and when.
#[tauri::command]
pub async fn bundle_export(state: State<'_, AppState>, to: String, folder: String, all: bool) -> Reply<ExportSummary> {
    state.with(|s| {
        let name = names::bundle_file_name(&s.identity().district, &to, chrono::Local::now().naive_local());
        let out = Path::new(&folder).join(name);
        Ok(sync::export(s, to.trim(), all, &out, &SystemClock, &SystemEntropy::new())?)
    })
}

/// Writes an encrypted backup into a folder (a USB stick), named by district code and time.
#[tauri::command]
pub async fn backup_write(state: State<'_, AppState>, folder: String) -> Reply<BackupSummary> {
    state.with(|s| {
        let name = names::backup_file_name(&s.identity().district, chrono::Local::now().naive_local());
        Ok(backup::backup(s, &Path::new(&folder).join(name), &SystemClock)?)
    })
}

#[tauri::command]
pub async fn bundle_import(state: State<'_, AppState>, path: String) -> Reply<ImportSummary> {
    state.with(|s| Ok(sync::import(s, Path::new(&path), &SystemClock)?))
}

#[tauri::command]
pub async fn bundle_inspect(state: State<'_, AppState>, path: String) -> Reply<Value> {
    state.with(|s| {
        let envelope = sync::inspect(s, Path::new(&path))?;
        serde_json::to_value(&envelope.header).map_err(|_| Error::new(ErrorCode::Internal))
    })
}

#[tauri::command]
pub async fn conflicts_list(state: State<'_, AppState>) -> Reply<Vec<Conflict>> {
    state.with(|s| Ok(conflicts::list(s)?))
}

#[tauri::command]
pub async fn conflict_resolve(
    state: State<'_, AppState>,
    id: String,
    keep: Option<String>,
    value: Option<Value>,
) -> Reply<()> {
    state.with(|s| {
        let choice = match (keep, value) {
            (Some(op), _) => Choice::Keep(op),
            (None, Some(v)) => Choice::Value(v),
            (None, None) => return Err(Error::new(ErrorCode::InvalidInput)),
        };
        Ok(conflicts::resolve(s, &id, choice, &SystemClock).map(|_| ())?)
    })
}

#[tauri::command]
pub async fn duplicates_list(state: State<'_, AppState>) -> Reply<Vec<Candidate>> {
    state.with(|s| Ok(duplicates::list(s)?))
}

#[tauri::command]
pub async fn duplicate_link(
    state: State<'_, AppState>,
    case_a: String,
    case_b: String,
    reason: String,
) -> Reply<String> {
    state.with(|s| Ok(duplicates::link(s, &case_a, &case_b, &reason, &SystemClock, &SystemEntropy::new())?.to_string()))
}

#[tauri::command]
pub async fn duplicate_not_same(
    state: State<'_, AppState>,
    case_a: String,
    case_b: String,
    reason: String,
) -> Reply<String> {
    state.with(|s| {
        Ok(duplicates::not_same(s, &case_a, &case_b, &reason, &SystemClock, &SystemEntropy::new())?.to_string())
    })
}

#[tauri::command]
pub async fn organisation_list(state: State<'_, AppState>) -> Reply<Vec<Organisation>> {
    state.with(|s| Ok(organisations::list(s)?))
}

#[tauri::command]
pub async fn organisation_create(state: State<'_, AppState>, doc: Value) -> Reply<String> {
    state.with(|s| Ok(organisations::create(s, &doc, &SystemClock, &SystemEntropy::new())?.to_string()))
}

#[tauri::command]
pub async fn organisation_update(state: State<'_, AppState>, id: String, doc: Value) -> Reply<usize> {
    state.with(|s| Ok(organisations::update(s, names::parse_id(&id, IdOf::Organisation)?, &doc, &SystemClock)?))
}

#[tauri::command]
pub async fn assessment_approve(state: State<'_, AppState>, id: String) -> Reply<()> {
    state.with(|s| Ok(assessments::approve(s, names::parse_id(&id, IdOf::Assessment)?, &SystemClock)?))
}

/// What waits today, with the counts beside the navigation.
#[tauri::command]
pub async fn worklist(state: State<'_, AppState>) -> Reply<Worklist> {
    state.with(|s| Ok(worklist::tasks(s, chrono_today())?))
}

/// Reads a spreadsheet and reports what an import would do; writes nothing. Progress in percent.
#[tauri::command]
pub async fn spreadsheet_check(
    state: State<'_, AppState>,
    path: String,
    on_progress: Channel<u32>,
) -> Reply<ImportReport> {
    state.with(|s| Ok(spreadsheet::dry_run(s, Path::new(&path), &SystemClock, &mut percent(on_progress))?))
}

/// Imports every valid row of a spreadsheet as new cases, in one transaction, with progress in
/// percent.
#[tauri::command]
pub async fn spreadsheet_import(
    state: State<'_, AppState>,
    path: String,
    on_progress: Channel<u32>,
) -> Reply<ImportReport> {
    state.with(|s| {
        let mut progress = percent(on_progress);
        Ok(spreadsheet::import(s, Path::new(&path), &SystemClock, &SystemEntropy::new(), &mut progress)?)
    })
}

/// Writes every case in the HTCDS toolkit's layout into a folder.
#[tauri::command]
pub async fn spreadsheet_export(state: State<'_, AppState>, folder: String) -> Reply<SpreadsheetWritten> {
    state.with(|s| {
        let name = names::htcds_file_name(&s.identity().district, chrono::Local::now().naive_local());
        Ok(spreadsheet::export_htcds(s, &Path::new(&folder).join(name), &SystemClock)?)
    })
}

/// Stores a file as an attachment of a case (read here; encrypted in the store).
#[tauri::command]
pub async fn attachment_add(
    state: State<'_, AppState>,
    case_id: String,
    path: String,
    description: Option<String>,
) -> Reply<String> {
    let file = Path::new(&path);
    let name = file.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    state.with(|s| {
        let data = std::fs::read(file).map_err(|_| Error::with_detail(ErrorCode::Io, "attachment file"))?;
        let id = cases::attach(s, &case_id, &name, mime_of(&name), &data, &SystemClock, &SystemEntropy::new())?;
        if let Some(text) = description.filter(|d| !d.trim().is_empty()) {
            cases::describe_attachment(s, id, &text, &SystemClock)?;
        }
        Ok(id.to_string())
    })
}

/// The type of a file by its extension, for the viewer; unknown types are plain bytes.
fn mime_of(name: &str) -> &'static str {
    let ext = Path::new(name).extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "pdf" => "application/pdf",
        "txt" => "text/plain",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    }
}

/// Opens an attachment with the system's viewer: a decrypted copy that goes when Lintas locks or
/// closes. `LINTAS_VIEWER` names another program to open it with (the end-to-end tests).
#[tauri::command]
pub async fn attachment_open(state: State<'_, AppState>, id: String) -> Reply<()> {
    let path = state.with(|s| {
        Ok(viewing::copy_for_viewer(s, names::parse_id(&id, IdOf::Attachment)?, &SystemClock, &SystemEntropy::new())?)
    })?;
    let viewer = std::env::var_os("LINTAS_VIEWER");
    let spawned = match viewer {
        Some(program) => std::process::Command::new(program).arg(&path).spawn(),
        None if cfg!(windows) => std::process::Command::new("explorer.exe").arg(&path).spawn(),
        None if cfg!(target_os = "macos") => std::process::Command::new("open").arg(&path).spawn(),
        None => std::process::Command::new("xdg-open").arg(&path).spawn(),
    };
    spawned.map(drop).map_err(|_| state.fail(Error::with_detail(ErrorCode::Io, "viewer")))
}

#[tauri::command]
pub async fn duplicate_unlink(state: State<'_, AppState>, link_id: String) -> Reply<()> {
    state.with(|s| {
        let id = names::parse_id(&link_id, IdOf::Link)?;
        Ok(duplicates::unlink(s, id, &SystemClock)?)
    })
}

#[tauri::command]
pub async fn audit_verify(state: State<'_, AppState>) -> Reply<audit::AuditReport> {
    state.with(|s| Ok(audit::verify(s)?))
}

#[tauri::command]
pub async fn audit_log(state: State<'_, AppState>, offset: u32, limit: u32) -> Reply<Vec<audit::AuditEntry>> {
    state.with(|s| Ok(audit::log(s, offset, limit)?))
}

#[tauri::command]
pub async fn regions(state: State<'_, AppState>) -> Reply<Vec<Region>> {
    if state.store.lock().unwrap_or_else(|p| p.into_inner()).is_none() {
        // Before set-up or unlock: the names Lintas ships with.
        return Ok(regions::shipped());
    }
    state.with(|s| Ok(regions::list(s)?))
}

#[tauri::command]
pub async fn reference_import(state: State<'_, AppState>, path: String) -> Reply<RegionImport> {
    state.with(|s| {
        let text = std::fs::read_to_string(&path).map_err(|_| Error::with_detail(ErrorCode::Io, "CSV file"))?;
        Ok(regions::import_csv(s, &text)?)
    })
}

/// The task-force statistics of a period (intake dates, inclusive) and, optionally, one district.
#[tauri::command]
pub async fn report_stats(state: State<'_, AppState>, period: ReportPeriod) -> Reply<Stats> {
    state.with(|s| Ok(reports::stats(s, &period.to_period()?, chrono_today())?))
}

/// Writes the printable report of the same figures into a folder, named by district and time.
#[tauri::command]
pub async fn report_print(state: State<'_, AppState>, folder: String, period: ReportPeriod) -> Reply<PrintedReport> {
    state.with(|s| {
        let period = period.to_period()?;
        let name = printable::file_name(&s.identity().district, chrono::Local::now().naive_local());
        Ok(printable::export(s, &period, chrono_today(), &Path::new(&folder).join(name), &SystemClock)?)
    })
}

/// A register's records (activities, trainings, programmes), newest first, within optional
/// dates.
#[tauri::command]
pub async fn register_list(
    state: State<'_, AppState>,
    register: Register,
    from: Option<String>,
    to: Option<String>,
) -> Reply<Vec<Entry>> {
    state.with(|s| {
        let period = reports::Period::parse(from.as_deref(), to.as_deref(), None)?;
        Ok(registers::list(s, register, period.from, period.to)?)
    })
}

#[tauri::command]
pub async fn register_create(state: State<'_, AppState>, register: Register, doc: Value) -> Reply<String> {
    state.with(|s| Ok(registers::create(s, register, &doc, &SystemClock, &SystemEntropy::new())?.to_string()))
}

#[tauri::command]
pub async fn register_update(state: State<'_, AppState>, register: Register, id: String, doc: Value) -> Reply<usize> {
    state.with(|s| {
        let id = names::parse_id(&id, IdOf::Record)?;
        Ok(registers::update(s, register, id, &doc, &SystemClock, &SystemEntropy::new())?)
    })
}

/// The annual (or semester) report of this district, as the app shows and prints it.
#[tauri::command]
pub async fn annual_view(
    state: State<'_, AppState>,
    period: ReportingPeriod,
    population: Option<u64>,
) -> Reply<ReportView> {
    state.with(|s| {
        let pack = annual::pack(s, period, population, chrono_today())?;
        Ok(annual::view(&pack, annual::SUPPRESS_BELOW, chrono_today()))
    })
}

/// Writes the report pack (HTML to print, CSV or XLSX) into a folder.
#[tauri::command]
pub async fn annual_write(
    state: State<'_, AppState>,
    period: ReportingPeriod,
    population: Option<u64>,
    format: PackFormat,
    folder: String,
) -> Reply<PackWritten> {
    state.with(|s| {
        let pack = annual::pack(s, period, population, chrono_today())?;
        let path = Path::new(&folder).join(annual::file_name(&pack.area, period, format));
        Ok(annual::write(s, &pack, format, &path, chrono_today(), &SystemClock)?)
    })
}

/// Writes this district's signed figures for the province into a folder.
#[tauri::command]
pub async fn aggregate_write(
    state: State<'_, AppState>,
    period: ReportingPeriod,
    folder: String,
) -> Reply<AggregateWritten> {
    state.with(|s| {
        let path = Path::new(&folder).join(rollup::file_name(&s.identity().district, period));
        Ok(rollup::write(s, period, &path, chrono_today(), &SystemClock)?)
    })
}

/// A province's report from its kabupaten/kota's signed aggregate files, as shown.
#[tauri::command]
pub async fn rollup_view(
    state: State<'_, AppState>,
    province: String,
    files: Vec<String>,
    population: Option<u64>,
) -> Reply<ReportView> {
    state.with(|s| {
        let files: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
        let pack = rollup::rollup(s, province.trim(), &files, population)?;
        Ok(annual::view(&pack, annual::SUPPRESS_BELOW, chrono_today()))
    })
}

/// Writes a province's report pack into a folder.
#[tauri::command]
pub async fn rollup_write(
    state: State<'_, AppState>,
    province: String,
    files: Vec<String>,
    population: Option<u64>,
    format: PackFormat,
    folder: String,
) -> Reply<PackWritten> {
    state.with(|s| {
        let files: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
        let pack = rollup::rollup(s, province.trim(), &files, population)?;
        let path = Path::new(&folder).join(annual::file_name(&pack.area, pack.period, format));
        Ok(annual::write(s, &pack, format, &path, chrono_today(), &SystemClock)?)
    })
}

#[tauri::command]
pub async fn access_log(
    state: State<'_, AppState>,
    offset: u32,
    limit: u32,
) -> Reply<Vec<lintas_core::access::AccessEntry>> {
    state.with(|s| Ok(lintas_core::access::list(s, offset, limit)?))
}

/// Wraps the database key for a new passphrase; only the key file changes.
fn set_passphrase(state: &AppState, unlock: lintas_core::store::Unlock<'_>, new: String) -> Reply<()> {
    setup::change_passphrase(
        &state.dir,
        unlock,
        &Passphrase::new(new),
        KdfParams::for_this_machine(),
        &SystemEntropy::new(),
    )
    .map_err(|e| state.fail(e))
}

fn role_of(code: &str) -> Result<Role, Error> {
    Role::parse(code).ok_or_else(|| Error::with_detail(ErrorCode::InvalidInput, "role"))
}

fn operator_of(id: &str) -> Result<uuid::Uuid, Error> {
    names::parse_id(id, IdOf::Operator)
}

#[tauri::command]
pub async fn operator_list(state: State<'_, AppState>) -> Reply<Vec<Operator>> {
    state.with(|s| Ok(operators::list(s)?))
}

#[tauri::command]
pub async fn operator_add(state: State<'_, AppState>, name: String, role: String, passphrase: String) -> Reply<String> {
    state.with(|s| {
        let passphrase = Passphrase::new(passphrase);
        let new = NewOperator {
            name: &name,
            role: role_of(&role)?,
            passphrase: &passphrase,
            kdf: KdfParams::for_this_machine(),
        };
        Ok(operators::add(s, &new, &SystemClock, &SystemEntropy::new())?.to_string())
    })
}

#[tauri::command]
pub async fn operator_set_role(state: State<'_, AppState>, id: String, role: String) -> Reply<()> {
    state.with(|s| Ok(operators::set_role(s, operator_of(&id)?, role_of(&role)?, &SystemClock)?))
}

/// Removes an operator; the store's key changes with it (`rekey`), reported on `on_progress` in
/// percent. The recovery key is needed only when the core says so (`recovery_key_needed`).
#[tauri::command]
pub async fn operator_remove(
    state: State<'_, AppState>,
    id: String,
    recovery_key: Option<String>,
    on_progress: Channel<u32>,
) -> Reply<Rotated> {
    let recovery = recovery_of(&state, recovery_key)?;
    state.with(|s| {
        let mut progress = percent(on_progress);
        Ok(operators::remove(
            s,
            operator_of(&id)?,
            recovery.as_ref(),
            &SystemClock,
            &SystemEntropy::new(),
            &mut progress,
        )?)
    })
}

/// Changes the store's key after a suspected leak (coordinators only), with progress in percent.
#[tauri::command]
pub async fn keys_rotate(
    state: State<'_, AppState>,
    recovery_key: Option<String>,
    on_progress: Channel<u32>,
) -> Reply<Rotated> {
    let recovery = recovery_of(&state, recovery_key)?;
    state.with(|s| {
        let mut progress = percent(on_progress);
        Ok(rekey::rotate(s, recovery.as_ref(), &SystemClock, &SystemEntropy::new(), &mut progress)?)
    })
}

/// The recovery key typed in a dialog, when one was asked for.
fn recovery_of(state: &AppState, typed: Option<String>) -> Result<Option<RecoveryKey>, IpcError> {
    typed.map(|k| setup::parse_recovery_key(&k)).transpose().map_err(|e| state.fail(e))
}

/// Sends whole percentages, each once.
fn percent(channel: Channel<u32>) -> impl FnMut(u64, u64) {
    let mut last = u32::MAX;
    move |done, total| {
        let now = (done * 100 / total.max(1)) as u32;
        if now != last {
            last = now;
            // A closed window no longer listens; the work goes on regardless.
            let _ = channel.send(now);
        }
    }
}

/// Erases a case's victim (with the whole case), or one person of the case.
#[tauri::command]
pub async fn person_erase(
    state: State<'_, AppState>,
    case: String,
    person: Option<String>,
    reason: ErasureReason,
) -> Reply<Erased> {
    state.with(|s| {
        let person = match person {
            Some(p) => Some(names::parse_id(&p, IdOf::Person)?),
            None => None,
        };
        Ok(erasure::erase(s, &case, person, reason.code(), &SystemClock)?)
    })
}

/// Every alert, newest first: what imports refused or turned into requests.
#[tauri::command]
pub async fn alerts_list(state: State<'_, AppState>) -> Reply<Vec<Alert>> {
    state.with(|s| Ok(alerts::list(s)?))
}

/// How many alerts nobody has dealt with yet: the number beside the navigation entry.
#[tauri::command]
pub async fn alerts_open_count(state: State<'_, AppState>) -> Reply<u64> {
    state.with(|s| Ok(alerts::open_count(s)?))
}

/// Marks an alert as dealt with; it stays in the list.
#[tauri::command]
pub async fn alert_dismiss(state: State<'_, AppState>, id: i64) -> Reply<()> {
    state.with(|s| Ok(alerts::dismiss(s, id, &SystemClock)?))
}

/// Erasures other districts made of people in cases this district owns, waiting here.
#[tauri::command]
pub async fn erasure_requests(state: State<'_, AppState>) -> Reply<Vec<ErasureRequest>> {
    state.with(|s| Ok(erasure::requests(s)?))
}

/// Confirms an erasure request: this district erases the person itself.
#[tauri::command]
pub async fn erasure_confirm(state: State<'_, AppState>, alert: i64, reason: ErasureReason) -> Reply<Erased> {
    state.with(|s| Ok(erasure::confirm(s, alert, reason.code(), &SystemClock)?))
}

/// Replaces the passphrase, proving the old one.
#[tauri::command]
pub async fn change_passphrase(state: State<'_, AppState>, old: String, new: String) -> Reply<()> {
    set_passphrase(&state, lintas_core::store::Unlock::Passphrase(&Passphrase::new(old)), new)
}

/// Sets a new passphrase with the recovery key, for a forgotten passphrase.
#[tauri::command]
pub async fn recover(state: State<'_, AppState>, recovery_key: String, new_passphrase: String) -> Reply<()> {
    let key = setup::parse_recovery_key(&recovery_key).map_err(|e| state.fail(e))?;
    set_passphrase(&state, lintas_core::store::Unlock::Recovery(&key), new_passphrase)
}
