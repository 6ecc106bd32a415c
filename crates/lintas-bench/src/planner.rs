//! Bulk loading: the ops `cases::create` writes for a new case, planned here and written
//! through the core's `Batch`, a thousand cases to a transaction.
//!
//! `cases::create` allocates the case number with a scan of every case and looks for duplicate
//! victims with a scan of every person, so creating one case costs time in proportion to the
//! cases already stored (see the README's performance section). Creating 100,000 cases one by
//! one that way takes hours, so the stores are filled with this loader and only the cases whose
//! creation is timed go through `cases::create`. The loader writes the same entities, fields
//! and op bodies (`tests` below compares the two on generated cases); it skips only
//! validation, which the generator's documents pass anyway, and the two scans.

use lintas_core::ambient::{Clock, Entropy};
use lintas_core::schema::{EntityKind, PARTY};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Keys of a case document that are not case fields (as in `cases::plan`).
const CASE_SKIP: &[&str] = &[
    "victim",
    "witnesses",
    "family_contacts",
    "perpetrators",
    "events",
    "services",
    "followups",
    "notes",
    "consent",
    "attachments",
    "is_child",
];
const CASE_GROUPS: &[&str] = &["intake", "law_enforcement"];
const PERSON_GROUPS: &[&str] = &["address"];
const PARTIES: &[(&str, &str)] =
    &[("witnesses", "Witness"), ("family_contacts", "FamilyContact"), ("perpetrators", "Perpetrator")];
const ITEMS: &[(&str, EntityKind)] = &[
    ("events", EntityKind::Event),
    ("services", EntityKind::Service),
    ("followups", EntityKind::Followup),
    ("notes", EntityKind::Note),
];

/// One entity to create: what `Batch::create` takes.
pub type Creation = (EntityKind, Uuid, Map<String, Value>);

/// Flattens groups (`intake.date` → `intake_date`) and drops skipped keys and nulls.
fn flatten(input: &Map<String, Value>, groups: &[&str], skip: &[&str]) -> Map<String, Value> {
    let mut out = Map::new();
    for (key, value) in input {
        if key == "id" || skip.contains(&key.as_str()) || value.is_null() {
            continue;
        }
        match value {
            Value::Object(inner) if groups.contains(&key.as_str()) => {
                for (k, v) in inner.iter().filter(|(_, v)| !v.is_null()) {
                    out.insert(format!("{key}_{k}"), v.clone());
                }
            }
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    out
}

fn items<'a>(doc: &'a Map<String, Value>, key: &str) -> impl Iterator<Item = &'a Map<String, Value>> {
    doc.get(key).and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_object)
}

/// Case numbers per district and intake year, as `cases::create` allocates them.
#[derive(Debug, Default)]
pub struct CaseNumbers {
    last: BTreeMap<String, u32>,
}

impl CaseNumbers {
    /// Continues the numbers a store has already allocated.
    pub fn continuing(conn: &rusqlite::Connection) -> rusqlite::Result<CaseNumbers> {
        let mut last = BTreeMap::new();
        let mut stmt = conn.prepare("SELECT case_number FROM case_file")?;
        for number in stmt.query_map([], |r| r.get::<_, Option<String>>(0))? {
            let Some(number) = number? else { continue };
            if let Some((prefix, n)) = number.rsplit_once('-') {
                let n: u32 = n.parse().unwrap_or(0);
                let e = last.entry(format!("{prefix}-")).or_insert(0);
                *e = n.max(*e);
            }
        }
        Ok(CaseNumbers { last })
    }

    pub fn next(&mut self, district: &str, year: &str) -> String {
        let prefix = format!("{}-{year}-", district.replace('.', ""));
        let n = self.last.entry(prefix.clone()).or_insert(0);
        *n += 1;
        format!("{prefix}{n:04}")
    }
}

