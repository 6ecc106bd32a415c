//! Records from spreadsheets: the HTCDS Excel toolkit's workbooks as IOM ships them and as a
//! task force fills them (`.xlsx`, `.xlsm`, `.ods`), and CSV files with HTCDS field names, their
//! labels or Lintas's own keys as headers.
//!
//! Real files are untidy, so columns are found by field name or by label (the toolkit's hidden
//! name row and its visible labels disagree in places — the visible label wins, as that is what
//! people typed under — and one name is misspelled and one missing), values by code or by label
//! in either language (stray spaces and any case), countries by name or ISO code, several values
//! in one cell separated by `;` or `,`, dates as Excel serial numbers or as text in Indonesian
//! and English forms; empty rows are skipped and unknown columns reported, not read.
//!
//! [`dry_run`] reads a file and reports every problem by row and column — never a value typed —
//! and the possible duplicates against the store and within the file; nothing is written.
//! [`import`] writes every valid row as a case, through the op log, in one transaction. Every row
//! carries a key of its content (`source_key`), so importing the same file again adds nothing.
//! The file is read in memory; no plaintext copy is written anywhere.

use crate::index::victim_keys;
use crate::model::codes::{self, CodeList};
use crate::model::regencies;
use crate::model::schema::{FieldKind, CASE, CONSENT, PERSON};
use crate::model::validate::{self, Problem};
use crate::records::cases::{self, today, CaseError};
use crate::store::Store;
use crate::support::ambient::{Clock, Entropy};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The largest file read: a workbook of 100,000 cases is far smaller.
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum SpreadsheetError {
    #[error("the file cannot be read as a spreadsheet")]
    Unreadable,
    #[error("the file is not .xlsx, .xlsm, .ods or .csv")]
    UnknownKind,
    #[error("no header row names any column Lintas reads")]
    NoColumns,
    #[error("the file is larger than Lintas reads")]
    TooLarge,
    #[error("the workbook could not be written")]
    Unwritable,
    #[error(transparent)]
    Case(#[from] CaseError),
}

/// One cell as read from the file.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
}

impl Cell {
    fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text: whole numbers without a decimal point (a NIK typed as a number).
    fn text(&self) -> Option<String> {
        match self {
            Cell::Empty => None,
            Cell::Text(s) => Some(collapse(s)).filter(|s| !s.is_empty()),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e17 => Some(format!("{}", *n as i64)),
            Cell::Number(n) => Some(n.to_string()),
            Cell::Bool(b) => Some(b.to_string()),
        }
    }
}

