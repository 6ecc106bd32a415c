//! Data protection: erasure (`erasure`), backup and restore (`backup`), the operators of a laptop (`operators`) and the key rotation their removal causes (`rekey`), and decrypted copies for the system viewer (`viewing`).
//!
//! Uses: every layer below (`support` to `exchange`).

pub mod backup;
pub mod erasure;
pub mod operators;
pub mod rekey;
pub mod viewing;
