//! The report pack a task force owes every year (or semester): its annual report — victims by
//! sex, age group, exploitation, country and recruitment; services by stage of victim handling;
//! referrals and how long they took; law enforcement; prevention activities and their
//! participants; trainings; empowerment programmes and their outcomes; placement agencies —
//! with SDG indicator 16.2.2 (detected victims per 100,000 population, the population given by
//! the user) and the figures a national or donor request asks (investigations, prosecutions,
//! convictions), each compared with the period before.
//!
//! The figures ([`Figures`]) are counts by section and key only, so that a province adds its
//! kabupaten's figures up (`rollup`). Rendered, counts about victims below a threshold are
//! suppressed (shown as "< 5"), with a second cell of the same table where one alone would let
//! it be worked out from the total, as the CTDC export does; register counts (activities,
//! trainings) name nobody and are shown whole. The HTML prints on A4 from any browser, with bar
//! charts drawn in SVG inside it; CSV and XLSX carry the same table.

use crate::log::access::{self, Action};
use crate::model::codes::{self, CodeList, Lang};
use crate::records::cases::CaseError;
use crate::reports::printable::{self, escape};
use crate::reports::{self, Period};
use crate::store::{Store, StoreError};
use crate::support::ambient::Clock;
use chrono::{Datelike, NaiveDate};
use rusqlite::types::Value as SqlValue;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Counts of people below this are shown as "< 5" by default.
pub const SUPPRESS_BELOW: u64 = 5;

