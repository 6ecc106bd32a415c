//! Support: what every layer may use and that knows nothing of cases — time and randomness passed in (`ambient`), canonical JSON (`canonical`), secret material that cannot be copied or printed (`secret`).
//!
//! Uses: nothing of the core.

pub mod ambient;
pub(crate) mod canonical;
pub mod secret;
