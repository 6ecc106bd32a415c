//! The records a worker handles: cases, referrals, conflicts, possible duplicates, regions, search. Every change goes through the op log.
//!
//! Uses: `support`, `model`, `store`, `index`, `log`.

pub mod cases;
pub mod conflicts;
pub mod duplicates;
pub(crate) mod lookup;
pub mod referrals;
pub mod regions;
pub mod search;
