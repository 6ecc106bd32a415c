//! A whole case life through the desktop app, from intake at the harbour to reintegration at
//! home: Nunukan registers a victim with a witness, a family contact, a perpetrator, an event
//! and a service, adds a scan and opens it with the system viewer (the decrypted copy is gone
//! after the next start), and refers her to Timor Tengah Utara. TTU accepts, adds a training
//! centre to its organisation directory, records a household assessment and a reintegration
//! plan with goals and that organisation, schedules visits; its worklist shows the overdue
//! visit; the plan's outcome is recorded. Nunukan imports the answer, settles the phone number
//! both districts changed (the conflict names who wrote which) by typing the right one, sees the
//! plan and the visits, and closes the case; a second registration of the same woman is decided
//! "not the same person"; an old spreadsheet is checked and its valid rows imported. Every new
//! screen is photographed in both languages
//! (target/e2e/life-*.png).

use lintas_e2e::{card_to_stick, export, newest_bundle, set_up, trust, unlock, App};
use std::path::Path;

/// A stand-in for the system viewer: copies the file it is asked to open to `dest`, so that the
/// test can see what the viewer got.
fn viewer(dir: &Path, dest: &Path) -> std::path::PathBuf {
    let script = dir.join("viewer.sh");
    std::fs::write(&script, format!("#!/bin/sh\ncp \"$1\" '{}'\n", dest.display())).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    script
}

