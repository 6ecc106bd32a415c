//! The task force's other work through the desktop app: Timor Tengah Utara brings this year's
//! cases in from a spreadsheet, records a village socialisation and a training with its
//! participants by agency, shows this year's annual report — the cases, the activity and the
//! training counted in it, small counts about victims hidden — and saves it as the HTML page
//! that prints, which is then shown as it prints. Screens are photographed (target/e2e/work-*.png;
//! the registers in both languages, the report in Bahasa Indonesia, the language it is written
//! in).

use chrono::Datelike;
use lintas_e2e::{set_up, App};

#[tokio::test(flavor = "multi_thread")]
async fn a_socialisation_and_a_training_are_recorded_and_the_annual_report_shows_them() {
    let _turn = lintas_e2e::one_window_at_a_time().await;
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("laporan");
    std::fs::create_dir_all(&out).unwrap();
    let year = chrono::Local::now().year();

    let ttu = App::start("work-ttu", &tmp.path().join("ttu")).await;
    set_up(&ttu, "53.03", "Kabupaten Timor Tengah Utara").await;

    // This year's cases, from the task force's spreadsheet: 30 women and 11 men, most from
    // Malaysia, three from Hong Kong (a small cell the report hides, with the next smallest).
    let mut rows =
        String::from("Nama depan;Jenis kelamin;Tanggal intake;Type of Exploitation;Country of Exploitation\n");
    for i in 0..41 {
        let sex = if i < 30 { "Perempuan" } else { "Laki-laki" };
        let kind = if i % 3 == 0 { "Sexual exploitation" } else { "Forced labour" };
        let country = match i {
            0..=29 => "Malaysia",
            30..=37 => "Arab Saudi",
            _ => "Hong Kong",
        };
        rows.push_str(&format!("Korban{i};{sex};{:02}/02/{year};{kind};{country}\n", i % 28 + 1));
    }
    let sheet = tmp.path().join("kasus tahun ini.csv");
    std::fs::write(&sheet, rows).unwrap();
    ttu.click("#nav-import").await;
    ttu.fill("#import-sheet-file", &sheet.to_string_lossy()).await;
    ttu.click("#import-sheet-check").await;
    ttu.wait_text("#import-sheet-valid", "41").await;
    ttu.click("#import-sheet-commit").await;
    ttu.wait_text("#import-sheet-done", "5303-").await;

    // A village socialisation: 41 women and 37 men in Maubesi.
    ttu.click("#nav-activities").await;
    ttu.click("#activities-tab-activity").await;
    ttu.click("#activity-add").await;
    ttu.select("#activity-kind", "Socialisation").await;
    ttu.fill("#activity-title", "Migrasi aman dan tanda-tanda perdagangan orang").await;
    ttu.fill("#activity-date", &format!("{year}-03-10")).await;
    ttu.fill("#activity-regency", "53.03").await;
    ttu.fill("#activity-female-adults", "41").await;
    ttu.fill("#activity-male-adults", "37").await;
    ttu.shot("01-activity-form").await;
    ttu.click("#activity-save").await;
    ttu.wait_text("#activity-list", "Migrasi aman").await;
    ttu.both_languages("02-activities").await;

    // A training of police and social affairs officers.
    ttu.click("#activities-tab-training").await;
    ttu.click("#training-add").await;
    ttu.fill("#training-title", "Identifikasi korban TPPO").await;
    ttu.fill("#training-start", &format!("{year}-04-14")).await;
    ttu.select("#training-participant-agency-0", "Police").await;
    ttu.fill("#training-participant-female-0", "4").await;
    ttu.fill("#training-participant-male-0", "9").await;
    ttu.click("#training-participant-add").await;
    ttu.select("#training-participant-agency-1", "SocialAffairs").await;
    ttu.fill("#training-participant-female-1", "7").await;
    ttu.fill("#training-participant-male-1", "2").await;
    ttu.shot("03-training-form").await;
    ttu.click("#training-save").await;
    ttu.wait_text("#training-list", "Identifikasi korban TPPO").await;
    ttu.both_languages("04-trainings").await;

    // This year's report: the socialisation, its 78 participants and the training are in it.
    ttu.click("#nav-annual").await;
    ttu.select("#annual-year", &year.to_string()).await;
    ttu.fill("#annual-population", "265000").await;
    ttu.click("#annual-show").await;
    let report = ttu.wait_text("#annual-report", "Sosialisasi di desa").await;
    for needle in ["Kabupaten Timor Tengah Utara", "Perempuan dewasa", "41", "37", "Kepolisian", "SDG 16.2.2"] {
        assert!(report.contains(needle), "{needle} not in the report: {report}");
    }
    assert!(report.contains("< 5"), "the three from Hong Kong are hidden: {report}");
    assert!(!report.contains("Korban1"), "a name in the report");
    ttu.scroll_to("#annual-report").await;
    ttu.shot("05-annual-report").await;
    ttu.scroll_to("#annual-report-training_participants").await;
    ttu.shot("06-annual-report-trainings").await;

    // Saved as the page that prints: one self-contained HTML file in the folder.
    ttu.click("#annual-format-html").await;
    ttu.fill("#annual-folder", &out.to_string_lossy()).await;
    ttu.click("#annual-save").await;
    ttu.wait_text("#annual-saved", "laporan-tahunan-5303").await;
    let written: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let html = std::fs::read_to_string(&written[0]).unwrap();
    assert!(html.contains("Laporan Tahunan Gugus Tugas PP-TPPO") && html.contains("Sosialisasi di desa"));
    // The saved page as it prints: opened in the window on its own (its own style, no app).
    ttu.client.goto(&format!("file://{}", written[0].display())).await.unwrap();
    ttu.wait_text("h1", "Laporan Tahunan").await;
    ttu.shot("07-printed-report").await;
    ttu.quit().await;
}
