//! Alerts: what an import refused, parked or turned into a request, for a person to act on.
//!
//! Every refusal of something a peer sent — a whole bundle or one op in it — leaves one alert
//! here, naming the rule it broke, the district the op or bundle claimed to come from, the
//! device, and the district whose bundle carried it. The shells turn the rule into words and
//! into what to do (call the district's focal point, revoke the device, confirm an erasure).
//! Alerts hold ids and district codes only, never case content.

use crate::model::roles::Permission;
use crate::store::{Store, StoreError};
use crate::support::ambient::Clock;
use rusqlite::Connection;
use serde::Serialize;
use uuid::Uuid;

/// Why something a peer sent was not applied as it came. The codes are stable: the shells and
/// scripts rely on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename_all = "snake_case"))]
pub enum Rule {
    // Whole bundles.
    /// The header names another district than the one the signing device belongs to.
    Impersonation,
    /// The sender's card lists devices of another district, or revokes them.
    ForeignCard,
    // Authenticity of one op.
    /// The op's bytes do not hash to what it claims: altered on the way.
    ForgedOp,
    /// The op is not covered by a valid signature of its author device.
    Unsigned,
    /// The op's author device is not in this store's trust directory.
    UnknownDevice,
    /// The author device was revoked before it wrote the op.
    RevokedDevice,
    /// The same op id with other content: the author device signed two histories.
    Equivocation,
    /// The op cannot be read.
    Malformed,
    // Validity of one op.
    /// A value no local write would accept (unknown code, over-long text, future date, …).
    InvalidValue,
    /// Stamped more than a day ahead of this laptop's clock, or with an impossible counter.
    FutureClock,
    /// Creates a record that already exists here under another creation.
    DuplicateCreate,
    /// Creates a record under an id that another district minted.
    ForeignId,
    // Authority of one op.
    /// Only the district that owns the case may do this.
    NotOwner,
    /// Only the owning district, or a district that accepted a referral of the case.
    NotCarer,
    /// Only the district that wrote this record may change it.
    NotCreator,
    /// Only the receiving district decides or completes a referral.
    NotReceiver,
    /// Only the referring district writes a referral's request.
    NotSender,
    /// Operators are a district's own business.
    OtherDistrictsOperator,
    /// Records that never leave the district that made them.
    LocalOnly,
    /// An erasure from a district that does not own the case: a request for a coordinator.
    ErasureRequest,
    /// A best-interest approval that names someone other than its writer, or a writer who is
    /// not a coordinator of the district that wrote it.
    ForgedApproval,
    // Limits.
    /// Too many ops from one district wait for records that never came.
    WaitingLimit,
    /// Attachment contents that no attachment in the bundle named.
    OrphanBlob,
}

impl Rule {
    pub fn code(self) -> &'static str {
        use Rule::*;
        match self {
            Impersonation => "impersonation",
            ForeignCard => "foreign_card",
            ForgedOp => "forged_op",
            Unsigned => "unsigned",
            UnknownDevice => "unknown_device",
            RevokedDevice => "revoked_device",
            Equivocation => "equivocation",
            Malformed => "malformed",
            InvalidValue => "invalid_value",
            FutureClock => "future_clock",
            DuplicateCreate => "duplicate_create",
            ForeignId => "foreign_id",
            NotOwner => "not_owner",
            NotCarer => "not_carer",
            NotCreator => "not_creator",
            NotReceiver => "not_receiver",
            NotSender => "not_sender",
            OtherDistrictsOperator => "other_districts_operator",
            LocalOnly => "local_only",
            ErasureRequest => "erasure_request",
            ForgedApproval => "forged_approval",
            WaitingLimit => "waiting_limit",
            OrphanBlob => "orphan_blob",
        }
    }

    pub const ALL: [Rule; 23] = [
        Rule::Impersonation,
        Rule::ForeignCard,
        Rule::ForgedOp,
        Rule::Unsigned,
        Rule::UnknownDevice,
        Rule::RevokedDevice,
        Rule::Equivocation,
        Rule::Malformed,
        Rule::InvalidValue,
        Rule::FutureClock,
        Rule::DuplicateCreate,
        Rule::ForeignId,
        Rule::NotOwner,
        Rule::NotCarer,
        Rule::NotCreator,
        Rule::NotReceiver,
        Rule::NotSender,
        Rule::OtherDistrictsOperator,
        Rule::LocalOnly,
        Rule::ErasureRequest,
        Rule::ForgedApproval,
        Rule::WaitingLimit,
        Rule::OrphanBlob,
    ];

    pub fn parse(code: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The alert's kind: `request` for an erasure request, `bundle` for a whole bundle refused,
    /// `refused` for one op.
    fn kind(self) -> &'static str {
        match self {
            Rule::ErasureRequest => "request",
            Rule::Impersonation | Rule::ForeignCard => "bundle",
            _ => "refused",
        }
    }
}

