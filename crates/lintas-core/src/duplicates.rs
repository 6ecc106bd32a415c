//! Duplicate detection: the same person registered twice, typically deported at Nunukan and
//! registered again at home in TTU, with her name spelled differently.
//!
//! Candidates are found by comparing victim records: NIK (equal, or consistent with the birth
//! date and sex it encodes), names normalised for Indonesian spelling variants (oe/u, dj/j,
//! tj/c, sj/sy, nj/ny, ch/kh; doubled letters; a final h; mononyms), birth dates within a year,
//! and the kabupaten/desa of origin. They are shown for review; a person links or unlinks them
//! (an op, reversible). Nothing is ever merged automatically.

use crate::ambient::{Clock, Entropy};
use crate::cases::{self, CaseError};
use crate::roles::Permission;
use crate::schema::EntityKind;
use crate::store::Store;
use crate::validate::{decode_nik, parse_date};
use chrono::Datelike;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// Score from which a pair is shown for review.
pub const THRESHOLD: u32 = 40;
/// Blocks larger than this (a very common name) are not compared pairwise.
const MAX_BLOCK: usize = 500;

/// Folds one name to a comparison key: lower case, no diacritics, old and new spellings made
/// equal, doubled letters and a final `h` dropped.
pub fn normalise_name(token: &str) -> String {
    let folded: String = token
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            'ý' | 'ÿ' => 'y',
            other => other,
        })
        .filter(char::is_ascii_lowercase)
        .collect();
    let mut s = folded;
    for (old, new) in [
        ("oe", "u"),
        ("dj", "j"),
        ("tj", "c"),
        ("sj", "sy"),
        ("nj", "ny"),
        ("ch", "kh"),
        ("ph", "f"),
        ("th", "t"),
        ("dh", "d"),
    ] {
        s = s.replace(old, new);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    if out.len() > 3 && out.ends_with('h') {
        out.pop();
    }
    if out.len() > 3 && out.ends_with('y') {
        out.pop();
        out.push('i');
    }
    out
}

fn name_tokens(p: &Map<String, Value>) -> BTreeSet<String> {
    let mut parts: Vec<String> = ["first_name", "middle_name", "second_name"]
        .iter()
        .filter_map(|k| p.get(*k).and_then(Value::as_str).map(str::to_string))
        .collect();
    if let Some(Value::Array(aliases)) = p.get("aliases") {
        parts.extend(aliases.iter().filter_map(Value::as_str).map(str::to_string));
    }
    parts
        .iter()
        .flat_map(|s| s.split_whitespace().map(normalise_name).collect::<Vec<_>>())
        .filter(|t| t.len() > 1)
        .collect()
}

/// A victim record, as shown in a candidate pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Record {
    pub person_id: Uuid,
    pub case_id: Uuid,
    pub case_number: String,
    pub district: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Candidate {
    pub a: Record,
    pub b: Record,
    pub score: u32,
    /// Why they look alike (and what speaks against it): stable codes for the UI to label.
    #[cfg_attr(feature = "ts", ts(type = "string[]"))]
    pub reasons: Vec<&'static str>,
    /// A person's decision on this pair, if any: (link id, Linked | Unlinked).
    pub link: Option<(Uuid, String)>,
}

/// A victim as the score sees it, read once rather than for every pair it is scored in.
struct Victim {
    record: Record,
    nik: Option<String>,
    /// The birth date a NIK encodes: day, month, two-digit year.
    nik_born: Option<(u32, u32, u32)>,
    born: Option<chrono::NaiveDate>,
    regency: Option<String>,
    /// Normalised like a name.
    village: Option<String>,
    tokens: BTreeSet<String>,
}

/// The person fields `index_victim` reads to write a victim's keys and card.
const VICTIM_FIELDS: [&str; 8] = [
    "first_name",
    "middle_name",
    "second_name",
    "aliases",
    "identity_number",
    "birthdate",
    "address_regency",
    "address_village",
];

/// A victim as stored: person id, case number, district, and the fields of `VICTIM_FIELDS`.
type VictimRow = (String, Option<String>, Option<String>, Map<String, Value>);

