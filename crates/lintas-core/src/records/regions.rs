//! Region names: the 38 provinces and 514 kabupaten/kota Lintas ships with, names from a newer
//! Kepmendagri code list a coordinator imported, and districts learned from trusted identity
//! cards.

use crate::model::codes;
use crate::model::regencies;
use crate::model::validate::is_regency;
use crate::store::{Store, StoreError};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error)]
pub enum RegionError {
    #[error("line {line} of the code list cannot be read")]
    BadLine { line: usize },
    #[error("the code list has no kabupaten/kota")]
    Empty,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for RegionError {
    fn from(e: rusqlite::Error) -> Self {
        RegionError::Store(e.into())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Region {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RegionImport {
    pub provinces: u32,
    pub regencies: u32,
    /// Rows with other codes (kecamatan, desa) or none, which Lintas does not need.
    pub skipped: u32,
}

/// Splits one CSV line into fields; double quotes may enclose a field with commas.
fn fields(line: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    if quoted {
        return None;
    }
    out.push(cur);
    Some(out)
}

/// Imports a Kepmendagri code list (CSV: kode,nama, optionally more columns and a header).
/// Province rows are checked against the 38 provinces; kabupaten/kota rows are stored. All or
/// nothing: a line that cannot be read changes nothing.
pub fn import_csv(store: &mut Store, text: &str) -> Result<RegionImport, RegionError> {
    store.require(crate::model::roles::Permission::ImportReference)?;
    let mut regencies = BTreeMap::new();
    let (mut provinces, mut skipped) = (0u32, 0u32);
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_start_matches('\u{feff}').trim();
        if line.is_empty() {
            continue;
        }
        let f = fields(line).ok_or(RegionError::BadLine { line: i + 1 })?;
        let (code, name) = match f.as_slice() {
            [code, name, ..] => (code.trim(), name.trim()),
            _ => return Err(RegionError::BadLine { line: i + 1 }),
        };
        if i == 0 && code.eq_ignore_ascii_case("kode") {
            continue;
        }
        if name.is_empty() || name.chars().count() > 200 {
            return Err(RegionError::BadLine { line: i + 1 });
        }
        if codes::PROVINCE.contains(code) {
            provinces += 1;
        } else if is_regency(code) {
            regencies.insert(code.to_string(), name.to_string());
        } else {
            skipped += 1;
        }
    }
    if regencies.is_empty() {
        return Err(RegionError::Empty);
    }
    let tx = store.conn.unchecked_transaction()?;
    for (code, name) in &regencies {
        tx.execute("INSERT OR REPLACE INTO region (code, name) VALUES (?1, ?2)", (code, name))?;
    }
    tx.commit()?;
    Ok(RegionImport { provinces, regencies: regencies.len() as u32, skipped })
}

/// The provinces and kabupaten/kota Lintas ships with, by code.
fn shipped_names() -> BTreeMap<String, String> {
    let mut all: BTreeMap<String, String> =
        codes::PROVINCE.codes.iter().map(|c| (c.code.to_string(), c.id.to_string())).collect();
    for (code, kind, name) in regencies::REGENCIES {
        all.insert(code.to_string(), regencies::full_name(*kind, name));
    }
    all
}

/// The regions Lintas ships with, without a store: what the set-up screen offers before there
/// is one.
pub fn shipped() -> Vec<Region> {
    shipped_names().into_iter().map(|(code, name)| Region { code, name }).collect()
}

/// Every region with a known name, by code: provinces, the kabupaten/kota Lintas ships with,
/// and those imported or learned (whose names take precedence).
pub fn list(store: &Store) -> Result<Vec<Region>, RegionError> {
    let mut all = shipped_names();
    let mut stmt = store.conn.prepare(
        "SELECT district, district_name FROM trusted_devices
         UNION SELECT (SELECT value FROM meta WHERE key = 'district'), (SELECT value FROM meta WHERE key = 'district_name')
         UNION SELECT code, name FROM region",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, Option<String>>(1)?)));
    for row in rows? {
        if let (Some(code), Some(name)) = row? {
            all.insert(code, name);
        }
    }
    Ok(all.into_iter().map(|(code, name)| Region { code, name }).collect())
}

/// The name of a kabupaten/kota: imported or learned, else the one Lintas ships with.
pub(crate) fn name_of(conn: &rusqlite::Connection, code: &str) -> rusqlite::Result<Option<String>> {
    use rusqlite::OptionalExtension;
    let known: Option<String> = conn
        .query_row(
            "SELECT name FROM region WHERE code = ?1
             UNION ALL SELECT district_name FROM trusted_devices WHERE district = ?1 LIMIT 1",
            [code],
            |r| r.get(0),
        )
        .optional()?;
    Ok(known.or_else(|| regencies::name_of(code)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::ambient::FixedClock;

    #[test]
    fn imports_regencies_skips_the_rest_and_refuses_broken_lists() {
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::new(chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap(), 5);
        let mut store = crate::setup::test_store(dir.path(), "65.03", 1, &clock);
        let csv = "\u{feff}kode,nama,tingkat\n53,NUSA TENGGARA TIMUR,provinsi\n53.03,\"Kabupaten Timor Tengah Utara\",kabkota\n\
                   53.03.01,Miomaffo Barat,kecamatan\n65.03,Kabupaten Nunukan,kabkota\n";
        let r = import_csv(&mut store, csv).unwrap();
        assert_eq!(r, RegionImport { provinces: 1, regencies: 2, skipped: 1 });
        let names = list(&store).unwrap();
        assert!(names.contains(&Region { code: "53.03".into(), name: "Kabupaten Timor Tengah Utara".into() }));
        assert!(names.iter().any(|r| r.code == "53"));
        // The shipped 514, two of them renamed by the list.
        assert_eq!(names.len(), 38 + 514);
        assert_eq!(shipped().len(), 38 + 514);

        // A broken line anywhere: nothing is imported.
        let before = list(&store).unwrap();
        assert!(matches!(
            import_csv(&mut store, "kode,nama\n53.04,Kabupaten Belu\n53.05,\"Kab. Malaka\n"),
            Err(RegionError::BadLine { line: 3 })
        ));
        assert_eq!(list(&store).unwrap(), before);
        assert!(matches!(import_csv(&mut store, "kode,nama\n53,NTT\n"), Err(RegionError::Empty)));
    }
}

#[cfg(test)]
mod mock {
    /// The UI's browser mock offers the kabupaten/kota Lintas ships with, from
    /// `ui/mock/regencies.json`; `LINTAS_BLESS=1 cargo test -p lintas-core --lib regions`
    /// rewrites it after a change.
    #[test]
    fn the_ui_mock_has_the_shipped_regencies() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/mock/regencies.json");
        let rows: Vec<String> = super::regencies::REGENCIES
            .iter()
            .map(|(code, kind, name)| {
                let full = super::regencies::full_name(*kind, name);
                format!("  {{\"code\": {}, \"name\": {}}}", serde_json::json!(code), serde_json::json!(full))
            })
            .collect();
        let text = format!("[\n{}\n]\n", rows.join(",\n"));
        if std::env::var_os("LINTAS_BLESS").is_some() {
            std::fs::write(path, &text).unwrap();
        }
        let stored = std::fs::read_to_string(path).unwrap_or_default();
        assert!(stored == text, "ui/mock/regencies.json is not the core's list; rerun with LINTAS_BLESS=1");
    }
}
