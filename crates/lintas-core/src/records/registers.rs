//! The registers of a task force's other work: prevention activities (village socialisation,
//! campaigns, village regulations, meetings of focal points), trainings and workshops with their
//! participants counted by agency and sex, and empowerment programmes that reintegration plans
//! enrol people in. Written through the op log like any record; any district keeps its own, only
//! the district that wrote one changes it, and each travels in bundles to the districts it lists
//! (`share_districts`). No register holds personal data: participants are counts, never names,
//! so erasing a person leaves every register as it was.

use crate::log::view;
use crate::model::roles::{Forbidden, Permission};
use crate::model::schema::{EntityDef, EntityKind, ACTIVITY, PROGRAMME, TRAINING, TRAINING_GROUP};
use crate::model::validate::{Checker, Problem};
use crate::records::cases::today;
use crate::records::lookup::CaseError;
use crate::store::{Store, StoreError};
use crate::support::ambient::{Clock, DistrictIds, Entropy};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

/// Which register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename_all = "snake_case"))]
pub enum Register {
    Activity,
    Training,
    Programme,
}

impl Register {
    pub const ALL: [Register; 3] = [Register::Activity, Register::Training, Register::Programme];

    pub fn kind(self) -> EntityKind {
        match self {
            Register::Activity => EntityKind::Activity,
            Register::Training => EntityKind::Training,
            Register::Programme => EntityKind::Programme,
        }
    }

    fn def(self) -> &'static EntityDef {
        match self {
            Register::Activity => &ACTIVITY,
            Register::Training => &TRAINING,
            Register::Programme => &PROGRAMME,
        }
    }

    /// Fields a record of the register cannot be without.
    fn required(self) -> &'static [&'static str] {
        match self {
            Register::Activity => &["kind", "date", "regency"],
            Register::Training => &["title", "start_date"],
            Register::Programme => &["name", "kind"],
        }
    }

    /// The field that dates a record, for a period.
    fn date_field(self) -> &'static str {
        match self {
            Register::Activity => "date",
            Register::Training | Register::Programme => "start_date",
        }
    }
}

/// One record of a register as the shells show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Entry {
    pub id: Uuid,
    pub register: Register,
    /// Its fields as stored (a training's also `participants`: one item per agency, with `id`,
    /// `agency`, `female`, `male`).
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub doc: Map<String, Value>,
    /// Whether this district wrote it (and so may change it).
    pub ours: bool,
    /// For a programme: the plans that enrol a person in it.
    pub enrolled: u32,
}

/// What a document asks: the record's changes and, for a training, the changes of each group of
/// participants (`None` for a new group).
struct Checked {
    changes: Map<String, Value>,
    groups: Vec<(Option<Uuid>, Map<String, Value>)>,
}

/// A record as stored, with a training's groups of participants.
type Stored<'a> = (&'a Map<String, Value>, &'a [Map<String, Value>]);

fn id_of(m: &Map<String, Value>) -> Option<Uuid> {
    m.get("id").and_then(Value::as_str).and_then(|s| s.parse().ok())
}

fn exists(store: &Store, kind: EntityKind, id: &str) -> Result<bool, CaseError> {
    Ok(match id.parse::<Uuid>() {
        Ok(id) => view::exists(&store.conn, kind, id)?,
        Err(_) => false,
    })
}

