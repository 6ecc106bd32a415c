//! Upgrading a store's schema: the SQL of the numbered migrations (`store::migrate`), the work
//! a migration needs besides its SQL in the same transaction, and, once after all of them, the
//! derived tables rebuilt by today's code against the final schema.

use crate::store::migrate::{self, MigrateError, SCHEMA_VERSION};
use rusqlite::Connection;

/// Brings the schema up to [`SCHEMA_VERSION`]. Returns the version it started from.
pub fn run(conn: &mut Connection) -> Result<u32, MigrateError> {
    let found = migrate::run_sql(conn, &after)?;
    if found < SCHEMA_VERSION {
        rebuild_derived(conn)?;
    }
    Ok(found)
}

/// Work a migration needs besides its SQL, in the same transaction.
fn after(version: u32, tx: &Connection) -> rusqlite::Result<()> {
    match version {
        10 => seal_own_ops(tx),
        _ => Ok(()),
    }
}

/// After every upgrade, once all migrations have run: the derived tables that only Rust code
/// can compute (the case index of migration 9: summaries, normalised names, search text) are
/// rebuilt by the code that keeps them up to date, against the final schema. A migration never
/// calls that code itself, so a later change of the index cannot break an old store's upgrade.
fn rebuild_derived(conn: &mut Connection) -> Result<(), MigrateError> {
    let failed = |_| MigrateError::Failed(SCHEMA_VERSION);
    let tx = conn.transaction().map_err(failed)?;
    crate::index::case_index::rebuild_all(&tx).map_err(failed)?;
    tx.commit().map_err(failed)
}

/// Migration 10: this device signs seals over the ops it wrote before seals existed, so that
/// they can travel in bundles of format 3. A store made before it had device keys (schema 1)
/// gets them, and its seals, on first open (`Store::open`).
fn seal_own_ops(tx: &Connection) -> rusqlite::Result<()> {
    use rusqlite::OptionalExtension;
    let device: Option<String> =
        tx.query_row("SELECT value FROM meta WHERE key = 'device_id'", [], |r| r.get(0)).optional()?;
    let Some(device) = device.and_then(|d| d.parse().ok()) else { return Ok(()) };
    match crate::log::identity::load_device_keys(tx, device) {
        Ok(keys) => crate::log::seal::seal_unsealed(tx, &keys),
        Err(_) => Ok(()),
    }
}

/// An empty database in memory at the current schema, for unit tests of the tables.
#[cfg(test)]
pub(crate) fn in_memory() -> Connection {
    let mut conn = Connection::open_in_memory().expect("an in-memory database");
    run(&mut conn).expect("the migrations run");
    conn
}
