//! Cases: the documents people write and read, turned into ops and read back from the view.
//!
//! A case document (the JSON of `lintas case create`) spans several entities: the case, the
//! victim (a person), witnesses, family contacts and perpetrators (persons with a role in the
//! case), events, services, follow-ups, notes and consent. Creating or updating a case first
//! validates the whole document and plans every op; only when nothing is wrong are the ops
//! written, in one batch. Nothing here writes a table directly.

use crate::log::oplog::{Batch, OpLogError};
use crate::log::view;
use crate::model::roles::{Forbidden, Permission, Role};
use crate::model::schema::{EntityKind, PARTY, PERSON};
use crate::model::validate::{self, Checker, Problem};
pub use crate::records::lookup::{resolve, CaseError};
use crate::store::{Store, StoreError};
use crate::support::ambient::{Clock, Entropy};
use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

/// Nested objects in a case document and the field prefix they stand for.
const CASE_GROUPS: &[&str] = &["intake", "law_enforcement"];
const PERSON_GROUPS: &[&str] = &["address"];
/// Keys of a case document that are not case fields.
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
    "plans",
    "assessments",
    "is_child",
    "source_key",
];
/// Persons with a role in a case: document key and role code.
const PARTIES: &[(&str, &str)] =
    &[("witnesses", "Witness"), ("family_contacts", "FamilyContact"), ("perpetrators", "Perpetrator")];
/// Grow-only collections of a case: document key and entity.
const ITEMS: &[(&str, EntityKind)] = &[
    ("events", EntityKind::Event),
    ("services", EntityKind::Service),
    ("followups", EntityKind::Followup),
    ("notes", EntityKind::Note),
    ("plans", EntityKind::Plan),
    ("assessments", EntityKind::Assessment),
];
/// Largest attachment accepted; scans of documents are far smaller.
pub const MAX_ATTACHMENT_BYTES: usize = 50 * 1024 * 1024;

/// What `create` made: the ids people and scripts refer to, and existing cases whose victim
/// may be the same person (for review; nothing is merged).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Created {
    pub id: Uuid,
    pub case_number: String,
    pub possible_duplicates: Vec<String>,
}

/// What `update` changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Updated {
    pub id: Uuid,
    pub case_number: String,
    pub changes: usize,
}

/// One line of the case list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CaseSummary {
    pub id: Uuid,
    pub case_number: String,
    pub district: String,
    pub status: Option<String>,
    pub intake_date: Option<String>,
    pub victim_name: String,
    pub gender: Option<String>,
    pub is_child: bool,
    pub trafficking_status: Option<String>,
    pub type_of_exploitation: Vec<String>,
    pub country_of_exploitation: Option<String>,
    /// `is_child` from the birth and intake dates alone, for a role that may not read the age
    /// when trafficked (which `is_child` also counts).
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub(crate) child_by_dates: bool,
}

/// A victim under 18 at intake, by the birth and intake dates alone (SQL over `case_summary`):
/// what `is_child` means to a role that may not read `age_when_trafficked`.
pub(crate) const CHILD_BY_DATES: &str =
    "(birthdate IS NOT NULL AND intake_date IS NOT NULL AND birthdate > date(intake_date, '-18 years'))";

/// The `case_summary` expression of "a child" that a role may know.
pub(crate) fn child_column(role: Role) -> &'static str {
    if role.may_read(EntityKind::Case, "age_when_trafficked") {
        "is_child"
    } else {
        CHILD_BY_DATES
    }
}

impl CaseSummary {
    /// Blanks what the operator's role may not read.
    pub(crate) fn redact(&mut self, role: Role) {
        if !role.may_read(EntityKind::Case, "age_when_trafficked") {
            self.is_child = self.child_by_dates;
        }
        if !role.may_read(EntityKind::Case, "trafficking_status") {
            self.trafficking_status = None;
        }
        if !role.may_read(EntityKind::Case, "type_of_exploitation") {
            self.type_of_exploitation.clear();
        }
        if !role.may_read(EntityKind::Case, "country_of_exploitation") {
            self.country_of_exploitation = None;
        }
    }
}

/// Filters of the case list. `None` means "any".
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(default)]
pub struct CaseFilter {
    pub status: Option<String>,
    pub child: Option<bool>,
    pub exploitation: Option<String>,
    pub limit: u32,
    pub offset: u32,
}

impl CaseFilter {
    /// Refuses a filter on a field the role may not read, whatever value it asks for: the
    /// answer (which cases, how many) would tell what the field holds. The list's order (intake
    /// date, case number) is checked too.
    pub fn check(&self, role: Role) -> Result<(), Forbidden> {
        role.may_filter(EntityKind::Case, "intake_date")?;
        role.may_filter(EntityKind::Case, "case_number")?;
        if self.status.is_some() {
            role.may_filter(EntityKind::Case, "status")?;
        }
        if self.child.is_some() {
            // `child_column` answers from what the role reads.
            role.may_filter(EntityKind::Person, "birthdate")?;
        }
        if self.exploitation.is_some() {
            role.may_filter(EntityKind::Case, "type_of_exploitation")?;
        }
        Ok(())
    }
}