fn checked(
    store: &Store,
    register: Register,
    doc: &Value,
    current: Option<Stored<'_>>,
    clock: &dyn Clock,
) -> Result<Checked, CaseError> {
    let mut ck = Checker::new(today(clock));
    let Some(input) = doc.as_object() else {
        ck.report("", Problem::NotAnObject);
        ck.finish()?;
        return Ok(Checked { changes: Map::new(), groups: Vec::new() });
    };
    let skip: &[&str] = if register == Register::Training { &["participants"] } else { &[] };
    let changes = ck.entity("", register.def(), input, &[], skip, current.map(|(c, _)| c));
    for required in register.required() {
        // A value given but wrong is reported as wrong, not also as missing.
        let given = input.get(*required).is_some_and(|v| !v.is_null());
        let value = changes.get(*required).or_else(|| current.and_then(|(c, _)| c.get(*required)));
        if value.is_none_or(Value::is_null) && !given {
            ck.report(*required, Problem::Required);
        }
    }
    for field in ["organiser_id", "organisation_id"] {
        if let Some(id) = changes.get(field).and_then(Value::as_str) {
            if !exists(store, EntityKind::Organisation, id)? {
                ck.report(field, Problem::UnknownOrganisation);
            }
        }
    }
    if let Some(partners) = changes.get("partner_ids").and_then(Value::as_array) {
        for (i, id) in partners.iter().enumerate() {
            if !exists(store, EntityKind::Organisation, id.as_str().unwrap_or_default())? {
                ck.report(format!("partner_ids[{i}]"), Problem::UnknownOrganisation);
            }
        }
    }
    let mut groups = Vec::new();
    if register == Register::Training {
        let items = match input.get("participants") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items.clone(),
            Some(_) => {
                ck.report("participants", Problem::NotAList);
                Vec::new()
            }
        };
        let existing: &[Map<String, Value>] = current.map(|(_, g)| g).unwrap_or_default();
        for (i, item) in items.iter().enumerate() {
            let path = format!("participants[{i}].");
            let Some(item) = item.as_object() else {
                ck.report(&path[..path.len() - 1], Problem::NotAnObject);
                continue;
            };
            let found = match id_of(item) {
                None => None,
                Some(id) => match existing.iter().find(|g| id_of(g) == Some(id)) {
                    Some(g) => Some(g),
                    None => {
                        ck.report(format!("{path}id"), Problem::NotFoundInCase);
                        continue;
                    }
                },
            };
            let group = ck.entity(&path, &TRAINING_GROUP, item, &[], &["training_id"], found);
            if found.is_none() && group.get("agency").is_none_or(Value::is_null) {
                ck.report(format!("{path}agency"), Problem::Required);
            }
            groups.push((found.and_then(id_of), group));
        }
    }
    ck.finish()?;
    Ok(Checked { changes, groups })
}

fn without_nulls(m: Map<String, Value>) -> Map<String, Value> {
    m.into_iter().filter(|(_, v)| !v.is_null()).collect()
}

/// Adds a record to a register: an activity, a training with its participants, a programme.
pub fn create(
    store: &mut Store,
    register: Register,
    doc: &Value,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
) -> Result<Uuid, CaseError> {
    store.require(Permission::WriteRecords)?;
    let district = store.identity().district.clone();
    let ids = DistrictIds::new(entropy, &district);
    let Checked { changes, groups } = checked(store, register, doc, None, clock)?;
    let id = ids.uuid();
    let mut batch = store.batch(clock)?;
    batch.create(register.kind(), id, without_nulls(changes))?;
    for (_, group) in groups {
        let mut fields = without_nulls(group);
        fields.insert("training_id".into(), Value::String(id.to_string()));
        batch.create(EntityKind::TrainingGroup, ids.uuid(), fields)?;
    }
    batch.commit()?;
    Ok(id)
}

/// Changes the fields a document gives (a training's participants: items with `id` change,
/// items without are added); returns how many fields changed. Only the district that wrote the
/// record may change it (the op log's authority check refuses anyone else).
pub fn update(
    store: &mut Store,
    register: Register,
    id: Uuid,
    doc: &Value,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
) -> Result<usize, CaseError> {
    store.require(Permission::WriteRecords)?;
    let current = view::read(&store.conn, register.kind(), id)?.ok_or(CaseError::RecordNotFound)?;
    let current_groups = groups_of(store, id)?;
    let Checked { changes, groups } = checked(store, register, doc, Some((&current, &current_groups)), clock)?;
    let ids = DistrictIds::new(entropy, &store.identity().district.clone());
    let mut n = changes.len();
    let mut batch = store.batch(clock)?;
    for (field, value) in changes {
        batch.set(register.kind(), id, &field, value)?;
    }
    for (group_id, group) in groups {
        match group_id {
            Some(gid) => {
                n += group.len();
                for (field, value) in group {
                    batch.set(EntityKind::TrainingGroup, gid, &field, value)?;
                }
            }
            None => {
                n += 1;
                let mut fields = without_nulls(group);
                fields.insert("training_id".into(), Value::String(id.to_string()));
                batch.create(EntityKind::TrainingGroup, ids.uuid(), fields)?;
            }
        }
    }
    batch.commit()?;
    Ok(n)
}

