//! The boundary error: what the CLI and the desktop shell show.
//!
//! Every core module has its own error enum; at the boundary they become one [`Error`] with a
//! stable [`ErrorCode`] (scripts and the UI rely on it), an exit code, a detail safe to show and
//! the problem of each invalid field. No words: the shells say, in Bahasa Indonesia or English,
//! what happened and what to do next (the CLI in `src/wording.rs`, the app in its catalogue).
//! Nothing here carries personal data: database errors are reduced to their SQLite result code
//! before they get here.

use crate::log::audit::AuditError;
use crate::log::oplog::OpLogError;
use crate::log::view::ViewError;
use crate::model::validate::{FieldProblem, Invalid, Problem};
use crate::records::cases::CaseError;
use crate::store::keyfile::KeyError;
use crate::store::migrate::MigrateError;
use crate::store::StoreError;

/// Stable codes: scripts and the UI rely on them (`as_str`, and the same names in JSON and in
/// the generated TypeScript union).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum ErrorCode {
    WrongPassphrase,
    WrongRecoveryKey,
    MistypedRecoveryKey,
    RecoveryKeyNeeded,
    StoreBusy,
    StoreLocked,
    StoreNotFound,
    StoreExists,
    StoreNotEncrypted,
    StoreDamaged,
    StoreTooNew,
    WeakPassphrase,
    NoPassphrase,
    InvalidRecord,
    InvalidInput,
    CaseNotFound,
    AttachmentNotFound,
    LinkNotFound,
    OrganisationNotFound,
    RecordNotFound,
    NotAnAggregate,
    AggregateTampered,
    AggregateUntrusted,
    AggregateOtherProvince,
    AggregatePeriods,
    AggregateTwice,
    AssessmentNotFound,
    NotABestInterestAssessment,
    NotASpreadsheet,
    SpreadsheetUnreadable,
    SpreadsheetNoColumns,
    SpreadsheetTooLarge,
    AttachmentTooLarge,
    AuditFailed,
    NotABundle,
    BundleVersion,
    BundleIncomplete,
    BundleTampered,
    UntrustedSender,
    RevokedSender,
    WrongRecipient,
    Impersonation,
    NoRecipient,
    BundleReadBack,
    NotABackup,
    BackupVersion,
    BackupIncomplete,
    BackupDamaged,
    BackupReadBack,
    NotACard,
    FingerprintMismatch,
    OwnCard,
    DeviceNotFound,
    ReferralNotFound,
    NotReceiver,
    AlreadyDecided,
    NotAccepted,
    ConsentMissing,
    ConflictNotFound,
    NotAConflictVersion,
    Forbidden,
    NotAuthorised,
    PassphraseInUse,
    OperatorNotFound,
    LastCoordinator,
    PersonNotFound,
    AlertNotFound,
    FileInUse,
    DiskFull,
    DestinationFull,
    DestinationLost,
    SourceUnreadable,
    Io,
    Internal,
}