/// Refuses a case document that writes anything the operator's role may not write — a field, or
/// any item of a kind of record — before a value is validated or compared with what is stored,
/// so that a right and a wrong guess of a hidden value are refused alike. Only keys are read.
fn check_role(role: Role, doc: &Value) -> Result<(), Forbidden> {
    let refused = Forbidden(Permission::WriteRecords);
    // A kind this role writes at all (creates, or writes some field of).
    let writes_kind =
        |kind: EntityKind| role.may_create(kind) || kind.def().fields.iter().any(|f| role.may_write(kind, f.name));
    let fields_ok = |kind: EntityKind, m: &Map<String, Value>, groups: &[&str], skip: &[&str]| {
        m.iter().all(|(k, v)| match v {
            _ if k == "id" || skip.contains(&k.as_str()) => true,
            Value::Object(inner) if groups.contains(&k.as_str()) => {
                inner.keys().all(|k2| role.may_write(kind, &format!("{k}_{k2}")))
            }
            _ if groups.contains(&k.as_str()) => writes_kind(kind),
            _ => role.may_write(kind, k),
        })
    };
    let Value::Object(doc) = doc else { return Ok(()) };
    let ok = |kind: EntityKind, v: &Value, groups: &[&str]| match v {
        Value::Object(m) => fields_ok(kind, m, groups, &[]),
        _ => writes_kind(kind),
    };
    fn items(v: Option<&Value>) -> Option<&[Value]> {
        match v {
            None | Some(Value::Null) => Some(&[]),
            Some(Value::Array(items)) => Some(items),
            Some(_) => None,
        }
    }
    let mut allowed = fields_ok(EntityKind::Case, doc, CASE_GROUPS, CASE_SKIP);
    if let Some(victim) = doc.get("victim") {
        allowed &= ok(EntityKind::Person, victim, PERSON_GROUPS);
    }
    for (key, _) in PARTIES {
        allowed &= match items(doc.get(*key)) {
            None => writes_kind(EntityKind::Party),
            Some(list) => list.iter().all(|item| {
                writes_kind(EntityKind::Party)
                    && match item {
                        Value::Object(m) => {
                            let (person, party) = split_party(m);
                            fields_ok(EntityKind::Person, &person, PERSON_GROUPS, &[])
                                && fields_ok(EntityKind::Party, &party, &[], &[])
                        }
                        _ => false,
                    }
            }),
        };
    }
    for (key, kind) in ITEMS {
        allowed &= match items(doc.get(*key)) {
            None => writes_kind(*kind),
            Some(list) => list.iter().all(|item| writes_kind(*kind) && ok(*kind, item, &[])),
        };
    }
    if let Some(consent) = doc.get("consent").filter(|v| !v.is_null()) {
        allowed &= writes_kind(EntityKind::Consent) && ok(EntityKind::Consent, consent, &[]);
    }
    if allowed {
        Ok(())
    } else {
        Err(refused)
    }
}

/// A planned change; plans are built completely before anything is written.
enum Step {
    Create(EntityKind, Uuid, Map<String, Value>),
    Set(EntityKind, Uuid, String, Value),
}

/// The latest calendar date anywhere on Earth (UTC+14): a date typed by someone in Papua in the
/// early morning is "today" for them even while it is still yesterday in UTC.
pub(crate) fn today(clock: &dyn Clock) -> NaiveDate {
    (clock.now() + chrono::Duration::hours(14)).date_naive()
}

fn as_object<'a>(ck: &mut Checker, path: &str, v: &'a Value) -> Option<&'a Map<String, Value>> {
    match v {
        Value::Object(m) => Some(m),
        _ => {
            ck.report(if path.is_empty() { "(dokumen)" } else { path }, Problem::NotAnObject);
            None
        }
    }
}

fn as_items<'a>(ck: &mut Checker, path: &str, v: Option<&'a Value>) -> &'a [Value] {
    match v {
        None | Some(Value::Null) => &[],
        Some(Value::Array(items)) => items,
        Some(_) => {
            ck.report(path, Problem::NotAList);
            &[]
        }
    }
}

/// Splits a party item (a person with a role) into its person keys and its party keys.
fn split_party(item: &Map<String, Value>) -> (Map<String, Value>, Map<String, Value>) {
    let mut person = Map::new();
    let mut party = Map::new();
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
    (person, party)
}

fn merged(current: Option<&Map<String, Value>>, changes: &Map<String, Value>) -> Map<String, Value> {
    let mut m = current.cloned().unwrap_or_default();
    for (k, v) in changes {
        m.insert(k.clone(), v.clone());
    }
    m
}

fn require(ck: &mut Checker, state: &Map<String, Value>, field: &str, path: &str) {
    if state.get(field).is_none_or(Value::is_null) {
        ck.report(path, Problem::Required);
    }
}

fn push_changes(steps: &mut Vec<Step>, kind: EntityKind, id: Uuid, changes: Map<String, Value>) {
    for (k, v) in changes {
        steps.push(Step::Set(kind, id, k, v));
    }
}

fn without_nulls(mut m: Map<String, Value>) -> Map<String, Value> {
    m.retain(|_, v| !v.is_null());
    m
}

/// The current state of a case, as the planner needs it.
#[derive(Default)]
struct Current {
    case: Map<String, Value>,
    victim: Map<String, Value>,
    parties: Vec<(Map<String, Value>, Map<String, Value>)>,
    items: Vec<(EntityKind, Map<String, Value>)>,
    consent: Option<Map<String, Value>>,
}

fn id_of(m: &Map<String, Value>) -> Option<Uuid> {
    m.get("id").and_then(Value::as_str).and_then(|s| s.parse().ok())
}

fn load(conn: &rusqlite::Connection, case_id: Uuid) -> Result<Current, CaseError> {
    let case = view::read(conn, EntityKind::Case, case_id)?.ok_or(CaseError::NotFound)?;
    let victim_id = case.get("victim_id").and_then(Value::as_str).and_then(|s| s.parse().ok());
    let victim = match victim_id {
        Some(v) => view::read(conn, EntityKind::Person, v)?.unwrap_or_default(),
        None => Map::new(),
    };
    let mut parties = Vec::new();
    for party in view::read_for_case(conn, EntityKind::Party, case_id)? {
        let pid = party.get("person_id").and_then(Value::as_str).and_then(|s| s.parse().ok());
        let person = match pid {
            Some(p) => view::read(conn, EntityKind::Person, p)?.unwrap_or_default(),
            None => Map::new(),
        };
        parties.push((party, person));
    }
    let mut items = Vec::new();
    for (_, kind) in ITEMS {
        for item in view::read_for_case(conn, *kind, case_id)? {
            items.push((*kind, item));
        }
    }
    let consent = view::read(conn, EntityKind::Consent, case_id)?;
    Ok(Current { case, victim, parties, items, consent })
}