fn groups_of(store: &Store, training: Uuid) -> Result<Vec<Map<String, Value>>, CaseError> {
    let def = &TRAINING_GROUP;
    let columns = def.fields.iter().fold("id".to_string(), |acc, f| format!("{acc}, {}", f.name));
    let mut stmt = store
        .conn
        .prepare_cached(&format!("SELECT {columns} FROM training_group WHERE training_id = ?1 ORDER BY id"))?;
    let rows = stmt.query_map([training.to_string()], |r| view::row_to_map(def, r))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn may_read(store: &Store, register: Register) -> Result<(), CaseError> {
    if store.role().may_see(register.kind()) {
        Ok(())
    } else {
        Err(StoreError::from(Forbidden(Permission::ReadStatistics)).into())
    }
}

fn entry(store: &Store, register: Register, mut doc: Map<String, Value>) -> Result<Option<Entry>, CaseError> {
    let Some(id) = id_of(&doc) else { return Ok(None) };
    let ours: bool = store
        .conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM entities e JOIN device_keys d ON d.device_id = e.device
                            WHERE e.kind = ?1 AND e.id = ?2)",
        )?
        .query_row((register.kind().as_str(), id.to_string()), |r| r.get(0))?;
    if register == Register::Training {
        let groups = groups_of(store, id)?.into_iter().map(Value::Object).collect();
        doc.insert("participants".into(), Value::Array(groups));
    }
    let enrolled = if register == Register::Programme {
        store
            .conn
            .prepare_cached("SELECT count(*) FROM plan WHERE programme_id = ?1")?
            .query_row([id.to_string()], |r| r.get(0))?
    } else {
        0
    };
    Ok(Some(Entry { id, register, doc, ours, enrolled }))
}

/// One record of a register.
pub fn get(store: &Store, register: Register, id: Uuid) -> Result<Entry, CaseError> {
    may_read(store, register)?;
    let doc = view::read(&store.conn, register.kind(), id)?.ok_or(CaseError::RecordNotFound)?;
    entry(store, register, doc)?.ok_or(CaseError::RecordNotFound)
}

