//! `lintas`, the command-line shell over `lintas-core`.
//!
//! Each subcommand reads its input, calls one core function and prints the result; all logic
//! lives in the core. Exit codes (the CLI contract in DESIGN.md): 0 ok, 2 usage, 3 wrong
//! passphrase or locked store, 4 rejected input, 1 anything else.

mod output;
mod secrets;

use clap::{Args, Parser, Subcommand};
use lintas_core::ambient::{SystemClock, SystemEntropy};
use lintas_core::cases::{self, CaseFilter};
use lintas_core::codes::Lang;
use lintas_core::setup::{self, InitRequest};
use lintas_core::store::{Store, Unlock};
use lintas_core::{audit, search, Error, ErrorCode};
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
    /// Write an attachment's content to a file of your choice
    Attachment {
        attachment_id: String,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    Verify,
}

#[derive(Subcommand)]
enum PassphraseCommand {
    Change {
        /// Read the new passphrase from this file (else LINTAS_NEW_PASSPHRASE or a prompt)
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
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
    Ok(Store::open(&dir, &passphrase)?)
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
            let mut created = Vec::new();
            for doc in &docs {
                created.push(cases::create(&mut store, doc, &clock, &entropy)?);
                if !out.json && docs.len() > 1 {
                    out.created(created.last().into_iter());
                }
            }
            if out.json || docs.len() == 1 {
                out.created(created.iter());
            }
        }
        Command::Case(CaseCommand::List { status, child, exploitation, limit, offset }) => {
            let store = open(g)?;
            let filter = CaseFilter { status, child, exploitation, limit, offset };
            out.summaries(&cases::list(&store, &filter)?);
        }
        Command::Case(CaseCommand::Show { id }) => {
            let store = open(g)?;
            out.case(&cases::show(&store, &id)?);
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
            let id = attachment_id.parse().map_err(|_| Error::new(ErrorCode::AttachmentNotFound))?;
            let (_, data) = cases::attachment(&store, id)?;
            std::fs::write(&path, &data).map_err(|_| Error::with_detail(ErrorCode::Io, "output file"))?;
            out.done(json!({"id": id, "bytes": data.len()}), &format!("{} byte ditulis.", data.len()));
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
        Command::Passphrase(PassphraseCommand::Change { new_passphrase_file }) => {
            let dir = store_dir(g);
            let old = secrets::passphrase(g.passphrase_file.as_deref())?;
            let new = secrets::new_passphrase(new_passphrase_file.as_deref(), "LINTAS_NEW_PASSPHRASE")?;
            setup::change_passphrase(&dir, Unlock::Passphrase(&old), &new, secrets::kdf_params(), &entropy)?;
            out.done(json!({"changed": true}), "Kata sandi diganti. Kunci pemulihan tetap berlaku.");
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