/// One alert as the shells show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Alert {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub at: String,
    /// `refused` (one op), `bundle` (a whole bundle), `request` (an erasure to confirm).
    pub kind: String,
    /// A [`Rule`] code, or `legacy` for an alert recorded before rules were named.
    pub rule: String,
    /// The district the op or the bundle claimed to come from, when known.
    pub district: Option<String>,
    /// The device that signed, or claimed to have written, what was refused.
    pub device: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq: i64,
    /// The district whose bundle carried it.
    pub sender: Option<String>,
    /// For an erasure request: the case it concerns, by number, when this store holds it.
    pub case_number: Option<String>,
    /// When a person marked it as dealt with.
    pub dismissed_at: Option<String>,
}

/// Where a refused thing came from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Source {
    /// The district of the device that claimed it, when known.
    pub district: Option<String>,
    pub device: Uuid,
    pub seq: u64,
    /// The district whose bundle carried it.
    pub sender: Option<String>,
    pub entity: Option<(&'static str, Uuid)>,
    /// For an alert about a whole bundle: the bundle. Raised once per bundle, where an op's
    /// alert is raised once per op.
    pub bundle: Option<Uuid>,
}

/// Records an alert. The same rule about the same op is recorded once, however often the op
/// is offered again; about a whole bundle, once per bundle. Returns whether it is new.
pub(crate) fn raise(conn: &Connection, rule: Rule, source: &Source, clock: &dyn Clock) -> rusqlite::Result<bool> {
    let inserted = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO alerts (at, kind, device, seq, rule, district, sender, entity, entity_id, bundle)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(rusqlite::params![
            clock.now().to_rfc3339(),
            rule.kind(),
            source.device.to_string(),
            source.seq as i64,
            rule.code(),
            source.district,
            source.sender,
            source.entity.map(|(k, _)| k),
            source.entity.map(|(_, id)| id.to_string()),
            source.bundle.map(|b| b.to_string()).unwrap_or_default(),
        ])?;
    Ok(inserted > 0)
}

/// Every alert, newest first.
pub fn list(store: &Store) -> Result<Vec<Alert>, StoreError> {
    store.require(Permission::ReadAudit)?;
    list_on(&store.conn)
}

pub(crate) fn list_on(conn: &Connection) -> Result<Vec<Alert>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT a.id, a.at, a.kind, a.rule, a.district, a.device, a.seq, a.sender,
                (SELECT c.case_number FROM party p JOIN case_file c ON c.id = p.case_id
                 WHERE p.person_id = a.entity_id
                 UNION ALL SELECT case_number FROM case_file WHERE victim_id = a.entity_id LIMIT 1),
                a.dismissed_at
         FROM alerts a ORDER BY a.id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        let kind: String = r.get(2)?;
        let rule: String = r.get(3)?;
        Ok(Alert {
            id: r.get(0)?,
            at: r.get(1)?,
            // Alerts written before schema 10 have a kind only (`refused`, `equivocation`,
            // `future_clock`).
            rule: if Rule::parse(&rule).is_some() { rule } else { "legacy".into() },
            kind: if matches!(kind.as_str(), "refused" | "bundle" | "request") { kind } else { "refused".into() },
            district: r.get(4)?,
            device: r.get(5)?,
            seq: r.get(6)?,
            sender: r.get(7)?,
            case_number: r.get(8)?,
            dismissed_at: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many alerts nobody has dealt with yet: the count the navigation shows.
pub fn open_count(store: &Store) -> Result<u64, StoreError> {
    Ok(store.conn.query_row("SELECT count(*) FROM alerts WHERE dismissed_at IS NULL", [], |r| r.get::<_, i64>(0))?
        as u64)
}

/// Marks an alert as dealt with. It stays in the list, with the time.
pub fn dismiss(store: &mut Store, id: i64, clock: &dyn Clock) -> Result<(), AlertError> {
    store.require(Permission::ManageTrust)?;
    let n = store.conn.execute(
        "UPDATE alerts SET dismissed_at = coalesce(dismissed_at, ?2) WHERE id = ?1",
        (id, clock.now().to_rfc3339()),
    )?;
    if n == 0 {
        return Err(AlertError::NotFound);
    }
    Ok(())
}

/// Marks every open erasure request about a person as dealt with: an erasure answered them.
pub(crate) fn answer_requests(conn: &Connection, person: Uuid, clock: &dyn Clock) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE alerts SET dismissed_at = ?2 WHERE kind = 'request' AND entity_id = ?1 AND dismissed_at IS NULL",
        (person.to_string(), clock.now().to_rfc3339()),
    )?;
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum AlertError {
    #[error("no alert with this id")]
    NotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for AlertError {
    fn from(e: rusqlite::Error) -> Self {
        AlertError::Store(e.into())
    }
}
