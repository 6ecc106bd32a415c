//! The CLI's words for what the core reports: every error code and every problem with a field,
//! in Bahasa Indonesia and English. The core returns codes and structured details only; each
//! shell words them for its users (the desktop app's words are in the UI's catalogue).
//!
//! Messages never repeat a value that was typed: it may be a name or a NIK.

use lintas_core::codes::Lang;
use lintas_core::store::MIN_PASSPHRASE_CHARS;
use lintas_core::validate::{FieldProblem, Problem};
use lintas_core::{Error, ErrorCode};

/// The warning that the laptop's clock disagrees with the store, before anything is written.
pub fn clock_warning(w: &lintas_core::timekeeping::ClockWarning, lang: Lang) -> String {
    use lintas_core::timekeeping::ClockWarning::*;
    match (w, lang) {
        (Behind { days, newest_seen }, Lang::Id) => format!(
            "Peringatan: jam laptop ini {days} hari lebih awal daripada catatan terbaru di penyimpanan ({newest_seen}). Periksa tanggal dan jam komputer sebelum mencatat: tanggal yang salah akan tersimpan, dan bundel dari daerah lain dapat ditolak."
        ),
        (Behind { days, newest_seen }, Lang::En) => format!(
            "Warning: this laptop's clock is {days} days behind the newest record in the store ({newest_seen}). Check the computer's date and time before recording: wrong dates would be saved, and other districts' bundles may be refused."
        ),
        (Ahead { days, newest_seen }, Lang::Id) => format!(
            "Peringatan: jam laptop ini {days} hari setelah catatan terbaru di penyimpanan ({newest_seen}). Jika tanggal komputer salah, perbaiki dulu sebelum mencatat; tanggal yang salah akan tersimpan."
        ),
        (Ahead { days, newest_seen }, Lang::En) => format!(
            "Warning: this laptop's clock is {days} days after the newest record in the store ({newest_seen}). If the computer's date is wrong, correct it before recording; wrong dates would be saved."
        ),
    }
}

