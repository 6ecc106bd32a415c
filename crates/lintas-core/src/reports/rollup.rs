//! A province's report from its kabupaten/kota's: each writes its figures for a period into an
//! aggregate file signed with its device key (figures only: counts by code, no names, no case
//! numbers), and the province's task force, which trusts those devices as it does for bundles,
//! verifies every file and adds the figures up into the same report pack (`annual`).
//!
//! The file is JSON: `{"format", "body", "signature"}`, where `body` is the signed JSON text
//! itself (district, period, figures of the period and of the one before, the signing device),
//! so that the signature is checked over exactly the bytes that were signed. A file changed
//! after signing, signed by a device not trusted here or revoked, or by a device of another
//! district than the one it names, is refused whole.

use crate::log::access::{self, Action};
use crate::model::codes::{self, Lang};
use crate::reports::annual::{self, Figures, Pack, ReportError, ReportingPeriod};
use crate::store::Store;
use crate::support::ambient::Clock;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// The format this Lintas writes and reads.
pub const FORMAT: &str = "lintas-aggregate/1";

/// An aggregate file is a few kilobytes; anything far larger is not one.
const MAX_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Body {
    district: String,
    district_name: String,
    period: ReportingPeriod,
    current: Figures,
    previous: Figures,
    device: Uuid,
}

#[derive(Debug, Serialize, Deserialize)]
struct Envelope {
    format: String,
    body: String,
    signature: String,
}

/// What writing an aggregate file wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AggregateWritten {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub path: PathBuf,
    pub victims: u32,
}

/// The file name of an aggregate written into a folder.
pub fn file_name(district: &str, period: ReportingPeriod) -> String {
    format!("agregat-{}-{}.json", district.replace('.', ""), period.describe())
}

/// Writes this district's figures for a period into a signed aggregate file for the province.
pub fn write(
    store: &Store,
    period: ReportingPeriod,
    out: &Path,
    today: NaiveDate,
    clock: &dyn Clock,
) -> Result<AggregateWritten, ReportError> {
    let period = period.check()?;
    let identity = store.identity();
    let body = Body {
        district: identity.district.clone(),
        district_name: identity.district_name.clone(),
        period,
        current: annual::figures(store, period, today)?,
        previous: annual::figures(store, period.previous(), today)?,
        device: identity.device_id,
    };
    let text = serde_json::to_string(&body).map_err(|_| ReportError::Write)?;
    let keys = store.device_keys()?;
    let signature = data_encoding::BASE64.encode(&keys.sign(text.as_bytes()));
    let envelope = Envelope { format: FORMAT.into(), body: text, signature };
    let bytes = serde_json::to_vec_pretty(&envelope).map_err(|_| ReportError::Write)?;
    let what = format!("aggregate {} {}", body.district, period.describe());
    access::write_logged(store, Action::ExportReport, &what, clock, out, &bytes)
        .map_err(|e| crate::records::cases::CaseError::from(crate::log::oplog::OpLogError::from(e)))?
        .map_err(ReportError::NotWritten)?;
    let victims = body.current.get("victims").and_then(|v| v.get("total")).copied().unwrap_or(0);
    Ok(AggregateWritten { path: out.to_path_buf(), victims: victims.min(u64::from(u32::MAX)) as u32 })
}

/// The device of this store, which may sign an aggregate it then reads back.
struct Own {
    device: Uuid,
    district: String,
    key: [u8; 32],
}

/// Reads and verifies one aggregate file against this store's trust directory.
fn read(store: &Store, path: &Path) -> Result<Body, ReportError> {
    let size = std::fs::metadata(path).map_err(|_| ReportError::NotAnAggregate)?.len();
    if size > MAX_BYTES {
        return Err(ReportError::NotAnAggregate);
    }
    let bytes = std::fs::read(path).map_err(|_| ReportError::NotAnAggregate)?;
    let identity = store.identity();
    let own = Own {
        device: identity.device_id,
        district: identity.district.clone(),
        key: store.device_keys()?.signing_key(),
    };
    verify(&store.conn, &own, &bytes)
}

