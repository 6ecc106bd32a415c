//! What the CLI prints: one JSON document with `--json`, otherwise short text in the chosen
//! language, with code values followed by their labels.

use lintas_core::alerts::Alert;
use lintas_core::audit::{AuditEntry, AuditReport};
use lintas_core::backup::{BackupSummary, RestoreSummary};
use lintas_core::bundle::Header;
use lintas_core::cases::{CaseSummary, Created, Updated};
use lintas_core::codes::{self, Lang};
use lintas_core::conflicts::Conflict;
use lintas_core::duplicates::Candidate;
use lintas_core::erasure::{Erased, ErasureRequest};
use lintas_core::identity::TrustedDevice;
use lintas_core::operators::Operator;
use lintas_core::referrals::Referral;
use lintas_core::rekey::Rotated;
use lintas_core::schema::{EntityDef, EntityKind, FieldKind};
use lintas_core::secret::RecoveryKey;
use lintas_core::store::Store;
use lintas_core::sync::{ExportSummary, ImportSummary};
use lintas_core::{Error, ErrorCode};
use serde_json::{json, Map, Value};

/// Nested objects of a shown case (`intake.date` is the field `intake_date`).
const GROUPS: &[&str] = &["intake", "law_enforcement", "address"];

pub struct Out {
    pub json: bool,
    pub lang: Lang,
}

impl Out {
    fn t<'a>(&self, id: &'a str, en: &'a str) -> &'a str {
        match self.lang {
            Lang::Id => id,
            Lang::En => en,
        }
    }

    fn print_json(&self, v: &Value) {
        println!("{}", serde_json::to_string_pretty(v).unwrap_or_default());
    }

    /// Errors: one clear line (plus one line per invalid field) on stderr; with `--json` also
    /// a document on stdout.
    pub fn error(&self, e: &Error) {
        let message = crate::wording::error(e, self.lang);
        if self.json {
            // The core's codes, with this CLI's words beside them.
            let mut doc = serde_json::to_value(e.to_ipc()).unwrap_or_default();
            doc["message"] = Value::String(message.lines().next().unwrap_or_default().to_string());
            for (field, problem) in doc["fields"].as_array_mut().into_iter().flatten().zip(&e.fields) {
                field["message"] = Value::String(crate::wording::problem(&problem.problem, self.lang));
            }
            self.print_json(&json!({ "error": doc }));
        }
        // The CLI's hint goes on the message's first line: one error, one line, where it can.
        let (first, rest) = message.split_once('\n').map_or((message.as_str(), None), |(f, r)| (f, Some(r)));
        match cli_hint(e.code) {
            Some((id, en)) => eprintln!("lintas: {first} ({})", self.t(id, en)),
            None => eprintln!("lintas: {first}"),
        }
        if let Some(rest) = rest {
            eprintln!("{rest}");
        }
    }

    pub fn done(&self, doc: Value, text: &str) {
        if self.json {
            self.print_json(&doc);
        } else {
            println!("{text}");
        }
    }

    pub fn backed_up(&self, b: &BackupSummary) {
        if self.json {
            self.print_json(
                &json!({"id": b.sha256, "path": b.path, "bytes": b.bytes, "sha256": b.sha256, "cases": b.cases}),
            );
            return;
        }
        println!(
            "{} {} ({} {}, {} byte).",
            self.t("Cadangan terenkripsi ditulis ke", "Encrypted backup written to"),
            b.path.display(),
            b.cases,
            self.t("kasus", "cases"),
            b.bytes
        );
        println!(
            "{}",
            self.t(
                "Cadangan hanya dapat dibuka dengan kata sandi atau kunci pemulihan. Simpan di tempat aman.",
                "The backup opens only with the passphrase or the recovery key. Keep it somewhere safe."
            )
        );
        println!("SHA-256: {}", b.sha256);
    }

    /// After a key change (and the operator removal that caused it, if any).
    pub fn rotated(&self, doc: Value, r: &Rotated, removed: Option<uuid::Uuid>) {
        if self.json {
            self.print_json(&doc);
            return;
        }
        if let Some(id) = removed {
            println!(
                "{} {id} {}",
                self.t("Petugas", "Operator"),
                self.t("tidak dapat membuka Lintas lagi.", "can no longer open Lintas.")
            );
        }
        println!(
            "{}",
            self.t(
                "Kunci penyimpanan diganti: salinan lama berkas kunci tidak membukanya lagi. Kata sandi petugas lain dan kunci pemulihan tetap berlaku.",
                "The store's key was changed: old copies of the key file no longer open it. The other operators' passphrases and the recovery key keep working."
            )
        );
        for id in &r.need_new_passphrase {
            println!(
                "{} {id}",
                self.t("Perlu kata sandi baru dari koordinator:", "Needs a new passphrase from a coordinator:")
            );
        }
    }