/// Plans the ops for a case document. With `current`, the document updates that case: fields
/// present change, items with an `id` are edited, items without one are added.
fn plan(
    ck: &mut Checker,
    chosen: &mut Vec<(String, String)>,
    doc: &Value,
    case_id: Uuid,
    current: Option<&Current>,
    entropy: &dyn Entropy,
    clock: &dyn Clock,
) -> Vec<Step> {
    let mut steps = Vec::new();
    let Some(doc) = as_object(ck, "", doc) else { return steps };

    // The victim.
    let victim_cur = current.map(|c| &c.victim);
    let victim_changes = match doc.get("victim") {
        Some(v) => match as_object(ck, "victim", v) {
            Some(v) => ck.entity("victim.", &PERSON, v, PERSON_GROUPS, &[], victim_cur),
            None => Map::new(),
        },
        None if current.is_none() => {
            ck.report("victim", Problem::Required);
            Map::new()
        }
        None => Map::new(),
    };
    let victim_state = merged(victim_cur, &victim_changes);
    require(ck, &victim_state, "first_name", "victim.first_name");
    validate::check_person(ck, "victim.", &victim_state);

    // The case itself.
    let case_cur = current.map(|c| &c.case);
    let case_changes = ck.entity("", EntityKind::Case.def(), doc, CASE_GROUPS, CASE_SKIP, case_cur);
    let case_state = merged(case_cur, &case_changes);
    require(ck, &case_state, "intake_date", "intake.date");
    if let Some(agency) = case_changes.get("placement_agency_id").and_then(Value::as_str) {
        chosen.push(("placement_agency_id".into(), agency.to_string()));
    }
    let date_of = |m: &Map<String, Value>, k: &str| m.get(k).and_then(Value::as_str).and_then(validate::parse_date);
    if let (Some(birth), Some(intake)) = (date_of(&victim_state, "birthdate"), date_of(&case_state, "intake_date")) {
        if intake < birth {
            ck.report("intake.date", Problem::BeforeBirth);
        }
    }

    let victim_id = match current {
        Some(c) => c.case.get("victim_id").and_then(Value::as_str).and_then(|s| s.parse().ok()),
        None => None,
    };
    match (current, victim_id) {
        (None, _) => {
            let victim_id = entropy.uuid();
            steps.push(Step::Create(EntityKind::Person, victim_id, without_nulls(victim_changes)));
            let mut fields = without_nulls(case_changes);
            fields.entry("status").or_insert_with(|| Value::String("Active".into()));
            fields.insert("victim_id".into(), Value::String(victim_id.to_string()));
            steps.push(Step::Create(EntityKind::Case, case_id, fields));
        }
        (Some(_), Some(victim_id)) => {
            push_changes(&mut steps, EntityKind::Person, victim_id, victim_changes);
            push_changes(&mut steps, EntityKind::Case, case_id, case_changes);
        }
        (Some(_), None) => push_changes(&mut steps, EntityKind::Case, case_id, case_changes),
    }

    // Persons with a role in the case.
    for (key, role) in PARTIES {
        for (i, item) in as_items(ck, key, doc.get(*key)).iter().enumerate() {
            let path = format!("{key}[{i}].");
            let Some(item) = as_object(ck, &path[..path.len() - 1], item) else { continue };
            let (person_in, party_in) = split_party(item);
            let existing = match id_of(item) {
                None => None,
                Some(id) => match current.and_then(|c| {
                    c.parties.iter().find(|(p, _)| id_of(p) == Some(id) && p.get("role") == Some(&Value::from(*role)))
                }) {
                    Some(found) => Some(found),
                    None => {
                        ck.report(format!("{path}id"), Problem::NotFoundInCase);
                        continue;
                    }
                },
            };
            let person_changes =
                ck.entity(&path, &PERSON, &person_in, PERSON_GROUPS, &[], existing.map(|(_, person)| person));
            let party_changes = ck.entity(&path, &PARTY, &party_in, &[], &[], existing.map(|(party, _)| party));
            validate::check_person(ck, &path, &merged(existing.map(|(_, p)| p), &person_changes));
            match existing {
                Some((party, person)) => {
                    if let Some(pid) = id_of(person) {
                        push_changes(&mut steps, EntityKind::Person, pid, person_changes);
                    }
                    if let Some(id) = id_of(party) {
                        push_changes(&mut steps, EntityKind::Party, id, party_changes);
                    }
                }
                None => {
                    let person_id = entropy.uuid();
                    steps.push(Step::Create(EntityKind::Person, person_id, without_nulls(person_changes)));
                    let mut fields = without_nulls(party_changes);
                    fields.insert("case_id".into(), Value::String(case_id.to_string()));
                    fields.insert("person_id".into(), Value::String(person_id.to_string()));
                    fields.insert("role".into(), Value::String((*role).into()));
                    steps.push(Step::Create(EntityKind::Party, entropy.uuid(), fields));
                }
            }
        }
    }

    // Events, services, follow-ups, notes, plans and assessments: grow-only, each item its own
    // entity.
    for (key, kind) in ITEMS {
        for (i, item) in as_items(ck, key, doc.get(*key)).iter().enumerate() {
            let path = format!("{key}[{i}].");
            let Some(item) = as_object(ck, &path[..path.len() - 1], item) else { continue };
            let existing = match id_of(item) {
                None => None,
                Some(id) => match current.and_then(|c| c.items.iter().find(|(k, m)| k == kind && id_of(m) == Some(id)))
                {
                    Some((_, m)) => Some(m),
                    None => {
                        ck.report(format!("{path}id"), Problem::NotFoundInCase);
                        continue;
                    }
                },
            };
            let changes = ck.entity(&path, kind.def(), item, &[], &[], existing);
            for field in ["organisation_id", "programme_id"] {
                if let Some(id) = changes.get(field).and_then(Value::as_str) {
                    chosen.push((format!("{path}{field}"), id.to_string()));
                }
            }
            match existing.and_then(id_of) {
                Some(id) => push_changes(&mut steps, *kind, id, changes),
                None => {
                    let mut fields = without_nulls(changes);
                    if *kind == EntityKind::Note {
                        require(ck, &fields, "body", &format!("{path}body"));
                        fields.insert("written_at".into(), Value::String(clock.now().to_rfc3339()));
                    }
                    if *kind == EntityKind::Followup || *kind == EntityKind::Service {
                        fields.entry("status").or_insert_with(|| Value::String("Planned".into()));
                    }
                    if *kind == EntityKind::Plan {
                        require(ck, &fields, "kind", &format!("{path}kind"));
                        fields.entry("progress").or_insert_with(|| Value::String("NotStarted".into()));
                    }
                    if *kind == EntityKind::Assessment {
                        require(ck, &fields, "kind", &format!("{path}kind"));
                        require(ck, &fields, "date", &format!("{path}date"));
                    }
                    fields.insert("case_id".into(), Value::String(case_id.to_string()));
                    steps.push(Step::Create(*kind, entropy.uuid(), fields));
                }
            }
        }
    }

    // Consent: one record per case, with the case's id.
    if let Some(consent) = doc.get("consent").filter(|v| !v.is_null()) {
        if let Some(consent) = as_object(ck, "consent", consent) {
            let cur = current.and_then(|c| c.consent.as_ref());
            let changes = ck.entity("consent.", EntityKind::Consent.def(), consent, &[], &[], cur);
            match cur {
                Some(_) => push_changes(&mut steps, EntityKind::Consent, case_id, changes),
                None => {
                    let mut fields = without_nulls(changes);
                    fields.insert("case_id".into(), Value::String(case_id.to_string()));
                    steps.push(Step::Create(EntityKind::Consent, case_id, fields));
                }
            }
        }
    }
    steps
}