/// A reporting period: a calendar year, or one of its semesters (1: January–June, 2:
/// July–December).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ReportingPeriod {
    pub year: i32,
    pub semester: Option<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("the year or semester is not one Lintas reports on")]
    BadPeriod,
    #[error("the population is not a whole number above zero")]
    BadPopulation,
    #[error("the file is not a Lintas aggregate report")]
    NotAnAggregate,
    #[error("the aggregate report was changed after it was signed")]
    Tampered,
    #[error("the aggregate report is signed by a device not trusted here")]
    Untrusted,
    #[error("the aggregate report is of a regency outside the province")]
    OtherProvince,
    #[error("the aggregate reports cover different periods")]
    Periods,
    #[error("two aggregate reports come from the same regency")]
    Twice,
    #[error("the report could not be written")]
    Write,
    /// The report's file could not be put where it was asked for (a full or pulled stick).
    #[error("the report's file could not be written: {0}")]
    NotWritten(#[source] std::io::Error),
    #[error(transparent)]
    Case(#[from] CaseError),
}

impl From<StoreError> for ReportError {
    fn from(e: StoreError) -> Self {
        ReportError::Case(e.into())
    }
}

impl From<rusqlite::Error> for ReportError {
    fn from(e: rusqlite::Error) -> Self {
        ReportError::Case(e.into())
    }
}

impl ReportingPeriod {
    pub fn check(self) -> Result<Self, ReportError> {
        if !(2000..=2100).contains(&self.year) || !matches!(self.semester, None | Some(1) | Some(2)) {
            return Err(ReportError::BadPeriod);
        }
        Ok(self)
    }

    /// The first and last day (inclusive).
    pub fn bounds(self) -> (NaiveDate, NaiveDate) {
        let d = |m, day| NaiveDate::from_ymd_opt(self.year, m, day).unwrap_or_default();
        match self.semester {
            None => (d(1, 1), d(12, 31)),
            Some(1) => (d(1, 1), d(6, 30)),
            Some(_) => (d(7, 1), d(12, 31)),
        }
    }

    /// The period of the same length just before.
    pub fn previous(self) -> ReportingPeriod {
        match self.semester {
            None => ReportingPeriod { year: self.year - 1, semester: None },
            Some(1) => ReportingPeriod { year: self.year - 1, semester: Some(2) },
            Some(_) => ReportingPeriod { year: self.year, semester: Some(1) },
        }
    }

    /// `2025` or `2025-S1`: for file names and the access log.
    pub fn describe(self) -> String {
        match self.semester {
            None => self.year.to_string(),
            Some(s) => format!("{}-S{s}", self.year),
        }
    }

    fn words(self) -> String {
        match self.semester {
            None => format!("Tahun {}", self.year),
            Some(1) => format!("Semester I (Januari–Juni) {}", self.year),
            Some(_) => format!("Semester II (Juli–Desember) {}", self.year),
        }
    }
}

/// Counts by section and key: `victims_sex` → `Feminine` → 12. Keys are codes, so that figures
/// of several districts add up and each shell words them in its language.
pub type Figures = BTreeMap<String, BTreeMap<String, u64>>;

/// The sections whose counts are of people who may be recognised; their small cells are
/// suppressed when shown.
const PERSONAL: &[&str] = &[
    "victims",
    "victims_sex",
    "victims_age",
    "victims_exploitation",
    "victims_country",
    "victims_recruitment",
    "services_stage",
    "referrals",
    "referral_days",
    "law_enforcement",
    "programme_outcome",
    "agencies",
];

/// Adds one figure.
fn put(f: &mut Figures, section: &str, key: &str, n: u64) {
    if n > 0 {
        // Saturating: the figures of another district's file are added here, whatever they say.
        let cell = f.entry(section.to_string()).or_default().entry(key.to_string()).or_default();
        *cell = cell.saturating_add(n);
    }
}

/// Adds `other`'s figures to `into`.
pub fn add(into: &mut Figures, other: &Figures) {
    for (section, keys) in other {
        for (key, n) in keys {
            put(into, section, key, *n);
        }
    }
}

fn counts(store: &Store, sql: &str, params: &[SqlValue]) -> Result<Vec<(String, u64)>, ReportError> {
    let mut stmt = store.conn.prepare(sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
        Ok((r.get::<_, Option<String>>(0)?.unwrap_or_else(|| "unknown".into()), r.get::<_, i64>(1)?.max(0) as u64))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The records this district wrote itself (its own activities, trainings, programmes), for SQL
/// over a register table aliased `x`.
fn ours(kind: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM entities e JOIN device_keys d ON d.device_id = e.device
                 WHERE e.kind = '{kind}' AND e.id = x.id)"
    )
}

/// This district's figures for a period: its own cases (by intake date) and its own register
/// records (by their date).
pub fn figures(store: &Store, period: ReportingPeriod, today: NaiveDate) -> Result<Figures, ReportError> {
    store.require(crate::model::roles::Permission::ReadStatistics)?;
    let district = store.identity().district.clone();
    let (from, to) = period.bounds();
    let scope = Period { from: Some(from), to: Some(to), district: Some(district.clone()) };
    let s = reports::stats(store, &scope, today)?;
    let mut f = Figures::new();
    put(&mut f, "victims", "total", u64::from(s.victims));
    put(&mut f, "victims", "children", u64::from(s.children));
    put(&mut f, "victims", "adults", u64::from(s.adults));
    for (section, pairs) in [
        ("victims_sex", &s.by_sex),
        ("victims_age", &s.by_age_group),
        ("victims_exploitation", &s.by_exploitation),
        ("victims_country", &s.by_country),
        ("victims_recruitment", &s.by_recruitment),
    ] {
        for (k, n) in pairs {
            put(&mut f, section, k, u64::from(*n));
        }
    }
    let r = &s.referrals;
    for (k, n) in [("sent", r.sent), ("accepted", r.accepted), ("declined", r.declined), ("completed", r.completed)] {
        put(&mut f, "referrals", k, u64::from(n));
    }
    let day = |d: NaiveDate| SqlValue::Text(d.format("%Y-%m-%d").to_string());
    let params = [SqlValue::Text(district.clone()), day(from), day(to)];
    let cases = "SELECT c.id FROM case_file c WHERE c.district = ?1 AND c.intake_date BETWEEN ?2 AND ?3";
    let received: u64 = store.conn.query_row(
        "SELECT count(*) FROM referral r JOIN case_file c ON c.id = r.case_id
         WHERE r.to_district = ?1 AND r.status IN ('Received', 'Accepted', 'Declined', 'Completed')
           AND c.intake_date BETWEEN ?2 AND ?3",
        rusqlite::params_from_iter(&params),
        |r| r.get::<_, i64>(0),
    )? as u64;
    put(&mut f, "referrals", "received_here", received);
    // Days from sending to acceptance, from the op log, in bands that add up across districts.
    let days = reports::days_to_acceptance(store, cases, &params)?;
    for d in days {
        let band = match d {
            _ if d <= 7.0 => "0-7",
            _ if d <= 30.0 => "8-30",
            _ if d <= 90.0 => "31-90",
            _ => "91+",
        };
        put(&mut f, "referral_days", band, 1);
    }
    for (k, n) in counts(
        store,
        &format!("SELECT s.stage, count(*) FROM service s WHERE s.case_id IN ({cases}) GROUP BY 1"),
        &params,
    )? {
        put(&mut f, "services_stage", &k, n);
    }
    for (k, n) in counts(
        store,
        &format!("SELECT coalesce(c.law_enforcement_stage, 'NotReported'), count(*) FROM case_file c WHERE c.id IN ({cases}) GROUP BY 1"),
        &params,
    )? {
        put(&mut f, "law_enforcement", &k, n);
    }
    for (k, n) in counts(
        store,
        &format!("SELECT c.law_enforcement_verdict, count(*) FROM case_file c WHERE c.id IN ({cases}) AND c.law_enforcement_verdict IS NOT NULL GROUP BY 1"),
        &params,
    )? {
        put(&mut f, "law_enforcement", &format!("verdict:{k}"), n);
    }
    for (k, n) in counts(
        store,
        &format!(
            "SELECT coalesce(o.name, nullif(trim(c.placement_agency), '')), count(*) FROM case_file c
             LEFT JOIN organisation o ON o.id = c.placement_agency_id
             WHERE c.id IN ({cases}) AND coalesce(o.name, nullif(trim(c.placement_agency), '')) IS NOT NULL GROUP BY 1"
        ),
        &params,
    )? {
        put(&mut f, "agencies", &k, n);
    }
    // Prevention: this district's own activities in the period.
    let activities =
        format!("FROM activity x WHERE x.date BETWEEN ?2 AND ?3 AND ?1 IS NOT NULL AND {}", ours("activity"));
    for (k, n) in counts(store, &format!("SELECT x.kind, count(*) {activities} GROUP BY 1"), &params)? {
        put(&mut f, "prevention_kind", &k, n);
    }
    let sums: (i64, i64, i64, i64, i64) = store.conn.query_row(
        &format!(
            "SELECT coalesce(sum(x.female_children), 0), coalesce(sum(x.male_children), 0),
                    coalesce(sum(x.female_adults), 0), coalesce(sum(x.male_adults), 0),
                    count(DISTINCT coalesce(x.regency, '') || '/' || lower(trim(x.village))) {activities}"
        ),
        rusqlite::params_from_iter(&params),
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    for (k, n) in
        [("female_children", sums.0), ("male_children", sums.1), ("female_adults", sums.2), ("male_adults", sums.3)]
    {
        put(&mut f, "prevention_participants", k, n.max(0) as u64);
    }
    put(&mut f, "prevention_reach", "villages", sums.4.max(0) as u64);
    for (k, n) in counts(
        store,
        &format!("SELECT x.regulation_status, count(*) {activities} AND x.kind = 'VillageRegulation' GROUP BY 1"),
        &params,
    )? {
        put(&mut f, "regulations", &k, n);
    }
    // Capacity building: this district's trainings that began in the period.
    let trainings =
        format!("FROM training x WHERE x.start_date BETWEEN ?2 AND ?3 AND ?1 IS NOT NULL AND {}", ours("training"));
    for (k, n) in counts(store, &format!("SELECT 'count', count(*) {trainings}"), &params)? {
        put(&mut f, "trainings", &k, n);
    }
    for (k, n) in counts(
        store,
        &format!(
            "SELECT g.agency || ':' || s.sex, sum(CASE s.sex WHEN 'female' THEN g.female ELSE g.male END)
             FROM training_group g, (SELECT 'female' AS sex UNION ALL SELECT 'male') s
             WHERE g.training_id IN (SELECT x.id {trainings}) GROUP BY 1"
        ),
        &params,
    )? {
        put(&mut f, "training_participants", &k, n);
    }
    // Empowerment: this district's programmes running in the period, and the plans of its cases
    // in the period that enrol people in a programme.
    let programmes = format!(
        "FROM programme x WHERE coalesce(x.start_date, ?2) <= ?3 AND coalesce(x.end_date, ?3) >= ?2
         AND ?1 IS NOT NULL AND {}",
        ours("programme")
    );
    let (count, capacity): (i64, i64) = store.conn.query_row(
        &format!("SELECT count(*), coalesce(sum(x.capacity), 0) {programmes}"),
        rusqlite::params_from_iter(&params),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    put(&mut f, "programmes", "count", count.max(0) as u64);
    put(&mut f, "programmes", "capacity", capacity.max(0) as u64);
    for (k, n) in counts(
        store,
        &format!(
            "SELECT coalesce(p.outcome, 'Ongoing'), count(*) FROM plan p
             WHERE p.programme_id IS NOT NULL AND p.case_id IN ({cases}) GROUP BY 1"
        ),
        &params,
    )? {
        put(&mut f, "programme_outcome", &k, n);
    }
    Ok(f)
}

/// One report: whose, for when, the figures of the period and of the one before, and the
/// population SDG 16.2.2 divides by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pack {
    /// A kabupaten/kota code, or a province code for a roll-up.
    pub area: String,
    pub area_name: String,
    pub period: ReportingPeriod,
    pub current: Figures,
    pub previous: Figures,
    /// The population of the area, for SDG 16.2.2; none leaves the rates out.
    pub population: Option<u64>,
    /// For a roll-up: the kabupaten/kota whose figures it adds up.
    pub parts: Vec<String>,
}

/// This district's pack for a period.
pub fn pack(
    store: &Store,
    period: ReportingPeriod,
    population: Option<u64>,
    today: NaiveDate,
) -> Result<Pack, ReportError> {
    let period = period.check()?;
    if population == Some(0) {
        return Err(ReportError::BadPopulation);
    }
    let identity = store.identity();
    Ok(Pack {
        area: identity.district.clone(),
        area_name: identity.district_name.clone(),
        period,
        current: figures(store, period, today)?,
        previous: figures(store, period.previous(), today)?,
        population,
        parts: Vec::new(),
    })
}

/// A shown count: the number, or "< 5" when it is suppressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Count(u64),
    Suppressed,
}

impl Shown {
    fn text(self, below: u64) -> String {
        match self {
            Shown::Count(n) => printable::number(n.min(u64::from(u32::MAX)) as u32),
            Shown::Suppressed => format!("< {below}"),
        }
    }

    fn csv(self, below: u64) -> String {
        match self {
            Shown::Count(n) => n.to_string(),
            Shown::Suppressed => format!("<{below}"),
        }
    }
}

/// The counts of one table as they may be shown: in a section about people, a count from 1 to
/// `below - 1` is suppressed, and if that leaves exactly one suppressed cell the smallest other
/// count is suppressed too, so that no cell is the total less the others.
pub fn shown(section: &str, counts: &[u64], below: u64) -> Vec<Shown> {
    let mut out: Vec<Shown> = counts.iter().map(|n| Shown::Count(*n)).collect();
    if !PERSONAL.contains(&section) || section == "victims" {
        return out;
    }
    for (i, n) in counts.iter().enumerate() {
        if *n > 0 && *n < below {
            out[i] = Shown::Suppressed;
        }
    }
    if out.iter().filter(|s| **s == Shown::Suppressed).count() == 1 {
        let next = counts
            .iter()
            .enumerate()
            .filter(|(i, n)| **n > 0 && out[*i] != Shown::Suppressed)
            .min_by_key(|(_, n)| **n)
            .map(|(i, _)| i);
        if let Some(i) = next {
            out[i] = Shown::Suppressed;
        }
    }
    out
}

/// A table of the report: its section, title, the code list its keys are codes of (if any),
/// and its rows in order.
struct Table {
    section: &'static str,
    title: &'static str,
    note: Option<&'static str>,
    rows: Vec<(String, String)>,
}

fn label_of(list: Option<&CodeList>, key: &str) -> String {
    if key == "unknown" {
        return printable::UNKNOWN.to_string();
    }
    list.and_then(|l| l.label(key, Lang::Id)).unwrap_or(key).to_string()
}

/// Keys of a section present in either period, ordered by the current count.
fn keys(pack: &Pack, section: &str) -> Vec<String> {
    let mut all: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for (i, f) in [&pack.current, &pack.previous].into_iter().enumerate() {
        for (k, n) in f.get(section).into_iter().flatten() {
            let e = all.entry(k.clone()).or_default();
            if i == 0 {
                e.0 = *n;
            } else {
                e.1 = *n;
            }
        }
    }
    let mut keys: Vec<(String, (u64, u64))> = all.into_iter().collect();
    keys.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(b.1 .1.cmp(&a.1 .1)).then(a.0.cmp(&b.0)));
    keys.into_iter().map(|(k, _)| k).collect()
}

