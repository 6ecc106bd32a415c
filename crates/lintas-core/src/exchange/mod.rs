//! The exchange between districts: the bundle format (`bundle`) and export and import (`sync`).
//!
//! Uses: every layer below (`support` to `records`).

pub mod bundle;
pub mod sync;