    pub fn restored(&self, r: &RestoreSummary, dir: &std::path::Path, with_recovery_key: bool) {
        if self.json {
            self.print_json(&json!({
                "id": r.device_id, "device_id": r.device_id, "previous_device_id": r.previous_device_id,
                "district": r.district, "district_name": r.district_name, "cases": r.cases,
                "fingerprint": r.fingerprint, "store": dir,
            }));
            return;
        }
        println!(
            "{} {} ({}): {} {}.",
            self.t("Cadangan dipulihkan ke", "Backup restored to"),
            dir.display(),
            r.district_name,
            r.cases,
            self.t("kasus", "cases")
        );
        println!(
            "{}",
            self.t(
                "Laptop ini mendapat kunci perangkat baru; kunci perangkat lama dicabut. Daerah lain mengetahuinya dari bundel berikutnya yang Anda kirim.",
                "This laptop has new device keys; the old device's key is revoked. Other districts learn of it from the next bundle you send."
            )
        );
        println!("{} {}", self.t("Perangkat baru:", "New device:"), r.device_id);
        println!("{} {}", self.t("Perangkat lama (dicabut):", "Old device (revoked):"), r.previous_device_id);
        println!("{} {}", self.t("Sidik jari baru:", "New fingerprint:"), r.fingerprint);
        if with_recovery_key {
            println!(
                "{}",
                self.t(
                    "Kata sandinya masih kata sandi lama. Jika terlupa, pasang yang baru dengan lintas recover.",
                    "The passphrase is still the old one. If it is forgotten, set a new one with lintas recover."
                )
            );
        }
    }

    pub fn initialised(&self, store: &Store, recovery: &RecoveryKey) {
        let id = store.identity();
        let key = recovery.display_text();
        if self.json {
            self.print_json(&json!({
                "id": id.device_id, "device_id": id.device_id, "district": id.district,
                "district_name": id.district_name, "recovery_key": &*key,
            }));
            return;
        }
        println!(
            "{} {} ({}).",
            self.t("Penyimpanan terenkripsi dibuat untuk", "Encrypted store created for"),
            id.district_name,
            id.district
        );
        println!();
        println!(
            "{}",
            self.t(
                "KUNCI PEMULIHAN — tulis atau cetak dan simpan di tempat aman. Hanya ditampilkan sekali ini:",
                "RECOVERY KEY — write it down or print it and keep it safe. It is shown only this once:"
            )
        );
        println!("    {}", &*key);
    }

