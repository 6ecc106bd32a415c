//! A labelled evaluation of duplicate matching (issue 17): pairs of registrations of the same
//! woman, one as Nunukan wrote her and one as her home district did, with the variation real
//! registers show — old and new spellings, a typo, a phonetic variant, a missing family name,
//! the names in another order, a nickname with her name as an alias, a birth date written wrong,
//! a NIK on one side only — and hard non-pairs: sisters, a very common name, the same name from
//! another province. Every registration goes into one store through the core's API; the
//! duplicate review (`duplicates::list`) is asked for its candidates, and precision, recall and
//! F1 are counted overall and per kind of variation.

use crate::dataset::{spelling_variant, Rng, FAMILY_NAMES, NICKNAMES, VILLAGES, WOMEN};
use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// How the second registration of a pair differs from the first; or, for a non-pair, why two
/// different women look alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Exact,
    OldSpelling,
    Typo,
    Phonetic,
    MissingFamilyName,
    NameOrder,
    Alias,
    BirthDateError,
    NikOneSide,
    Sisters,
    CommonName,
    OtherProvince,
}

impl Kind {
    pub const ALL: [Kind; 12] = [
        Kind::Exact,
        Kind::OldSpelling,
        Kind::Typo,
        Kind::Phonetic,
        Kind::MissingFamilyName,
        Kind::NameOrder,
        Kind::Alias,
        Kind::BirthDateError,
        Kind::NikOneSide,
        Kind::Sisters,
        Kind::CommonName,
        Kind::OtherProvince,
    ];

    pub fn is_pair(self) -> bool {
        !matches!(self, Kind::Sisters | Kind::CommonName | Kind::OtherProvince)
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Exact => "exact",
            Kind::OldSpelling => "old_spelling",
            Kind::Typo => "typo",
            Kind::Phonetic => "phonetic",
            Kind::MissingFamilyName => "missing_family_name",
            Kind::NameOrder => "name_order",
            Kind::Alias => "alias",
            Kind::BirthDateError => "birth_date_error",
            Kind::NikOneSide => "nik_one_side",
            Kind::Sisters => "sisters",
            Kind::CommonName => "common_name",
            Kind::OtherProvince => "same_name_other_province",
        }
    }
}

/// One woman as a register holds her.
#[derive(Clone)]
struct Woman {
    first: String,
    family: Option<String>,
    aliases: Vec<String>,
    born: NaiveDate,
    /// Whether the register has her birth date at all.
    born_known: bool,
    nik: Option<String>,
    regency: String,
    village: String,
}

impl Woman {
    fn doc(&self, intake: NaiveDate) -> Value {
        let mut victim = json!({
            "first_name": self.first, "gender": "Feminine",
            "address": {"province": &self.regency[..2], "regency": self.regency, "village": self.village},
        });
        if self.born_known {
            victim["birthdate"] = json!(self.born.to_string());
        }
        if let Some(f) = &self.family {
            victim["second_name"] = json!(f);
        }
        if let Some(n) = &self.nik {
            victim["identity_number"] = json!(n);
        }
        if !self.aliases.is_empty() {
            victim["aliases"] = json!(self.aliases);
        }
        json!({"victim": victim, "intake": {"date": intake.to_string()}})
    }
}

/// A NIK whose region, birth date and sex agree with the record, as validation requires.
fn nik(regency: &str, born: NaiveDate, rng: &mut Rng) -> String {
    format!(
        "{}{:02}{:02}{:02}{:02}{:04}",
        regency.replace('.', ""),
        rng.between(1, 20),
        born.day() + 40,
        born.month(),
        born.year().rem_euclid(100),
        rng.between(1, 9999)
    )
}

fn woman(rng: &mut Rng, province: &str) -> Woman {
    let born =
        NaiveDate::from_ymd_opt(rng.between(1975, 2005) as i32, rng.between(1, 12) as u32, rng.between(1, 28) as u32)
            .expect("a date");
    let regency = format!("{province}.{:02}", rng.between(1, 20));
    let nik = rng.chance(60).then(|| nik(&regency, born, rng));
    Woman {
        first: rng.pick(WOMEN).to_string(),
        family: Some(rng.pick(FAMILY_NAMES).to_string()),
        aliases: Vec::new(),
        born,
        born_known: true,
        nik,
        regency,
        village: rng.pick(VILLAGES).to_string(),
    }
}