/// Trims and collapses runs of white space: "  Possible  victim " → "Possible victim".
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A header as the report shows it: at most 60 characters, so that a stray value in the header
/// row of an unknown column is not carried whole into a report.
fn header_text(cell: &Cell) -> String {
    let text = cell.text().unwrap_or_default();
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

/// A header as a key: lower case letters and digits only ("prs_FirstName" → "prsfirstname").
fn header_key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// What a column of a file means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// A field of the victim (person).
    Victim(&'static str),
    /// A field of the case.
    Case(&'static str),
    /// A field of the case's consent.
    Consent(&'static str),
    /// The place of an event of this type.
    EventPlace(&'static str),
    /// Kept as a line of a note, under this label.
    Note(&'static str),
    /// Read and left: fields Lintas does not keep (the case owner, a salutation).
    Ignored,
}

/// The columns Lintas reads: HTCDS field names (with their prefixes, and the toolkit's one
/// misspelling), HTCDS labels, Lintas's own keys and Indonesian labels. Matched by
/// [`header_key`].
const COLUMNS: &[(Target, &[&str])] = &[
    (Target::Victim("first_name"), &["prs_FirstName", "First Name", "victim.first_name", "Nama depan"]),
    (Target::Victim("middle_name"), &["prs_MiddleName", "Middle Name", "victim.middle_name", "Nama tengah"]),
    (
        Target::Victim("second_name"),
        &["prs_SecondName", "Second Name", "Last Name", "victim.second_name", "Nama belakang"],
    ),
    (
        Target::Victim("birthdate"),
        &["prs_Birthdate", "Birthdate", "Date of Birth", "victim.birthdate", "Tanggal lahir"],
    ),
    (Target::Victim("gender"), &["prs_Gender", "Gender", "victim.gender", "Jenis kelamin"]),
    (Target::Victim("citizenship"), &["prs_Citizenship", "Citizenship", "victim.citizenship", "Kewarganegaraan"]),
    (Target::Victim("identity_number"), &["prs_IdentityNumber", "Identity Number", "victim.identity_number", "NIK"]),
    (Target::Victim("passport_number"), &["Passport Number", "victim.passport_number", "Nomor paspor"]),
    (
        Target::Victim("marital_status"),
        &["prs_MaritalStatus", "Marital Status", "victim.marital_status", "Status perkawinan"],
    ),
    (
        Target::Victim("education"),
        &["prs_HighestLevelOfEducation", "Highest Level of Education", "victim.education", "Pendidikan"],
    ),
    (Target::Victim("phone"), &["prs_MobilePhone", "Mobile Phone", "victim.phone", "Nomor telepon", "Telepon"]),
    (Target::Victim("phone"), &["prs_HomePhone", "Home Phone"]),
    (Target::Victim("address_street"), &["prs_MailingStreet", "Mailing Street", "victim.address.street", "Alamat"]),
    (
        Target::Victim("address_regency"),
        &["prs_MailingCity", "Mailing City", "victim.address.regency", "Kabupaten/kota"],
    ),
    (
        Target::Victim("address_province"),
        &["prs_MailingState", "Mailing State/Province", "victim.address.province", "Provinsi"],
    ),
    (Target::Victim("address_village"), &["victim.address.village", "Desa", "Desa/kelurahan"]),
    (
        Target::Case("trafficking_status"),
        &["vic_TraffickingStatus", "Trafficking Status", "trafficking_status", "Status TPPO"],
    ),
    (
        Target::Case("status_decided_by"),
        &[
            "vic_TraffickingStatusDecisionMakingOrg",
            "vic_TraffickinStatusDecisionMakingOrg",
            "Trafficking Status Decision Making Organization",
            "Trafficking Status Decision Making Organisation",
            "status_decided_by",
        ],
    ),
    (
        Target::Case("method_of_recruitment"),
        &["vic_MethodOfRecruitment", "Method of Recruitment", "method_of_recruitment"],
    ),
    (Target::Case("means_of_control"), &["vic_MethodsOfControl", "Methods of Control", "means_of_control"]),
    (
        Target::Case("type_of_exploitation"),
        &["vic_TypeOfExploitation", "Type of Exploitation", "type_of_exploitation", "Jenis eksploitasi"],
    ),
    (
        Target::Case("forced_labour_industry"),
        &["vic_ForcedLabourIndustry", "Forced Labour Industry", "forced_labour_industry"],
    ),
    (
        Target::Case("type_of_sex_exploitation"),
        &["vic_TypeOfSexExploitation", "Type of Sex Exploitation", "type_of_sex_exploitation"],
    ),
    (Target::Case("vulnerabilities"), &["vic_Vulnerabilities", "Vulnerabilities", "vulnerabilities"]),
    (
        Target::Case("relationship_to_trafficker"),
        &["vic_RelationshipToTrafficker", "Relationship to Trafficker", "relationship_to_trafficker"],
    ),
    (Target::Case("age_when_trafficked"), &["vic_AgeWhenTrafficked", "Age when Trafficked", "age_when_trafficked"]),
    (
        Target::Case("country_of_exploitation"),
        &["country_of_exploitation", "Country of Exploitation", "Negara eksploitasi"],
    ),
    (Target::Case("status"), &["cas_Status", "Status", "status", "Status kasus"]),
    (Target::Case("closure_reason"), &["cas_ReasonForCaseClosure", "Reason for Case Closure", "closure_reason"]),
    (
        Target::Case("intake_date"),
        &["cas_IncomingReferralDate", "Incoming Referral Date", "intake.date", "Tanggal intake", "Tanggal penerimaan"],
    ),
    (Target::Case("intake_place"), &["intake.place", "Tempat intake", "Tempat penerimaan"]),
    (Target::Case("placement_agency"), &["placement_agency", "Placement Agency", "P3MI", "PPTKIS"]),
    (Target::Consent("interview"), &["con_Consent", "Consent", "consent.interview", "Persetujuan"]),
    (Target::EventPlace("Recruitment"), &["vic_LocationOfRecruitment", "Location of Recruitment", "Tempat perekrutan"]),
    (
        Target::EventPlace("Exploitation"),
        &["vic_LocationOfExploitation", "Location of Exploitation", "Tempat eksploitasi"],
    ),
    (
        Target::Note("Organisasi perujuk / Referring organisation"),
        &["cas_ReferringOrganisation", "Referring Organisation"],
    ),
    (
        Target::Note("Pendamping perujuk / Referring case worker"),
        &["cas_ReferringPrimaryCaseWorker", "Referring Primary Case Worker"],
    ),
    (
        Target::Note("Alasan rujukan masuk / Reason for incoming referral"),
        &["cas_ReasonForIncomingReferral", "Reason for Incoming Referral"],
    ),
    (
        Target::Note("Rincian rujukan masuk / Incoming referral details"),
        &["cas_IncomingReferralDetails", "Incoming Referral Details"],
    ),
    (
        Target::Note("Organisasi tujuan rujukan / Referred organisation"),
        &["cas_ReferredOrganisation", "Referred Organisation"],
    ),
    (
        Target::Note("Pendamping tujuan / Referred case worker"),
        &["cas_ReferredPrimaryCaseWorker", "Referred Primary Case Worker"],
    ),
    (
        Target::Note("Alasan rujukan keluar / Reason for outgoing referral"),
        &["cas_ReasonForOutgoingReferral", "Reason for Outgoing Referral"],
    ),
    (
        Target::Note("Tanggal rujukan keluar / Outgoing referral date"),
        &["cas_OutgoingReferralDate", "Outgoing Referral Date"],
    ),
    (
        Target::Note("Rincian rujukan keluar / Outgoing referral details"),
        &["cas_OutgoingReferralDetails", "Outgoing Referral Details"],
    ),
    (
        Target::Note("Kerentanan / Details of vulnerabilities"),
        &["vic_DetailsOfVulnerabilities", "Details Of Vulnerabilities"],
    ),
    (Target::Note("Catatan / Notes"), &["notes", "Catatan", "cco_CaseComment", "Case Comment"]),
    (
        Target::Ignored,
        &[
            "cas_CaseOwner",
            "Case Owner",
            "prs_Salutation",
            "Salutation",
            "prs_Title",
            "Title",
            "prs_Email",
            "Email",
            "prs_MailingCountry",
            "Mailing Country",
            "prs_MailingPostalCode",
            "Mailing Zip/Postal Code",
            "No",
            "No.",
            "#",
        ],
    ),
];

fn target_of(header: &str) -> Option<Target> {
    let key = header_key(header);
    if key.is_empty() {
        return None;
    }
    COLUMNS.iter().find(|(_, names)| names.iter().any(|n| header_key(n) == key)).map(|(t, _)| *t)
}

/// A sheet as rows of cells, with each row's number as the spreadsheet shows it (1-based).
struct Grid {
    rows: Vec<(u32, Vec<Cell>)>,
}

fn kind_of(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Some("workbook"),
        "csv" | "txt" => Some("csv"),
        _ => None,
    }
}

/// Reads the file into grids: every sheet of a workbook, or the one table of a CSV.
fn read_grids(path: &Path) -> Result<Vec<Grid>, SpreadsheetError> {
    let size = std::fs::metadata(path).map_err(|_| SpreadsheetError::Unreadable)?.len();
    if size > MAX_FILE_BYTES {
        return Err(SpreadsheetError::TooLarge);
    }
    match kind_of(path) {
        Some("csv") => {
            let bytes = std::fs::read(path).map_err(|_| SpreadsheetError::Unreadable)?;
            Ok(vec![read_csv(&bytes)?])
        }
        Some(_) => read_workbook(path),
        None => Err(SpreadsheetError::UnknownKind),
    }
}

fn read_workbook(path: &Path) -> Result<Vec<Grid>, SpreadsheetError> {
    workbook_grids(std::fs::read(path).map_err(|_| SpreadsheetError::Unreadable)?)
}

/// Every sheet of a workbook held in memory (xlsx, xlsm, xlsb, xls or ods, told by content).
fn workbook_grids(bytes: Vec<u8>) -> Result<Vec<Grid>, SpreadsheetError> {
    use calamine::{Data, Reader};
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|_| SpreadsheetError::Unreadable)?;
    let mut grids = Vec::new();
    for name in book.sheet_names().to_owned() {
        let Ok(range) = book.worksheet_range(&name) else { continue };
        let first_row = range.start().map_or(0, |(r, _)| r);
        let first_col = range.start().map_or(0, |(_, c)| c) as usize;
        let mut rows = Vec::new();
        for (i, row) in range.rows().enumerate() {
            let mut cells = vec![Cell::Empty; first_col];
            cells.extend(row.iter().map(|c| match c {
                Data::Empty | Data::Error(_) => Cell::Empty,
                Data::String(s) => Cell::Text(s.clone()),
                Data::Float(f) => Cell::Number(*f),
                Data::Int(n) => Cell::Number(*n as f64),
                Data::Bool(b) => Cell::Bool(*b),
                Data::DateTime(d) => Cell::Number(d.as_f64()),
                Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
            }));
            rows.push((first_row + i as u32 + 1, cells));
        }
        grids.push(Grid { rows });
    }
    Ok(grids)
}

/// A CSV as Excel writes it: UTF-8 with or without a byte-order mark, `,` or (in Indonesian
/// locales) `;` between fields, quoted fields.
fn read_csv(bytes: &[u8]) -> Result<Grid, SpreadsheetError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| SpreadsheetError::Unreadable)?;
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|_| SpreadsheetError::Unreadable)?;
        rows.push((i as u32 + 1, record.iter().map(|f| Cell::Text(f.to_string())).collect()));
    }
    Ok(Grid { rows })
}

/// The columns of a grid: the header rows among the first five (rows naming at least two
/// columns Lintas knows), each column's target (the last header row's wins: the visible
/// labels, under the toolkit's hidden names) and the row data starts after.
struct Layout {
    headers: Vec<String>,
    targets: Vec<Option<Target>>,
    data_from: usize,
}

