//! `lintas-bench --network`: a simulated year of the national network (issue 17).
//!
//! Every district is a real Lintas store on disk, written only through the core's public API.
//! The five deportation points (Nunukan, Entikong in Sanggau, Tanjung Pinang, Dumai, Batam)
//! register the people handed over each week and refer each to her home district, drawn in
//! proportion to where migrant workers come from (NTT, NTB, East and Central Java first). Once
//! a week a USB stick goes along every referral link that has something to carry: the point's
//! bundle to the home district, which imports it, accepts the referral and records a service;
//! the home district's bundle back; a follow-up visit a month later travels the same way.
//! Each district works on two or three laptops in the year: a laptop is replaced by restoring
//! its backup on a new one, which hands over to a new device key and revokes the old one, and
//! peers learn of both from the district's next bundle.
//!
//! After the year, the run checks that every case is the same in the district that registered
//! it and in the one it was referred to.
//! It reports bundle sizes, trust directories and receipts per district, and import times.

use crate::dataset::CaseGenerator;
use crate::report::Report;
use chrono::{DateTime, Duration as Days, NaiveDate, Utc};
use lintas_core::ambient::{FixedClock, SeededEntropy};
use lintas_core::keyfile::KdfParams;
use lintas_core::model::regencies::REGENCIES;
use lintas_core::referrals::NewReferral;
use lintas_core::secret::Passphrase;
use lintas_core::setup::{init, InitRequest};
use lintas_core::store::{Store, Unlock};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;
use uuid::Uuid;

const SECTION: &str = "A simulated year of the national network (lintas-bench --network)";
const PASSPHRASE: &str = "kata sandi yang cukup panjang";
const SETUP_KDF: KdfParams = KdfParams { m_kib: 1024, t: 1, p: 1 };

/// The deportation points and the share of the year's intake each receives.
const POINTS: [(&str, u64); 5] = [("65.03", 40), ("61.03", 12), ("21.72", 13), ("14.72", 10), ("21.71", 25)];

/// Where the people handed over come from, by province code, in percent (BP2MI's placement
/// figures put NTT, NTB, East, Central and West Java, Lampung and South Sulawesi first).
const ORIGINS: [(&str, u64); 9] = [
    ("53", 24),
    ("52", 18),
    ("35", 17),
    ("33", 10),
    ("32", 9),
    ("18", 5),
    ("73", 5),
    ("12", 4),
    ("", 8), // anywhere else
];

/// How big a simulated year is.
#[derive(Debug, Clone)]
pub struct NetworkScale {
    pub districts: usize,
    pub cases: u64,
    pub weeks: u32,
}

impl NetworkScale {
    pub fn full() -> NetworkScale {
        NetworkScale { districts: 514, cases: 5_000, weeks: 52 }
    }

    pub fn quick() -> NetworkScale {
        NetworkScale { districts: 24, cases: 60, weeks: 6 }
    }
}

/// A small deterministic generator for the simulation's choices.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    fn weighted<'a, T>(&mut self, items: &'a [(T, u64)]) -> &'a T {
        let total: u64 = items.iter().map(|(_, w)| w).sum();
        let mut r = self.below(total);
        for (item, w) in items {
            if r < *w {
                return item;
            }
            r -= w;
        }
        &items[items.len() - 1].0
    }
}

/// One district: its store on the laptop in use, and how many laptops it has used.
struct District {
    code: &'static str,
    root: PathBuf,
    store: Store,
    recovery: String,
    entropy: SeededEntropy,
    laptops: u32,
    point: bool,
}

