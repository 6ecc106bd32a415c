//! Numbered schema migrations, embedded in the binary.
//!
//! `PRAGMA user_version` records how many have run. Each file is applied in its own
//! transaction together with the version bump, so a crash never leaves a half-migrated store.
//! What a migration needs besides its SQL, and the rebuild of the derived tables after all of
//! them, is the log layer's (`log::upgrade`): this module knows only the SQL.
//! Released files are never edited; a change of schema is a new file.

use rusqlite::Connection;

pub(crate) const MIGRATIONS: &[(u32, &str)] = &[
    (1, include_str!("../../migrations/0001_initial.sql")),
    (2, include_str!("../../migrations/0002_sync.sql")),
    (3, include_str!("../../migrations/0003_person_links.sql")),
    (4, include_str!("../../migrations/0004_regions.sql")),
    (5, include_str!("../../migrations/0005_access_log.sql")),
    (6, include_str!("../../migrations/0006_operator_roles.sql")),
    (7, include_str!("../../migrations/0007_erasure.sql")),
    (8, include_str!("../../migrations/0008_indexes.sql")),
    (9, include_str!("../../migrations/0009_case_index.sql")),
    (10, include_str!("../../migrations/0010_exchange_trust.sql")),
    (11, include_str!("../../migrations/0011_plans_assessments_organisations.sql")),
    (12, include_str!("../../migrations/0012_source_keys.sql")),
    (13, include_str!("../../migrations/0013_registers.sql")),
    (14, include_str!("../../migrations/0014_matching_keys.sql")),
    (15, include_str!("../../migrations/0015_blobs_with_rowids.sql")),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS[MIGRATIONS.len() - 1].0;

#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error("the store was written by a newer Lintas (schema {found}, this build knows {known})")]
    TooNew { found: u32, known: u32 },
    #[error("migration {0} failed")]
    Failed(u32),
}

pub fn schema_version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Runs the SQL of every migration newer than the store, each in its own transaction with the
/// version bump and with `after(version)`, the work a migration needs besides its SQL (given by
/// the log layer, `log::upgrade`, which also rebuilds the derived tables once at the end).
/// Returns the version it started from.
pub fn run_sql(
    conn: &mut Connection,
    after: &dyn Fn(u32, &Connection) -> rusqlite::Result<()>,
) -> Result<u32, MigrateError> {
    let found = schema_version(conn).map_err(|_| MigrateError::Failed(0))?;
    if found > SCHEMA_VERSION {
        return Err(MigrateError::TooNew { found, known: SCHEMA_VERSION });
    }
    for &(version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > found) {
        let tx = conn.transaction().map_err(|_| MigrateError::Failed(version))?;
        tx.execute_batch(sql).map_err(|_| MigrateError::Failed(version))?;
        after(version, &tx).map_err(|_| MigrateError::Failed(version))?;
        tx.pragma_update(None, "user_version", version).map_err(|_| MigrateError::Failed(version))?;
        tx.commit().map_err(|_| MigrateError::Failed(version))?;
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::upgrade::run;
    use crate::model::schema::EntityKind;

    #[test]
    fn migrations_are_numbered_from_one_without_gaps() {
        for (i, (v, _)) in MIGRATIONS.iter().enumerate() {
            assert_eq!(*v as usize, i + 1);
        }
    }

    #[test]
    fn runs_from_empty_and_is_idempotent() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(run(&mut conn).unwrap(), 0);
        assert_eq!(schema_version(&conn).unwrap(), SCHEMA_VERSION);
        assert_eq!(run(&mut conn).unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn refuses_a_newer_schema() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
        assert!(matches!(run(&mut conn), Err(MigrateError::TooNew { .. })));
    }

    /// Each upgrade starts from a store written at the previous version (a fixture of rows as
    /// that version wrote them) and must keep every row.
    #[test]
    fn upgrades_from_every_previous_version_keep_the_data() {
        for from in 1..SCHEMA_VERSION {
            let mut conn = Connection::open_in_memory().unwrap();
            for &(v, sql) in MIGRATIONS.iter().filter(|(v, _)| *v <= from) {
                conn.execute_batch(sql).unwrap();
                conn.pragma_update(None, "user_version", v).unwrap();
            }
            conn.execute_batch(
                "INSERT INTO meta (key, value) VALUES ('district', '65.03');
                 INSERT INTO person (id, first_name) VALUES ('p1', 'Maria');
                 INSERT INTO case_file (id, case_number, victim_id, intake_date) VALUES ('c1', '6503-2019-0001', 'p1', '2019-09-20');
                 INSERT INTO entities (kind, id, device, seq) VALUES ('case', 'c1', 'd', 1);",
            )
            .unwrap();
            assert_eq!(run(&mut conn).unwrap(), from);
            assert_eq!(schema_version(&conn).unwrap(), SCHEMA_VERSION);
            let n: String = conn
                .query_row("SELECT first_name FROM case_summary WHERE case_number = '6503-2019-0001'", [], |r| r.get(0))
                .unwrap();
            assert_eq!(n, "Maria", "upgrade from {from} lost data");
            let entities: i64 = conn.query_row("SELECT count(*) FROM entities", [], |r| r.get(0)).unwrap();
            assert_eq!(entities, 1);
            // Migration 9 indexed the case that was already there.
            let found: i64 = conn
                .query_row("SELECT count(*) FROM case_search WHERE case_search MATCH 'mar*'", [], |r| r.get(0))
                .unwrap();
            assert_eq!(found, 1, "upgrade from {from} left the search index empty");
        }
    }

    /// Every field of the schema description has a column of the same name, and every column
    /// (but `id`) is a field: the generic materialiser relies on it.
    #[test]
    fn tables_match_the_schema_description() {
        let mut conn = Connection::open_in_memory().unwrap();
        run(&mut conn).unwrap();
        for kind in EntityKind::ALL {
            let def = kind.def();
            let mut stmt = conn.prepare(&format!("PRAGMA table_info({})", def.table)).unwrap();
            let mut cols: Vec<String> = stmt.query_map([], |r| r.get(1)).unwrap().map(|c| c.unwrap()).collect();
            cols.sort();
            let mut expected: Vec<String> = def.fields.iter().map(|f| f.name.to_string()).collect();
            expected.push("id".into());
            expected.sort();
            assert_eq!(cols, expected, "table {}", def.table);
        }
    }
}
