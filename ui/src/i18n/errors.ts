// What the app says for each of the core's error codes and each problem with a field, in Bahasa
// Indonesia and English. The core returns codes and structured details only
// (bindings/ErrorCode.ts, bindings/Problem.ts); the words are the shells' own — the CLI has
// its own in src/wording.rs, and may name its commands; these never do. A test checks that
// every code has a text in both languages and that none names a command, flag or field path.
//
// Placeholders: {min} (shortest passphrase), {max} (longest text), {got} (digits typed),
// {list} and {examples} (a code list and some of its codes).

import type { ErrorCode } from '../bindings/ErrorCode';
import type { Problem } from '../bindings/Problem';
import type { Lang } from '../types';
import { interpolate } from './index';

/** Every error code, worded. */
export const errorTexts: Record<Lang, Record<ErrorCode, string>> = {
  id: {
    wrong_passphrase: 'Kata sandi salah. Periksa tombol Caps Lock lalu coba lagi; jika lupa, gunakan kunci pemulihan.',
    wrong_recovery_key: 'Kunci pemulihan ini bukan milik penyimpanan ini. Periksa bahwa Anda memakai kunci yang dicetak saat pemasangan.',
    mistyped_recovery_key: 'Kunci pemulihan salah ketik (panjang atau angka pemeriksa tidak cocok). Ketik ulang dengan teliti.',
    recovery_key_needed: 'Berkas kunci laptop ini dibuat sebelum kunci penyimpanan dapat diganti. Masukkan kunci pemulihan sekali; setelah itu tidak diperlukan lagi.',
    store_busy: 'Penyimpanan sedang dipakai oleh jendela atau perintah Lintas lain. Tutup yang lain lalu coba lagi.',
    store_locked: 'Penyimpanan terkunci. Buka dengan kata sandi Anda.',
    store_not_found: 'Tidak ada penyimpanan Lintas di lokasi ini. Periksa lokasinya, atau buat penyimpanan baru.',
    store_exists: 'Sudah ada penyimpanan Lintas di lokasi ini; tidak ada yang ditimpa. Pilih folder lain.',
    store_not_encrypted: 'Berkas basis data tidak terenkripsi. Lintas menolak membukanya; hubungi koordinator.',
    store_damaged: 'Penyimpanan rusak atau tidak cocok dengan berkas kuncinya. Pulihkan dari cadangan; hubungi koordinator.',
    store_too_new: 'Penyimpanan ini dibuat oleh Lintas versi lebih baru. Perbarui Lintas.',
    weak_passphrase: 'Kata sandi terlalu pendek: pakai paling sedikit {min} karakter, misalnya beberapa kata.',
    no_passphrase: 'Tidak ada kata sandi yang diberikan.',
    invalid_record: 'Data tidak disimpan karena ada isian yang salah. Perbaiki lalu simpan lagi:',
    invalid_input: 'Masukan tidak dapat dibaca.',
    case_not_found: 'Kasus tidak ditemukan. Periksa nomor atau id kasus di daftar kasus.',
    attachment_not_found: 'Lampiran tidak ditemukan.',
    link_not_found: 'Tautan data ganda tidak ditemukan. Lihat daftar kemungkinan data ganda.',
    organisation_not_found: 'Organisasi tidak ditemukan di daftar organisasi.',
    record_not_found: 'Catatan kegiatan, pelatihan atau program ini tidak ditemukan.',
    not_an_aggregate: 'Berkas ini bukan laporan ringkas (agregat) Lintas dari sebuah kabupaten/kota.',
    aggregate_tampered:
      'Laporan ringkas ini telah diubah setelah ditandatangani, atau tanda tangannya tidak cocok. Minta berkas baru dari pengirimnya.',
    aggregate_untrusted:
      'Laporan ringkas ini ditandatangani oleh laptop yang tidak dipercaya di sini (atau sudah dicabut). Tambahkan kartu identitas daerah itu dulu.',
    aggregate_other_province: 'Laporan ringkas ini berasal dari kabupaten/kota di provinsi lain.',
    aggregate_periods: 'Laporan-laporan ringkas ini mencakup periode yang berbeda. Pakai laporan untuk periode yang sama.',
    aggregate_twice: 'Dua laporan ringkas berasal dari kabupaten/kota yang sama. Pakai satu laporan per kabupaten/kota.',
    assessment_not_found: 'Asesmen tidak ditemukan di kasus ini.',
    not_a_best_interest_assessment: 'Hanya asesmen kepentingan terbaik anak yang disetujui koordinator; asesmen lain tidak perlu persetujuan.',
    not_a_spreadsheet: 'Berkas ini bukan spreadsheet yang dapat dibaca Lintas. Pilih berkas .xlsx, .xlsm, .ods atau .csv.',
    spreadsheet_unreadable: 'Spreadsheet tidak dapat dibaca (rusak, terkunci kata sandi, atau bukan UTF-8). Simpan ulang dari Excel lalu coba lagi; tidak ada yang diimpor.',
    spreadsheet_no_columns: 'Tidak ada baris judul dengan kolom yang dikenal Lintas (nama kolom HTCDS atau labelnya). Periksa baris judul; tidak ada yang diimpor.',
    spreadsheet_too_large: 'Spreadsheet terlalu besar (paling besar 200 MB). Bagi menjadi beberapa berkas.',
    attachment_too_large: 'Lampiran terlalu besar (paling besar 50 MB). Pindai dengan resolusi lebih rendah.',
    audit_failed: 'Pemeriksaan audit GAGAL: catatan telah diubah di luar Lintas. Jangan ubah apa pun; hubungi koordinator.',
    not_a_bundle: 'Berkas ini bukan bundel Lintas. Pilih berkas berakhiran .lintas.',
    bundle_version: 'Bundel ini dibuat oleh Lintas versi lain yang belum didukung. Perbarui Lintas.',
    bundle_incomplete: 'Salinan bundel tidak lengkap (terpotong, mungkin flashdisk dicabut saat menyalin). Tidak ada yang diimpor; minta bundel dikirim ulang.',
    bundle_tampered: 'Bundel telah diubah atau rusak; tanda tangannya tidak cocok. Tidak ada yang diimpor. Minta bundel dikirim ulang dan laporkan kepada koordinator.',
    untrusted_sender: 'Pengirim bundel belum dipercaya. Impor kartu identitas daerah pengirim dan bandingkan sidik jarinya, lalu impor lagi.',
    revoked_sender: 'Kunci perangkat pengirim sudah dicabut; bundel ditolak. Hubungi daerah pengirim.',
    impersonation: 'Bundel ini ditandatangani perangkat tepercaya dari daerah lain daripada yang tertulis sebagai pengirimnya. Tidak ada yang diimpor. Hubungi penanggung jawab daerah penanda tangan lewat telepon yang Anda kenal; bila perangkatnya dicuri atau disalahgunakan, cabut kepercayaan pada perangkat itu.',
    wrong_recipient: 'Bundel ini ditujukan untuk daerah lain, bukan perangkat ini. Tidak ada yang diimpor.',
    no_recipient: 'Belum ada perangkat tepercaya di daerah tujuan. Impor kartu identitasnya dulu.',
    bundle_read_back: 'Bundel yang ditulis rusak saat dibaca ulang (flashdisk bermasalah). Coba flashdisk lain.',
    not_a_backup: 'Berkas ini bukan cadangan Lintas. Pilih berkas cadangan Lintas (berakhiran .lintas-backup).',
    backup_version: 'Cadangan ini dibuat oleh Lintas versi lebih baru. Perbarui Lintas lalu pulihkan lagi.',
    backup_incomplete: 'Salinan cadangan tidak lengkap (terpotong, mungkin flashdisk dicabut saat menyalin). Tidak ada yang dipulihkan; salin ulang cadangannya atau pakai cadangan lain.',
    backup_damaged: 'Cadangan rusak: isinya tidak cocok dengan tanda pemeriksanya. Tidak ada yang dipulihkan; pakai salinan cadangan lain.',
    backup_read_back: 'Cadangan yang ditulis rusak saat dibaca ulang (flashdisk bermasalah). Coba flashdisk lain.',
    not_a_card: 'Berkas ini bukan kartu identitas Lintas yang sah.',
    fingerprint_mismatch: 'Sidik jari TIDAK cocok dengan kartu. Jangan percayai kartu ini; hubungi daerah tersebut lewat telepon yang Anda kenal.',
    own_card: 'Ini kartu identitas daerah Anda sendiri.',
    device_not_found: 'Perangkat tidak ada di daftar perangkat tepercaya.',
    referral_not_found: 'Rujukan tidak ditemukan di daftar rujukan.',
    not_receiver: 'Hanya daerah penerima yang dapat menyetujui, menolak, atau menyelesaikan rujukan ini.',
    already_decided: 'Rujukan ini sudah diputuskan.',
    not_accepted: 'Rujukan harus disetujui sebelum diselesaikan.',
    consent_missing: 'Persetujuan korban tidak mencakup berbagi dengan daerah ini. Catat persetujuan korban untuk daerah ini, atau beri alasan untuk tetap mengirim.',
    conflict_not_found: 'Tidak ada konflik terbuka dengan id ini di daftar konflik.',
    not_a_conflict_version: 'Versi yang dipilih bukan salah satu versi yang berkonflik.',
    forbidden: 'Peran Anda tidak mengizinkan tindakan ini; tidak ada yang diubah. Minta koordinator melakukannya atau mengubah peran Anda.',
    not_authorised: 'Daerah Anda tidak berwenang mengubah bagian ini: kasus ini milik daerah lain. Daerah yang menerima rujukan dapat menambah layanan, rencana dukungan, kunjungan, catatan, peristiwa dan lampiran; hubungi daerah pemilik untuk perubahan lain.',
    passphrase_in_use: 'Kata sandi ini sudah dipakai petugas lain. Pilih kata sandi yang berbeda.',
    operator_not_found: 'Petugas tidak ditemukan. Lihat daftar petugas.',
    last_coordinator: 'Harus tetap ada paling sedikit satu koordinator aktif. Jadikan petugas lain koordinator lebih dulu.',
    alert_not_found: 'Tidak ada peringatan atau permintaan penghapusan yang terbuka dengan nomor ini. Lihat daftar peringatan.',
    person_not_found: 'Orang tersebut tidak ditemukan dalam kasus ini. Periksa orang-orang dalam kasus.',
    io: 'Berkas tidak dapat dibaca atau ditulis. Periksa lokasi, izin, dan ruang disk.',
    internal: 'Terjadi kesalahan internal; tidak ada data yang hilang. Laporkan kode kesalahan kepada koordinator.',
  },
  en: {
    wrong_passphrase: 'Wrong passphrase. Check Caps Lock and try again; if it is forgotten, use the recovery key.',
    wrong_recovery_key: 'This recovery key does not belong to this store. Check that you use the key printed at set-up.',
    mistyped_recovery_key: 'The recovery key is mistyped (its length or check digits do not match). Type it again carefully.',
    recovery_key_needed: 'This laptop\'s key file predates key changes. Enter the recovery key once; it will not be needed for this again.',
    store_busy: 'The store is in use by another Lintas window or command. Close it and try again.',
    store_locked: 'The store is locked. Unlock it with your passphrase.',
    store_not_found: 'There is no Lintas store here. Check the location, or set up a new store.',
    store_exists: 'A Lintas store already exists here; nothing was overwritten. Choose another folder.',
    store_not_encrypted: 'The database file is not encrypted. Lintas refuses to open it; contact your coordinator.',
    store_damaged: 'The store is damaged or does not match its key file. Restore from a backup; contact your coordinator.',
    store_too_new: 'This store was written by a newer Lintas. Update Lintas.',
    weak_passphrase: 'The passphrase is too short: use at least {min} characters, for example a few words.',
    no_passphrase: 'No passphrase was given.',
    invalid_record: 'Nothing was saved because some fields are wrong. Correct them and save again:',
    invalid_input: 'The input cannot be read.',
    case_not_found: 'Case not found. Check the case number or id in the case list.',
    attachment_not_found: 'Attachment not found.',
    link_not_found: 'Duplicate link not found. See the list of possible duplicates.',
    organisation_not_found: 'Organisation not found in the directory.',
    record_not_found: 'This activity, training or programme was not found.',
    not_an_aggregate: 'This file is not a Lintas summary (aggregate) report of a regency.',
    aggregate_tampered:
      'This summary report was changed after it was signed, or its signature does not match. Ask the sender for a new file.',
    aggregate_untrusted:
      "This summary report is signed by a laptop not trusted here (or revoked). Add that district's identity card first.",
    aggregate_other_province: 'This summary report comes from a regency of another province.',
    aggregate_periods: 'These summary reports cover different periods. Use reports of the same period.',
    aggregate_twice: 'Two summary reports come from the same regency. Use one report per regency.',
    assessment_not_found: 'Assessment not found in this case.',
    not_a_best_interest_assessment: 'Only a best-interest assessment of a child is approved by a coordinator; other assessments need no approval.',
    not_a_spreadsheet: 'This file is not a spreadsheet Lintas reads. Choose an .xlsx, .xlsm, .ods or .csv file.',
    spreadsheet_unreadable: 'The spreadsheet cannot be read (damaged, password-protected, or not UTF-8). Save it again from Excel and retry; nothing was imported.',
    spreadsheet_no_columns: 'No header row names a column Lintas knows (HTCDS field names or labels). Check the header row; nothing was imported.',
    spreadsheet_too_large: 'The spreadsheet is too large (200 MB at most). Split it into several files.',
    attachment_too_large: 'The attachment is too large (50 MB at most). Scan it at a lower resolution.',
    audit_failed: 'Audit FAILED: records were altered outside Lintas. Change nothing; contact your coordinator.',
    not_a_bundle: 'This file is not a Lintas bundle. Choose a file ending in .lintas.',
    bundle_version: 'This bundle was made by a Lintas version not yet supported. Update Lintas.',
    bundle_incomplete: 'Incomplete copy of the bundle (cut short, perhaps the USB stick was pulled while copying). Nothing was imported; ask for the bundle again.',
    bundle_tampered: 'The bundle was altered or damaged; its signature does not match. Nothing was imported. Ask for it again and tell your coordinator.',
    untrusted_sender: 'The bundle\'s sender is not trusted. Import the sending district\'s identity card and compare its fingerprint, then import again.',
    revoked_sender: 'The sending device\'s key was revoked; the bundle is refused. Contact the sending district.',
    impersonation: 'This bundle was signed by a trusted device of another district than the one it names as its sender. Nothing was imported. Call the signing district\'s focal point on a number you know; if the device was stolen or misused, revoke your trust in it.',
    wrong_recipient: 'This bundle is addressed to another district, not this device. Nothing was imported.',
    no_recipient: 'No trusted device in the receiving district yet. Import its identity card first.',
    bundle_read_back: 'The bundle written was damaged when read back (faulty USB stick). Try another stick.',
    not_a_backup: 'This file is not a Lintas backup. Choose a Lintas backup file (ending in .lintas-backup).',
    backup_version: 'This backup was made by a newer Lintas. Update Lintas, then restore again.',
    backup_incomplete: 'Incomplete copy of the backup (cut short, perhaps the USB stick was pulled while copying). Nothing was restored; copy the backup again or use another one.',
    backup_damaged: 'The backup is damaged: its contents do not match its checksum. Nothing was restored; use another copy of the backup.',
    backup_read_back: 'The backup written was damaged when read back (faulty USB stick). Try another stick.',
    not_a_card: 'This file is not a valid Lintas identity card.',
    fingerprint_mismatch: 'The fingerprint does NOT match the card. Do not trust this card; call that district on a number you know.',
    own_card: 'This is your own district\'s identity card.',
    device_not_found: 'No such device in the list of trusted devices.',
    referral_not_found: 'Referral not found in the list of referrals.',
    not_receiver: 'Only the receiving district may accept, decline or complete this referral.',
    already_decided: 'This referral has already been decided.',
    not_accepted: 'The referral must be accepted before it is completed.',
    consent_missing: 'The victim\'s consent does not cover sharing with this district. Record the victim\'s consent for this district, or give a reason to send anyway.',
    conflict_not_found: 'No open conflict with this id in the list of conflicts.',
    not_a_conflict_version: 'The chosen version is not one of the conflicting ones.',
    forbidden: 'Your role does not allow this; nothing was changed. Ask your coordinator to do it or to change your role.',
    not_authorised: 'Your district may not change this: the case belongs to another district. A district that accepted a referral may add services, support plans, visits, notes, events and attachments; ask the owning district for other changes.',
    passphrase_in_use: 'Another operator already uses this passphrase. Choose a different one.',
    operator_not_found: 'Operator not found. See the list of operators.',
    last_coordinator: 'There must always be at least one active coordinator. Make another operator coordinator first.',
    alert_not_found: 'No alert or open erasure request has this number. See the list of alerts.',
    person_not_found: 'That person is not in this case. Check the people of the case.',
    io: 'A file could not be read or written. Check the location, permissions and free disk space.',
    internal: 'An internal error occurred; no data was lost. Report the error code to your coordinator.',
  },
};

