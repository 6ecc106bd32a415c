//! The op log and everything that writes because of it: ops and the batch (`oplog`), the tables the ops build (`view`), seals over ops (`seal`), device keys and the trust directory (`identity`), who may change what (`authority`), alerts (`alerts`), the access log (`access`), the audit (`audit`), and whether the laptop's clock agrees with the log (`timekeeping`).
//!
//! Uses: `support`, `model`, `store`, `index`.

pub mod access;
pub mod alerts;
pub mod audit;
pub mod authority;
pub(crate) mod erase;
pub mod identity;
pub mod op;
pub mod oplog;
pub mod seal;
pub mod timekeeping;
pub mod upgrade;
pub mod view;