impl District {
    fn new(root: &Path, code: &'static str, name: String, seed: u64, clock: &FixedClock) -> Result<District, String> {
        let root = root.join(code.replace('.', ""));
        let dir = root.join("laptop-1");
        let entropy = SeededEntropy::new(seed);
        let pass = Passphrase::new(PASSPHRASE);
        let req = InitRequest {
            district: code,
            district_name: &name,
            operator_name: "Petugas",
            passphrase: &pass,
            kdf: SETUP_KDF,
        };
        let (store, recovery) = init(&dir, &req, clock, &entropy).map_err(|e| format!("init {code}: {e}"))?;
        let recovery = recovery.display_text().to_string();
        let point = POINTS.iter().any(|(p, _)| *p == code);
        Ok(District { code, root, store, recovery, entropy, laptops: 1, point })
    }

    /// The laptop is replaced: its backup is restored on a new one, which takes a new device
    /// key and revokes the old one. The old laptop's store is removed.
    fn replace_laptop(&mut self, clock: &FixedClock) -> Result<(), String> {
        let file = self.root.join("cadangan.lintas-backup");
        lintas_core::backup::backup(&self.store, &file, clock).map_err(|e| format!("backup {}: {e}", self.code))?;
        let key = lintas_core::setup::parse_recovery_key(&self.recovery).map_err(|_| "recovery key".to_string())?;
        let old = self.root.join(format!("laptop-{}", self.laptops));
        self.laptops += 1;
        let dir = self.root.join(format!("laptop-{}", self.laptops));
        let (store, _) = lintas_core::backup::restore(&file, &dir, Unlock::Recovery(&key), clock, &self.entropy)
            .map_err(|e| format!("restore {}: {e}", self.code))?;
        self.store = store;
        std::fs::remove_file(&file).map_err(|e| e.to_string())?;
        std::fs::remove_dir_all(&old).map_err(|e| e.to_string())?;
        Ok(())
    }

    fn devices_known(&self) -> Result<usize, String> {
        Ok(lintas_core::identity::trusted(&self.store).map_err(|e| e.to_string())?.len())
    }

    fn receipt_bytes(&self) -> Result<usize, String> {
        let r = lintas_core::sync::receipt(&self.store).map_err(|e| e.to_string())?;
        Ok(serde_json::to_vec(&r).map_err(|e| e.to_string())?.len())
    }
}

/// What the year measured.
#[derive(Default)]
struct Year {
    bundles: Vec<u64>,
    exports_s: Vec<f64>,
    /// Import times into a deportation point and into a home district, with the week.
    imports_point: Vec<(u32, f64)>,
    imports_home: Vec<(u32, f64)>,
    cases: u64,
    referrals_accepted: u64,
    replacements: u64,
    ops_refused: u64,
}

fn percentile(v: &[f64], p: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    s[((s.len() - 1) as f64 * p).round() as usize]
}