/// The entities of a new case, in the order `cases::create` writes them.
pub fn plan_new_case(
    doc: &Value,
    district: &str,
    numbers: &mut CaseNumbers,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
) -> (Uuid, Vec<Creation>) {
    let doc = doc.as_object().expect("generated documents are objects");
    let case_id = entropy.uuid();
    let mut out = Vec::new();
    let victim_id = entropy.uuid();
    let victim = doc.get("victim").and_then(Value::as_object).cloned().unwrap_or_default();
    out.push((EntityKind::Person, victim_id, flatten(&victim, PERSON_GROUPS, &[])));
    let mut case = flatten(doc, CASE_GROUPS, CASE_SKIP);
    case.entry("status").or_insert_with(|| Value::String("Active".into()));
    case.insert("victim_id".into(), Value::String(victim_id.to_string()));
    let year = case.get("intake_date").and_then(Value::as_str).map(|d| d[..4].to_string()).unwrap_or_default();
    case.insert("case_number".into(), Value::String(numbers.next(district, &year)));
    case.insert("district".into(), Value::String(district.to_string()));
    out.push((EntityKind::Case, case_id, case));
    for (key, role) in PARTIES {
        for item in items(doc, key) {
            let (mut person, mut party) = (Map::new(), Map::new());
            for (k, v) in item {
                if k == "person_id" {
                    continue;
                }
                if k != "id" && PARTY.field(k).is_some() {
                    party.insert(k.clone(), v.clone());
                } else {
                    person.insert(k.clone(), v.clone());
                }
            }
            let person_id = entropy.uuid();
            out.push((EntityKind::Person, person_id, flatten(&person, PERSON_GROUPS, &[])));
            let mut party = flatten(&party, &[], &[]);
            party.insert("case_id".into(), Value::String(case_id.to_string()));
            party.insert("person_id".into(), Value::String(person_id.to_string()));
            party.insert("role".into(), Value::String((*role).into()));
            out.push((EntityKind::Party, entropy.uuid(), party));
        }
    }
    for (key, kind) in ITEMS {
        for item in items(doc, key) {
            let mut fields = flatten(item, &[], &[]);
            if *kind == EntityKind::Note {
                fields.insert("written_at".into(), Value::String(clock.now().to_rfc3339()));
            }
            if *kind == EntityKind::Followup || *kind == EntityKind::Service {
                fields.entry("status").or_insert_with(|| Value::String("Planned".into()));
            }
            fields.insert("case_id".into(), Value::String(case_id.to_string()));
            out.push((*kind, entropy.uuid(), fields));
        }
    }
    if let Some(consent) = doc.get("consent").and_then(Value::as_object) {
        let mut fields = flatten(consent, &[], &[]);
        fields.insert("case_id".into(), Value::String(case_id.to_string()));
        out.push((EntityKind::Consent, case_id, fields));
    }
    (case_id, out)
}

/// A share of a case with a district, as `referrals::share` writes it (consent covers it).
pub fn share(case_id: Uuid, district: &str, entropy: &dyn Entropy) -> Creation {
    let mut fields = Map::new();
    fields.insert("case_id".into(), Value::String(case_id.to_string()));
    fields.insert("district".into(), Value::String(district.into()));
    fields.insert("reason".into(), Value::String(SHARE_REASON.into()));
    (EntityKind::Share, entropy.uuid(), fields)
}

/// Why a shelter shares a case with the victim's home district.
pub const SHARE_REASON: &str = "Pemulangan dan reintegrasi di daerah asal";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::CaseGenerator;
    use chrono::{DateTime, NaiveDate};
    use lintas_core::ambient::{FixedClock, SeededEntropy};
    use lintas_core::keyfile::KdfParams;
    use lintas_core::secret::Passphrase;
    use lintas_core::setup::{init, InitRequest};
    use lintas_core::store::Store;

    fn store(dir: &std::path::Path, clock: &FixedClock) -> Store {
        let pass = Passphrase::new("kata sandi yang cukup panjang");
        let req = InitRequest {
            district: "53.03",
            district_name: "Kabupaten Timor Tengah Utara",
            operator_name: "Petugas",
            passphrase: &pass,
            kdf: KdfParams { m_kib: 1024, t: 1, p: 1 },
        };
        init(dir, &req, clock, &SeededEntropy::new(5)).unwrap().0
    }

    /// Removes what differs by construction between two stores: ids and the time notes were
    /// written.
    fn comparable(mut v: Value) -> Value {
        match &mut v {
            Value::Object(m) => {
                for key in ["id", "person_id", "victim_id", "written_at"] {
                    m.remove(key);
                }
                for (_, x) in m.iter_mut() {
                    *x = comparable(x.take());
                }
            }
            Value::Array(items) => {
                for x in items.iter_mut() {
                    *x = comparable(x.take());
                }
            }
            _ => {}
        }
        v
    }

    /// The loader and `cases::create` store the same case: every generated document, shown
    /// back by the core, is identical apart from ids.
    #[test]
    fn the_loader_writes_what_cases_create_writes() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let clock = FixedClock::new(DateTime::from_timestamp(1_795_338_000, 0).unwrap(), 1);
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let mut created = store(&a.path().join("s"), &clock);
        let mut loaded = store(&b.path().join("s"), &clock);
        let entropy = SeededEntropy::new(9);
        let mut generator = CaseGenerator::new(3, today, Some("65.03"));
        let mut numbers = CaseNumbers::default();
        let docs: Vec<Value> = (0..60).map(|_| generator.next_case().document).collect();
        let mut batch = loaded.batch(&clock).unwrap();
        let mut loaded_ids = Vec::new();
        for doc in &docs {
            let (id, creations) = plan_new_case(doc, "53.03", &mut numbers, &clock, &entropy);
            for (kind, entity, fields) in creations {
                batch.create(kind, entity, fields).unwrap();
            }
            loaded_ids.push(id);
        }
        batch.commit().unwrap();
        for (doc, loaded_id) in docs.iter().zip(loaded_ids) {
            let id = lintas_core::cases::create(&mut created, doc, &clock, &entropy).unwrap().id;
            let one = lintas_core::cases::show(&created, &id.to_string()).unwrap();
            let other = lintas_core::cases::show(&loaded, &loaded_id.to_string()).unwrap();
            assert_eq!(comparable(one), comparable(other));
        }
        let search = |s: &Store| {
            lintas_core::search::search(s, "Taek", 1000).unwrap().into_iter().map(|c| c.case_number).collect::<Vec<_>>()
        };
        assert_eq!(search(&created), search(&loaded));
    }
}
