//! Tidy: the invariants of ARCHITECTURE.md that the compiler does not check, checked by reading
//! the source, as rust-analyzer's `tidy.rs` does. Each rule names the file and line it finds
//! broken, and what to do instead.
//!
//! - **Layers.** The core is layered (`support`, `model`, `store`, `index`, `log`, `records`,
//!   `exchange`, `protection`, `reports`, then the boundary at the crate root): a module uses
//!   only its own layer and those before it, and always through the layer's path
//!   (`crate::records::cases`, not the root re-export `crate::cases`). So the layers have no
//!   import cycle. Test code may use anything.
//! - **One write path.** The tables of the records (persons, cases and everything in a case)
//!   are written only where the op log applies ops (`log/view.rs`, `log/erase.rs`). Every other
//!   table has a fixed list of writers, with the reason, in [`WRITERS`].
//! - **Wording without the command line.** The core returns codes, and the shells word them;
//!   what text the core still has (code labels, the printable report) reaches the desktop app
//!   too, so none of it names a CLI command, flag or environment variable.
//! - **One boundary, generated.** The UI declares no type that ts-rs generates from Rust
//!   (`ui/src/bindings/`): it imports them.
//! - **Thin shells.** The CLI and the desktop shell hold no SQL and no cryptography, read ids
//!   through the core (`names`), and a `#[tauri::command]` or a CLI handler is a few lines.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The layers, lowest first.
const LAYERS: [&str; 9] = ["support", "model", "store", "index", "log", "records", "exchange", "protection", "reports"];

/// Files at the crate root: the boundary, above every layer.
const ROOT: [&str; 5] = ["lib.rs", "error.rs", "names.rs", "setup.rs", "open.rs"];

/// The tables of the records (one per entity kind of the schema), built from ops by the log's
/// view (`log/view.rs`) and emptied by erasures (`log/erase.rs`) only.
fn record_tables() -> Vec<&'static str> {
    lintas_core::schema::EntityKind::ALL.iter().map(|k| k.def().table).collect()
}

/// Where the record tables are written: applying an op, and applying an erasure.
const RECORD_WRITERS: [&str; 2] = ["log/view.rs", "log/erase.rs"];

/// Every other table that the core writes, who writes it, and why that is not an op.
const WRITERS: &[(&str, &[&str], &str)] = &[
    (
        "ops",
        &["log/op.rs", "log/erase.rs", "log/audit.rs"],
        "the op log itself (op::insert, used by batches); emptied by erasures; copied by a replay into another database",
    ),
    (
        "blobs",
        &["log/oplog.rs", "log/erase.rs", "log/audit.rs"],
        "attachment contents, stored with the op that adds them",
    ),
    ("pending_ops", &["log/oplog.rs", "log/erase.rs"], "peer ops waiting for what they build on"),
    ("entities", &["log/view.rs"], "which op created each entity, kept by the view"),
    ("field_heads", &["log/view.rs"], "the view's merge state"),
    ("field_refs", &["log/view.rs"], "the view's merge state"),
    ("field_versions", &["log/view.rs"], "the view's merge state"),
    ("erased", &["log/erase.rs"], "the ids an erasure took out, for ops that arrive later"),
    ("op_seals", &["log/seal.rs"], "signatures over op hashes, made at commit"),
    ("access_log", &["log/access.rs"], "who viewed or exported what: not a change of the records"),
    ("alerts", &["log/alerts.rs"], "what an import refused or asks a person to decide"),
    ("device_keys", &["log/identity.rs"], "this laptop's secret keys"),
    ("trusted_devices", &["log/identity.rs"], "the trust directory, changed by cards a coordinator accepts"),
    (
        "meta",
        &["store/database.rs", "open.rs", "log/identity.rs", "log/erase.rs"],
        "the installation's identity and housekeeping marks",
    ),
    ("bundles_imported", &["exchange/sync.rs"], "which bundles were imported, against replays"),
    ("peer_receipts", &["exchange/sync.rs"], "what each district acknowledged holding"),
    ("region", &["records/regions.rs"], "reference data: region names from Kepmendagri's list"),
    ("case_summary", &["index/case_index.rs", "log/view.rs"], "derived: rebuilt from the records"),
    ("case_exploitation", &["index/case_index.rs", "log/view.rs"], "derived: rebuilt from the records"),
    (
        "case_search",
        &["index/case_index.rs", "index/search_text.rs", "log/view.rs", "log/erase.rs"],
        "derived: search text",
    ),
    ("case_search_key", &["index/case_index.rs", "index/search_text.rs", "log/view.rs"], "derived: search rowids"),
    ("victim_key", &["index/case_index.rs", "index/victim_keys.rs", "log/view.rs"], "derived: matching keys"),
    ("victim_card", &["index/case_index.rs", "index/victim_keys.rs", "log/view.rs"], "derived: matching cards"),
    ("name_count", &["index/case_index.rs", "index/victim_keys.rs", "log/view.rs"], "derived: victims per name"),
];

