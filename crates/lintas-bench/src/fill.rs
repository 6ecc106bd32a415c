//! Filling a district's store through the core's public API, as intake workers would: the
//! generated case documents go to `cases::create_many` a group at a time, each case is shared
//! with the district its consent names through `referrals::share` (what `lintas share` calls),
//! and each scan is stored with `cases::attach`. Nothing here writes a table: every row of a
//! filled store is one the core wrote through its op log.
//!
//! `create_many` writes a whole group in one transaction, so a group of a thousand cases costs
//! one commit (one fsync) instead of a thousand; the cases are the same as those `cases::create`
//! makes one by one (same validation, same case numbers in the same order, the duplicate check
//! for each). Shares and scans have no group call in the core, so each is its own transaction,
//! as it is for a person using the app.

use crate::dataset::{CaseGenerator, Scan};
use lintas_core::ambient::{Clock, Entropy};
use lintas_core::store::Store;
use serde_json::Value;
use std::time::Instant;

/// Cases per `cases::create_many` call when a store is filled. On the build machine, groups of
/// 250 to 2,000 cases filled the first 4,000 cases equally fast (a thousand by a hair): the
/// time goes to each case's duplicate check, which the group size does not change, once a
/// group's commit is shared by a few hundred cases. Groups of 4,000 took 40 % longer.
pub const GROUP: usize = 1000;

/// Why a shelter shares a case with the victim's home district.
pub const SHARE_REASON: &str = "Pemulangan dan reintegrasi di daerah asal";

/// How long each kind of core call took while a store was filled.
#[derive(Debug, Default, Clone)]
pub struct Filled {
    pub cases: u64,
    pub shares: u64,
    pub scans: u64,
    pub scan_bytes: u64,
    /// Seconds in `cases::create_many`.
    pub create_s: f64,
    /// Seconds in `referrals::share`.
    pub share_s: f64,
    /// Seconds in `cases::attach`.
    pub attach_s: f64,
    /// For every group: the cases the store held before it, its size, and its creation rate
    /// (cases/s of `create_many` alone).
    pub groups: Vec<(u64, u64, f64)>,
}

impl Filled {
    pub fn total_s(&self) -> f64 {
        self.create_s + self.share_s + self.attach_s
    }

    /// The group that started nearest to `at` cases already stored: where it started, and its
    /// creation rate.
    pub fn rate_near(&self, at: u64) -> Option<(u64, f64)> {
        self.groups.iter().min_by_key(|(before, _, _)| before.abs_diff(at)).map(|&(before, _, rate)| (before, rate))
    }

    pub fn largest_group(&self) -> u64 {
        self.groups.iter().map(|&(_, size, _)| size).max().unwrap_or(0)
    }

    fn add(&mut self, other: &Filled) {
        self.cases += other.cases;
        self.shares += other.shares;
        self.scans += other.scans;
        self.scan_bytes += other.scan_bytes;
        self.create_s += other.create_s;
        self.share_s += other.share_s;
        self.attach_s += other.attach_s;
        self.groups.extend_from_slice(&other.groups);
    }
}

/// The store a fill writes to, with the time and randomness its core calls take.
pub struct Target<'a> {
    pub store: &'a mut Store,
    pub clock: &'a dyn Clock,
    pub entropy: &'a dyn Entropy,
}

impl Target<'_> {
    /// Creates a group of cases in one `create_many` call; returns their ids.
    pub fn create(&mut self, docs: &[Value], filled: &mut Filled, stored_before: u64) -> Result<Vec<String>, String> {
        let t = Instant::now();
        let created = lintas_core::cases::create_many(self.store, docs, self.clock, self.entropy)
            .map_err(|e| format!("cases::create_many: {}", lintas_core::Error::from(e).code.as_str()))?;
        let s = t.elapsed().as_secs_f64();
        filled.create_s += s;
        filled.cases += created.len() as u64;
        filled.groups.push((stored_before, created.len() as u64, created.len() as f64 / s));
        Ok(created.into_iter().map(|c| c.id.to_string()).collect())
    }

    pub fn share(&mut self, case: &str, with: &str, filled: &mut Filled) -> Result<(), String> {
        let t = Instant::now();
        lintas_core::referrals::share(self.store, case, with, SHARE_REASON, None, self.clock, self.entropy)
            .map_err(|e| format!("referrals::share: {e}"))?;
        filled.share_s += t.elapsed().as_secs_f64();
        filled.shares += 1;
        Ok(())
    }

    pub fn attach(&mut self, case: &str, name: &str, data: &[u8], filled: &mut Filled) -> Result<(), String> {
        let t = Instant::now();
        lintas_core::cases::attach(self.store, case, name, "image/jpeg", data, self.clock, self.entropy)
            .map_err(|e| format!("cases::attach: {e}"))?;
        filled.attach_s += t.elapsed().as_secs_f64();
        filled.scans += 1;
        filled.scan_bytes += data.len() as u64;
        Ok(())
    }
}

