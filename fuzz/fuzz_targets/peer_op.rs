//! An op body as another district's bundle carries it, past the signatures: the body reader,
//! the value checks and the authority table must refuse or decide it cleanly, and never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = lintas_core::authority::fuzzing::peer_op(data);
});
