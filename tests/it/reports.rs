//! Reports agree with an independent count, and the anonymised export keeps k-anonymity and
//! carries no identifier.

use crate::support;

use chrono::{Datelike, NaiveDate};
use lintas_core::reports::{self, Period};
use serde_json::json;
use std::collections::BTreeMap;
use support::District;

/// A small deterministic generator (xorshift), so the dataset is the same on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const GENDERS: [&str; 3] = ["Feminine", "Masculine", "NonSpecifiedUnknown"];
const TYPES: [&str; 4] = ["ForcedLabour", "SexualExploitation", "ForcedMarriage", "ChildLabour"];
const COUNTRIES: [&str; 4] = ["MY", "SA", "HK", "TW"];
const RECRUIT: [&str; 3] =
    ["ThroughFriendsOrSocialEvents", "ThroughOnlineSocialNetworks", "ThroughFamilyOrFamilyEvents"];
const SERVICES: [&str; 3] = ["Shelter", "Health", "Repatriation"];
const NAMES: [&str; 6] = ["Maria", "Siti", "Dewi", "Yohana", "Nur", "Fransiska"];

fn age(birth: NaiveDate, intake: NaiveDate) -> i64 {
    ((intake - birth).num_days() as f64 / 365.2425) as i64
}

fn age_group(a: i64) -> &'static str {
    match a {
        _ if a < 12 => "0-11",
        _ if a < 18 => "12-17",
        _ if a < 26 => "18-25",
        _ if a < 36 => "26-35",
        _ if a < 46 => "36-45",
        _ => "46+",
    }
}

fn bump(m: &mut BTreeMap<String, u32>, k: &str) {
    *m.entry(k.to_string()).or_default() += 1;
}

