//! Finding a case by id or number, and what can go wrong with a record: the pieces every
//! module of `records` shares, so that none of them has to reach into another for them.

use crate::log::oplog::OpLogError;
use crate::log::view::ViewError;
use crate::model::validate::Invalid;
use crate::store::{Store, StoreError};
use rusqlite::OptionalExtension;
use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error("no case with this id or number")]
    NotFound,
    #[error("no duplicate link with this id")]
    LinkNotFound,
    #[error("no organisation with this id in the directory")]
    OrganisationNotFound,
    #[error("no record with this id in the register")]
    RecordNotFound,
    #[error("no assessment with this id in the case")]
    AssessmentNotFound,
    #[error("only a best-interest assessment is approved")]
    NotBestInterest,
    #[error("no attachment with this id")]
    AttachmentNotFound,
    #[error("no such person in this case")]
    PersonNotFound,
    #[error("no open erasure request with this alert id")]
    RequestNotFound,
    #[error("the attachment is larger than the limit")]
    AttachmentTooLarge,
    #[error(transparent)]
    OpLog(#[from] OpLogError),
    #[error(transparent)]
    View(#[from] ViewError),
}

impl From<rusqlite::Error> for CaseError {
    fn from(e: rusqlite::Error) -> Self {
        CaseError::OpLog(e.into())
    }
}

impl From<StoreError> for CaseError {
    fn from(e: StoreError) -> Self {
        CaseError::OpLog(e.into())
    }
}

/// Finds a case by its id or its case number.
pub fn resolve(store: &Store, id_or_number: &str) -> Result<Uuid, CaseError> {
    let found: Option<String> = store
        .conn
        .query_row(
            "SELECT id FROM case_file WHERE id = ?1 OR case_number = ?1",
            [id_or_number.trim().to_ascii_lowercase()],
            |r| r.get(0),
        )
        .optional()?;
    found.and_then(|s| s.parse().ok()).ok_or(CaseError::NotFound)
}