fn layout(grid: &Grid) -> Option<Layout> {
    let mut headers: Vec<String> = Vec::new();
    let mut targets: Vec<Option<Target>> = Vec::new();
    let mut data_from = None;
    for (i, (_, cells)) in grid.rows.iter().take(5).enumerate() {
        let found: Vec<Option<Target>> = cells.iter().map(|c| c.text().and_then(|t| target_of(&t))).collect();
        if found.iter().flatten().filter(|t| **t != Target::Ignored).count() < 2 {
            continue;
        }
        if headers.len() < cells.len() {
            headers.resize(cells.len(), String::new());
            targets.resize(cells.len(), None);
        }
        for (col, (cell, target)) in cells.iter().zip(found).enumerate() {
            if let Some(t) = target {
                targets[col] = Some(t);
                headers[col] = header_text(cell);
            } else if headers[col].is_empty() {
                headers[col] = header_text(cell);
            }
        }
        data_from = Some(i + 1);
    }
    Some(Layout { headers, targets, data_from: data_from? })
}

/// One problem in one cell (or, with no column, in the row as a whole).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RowProblem {
    /// The row number as the spreadsheet shows it.
    pub row: u32,
    /// The column's header as the file has it (a field name or label, never a value).
    pub column: String,
    pub problem: Problem,
}

/// A row whose victim may be someone already known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RowDuplicate {
    pub row: u32,
    /// A case in the store, or another row of the file.
    pub case_number: Option<String>,
    pub other_row: Option<u32>,
}

/// What reading a file found, and (after an import) what was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImportReport {
    /// Rows with any data.
    pub rows: u32,
    /// Rows that can be imported.
    pub valid: u32,
    /// Rows with at least one problem (not imported).
    pub with_problems: u32,
    /// Rows imported before (recognised by their content; not imported again).
    pub already_imported: u32,
    pub problems: Vec<RowProblem>,
    pub duplicates: Vec<RowDuplicate>,
    /// Headers of the columns read, and of those not read.
    pub columns_read: Vec<String>,
    pub columns_ignored: Vec<String>,
    /// The case numbers written (empty on a dry run).
    pub imported: Vec<String>,
}

/// A row turned into a case document, or the problems that keep it out.
struct RowDoc {
    row: u32,
    doc: Value,
    key: String,
    problems: Vec<RowProblem>,
    victim: Map<String, Value>,
}

/// Reads a date: an Excel serial number, `YYYY-MM-DD`, `DD/MM/YYYY`, `DD-MM-YYYY`,
/// `DD.MM.YYYY`, or `20 September 2019` / `20 Sep 2019` / `20 Agustus 2019`.
fn date_of(cell: &Cell) -> Option<NaiveDate> {
    if let Cell::Number(n) = cell {
        // Excel's day 1 is 1900-01-01, and it counts a 29 February 1900 that never was.
        let days = n.floor() as i64;
        if !(1..=2_958_465).contains(&days) {
            return None;
        }
        return NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(chrono::Duration::days(days));
    }
    let text = cell.text()?;
    let t = text.trim();
    let t = t.split(['T', ' ']).next().filter(|d| d.len() == 10 && d.as_bytes()[4] == b'-').unwrap_or(t);
    if let Some(d) = validate::parse_date(t) {
        return Some(d);
    }
    for f in ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(t, f) {
            return Some(d);
        }
    }
    let parts: Vec<&str> = t.split_whitespace().collect();
    if let [day, month, year] = parts.as_slice() {
        let month = month_of(month)?;
        return NaiveDate::from_ymd_opt(year.parse().ok()?, month, day.trim_end_matches('.').parse().ok()?);
    }
    None
}

fn month_of(name: &str) -> Option<u32> {
    const MONTHS: [&[&str]; 12] = [
        &["januari", "january", "jan"],
        &["februari", "february", "feb", "pebruari"],
        &["maret", "march", "mar"],
        &["april", "apr"],
        &["mei", "may"],
        &["juni", "june", "jun"],
        &["juli", "july", "jul"],
        &["agustus", "august", "agu", "aug", "agt"],
        &["september", "sep", "sept"],
        &["oktober", "october", "okt", "oct"],
        &["november", "nov", "nop"],
        &["desember", "december", "des", "dec"],
    ];
    let m = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().position(|names| names.contains(&m.as_str())).map(|i| i as u32 + 1)
}

/// A code of a list by its code or by either label, whatever the case and spacing.
fn code_of(list: &CodeList, text: &str) -> Option<&'static str> {
    let t = collapse(text);
    if let Some(c) = list.codes.iter().find(|c| c.code == t) {
        return Some(c.code);
    }
    let lower = t.to_lowercase();
    list.codes
        .iter()
        .find(|c| c.code.to_lowercase() == lower || c.id.to_lowercase() == lower || c.en.to_lowercase() == lower)
        .map(|c| c.code)
}

/// Several codes in one cell: split at `;`, and a part that is no code at `,` too (labels such
/// as "Agriculture, forestry and fishing" hold commas).
fn codes_of(list: &CodeList, text: &str) -> Result<Vec<&'static str>, ()> {
    let mut out = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        match code_of(list, part) {
            Some(c) => out.push(c),
            None => {
                for sub in part.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    out.push(code_of(list, sub).ok_or(())?);
                }
            }
        }
    }
    Ok(out)
}

/// A kabupaten/kota by its code or its name ("Timor Tengah Utara", "Kabupaten Timor Tengah
/// Utara", "Kota Kupang").
fn regency_of(text: &str) -> Option<String> {
    let t = collapse(text);
    if validate::is_regency(&t) {
        return Some(t);
    }
    let lower = t.to_lowercase();
    regencies::REGENCIES
        .iter()
        .find(|(_, kind, name)| {
            name.to_lowercase() == lower || regencies::full_name(*kind, name).to_lowercase() == lower
        })
        .map(|(code, _, _)| code.to_string())
}

/// The value of one cell for a field of the schema, or the problem with it.
fn value_of(kind: FieldKind, cell: &Cell) -> Result<Value, Problem> {
    let text = cell.text().unwrap_or_default();
    let unknown = |list: &CodeList| Problem::UnknownCode {
        list: list.name,
        examples: list.codes.iter().take(3).map(|c| c.code).collect(),
    };
    Ok(match kind {
        FieldKind::Date => Value::String(date_of(cell).ok_or(Problem::BadDate)?.format("%Y-%m-%d").to_string()),
        FieldKind::Bool => match (cell, text.to_lowercase().as_str()) {
            (Cell::Bool(b), _) => Value::Bool(*b),
            (_, "ya" | "yes" | "y" | "true" | "1" | "x" | "✓" | "benar") => Value::Bool(true),
            (_, "tidak" | "no" | "n" | "false" | "0" | "salah") => Value::Bool(false),
            _ => return Err(Problem::NotYesNo),
        },
        FieldKind::Int => Value::from(text.parse::<i64>().map_err(|_| Problem::NotANumber)?),
        FieldKind::Code(list) => Value::String(code_of(list, &text).ok_or_else(|| unknown(list))?.to_string()),
        FieldKind::Codes(list) => {
            Value::Array(codes_of(list, &text).map_err(|_| unknown(list))?.into_iter().map(Value::from).collect())
        }
        FieldKind::Texts => Value::Array(
            text.split(';').map(str::trim).filter(|t| !t.is_empty()).map(|t| Value::String(t.into())).collect(),
        ),
        FieldKind::Province => {
            Value::String(code_of(&codes::PROVINCE, &text).ok_or(Problem::UnknownProvince)?.to_string())
        }
        FieldKind::Regency => Value::String(regency_of(&text).ok_or(Problem::BadRegency)?),
        _ => Value::String(text),
    })
}