fn coded(pack: &Pack, section: &'static str, title: &'static str, list: Option<&CodeList>) -> Table {
    let rows = keys(pack, section).into_iter().map(|k| (label_of(list, &k), k)).collect();
    Table { section, title, note: None, rows }
}

fn fixed(section: &'static str, title: &'static str, rows: &[(&str, &str)]) -> Table {
    Table { section, title, note: None, rows: rows.iter().map(|(k, l)| (l.to_string(), k.to_string())).collect() }
}

/// The tables of the report, in order.
fn tables(pack: &Pack) -> Vec<Table> {
    let several = Some("Satu korban dapat tercatat pada lebih dari satu baris.");
    let age_rows: Vec<(&str, &str)> = printable::AGE_GROUPS.iter().map(|(k, l)| (*k, *l)).collect();
    let mut t = vec![
        fixed(
            "victims",
            "1. Korban yang teridentifikasi",
            &[("total", "Jumlah korban"), ("children", "Anak (di bawah 18 tahun)"), ("adults", "Dewasa")],
        ),
        coded(pack, "victims_sex", "2. Korban menurut jenis kelamin", Some(&codes::GENDER)),
        fixed("victims_age", "3. Korban menurut kelompok umur", &age_rows),
        Table {
            note: several,
            ..coded(
                pack,
                "victims_exploitation",
                "4. Korban menurut bentuk eksploitasi",
                Some(&codes::TYPE_OF_EXPLOITATION),
            )
        },
        coded(pack, "victims_country", "5. Korban menurut negara tempat eksploitasi", Some(&codes::COUNTRY)),
        Table {
            note: several,
            ..coded(
                pack,
                "victims_recruitment",
                "6. Korban menurut cara perekrutan",
                Some(&codes::METHOD_OF_RECRUITMENT),
            )
        },
        Table {
            note: Some("Dihitung per layanan; satu korban dapat menerima beberapa layanan."),
            ..coded(pack, "services_stage", "7. Layanan menurut tahap penanganan", Some(&codes::SERVICE_STAGE))
        },
        fixed(
            "referrals",
            "8. Rujukan",
            &[
                ("sent", "Dikirim ke daerah lain"),
                ("accepted", "Disetujui daerah tujuan"),
                ("declined", "Ditolak daerah tujuan"),
                ("completed", "Selesai (korban kembali ke keluarga)"),
                ("received_here", "Diterima dari daerah lain"),
            ],
        ),
        fixed(
            "referral_days",
            "9. Waktu dari rujukan dikirim sampai disetujui",
            &[("0-7", "0–7 hari"), ("8-30", "8–30 hari"), ("31-90", "31–90 hari"), ("91+", "Lebih dari 90 hari")],
        ),
    ];
    let mut law: Vec<(String, String)> =
        codes::LAW_ENFORCEMENT_STAGE.codes.iter().map(|c| (c.id.to_string(), c.code.to_string())).collect();
    law.extend(codes::VERDICT.codes.iter().map(|c| (format!("Putusan: {}", c.id), format!("verdict:{}", c.code))));
    t.push(Table {
        section: "law_enforcement",
        title: "10. Penegakan hukum (tahap terakhir yang dicatat)",
        note: None,
        rows: law,
    });
    t.extend([
        coded(pack, "agencies", "11. Perusahaan penempatan (P3MI/PPTKIS) yang tercatat dalam kasus", None),
        coded(pack, "prevention_kind", "12. Kegiatan pencegahan", Some(&codes::ACTIVITY_KIND)),
        fixed(
            "prevention_participants",
            "13. Peserta kegiatan pencegahan",
            &[
                ("female_adults", "Perempuan dewasa"),
                ("male_adults", "Laki-laki dewasa"),
                ("female_children", "Anak perempuan"),
                ("male_children", "Anak laki-laki"),
            ],
        ),
        fixed("prevention_reach", "14. Desa/kelurahan yang dijangkau", &[("villages", "Desa/kelurahan")]),
        coded(
            pack,
            "regulations",
            "15. Peraturan desa (Perdes) tentang pencegahan TPPO",
            Some(&codes::REGULATION_STATUS),
        ),
        fixed("trainings", "16. Pelatihan dan lokakarya", &[("count", "Jumlah pelatihan")]),
    ]);
    let mut agency_rows = Vec::new();
    for c in codes::AGENCY.codes {
        agency_rows.push((format!("{} — perempuan", c.id), format!("{}:female", c.code)));
        agency_rows.push((format!("{} — laki-laki", c.id), format!("{}:male", c.code)));
    }
    let present: Vec<String> = keys(pack, "training_participants");
    agency_rows.retain(|(_, k)| present.contains(k));
    t.push(Table {
        section: "training_participants",
        title: "17. Peserta pelatihan menurut instansi dan jenis kelamin",
        note: None,
        rows: agency_rows,
    });
    t.push(fixed(
        "programmes",
        "18. Program pemberdayaan ekonomi",
        &[("count", "Program yang berjalan"), ("capacity", "Kapasitas (tempat)")],
    ));
    let mut outcome: Vec<(String, String)> =
        codes::PLAN_OUTCOME.codes.iter().map(|c| (c.id.to_string(), c.code.to_string())).collect();
    outcome.push(("Masih berjalan".into(), "Ongoing".into()));
    t.push(Table {
        section: "programme_outcome",
        title: "19. Korban yang diikutsertakan dalam program, menurut hasilnya",
        note: None,
        rows: outcome,
    });
    t
}

