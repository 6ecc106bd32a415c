//! The boundary error: what the CLI and the desktop shell show.
//!
//! Every core module has its own error enum; at the boundary they become one [`Error`] with a
//! stable [`ErrorCode`] (scripts and the UI rely on it), an exit code, and a message in Bahasa
//! Indonesia or English that says what to do next. Messages never carry personal data: database
//! errors are reduced to their SQLite result code before they get here.

use crate::log::audit::AuditError;
use crate::log::oplog::OpLogError;
use crate::log::view::ViewError;
use crate::model::codes::Lang;
use crate::model::validate::{FieldProblem, Invalid};
use crate::records::cases::CaseError;
use crate::store::keyfile::KeyError;
use crate::store::migrate::MigrateError;
use crate::store::{StoreError, MIN_PASSPHRASE_CHARS};

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
    AssessmentNotFound,
    NotABestInterestAssessment,
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
    Io,
    Internal,
}

impl ErrorCode {
    /// Every code, for the tests that keep the names in step.
    pub const ALL: [ErrorCode; 58] = [
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
        ErrorCode::AssessmentNotFound,
        ErrorCode::NotABestInterestAssessment,
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
            AssessmentNotFound => "assessment_not_found",
            NotABestInterestAssessment => "not_a_best_interest_assessment",
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
            Io => "io",
            Internal => "internal",
        }
    }

    /// The CLI contract: 3 wrong passphrase or locked store, 4 rejected input, 5 not allowed
    /// for the operator's role, 1 other.
    pub fn exit_code(self) -> i32 {
        use ErrorCode::*;
        match self {
            WrongPassphrase | WrongRecoveryKey | MistypedRecoveryKey | RecoveryKeyNeeded | StoreBusy | StoreLocked => 3,
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
            | NotABestInterestAssessment => 4,
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

    /// A message for people: what happened and what to do next.
    pub fn message(&self, lang: Lang) -> String {
        use ErrorCode::*;
        let (id, en): (String, String) = match self.code {
            WrongPassphrase => (
                "Kata sandi salah. Periksa tombol Caps Lock lalu coba lagi; jika lupa, gunakan kunci pemulihan.".into(),
                "Wrong passphrase. Check Caps Lock and try again; if it is forgotten, use the recovery key.".into(),
            ),
            WrongRecoveryKey => (
                "Kunci pemulihan ini bukan milik penyimpanan ini. Periksa bahwa Anda memakai kunci yang dicetak saat pemasangan.".into(),
                "This recovery key does not belong to this store. Check that you use the key printed at set-up.".into(),
            ),
            MistypedRecoveryKey => (
                "Kunci pemulihan salah ketik (panjang atau angka pemeriksa tidak cocok). Ketik ulang dengan teliti.".into(),
                "The recovery key is mistyped (its length or check digits do not match). Type it again carefully.".into(),
            ),
            RecoveryKeyNeeded => (
                "Berkas kunci laptop ini dibuat sebelum kunci penyimpanan dapat diganti. Masukkan kunci pemulihan sekali; setelah itu tidak diperlukan lagi.".into(),
                "This laptop's key file predates key changes. Enter the recovery key once; it will not be needed for this again.".into(),
            ),
            StoreBusy => (
                "Penyimpanan sedang dipakai oleh jendela atau perintah Lintas lain. Tutup yang lain lalu coba lagi.".into(),
                "The store is in use by another Lintas window or command. Close it and try again.".into(),
            ),
            StoreLocked => (
                "Penyimpanan terkunci. Buka dengan kata sandi Anda.".into(),
                "The store is locked. Unlock it with your passphrase.".into(),
            ),
            StoreNotFound => (
                "Tidak ada penyimpanan Lintas di lokasi ini. Periksa lokasinya, atau buat penyimpanan baru.".into(),
                "There is no Lintas store here. Check the location, or set up a new store.".into(),
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
                "Tidak ada kata sandi yang diberikan.".into(),
                "No passphrase was given.".into(),
            ),
            InvalidRecord => (
                "Data tidak disimpan karena ada isian yang salah. Perbaiki lalu simpan lagi:".into(),
                "Nothing was saved because some fields are wrong. Correct them and save again:".into(),
            ),
            InvalidInput => ("Masukan tidak dapat dibaca.".into(), "The input cannot be read.".into()),
            CaseNotFound => (
                "Kasus tidak ditemukan. Periksa nomor atau id kasus di daftar kasus.".into(),
                "Case not found. Check the case number or id in the case list.".into(),
            ),
            AttachmentNotFound => ("Lampiran tidak ditemukan.".into(), "Attachment not found.".into()),
            LinkNotFound => (
                "Tautan data ganda tidak ditemukan. Lihat daftar kemungkinan data ganda.".into(),
                "Duplicate link not found. See the list of possible duplicates.".into(),
            ),
            OrganisationNotFound => (
                "Organisasi tidak ditemukan di daftar organisasi.".into(),
                "Organisation not found in the directory.".into(),
            ),
            AssessmentNotFound => (
                "Asesmen tidak ditemukan di kasus ini.".into(),
                "Assessment not found in this case.".into(),
            ),
            NotABestInterestAssessment => (
                "Hanya asesmen kepentingan terbaik anak yang disetujui koordinator; asesmen lain tidak perlu persetujuan.".into(),
                "Only a best-interest assessment of a child is approved by a coordinator; other assessments need no approval.".into(),
            ),
            AttachmentTooLarge => (
                "Lampiran terlalu besar (paling besar 50 MB). Pindai dengan resolusi lebih rendah.".into(),
                "The attachment is too large (50 MB at most). Scan it at a lower resolution.".into(),
            ),
            AuditFailed => (
                "Pemeriksaan audit GAGAL: catatan telah diubah di luar Lintas. Jangan ubah apa pun; hubungi koordinator.".into(),
                "Audit FAILED: records were altered outside Lintas. Change nothing; contact your coordinator.".into(),
            ),
            NotABundle => (
                "Berkas ini bukan bundel Lintas. Pilih berkas berakhiran .lintas.".into(),
                "This file is not a Lintas bundle. Choose a file ending in .lintas.".into(),
            ),
            BundleVersion => (
                "Bundel ini dibuat oleh Lintas versi lain yang belum didukung. Perbarui Lintas.".into(),
                "This bundle was made by a Lintas version not yet supported. Update Lintas.".into(),
            ),
            BundleIncomplete => (
                "Salinan bundel tidak lengkap (terpotong, mungkin flashdisk dicabut saat menyalin). Tidak ada yang diimpor; minta bundel dikirim ulang.".into(),
                "Incomplete copy of the bundle (cut short, perhaps the USB stick was pulled while copying). Nothing was imported; ask for the bundle again.".into(),
            ),
            BundleTampered => (
                "Bundel telah diubah atau rusak; tanda tangannya tidak cocok. Tidak ada yang diimpor. Minta bundel dikirim ulang dan laporkan kepada koordinator.".into(),
                "The bundle was altered or damaged; its signature does not match. Nothing was imported. Ask for it again and tell your coordinator.".into(),
            ),
            UntrustedSender => (
                "Pengirim bundel belum dipercaya. Impor kartu identitas daerah pengirim dan bandingkan sidik jarinya, lalu impor lagi.".into(),
                "The bundle's sender is not trusted. Import the sending district's identity card and compare its fingerprint, then import again.".into(),
            ),
            RevokedSender => (
                "Kunci perangkat pengirim sudah dicabut; bundel ditolak. Hubungi daerah pengirim.".into(),
                "The sending device's key was revoked; the bundle is refused. Contact the sending district.".into(),
            ),
            Impersonation => (
                "Bundel ini ditandatangani perangkat tepercaya dari daerah lain daripada yang tertulis sebagai pengirimnya. Tidak ada yang diimpor. Hubungi penanggung jawab daerah penanda tangan lewat telepon yang Anda kenal; bila perangkatnya dicuri atau disalahgunakan, cabut kepercayaan pada perangkat itu.".into(),
                "This bundle was signed by a trusted device of another district than the one it names as its sender. Nothing was imported. Call the signing district's focal point on a number you know; if the device was stolen or misused, revoke your trust in it.".into(),
            ),
            WrongRecipient => (
                "Bundel ini ditujukan untuk daerah lain, bukan perangkat ini. Tidak ada yang diimpor.".into(),
                "This bundle is addressed to another district, not this device. Nothing was imported.".into(),
            ),
            NoRecipient => (
                "Belum ada perangkat tepercaya di daerah tujuan. Impor kartu identitasnya dulu.".into(),
                "No trusted device in the receiving district yet. Import its identity card first.".into(),
            ),
            BundleReadBack => (
                "Bundel yang ditulis rusak saat dibaca ulang (flashdisk bermasalah). Coba flashdisk lain.".into(),
                "The bundle written was damaged when read back (faulty USB stick). Try another stick.".into(),
            ),
            NotABackup => (
                "Berkas ini bukan cadangan Lintas. Pilih berkas cadangan Lintas (berakhiran .lintas-backup).".into(),
                "This file is not a Lintas backup. Choose a Lintas backup file (ending in .lintas-backup).".into(),
            ),
            BackupVersion => (
                "Cadangan ini dibuat oleh Lintas versi lebih baru. Perbarui Lintas lalu pulihkan lagi.".into(),
                "This backup was made by a newer Lintas. Update Lintas, then restore again.".into(),
            ),
            BackupIncomplete => (
                "Salinan cadangan tidak lengkap (terpotong, mungkin flashdisk dicabut saat menyalin). Tidak ada yang dipulihkan; salin ulang cadangannya atau pakai cadangan lain.".into(),
                "Incomplete copy of the backup (cut short, perhaps the USB stick was pulled while copying). Nothing was restored; copy the backup again or use another one.".into(),
            ),
            BackupDamaged => (
                "Cadangan rusak: isinya tidak cocok dengan tanda pemeriksanya. Tidak ada yang dipulihkan; pakai salinan cadangan lain.".into(),
                "The backup is damaged: its contents do not match its checksum. Nothing was restored; use another copy of the backup.".into(),
            ),
            BackupReadBack => (
                "Cadangan yang ditulis rusak saat dibaca ulang (flashdisk bermasalah). Coba flashdisk lain.".into(),
                "The backup written was damaged when read back (faulty USB stick). Try another stick.".into(),
            ),
            NotACard => (
                "Berkas ini bukan kartu identitas Lintas yang sah.".into(),
                "This file is not a valid Lintas identity card.".into(),
            ),
            FingerprintMismatch => (
                "Sidik jari TIDAK cocok dengan kartu. Jangan percayai kartu ini; hubungi daerah tersebut lewat telepon yang Anda kenal.".into(),
                "The fingerprint does NOT match the card. Do not trust this card; call that district on a number you know.".into(),
            ),
            OwnCard => ("Ini kartu identitas daerah Anda sendiri.".into(), "This is your own district's identity card.".into()),
            DeviceNotFound => ("Perangkat tidak ada di daftar perangkat tepercaya.".into(), "No such device in the list of trusted devices.".into()),
            ReferralNotFound => ("Rujukan tidak ditemukan di daftar rujukan.".into(), "Referral not found in the list of referrals.".into()),
            NotReceiver => (
                "Hanya daerah penerima yang dapat menyetujui, menolak, atau menyelesaikan rujukan ini.".into(),
                "Only the receiving district may accept, decline or complete this referral.".into(),
            ),
            AlreadyDecided => ("Rujukan ini sudah diputuskan.".into(), "This referral has already been decided.".into()),
            NotAccepted => (
                "Rujukan harus disetujui sebelum diselesaikan.".into(),
                "The referral must be accepted before it is completed.".into(),
            ),
            ConsentMissing => (
                "Persetujuan korban tidak mencakup berbagi dengan daerah ini. Catat persetujuan korban untuk daerah ini, atau beri alasan untuk tetap mengirim.".into(),
                "The victim's consent does not cover sharing with this district. Record the victim's consent for this district, or give a reason to send anyway.".into(),
            ),
            ConflictNotFound => ("Tidak ada konflik terbuka dengan id ini di daftar konflik.".into(), "No open conflict with this id in the list of conflicts.".into()),
            NotAConflictVersion => (
                "Versi yang dipilih bukan salah satu versi yang berkonflik.".into(),
                "The chosen version is not one of the conflicting ones.".into(),
            ),
            Forbidden => (
                "Peran Anda tidak mengizinkan tindakan ini; tidak ada yang diubah. Minta koordinator melakukannya atau mengubah peran Anda.".into(),
                "Your role does not allow this; nothing was changed. Ask your coordinator to do it or to change your role.".into(),
            ),
            NotAuthorised => (
                "Daerah Anda tidak berwenang mengubah bagian ini: kasus ini milik daerah lain. Daerah yang menerima rujukan dapat menambah layanan, rencana dukungan, kunjungan, catatan, peristiwa dan lampiran; hubungi daerah pemilik untuk perubahan lain.".into(),
                "Your district may not change this: the case belongs to another district. A district that accepted a referral may add services, support plans, visits, notes, events and attachments; ask the owning district for other changes.".into(),
            ),
            PassphraseInUse => (
                "Kata sandi ini sudah dipakai petugas lain. Pilih kata sandi yang berbeda.".into(),
                "Another operator already uses this passphrase. Choose a different one.".into(),
            ),
            OperatorNotFound => (
                "Petugas tidak ditemukan. Lihat daftar petugas.".into(),
                "Operator not found. See the list of operators.".into(),
            ),
            LastCoordinator => (
                "Harus tetap ada paling sedikit satu koordinator aktif. Jadikan petugas lain koordinator lebih dulu.".into(),
                "There must always be at least one active coordinator. Make another operator coordinator first.".into(),
            ),
            AlertNotFound => (
                "Tidak ada peringatan atau permintaan penghapusan yang terbuka dengan nomor ini. Lihat daftar peringatan.".into(),
                "No alert or open erasure request has this number. See the list of alerts.".into(),
            ),
            PersonNotFound => (
                "Orang tersebut tidak ditemukan dalam kasus ini. Periksa orang-orang dalam kasus.".into(),
                "That person is not in this case. Check the people of the case.".into(),
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

/// The error as it crosses to the desktop UI (and as `--json` prints it): a stable code, the
/// message in the user's language, and one message per invalid field.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<IpcFieldError>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct IpcFieldError {
    pub field: String,
    pub message: String,
}

impl Error {
    pub fn to_ipc(&self, lang: Lang) -> IpcError {
        IpcError {
            code: self.code,
            message: self.message(lang),
            fields: self
                .fields
                .iter()
                .map(|f| IpcFieldError { field: f.field.clone(), message: f.problem.message(lang) })
                .collect(),
        }
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
            StoreError::Io(_) => Error::new(ErrorCode::Io),
            StoreError::Sql(fault) => Error::with_detail(ErrorCode::Internal, format!("sqlite {fault}")),
            StoreError::Forbidden(f) => Error::with_detail(ErrorCode::Forbidden, f.0.as_str()),
            StoreError::PassphraseInUse => Error::new(ErrorCode::PassphraseInUse),
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
        Error::with_detail(ErrorCode::Internal, e.to_string())
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
            B::Io(_) => Error::new(ErrorCode::Io),
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
            B::Io(_) => Error::new(ErrorCode::Io),
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
            P::Write(_) => Error::with_detail(ErrorCode::Io, "report file"),
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