/// The districts of the run: the five points, then the others by how many people their
/// province sends, then the rest of the 514 by code.
fn chosen(n: usize) -> Vec<(&'static str, String)> {
    let rank = |code: &str| {
        if POINTS.iter().any(|(p, _)| *p == code) {
            return 0;
        }
        ORIGINS.iter().position(|(p, _)| !p.is_empty() && code.starts_with(&format!("{p}."))).map_or(100, |i| i + 1)
    };
    let mut all: Vec<(usize, &'static str, String)> = REGENCIES
        .iter()
        .map(|(code, kind, name)| (rank(code), *code, lintas_core::model::regencies::full_name(*kind, name)))
        .collect();
    all.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    all.into_iter().take(n.clamp(POINTS.len() + 1, REGENCIES.len())).map(|(_, c, n)| (c, n)).collect()
}

/// A home district for someone handed over: her province by the origin weights, then one of
/// its districts in the run (anywhere, when the province has none in it).
fn home_of(dice: &mut Dice, homes: &[&'static str]) -> &'static str {
    let province = *dice.weighted(&ORIGINS);
    let inside: Vec<&'static str> = if province.is_empty() {
        homes.to_vec()
    } else {
        homes.iter().copied().filter(|c| c.starts_with(&format!("{province}."))).collect()
    };
    let from = if inside.is_empty() { homes } else { &inside[..] };
    from[dice.below(from.len() as u64) as usize]
}

/// The state of one case as a district holds it, to compare across districts.
fn case_state(store: &Store, id: Uuid) -> Result<Value, String> {
    lintas_core::cases::show(store, &id.to_string()).map_err(|e| format!("show: {e}"))
}

struct Sim<'a> {
    root: &'a Path,
    clock: FixedClock,
    districts: BTreeMap<&'static str, District>,
    year: Year,
    /// Referral links (point, home) and whether each side has something to carry.
    owed: BTreeSet<(&'static str, &'static str)>,
    bundles: u64,
}

impl Sim<'_> {
    /// Carries one bundle from `from` to `to`: export, import, and what the receiver does
    /// with it (a home district accepts what was referred to it and records a service).
    fn carry(&mut self, from: &'static str, to: &'static str, week: u32) -> Result<(), String> {
        self.bundles += 1;
        let path = self.root.join(format!("usb-{}.lintas", self.bundles));
        let t = Instant::now();
        let exported = {
            let d = self.districts.get_mut(from).expect("a district of the run");
            lintas_core::sync::export(&mut d.store, to, false, &path, &self.clock, &d.entropy)
                .map_err(|e| format!("export {from} -> {to}: {e}"))?
        };
        self.year.exports_s.push(t.elapsed().as_secs_f64());
        self.year.bundles.push(exported.bytes);
        let receiver = self.districts.get_mut(to).expect("a district of the run");
        let t = Instant::now();
        let summary = lintas_core::sync::import(&mut receiver.store, &path, &self.clock)
            .map_err(|e| format!("import {from} -> {to}: {e}"))?;
        let secs = t.elapsed().as_secs_f64();
        std::fs::remove_file(&path).map_err(|e| e.to_string())?;
        self.year.ops_refused += summary.ops_refused;
        if receiver.point {
            self.year.imports_point.push((week, secs));
            return Ok(());
        }
        self.year.imports_home.push((week, secs));
        let received: Vec<_> = lintas_core::referrals::list(&receiver.store)
            .map_err(|e| e.to_string())?
            .into_iter()
            .filter(|r| r.status == "Received" && r.to_district == to)
            .collect();
        for r in received {
            lintas_core::referrals::decide(
                &mut receiver.store,
                r.id,
                true,
                Some("Diterima untuk reintegrasi"),
                &self.clock,
            )
            .map_err(|e| format!("accept: {e}"))?;
            let service = json!({"services": [{"type": "Reintegration", "status": "InProgress",
                                               "provider": "Dinas Sosial"}]});
            lintas_core::cases::update(
                &mut receiver.store,
                &r.case_id.to_string(),
                &service,
                &self.clock,
                &receiver.entropy,
            )
            .map_err(|e| format!("service: {e}"))?;
            self.year.referrals_accepted += 1;
            self.owed.insert((to, from));
        }
        Ok(())
    }
}

