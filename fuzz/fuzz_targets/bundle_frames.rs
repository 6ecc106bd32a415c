//! Decrypted payload bytes: the frame reader must refuse malformed frames cleanly. (The age
//! layer in front of it is age's own; signatures keep a fuzzer from reaching this through the
//! envelope, so the frames are fuzzed directly.) Each input is read as format 1 frames and as
//! a format 2 zstd stream of frames, so the decompressor in front of the frame reader is
//! fuzzed too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = lintas_core::bundle::fuzzing::frames(data);
    let _ = lintas_core::bundle::fuzzing::compressed_frames(data);
});