async fn open_case(app: &App, number: &str) {
    app.click("#nav-cases").await;
    app.click(&format!(".case-row[data-case-number=\"{number}\"]")).await;
    app.wait_text("#case-number", number).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_case_from_the_harbour_to_reintegration_at_home() {
    let _turn = lintas_e2e::one_window_at_a_time().await;
    let tmp = tempfile::tempdir().unwrap();
    let usb = tmp.path().join("usb");
    std::fs::create_dir_all(&usb).unwrap();
    let usb_text = usb.to_string_lossy().into_owned();
    let n_store = tmp.path().join("nunukan");
    let t_store = tmp.path().join("ttu");
    let opened = tmp.path().join("opened-by-viewer");
    let viewer = viewer(tmp.path(), &opened);
    let scan = tmp.path().join("surat deportasi.pdf");
    std::fs::write(&scan, b"%PDF-1.4 surat deportasi Maria").unwrap();

    let ttu = App::start("life-ttu", &t_store).await;
    set_up(&ttu, "53.03", "Kabupaten Timor Tengah Utara").await;
    let t_fp = card_to_stick(&ttu, &usb_text).await;
    ttu.quit().await;

    // Nunukan: the intake, with every kind of person, an event and a service.
    let n = App::start_with("life-nunukan", &n_store, &[("LINTAS_VIEWER", &viewer)]).await;
    set_up(&n, "65.03", "Kabupaten Nunukan").await;
    n.click("#nav-new-case").await;
    n.fill("#case-victim-first-name", "Maria").await;
    n.fill("#case-victim-second-name", "Taek").await;
    n.fill("#case-victim-aliases", "Mery").await;
    n.select("#case-victim-gender", "Feminine").await;
    n.fill("#case-victim-birthdate", "2004-02-11").await;
    n.fill("#case-victim-nik", "5303015102040001").await;
    n.fill("#case-victim-passport", "C1234567").await;
    n.fill("#case-victim-village", "Maubesi").await;
    n.fill("#case-intake-date", "2019-09-20").await;
    n.fill("#case-intake-place", "Pelabuhan Tunon Taka, Nunukan").await;
    n.fill("#case-consent-share", "53.03").await;
    n.click("#case-intake-place").await;
    n.el("#step-consent .chip[data-code=\"53.03\"]").await;
    n.click("#case-add-witness").await;
    n.fill("#witness-0-first-name", "Yohanes").await;
    n.fill("#witness-0-statement", "Melihat perekrut mengambil paspor di pelabuhan.").await;
    n.click("#case-add-family").await;
    n.fill("#family-0-first-name", "Agustina").await;
    n.fill("#family-0-relationship", "Ibu").await;
    n.fill("#family-0-phone", "081234567890").await;
    n.click("#case-add-perpetrator").await;
    n.fill("#perpetrator-0-first-name", "Ahmad").await;
    n.click("#perpetrator-0-role-RecruiterOrIntermediary").await;
    n.click("#case-add-event").await;
    n.select("#event-0-type", "Recruitment").await;
    n.fill("#event-0-date", "2019-03-01").await;
    n.fill("#event-0-place", "Kefamenanu").await;
    n.click("#case-add-service").await;
    n.select("#service-0-type", "Shelter").await;
    n.select("#service-0-stage", "SocialRehabilitation").await;
    n.both_languages("01-new-case-people").await;
    n.click("#case-save").await;
    n.wait_text("#case-number", "6503-2019-0001").await;
    n.wait_text("#sec-witnesses", "Agustina").await;
    n.wait_text("#sec-witnesses", "Ahmad").await;
    n.wait_text("#sec-events", "Kefamenanu").await;
    n.wait_text("#sec-services", "Rehabilitasi sosial").await;
    n.scroll_to("#sec-witnesses").await;
    n.both_languages("02-case-people").await;

    // A scan: added, then opened with the viewer through a decrypted copy.
    n.click("#attachment-add").await;
    n.fill("#attachment-path", &scan.to_string_lossy()).await;
    n.fill("#attachment-description", "Surat deportasi").await;
    n.click("#attachment-save").await;
    n.wait_text("#sec-attachments", "surat deportasi.pdf").await;
    n.click(".attachment-open").await;
    n.el("#attachment-message").await;
    for _ in 0..50 {
        if opened.exists() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(std::fs::read(&opened).unwrap(), std::fs::read(&scan).unwrap(), "the viewer got the scan");
    let copies = n_store.join("viewing");
    let copy_names: Vec<String> =
        walk(&copies).iter().map(|p| p.file_name().unwrap().to_string_lossy().into()).collect();
    assert!(
        copy_names.iter().all(|name| !name.contains("deportasi")),
        "copies are not named by the file: {copy_names:?}"
    );
    n.both_languages("03-attachments").await;

    n.click("#refer-open").await;
    n.fill("#referral-to", "53.03").await;
    n.fill("#referral-reason", "Pemulangan ke keluarga di Maubesi dan reintegrasi").await;
    n.click("#referral-submit").await;
    trust(&n, &usb.join("lintas-5303.card").to_string_lossy(), &t_fp).await;
    let n_fp = card_to_stick(&n, &usb_text).await;
    export(&n, "53.03", &usb_text).await;
    n.quit().await;

    // TTU: accepts, names its partner, assesses, plans and schedules the visits.
    let ttu = App::start("life-ttu", &t_store).await;
    unlock(&ttu).await;
    trust(&ttu, &usb.join("lintas-6503.card").to_string_lossy(), &n_fp).await;
    ttu.click("#nav-exchange").await;
    ttu.fill("#import-file", &newest_bundle(&usb, "6503-ke-5303").to_string_lossy()).await;
    ttu.click("#import-submit").await;
    ttu.wait_text("#import-new", "6503-2019-0001").await;
    ttu.click("#nav-tasks").await;
    ttu.el(".task-row[data-kind=\"referral_waiting\"]").await;
    ttu.both_languages("04-tasks-referral").await;
    ttu.click("#nav-referrals").await;
    ttu.click(".referral-row[data-status=\"Received\"] .referral-accept").await;
    ttu.wait_for(".referral-row[data-status=\"Accepted\"]").await;

    ttu.click("#nav-organisations").await;
    ttu.click("#org-add").await;
    ttu.fill("#org-name", "BLK Kefamenanu").await;
    ttu.select("#org-type", "SchoolOrCollege").await;
    ttu.click("#org-service-SkillsTraining").await;
    ttu.click("#org-save").await;
    ttu.el("#org-message").await;
    let org = ttu.attr("tr.org-row[data-ours=\"true\"]", "data-id").await;
    assert!(!org.is_empty(), "the new organisation is listed as this district's");
    ttu.both_languages("05-organisations").await;

    // Her mother's new phone number, learned at home; Nunukan will have written another.
    open_case(&ttu, "6503-2019-0001").await;
    ttu.click("#case-edit-victim").await;
    ttu.fill("#edit-victim-phone", "081311112222").await;
    ttu.click("#sec-victim button[type=\"submit\"]").await;
    ttu.wait_text("#sec-victim", "081311112222").await;

    ttu.click("#case-add-assessment").await;
    ttu.select("#edit-assessment-kind", "Household").await;
    ttu.fill("#edit-assessment-date", "2020-01-10").await;
    ttu.select("#edit-assessment-risk", "Medium").await;
    ttu.fill("#edit-assessment-findings", "Keluarga berutang kepada perekrut").await;
    ttu.click("#assessment-save").await;
    ttu.el(".assessment-item[data-kind=\"Household\"]").await;

    ttu.click("#case-add-plan").await;
    ttu.select("#edit-plan-kind", "Reintegration").await;
    ttu.select("#edit-plan-type", "SkillsTraining").await;
    ttu.select("#edit-plan-stage", "SocialReintegration").await;
    ttu.select("#edit-plan-organisation", &org).await;
    ttu.fill("#edit-plan-goals", "Kursus menjahit\nMembuka usaha jahit di Maubesi").await;
    ttu.fill("#edit-plan-planned-end", "2020-06-30").await;
    ttu.click("#plan-save").await;
    ttu.wait_text(".plan-item", "Kursus menjahit").await;
    ttu.wait_text(".plan-item", "BLK Kefamenanu").await;

    ttu.click("#followup-open").await;
    ttu.fill("#followup-due", "2020-02-01").await;
    ttu.fill("#followup-notes", "Kunjungan rumah pertama").await;
    ttu.click("#followup-save").await;
    ttu.wait_text(".followup-item", "Kunjungan rumah pertama").await;
    ttu.scroll_to("#sec-plans").await;
    ttu.both_languages("06-case-plan").await;
    ttu.scroll_to("#sec-assessments").await;
    ttu.both_languages("06-case-assessment").await;

    // The worklist shows the overdue visit and the plan past its end, each a click from the case.
    ttu.click("#nav-tasks").await;
    ttu.wait_text(".task-row[data-kind=\"visit_overdue\"]", "6503-2019-0001").await;
    ttu.el(".task-row[data-kind=\"plan_overdue\"]").await;
    let count = ttu.text("#nav-tasks-count").await;
    assert!(count.trim().parse::<u32>().unwrap_or(0) >= 2, "the navigation counts the tasks: {count:?}");
    ttu.both_languages("07-tasks-overdue").await;
    ttu.click(".task-row[data-kind=\"plan_overdue\"] .task-open").await;
    ttu.wait_text("#case-number", "6503-2019-0001").await;

    // The plan's outcome.
    ttu.click(".plan-item .plan-outcome").await;
    ttu.select("#edit-plan-outcome", "Achieved").await;
    ttu.fill("#edit-plan-outcome-note", "Membuka usaha jahit sendiri").await;
    ttu.fill("#edit-plan-actual-end", "2020-06-20").await;
    ttu.click("#plan-save").await;
    ttu.wait_text(".plan-item", "Membuka usaha jahit sendiri").await;
    ttu.click("#nav-tasks").await;
    ttu.el(".task-row[data-kind=\"visit_overdue\"]").await;
    assert!(ttu.client.find(fantoccini::Locator::Css(".task-row[data-kind=\"plan_overdue\"]")).await.is_err());
    export(&ttu, "65.03", &usb_text).await;
    ttu.quit().await;

    // Nunukan sees the plan and the visits, and closes the case. The viewer's copy went when
    // the window closed (or at this start, had it crashed).
    let n = App::start("life-nunukan", &n_store).await;
    unlock(&n).await;
    assert!(walk(&copies).is_empty(), "the decrypted copy is gone: {:?}", walk(&copies));
    open_case(&n, "6503-2019-0001").await;
    n.click("#case-edit-victim").await;
    n.fill("#edit-victim-phone", "085233334444").await;
    n.click("#sec-victim button[type=\"submit\"]").await;
    n.wait_text("#sec-victim", "085233334444").await;
    n.click("#nav-exchange").await;
    n.fill("#import-file", &newest_bundle(&usb, "5303-ke-6503").to_string_lossy()).await;
    n.click("#import-submit").await;
    n.wait_text("#import-updated", "6503-2019-0001").await;
    open_case(&n, "6503-2019-0001").await;
    n.wait_text(".plan-item", "Kursus menjahit").await;
    n.wait_text(".plan-item", "Membuka usaha jahit sendiri").await;
    n.wait_text(".followup-item", "Kunjungan rumah pertama").await;
    n.wait_text("#sec-assessments", "Keluarga berutang").await;

    // The two phone numbers are a conflict for a person: who wrote which, and a typed answer.
    n.click("#nav-conflicts").await;
    n.wait_text(".conflict-item", "Kabupaten Timor Tengah Utara").await;
    n.wait_text(".conflict-item", "Petugas Uji").await;
    n.both_languages("10-conflict").await;
    n.fill(".conflict-item input[id$=\"-value\"]", "081311112222").await;
    n.click(".conflict-item button[id$=\"-save\"]").await;
    n.el("p.empty").await;
    open_case(&n, "6503-2019-0001").await;
    n.wait_text("#sec-victim", "081311112222").await;
    n.click("#case-edit-core").await;
    n.select("#edit-core-status", "Closed").await;
    n.click("#sec-summary button[type=\"submit\"]").await;
    n.wait_text(".case-badges", "Ditutup").await;
    n.both_languages("08-case-closed").await;
    n.scroll_to("#sec-plans").await;
    n.both_languages("09-plan-at-nunukan").await;

    // Registered again a year later with the same NIK: a possible duplicate, decided apart.
    n.click("#nav-new-case").await;
    n.fill("#case-victim-first-name", "Maria").await;
    n.fill("#case-victim-second-name", "Taek").await;
    n.fill("#case-victim-nik", "5303015102040001").await;
    n.fill("#case-intake-date", "2020-05-01").await;
    n.click("#case-save").await;
    n.wait_text("#case-number", "6503-2020-0001").await;
    n.click("#nav-duplicates").await;
    n.el(".duplicate-item[data-case-a=\"6503-2019-0001\"]").await;
    n.both_languages("11-duplicates").await;
    n.fill(".duplicate-item input[id^=\"dup-reason-\"]", "Ibu kandung berbeda; bukan orang yang sama").await;
    n.click(".duplicate-item .duplicate-not-same").await;
    n.el("p.empty").await;

    // The cases kept in a spreadsheet before Lintas: checked first (nothing written), then the
    // valid rows imported; the row with a date nobody can read is left out and named.
    let sheet = tmp.path().join("kasus lama.csv");
    std::fs::write(
        &sheet,
        "Nama depan;Nama belakang;Tanggal lahir;Jenis kelamin;Tanggal intake;Type of Exploitation\n\
         Fransiska;Manek;12/03/1999;Perempuan;05/06/2018;Forced labour\n\
         Dewi;Seran;1 Mei 2000;Perempuan;kemarin;Sexual exploitation\n\
         Wati;Nahak;;Perempuan;20 Agustus 2018;Forced labour; Sexual exploitation\n",
    )
    .unwrap();
    n.click("#nav-import").await;
    n.fill("#import-sheet-file", &sheet.to_string_lossy()).await;
    n.click("#import-sheet-check").await;
    n.wait_text("#import-sheet-valid", "2").await;
    n.wait_text("#import-sheet-problems", "Tanggal intake").await;
    n.both_languages("12-import-check").await;
    n.click("#import-sheet-commit").await;
    n.wait_text("#import-sheet-done", "6503-2018-0001").await;
    n.both_languages("13-import-done").await;
    n.quit().await;
}

/// Every file under `dir` (none if it does not exist).
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out = Vec::new();
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