/// The victim of one case, or None when the case has none (or no longer exists).
fn victim(conn: &Connection, case_id: &str) -> rusqlite::Result<Option<VictimRow>> {
    conn.prepare_cached(&format!(
        "SELECT p.id, c.case_number, c.district, {} FROM case_file c JOIN person p ON p.id = c.victim_id WHERE c.id = ?1",
        VICTIM_FIELDS.iter().map(|f| format!("p.{f}")).collect::<Vec<_>>().join(", ")
    ))?
    .query_row([case_id], |r| {
        let mut fields = Map::new();
        for (i, name) in VICTIM_FIELDS.into_iter().enumerate() {
            if let Some(v) = r.get::<_, Option<String>>(i + 3)? {
                // Lists such as aliases are stored as JSON text.
                let value =
                    if name == "aliases" { serde_json::from_str(&v).unwrap_or(Value::Null) } else { Value::String(v) };
                fields.insert(name.to_string(), value);
            }
        }
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, fields))
    })
    .optional()
}

/// A victim for scoring, from `victim_card`: one small row per case, where the person rows
/// the score needs lie spread over the store's largest table.
fn load(conn: &Connection, case_id: &str) -> Result<Option<Victim>, CaseError> {
    type Card = (String, Option<String>, Option<String>, String, String, [Option<String>; 4]);
    let card: Option<Card> = conn
        .prepare_cached(
            "SELECT person_id, case_number, district, name, tokens, identity_number, birthdate, address_regency,
                    address_village
             FROM victim_card WHERE case_id = ?1",
        )?
        .query_row([case_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, [r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?]))
        })
        .optional()?;
    let Some((person, number, district, name, tokens, [nik, born, regency, village])) = card else { return Ok(None) };
    let (Ok(case_id), Ok(person_id)) = (case_id.parse(), person.parse()) else { return Ok(None) };
    Ok(Some(Victim {
        record: Record {
            person_id,
            case_id,
            case_number: number.unwrap_or_default(),
            district: district.unwrap_or_default(),
            name,
        },
        nik_born: nik.as_deref().and_then(|n| decode_nik(n).ok()).map(|n| (n.day, n.month, n.year_2)),
        nik,
        born: born.as_deref().and_then(parse_date),
        regency,
        village: village.as_deref().map(normalise_name),
        tokens: tokens.split(' ').filter(|t| !t.is_empty()).map(str::to_string).collect(),
    }))
}

fn score(a: &Victim, b: &Victim) -> (u32, Vec<&'static str>) {
    let mut score: i64 = 0;
    let mut reasons = Vec::new();
    match (&a.nik, &b.nik) {
        (Some(x), Some(y)) if x == y => {
            score += 60;
            reasons.push("same_nik");
        }
        (Some(_), Some(_)) => {
            score -= 30;
            reasons.push("different_nik");
        }
        _ => {}
    }
    let common = a.tokens.intersection(&b.tokens).count();
    if common > 0 {
        if a.tokens == b.tokens {
            score += 30;
            reasons.push("same_name");
        } else if a.tokens.is_subset(&b.tokens) || b.tokens.is_subset(&a.tokens) {
            // One record has only part of the name, e.g. a mononym.
            score += 20;
            reasons.push("name_part");
        } else if common * 2 >= a.tokens.len().max(b.tokens.len()) {
            score += 15;
            reasons.push("similar_name");
        }
    }
    match (a.born, b.born) {
        (Some(x), Some(y)) if x == y => {
            score += 20;
            reasons.push("same_birthdate");
        }
        (Some(x), Some(y)) if (x - y).num_days().abs() <= 366 => {
            score += 10;
            reasons.push("close_birthdate");
        }
        (Some(_), Some(_)) => {
            score -= 10;
            reasons.push("different_birthdate");
        }
        _ => {}
    }
    // A NIK on one record that encodes the other record's birth date.
    for (x, y) in [(a, b), (b, a)] {
        if let (Some(encoded), Some(d), None) = (x.nik_born, y.born, &y.nik) {
            if encoded == born_parts(d) {
                score += 15;
                reasons.push("nik_matches_birthdate");
            }
        }
    }
    if a.regency.is_some() && a.regency == b.regency {
        score += 5;
        reasons.push("same_regency");
    }
    if a.village.is_some() && a.village == b.village {
        score += 10;
        reasons.push("same_village");
    }
    (score.max(0) as u32, reasons)
}

/// Decisions people made, by the pair of person ids (smaller first): link id and status.
type Decisions = BTreeMap<(Uuid, Uuid), (Uuid, String)>;

