//! Lintas core: everything the desktop app and the CLI do, without any user interface.
//!
//! The core is laid out in layers, each a folder whose module doc says what it owns and what it
//! may use; a layer uses only the layers before it in this list (`tidy` tests check it):
//! `support`, `model`, `store`, `index`, `log`, `records`, `exchange`, `protection`, `reports`,
//! and at the top the boundary (`error`, `names`, `setup`, `open`). See ARCHITECTURE.md for the code map
//! and the invariants.
#![deny(unsafe_code)]

pub mod exchange;
pub mod index;
pub mod log;
pub mod model;
pub mod protection;
pub mod records;
pub mod reports;
pub mod store;
pub mod support;

pub mod error;
pub mod names;
mod open;
pub mod setup;

// The public paths the shells use, one per module, whatever layer it lives in.
pub use exchange::{bundle, spreadsheet, sync};
pub use log::{access, alerts, audit, authority, identity, oplog, seal, timekeeping, view};
pub use model::{codes, roles, schema, validate};
pub use protection::{backup, erasure, operators, rekey, viewing};
pub use records::{
    assessments, cases, conflicts, duplicates, organisations, referrals, regions, registers, search, worklist,
};
pub use reports::{annual, dashboard, printable, rollup};
pub use store::{keyfile, migrate};
pub use support::{ambient, secret};

pub use error::{Error, ErrorCode, IpcError};
