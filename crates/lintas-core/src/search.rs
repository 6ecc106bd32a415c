//! Full-text search over names, aliases, places and notes, with SQLite FTS5 inside the
//! encrypted database. The index holds one row per case and is rebuilt for each case an op
//! batch touched, inside the batch's transaction (`case_index::refresh`). Each case's FTS5
//! rowid is kept in `case_search_key`, because FTS5 finds a row quickly only by its rowid.

use crate::cases::{self, CaseError, CaseSummary};
use crate::roles::Role;
use crate::store::Store;
use rusqlite::{Connection, OptionalExtension};
use uuid::Uuid;

/// Rebuilds the search text of one case from the view; a case without any (erased) loses
/// its row.
pub(crate) fn reindex(conn: &Connection, id: &str) -> rusqlite::Result<()> {
    let row: Option<i64> = conn
        .prepare_cached("SELECT row FROM case_search_key WHERE case_id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    if let Some(row) = row {
        conn.prepare_cached("DELETE FROM case_search WHERE rowid = ?1")?.execute([row])?;
    }
    let mut stmt = conn.prepare_cached(
        "SELECT c.case_number, c.intake_place, c.placement_agency FROM case_file c WHERE c.id = ?1
         UNION ALL
         SELECT p.first_name || ' ' || coalesce(p.middle_name, '') || ' ' || coalesce(p.second_name, ''),
                coalesce(p.aliases, '') || ' ' || coalesce(p.address_village, '') || ' '
                    || coalesce(p.address_subdistrict, '') || ' ' || coalesce(p.address_street, ''),
                NULL
         FROM person p WHERE p.id IN (SELECT victim_id FROM case_file WHERE id = ?1
                                      UNION SELECT person_id FROM party WHERE case_id = ?1)
         UNION ALL SELECT place, NULL, NULL FROM event WHERE case_id = ?1
         UNION ALL SELECT body, NULL, NULL FROM note WHERE case_id = ?1",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok([r.get::<_, Option<String>>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?])
    })?;
    // Rows come in storage order, which differs between districts that received the same ops
    // in another order; sorting makes the index a function of the view alone.
    let mut parts: Vec<String> = Vec::new();
    for row in rows {
        // Lists such as aliases are stored as JSON; the tokenizer ignores the punctuation.
        parts.extend(row?.into_iter().flatten());
    }
    parts.sort();
    let body = parts.join(" ");
    if body.trim().is_empty() {
        conn.prepare_cached("DELETE FROM case_search_key WHERE case_id = ?1")?.execute([id])?;
        return Ok(());
    }
    let row = match row {
        Some(row) => row,
        None => {
            conn.prepare_cached("INSERT INTO case_search_key (case_id) VALUES (?1)")?.execute([id])?;
            conn.last_insert_rowid()
        }
    };
    conn.prepare_cached("INSERT INTO case_search (rowid, case_id, body) VALUES (?1, ?2, ?3)")?
        .execute((row, id, body))?;
    Ok(())
}

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
    use crate::schema::EntityKind::{Case, Event, Note, Person};
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
