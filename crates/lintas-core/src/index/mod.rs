//! Derived tables kept by the op log at each commit: the case summary index, the search text, the victims' matching keys. Rebuilt from the tables after all migrations.
//!
//! Uses: `support`, `model`, `store`.

pub(crate) mod case_index;
pub(crate) mod search_text;
pub(crate) mod victim_keys;