/// A new case's `source_key` (the key of the spreadsheet row it comes from: 64 hex digits), set
/// once at creation.
fn source_key(ck: &mut Checker, doc: &Value, steps: &mut [Step]) {
    let Some(key) = doc.get("source_key").filter(|v| !v.is_null()) else { return };
    match key.as_str().filter(|k| k.len() == 64 && k.bytes().all(|b| b.is_ascii_hexdigit())) {
        Some(k) => {
            for step in steps.iter_mut() {
                if let Step::Create(EntityKind::Case, _, fields) = step {
                    fields.insert("source_key".into(), Value::String(k.to_ascii_lowercase()));
                }
            }
        }
        None => ck.report("source_key", Problem::NotText),
    }
}

/// Checks a case document as `create` would, without writing anything: every problem, by path.
pub(crate) fn check(doc: &Value, today: NaiveDate) -> Result<(), validate::Invalid> {
    let entropy = crate::support::ambient::SeededEntropy::new(0);
    let clock = crate::support::ambient::FixedClock::new(
        today.and_hms_opt(0, 0, 0).map(|d| d.and_utc()).unwrap_or_default(),
        0,
    );
    let mut ck = Checker::new(today);
    let mut chosen = Vec::new();
    let mut steps = plan(&mut ck, &mut chosen, doc, uuid::Uuid::nil(), None, &entropy, &clock);
    source_key(&mut ck, doc, &mut steps);
    ck.finish()
}

/// Reports every organisation and empowerment programme a document names (`chosen`: path and
/// id; a path ending in `programme_id` names a programme) that is not in its register.
fn organisations_known(
    conn: &rusqlite::Connection,
    ck: &mut Checker,
    chosen: &[(String, String)],
) -> Result<(), CaseError> {
    for (path, id) in chosen {
        let (kind, problem) = if path.ends_with("programme_id") {
            (EntityKind::Programme, Problem::UnknownProgramme)
        } else {
            (EntityKind::Organisation, Problem::UnknownOrganisation)
        };
        let known = match id.parse::<Uuid>() {
            Ok(id) => view::exists(conn, kind, id)?,
            Err(_) => false,
        };
        if !known {
            ck.report(path.clone(), problem);
        }
    }
    Ok(())
}

fn execute(batch: &mut Batch<'_>, steps: Vec<Step>) -> Result<usize, CaseError> {
    let n = steps.len();
    for step in steps {
        match step {
            Step::Create(kind, id, fields) => batch.create(kind, id, fields)?,
            Step::Set(kind, id, field, value) => batch.set(kind, id, &field, value)?,
        };
    }
    Ok(n)
}

/// The next case number of this district for the intake year: `6503-2019-0006`.
fn next_case_number(conn: &rusqlite::Connection, district: &str, year: &str) -> Result<String, CaseError> {
    let prefix = format!("{}-{year}-", district.replace('.', ""));
    // The expressions are those of the index `case_by_serial` (migration 9). The prefix always
    // has ten characters: a district is a regency code of four digits, and the intake date is
    // a required, validated date.
    debug_assert_eq!(prefix.len(), 10, "a case-number prefix");
    let last: Option<i64> = conn
        .prepare_cached(
            "SELECT max(CAST(substr(case_number, 11) AS INTEGER)) FROM case_file
             WHERE substr(case_number, 1, 10) = ?1",
        )?
        .query_row([&prefix], |r| r.get(0))?;
    Ok(format!("{prefix}{:04}", last.unwrap_or(0) + 1))
}

/// Creates a case from a document. Nothing is written if any field is invalid.
pub fn create(store: &mut Store, doc: &Value, clock: &dyn Clock, entropy: &dyn Entropy) -> Result<Created, CaseError> {
    create_many(store, std::slice::from_ref(doc), clock, entropy)?.pop().ok_or(CaseError::NotFound)
}

/// Creates several cases in one transaction: a group deported together and registered at the
/// port, or a list typed in beforehand. Every document is checked first; if any is invalid,
/// its error is returned and nothing is written. Case numbers follow the order of `docs`.
pub fn create_many(
    store: &mut Store,
    docs: &[Value],
    clock: &dyn Clock,
    entropy: &dyn Entropy,
) -> Result<Vec<Created>, CaseError> {
    let district = store.identity().district.clone();
    let ids = crate::support::ambient::DistrictIds::new(entropy, &district);
    let entropy: &dyn Entropy = &ids;
    for doc in docs {
        check_role(store.role(), doc).map_err(StoreError::from)?;
    }
    let mut planned = Vec::with_capacity(docs.len());
    for doc in docs {
        planned.push(plan_new(&store.conn, doc, clock, entropy)?);
    }
    let mut batch = store.batch(clock)?;
    let mut numbers = Vec::with_capacity(planned.len());
    for (case_id, steps) in planned {
        numbers.push((case_id, write_new(&mut batch, &district, steps)?));
    }
    // The duplicate checks run inside the batch, on the index rows of the whole group: outside
    // a transaction each of their many small reads would take and release the file's lock.
    batch.refresh_index()?;
    let ids: Vec<Uuid> = numbers.iter().map(|(id, _)| *id).collect();
    let found = crate::records::duplicates::for_cases(batch.conn(), &ids)?;
    let mut created = Vec::with_capacity(numbers.len());
    for ((id, case_number), candidates) in numbers.into_iter().zip(found) {
        let possible_duplicates = candidates.into_iter().map(|c| c.b.case_number).collect();
        created.push(Created { id, case_number, possible_duplicates });
    }
    batch.commit()?;
    Ok(created)
}

