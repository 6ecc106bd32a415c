//! Rows derived from the view for each case, so that lists, counts, filters, search and
//! duplicate checks read a few index pages instead of walking the store: the case's summary
//! row (`case_summary`), its types of exploitation (`case_exploitation`), its search text
//! (`search.rs`) and its victim's duplicate keys (`duplicates.rs`).
//!
//! They are written only by [`refresh`], in the transaction of the op batch that touched the
//! case (`Batch::commit`), after an erasure, and by a replay; `audit verify` compares them with
//! a replay of the log like every materialised table. They hold nothing the view does not.

use rusqlite::Connection;
use uuid::Uuid;

/// Brings every derived row of one case up to date with the view. A case that no longer
/// exists (erased) loses them all.
pub(crate) fn refresh(conn: &Connection, case_id: Uuid) -> rusqlite::Result<()> {
    refresh_id(conn, &case_id.to_string())
}

pub(crate) fn refresh_id(conn: &Connection, id: &str) -> rusqlite::Result<()> {
    summary(conn, id)?;
    crate::index::search_text::reindex(conn, id)?;
    crate::index::victim_keys::index_victim(conn, id)
}

/// Rebuilds the derived rows of every case (after migration 9 created the tables, and after a
/// replay into an empty database).
pub(crate) fn rebuild_all(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "DELETE FROM case_summary; DELETE FROM case_exploitation; DELETE FROM case_search_key;
         DELETE FROM case_search; DELETE FROM victim_key; DELETE FROM victim_card; DELETE FROM name_count;",
    )?;
    let ids: Vec<String> = {
        let mut stmt = conn.prepare("SELECT id FROM case_file")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    ids.iter().try_for_each(|id| refresh_id(conn, id))
}

/// The summary row and exploitation rows. A child is under 18 at intake, or was under 18 when
/// trafficked: one definition, used by lists, filters and reports alike.
fn summary(conn: &Connection, id: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM case_summary WHERE id = ?1")?.execute([id])?;
    conn.prepare_cached("DELETE FROM case_exploitation WHERE case_id = ?1")?.execute([id])?;
    conn.prepare_cached(
        "INSERT INTO case_summary (id, case_number, district, status, trafficking_status, intake_date,
             type_of_exploitation, country_of_exploitation, first_name, second_name, gender, birthdate, is_child)
         SELECT c.id, c.case_number, c.district, c.status, c.trafficking_status, c.intake_date,
                c.type_of_exploitation, c.country_of_exploitation,
                p.first_name, p.second_name, p.gender, p.birthdate,
                CASE
                    WHEN c.age_when_trafficked IS NOT NULL AND c.age_when_trafficked < 18 THEN 1
                    WHEN p.birthdate IS NOT NULL AND c.intake_date IS NOT NULL
                         AND p.birthdate > date(c.intake_date, '-18 years') THEN 1
                    ELSE 0
                END
         FROM case_file c LEFT JOIN person p ON p.id = c.victim_id WHERE c.id = ?1",
    )?
    .execute([id])?;
    // The codes are stored as a JSON list of text; validation allows nothing else, and a
    // value that is not one is left out rather than failing the batch.
    conn.prepare_cached(
        "INSERT OR IGNORE INTO case_exploitation (code, case_id)
         SELECT j.value, c.id FROM case_file c,
             json_each(CASE WHEN json_valid(c.type_of_exploitation) THEN c.type_of_exploitation ELSE '[]' END) j
         WHERE c.id = ?1 AND j.type = 'text'",
    )?
    .execute([id])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Connection {
        crate::log::upgrade::in_memory()
    }

    fn child_flag(conn: &Connection) -> Option<bool> {
        conn.query_row("SELECT is_child FROM case_summary WHERE id = 'c1'", [], |r| r.get(0)).unwrap()
    }

    /// A victim is a child if she was trafficked before 18 or was under 18 at intake; the summary
    /// row follows every change once refreshed, and an erased case loses its rows.
    #[test]
    fn the_summary_row_follows_the_records() {
        let conn = db();
        conn.execute_batch(
            "INSERT INTO person (id, first_name, birthdate) VALUES ('p1', 'Maria', '1990-05-05');
             INSERT INTO case_file (id, case_number, district, victim_id, intake_date)
                 VALUES ('c1', '6503-2019-0001', '65.03', 'p1', '2019-09-20');",
        )
        .unwrap();
        refresh_id(&conn, "c1").unwrap();
        assert_eq!(child_flag(&conn), Some(false));
        conn.execute("UPDATE person SET birthdate = '2003-01-01' WHERE id = 'p1'", []).unwrap();
        refresh_id(&conn, "c1").unwrap();
        assert_eq!(child_flag(&conn), Some(true));
        conn.execute("DELETE FROM case_file WHERE id = 'c1'", []).unwrap();
        refresh_id(&conn, "c1").unwrap();
        let rows: i64 = conn.query_row("SELECT count(*) FROM case_summary", [], |r| r.get(0)).unwrap();
        assert_eq!(rows, 0);
    }
}
