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
//! The file is read row by row (`source`) and each valid row written as it is read, so memory
//! does not grow with the file; no plaintext copy is written anywhere. The HTCDS layout is
//! written back out by `export`.

mod export;
mod source;

pub use export::{export_htcds, SpreadsheetWritten};
use source::{collapse, Cell, Flow, Rows};

use crate::index::victim_keys;
use crate::model::codes::{self, CodeList};
use crate::model::regencies;
use crate::model::schema::{FieldKind, CASE, CONSENT, PERSON};
use crate::model::validate::{self, Problem};
use crate::records::cases::{self, today, CaseError};
use crate::store::Store;
use crate::support::ambient::{Clock, Entropy};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeSet, HashMap};
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
    /// The workbook's file could not be put where it was asked for (a full or pulled stick).
    #[error("the workbook's file could not be written: {0}")]
    NotWritten(#[source] std::io::Error),
    #[error(transparent)]
    Case(#[from] CaseError),
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

/// Rows among which the header rows are looked for, at the top of a sheet.
const HEADER_ROWS: usize = 5;

/// Problems, duplicates and case numbers listed in a report at most; the counts are whole.
/// Nobody reads ten thousand lines: a file with that many problems needs fixing at its source.
pub const LISTED: usize = 500;

/// The columns of a sheet: the header rows among its first five (rows naming at least two
/// columns Lintas knows), each column's target (the last header row's wins: the visible
/// labels, under the toolkit's hidden names) and the row data starts after.
struct Layout {
    headers: Vec<String>,
    targets: Vec<Option<Target>>,
    data_from: usize,
}

fn layout(head: &[(u32, Vec<Cell>)]) -> Option<Layout> {
    let mut headers: Vec<String> = Vec::new();
    let mut targets: Vec<Option<Target>> = Vec::new();
    let mut data_from = None;
    for (i, (_, cells)) in head.iter().take(HEADER_ROWS).enumerate() {
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
    /// The first problems (at most [`LISTED`]: 500), in row order.
    pub problems: Vec<RowProblem>,
    /// Problems found beyond those listed.
    pub problems_not_listed: u32,
    /// The first rows (at most 500) whose victim may be someone known.
    pub duplicates: Vec<RowDuplicate>,
    /// Such rows beyond those listed.
    pub duplicates_not_listed: u32,
    /// Headers of the columns read, and of those not read.
    pub columns_read: Vec<String>,
    pub columns_ignored: Vec<String>,
    /// Cases written (none on a dry run).
    pub imported: u32,
    /// The first of their case numbers (at most 500).
    pub imported_cases: Vec<String>,
}

impl ImportReport {
    fn problem(&mut self, p: RowProblem) {
        if self.problems.len() < LISTED {
            self.problems.push(p);
        } else {
            self.problems_not_listed = self.problems_not_listed.saturating_add(1);
        }
    }

    fn duplicate(&mut self, d: RowDuplicate) {
        if self.duplicates.len() < LISTED {
            self.duplicates.push(d);
        } else {
            self.duplicates_not_listed = self.duplicates_not_listed.saturating_add(1);
        }
    }
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
        FieldKind::Int | FieldKind::Count => Value::from(text.parse::<i64>().map_err(|_| Problem::NotANumber)?),
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

/// The first sheet with a header layout, its data rows handed to `data` one by one as they
/// are read.
struct Table<F> {
    /// The top rows of the sheet being read, until its layout is known.
    head: Vec<(u32, Vec<Cell>)>,
    layout: Option<Layout>,
    data: F,
}

impl<F: FnMut(u32, &[Cell], &Layout) -> Result<(), SpreadsheetError>> Table<F> {
    fn new(data: F) -> Self {
        Table { head: Vec::new(), layout: None, data }
    }

    /// Decides the layout from the rows at the top of the sheet: with one, the data rows among
    /// them are handed on; without, the sheet is left.
    fn decide(&mut self) -> Result<Flow, SpreadsheetError> {
        let head = std::mem::take(&mut self.head);
        let Some(layout) = layout(&head) else { return Ok(Flow::NextSheet) };
        for (number, cells) in &head[layout.data_from..] {
            (self.data)(*number, cells, &layout)?;
        }
        self.layout = Some(layout);
        Ok(Flow::Go)
    }
}

impl<F: FnMut(u32, &[Cell], &Layout) -> Result<(), SpreadsheetError>> Rows for Table<F> {
    fn row(&mut self, number: u32, cells: Vec<Cell>) -> Result<Flow, SpreadsheetError> {
        if let Some(layout) = &self.layout {
            (self.data)(number, &cells, layout)?;
            return Ok(Flow::Go);
        }
        self.head.push((number, cells));
        if self.head.len() < HEADER_ROWS {
            return Ok(Flow::Go);
        }
        self.decide()
    }

    fn end(&mut self) -> Result<Flow, SpreadsheetError> {
        if self.layout.is_none() && !self.head.is_empty() {
            self.decide()?;
        }
        // Only the first sheet with a layout is read.
        Ok(if self.layout.is_some() { Flow::Stop } else { Flow::Go })
    }
}

/// A 64-bit digest of a text, for recognising rows and keys within one file without holding
/// them: a collision can at worst flag two rows as possibly the same person.
fn digest64(parts: &BTreeSet<String>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

/// The checks of every row, as the rows go by: what the report says, and what recognises a row
/// seen before. Holds a few bytes per row, never the rows.
struct Check {
    report: ImportReport,
    district: String,
    today: NaiveDate,
    /// Row keys (their first 128 bits) of the valid rows so far, with their row numbers.
    seen: HashMap<u128, u32>,
    /// Each strong victim key of a valid row so far (a NIK; a name with a birth date), with the
    /// first row that had it.
    earlier: HashMap<u64, u32>,
}

impl Check {
    fn new(district: &str, clock: &dyn Clock) -> Check {
        Check {
            report: ImportReport::default(),
            district: district.to_string(),
            today: today(clock),
            seen: HashMap::new(),
            earlier: HashMap::new(),
        }
    }

    fn columns(&mut self, layout: &Layout) {
        for (header, target) in layout.headers.iter().zip(&layout.targets) {
            if header.is_empty() {
                continue;
            }
            match target {
                Some(Target::Ignored) | None => self.report.columns_ignored.push(header.clone()),
                Some(_) => self.report.columns_read.push(header.clone()),
            }
        }
    }

    /// Checks one row: its problems, whether it was imported before or came earlier in the
    /// file, and whom it may duplicate. Returns the row's document when it is to be imported.
    /// `conn` sees the store as it was before this file: rows written by an import in progress
    /// are in no index yet.
    fn row(
        &mut self,
        conn: &Connection,
        row: u32,
        cells: &[Cell],
        layout: &Layout,
    ) -> Result<Option<RowDoc>, SpreadsheetError> {
        // A row with only its number (the toolkit numbers 1,000 empty rows) is no record.
        let filled = cells.iter().enumerate().any(|(col, c)| {
            !c.is_empty() && layout.targets.get(col).is_some_and(|t| t.is_some_and(|t| t != Target::Ignored))
        });
        if !filled {
            return Ok(None);
        }
        self.report.rows += 1;
        let mut rd = row_doc(row, cells, layout);
        if let Err(invalid) = cases::check(&rd.doc, self.today) {
            for p in invalid.0 {
                let column = column_for(&p.field, layout);
                // A cell already reported (a date nobody can read) is not "required" as well.
                if !rd.problems.iter().any(|q| q.column == column) {
                    rd.problems.push(RowProblem { row, column, problem: p.problem });
                }
            }
        }
        if !rd.problems.is_empty() {
            self.report.with_problems += 1;
            for p in std::mem::take(&mut rd.problems) {
                self.report.problem(p);
            }
            return Ok(None);
        }
        let key = u128::from_str_radix(&rd.key[..32], 16).unwrap_or_default();
        if let Some(first) = self.seen.get(&key) {
            // The same row twice in one file is one case.
            self.report.duplicate(RowDuplicate { row, case_number: None, other_row: Some(*first) });
            self.report.already_imported += 1;
            return Ok(None);
        }
        // Only this district's own imports: a case another district sent, whatever key it
        // carries, never makes a row here count as imported (a hostile sender could otherwise
        // hide rows of a file it expects this district to import).
        let before: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM case_file WHERE source_key = ?1 AND district = ?2)")?
            .query_row((&rd.key, &self.district), |r| r.get(0))?;
        if before {
            self.report.already_imported += 1;
            return Ok(None);
        }
        self.seen.insert(key, row);
        self.report.valid += 1;
        self.duplicates(conn, &rd)?;
        Ok(Some(rd))
    }

    /// Flags a row whose victim shares a NIK, or a name and a birth date, with a case in the
    /// store or with an earlier row of the file.
    fn duplicates(&mut self, conn: &Connection, rd: &RowDoc) -> Result<(), SpreadsheetError> {
        let keys = victim_keys::keys(&rd.victim);
        let mut groups: Vec<BTreeSet<String>> =
            keys.iter().filter(|k| k.starts_with("nik:")).map(|k| BTreeSet::from([k.clone()])).collect();
        let born: Vec<&String> = keys.iter().filter(|k| k.starts_with("born:")).collect();
        for name in keys.iter().filter(|k| k.starts_with("name:")) {
            for b in &born {
                groups.push(BTreeSet::from([name.clone(), (*b).clone()]));
            }
        }
        let mut stmt = conn.prepare_cached(
            "SELECT c.case_number FROM victim_key k JOIN case_file c ON c.id = k.case_id WHERE k.key = ?1",
        )?;
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
            self.report.duplicate(RowDuplicate { row: rd.row, case_number: Some(number), other_row: None });
        }
        let mut other = None;
        for group in &groups {
            let first = *self.earlier.entry(digest64(group)).or_insert(rd.row);
            if first != rd.row && other.is_none() {
                other = Some(first);
            }
        }
        if let Some(other) = other {
            self.report.duplicate(RowDuplicate { row: rd.row, case_number: None, other_row: Some(other) });
        }
        Ok(())
    }

    /// The report, once every row was read: a file in which no sheet names the columns Lintas
    /// reads is refused.
    fn finish(mut self, layout: Option<&Layout>) -> Result<ImportReport, SpreadsheetError> {
        let Some(layout) = layout else { return Err(SpreadsheetError::NoColumns) };
        self.columns(layout);
        Ok(self.report)
    }
}

/// Reads a file and reports what an import would do; writes nothing. `progress` hears how far
/// the reading got (done of total).
pub fn dry_run(
    store: &Store,
    path: &Path,
    clock: &dyn Clock,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ImportReport, SpreadsheetError> {
    store.require(crate::model::roles::Permission::WriteRecords).map_err(CaseError::from)?;
    let mut check = Check::new(&store.identity().district, clock);
    let mut table =
        Table::new(|row, cells: &[Cell], layout: &Layout| check.row(&store.conn, row, cells, layout).map(drop));
    source::read_file(path, &mut table, progress)?;
    let layout = table.layout;
    check.finish(layout.as_ref())
}

/// Imports every valid row not imported before, as new cases, in one transaction (all of them
/// or, if anything fails, none). Rows with problems are left out and reported. Each row is
/// written as it is read; the ops are sealed every [`SEAL_EVERY`] cases, so that what the
/// transaction holds in memory does not grow with the file.
pub fn import(
    store: &mut Store,
    path: &Path,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ImportReport, SpreadsheetError> {
    store.require(crate::model::roles::Permission::WriteRecords).map_err(CaseError::from)?;
    store.with_long_write_cache(|store| import_rows(store, path, clock, entropy, progress))
}

fn import_rows(
    store: &mut Store,
    path: &Path,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ImportReport, SpreadsheetError> {
    let district = store.identity().district.clone();
    let role = store.role();
    let ids = crate::support::ambient::DistrictIds::new(entropy, &district);
    let mut check = Check::new(&district, clock);
    let mut written: Vec<String> = Vec::new();
    let mut count: u32 = 0;
    let mut batch = store.batch(clock).map_err(CaseError::from)?;
    let mut table = Table::new(|row, cells: &[Cell], layout: &Layout| {
        let Some(rd) = check.row(batch.conn(), row, cells, layout)? else { return Ok(()) };
        let mut doc = rd.doc;
        doc["source_key"] = Value::String(rd.key);
        let number = cases::create_in(&mut batch, role, &district, &doc, clock, &ids)?;
        count += 1;
        if written.len() < LISTED {
            written.push(number);
        }
        if count.is_multiple_of(SEAL_EVERY) {
            batch.seal_appended().map_err(CaseError::from)?;
        }
        Ok(())
    });
    source::read_file(path, &mut table, progress)?;
    let layout = table.layout;
    let mut report = check.finish(layout.as_ref())?;
    if count > 0 {
        batch.commit().map_err(CaseError::from)?;
    }
    report.imported = count;
    report.imported_cases = written;
    Ok(report)
}

/// Cases written between two seals of an import's ops.
pub const SEAL_EVERY: u32 = 1000;

impl From<rusqlite::Error> for SpreadsheetError {
    fn from(e: rusqlite::Error) -> Self {
        SpreadsheetError::Case(e.into())
    }
}

/// Entry points for the fuzzer (`fuzz/`) and for the regression test over its corpus.
#[doc(hidden)]
pub mod fuzzing {
    use super::*;

    /// Reads bytes as a CSV and as a workbook, lays out each table and builds every row's
    /// document and duplicate keys, as an import does before its checks. Must never panic and
    /// never stall. Returns the rows built.
    pub fn read(data: &[u8]) -> usize {
        let today = NaiveDate::from_ymd_opt(2026, 1, 2).expect("a date");
        let mut rows = 0;
        let mut each = |row: u32, cells: &[Cell], layout: &Layout| {
            let rd = row_doc(row, cells, layout);
            let _ = cases::check(&rd.doc, today);
            let _ = victim_keys::keys(&rd.victim);
            rows += 1;
            Ok(())
        };
        let input = std::io::BufReader::new(data);
        let _ = source::read_csv(input, data.len() as u64, &mut Table::new(&mut each), &mut |_, _| {});
        let _ = source::read_workbook(data, &mut Table::new(&mut each), &mut |_, _| {});
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
        let report = dry_run(&store, &path, &clock, &mut |_, _| {}).unwrap();
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

        let done = import(&mut store, &path, &clock, &e, &mut |_, _| {}).unwrap();
        assert_eq!(done.imported as usize, 2);
        let maria = cases::show(&store, &done.imported_cases[0]).unwrap();
        assert_eq!(maria["victim"]["birthdate"], "2004-02-11");
        assert_eq!(maria["victim"]["gender"], "Feminine");
        assert_eq!(maria["victim"]["citizenship"], serde_json::json!(["ID"]));
        assert_eq!(maria["victim"]["address"]["street"], "Jl. Sudirman 1");
        assert_eq!(maria["status_decided_by"], "Police");
        assert_eq!(maria["type_of_exploitation"], serde_json::json!(["ForcedLabour", "SexualExploitation"]));
        assert_eq!(maria["intake"]["date"], "2019-09-20");
        let yohana = cases::show(&store, &done.imported_cases[1]).unwrap();
        assert_eq!(yohana["victim"]["birthdate"], "2001-01-01");
        assert_eq!(yohana["victim"]["citizenship"], serde_json::json!(["ID", "MY"]));

        // The macro-enabled toolkit (.xlsm) is the same workbook to the reader.
        let xlsm = dir.path().join("kasus.xlsm");
        std::fs::copy(&path, &xlsm).unwrap();
        assert_eq!(dry_run(&store, &xlsm, &clock, &mut |_, _| {}).unwrap().problems, report.problems);

        // The same file again adds nothing; the rows are recognised.
        let digest = crate::log::audit::state_digest(&store).unwrap();
        let again = import(&mut store, &path, &clock, &e, &mut |_, _| {}).unwrap();
        assert_eq!((again.valid, again.already_imported, again.imported as usize), (0, 2, 0));
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
        let report = dry_run(&store, &path, &clock, &mut |_, _| {}).unwrap();
        assert_eq!((report.rows, report.valid, report.with_problems), (3, 2, 0), "{report:#?}");
        assert_eq!(report.columns_ignored, ["Kolom lain"]);
        // The NIK is already in the store; the third row repeats the second.
        assert!(report.duplicates.contains(&RowDuplicate {
            row: 2,
            case_number: Some(known.case_number.clone()),
            other_row: None
        }));
        assert!(report.duplicates.contains(&RowDuplicate { row: 4, case_number: None, other_row: Some(3) }));
        let done = import(&mut store, &path, &clock, &e, &mut |_, _| {}).unwrap();
        assert_eq!(done.imported as usize, 2);
        let siti = cases::show(&store, &done.imported_cases[1]).unwrap();
        assert_eq!(siti["victim"]["address"]["regency"], "53.71");

        // A comma-separated file with quoted fields, and a file no header of which Lintas knows.
        let path = dir.path().join("list.csv");
        std::fs::write(
            &path,
            "First Name,Birthdate,Incoming Referral Date\n\"Yohana\",\"2001-01-01\",\"2020-02-02\"\n",
        )
        .unwrap();
        assert_eq!(dry_run(&store, &path, &clock, &mut |_, _| {}).unwrap().valid, 1);
        // A long header of an unknown column is cut in the report.
        let long = "Catatan tentang Maria Taek dari Maubesi yang dipulangkan lewat Nunukan tahun 2019";
        std::fs::write(&path, format!("First Name,Incoming Referral Date,{long}\nYohana,2020-02-02,x\n")).unwrap();
        let cut = dry_run(&store, &path, &clock, &mut |_, _| {}).unwrap();
        assert_eq!(cut.columns_ignored.len(), 1);
        assert!(cut.columns_ignored[0].chars().count() <= 61 && !cut.columns_ignored[0].contains("2019"));
        // An intake date nobody can read is one problem, not also "required".
        std::fs::write(&path, "First Name,Incoming Referral Date\nYohana,kemarin\n").unwrap();
        let one = dry_run(&store, &path, &clock, &mut |_, _| {}).unwrap();
        let codes: Vec<&str> = one.problems.iter().map(|p| p.problem.code()).collect();
        assert_eq!(codes, ["bad_date"]);
        std::fs::write(&path, "a,b,c\n1,2,3\n").unwrap();
        assert!(matches!(dry_run(&store, &path, &clock, &mut |_, _| {}), Err(SpreadsheetError::NoColumns)));
        let path = dir.path().join("notes.txt.docx");
        std::fs::write(&path, "x").unwrap();
        assert!(matches!(dry_run(&store, &path, &clock, &mut |_, _| {}), Err(SpreadsheetError::UnknownKind)));
        let path = dir.path().join("broken.xlsx");
        std::fs::write(&path, b"PK\x03\x04 not really").unwrap();
        assert!(matches!(dry_run(&store, &path, &clock, &mut |_, _| {}), Err(SpreadsheetError::Unreadable)));
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
        let report = import(&mut empty, &path, &clock, &e, &mut |_, _| {}).unwrap();
        assert_eq!((report.valid, report.with_problems, report.imported as usize), (2, 0, 2), "{report:#?}");
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
        for (number, again) in written_numbers(&store).iter().zip(&report.imported_cases) {
            let a = carried(&cases::show(&store, number).unwrap());
            let b = carried(&cases::show(&empty, again).unwrap());
            assert_eq!(a, b, "{number} and {again} differ");
        }
        // A value that looks like a formula stays text.
        let again = cases::show(&empty, &report.imported_cases[0]).unwrap();
        assert_eq!(again["victim"]["address"]["street"], "=HYPERLINK(\"http://x\")");
    }

    /// An OpenDocument spreadsheet (.ods) as LibreOffice saves the toolkit: a hidden row of
    /// names, the labels, typed date and number cells, text cells, and a thousand empty rows
    /// written as one repeated row. No crate writes .ods, so the test writes its XML.
    fn ods(path: &Path, rows: &[&str]) {
        use std::io::Write;
        let text =
            |s: &str| format!("<table:table-cell office:value-type=\"string\"><text:p>{s}</text:p></table:table-cell>");
        let names = [
            "prs_FirstName",
            "prs_Birthdate",
            "prs_Gender",
            "prs_Citizenship",
            "vic_TypeOfExploitation",
            "cas_IncomingReferralDate",
            "",
        ];
        let labels = [
            "First Name",
            "Birthdate",
            "Gender",
            "Citizenship",
            "Type of Exploitation",
            "Incoming Referral Date",
            "NIK",
        ];
        let row = |cells: Vec<String>| format!("<table:table-row>{}</table:table-row>", cells.concat());
        let mut sheet = format!(
            "<table:table-row table:visibility=\"collapse\"><table:table-cell/>{}</table:table-row>",
            names.iter().map(|n| text(n)).collect::<String>()
        );
        sheet.push_str(&row(std::iter::once("<table:table-cell/>".to_string())
            .chain(labels.iter().map(|l| text(l)))
            .collect()));
        for r in rows {
            sheet.push_str(&format!("<table:table-row><table:table-cell/>{r}</table:table-row>"));
        }
        sheet.push_str("<table:table-row table:number-rows-repeated=\"1000\"><table:table-cell table:number-columns-repeated=\"8\"/></table:table-row>");
        let content = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
             <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
             xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
             xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
             <office:body><office:spreadsheet><table:table table:name=\"Case Sheet\">{sheet}</table:table>\
             </office:spreadsheet></office:body></office:document-content>"
        );
        let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
            <manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
            <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
            <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
        let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        let deflated = zip::write::SimpleFileOptions::default();
        zip.start_file("mimetype", stored).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
        zip.start_file("META-INF/manifest.xml", deflated).unwrap();
        zip.write_all(manifest.as_bytes()).unwrap();
        zip.start_file("content.xml", deflated).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
        zip.finish().unwrap();
    }

    #[test]
    fn an_opendocument_spreadsheet_reads_as_the_toolkit_does() {
        let (dir, mut store, clock, e) = setup();
        let path = dir.path().join("kasus.ods");
        let date = |d: &str| {
            format!("<table:table-cell office:value-type=\"date\" office:date-value=\"{d}\"><text:p>{d}</text:p></table:table-cell>")
        };
        let text =
            |s: &str| format!("<table:table-cell office:value-type=\"string\"><text:p>{s}</text:p></table:table-cell>");
        let number = |n: &str| {
            format!("<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{n}</text:p></table:table-cell>")
        };
        ods(
            &path,
            &[
                // Typed cells: dates, and a NIK the sheet keeps as a number.
                &[
                    text("Maria"),
                    date("2004-02-11"),
                    text(" feminine "),
                    text("Indonesia"),
                    text("Forced labour; sexual exploitation"),
                    date("2019-09-20"),
                    number("5303015102040001"),
                ]
                .concat(),
                // Text cells, as typed, with the Indonesian month.
                &[
                    text("Yohana"),
                    text("01/01/2001"),
                    text("Feminine"),
                    text("ID, MY"),
                    text("ForcedLabour"),
                    text("20 Agustus 2019"),
                ]
                .concat(),
                // A date nobody can read.
                &[text("Agustina"), text("31/02/2004"), text("Feminine"), text(""), text(""), date("2019-09-21")]
                    .concat(),
            ],
        );
        let report = dry_run(&store, &path, &clock, &mut |_, _| {}).unwrap();
        assert_eq!((report.rows, report.valid, report.with_problems), (3, 2, 1), "{report:#?}");
        let problems: Vec<(u32, &str, &str)> =
            report.problems.iter().map(|p| (p.row, p.column.as_str(), p.problem.code())).collect();
        assert_eq!(problems, [(5, "Birthdate", "bad_date")]);
        let done = import(&mut store, &path, &clock, &e, &mut |_, _| {}).unwrap();
        assert_eq!(done.imported, 2);
        let maria = cases::show(&store, &done.imported_cases[0]).unwrap();
        assert_eq!(maria["victim"]["birthdate"], "2004-02-11");
        assert_eq!(maria["victim"]["gender"], "Feminine");
        assert_eq!(maria["victim"]["identity_number"], "5303015102040001");
        assert_eq!(maria["type_of_exploitation"], serde_json::json!(["ForcedLabour", "SexualExploitation"]));
        assert_eq!(maria["intake"]["date"], "2019-09-20");
        let yohana = cases::show(&store, &done.imported_cases[1]).unwrap();
        assert_eq!(yohana["victim"]["birthdate"], "2001-01-01");
        assert_eq!(yohana["victim"]["citizenship"], serde_json::json!(["ID", "MY"]));
        assert_eq!(yohana["intake"]["date"], "2019-08-20");
        let again = import(&mut store, &path, &clock, &e, &mut |_, _| {}).unwrap();
        assert_eq!((again.imported, again.already_imported), (0, 2));
    }

    /// A CSV of `n` valid rows (distinct people) and `bad` rows without a first name.
    fn many_rows(n: usize, bad: usize) -> String {
        let mut csv = String::from("First Name;Second Name;Birthdate;Incoming Referral Date\n");
        for i in 0..n {
            csv.push_str(&format!("Orang{i};Keluarga{i};{:02}/{:02}/1990;20/09/2019\n", i % 28 + 1, i % 12 + 1));
        }
        for i in 0..bad {
            csv.push_str(&format!(";Keluarga{i};01/01/1990;20/09/2019\n"));
        }
        csv
    }

    #[test]
    fn a_long_file_is_written_whole_or_not_at_all_and_its_report_stays_short() {
        let (dir, mut store, clock, e) = setup();
        // More rows than one seal holds, then a line that is not UTF-8: the import fails after
        // writing rows, and the store is as it was.
        let n = SEAL_EVERY as usize + 200;
        let mut bytes = many_rows(n, 0).into_bytes();
        bytes.extend_from_slice(b"Orang\xff;Rusak;01/01/1990;20/09/2019\n");
        let path = dir.path().join("panjang.csv");
        std::fs::write(&path, &bytes).unwrap();
        let before = crate::log::audit::state_digest(&store).unwrap();
        let failed = import(&mut store, &path, &clock, &e, &mut |_, _| {});
        assert!(matches!(failed, Err(SpreadsheetError::Unreadable)), "{failed:?}");
        assert_eq!(crate::log::audit::state_digest(&store).unwrap(), before, "a failed import left rows behind");
        assert!(written_numbers(&store).is_empty());

        // The same rows, readable, with more problems than a report lists: every count is whole,
        // the lists are cut, and progress goes forward to the end.
        std::fs::write(&path, many_rows(n, LISTED + 7)).unwrap();
        let size = std::fs::metadata(&path).unwrap().len();
        let mut heard = Vec::new();
        let done = import(&mut store, &path, &clock, &e, &mut |d, t| heard.push((d, t))).unwrap();
        assert_eq!((done.valid, done.imported, done.with_problems), (n as u32, n as u32, (LISTED + 7) as u32));
        assert_eq!((done.problems.len(), done.problems_not_listed), (LISTED, 7));
        assert_eq!(done.imported_cases.len(), LISTED);
        assert_eq!(written_numbers(&store).len(), n);
        assert!(heard.windows(2).all(|w| w[0].0 <= w[1].0), "progress went back");
        assert_eq!(heard.last(), Some(&(size, size)));
        crate::log::audit::verify(&store).unwrap();
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