/// Plans one new case from a document: its id and its steps, checked as any local write is
/// (every field, the organisations it names, the spreadsheet row key it carries).
fn plan_new(
    conn: &rusqlite::Connection,
    doc: &Value,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
) -> Result<(Uuid, Vec<Step>), CaseError> {
    let case_id = entropy.uuid();
    let mut ck = Checker::new(today(clock));
    let mut chosen = Vec::new();
    let mut steps = plan(&mut ck, &mut chosen, doc, case_id, None, entropy, clock);
    organisations_known(conn, &mut ck, &chosen)?;
    source_key(&mut ck, doc, &mut steps);
    ck.finish()?;
    Ok((case_id, steps))
}

/// Numbers a planned case (the district's next number for its intake year) and writes it.
fn write_new(batch: &mut Batch<'_>, district: &str, mut steps: Vec<Step>) -> Result<String, CaseError> {
    let mut case_number = String::new();
    for step in steps.iter_mut() {
        if let Step::Create(EntityKind::Case, _, fields) = step {
            let year =
                fields.get("intake_date").and_then(Value::as_str).map(|d| d[..4].to_string()).unwrap_or_default();
            case_number = next_case_number(batch.conn(), district, &year)?;
            fields.insert("case_number".into(), Value::String(case_number.clone()));
            fields.insert("district".into(), Value::String(district.to_string()));
        }
    }
    execute(batch, steps)?;
    Ok(case_number)
}

/// Creates one case inside a batch a caller holds open: a row of a spreadsheet import, which
/// writes its rows one by one in one transaction without holding them all. `entropy` mints ids
/// of this district (`ambient::DistrictIds`). Returns the case number.
pub(crate) fn create_in(
    batch: &mut Batch<'_>,
    role: Role,
    district: &str,
    doc: &Value,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
) -> Result<String, CaseError> {
    check_role(role, doc).map_err(StoreError::from)?;
    let (_, steps) = plan_new(batch.conn(), doc, clock, entropy)?;
    write_new(batch, district, steps)
}

/// Applies a partial document to a case: fields present change, items without `id` are added.
pub fn update(
    store: &mut Store,
    id_or_number: &str,
    doc: &Value,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
) -> Result<Updated, CaseError> {
    let district = store.identity().district.clone();
    let ids = crate::support::ambient::DistrictIds::new(entropy, &district);
    let entropy: &dyn Entropy = &ids;
    check_role(store.role(), doc).map_err(StoreError::from)?;
    let case_id = resolve(store, id_or_number)?;
    let mut batch = store.batch(clock)?;
    let current = load(batch.conn(), case_id)?;
    let mut ck = Checker::new(today(clock));
    let mut chosen = Vec::new();
    let steps = plan(&mut ck, &mut chosen, doc, case_id, Some(&current), entropy, clock);
    organisations_known(batch.conn(), &mut ck, &chosen)?;
    ck.finish()?;
    let changes = execute(&mut batch, steps)?;
    batch.commit()?;
    let case_number = current.case.get("case_number").and_then(Value::as_str).unwrap_or_default().to_string();
    Ok(Updated { id: case_id, case_number, changes })
}

/// Moves prefixed fields into nested objects: `intake_date` → `intake.date`.
fn nest(mut m: Map<String, Value>, groups: &[&str]) -> Map<String, Value> {
    for g in groups {
        let prefix = format!("{g}_");
        let keys: Vec<String> = m.keys().filter(|k| k.starts_with(&prefix)).cloned().collect();
        if keys.is_empty() {
            continue;
        }
        let mut inner = Map::new();
        for k in keys {
            if let Some(v) = m.remove(&k) {
                inner.insert(k[prefix.len()..].to_string(), v);
            }
        }
        m.insert((*g).to_string(), Value::Object(inner));
    }
    m
}

/// A person looks at a case: the document, and an entry in the access log.
pub fn view(store: &Store, id_or_number: &str, clock: &dyn Clock) -> Result<Value, CaseError> {
    let doc = show(store, id_or_number)?;
    let id = doc.get("id").and_then(Value::as_str).unwrap_or_default();
    crate::log::access::record(store, crate::log::access::Action::ViewCase, id, clock).map_err(OpLogError::from)?;
    Ok(doc)
}

/// Takes an attachment out of the store for a person: its content, logged as an export.
pub fn export_attachment(store: &Store, id: Uuid, clock: &dyn Clock) -> Result<(String, Vec<u8>), CaseError> {
    store.require(Permission::ExportRecords)?;
    let found = attachment(store, id)?;
    crate::log::access::record(store, crate::log::access::Action::ExportAttachment, &id.to_string(), clock)
        .map_err(OpLogError::from)?;
    Ok(found)
}

/// Describes an attachment ("paspor halaman depan"); the file itself never changes.
pub fn describe_attachment(store: &mut Store, id: Uuid, text: &str, clock: &dyn Clock) -> Result<(), CaseError> {
    if !view::exists(&store.conn, EntityKind::Attachment, id)? {
        return Err(CaseError::AttachmentNotFound);
    }
    let mut ck = Checker::new(today(clock));
    let value = ck.value(
        "description",
        EntityKind::Attachment.def().field("description").expect("a field"),
        &Value::from(text),
    );
    ck.finish()?;
    let mut batch = store.batch(clock)?;
    batch.set(EntityKind::Attachment, id, "description", value.unwrap_or(Value::Null))?;
    batch.commit()?;
    Ok(())
}

