//! The integration tests of the core, in one binary: the wire formats against their golden
//! fixtures, the fuzz corpus, property tests of replay and convergence, the attacks of a hostile
//! district, and the tidy rules that read the source.

mod support;

mod bundle;
mod casework;
mod convergence;
mod fuzz_corpus;
mod golden;
mod hostile;
mod registers;
mod replay;
mod tidy;
