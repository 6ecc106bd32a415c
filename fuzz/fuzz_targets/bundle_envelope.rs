//! Any file offered for import: the envelope reader must refuse it cleanly or accept a valid
//! one, and never panic, hang or allocate without bound.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = lintas_core::bundle::fuzzing::envelope(data);
});