/// The whole case as a document in the shape `create` accepts, with ids, holding only what the
/// operator's role may read. Not logged: for code that reads cases; what people look at goes
/// through `view`.
pub fn show(store: &Store, id_or_number: &str) -> Result<Value, CaseError> {
    let case_id = resolve(store, id_or_number)?;
    let mut cur = load(&store.conn, case_id)?;
    let role = store.role();
    role.redact(EntityKind::Case, &mut cur.case);
    role.redact(EntityKind::Person, &mut cur.victim);
    cur.parties.retain(|(party, _)| role.may_see_party(party.get("role").and_then(Value::as_str)));
    for (party, person) in &mut cur.parties {
        role.redact(EntityKind::Party, party);
        role.redact(EntityKind::Person, person);
    }
    cur.items.retain(|(kind, _)| role.may_see(*kind));
    for (kind, item) in &mut cur.items {
        role.redact(*kind, item);
    }
    if let Some(consent) = &mut cur.consent {
        role.redact(EntityKind::Consent, consent);
    }
    let mut doc = nest(cur.case, CASE_GROUPS);
    doc.remove("victim_id");
    doc.insert("victim".into(), Value::Object(nest(cur.victim, PERSON_GROUPS)));
    for (key, party_role) in PARTIES {
        let mut list = Vec::new();
        for (party, person) in cur.parties.iter().filter(|(p, _)| p.get("role") == Some(&Value::from(*party_role))) {
            let mut item = nest(person.clone(), PERSON_GROUPS);
            item.insert("person_id".into(), item.get("id").cloned().unwrap_or(Value::Null));
            for (k, v) in party {
                if !["case_id", "person_id", "role"].contains(&k.as_str()) {
                    item.insert(k.clone(), v.clone());
                }
            }
            list.push(Value::Object(item));
        }
        doc.insert((*key).into(), Value::Array(list));
    }
    for (key, kind) in ITEMS {
        let list = cur
            .items
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, m)| {
                let mut m = m.clone();
                m.remove("case_id");
                Value::Object(m)
            })
            .collect();
        doc.insert((*key).into(), Value::Array(list));
    }
    if let Some(mut consent) = cur.consent {
        consent.remove("id");
        consent.remove("case_id");
        doc.insert("consent".into(), Value::Object(consent));
    }
    let attachments = view::read_for_case(&store.conn, EntityKind::Attachment, case_id)?
        .into_iter()
        .filter(|_| role.may_see(EntityKind::Attachment))
        .map(|mut m| {
            m.remove("case_id");
            Value::Object(m)
        })
        .collect();
    doc.insert("attachments".into(), Value::Array(attachments));
    let is_child: bool = store.conn.query_row(
        &format!("SELECT {} FROM case_summary WHERE id = ?1", child_column(role)),
        [case_id.to_string()],
        |r| r.get(0),
    )?;
    doc.insert("is_child".into(), Value::Bool(is_child));
    Ok(Value::Object(doc))
}

const SUMMARY_COLUMNS: &str = concat!(
    "id, case_number, district, status, intake_date, first_name, second_name, gender, ",
    "is_child, trafficking_status, type_of_exploitation, country_of_exploitation, ",
    // CHILD_BY_DATES
    "(birthdate IS NOT NULL AND intake_date IS NOT NULL AND birthdate > date(intake_date, '-18 years'))"
);

pub(crate) fn summary_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CaseSummary> {
    let first: Option<String> = r.get(5)?;
    let second: Option<String> = r.get(6)?;
    let types: Option<String> = r.get(10)?;
    Ok(CaseSummary {
        id: r.get::<_, String>(0)?.parse().unwrap_or_default(),
        case_number: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
        district: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
        status: r.get(3)?,
        intake_date: r.get(4)?,
        victim_name: [first, second].into_iter().flatten().collect::<Vec<_>>().join(" "),
        gender: r.get(7)?,
        is_child: r.get(8)?,
        trafficking_status: r.get(9)?,
        type_of_exploitation: types.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default(),
        country_of_exploitation: r.get(11)?,
        child_by_dates: r.get(12)?,
    })
}

/// How a filter is asked: for a page walked in intake order, or for a count.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Asking {
    Page,
    Count,
}

/// The WHERE clause and parameters of a filter.
fn filter_sql(filter: &CaseFilter, asking: Asking, child: &str) -> (String, Vec<rusqlite::types::Value>) {
    let mut sql = String::from(" WHERE 1 = 1");
    let mut params: Vec<rusqlite::types::Value> = Vec::new();
    if let Some(s) = &filter.status {
        params.push(s.clone().into());
        sql.push_str(&format!(" AND status = ?{}", params.len()));
    }
    if let Some(c) = filter.child {
        params.push((c as i64).into());
        sql.push_str(&format!(" AND {child} = ?{}", params.len()));
    }
    if let Some(t) = &filter.exploitation {
        params.push(t.clone().into());
        let n = params.len();
        // A page walks the cases newest first and stops at the page's end, so each case is
        // probed; a count would probe every case, so it starts from the cases of that type.
        sql.push_str(&match asking {
            Asking::Page => format!(
                " AND EXISTS (SELECT 1 FROM case_exploitation e WHERE e.code = ?{n} AND e.case_id = case_summary.id)"
            ),
            Asking::Count => format!(" AND id IN (SELECT case_id FROM case_exploitation WHERE code = ?{n})"),
        });
    }
    (sql, params)
}

/// How many cases match a filter (for a list that scrolls through all of them). A filter on a
/// field the role may not read is refused (`CaseFilter::check`).
pub fn count(store: &Store, filter: &CaseFilter) -> Result<u64, CaseError> {
    let role = store.role();
    filter.check(role).map_err(StoreError::from)?;
    count_as(&store.conn, filter, child_column(role))
}

/// `count` on any database with the store's schema, before the role's check (lintas-bench asks
/// its comparison databases the very same query).
pub fn count_on(conn: &rusqlite::Connection, filter: &CaseFilter) -> Result<u64, CaseError> {
    count_as(conn, filter, "is_child")
}

