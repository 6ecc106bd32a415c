//! What both shells read from people and name files with, so that they do it alike: ids typed
//! on the command line or sent by the UI (a malformed id is "not found" of its kind, the same
//! answer as an id that names nothing), and the names of the files the desktop app writes into a
//! folder the person chose.

use crate::error::{Error, ErrorCode};
use chrono::NaiveDateTime;
use uuid::Uuid;

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdOf {
    Operator,
    Referral,
    Attachment,
    Device,
    Link,
    Person,
    Organisation,
    Assessment,
    /// An activity, a training or a programme.
    Record,
}

impl IdOf {
    fn not_found(self) -> ErrorCode {
        match self {
            IdOf::Operator => ErrorCode::OperatorNotFound,
            IdOf::Referral => ErrorCode::ReferralNotFound,
            IdOf::Attachment => ErrorCode::AttachmentNotFound,
            IdOf::Device => ErrorCode::DeviceNotFound,
            IdOf::Link => ErrorCode::LinkNotFound,
            IdOf::Person => ErrorCode::PersonNotFound,
            IdOf::Organisation => ErrorCode::OrganisationNotFound,
            IdOf::Assessment => ErrorCode::AssessmentNotFound,
            IdOf::Record => ErrorCode::RecordNotFound,
        }
    }
}

/// Reads an id as a person typed or pasted it (spaces around it, any case).
pub fn parse_id(text: &str, of: IdOf) -> Result<Uuid, Error> {
    text.trim().parse().map_err(|_| Error::new(of.not_found()))
}

/// A district code without its dot, as file names carry it (`65.03` → `6503`).
fn compact(district: &str) -> String {
    district.trim().replace('.', "")
}

/// A bundle's file name: from and to which district, and when (local time).
pub fn bundle_file_name(from: &str, to: &str, at: NaiveDateTime) -> String {
    format!("lintas-{}-ke-{}-{}.lintas", compact(from), compact(to), at.format("%Y%m%d-%H%M%S"))
}

/// A backup's file name: the district and when (local time).
pub fn backup_file_name(district: &str, at: NaiveDateTime) -> String {
    format!("lintas-cadangan-{}-{}.lintas-backup", compact(district), at.format("%Y%m%d-%H%M%S"))
}

/// The HTCDS workbook's file name: the district and when (local time). No personal data.
pub fn htcds_file_name(district: &str, at: NaiveDateTime) -> String {
    format!("lintas-htcds-{}-{}.xlsx", compact(district), at.format("%Y%m%d-%H%M%S"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_read_alike_and_a_malformed_one_is_not_found_of_its_kind() {
        let id = Uuid::from_u128(42);
        assert_eq!(parse_id(&format!("  {}\n", id.to_string().to_uppercase()), IdOf::Device).unwrap(), id);
        for (of, code) in
            [(IdOf::Operator, ErrorCode::OperatorNotFound), (IdOf::Attachment, ErrorCode::AttachmentNotFound)]
        {
            assert_eq!(parse_id("bukan-id", of).unwrap_err().code, code);
        }
    }

    #[test]
    fn file_names_carry_districts_and_time_and_nothing_personal() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap().and_hms_opt(9, 5, 7).unwrap();
        assert_eq!(bundle_file_name("65.03", " 53.03 ", at), "lintas-6503-ke-5303-20261203-090507.lintas");
        assert_eq!(backup_file_name("65.03", at), "lintas-cadangan-6503-20261203-090507.lintas-backup");
    }
}
