//! What a task force reads and reports: statistics and the anonymised export (`stats`, re-exported here), the printable report (`printable`), the annual report pack and its province roll-up (`annual`, `rollup`), the dashboard (`dashboard`).
//!
//! Uses: every layer below (`support` to `records`).

pub mod annual;
pub mod dashboard;
pub mod printable;
pub mod rollup;
mod stats;

pub use stats::*;