impl ErrorCode {
    /// Every code, for the tests that keep the names in step.
    pub const ALL: [ErrorCode; 74] = [
        ErrorCode::WrongPassphrase,
        ErrorCode::WrongRecoveryKey,
        ErrorCode::MistypedRecoveryKey,
        ErrorCode::RecoveryKeyNeeded,
        ErrorCode::StoreBusy,
        ErrorCode::StoreLocked,
        ErrorCode::StoreNotFound,
        ErrorCode::StoreExists,
        ErrorCode::StoreNotEncrypted,
        ErrorCode::StoreDamaged,
        ErrorCode::StoreTooNew,
        ErrorCode::WeakPassphrase,
        ErrorCode::NoPassphrase,
        ErrorCode::InvalidRecord,
        ErrorCode::InvalidInput,
        ErrorCode::CaseNotFound,
        ErrorCode::AttachmentNotFound,
        ErrorCode::LinkNotFound,
        ErrorCode::OrganisationNotFound,
        ErrorCode::RecordNotFound,
        ErrorCode::NotAnAggregate,
        ErrorCode::AggregateTampered,
        ErrorCode::AggregateUntrusted,
        ErrorCode::AggregateOtherProvince,
        ErrorCode::AggregatePeriods,
        ErrorCode::AggregateTwice,
        ErrorCode::AssessmentNotFound,
        ErrorCode::NotABestInterestAssessment,
        ErrorCode::NotASpreadsheet,
        ErrorCode::SpreadsheetUnreadable,
        ErrorCode::SpreadsheetNoColumns,
        ErrorCode::SpreadsheetTooLarge,
        ErrorCode::AttachmentTooLarge,
        ErrorCode::AuditFailed,
        ErrorCode::NotABundle,
        ErrorCode::BundleVersion,
        ErrorCode::BundleIncomplete,
        ErrorCode::BundleTampered,
        ErrorCode::UntrustedSender,
        ErrorCode::RevokedSender,
        ErrorCode::WrongRecipient,
        ErrorCode::Impersonation,
        ErrorCode::NoRecipient,
        ErrorCode::BundleReadBack,
        ErrorCode::NotABackup,
        ErrorCode::BackupVersion,
        ErrorCode::BackupIncomplete,
        ErrorCode::BackupDamaged,
        ErrorCode::BackupReadBack,
        ErrorCode::NotACard,
        ErrorCode::FingerprintMismatch,
        ErrorCode::OwnCard,
        ErrorCode::DeviceNotFound,
        ErrorCode::ReferralNotFound,
        ErrorCode::NotReceiver,
        ErrorCode::AlreadyDecided,
        ErrorCode::NotAccepted,
        ErrorCode::ConsentMissing,
        ErrorCode::ConflictNotFound,
        ErrorCode::NotAConflictVersion,
        ErrorCode::Forbidden,
        ErrorCode::NotAuthorised,
        ErrorCode::PassphraseInUse,
        ErrorCode::OperatorNotFound,
        ErrorCode::LastCoordinator,
        ErrorCode::PersonNotFound,
        ErrorCode::AlertNotFound,
        ErrorCode::FileInUse,
        ErrorCode::DiskFull,
        ErrorCode::DestinationFull,
        ErrorCode::DestinationLost,
        ErrorCode::SourceUnreadable,
        ErrorCode::Io,
        ErrorCode::Internal,
    ];