/// Creates the next `n` cases of a generator in groups of `group`, shares each with
/// `share_with` if given, and attaches their scans. `stored` is how many cases the store holds
/// already; `progress` hears after every group.
pub fn cases(
    target: &mut Target<'_>,
    generator: &mut CaseGenerator,
    n: u64,
    group: usize,
    share_with: Option<&str>,
    stored: u64,
    progress: &mut dyn FnMut(&Filled),
) -> Result<Filled, String> {
    let mut total = Filled::default();
    while total.cases < n {
        let k = (group as u64).min(n - total.cases);
        let (docs, scans): (Vec<Value>, Vec<Option<Scan>>) =
            (0..k).map(|_| generator.next_case()).map(|g| (g.document, g.scan)).unzip();
        let mut filled = Filled::default();
        let ids = target.create(&docs, &mut filled, stored + total.cases)?;
        for (id, scan) in ids.iter().zip(scans) {
            if let Some(with) = share_with {
                target.share(id, with, &mut filled)?;
            }
            if let Some(scan) = scan {
                target.attach(id, &scan.name, &scan.bytes(), &mut filled)?;
            }
        }
        total.add(&filled);
        progress(&total);
    }
    Ok(total)
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use chrono::{DateTime, NaiveDate};
    use lintas_core::ambient::{FixedClock, SeededEntropy};
    use lintas_core::keyfile::KdfParams;
    use lintas_core::secret::Passphrase;
    use lintas_core::setup::{init, InitRequest};

    pub fn clock() -> FixedClock {
        FixedClock::new(DateTime::from_timestamp(1_795_338_000, 0).unwrap(), 1)
    }

    pub fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    /// A new store with the cheapest key derivation.
    pub fn store(dir: &std::path::Path, district: &str, seed: u64) -> Store {
        let pass = Passphrase::new("kata sandi yang cukup panjang");
        let req = InitRequest {
            district,
            district_name: "Kabupaten",
            operator_name: "Petugas",
            passphrase: &pass,
            kdf: KdfParams { m_kib: 1024, t: 1, p: 1 },
        };
        init(dir, &req, &clock(), &SeededEntropy::new(seed)).unwrap().0
    }

    /// A store filled in groups, with shares and scans, is what the core makes of its own log
    /// (`audit verify` replays the log and compares every table and index row), and its cases
    /// leave for the district they were shared with, as Nunukan's do for 53.03.
    #[test]
    fn a_filled_store_passes_audit_verify_and_exports_its_shared_cases() {
        let dir = tempfile::tempdir().unwrap();
        let clock = clock();
        let mut nunukan = store(&dir.path().join("n"), "65.03", 4);
        let mut ttu = store(&dir.path().join("t"), "53.03", 5);
        let (to_ttu, to_nunukan) =
            (lintas_core::identity::own_card(&ttu).unwrap(), lintas_core::identity::own_card(&nunukan).unwrap());
        lintas_core::identity::trust_add(&mut nunukan, to_ttu.to_json().as_bytes(), &to_ttu.fingerprint(), &clock)
            .unwrap();
        let fingerprint = to_nunukan.fingerprint();
        lintas_core::identity::trust_add(&mut ttu, to_nunukan.to_json().as_bytes(), &fingerprint, &clock).unwrap();
        let entropy = SeededEntropy::new(8);
        let mut generator = CaseGenerator::new(2, today(), Some("53.03"));
        let mut target = Target { store: &mut nunukan, clock: &clock, entropy: &entropy };
        let mut heard = 0;
        let filled = cases(&mut target, &mut generator, 60, 25, Some("53.03"), 0, &mut |_| heard += 1).unwrap();
        assert_eq!((filled.cases, filled.shares, heard), (60, 60, 3));
        assert_eq!(filled.groups.iter().map(|g| (g.0, g.1)).collect::<Vec<_>>(), [(0, 25), (25, 25), (50, 10)]);
        assert_eq!(filled.largest_group(), 25);
        // One case in 25 has a scan.
        assert_eq!(filled.scans, 2);
        let report = lintas_core::audit::verify(&nunukan).unwrap();
        assert!(report.ops > 60 * 8, "{report:?}");
        let numbers: Vec<String> = lintas_core::cases::list(&nunukan, &Default::default())
            .unwrap()
            .into_iter()
            .map(|c| c.case_number)
            .collect();
        assert_eq!(numbers.len(), 60);
        let bundle = dir.path().join("b.lintas");
        let summary = lintas_core::sync::export(&mut nunukan, "53.03", false, &bundle, &clock, &entropy).unwrap();
        assert_eq!((summary.cases, summary.attachments), (60, 2));
        let imported = lintas_core::sync::import(&mut ttu, &bundle, &clock).unwrap();
        assert_eq!(imported.new_cases.len(), 60);
    }
}