/// What happened and what to do next, with the detail and every field problem on lines below.
pub fn error(e: &Error, lang: Lang) -> String {
    use ErrorCode::*;
    let (id, en): (String, String) = match e.code {
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
            RecordNotFound => (
                "Catatan kegiatan, pelatihan atau program ini tidak ditemukan.".into(),
                "This activity, training or programme was not found.".into(),
            ),
            NotAnAggregate => (
                "Berkas ini bukan laporan ringkas (agregat) Lintas dari sebuah kabupaten/kota.".into(),
                "This file is not a Lintas summary (aggregate) report of a regency.".into(),
            ),
            AggregateTampered => (
                "Laporan ringkas ini telah diubah setelah ditandatangani, atau tanda tangannya tidak cocok. Minta berkas baru dari pengirimnya.".into(),
                "This summary report was changed after it was signed, or its signature does not match. Ask the sender for a new file.".into(),
            ),
            AggregateUntrusted => (
                "Laporan ringkas ini ditandatangani oleh laptop yang tidak dipercaya di sini (atau sudah dicabut). Tambahkan kartu identitas daerah itu dulu.".into(),
                "This summary report is signed by a laptop not trusted here (or revoked). Add that district's identity card first.".into(),
            ),
            AggregateOtherProvince => (
                "Laporan ringkas ini berasal dari kabupaten/kota di provinsi lain.".into(),
                "This summary report comes from a regency of another province.".into(),
            ),
            AggregatePeriods => (
                "Laporan-laporan ringkas ini mencakup periode yang berbeda. Pakai laporan untuk periode yang sama.".into(),
                "These summary reports cover different periods. Use reports of the same period.".into(),
            ),
            AggregateTwice => (
                "Dua laporan ringkas berasal dari kabupaten/kota yang sama. Pakai satu laporan per kabupaten/kota.".into(),
                "Two summary reports come from the same regency. Use one report per regency.".into(),
            ),
            AssessmentNotFound => (
                "Asesmen tidak ditemukan di kasus ini.".into(),
                "Assessment not found in this case.".into(),
            ),
            NotABestInterestAssessment => (
                "Hanya asesmen kepentingan terbaik anak yang disetujui koordinator; asesmen lain tidak perlu persetujuan.".into(),
                "Only a best-interest assessment of a child is approved by a coordinator; other assessments need no approval.".into(),
            ),
            NotASpreadsheet => (
                "Berkas ini bukan spreadsheet yang dapat dibaca Lintas. Pakai berkas .xlsx, .xlsm, .ods atau .csv.".into(),
                "This file is not a spreadsheet Lintas reads. Use an .xlsx, .xlsm, .ods or .csv file.".into(),
            ),
            SpreadsheetUnreadable => (
                "Spreadsheet tidak dapat dibaca (rusak, terkunci kata sandi, atau bukan UTF-8). Simpan ulang dari Excel lalu coba lagi; tidak ada yang diimpor.".into(),
                "The spreadsheet cannot be read (damaged, password-protected, or not UTF-8). Save it again from Excel and retry; nothing was imported.".into(),
            ),
            SpreadsheetNoColumns => (
                "Tidak ada baris judul dengan kolom yang dikenal Lintas (nama kolom HTCDS atau labelnya). Periksa baris judul; tidak ada yang diimpor.".into(),
                "No header row names a column Lintas knows (HTCDS field names or labels). Check the header row; nothing was imported.".into(),
            ),
            SpreadsheetTooLarge => (
                "Spreadsheet terlalu besar (paling besar 200 MB). Bagi menjadi beberapa berkas.".into(),
                "The spreadsheet is too large (200 MB at most). Split it into several files.".into(),
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
            FileInUse => (
                "Berkas sedang dibuka oleh program lain (misalnya antivirus, pencadangan, atau penampil berkas). Tutup program itu, tunggu sebentar, lalu coba lagi; tidak ada yang diubah.".into(),
                "The file is held open by another program (an antivirus, a backup tool or a viewer, for example). Close that program, wait a moment and try again; nothing was changed.".into(),
            ),
            DiskFull => (
                "Disk laptop ini penuh; tidak ada yang disimpan dari perintah ini. Kosongkan ruang (hapus atau pindahkan berkas yang tidak diperlukan), lalu coba lagi.".into(),
                "This laptop's disk is full; nothing from this command was saved. Free some space (delete or move files you do not need), then try again.".into(),
            ),
            DestinationFull => (
                "Flashdisk atau folder tujuan penuh; berkas tidak ditulis dan tidak ada yang berubah. Kosongkan ruang di sana atau pakai flashdisk lain, lalu coba lagi.".into(),
                "The USB stick or destination folder is full; the file was not written and nothing changed. Free space on it or use another stick, then try again.".into(),
            ),
            DestinationLost => (
                "Flashdisk atau folder tujuan hilang saat ditulis (dicabut?); berkas tidak ditulis dan tidak ada yang berubah. Pasang kembali flashdisk, lalu ulangi.".into(),
                "The USB stick or destination folder went away while being written (pulled out?); the file was not written and nothing changed. Put the stick back, then try again.".into(),
            ),
            SourceUnreadable => (
                "Berkas tidak dapat dibaca sampai habis (flashdisk dicabut atau rusak?); tidak ada yang diimpor. Pasang kembali flashdisk atau salin berkas ke laptop, lalu ulangi.".into(),
                "The file could not be read to its end (the USB stick pulled out or failing?); nothing was imported. Put the stick back or copy the file to the laptop, then try again.".into(),
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
    if let Some(d) = &e.detail {
        msg.push_str(&format!(" ({d})"));
    }
    for f in &e.fields {
        msg.push_str("\n  - ");
        msg.push_str(&field_problem(f, lang));
    }
    msg
}

/// One field's problem: `victim.identity_number: NIK harus 16 angka (terisi 15)`.
pub fn field_problem(f: &FieldProblem, lang: Lang) -> String {
    format!("{}: {}", f.field, problem(&f.problem, lang))
}

/// What is wrong with a field's value.
pub fn problem(p: &Problem, lang: Lang) -> String {
    use Problem::*;
    let (id, en): (String, String) = match p {
        Required => ("wajib diisi".into(), "is required".into()),
        NotAnObject => ("harus berupa objek JSON {…}".into(), "must be a JSON object {…}".into()),
        UnknownField => ("bukan kolom yang dikenal Lintas".into(), "is not a field Lintas knows".into()),
        SetByLintas => {
            ("diisi oleh Lintas dan tidak dapat diubah".into(), "is set by Lintas and cannot be changed".into())
        }
        NotText => ("harus berupa teks".into(), "must be text".into()),
        NotAList => ("harus berupa daftar […]".into(), "must be a list […]".into()),
        NotYesNo => ("harus true atau false".into(), "must be true or false".into()),
        NotANumber => ("harus berupa bilangan bulat".into(), "must be a whole number".into()),
        TooLong { max } => (
            format!("terlalu panjang (paling banyak {max} karakter)"),
            format!("is too long (at most {max} characters)"),
        ),
        UnknownCode { list, examples } => (
            format!("bukan kode yang dikenal dalam daftar {list} (contoh: {})", examples.join(", ")),
            format!("is not a known code of list {list} (for example: {})", examples.join(", ")),
        ),
        BadDate => (
            "bukan tanggal yang benar; tulis TTTT-BB-HH, mis. 2019-09-20".into(),
            "is not a valid date; write YYYY-MM-DD, e.g. 2019-09-20".into(),
        ),
        FutureDate => ("tidak boleh di masa depan".into(), "cannot be in the future".into()),
        BeforeBirth => {
            ("tidak boleh sebelum tanggal lahir korban".into(), "cannot be before the victim's birth date".into())
        }
        UnknownProvince => (
            "bukan kode provinsi Kepmendagri (dua angka, mis. 53)".into(),
            "is not a Kepmendagri province code (two digits, e.g. 53)".into(),
        ),
        BadRegency => (
            "bukan kode kabupaten/kota Kepmendagri (mis. 53.03)".into(),
            "is not a Kepmendagri regency code (e.g. 53.03)".into(),
        ),
        RegencyOutsideProvince => {
            ("kabupaten/kota tidak berada di provinsi yang diisi".into(), "regency is not in the given province".into())
        }
        AgeOutOfRange => ("umur harus antara 0 dan 120".into(), "age must be between 0 and 120".into()),
        CountOutOfRange { max } => {
            (format!("jumlah harus antara 0 dan {max}"), format!("must be a count between 0 and {max}"))
        }
        UnknownProgramme => (
            "program ini tidak ada di daftar program pemberdayaan; pilih dari daftar".into(),
            "this programme is not in the register of empowerment programmes; choose one from it".into(),
        ),
        UnknownTraining => (
            "pelatihan ini tidak ada di daftar pelatihan".into(),
            "this training is not in the register of trainings".into(),
        ),
        NikNotDigits => ("NIK hanya boleh berisi angka".into(), "a NIK may contain digits only".into()),
        NikLength { got } => (format!("NIK harus 16 angka (terisi {got})"), format!("a NIK has 16 digits (got {got})")),
        NikUnknownProvince => (
            "dua angka pertama NIK bukan kode provinsi".into(),
            "the first two digits of the NIK are not a province code".into(),
        ),
        NikBadDate => (
            "angka tanggal lahir di dalam NIK (angka ke-7 s.d. 12) tidak mungkin".into(),
            "the birth date encoded in the NIK (digits 7–12) is impossible".into(),
        ),
        NikBirthdateMismatch => (
            "tanggal lahir di dalam NIK tidak sama dengan tanggal lahir yang diisi".into(),
            "the birth date encoded in the NIK differs from the birth date given".into(),
        ),
        NikSexMismatch => (
            "jenis kelamin di dalam NIK (tanggal +40 untuk perempuan) tidak sama dengan yang diisi".into(),
            "the sex encoded in the NIK (day +40 for women) differs from the gender given".into(),
        ),
        NotFoundInCase => ("tidak ada id ini di kasus tersebut".into(), "no item with this id in the case".into()),
        UnknownOrganisation => (
            "organisasi ini tidak ada di daftar organisasi; pilih dari daftar".into(),
            "this organisation is not in the directory; choose one from it".into(),
        ),
    };
    match lang {
        Lang::Id => id,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_worded_in_both_languages_and_problems_never_repeat_values() {
        for code in ErrorCode::ALL {
            let e = Error::new(code);
            let (id, en) = (error(&e, Lang::Id), error(&e, Lang::En));
            assert!(!id.is_empty() && !en.is_empty() && id != en, "{code:?}");
        }
        let cut = Error::new(ErrorCode::BundleIncomplete);
        assert!(error(&cut, Lang::Id).contains("minta bundel dikirim ulang"));
        assert!(error(&cut, Lang::En).contains("ask for the bundle again"));
        let p = Problem::NikLength { got: 15 };
        assert!(problem(&p, Lang::Id).contains("16 angka"));
        assert!(problem(&p, Lang::En).contains("16 digits"));
    }
}