/// Builds the case document of one row, with the problems of its cells.
fn row_doc(row: u32, cells: &[Cell], layout: &Layout) -> RowDoc {
    let mut victim = Map::new();
    let mut case = Map::new();
    let mut consent = Map::new();
    let mut events = Vec::new();
    let mut notes = Vec::new();
    let mut problems = Vec::new();
    for (col, cell) in cells.iter().enumerate() {
        let Some(Some(target)) = layout.targets.get(col) else { continue };
        if cell.is_empty() {
            continue;
        }
        let column = layout.headers[col].clone();
        let (map, def, field) = match *target {
            Target::Victim(f) => (&mut victim, &PERSON, f),
            Target::Case(f) => (&mut case, &CASE, f),
            Target::Consent(f) => (&mut consent, &CONSENT, f),
            Target::EventPlace(kind) => {
                events.push(serde_json::json!({"type": kind, "place": cell.text()}));
                continue;
            }
            Target::Note(label) => {
                let text = match date_of(cell) {
                    Some(d) if matches!(cell, Cell::Number(_)) => d.format("%Y-%m-%d").to_string(),
                    _ => cell.text().unwrap_or_default(),
                };
                notes.push(format!("{label}: {text}"));
                continue;
            }
            Target::Ignored => continue,
        };
        let Some(fdef) = def.field(field) else { continue };
        // Two columns for one field (home and mobile phone): the first filled one stays.
        if map.contains_key(field) {
            continue;
        }
        match value_of(fdef.kind, cell) {
            Ok(v) => {
                map.insert(field.to_string(), v);
            }
            Err(problem) => problems.push(RowProblem { row, column, problem }),
        }
    }
    let mut doc = Map::new();
    let group = |m: &Map<String, Value>, prefix: &str| -> Map<String, Value> {
        m.iter().filter_map(|(k, v)| k.strip_prefix(prefix).map(|rest| (rest.to_string(), v.clone()))).collect()
    };
    let mut victim_doc: Map<String, Value> =
        victim.iter().filter(|(k, _)| !k.starts_with("address_")).map(|(k, v)| (k.clone(), v.clone())).collect();
    let address = group(&victim, "address_");
    if !address.is_empty() {
        victim_doc.insert("address".into(), Value::Object(address));
    }
    doc.insert("victim".into(), Value::Object(victim_doc));
    for (k, v) in &case {
        if !k.starts_with("intake_") {
            doc.insert(k.clone(), v.clone());
        }
    }
    let intake = group(&case, "intake_");
    if !intake.is_empty() {
        doc.insert("intake".into(), Value::Object(intake));
    }
    if !consent.is_empty() {
        doc.insert("consent".into(), Value::Object(consent));
    }
    if !events.is_empty() {
        doc.insert("events".into(), Value::Array(events));
    }
    if !notes.is_empty() {
        doc.insert("notes".into(), serde_json::json!([{"body": notes.join("\n")}]));
    }
    // The key of the row's content: the same row read again is the same case.
    let canonical = serde_json::to_string(&doc).unwrap_or_default();
    let key =
        data_encoding::HEXLOWER.encode(ring::digest::digest(&ring::digest::SHA256, canonical.as_bytes()).as_ref());
    RowDoc { row, doc: Value::Object(doc), key, problems, victim }
}

/// The header shown for a document path, for the problems the whole-document check finds.
fn column_for(path: &str, layout: &Layout) -> String {
    let field = path.rsplit('.').next().unwrap_or(path);
    let wanted = |t: &Target| match *t {
        Target::Victim(f) => path.starts_with("victim.") && f.trim_start_matches("address_") == field,
        Target::Case(f) => !path.starts_with("victim.") && f.trim_start_matches("intake_") == field,
        Target::Consent(f) => path.starts_with("consent.") && f == field,
        _ => false,
    };
    for (col, target) in layout.targets.iter().enumerate() {
        if target.as_ref().is_some_and(wanted) {
            return layout.headers[col].clone();
        }
    }
    // No such column: name the field as HTCDS labels it where it has one.
    COLUMNS
        .iter()
        .find(|(t, _)| wanted(t))
        .and_then(|(_, names)| names.get(1))
        .map_or_else(|| path.to_string(), |n| n.to_string())
}