/// A register's records, newest first; with `from`/`to`, those dated within them (inclusive).
pub fn list(
    store: &Store,
    register: Register,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<Entry>, CaseError> {
    may_read(store, register)?;
    let def = register.def();
    let date = register.date_field();
    let columns = def.fields.iter().fold("id".to_string(), |acc, f| format!("{acc}, {}", f.name));
    let day = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let mut stmt = store.conn.prepare(&format!(
        "SELECT {columns} FROM {} WHERE (?1 IS NULL OR {date} >= ?1) AND (?2 IS NULL OR {date} <= ?2)
         ORDER BY {date} DESC, id",
        def.table
    ))?;
    let rows = stmt.query_map((day(from), day(to)), |r| view::row_to_map(def, r))?;
    let docs: Vec<Map<String, Value>> = rows.collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(docs.len());
    for doc in docs {
        if let Some(e) = entry(store, register, doc)? {
            out.push(e);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::ambient::{FixedClock, SeededEntropy};
    use serde_json::json;

    fn setup() -> (tempfile::TempDir, Store, FixedClock, SeededEntropy) {
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::new(chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap(), 5);
        let store = crate::setup::test_store(&dir.path().join("s"), "53.03", 1, &clock);
        (dir, store, clock, SeededEntropy::new(9))
    }

    #[test]
    fn an_activity_is_checked_written_listed_and_changed() {
        let (_dir, mut store, clock, e) = setup();
        // Kind, date and place are needed; counts cannot be negative; organisations must exist.
        let err = create(&mut store, Register::Activity, &json!({"female_adults": -1}), &clock, &e).unwrap_err();
        let CaseError::Invalid(invalid) = err else { panic!("{err:?}") };
        let mut fields: Vec<(&str, &str)> = invalid.0.iter().map(|p| (p.field.as_str(), p.problem.code())).collect();
        fields.sort();
        assert_eq!(
            fields,
            [
                ("date", "required"),
                ("female_adults", "count_out_of_range"),
                ("kind", "required"),
                ("regency", "required")
            ]
        );
        let err = create(
            &mut store,
            Register::Activity,
            &json!({"kind": "Socialisation", "date": "2025-03-04", "regency": "53.03",
                    "partner_ids": [Uuid::nil().to_string()]}),
            &clock,
            &e,
        )
        .unwrap_err();
        assert!(matches!(err, CaseError::Invalid(ref i) if i.0[0].field == "partner_ids[0]"), "{err:?}");

        let org = crate::records::organisations::create(
            &mut store,
            &json!({"name": "Yayasan Desa Aman", "type": "NGO"}),
            &clock,
            &e,
        )
        .unwrap();
        let id = create(
            &mut store,
            Register::Activity,
            &json!({"kind": "Socialisation", "title": "Migrasi aman", "date": "2025-03-04", "province": "53",
                    "regency": "53.03", "village": "Maubesi", "organiser_id": org.to_string(),
                    "audience": ["Villagers", "ProspectiveMigrants"], "female_adults": 41, "male_adults": 37,
                    "female_children": 3, "topics": ["SafeMigration", "TraffickingSigns"],
                    "share_districts": ["65.03"]}),
            &clock,
            &e,
        )
        .unwrap();
        let listed = list(&store, Register::Activity, None, None).unwrap();
        assert_eq!(listed.len(), 1);
        assert!(listed[0].ours);
        assert_eq!(listed[0].doc["female_adults"], 41);
        assert_eq!(listed[0].doc["share_districts"], json!(["65.03"]));
        // Outside the period, it is not listed.
        let before = NaiveDate::from_ymd_opt(2025, 1, 1);
        assert!(list(&store, Register::Activity, None, before).unwrap().is_empty());
        assert_eq!(update(&mut store, Register::Activity, id, &json!({"male_adults": 38}), &clock, &e).unwrap(), 1);
        assert_eq!(get(&store, Register::Activity, id).unwrap().doc["male_adults"], 38);
        crate::log::audit::verify(&store).unwrap();
    }

    #[test]
    fn a_training_counts_its_participants_by_agency_and_sex() {
        let (_dir, mut store, clock, e) = setup();
        let id = create(
            &mut store,
            Register::Training,
            &json!({"title": "Identifikasi korban", "topics": ["Identification"], "start_date": "2025-05-06",
                    "participants": [{"agency": "Police", "female": 4, "male": 9},
                                     {"agency": "SocialAffairs", "female": 7, "male": 2}]}),
            &clock,
            &e,
        )
        .unwrap();
        let shown = get(&store, Register::Training, id).unwrap();
        let groups = shown.doc["participants"].as_array().unwrap().clone();
        assert_eq!(groups.len(), 2);
        let police = groups.iter().find(|g| g["agency"] == "Police").unwrap();
        // A group changes by its id; one without an id is added; one of another training is not found.
        let doc = json!({"participants": [{"id": police["id"], "male": 10}, {"agency": "Ngo", "female": 3}]});
        update(&mut store, Register::Training, id, &doc, &clock, &e).unwrap();
        let groups = get(&store, Register::Training, id).unwrap().doc["participants"].as_array().unwrap().clone();
        assert_eq!(groups.len(), 3);
        assert_eq!(groups.iter().find(|g| g["agency"] == "Police").unwrap()["male"], 10);
        let doc = json!({"participants": [{"id": Uuid::nil().to_string(), "male": 1}, {"female": 2}]});
        let err = update(&mut store, Register::Training, id, &doc, &clock, &e).unwrap_err();
        let CaseError::Invalid(invalid) = err else { panic!("{err:?}") };
        let fields: Vec<&str> = invalid.0.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["participants[0].id", "participants[1].agency"]);
    }

    #[test]
    fn a_plan_enrols_a_person_in_a_programme_that_exists() {
        let (_dir, mut store, clock, e) = setup();
        let programme = create(
            &mut store,
            Register::Programme,
            &json!({"name": "Kelas usaha mandiri", "kind": "PrivateSector", "offers": ["SkillsTraining"],
                    "regency": "53.03", "capacity": 30}),
            &clock,
            &e,
        )
        .unwrap();
        let case = |programme: Uuid| {
            json!({"victim": {"first_name": "Maria"}, "intake": {"date": "2025-02-01"},
                   "plans": [{"kind": "Reintegration", "programme_id": programme.to_string()}]})
        };
        let err = crate::records::cases::create(&mut store, &case(Uuid::nil()), &clock, &e).unwrap_err();
        assert!(matches!(err, CaseError::Invalid(ref i) if i.0[0].problem == Problem::UnknownProgramme), "{err:?}");
        crate::records::cases::create(&mut store, &case(programme), &clock, &e).unwrap();
        assert_eq!(get(&store, Register::Programme, programme).unwrap().enrolled, 1);
    }
}
