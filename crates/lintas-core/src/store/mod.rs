//! The encrypted store: the SQLCipher database and its connection (`database`, whose `Store` is re-exported here), the key file that seals its key (`keyfile`), and the numbered schema migrations (`migrate`).
//!
//! Uses: `support`, `model`. Opening a store, which also finishes what a crash left, is above every layer (`crate::open`).

mod database;
pub mod keyfile;
pub mod migrate;

pub use database::*;
