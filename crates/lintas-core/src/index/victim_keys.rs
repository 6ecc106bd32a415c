//! The victims' matching keys, kept by the op log at each commit (`case_index::refresh`): for
//! each case, the blocking keys of its victim (`victim_key`) and the small card the duplicate
//! score reads (`victim_card`). How pairs are scored, shown and decided is
//! `records::duplicates`.

use crate::model::validate::{decode_nik, parse_date};
use chrono::Datelike;
use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

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

/// How a normalised name token sounds, for blocking: its first letter (an initial `y` written
/// `j`), then its consonants without vowels, `y` or `h`, doubled ones once. `Maria` and
/// `Mariya` are `mr`, `Taek` and `Taik` `tk`, `Yohana` and `Johana` `jn`; a code shorter than
/// two letters blocks nothing.
pub(crate) fn sound(token: &str) -> String {
    let mut chars = token.chars();
    let Some(first) = chars.next() else { return String::new() };
    let mut out = String::from(if first == 'y' { 'j' } else { first });
    for c in chars {
        if !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h') && !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

pub(crate) fn name_tokens(p: &Map<String, Value>) -> BTreeSet<String> {
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

/// Keys that put two victims in the same block. A pair can reach the threshold only if the
/// victims share a NIK (`nik:`), a birth date (`born:`), or a NIK that encodes the other's
/// birth date (`nikborn:` day, month and two-digit year, written for both), or else if they
/// share a name token and either were born within a year of each other (`name:` token and
/// birth year; the block of a year takes in the years beside it) or live in the same village
/// (`village:` token and normalised village), or share how their whole name sounds in the same
/// year of birth (`sound:` codes and birth year: `Mariya Taik` and `Maria Taek`): without one of
/// these, the score's parts
/// add up to less than `THRESHOLD`. So a common name is compared only within a year or a village.
pub(crate) fn keys(fields: &Map<String, Value>) -> BTreeSet<String> {
    let text = |k: &str| fields.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
    let born = text("birthdate").and_then(parse_date);
    let village = text("address_village").map(normalise_name).filter(|v| !v.is_empty());
    let mut keys = BTreeSet::new();
    let tokens = name_tokens(fields);
    if let Some(d) = born {
        // The whole name as it sounds, in the year of birth: every part spelled otherwise
        // (`Mariya Taik` for `Maria Taek`) still meets. A name with one part spelled the same
        // already meets through that part's `name:` key.
        let mut codes: Vec<String> = tokens.iter().map(|t| sound(t)).filter(|c| c.len() >= 2).collect();
        codes.sort();
        codes.dedup();
        if !codes.is_empty() {
            keys.insert(format!("sound:{}:{}", codes.join("-"), d.year()));
        }
    }
    for token in tokens {
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
pub(crate) fn born_parts(d: chrono::NaiveDate) -> (u32, u32, u32) {
    (d.day(), d.month(), d.year().rem_euclid(100) as u32)
}

/// Adds `by` (1 or -1) to the count of victims holding each of `tokens` (space-separated).
fn count_tokens(conn: &Connection, tokens: &str, by: i64) -> rusqlite::Result<()> {
    let mut new = conn.prepare_cached("INSERT OR IGNORE INTO name_count (token, n) VALUES (?1, 0)")?;
    let mut add = conn.prepare_cached("UPDATE name_count SET n = max(n + ?2, 0) WHERE token = ?1")?;
    for token in tokens.split(' ').filter(|t| !t.is_empty()) {
        new.execute([token])?;
        add.execute((token, by))?;
    }
    Ok(())
}

/// How many victims hold a normalised name token.
pub(crate) fn victims_named(conn: &Connection, token: &str) -> rusqlite::Result<i64> {
    Ok(conn
        .prepare_cached("SELECT n FROM name_count WHERE token = ?1")?
        .query_row([token], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}

/// The token and year of a `name:{token}:{year}` key.
pub(crate) fn name_key(key: &str) -> Option<(&str, &str)> {
    key.strip_prefix("name:").and_then(|rest| rest.split_once(':'))
}

/// The codes and year of a `sound:{codes}:{year}` key.
pub(crate) fn sound_key(key: &str) -> Option<(&str, &str)> {
    key.strip_prefix("sound:").and_then(|rest| rest.split_once(':'))
}

/// Writes the blocking keys (`victim_key`) and the scoring card (`victim_card`) of a case's
/// victim, for `case_index::refresh`.
pub(crate) fn index_victim(conn: &Connection, case_id: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM victim_key WHERE case_id = ?1")?.execute([case_id])?;
    // The victim's name tokens leave the counts of victims per name, and come back below.
    let before: Option<String> = conn
        .prepare_cached("SELECT tokens FROM victim_card WHERE case_id = ?1")?
        .query_row([case_id], |r| r.get(0))
        .optional()?;
    count_tokens(conn, before.as_deref().unwrap_or_default(), -1)?;
    conn.prepare_cached("DELETE FROM victim_card WHERE case_id = ?1")?.execute([case_id])?;
    let Some((person, number, district, fields)) = victim(conn, case_id)? else { return Ok(()) };
    let mut insert = conn.prepare_cached("INSERT OR IGNORE INTO victim_key (key, case_id) VALUES (?1, ?2)")?;
    for key in keys(&fields) {
        insert.execute((key, case_id))?;
    }
    let text = |k: &str| fields.get(k).and_then(Value::as_str);
    let name = [text("first_name"), text("second_name")].into_iter().flatten().collect::<Vec<_>>().join(" ");
    let tokens = name_tokens(&fields).into_iter().collect::<Vec<_>>().join(" ");
    count_tokens(conn, &tokens, 1)?;
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
