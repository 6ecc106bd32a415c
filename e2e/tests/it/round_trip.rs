//! The district hand-off through the real desktop app, as people would do it: Nunukan
//! registers a victim and a witness, refers her home to Timor Tengah Utara and writes a bundle
//! to a USB folder; TTU trusts Nunukan's card after comparing the fingerprint, imports, accepts,
//! records the follow-up visit and writes a bundle back; Nunukan imports it and sees the
//! referral accepted. Along the way: the Bahasa Indonesia messages for an invalid field, a wrong
//! passphrase and a tampered bundle, the question before leaving unsaved edits, and a
//! screenshot of every main screen in target/e2e/. At the end Nunukan's coordinator reads the
//! statistics, trusts a third district (Belu) and refuses a bundle Belu signed in TTU's name,
//! reads the alert it raised and marks it as dealt with, reads the access log, adds a case
//! worker, erases the witness and writes a backup; the case worker unlocks in her role; and a
//! third laptop restores the backup.

use lintas_core::ambient::{SystemClock, SystemEntropy};
use lintas_core::bundle::{header_sha256, BundleWriter, Header, Manifest, Recipients, Sender, HEADER_FORMAT};
use lintas_core::identity::{self, IdentityCard};
use lintas_core::keyfile::KdfParams;
use lintas_core::secret::Passphrase;
use lintas_core::setup::{self, InitRequest};
use lintas_e2e::{card_to_stick, export, newest_bundle, set_up, trust, unlock, App, PASS};
use std::path::Path;

/// The passphrase of the case worker Nunukan's coordinator adds; it must differ from PASS.
const RINA_PASS: &str = "rina menyeberang ke pelabuhan tunon taka";

/// Kabupaten Belu (53.04), set up with the core API: a district Nunukan will trust. Writes its
/// identity card to the stick and returns the store and the card's fingerprint.
fn belu(dir: &Path, usb: &Path) -> (lintas_core::store::Store, String) {
    let passphrase = Passphrase::new(PASS);
    let req = InitRequest {
        district: "53.04",
        district_name: "Kabupaten Belu",
        operator_name: "Petugas Belu",
        passphrase: &passphrase,
        kdf: KdfParams { m_kib: 1024, t: 1, p: 1 },
    };
    let (store, _) = setup::init(dir, &req, &SystemClock, &SystemEntropy::new()).expect("Belu's store");
    let card = identity::own_card(&store).expect("Belu's card");
    std::fs::write(usb.join("lintas-5304.card"), card.to_json()).expect("Belu's card on the stick");
    (store, card.fingerprint())
}

/// A bundle for Nunukan that Belu's laptop signs, but whose header names Timor Tengah Utara as
/// the sender: what software on a stolen or misused Belu laptop could write. Nunukan trusts both
/// districts, so the signatures are valid; the names do not match.
fn in_ttus_name(belu: &lintas_core::store::Store, nunukan_card: &Path) -> Vec<u8> {
    let nunukan = IdentityCard::parse(&std::fs::read(nunukan_card).unwrap()).expect("Nunukan's card");
    let keys = belu.device_keys().unwrap();
    let own = identity::own_card(belu).unwrap();
    let sender = Sender {
        district: "53.03".into(),
        district_name: "Kabupaten Timor Tengah Utara".into(),
        device_id: keys.device_id,
    };
    let recipient = Recipients {
        district: nunukan.district.clone(),
        devices: nunukan.devices.iter().map(|d| d.device_id).collect(),
    };
    let header = Header {
        format: HEADER_FORMAT.into(),
        bundle_id: "0193f1a0-5e2b-7c4d-8e6f-1a2b3c4d5e6f".parse().unwrap(),
        created_at: "2025-12-20T01:00:00+00:00".into(),
        sender: sender.clone(),
        recipient: recipient.clone(),
        ops: Default::default(),
        op_count: 0,
        blob_count: 0,
        trust_version: own.fingerprint(),
        handovers: Vec::new(),
    };
    let manifest = Manifest {
        bundle_id: header.bundle_id,
        header_sha256: header_sha256(&header),
        sender,
        recipient,
        sender_card: own,
        receipt: Default::default(),
    };
    let to: Vec<age::x25519::Recipient> =
        nunukan.devices.iter().map(|d| d.age_recipient.parse().expect("an age recipient")).collect();
    BundleWriter::start(Vec::new(), &header, &manifest, &keys, &to).unwrap().finish().unwrap()
}

