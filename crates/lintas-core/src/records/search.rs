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

/// `search` on any database with the store's schema, before the role's filter and redaction
/// (lintas-bench asks its comparison databases the very same query).
pub fn matching(conn: &Connection, text: &str, limit: u32) -> Result<Vec<CaseSummary>, CaseError> {
    let Some(q) = fts_query(text) else { return Ok(Vec::new()) };
    let mut stmt =
        conn.prepare_cached("SELECT case_id FROM case_search WHERE case_search MATCH ?1 ORDER BY rank LIMIT ?2")?;
    let ids = stmt
        .query_map((q, limit.max(1)), |r| r.get::<_, String>(0))?
        .filter_map(|r| r.ok().and_then(|s| s.parse().ok()))
        .collect::<Vec<Uuid>>();
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
        let mut stmt = store.conn.prepare_cached("SELECT case_id FROM case_search WHERE case_search MATCH ?1")?;
        let ids = stmt
            .query_map([q], |r| r.get::<_, String>(0))?
            .filter_map(|r| r.ok().and_then(|s| s.parse().ok()))
            .collect::<Vec<Uuid>>();
        let mut found = cases::summaries_by_id(&store.conn, &ids)?;
        let words: Vec<String> =
            text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
        found.retain(|c| {
            let seen = format!("{} {}", c.victim_name, c.case_number).to_lowercase();
            let tokens: Vec<&str> = seen.split(|ch: char| !ch.is_alphanumeric()).collect();
            words.iter().all(|w| tokens.iter().any(|t| t.starts_with(w.as_str())))
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
    fn queries_are_prefix_words_and_operators_are_neutralised() {
        assert_eq!(fts_query("Maria  Taek").unwrap(), "\"Maria\"* \"Taek\"*");
        assert_eq!(fts_query("a\" OR b*").unwrap(), "\"a\"* \"OR\"* \"b\"*");
        assert_eq!(fts_query("  -- "), None);
    }
}
