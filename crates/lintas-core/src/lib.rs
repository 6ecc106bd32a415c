//! Lintas core: everything the desktop app and the CLI do, without any user interface.
//!
//! See ARCHITECTURE.md at the repository root for the code map and the invariants.
#![deny(unsafe_code)]

pub mod access;
pub mod alerts;
pub mod ambient;
pub mod audit;
pub mod authority;
pub mod backup;
pub mod bundle;
mod canonical;
mod case_index;
pub mod cases;
pub mod codes;
pub mod conflicts;
pub mod dashboard;
pub mod duplicates;
pub mod erasure;
pub mod error;
pub mod identity;
pub mod keyfile;
pub mod migrate;
pub mod operators;
pub mod oplog;
pub mod printable;
pub mod referrals;
pub mod regions;
pub mod rekey;
pub mod reports;
pub mod roles;
pub mod schema;
pub mod seal;
pub mod search;
pub mod secret;
pub mod setup;
pub mod store;
pub mod sync;
pub mod validate;
pub mod view;

pub use error::{Error, ErrorCode, IpcError};
