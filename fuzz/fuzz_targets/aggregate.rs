//! A province's aggregate report file as a kabupaten sends it: the reader and the signature
//! check must refuse or accept it cleanly, and never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = lintas_core::rollup::fuzzing::verify(data);
});