/// Tables written under a name only known at run time (`INSERT INTO {table}`).
const DYNAMIC_WRITERS: [&str; 2] = ["log/view.rs", "log/erase.rs"];

/// The longest a `#[tauri::command]` may be, attribute to closing brace.
const MAX_COMMAND_LINES: usize = 25;

/// The longest the CLI's handler of one subcommand (its match arm in `src/main.rs`) may be.
const MAX_HANDLER_LINES: usize = 20;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A source file with its comments blanked out (`code`), and with string and character
/// literals blanked out too (`skeleton`); both keep every byte's position and every newline.
struct Source {
    path: String,
    code: Vec<u8>,
    skeleton: Vec<u8>,
}

impl Source {
    fn read(path: &Path, name: String) -> Source {
        let text = std::fs::read(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let (code, skeleton) = blank(&text);
        Source { path: name, code, skeleton }
    }

    fn line_of(&self, at: usize) -> usize {
        self.code[..at].iter().filter(|&&b| b == b'\n').count() + 1
    }

    /// Byte ranges of test-only code: `#[cfg(test)]` items, and `mod fuzzing` (test support
    /// compiled into the library for the fuzz targets).
    fn test_ranges(&self) -> Vec<(usize, usize)> {
        let s = &self.skeleton;
        let mut out = Vec::new();
        for marker in [&b"#[cfg(test)]"[..], &b"mod fuzzing"[..]] {
            let mut from = 0;
            while let Some(at) = find(s, marker, from) {
                let end = item_end(s, at);
                out.push((at, end));
                from = end;
            }
        }
        out
    }

    /// Positions of `pattern` in `text` (the code or the skeleton) outside test-only code.
    fn find_all(&self, text: &[u8], pattern: &str) -> Vec<usize> {
        let tests = self.test_ranges();
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(at) = find(text, pattern.as_bytes(), from) {
            if !tests.iter().any(|&(a, b)| at >= a && at < b) {
                out.push(at);
            }
            from = at + 1;
        }
        out
    }
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..].windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

/// The end of the item that starts at `at`: its first `;` if that comes before any `{`, else
/// the brace matching its first `{`.
fn item_end(s: &[u8], at: usize) -> usize {
    let brace = find(s, b"{", at).unwrap_or(s.len());
    let semi = find(s, b";", at).unwrap_or(s.len());
    if semi < brace {
        return semi + 1;
    }
    let mut depth = 0usize;
    for (i, &b) in s.iter().enumerate().skip(brace) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    s.len()
}

/// Blanks comments (in both results) and literals (in the skeleton) with spaces.
fn blank(text: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let mut code = text.to_vec();
    let mut skeleton = text.to_vec();
    let n = text.len();
    let mut i = 0;
    let clear = |v: &mut Vec<u8>, a: usize, b: usize| {
        for c in v.iter_mut().take(b.min(n)).skip(a) {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    };
    while i < n {
        let rest = &text[i..];
        if rest.starts_with(b"//") {
            let end = find(text, b"\n", i).unwrap_or(n);
            clear(&mut code, i, end);
            clear(&mut skeleton, i, end);
            i = end;
        } else if rest.starts_with(b"/*") {
            let (mut depth, mut j) = (1, i + 2);
            while j < n && depth > 0 {
                if text[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if text[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            clear(&mut code, i, j);
            clear(&mut skeleton, i, j);
            i = j;
        } else if rest.starts_with(b"r#\"") || rest.starts_with(b"r\"") || rest.starts_with(b"br\"") {
            let start = find(text, b"\"", i).expect("a raw string has a quote");
            let hashes = text[i..start].iter().filter(|&&b| b == b'#').count();
            let mut close = b"\"".to_vec();
            close.extend(std::iter::repeat_n(b'#', hashes));
            let end = find(text, &close, start + 1).map_or(n, |e| e + close.len());
            clear(&mut skeleton, start + 1, end - close.len());
            i = end;
        } else if text[i] == b'"' {
            let mut j = i + 1;
            while j < n && text[j] != b'"' {
                j += if text[j] == b'\\' { 2 } else { 1 };
            }
            clear(&mut skeleton, i + 1, j);
            i = j + 1;
        } else if text[i] == b'\'' {
            // A character literal ('x', '\n', '{'), not a lifetime ('a).
            let len = if rest.get(1) == Some(&b'\\') {
                find(text, b"'", i + 2).map(|e| e + 1 - i)
            } else {
                let ch = std::str::from_utf8(&rest[1..rest.len().min(5)])
                    .ok()
                    .or_else(|| (2..5).rev().find_map(|k| std::str::from_utf8(&rest[1..rest.len().min(k)]).ok()));
                ch.and_then(|c| c.chars().next())
                    .map(|c| 1 + c.len_utf8())
                    .filter(|&l| rest.get(l) == Some(&b'\''))
                    .map(|l| l + 1)
            };
            match len {
                Some(l) => {
                    clear(&mut skeleton, i + 1, i + l - 1);
                    i += l;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    (code, skeleton)
}

/// Every `.rs` file under `dir`, with its path relative to `base`.
fn sources(dir: &Path, base: &Path) -> Vec<Source> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(sources(&path, base));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let name = path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
            out.push(Source::read(&path, name));
        }
    }
    out
}

fn core_sources() -> Vec<Source> {
    let src = root().join("src");
    sources(&src, &src)
}

fn word_at(text: &[u8], at: usize) -> String {
    text[at..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'_').map(|&b| b as char).collect()
}

/// The layer of a core file (`None` for the boundary at the root).
fn layer_of(path: &str) -> Option<usize> {
    let first = path.split('/').next().unwrap_or("");
    LAYERS.iter().position(|l| *l == first)
}

fn check_layers(files: &[Source]) -> Vec<String> {
    let mut broken = Vec::new();
    for f in files {
        let own = layer_of(&f.path);
        if own.is_none() && !ROOT.contains(&f.path.as_str()) {
            broken.push(format!("{}: a file outside the layers; put it in one (lib.rs lists them)", f.path));
            continue;
        }
        for at in f.find_all(&f.skeleton, "crate::") {
            let name = word_at(&f.skeleton, at + "crate::".len());
            let line = f.line_of(at);
            match LAYERS.iter().position(|l| *l == name) {
                Some(used) if own.is_some_and(|own| used > own) => broken.push(format!(
                    "{}:{line}: layer `{}` uses `{name}`, a layer above it; move the code down or invert the call",
                    f.path,
                    LAYERS[own.unwrap()]
                )),
                Some(_) => {}
                None if ["error", "names", "setup", "open", "Error", "ErrorCode", "IpcError"]
                    .contains(&name.as_str()) =>
                {
                    if own.is_some() {
                        broken.push(format!(
                            "{}:{line}: `crate::{name}` is the boundary, above every layer; return this module's own error",
                            f.path
                        ));
                    }
                }
                None => broken.push(format!(
                    "{}:{line}: `crate::{name}` is a re-export for the shells; inside the core name its layer",
                    f.path
                )),
            }
        }
    }
    broken
}

/// The table each SQL write in non-test code writes to, with its line.
fn writes(f: &Source) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let text = String::from_utf8_lossy(&f.code).into_owned();
    for verb in [
        "INSERT INTO ",
        "INSERT OR IGNORE INTO ",
        "INSERT OR REPLACE INTO ",
        "REPLACE INTO ",
        "UPDATE ",
        "DELETE FROM ",
    ] {
        for at in f.find_all(&f.code, verb) {
            // Only inside string literals: the skeleton has blanked them.
            if f.skeleton[at] != b' ' {
                continue;
            }
            let after = text[at + verb.len()..].trim_start_matches('"');
            let table: String = if after.starts_with('{') {
                "{dynamic}".into()
            } else {
                after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
            };
            if !table.is_empty() {
                out.push((table, f.line_of(at)));
            }
        }
    }
    out
}

/// The module a core file is (`records::cases`, `store` for `store/mod.rs`, `open`).
fn module_of(path: &str) -> String {
    path.trim_end_matches(".rs").trim_end_matches("/mod").replace('/', "::")
}

/// The modules each core module uses: `crate::a::b` names the file `a/b.rs` if there is one,
/// else `a/mod.rs`; a layer's `mod.rs` uses the children it re-exports (`pub use child::`).
fn module_graph(files: &[Source]) -> BTreeMap<String, std::collections::BTreeSet<String>> {
    let modules: std::collections::BTreeSet<String> = files.iter().map(|f| module_of(&f.path)).collect();
    let mut graph = BTreeMap::new();
    for f in files {
        let me = module_of(&f.path);
        let mut uses = std::collections::BTreeSet::new();
        for at in f.find_all(&f.skeleton, "crate::") {
            let first = word_at(&f.skeleton, at + "crate::".len());
            let after = at + "crate::".len() + first.len();
            let second =
                if f.skeleton[after..].starts_with(b"::") { word_at(&f.skeleton, after + 2) } else { String::new() };
            let two = format!("{first}::{second}");
            let target = if modules.contains(&two) { two } else { first };
            if modules.contains(&target) && target != me {
                uses.insert(target);
            }
        }
        if f.path.ends_with("mod.rs") {
            for at in f.find_all(&f.skeleton, "pub use ") {
                let child = format!("{me}::{}", word_at(&f.skeleton, at + "pub use ".len()));
                if modules.contains(&child) {
                    uses.insert(child);
                }
            }
        }
        graph.insert(me, uses);
    }
    graph
}

/// A cycle in the module graph, if there is one, as the modules along it.
fn find_cycle(graph: &BTreeMap<String, std::collections::BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, std::collections::BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut std::collections::BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|n| n == node) {
            let mut cycle = path[i..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = std::collections::BTreeSet::new();
    graph.keys().find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

fn check_writers(files: &[Source]) -> Vec<String> {
    let writers: BTreeMap<&str, &[&str]> = WRITERS.iter().map(|(t, w, _)| (*t, *w)).collect();
    let records = record_tables();
    let mut broken = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for f in files {
        for (table, line) in writes(f) {
            seen.insert((table.clone(), f.path.clone()));
            let allowed: &[&str] = if table == "{dynamic}" {
                &DYNAMIC_WRITERS
            } else if records.contains(&table.as_str()) {
                &RECORD_WRITERS
            } else if let Some(w) = writers.get(table.as_str()) {
                w
            } else {
                broken.push(format!(
                    "{}:{line}: writes `{table}`, a table tidy does not know: add it to WRITERS with its writers and why it is not an op",
                    f.path
                ));
                continue;
            };
            if !allowed.contains(&f.path.as_str()) {
                broken.push(format!(
                    "{}:{line}: writes `{table}`, which only {allowed:?} may write; go through the op log (Batch) instead",
                    f.path
                ));
            }
        }
    }
    // The list stays exact: a writer that no longer writes its table is taken off it.
    if files.len() > 40 {
        for (table, list, _) in WRITERS {
            for file in *list {
                if !seen.contains(&(table.to_string(), file.to_string())) {
                    broken.push(format!("WRITERS: {file} no longer writes `{table}`; take it off the list"));
                }
            }
        }
    }
    broken
}

fn check_shells(files: &[Source]) -> Vec<String> {
    let mut broken = Vec::new();
    for f in files {
        let text = String::from_utf8_lossy(&f.code);
        for (n, line) in text.lines().enumerate() {
            for sql in ["SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM", "PRAGMA "] {
                if line.contains(sql) && line.contains('"') {
                    broken.push(format!("{}:{}: SQL in a shell; call a core function instead", f.path, n + 1));
                }
            }
            if line.contains(".parse()") || line.contains("parse::<") {
                broken.push(format!(
                    "{}:{}: a shell reading an id itself; use lintas_core::names so both shells read it alike",
                    f.path,
                    n + 1
                ));
            }
            for crate_name in ["rusqlite::", "ring::", "age::", "argon2::"] {
                if line.contains(crate_name) {
                    broken.push(format!(
                        "{}:{}: {crate_name} in a shell; storage and crypto are the core's",
                        f.path,
                        n + 1
                    ));
                }
            }
        }
        if f.path.ends_with("src/main.rs") {
            let text = String::from_utf8_lossy(&f.skeleton).into_owned();
            let mut offset = 0;
            for line in text.split('\n') {
                let start = offset;
                offset += line.len() + 1;
                if !line.trim_start().starts_with("Command::") {
                    continue;
                }
                let Some(arrow) = line.find("=> {") else { continue };
                let end = item_end(&f.skeleton, start + arrow);
                broken.extend(too_long(f, start, end, MAX_HANDLER_LINES, "a CLI handler"));
            }
        }
        for at in f.find_all(&f.skeleton, "#[tauri::command]") {
            broken.extend(too_long(f, at, item_end(&f.skeleton, at), MAX_COMMAND_LINES, "a command"));
        }
    }
    broken
}

/// The subcommands of the `lintas` CLI, as a message would name them (`lintas trust add`).
const CLI_COMMANDS: [&str; 20] = [
    "init",
    "case",
    "bundle",
    "trust",
    "referral",
    "recover",
    "backup",
    "restore",
    "duplicates",
    "conflicts",
    "operator",
    "audit",
    "report",
    "passphrase",
    "keys",
    "identity",
    "erase",
    "alerts",
    "reference",
    "search",
];

/// Text in the core (outside comments and tests) that names a CLI command, flag or variable.
fn check_wording(files: &[Source]) -> Vec<String> {
    let mut broken = Vec::new();
    for f in files {
        let tests = f.test_ranges();
        let text = String::from_utf8_lossy(&f.code).into_owned();
        let mut offset = 0;
        for (n, line) in text.split('\n').enumerate() {
            let at_line = offset;
            offset += line.len() + 1;
            if tests.iter().any(|&(a, b)| at_line >= a && at_line < b) || line.contains("env::var") {
                continue;
            }
            let mut found = Vec::new();
            for cmd in CLI_COMMANDS {
                let needle = format!("lintas {cmd}");
                if let Some(i) = line.find(&needle) {
                    let next = line[i + needle.len()..].chars().next();
                    if !next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                        found.push(needle);
                    }
                }
            }
            if let Some(i) = line.find(" --") {
                if line[i + 3..].starts_with(|c: char| c.is_ascii_lowercase()) {
                    found.push("a --flag".into());
                }
            }
            if line.contains("LINTAS_") {
                found.push("a LINTAS_ variable".into());
            }
            for what in found {
                broken.push(format!(
                    "{}:{}: names {what}; the core's wording reaches the app too: say what to do in words, and let the CLI add its hint (src/output.rs)",
                    f.path,
                    n + 1
                ));
            }
        }
    }
    broken
}

/// The TypeScript declarations (`interface X` or `type X =`) in `dir` that have the name of a
/// generated binding.
fn hand_written_copies(dir: &Path, generated: &std::collections::BTreeSet<String>) -> Vec<String> {
    let mut broken = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            if name != "bindings" {
                broken.extend(hand_written_copies(&path, generated));
            }
            continue;
        }
        if !(name.ends_with(".ts") || name.ends_with(".tsx")) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_start().trim_start_matches("export ");
            let declared = line
                .strip_prefix("interface ")
                .or_else(|| line.strip_prefix("type ").filter(|rest| rest.contains('=')));
            let Some(rest) = declared else { continue };
            let ident: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if generated.contains(&ident) {
                broken.push(format!(
                    "{}:{}: declares `{ident}`, which is generated from Rust; import it from src/bindings/{ident}",
                    path.display(),
                    n + 1
                ));
            }
        }
    }
    broken
}

fn generated_bindings(dir: &Path) -> std::collections::BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().to_string_lossy().strip_suffix(".ts").map(str::to_string))
        .collect()
}

/// A complaint if the code from `start` to `end` spans more than `max` lines.
fn too_long(f: &Source, start: usize, end: usize, max: usize, what: &str) -> Option<String> {
    let lines = f.line_of(end) - f.line_of(start) + 1;
    (lines > max).then(|| {
        format!("{}:{}: {what} of {lines} lines (at most {max}); move the work into the core", f.path, f.line_of(start))
    })
}

fn shell_sources() -> Vec<Source> {
    let repo = root().join("../..");
    let mut out = Vec::new();
    for dir in ["src", "src-tauri"] {
        out.extend(sources(&repo.join(dir), &repo));
    }
    out
}

/// Files are put in place only by `support::files::replace`: on Windows a plain rename fails at
/// once when another program (an antivirus scan) holds the file for a moment.
fn check_renames(files: &[Source]) -> Vec<String> {
    let mut broken = Vec::new();
    for f in files.iter().filter(|f| !f.path.ends_with("support/files.rs")) {
        for at in f.find_all(&f.code, "fs::rename(") {
            broken.push(format!(
                "{}:{}: renames with std::fs::rename; use support::files::replace, which waits for a program holding the file on Windows",
                f.path,
                f.line_of(at)
            ));
        }
    }
    broken
}

fn assert_clean(rule: &str, broken: Vec<String>) {
    assert!(broken.is_empty(), "{rule}:\n{}", broken.join("\n"));
}

#[test]
fn layers_use_only_the_layers_below_them() {
    assert_clean("layers", check_layers(&core_sources()));
}

/// Not only the layers: no two modules of the core use each other, directly or round about.
#[test]
fn the_modules_of_the_core_have_no_import_cycle() {
    let graph = module_graph(&core_sources());
    assert!(graph.len() > 40 && graph["records::cases"].contains("log::oplog"), "{graph:?}");
    if let Some(cycle) = find_cycle(&graph) {
        panic!("an import cycle: {}; move what both need into a module below them", cycle.join(" -> "));
    }
}

#[test]
fn records_are_written_only_through_the_op_log() {
    assert_clean("writers", check_writers(&core_sources()));
}

#[test]
fn the_cores_wording_names_no_command_line() {
    assert_clean("wording", check_wording(&core_sources()));
}

#[test]
fn the_ui_copies_no_generated_type() {
    let ui = root().join("../../ui/src");
    let generated = generated_bindings(&ui.join("bindings"));
    assert!(generated.contains("AppStatus") && generated.contains("IpcError"), "{generated:?}");
    assert_clean("boundary", hand_written_copies(&ui, &generated));
}

#[test]
fn files_are_replaced_only_through_support_files() {
    let mut files = core_sources();
    files.extend(shell_sources());
    assert!(files.iter().any(|f| f.path.ends_with("support/files.rs")), "support/files.rs not found");
    assert_clean("renames", check_renames(&files));
}

#[test]
fn shells_hold_no_sql_no_crypto_and_short_commands() {
    assert_clean("shells", check_shells(&shell_sources()));
}

/// Each rule catches what it is for: a file written to break it is reported.
#[test]
fn each_rule_catches_a_breach() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        Source::read(&path, name.to_string())
    };
    let upward = write("store/bad.rs", "use crate::records::cases;\n// crate::reports in a comment is fine\n");
    let flat = write("log/bad.rs", "fn f() { crate::cases::list(); }\n");
    let boundary = write("records/bad.rs", "fn f() -> Result<(), crate::Error> { Ok(()) }\n");
    let in_test = write("store/ok.rs", "#[cfg(test)]\nmod tests {\n    use crate::records::cases;\n}\n");
    let layers = check_layers(&[upward, flat, boundary, in_test]);
    assert_eq!(layers.len(), 3, "{layers:?}");
    assert!(layers[0].starts_with("store/bad.rs:1:") && layers[0].contains("layer above"));
    assert!(layers[1].contains("re-export") && layers[2].contains("boundary"));

    assert!(record_tables().contains(&"person") && record_tables().contains(&"case_file"));
    let behind = write("records/bad.rs", "fn f(c: &C) { c.execute(\"UPDATE person SET first_name = 'x'\", []); }\n");
    let dynamic = write("records/dyn.rs", "fn f(c: &C) { c.execute(&format!(\"DELETE FROM {t}\"), []); }\n");
    let unknown = write("log/view.rs", "fn f(c: &C) { c.execute(\"INSERT INTO secret_table VALUES (1)\", []); }\n");
    let allowed = write("log/erase.rs", "fn f(c: &C) { c.execute(\"DELETE FROM person WHERE id = ?1\", []); }\n");
    let writers = check_writers(&[behind, dynamic, unknown, allowed]);
    assert_eq!(writers.len(), 3, "{writers:?}");
    assert!(writers[0].contains("`person`") && writers[1].contains("{dynamic}") && writers[2].contains("secret_table"));

    let a = write("records/a.rs", "fn f() { crate::records::b::g(); }\n");
    let b = write("records/b.rs", "fn g() { crate::records::a::f(); }\n");
    let c = write("records/c.rs", "fn h() { crate::records::a::f(); }\n");
    let cycle = find_cycle(&module_graph(&[a, b, c])).expect("a cycle");
    assert_eq!(cycle, ["records::a", "records::b", "records::a"]);

    let wording = check_wording(&[
        write("error.rs", "const M: &str = \"Import the card first (lintas trust add).\";\n"),
        write("model/w.rs", "const M: &str = \"or give a reason with --consent-override\";\n"),
        write("model/v.rs", "const M: &str = \"lintas-keys v2, lintas recovery kek\"; // lintas trust add\n"),
    ]);
    assert_eq!(wording.len(), 2, "{wording:?}");

    let ui = dir.path().join("ui");
    std::fs::create_dir_all(ui.join("bindings")).unwrap();
    std::fs::write(ui.join("bindings/Operator.ts"), "export type Operator = { id: string };\n").unwrap();
    std::fs::write(ui.join("types.ts"), "export interface Operator {\n  id: string;\n}\nexport type Lang = 'id';\n")
        .unwrap();
    let copies = hand_written_copies(&ui, &generated_bindings(&ui.join("bindings")));
    assert_eq!(copies.len(), 1, "{copies:?}");

    let long = format!("#[tauri::command]\npub fn f() {{\n{}}}\n", "    x();\n".repeat(30));
    let shells = check_shells(&[
        write("src-tauri/a.rs", &long),
        write("src/b.rs", "fn f() { conn.query_row(\"SELECT 1\", [], |_| Ok(())); }\n"),
        write("src/c.rs", "use ring::digest;\n"),
        write("src/d.rs", "let id: Uuid = text.trim().parse()?;\n"),
        write(
            "src/main.rs",
            &format!("match c {{\n    Command::Long {{ a }} => {{\n{}    }}\n}}\n", "        x();\n".repeat(25)),
        ),
    ]);
    assert_eq!(shells.len(), 5, "{shells:?}");

    let renames = check_renames(&[
        write("exchange/r.rs", "fn f() { std::fs::rename(&a, &b)?; }\n// std::fs::rename( in a comment\n"),
        write("support/files.rs", "fn replace() { std::fs::rename(from, to) }\n"),
        write("store/t.rs", "#[cfg(test)]\nmod tests {\n    fn t() { std::fs::rename(&a, &b).unwrap(); }\n}\n"),
    ]);
    assert_eq!(renames.len(), 1, "{renames:?}");
    assert!(renames[0].starts_with("exchange/r.rs:1:"), "{renames:?}");
}

#[test]
fn literals_and_comments_are_told_apart_from_code() {
    let src = b"let a = '{'; // crate::x {\nlet b = \"}{\"; /* } */ 'a: loop {}\n";
    let (code, skeleton) = blank(src);
    let (code, skeleton) = (String::from_utf8(code).unwrap(), String::from_utf8(skeleton).unwrap());
    assert_eq!((code.len(), skeleton.len()), (src.len(), src.len()));
    assert!(code.contains("'{'") && code.contains("\"}{\"") && !code.contains("crate::x") && !code.contains("*/"));
    // Only the loop's braces are code; the lifetime stays.
    assert_eq!((skeleton.matches('{').count(), skeleton.matches('}').count()), (1, 1));
    assert!(skeleton.contains("'a: loop {}"));
}