fn decisions(conn: &Connection) -> Result<Decisions, CaseError> {
    let mut stmt = conn.prepare("SELECT id, person_a, person_b, status FROM person_link")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
    })?;
    let mut out = BTreeMap::new();
    for row in rows {
        let (id, a, b, status) = row?;
        if let (Ok(id), Ok(a), Ok(b)) = (id.parse::<Uuid>(), a.parse::<Uuid>(), b.parse::<Uuid>()) {
            out.insert((a.min(b), a.max(b)), (id, status));
        }
    }
    Ok(out)
}

/// Keys that put two victims in the same block. A pair can reach the threshold only if the
/// victims share a NIK (`nik:`), a birth date (`born:`), or a NIK that encodes the other's
/// birth date (`nikborn:` day, month and two-digit year, written for both), or else if they
/// share a name token and either were born within a year of each other (`name:` token and
/// birth year; the block of a year takes in the years beside it) or live in the same village
/// (`village:` token and normalised village): without one of these, the score's parts add up
/// to less than `THRESHOLD`. So a common name is compared only within a year or a village.
fn keys(fields: &Map<String, Value>) -> BTreeSet<String> {
    let text = |k: &str| fields.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
    let born = text("birthdate").and_then(parse_date);
    let village = text("address_village").map(normalise_name).filter(|v| !v.is_empty());
    let mut keys = BTreeSet::new();
    for token in name_tokens(fields) {
        if let Some(d) = born {
            keys.insert(format!("name:{token}:{}", d.year()));
        }
        if let Some(v) = &village {
            keys.insert(format!("village:{token}:{v}"));
        }
    }
    let nikborn = |(day, month, year_2): (u32, u32, u32)| format!("nikborn:{day:02}-{month:02}-{year_2:02}");
    if let Some(nik) = text("identity_number") {
        keys.insert(format!("nik:{nik}"));
        if let Ok(n) = decode_nik(nik) {
            keys.insert(nikborn((n.day, n.month, n.year_2)));
        }
    }
    if let Some(d) = born {
        keys.insert(format!("born:{d}"));
        keys.insert(nikborn(born_parts(d)));
    }
    keys
}

/// A birth date as a NIK writes it: day, month, two-digit year.
fn born_parts(d: chrono::NaiveDate) -> (u32, u32, u32) {
    (d.day(), d.month(), d.year().rem_euclid(100) as u32)
}

/// The token and year of a `name:{token}:{year}` key.
fn name_key(key: &str) -> Option<(&str, &str)> {
    key.strip_prefix("name:").and_then(|rest| rest.split_once(':'))
}

/// Writes the blocking keys (`victim_key`) and the scoring card (`victim_card`) of a case's
/// victim, for `case_index::refresh`.
pub(crate) fn index_victim(conn: &Connection, case_id: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM victim_key WHERE case_id = ?1")?.execute([case_id])?;
    conn.prepare_cached("DELETE FROM victim_card WHERE case_id = ?1")?.execute([case_id])?;
    let Some((person, number, district, fields)) = victim(conn, case_id)? else { return Ok(()) };
    let mut insert = conn.prepare_cached("INSERT OR IGNORE INTO victim_key (key, case_id) VALUES (?1, ?2)")?;
    for key in keys(&fields) {
        insert.execute((key, case_id))?;
    }
    let text = |k: &str| fields.get(k).and_then(Value::as_str);
    let name = [text("first_name"), text("second_name")].into_iter().flatten().collect::<Vec<_>>().join(" ");
    let tokens = name_tokens(&fields).into_iter().collect::<Vec<_>>().join(" ");
    conn.prepare_cached(
        "INSERT INTO victim_card (case_id, person_id, case_number, district, name, tokens, identity_number,
             birthdate, address_regency, address_village)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(rusqlite::params![
        case_id,
        person,
        number,
        district,
        name,
        tokens,
        text("identity_number"),
        text("birthdate"),
        text("address_regency"),
        text("address_village"),
    ])?;
    Ok(())
}

/// The keys whose holders share a block with the holder of `key`: the key itself, and for a
/// name with a birth year the same token in the years beside it.
fn block_of(key: &str) -> Vec<String> {
    let Some((token, year)) = name_key(key) else {
        return vec![key.to_string()];
    };
    match year.parse::<i32>() {
        Ok(y) => (y - 1..=y + 1).map(|y| format!("name:{token}:{y}")).collect(),
        Err(_) => vec![key.to_string()],
    }
}