/// One typing slip inside a name (never its first letter): a letter changed, dropped, doubled or
/// swapped with the next.
fn typo(name: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    if chars.len() < 3 {
        return format!("{name}a");
    }
    let at = rng.between(1, chars.len() as u64 - 1) as usize;
    match rng.below(4) {
        0 => chars[at] = if chars[at] == 'a' { 'e' } else { 'a' },
        1 => {
            chars.remove(at);
        }
        2 => chars.insert(at, chars[at]),
        _ if at + 1 < chars.len() => chars.swap(at, at + 1),
        _ => chars[at] = 'i',
    }
    chars.into_iter().collect()
}

/// A spelling heard rather than read: Maria/Mariya, Yohana/Johana, Taek/Taik, e/i, o/u.
fn phonetic(name: &str, rng: &mut Rng) -> String {
    let rules: &[(&str, &str)] =
        &[("ia", "iya"), ("Y", "J"), ("J", "Y"), ("ae", "ai"), ("e", "i"), ("o", "u"), ("ti", "thi"), ("na", "nah")];
    let applicable: Vec<&(&str, &str)> = rules.iter().filter(|(from, _)| name.contains(from)).collect();
    if applicable.is_empty() {
        return format!("{name}h");
    }
    let (from, to) = applicable[rng.below(applicable.len() as u64) as usize];
    name.replacen(from, to, 1)
}

/// The second registration of a pair, or the other woman of a non-pair.
fn variant(base: &Woman, kind: Kind, rng: &mut Rng) -> Woman {
    let mut b = base.clone();
    match kind {
        Kind::Exact => {}
        Kind::OldSpelling => b.first = spelling_variant(&b.first, rng),
        Kind::Typo => {
            if rng.chance(50) {
                b.first = typo(&b.first, rng);
            } else if let Some(f) = &b.family {
                b.family = Some(typo(f, rng));
            }
        }
        Kind::Phonetic => {
            if rng.chance(50) {
                b.first = phonetic(&b.first, rng);
            } else if let Some(f) = &b.family {
                b.family = Some(phonetic(f, rng));
            }
        }
        Kind::MissingFamilyName => b.family = None,
        Kind::NameOrder => {
            let family = b.family.clone().unwrap_or_default();
            b.family = Some(b.first.clone());
            b.first = family;
        }
        Kind::Alias => {
            b.aliases = vec![b.first.clone()];
            b.first = rng.pick(NICKNAMES).to_string();
        }
        Kind::BirthDateError => {
            let (d, m) = (b.born.day(), b.born.month());
            b.born = if d <= 12 && d != m {
                NaiveDate::from_ymd_opt(b.born.year(), d, m).unwrap_or(b.born)
            } else {
                b.born.succ_opt().unwrap_or(b.born)
            };
            // A NIK written from the wrong birth date would not pass validation: she has none.
            b.nik = None;
        }
        Kind::NikOneSide => b.nik = None,
        Kind::Sisters => {
            b.first = loop {
                let f = rng.pick(WOMEN);
                if f != base.first {
                    break f.to_string();
                }
            };
            let years = rng.between(2, 6) as i32;
            b.born =
                NaiveDate::from_ymd_opt(base.born.year() + years, rng.between(1, 12) as u32, rng.between(1, 28) as u32)
                    .expect("a date");
            b.nik = base.nik.as_ref().map(|_| nik(&b.regency, b.born, rng));
        }
        Kind::CommonName => {
            b.born = NaiveDate::from_ymd_opt(
                rng.between(1975, 2005) as i32,
                rng.between(1, 12) as u32,
                rng.between(1, 28) as u32,
            )
            .expect("a date");
            b.village = rng.pick(VILLAGES).to_string();
            b.regency = format!("53.{:02}", rng.between(1, 20));
            b.nik = None;
        }
        Kind::OtherProvince => {
            b.regency = format!("33.{:02}", rng.between(1, 29));
            b.village = rng.pick(VILLAGES).to_string();
            b.born = NaiveDate::from_ymd_opt(base.born.year(), rng.between(1, 12) as u32, rng.between(1, 28) as u32)
                .expect("a date");
            b.nik = Some(nik(&b.regency, b.born, rng));
        }
    }
    b
}

