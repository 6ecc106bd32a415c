//! `lintas-bench`: builds a synthetic dataset from a fixed seed, fills stores with it through
//! the core's public API, and measures Lintas on them. See the README's performance section for
//! what it measures and how, and `scenario.rs` for the order of the run.
#![deny(unsafe_code)]

mod baseline;
mod dataset;
mod fill;
mod matching;
mod measure;
mod network;
mod pipeline;
mod report;
mod scenario;

use std::path::PathBuf;

const USAGE: &str =
    "usage: lintas-bench [--quick] [--json] [--dir DIR] [--keep] [--sheet ROWS] [--matching] [--imports]
                    [--network [--districts N] [--cases N] [--weeks N]]
  --quick   a reduced run (about a minute), as CI runs it
  --sheet   only the spreadsheet imports, of ROWS and 4 x ROWS rows
  --matching  only the labelled evaluation of duplicate matching
  --imports   only the bundle export and imports at scale (with --keep: stores, bundle, key kept)
  --network   only the simulated year of the national network (514 districts, 5,000 cases,
              52 weeks unless given)
  --json    print one JSON document instead of the table
  --dir     where the stores go (default: a new folder in the system's temporary folder)
  --keep    keep the stores afterwards";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("import-child") {
        let (Some(store), Some(bundle)) = (args.get(1), args.get(2)) else {
            eprintln!("{USAGE}");
            std::process::exit(2);
        };
        if let Err(e) = measure::run_import_child(&PathBuf::from(store), &PathBuf::from(bundle)) {
            eprintln!("lintas-bench import-child: {e}");
            std::process::exit(1);
        }
        return;
    }
    if args.first().map(String::as_str) == Some("export-child") {
        let (Some(store), Some(to), Some(out)) = (args.get(1), args.get(2), args.get(3)) else {
            eprintln!("{USAGE}");
            std::process::exit(2);
        };
        if let Err(e) = measure::run_export_child(&PathBuf::from(store), to, &PathBuf::from(out)) {
            eprintln!("lintas-bench export-child: {e}");
            std::process::exit(1);
        }
        return;
    }
    let (mut quick, mut json, mut keep, mut dir) = (false, false, false, None);
    let mut sheet_rows: Option<u64> = None;
    let mut matching_only = false;
    let mut imports_only = false;
    let mut network: Option<network::NetworkScale> = None;
    let mut rest = args.iter();
    while let Some(a) = rest.next() {
        match a.as_str() {
            "--quick" => quick = true,
            "--json" => json = true,
            "--keep" => keep = true,
            "--dir" => dir = rest.next().map(PathBuf::from),
            "--matching" => matching_only = true,
            "--imports" => imports_only = true,
            "--network" => network = Some(network::NetworkScale::full()),
            "--districts" | "--cases" | "--weeks" if network.is_some() => {
                let (Some(n), Some(net)) = (rest.next().and_then(|n| n.parse::<u64>().ok()), network.as_mut()) else {
                    eprintln!("{USAGE}");
                    std::process::exit(2);
                };
                match a.as_str() {
                    "--districts" => net.districts = n as usize,
                    "--cases" => net.cases = n,
                    _ => net.weeks = n.max(1) as u32,
                }
            }
            "--sheet" => match rest.next().and_then(|n| n.parse().ok()) {
                Some(n) => sheet_rows = Some(n),
                None => {
                    eprintln!("{USAGE}");
                    std::process::exit(2);
                }
            },
            _ => {
                eprintln!("{USAGE}");
                std::process::exit(2);
            }
        }
    }
    // The unlock figure must use the real Argon2id parameters; this variable lowers them for
    // tests. Removed before any thread is started.
    std::env::remove_var("LINTAS_KDF_TARGET_MS");
    let scale = if quick { scenario::Scale::quick() } else { scenario::Scale::full() };
    let work = match &dir {
        Some(d) => tempfile::Builder::new().prefix("lintas-bench-").tempdir_in(d),
        None => tempfile::Builder::new().prefix("lintas-bench-").tempdir(),
    };
    let work = match work {
        Ok(w) => w,
        Err(e) => {
            eprintln!("lintas-bench: cannot make a working folder: {e}");
            std::process::exit(1);
        }
    };
    let mut report = report::Report::default();
    report.fact("mode", if scale.quick { "quick" } else { "full" });
    let started = std::time::Instant::now();
    let result = if let Some(net) = &network {
        network::run(net, work.path(), &mut report)
    } else {
        match (sheet_rows, matching_only, imports_only) {
            (Some(rows), _, _) => scenario::run_sheets(rows, &scale, work.path(), &mut report),
            (None, true, _) => scenario::run_matching(&scale, work.path(), &mut report),
            (None, false, true) => scenario::run_imports(&scale, work.path(), &mut report),
            (None, false, false) => scenario::run(&scale, work.path(), &mut report),
        }
    };
    report.fact("wall_time_s", (started.elapsed().as_secs_f64() * 10.0).round() / 10.0);
    if json {
        println!("{}", serde_json::to_string_pretty(&report.to_json()).unwrap_or_default());
    } else {
        print!("{}", report.to_table());
    }
    if keep {
        eprintln!("stores kept in {}", work.keep().display());
    }
    if let Err(e) = result {
        eprintln!("lintas-bench: {e}");
        std::process::exit(1);
    }
}
