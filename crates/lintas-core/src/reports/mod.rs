//! What a task force reads and reports: statistics and the anonymised export (`stats`, re-exported here), the printable report (`printable`), the dashboard (`dashboard`).
//!
//! Uses: every layer below (`support` to `records`).

pub mod dashboard;
pub mod printable;
mod stats;

pub use stats::*;
