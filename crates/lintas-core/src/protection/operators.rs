//! The operators of one laptop: several accounts, each with a passphrase of its own wrapping the
//! same database key, and a role (roles.rs) that the core enforces.
//!
//! An operator is an entity like any other, so who they are and every change of their role goes
//! through the op log and is attributed to the coordinator who made it. Their passphrase is not
//! data: it lives only as a slot in the key file.

use crate::log::oplog::OpLogError;
use crate::model::roles::{Permission, Role};
use crate::model::schema::EntityKind;
use crate::model::validate::{self, Checker, Invalid, Problem};
use crate::protection::rekey::{self, Rotated};
use crate::store::keyfile::KdfParams;
use crate::store::{Store, StoreError};
use crate::support::ambient::{Clock, Entropy};
use crate::support::secret::{Passphrase, RecoveryKey};
use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum OperatorError {
    #[error("no operator of this district with this id")]
    NotFound,
    #[error("the last active coordinator cannot be demoted or removed")]
    LastCoordinator,
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error(transparent)]
    OpLog(#[from] OpLogError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for OperatorError {
    fn from(e: rusqlite::Error) -> Self {
        OperatorError::Store(e.into())
    }
}

/// An operator as the list of operators shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Operator {
    pub id: Uuid,
    pub name: String,
    pub role: Role,
    pub active: bool,
    /// Has a passphrase on this laptop.
    pub can_unlock: bool,
    /// Is the operator working now.
    pub current: bool,
}

/// The operators of this district known to this store, the set-up operator first.
pub fn list(store: &Store) -> Result<Vec<Operator>, OperatorError> {
    let founding = store.founding_operator();
    let mut stmt = store.conn.prepare(
        "SELECT o.id, o.name, o.role, o.active FROM operator o JOIN entities e ON e.kind = 'operator' AND e.id = o.id
         WHERE o.district = ?1 ORDER BY o.id <> ?2, e.device, e.seq",
    )?;
    let rows = stmt.query_map((&store.identity().district, founding.to_string()), |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?, r.get(3)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name, role, active): (String, Option<String>, Option<String>, Option<bool>) = row?;
        let Ok(id) = id.parse::<Uuid>() else { continue };
        out.push(Operator {
            id,
            name: name.unwrap_or_default(),
            role: effective_role(role.as_deref(), id == founding),
            active: active.unwrap_or(true),
            can_unlock: store.operator_has_passphrase(id)?,
            current: id == store.identity().operator_id,
        });
    }
    Ok(out)
}

/// The role an operator row stands for. Rows written before roles existed have none: the set-up
/// operator is the coordinator, and there were no others.
pub(crate) fn effective_role(code: Option<&str>, founding: bool) -> Role {
    match code.and_then(Role::parse) {
        Some(role) => role,
        None if founding => Role::Coordinator,
        None => Role::ReadOnly,
    }
}