/** The code of each problem with a field (the `code` of bindings/Problem.ts). */
export type ProblemCode = Problem['code'];

/** Every problem with a field, worded. */
export const problemTexts: Record<Lang, Record<ProblemCode, string>> = {
  id: {
    required: 'wajib diisi',
    not_an_object: 'harus berupa kelompok isian',
    unknown_field: 'bukan kolom yang dikenal Lintas',
    set_by_lintas: 'diisi oleh Lintas dan tidak dapat diubah',
    not_text: 'harus berupa teks',
    not_a_list: 'harus berupa daftar',
    not_yes_no: 'harus ya atau tidak',
    not_a_number: 'harus berupa bilangan bulat',
    too_long: 'terlalu panjang (paling banyak {max} karakter)',
    bad_date: 'bukan tanggal yang benar; tulis TTTT-BB-HH, mis. 2019-09-20',
    future_date: 'tidak boleh di masa depan',
    before_birth: 'tidak boleh sebelum tanggal lahir korban',
    unknown_province: 'bukan kode provinsi Kepmendagri (dua angka, mis. 53)',
    bad_regency: 'bukan kode kabupaten/kota Kepmendagri (mis. 53.03)',
    regency_outside_province: 'kabupaten/kota tidak berada di provinsi yang diisi',
    age_out_of_range: 'umur harus antara 0 dan 120',
    nik_not_digits: 'NIK hanya boleh berisi angka',
    nik_length: 'NIK harus 16 angka (terisi {got})',
    nik_unknown_province: 'dua angka pertama NIK bukan kode provinsi',
    nik_bad_date: 'angka tanggal lahir di dalam NIK (angka ke-7 s.d. 12) tidak mungkin',
    nik_birthdate_mismatch: 'tanggal lahir di dalam NIK tidak sama dengan tanggal lahir yang diisi',
    nik_sex_mismatch: 'jenis kelamin di dalam NIK (tanggal +40 untuk perempuan) tidak sama dengan yang diisi',
    not_found_in_case: 'tidak ada id ini di kasus tersebut',
    unknown_organisation: 'organisasi ini tidak ada di daftar organisasi; pilih dari daftar',
    count_out_of_range: 'jumlah harus antara 0 dan {max}',
    unknown_programme: 'program ini tidak ada di daftar program pemberdayaan; pilih dari daftar',
    unknown_training: 'pelatihan ini tidak ada di daftar pelatihan',
    unknown_code: 'bukan kode yang dikenal dalam daftar {list} (contoh: {examples})',
  },
  en: {
    required: 'is required',
    not_an_object: 'must be a group of fields',
    unknown_field: 'is not a field Lintas knows',
    set_by_lintas: 'is set by Lintas and cannot be changed',
    not_text: 'must be text',
    not_a_list: 'must be a list',
    not_yes_no: 'must be yes or no',
    not_a_number: 'must be a whole number',
    too_long: 'is too long (at most {max} characters)',
    bad_date: 'is not a valid date; write YYYY-MM-DD, e.g. 2019-09-20',
    future_date: 'cannot be in the future',
    before_birth: 'cannot be before the victim\'s birth date',
    unknown_province: 'is not a Kepmendagri province code (two digits, e.g. 53)',
    bad_regency: 'is not a Kepmendagri regency code (e.g. 53.03)',
    regency_outside_province: 'regency is not in the given province',
    age_out_of_range: 'age must be between 0 and 120',
    nik_not_digits: 'a NIK may contain digits only',
    nik_length: 'a NIK has 16 digits (got {got})',
    nik_unknown_province: 'the first two digits of the NIK are not a province code',
    nik_bad_date: 'the birth date encoded in the NIK (digits 7–12) is impossible',
    nik_birthdate_mismatch: 'the birth date encoded in the NIK differs from the birth date given',
    nik_sex_mismatch: 'the sex encoded in the NIK (day +40 for women) differs from the gender given',
    not_found_in_case: 'no item with this id in the case',
    unknown_organisation: 'this organisation is not in the directory; choose one from it',
    count_out_of_range: 'must be a count between 0 and {max}',
    unknown_programme: 'this programme is not in the register of empowerment programmes; choose one from it',
    unknown_training: 'this training is not in the register of trainings',
    unknown_code: 'is not a known code of the list {list} (for example: {examples})',
  },
};

/** The words for an error code in a language. */
export function errorText(code: ErrorCode, lang: Lang): string {
  return errorTexts[lang][code] ?? errorTexts.id[code];
}

/** The words for a field's problem in a language, with its parameters filled in. */
export function problemText(problem: Problem, lang: Lang): string {
  const text = problemTexts[lang][problem.code] ?? problemTexts.id[problem.code];
  const params: Record<string, string | number> = {};
  if (problem.code === 'too_long') params.max = problem.max;
  if (problem.code === 'nik_length') params.got = problem.got;
  if (problem.code === 'unknown_code') {
    params.list = problem.list;
    params.examples = problem.examples.join(', ');
  }
  return interpolate(text, params, lang);
}
