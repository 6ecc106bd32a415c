//! Replays the fuzz corpus (fuzz/corpus/*) and any crash artifacts through the same entry
//! points as the fuzz targets, so inputs the fuzzer found keep being checked in CI without
//! libFuzzer. Seeds: `LINTAS_BLESS=1 cargo test --test fuzz_corpus` writes a validly signed
//! bundle into the envelope corpus.

use lintas_core::bundle::fuzzing;
use std::path::{Path, PathBuf};

fn dir(target: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz").join("corpus").join(target)
}

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let artifacts = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz").join("artifacts").join(target);
    for d in [dir(target), artifacts] {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_file() {
                let bytes = std::fs::read(&p).unwrap();
                out.push((p, bytes));
            }
        }
    }
    out.sort();
    out
}

fn bless(path: &Path, bytes: &[u8]) {
    if std::env::var_os("LINTAS_BLESS").is_some() {
        std::fs::write(path, bytes).unwrap();
    }
}

#[test]
fn envelope_corpus_never_panics_and_its_valid_seed_still_verifies() {
    bless(&dir("bundle_envelope").join("seed-valid-bundle"), &fuzzing::seed_bundle());
    let inputs = inputs("bundle_envelope");
    assert!(inputs.len() >= 10, "the corpus is missing or nearly empty");
    let accepted = inputs.iter().filter(|(_, bytes)| fuzzing::envelope(bytes).is_ok()).count();
    // The valid seed keeps the fuzzer exploring past the signature checks.
    assert!(accepted >= 1, "no corpus input passes the envelope check any more");
    assert!(accepted < inputs.len());
}

#[test]
fn frames_corpus_never_panics() {
    let inputs = inputs("bundle_frames");
    assert!(inputs.len() >= 10, "the corpus is missing or nearly empty");
    for (path, bytes) in &inputs {
        // A result either way; a panic fails the test and names nothing personal.
        let _ = fuzzing::frames(bytes);
        assert!(path.exists());
    }
}