    pub fn created<'a>(&self, created: impl Iterator<Item = &'a Created>) {
        let created: Vec<&Created> = created.collect();
        if self.json {
            match created.as_slice() {
                [one] => self.print_json(&json!({
                    "id": one.id, "case_number": one.case_number, "possible_duplicates": one.possible_duplicates,
                })),
                many => self.print_json(&json!({"created": many})),
            }
            return;
        }
        for c in created {
            println!("{} {}  (id {})", self.t("Kasus dibuat:", "Case created:"), c.case_number, c.id);
            if !c.possible_duplicates.is_empty() {
                println!(
                    "  {} {} ({})",
                    self.t("Mungkin orang yang sama dengan kasus", "Possibly the same person as case"),
                    c.possible_duplicates.join(", "),
                    self.t("periksa: lintas duplicates list", "review: lintas duplicates list")
                );
            }
        }
    }

    pub fn updated(&self, u: &Updated) {
        if self.json {
            self.print_json(&json!({"id": u.id, "case_number": u.case_number, "changes": u.changes}));
        } else {
            println!(
                "{} {}: {} {}",
                self.t("Kasus diperbarui", "Case updated"),
                u.case_number,
                u.changes,
                self.t("perubahan", "changes")
            );
        }
    }

    pub fn summaries(&self, list: &[CaseSummary]) {
        if self.json {
            self.print_json(&json!({"count": list.len(), "cases": list}));
            return;
        }
        if list.is_empty() {
            println!("{}", self.t("Tidak ada kasus.", "No cases."));
            return;
        }
        for c in list {
            let status = c.status.as_deref().and_then(|s| codes::CASE_STATUS.label(s, self.lang)).unwrap_or("-");
            let child = if c.is_child { self.t("ANAK", "CHILD") } else { "" };
            println!(
                "{:<16} {:<10} {:<20} {:<5} {}",
                c.case_number,
                c.intake_date.as_deref().unwrap_or("-"),
                status,
                child,
                c.victim_name
            );
        }
        println!("{} {}", list.len(), self.t("kasus", "cases"));
    }

    pub fn case(&self, doc: &Value) {
        if self.json {
            self.print_json(doc);
            return;
        }
        let Some(doc) = doc.as_object() else { return };
        let number = doc.get("case_number").and_then(Value::as_str).unwrap_or("");
        let child = doc.get("is_child") == Some(&Value::Bool(true));
        println!("{} {}{}", self.t("Kasus", "Case"), number, if child { self.t("  [ANAK]", "  [CHILD]") } else { "" });
        self.entity(EntityKind::Case.def(), doc, 1);
        let sections: [(&str, &str, &str, EntityKind); 11] = [
            ("victim", "Korban", "Victim", EntityKind::Person),
            ("witnesses", "Saksi", "Witnesses", EntityKind::Person),
            ("family_contacts", "Kontak keluarga", "Family contacts", EntityKind::Person),
            ("perpetrators", "Pelaku", "Perpetrators", EntityKind::Person),
            ("events", "Peristiwa", "Events", EntityKind::Event),
            ("services", "Layanan", "Services", EntityKind::Service),
            ("followups", "Pemantauan", "Follow-ups", EntityKind::Followup),
            ("notes", "Catatan", "Notes", EntityKind::Note),
            ("plans", "Rencana dukungan dan reintegrasi", "Support and reintegration plans", EntityKind::Plan),
            ("assessments", "Asesmen", "Assessments", EntityKind::Assessment),
            ("consent", "Persetujuan", "Consent", EntityKind::Consent),
        ];
        for (key, id, en, kind) in sections {
            let items: Vec<&Map<String, Value>> = match doc.get(key) {
                Some(Value::Object(m)) => vec![m],
                Some(Value::Array(a)) => a.iter().filter_map(Value::as_object).collect(),
                _ => continue,
            };
            if items.is_empty() {
                continue;
            }
            println!("{}:", self.t(id, en));
            for item in items {
                self.entity(kind.def(), item, 2);
                if kind == EntityKind::Person {
                    self.entity(EntityKind::Party.def(), item, 2);
                }
                if items_len(doc.get(key)) > 1 {
                    println!();
                }
            }
        }
        if let Some(Value::Array(a)) = doc.get("attachments") {
            if !a.is_empty() {
                println!("{}:", self.t("Lampiran", "Attachments"));
                for m in a.iter().filter_map(Value::as_object) {
                    println!(
                        "    {}  {}  {} byte",
                        str_of(m, "id"),
                        str_of(m, "name"),
                        m.get("size").unwrap_or(&Value::Null)
                    );
                }
            }
        }
    }

    /// Prints the fields of `def` found in `m`, including grouped ones (`intake.date`).
    fn entity(&self, def: &EntityDef, m: &Map<String, Value>, indent: usize) {
        for f in def.fields {
            if matches!(f.kind, FieldKind::Ref(_)) {
                continue;
            }
            let value = m.get(f.name).or_else(|| {
                GROUPS.iter().find_map(|g| {
                    let rest = f.name.strip_prefix(g)?.strip_prefix('_')?;
                    m.get(*g)?.as_object()?.get(rest)
                })
            });
            let Some(value) = value.filter(|v| !v.is_null()) else { continue };
            println!("{:indent$}{}: {}", "", f.name, self.value(f.kind, value), indent = indent * 2);
        }
    }

    fn value(&self, kind: FieldKind, v: &Value) -> String {
        let label = |list: &codes::CodeList, s: &str| match list.label(s, self.lang) {
            Some(l) if l != s => format!("{s} ({l})"),
            _ => s.to_string(),
        };
        match (kind, v) {
            (FieldKind::Code(list), Value::String(s)) => label(list, s),
            (FieldKind::Province, Value::String(s)) => label(&codes::PROVINCE, s),
            (FieldKind::Codes(list), Value::Array(a)) => {
                a.iter().filter_map(Value::as_str).map(|s| label(list, s)).collect::<Vec<_>>().join(", ")
            }
            (_, Value::Array(a)) => a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", "),
            (FieldKind::Bool, Value::Bool(b)) => {
                self.t(if *b { "ya" } else { "tidak" }, if *b { "yes" } else { "no" }).into()
            }
            (_, Value::String(s)) => s.clone(),
            (_, other) => other.to_string(),
        }
    }

    pub fn fingerprint(&self, fp: &str, card: Option<&std::path::Path>) {
        if self.json {
            self.print_json(&json!({"fingerprint": fp, "card": card}));
            return;
        }
        if let Some(p) = card {
            println!("{} {}", self.t("Kartu identitas ditulis ke", "Identity card written to"), p.display());
        }
        println!(
            "{}",
            self.t("Sidik jari (bacakan kepada daerah penerima):", "Fingerprint (read it to the receiving district):")
        );
        println!("    {fp}");
    }

    pub fn trusted(&self, list: &[TrustedDevice]) {
        if self.json {
            self.print_json(&json!({"count": list.len(), "devices": list}));
            return;
        }
        if list.is_empty() {
            println!("{}", self.t("Belum ada daerah yang dipercaya.", "No district is trusted yet."));
        }
        for d in list {
            let state = match &d.revoked_at {
                Some(_) => self.t("DICABUT", "REVOKED"),
                None => self.t("dipercaya", "trusted"),
            };
            println!("{}  {:<6} {:<36} {}", d.device_id, d.district, d.district_name, state);
        }
    }

    pub fn operators(&self, list: &[Operator]) {
        if self.json {
            self.print_json(&json!({"count": list.len(), "operators": list}));
            return;
        }
        for o in list {
            let role = codes::OPERATOR_ROLE.label(o.role.code(), self.lang).unwrap_or_default();
            let state = match (o.active, o.can_unlock) {
                (false, _) => self.t("dihapus", "removed"),
                (true, true) => self.t("aktif", "active"),
                (true, false) => self.t("tanpa kata sandi di laptop ini", "no passphrase on this laptop"),
            };
            let here = if o.current { "*" } else { " " };
            println!("{here} {}  {:<24} {:<20} {}", o.id, o.name, role, state);
        }
    }

    pub fn exported(&self, s: &ExportSummary) {
        if self.json {
            self.print_json(&serde_json::to_value(s).unwrap_or_default());
            return;
        }
        println!(
            "{} {}: {} {}, {} op, {} {}, {} byte → {}",
            self.t("Bundel untuk", "Bundle for"),
            s.district,
            s.cases,
            self.t("kasus", "cases"),
            s.ops,
            s.attachments,
            self.t("lampiran", "attachments"),
            s.bytes,
            s.path.display()
        );
        println!(
            "{}",
            self.t("Ditulis, dibaca ulang, dan diperiksa: utuh.", "Written, read back and verified: intact.")
        );
    }

    pub fn imported(&self, s: &ImportSummary) {
        if self.json {
            self.print_json(&serde_json::to_value(s).unwrap_or_default());
            return;
        }
        println!("{} {} ({})", self.t("Bundel dari", "Bundle from"), s.sender_district_name, s.sender_district);
        let lines = [
            (self.t("Kasus baru", "New cases"), s.new_cases.join(", ")),
            (self.t("Kasus diperbarui", "Updated cases"), s.updated_cases.join(", ")),
            (self.t("Perubahan diterapkan", "Changes applied"), s.ops_applied.to_string()),
            (self.t("Sudah ada sebelumnya", "Already present"), s.ops_already_present.to_string()),
            (self.t("Menunggu data lain", "Waiting for other data"), s.ops_waiting.to_string()),
            (self.t("Konflik untuk ditinjau", "Conflicts to review"), s.conflicts.to_string()),
            (self.t("Kemungkinan orang yang sama", "Possible duplicates"), {
                let mut pairs = s.duplicates.iter().map(|(a, b)| format!("{a} ~ {b}")).collect::<Vec<_>>().join(", ");
                if s.duplicates_unchecked > 0 {
                    if !pairs.is_empty() {
                        pairs.push_str("; ");
                    }
                    pairs.push_str(self.t(
                        &format!("{} kasus lain dibandingkan di: lintas duplicates list", s.duplicates_unchecked),
                        &format!("{} more cases are compared in: lintas duplicates list", s.duplicates_unchecked),
                    ));
                }
                pairs
            }),
            (self.t("Rujukan diterima", "Referrals received"), s.referrals_received.to_string()),
            (self.t("Peringatan", "Alerts"), s.alerts.to_string()),
            (self.t("Perubahan ditolak", "Changes refused"), s.ops_refused.to_string()),
            (self.t("Permintaan penghapusan", "Erasure requests"), s.erasure_requests.to_string()),
        ];
        for (label, value) in lines {
            println!("  {label}: {}", if value.is_empty() { "-".to_string() } else { value });
        }
        if s.ops_refused > 0 || s.erasure_requests > 0 {
            println!("  ({})", self.t("periksa: lintas alerts list", "review: lintas alerts list"));
        }
    }

    /// What happened, in a few words, for an alert's rule code.
    fn rule_text(&self, rule: &str) -> &'static str {
        let (id, en) = match rule {
            "impersonation" => (
                "Bundel ditandatangani laptop daerah lain daripada pengirim yang tertulis",
                "Bundle signed by a laptop of another district than the sender it names",
            ),
            "foreign_card" => (
                "Kartu identitas pengirim menyebut laptop daerah lain (diabaikan)",
                "Sender's identity card names laptops of another district (ignored)",
            ),
            "forged_op" => ("Perubahan diubah di perjalanan", "Change altered on the way"),
            "unsigned" => (
                "Perubahan tanpa tanda tangan sah dari laptop penulisnya",
                "Change without a valid signature of the laptop that wrote it",
            ),
            "unknown_device" => ("Perubahan dari laptop yang belum dipercaya", "Change from a laptop not trusted here"),
            "revoked_device" => (
                "Perubahan dari laptop yang sudah dicabut kepercayaannya",
                "Change from a laptop whose trust was revoked",
            ),
            "equivocation" => (
                "Laptop yang sama menandatangani dua isi berbeda untuk satu perubahan",
                "The same laptop signed two different contents for one change",
            ),
            "malformed" => ("Perubahan tidak dapat dibaca", "Change cannot be read"),
            "invalid_value" => ("Perubahan berisi nilai yang tidak sah", "Change holds a value that is not valid"),
            "future_clock" => ("Jam laptop pengirim terlalu maju", "The sending laptop's clock is too far ahead"),
            "duplicate_create" => ("Membuat data yang sudah ada", "Creates a record that already exists"),
            "foreign_id" => (
                "Membuat data dengan nomor pengenal milik daerah lain",
                "Creates a record under another district's identifier",
            ),
            "not_owner" => ("Mengubah kasus milik daerah lain", "Changes a case another district owns"),
            "not_carer" => ("Mengubah kasus yang tidak dirujuk kepadanya", "Changes a case not referred to it"),
            "not_creator" => ("Mengubah data yang ditulis daerah lain", "Changes a record another district wrote"),
            "not_receiver" => {
                ("Memutuskan rujukan yang tidak ditujukan kepadanya", "Decides a referral not addressed to it")
            }
            "not_sender" => ("Mengubah permintaan rujukan daerah lain", "Changes another district's referral request"),
            "other_districts_operator" => ("Mengubah petugas daerah lain", "Changes another district's operators"),
            "local_only" => (
                "Mengirim data yang hanya boleh tinggal di daerah pembuatnya",
                "Sends a record that stays with the district that made it",
            ),
            "erasure_request" => (
                "Permintaan menghapus data seseorang dalam kasus daerah ini",
                "Request to erase a person in a case of this district",
            ),
            "forged_approval" => (
                "Persetujuan penilaian kepentingan terbaik atas nama orang lain",
                "A best-interest approval given in someone else's name",
            ),
            "waiting_limit" => (
                "Terlalu banyak perubahan menunggu data yang tidak pernah datang",
                "Too many changes waiting for records that never came",
            ),
            "orphan_blob" => ("Isi lampiran tanpa lampirannya", "Attachment content without its attachment"),
            _ => ("Perubahan ditolak", "Change refused"),
        };
        self.t(id, en)
    }

    pub fn alerts(&self, list: &[Alert], open: u64) {
        if self.json {
            self.print_json(&json!({"alerts": list, "count": list.len(), "open": open}));
            return;
        }
        if list.is_empty() {
            println!("{}", self.t("Tidak ada peringatan.", "No alerts."));
            return;
        }
        println!(
            "{:>5}  {:<16}  {:<7}  {:<6}  {:<6}  {:<16}  {}",
            "ID",
            self.t("Waktu (UTC)", "Time (UTC)"),
            self.t("Status", "State"),
            self.t("Daerah", "From"),
            self.t("Bundel", "Bundle"),
            self.t("Kasus", "Case"),
            self.t("Apa yang terjadi", "What happened"),
        );
        for a in list {
            let state = if a.dismissed_at.is_some() { self.t("selesai", "done") } else { self.t("TERBUKA", "OPEN") };
            println!(
                "{:>5}  {:<16}  {:<7}  {:<6}  {:<6}  {:<16}  {}",
                a.id,
                minute(&a.at),
                state,
                a.district.as_deref().unwrap_or("-"),
                a.sender.as_deref().unwrap_or("-"),
                a.case_number.as_deref().unwrap_or("-"),
                self.rule_text(&a.rule)
            );
        }
        println!("{} {}, {} {}", list.len(), self.t("peringatan", "alerts"), open, self.t("terbuka", "open"));
    }

    /// The line that confirms a dismissed alert.
    pub fn dismissed(&self, id: i64) -> String {
        format!("{} {id} {}", self.t("Peringatan", "Alert"), self.t("ditandai selesai.", "marked as dealt with."))
    }

    pub fn erased(&self, e: &Erased) {
        self.done(
            json!(e),
            &format!(
                "{} {} {}. {}",
                self.t("Dihapus:", "Erased:"),
                e.entities,
                self.t("catatan", "records"),
                self.t(
                    "Penghapusan ikut terkirim pada bundel berikutnya.",
                    "The erasure goes out with the next bundle."
                )
            ),
        );
        if e.cleanup_pending && !self.json {
            eprintln!(
                "{}",
                self.t(
                    "Disk penuh: sisa data yang dihapus belum dibersihkan dari disk. Kosongkan ruang; pembersihan berjalan sendiri saat Lintas dibuka lagi.",
                    "The disk is full: what is left of the erased data is not yet wiped from the disk. Free some space; the clean-up runs by itself when Lintas is next opened."
                )
            );
        }
    }

    pub fn erasure_requests(&self, list: &[ErasureRequest]) {
        if self.json {
            self.print_json(&json!({"count": list.len(), "requests": list}));
            return;
        }
        if list.is_empty() {
            println!("{}", self.t("Tidak ada permintaan penghapusan.", "No erasure requests."));
            return;
        }
        for r in list {
            let who = if r.victim {
                self.t("korban (seluruh kasus)", "the victim (the whole case)").to_string()
            } else {
                format!("{} {}", self.t("orang", "person"), r.person)
            };
            println!(
                "{:>5}  {}  {} {:<6}  {:<16}  {}",
                r.alert,
                minute(&r.at),
                self.t("dari", "from"),
                r.from.as_deref().unwrap_or("?"),
                r.case_number,
                who
            );
        }
        println!(
            "{}",
            self.t(
                "Konfirmasi: lintas erase confirm ID --reason LegalRequest|RetentionEnded, atau tolak: lintas alerts dismiss ID",
                "Confirm: lintas erase confirm ID --reason LegalRequest|RetentionEnded, or decline: lintas alerts dismiss ID"
            )
        );
    }

    pub fn inspected(&self, h: &Header) {
        if self.json {
            self.print_json(&json!({"verified": true, "header": h}));
            return;
        }
        println!(
            "{}",
            self.t(
                "Tanda tangan sah; bundel utuh (tidak didekripsi).",
                "Signatures valid; bundle complete (not decrypted)."
            )
        );
        println!("  id: {}", h.bundle_id);
        println!(
            "  {}: {} ({}), {} {}",
            self.t("dari", "from"),
            h.sender.district_name,
            h.sender.district,
            self.t("perangkat", "device"),
            h.sender.device_id
        );
        println!(
            "  {}: {} ({} {})",
            self.t("untuk", "to"),
            h.recipient.district,
            h.recipient.devices.len(),
            self.t("perangkat", "devices")
        );
        println!("  {}: {}", self.t("dibuat", "created"), h.created_at);
        println!("  op: {}, {}: {}", h.op_count, self.t("lampiran", "attachments"), h.blob_count);
    }

    /// One referral after a decision: the object itself with `--json`.
    pub fn referral(&self, r: &Referral) {
        if self.json {
            self.print_json(&serde_json::to_value(r).unwrap_or_default());
        } else {
            self.referrals_text(std::slice::from_ref(r));
        }
    }

    pub fn referrals(&self, list: &[Referral]) {
        if self.json {
            self.print_json(&json!({"count": list.len(), "referrals": list}));
        } else {
            self.referrals_text(list);
        }
    }

    fn referrals_text(&self, list: &[Referral]) {
        if list.is_empty() {
            println!("{}", self.t("Tidak ada rujukan.", "No referrals."));
        }
        for r in list {
            let status = codes::REFERRAL_STATUS.label(&r.status, self.lang).unwrap_or(&r.status);
            println!("{}  {:<16} {} → {}  {}", r.id, r.case_number, r.from_district, r.to_district, status);
        }
    }

    pub fn conflicts(&self, list: &[Conflict]) {
        if self.json {
            self.print_json(&json!({"count": list.len(), "conflicts": list}));
            return;
        }
        if list.is_empty() {
            println!("{}", self.t("Tidak ada konflik.", "No conflicts."));
        }
        for c in list {
            println!("{}  {} {}.{}", c.id, c.case_number, c.entity.as_str(), c.field);
            for v in &c.versions {
                let mark = if v.provisional { self.t("  (tampil sementara)", "  (shown for now)") } else { "" };
                println!("    {}  {}  {}{}", v.op, v.district.as_deref().unwrap_or("?"), v.value, mark);
            }
        }
    }

    pub fn organisations(&self, list: &[lintas_core::organisations::Organisation]) {
        if self.json {
            self.print_json(&json!({"count": list.len(), "organisations": list}));
            return;
        }
        if list.is_empty() {
            println!("{}", self.t("Daftar organisasi masih kosong.", "The directory is empty."));
        }
        for o in list {
            let kind = o.kind.as_deref().and_then(|k| codes::ORGANISATION_TYPE.get(k)).map(|c| c.label(self.lang));
            println!(
                "{}  {}  [{}]  {}  {} {}",
                o.id,
                o.name,
                kind.unwrap_or("-"),
                o.regency.as_deref().unwrap_or("-"),
                o.cases,
                self.t("kasus", "cases")
            );
        }
    }

    /// Records of a register: each one's id, date, kind or title, and its headline count.
    pub fn register(&self, list: &[lintas_core::registers::Entry]) {
        use lintas_core::registers::Register;
        if self.json {
            self.print_json(&json!({"count": list.len(), "records": list}));
            return;
        }
        if list.is_empty() {
            println!("{}", self.t("Belum ada catatan.", "No records yet."));
        }
        for e in list {
            let text = |k: &str| e.doc.get(k).and_then(|v| v.as_str()).unwrap_or("-").to_string();
            let count = |k: &str| e.doc.get(k).and_then(|v| v.as_u64()).unwrap_or(0);
            let line = match e.register {
                Register::Activity => {
                    let kind = codes::ACTIVITY_KIND
                        .get(&text("kind"))
                        .map_or(text("kind"), |c| c.label(self.lang).to_string());
                    let people: u64 = ["female_children", "male_children", "female_adults", "male_adults"]
                        .iter()
                        .map(|k| count(k))
                        .sum();
                    format!(
                        "{}  {kind}  {}  {people} {}",
                        text("date"),
                        text("regency"),
                        self.t("peserta", "participants")
                    )
                }
                Register::Training => {
                    let people: u64 = e
                        .doc
                        .get("participants")
                        .and_then(|p| p.as_array())
                        .into_iter()
                        .flatten()
                        .map(|g| {
                            g.get("female").and_then(|v| v.as_u64()).unwrap_or(0)
                                + g.get("male").and_then(|v| v.as_u64()).unwrap_or(0)
                        })
                        .sum();
                    format!("{}  {}  {people} {}", text("start_date"), text("title"), self.t("peserta", "participants"))
                }
                Register::Programme => format!(
                    "{}  {}  {} {}",
                    text("name"),
                    text("regency"),
                    e.enrolled,
                    self.t("orang diikutsertakan", "people enrolled")
                ),
            };
            println!("{}  {line}", e.id);
        }
    }

    /// What a spreadsheet holds (a dry run) or what was imported from it.
    pub fn import_report(&self, r: &lintas_core::spreadsheet::ImportReport, committed: bool) {
        if self.json {
            self.print_json(&serde_json::to_value(r).unwrap_or_default());
            return;
        }
        println!(
            "{}: {} {}, {} {}, {} {}, {} {}.",
            self.t("Baris berisi data", "Rows with data"),
            r.rows,
            self.t("baris", "rows"),
            r.valid,
            self.t("dapat diimpor", "can be imported"),
            r.with_problems,
            self.t("bermasalah", "with problems"),
            r.already_imported,
            self.t("sudah diimpor sebelumnya", "imported before"),
        );
        for p in &r.problems {
            let problem = crate::wording::problem(&p.problem, self.lang);
            println!("  {} {} ({}): {problem}", self.t("Baris", "Row"), p.row, p.column);
        }
        if r.problems_not_listed > 0 {
            println!(
                "  {} {} {}",
                self.t("…dan", "…and"),
                r.problems_not_listed,
                self.t("masalah lain (perbaiki yang di atas dulu)", "more problems (fix those above first)")
            );
        }
        for d in &r.duplicates {
            match (&d.case_number, d.other_row) {
                (Some(n), _) => println!(
                    "  {} {}: {} {n}",
                    self.t("Baris", "Row"),
                    d.row,
                    self.t("mungkin orang yang sama dengan kasus", "may be the same person as case")
                ),
                (None, Some(o)) => println!(
                    "  {} {}: {} {o}",
                    self.t("Baris", "Row"),
                    d.row,
                    self.t("mungkin orang yang sama dengan baris", "may be the same person as row")
                ),
                _ => {}
            }
        }
        if r.duplicates_not_listed > 0 {
            println!(
                "  {} {} {}",
                self.t("…dan", "…and"),
                r.duplicates_not_listed,
                self.t("baris lain yang mungkin orang yang sama", "more rows that may be the same person")
            );
        }
        if !r.columns_ignored.is_empty() {
            println!("{}: {}", self.t("Kolom tidak dibaca", "Columns not read"), r.columns_ignored.join(", "));
        }
        if committed {
            println!("{}: {}", self.t("Kasus diimpor", "Cases imported"), r.imported);
        } else if r.valid > 0 {
            println!(
                "{}",
                self.t(
                    "Belum ada yang diimpor. Ulangi dengan --commit untuk mengimpor semua baris yang benar.",
                    "Nothing imported yet. Run again with --commit to import every valid row."
                )
            );
        }
    }

    pub fn tasks(&self, list: &lintas_core::worklist::Worklist) {
        use lintas_core::worklist::TaskKind::*;
        if self.json {
            self.print_json(&serde_json::to_value(list).unwrap_or_default());
            return;
        }
        if list.tasks.is_empty() {
            println!("{}", self.t("Tidak ada tugas yang menunggu.", "Nothing is waiting."));
        }
        for task in &list.tasks {
            let what = match task.kind {
                VisitOverdue => self.t("Kunjungan terlambat", "Visit overdue"),
                VisitDue => self.t("Kunjungan jatuh tempo", "Visit due"),
                ReferralWaiting => self.t("Rujukan menunggu keputusan", "Referral to decide"),
                PlanOverdue => self.t("Rencana melewati tanggal akhir", "Plan past its end"),
                AssessmentDue => self.t("Asesmen ulang jatuh tempo", "Assessment due"),
                ApprovalWaiting => {
                    self.t("Asesmen kepentingan terbaik menunggu persetujuan", "Best-interest assessment to approve")
                }
                Conflict => self.t("Konflik perlu ditinjau", "Conflict to review"),
                Duplicate => self.t("Kemungkinan data ganda", "Possible duplicate"),
            };
            println!("{}  {}  {}", task.case_number, task.date.as_deref().unwrap_or("          "), what);
        }
    }

    pub fn duplicates(&self, list: &[Candidate]) {
        if self.json {
            self.print_json(&json!({"count": list.len(), "candidates": list}));
            return;
        }
        if list.is_empty() {
            println!("{}", self.t("Tidak ada kemungkinan data ganda.", "No possible duplicates."));
        }
        for c in list {
            let state = match &c.link {
                Some((id, s)) if s == "Linked" => format!("{} ({id})", self.t("DITAUTKAN", "LINKED")),
                _ => self.t("perlu ditinjau", "to review").to_string(),
            };
            println!(
                "{} ({}) ~ {} ({})  skor {}  [{}]  {}",
                c.a.case_number,
                c.a.district,
                c.b.case_number,
                c.b.district,
                c.score,
                c.reasons.join(", "),
                state
            );
        }
    }

    pub fn stats(&self, s: &lintas_core::reports::Stats) {
        if self.json {
            self.print_json(&serde_json::to_value(s).unwrap_or_default());
            return;
        }
        println!(
            "{}: {}  ({}: {}, {}: {})",
            self.t("Korban", "Victims"),
            s.victims,
            self.t("anak", "children"),
            s.children,
            self.t("dewasa", "adults"),
            s.adults
        );
        let section = |title: &str, list: &[(String, u32)]| {
            println!("{title}:");
            for (k, v) in list {
                println!("    {k:<40} {v}");
            }
        };
        section(self.t("Jenis kelamin", "Sex"), &s.by_sex);
        section(self.t("Kelompok umur", "Age group"), &s.by_age_group);
        section(self.t("Jenis eksploitasi", "Exploitation"), &s.by_exploitation);
        section(self.t("Negara eksploitasi", "Country"), &s.by_country);
        section(self.t("Cara perekrutan", "Recruitment"), &s.by_recruitment);
        section(self.t("Layanan", "Services"), &s.services);
        let r = &s.referrals;
        println!(
            "{}: {} {}, {} {}, {} {}, {} {}",
            self.t("Rujukan", "Referrals"),
            r.sent,
            self.t("dikirim", "sent"),
            r.accepted,
            self.t("disetujui", "accepted"),
            r.declined,
            self.t("ditolak", "declined"),
            r.completed,
            self.t("selesai", "completed")
        );
        if let Some(d) = r.median_days_to_acceptance {
            println!("    {}: {d:.1}", self.t("median hari sampai disetujui", "median days to acceptance"));
        }
        let f = &s.followups;
        println!(
            "{}: {} {}, {} {}, {} {}",
            self.t("Pemantauan", "Follow-ups"),
            f.due,
            self.t("akan datang", "due"),
            f.overdue,
            self.t("terlambat", "overdue"),
            f.done,
            self.t("terlaksana", "done")
        );
    }

    pub fn audit_log(&self, entries: &[AuditEntry]) {
        if self.json {
            self.print_json(&json!({"count": entries.len(), "entries": entries}));
            return;
        }
        for e in entries {
            println!(
                "{}  {:<6} {:<16} {:<16} {} {}{}",
                &e.at[..19.min(e.at.len())],
                e.district.as_deref().unwrap_or("?"),
                e.author.as_deref().unwrap_or("?"),
                e.case_number.as_deref().unwrap_or("-"),
                e.entity,
                e.action,
                e.field.as_deref().map(|f| format!(" {f}")).unwrap_or_default()
            );
        }
    }

    pub fn audit(&self, r: &AuditReport) {
        if self.json {
            self.print_json(&json!({"ok": true, "ops": r.ops, "devices": r.devices}));
        } else {
            println!(
                "{} {} op, {} {}.",
                self.t(
                    "Audit OK: rantai hash utuh dan tabel sesuai log —",
                    "Audit OK: hash chains intact and tables match the log —"
                ),
                r.ops,
                r.devices,
                self.t("perangkat", "devices")
            );
        }
    }
}

