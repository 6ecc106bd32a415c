//! The HTCDS toolkit's layout written from the store: one row per case with the toolkit's
//! columns and value labels, for IOM and partners who use the toolkit.

use super::SpreadsheetError;
use crate::model::codes::{self, CodeList};
use crate::model::regencies;
use crate::model::schema::{FieldKind, CASE, CONSENT, PERSON};
use crate::records::cases::{self, CaseError};
use crate::store::Store;
use crate::support::ambient::Clock;
use serde::Serialize;
use serde_json::Value;
use std::path::Path;

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
    // A workbook is whole or absent, and logged if and only if it was written.
    let sha = data_encoding::HEXLOWER.encode(ring::digest::digest(&ring::digest::SHA256, &bytes).as_ref());
    crate::log::access::write_logged(store, crate::log::access::Action::ExportSpreadsheet, &sha, clock, out, &bytes)
        .map_err(|e| SpreadsheetError::Case(crate::log::oplog::OpLogError::from(e).into()))?
        .map_err(SpreadsheetError::NotWritten)?;
    Ok(SpreadsheetWritten { path: out.to_path_buf(), cases: ids.len() as u32 })
}
