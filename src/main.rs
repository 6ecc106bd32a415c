//! `lintas`, the command-line shell over `lintas-core`.
//!
//! Each subcommand reads its input, calls one core function and prints the result; all logic
//! lives in the core. Exit codes (the CLI contract in DESIGN.md): 0 ok, 2 usage, 3 wrong
//! passphrase or locked store, 4 rejected input, 5 not allowed for the operator's role, 1
//! anything else.

mod output;
mod secrets;
mod wording;

use clap::{Args, Parser, Subcommand};
use lintas_core::ambient::{SystemClock, SystemEntropy};
use lintas_core::assessments;
use lintas_core::cases::{self, CaseFilter};
use lintas_core::codes::Lang;
use lintas_core::conflicts::{self, Choice};
use lintas_core::names::{self, IdOf};
use lintas_core::operators::{self, NewOperator};
use lintas_core::organisations;
use lintas_core::referrals::{self, NewReferral};
use lintas_core::registers::{self, Register};
use lintas_core::reports::{self, Period};
use lintas_core::roles::{Permission, Role};
use lintas_core::secret::RecoveryKey;
use lintas_core::setup::{self, InitRequest};
use lintas_core::spreadsheet;
use lintas_core::store::{Store, Unlock};
use lintas_core::worklist;
use lintas_core::{
    alerts, audit, backup, duplicates, erasure, identity, printable, regions, rekey, search, sync, Error, ErrorCode,
};
use lintas_core::{annual, rollup};
use output::Out;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "lintas", version, about = "Lintas: pengelola kasus TPPO lintas daerah (offline, terenkripsi)")]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct Global {
    /// Store directory
    #[arg(long, global = true, env = "LINTAS_STORE", value_name = "DIR")]
    store: Option<PathBuf>,
    /// Read the passphrase from the first line of this file (else LINTAS_PASSPHRASE or a prompt)
    #[arg(long, global = true, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
    /// Print one JSON document on stdout
    #[arg(long, global = true)]
    json: bool,
    /// Language of messages: id (Bahasa Indonesia, default) or en
    #[arg(long, global = true, env = "LINTAS_LANG", default_value = "id")]
    lang: String,
}