/// The number beside Alerts in the navigation; 0 when none is shown.
async fn open_alerts(app: &App) -> u32 {
    match app.client.find(fantoccini::Locator::Css("#nav-alerts-count")).await {
        Ok(e) => e.text().await.unwrap_or_default().trim().parse().unwrap_or(0),
        Err(_) => 0,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn nunukan_refers_to_ttu_through_the_desktop_app() {
    let _turn = lintas_e2e::one_window_at_a_time().await;
    let tmp = tempfile::tempdir().unwrap();
    let usb = tmp.path().join("usb");
    std::fs::create_dir_all(&usb).unwrap();
    let usb_text = usb.to_string_lossy().into_owned();
    let nunukan_store = tmp.path().join("nunukan");
    let ttu_store = tmp.path().join("ttu");

    // TTU sets up first and hands its identity card over.
    let ttu = App::start("ttu", &ttu_store).await;
    set_up(&ttu, "53.03", "Kabupaten Timor Tengah Utara").await;
    let ttu_fp = card_to_stick(&ttu, &usb_text).await;
    ttu.shot("03-trust").await;
    ttu.quit().await;

    // Nunukan: set up, register the victim and a witness, refer the case.
    let n = App::start("nunukan", &nunukan_store).await;
    set_up(&n, "65.03", "Kabupaten Nunukan").await;
    n.shot("03-dashboard").await;
    n.click("#nav-new-case").await;
    n.fill("#case-victim-first-name", "Maria").await;
    n.fill("#case-victim-second-name", "Taek").await;
    n.select("#case-victim-gender", "Feminine").await;
    n.fill("#case-victim-birthdate", "2004-02-11").await;
    n.fill("#case-victim-nik", "530301510204001").await;
    n.fill("#case-victim-village", "Maubesi").await;
    n.fill("#case-intake-date", "2019-09-20").await;
    n.fill("#case-intake-place", "Pelabuhan Tunon Taka, Nunukan").await;
    n.fill("#case-consent-share", "53.03").await;
    n.click("#case-add-witness").await;
    n.fill("#witness-0-first-name", "Yohanes").await;
    n.fill("#witness-0-second-name", "Bria").await;
    n.fill("#witness-0-statement", "Melihat perekrut mengambil paspor di pelabuhan.").await;

    // Leaving with unsaved edits asks first; staying keeps them.
    n.click("#nav-cases").await;
    n.el("#unsaved-dialog").await;
    n.shot("04-unsaved-question").await;
    n.click("#unsaved-stay").await;

    // An invalid NIK (15 digits) is refused with a message in Bahasa Indonesia at the field.
    n.click("#case-save").await;
    let msg = n.wait_text(".field-error[data-field=\"victim.identity_number\"]", "NIK harus 16 angka").await;
    assert!(!msg.contains("5303"), "the message must not repeat the NIK: {msg}");
    n.shot("05-new-case-invalid").await;
    n.fill("#case-victim-nik", "5303015102040001").await;
    n.click("#case-save").await;
    n.wait_text("#case-number", "6503-2019-0001").await;
    n.shot("06-case-detail").await;

    n.click("#refer-open").await;
    n.fill("#referral-to", "53.03").await;
    n.fill("#referral-reason", "Pemulangan ke keluarga di Maubesi dan reintegrasi").await;
    n.click("#referral-submit").await;
    n.click("#nav-referrals").await;
    n.wait_for(".referral-row[data-status=\"Draft\"]").await;
    n.shot("07-referrals").await;

    let ttu_card = usb.join("lintas-5303.card").to_string_lossy().into_owned();
    trust(&n, &ttu_card, &ttu_fp).await;
    let n_fp = card_to_stick(&n, &usb_text).await;
    export(&n, "53.03", &usb_text).await;
    n.shot("08-exchange-export").await;
    n.click("#nav-cases").await;
    n.wait_for(".case-row[data-case-number=\"6503-2019-0001\"]").await;
    n.shot("09-case-list").await;
    n.quit().await;

    // TTU: a wrong passphrase first, then the right one.
    let ttu = App::start("ttu", &ttu_store).await;
    ttu.fill("#unlock-passphrase", "bukan kata sandinya").await;
    ttu.click("#unlock-submit").await;
    ttu.wait_text("#unlock-error", "Kata sandi salah").await;
    ttu.shot("04-unlock-wrong-passphrase").await;
    unlock(&ttu).await;
    let n_card = usb.join("lintas-6503.card").to_string_lossy().into_owned();
    trust(&ttu, &n_card, &n_fp).await;
    ttu.shot("05-trusted").await;

    // A tampered copy is refused with a clear message and nothing is imported.
    let bundle = newest_bundle(&usb, "6503-ke-5303");
    let mut bytes = std::fs::read(&bundle).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x20;
    let tampered = tmp.path().join("rusak.lintas");
    std::fs::write(&tampered, &bytes).unwrap();
    ttu.click("#nav-exchange").await;
    ttu.fill("#import-file", &tampered.to_string_lossy()).await;
    ttu.click("#import-submit").await;
    ttu.wait_text("#import-error", "diubah atau rusak").await;
    ttu.shot("06-import-tampered").await;

    ttu.fill("#import-file", &bundle.to_string_lossy()).await;
    ttu.click("#import-submit").await;
    ttu.wait_text("#import-new", "6503-2019-0001").await;
    ttu.shot("07-import-summary").await;

    ttu.click("#nav-referrals").await;
    ttu.wait_for(".referral-row[data-status=\"Received\"]").await;
    ttu.click(".referral-row[data-status=\"Received\"] .referral-accept").await;
    ttu.wait_for(".referral-row[data-status=\"Accepted\"]").await;
    ttu.shot("08-referral-accepted").await;

    ttu.click("#nav-cases").await;
    ttu.click(".case-row[data-case-number=\"6503-2019-0001\"]").await;
    ttu.wait_text("#case-number", "6503-2019-0001").await;
    ttu.click("#followup-open").await;
    ttu.fill("#followup-due", "2019-11-01").await;
    ttu.fill("#followup-visit", "2019-10-30").await;
    ttu.select("#followup-status", "Done").await;
    ttu.fill("#followup-notes", "Sudah kembali bersama ibunya di Maubesi").await;
    ttu.click("#followup-save").await;
    ttu.wait_text(".followup-item", "Sudah kembali bersama ibunya").await;
    ttu.shot("09-case-followup").await;
    export(&ttu, "65.03", &usb_text).await;
    ttu.quit().await;

    // Nunukan imports the answer: the referral is accepted and the visit is there.
    let n = App::start("nunukan", &nunukan_store).await;
    unlock(&n).await;
    // What was saved before the window closed is still there.
    n.click("#nav-cases").await;
    n.wait_for(".case-row[data-case-number=\"6503-2019-0001\"]").await;
    n.click("#nav-exchange").await;
    let answer = newest_bundle(&usb, "5303-ke-6503");
    n.fill("#import-file", &answer.to_string_lossy()).await;
    n.click("#import-submit").await;
    n.wait_text("#import-updated", "6503-2019-0001").await;
    n.click("#nav-referrals").await;
    n.wait_for(".referral-row[data-status=\"Accepted\"]").await;
    n.shot("10-referral-accepted").await;
    n.click("#nav-cases").await;
    n.click(".case-row[data-case-number=\"6503-2019-0001\"]").await;
    n.wait_text(".followup-item", "Sudah kembali bersama ibunya").await;
    n.shot("11-case-with-followup").await;
    // The header says who works in which role.
    n.wait_text("#top-role", "Koordinator").await;
    n.click("#nav-dashboard").await;
    n.el("#screen-title").await;
    n.shot("12-dashboard").await;

    // The statistics count the one victim.
    n.click("#nav-statistics").await;
    let victims = n.wait_text("#stats-victims .stat-value", "1").await;
    assert_eq!(victims.trim(), "1", "one victim in the statistics");
    n.shot("13-statistics").await;

    for (nav, shot) in [("#nav-conflicts", "14-conflicts"), ("#nav-duplicates", "15-duplicates")] {
        n.click(nav).await;
        n.el("#screen-title").await;
        n.shot(shot).await;
    }

    // Belu, a district Nunukan trusts after comparing the fingerprint, signs a bundle in TTU's
    // name. Nunukan refuses it whole, and the alert says who signed it and what to do.
    let (belu, belu_fp) = belu(&tmp.path().join("belu"), &usb);
    let belu_card = usb.join("lintas-5304.card").to_string_lossy().into_owned();
    n.click("#nav-trust").await;
    n.fill("#trust-card-file", &belu_card).await;
    n.fill("#trust-fingerprint", &belu_fp).await;
    n.click("#trust-add").await;
    n.wait_for(".trusted-row[data-district=\"53.04\"]").await;
    let forged = tmp.path().join("dari-ttu.lintas");
    std::fs::write(&forged, in_ttus_name(&belu, &usb.join("lintas-6503.card"))).unwrap();
    drop(belu);
    let before = open_alerts(&n).await;
    n.click("#nav-exchange").await;
    n.fill("#import-file", &forged.to_string_lossy()).await;
    n.click("#import-submit").await;
    n.wait_text("#import-error", "ditandatangani perangkat tepercaya dari daerah lain").await;
    n.wait_text("#import-error .panel-title", "Bundel ditolak").await;
    n.wait_text("#nav-alerts-count", &(before + 1).to_string()).await;
    n.shot("16-import-impersonation").await;
    n.click("#import-error-alerts").await;
    let item = ".alert-item[data-rule=\"impersonation\"]";
    n.wait_text(&format!("{item} .alert-what"), "ditandatangani laptop Kabupaten Belu (53.04)").await;
    n.wait_text(&format!("{item} .alert-what"), "mengaku dikirim Kabupaten Timor Tengah Utara (53.03)").await;
    n.wait_text(&format!("{item} .alert-todo"), "Telepon penanggung jawab Kabupaten Belu").await;
    assert!(open_alerts(&n).await > 0, "the navigation counts the open alert");
    n.shot_as("alerts").await;
    // The coordinator marks it as dealt with: it stays on record, and the count goes down.
    n.click(&format!("{item} .alert-dismiss")).await;
    n.wait_for(".alert-done[data-rule=\"impersonation\"]").await;
    n.wait_text("#alerts-done", "ditandai selesai").await;
    assert_eq!(open_alerts(&n).await, before, "the dismissed alert is no longer counted");

    // The audit screen, and its access log, which names the case opened above.
    n.click("#nav-audit").await;
    n.el("#audit-panel-changes").await;
    n.shot("17-audit").await;
    n.click("#audit-tab-access").await;
    n.wait_text(".access-row[data-action=\"view_case\"]", "6503-2019-0001").await;
    n.shot("18-audit-access").await;

    n.click("#nav-settings").await;
    n.el("#screen-title").await;
    n.shot("19-settings").await;

    // Settings -> Petugas: the coordinator adds a case worker with her own passphrase.
    n.wait_text("#operator-list", "Petugas Uji").await;
    n.fill("#operator-name", "Rina Seran").await;
    n.select("#operator-role", "CaseWorker").await;
    n.fill("#operator-passphrase", RINA_PASS).await;
    n.fill("#operator-passphrase-repeat", RINA_PASS).await;
    n.click("#operator-add").await;
    n.wait_text("#operators-done", "Rina Seran").await;
    // Listed, as a case worker.
    n.wait_text(".operator-row[data-role=\"CaseWorker\"] .operator-name", "Rina Seran").await;
    n.shot("20-operators").await;

    // The coordinator erases the witness, after giving the reason and typing the case number.
    n.click("#nav-cases").await;
    n.click(".case-row[data-case-number=\"6503-2019-0001\"]").await;
    n.wait_text(".witness-item", "Yohanes").await;
    n.click(".witness-item .erase-person").await;
    n.select("#erase-reason", "LegalRequest").await;
    n.fill("#erase-confirm", "6503-2019-0001").await;
    n.shot("21-erase-dialog").await;
    n.click("#erase-submit").await;
    n.wait_text("#erase-done", "Yohanes Bria").await;
    // The case, reloaded, has no witness left.
    n.wait_text("#sec-witnesses", "Belum ada").await;

    // And writes a backup to the stick.
    n.click("#nav-settings").await;
    n.fill("#backup-folder", &usb_text).await;
    n.click("#backup-write").await;
    n.wait_text("#backup-result", ".lintas-backup").await;

    // Rina unlocks as herself: her role in the header, no administration in Settings.
    n.click("#lock-button").await;
    n.fill("#unlock-passphrase", RINA_PASS).await;
    n.click("#unlock-submit").await;
    n.wait_text("#top-role", "Pendamping kasus").await;
    n.wait_text("#top-operator", "Rina Seran").await;
    n.click("#nav-settings").await;
    n.el("#pass-heading").await;
    let operators_card = n.client.find(fantoccini::Locator::Css("#operators-heading")).await;
    assert!(operators_card.is_err(), "a case worker is not offered the operators");
    n.shot("22-case-worker-settings").await;
    n.quit().await;

    // A new laptop restores the backup from the first-run screen.
    let backup = std::fs::read_dir(&usb)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".lintas-backup"))
        .expect("a backup on the stick");
    let r = App::start("restored", &tmp.path().join("restored")).await;
    r.click("#restore-open").await;
    r.fill("#restore-file", &backup.to_string_lossy()).await;
    r.fill("#restore-passphrase", PASS).await;
    r.shot("01-restore").await;
    r.click("#restore-submit").await;
    let cases = r.wait_text("#restored-cases", "1").await;
    assert_eq!(cases.trim(), "1", "one case restored");
    r.wait_text("#restored-district", "Kabupaten Nunukan (65.03)").await;
    r.shot("02-restored").await;
    r.click("#restored-continue").await;
    r.wait_text("#top-role", "Koordinator").await;
    r.click("#nav-cases").await;
    r.wait_for(".case-row[data-case-number=\"6503-2019-0001\"]").await;
    r.quit().await;
}
