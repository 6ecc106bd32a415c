//! The boundary error: what the CLI and the desktop shell show.
//!
//! Every core module has its own error enum; at the boundary they become one [`Error`] with a
//! stable [`ErrorCode`] (scripts and the UI rely on it), an exit code, and a message in Bahasa
//! Indonesia or English that says what to do next. Messages never carry personal data: database
//! errors are reduced to their SQLite result code before they get here.

use crate::audit::{AuditError, AuditFailure};
use crate::cases::CaseError;
use crate::codes::Lang;
use crate::keyfile::KeyError;
use crate::migrate::MigrateError;
use crate::oplog::OpLogError;
use crate::store::{StoreError, MIN_PASSPHRASE_CHARS};
use crate::validate::{FieldProblem, Invalid};
use crate::view::ViewError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    WrongPassphrase,
    WrongRecoveryKey,
    MistypedRecoveryKey,
    StoreBusy,
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
    AttachmentTooLarge,
    AuditFailed,
    Io,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            WrongPassphrase => "wrong_passphrase",
            WrongRecoveryKey => "wrong_recovery_key",
            MistypedRecoveryKey => "mistyped_recovery_key",
            StoreBusy => "store_busy",
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
            AttachmentTooLarge => "attachment_too_large",
            AuditFailed => "audit_failed",
            Io => "io",
            Internal => "internal",
        }
    }

    /// The CLI contract: 3 wrong passphrase or locked store, 4 rejected input, 1 other.
    pub fn exit_code(self) -> i32 {
        use ErrorCode::*;
        match self {
            WrongPassphrase | WrongRecoveryKey | MistypedRecoveryKey | StoreBusy => 3,
            InvalidRecord | InvalidInput | WeakPassphrase | AttachmentTooLarge => 4,
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

    /// A message for people: what happened and what to do next.
    pub fn message(&self, lang: Lang) -> String {
        use ErrorCode::*;
        let (id, en): (String, String) = match self.code {
            WrongPassphrase => (
                "Kata sandi salah. Periksa tombol Caps Lock lalu coba lagi; jika lupa, gunakan kunci pemulihan (lintas recover).".into(),
                "Wrong passphrase. Check Caps Lock and try again; if it is forgotten, use the recovery key (lintas recover).".into(),
            ),
            WrongRecoveryKey => (
                "Kunci pemulihan ini bukan milik penyimpanan ini. Periksa bahwa Anda memakai kunci yang dicetak saat pemasangan.".into(),
                "This recovery key does not belong to this store. Check that you use the key printed at set-up.".into(),
            ),
            MistypedRecoveryKey => (
                "Kunci pemulihan salah ketik (panjang atau angka pemeriksa tidak cocok). Ketik ulang dengan teliti.".into(),
                "The recovery key is mistyped (its length or check digits do not match). Type it again carefully.".into(),
            ),
            StoreBusy => (
                "Penyimpanan sedang dipakai oleh jendela atau perintah Lintas lain. Tutup yang lain lalu coba lagi.".into(),
                "The store is in use by another Lintas window or command. Close it and try again.".into(),
            ),
            StoreNotFound => (
                "Tidak ada penyimpanan Lintas di lokasi ini. Periksa --store atau LINTAS_STORE, atau buat dengan lintas init.".into(),
                "There is no Lintas store here. Check --store or LINTAS_STORE, or create one with lintas init.".into(),
            ),
            StoreExists => (
                "Sudah ada penyimpanan Lintas di lokasi ini; tidak ada yang ditimpa. Pilih folder lain.".into(),
                "A Lintas store already exists here; nothing was overwritten. Choose another folder.".into(),
            ),
            StoreNotEncrypted => (
                "Berkas basis data tidak terenkripsi. Lintas menolak membukanya; hubungi koordinator.".into(),
                "The database file is not encrypted. Lintas refuses to open it; contact your coordinator.".into(),
            ),
            StoreDamaged => (
                "Penyimpanan rusak atau tidak cocok dengan berkas kuncinya. Pulihkan dari cadangan; hubungi koordinator.".into(),
                "The store is damaged or does not match its key file. Restore from a backup; contact your coordinator.".into(),
            ),
            StoreTooNew => (
                "Penyimpanan ini dibuat oleh Lintas versi lebih baru. Perbarui Lintas.".into(),
                "This store was written by a newer Lintas. Update Lintas.".into(),
            ),
            WeakPassphrase => (
                format!("Kata sandi terlalu pendek: pakai paling sedikit {MIN_PASSPHRASE_CHARS} karakter, misalnya beberapa kata."),
                format!("The passphrase is too short: use at least {MIN_PASSPHRASE_CHARS} characters, for example a few words."),
            ),
            NoPassphrase => (
                "Tidak ada kata sandi: setel LINTAS_PASSPHRASE, pakai --passphrase-file, atau jalankan di terminal.".into(),
                "No passphrase: set LINTAS_PASSPHRASE, use --passphrase-file, or run in a terminal.".into(),
            ),
            InvalidRecord => (
                "Data tidak disimpan karena ada isian yang salah. Perbaiki lalu simpan lagi:".into(),
                "Nothing was saved because some fields are wrong. Correct them and save again:".into(),
            ),
            InvalidInput => ("Masukan tidak dapat dibaca.".into(), "The input cannot be read.".into()),
            CaseNotFound => (
                "Kasus tidak ditemukan. Periksa nomor atau id kasus (lintas case list).".into(),
                "Case not found. Check the case number or id (lintas case list).".into(),
            ),
            AttachmentNotFound => ("Lampiran tidak ditemukan.".into(), "Attachment not found.".into()),
            AttachmentTooLarge => (
                "Lampiran terlalu besar (paling besar 50 MB). Pindai dengan resolusi lebih rendah.".into(),
                "The attachment is too large (50 MB at most). Scan it at a lower resolution.".into(),
            ),
            AuditFailed => (
                "Pemeriksaan audit GAGAL: catatan telah diubah di luar Lintas. Jangan ubah apa pun; hubungi koordinator.".into(),
                "Audit FAILED: records were altered outside Lintas. Change nothing; contact your coordinator.".into(),
            ),
            Io => (
                "Berkas tidak dapat dibaca atau ditulis. Periksa lokasi, izin, dan ruang disk.".into(),
                "A file could not be read or written. Check the location, permissions and free disk space.".into(),
            ),
            Internal => (
                "Terjadi kesalahan internal; tidak ada data yang hilang. Laporkan kode kesalahan kepada koordinator.".into(),
                "An internal error occurred; no data was lost. Report the error code to your coordinator.".into(),
            ),
        };
        let mut msg = match lang {
            Lang::Id => id,
            Lang::En => en,
        };
        if let Some(d) = &self.detail {
            msg.push_str(&format!(" ({d})"));
        }
        for f in &self.fields {
            msg.push_str("\n  - ");
            msg.push_str(&f.message(lang));
        }
        msg
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Error {}

impl From<Invalid> for Error {
    fn from(e: Invalid) -> Self {
        Error { code: ErrorCode::InvalidRecord, fields: e.0, detail: None }
    }
}

impl From<KeyError> for Error {
    fn from(e: KeyError) -> Self {
        match e {
            KeyError::WrongPassphrase => Error::new(ErrorCode::WrongPassphrase),
            KeyError::WrongRecoveryKey => Error::new(ErrorCode::WrongRecoveryKey),
            KeyError::Damaged | KeyError::BadParams => Error::with_detail(ErrorCode::StoreDamaged, "keys.json"),
            KeyError::Io(_) => Error::new(ErrorCode::Io),
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
            StoreError::Io(_) => Error::new(ErrorCode::Io),
            StoreError::Sql(code) => Error::with_detail(ErrorCode::Internal, format!("sqlite {code:?}")),
        }
    }
}

impl From<ViewError> for Error {
    fn from(e: ViewError) -> Self {
        Error::with_detail(ErrorCode::Internal, e.to_string())
    }
}

impl From<OpLogError> for Error {
    fn from(e: OpLogError) -> Self {
        match e {
            OpLogError::Store(s) => s.into(),
            OpLogError::View(v) => v.into(),
            OpLogError::Malformed(what) => Error::with_detail(ErrorCode::StoreDamaged, format!("op log: {what}")),
        }
    }
}

impl From<CaseError> for Error {
    fn from(e: CaseError) -> Self {
        match e {
            CaseError::Invalid(i) => i.into(),
            CaseError::NotFound => Error::new(ErrorCode::CaseNotFound),
            CaseError::AttachmentNotFound => Error::new(ErrorCode::AttachmentNotFound),
            CaseError::AttachmentTooLarge => Error::new(ErrorCode::AttachmentTooLarge),
            CaseError::OpLog(o) => o.into(),
            CaseError::View(v) => v.into(),
        }
    }
}

impl From<AuditError> for Error {
    fn from(e: AuditError) -> Self {
        match e {
            AuditError::Failed(f) => Error::with_detail(ErrorCode::AuditFailed, audit_detail(&f)),
            AuditError::Store(s) => s.into(),
        }
    }
}

fn audit_detail(f: &AuditFailure) -> String {
    f.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_cli_contract() {
        assert_eq!(ErrorCode::WrongPassphrase.exit_code(), 3);
        assert_eq!(ErrorCode::StoreBusy.exit_code(), 3);
        assert_eq!(ErrorCode::InvalidRecord.exit_code(), 4);
        assert_eq!(ErrorCode::StoreDamaged.exit_code(), 1);
    }

    #[test]
    fn sql_errors_keep_only_the_result_code() {
        let e: Error = StoreError::Sql(rusqlite::ErrorCode::ConstraintViolation).into();
        assert_eq!(e.code, ErrorCode::Internal);
        assert_eq!(e.detail.as_deref(), Some("sqlite ConstraintViolation"));
    }
}