/// An RFC 3339 time to the minute, as `2025-12-20 09:30`.
fn minute(at: &str) -> String {
    at.get(..16).unwrap_or(at).replacen('T', " ", 1)
}

fn items_len(v: Option<&Value>) -> usize {
    v.and_then(Value::as_array).map_or(1, Vec::len)
}

fn str_of<'a>(m: &'a Map<String, Value>, k: &str) -> &'a str {
    m.get(k).and_then(Value::as_str).unwrap_or("")
}

/// What to type next, for the errors where the command line has its own way forward. The core's
/// messages name no command or flag (the desktop app shows them too); the CLI adds these.
fn cli_hint(code: ErrorCode) -> Option<(&'static str, &'static str)> {
    use ErrorCode::*;
    Some(match code {
        WrongPassphrase => ("kata sandi terlupa: lintas recover", "forgotten passphrase: lintas recover"),
        StoreNotFound => (
            "Periksa --store atau LINTAS_STORE, atau buat penyimpanan dengan lintas init.",
            "Check --store or LINTAS_STORE, or create a store with lintas init.",
        ),
        NoPassphrase => (
            "Setel LINTAS_PASSPHRASE, pakai --passphrase-file, atau jalankan di terminal.",
            "Set LINTAS_PASSPHRASE, use --passphrase-file, or run in a terminal.",
        ),
        CaseNotFound | PersonNotFound => {
            ("Lihat: lintas case list, lintas case show", "See: lintas case list, lintas case show")
        }
        LinkNotFound => ("Lihat: lintas duplicates list", "See: lintas duplicates list"),
        OrganisationNotFound => ("Lihat: lintas org list", "See: lintas org list"),
        RecordNotFound => (
            "Lihat: lintas activity list, lintas training list, lintas programme list",
            "See: lintas activity list, lintas training list, lintas programme list",
        ),
        AssessmentNotFound => ("Lihat: lintas case show", "See: lintas case show"),
        UntrustedSender | NoRecipient => ("Kartu identitas: lintas trust add", "Identity cards: lintas trust add"),
        DeviceNotFound => ("Lihat: lintas trust list", "See: lintas trust list"),
        ReferralNotFound => ("Lihat: lintas referral list", "See: lintas referral list"),
        ConsentMissing => (
            "Catat consent.share_districts, atau beri alasan dengan --consent-override.",
            "Record consent.share_districts, or give a reason with --consent-override.",
        ),
        ConflictNotFound => ("Lihat: lintas conflicts list", "See: lintas conflicts list"),
        OperatorNotFound => ("Lihat: lintas operator list", "See: lintas operator list"),
        RecoveryKeyNeeded => (
            "Kunci pemulihan: --recovery-key-file, LINTAS_RECOVERY_KEY, atau ketik saat diminta.",
            "The recovery key: --recovery-key-file, LINTAS_RECOVERY_KEY, or type it when asked.",
        ),
        _ => return None,
    })
}