fn verify(conn: &Connection, own: &Own, bytes: &[u8]) -> Result<Body, ReportError> {
    let envelope: Envelope = serde_json::from_slice(bytes).map_err(|_| ReportError::NotAnAggregate)?;
    if envelope.format != FORMAT {
        return Err(ReportError::NotAnAggregate);
    }
    let body: Body = serde_json::from_str(&envelope.body).map_err(|_| ReportError::Tampered)?;
    let signature = data_encoding::BASE64.decode(envelope.signature.as_bytes()).map_err(|_| ReportError::Tampered)?;
    // The signer: a device this store trusts and has not revoked, of the district the file
    // names; or this store's own device.
    let key: Vec<u8> = if body.device == own.device {
        if body.district != own.district {
            return Err(ReportError::Untrusted);
        }
        own.key.to_vec()
    } else {
        let found: Option<(String, Vec<u8>, Option<String>)> = conn
            .query_row(
                "SELECT district, signing_key, revoked_at FROM trusted_devices WHERE device_id = ?1",
                [body.device.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        match found {
            Some((district, key, None)) if district == body.district => key,
            _ => return Err(ReportError::Untrusted),
        }
    };
    if !crate::log::identity::verify_signature(&key, envelope.body.as_bytes(), &signature) {
        return Err(ReportError::Tampered);
    }
    body.period.check().map_err(|_| ReportError::Tampered)?;
    Ok(body)
}

/// A province's pack from the aggregate files of its kabupaten/kota, for one period: every file
/// verified, of a regency of `province`, of the same period, one per regency.
pub fn rollup(store: &Store, province: &str, files: &[PathBuf], population: Option<u64>) -> Result<Pack, ReportError> {
    store.require(crate::model::roles::Permission::ReadStatistics)?;
    if !codes::PROVINCE.contains(province) {
        return Err(ReportError::OtherProvince);
    }
    if population == Some(0) {
        return Err(ReportError::BadPopulation);
    }
    let mut period = None;
    let mut seen = BTreeSet::new();
    let (mut current, mut previous) = (Figures::new(), Figures::new());
    let mut parts = Vec::new();
    for path in files {
        let body = read(store, path)?;
        if body.district.split('.').next() != Some(province) {
            return Err(ReportError::OtherProvince);
        }
        if *period.get_or_insert(body.period) != body.period {
            return Err(ReportError::Periods);
        }
        if !seen.insert(body.district.clone()) {
            return Err(ReportError::Twice);
        }
        annual::add(&mut current, &body.current);
        annual::add(&mut previous, &body.previous);
        parts.push(format!("{} ({})", body.district_name, body.district));
    }
    let Some(period) = period else { return Err(ReportError::NotAnAggregate) };
    Ok(Pack {
        area: province.to_string(),
        area_name: codes::PROVINCE.label(province, Lang::Id).unwrap_or(province).to_string(),
        period,
        current,
        previous,
        population,
        parts,
    })
}

/// Entry points for the fuzzer (`fuzz/`) and the corpus test: reads bytes as an aggregate file
/// arriving at a province store that trusts one device of Belu (53.04), the fuzzer's public
/// keys. Must never panic.
#[doc(hidden)]
pub mod fuzzing {
    use super::*;
    use crate::log::identity::DeviceKeys;

    thread_local! {
        static TRUST: Connection = {
            let conn = Connection::open_in_memory().expect("an in-memory database");
            conn.execute_batch(
                "CREATE TABLE trusted_devices (device_id TEXT PRIMARY KEY, district TEXT, signing_key BLOB,
                                               revoked_at TEXT)",
            )
            .expect("the trust table");
            let keys = DeviceKeys::fuzz_keys();
            conn.execute(
                "INSERT INTO trusted_devices VALUES (?1, '53.04', ?2, NULL)",
                (keys.device_id.to_string(), keys.signing_key().to_vec()),
            )
            .expect("the fuzzer's device");
            conn
        };
    }

    /// Whether the bytes verify as an aggregate file.
    pub fn verify(bytes: &[u8]) -> bool {
        let own = Own { device: Uuid::from_u128(8), district: "53.71".into(), key: [0; 32] };
        TRUST.with(|conn| super::verify(conn, &own, bytes).is_ok())
    }

    /// Seeds: a valid aggregate signed with the fuzzer's keys, and the same with a figure changed.
    pub fn seeds() -> Vec<(&'static str, Vec<u8>)> {
        let keys = DeviceKeys::fuzz_keys();
        let mut current = Figures::new();
        current.entry("victims".into()).or_default().insert("total".into(), 7);
        current.entry("victims_sex".into()).or_default().insert("Feminine".into(), 7);
        let body = Body {
            district: "53.04".into(),
            district_name: "Kabupaten Belu".into(),
            period: ReportingPeriod { year: 2025, semester: None },
            current,
            previous: Figures::new(),
            device: keys.device_id,
        };
        let text = serde_json::to_string(&body).unwrap_or_default();
        let signature = data_encoding::BASE64.encode(&keys.sign(text.as_bytes()));
        let valid = Envelope { format: FORMAT.into(), body: text.clone(), signature: signature.clone() };
        let changed = Envelope { format: FORMAT.into(), body: text.replace(":7", ":70"), signature };
        vec![
            ("valid", serde_json::to_vec(&valid).unwrap_or_default()),
            ("tampered", serde_json::to_vec(&changed).unwrap_or_default()),
        ]
    }
}
