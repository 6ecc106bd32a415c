//! Clocks, percentiles, memory and child processes.

use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Latency of repeated queries: how many ran, and percentiles in milliseconds.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Latency {
    pub queries: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
}

/// The nearest-rank percentile of sorted samples.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank.min(sorted.len()) - 1]
}

/// Runs `query(i)` up to `n` times, stopping early after `budget` (slow queries on a large
/// store would otherwise take the whole run), and at least a few times.
pub fn latencies(n: usize, budget: Duration, mut query: impl FnMut(usize)) -> Latency {
    let started = Instant::now();
    let mut samples = Vec::with_capacity(n);
    for i in 0..n {
        let t = Instant::now();
        query(i);
        samples.push(t.elapsed().as_secs_f64() * 1000.0);
        if i >= 4 && started.elapsed() > budget {
            break;
        }
    }
    samples.sort_by(f64::total_cmp);
    Latency {
        queries: samples.len(),
        p50_ms: percentile(&samples, 50.0),
        p95_ms: percentile(&samples, 95.0),
        max_ms: samples.last().copied().unwrap_or(f64::NAN),
    }
}

/// A field of `/proc/self/status` in KiB (`VmHWM` is the peak resident set, `VmRSS` the
/// current one). Linux only; `None` elsewhere.
pub fn proc_status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with(field) && l[field.len()..].starts_with(':'))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
}

/// Bytes of every file under `dir`.
pub fn dir_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .map(|e| {
            let p = e.path();
            if p.is_dir() {
                dir_bytes(&p)
            } else {
                e.metadata().map(|m| m.len()).unwrap_or(0)
            }
        })
        .sum()
}

/// What the import child reports on its standard output, as one JSON line.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportReport {
    pub seconds: f64,
    /// Peak resident memory of the child over its whole life (`VmHWM`), KiB.
    pub peak_kib: u64,
    /// Peak resident memory once the store was open, before the import began, KiB.
    pub open_peak_kib: u64,
    pub ops_applied: u64,
    pub ops_already_present: u64,
    pub new_cases: usize,
}

/// How an import in a child process ended.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ImportOutcome {
    Finished(ImportReport),
    /// Stopped after this many seconds; the child's transaction was never committed, so the
    /// store is as it was.
    StoppedAfter {
        seconds: f64,
    },
    Failed {
        message: String,
    },
}

/// Imports a bundle in a fresh process (this program, re-run with the hidden `import-child`
/// command), so that its peak memory is the import's alone: `VmHWM` only ever grows, and this
/// process has held far larger datasets. The store is opened with the recovery key (HKDF), so
/// Argon2id's 64 MiB does not count. The recovery key travels on standard input.
pub fn import_in_child(store: &Path, bundle: &Path, recovery_key: &str, limit: Duration) -> ImportOutcome {
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => return ImportOutcome::Failed { message: e.to_string() },
    };
    let spawned = Command::new(exe)
        .arg("import-child")
        .arg(store)
        .arg(bundle)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn();
    let mut child = match spawned {
        Ok(c) => c,
        Err(e) => return ImportOutcome::Failed { message: e.to_string() },
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(recovery_key.as_bytes());
    }
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > limit => {
                // Only this child, by its handle.
                let _ = child.kill();
                let _ = child.wait();
                return ImportOutcome::StoppedAfter { seconds: started.elapsed().as_secs_f64() };
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return ImportOutcome::Failed { message: e.to_string() },
        }
    }
    let output = match child.wait_with_output() {
        Ok(o) => o,
        Err(e) => return ImportOutcome::Failed { message: e.to_string() },
    };
    let text = String::from_utf8_lossy(&output.stdout);
    match serde_json::from_str::<ImportReport>(text.trim()) {
        Ok(r) if output.status.success() => ImportOutcome::Finished(r),
        _ => ImportOutcome::Failed { message: format!("the import child failed ({})", output.status) },
    }
}

/// Opens a kept store with the recovery key read from standard input (a child's way in).
fn open_with_key_on_stdin(store: &Path) -> Result<lintas_core::store::Store, String> {
    let mut key = String::new();
    std::io::stdin().read_line(&mut key).map_err(|e| e.to_string())?;
    let recovery =
        lintas_core::setup::parse_recovery_key(key.trim()).map_err(|_| "unreadable recovery key".to_string())?;
    lintas_core::store::Store::open_with_recovery(store, &recovery).map_err(|e| format!("open: {e}"))
}

/// The hidden `export-child STORE DISTRICT OUT` command: opens the store with the recovery key
/// on standard input and exports everything it holds for DISTRICT, so that an export can be
/// repeated (and profiled) on a kept store.
pub fn run_export_child(store: &Path, to: &str, out: &Path) -> Result<(), String> {
    let mut opened = open_with_key_on_stdin(store)?;
    let entropy = lintas_core::ambient::SeededEntropy::new(17);
    let t = Instant::now();
    let summary = lintas_core::sync::export(&mut opened, to, true, out, &crate::scenario::clock(), &entropy)
        .map_err(|e| format!("export: {e}"))?;
    println!(
        "{} cases, {} ops, {} bytes in {:.3} s",
        summary.cases,
        summary.ops,
        summary.bytes,
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The hidden `import-child` command: opens the store, imports the bundle, reports.
pub fn run_import_child(store: &Path, bundle: &Path) -> Result<(), String> {
    let mut opened = open_with_key_on_stdin(store)?;
    let open_peak_kib = proc_status_kib("VmHWM").unwrap_or(0);
    let clock = crate::scenario::clock();
    let t = Instant::now();
    // A spreadsheet (by its extension) goes through the spreadsheet import, anything else is a
    // bundle.
    let is_sheet = bundle.extension().is_some_and(|e| e == "csv" || e == "xlsx");
    let (ops_applied, ops_already_present, new_cases) = if is_sheet {
        let entropy = lintas_core::ambient::SeededEntropy::new(15);
        let r = lintas_core::spreadsheet::import(&mut opened, bundle, &clock, &entropy, &mut |_, _| {})
            .map_err(|e| format!("spreadsheet import: {e}"))?;
        (0, 0, r.imported as usize)
    } else {
        let summary = lintas_core::sync::import(&mut opened, bundle, &clock).map_err(|e| format!("import: {e}"))?;
        (summary.ops_applied, summary.ops_already_present, summary.new_cases.len())
    };
    let seconds = t.elapsed().as_secs_f64();
    let report = ImportReport {
        seconds,
        peak_kib: proc_status_kib("VmHWM").unwrap_or(0),
        open_peak_kib,
        ops_applied,
        ops_already_present,
        new_cases,
    };
    println!("{}", serde_json::to_string(&report).map_err(|e| e.to_string())?);
    Ok(())
}