/// What a second registration, made months later in another office, often lacks or writes
/// otherwise beyond the variation under test: her NIK (the card stayed with the agent), her
/// birth date (she does not know it), her village's spelling, or her village (she moved).
fn lose_evidence(b: &mut Woman, kind: Kind, rng: &mut Rng) {
    if kind != Kind::NikOneSide && rng.chance(50) {
        b.nik = None;
    }
    if kind != Kind::BirthDateError && rng.chance(15) {
        b.nik = None;
        b.born_known = false;
    }
    match rng.below(10) {
        0..=2 => b.village = spelling_variant(&b.village, rng),
        3 => b.village = rng.pick(VILLAGES).to_string(),
        _ => {}
    }
}

/// The registrations to store, and which of them are the same woman (or look alike) and how.
pub struct Labelled {
    pub docs: Vec<Value>,
    pub truth: Vec<(usize, usize, Kind)>,
}

/// `per_kind` pairs (or non-pairs) of every kind, from a fixed seed.
pub fn generate(per_kind: usize, seed: u64) -> Labelled {
    let mut rng = Rng::new(seed);
    let mut docs = Vec::new();
    let mut truth = Vec::new();
    let intake_a = NaiveDate::from_ymd_opt(2024, 3, 1).expect("a date");
    for kind in Kind::ALL {
        for _ in 0..per_kind {
            let mut a = woman(&mut rng, "53");
            if kind == Kind::CommonName {
                a.first = "Siti".into();
                a.family = Some("Aminah".into());
                a.nik = None;
            }
            if kind == Kind::NikOneSide && a.nik.is_none() {
                a.nik = Some(nik(&a.regency, a.born, &mut rng));
            }
            let mut b = variant(&a, kind, &mut rng);
            if kind.is_pair() {
                lose_evidence(&mut b, kind, &mut rng);
            }
            let intake_b = intake_a + chrono::Duration::days(rng.between(20, 300) as i64);
            docs.push(a.doc(intake_a));
            docs.push(b.doc(intake_b));
            truth.push((docs.len() - 2, docs.len() - 1, kind));
        }
    }
    Labelled { docs, truth }
}

/// What the review found, per kind and overall.
pub struct Outcome {
    /// Per kind: how many labelled pairs (or non-pairs), and how many the review flagged.
    pub per_kind: BTreeMap<Kind, (u32, u32)>,
    pub true_positives: u32,
    pub false_positives: u32,
    pub false_negatives: u32,
}

impl Outcome {
    pub fn precision(&self) -> f64 {
        let flagged = self.true_positives + self.false_positives;
        if flagged == 0 {
            1.0
        } else {
            f64::from(self.true_positives) / f64::from(flagged)
        }
    }

    pub fn recall(&self) -> f64 {
        let pairs = self.true_positives + self.false_negatives;
        if pairs == 0 {
            1.0
        } else {
            f64::from(self.true_positives) / f64::from(pairs)
        }
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Scores the review's candidates against the labels. `case_of` gives each document's case id.
pub fn score(labelled: &Labelled, case_of: &[String], flagged: &BTreeSet<(String, String)>) -> Outcome {
    let key = |a: &str, b: &str| if a <= b { (a.to_string(), b.to_string()) } else { (b.to_string(), a.to_string()) };
    let mut per_kind: BTreeMap<Kind, (u32, u32)> = BTreeMap::new();
    let mut pairs = BTreeSet::new();
    let (mut tp, mut fn_) = (0, 0);
    for (a, b, kind) in &labelled.truth {
        let k = key(&case_of[*a], &case_of[*b]);
        let found = flagged.contains(&k);
        let e = per_kind.entry(*kind).or_default();
        e.0 += 1;
        if found {
            e.1 += 1;
        }
        if kind.is_pair() {
            pairs.insert(k);
            if found {
                tp += 1;
            } else {
                fn_ += 1;
            }
        }
    }
    let fp = flagged.iter().filter(|k| !pairs.contains(*k)).count() as u32;
    Outcome { per_kind, true_positives: tp, false_positives: fp, false_negatives: fn_ }
}
