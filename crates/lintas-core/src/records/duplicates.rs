//! Duplicate detection: the same person registered twice, typically deported at Nunukan and
//! registered again at home in TTU, with her name spelled differently.
//!
//! Candidates are found by comparing victim records: NIK (equal, or consistent with the birth
//! date and sex it encodes), names normalised for Indonesian spelling variants (oe/u, dj/j,
//! tj/c, sj/sy, nj/ny, ch/kh; doubled letters; a final h; mononyms), birth dates within a year,
//! and the kabupaten/desa of origin. They are shown for review; a person links or unlinks them
//! (an op, reversible). Nothing is ever merged automatically.

pub use crate::index::victim_keys::normalise_name;
use crate::index::victim_keys::{born_parts, name_key, sound_key};
use crate::model::roles::Permission;
use crate::model::schema::EntityKind;
use crate::model::validate::{decode_nik, parse_date};
use crate::records::lookup::{self as cases, CaseError};
use crate::store::Store;
use crate::support::ambient::{Clock, Entropy};
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

/// How often a normalised name token occurs among the store's victims, read once per token per
/// review: a name many victims share says less than a rare one (term-frequency weights, as
/// record linkage does since Fellegi and Sunter). The weight depends on how many victims hold
/// the name, not on their share of the store: counting the store for every new case would cost
/// more than the whole check.
struct Frequencies<'c> {
    conn: &'c Connection,
    seen: BTreeMap<String, f64>,
}

impl<'c> Frequencies<'c> {
    fn new(conn: &'c Connection) -> rusqlite::Result<Self> {
        Ok(Frequencies { conn, seen: BTreeMap::new() })
    }

    /// Victims with this token (`name_count`, kept with the index).
    fn count(&mut self, token: &str) -> rusqlite::Result<f64> {
        if let Some(n) = self.seen.get(token) {
            return Ok(*n);
        }
        let n = crate::index::victim_keys::victims_named(self.conn, token)?.max(1) as f64;
        self.seen.insert(token.to_string(), n);
        Ok(n)
    }

    /// The points an exact agreement on this token is worth: 25 for a name a handful of victims
    /// hold, 5 fewer for every tenfold more, never under 8.
    fn weight(&mut self, token: &str) -> rusqlite::Result<f64> {
        let n = self.count(token)?;
        Ok((28.0 - 5.0 * n.log10()).clamp(8.0, 25.0))
    }
}

/// Similar enough to be the same name written otherwise (Jaro-Winkler over the normalised
/// tokens): `Mariya`/`Maria`, `Taik`/`Taek`, `Yohana`/`Johana`, one slip of the hand.
const NEAR: f64 = 0.92;
const CLOSE: f64 = 0.85;

/// Whether two NIKs differ by two neighbouring digits swapped.
fn transposed(a: &str, b: &str) -> bool {
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if x.len() != y.len() {
        return false;
    }
    let diff: Vec<usize> = (0..x.len()).filter(|i| x[*i] != y[*i]).collect();
    diff.len() == 2 && diff[1] == diff[0] + 1 && x[diff[0]] == y[diff[1]] && x[diff[1]] == y[diff[0]]
}

