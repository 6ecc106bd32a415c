//! The directory of organisations: service providers and partners (shelters, RPTC, UPTD PPA /
//! P2TP2A, hospitals, legal aid, NGOs, religious organisations, private-sector programmes) that
//! services and plans name. An organisation is written through the op log like any record; any
//! district may add one, only the district that added it changes it, and it travels with the
//! cases whose services or plans name it. It holds no personal data.

use crate::log::view;
use crate::model::roles::Permission;
use crate::model::schema::{EntityKind, ORGANISATION};
use crate::model::validate::{Checker, Problem};
use crate::records::cases::today;
use crate::records::lookup::CaseError;
use crate::store::Store;
use crate::support::ambient::{Clock, DistrictIds, Entropy};
use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

/// One organisation of the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Organisation {
    pub id: Uuid,
    pub name: String,
    /// A code of the `organisation_type` list.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "ts", ts(rename = "type"))]
    pub kind: Option<String>,
    pub province: Option<String>,
    pub regency: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    /// Codes of the `service_type` list: what it offers.
    pub services: Vec<String>,
    pub notes: Option<String>,
    /// A placement agency's licence (SIP3MI) number.
    pub licence_number: Option<String>,
    /// Whether this district added it (and so may change it).
    pub ours: bool,
    /// How many cases name it: by a service, a plan, or as the placement agency.
    pub cases: u32,
}

/// Checks an organisation document (the fields of [`ORGANISATION`]) against the one stored, if
/// any: the fields that change, or every problem found.
fn checked(
    doc: &Value,
    current: Option<&Map<String, Value>>,
    clock: &dyn Clock,
) -> Result<Map<String, Value>, CaseError> {
    let mut ck = Checker::new(today(clock));
    let Some(input) = doc.as_object() else {
        ck.report("", Problem::NotAnObject);
        ck.finish()?;
        return Ok(Map::new());
    };
    let changes = ck.entity("", &ORGANISATION, input, &[], &[], current);
    for required in ["name", "type"] {
        let value = changes.get(required).or_else(|| current.and_then(|c| c.get(required)));
        if value.is_none_or(Value::is_null) {
            ck.report(required, Problem::Required);
        }
    }
    ck.finish()?;
    Ok(changes)
}

/// Adds an organisation to the directory.
pub fn create(store: &mut Store, doc: &Value, clock: &dyn Clock, entropy: &dyn Entropy) -> Result<Uuid, CaseError> {
    let district = store.identity().district.clone();
    let id = DistrictIds::new(entropy, &district).uuid();
    let fields: Map<String, Value> = checked(doc, None, clock)?.into_iter().filter(|(_, v)| !v.is_null()).collect();
    let mut batch = store.batch(clock)?;
    batch.create(EntityKind::Organisation, id, fields)?;
    batch.commit()?;
    Ok(id)
}

/// Changes the fields a document gives; returns how many changed. Only the district that added
/// the organisation may change it (the op log's authority check refuses anyone else).
pub fn update(store: &mut Store, id: Uuid, doc: &Value, clock: &dyn Clock) -> Result<usize, CaseError> {
    let current = view::read(&store.conn, EntityKind::Organisation, id)?.ok_or(CaseError::OrganisationNotFound)?;
    let changes = checked(doc, Some(&current), clock)?;
    let n = changes.len();
    let mut batch = store.batch(clock)?;
    for (field, value) in changes {
        batch.set(EntityKind::Organisation, id, &field, value)?;
    }
    batch.commit()?;
    Ok(n)
}