fn count_as(conn: &rusqlite::Connection, filter: &CaseFilter, child: &str) -> Result<u64, CaseError> {
    let (cond, params) = filter_sql(filter, Asking::Count, child);
    let sql = format!("SELECT count(*) FROM case_summary{cond}");
    Ok(conn.query_row(&sql, rusqlite::params_from_iter(params), |r| r.get::<_, i64>(0))? as u64)
}

/// Cases, newest intake first. A filter on a field the role may not read is refused.
pub fn list(store: &Store, filter: &CaseFilter) -> Result<Vec<CaseSummary>, CaseError> {
    let role = store.role();
    filter.check(role).map_err(StoreError::from)?;
    let mut out = list_as(&store.conn, filter, child_column(role))?;
    for summary in &mut out {
        summary.redact(role);
    }
    Ok(out)
}

/// `list` on any database with the store's schema, before the role's check and redaction:
/// only a caller holding a connection can ask, and only the core holds one to a store.
pub fn list_on(conn: &rusqlite::Connection, filter: &CaseFilter) -> Result<Vec<CaseSummary>, CaseError> {
    list_as(conn, filter, "is_child")
}

fn list_as(conn: &rusqlite::Connection, filter: &CaseFilter, child: &str) -> Result<Vec<CaseSummary>, CaseError> {
    let (cond, params) = filter_sql(filter, Asking::Page, child);
    let mut sql = format!("SELECT {SUMMARY_COLUMNS} FROM case_summary{cond}");
    let limit = if filter.limit == 0 { 100 } else { filter.limit };
    sql.push_str(&format!(" ORDER BY intake_date DESC, case_number DESC LIMIT {limit} OFFSET {}", filter.offset));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params), summary_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn summaries_by_id(conn: &rusqlite::Connection, ids: &[Uuid]) -> Result<Vec<CaseSummary>, CaseError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {SUMMARY_COLUMNS} FROM case_summary WHERE id = ?1"))?;
    let mut out = Vec::new();
    for id in ids {
        if let Some(s) = stmt.query_row([id.to_string()], summary_from_row).optional()? {
            out.push(s);
        }
    }
    Ok(out)
}

/// Stores a file inside the encrypted database and links it to a case.
pub fn attach(
    store: &mut Store,
    id_or_number: &str,
    name: &str,
    mime: &str,
    data: &[u8],
    clock: &dyn Clock,
    entropy: &dyn Entropy,
) -> Result<Uuid, CaseError> {
    let district = store.identity().district.clone();
    let ids = crate::support::ambient::DistrictIds::new(entropy, &district);
    let entropy: &dyn Entropy = &ids;
    if data.len() > MAX_ATTACHMENT_BYTES {
        return Err(CaseError::AttachmentTooLarge);
    }
    let case_id = resolve(store, id_or_number)?;
    let sha: String =
        ring::digest::digest(&ring::digest::SHA256, data).as_ref().iter().map(|b| format!("{b:02x}")).collect();
    let id = entropy.uuid();
    let mut fields = Map::new();
    fields.insert("case_id".into(), Value::String(case_id.to_string()));
    fields.insert("name".into(), Value::String(name.chars().take(validate::MAX_TEXT).collect()));
    fields.insert("mime".into(), Value::String(mime.chars().take(100).collect()));
    fields.insert("size".into(), Value::from(data.len() as i64));
    fields.insert("sha256".into(), Value::String(sha.clone()));
    let mut batch = store.batch(clock)?;
    batch.put_blob(&sha, data)?;
    batch.create(EntityKind::Attachment, id, fields)?;
    batch.commit()?;
    Ok(id)
}