/// Reads a file and checks every row against the store: the report of a dry run, with the
/// documents of the valid rows not yet imported.
fn read(
    store: &Store,
    path: &Path,
    clock: &dyn Clock,
) -> Result<(ImportReport, Vec<(RowDoc, String)>), SpreadsheetError> {
    let grids = read_grids(path)?;
    let Some((grid, layout)) = grids.iter().find_map(|g| layout(g).map(|l| (g, l))) else {
        return Err(SpreadsheetError::NoColumns);
    };
    let mut report = ImportReport::default();
    for (header, target) in layout.headers.iter().zip(&layout.targets) {
        if header.is_empty() {
            continue;
        }
        match target {
            Some(Target::Ignored) | None => report.columns_ignored.push(header.clone()),
            Some(_) => report.columns_read.push(header.clone()),
        }
    }
    let known: BTreeSet<String> = {
        // Only this district's own imports: a case another district sent, whatever key it
        // carries, never makes a row here count as imported (a hostile sender could otherwise
        // hide rows of a file it expects this district to import).
        let mut stmt =
            store.conn.prepare("SELECT source_key FROM case_file WHERE source_key IS NOT NULL AND district = ?1")?;
        let rows = stmt.query_map([&store.identity().district], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let today = today(clock);
    let mut valid = Vec::new();
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for (row, cells) in grid.rows.iter().skip(layout.data_from) {
        // A row with only its number (the toolkit numbers 1,000 empty rows) is no record.
        let filled = cells
            .iter()
            .enumerate()
            .filter(|(col, c)| {
                !c.is_empty() && layout.targets.get(*col).is_some_and(|t| t.is_some_and(|t| t != Target::Ignored))
            })
            .count();
        if filled == 0 {
            continue;
        }
        report.rows += 1;
        let mut rd = row_doc(*row, cells, &layout);
        if let Err(invalid) = cases::check(&rd.doc, today) {
            for p in invalid.0 {
                let column = column_for(&p.field, &layout);
                // A cell already reported (a date nobody can read) is not "required" as well.
                if !rd.problems.iter().any(|q| q.column == column) {
                    rd.problems.push(RowProblem { row: *row, column, problem: p.problem });
                }
            }
        }
        if !rd.problems.is_empty() {
            report.with_problems += 1;
            report.problems.append(&mut rd.problems);
            continue;
        }
        if known.contains(&rd.key) {
            report.already_imported += 1;
            continue;
        }
        if let Some(first) = seen.get(&rd.key) {
            // The same row twice in one file is one case.
            report.duplicates.push(RowDuplicate { row: *row, case_number: None, other_row: Some(*first) });
            report.already_imported += 1;
            continue;
        }
        seen.insert(rd.key.clone(), *row);
        report.valid += 1;
        let key = rd.key.clone();
        valid.push((rd, key));
    }
    report.duplicates.extend(duplicates(store, &valid)?);
    Ok((report, valid))
}

/// Rows whose victim shares a NIK, or a name and a birth date, with a case in the store or with
/// an earlier row of the file.
fn duplicates(store: &Store, rows: &[(RowDoc, String)]) -> Result<Vec<RowDuplicate>, SpreadsheetError> {
    let strong = |victim: &Map<String, Value>| -> Vec<BTreeSet<String>> {
        let keys = victim_keys::keys(victim);
        let mut groups: Vec<BTreeSet<String>> =
            keys.iter().filter(|k| k.starts_with("nik:")).map(|k| BTreeSet::from([k.clone()])).collect();
        let born: Vec<&String> = keys.iter().filter(|k| k.starts_with("born:")).collect();
        for name in keys.iter().filter(|k| k.starts_with("name:")) {
            for b in &born {
                groups.push(BTreeSet::from([name.clone(), (*b).clone()]));
            }
        }
        groups
    };
    let mut stmt = store.conn.prepare_cached(
        "SELECT c.case_number FROM victim_key k JOIN case_file c ON c.id = k.case_id WHERE k.key = ?1",
    )?;
    let mut out = Vec::new();
    let mut earlier: Vec<(u32, Vec<BTreeSet<String>>)> = Vec::new();
    for (rd, _) in rows {
        let groups = strong(&rd.victim);
        let mut found = BTreeSet::new();
        for group in &groups {
            let mut common: Option<BTreeSet<String>> = None;
            for key in group {
                let cases: BTreeSet<String> = stmt
                    .query_map([key], |r| r.get::<_, Option<String>>(0))?
                    .filter_map(|r| r.ok().flatten())
                    .collect();
                common = Some(match common {
                    None => cases,
                    Some(c) => c.intersection(&cases).cloned().collect(),
                });
            }
            found.extend(common.unwrap_or_default());
        }
        for number in found {
            out.push(RowDuplicate { row: rd.row, case_number: Some(number), other_row: None });
        }
        if let Some((other, _)) = earlier.iter().find(|(_, g)| g.iter().any(|x| groups.contains(x))) {
            out.push(RowDuplicate { row: rd.row, case_number: None, other_row: Some(*other) });
        }
        earlier.push((rd.row, groups));
    }
    Ok(out)
}

/// Reads a file and reports what an import would do; writes nothing.
pub fn dry_run(store: &Store, path: &Path, clock: &dyn Clock) -> Result<ImportReport, SpreadsheetError> {
    store.require(crate::model::roles::Permission::WriteRecords).map_err(CaseError::from)?;
    Ok(read(store, path, clock)?.0)
}

/// Imports every valid row not imported before, as new cases, in one transaction (all of them
/// or, if anything fails, none). Rows with problems are left out and reported.
pub fn import(
    store: &mut Store,
    path: &Path,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
) -> Result<ImportReport, SpreadsheetError> {
    store.require(crate::model::roles::Permission::WriteRecords).map_err(CaseError::from)?;
    let (mut report, valid) = read(store, path, clock)?;
    if valid.is_empty() {
        return Ok(report);
    }
    let docs: Vec<Value> = valid
        .into_iter()
        .map(|(rd, key)| {
            let mut doc = rd.doc;
            doc["source_key"] = Value::String(key);
            doc
        })
        .collect();
    // The check above reported the possible duplicates; they are not looked for again.
    let created = cases::create_many_with(store, &docs, clock, entropy, false)?;
    report.imported = created.into_iter().map(|c| c.case_number).collect();
    Ok(report)
}

impl From<rusqlite::Error> for SpreadsheetError {
    fn from(e: rusqlite::Error) -> Self {
        SpreadsheetError::Case(e.into())
    }
}

/// What a column of the HTCDS workbook Lintas writes holds.
#[derive(Debug, Clone, Copy)]
enum Out {
    /// A field of the victim, a code list's English label for codes.
    Victim(&'static str),
    Case(&'static str),
    Consent(&'static str),
    /// The places of the case's events of this type.
    EventPlace(&'static str),
    /// A column of the toolkit Lintas keeps nothing for.
    Blank,
}

/// The HTCDS toolkit's columns in its order (its field names, one misspelling included, so
/// that its users' macros still find them), each labelled as HTCDS labels it.
const TOOLKIT: &[(&str, &str, Out)] = &[
    ("cas_CaseOwner", "Case Owner", Out::Blank),
    ("prs_Salutation", "Salutation", Out::Blank),
    ("prs_FirstName", "First Name", Out::Victim("first_name")),
    ("prs_SecondName", "Second Name", Out::Victim("second_name")),
    ("con_Consent", "Consent", Out::Consent("interview")),
    ("prs_Birthdate", "Birthdate", Out::Victim("birthdate")),
    ("prs_Gender", "Gender", Out::Victim("gender")),
    ("prs_Citizenship", "Citizenship", Out::Victim("citizenship")),
    ("prs_Title", "Title", Out::Blank),
    ("prs_Email", "Email", Out::Blank),
    ("prs_HomePhone", "Home Phone", Out::Blank),
    ("prs_MobilePhone", "Mobile Phone", Out::Victim("phone")),
    ("prs_MailingStreet", "Mailing Street", Out::Victim("address_street")),
    ("prs_MailingCity", "Mailing City", Out::Victim("address_regency")),
    ("prs_MailingState", "Mailing State/Province", Out::Victim("address_province")),
    ("prs_MailingPostalCode", "Mailing Zip/Postal Code", Out::Blank),
    ("prs_MailingCountry", "Mailing Country", Out::Blank),
    ("vic_TraffickingStatus", "Trafficking Status", Out::Case("trafficking_status")),
    (
        "vic_TraffickinStatusDecisionMakingOrg",
        "Trafficking Status Decision Making Organization",
        Out::Case("status_decided_by"),
    ),
    ("vic_MethodOfRecruitment", "Method of Recruitment", Out::Case("method_of_recruitment")),
    ("vic_LocationOfRecruitment", "Location of Recruitment", Out::EventPlace("Recruitment")),
    ("vic_MethodsOfControl", "Methods of Control", Out::Case("means_of_control")),
    ("vic_TypeOfExploitation", "Type of Exploitation", Out::Case("type_of_exploitation")),
    ("vic_ForcedLabourIndustry", "Forced Labour Industry", Out::Case("forced_labour_industry")),
    ("vic_TypeOfSexExploitation", "Type of Sex Exploitation", Out::Case("type_of_sex_exploitation")),
    ("vic_LocationOfExploitation", "Location of Exploitation", Out::EventPlace("Exploitation")),
    ("cas_Status", "Status", Out::Case("status")),
    ("cas_ReferringOrganisation", "Referring Organisation", Out::Blank),
    ("cas_IncomingReferralDate", "Incoming Referral Date", Out::Case("intake_date")),
    ("cas_ReferringPrimaryCaseWorker", "Referring Primary Case Worker", Out::Blank),
    ("cas_ReasonForIncomingReferral", "Reason for Incoming Referral", Out::Blank),
    ("cas_IncomingReferralDetails", "Incoming Referral Details", Out::Blank),
    ("cas_ReferredOrganisation", "Referred Organisation", Out::Blank),
    ("cas_ReferredPrimaryCaseWorker", "Referred Primary Case Worker", Out::Blank),
    ("cas_ReasonForOutgoingReferral", "Reason for Outgoing Referral", Out::Blank),
    ("cas_OutgoingReferralDate", "Outgoing Referral Date", Out::Blank),
    ("cas_OutgoingReferralDetails", "Outgoing Referral Details", Out::Blank),
    ("cas_ReasonForCaseClosure", "Reason for Case Closure", Out::Case("closure_reason")),
];

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SpreadsheetWritten {
    pub path: std::path::PathBuf,
    pub cases: u32,
}

/// The text of one field of a document for the workbook: codes as their HTCDS (English)
/// labels, several joined with "; ", kabupaten/kota and provinces by name, yes/no for a check.
fn cell_text(kind: FieldKind, v: &Value) -> String {
    let label = |list: &CodeList, code: &str| list.get(code).map_or_else(|| code.to_string(), |c| c.en.to_string());
    match (kind, v) {
        (_, Value::Null) => String::new(),
        (FieldKind::Code(list), Value::String(c)) => label(list, c),
        (FieldKind::Codes(list), Value::Array(items)) => {
            items.iter().filter_map(Value::as_str).map(|c| label(list, c)).collect::<Vec<_>>().join("; ")
        }
        (FieldKind::Province, Value::String(c)) => label(&codes::PROVINCE, c),
        (FieldKind::Regency, Value::String(c)) => regencies::name_of(c).unwrap_or_else(|| c.clone()),
        (FieldKind::Bool, Value::Bool(b)) => if *b { "Yes" } else { "No" }.to_string(),
        (_, Value::String(s)) => s.clone(),
        (_, Value::Array(items)) => items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("; "),
        (_, other) => other.to_string(),
    }
}

/// Writes every case the operator may export to a workbook in the HTCDS toolkit's layout (a
/// hidden row of field names, a row of labels, then one row per case), for IOM and partners
/// who use the toolkit. Only what the operator's role reads is written; every cell is text
/// (a value beginning with `=` stays text, never a formula). Logged in the access log.
pub fn export_htcds(store: &Store, out: &Path, clock: &dyn Clock) -> Result<SpreadsheetWritten, SpreadsheetError> {
    use rust_xlsxwriter::{Format, Workbook};
    store.require(crate::model::roles::Permission::ExportRecords).map_err(CaseError::from)?;
    let ids: Vec<String> = {
        let mut stmt = store.conn.prepare("SELECT id FROM case_file ORDER BY case_number")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let failed = |_| SpreadsheetError::Unwritable;
    sheet.set_name("Case Sheet").map_err(failed)?;
    let bold = Format::new().set_bold();
    for (col, (name, label, _)) in TOOLKIT.iter().enumerate() {
        let col = col as u16 + 1;
        sheet.write_string(0, col, *name).map_err(failed)?;
        sheet.write_string_with_format(1, col, *label, &bold).map_err(failed)?;
    }
    sheet.set_row_hidden(0).map_err(failed)?;
    for (i, id) in ids.iter().enumerate() {
        let row = i as u32 + 2;
        let doc = cases::show(store, id)?;
        let victim = doc.get("victim").cloned().unwrap_or(Value::Null);
        sheet.write_number(row, 0, (i + 1) as f64).map_err(failed)?;
        for (col, (_, _, what)) in TOOLKIT.iter().enumerate() {
            let col = col as u16 + 1;
            let text = match *what {
                Out::Victim(f) => {
                    let v = match f.strip_prefix("address_") {
                        Some(part) => victim.get("address").and_then(|a| a.get(part)),
                        None => victim.get(f),
                    };
                    PERSON.field(f).map(|d| cell_text(d.kind, v.unwrap_or(&Value::Null))).unwrap_or_default()
                }
                Out::Case(f) => {
                    let v = match f.strip_prefix("intake_") {
                        Some(part) => doc.get("intake").and_then(|a| a.get(part)),
                        None => doc.get(f),
                    };
                    CASE.field(f).map(|d| cell_text(d.kind, v.unwrap_or(&Value::Null))).unwrap_or_default()
                }
                Out::Consent(f) => {
                    let v = doc.get("consent").and_then(|c| c.get(f));
                    CONSENT.field(f).map(|d| cell_text(d.kind, v.unwrap_or(&Value::Null))).unwrap_or_default()
                }
                Out::EventPlace(kind) => doc["events"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|e| e["type"] == kind)
                    .filter_map(|e| e["place"].as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
                Out::Blank => String::new(),
            };
            if !text.is_empty() {
                sheet.write_string(row, col, &text).map_err(failed)?;
            }
        }
    }
    let bytes = book.save_to_buffer().map_err(failed)?;
    // Written beside the destination and renamed into place: a workbook is whole or absent.
    let mut partial = out.as_os_str().to_os_string();
    partial.push(".partial");
    let partial = std::path::PathBuf::from(partial);
    let written = std::fs::write(&partial, &bytes).and_then(|()| std::fs::rename(&partial, out));
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
        return Err(SpreadsheetError::Unwritable);
    }
    let sha = data_encoding::HEXLOWER.encode(ring::digest::digest(&ring::digest::SHA256, &bytes).as_ref());
    crate::log::access::record(store, crate::log::access::Action::ExportSpreadsheet, &sha, clock)
        .map_err(|e| SpreadsheetError::Case(crate::log::oplog::OpLogError::from(e).into()))?;
    Ok(SpreadsheetWritten { path: out.to_path_buf(), cases: ids.len() as u32 })
}

/// Entry points for the fuzzer (`fuzz/`) and for the regression test over its corpus.
#[doc(hidden)]
pub mod fuzzing {
    use super::*;

    /// Reads bytes as a CSV and as a workbook, lays out each table and builds every row's
    /// document and duplicate keys, as an import does before its checks. Must never panic and
    /// never stall. Returns the rows built.
    pub fn read(data: &[u8]) -> usize {
        let mut grids = Vec::new();
        if let Ok(g) = read_csv(data) {
            grids.push(g);
        }
        if let Ok(g) = workbook_grids(data.to_vec()) {
            grids.extend(g);
        }
        let today = NaiveDate::from_ymd_opt(2026, 1, 2).expect("a date");
        let mut rows = 0;
        for grid in &grids {
            let Some(layout) = layout(grid) else { continue };
            for (row, cells) in grid.rows.iter().skip(layout.data_from) {
                let rd = row_doc(*row, cells, &layout);
                let _ = cases::check(&rd.doc, today);
                let _ = victim_keys::keys(&rd.victim);
                rows += 1;
            }
        }
        rows
    }

    /// Seeds for the corpus: a toolkit-like CSV with `;`, and a small workbook in the toolkit's
    /// layout, each with rows that read.
    pub fn seeds() -> Vec<(&'static str, Vec<u8>)> {
        let csv = "\u{feff}Nama depan;NIK;Tanggal intake;Type of Exploitation;Citizenship\n\
                   Maria;5303015102040001;20/09/2019;Forced labour; Sexual exploitation;Indonesia\n\
                   Yohana;;43728;ForcedLabour;ID, MY\n";
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let header = ["", "prs_FirstName", "prs_Birthdate", "cas_IncomingReferralDate"];
        let labels = ["", "First Name", "Birthdate", "Incoming Referral Date"];
        for (c, (name, label)) in header.iter().zip(labels).enumerate() {
            let _ = sheet.write_string(0, c as u16, *name);
            let _ = sheet.write_string(1, c as u16, label);
        }
        let _ = sheet.write_number(2, 0, 1.0);
        let _ = sheet.write_string(2, 1, "Maria");
        let _ = sheet.write_number(2, 2, 38028.0);
        let _ = sheet.write_string(2, 3, "20 September 2019");
        let xlsx = book.save_to_buffer().unwrap_or_default();
        vec![("toolkit-csv", csv.as_bytes().to_vec()), ("toolkit-xlsx", xlsx)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::ambient::{FixedClock, SeededEntropy};
    use rust_xlsxwriter::Workbook;

    /// The toolkit's first columns as IOM ships them: a hidden row of field names (one
    /// misspelled, one missing, and the mailing names in another order than their labels), the
    /// visible labels, a numbered column, and numbered empty rows below the data.
    const NAMES: [&str; 12] = [
        "",
        "cas_CaseOwner",
        "prs_FirstName",
        "prs_SecondName",
        "prs_Birthdate",
        "prs_Gender",
        "prs_Citizenship",
        "prs_MailingCity",
        "vic_TraffickinStatusDecisionMakingOrg",
        "vic_TypeOfExploitation",
        "cas_IncomingReferralDate",
        "",
    ];
    const LABELS: [&str; 12] = [
        "",
        "Case Owner",
        "First Name",
        "Second Name",
        "Birthdate",
        "Gender",
        "Citizenship",
        "Mailing Street",
        "Trafficking Status Decision Making Organization",
        "Type of Exploitation",
        "Incoming Referral Date",
        "Reason for Outgoing Referral",
    ];

    enum W {
        S(&'static str),
        N(f64),
    }

    fn toolkit(path: &Path, rows: &[Vec<W>]) {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("Case Sheet").unwrap();
        for (c, name) in NAMES.iter().enumerate() {
            sheet.write_string(0, c as u16, *name).unwrap();
            sheet.write_string(1, c as u16, LABELS[c]).unwrap();
        }
        sheet.set_row_hidden(0).unwrap();
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 2;
            sheet.write_number(r, 0, (r - 1) as f64).unwrap();
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    W::S(s) => sheet.write_string(r, c as u16 + 1, *s).unwrap(),
                    W::N(n) => sheet.write_number(r, c as u16 + 1, *n).unwrap(),
                };
            }
        }
        // Numbered rows nobody filled, as in the template.
        for r in rows.len() as u32 + 2..rows.len() as u32 + 40 {
            sheet.write_number(r, 0, (r - 1) as f64).unwrap();
        }
        book.save(path).unwrap();
    }

    fn setup() -> (tempfile::TempDir, Store, FixedClock, SeededEntropy) {
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::new(chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap(), 5);
        let store = crate::setup::test_store(&dir.path().join("s"), "53.03", 1, &clock);
        (dir, store, clock, SeededEntropy::new(7))
    }

    #[test]
    fn the_toolkit_workbook_as_a_task_force_fills_it() {
        let (dir, mut store, clock, e) = setup();
        let path = dir.path().join("kasus.xlsx");
        use W::{N, S};
        toolkit(
            &path,
            &[
                // Labels with stray spaces and any case, a country name, `;` and `,` between
                // values, an Excel serial date (43728 = 2019-09-20) and a text date.
                vec![
                    S("Petugas A"),
                    S("Maria"),
                    S("Taek"),
                    S("11 Februari 2004"),
                    S(" feminine "),
                    S("Indonesia"),
                    S("Jl. Sudirman 1"),
                    S("POLICE"),
                    S("Forced labour; sexual exploitation"),
                    N(43728.0),
                ],
                vec![
                    S(""),
                    S("Yohana"),
                    S("Bria"),
                    N(36892.0),
                    S("Feminine"),
                    S("ID, MY"),
                    S(""),
                    S("NGO"),
                    S("ForcedLabour"),
                    S("2020-01-15"),
                ],
                // A gender nobody knows and a date that is none: two problems, one row.
                vec![
                    S(""),
                    S("Agustina"),
                    S(""),
                    S("31/02/2001"),
                    S("Perempuan?"),
                    S(""),
                    S(""),
                    S(""),
                    S(""),
                    S("20 Agustus 2019"),
                ],
                // No first name: the whole-document check names the column by its label.
                vec![S(""), S(""), S("Seran"), S(""), S(""), S(""), S(""), S(""), S(""), S("2019-08-01")],
            ],
        );
        let before = crate::log::audit::state_digest(&store).unwrap();
        let report = dry_run(&store, &path, &clock).unwrap();
        assert_eq!(crate::log::audit::state_digest(&store).unwrap(), before, "a dry run writes nothing");
        assert_eq!((report.rows, report.valid, report.with_problems), (4, 2, 2), "{report:#?}");
        let problems: Vec<(u32, &str, &str)> =
            report.problems.iter().map(|p| (p.row, p.column.as_str(), p.problem.code())).collect();
        assert_eq!(
            problems,
            [(5, "Birthdate", "bad_date"), (5, "Gender", "unknown_code"), (6, "First Name", "required")],
        );
        // The visible label wins over the hidden name; unknown headers are reported, not read.
        assert!(report.columns_read.contains(&"Trafficking Status Decision Making Organization".to_string()));
        assert!(report.columns_ignored.contains(&"Case Owner".to_string()), "{:?}", report.columns_ignored);
        // Nothing in the report repeats a value.
        let json = serde_json::to_string(&report).unwrap();
        for value in ["Maria", "Agustina", "Perempuan", "Seran", "31/02"] {
            assert!(!json.contains(value), "{value} in {json}");
        }

        let done = import(&mut store, &path, &clock, &e).unwrap();
        assert_eq!(done.imported.len(), 2);
        let maria = cases::show(&store, &done.imported[0]).unwrap();
        assert_eq!(maria["victim"]["birthdate"], "2004-02-11");
        assert_eq!(maria["victim"]["gender"], "Feminine");
        assert_eq!(maria["victim"]["citizenship"], serde_json::json!(["ID"]));
        assert_eq!(maria["victim"]["address"]["street"], "Jl. Sudirman 1");
        assert_eq!(maria["status_decided_by"], "Police");
        assert_eq!(maria["type_of_exploitation"], serde_json::json!(["ForcedLabour", "SexualExploitation"]));
        assert_eq!(maria["intake"]["date"], "2019-09-20");
        let yohana = cases::show(&store, &done.imported[1]).unwrap();
        assert_eq!(yohana["victim"]["birthdate"], "2001-01-01");
        assert_eq!(yohana["victim"]["citizenship"], serde_json::json!(["ID", "MY"]));

        // The macro-enabled toolkit (.xlsm) is the same workbook to the reader.
        let xlsm = dir.path().join("kasus.xlsm");
        std::fs::copy(&path, &xlsm).unwrap();
        assert_eq!(dry_run(&store, &xlsm, &clock).unwrap().problems, report.problems);

        // The same file again adds nothing; the rows are recognised.
        let digest = crate::log::audit::state_digest(&store).unwrap();
        let again = import(&mut store, &path, &clock, &e).unwrap();
        assert_eq!((again.valid, again.already_imported, again.imported.len()), (0, 2, 0));
        assert_eq!(crate::log::audit::state_digest(&store).unwrap(), digest);
    }

    #[test]
    fn csv_files_as_excel_writes_them_and_duplicates_are_flagged() {
        let (dir, mut store, clock, e) = setup();
        let existing = serde_json::json!({"victim": {"first_name": "Maria", "identity_number": "5303015102040001"},
            "intake": {"date": "2019-09-20"}});
        let known = cases::create(&mut store, &existing, &clock, &e).unwrap();
        // UTF-8 with a byte-order mark, `;` between fields, Lintas keys and Indonesian labels.
        let csv = "\u{feff}Nama depan;NIK;Tanggal intake;victim.address.regency;Jenis eksploitasi;Kolom lain\n\
                   Mariana;5303015102040001;20-09-2019;Timor Tengah Utara;Kerja paksa;x\n\
                   Siti;;01/10/2019;Kota Kupang;;y\n\
                   Siti;;01/10/2019;Kota Kupang;;y\n\
                   ;;;;;\n";
        let path = dir.path().join("daftar.csv");
        std::fs::write(&path, csv).unwrap();
        let report = dry_run(&store, &path, &clock).unwrap();
        assert_eq!((report.rows, report.valid, report.with_problems), (3, 2, 0), "{report:#?}");
        assert_eq!(report.columns_ignored, ["Kolom lain"]);
        // The NIK is already in the store; the third row repeats the second.
        assert!(report.duplicates.contains(&RowDuplicate {
            row: 2,
            case_number: Some(known.case_number.clone()),
            other_row: None
        }));
        assert!(report.duplicates.contains(&RowDuplicate { row: 4, case_number: None, other_row: Some(3) }));
        let done = import(&mut store, &path, &clock, &e).unwrap();
        assert_eq!(done.imported.len(), 2);
        let siti = cases::show(&store, &done.imported[1]).unwrap();
        assert_eq!(siti["victim"]["address"]["regency"], "53.71");

        // A comma-separated file with quoted fields, and a file no header of which Lintas knows.
        let path = dir.path().join("list.csv");
        std::fs::write(
            &path,
            "First Name,Birthdate,Incoming Referral Date\n\"Yohana\",\"2001-01-01\",\"2020-02-02\"\n",
        )
        .unwrap();
        assert_eq!(dry_run(&store, &path, &clock).unwrap().valid, 1);
        // A long header of an unknown column is cut in the report.
        let long = "Catatan tentang Maria Taek dari Maubesi yang dipulangkan lewat Nunukan tahun 2019";
        std::fs::write(&path, format!("First Name,Incoming Referral Date,{long}\nYohana,2020-02-02,x\n")).unwrap();
        let cut = dry_run(&store, &path, &clock).unwrap();
        assert_eq!(cut.columns_ignored.len(), 1);
        assert!(cut.columns_ignored[0].chars().count() <= 61 && !cut.columns_ignored[0].contains("2019"));
        // An intake date nobody can read is one problem, not also "required".
        std::fs::write(&path, "First Name,Incoming Referral Date\nYohana,kemarin\n").unwrap();
        let one = dry_run(&store, &path, &clock).unwrap();
        let codes: Vec<&str> = one.problems.iter().map(|p| p.problem.code()).collect();
        assert_eq!(codes, ["bad_date"]);
        std::fs::write(&path, "a,b,c\n1,2,3\n").unwrap();
        assert!(matches!(dry_run(&store, &path, &clock), Err(SpreadsheetError::NoColumns)));
        let path = dir.path().join("notes.txt.docx");
        std::fs::write(&path, "x").unwrap();
        assert!(matches!(dry_run(&store, &path, &clock), Err(SpreadsheetError::UnknownKind)));
        let path = dir.path().join("broken.xlsx");
        std::fs::write(&path, b"PK\x03\x04 not really").unwrap();
        assert!(matches!(dry_run(&store, &path, &clock), Err(SpreadsheetError::Unreadable)));
    }

    #[test]
    fn the_htcds_workbook_written_and_read_back_gives_the_same_cases() {
        let (dir, mut store, clock, e) = setup();
        let docs = [
            serde_json::json!({
                "victim": {"first_name": "Maria", "second_name": "Taek", "birthdate": "2004-02-11", "gender": "Feminine",
                    "citizenship": ["ID"], "phone": "081234567890",
                    "address": {"province": "53", "regency": "53.03", "street": "=HYPERLINK(\"http://x\")"}},
                "trafficking_status": "PossibleVictimOfTrafficking", "status_decided_by": "Police",
                "type_of_exploitation": ["SexualExploitation", "ForcedLabour"],
                "forced_labour_industry": "A_AgricultureForestryAndFishing",
                "means_of_control": ["DebtBondage"], "status": "FollowUp",
                "intake": {"date": "2019-09-20"}, "consent": {"interview": true},
                "events": [{"type": "Recruitment", "place": "Kefamenanu"}, {"type": "Exploitation", "place": "Tawau"}]
            }),
            serde_json::json!({"victim": {"first_name": "Yohana"}, "intake": {"date": "2020-01-15"},
                "closure_reason": "Kembali ke keluarga", "status": "Closed"}),
        ];
        for d in &docs {
            cases::create(&mut store, d, &clock, &e).unwrap();
        }
        let path = dir.path().join("htcds.xlsx");
        let written = export_htcds(&store, &path, &clock).unwrap();
        assert_eq!(written.cases, 2);
        let log = crate::log::access::list(&store, 0, 5).unwrap();
        assert!(log.iter().any(|entry| entry.action == "export_spreadsheet"));
        assert!(!dir.path().join("htcds.xlsx.partial").exists());

        let other = dir.path().join("other");
        let mut empty = crate::setup::test_store(&other, "53.04", 2, &clock);
        let report = import(&mut empty, &path, &clock, &e).unwrap();
        assert_eq!((report.valid, report.with_problems, report.imported.len()), (2, 0, 2), "{report:#?}");
        let carried = |doc: &Value| {
            let mut out = doc.clone();
            let o = out.as_object_mut().unwrap();
            for k in [
                "id",
                "case_number",
                "district",
                "is_child",
                "attachments",
                "source_key",
                "notes",
                "witnesses",
                "family_contacts",
                "perpetrators",
                "services",
                "followups",
                "plans",
                "assessments",
            ] {
                o.remove(k);
            }
            o.get_mut("victim").and_then(Value::as_object_mut).map(|v| v.remove("id"));
            for e in o.get_mut("events").and_then(Value::as_array_mut).into_iter().flatten() {
                e.as_object_mut().map(|e| e.remove("id"));
            }
            out
        };
        for (number, again) in written_numbers(&store).iter().zip(&report.imported) {
            let a = carried(&cases::show(&store, number).unwrap());
            let b = carried(&cases::show(&empty, again).unwrap());
            assert_eq!(a, b, "{number} and {again} differ");
        }
        // A value that looks like a formula stays text.
        let again = cases::show(&empty, &report.imported[0]).unwrap();
        assert_eq!(again["victim"]["address"]["street"], "=HYPERLINK(\"http://x\")");
    }

    fn written_numbers(store: &Store) -> Vec<String> {
        let mut stmt = store.conn.prepare("SELECT case_number FROM case_file ORDER BY case_number").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    }

    /// Damaged copies of the seeds (bytes flipped, cut short) never crash the reader.
    #[test]
    fn damaged_spreadsheets_never_panic() {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for (_, seed) in fuzzing::seeds() {
            for _ in 0..300 {
                let mut bytes = seed.clone();
                for _ in 0..1 + next() % 4 {
                    let at = (next() as usize) % bytes.len();
                    bytes[at] ^= (next() % 255 + 1) as u8;
                }
                if next() % 4 == 0 {
                    bytes.truncate((next() as usize) % bytes.len());
                }
                fuzzing::read(&bytes);
            }
        }
    }

    #[test]
    fn dates_in_the_forms_people_write_them() {
        let d = |s: &str| date_of(&Cell::Text(s.into())).map(|d| d.to_string());
        assert_eq!(d("2019-09-20").as_deref(), Some("2019-09-20"));
        assert_eq!(d("20/09/2019").as_deref(), Some("2019-09-20"));
        assert_eq!(d("20-09-2019").as_deref(), Some("2019-09-20"));
        assert_eq!(d("20 September 2019").as_deref(), Some("2019-09-20"));
        assert_eq!(d("20 Sep 2019").as_deref(), Some("2019-09-20"));
        assert_eq!(d("17 Agustus 1945").as_deref(), Some("1945-08-17"));
        assert_eq!(d("2019-09-20T00:00:00").as_deref(), Some("2019-09-20"));
        assert_eq!(d("31/02/2019"), None);
        assert_eq!(d("kemarin"), None);
        assert_eq!(date_of(&Cell::Number(43728.0)).map(|d| d.to_string()).as_deref(), Some("2019-09-20"));
        assert_eq!(date_of(&Cell::Number(-3.0)), None);
    }
}