#[derive(Subcommand)]
enum Command {
    /// Set up a new encrypted store for a district
    Init {
        /// Kepmendagri kabupaten/kota code, e.g. 65.03
        #[arg(long)]
        district: String,
        #[arg(long)]
        district_name: String,
        /// Name of the first operator (petugas)
        #[arg(long)]
        operator: String,
    },
    /// Cases: create, list, show, update, attach files
    #[command(subcommand)]
    Case(CaseCommand),
    /// Search names, aliases, places and notes
    Search {
        text: String,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Check the op log's hash chains and that the tables match the log
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Change the passphrase (the database is not rewritten)
    #[command(subcommand)]
    Passphrase(PassphraseCommand),
    /// The store's database key
    #[command(subcommand)]
    Keys(KeysCommand),
    /// This district's identity card and its fingerprint
    #[command(subcommand)]
    Identity(IdentityCommand),
    /// Districts whose identity cards this store trusts
    #[command(subcommand)]
    Trust(TrustCommand),
    /// Signed, encrypted bundles for the USB hand-off between districts
    #[command(subcommand)]
    Bundle(BundleCommand),
    /// Referrals to and from other districts
    #[command(subcommand)]
    Referral(ReferralCommand),
    /// Concurrent edits of sensitive fields waiting for a person's decision
    #[command(subcommand)]
    Conflicts(ConflictsCommand),
    /// Task-force statistics and the anonymised CTDC-style export
    #[command(subcommand)]
    Report(ReportCommand),
    /// Reference data: Kepmendagri region names
    #[command(subcommand)]
    Reference(ReferenceCommand),
    /// Victim records that may be the same person: review, link, unlink
    #[command(subcommand)]
    Duplicates(DuplicatesCommand),
    /// Bring cases in from a spreadsheet (.xlsx, .xlsm, .ods, .csv; the HTCDS Excel toolkit or a
    /// CSV with HTCDS field names or labels): a dry run first, `--commit` to import every valid row
    Import {
        file: PathBuf,
        /// Import the valid rows (without it nothing is written)
        #[arg(long)]
        commit: bool,
    },
    /// Write cases out for partners: `export htcds` writes the HTCDS Excel toolkit's layout
    #[command(subcommand)]
    Export(ExportCommand),
    /// The directory of service providers and partners that services and plans name
    #[command(subcommand)]
    Org(OrgCommand),
    /// Prevention activities: village socialisation, campaigns, village regulations, meetings
    #[command(subcommand)]
    Activity(RegisterCommand),
    /// Trainings and workshops for task-force members and partners
    #[command(subcommand)]
    Training(RegisterCommand),
    /// Empowerment programmes that reintegration plans enrol people in
    #[command(subcommand)]
    Programme(RegisterCommand),
    /// Approve a child's best-interest assessment (coordinators)
    #[command(subcommand)]
    Assessment(AssessmentCommand),
    /// What waits today: visits due and overdue, referrals to decide, plans past their end,
    /// assessments due, approvals, conflicts and duplicates
    Tasks,
    /// Erase a person (a legal request, or the end of the retention period): the case's victim
    /// with their whole case, or one person of it; the erasure reaches districts that had it.
    /// `erase requests` and `erase confirm` handle erasures other districts ask this one for.
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Erase {
        #[command(subcommand)]
        requests: Option<EraseCommand>,
        /// The case (id or number)
        #[arg(required = true)]
        case: Option<String>,
        /// Erase only this person of the case (a witness, family contact or perpetrator)
        #[arg(long, value_name = "PERSON_ID")]
        person: Option<String>,
        /// LegalRequest or RetentionEnded
        #[arg(long, required = true)]
        reason: Option<String>,
    },
    /// What an import refused or turned into a request: list, and mark as dealt with
    #[command(subcommand)]
    Alerts(AlertsCommand),
    /// Operators of this laptop, each with their own passphrase and role (coordinators only)
    #[command(subcommand)]
    Operator(OperatorCommand),
    /// Write an encrypted backup of the whole store (it opens with the passphrase or the recovery key)
    Backup {
        #[arg(long)]
        out: PathBuf,
    },
    /// Restore a backup into the store directory (--store); this laptop becomes a new device
    Restore {
        file: PathBuf,
        /// Unlock the backup with the recovery key instead of the passphrase
        #[arg(long)]
        recovery_key: bool,
        /// Read the recovery key from this file (implies --recovery-key)
        #[arg(long, value_name = "FILE")]
        recovery_key_file: Option<PathBuf>,
    },
    /// Set a new passphrase using the recovery key
    Recover {
        /// Read the recovery key from this file (else LINTAS_RECOVERY_KEY or a prompt)
        #[arg(long, value_name = "FILE")]
        recovery_key_file: Option<PathBuf>,
        /// Read the new passphrase from this file (else LINTAS_NEW_PASSPHRASE or a prompt)
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum CaseCommand {
    /// Create a case from a JSON document (or an array of them); `-` reads stdin
    Create { file: String },
    /// List cases, newest intake first
    List {
        #[arg(long)]
        status: Option<String>,
        /// Only children (true) or only adults (false)
        #[arg(long)]
        child: Option<bool>,
        /// Only this type of exploitation (HTCDS code, e.g. ForcedLabour)
        #[arg(long)]
        exploitation: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// Show a case by id or case number
    Show { id: String },
    /// Update a case from a partial JSON document; `-` reads stdin
    Update { id: String, file: String },
    /// Store a file (scan, photo) encrypted inside the store, linked to a case
    Attach {
        id: String,
        file: PathBuf,
        #[arg(long, default_value = "application/octet-stream")]
        mime: String,
    },
    /// Share a case with another district without referring it
    Share {
        id: String,
        /// Kepmendagri code of the district, e.g. 53.03
        #[arg(long)]
        with: String,
        #[arg(long)]
        reason: String,
        /// Share although the victim's consent does not cover this district: why
        #[arg(long)]
        consent_override: Option<String>,
    },
    /// Write an attachment's content to a file of your choice
    Attachment {
        attachment_id: String,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum IdentityCommand {
    /// Write this district's public identity card (give it to other districts)
    Card {
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the fingerprint to read aloud when another district trusts the card
    Fingerprint,
}

#[derive(Subcommand)]
enum TrustCommand {
    /// Trust a district's card after comparing its fingerprint with them (phone, printout)
    Add {
        card: PathBuf,
        #[arg(long)]
        fingerprint: String,
    },
    List,
    /// Stop trusting a device (its bundles are refused)
    Revoke {
        device_id: String,
    },
}

#[derive(Subcommand)]
enum BundleCommand {
    /// Write a bundle for one district with everything it may see that it does not have yet
    Export {
        /// Kepmendagri code of the receiving district, e.g. 53.03
        #[arg(long)]
        to: String,
        #[arg(long)]
        out: PathBuf,
        /// Send everything it may see, even what it acknowledged
        #[arg(long)]
        all: bool,
    },
    /// Verify, decrypt and merge a bundle
    Import { file: PathBuf },
    /// Verify a bundle's signatures and show its header, without decrypting
    Inspect { file: PathBuf },
}

#[derive(Subcommand)]
enum ReferralCommand {
    /// Refer a case to another district (it leaves with the next bundle to that district)
    Create {
        case_id: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        reason: String,
        /// HTCDS reason code, e.g. MigrationOrChangeOfLocation
        #[arg(long)]
        reason_code: Option<String>,
        /// Services requested, comma separated (e.g. Shelter,Health,Reintegration)
        #[arg(long, value_delimiter = ',')]
        services: Vec<String>,
        /// Refer although the victim's consent does not cover this district: why
        #[arg(long)]
        consent_override: Option<String>,
    },
    List,
    Accept {
        id: String,
        #[arg(long)]
        note: Option<String>,
    },
    Decline {
        id: String,
        #[arg(long)]
        note: Option<String>,
    },
    Complete {
        id: String,
    },
}

#[derive(Subcommand)]
enum ConflictsCommand {
    List,
    /// Settle a conflict: keep one version (--keep OP) or write a corrected value (--value JSON)
    Resolve {
        id: String,
        #[arg(long, conflicts_with = "value")]
        keep: Option<String>,
        #[arg(long)]
        value: Option<String>,
    },
}

#[derive(Subcommand)]
enum DuplicatesCommand {
    List,
    /// Record that the victims of two cases are the same person (reversible)
    Link {
        case_a: String,
        case_b: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Undo a link: the two records are not the same person
    Unlink {
        link_id: String,
    },
    /// Record that the victims of two cases are not the same person (the pair leaves the list)
    NotSame {
        case_a: String,
        case_b: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    Verify,
    /// Who viewed or exported what, and when (newest first)
    Access {
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// Who changed what, and when (newest first; values are not shown)
    Log {
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
}

#[derive(Args)]
struct PeriodArgs {
    /// First intake date included (YYYY-MM-DD)
    #[arg(long)]
    from: Option<String>,
    /// Last intake date included (YYYY-MM-DD)
    #[arg(long)]
    to: Option<String>,
    /// Only cases of this district (kode, e.g. 65.03)
    #[arg(long)]
    district: Option<String>,
}

impl PeriodArgs {
    fn period(&self) -> Result<Period, Error> {
        Ok(Period::parse(self.from.as_deref(), self.to.as_deref(), self.district.as_deref())?)
    }
}

#[derive(Subcommand)]
enum ReportCommand {
    /// Victims by sex, age group, exploitation, country, recruitment; services; referrals; follow-ups
    Stats {
        #[command(flatten)]
        period: PeriodArgs,
        /// Print CSV (for Excel) instead of text
        #[arg(long)]
        csv: bool,
    },
    /// The statistics as a print-ready HTML report in Bahasa Indonesia (A4, aggregate figures only)
    Print {
        #[command(flatten)]
        period: PeriodArgs,
        /// The HTML file to write
        #[arg(long)]
        out: PathBuf,
    },
    /// The task force's annual (or semester) report pack, compared with the period before:
    /// victims, services by stage, referrals, law enforcement, prevention, trainings,
    /// programmes, agencies, SDG 16.2.2; small counts about victims hidden
    Annual {
        #[command(flatten)]
        period: YearArgs,
        #[command(flatten)]
        pack: PackArgs,
    },
    /// This district's figures for the province, in a signed file (figures only)
    Aggregate {
        #[command(flatten)]
        period: YearArgs,
        #[arg(long)]
        out: PathBuf,
    },
    /// A province's report pack from its kabupaten/kota's signed aggregate files
    Rollup {
        /// The province code (two digits, e.g. 53)
        #[arg(long)]
        province: String,
        /// The aggregate files, one per kabupaten/kota
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        pack: PackArgs,
    },
    /// Anonymised export with k-anonymity (no names, numbers, places or free text)
    Ctdc {
        #[command(flatten)]
        period: PeriodArgs,
        #[arg(long, default_value_t = 11)]
        k: u32,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum ReferenceCommand {
    /// Import a Kepmendagri code list (CSV: kode,nama) of kabupaten/kota names
    Import { file: PathBuf },
    /// Every region with a known name
    List,
}

#[derive(Subcommand)]
enum OperatorCommand {
    /// Every operator of this district known here, with role and whether they can unlock
    List,
    /// Add an operator with a passphrase of their own
    Add {
        #[arg(long)]
        name: String,
        /// Coordinator, CaseWorker, ShelterStaff or ReadOnly
        #[arg(long)]
        role: String,
        /// Read the new operator's passphrase from this file (else LINTAS_NEW_PASSPHRASE or a prompt)
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Change an operator's role
    Role { id: String, role: String },
    /// Remove an operator: their passphrase no longer unlocks the store, and the store's key
    /// changes so that an old copy of the key file does not open it either
    Remove {
        id: String,
        /// Read the recovery key from this file, if the store asks for it once (else
        /// LINTAS_RECOVERY_KEY or a prompt)
        #[arg(long, value_name = "FILE")]
        recovery_key_file: Option<PathBuf>,
    },
    /// Set a new passphrase for an operator who forgot theirs
    Passphrase {
        id: String,
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
}

fn operator_id(text: &str) -> Result<uuid::Uuid, Error> {
    names::parse_id(text, IdOf::Operator)
}

fn role(code: &str) -> Result<Role, Error> {
    Role::parse(code.trim()).ok_or_else(|| {
        Error::with_detail(ErrorCode::InvalidInput, "role: Coordinator, CaseWorker, ShelterStaff or ReadOnly")
    })
}

#[derive(Subcommand)]
enum EraseCommand {
    /// Erasures other districts made of people in cases this district owns, waiting here
    Requests,
    /// Confirm a request: this district erases the person itself (coordinators only)
    Confirm {
        /// The alert that holds the request (from `erase requests`)
        alert_id: i64,
        /// LegalRequest or RetentionEnded
        #[arg(long)]
        reason: String,
    },
}

#[derive(Subcommand)]
enum AlertsCommand {
    /// Every alert, newest first, with what happened and what to do
    List,
    /// Mark an alert as dealt with (coordinators only); it stays in the list
    Dismiss { id: i64 },
}

#[derive(Subcommand)]
enum PassphraseCommand {
    Change {
        /// Read the new passphrase from this file (else LINTAS_NEW_PASSPHRASE or a prompt)
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum KeysCommand {
    /// Change the database key after a suspected leak: the store is re-encrypted and every
    /// operator's passphrase and the recovery key keep working (coordinators only)
    Rotate {
        /// Read the recovery key from this file, if the store asks for it once (else
        /// LINTAS_RECOVERY_KEY or a prompt)
        #[arg(long, value_name = "FILE")]
        recovery_key_file: Option<PathBuf>,
    },
}

/// The recovery key, asked for only when the store's key file predates key rotation.
fn recovery_if_needed(store: &Store, file: Option<&std::path::Path>) -> Result<Option<RecoveryKey>, Error> {
    if rekey::needs_recovery_key(store)? {
        Ok(Some(secrets::recovery_key(file)?))
    } else {
        Ok(None)
    }
}

/// What a long task shows while it runs, in both languages.
const REENCRYPTING: &str = "Mengenkripsi ulang penyimpanan / re-encrypting the store";
const READING_SHEET: &str = "Membaca lembar kerja / reading the spreadsheet";

/// Progress of a long task on a terminal, in tenths; nothing when stderr is not one.
fn progress(what: &'static str) -> impl FnMut(u64, u64) {
    use std::io::IsTerminal;
    let shown = std::io::stderr().is_terminal();
    let mut last = u64::MAX;
    move |done, total| {
        let tenth = done * 10 / total.max(1);
        if shown && tenth != last {
            last = tenth;
            eprint!("\r{what}: {}%", tenth * 10);
            if done >= total {
                eprintln!();
            }
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = Lang::parse(&cli.global.lang).unwrap_or_default();
    let out = Out { json: cli.global.json, lang };
    match run(cli, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            out.error(&e);
            ExitCode::from(e.code.exit_code() as u8)
        }
    }
}

fn store_dir(g: &Global) -> PathBuf {
    g.store.clone().unwrap_or_else(default_store_dir)
}

/// The per-user data folder, as the desktop app will use it.
fn default_store_dir() -> PathBuf {
    if let Some(appdata) = std::env::var_os("APPDATA") {
        return PathBuf::from(appdata).join("Lintas");
    }
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".local").join("share"));
    base.join("lintas")
}

fn open(g: &Global) -> Result<Store, Error> {
    let dir = store_dir(g);
    if !lintas_core::store::exists(&dir) {
        return Err(Error::new(ErrorCode::StoreNotFound));
    }
    let passphrase = secrets::passphrase(g.passphrase_file.as_deref())?;
    let store = Store::open(&dir, &passphrase)?;
    // Before anything is written: a wrong clock would date it wrongly.
    if let Ok(Some(warning)) = lintas_core::timekeeping::check(&store, &SystemClock) {
        eprintln!("{}", wording::clock_warning(&warning, Lang::parse(&g.lang).unwrap_or_default()));
    }
    Ok(store)
}

fn referral_id(text: &str) -> Result<uuid::Uuid, Error> {
    names::parse_id(text, IdOf::Referral)
}

#[derive(Subcommand)]
enum ExportCommand {
    /// Every case the operator may export, one row each, in the HTCDS Excel toolkit's columns and
    /// value labels (for IOM and partners who use the toolkit)
    Htcds {
        /// The workbook to write (.xlsx)
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum OrgCommand {
    /// List the directory
    List,
    /// Add an organisation from a JSON file (or - for stdin): name, type, province, regency,
    /// address, phone, services, notes
    Add { file: String },
    /// Change an organisation this district added, from a JSON file of the fields to change
    Update { id: String, file: String },
}

#[derive(Subcommand)]
enum RegisterCommand {
    /// List the register, newest first
    List {
        /// First date (YYYY-MM-DD)
        #[arg(long)]
        from: Option<String>,
        /// Last date (YYYY-MM-DD)
        #[arg(long)]
        to: Option<String>,
    },
    /// Show one record
    Show { id: String },
    /// Add a record from a JSON file (or - for stdin)
    Add { file: String },
    /// Change a record this district wrote, from a JSON file of the fields to change
    Update { id: String, file: String },
}

#[derive(Args)]
struct YearArgs {
    /// The year reported on
    #[arg(long)]
    year: i32,
    /// Only one semester of it: 1 (January–June) or 2 (July–December)
    #[arg(long)]
    semester: Option<u8>,
}

/// How a report pack is written.
#[derive(Args)]
struct PackArgs {
    /// The population of the area, for SDG 16.2.2 (victims per 100,000)
    #[arg(long)]
    population: Option<u64>,
    /// html (to print), csv or xlsx
    #[arg(long, default_value = "html")]
    format: String,
    #[arg(long)]
    out: PathBuf,
}

impl YearArgs {
    fn period(&self) -> annual::ReportingPeriod {
        annual::ReportingPeriod { year: self.year, semester: self.semester }
    }
}

#[derive(Subcommand)]
enum AssessmentCommand {
    /// Approve a best-interest assessment as the coordinator working now
    Approve { id: String },
}

/// A report format as typed: html, csv or xlsx.
fn pack_format(text: &str) -> Result<annual::PackFormat, Error> {
    match text.trim().to_ascii_lowercase().as_str() {
        "html" => Ok(annual::PackFormat::Html),
        "csv" => Ok(annual::PackFormat::Csv),
        "xlsx" => Ok(annual::PackFormat::Xlsx),
        _ => Err(Error::with_detail(ErrorCode::InvalidInput, "format: html, csv or xlsx")),
    }
}

/// The commands of a register: list, show, add, update.
fn register(
    g: &Global,
    out: &Out,
    which: Register,
    command: RegisterCommand,
    clock: &SystemClock,
    entropy: &SystemEntropy,
) -> Result<(), Error> {
    match command {
        RegisterCommand::List { from, to } => {
            let period = Period::parse(from.as_deref(), to.as_deref(), None)?;
            out.register(&registers::list(&open(g)?, which, period.from, period.to)?);
        }
        RegisterCommand::Show { id } => {
            let entry = registers::get(&open(g)?, which, names::parse_id(&id, IdOf::Record)?)?;
            out.register(std::slice::from_ref(&entry));
        }
        RegisterCommand::Add { file } => {
            let doc = read_document(&file)?;
            let id = registers::create(&mut open(g)?, which, &doc, clock, entropy)?;
            out.done(json!({"id": id}), &format!("Dicatat: {id}"));
        }
        RegisterCommand::Update { id, file } => {
            let (id, doc) = (names::parse_id(&id, IdOf::Record)?, read_document(&file)?);
            let changes = registers::update(&mut open(g)?, which, id, &doc, clock, entropy)?;
            out.done(json!({"id": id, "changes": changes}), &format!("Diperbarui ({changes})."));
        }
    }
    Ok(())
}

fn read_document(file: &str) -> Result<Value, Error> {
    let bytes = if file == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map_err(|_| Error::new(ErrorCode::Io))?;
        buf
    } else {
        std::fs::read(file).map_err(|_| Error::with_detail(ErrorCode::Io, "input file"))?
    };
    // Only the position is reported: serde_json's messages can quote the input.
    serde_json::from_slice(&bytes).map_err(|e| {
        Error::with_detail(ErrorCode::InvalidInput, format!("JSON, line {} column {}", e.line(), e.column()))
    })
}

fn run(cli: Cli, out: &Out) -> Result<(), Error> {
    let clock = SystemClock;
    let entropy = SystemEntropy::new();
    let g = &cli.global;
    match cli.command {
        Command::Init { district, district_name, operator } => {
            let passphrase = secrets::new_passphrase(g.passphrase_file.as_deref(), "LINTAS_PASSPHRASE")?;
            let req = InitRequest {
                district: &district,
                district_name: &district_name,
                operator_name: &operator,
                passphrase: &passphrase,
                kdf: secrets::kdf_params(),
            };
            let (store, recovery) = setup::init(&store_dir(g), &req, &clock, &entropy)?;
            out.initialised(&store, &recovery);
        }
        Command::Case(CaseCommand::Create { file }) => {
            let doc = read_document(&file)?;
            let mut store = open(g)?;
            let docs = match doc {
                Value::Array(items) => items,
                single => vec![single],
            };
            // All of them in one transaction, or none: a full disk or one invalid document
            // never leaves the first few written.
            let created = cases::create_many(&mut store, &docs, &clock, &entropy)?;
            out.created(created.iter());
        }
        Command::Case(CaseCommand::List { status, child, exploitation, limit, offset }) => {
            let store = open(g)?;
            let filter = CaseFilter { status, child, exploitation, limit, offset };
            out.summaries(&cases::list(&store, &filter)?);
        }
        Command::Case(CaseCommand::Show { id }) => {
            let store = open(g)?;
            out.case(&cases::view(&store, &id, &clock)?);
        }
        Command::Case(CaseCommand::Update { id, file }) => {
            let doc = read_document(&file)?;
            let mut store = open(g)?;
            let updated = cases::update(&mut store, &id, &doc, &clock, &entropy)?;
            out.updated(&updated);
        }
        Command::Case(CaseCommand::Attach { id, file, mime }) => {
            let data = std::fs::read(&file).map_err(|_| Error::with_detail(ErrorCode::Io, "attachment file"))?;
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let mut store = open(g)?;
            let attachment = cases::attach(&mut store, &id, &name, &mime, &data, &clock, &entropy)?;
            out.done(json!({"id": attachment}), &format!("Lampiran disimpan terenkripsi: {attachment}"));
        }
        Command::Case(CaseCommand::Attachment { attachment_id, out: path }) => {
            let store = open(g)?;
            let id = names::parse_id(&attachment_id, IdOf::Attachment)?;
            let (_, data) = cases::export_attachment(&store, id, &clock)?;
            std::fs::write(&path, &data).map_err(|_| Error::with_detail(ErrorCode::Io, "output file"))?;
            out.done(json!({"id": id, "bytes": data.len()}), &format!("{} byte ditulis.", data.len()));
        }
        Command::Case(CaseCommand::Share { id, with, reason, consent_override }) => {
            let mut store = open(g)?;
            let share =
                referrals::share(&mut store, &id, &with, &reason, consent_override.as_deref(), &clock, &entropy)?;
            out.done(json!({"id": share}), &format!("Kasus dibagikan ke {with}: {share}"));
        }
        Command::Identity(IdentityCommand::Card { out: path }) => {
            let store = open(g)?;
            let card = identity::own_card(&store)?;
            sync::write_file_durably(&path, card.to_json().as_bytes()).map_err(|_| Error::new(ErrorCode::Io))?;
            out.fingerprint(&card.fingerprint(), Some(&path));
        }
        Command::Identity(IdentityCommand::Fingerprint) => {
            let store = open(g)?;
            out.fingerprint(&identity::own_card(&store)?.fingerprint(), None);
        }
        Command::Trust(TrustCommand::Add { card, fingerprint }) => {
            let bytes = std::fs::read(&card).map_err(|_| Error::with_detail(ErrorCode::Io, "card file"))?;
            let mut store = open(g)?;
            let card = identity::trust_add(&mut store, &bytes, &fingerprint, &clock)?;
            out.done(
                json!({"district": card.district, "district_name": card.district_name, "devices": card.devices.len()}),
                &format!("Dipercaya: {} ({}), {} perangkat.", card.district_name, card.district, card.devices.len()),
            );
        }
        Command::Trust(TrustCommand::List) => {
            let store = open(g)?;
            out.trusted(&identity::trusted(&store)?);
        }
        Command::Trust(TrustCommand::Revoke { device_id }) => {
            let mut store = open(g)?;
            let id = names::parse_id(&device_id, IdOf::Device)?;
            identity::trust_revoke(&mut store, id, &clock)?;
            out.done(json!({"revoked": id}), &format!("Perangkat {id} tidak dipercaya lagi."));
        }
        Command::Bundle(BundleCommand::Export { to, out: path, all }) => {
            let mut store = open(g)?;
            let summary = sync::export(&mut store, &to, all, &path, &clock, &entropy)?;
            out.exported(&summary);
        }
        Command::Bundle(BundleCommand::Import { file }) => {
            let mut store = open(g)?;
            let summary = sync::import(&mut store, &file, &clock)?;
            out.imported(&summary);
        }
        Command::Bundle(BundleCommand::Inspect { file }) => {
            let store = open(g)?;
            let envelope = sync::inspect(&store, &file)?;
            out.inspected(&envelope.header);
        }
        Command::Referral(ReferralCommand::Create { case_id, to, reason, reason_code, services, consent_override }) => {
            let mut store = open(g)?;
            let req = NewReferral {
                to_district: &to,
                reason: reason_code.as_deref(),
                details: &reason,
                services,
                consent_override: consent_override.as_deref(),
            };
            let id = referrals::create(&mut store, &case_id, &req, &clock, &entropy)?;
            out.done(json!({"id": id}), &format!("Rujukan dibuat: {id} (dikirim bersama bundel berikutnya ke {to})"));
        }
        Command::Referral(ReferralCommand::List) => {
            let store = open(g)?;
            out.referrals(&referrals::list(&store)?);
        }
        Command::Referral(ReferralCommand::Accept { id, note }) => {
            let mut store = open(g)?;
            let r = referrals::decide(&mut store, referral_id(&id)?, true, note.as_deref(), &clock)?;
            out.referral(&r);
        }
        Command::Referral(ReferralCommand::Decline { id, note }) => {
            let mut store = open(g)?;
            let r = referrals::decide(&mut store, referral_id(&id)?, false, note.as_deref(), &clock)?;
            out.referral(&r);
        }
        Command::Referral(ReferralCommand::Complete { id }) => {
            let mut store = open(g)?;
            let r = referrals::complete(&mut store, referral_id(&id)?, &clock)?;
            out.referral(&r);
        }
        Command::Conflicts(ConflictsCommand::List) => {
            let store = open(g)?;
            out.conflicts(&conflicts::list(&store)?);
        }
        Command::Conflicts(ConflictsCommand::Resolve { id, keep, value }) => {
            let choice = match (keep, value) {
                (Some(op), None) => Choice::Keep(op),
                (None, Some(v)) => Choice::Value(
                    serde_json::from_str(&v)
                        .map_err(|_| Error::with_detail(ErrorCode::InvalidInput, "--value JSON"))?,
                ),
                _ => return Err(Error::with_detail(ErrorCode::InvalidInput, "--keep or --value")),
            };
            let mut store = open(g)?;
            let op = conflicts::resolve(&mut store, &id, choice, &clock)?;
            out.done(json!({"id": id, "op": op.to_string()}), &format!("Konflik diselesaikan ({op})."));
        }
        Command::Duplicates(DuplicatesCommand::List) => {
            let store = open(g)?;
            out.duplicates(&duplicates::list(&store)?);
        }
        Command::Duplicates(DuplicatesCommand::Link { case_a, case_b, reason }) => {
            let mut store = open(g)?;
            let id = duplicates::link(&mut store, &case_a, &case_b, &reason, &clock, &entropy)?;
            out.done(json!({"id": id}), &format!("Ditautkan sebagai orang yang sama: {id}"));
        }
        Command::Duplicates(DuplicatesCommand::Unlink { link_id }) => {
            let mut store = open(g)?;
            let id = names::parse_id(&link_id, IdOf::Link)?;
            duplicates::unlink(&mut store, id, &clock)?;
            out.done(json!({"id": id, "status": "Unlinked"}), "Tautan dibatalkan.");
        }
        Command::Duplicates(DuplicatesCommand::NotSame { case_a, case_b, reason }) => {
            let mut store = open(g)?;
            let id = duplicates::not_same(&mut store, &case_a, &case_b, &reason, &clock, &entropy)?;
            out.done(json!({"id": id, "status": "Unlinked"}), &format!("Dicatat: bukan orang yang sama ({id})"));
        }
        Command::Activity(c) => register(g, out, Register::Activity, c, &clock, &entropy)?,
        Command::Training(c) => register(g, out, Register::Training, c, &clock, &entropy)?,
        Command::Programme(c) => register(g, out, Register::Programme, c, &clock, &entropy)?,
        Command::Org(OrgCommand::List) => out.organisations(&organisations::list(&open(g)?)?),
        Command::Org(OrgCommand::Add { file }) => {
            let doc = read_document(&file)?;
            let id = organisations::create(&mut open(g)?, &doc, &clock, &entropy)?;
            out.done(json!({"id": id}), &format!("Organisasi ditambahkan: {id}"));
        }
        Command::Org(OrgCommand::Update { id, file }) => {
            let (id, doc) = (names::parse_id(&id, IdOf::Organisation)?, read_document(&file)?);
            let changes = organisations::update(&mut open(g)?, id, &doc, &clock)?;
            out.done(json!({"id": id, "changes": changes}), &format!("Organisasi diperbarui ({changes})."));
        }
        Command::Assessment(AssessmentCommand::Approve { id }) => {
            let id = names::parse_id(&id, IdOf::Assessment)?;
            assessments::approve(&mut open(g)?, id, &clock)?;
            out.done(json!({"id": id, "approved": true}), "Asesmen disetujui.");
        }
        Command::Import { file, commit } => {
            let report = if commit {
                spreadsheet::import(&mut open(g)?, &file, &clock, &entropy, &mut progress(READING_SHEET))?
            } else {
                spreadsheet::dry_run(&open(g)?, &file, &clock, &mut progress(READING_SHEET))?
            };
            out.import_report(&report, commit);
        }
        Command::Export(ExportCommand::Htcds { out: path }) => {
            let written = spreadsheet::export_htcds(&open(g)?, &path, &clock)?;
            out.done(
                json!({"path": written.path, "cases": written.cases}),
                &format!("{} kasus ditulis ke {}", written.cases, written.path.display()),
            );
        }
        Command::Tasks => {
            let store = open(g)?;
            out.tasks(&worklist::tasks(&store, chrono::Local::now().date_naive())?);
        }
        Command::Search { text, limit } => {
            let store = open(g)?;
            out.summaries(&search::search(&store, &text, limit)?);
        }
        Command::Audit(AuditCommand::Verify) => {
            let store = open(g)?;
            let report = audit::verify(&store)?;
            out.audit(&report);
        }
        Command::Audit(AuditCommand::Access { limit, offset }) => {
            let store = open(g)?;
            let list = lintas_core::access::list(&store, offset, limit)?;
            let text = list
                .iter()
                .map(|e| {
                    format!(
                        "{}  {:<16} {:<18} {}",
                        &e.at[..19.min(e.at.len())],
                        e.operator.as_deref().unwrap_or("?"),
                        e.action,
                        e.case_number.as_deref().unwrap_or(&e.target)
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            out.done(json!({"count": list.len(), "entries": list}), &text);
        }
        Command::Audit(AuditCommand::Log { limit, offset }) => {
            let store = open(g)?;
            out.audit_log(&audit::log(&store, offset, limit)?);
        }
        Command::Report(ReportCommand::Stats { period, csv }) => {
            let store = open(g)?;
            let today = chrono::Local::now().date_naive();
            let stats = reports::stats(&store, &period.period()?, today)?;
            if csv {
                print!("{}", reports::stats_csv(&stats));
            } else {
                out.stats(&stats);
            }
        }
        Command::Report(ReportCommand::Print { period, out: path }) => {
            let store = open(g)?;
            let today = chrono::Local::now().date_naive();
            let printed = printable::export(&store, &period.period()?, today, &path, &clock)?;
            out.done(
                json!({"path": printed.path, "bytes": printed.bytes, "victims": printed.victims}),
                &format!(
                    "Laporan statistik ({} korban) ditulis ke {}. Buka di peramban lalu cetak (Ctrl+P).",
                    printed.victims,
                    printed.path.display()
                ),
            );
        }
        Command::Report(ReportCommand::Annual { period, pack: args }) => {
            let store = open(g)?;
            let today = chrono::Local::now().date_naive();
            let pack = annual::pack(&store, period.period(), args.population, today)?;
            let written = annual::write(&store, &pack, pack_format(&args.format)?, &args.out, today, &clock)?;
            out.done(
                json!({"path": written.path, "victims": written.victims}),
                &format!("Laporan ditulis ke {} ({} korban).", written.path.display(), written.victims),
            );
        }
        Command::Report(ReportCommand::Aggregate { period, out: path }) => {
            let store = open(g)?;
            let today = chrono::Local::now().date_naive();
            let written = rollup::write(&store, period.period(), &path, today, &clock)?;
            out.done(
                json!({"path": written.path, "victims": written.victims}),
                &format!("Angka agregat bertanda tangan ditulis ke {}.", written.path.display()),
            );
        }
        Command::Report(ReportCommand::Rollup { province, files, pack: args }) => {
            let store = open(g)?;
            let today = chrono::Local::now().date_naive();
            let pack = rollup::rollup(&store, province.trim(), &files, args.population)?;
            let written = annual::write(&store, &pack, pack_format(&args.format)?, &args.out, today, &clock)?;
            out.done(
                json!({"path": written.path, "victims": written.victims, "parts": pack.parts}),
                &format!(
                    "Laporan provinsi dari {} kabupaten/kota ditulis ke {}.",
                    pack.parts.len(),
                    written.path.display()
                ),
            );
        }
        Command::Report(ReportCommand::Ctdc { period, k, out: path }) => {
            let store = open(g)?;
            let export = reports::ctdc(&store, &period.period()?, k, &clock)?;
            sync::write_file_durably(&path, export.csv.as_bytes()).map_err(|_| Error::new(ErrorCode::Io))?;
            out.done(
                json!({"rows": export.rows, "suppressed_rows": export.suppressed_rows, "k": export.k, "path": path}),
                &format!(
                    "{} baris ditulis ke {} (k = {}); {} korban tidak dimuat karena terlalu mudah dikenali.",
                    export.rows,
                    path.display(),
                    export.k,
                    export.suppressed_rows
                ),
            );
        }
        Command::Reference(ReferenceCommand::Import { file }) => {
            let text = std::fs::read_to_string(&file).map_err(|_| Error::with_detail(ErrorCode::Io, "CSV file"))?;
            let mut store = open(g)?;
            let r = regions::import_csv(&mut store, &text)?;
            out.done(
                serde_json::to_value(&r).unwrap_or_default(),
                &format!("{} kabupaten/kota diimpor ({} baris lain dilewati).", r.regencies, r.skipped),
            );
        }
        Command::Reference(ReferenceCommand::List) => {
            let store = open(g)?;
            let list = regions::list(&store)?;
            let text = list.iter().map(|r| format!("{:<6} {}", r.code, r.name)).collect::<Vec<_>>().join("\n");
            out.done(json!({"count": list.len(), "regions": list}), &text);
        }
        Command::Passphrase(PassphraseCommand::Change { new_passphrase_file }) => {
            let dir = store_dir(g);
            let old = secrets::passphrase(g.passphrase_file.as_deref())?;
            let new = secrets::new_passphrase(new_passphrase_file.as_deref(), "LINTAS_NEW_PASSPHRASE")?;
            setup::change_passphrase(&dir, Unlock::Passphrase(&old), &new, secrets::kdf_params(), &entropy)?;
            out.done(json!({"changed": true}), "Kata sandi diganti. Kunci pemulihan tetap berlaku.");
        }
        Command::Erase { requests: Some(EraseCommand::Requests), .. } => {
            let store = open(g)?;
            out.erasure_requests(&erasure::requests(&store)?);
        }
        Command::Erase { requests: Some(EraseCommand::Confirm { alert_id, reason }), .. } => {
            let mut store = open(g)?;
            out.erased(&erasure::confirm(&mut store, alert_id, &reason, &clock)?);
        }
        Command::Erase { requests: None, case, person, reason } => {
            let (case, reason) = (case.unwrap_or_default(), reason.unwrap_or_default());
            let person = match person {
                Some(p) => Some(names::parse_id(&p, IdOf::Person)?),
                None => None,
            };
            let mut store = open(g)?;
            out.erased(&erasure::erase(&mut store, &case, person, &reason, &clock)?);
        }
        Command::Alerts(AlertsCommand::List) => {
            let store = open(g)?;
            out.alerts(&alerts::list(&store)?, alerts::open_count(&store)?);
        }
        Command::Alerts(AlertsCommand::Dismiss { id }) => {
            let mut store = open(g)?;
            alerts::dismiss(&mut store, id, &clock)?;
            out.done(json!({"id": id, "dismissed": true}), &out.dismissed(id));
        }
        Command::Operator(OperatorCommand::List) => {
            let store = open(g)?;
            out.operators(&operators::list(&store)?);
        }
        Command::Operator(OperatorCommand::Add { name, role: code, new_passphrase_file }) => {
            let role = role(&code)?;
            let mut store = open(g)?;
            // Asking for a passphrase the role cannot use would waste the person's time.
            store.require(Permission::ManageOperators)?;
            let passphrase = secrets::new_passphrase(new_passphrase_file.as_deref(), "LINTAS_NEW_PASSPHRASE")?;
            let new = NewOperator { name: &name, role, passphrase: &passphrase, kdf: secrets::kdf_params() };
            let id = operators::add(&mut store, &new, &clock, &entropy)?;
            out.done(json!({"id": id, "role": role}), &format!("Petugas ditambahkan: {id} ({})", role.code()));
        }
        Command::Operator(OperatorCommand::Role { id, role: code }) => {
            let (id, role) = (operator_id(&id)?, role(&code)?);
            let mut store = open(g)?;
            operators::set_role(&mut store, id, role, &clock)?;
            out.done(json!({"id": id, "role": role}), &format!("Peran petugas {id} sekarang {}.", role.code()));
        }
        Command::Operator(OperatorCommand::Remove { id, recovery_key_file }) => {
            let id = operator_id(&id)?;
            let mut store = open(g)?;
            store.require(Permission::ManageOperators)?;
            let recovery = recovery_if_needed(&store, recovery_key_file.as_deref())?;
            let rotated =
                operators::remove(&mut store, id, recovery.as_ref(), &clock, &entropy, &mut progress(REENCRYPTING))?;
            out.rotated(json!({"id": id, "active": false, "rotated": rotated}), &rotated, Some(id));
        }
        Command::Keys(KeysCommand::Rotate { recovery_key_file }) => {
            let mut store = open(g)?;
            store.require(Permission::ManageOperators)?;
            let recovery = recovery_if_needed(&store, recovery_key_file.as_deref())?;
            let rotated = rekey::rotate(&mut store, recovery.as_ref(), &clock, &entropy, &mut progress(REENCRYPTING))?;
            out.rotated(json!({"rotated": rotated}), &rotated, None);
        }
        Command::Operator(OperatorCommand::Passphrase { id, new_passphrase_file }) => {
            let id = operator_id(&id)?;
            let store = open(g)?;
            store.require(Permission::ManageOperators)?;
            let passphrase = secrets::new_passphrase(new_passphrase_file.as_deref(), "LINTAS_NEW_PASSPHRASE")?;
            operators::reset_passphrase(&store, id, &passphrase, secrets::kdf_params(), &entropy)?;
            out.done(json!({"id": id, "changed": true}), &format!("Kata sandi baru dipasang untuk petugas {id}."));
        }
        Command::Backup { out: path } => {
            let store = open(g)?;
            out.backed_up(&backup::backup(&store, &path, &clock)?);
        }
        Command::Restore { file, recovery_key, recovery_key_file } => {
            let dir = store_dir(g);
            let with_recovery_key = recovery_key || recovery_key_file.is_some();
            let restored = if with_recovery_key {
                let key = secrets::recovery_key(recovery_key_file.as_deref())?;
                backup::restore(&file, &dir, Unlock::Recovery(&key), &clock, &entropy)?
            } else {
                let passphrase = secrets::passphrase(g.passphrase_file.as_deref())?;
                backup::restore(&file, &dir, Unlock::Passphrase(&passphrase), &clock, &entropy)?
            };
            out.restored(&restored.1, &dir, with_recovery_key);
        }
        Command::Recover { recovery_key_file, new_passphrase_file } => {
            let dir = store_dir(g);
            let recovery = secrets::recovery_key(recovery_key_file.as_deref())?;
            let new = secrets::new_passphrase(new_passphrase_file.as_deref(), "LINTAS_NEW_PASSPHRASE")?;
            setup::change_passphrase(&dir, Unlock::Recovery(&recovery), &new, secrets::kdf_params(), &entropy)?;
            out.done(json!({"changed": true}), "Kata sandi baru dipasang dengan kunci pemulihan.");
        }
    }
    Ok(())
}