/// The directory, by name.
pub fn list(store: &Store) -> Result<Vec<Organisation>, CaseError> {
    if !store.role().may_see(EntityKind::Organisation) {
        return Err(crate::store::StoreError::from(crate::model::roles::Forbidden(Permission::WriteRecords)).into());
    }
    let mut stmt = store.conn.prepare(
        "SELECT o.id, o.name, o.type, o.province, o.regency, o.address, o.phone, o.services, o.notes, o.licence_number,
                EXISTS (SELECT 1 FROM entities e JOIN device_keys d ON d.device_id = e.device
                        WHERE e.kind = 'organisation' AND e.id = o.id),
                (SELECT count(DISTINCT case_id) FROM (SELECT case_id FROM service WHERE organisation_id = o.id
                                                      UNION ALL SELECT case_id FROM plan WHERE organisation_id = o.id
                                                      UNION ALL SELECT id FROM case_file WHERE placement_agency_id = o.id))
         FROM organisation o ORDER BY o.name COLLATE NOCASE, o.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let services: Option<String> = r.get(7)?;
        Ok(Organisation {
            id: r.get::<_, String>(0)?.parse().unwrap_or_default(),
            name: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            kind: r.get(2)?,
            province: r.get(3)?,
            regency: r.get(4)?,
            address: r.get(5)?,
            phone: r.get(6)?,
            services: services.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default(),
            notes: r.get(8)?,
            licence_number: r.get(9)?,
            ours: r.get(10)?,
            cases: r.get(11)?,
        })
    })?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::ambient::{FixedClock, SeededEntropy};
    use serde_json::json;

    #[test]
    fn an_organisation_is_added_changed_and_named_by_services() {
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::new(chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap(), 5);
        let e = SeededEntropy::new(4);
        let mut store = crate::setup::test_store(&dir.path().join("s"), "53.03", 1, &clock);
        // Name and type are needed; a wrong code is named by its field.
        let err = create(&mut store, &json!({"name": "RPTC Kupang"}), &clock, &e).unwrap_err();
        assert!(matches!(err, CaseError::Invalid(ref i) if i.0.iter().any(|p| p.field == "type")), "{err:?}");
        let err = create(&mut store, &json!({"name": "X", "type": "Bakery"}), &clock, &e).unwrap_err();
        assert!(matches!(err, CaseError::Invalid(_)));
        let id = create(
            &mut store,
            &json!({"name": "RPTC Kupang", "type": "Rptc", "province": "53", "regency": "53.71",
                    "services": ["Shelter", "Psychosocial"]}),
            &clock,
            &e,
        )
        .unwrap();
        assert_eq!(update(&mut store, id, &json!({"phone": "0380 123"}), &clock).unwrap(), 1);
        assert_eq!(update(&mut store, id, &json!({"phone": "0380 123"}), &clock).unwrap(), 0);
        assert!(matches!(update(&mut store, Uuid::nil(), &json!({}), &clock), Err(CaseError::OrganisationNotFound)));

        // A service and a plan name it; an id not in the directory is refused.
        let doc = json!({"victim": {"first_name": "Maria"}, "intake": {"date": "2019-09-20"},
            "services": [{"type": "Shelter", "organisation_id": id.to_string(), "stage": "SocialRehabilitation"}],
            "plans": [{"kind": "Reintegration", "type": "SkillsTraining", "organisation_id": id.to_string(),
                       "goals": ["Menjahit", "Membuka usaha"], "planned_end_date": "2026-03-01"}]});
        let case = crate::records::cases::create(&mut store, &doc, &clock, &e).unwrap();
        let bad = json!({"plans": [{"kind": "Support", "organisation_id": Uuid::from_u128(7).to_string()}]});
        let err = crate::records::cases::update(&mut store, &case.id.to_string(), &bad, &clock, &e).unwrap_err();
        assert!(
            matches!(err, CaseError::Invalid(ref i) if i.0.iter().any(|p| p.field == "plans[0].organisation_id" && p.problem == Problem::UnknownOrganisation)),
            "{err:?}"
        );
        let listed = list(&store).unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(
            (listed[0].name.as_str(), listed[0].kind.as_deref(), listed[0].ours, listed[0].cases),
            ("RPTC Kupang", Some("Rptc"), true, 1)
        );
        assert_eq!(listed[0].services, ["Shelter", "Psychosocial"]);
        let shown = crate::records::cases::show(&store, &case.case_number).unwrap();
        assert_eq!(shown["plans"][0]["goals"], json!(["Menjahit", "Membuka usaha"]));
        assert_eq!(shown["plans"][0]["progress"], "NotStarted");
        assert_eq!(shown["services"][0]["stage"], "SocialRehabilitation");

        // A placement agency with its licence, named by two cases; an unknown one is refused.
        let agency = create(
            &mut store,
            &json!({"name": "PT Contoh", "type": "PlacementAgency", "licence_number": "KEP.123/2020"}),
            &clock,
            &e,
        )
        .unwrap();
        for name in ["Yohana", "Siti"] {
            let doc = json!({"victim": {"first_name": name}, "intake": {"date": "2019-09-21"},
                             "placement_agency_id": agency.to_string()});
            crate::records::cases::create(&mut store, &doc, &clock, &e).unwrap();
        }
        let unknown = json!({"victim": {"first_name": "X"}, "intake": {"date": "2019-09-21"},
                             "placement_agency_id": Uuid::from_u128(9).to_string()});
        let err = crate::records::cases::create(&mut store, &unknown, &clock, &e).unwrap_err();
        assert!(matches!(err, CaseError::Invalid(ref i) if i.0[0].field == "placement_agency_id"), "{err:?}");
        let listed = list(&store).unwrap();
        let pt = listed.iter().find(|o| o.id == agency).unwrap();
        assert_eq!((pt.cases, pt.licence_number.as_deref()), (2, Some("KEP.123/2020")));
    }
}
