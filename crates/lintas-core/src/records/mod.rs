//! The records a worker handles: cases, their assessments, referrals, conflicts, possible
//! duplicates, the organisation directory, the registers of the task force's other work
//! (prevention activities, trainings, empowerment programmes), regions, search and the worklist.
//! Every change goes through the op log.
//!
//! Uses: `support`, `model`, `store`, `index`, `log`.

pub mod assessments;
pub mod cases;
pub mod conflicts;
pub mod duplicates;
pub(crate) mod lookup;
pub mod organisations;
pub mod referrals;
pub mod regions;
pub mod registers;
pub mod search;
pub mod worklist;