/// An attachment's name and content.
pub fn attachment(store: &Store, id: Uuid) -> Result<(String, Vec<u8>), CaseError> {
    if !store.role().may_see(EntityKind::Attachment) {
        return Err(StoreError::from(Forbidden(Permission::ExportRecords)).into());
    }
    let meta = view::read(&store.conn, EntityKind::Attachment, id)?.ok_or(CaseError::AttachmentNotFound)?;
    let sha = meta.get("sha256").and_then(Value::as_str).ok_or(CaseError::AttachmentNotFound)?;
    let data: Vec<u8> = store
        .conn
        .query_row("SELECT data FROM blobs WHERE sha256 = ?1", [sha], |r| r.get(0))
        .optional()?
        .ok_or(CaseError::AttachmentNotFound)?;
    let name = meta.get("name").and_then(Value::as_str).unwrap_or("lampiran").to_string();
    Ok((name, data))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::FieldKind;

    /// The TypeScript name of a part people play in a case.
    fn party_type(key: &str) -> &'static str {
        match key {
            "witnesses" => "Witness",
            "family_contacts" => "FamilyContact",
            _ => "Perpetrator",
        }
    }

    /// The TypeScript type of a field's value in a document.
    fn ts_type(kind: FieldKind) -> &'static str {
        match kind {
            FieldKind::Bool => "boolean | null",
            FieldKind::Int | FieldKind::Count => "number | null",
            FieldKind::Codes(_) | FieldKind::Texts | FieldKind::Regencies => "string[]",
            _ => "string | null",
        }
    }

    /// `name?: type;` lines for an entity's fields, with the fields of each group nested as
    /// `nest` does (`intake_date` becomes `intake.date`), leaving out `skip`.
    fn ts_members(kind: EntityKind, groups: &[&str], skip: &[&str], indent: &str) -> String {
        let def = kind.def();
        let mut out = String::new();
        let grouped = |f: &str| groups.iter().find(|g| f.starts_with(&format!("{g}_"))).copied();
        for f in def.fields.iter().filter(|f| !skip.contains(&f.name) && grouped(f.name).is_none()) {
            out += &format!("{indent}{}?: {};\n", f.name, ts_type(f.kind));
        }
        for g in groups {
            out += &format!("{indent}{g}?: {{\n");
            for f in def.fields.iter().filter(|f| grouped(f.name) == Some(*g)) {
                out += &format!("{indent}  {}?: {};\n", &f.name[g.len() + 1..], ts_type(f.kind));
            }
            out += &format!("{indent}}};\n");
        }
        out
    }

    /// The case document's TypeScript type, from the schema and the nesting of `show` and
    /// `create`: what the UI sends and reads, generated, never copied by hand.
    fn case_document_ts() -> String {
        let mut ts =
            String::from("// Generated by lintas-core from its schema (records::cases tests); do not edit.\n\n");
        ts += "/** A person of a case: the victim, or (with the fields of their part) a witness, family contact or perpetrator. */\n";
        ts += "export interface Person {\n  id?: string;\n  person_id?: string;\n";
        ts += &ts_members(EntityKind::Person, PERSON_GROUPS, &[], "  ");
        ts += "}\n\n";
        let party = ts_members(EntityKind::Party, &[], &["case_id", "person_id", "role"], "  ");
        for (key, _) in PARTIES {
            ts += &format!("export interface {} extends Person {{\n{party}}}\n\n", party_type(key));
        }
        for (ts_name, kind) in [
            ("CaseEvent", EntityKind::Event),
            ("Service", EntityKind::Service),
            ("Followup", EntityKind::Followup),
            ("Note", EntityKind::Note),
            ("Plan", EntityKind::Plan),
            ("Assessment", EntityKind::Assessment),
        ] {
            ts += &format!(
                "export interface {ts_name} {{\n  id?: string;\n{}}}\n\n",
                ts_members(kind, &[], &["case_id"], "  ")
            );
        }
        ts +=
            &format!("export interface Consent {{\n{}}}\n\n", ts_members(EntityKind::Consent, &[], &["case_id"], "  "));
        ts += &format!(
            "export interface Attachment {{\n  id: string;\n{}}}\n\n",
            ts_members(EntityKind::Attachment, &[], &["case_id"], "  ")
        );
        ts += "/** A case document as the shell returns it and accepts it. Absent fields are omitted. */\n";
        ts += "export interface CaseDoc {\n  id?: string;\n";
        ts += &ts_members(EntityKind::Case, CASE_GROUPS, &["victim_id"], "  ");
        ts += "  victim?: Person;\n";
        for (key, _) in PARTIES {
            ts += &format!("  {key}?: {}[];\n", party_type(key));
        }
        for ((key, _), ts_name) in ITEMS.iter().zip(["CaseEvent", "Service", "Followup", "Note", "Plan", "Assessment"])
        {
            ts += &format!("  {key}?: {ts_name}[];\n");
        }
        ts += "  consent?: Consent;\n  attachments?: Attachment[];\n  is_child?: boolean;\n}\n";
        ts
    }

    /// `LINTAS_BLESS=1 cargo test -p lintas-core --lib cases` writes the file after a schema change.
    #[test]
    fn the_ui_case_document_type_is_generated_from_the_schema() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/src/bindings/CaseDoc.ts");
        let text = case_document_ts();
        if std::env::var_os("LINTAS_BLESS").is_some() {
            std::fs::write(path, &text).unwrap();
        }
        assert!(text.contains("  intake?: {\n    date?: string | null;") && text.contains("victim?: Person;"));
        let stored = std::fs::read_to_string(path).unwrap_or_default();
        assert!(stored == text, "ui/src/bindings/CaseDoc.ts is not the schema's; rerun with LINTAS_BLESS=1");
    }

    #[test]
    fn the_summary_reads_children_by_dates_as_child_column_says() {
        assert!(SUMMARY_COLUMNS.ends_with(CHILD_BY_DATES));
        assert_eq!(child_column(Role::CaseWorker), "is_child");
        assert_eq!(child_column(Role::ShelterStaff), CHILD_BY_DATES);
    }

    #[test]
    fn a_document_is_checked_against_the_role_by_its_keys_alone() {
        let staff = Role::ShelterStaff;
        let ok = |doc: Value| check_role(staff, &doc).is_ok();
        assert!(ok(serde_json::json!({"services": [{"type": "Shelter"}], "notes": [{"body": "x"}]})));
        assert!(ok(serde_json::json!({})));
        for refused in [
            serde_json::json!({"victim": {"address": {"village": "x"}}}),
            serde_json::json!({"victim": "x"}),
            serde_json::json!({"intake": {"place": "x"}}),
            serde_json::json!({"followups": [{"id": "x"}]}),
            serde_json::json!({"witnesses": [{}]}),
            serde_json::json!({"events": "x"}),
            serde_json::json!({"consent": {"interview": true}}),
            serde_json::json!({"services": [{"type": "Shelter", "unknown": 1}]}),
        ] {
            assert!(!ok(refused.clone()), "{refused}");
            assert!(check_role(Role::CaseWorker, &refused).is_ok());
            assert!(check_role(Role::ReadOnly, &refused).is_err());
        }
    }

    #[test]
    fn case_numbers_continue_past_four_digits_within_their_district_and_year() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        crate::log::upgrade::run(&mut conn).unwrap();
        for (id, number) in
            [("a", "6503-2019-9998"), ("b", "6503-2019-9999"), ("c", "6503-2019-10000"), ("d", "6503-2020-0007")]
        {
            conn.execute("INSERT INTO case_file (id, case_number) VALUES (?1, ?2)", (id, number)).unwrap();
        }
        assert_eq!(next_case_number(&conn, "65.03", "2019").unwrap(), "6503-2019-10001");
        assert_eq!(next_case_number(&conn, "65.03", "2020").unwrap(), "6503-2020-0008");
        assert_eq!(next_case_number(&conn, "65.03", "2021").unwrap(), "6503-2021-0001");
        assert_eq!(next_case_number(&conn, "53.03", "2019").unwrap(), "5303-2019-0001");
        let plan: String = conn
            .query_row(
                "EXPLAIN QUERY PLAN SELECT max(CAST(substr(case_number, 11) AS INTEGER)) FROM case_file
                 WHERE substr(case_number, 1, 10) = '6503-2019-'",
                [],
                |r| r.get(3),
            )
            .unwrap();
        assert!(plan.contains("case_by_serial"), "{plan}");
    }
}
