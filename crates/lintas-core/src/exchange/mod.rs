//! The exchange between districts — the bundle format (`bundle`) and export and import (`sync`)
//! — and with other systems: records from spreadsheets (`spreadsheet`).
//!
//! Uses: every layer below (`support` to `records`).

pub mod bundle;
pub mod spreadsheet;
pub mod sync;