/// The cases whose victims share a block with the victim of `case_id`. A block larger than
/// `MAX_BLOCK` (a very common name in one year or village) is left out.
fn neighbours(conn: &Connection, case_id: &str) -> rusqlite::Result<BTreeSet<String>> {
    let own: Vec<String> = {
        let mut stmt = conn.prepare_cached("SELECT key FROM victim_key WHERE case_id = ?1")?;
        let rows = stmt.query_map([case_id], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let token = |key: &str| name_key(key).map(|(t, _)| t.to_string());
    let own_tokens: BTreeSet<String> = own.iter().filter_map(|k| token(k)).collect();
    let mut members = conn.prepare_cached("SELECT case_id FROM victim_key WHERE key = ?1 LIMIT ?2")?;
    // For each neighbour: whether it shares a key other than a name with a birth year, and which
    // of this victim's name tokens it has within a year of birth.
    let mut shared: BTreeMap<String, (bool, BTreeSet<String>)> = BTreeMap::new();
    for key in &own {
        let mut block = BTreeSet::new();
        for k in block_of(key) {
            let rows = members.query_map((k, MAX_BLOCK as i64 + 2), |r| r.get::<_, String>(0))?;
            for other in rows {
                block.insert(other?);
            }
        }
        if block.len() > MAX_BLOCK + 1 {
            continue;
        }
        for other in block {
            let entry = shared.entry(other).or_default();
            match token(key) {
                Some(t) => {
                    entry.1.insert(t);
                }
                None => entry.0 = true,
            }
        }
    }
    shared.remove(case_id);
    // A neighbour that shares only some of this victim's name tokens, within a year of birth,
    // and nothing else scores at most 35 (a partial name 20, a close birth date 10, the regency
    // 5): a shared NIK, birth date, encoded birth date or village would have been a shared key.
    // Such neighbours are the bulk of a common name's block, and are not loaded at all.
    Ok(shared
        .into_iter()
        .filter(|(_, (strong, tokens))| *strong || (!tokens.is_empty() && tokens.len() == own_tokens.len()))
        .map(|(other, _)| other)
        .collect())
}

/// Scores pairs of cases by their victims, keeping those at or above the threshold and those a
/// person decided on, except pairs marked "not the same person". Best first.
fn scored(
    conn: &Connection,
    pairs: BTreeSet<(String, String)>,
    decided: &Decisions,
) -> Result<Vec<Candidate>, CaseError> {
    let mut victims: BTreeMap<String, Option<Victim>> = BTreeMap::new();
    for id in pairs.iter().flat_map(|(a, b)| [a, b]) {
        if !victims.contains_key(id) {
            victims.insert(id.clone(), load(conn, id)?);
        }
    }
    let mut out = Vec::new();
    for (x, y) in &pairs {
        let (Some(Some(a)), Some(Some(b))) = (victims.get(x), victims.get(y)) else { continue };
        if a.record.person_id == b.record.person_id {
            continue;
        }
        let (score, reasons) = score(a, b);
        let key = (a.record.person_id.min(b.record.person_id), a.record.person_id.max(b.record.person_id));
        let link = decided.get(&key).cloned();
        if link.as_ref().is_some_and(|(_, s)| s == "Unlinked") || (score < THRESHOLD && link.is_none()) {
            continue;
        }
        let (a, b) = if a.record.case_number <= b.record.case_number { (a, b) } else { (b, a) };
        out.push(Candidate { a: a.record.clone(), b: b.record.clone(), score, reasons, link });
    }
    best_first(&mut out);
    Ok(out)
}

/// Highest score first; equal scores by case numbers, so the order is the same everywhere.
fn best_first(candidates: &mut [Candidate]) {
    candidates.sort_by(|x, y| {
        y.score
            .cmp(&x.score)
            .then_with(|| (&x.a.case_number, &x.b.case_number).cmp(&(&y.a.case_number, &y.b.case_number)))
    });
}

fn ordered(a: String, b: String) -> (String, String) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

/// The pairs of cases whose victims share a block, seen from each of `cases`.
fn pairs_around(
    conn: &Connection,
    cases: impl IntoIterator<Item = String>,
) -> rusqlite::Result<BTreeSet<(String, String)>> {
    let mut pairs = BTreeSet::new();
    for id in cases {
        for other in neighbours(conn, &id)? {
            pairs.insert(ordered(id.clone(), other));
        }
    }
    Ok(pairs)
}

/// Candidate pairs, best first. Pairs a person marked "not the same person" are left out.
pub fn candidates(conn: &Connection) -> Result<Vec<Candidate>, CaseError> {
    let all: Vec<String> = {
        let mut stmt = conn.prepare("SELECT DISTINCT case_id FROM victim_key")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    scored(conn, pairs_around(conn, all)?, &decisions(conn)?)
}

pub fn list(store: &Store) -> Result<Vec<Candidate>, CaseError> {
    store.require(Permission::ReviewMatches)?;
    candidates(&store.conn)
}

/// Undecided candidates involving any of these cases (the summary of an import): only their
/// blocks are read, so the cost follows the cases imported, not the size of the store.
pub(crate) fn involving(conn: &Connection, cases: &BTreeSet<Uuid>) -> Result<Vec<Candidate>, CaseError> {
    // Case by case, so that only one case's neighbours are held at a time: a bundle of 10,000
    // cases scored in one go held some hundred thousand victims (over 1 GiB).
    // A pair of two of these cases is taken from the side of the smaller id only.
    let ids: BTreeSet<String> = cases.iter().map(Uuid::to_string).collect();
    let decided = decisions(conn)?;
    let mut out = Vec::new();
    for id in &ids {
        let pairs = neighbours(conn, id)?
            .into_iter()
            .filter(|other| !ids.contains(other) || id < other)
            .map(|other| ordered(id.clone(), other))
            .collect();
        out.extend(scored(conn, pairs, &decided)?.into_iter().filter(|c| c.link.is_none()));
    }
    best_first(&mut out);
    Ok(out)
}

/// Candidates for one new case, at intake: the records sharing a block with it, scored. A new
/// case has no decisions yet, so every pair above the threshold is shown.
pub fn for_case(conn: &Connection, case_id: Uuid) -> Result<Vec<Candidate>, CaseError> {
    let pairs = pairs_around(conn, [case_id.to_string()])?;
    let mut out: Vec<Candidate> = scored(conn, pairs, &decisions(conn)?)?
        .into_iter()
        .map(|c| if c.a.case_id == case_id { c } else { Candidate { a: c.b, b: c.a, ..c } })
        .collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.score));
    Ok(out)
}

fn victim_of(store: &Store, case: &str) -> Result<Uuid, CaseError> {
    let id = cases::resolve(store, case)?;
    let v: Option<String> =
        store.conn.query_row("SELECT victim_id FROM case_file WHERE id = ?1", [id.to_string()], |r| r.get(0))?;
    v.and_then(|s| s.parse().ok()).ok_or(CaseError::NotFound)
}

/// Records that the victims of two cases are the same person. Reversible with `unlink`.
pub fn link(
    store: &mut Store,
    case_a: &str,
    case_b: &str,
    reason: &str,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
) -> Result<Uuid, CaseError> {
    let district = store.identity().district.clone();
    let ids = crate::ambient::DistrictIds::new(entropy, &district);
    let entropy: &dyn Entropy = &ids;
    let (a, b) = (victim_of(store, case_a)?, victim_of(store, case_b)?);
    if a == b {
        return Err(CaseError::NotFound);
    }
    let key = (a.min(b), a.max(b));
    if let Some((id, _)) = decisions(&store.conn)?.get(&key).cloned() {
        let mut batch = store.batch(clock)?;
        batch.set(EntityKind::PersonLink, id, "status", Value::String("Linked".into()))?;
        batch.commit()?;
        return Ok(id);
    }
    let id = entropy.uuid();
    let mut fields = Map::new();
    fields.insert("person_a".into(), Value::String(key.0.to_string()));
    fields.insert("person_b".into(), Value::String(key.1.to_string()));
    fields.insert("status".into(), Value::String("Linked".into()));
    if !reason.trim().is_empty() {
        fields.insert("reason".into(), Value::String(reason.trim().into()));
    }
    let mut batch = store.batch(clock)?;
    batch.create(EntityKind::PersonLink, id, fields)?;
    batch.commit()?;
    Ok(id)
}

/// Records that two victims are not the same person after all (or never were).
pub fn unlink(store: &mut Store, link_id: Uuid, clock: &dyn Clock) -> Result<(), CaseError> {
    store.require(Permission::ReviewMatches)?;
    if !crate::view::exists(&store.conn, EntityKind::PersonLink, link_id)? {
        return Err(CaseError::LinkNotFound);
    }
    let mut batch = store.batch(clock)?;
    batch.set(EntityKind::PersonLink, link_id, "status", Value::String("Unlinked".into()))?;
    batch.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_blocks_within_a_year_of_birth_or_a_village() {
        assert_eq!(block_of("name:maria:1990"), ["name:maria:1989", "name:maria:1990", "name:maria:1991"]);
        assert_eq!(block_of("village:maria:maubesi"), ["village:maria:maubesi"]);
        assert_eq!(block_of("nik:5303015102040001"), ["nik:5303015102040001"]);
        let mut fields = Map::new();
        fields.insert("first_name".into(), "Marija".into());
        fields.insert("identity_number".into(), "5303015102040001".into());
        fields.insert("address_village".into(), "Maubesi".into());
        let keys: Vec<String> = keys(&fields).into_iter().collect();
        assert_eq!(keys, ["nik:5303015102040001", "nikborn:11-02-04", "village:marija:maubesi"]);

        let dir = tempfile::tempdir().unwrap();
        let clock = crate::ambient::FixedClock::new(chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap(), 5);
        let e = crate::ambient::SeededEntropy::new(3);
        let mut store = crate::setup::test_store(&dir.path().join("s"), "65.03", 1, &clock);
        let create = |store: &mut Store, born: Option<&str>, village: &str| {
            let mut victim = serde_json::json!({"first_name": "Maria", "second_name": "Taek",
                "address": {"province": "53", "regency": "53.03", "village": village}});
            if let Some(b) = born {
                victim["birthdate"] = b.into();
            }
            let doc = serde_json::json!({"victim": victim, "intake": {"date": "2019-09-20"}});
            crate::cases::create(store, &doc, &clock, &e).unwrap()
        };
        let first = create(&mut store, Some("1990-12-30"), "Maubesi");
        // The next year, two days later, elsewhere: the same woman, probably.
        let close = create(&mut store, Some("1991-01-01"), "Kuatnana");
        assert_eq!(close.possible_duplicates, std::slice::from_ref(&first.case_number));
        // Five years apart, elsewhere, no NIK: not even compared.
        let far = create(&mut store, Some("1996-01-01"), "Oelolok");
        assert!(!neighbours(&store.conn, &far.id.to_string()).unwrap().contains(&first.id.to_string()));
        // No birth date: compared with those of the same name in the same village.
        let unknown = create(&mut store, None, "Maubesi");
        let around = neighbours(&store.conn, &unknown.id.to_string()).unwrap();
        assert_eq!(around, [first.id.to_string()].into_iter().collect());
        // Only the family name in common, born the same year elsewhere: at most 35 points, so
        // not even loaded.
        let doc = serde_json::json!({"victim": {"first_name": "Yohana", "second_name": "Taek", "birthdate": "1990-05-05",
            "address": {"province": "53", "regency": "53.03", "village": "Sasi"}}, "intake": {"date": "2019-09-20"}});
        let sister = crate::cases::create(&mut store, &doc, &clock, &e).unwrap();
        assert!(!neighbours(&store.conn, &sister.id.to_string()).unwrap().contains(&first.id.to_string()));
        // The full list is the union of what each case sees.
        let listed = candidates(&store.conn).unwrap();
        let pairs: Vec<[Uuid; 2]> = listed.iter().map(|c| [c.a.case_id, c.b.case_id]).collect();
        assert!(pairs.contains(&[first.id, close.id]) || pairs.contains(&[close.id, first.id]), "{pairs:?}");
    }

    #[test]
    fn old_and_new_spellings_meet() {
        for (a, b) in [
            ("Soekarno", "Sukarno"),
            ("Djoko", "Joko"),
            ("Tjahjono", "Cahjono"),
            ("Sitti", "Siti"),
            ("Fatimah", "Fatima"),
            ("Nyoman", "Njoman"),
            ("Yohanes", "Johanes"),
            ("Maria", "MARÍA"),
            ("Rudy", "Rudi"),
        ] {
            if a == "Yohanes" {
                // j/y is ambiguous in Indonesian names and deliberately not folded.
                assert_ne!(normalise_name(a), normalise_name(b));
                continue;
            }
            assert_eq!(normalise_name(a), normalise_name(b), "{a} / {b}");
        }
        assert_ne!(normalise_name("Maria"), normalise_name("Marta"));
    }
}
