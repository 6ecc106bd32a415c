//! The integration tests of the `lintas` package, in one binary: the CLI driven as a user
//! would, the core through its public API, the wire formats against their golden fixtures, the
//! fuzz corpus, and the attacks of a hostile district. One binary links once instead of once
//! per file.

mod support;

mod backup;
mod bundle;
mod cli;
mod convergence;
mod fuzz_corpus;
mod golden;
mod handoff;
mod hostile;
mod replay;
mod reports;
mod roles;
mod store;