/// Runs the simulated year; fails if any case differs between the districts that hold it.
pub fn run(scale: &NetworkScale, root: &Path, report: &mut Report) -> Result<(), String> {
    let started = Instant::now();
    let progress = |what: &str| eprintln!("[{:>6.1} s] {what}", started.elapsed().as_secs_f64());
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).expect("a date");
    let at = |week: u32| -> DateTime<Utc> {
        (start + Days::weeks(week as i64)).and_hms_opt(9, 0, 0).expect("a time").and_utc()
    };
    let clock = FixedClock::new(at(0), 1);
    let chosen = chosen(scale.districts);
    progress(&format!("setting up {} districts", chosen.len()));
    let t = Instant::now();
    let mut districts = BTreeMap::new();
    for (i, (code, name)) in chosen.iter().enumerate() {
        districts.insert(*code, District::new(root, code, name.clone(), 1_000 + i as u64, &clock)?);
    }
    let setup_s = t.elapsed().as_secs_f64();
    // Cards exchanged at the national coordination meeting: each point trusts every district,
    // every district trusts the points.
    let t = Instant::now();
    let cards: BTreeMap<&str, lintas_core::identity::IdentityCard> = districts
        .iter()
        .map(|(c, d)| Ok((*c, lintas_core::identity::own_card(&d.store).map_err(|e| e.to_string())?)))
        .collect::<Result<_, String>>()?;
    let points: Vec<&'static str> = POINTS.iter().map(|(p, _)| *p).collect();
    for (code, d) in districts.iter_mut() {
        for (other, card) in &cards {
            if other == code || !(d.point || points.contains(other)) {
                continue;
            }
            lintas_core::identity::trust_add(&mut d.store, card.to_json().as_bytes(), &card.fingerprint(), &clock)
                .map_err(|e| format!("trust {code} <- {other}: {e}"))?;
        }
    }
    let trust_s = t.elapsed().as_secs_f64();
    let homes: Vec<&'static str> = districts.keys().copied().filter(|c| !points.contains(c)).collect();

    // Every district replaces a laptop once in the year, a third of them twice.
    let mut dice = Dice(0x1e7a_5017);
    let mut replacements: BTreeMap<u32, Vec<&'static str>> = BTreeMap::new();
    for (i, code) in districts.keys().enumerate() {
        let first = 1 + dice.below(scale.weeks.max(2) as u64 - 1) as u32;
        replacements.entry(first).or_default().push(code);
        if i % 3 == 0 {
            let second = 1 + dice.below(scale.weeks.max(2) as u64 - 1) as u32;
            if second != first {
                replacements.entry(second).or_default().push(code);
            }
        }
    }

    let mut sim = Sim { root, clock, districts, year: Year::default(), owed: BTreeSet::new(), bundles: 0 };
    let mut generators: BTreeMap<&str, CaseGenerator> =
        points.iter().enumerate().map(|(i, p)| (*p, CaseGenerator::new(900 + i as u64, start, None))).collect();
    // Cases registered at each point, with their home district and the week of their visit.
    let mut registered: Vec<(&'static str, &'static str, Uuid)> = Vec::new();
    let mut visits: BTreeMap<u32, Vec<(&'static str, &'static str, Uuid)>> = BTreeMap::new();
    let weekly: u64 = scale.cases / scale.weeks.max(1) as u64;
    let mut left_over = scale.cases - weekly * scale.weeks.max(1) as u64;
    for week in 0..scale.weeks {
        sim.clock.set(at(week));
        for code in replacements.remove(&week).unwrap_or_default() {
            let d = sim.districts.get_mut(code).expect("a district");
            d.replace_laptop(&sim.clock)?;
            sim.year.replacements += 1;
        }
        // Intake at the points.
        let mut this_week = weekly + u64::from(left_over > 0);
        left_over = left_over.saturating_sub(1);
        let mut per_point: BTreeMap<&'static str, u64> = BTreeMap::new();
        while this_week > 0 {
            *per_point.entry(*dice.weighted(&POINTS)).or_default() += 1;
            this_week -= 1;
        }
        for (point, n) in per_point {
            let generator = generators.get_mut(point).expect("a point");
            let mut docs = Vec::new();
            let mut home_of_case = Vec::new();
            for _ in 0..n {
                let home = home_of(&mut dice, &homes);
                let mut doc = generator.next_case().document;
                doc["intake"]["date"] = at(week).date_naive().to_string().into();
                doc["consent"]["share_districts"] = json!([home]);
                docs.push(doc);
                home_of_case.push(home);
            }
            let d = sim.districts.get_mut(point).expect("a point");
            let created = lintas_core::cases::create_many(&mut d.store, &docs, &sim.clock, &d.entropy)
                .map_err(|e| format!("intake at {point}: {e}"))?;
            for (c, home) in created.into_iter().zip(home_of_case) {
                let req = NewReferral {
                    to_district: home,
                    reason: Some("MigrationOrChangeOfLocation"),
                    details: "Pemulangan dan reintegrasi di daerah asal",
                    services: vec!["Reintegration".into()],
                    consent_override: None,
                };
                lintas_core::referrals::create(&mut d.store, &c.id.to_string(), &req, &sim.clock, &d.entropy)
                    .map_err(|e| format!("referral at {point}: {e}"))?;
                registered.push((point, home, c.id));
                visits.entry(week + 4).or_default().push((home, point, c.id));
                sim.owed.insert((point, home));
                sim.year.cases += 1;
            }
        }
        // A month after acceptance, the home district visits her at home.
        for (home, point, case) in visits.remove(&week).unwrap_or_default() {
            let d = sim.districts.get_mut(home).expect("a home district");
            let visit = json!({"followups": [{"due_date": at(week).date_naive().to_string(),
                                              "visit_date": at(week).date_naive().to_string(),
                                              "status": "Done", "visited_by": "Petugas",
                                              "notes": "Kembali bersama keluarga."}]});
            // A case not yet accepted here (its bundle still on its way) is visited later.
            match lintas_core::cases::update(&mut d.store, &case.to_string(), &visit, &sim.clock, &d.entropy) {
                Ok(_) => {
                    sim.owed.insert((home, point));
                }
                Err(_) => visits.entry(week + 1).or_default().push((home, point, case)),
            }
        }
        // The week's USB trips: points to homes, then homes back.
        let owed: Vec<_> = std::mem::take(&mut sim.owed).into_iter().collect();
        for &(from, to) in owed.iter().filter(|(f, _)| points.contains(f)) {
            sim.carry(from, to, week)?;
        }
        let back: BTreeSet<_> = owed.iter().copied().chain(std::mem::take(&mut sim.owed)).collect();
        for &(from, to) in back.iter().filter(|(f, _)| !points.contains(f)) {
            sim.carry(from, to, week)?;
        }
        if week % 4 == 3 || week + 1 == scale.weeks {
            progress(&format!(
                "week {}: {} cases, {} bundles, {} laptops replaced",
                week + 1,
                sim.year.cases,
                sim.year.bundles.len(),
                sim.year.replacements
            ));
        }
    }
    progress("comparing every case where it is held");
    let mut differing = 0u64;
    for (point, home, case) in &registered {
        let a = case_state(&sim.districts[point].store, *case)?;
        let b = case_state(&sim.districts[home].store, *case)?;
        if a != b {
            differing += 1;
        }
    }
    let wall = started.elapsed().as_secs_f64();

    let y = &sim.year;
    report.add(SECTION, "network_districts", "districts (stores)", sim.districts.len() as f64, "");
    let laptops: u32 = sim.districts.values().map(|d| d.laptops).sum();
    report.add(SECTION, "network_laptops", "laptops used in the year", laptops as f64, "").note(format!(
        "{} replacements: each restores the district's backup on a new laptop, hands over to its new key and revokes the old one",
        y.replacements
    ));
    report.add(SECTION, "network_setup_s", "setting up the districts' stores", setup_s, "s");
    report.add(SECTION, "network_trust_s", "trusting each other's cards", trust_s, "s");
    report.add(SECTION, "network_cases", "cases registered at the deportation points", y.cases as f64, "");
    report.add(SECTION, "network_accepted", "referrals accepted at home", y.referrals_accepted as f64, "");
    let kib: Vec<f64> = y.bundles.iter().map(|b| *b as f64 / 1024.0).collect();
    report.add(SECTION, "network_bundles", "bundles carried", kib.len() as f64, "");
    report.add(SECTION, "network_bundle_p50_kib", "bundle size: median", percentile(&kib, 0.5), "KiB");
    report.add(SECTION, "network_bundle_p95_kib", "bundle size: p95", percentile(&kib, 0.95), "KiB");
    report.add(SECTION, "network_bundle_max_kib", "bundle size: largest", percentile(&kib, 1.0), "KiB");
    let ms = |v: &[f64], p: f64| percentile(v, p) * 1000.0;
    report.add(SECTION, "network_export_p95_ms", "export: p95", ms(&y.exports_s, 0.95), "ms");
    let all_point: Vec<f64> = y.imports_point.iter().map(|(_, s)| *s).collect();
    let all_home: Vec<f64> = y.imports_home.iter().map(|(_, s)| *s).collect();
    let last_weeks = scale.weeks.saturating_sub(4);
    let late_point: Vec<f64> = y.imports_point.iter().filter(|(w, _)| *w >= last_weeks).map(|(_, s)| *s).collect();
    report.add(
        SECTION,
        "network_import_point_p50_ms",
        "import at a deportation point: median",
        ms(&all_point, 0.5),
        "ms",
    );
    report.add(
        SECTION,
        "network_import_point_p95_ms",
        "import at a deportation point: p95",
        ms(&all_point, 0.95),
        "ms",
    );
    report
        .add(
            SECTION,
            "network_import_point_late_p95_ms",
            "import at a point in the year's last weeks: p95",
            ms(&late_point, 0.95),
            "ms",
        )
        .note("a point's weekly imports after a year, with all its cases and directory");
    report.add(
        SECTION,
        "network_import_point_max_ms",
        "import at a deportation point: slowest",
        ms(&all_point, 1.0),
        "ms",
    );
    report.add(SECTION, "network_import_home_p50_ms", "import at a home district: median", ms(&all_home, 0.5), "ms");
    report.add(SECTION, "network_import_home_p95_ms", "import at a home district: p95", ms(&all_home, 0.95), "ms");
    report.add(SECTION, "network_import_home_max_ms", "import at a home district: slowest", ms(&all_home, 1.0), "ms");
    let mut trust_point = Vec::new();
    let mut trust_home = Vec::new();
    let mut receipt_point = Vec::new();
    let mut receipt_home = Vec::new();
    for d in sim.districts.values() {
        let (t, r) = (d.devices_known()? as f64, d.receipt_bytes()? as f64 / 1024.0);
        if d.point {
            trust_point.push(t);
            receipt_point.push(r);
        } else {
            trust_home.push(t);
            receipt_home.push(r);
        }
    }
    report.add(
        SECTION,
        "network_trust_home_p50",
        "devices in a home district's trust directory: median",
        percentile(&trust_home, 0.5),
        "",
    );
    report.add(
        SECTION,
        "network_receipt_home_p50_kib",
        "receipt a home district sends: median",
        percentile(&receipt_home, 0.5),
        "KiB",
    );
    report.add(
        SECTION,
        "network_trust_point_max",
        "devices in a point's trust directory: most",
        percentile(&trust_point, 1.0),
        "",
    );
    report.add(
        SECTION,
        "network_trust_home_max",
        "devices in a home district's trust directory: most",
        percentile(&trust_home, 1.0),
        "",
    );
    report.add(
        SECTION,
        "network_receipt_point_max_kib",
        "receipt a point sends: largest",
        percentile(&receipt_point, 1.0),
        "KiB",
    );
    report.add(
        SECTION,
        "network_receipt_home_max_kib",
        "receipt a home district sends: largest",
        percentile(&receipt_home, 1.0),
        "KiB",
    );
    report
        .add(SECTION, "network_refused", "ops refused in the year", y.ops_refused as f64, "")
        .target("0", y.ops_refused == 0);
    report
        .add(
            SECTION,
            "network_differing",
            "cases that differ between the two districts holding them",
            differing as f64,
            "",
        )
        .target("0 (converged)", differing == 0)
        .note(format!(
            "{} cases compared, each in the point that registered it and in her home district",
            registered.len()
        ));
    report.add(SECTION, "network_wall_s", "the whole simulated year", wall, "s").target("< 10 min", wall < 600.0);
    if differing > 0 {
        return Err(format!("the network did not converge: {differing} cases differ"));
    }
    Ok(())
}