    pub fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            WrongPassphrase => "wrong_passphrase",
            WrongRecoveryKey => "wrong_recovery_key",
            MistypedRecoveryKey => "mistyped_recovery_key",
            RecoveryKeyNeeded => "recovery_key_needed",
            StoreBusy => "store_busy",
            StoreLocked => "store_locked",
            StoreNotFound => "store_not_found",
            StoreExists => "store_exists",
            StoreNotEncrypted => "store_not_encrypted",
            StoreDamaged => "store_damaged",
            StoreTooNew => "store_too_new",
            WeakPassphrase => "weak_passphrase",
            NoPassphrase => "no_passphrase",
            InvalidRecord => "invalid_record",
            InvalidInput => "invalid_input",
            CaseNotFound => "case_not_found",
            AttachmentNotFound => "attachment_not_found",
            LinkNotFound => "link_not_found",
            OrganisationNotFound => "organisation_not_found",
            RecordNotFound => "record_not_found",
            NotAnAggregate => "not_an_aggregate",
            AggregateTampered => "aggregate_tampered",
            AggregateUntrusted => "aggregate_untrusted",
            AggregateOtherProvince => "aggregate_other_province",
            AggregatePeriods => "aggregate_periods",
            AggregateTwice => "aggregate_twice",
            AssessmentNotFound => "assessment_not_found",
            NotABestInterestAssessment => "not_a_best_interest_assessment",
            NotASpreadsheet => "not_a_spreadsheet",
            SpreadsheetUnreadable => "spreadsheet_unreadable",
            SpreadsheetNoColumns => "spreadsheet_no_columns",
            SpreadsheetTooLarge => "spreadsheet_too_large",
            AttachmentTooLarge => "attachment_too_large",
            AuditFailed => "audit_failed",
            NotABundle => "not_a_bundle",
            BundleVersion => "bundle_version",
            BundleIncomplete => "bundle_incomplete",
            BundleTampered => "bundle_tampered",
            UntrustedSender => "untrusted_sender",
            RevokedSender => "revoked_sender",
            WrongRecipient => "wrong_recipient",
            Impersonation => "impersonation",
            NoRecipient => "no_recipient",
            BundleReadBack => "bundle_read_back",
            NotABackup => "not_a_backup",
            BackupVersion => "backup_version",
            BackupIncomplete => "backup_incomplete",
            BackupDamaged => "backup_damaged",
            BackupReadBack => "backup_read_back",
            NotACard => "not_a_card",
            FingerprintMismatch => "fingerprint_mismatch",
            OwnCard => "own_card",
            DeviceNotFound => "device_not_found",
            ReferralNotFound => "referral_not_found",
            NotReceiver => "not_receiver",
            AlreadyDecided => "already_decided",
            NotAccepted => "not_accepted",
            ConsentMissing => "consent_missing",
            ConflictNotFound => "conflict_not_found",
            NotAConflictVersion => "not_a_conflict_version",
            Forbidden => "forbidden",
            NotAuthorised => "not_authorised",
            PassphraseInUse => "passphrase_in_use",
            OperatorNotFound => "operator_not_found",
            LastCoordinator => "last_coordinator",
            PersonNotFound => "person_not_found",
            AlertNotFound => "alert_not_found",
            FileInUse => "file_in_use",
            DiskFull => "disk_full",
            DestinationFull => "destination_full",
            DestinationLost => "destination_lost",
            SourceUnreadable => "source_unreadable",
            Io => "io",
            Internal => "internal",
        }
    }

    /// The CLI contract: 6 a full disk under the store, a full or pulled destination, or a source
    /// that could not be read to its end (room must be made, or the stick put back),
    /// 3 wrong passphrase, locked store or a file another program holds, 4 rejected input, 5 not allowed
    /// for the operator's role, 1 other.
    pub fn exit_code(self) -> i32 {
        use ErrorCode::*;
        match self {
            DiskFull | DestinationFull | DestinationLost | SourceUnreadable => 6,
            WrongPassphrase | WrongRecoveryKey | MistypedRecoveryKey | RecoveryKeyNeeded | StoreBusy | StoreLocked
            | FileInUse => 3,
            InvalidRecord
            | InvalidInput
            | WeakPassphrase
            | AttachmentTooLarge
            | NotABundle
            | BundleVersion
            | BundleIncomplete
            | BundleTampered
            | UntrustedSender
            | RevokedSender
            | WrongRecipient
            | Impersonation
            | NoRecipient
            | NotABackup
            | BackupVersion
            | BackupIncomplete
            | BackupDamaged
            | NotACard
            | FingerprintMismatch
            | OwnCard
            | NotReceiver
            | AlreadyDecided
            | NotAccepted
            | ConsentMissing
            | NotAConflictVersion
            | PassphraseInUse
            | LastCoordinator
            | NotABestInterestAssessment
            | NotASpreadsheet
            | SpreadsheetUnreadable
            | SpreadsheetNoColumns
            | SpreadsheetTooLarge
            | NotAnAggregate
            | AggregateTampered
            | AggregateUntrusted
            | AggregateOtherProvince
            | AggregatePeriods
            | AggregateTwice => 4,
            Forbidden | NotAuthorised => 5,
            AlertNotFound => 4,
            NoPassphrase => 2,
            _ => 1,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Error {
    pub code: ErrorCode,
    /// For invalid records: every field that is wrong.
    pub fields: Vec<FieldProblem>,
    /// A detail safe to show (never personal data), e.g. which op broke the chain.
    pub detail: Option<String>,
}

impl Error {
    pub fn new(code: ErrorCode) -> Self {
        Error { code, fields: Vec::new(), detail: None }
    }

    pub fn with_detail(code: ErrorCode, detail: impl Into<String>) -> Self {
        Error { code, fields: Vec::new(), detail: Some(detail.into()) }
    }

    /// A file that could not be read or written: held by another program (Windows), or
    /// anything else. The OS message is not kept: it may name a file.
    pub fn io(e: &std::io::Error) -> Self {
        if crate::support::files::held_by_another_program(e) {
            Error::new(ErrorCode::FileInUse)
        } else if e.kind() == std::io::ErrorKind::StorageFull {
            Error::new(ErrorCode::DiskFull)
        } else {
            Error::new(ErrorCode::Io)
        }
    }

    /// A file written for someone else (a bundle, a backup on a USB stick) that could not be:
    /// as [`Error::io`], but a full disk is the destination's, not the store's.
    pub fn written(e: &std::io::Error) -> Self {
        match Error::io(e) {
            Error { code: ErrorCode::DiskFull, .. } => Error::new(ErrorCode::DestinationFull),
            // A stick pulled out, or the folder on it gone.
            _ if crate::support::files::device_gone(e) || e.kind() == std::io::ErrorKind::NotFound => {
                Error::new(ErrorCode::DestinationLost)
            }
            other => other,
        }
    }

    /// A file brought in (a bundle, a backup) that could not be read to its end: the stick was
    /// pulled out or is failing; anything else as [`Error::io`].
    pub fn read(e: &std::io::Error) -> Self {
        if crate::support::files::device_gone(e) {
            Error::new(ErrorCode::SourceUnreadable)
        } else {
            Error::io(e)
        }
    }
}

/// The error as it crosses to a shell (the desktop UI, and `--json` of the CLI): a stable code,
/// a detail safe to show (never personal data), and the problem of every invalid field as a
/// code with its parameters. No words: each shell words the codes in its users' language.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct IpcError {
    pub code: ErrorCode,
    pub detail: Option<String>,
    pub fields: Vec<IpcFieldError>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct IpcFieldError {
    /// The field's path in the document: `victim.identity_number`, `witnesses[0].gender`.
    pub field: String,
    pub problem: Problem,
}

impl Error {
    pub fn to_ipc(&self) -> IpcError {
        IpcError {
            code: self.code,
            detail: self.detail.clone(),
            fields: self
                .fields
                .iter()
                .map(|f| IpcFieldError { field: f.field.clone(), problem: f.problem.clone() })
                .collect(),
        }
    }
}

/// The code and the detail, for logs and panics: never a message with personal data.
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code.as_str())?;
        if let Some(d) = &self.detail {
            write!(f, " ({d})")?;
        }
        for p in &self.fields {
            write!(f, "; {} {}", p.field, p.problem.code())?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

impl From<Invalid> for Error {
    fn from(e: Invalid) -> Self {
        Error { code: ErrorCode::InvalidRecord, fields: e.0, detail: None }
    }
}

impl From<crate::exchange::spreadsheet::SpreadsheetError> for Error {
    fn from(e: crate::exchange::spreadsheet::SpreadsheetError) -> Self {
        use crate::exchange::spreadsheet::SpreadsheetError as S;
        match e {
            S::Unreadable => Error::new(ErrorCode::SpreadsheetUnreadable),
            S::UnknownKind => Error::new(ErrorCode::NotASpreadsheet),
            S::NoColumns => Error::new(ErrorCode::SpreadsheetNoColumns),
            S::TooLarge => Error::new(ErrorCode::SpreadsheetTooLarge),
            S::Unwritable => Error::with_detail(ErrorCode::Io, "workbook"),
            S::NotWritten(e) => Error::written(&e),
            S::Case(c) => c.into(),
        }
    }
}

impl From<KeyError> for Error {
    fn from(e: KeyError) -> Self {
        match e {
            KeyError::WrongPassphrase => Error::new(ErrorCode::WrongPassphrase),
            KeyError::WrongRecoveryKey => Error::new(ErrorCode::WrongRecoveryKey),
            KeyError::Damaged | KeyError::BadParams => Error::with_detail(ErrorCode::StoreDamaged, "keys.json"),
            KeyError::Io(e) => Error::io(&e),
            KeyError::RecoveryKeyNeeded => Error::new(ErrorCode::RecoveryKeyNeeded),
        }
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Error::new(ErrorCode::StoreNotFound),
            StoreError::AlreadyExists => Error::new(ErrorCode::StoreExists),
            StoreError::Key(k) => k.into(),
            StoreError::NotEncrypted => Error::new(ErrorCode::StoreNotEncrypted),
            StoreError::Damaged => Error::new(ErrorCode::StoreDamaged),
            StoreError::Busy => Error::new(ErrorCode::StoreBusy),
            StoreError::WeakPassphrase => Error::new(ErrorCode::WeakPassphrase),
            StoreError::Migrate(MigrateError::TooNew { .. }) => Error::new(ErrorCode::StoreTooNew),
            StoreError::Migrate(MigrateError::Failed(n)) => {
                Error::with_detail(ErrorCode::StoreDamaged, format!("migration {n}"))
            }
            StoreError::Io(e) => Error::io(&e),
            StoreError::Sql(fault) => Error::with_detail(ErrorCode::Internal, format!("sqlite {fault}")),
            StoreError::Forbidden(f) => Error::with_detail(ErrorCode::Forbidden, f.0.as_str()),
            StoreError::PassphraseInUse => Error::new(ErrorCode::PassphraseInUse),
            StoreError::DiskFull => Error::new(ErrorCode::DiskFull),
        }
    }
}

impl From<crate::protection::operators::OperatorError> for Error {
    fn from(e: crate::protection::operators::OperatorError) -> Self {
        use crate::protection::operators::OperatorError;
        match e {
            OperatorError::NotFound => Error::new(ErrorCode::OperatorNotFound),
            OperatorError::LastCoordinator => Error::new(ErrorCode::LastCoordinator),
            OperatorError::Invalid(i) => i.into(),
            OperatorError::OpLog(o) => o.into(),
            OperatorError::Store(s) => s.into(),
        }
    }
}

impl From<ViewError> for Error {
    fn from(e: ViewError) -> Self {
        match e {
            ViewError::Sql(f) if f.is_disk_full() => Error::new(ErrorCode::DiskFull),
            e => Error::with_detail(ErrorCode::Internal, e.to_string()),
        }
    }
}

impl From<OpLogError> for Error {
    fn from(e: OpLogError) -> Self {
        match e {
            OpLogError::Store(s) => s.into(),
            OpLogError::View(v) => v.into(),
            OpLogError::Malformed(what) => Error::with_detail(ErrorCode::StoreDamaged, format!("op log: {what}")),
            OpLogError::NotAuthorised(rule) => Error::with_detail(ErrorCode::NotAuthorised, rule.code()),
        }
    }
}

impl From<CaseError> for Error {
    fn from(e: CaseError) -> Self {
        match e {
            CaseError::Invalid(i) => i.into(),
            CaseError::NotFound => Error::new(ErrorCode::CaseNotFound),
            CaseError::RequestNotFound => Error::new(ErrorCode::AlertNotFound),
            CaseError::AttachmentNotFound => Error::new(ErrorCode::AttachmentNotFound),
            CaseError::PersonNotFound => Error::new(ErrorCode::PersonNotFound),
            CaseError::LinkNotFound => Error::new(ErrorCode::LinkNotFound),
            CaseError::OrganisationNotFound => Error::new(ErrorCode::OrganisationNotFound),
            CaseError::RecordNotFound => Error::new(ErrorCode::RecordNotFound),
            CaseError::AssessmentNotFound => Error::new(ErrorCode::AssessmentNotFound),
            CaseError::NotBestInterest => Error::new(ErrorCode::NotABestInterestAssessment),
            CaseError::AttachmentTooLarge => Error::new(ErrorCode::AttachmentTooLarge),
            CaseError::OpLog(o) => o.into(),
            CaseError::View(v) => v.into(),
        }
    }
}

impl From<AuditError> for Error {
    fn from(e: AuditError) -> Self {
        match e {
            AuditError::Failed(f) => Error::with_detail(ErrorCode::AuditFailed, f.to_string()),
            AuditError::Store(s) => s.into(),
        }
    }
}

impl From<crate::exchange::bundle::BundleError> for Error {
    fn from(e: crate::exchange::bundle::BundleError) -> Self {
        use crate::exchange::bundle::BundleError as B;
        match e {
            B::NotABundle => Error::new(ErrorCode::NotABundle),
            B::UnsupportedVersion(v) => Error::with_detail(ErrorCode::BundleVersion, format!("v{v}")),
            B::Incomplete => Error::new(ErrorCode::BundleIncomplete),
            B::Tampered => Error::new(ErrorCode::BundleTampered),
            B::UntrustedSender { district } => Error::with_detail(ErrorCode::UntrustedSender, district),
            B::RevokedSender { district } => Error::with_detail(ErrorCode::RevokedSender, district),
            B::WrongRecipient { district } => Error::with_detail(ErrorCode::WrongRecipient, district),
            B::Impersonation { actual, .. } => Error::with_detail(ErrorCode::Impersonation, actual),
            B::Io(e) => Error::read(&e),
        }
    }
}

impl From<crate::log::alerts::AlertError> for Error {
    fn from(e: crate::log::alerts::AlertError) -> Self {
        match e {
            crate::log::alerts::AlertError::NotFound => Error::new(ErrorCode::AlertNotFound),
            crate::log::alerts::AlertError::Store(s) => s.into(),
        }
    }
}

impl From<crate::log::identity::TrustError> for Error {
    fn from(e: crate::log::identity::TrustError) -> Self {
        use crate::log::identity::TrustError as T;
        match e {
            T::NotACard => Error::new(ErrorCode::NotACard),
            T::FingerprintMismatch => Error::new(ErrorCode::FingerprintMismatch),
            T::OwnCard => Error::new(ErrorCode::OwnCard),
            T::UnknownDevice => Error::new(ErrorCode::DeviceNotFound),
            T::Store(s) => s.into(),
        }
    }
}

impl From<crate::exchange::sync::SyncError> for Error {
    fn from(e: crate::exchange::sync::SyncError) -> Self {
        use crate::exchange::sync::SyncError as S;
        match e {
            S::Bundle(b) => b.into(),
            S::NoRecipient => Error::new(ErrorCode::NoRecipient),
            S::ToSelf | S::BadDistrict => Error::with_detail(ErrorCode::InvalidInput, "district"),
            S::ReadBack => Error::new(ErrorCode::BundleReadBack),
            S::NotWritten(e) => Error::written(&e),
            S::BadOp => Error::new(ErrorCode::BundleTampered),
            S::OpLog(o) => o.into(),
            S::Store(s) => s.into(),
            S::Trust(t) => t.into(),
        }
    }
}

impl From<crate::protection::backup::BackupError> for Error {
    fn from(e: crate::protection::backup::BackupError) -> Self {
        use crate::protection::backup::BackupError as B;
        match e {
            B::NotABackup => Error::new(ErrorCode::NotABackup),
            B::UnsupportedVersion(v) => Error::with_detail(ErrorCode::BackupVersion, format!("v{v}")),
            B::Incomplete => Error::new(ErrorCode::BackupIncomplete),
            B::Damaged => Error::new(ErrorCode::BackupDamaged),
            B::ReadBack => Error::new(ErrorCode::BackupReadBack),
            B::Store(s) => s.into(),
            B::Trust(t) => t.into(),
            B::Io(e) => Error::written(&e),
            // Restoring writes to this laptop's disk and reads the backup from a stick.
            B::Restoring(e) if e.kind() == std::io::ErrorKind::StorageFull => Error::new(ErrorCode::DiskFull),
            B::Restoring(e) => Error::read(&e),
        }
    }
}

impl From<crate::records::referrals::ReferralError> for Error {
    fn from(e: crate::records::referrals::ReferralError) -> Self {
        use crate::records::referrals::ReferralError as R;
        match e {
            R::Case(c) => c.into(),
            R::NotFound => Error::new(ErrorCode::ReferralNotFound),
            R::NotReceiver => Error::new(ErrorCode::NotReceiver),
            R::AlreadyDecided(s) => Error::with_detail(ErrorCode::AlreadyDecided, s),
            R::NotAccepted => Error::new(ErrorCode::NotAccepted),
            R::ConsentMissing => Error::new(ErrorCode::ConsentMissing),
        }
    }
}

impl From<crate::reports::PeriodError> for Error {
    fn from(e: crate::reports::PeriodError) -> Self {
        use crate::reports::PeriodError as P;
        let which = match e {
            P::BadFrom => "from: YYYY-MM-DD",
            P::BadTo => "to: YYYY-MM-DD",
            P::Reversed => "from > to",
            P::BadDistrict => "district: 65.03",
        };
        Error::with_detail(ErrorCode::InvalidInput, which)
    }
}

impl From<crate::reports::printable::PrintError> for Error {
    fn from(e: crate::reports::printable::PrintError) -> Self {
        use crate::reports::printable::PrintError as P;
        match e {
            P::Case(c) => c.into(),
            P::Store(s) => s.into(),
            P::Write(e) => Error::written(&e),
        }
    }
}

impl From<crate::reports::annual::ReportError> for Error {
    fn from(e: crate::reports::annual::ReportError) -> Self {
        use crate::reports::annual::ReportError as R;
        match e {
            R::BadPeriod => Error::with_detail(ErrorCode::InvalidInput, "year 2000-2100, semester 1 or 2"),
            R::BadPopulation => Error::with_detail(ErrorCode::InvalidInput, "population: a whole number above 0"),
            R::NotAnAggregate => Error::new(ErrorCode::NotAnAggregate),
            R::Tampered => Error::new(ErrorCode::AggregateTampered),
            R::Untrusted => Error::new(ErrorCode::AggregateUntrusted),
            R::OtherProvince => Error::new(ErrorCode::AggregateOtherProvince),
            R::Periods => Error::new(ErrorCode::AggregatePeriods),
            R::Twice => Error::new(ErrorCode::AggregateTwice),
            R::Write => Error::with_detail(ErrorCode::Io, "report file"),
            R::NotWritten(e) => Error::written(&e),
            R::Case(c) => c.into(),
        }
    }
}

impl From<crate::records::regions::RegionError> for Error {
    fn from(e: crate::records::regions::RegionError) -> Self {
        use crate::records::regions::RegionError as R;
        match e {
            R::BadLine { line } => Error::with_detail(ErrorCode::InvalidInput, format!("CSV line {line}")),
            R::Empty => Error::with_detail(ErrorCode::InvalidInput, "no kabupaten/kota codes (kode,nama)"),
            R::Store(s) => s.into(),
        }
    }
}

impl From<crate::records::conflicts::ConflictError> for Error {
    fn from(e: crate::records::conflicts::ConflictError) -> Self {
        use crate::records::conflicts::ConflictError as C;
        match e {
            C::NotFound => Error::new(ErrorCode::ConflictNotFound),
            C::NotAHead => Error::new(ErrorCode::NotAConflictVersion),
            C::OpLog(o) => o.into(),
            C::Invalid(i) => i.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The code in JSON (and in the generated TypeScript) is the code of `as_str`, for every code.
    #[test]
    fn codes_are_the_same_everywhere() {
        let mut seen = std::collections::BTreeSet::new();
        for code in ErrorCode::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), serde_json::json!(code.as_str()));
            assert!(seen.insert(code.as_str()), "{} twice", code.as_str());
        }
        // ALL names every variant: a code added to the enum and not to ALL fails here.
        let source = include_str!("error.rs");
        let body = source.split("pub enum ErrorCode {").nth(1).and_then(|rest| rest.split('}').next()).unwrap();
        let variants = body.lines().filter(|l| l.trim().ends_with(',') && !l.trim().starts_with("//")).count();
        assert_eq!(variants, ErrorCode::ALL.len());
    }

    #[test]
    fn exit_codes_follow_the_cli_contract() {
        assert_eq!(ErrorCode::WrongPassphrase.exit_code(), 3);
        assert_eq!(ErrorCode::StoreBusy.exit_code(), 3);
        assert_eq!(ErrorCode::InvalidRecord.exit_code(), 4);
        assert_eq!(ErrorCode::StoreDamaged.exit_code(), 1);
        for refused in
            [ErrorCode::NotABackup, ErrorCode::BackupVersion, ErrorCode::BackupIncomplete, ErrorCode::BackupDamaged]
        {
            assert_eq!(refused.exit_code(), 4, "{refused:?}");
        }
        assert_eq!(ErrorCode::BackupReadBack.exit_code(), 1);
        // A spreadsheet that cannot be read is bad input, not a failure of Lintas.
        for refused in [ErrorCode::NotASpreadsheet, ErrorCode::SpreadsheetUnreadable, ErrorCode::SpreadsheetNoColumns] {
            assert_eq!(refused.exit_code(), 4, "{refused:?}");
        }
    }

    /// A full disk is something the worker can fix: never an internal error.
    #[test]
    fn a_full_disk_is_named_and_told_apart_from_a_full_destination() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        // SQLite answers a database at its page limit as it answers a full disk: SQLITE_FULL.
        conn.execute_batch("CREATE TABLE t (x BLOB); PRAGMA max_page_count = 4;").unwrap();
        let full = conn.execute("INSERT INTO t VALUES (zeroblob(100000))", []).unwrap_err();
        let e: Error = StoreError::from(full).into();
        assert_eq!(e.code, ErrorCode::DiskFull);
        assert_eq!(e.code.exit_code(), 6);
        let no_room = std::io::Error::from(std::io::ErrorKind::StorageFull);
        assert_eq!(Error::from(StoreError::Io(no_room)).code, ErrorCode::DiskFull);
        let stick_full = crate::exchange::sync::SyncError::NotWritten(std::io::ErrorKind::StorageFull.into());
        assert_eq!(Error::from(stick_full).code, ErrorCode::DestinationFull);
        assert_eq!(ErrorCode::DestinationFull.exit_code(), 6);
        // A stick pulled out: writing to it, or reading a bundle from it.
        let eio = || std::io::Error::from_raw_os_error(if cfg!(windows) { 55 } else { 5 });
        let pulled = crate::exchange::sync::SyncError::NotWritten(eio());
        assert_eq!(Error::from(pulled).code, ErrorCode::DestinationLost);
        let unread = crate::exchange::bundle::BundleError::Io(eio());
        assert_eq!(Error::from(unread).code, ErrorCode::SourceUnreadable);
        use crate::protection::backup::BackupError;
        assert_eq!(Error::from(BackupError::Restoring(eio())).code, ErrorCode::SourceUnreadable);
        let laptop_full = BackupError::Restoring(std::io::ErrorKind::StorageFull.into());
        assert_eq!(Error::from(laptop_full).code, ErrorCode::DiskFull);
        assert_eq!(Error::from(BackupError::Io(eio())).code, ErrorCode::DestinationLost);
        let other = crate::exchange::bundle::BundleError::Io(std::io::Error::from(std::io::ErrorKind::NotFound));
        assert_eq!(Error::from(other).code, ErrorCode::Io);
    }

    #[test]
    fn sql_errors_keep_only_the_result_codes() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (name TEXT UNIQUE); INSERT INTO t VALUES ('Maria Taek');").unwrap();
        let failed = conn.execute("INSERT INTO t VALUES ('Maria Taek')", []).unwrap_err();
        let e: Error = StoreError::from(failed).into();
        assert_eq!(e.code, ErrorCode::Internal);
        // SQLITE_CONSTRAINT_UNIQUE is 2067; the message (which names the value) is gone.
        assert_eq!(e.detail.as_deref(), Some("sqlite ConstraintViolation/2067 sqlite"));
        let none = conn.query_row("SELECT name FROM t WHERE name = 'Rina'", [], |r| r.get::<_, String>(0)).unwrap_err();
        let e: Error = StoreError::from(none).into();
        assert_eq!(e.detail.as_deref(), Some("sqlite Unknown/0 no_rows"));
    }
}