/// Scores a pair of victims: the points of each agreement and disagreement, weighed by how much
/// it says (a rare name more than a common one), and the reasons.
fn score(a: &Victim, b: &Victim, freq: &mut Frequencies<'_>) -> rusqlite::Result<(u32, Vec<&'static str>)> {
    let mut score: f64 = 0.0;
    let mut reasons = Vec::new();
    match (&a.nik, &b.nik) {
        (Some(x), Some(y)) if x == y => {
            score += 45.0;
            reasons.push("same_nik");
        }
        (Some(x), Some(y)) if transposed(x, y) => {
            score += 35.0;
            reasons.push("nik_transposed");
        }
        (Some(_), Some(_)) => {
            score -= 30.0;
            reasons.push("different_nik");
        }
        _ => {}
    }
    // Names: each token of the shorter name paired with its best match in the other.
    let (short, long) = if a.tokens.len() <= b.tokens.len() { (a, b) } else { (b, a) };
    let mut used: BTreeSet<&String> = BTreeSet::new();
    let (mut exact, mut near, mut missed) = (0, 0, 0);
    for t in &short.tokens {
        let best = long
            .tokens
            .iter()
            .filter(|u| !used.contains(u))
            .map(|u| (u, if u == t { 1.0 } else { strsim::jaro_winkler(t, u) }))
            .max_by(|x, y| x.1.total_cmp(&y.1));
        let Some((u, sim)) = best else {
            missed += 1;
            continue;
        };
        if sim < CLOSE {
            missed += 1;
            continue;
        }
        let w = freq.weight(t)?.max(freq.weight(u)?);
        if sim >= 1.0 {
            used.insert(u);
            score += w;
            exact += 1;
        } else if sim >= NEAR {
            used.insert(u);
            score += 0.7 * w;
            near += 1;
        } else {
            used.insert(u);
            score += 0.4 * w;
            near += 1;
        }
    }
    if exact + near > 0 {
        if missed == 0 && near == 0 && a.tokens.len() == b.tokens.len() {
            reasons.push("same_name");
        } else if missed == 0 && near == 0 {
            // One record has only part of the name, e.g. a mononym.
            reasons.push("name_part");
        } else {
            reasons.push("similar_name");
        }
    }
    // A name on both records that matches nothing on the other: most likely another woman.
    if short.tokens.len() > 1 && missed > 0 {
        score -= 8.0 * missed as f64;
    }
    match (a.born, b.born) {
        (Some(x), Some(y)) if x == y => {
            score += 20.0;
            reasons.push("same_birthdate");
        }
        // Day and month swapped: one office wrote it the other way round.
        (Some(x), Some(y)) if (x.day(), x.month()) == (y.month(), y.day()) && x.year() == y.year() => {
            score += 12.0;
            reasons.push("close_birthdate");
        }
        // Within a month: a slip, or a date guessed; two namesakes are as likely.
        (Some(x), Some(y)) if (x - y).num_days().abs() <= 31 => {
            score += 5.0;
            reasons.push("close_birthdate");
        }
        (Some(x), Some(y)) if x.year() == y.year() => {}
        (Some(_), Some(_)) => {
            score -= 12.0;
            reasons.push("different_birthdate");
        }
        _ => {}
    }
    // A NIK on one record that encodes the other record's birth date.
    for (x, y) in [(a, b), (b, a)] {
        if let (Some(encoded), Some(d), None) = (x.nik_born, y.born, &y.nik) {
            if encoded == born_parts(d) {
                score += 15.0;
                reasons.push("nik_matches_birthdate");
            }
        }
    }
    match (&a.regency, &b.regency) {
        (Some(x), Some(y)) if x == y => {
            score += 4.0;
            reasons.push("same_regency");
        }
        (Some(x), Some(y)) if x.get(..2) != y.get(..2) => {
            score -= 12.0;
            reasons.push("other_province");
        }
        _ => {}
    }
    match (&a.village, &b.village) {
        (Some(x), Some(y)) if x == y => {
            score += 8.0;
            reasons.push("same_village");
        }
        (Some(x), Some(y)) if strsim::jaro_winkler(x, y) >= NEAR => {
            score += 5.0;
            reasons.push("same_village");
        }
        _ => {}
    }
    Ok((score.max(0.0).round() as u32, reasons))
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
    let own_tokens: BTreeSet<String> = own.iter().filter_map(|k| name_key(k).map(|(t, _)| t.to_string())).collect();
    // The name tokens a key stands for: its token, or, for the whole name's sound, all of them.
    let tokens_of = |key: &str| -> Option<Vec<String>> {
        if let Some((t, _)) = name_key(key) {
            return Some(vec![t.to_string()]);
        }
        sound_key(key).map(|_| own_tokens.iter().cloned().collect())
    };
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
            match tokens_of(key) {
                Some(ts) => entry.1.extend(ts),
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
    freq: &mut Frequencies<'_>,
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
        let (score, reasons) = score(a, b, freq)?;
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
    scored(conn, pairs_around(conn, all)?, &decisions(conn)?, &mut Frequencies::new(conn)?)
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
    let mut freq = Frequencies::new(conn)?;
    let mut out = Vec::new();
    for id in &ids {
        let pairs = neighbours(conn, id)?
            .into_iter()
            .filter(|other| !ids.contains(other) || id < other)
            .map(|other| ordered(id.clone(), other))
            .collect();
        out.extend(scored(conn, pairs, &decided, &mut freq)?.into_iter().filter(|c| c.link.is_none()));
    }
    best_first(&mut out);
    Ok(out)
}

/// Candidates for one new case, at intake: the records sharing a block with it, scored. A new
/// case has no decisions yet, so every pair above the threshold is shown.
pub fn for_case(conn: &Connection, case_id: Uuid) -> Result<Vec<Candidate>, CaseError> {
    Ok(for_cases(conn, &[case_id])?.pop().unwrap_or_default())
}

/// `for_case` for each of several new cases (a group registered together), sharing what the
/// scores read once: the decisions and how common each name is.
pub(crate) fn for_cases(conn: &Connection, ids: &[Uuid]) -> Result<Vec<Vec<Candidate>>, CaseError> {
    let decided = decisions(conn)?;
    let mut freq = Frequencies::new(conn)?;
    let mut all = Vec::with_capacity(ids.len());
    for case_id in ids {
        let pairs = pairs_around(conn, [case_id.to_string()])?;
        let mut out: Vec<Candidate> = scored(conn, pairs, &decided, &mut freq)?
            .into_iter()
            .map(|c| if c.a.case_id == *case_id { c } else { Candidate { a: c.b, b: c.a, ..c } })
            .collect();
        out.sort_by_key(|c| std::cmp::Reverse(c.score));
        all.push(out);
    }
    Ok(all)
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
    decide(store, case_a, case_b, "Linked", reason, clock, entropy)
}

/// Records that the victims of two cases are not the same person ("bukan orang yang sama"):
/// the pair leaves the list of possible duplicates. Reversible with `link`.
pub fn not_same(
    store: &mut Store,
    case_a: &str,
    case_b: &str,
    reason: &str,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
) -> Result<Uuid, CaseError> {
    decide(store, case_a, case_b, "Unlinked", reason, clock, entropy)
}

/// A person's decision on a pair of victims: `Linked` or `Unlinked`, as a new person link or a
/// change of the one the pair already has.
fn decide(
    store: &mut Store,
    case_a: &str,
    case_b: &str,
    status: &str,
    reason: &str,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
) -> Result<Uuid, CaseError> {
    store.require(Permission::ReviewMatches)?;
    let district = store.identity().district.clone();
    let ids = crate::support::ambient::DistrictIds::new(entropy, &district);
    let entropy: &dyn Entropy = &ids;
    let (a, b) = (victim_of(store, case_a)?, victim_of(store, case_b)?);
    if a == b {
        return Err(CaseError::NotFound);
    }
    let key = (a.min(b), a.max(b));
    if let Some((id, _)) = decisions(&store.conn)?.get(&key).cloned() {
        let mut batch = store.batch(clock)?;
        batch.set(EntityKind::PersonLink, id, "status", Value::String(status.into()))?;
        batch.commit()?;
        return Ok(id);
    }
    let id = entropy.uuid();
    let mut fields = Map::new();
    fields.insert("person_a".into(), Value::String(key.0.to_string()));
    fields.insert("person_b".into(), Value::String(key.1.to_string()));
    fields.insert("status".into(), Value::String(status.into()));
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
    if !crate::log::view::exists(&store.conn, EntityKind::PersonLink, link_id)? {
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
    use crate::index::victim_keys::keys;

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
        let clock =
            crate::support::ambient::FixedClock::new(chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap(), 5);
        let e = crate::support::ambient::SeededEntropy::new(3);
        let mut store = crate::setup::test_store(&dir.path().join("s"), "65.03", 1, &clock);
        let create = |store: &mut Store, born: Option<&str>, village: &str| {
            let mut victim = serde_json::json!({"first_name": "Maria", "second_name": "Taek",
                "address": {"province": "53", "regency": "53.03", "village": village}});
            if let Some(b) = born {
                victim["birthdate"] = b.into();
            }
            let doc = serde_json::json!({"victim": victim, "intake": {"date": "2019-09-20"}});
            crate::records::cases::create(store, &doc, &clock, &e).unwrap()
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
        let sister = crate::records::cases::create(&mut store, &doc, &clock, &e).unwrap();
        assert!(!neighbours(&store.conn, &sister.id.to_string()).unwrap().contains(&first.id.to_string()));
        // The full list is the union of what each case sees.
        let listed = candidates(&store.conn).unwrap();
        let pairs: Vec<[Uuid; 2]> = listed.iter().map(|c| [c.a.case_id, c.b.case_id]).collect();
        assert!(pairs.contains(&[first.id, close.id]) || pairs.contains(&[close.id, first.id]), "{pairs:?}");

        // "Not the same person": the pair leaves the list; a link later brings it back linked.
        let (a, b) = (first.id.to_string(), close.id.to_string());
        let decision = not_same(&mut store, &a, &b, "berbeda ibu kandung", &clock, &e).unwrap();
        let has_pair = |store: &Store| {
            candidates(&store.conn).unwrap().iter().any(|c| {
                [c.a.case_id, c.b.case_id] == [first.id, close.id] || [c.a.case_id, c.b.case_id] == [close.id, first.id]
            })
        };
        assert!(!has_pair(&store));
        assert!(!for_case(&store.conn, close.id).unwrap().iter().any(|c| c.b.case_id == first.id));
        assert_eq!(link(&mut store, &a, &b, "", &clock, &e).unwrap(), decision);
        assert!(has_pair(&store));
    }

    #[test]
    fn the_same_woman_is_found_under_another_spelling_and_a_common_name_counts_less() {
        let dir = tempfile::tempdir().unwrap();
        let clock =
            crate::support::ambient::FixedClock::new(chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap(), 5);
        let e = crate::support::ambient::SeededEntropy::new(8);
        let mut store = crate::setup::test_store(&dir.path().join("s"), "53.03", 1, &clock);
        let create = |store: &mut Store, first: &str, second: &str, born: &str, regency: &str, nik: Option<&str>| {
            let mut victim = serde_json::json!({"first_name": first, "second_name": second, "birthdate": born,
                "address": {"province": &regency[..2], "regency": regency}});
            if let Some(n) = nik {
                victim["identity_number"] = n.into();
            }
            let doc = serde_json::json!({"victim": victim, "intake": {"date": "2019-09-20"}});
            crate::records::cases::create(store, &doc, &clock, &e).unwrap()
        };
        let maria = create(&mut store, "Maria", "Taek", "1990-05-07", "53.03", None);
        // Heard rather than read, and the birth date's day and month swapped.
        let heard = create(&mut store, "Mariya", "Taik", "1990-07-05", "53.03", None);
        assert_eq!(heard.possible_duplicates, std::slice::from_ref(&maria.case_number));
        let yohana = create(&mut store, "Yohana", "Bria", "1988-02-11", "53.03", None);
        let johana = create(&mut store, "Johana", "Bria", "1988-02-11", "53.03", None);
        assert_eq!(johana.possible_duplicates, std::slice::from_ref(&yohana.case_number));
        // Two neighbouring digits of the NIK swapped.
        let nik = create(&mut store, "Agustina", "Seran", "1995-03-21", "53.03", Some("5303016103950001"));
        let slip = create(&mut store, "Agustina", "Seran", "1995-03-21", "53.03", Some("5303016103950010"));
        assert_eq!(slip.possible_duplicates, std::slice::from_ref(&nik.case_number));
        let listed = candidates(&store.conn).unwrap();
        let of = |a: &str| listed.iter().find(|c| c.a.case_number == a || c.b.case_number == a).unwrap();
        assert!(of(&slip.case_number).reasons.contains(&"nik_transposed"));
        // The same name born the same year in another province, with another NIK: not her.
        let other = create(&mut store, "Agustina", "Seran", "1995-08-02", "33.05", Some("3305014208950003"));
        assert!(other.possible_duplicates.is_empty(), "{:?}", other.possible_duplicates);

        // A name many victims share weighs less than a rare one.
        let mut freq = Frequencies::new(&store.conn).unwrap();
        let rare = freq.weight("fransiska").unwrap();
        for i in 0..40 {
            create(&mut store, "Siti", &format!("Aminah{i}"), "1980-01-01", "53.03", None);
        }
        let mut freq = Frequencies::new(&store.conn).unwrap();
        assert!(freq.weight("siti").unwrap() < rare, "a common name weighs less");
        assert!(transposed("1234", "1324") && !transposed("1234", "1243x") && !transposed("1234", "4231"));
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
