//! Replays the fuzz corpus (fuzz/corpus/*) and any crash artifacts through the same entry
//! points as the fuzz targets, so inputs the fuzzer found keep being checked in CI without
//! libFuzzer. Seeds: `LINTAS_BLESS=1 cargo test -p lintas-core --test it fuzz_corpus::` writes a validly signed
//! bundle of the current format into the envelope corpus, compressed payloads of the current
//! format (with a seal), one valid and some broken, into the frames corpus, and op bodies that
//! reach the authority table into the peer-op corpus. Inputs of earlier formats stay.

use lintas_core::bundle::fuzzing;
use std::path::{Path, PathBuf};

fn dir(target: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz").join("corpus").join(target)
}

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let artifacts = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz").join("artifacts").join(target);
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
fn envelope_corpus_never_panics_and_its_valid_seeds_still_verify() {
    let name = format!("seed-valid-bundle-v{}", lintas_core::bundle::FORMAT_VERSION);
    bless(&dir("bundle_envelope").join(name), &fuzzing::seed_bundle());
    let inputs = inputs("bundle_envelope");
    assert!(inputs.len() >= 10, "the corpus is missing or nearly empty");
    let accepted: Vec<&[u8]> =
        inputs.iter().map(|(_, bytes)| bytes.as_slice()).filter(|bytes| fuzzing::envelope(bytes).is_ok()).collect();
    // Valid seeds keep the fuzzer exploring past the signature checks, in both formats.
    for version in [1u16, 2, 3] {
        assert!(
            accepted.iter().any(|bytes| bytes[8..10] == version.to_be_bytes()),
            "no format-{version} corpus input passes the envelope check any more"
        );
    }
    assert!(accepted.len() < inputs.len());
}

#[test]
fn frames_corpus_never_panics_and_its_compressed_seed_still_reads() {
    let version = lintas_core::bundle::FORMAT_VERSION;
    for (name, bytes) in fuzzing::compressed_seeds() {
        bless(&dir("bundle_frames").join(format!("seed-v{version}-{name}")), &bytes);
    }
    let inputs = inputs("bundle_frames");
    assert!(inputs.len() >= 10, "the corpus is missing or nearly empty");
    let mut read_to_end = Vec::new();
    for (path, bytes) in &inputs {
        // The fuzz target reads every input both ways, as format 1 and as compressed frames; a
        // result either way is fine, and a panic fails the test and names nothing personal.
        let _ = fuzzing::frames(bytes);
        if fuzzing::compressed_frames(bytes).is_ok() {
            read_to_end.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    // The valid compressed seeds (without and with a seal) keep the fuzzer exploring past the
    // decompressor; the broken ones stay broken.
    let valid = ["seed-v2-valid".to_string(), format!("seed-v{version}-valid")];
    for v in &valid {
        assert!(read_to_end.contains(v), "the valid compressed seed {v} no longer reads");
    }
    assert!(read_to_end.iter().all(|name| valid.contains(name) || !name.starts_with("seed-v")), "{read_to_end:?}");
}

#[test]
fn peer_op_corpus_never_panics_and_its_seeds_reach_the_authority_table() {
    use lintas_core::alerts::Rule;
    use lintas_core::authority::{fuzzing::peer_op, Verdict};
    for (name, bytes) in lintas_core::authority::fuzzing::seeds() {
        bless(&dir("peer_op").join(format!("seed-{name}")), &bytes);
    }
    let inputs = inputs("peer_op");
    assert!(inputs.len() >= 5, "the corpus is missing or nearly empty");
    let mut verdicts = std::collections::BTreeMap::new();
    for (path, bytes) in &inputs {
        verdicts.insert(path.file_name().unwrap().to_string_lossy().into_owned(), peer_op(bytes));
    }
    // Belu deciding Nunukan's referral to TTU, renaming Nunukan's victim, erasing her, adding a
    // note to a case it does not care for, closing the case: the table refuses each, and the
    // erasure becomes a request for Nunukan's coordinator.
    let seed = |n: &str| verdicts[&format!("seed-{n}")];
    assert_eq!(seed("decide"), Some(Verdict::Refuse(Rule::NotReceiver)));
    assert_eq!(seed("rename"), Some(Verdict::Refuse(Rule::NotOwner)));
    assert_eq!(seed("erase"), Some(Verdict::Request));
    assert_eq!(seed("note"), Some(Verdict::Refuse(Rule::NotCarer)));
    assert_eq!(seed("status"), Some(Verdict::Refuse(Rule::NotCarer)));
    // A plan in a case Belu does not care for is refused; naming a partner of its own is not.
    assert_eq!(seed("plan"), Some(Verdict::Refuse(Rule::NotCarer)));
    assert_eq!(seed("organisation"), Some(Verdict::Allow));
}

#[test]
fn spreadsheet_corpus_never_panics_and_its_seeds_still_read() {
    use lintas_core::spreadsheet::fuzzing::{read, seeds};
    for (name, bytes) in seeds() {
        let path = dir("spreadsheet").join(format!("seed-{name}"));
        if std::env::var_os("LINTAS_BLESS").is_some() {
            std::fs::create_dir_all(dir("spreadsheet")).unwrap();
        }
        bless(&path, &bytes);
    }
    let inputs = inputs("spreadsheet");
    assert!(inputs.len() >= 2, "the corpus is missing or nearly empty");
    let mut read_rows = std::collections::BTreeMap::new();
    for (path, bytes) in &inputs {
        read_rows.insert(path.file_name().unwrap().to_string_lossy().into_owned(), read(bytes));
    }
    // The seeds keep the fuzzer past the readers, into the layout and the rows.
    assert_eq!(read_rows["seed-toolkit-csv"], 2);
    assert_eq!(read_rows["seed-toolkit-xlsx"], 1);
}

#[test]
fn aggregate_corpus_never_panics_and_only_its_valid_seed_verifies() {
    use lintas_core::rollup::fuzzing::{seeds, verify};
    if std::env::var_os("LINTAS_BLESS").is_some() {
        std::fs::create_dir_all(dir("aggregate")).unwrap();
    }
    for (name, bytes) in seeds() {
        bless(&dir("aggregate").join(format!("seed-{name}")), &bytes);
    }
    let inputs = inputs("aggregate");
    assert!(inputs.len() >= 2, "the corpus is missing or nearly empty");
    let verified: Vec<String> = inputs
        .iter()
        .filter(|(_, bytes)| verify(bytes))
        .map(|(path, _)| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(verified.contains(&"seed-valid".to_string()), "{verified:?}");
    assert!(!verified.contains(&"seed-tampered".to_string()));
}