fn get(f: &Figures, section: &str, key: &str) -> u64 {
    f.get(section).and_then(|m| m.get(key)).copied().unwrap_or(0)
}

/// The national and donor figures: investigations, prosecutions, convictions.
fn justice(f: &Figures) -> [(&'static str, u64); 3] {
    let at = |stages: &[&str]| stages.iter().map(|s| get(f, "law_enforcement", s)).sum::<u64>();
    [
        (
            "Penyidikan (sampai tahap penyidikan atau sesudahnya)",
            at(&["Investigation", "Prosecution", "Trial", "Verdict"]),
        ),
        ("Penuntutan (sampai tahap penuntutan atau sesudahnya)", at(&["Prosecution", "Trial", "Verdict"])),
        ("Putusan bersalah", get(f, "law_enforcement", "verdict:Convicted")),
    ]
}

/// SDG 16.2.2: detected victims per 100,000 population.
fn rate(count: u64, population: u64) -> String {
    printable::decimal(count as f64 * 100_000.0 / population as f64)
}

/// One line of the report as the CSV and the workbook carry it.
pub struct Line {
    pub section: String,
    pub title: String,
    pub key: String,
    pub label: String,
    pub current: String,
    pub previous: String,
}

/// Every table's lines, suppressed as shown.
/// A table's counts in each period and as they may be shown.
struct Counted {
    current: Vec<u64>,
    previous: Vec<u64>,
    current_shown: Vec<Shown>,
    previous_shown: Vec<Shown>,
}

fn counted(pack: &Pack, table: &Table, below: u64) -> Counted {
    let current: Vec<u64> = table.rows.iter().map(|(_, k)| get(&pack.current, table.section, k)).collect();
    let previous: Vec<u64> = table.rows.iter().map(|(_, k)| get(&pack.previous, table.section, k)).collect();
    let (current_shown, previous_shown) =
        (shown(table.section, &current, below), shown(table.section, &previous, below));
    Counted { current, previous, current_shown, previous_shown }
}

pub fn lines(pack: &Pack, below: u64) -> Vec<Line> {
    let mut out = Vec::new();
    for table in tables(pack) {
        let Counted { current_shown: cur_s, previous_shown: prev_s, .. } = counted(pack, &table, below);
        for (i, (label, key)) in table.rows.iter().enumerate() {
            out.push(Line {
                section: table.section.to_string(),
                title: table.title.to_string(),
                key: key.clone(),
                label: label.clone(),
                current: cur_s[i].csv(below),
                previous: prev_s[i].csv(below),
            });
        }
    }
    out
}

/// The report as CSV: `section,key,label,current,previous`, UTF-8 with a byte-order mark and
/// CRLF, every cell safe from spreadsheet formulas.
pub fn csv(pack: &Pack, below: u64) -> String {
    let mut out = String::from("\u{feff}section,key,label,current,previous\r\n");
    for l in lines(pack, below) {
        let row = [&l.section, &l.key, &l.label, &l.current, &l.previous].map(|c| reports::csv_field(c));
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The report as an Excel workbook: one sheet, every cell text or a number, never a formula.
pub fn xlsx(pack: &Pack, below: u64) -> Result<Vec<u8>, ReportError> {
    use rust_xlsxwriter::{Format, Workbook};
    let failed = |_| ReportError::Write;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Laporan").map_err(failed)?;
    let bold = Format::new().set_bold();
    let title =
        format!("Laporan Tahunan Gugus Tugas PP-TPPO — {} ({}) — {}", pack.area_name, pack.area, pack.period.words());
    sheet.write_string_with_format(0, 0, &title, &bold).map_err(failed)?;
    let heads = ["Bagian", "Kategori", &pack.period.words(), &pack.period.previous().words()];
    for (c, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *h, &bold).map_err(failed)?;
    }
    for (i, l) in lines(pack, below).iter().enumerate() {
        let r = i as u32 + 3;
        sheet.write_string(r, 0, &l.title).map_err(failed)?;
        sheet.write_string(r, 1, &l.label).map_err(failed)?;
        for (c, v) in [(2u16, &l.current), (3, &l.previous)] {
            match v.parse::<f64>() {
                Ok(n) => sheet.write_number(r, c, n).map_err(failed)?,
                Err(_) => sheet.write_string(r, c, v).map_err(failed)?,
            };
        }
    }
    sheet.set_column_width(0, 48).map_err(failed)?;
    sheet.set_column_width(1, 44).map_err(failed)?;
    book.save_to_buffer().map_err(failed)
}

/// One row of a shown table: its label, and each period's count as shown ("< 5" when hidden)
/// with the number, for a chart, when it is not hidden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ViewRow {
    pub label: String,
    pub current: String,
    pub previous: String,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub current_n: Option<u64>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub previous_n: Option<u64>,
}

/// One table of the report as shown: rows with nothing in either period are left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ViewTable {
    /// A stable id (the section of the figures, or `justice`, `sdg`).
    pub id: String,
    pub title: String,
    pub note: Option<String>,
    pub rows: Vec<ViewRow>,
    /// Whether a bar chart helps (several rows to compare).
    pub chart: bool,
}