#[test]
fn statistics_agree_with_an_independent_count_and_the_ctdc_export_is_k_anonymous() {
    let mut d = District::new("65.03", "Kabupaten Nunukan", 77);
    let mut rng = Rng(0x5eed_1234_abcd_9876);
    let (mut sex, mut groups, mut types, mut countries, mut recruit, mut services) =
        (BTreeMap::new(), BTreeMap::new(), BTreeMap::new(), BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    let (mut children, mut adults, mut in_2020) = (0u32, 0u32, 0u32);
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let (mut due, mut overdue, mut done) = (0u32, 0u32, 0u32);
    let mut secrets = Vec::new();
    let n = 3000;
    for i in 0..n {
        let birth =
            NaiveDate::from_ymd_opt(1975 + rng.below(35) as i32, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32)
                .unwrap();
        let intake =
            NaiveDate::from_ymd_opt(2018 + rng.below(5) as i32, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32)
                .unwrap();
        if intake < birth {
            continue;
        }
        let gender = rng.pick(&GENDERS);
        let t1 = rng.pick(&TYPES);
        let t2 = rng.pick(&TYPES);
        let country = rng.pick(&COUNTRIES);
        let method = rng.pick(&RECRUIT);
        let service = rng.pick(&SERVICES);
        let name = format!("{}{i}", rng.pick(&NAMES));
        let nik = format!("53030{:011}", 10_000_000 + i);
        let village = format!("Desa{i}x");
        let note = format!("catatan rahasia {i}");
        // A follow-up visit planned around "today", some of them done.
        let visit = today + chrono::Duration::days(rng.below(200) as i64 - 100);
        let visited = rng.below(3) == 0;
        let doc = json!({
            "victim": {"first_name": name, "gender": gender, "birthdate": birth.to_string(), "passport_number": nik,
                       "phone": format!("0812{i:08}"), "address": {"village": village}},
            "intake": {"date": intake.to_string(), "place": "Pelabuhan Tunon Taka"},
            "type_of_exploitation": [t1, t2], "country_of_exploitation": country, "method_of_recruitment": [method],
            "services": [{"type": service}], "notes": [{"body": note}],
            "followups": [{"due_date": visit.to_string(), "status": if visited { "Done" } else { "Planned" }}],
        });
        match (visited, visit >= today) {
            (true, _) => done += 1,
            (false, true) => due += 1,
            (false, false) => overdue += 1,
        }
        d.create(&doc);
        secrets.extend([name, nik, village, note]);
        bump(&mut sex, gender);
        let a = age(birth, intake);
        bump(&mut groups, age_group(a));
        bump(&mut types, t1);
        if t2 != t1 {
            bump(&mut types, t2);
        }
        bump(&mut countries, country);
        bump(&mut recruit, method);
        bump(&mut services, service);
        if birth.checked_add_months(chrono::Months::new(216)).unwrap() > intake {
            children += 1;
        }
        if a >= 18 {
            adults += 1;
        }
        if intake.year() == 2020 {
            in_2020 += 1;
        }
    }
    let victims: u32 = sex.values().sum();
    assert!(victims > 2000, "a dataset of several thousand cases");
    let s = reports::stats(&d.store, &Period::default(), today).unwrap();
    let as_map = |v: &Vec<(String, u32)>| v.iter().cloned().collect::<BTreeMap<_, _>>();
    assert_eq!(s.victims, victims);
    assert_eq!(s.children, children);
    assert_eq!(s.adults, adults);
    assert_eq!(as_map(&s.by_sex), sex);
    assert_eq!(as_map(&s.by_age_group), groups);
    assert_eq!(as_map(&s.by_exploitation), types);
    assert_eq!(as_map(&s.by_country), countries);
    assert_eq!(as_map(&s.by_recruitment), recruit);
    assert_eq!(as_map(&s.services), services);
    assert_eq!((s.followups.due, s.followups.overdue, s.followups.done), (due, overdue, done));

    // The case list's filters and counts read the per-case index rows; they agree too.
    use lintas_core::cases::{self, CaseFilter};
    let filtered = |f: CaseFilter| (cases::count(&d.store, &f).unwrap(), cases::list(&d.store, &f).unwrap());
    let (n_children, page) = filtered(CaseFilter { child: Some(true), limit: 5000, ..Default::default() });
    assert_eq!((n_children, page.len()), (children as u64, children as usize));
    assert!(page.iter().all(|c| c.is_child));
    assert!(page.windows(2).all(|w| w[0].intake_date >= w[1].intake_date), "newest first");
    for (code, n) in &types {
        let f = CaseFilter { exploitation: Some(code.clone()), limit: 100, ..Default::default() };
        let (total, page) = filtered(f);
        assert_eq!(total, *n as u64, "{code}");
        assert_eq!(page.len(), (*n as usize).min(100), "{code}");
        assert!(page.iter().all(|c| c.type_of_exploitation.contains(code)), "{code}");
    }
    let both = CaseFilter { child: Some(false), exploitation: Some(TYPES[0].into()), ..Default::default() };
    let adults_of_type = cases::list(&d.store, &CaseFilter { limit: 5000, ..both.clone() }).unwrap();
    assert_eq!(cases::count(&d.store, &both).unwrap(), adults_of_type.len() as u64);
    assert!(adults_of_type.iter().all(|c| !c.is_child && c.type_of_exploitation.iter().any(|t| t == TYPES[0])));

    // A period: the year 2020 only.
    let year = Period {
        from: NaiveDate::from_ymd_opt(2020, 1, 1),
        to: NaiveDate::from_ymd_opt(2020, 12, 31),
        district: Some("65.03".into()),
    };
    assert_eq!(reports::stats(&d.store, &year, today).unwrap().victims, in_2020);
    let elsewhere = Period { district: Some("53.03".into()), ..Period::default() };
    assert_eq!(reports::stats(&d.store, &elsewhere, today).unwrap().victims, 0);

    // The CSV opens in a spreadsheet: a byte-order mark, a header, CRLF lines.
    let csv = reports::stats_csv(&s);
    assert!(csv.starts_with("\u{feff}section,key,value\r\n"));
    assert!(csv.contains(&format!("total,victims,{victims}\r\n")));

    // The anonymised export: every combination of its columns is shared by at least k rows.
    let k = 11;
    let export = reports::ctdc(&d.store, &Period::default(), k, &d.clock).unwrap();
    assert_eq!(export.rows + export.suppressed_rows, victims);
    assert!(export.suppressed_rows < victims / 10, "most victims stay in the export");
    let mut lines = export.csv.lines();
    assert_eq!(lines.next().unwrap().trim_start_matches('\u{feff}'), reports::CTDC_COLUMNS.join(","));
    let mut combos: BTreeMap<&str, u32> = BTreeMap::new();
    for line in lines {
        assert_eq!(line.split(',').count(), reports::CTDC_COLUMNS.len());
        *combos.entry(line).or_default() += 1;
    }
    assert_eq!(combos.values().sum::<u32>(), export.rows);
    for (combo, count) in &combos {
        assert!(*count >= k, "{count} rows share {combo}");
    }
    // No direct identifier and no free text.
    for secret in &secrets {
        assert!(!export.csv.contains(secret.as_str()), "the export contains {secret}");
    }
    for forbidden in ["Tunon", "0812", "Desa", "catatan"] {
        assert!(!export.csv.contains(forbidden));
    }
}

#[test]
fn referral_figures_include_days_to_acceptance() {
    let mut n = District::new("65.03", "Kabupaten Nunukan", 1);
    let mut t = District::new("53.03", "Kabupaten Timor Tengah Utara", 2);
    District::trust_each_other(&mut n, &mut t);
    let case = n.create(&support::maria());
    n.refer(&case, "53.03");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("n.lintas");
    n.export("53.03", &out);
    t.import(&out).unwrap();
    // TTU decides three days after Nunukan sent it.
    t.clock.set(chrono::DateTime::from_timestamp(1_750_000_000 + 3 * 86_400, 0).unwrap());
    let id = lintas_core::referrals::list(&t.store).unwrap()[0].id;
    lintas_core::referrals::decide(&mut t.store, id, true, None, &t.clock).unwrap();
    let back = dir.path().join("t.lintas");
    t.export("65.03", &back);
    // Nunukan's clock has moved on too: an op stamped days ahead of it would be refused.
    n.clock.set(chrono::DateTime::from_timestamp(1_750_000_000 + 3 * 86_400 + 60, 0).unwrap());
    n.import(&back).unwrap();
    let s = reports::stats(&n.store, &Period::default(), NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap();
    assert_eq!((s.referrals.sent, s.referrals.received, s.referrals.accepted), (1, 1, 1));
    let days = s.referrals.median_days_to_acceptance.unwrap();
    assert!((days - 3.0).abs() < 0.01, "{days}");
}

#[test]
fn report_print_writes_an_indonesian_html_report_with_the_counts_and_logs_it() {
    let cli = support::Cli::init();
    let case = |name: &str, gender: &str, birth: &str, intake: &str, types: &[&str], country: &str| {
        json!({"victim": {"first_name": name, "gender": gender, "birthdate": birth,
                          "address": {"village": format!("Desa {name}")}},
               "intake": {"date": intake, "place": "Pelabuhan Tunon Taka"},
               "type_of_exploitation": types, "country_of_exploitation": country,
               "services": [{"type": "Shelter"}],
               "followups": [{"due_date": "2024-08-01", "status": "Done"}]})
    };
    cli.create(&case("Maria", "Feminine", "2008-03-01", "2024-05-01", &["ForcedLabour"], "MY"));
    cli.create(&case("Siti", "Feminine", "1990-01-01", "2024-07-01", &["ForcedLabour", "SexualExploitation"], "SA"));
    cli.create(&case("Yohanes", "Masculine", "1985-01-01", "2023-02-01", &["ForcedLabour"], "MY"));

    let period = ["--from", "2024-01-01", "--to", "2024-12-31", "--district", "65.03"];
    let out = cli.tmp.path().join("laporan-2024.html");
    let out_arg = out.to_string_lossy().into_owned();
    let mut args = vec!["report", "print"];
    args.extend(period);
    args.extend(["--out", &out_arg]);
    let printed = cli.json(&args);
    assert_eq!(printed["victims"], 2);
    assert_eq!(printed["path"], out_arg.as_str());

    // The report shows the same figures as `report stats` for the same options.
    let mut args = vec!["report", "stats"];
    args.extend(period);
    let stats = cli.json(&args);
    assert_eq!(stats["victims"], 2);
    assert_eq!(stats["children"], 1);

    let html = std::fs::read_to_string(&out).unwrap();
    assert_eq!(printed["bytes"], html.len());
    for text in [
        "<html lang=\"id\">",
        "Laporan Statistik Kasus TPPO",
        "Kabupaten Nunukan (65.03)",
        "1 Januari 2024 – 31 Desember 2024",
        "<h2>3. Jenis kelamin</h2>",
        "<h2>5. Jenis eksploitasi</h2>",
        "<h2>9. Rujukan</h2>",
        "<h2>10. Kunjungan pemantauan</h2>",
        "2 korban",
        "<td>Anak</td><td class=\"num\">1</td><td class=\"num\">50,0%</td>",
        "<td>Dewasa</td><td class=\"num\">1</td>",
        "<td>Perempuan</td><td class=\"num\">2</td><td class=\"num\">100,0%</td>",
        "<td>Kerja paksa</td><td class=\"num\">2</td><td class=\"num\">100,0%</td>",
        "<td>Eksploitasi seksual</td><td class=\"num\">1</td><td class=\"num\">50,0%</td>",
        "<td>Malaysia</td><td class=\"num\">1</td>",
        "<td>Arab Saudi</td><td class=\"num\">1</td>",
        "<td>Rumah aman / penampungan</td><td class=\"num\">2</td>",
        "<td>Terlaksana</td><td class=\"num\">2</td>",
        "Laporan ini hanya memuat angka agregat.",
    ] {
        assert!(html.contains(text), "the report lacks {text}");
    }
    // The 2023 case is outside the period, and nothing personal is in the report.
    assert!(!html.contains("Laki-laki"));
    for personal in ["Maria", "Siti", "Yohanes", "Desa", "Tunon", "2008-03-01"] {
        assert!(!html.contains(personal), "the report contains {personal}");
    }

    // The export is in the access log, with the period as its target, and the chain holds.
    let access = cli.json(&["audit", "access", "--limit", "1"]);
    assert_eq!(access["entries"][0]["action"], "export_report");
    assert_eq!(access["entries"][0]["target"], "2024-01-01..2024-12-31 65.03");
    cli.ok(&["audit", "verify"]);

    // The options are read as `report stats` reads them: a day-first date is refused, and
    // nothing is written.
    let refused = cli.tmp.path().join("tidak.html");
    let out = cli.run(&["report", "print", "--from", "31/12/2024", "--out", &refused.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(4), "{}", support::stderr(&out));
    assert!(!refused.exists());
    let out = cli.run(&["report", "stats", "--from", "2025-01-01", "--to", "2024-01-01"]);
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn the_annual_report_agrees_with_an_independent_count_and_hides_small_cells() {
    use lintas_core::annual::{self, ReportingPeriod};
    use lintas_core::registers::{self, Register};
    let mut d = District::new("53.03", "Kabupaten Timor Tengah Utara", 91);
    let mut rng = Rng(0x2025_0a11_5eed_0001);
    let today = NaiveDate::from_ymd_opt(2026, 2, 1).unwrap();
    let agency = lintas_core::organisations::create(
        &mut d.store,
        &json!({"name": "PT Contoh Penempatan", "type": "PlacementAgency", "licence_number": "SIP3MI-01"}),
        &d.clock,
        &d.entropy,
    )
    .unwrap();
    const STAGES: [&str; 4] = ["Identification", "SocialRehabilitation", "Return", "SocialReintegration"];
    const LAW: [&str; 5] = ["NotReported", "Reported", "Investigation", "Prosecution", "Verdict"];
    // Expected counts for 2024 and 2023, kept by hand as the cases are made.
    let mut want: [BTreeMap<String, u64>; 2] = [BTreeMap::new(), BTreeMap::new()];
    let mut add = |year: usize, key: String| *want[year].entry(key).or_default() += 1;
    for i in 0..400u64 {
        let year = 2023 + rng.below(2) as i32;
        let intake = NaiveDate::from_ymd_opt(year, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32).unwrap();
        let gender = rng.pick(&GENDERS);
        let kind = rng.pick(&TYPES);
        let stage = rng.pick(&STAGES);
        let law = rng.pick(&LAW);
        let convicted = law == "Verdict" && rng.below(2) == 0;
        let with_agency = rng.below(4) == 0;
        let mut doc = json!({
            "victim": {"first_name": format!("Korban{i}"), "gender": gender},
            "intake": {"date": intake.to_string()},
            "type_of_exploitation": [kind],
            "services": [{"type": "Shelter", "stage": stage}],
            "law_enforcement": {"stage": law},
        });
        if convicted {
            doc["law_enforcement"]["verdict"] = json!("Convicted");
        }
        if with_agency {
            doc["placement_agency_id"] = json!(agency.to_string());
        }
        d.create(&doc);
        let y = if year == 2024 { 0 } else { 1 };
        add(y, "victims/total".into());
        add(y, format!("victims_sex/{gender}"));
        add(y, format!("victims_exploitation/{kind}"));
        add(y, format!("services_stage/{stage}"));
        add(y, format!("law_enforcement/{law}"));
        if convicted {
            add(y, "law_enforcement/verdict:Convicted".into());
        }
        if with_agency {
            add(y, "agencies/PT Contoh Penempatan".into());
        }
    }
    // Registers: two activities and a training in 2024, one activity in 2023.
    for (date, female, male) in [("2024-03-01", 20, 15), ("2024-08-09", 31, 4), ("2023-05-05", 9, 9)] {
        let doc = json!({"kind": "Socialisation", "date": date, "regency": "53.03", "village": format!("Desa {date}"),
                         "female_adults": female, "male_adults": male});
        registers::create(&mut d.store, Register::Activity, &doc, &d.clock, &d.entropy).unwrap();
    }
    let training = json!({"title": "Identifikasi", "start_date": "2024-04-01",
                          "participants": [{"agency": "Police", "female": 3, "male": 8}]});
    registers::create(&mut d.store, Register::Training, &training, &d.clock, &d.entropy).unwrap();

    let period = ReportingPeriod { year: 2024, semester: None };
    let pack = annual::pack(&d.store, period, Some(250_000), today).unwrap();
    let flat = |f: &annual::Figures, sections: &[&str]| -> BTreeMap<String, u64> {
        f.iter()
            .filter(|(s, _)| sections.contains(&s.as_str()))
            .flat_map(|(s, m)| m.iter().map(move |(k, n)| (format!("{s}/{k}"), *n)))
            .filter(|(k, _)| k != "victims/children" && k != "victims/adults")
            .collect()
    };
    let sections = ["victims", "victims_sex", "victims_exploitation", "services_stage", "law_enforcement", "agencies"];
    assert_eq!(flat(&pack.current, &sections), want[0]);
    assert_eq!(flat(&pack.previous, &sections), want[1]);
    let get = |s: &str, k: &str| pack.current.get(s).and_then(|m| m.get(k)).copied().unwrap_or(0);
    assert_eq!(get("prevention_kind", "Socialisation"), 2);
    assert_eq!(
        (get("prevention_participants", "female_adults"), get("prevention_participants", "male_adults")),
        (51, 19)
    );
    assert_eq!(get("prevention_reach", "villages"), 2);
    assert_eq!((get("trainings", "count"), get("training_participants", "Police:male")), (1, 8));

    // Small cells are hidden in every format, with a second one where one alone could be
    // worked out; nothing in the pack names a victim.
    let csv = annual::csv(&pack, annual::SUPPRESS_BELOW);
    for line in csv.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let personal = !cells[0].starts_with("prevention")
            && !cells[0].starts_with("training")
            && cells[0] != "regulations"
            && cells[0] != "programmes"
            && cells[0] != "victims";
        for v in &cells[3..] {
            if let Ok(n) = v.trim().parse::<u64>() {
                assert!(!personal || n == 0 || n >= annual::SUPPRESS_BELOW, "{line}");
            }
        }
    }
    for (section, _) in pack.current.iter() {
        let lines: Vec<&str> = csv.lines().filter(|l| l.starts_with(&format!("{section},"))).collect();
        let hidden = lines.iter().filter(|l| l.split(',').nth(3) == Some("<5")).count();
        assert_ne!(hidden, 1, "one hidden cell alone in {section}: {lines:?}");
    }
    let html = annual::html(&pack, annual::SUPPRESS_BELOW, today);
    assert!(html.contains("SDG 16.2.2") && html.contains("<svg"));
    assert!(!html.contains("Korban1"), "a name in the report");
    let rate = format!("{:.1}", want[0]["victims/total"] as f64 * 100_000.0 / 250_000.0).replace('.', ",");
    assert!(html.contains(&rate), "SDG 16.2.2 for all victims: {rate}");
    let xlsx = annual::xlsx(&pack, annual::SUPPRESS_BELOW).unwrap();
    assert!(xlsx.starts_with(b"PK"));
}

#[test]
fn a_province_adds_up_its_regencies_signed_figures_and_refuses_a_tampered_file() {
    use lintas_core::annual::ReportingPeriod;
    use lintas_core::rollup;
    let today = NaiveDate::from_ymd_opt(2026, 2, 1).unwrap();
    let mut province = District::new("53.71", "Kota Kupang", 61);
    let mut ttu = District::new("53.03", "Kabupaten Timor Tengah Utara", 62);
    let mut belu = District::new("53.04", "Kabupaten Belu", 63);
    let mut nunukan = District::new("65.03", "Kabupaten Nunukan", 64);
    let mut stranger = District::new("53.05", "Kabupaten Alor", 65);
    District::trust_each_other(&mut province, &mut ttu);
    District::trust_each_other(&mut province, &mut belu);
    District::trust_each_other(&mut province, &mut nunukan);
    let dir = tempfile::tempdir().unwrap();
    let period = ReportingPeriod { year: 2025, semester: None };
    let mut files = Vec::new();
    for (d, n) in [(&mut ttu, 7), (&mut belu, 5), (&mut nunukan, 2), (&mut stranger, 1)] {
        for i in 0..n {
            d.create(&json!({"victim": {"first_name": format!("K{i}"), "gender": "Feminine"},
                             "intake": {"date": "2025-06-01"}, "type_of_exploitation": ["ForcedLabour"]}));
        }
        let path = dir.path().join(rollup::file_name(&d.code, period));
        rollup::write(&d.store, period, &path, today, &d.clock).unwrap();
        files.push(path);
    }
    let pack = rollup::rollup(&province.store, "53", &files[..2], Some(1_000_000)).unwrap();
    let total = pack.current["victims"]["total"];
    assert_eq!(total, 12, "7 from TTU and 5 from Belu");
    assert_eq!(pack.current["victims_exploitation"]["ForcedLabour"], 12);
    assert_eq!(pack.area_name, "Nusa Tenggara Timur");
    assert_eq!(pack.parts.len(), 2);

    use lintas_core::annual::ReportError as E;
    let refused = |files: &[std::path::PathBuf]| rollup::rollup(&province.store, "53", files, None).unwrap_err();
    // A regency of another province; one whose devices are not trusted here; the same twice.
    assert!(matches!(refused(&[files[0].clone(), files[2].clone()]), E::OtherProvince));
    assert!(matches!(refused(&[files[3].clone()]), E::Untrusted));
    assert!(matches!(refused(&[files[0].clone(), files[0].clone()]), E::Twice));
    // A figure changed after signing.
    let text = std::fs::read_to_string(&files[1]).unwrap();
    let tampered = dir.path().join("tampered.json");
    std::fs::write(&tampered, text.replace(r#"\"total\":5"#, r#"\"total\":50"#)).unwrap();
    assert_ne!(std::fs::read(&tampered).unwrap(), text.as_bytes(), "the test changed the figure");
    assert!(matches!(refused(&[files[0].clone(), tampered]), E::Tampered));
    // A trusted regency's laptop, turned hostile, signs figures at the top of the range: they
    // are added without overflowing (before, the sum overflowed and the report panicked).
    let keys = belu.store.device_keys().unwrap();
    let body = serde_json::json!({
        "district": "53.04", "district_name": "Kabupaten Belu", "period": {"year": 2025, "semester": null},
        "current": {"victims": {"total": u64::MAX}}, "previous": {}, "device": keys.device_id,
    })
    .to_string();
    let signature = data_encoding::BASE64.encode(&keys.sign(body.as_bytes()));
    let huge = dir.path().join("huge.json");
    let envelope = serde_json::json!({"format": rollup::FORMAT, "body": body, "signature": signature});
    std::fs::write(&huge, envelope.to_string()).unwrap();
    let pack = rollup::rollup(&province.store, "53", &[files[0].clone(), huge], None).unwrap();
    assert_eq!(pack.current["victims"]["total"], u64::MAX);
    // Not an aggregate at all.
    let junk = dir.path().join("junk.json");
    std::fs::write(&junk, b"{\"format\": 1}").unwrap();
    assert!(matches!(refused(&[junk]), E::NotAnAggregate));
}
