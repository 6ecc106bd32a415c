//! The integration tests of the `lintas` package, in one binary: the CLI driven as a user
//! would, and the core through its public API where a test also needs the binary. The core's
//! own suites (formats, fuzz corpus, property tests, the hostile district, tidy) are in
//! `crates/lintas-core/tests/it`.

mod support;

mod backup;
mod cli;
// Small filesystems mounted for the test and libfaketime: Linux only (not under Wine).
#[cfg(unix)]
mod faults;
mod handoff;
mod reports;
mod roles;
mod store;
#[cfg(feature = "windows-exchange")]
mod windows;
