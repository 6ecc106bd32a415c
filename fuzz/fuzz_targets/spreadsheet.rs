//! A spreadsheet from outside (a task force's workbook or CSV): read, laid out and turned into
//! case documents without a panic or a stall, whatever its bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = lintas_core::spreadsheet::fuzzing::read(data);
});
