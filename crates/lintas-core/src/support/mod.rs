//! Support: what every layer may use and that knows nothing of cases — time and randomness passed in (`ambient`), canonical JSON (`canonical`), files replaced and synced the same way on Linux and Windows (`files`), secret material that cannot be copied or printed (`secret`).
//!
//! Uses: nothing of the core.

pub mod ambient;
pub(crate) mod canonical;
pub mod files;
pub mod secret;
