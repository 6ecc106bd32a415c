//! The record model: the HTCDS code lists (`codes`), the 514 kabupaten/kota (`regencies`), the entity and field schema (`schema`), validation of values and documents (`validate`), and what each role may read, write, filter and do (`roles`).
//!
//! Uses: `support`.

pub mod codes;
pub mod regencies;
pub mod roles;
pub mod schema;
pub mod validate;
