//! Referrals between districts: sent by the district that identified the victim, decided by the
//! district that receives her, completed after return and reintegration.
//!
//! Status moves along a lattice (Draft < Sent < Received < Accepted | Declined < Completed) that
//! merge never moves backwards. Only the receiving district may accept, decline or complete;
//! the core refuses anyone else here, and every district refuses such ops on import.

use crate::log::view::{self, referral_rank};
use crate::model::codes;
use crate::model::schema::EntityKind;
use crate::model::validate::{Checker, Problem};
use crate::records::cases::{self, CaseError};
use crate::store::Store;
use crate::support::ambient::{Clock, Entropy};
use rusqlite::OptionalExtension;
use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum ReferralError {
    #[error(transparent)]
    Case(#[from] CaseError),
    #[error("no referral with this id")]
    NotFound,
    #[error("only the receiving district may decide or complete a referral")]
    NotReceiver,
    #[error("the referral is already {0}")]
    AlreadyDecided(String),
    #[error("the referral must be accepted before it is completed")]
    NotAccepted,
    #[error("the victim's consent does not cover sharing with this district")]
    ConsentMissing,
}

impl From<rusqlite::Error> for ReferralError {
    fn from(e: rusqlite::Error) -> Self {
        ReferralError::Case(e.into())
    }
}

impl From<crate::log::oplog::OpLogError> for ReferralError {
    fn from(e: crate::log::oplog::OpLogError) -> Self {
        ReferralError::Case(e.into())
    }
}

/// What the sending district asks for.
#[derive(Debug, Clone, Default)]
pub struct NewReferral<'a> {
    pub to_district: &'a str,
    pub reason: Option<&'a str>,
    pub details: &'a str,
    pub services: Vec<String>,
    /// Sending although consent does not cover the district: why (recorded, travels along).
    pub consent_override: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Referral {
    pub id: Uuid,
    pub case_id: Uuid,
    pub case_number: String,
    pub from_district: String,
    pub to_district: String,
    pub status: String,
    pub reason: Option<String>,
    pub details: Option<String>,
    pub services_requested: Vec<String>,
    pub response_note: Option<String>,
}

fn consent_covers(store: &Store, case_id: Uuid, district: &str) -> Result<bool, ReferralError> {
    Ok(store
        .conn
        .query_row(
            "SELECT 1 FROM consent k, json_each(k.share_districts) d
             WHERE k.id = ?1 AND k.withdrawn_on IS NULL AND d.value = ?2",
            (case_id.to_string(), district),
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Refers a case to another district. It leaves with the next bundle for that district.
pub fn create(
    store: &mut Store,
    case: &str,
    req: &NewReferral<'_>,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
) -> Result<Uuid, ReferralError> {
    let district = store.identity().district.clone();
    let ids = crate::support::ambient::DistrictIds::new(entropy, &district);
    let entropy: &dyn Entropy = &ids;
    let case_id = cases::resolve(store, case)?;
    let own = store.identity().district.clone();
    let mut ck = Checker::new(clock.now().date_naive());
    if !crate::model::validate::is_regency(req.to_district) || req.to_district == own {
        ck.report("to", Problem::BadRegency);
    }
    if req.reason.is_some_and(|r| !codes::REFERRAL_REASON.contains(r)) {
        ck.report(
            "reason",
            Problem::UnknownCode { list: "referral_reason", examples: vec!["MigrationOrChangeOfLocation"] },
        );
    }
    for (i, s) in req.services.iter().enumerate() {
        if !codes::SERVICE_TYPE.contains(s) {
            ck.report(
                format!("services[{i}]"),
                Problem::UnknownCode { list: "service_type", examples: vec!["Shelter", "Health"] },
            );
        }
    }
    if req.details.trim().is_empty() {
        ck.report("reason", Problem::Required);
    }
    ck.finish().map_err(CaseError::from)?;
    let override_reason = req.consent_override.map(str::trim).filter(|r| !r.is_empty());
    if override_reason.is_none() && !consent_covers(store, case_id, req.to_district)? {
        return Err(ReferralError::ConsentMissing);
    }
    let id = entropy.uuid();
    let mut fields = Map::new();
    fields.insert("case_id".into(), Value::String(case_id.to_string()));
    fields.insert("from_district".into(), Value::String(own));
    fields.insert("to_district".into(), Value::String(req.to_district.into()));
    if let Some(r) = req.reason {
        fields.insert("reason".into(), Value::String(r.into()));
    }
    fields.insert("details".into(), Value::String(req.details.trim().into()));
    fields.insert("services_requested".into(), Value::from(req.services.clone()));
    if let Some(o) = override_reason {
        fields.insert("consent_override".into(), Value::String(o.into()));
    }
    fields.insert("status".into(), Value::String("Draft".into()));
    let mut batch = store.batch(clock)?;
    batch.create(EntityKind::Referral, id, fields)?;
    batch.commit()?;
    Ok(id)
}

fn load(store: &Store, id: Uuid) -> Result<Referral, ReferralError> {
    let m =
        view::read(&store.conn, EntityKind::Referral, id).map_err(CaseError::from)?.ok_or(ReferralError::NotFound)?;
    Ok(from_map(store, &m))
}

/// A referral as the operator's role may read it: free text such as the details, the reason and
/// the response note is left out for a role whose table does not list it.
fn from_map(store: &Store, m: &Map<String, Value>) -> Referral {
    let mut m = m.clone();
    store.role().redact(EntityKind::Referral, &mut m);
    let s = |k: &str| m.get(k).and_then(Value::as_str).map(str::to_string);
    let case_id: Uuid = s("case_id").and_then(|c| c.parse().ok()).unwrap_or_default();
    let case_number = store
        .conn
        .query_row("SELECT case_number FROM case_file WHERE id = ?1", [case_id.to_string()], |r| r.get(0))
        .unwrap_or_default();
    Referral {
        id: s("id").and_then(|c| c.parse().ok()).unwrap_or_default(),
        case_id,
        case_number,
        from_district: s("from_district").unwrap_or_default(),
        to_district: s("to_district").unwrap_or_default(),
        status: s("status").unwrap_or_default(),
        reason: s("reason"),
        details: s("details"),
        services_requested: m
            .get("services_requested")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
            .unwrap_or_default(),
        response_note: s("response_note"),
    }
}

/// Accepts (`true`) or declines a referral received by this district.
pub fn decide(
    store: &mut Store,
    id: Uuid,
    accept: bool,
    note: Option<&str>,
    clock: &dyn Clock,
) -> Result<Referral, ReferralError> {
    let r = load(store, id)?;
    if r.to_district != store.identity().district {
        return Err(ReferralError::NotReceiver);
    }
    if referral_rank(&r.status) >= 3 {
        return Err(ReferralError::AlreadyDecided(r.status));
    }
    let mut batch = store.batch(clock)?;
    batch.set(
        EntityKind::Referral,
        id,
        "status",
        Value::String(if accept { "Accepted" } else { "Declined" }.into()),
    )?;
    if let Some(n) = note.map(str::trim).filter(|n| !n.is_empty()) {
        batch.set(EntityKind::Referral, id, "response_note", Value::String(n.into()))?;
    }
    batch.commit()?;
    load(store, id)
}

/// Marks an accepted referral completed: the person is back with family and followed up.
pub fn complete(store: &mut Store, id: Uuid, clock: &dyn Clock) -> Result<Referral, ReferralError> {
    let r = load(store, id)?;
    if r.to_district != store.identity().district {
        return Err(ReferralError::NotReceiver);
    }
    if r.status != "Accepted" {
        return Err(ReferralError::NotAccepted);
    }
    let mut batch = store.batch(clock)?;
    batch.set(EntityKind::Referral, id, "status", Value::String("Completed".into()))?;
    batch.commit()?;
    load(store, id)
}

/// Every referral this store knows, sent or received.
pub fn list(store: &Store) -> Result<Vec<Referral>, ReferralError> {
    let mut stmt = store.conn.prepare("SELECT id FROM referral ORDER BY id")?;
    let ids: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for id in ids {
        if let Ok(id) = id.parse() {
            out.push(load(store, id)?);
        }
    }
    out.sort_by(|a, b| (&a.case_number, a.id).cmp(&(&b.case_number, b.id)));
    Ok(out)
}

/// Shares a case with a district without referring it.
pub fn share(
    store: &mut Store,
    case: &str,
    district: &str,
    reason: &str,
    consent_override: Option<&str>,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
) -> Result<Uuid, ReferralError> {
    let own = store.identity().district.clone();
    let ids = crate::support::ambient::DistrictIds::new(entropy, &own);
    let entropy: &dyn Entropy = &ids;
    let case_id = cases::resolve(store, case)?;
    let mut ck = Checker::new(clock.now().date_naive());
    if !crate::model::validate::is_regency(district) || district == store.identity().district {
        ck.report("with", Problem::BadRegency);
    }
    if reason.trim().is_empty() {
        ck.report("reason", Problem::Required);
    }
    ck.finish().map_err(CaseError::from)?;
    let override_reason = consent_override.map(str::trim).filter(|r| !r.is_empty());
    if override_reason.is_none() && !consent_covers(store, case_id, district)? {
        return Err(ReferralError::ConsentMissing);
    }
    let id = entropy.uuid();
    let mut fields = Map::new();
    fields.insert("case_id".into(), Value::String(case_id.to_string()));
    fields.insert("district".into(), Value::String(district.into()));
    fields.insert("reason".into(), Value::String(reason.trim().into()));
    if let Some(o) = override_reason {
        fields.insert("consent_override".into(), Value::String(o.into()));
    }
    let mut batch = store.batch(clock)?;
    batch.create(EntityKind::Share, id, fields)?;
    batch.commit()?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::ambient::{FixedClock, SeededEntropy};
    use serde_json::json;

    fn clock() -> FixedClock {
        FixedClock::new(chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap(), 1)
    }

    fn request<'a>(override_reason: Option<&'a str>) -> NewReferral<'a> {
        NewReferral {
            to_district: "53.03",
            reason: Some("MigrationOrChangeOfLocation"),
            details: "Pemulangan ke Maubesi",
            services: vec!["Repatriation".into()],
            consent_override: override_reason,
        }
    }

    /// A referral needs the victim's consent for the district (or a reason recorded with it);
    /// only the receiving district decides, once; the sender cannot accept its own referral.
    #[test]
    fn consent_and_the_receiver_decide() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::setup::test_store(dir.path(), "65.03", 1, &clock());
        let doc = json!({"victim": {"first_name": "Maria"}, "intake": {"date": "2019-09-20"}});
        let case = crate::records::cases::create(&mut store, &doc, &clock(), &SeededEntropy::new(2)).unwrap();
        let case = case.id.to_string();
        let refused = create(&mut store, &case, &request(None), &clock(), &SeededEntropy::new(3));
        assert!(matches!(refused, Err(ReferralError::ConsentMissing)));
        assert!(list(&store).unwrap().is_empty());
        let id =
            create(&mut store, &case, &request(Some("Korban setuju secara lisan")), &clock(), &SeededEntropy::new(4))
                .unwrap();
        let r = &list(&store).unwrap()[0];
        assert_eq!((r.id, r.status.as_str(), r.to_district.as_str()), (id, "Draft", "53.03"));
        assert!(matches!(decide(&mut store, id, true, None, &clock()), Err(ReferralError::NotReceiver)));
        assert!(matches!(complete(&mut store, id, &clock()), Err(ReferralError::NotReceiver)));
        assert_eq!(list(&store).unwrap()[0].status, "Draft");
    }
}
