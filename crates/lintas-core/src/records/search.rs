//! Full-text search over names, aliases, places and notes, with SQLite FTS5 inside the
//! encrypted database. The index holds one row per case and is rebuilt for each case an op
//! batch touched, inside the batch's transaction (`case_index::refresh`). Each case's FTS5
//! rowid is kept in `case_search_key`, because FTS5 finds a row quickly only by its rowid.

use crate::model::roles::Role;
use crate::records::cases::{self, CaseError, CaseSummary};
use crate::store::Store;
use rusqlite::Connection;
use uuid::Uuid;

/// Turns what a person typed into an FTS5 query: every word must match, as a prefix, so
/// "mar tae" finds "Maria Taek". Quotes make FTS5 operators in the input plain words.
fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| format!("\"{w}\"*")).collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Other spellings of a word among the victims' names: names that sound like it and are spelled
/// close to it (`mariya` for `maria`, `johana` for `yohana`), as duplicate matching compares them.
/// Only for words of four letters or more: a short word is a prefix someone is still typing.
fn spellings(conn: &Connection, word: &str) -> rusqlite::Result<Vec<String>> {
    let w = crate::index::victim_keys::normalise_name(word);
    if w.chars().count() < 4 {
        return Ok(Vec::new());
    }
    let code = crate::index::victim_keys::sound(&w);
    let first = code.chars().next().unwrap_or_default();
    let firsts = if first == 'j' { "jy".to_string() } else { first.to_string() };
    let mut stmt = conn.prepare_cached(
        "SELECT token FROM name_count WHERE n > 0 AND instr(?1, substr(token, 1, 1)) > 0 AND token <> ?2",
    )?;
    let rows = stmt.query_map((firsts, &w), |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for token in rows {
        let token = token?;
        if crate::index::victim_keys::sound(&token) == code && strsim::jaro_winkler(&token, &w) >= 0.85 {
            out.push(token);
        }
    }
    Ok(out)
}

/// Each word with its other spellings, and the FTS5 query that takes any of them; `None` when no
/// word has another spelling.
/// Each word of a query with its other spellings.
type Alternatives = Vec<(String, Vec<String>)>;

fn tolerant(conn: &Connection, text: &str) -> rusqlite::Result<Option<(String, Alternatives)>> {
    let mut any = false;
    let mut parts = Vec::new();
    let mut alternatives = Vec::new();
    for w in words(text) {
        let alts = spellings(conn, &w)?;
        any |= !alts.is_empty();
        let mut terms = vec![format!("\"{w}\"*")];
        terms.extend(alts.iter().map(|a| format!("\"{a}\"")));
        parts.push(format!("({})", terms.join(" OR ")));
        alternatives.push((w, alts));
    }
    Ok(any.then(|| (parts.join(" AND "), alternatives)))
}

fn ids_matching(conn: &Connection, query: &str, limit: Option<u32>) -> Result<Vec<Uuid>, CaseError> {
    let sql = match limit {
        Some(_) => "SELECT case_id FROM case_search WHERE case_search MATCH ?1 ORDER BY rank LIMIT ?2",
        None => "SELECT case_id FROM case_search WHERE case_search MATCH ?1 AND ?2 IS NULL",
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let ids = stmt
        .query_map((query, limit.map(|l| l.max(1))), |r| r.get::<_, String>(0))?
        .filter_map(|r| r.ok().and_then(|s| s.parse().ok()))
        .collect::<Vec<Uuid>>();
    Ok(ids)
}

/// `search` on any database with the store's schema, before the role's filter and redaction
/// (lintas-bench asks its comparison databases the very same query). Exact and prefix matches
/// come first; when they are fewer than `limit`, names spelled otherwise follow ("Mariya"
/// finds "Maria").
pub fn matching(conn: &Connection, text: &str, limit: u32) -> Result<Vec<CaseSummary>, CaseError> {
    let Some(q) = fts_query(text) else { return Ok(Vec::new()) };
    let mut ids = ids_matching(conn, &q, Some(limit))?;
    if (ids.len() as u32) < limit.max(1) {
        if let Some((wider, _)) = tolerant(conn, text)? {
            for id in ids_matching(conn, &wider, Some(limit))? {
                if !ids.contains(&id) && (ids.len() as u32) < limit.max(1) {
                    ids.push(id);
                }
            }
        }
    }
    cases::summaries_by_id(conn, &ids)
}

/// Whether a role may read everything `reindex` puts into the search text.
fn reads_all_indexed_text(role: Role) -> bool {
    use crate::model::schema::EntityKind::{Case, Event, Note, Person};
    let fields = [
        (Case, "intake_place"),
        (Case, "placement_agency"),
        (Person, "aliases"),
        (Person, "address_village"),
        (Person, "address_subdistrict"),
        (Person, "address_street"),
        (Event, "place"),
        (Note, "body"),
    ];
    // Perpetrators' names are in the index too.
    role.may_see_party(Some("Perpetrator"))
        && fields.into_iter().all(|(kind, field)| role.may_see(kind) && role.may_read(kind, field))
}

/// Cases matching all words of `text`, best match first. For a role that may not read all the
/// indexed text, matches are only on what it reads (the victim's name, the case number) and come
/// in the case list's order, newest intake first: the rank and the cut-off of the full index
/// depend on text it may not read, so they are not used for it.
pub fn search(store: &Store, text: &str, limit: u32) -> Result<Vec<CaseSummary>, CaseError> {
    let role = store.role();
    let mut found = if reads_all_indexed_text(role) {
        matching(&store.conn, text, limit)?
    } else {
        let Some(q) = fts_query(text) else { return Ok(Vec::new()) };
        // Other spellings count here too, on what the role reads: the victim's name.
        let (query, alternatives) = match tolerant(&store.conn, text)? {
            Some((wider, alternatives)) => (wider, alternatives),
            None => (q, words(text).into_iter().map(|w| (w, Vec::new())).collect()),
        };
        let ids = ids_matching(&store.conn, &query, None)?;
        let mut found = cases::summaries_by_id(&store.conn, &ids)?;
        found.retain(|c| {
            let seen = format!("{} {}", c.victim_name, c.case_number).to_lowercase();
            let tokens: Vec<&str> = seen.split(|ch: char| !ch.is_alphanumeric()).collect();
            alternatives.iter().all(|(w, alts)| {
                tokens
                    .iter()
                    .any(|t| t.starts_with(w.as_str()) || alts.contains(&crate::index::victim_keys::normalise_name(t)))
            })
        });
        found.sort_by(|a, b| (&b.intake_date, &b.case_number).cmp(&(&a.intake_date, &a.case_number)));
        found.truncate(limit.max(1) as usize);
        found
    };
    for summary in &mut found {
        summary.redact(role);
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_spelled_otherwise_is_found_after_the_exact_ones() {
        let dir = tempfile::tempdir().unwrap();
        let clock =
            crate::support::ambient::FixedClock::new(chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap(), 5);
        let e = crate::support::ambient::SeededEntropy::new(2);
        let mut store = crate::setup::test_store(&dir.path().join("s"), "53.03", 1, &clock);
        for (first, second) in [("Maria", "Taek"), ("Yohana", "Bria"), ("Marta", "Seran")] {
            let doc = serde_json::json!({"victim": {"first_name": first, "second_name": second},
                                         "intake": {"date": "2019-09-20"}});
            crate::records::cases::create(&mut store, &doc, &clock, &e).unwrap();
        }
        let names = |text: &str| -> Vec<String> {
            search(&store, text, 10).unwrap().into_iter().map(|c| c.victim_name).collect()
        };
        assert_eq!(names("Mariya"), ["Maria Taek"], "not Marta");
        assert_eq!(names("Johana Bria"), ["Yohana Bria"]);
        assert_eq!(names("mariya taik"), ["Maria Taek"]);
        // A short word is a prefix someone is still typing; a name that sounds otherwise is not
        // another spelling ("Marto" is Marta's, never Maria's).
        let mut prefix = names("mar");
        prefix.sort();
        assert_eq!(prefix, ["Maria Taek", "Marta Seran"]);
        assert_eq!(names("Marto"), ["Marta Seran"]);
    }

    #[test]
    fn queries_are_prefix_words_and_operators_are_neutralised() {
        assert_eq!(fts_query("Maria  Taek").unwrap(), "\"Maria\"* \"Taek\"*");
        assert_eq!(fts_query("a\" OR b*").unwrap(), "\"a\"* \"OR\"* \"b\"*");
        assert_eq!(fts_query("  -- "), None);
    }
}