/// The report as the app shows and prints it, and as the HTML file is written: every figure
/// already hidden where it must be, every label in Bahasa Indonesia (the language of the
/// report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ReportView {
    pub title: String,
    pub area: String,
    pub period: String,
    pub previous: String,
    /// For a province: the kabupaten/kota it adds up.
    pub parts: Vec<String>,
    pub tables: Vec<ViewTable>,
    /// Counts below this are hidden.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub suppressed_below: u64,
    pub generated: String,
}

fn view_row(label: String, cur: Shown, prev: Shown, below: u64) -> ViewRow {
    let n = |s: Shown| if let Shown::Count(n) = s { Some(n) } else { None };
    ViewRow { label, current: cur.text(below), previous: prev.text(below), current_n: n(cur), previous_n: n(prev) }
}

/// The report for showing and printing.
pub fn view(pack: &Pack, below: u64, generated: NaiveDate) -> ReportView {
    let mut out = Vec::new();
    for table in tables(pack) {
        let Counted { current: cur, previous: prev, current_shown: cur_s, previous_shown: prev_s } =
            counted(pack, &table, below);
        let rows: Vec<ViewRow> = table
            .rows
            .iter()
            .enumerate()
            .filter(|(i, _)| cur[*i] > 0 || prev[*i] > 0)
            .map(|(i, (label, _))| view_row(label.clone(), cur_s[i], prev_s[i], below))
            .collect();
        // A chart compares rows: it needs two with a number shown.
        let drawn = rows.iter().filter(|r| r.current_n.unwrap_or(0) > 0 || r.previous_n.unwrap_or(0) > 0).count();
        out.push(ViewTable {
            id: table.section.to_string(),
            title: table.title.to_string(),
            note: table.note.map(str::to_string),
            chart: drawn > 1 && table.section != "victims",
            rows,
        });
    }
    // National and donor requests.
    let (jc, jp) = (justice(&pack.current), justice(&pack.previous));
    let cur: Vec<u64> = jc.iter().map(|(_, n)| *n).collect();
    let prev: Vec<u64> = jp.iter().map(|(_, n)| *n).collect();
    let (cs, ps) = (shown("law_enforcement", &cur, below), shown("law_enforcement", &prev, below));
    out.push(ViewTable {
        id: "justice".into(),
        title: "20. Angka yang biasa diminta nasional dan donor".into(),
        note: None,
        rows: jc.iter().enumerate().map(|(i, (label, _))| view_row(label.to_string(), cs[i], ps[i], below)).collect(),
        chart: false,
    });
    // SDG 16.2.2: this period's rates.
    let mut sdg = ViewTable {
        id: "sdg".into(),
        title: "21. Indikator SDG 16.2.2: korban teridentifikasi per 100.000 penduduk".into(),
        note: None,
        rows: Vec::new(),
        chart: false,
    };
    match pack.population {
        None => sdg.note = Some("Jumlah penduduk tidak diisi; angka per 100.000 penduduk tidak dihitung.".into()),
        Some(pop) => {
            sdg.note = Some(format!(
                "Penduduk yang dipakai: {}. Angka dari kurang dari {below} korban disembunyikan.",
                printable::number(pop.min(u64::from(u32::MAX)) as u32)
            ));
            let rate_row = |label: String, s: Shown| {
                let text = match s {
                    Shown::Count(n) => rate(n, pop),
                    Shown::Suppressed => "disembunyikan".into(),
                };
                ViewRow { label, current: text, previous: String::new(), current_n: None, previous_n: None }
            };
            let total = get(&pack.current, "victims", "total");
            let total_s = if total == 0 || total >= below { Shown::Count(total) } else { Shown::Suppressed };
            sdg.rows.push(rate_row("Semua korban".into(), total_s));
            for (section, list, what) in [
                ("victims_sex", Some(&codes::GENDER), "Jenis kelamin"),
                ("victims_age", None, "Kelompok umur"),
                ("victims_exploitation", Some(&codes::TYPE_OF_EXPLOITATION), "Bentuk eksploitasi"),
            ] {
                let ks = keys(pack, section);
                let counts: Vec<u64> = ks.iter().map(|k| get(&pack.current, section, k)).collect();
                let s = shown(section, &counts, below);
                for (i, k) in ks.iter().enumerate() {
                    if counts[i] == 0 {
                        continue;
                    }
                    let label = if section == "victims_age" {
                        printable::AGE_GROUPS.iter().find(|(a, _)| a == k).map_or(k.clone(), |(_, l)| l.to_string())
                    } else {
                        label_of(list, k)
                    };
                    sdg.rows.push(rate_row(format!("{what} — {label}"), s[i]));
                }
            }
        }
    }
    out.push(sdg);
    ReportView {
        title: format!(
            "Laporan {} Gugus Tugas PP-TPPO",
            if pack.period.semester.is_some() { "Semester" } else { "Tahunan" }
        ),
        area: format!("{} ({})", pack.area_name, pack.area),
        period: pack.period.words(),
        previous: pack.period.previous().words(),
        parts: pack.parts.clone(),
        tables: out,
        suppressed_below: below,
        generated: printable::date(generated),
    }
}

