//! The search text of each case (FTS5 table `case_search`), rebuilt for each case an op batch
//! touched, inside the batch's transaction (`case_index::refresh`). Each case's FTS5 rowid is
//! kept in `case_search_key`, because FTS5 finds a row quickly only by its rowid. Searching is
//! `records::search`.

use rusqlite::{Connection, OptionalExtension};

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
