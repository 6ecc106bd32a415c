//! Helpers of the core's integration tests.

pub mod district;
pub mod hostile;

pub use district::*;