/// A horizontal bar chart of a table, this period against the last, in SVG: hidden and zero
/// counts get no bar.
fn chart(rows: &[ViewRow]) -> String {
    let max = rows.iter().flat_map(|r| [r.current_n, r.previous_n]).flatten().max().unwrap_or(0);
    if max == 0 {
        return String::new();
    }
    let row_h = 16;
    let height = rows.len() * row_h + 4;
    let mut svg = format!("<svg class=\"chart\" viewBox=\"0 0 300 {height}\" width=\"100%\" aria-hidden=\"true\">");
    for (i, r) in rows.iter().enumerate() {
        let y = i * row_h + 2;
        for (j, (n, class)) in [(r.current_n, "now"), (r.previous_n, "before")].into_iter().enumerate() {
            if let Some(n) = n.filter(|n| *n > 0) {
                let w = (n as f64 / max as f64 * 296.0).round().max(1.0);
                svg.push_str(&format!(
                    "<rect class=\"{class}\" x=\"2\" y=\"{}\" width=\"{w}\" height=\"6\"/>",
                    y + j * 7
                ));
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

/// What the annual report adds to the statistics report's style: wider number columns, the
/// charts and their legend.
const STYLE: &str = r#"<style>
td.num, th.num { width: 22mm; }
.chart { display: block; max-width: 120mm; margin: 1.5mm 0 0; }
.chart .now { fill: #1d4f91; } .chart .before { fill: #a9bcd8; }
.legend { font-size: 8pt; color: #444; margin: 0.5mm 0 0; }
.legend span { display: inline-block; width: 3mm; height: 2mm; margin: 0 1mm 0 3mm; }
.legend .now { background: #1d4f91; } .legend .before { background: #a9bcd8; }
main { columns: 1; }
</style>
"#;

/// The report as one self-contained HTML document in Bahasa Indonesia, to print on A4.
pub fn html(pack: &Pack, below: u64, generated: NaiveDate) -> String {
    let v = view(pack, below, generated);
    let mut h = String::with_capacity(48 * 1024);
    h.push_str("<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str(&format!("<title>{} — {}</title>\n", escape(&v.title), escape(&v.area)));
    h.push_str(printable::STYLE);
    h.push_str(STYLE);
    h.push_str("</head>\n<body>\n<p class=\"screen-only\">Untuk mencetak, tekan Ctrl+P dan pilih kertas A4. Simpan berkas ini hanya di tempat yang aman.</p>\n");
    h.push_str(&format!(
        "<header>\n<p class=\"org\">Gugus Tugas Pencegahan dan Penanganan Tindak Pidana Perdagangan Orang</p>\n\
         <h1>{}</h1>\n<dl class=\"meta\">\n<dt>Daerah</dt><dd>{}</dd>\n\
         <dt>Periode</dt><dd>{} (dibandingkan dengan {})</dd>\n",
        escape(&v.title),
        escape(&v.area),
        escape(&v.period),
        escape(&v.previous),
    ));
    if !v.parts.is_empty() {
        h.push_str(&format!("<dt>Gabungan dari</dt><dd>{}</dd>\n", escape(&v.parts.join(", "))));
    }
    h.push_str(&format!("<dt>Tanggal laporan</dt><dd>{}</dd>\n</dl>\n</header>\n<main>\n", escape(&v.generated)));
    for t in &v.tables {
        h.push_str(&format!("<section id=\"{}\">\n<h2>{}</h2>\n", escape(&t.id), escape(&t.title)));
        if let Some(n) = &t.note {
            h.push_str(&format!("<p class=\"note\">{}</p>\n", escape(n)));
        }
        if t.rows.is_empty() {
            if t.note.is_none() {
                h.push_str("<p class=\"note\">Tidak ada data untuk periode ini.</p>\n");
            }
            h.push_str("</section>\n");
            continue;
        }
        let sdg = t.id == "sdg";
        h.push_str("<table>\n<thead><tr><th scope=\"col\">Kategori</th>");
        if sdg {
            h.push_str(&format!("<th scope=\"col\" class=\"num\">{}</th>", escape(&v.period)));
        } else {
            h.push_str(&format!(
                "<th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th>",
                escape(&v.period),
                escape(&v.previous)
            ));
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        for r in &t.rows {
            h.push_str(&format!("<tr><td>{}</td><td class=\"num\">{}</td>", escape(&r.label), escape(&r.current)));
            if !sdg {
                h.push_str(&format!("<td class=\"num\">{}</td>", escape(&r.previous)));
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody>\n</table>\n");
        if t.chart {
            h.push_str(&chart(&t.rows));
            h.push_str(&format!(
                "<p class=\"legend\"><span class=\"now\"></span>{}<span class=\"before\"></span>{}</p>\n",
                escape(&v.period),
                escape(&v.previous)
            ));
        }
        h.push_str("</section>\n");
    }
    h.push_str("</main>\n<footer>\n");
    h.push_str(&format!(
        "<p><strong>Laporan ini hanya memuat angka agregat.</strong> Tidak ada nama, NIK, alamat atau nomor kasus. \
         Angka korban di bawah {below} ditampilkan sebagai “&lt; {below}”, dan bila perlu satu angka lain di tabel yang sama \
         juga disembunyikan, agar tidak dapat dihitung dari jumlahnya.</p>\n"
    ));
    h.push_str(&format!(
        "<p>Dibuat dengan Lintas pada {} untuk {}.</p>\n</footer>\n</body>\n</html>\n",
        escape(&v.generated),
        escape(&v.area)
    ));
    h
}

/// The formats the pack is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename_all = "lowercase"))]
pub enum PackFormat {
    Html,
    Csv,
    Xlsx,
}

impl PackFormat {
    pub fn extension(self) -> &'static str {
        match self {
            PackFormat::Html => "html",
            PackFormat::Csv => "csv",
            PackFormat::Xlsx => "xlsx",
        }
    }
}

/// What writing a pack wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PackWritten {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub path: PathBuf,
    pub victims: u32,
}

/// The file name of a pack written into a folder.
pub fn file_name(area: &str, period: ReportingPeriod, format: PackFormat) -> String {
    format!("laporan-tahunan-{}-{}.{}", area.replace('.', ""), period.describe(), format.extension())
}

/// Writes a pack in a format, logged in the access log before the file is written.
pub fn write(
    store: &Store,
    pack: &Pack,
    format: PackFormat,
    out: &Path,
    generated: NaiveDate,
    clock: &dyn Clock,
) -> Result<PackWritten, ReportError> {
    let bytes = match format {
        PackFormat::Html => html(pack, SUPPRESS_BELOW, generated).into_bytes(),
        PackFormat::Csv => csv(pack, SUPPRESS_BELOW).into_bytes(),
        PackFormat::Xlsx => xlsx(pack, SUPPRESS_BELOW)?,
    };
    let what = format!("annual {} {}", pack.area, pack.period.describe());
    access::write_logged(store, Action::ExportReport, &what, clock, out, &bytes)
        .map_err(|e| CaseError::from(crate::log::oplog::OpLogError::from(e)))?
        .map_err(ReportError::NotWritten)?;
    let victims = get(&pack.current, "victims", "total").min(u64::from(u32::MAX)) as u32;
    Ok(PackWritten { path: out.to_path_buf(), victims })
}

/// The year a report is usually made for: the last whole year.
pub fn last_year(today: NaiveDate) -> i32 {
    today.year() - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_the_ones_before() {
        let s1 = ReportingPeriod { year: 2025, semester: Some(1) };
        assert_eq!(s1.previous(), ReportingPeriod { year: 2024, semester: Some(2) });
        assert_eq!(s1.previous().previous(), ReportingPeriod { year: 2024, semester: Some(1) });
        let (from, to) = ReportingPeriod { year: 2025, semester: Some(2) }.bounds();
        assert_eq!((from.to_string(), to.to_string()), ("2025-07-01".into(), "2025-12-31".into()));
        assert!(ReportingPeriod { year: 2025, semester: Some(3) }.check().is_err());
        assert!(ReportingPeriod { year: 1999, semester: None }.check().is_err());
    }

    #[test]
    fn small_counts_about_people_are_suppressed_and_cannot_be_worked_out() {
        use Shown::*;
        // One small cell alone: the next smallest goes too.
        assert_eq!(shown("victims_sex", &[12, 3, 40], 5), vec![Suppressed, Suppressed, Count(40)]);
        // Two small cells: enough.
        assert_eq!(shown("victims_sex", &[2, 3, 40], 5), vec![Suppressed, Suppressed, Count(40)]);
        // Zero is no person; registers are not suppressed.
        assert_eq!(shown("victims_country", &[0, 7], 5), vec![Count(0), Count(7)]);
        assert_eq!(shown("prevention_kind", &[1, 2], 5), vec![Count(1), Count(2)]);
    }

    #[test]
    fn figures_add_up() {
        let mut a = Figures::new();
        put(&mut a, "victims", "total", 3);
        let mut b = Figures::new();
        put(&mut b, "victims", "total", 4);
        put(&mut b, "victims_sex", "Feminine", 4);
        add(&mut a, &b);
        assert_eq!(get(&a, "victims", "total"), 7);
        assert_eq!(get(&a, "victims_sex", "Feminine"), 4);
    }
}