/// The role of the operator who opened the store; a removed operator cannot open it.
pub(crate) fn operator_role(conn: &rusqlite::Connection, operator: Uuid, founding: Uuid) -> Result<Role, StoreError> {
    use rusqlite::OptionalExtension;
    let row: Option<(Option<String>, Option<bool>)> = conn
        .query_row("SELECT role, active FROM operator WHERE id = ?1", [operator.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    match row {
        Some((_, Some(false))) => Err(StoreError::Key(crate::store::keyfile::KeyError::WrongPassphrase)),
        Some((code, _)) => Ok(effective_role(code.as_deref(), operator == founding)),
        None if operator == founding => Ok(Role::Coordinator),
        None => Err(StoreError::Damaged),
    }
}

impl Store {
    /// Reads the working operator's role again, after a coordinator changed it (their own
    /// included): a demotion takes effect at once, and a removed operator can do nothing more.
    pub(crate) fn refresh_role(&mut self) -> Result<(), StoreError> {
        self.role = match operator_role(&self.conn, self.identity.operator_id, self.founding_operator) {
            Ok(role) => role,
            Err(StoreError::Key(_)) => Role::ReadOnly,
            Err(e) => return Err(e),
        };
        Ok(())
    }
}

/// What a coordinator says about a new operator.
#[derive(Debug)]
pub struct NewOperator<'a> {
    pub name: &'a str,
    pub role: Role,
    pub passphrase: &'a Passphrase,
    pub kdf: KdfParams,
}

/// Adds an operator with a passphrase of their own. Coordinators only.
pub fn add(
    store: &mut Store,
    new: &NewOperator<'_>,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
) -> Result<Uuid, OperatorError> {
    let district = store.identity().district.clone();
    let ids = crate::support::ambient::DistrictIds::new(entropy, &district);
    let entropy: &dyn Entropy = &ids;
    store.require(Permission::ManageOperators)?;
    let name = new.name.trim();
    let mut ck = Checker::new(clock.now().date_naive());
    if name.is_empty() {
        ck.report("name", Problem::Required);
    } else if name.chars().count() > validate::MAX_TEXT {
        ck.report("name", Problem::TooLong { max: validate::MAX_TEXT });
    }
    ck.finish()?;
    let id = entropy.uuid();
    // The passphrase is checked before anything is written, so that a refused passphrase does
    // not leave an operator who cannot unlock.
    store.check_new_passphrase(id, new.passphrase)?;
    let mut fields = Map::new();
    fields.insert("name".into(), Value::String(name.to_string()));
    fields.insert("district".into(), Value::String(store.identity().district.clone()));
    fields.insert("role".into(), Value::String(new.role.code().into()));
    fields.insert("active".into(), Value::Bool(true));
    let mut batch = store.batch(clock)?;
    batch.create(EntityKind::Operator, id, fields)?;
    batch.commit()?;
    store.set_operator_passphrase(id, new.passphrase, new.kdf, entropy)?;
    Ok(id)
}

/// Changes an operator's role. Coordinators only; the last coordinator stays one.
pub fn set_role(store: &mut Store, id: Uuid, role: Role, clock: &dyn Clock) -> Result<(), OperatorError> {
    store.require(Permission::ManageOperators)?;
    let current = find(store, id)?;
    if current.role == Role::Coordinator && role != Role::Coordinator && !another_coordinator(store, id)? {
        return Err(OperatorError::LastCoordinator);
    }
    let mut batch = store.batch(clock)?;
    batch.set(EntityKind::Operator, id, "role", Value::String(role.code().into()))?;
    batch.commit()?;
    store.refresh_role()?;
    Ok(())
}

/// Removes an operator, the one who set the store up included: their slot leaves the key file
/// and the database key changes (`rekey`), so that neither their passphrase nor an old copy of
/// the key file opens the store any more. What they wrote stays, attributed to them.
/// Coordinators only; the last coordinator cannot be removed. `recovery` is needed only for a
/// key file older than key rotation; `progress` follows the re-encryption.
pub fn remove(
    store: &mut Store,
    id: Uuid,
    recovery: Option<&RecoveryKey>,
    clock: &dyn Clock,
    entropy: &dyn Entropy,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Rotated, OperatorError> {
    store.require(Permission::ManageOperators)?;
    let current = find(store, id)?;
    if current.role == Role::Coordinator && !another_coordinator(store, id)? {
        return Err(OperatorError::LastCoordinator);
    }
    rekey::check_can_rotate(store, recovery)?;
    // Alone with the store from here: no other process may write while its key changes.
    store.lock_exclusive()?;
    let removed = (|| -> Result<Rotated, OperatorError> {
        let mut batch = store.batch(clock)?;
        batch.set(EntityKind::Operator, id, "active", Value::Bool(false))?;
        batch.commit()?;
        // From here the removal stands even if the key cannot change now: the key file says
        // a rotation is due, and the next open finishes it.
        store.remove_operator_passphrase(id)?;
        let rotated = rekey::rotate_locked(store, recovery, entropy, progress)?;
        crate::log::access::record(store, crate::log::access::Action::RotateKeys, &rotated.pages.to_string(), clock)?;
        Ok(rotated)
    })();
    store.lock_shared()?;
    store.refresh_role()?;
    removed
}

/// Sets a new passphrase for an operator who forgot theirs. Coordinators only.
pub fn reset_passphrase(
    store: &Store,
    id: Uuid,
    passphrase: &Passphrase,
    kdf: KdfParams,
    entropy: &dyn Entropy,
) -> Result<(), OperatorError> {
    store.require(Permission::ManageOperators)?;
    if !find(store, id)?.active {
        return Err(OperatorError::NotFound);
    }
    store.set_operator_passphrase(id, passphrase, kdf, entropy)?;
    Ok(())
}

fn find(store: &Store, id: Uuid) -> Result<Operator, OperatorError> {
    list(store)?.into_iter().find(|o| o.id == id).ok_or(OperatorError::NotFound)
}

fn another_coordinator(store: &Store, id: Uuid) -> Result<bool, OperatorError> {
    Ok(list(store)?.iter().any(|o| o.id != id && o.active && o.role == Role::Coordinator))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::setup::test_store;
    use crate::store::Store;
    use crate::support::ambient::{FixedClock, SeededEntropy};

    const CHEAP: KdfParams = KdfParams { m_kib: 1024, t: 1, p: 1 };

    fn clock() -> FixedClock {
        FixedClock::new(chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap(), 1)
    }

    fn drop_one(store: &mut Store, id: Uuid) -> Result<Rotated, OperatorError> {
        remove(store, id, None, &clock(), &SeededEntropy::new(99), &mut |_, _| {})
    }

    fn add_one(store: &mut Store, name: &str, role: Role, pass: &str, seed: u64) -> Uuid {
        let p = Passphrase::new(pass);
        let new = NewOperator { name, role, passphrase: &p, kdf: CHEAP };
        add(store, &new, &clock(), &SeededEntropy::new(seed)).unwrap()
    }

    #[test]
    fn each_operator_unlocks_as_themselves_with_their_role() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = test_store(dir.path(), "65.03", 1, &clock());
        let worker = add_one(&mut store, "Rina", Role::CaseWorker, "pendamping kasus rina", 2);
        let founding = store.identity().operator_id;
        drop(store);
        let store = Store::open(dir.path(), &Passphrase::new("pendamping kasus rina")).unwrap();
        assert_eq!((store.identity().operator_id, store.role()), (worker, Role::CaseWorker));
        let ops = list(&store).unwrap();
        assert_eq!(ops.len(), 2);
        assert_eq!((ops[0].id, ops[0].role, ops[0].current), (founding, Role::Coordinator, false));
        assert!(ops[1].current && ops[1].can_unlock);
        drop(store);
        let store = Store::open(dir.path(), &Passphrase::new("kata sandi panjang")).unwrap();
        assert_eq!((store.identity().operator_id, store.role()), (founding, Role::Coordinator));
    }

    #[test]
    fn only_coordinators_manage_operators_and_one_always_remains() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = test_store(dir.path(), "65.03", 1, &clock());
        let founding = store.identity().operator_id;
        let worker = add_one(&mut store, "Rina", Role::CaseWorker, "pendamping kasus rina", 2);
        assert!(matches!(
            set_role(&mut store, founding, Role::CaseWorker, &clock()),
            Err(OperatorError::LastCoordinator)
        ));
        assert!(matches!(drop_one(&mut store, founding), Err(OperatorError::LastCoordinator)));
        // A coordinator who hands the role on and steps down loses it at once, not at the
        // next unlock.
        let second = add_one(&mut store, "Yosef", Role::Coordinator, "koordinator kedua", 4);
        set_role(&mut store, founding, Role::CaseWorker, &clock()).unwrap();
        assert_eq!(store.role(), Role::CaseWorker);
        assert!(matches!(set_role(&mut store, second, Role::ReadOnly, &clock()), Err(OperatorError::Store(_))));
        drop(store);
        let mut store = Store::open(dir.path(), &Passphrase::new("koordinator kedua")).unwrap();
        set_role(&mut store, founding, Role::Coordinator, &clock()).unwrap();
        drop_one(&mut store, second).unwrap();
        drop(store);
        let mut store = Store::open(dir.path(), &Passphrase::new("pendamping kasus rina")).unwrap();
        let p = Passphrase::new("petugas baru sekali");
        let new = NewOperator { name: "X", role: Role::Coordinator, passphrase: &p, kdf: CHEAP };
        let refused = add(&mut store, &new, &clock(), &SeededEntropy::new(3));
        assert!(matches!(refused, Err(OperatorError::Store(StoreError::Forbidden(_)))));
        assert!(matches!(set_role(&mut store, worker, Role::Coordinator, &clock()), Err(OperatorError::Store(_))));
        assert_eq!(list(&store).unwrap().len(), 3);
    }

    #[test]
    fn a_removed_operator_cannot_unlock_and_a_passphrase_is_not_shared() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = test_store(dir.path(), "65.03", 1, &clock());
        let staff = add_one(&mut store, "Dewi", Role::ShelterStaff, "petugas rumah aman", 2);
        let p = Passphrase::new("petugas rumah aman");
        let twin = NewOperator { name: "Lain", role: Role::ReadOnly, passphrase: &p, kdf: CHEAP };
        assert!(matches!(
            add(&mut store, &twin, &clock(), &SeededEntropy::new(3)),
            Err(OperatorError::Store(StoreError::PassphraseInUse))
        ));
        assert_eq!(list(&store).unwrap().len(), 2, "a refused passphrase leaves no operator behind");
        drop_one(&mut store, staff).unwrap();
        drop(store);
        assert!(Store::open(dir.path(), &Passphrase::new("petugas rumah aman")).is_err());
        let store = Store::open(dir.path(), &Passphrase::new("kata sandi panjang")).unwrap();
        let dewi = list(&store).unwrap().into_iter().find(|o| o.id == staff).unwrap();
        assert!(!dewi.active && !dewi.can_unlock);
    }
}
